"""A deterministic generator of valid, balanced strategy documents of any size.

`document(n, seed)` builds a final strategy with the reference parties (the
nine ROMs, twelve provinces, thirteen principals), the three pillars and the
motions from `romstrategy.reference`, `n // 10` activities and `n`
allocations, and writes it with `romstrategy.dumps(..., "json")`.

- Activities come in clusters: one supra-regional activity of two or three
  ROMs (one of them the lead), plus one regional activity per ROM taking part,
  with the same theme and service and an overlapping period; the
  supra-regional activity lists them all in `complements`. Each cluster has its
  own theme, so no two clusters compete (rule RS203).
- Allocations draw from a few funding sources: the EUR 4 million of the Van
  Strien amendment, split exactly over its share of allocations, and generated
  sources whose amount is the sum of their allocations. Every source is thus
  balanced to the cent (RS101, RS102). An allocation either funds an activity
  (and then has its pillar, RS104) or a pillar as a whole. Periods are whole
  months within 2024-2027, inside the strategy's and the source's period
  (RS103).
"""

from __future__ import annotations

import pathlib
import random
from typing import Any

import attrs
import pendulum

import romstrategy as rs
from romstrategy import reference

__all__ = ["document", "strategy", "with_transactions", "zaken"]

THEMES = (
    "energy transition",
    "circular economy",
    "digitalisation",
    "health",
    "agri-food",
    "defence and security",
    "key technologies",
    "water",
    "mobility",
    "bio-based building",
    "semiconductors",
    "quantum",
)
SERVICES = tuple(rs.Service)
PILLARS = tuple(pillar.code for pillar in reference.PILLARS)
ROMS = tuple(rom.code for rom in reference.ROMS)
START_YEAR, END_YEAR = 2024, 2027
MONTHS = (END_YEAR - START_YEAR + 1) * 12


def _month_start(index: int) -> pendulum.Date:
    return pendulum.Date(START_YEAR + index // 12, index % 12 + 1, 1)


def _period(rng: random.Random, within: tuple[int, int] = (0, MONTHS)) -> rs.Period:
    """A period of whole months, from month `within[0]` to before `within[1]`."""
    first = rng.randrange(within[0], within[1])
    last = rng.randrange(first, min(within[1], first + 24))
    end = _month_start(last + 1).subtract(days=1)
    return rs.Period(_month_start(first), end)


def _activities(rng: random.Random, count: int) -> list[rs.Activity]:
    activities: list[rs.Activity] = []
    cluster = 0
    while len(activities) < count:
        cluster += 1
        roms = rng.sample(ROMS, rng.choice((2, 2, 3)))
        theme = f"{rng.choice(THEMES)} {cluster:05d}"
        service = rng.choice(SERVICES)
        pillar = rng.choice(PILLARS)
        months = (rng.randrange(0, MONTHS - 12), MONTHS)
        period = _period(rng, months)
        if len(activities) + 1 + len(roms) > count:
            # No room for a whole cluster: a regional activity on a theme of its own.
            activities.append(
                rs.Activity(
                    id=f"act-{cluster:05d}",
                    title=f"{theme} alone",
                    scope=rs.Scope.REGIONAL,
                    pillar=pillar,
                    roms=(roms[0],),
                    lead=roms[0],
                    theme=theme,
                    service=service,
                    period=period,
                )
            )
            continue
        regional_ids = [f"act-{cluster:05d}-{rom.lower()}" for rom in roms]
        activities.append(
            rs.Activity(
                id=f"act-{cluster:05d}",
                title=f"Together on {theme}",
                scope=rs.Scope.SUPRA_REGIONAL,
                pillar=pillar,
                roms=tuple(roms),
                lead=roms[0],
                theme=theme.title() if cluster % 7 == 0 else theme,  # rules fold the case
                service=service,
                period=period,
                complements=tuple(regional_ids),
            )
        )
        for rom, regional_id in zip(roms, regional_ids, strict=True):
            activities.append(
                rs.Activity(
                    id=regional_id,
                    title=f"{theme} in the region of {rom}",
                    scope=rs.Scope.REGIONAL,
                    pillar=pillar,
                    roms=(rom,),
                    lead=rom,
                    theme=theme,
                    service=service,
                    period=period,
                )
            )
    return activities


def _sources(count: int) -> list[tuple[str, str, rs.FundingKind, rs.Period | None]]:
    sources: list[tuple[str, str, rs.FundingKind, rs.Period | None]] = []
    for index in range(1, count + 1):
        kind = rs.FundingKind.STRUCTURAL if index % 2 else rs.FundingKind.INCIDENTAL
        year = START_YEAR + (index - 1) % 4
        period = None if index % 3 else rs.Period.years(year, END_YEAR)
        sources.append((f"fund-{index:02d}", f"Regional fund {index}", kind, period))
    return sources


def strategy(n: int, seed: int = 2024) -> rs.Strategy:
    """A valid, balanced strategy with `n` allocations and `n // 10` activities."""
    if n < 10:
        raise ValueError(f"n: got {n}, expected at least 10 allocations")
    rng = random.Random(seed)
    activities = _activities(rng, n // 10)
    extra_sources = _sources(max(2, min(20, n // 5000)))
    van_strien = reference.VAN_STRIEN_FUNDS
    share = max(1, n // 10)  # allocations of the EUR 4 million

    rows: list[dict[str, Any]] = []
    for index in range(n):
        if index < share:
            source_id, within = van_strien.id, None
        else:
            source_id, _, _, within = extra_sources[index % len(extra_sources)]
        months = (0, MONTHS)
        if within is not None:
            months = ((within.start.year - START_YEAR) * 12, MONTHS)
        funded = rng.choice(activities) if rng.random() < 0.7 else None
        rows.append(
            {
                "id": f"al-{index:07d}",
                "source": source_id,
                "pillar": funded.pillar if funded is not None else rng.choice(PILLARS),
                "activity": funded.id if funded is not None else None,
                "period": _period(rng, months),
                "cents": rng.randrange(1_000_00, 250_000_00, 50),
            }
        )

    # The Van Strien money is fixed: split it over its allocations in proportion.
    van_strien_rows = [row for row in rows if row["source"] == van_strien.id]
    parts = van_strien.amount.allocate([row["cents"] for row in van_strien_rows])
    for row, part in zip(van_strien_rows, parts, strict=True):
        row["cents"] = part.cents
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["source"]] = totals.get(row["source"], 0) + row["cents"]

    allocations = tuple(
        rs.Allocation(
            id=row["id"],
            source=row["source"],
            amount=rs.Money.from_cents(row["cents"]),
            pillar=row["pillar"],
            activity=row["activity"],
            period=row["period"],
        )
        for row in rows
    )
    sources = (
        van_strien,
        *(
            rs.FundingSource(
                id=source_id,
                name=name,
                amount=rs.Money.from_cents(totals.get(source_id, 0)),
                kind=kind,
                period=period,
            )
            for source_id, name, kind, period in extra_sources
        ),
    )
    return attrs.evolve(
        reference.strategy_2024(),
        id=f"generated-{n}-{seed}",
        status=rs.StrategyStatus.FINAL,
        funding_sources=sources,
        activities=tuple(activities),
        allocations=allocations,
    )


def with_transactions(
    strategy: rs.Strategy, per_allocation: int = 3, seed: int = 2024
) -> rs.Strategy:
    """`strategy` with `per_allocation` transactions on each allocation that break no rule.

    Each allocation gets a commitment of half to all of its amount on a day in
    its period, then expenditures that together stay within the commitment,
    on later days of the period. The transactions come in a shuffled order.
    """
    rng = random.Random(seed)
    found: list[rs.Transaction] = []
    for allocation in strategy.allocations:
        found += _spending(rng, allocation, per_allocation)
    rng.shuffle(found)
    return attrs.evolve(strategy, transactions=tuple(found))


def _spending(rng: random.Random, allocation: rs.Allocation, count: int) -> list[rs.Transaction]:
    period, name = allocation.period, allocation.id.replace("al-", "tx-")
    committed = allocation.amount.cents * rng.randrange(50, 101) // 100
    day = period.start.add(days=rng.randrange(0, period.days // 2))
    found = [_transaction(f"{name}-0", allocation, rs.TransactionKind.COMMITMENT, committed, day)]
    left = committed
    for number in range(1, count):
        day = day.add(days=rng.randrange(0, (period.end - day).days + 1))
        paid = left * rng.randrange(10, 60) // 100
        left -= paid
        kind = rs.TransactionKind.EXPENDITURE
        found.append(_transaction(f"{name}-{number}", allocation, kind, paid, day))
    return found


def _transaction(
    name: str, allocation: rs.Allocation, kind: rs.TransactionKind, cents: int, day: pendulum.Date
) -> rs.Transaction:
    return rs.Transaction(
        id=name,
        allocation=allocation.id,
        kind=kind,
        amount=rs.Money.from_cents(cents),
        date=day,
    )


def document(n: int, seed: int = 2024) -> bytes:
    """The JSON document of `strategy(n, seed)`, as the library writes it."""
    return rs.dumps(strategy(n, seed), "json").encode("utf-8")


_VOTES = ("Stemmen - aangenomen", "Stemmen - verworpen", "Stemmen - aangehouden")


def zaken(n: int, seed: int = 2024) -> dict[str, Any]:
    """An invented answer of the Tweede Kamer's OData API: `n` `Zaak` records of motions.

    Each record has a submitter, zero to three co-signers, one of seven
    invented dossiers with its number, and one vote; every tenth is
    deleted. The shape is the API's, the names and numbers are made up.
    """
    rng = random.Random(seed)
    records = []
    for index in range(n):
        day = pendulum.Date(2024, 1, 1).add(days=rng.randrange(0, 4 * 365))
        actors = [{"ActorNaam": f"Lid {rng.randrange(150)}", "Relatie": "Indiener"}]
        actors += [
            {"ActorNaam": f"Lid {rng.randrange(150)}", "Relatie": "Medeindiener"}
            for _ in range(rng.randrange(4))
        ]
        records.append(
            {
                "Id": f"00000000-0000-4000-8000-{index:012d}",
                "Nummer": f"2099Z{index:05d}",
                "Soort": "Motie",
                "Onderwerp": f"Motie {index} over de ROM's",
                "GestartOp": f"{day.isoformat()}T10:00:00+01:00",
                "Volgnummer": index + 1,
                "Afgedaan": True,
                "Verwijderd": index % 10 == 9,
                "Besluit": [
                    {"BesluitSoort": rng.choice(_VOTES), "Status": "Besluit", "Verwijderd": False}
                ],
                "ZaakActor": actors,
                "Kamerstukdossier": [{"Nummer": 99_000 + index % 7, "Toevoeging": None}],
            }
        )
    return {"value": records}


# --- a parliamentary term of the Kamer's records ----------------------------------------------

PAGE = 250
"""Records in a page of the Kamer's OData API."""

_OTHER_SOORTEN = (
    ("Brief regering", 36),
    ("Schriftelijke vragen", 13),
    ("Brief commissie", 10),
    ("Verzoek bij regeling van werkzaamheden", 3),
    ("Brief van lid/fractie/commissie", 2),
    ("Position paper", 2),
)
"""Other `Soort`s with weights, as in a term's pages (motions and amendments are 26 in 100)."""

_APPRAISALS = (
    ("Niet beschikbaar bij moties en/of amendementen vóór 1 april 2019", 31328),
    ("Ontraden", 12486),
    ("Oordeel Kamer", 10665),
    ("Niet beschikbaar bij gewijzigde moties en/of amendementen", 9003),
    ("Nog niet bekend", 1584),
    ("Verzocht motie aan te houden", 1231),
    ("Geen (expliciete) appreciatie", 1110),
    ("Ontijdig", 342),
    ("Ontraden, tenzij gewijzigd", 303),
    ("Overbodig", 275),
    ("Overgenomen", 193),
    ("Nog te ontvangen", 189),
)
"""The Kabinetsappreciaties of one term's motions and amendments, with their counts."""

_OUTCOMES = (
    ("Stemmen - aangenomen", 4867),
    ("Stemmen - verworpen", 3060),
    ("Stemmen - aangehouden", 1097),
    ("Stemmen - uitstellen", 391),
    ("Stemmen - aangehouden (al tijdens debat)", 272),
    ("Stemmen - zonder stemming aannemen", 214),
    ("Stemmen - ingetrokken", 199),
    ("Overgenomen", 110),
)
"""Vote outcomes with their counts in one term."""

_WHEN = "2024-02-19T10:59:02.367+01:00"
_MIDNIGHT = "T00:00:00+01:00"
_API = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"
_EXPAND = "$expand=Besluit,ZaakActor,Kamerstukdossier"


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _ in pairs], [weight for _, weight in pairs])[0]


def _base(rng: random.Random, index: int, soort: str) -> dict[str, Any]:
    """The fields every `Zaak` record has, as the API writes them."""
    year = 2023 + index * 3 // 262_250
    return {
        "Id": f"{rng.getrandbits(32):08x}-0000-4000-8000-{index:012d}",
        "Nummer": f"{year}Z{index % 100_000:05d}",
        "Soort": soort,
        "Titel": f"Vaststelling van de begrotingsstaat {index % 40} voor het jaar {year + 1} ",
        "Citeertitel": None,
        "Alias": None,
        "Status": "Vrijgegeven",
        "Onderwerp": f"{soort} van het lid Lid {rng.randrange(150)} over onderwerp {index}",
        "GestartOp": f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}{_MIDNIGHT}",
        "Organisatie": "Tweede Kamer",
        "Grondslagvoorhang": None,
        "Termijn": None,
        "Vergaderjaar": f"{year}-{year + 1}",
        "Volgnummer": rng.randrange(1, 400) if rng.random() > 0.0003 else -1,
        "HuidigeBehandelstatus": None,
        "Afgedaan": rng.random() < 0.8,
        "GrootProject": False,
        "GewijzigdOp": _WHEN,
        "ApiGewijzigdOp": "2024-02-19T14:01:48.9200554Z",
        "Verwijderd": False,
        "Kabinetsappreciatie": None,
    }


def _actor(rng: random.Random, relatie: str) -> dict[str, Any]:
    return {
        "Id": f"{rng.getrandbits(64):016x}",
        "ActorNaam": f"A.B. Lid {rng.randrange(150)}",
        "ActorFractie": f"Fractie {rng.randrange(15)}",
        "ActorAfkorting": None,
        "Functie": "Tweede Kamerlid",
        "Relatie": relatie,
        "GewijzigdOp": _WHEN,
        "Verwijderd": False,
    }


def _besluit(rng: random.Random, soort: str) -> dict[str, Any]:
    return {
        "Id": f"{rng.getrandbits(64):016x}",
        "StemmingsSoort": "Met handopsteken" if soort.startswith("Stemmen") else None,
        "BesluitSoort": soort,
        "BesluitTekst": "Aangenomen.",
        "Opmerking": None,
        "Status": "Besluit",
        "AgendapuntZaakBesluitVolgorde": 1,
        "GewijzigdOp": _WHEN,
        "Verwijderd": False,
    }


def _expanded(rng: random.Random, record: dict[str, Any]) -> dict[str, Any]:
    """A motion's record with its `ZaakActor`, `Besluit` and `Kamerstukdossier` expanded."""
    actors = [_actor(rng, "Indiener"), _actor(rng, "Voortouwcommissie")]
    actors += [_actor(rng, "Medeindiener") for _ in range(rng.randrange(4))]
    decisions = [_besluit(rng, "Ingediend")]
    if rng.random() < 0.75:
        decisions.append(_besluit(rng, _weighted(rng, _OUTCOMES)))
    suffix = rng.choice(("02", "20", "XIII", None, None, None, None, None, None, None, None))
    dossier = {
        "Id": f"{rng.getrandbits(64):016x}",
        "Titel": "Begroting",
        "Nummer": 21501 if suffix in ("02", "20") else 36000 + rng.randrange(900),
        "Toevoeging": suffix,
        "Afgesloten": False,
        "Kamer": "Tweede Kamer",
        "GewijzigdOp": _WHEN,
        "Verwijderd": False,
    }
    record["Kabinetsappreciatie"] = _weighted(rng, _APPRAISALS)
    return record | {"ZaakActor": actors, "Besluit": decisions, "Kamerstukdossier": [dossier]}


def term_pages(records: int, folder: pathlib.Path, seed: int = 2024) -> int:
    """Write `records` invented `Zaak` records shaped like a term's, in pages of 250, to
    `folder` (`zaak_page_1.json`, ...), each with the `@odata.nextLink` the API gives;
    motions and amendments (26 in 100) are expanded. Returns the bytes written."""
    import json

    rng = random.Random(seed)
    kinds = ("Motie", 22), ("Amendement", 4), *_OTHER_SOORTEN
    written = 0
    for start in range(0, records, PAGE):
        page = []
        for index in range(start, min(start + PAGE, records)):
            record = _base(rng, index, _weighted(rng, kinds))
            page.append(
                _expanded(rng, record) if record["Soort"] in ("Motie", "Amendement") else record
            )
        answer: dict[str, Any] = {"@odata.context": f"{_API}$metadata#Zaak", "value": page}
        if start + PAGE < records:
            answer["@odata.nextLink"] = f"{_API}Zaak?{_EXPAND}&$skip={start + PAGE}"
        data = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        (folder / f"zaak_page_{start // PAGE + 1}.json").write_bytes(data)
        written += len(data)
    return written


if __name__ == "__main__":  # pragma: no cover - a quick look at a small document
    import sys

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sys.stdout.write(document(size).decode("utf-8"))
