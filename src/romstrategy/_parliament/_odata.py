"""Motions from the Tweede Kamer's open data (*open data van de Tweede Kamer*), read offline.

`from_odata` reads `Zaak` records of the Kamer's OData API (v4) as they are
saved, ideally with `$expand=Besluit,ZaakActor,Kamerstukdossier`, from one
answer, many, or a folder of them, and makes a `Motion` of each motion
(*motie*) and amendment (*amendement*). It reads what was saved, never the
network.

A record that cannot be read whole gives a warning, never an exception; only
input that is not such an answer at all is a `DocumentError`. What repeats
across a whole term is said once, with a count. The Kamer's `Afgedaan` says
that the Kamer finished handling a record, after a vote either way: it is
never read as settled (*afgedaan*), which is the government's act.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from types import MappingProxyType

import attrs

from romstrategy._model._display import shown
from romstrategy._model._motion import Motion
from romstrategy._model._vocabulary import join
from romstrategy._parliament._answers import Page, next_page_warnings, pages
from romstrategy._parliament._counts import OdataCounts, summary_lines
from romstrategy._parliament._motion_lines import motion_lines, motions_html
from romstrategy._parliament._zaak import EXPANDED, Count, Read, read_zaak, record_name

__all__ = ["OdataImport", "from_odata"]

_QUERY = "$expand=Besluit,ZaakActor,Kamerstukdossier"
_WITHOUT = MappingProxyType(
    {
        "ZaakActor": "they have no submitter, so they are skipped",
        "Besluit": "they have no decisions, so no vote is read",
        "Kamerstukdossier": "they have no dossier, so no Kamerstuk is read",
    }
)
"""What a motion's record lacks without each expanded list."""


@attrs.frozen(repr=False)
class OdataImport:
    """What `from_odata` read (*import uit open data*).

    `str()` is what `romstrategy motions` prints, a line per motion; a
    notebook shows the motions as an HTML table.

    Attributes:
        motions: the motions and amendments read, in order of `submitted_on`,
            then `id`.
        warnings: what was skipped or left out: first what concerns the
            pages and the records as a whole, said once with a count, then
            each record's own, naming it by its `Nummer` (or as `record 3`,
            counted from 1, where it has none) and quoting the value.
        counts: what was read and left out, counted.
    """

    motions: tuple[Motion, ...]
    warnings: tuple[str, ...]
    counts: OdataCounts = OdataCounts()

    def __str__(self) -> str:
        return "\n".join(motion_lines(self.motions))

    def __repr__(self) -> str:
        motions, warnings = _counted(self.motions, "motion"), _counted(self.warnings, "warning")
        return f"OdataImport({motions}, {warnings})"

    def _repr_html_(self) -> str:
        """The motions as an HTML table, the count of warnings in its caption."""
        return motions_html(_counted(self.warnings, "warning"), self.motions)

    def summary(self) -> str:
        """What was read and left out, counted: `romstrategy motions --summary` prints it."""
        return "\n".join(summary_lines(self.motions, self.counts, len(self.warnings)))


def _counted(items: tuple[object, ...], noun: str) -> str:
    return f"{len(items)} {noun}" + ("" if len(items) == 1 else "s")


def from_odata(data: object) -> OdataImport:
    """Read motions and amendments from `Zaak` records of the Tweede Kamer's OData API.

    The records are those of saved answers of the API (v4), best asked with
    `$expand=Besluit,ZaakActor,Kamerstukdossier`. Each record of `Soort`
    `Motie` or `Amendement` gives a motion: its `Nummer` is the id, its
    `Onderwerp` the title and the request, the `ZaakActor` whose `Relatie` is
    `Indiener` the submitter and those that are `Medeindiener` the
    co-submitters (surrounding whitespace removed); the date of `GestartOp`,
    as written in the Kamer's time, is the day it was submitted; its
    `Kabinetsappreciatie` the appraisal. The first `Kamerstukdossier` and
    the record's `Volgnummer` give its Kamerstuk (none while the `Volgnummer`
    is -1, not yet numbered). Its history is submitted, then a step without
    a date for each decision taken (`Status` `Besluit`) that is an outcome
    (see "Motions from the Tweede Kamer" for the table), held first.

    Of the records with one `Id`, the one with the latest `GewijzigdOp`
    counts. Deleted records and items (`Verwijderd`) are left out silently,
    and so are procedural decisions; the Kamer's `Afgedaan` is never read as
    settled. What else is left out is in `counts` and the warnings: records
    of another `Soort`, a value not known (each said once, with a count),
    records that lack what a motion needs, lists that were not expanded, a
    `Nummer` used twice (both motions are kept; rule RS002 reports them), an
    `@odata.nextLink` whose page was not given. The network is never used.

    Args:
        data: a parsed JSON answer (a table with a `value` array of `Zaak`
            records, or an array of them), the path of a JSON file that
            holds one, a folder of such files (read in order of name, with
            `page_2` before `page_10`), or a list or tuple of any of these.

    Raises:
        DocumentError: for input that is not such an answer: text that is
            not JSON, another top level, an item that is not a table; every
            problem with its path, labelled with the file or the answer.
        OSError: when a file cannot be read; it names the path.
        TypeError: for a str that holds JSON text rather than a path.
    """
    latest: dict[str, Read] = {}
    reads: list[Read] = []
    given: list[tuple[Page, int]] = []
    superseded = 0
    for page in pages(data):
        given.append((page, len(page.records)))
        for index, table in enumerate(page.records):
            place = f"record {index + 1}" if page.single else f"{page.label}, record {index + 1}"
            read = read_zaak(table, place)
            if read.id is None:
                reads.append(read)
            elif (earlier := latest.get(read.id)) is None:
                latest[read.id] = read
            else:
                superseded += 1
                if _age(read) >= _age(earlier):
                    latest[read.id] = read
    reads += latest.values()
    return _imported(reads, superseded, next_page_warnings(given))


def _age(read: Read) -> float:
    """When a record was last changed, comparable across offsets; the oldest where unknown."""
    if read.changed is None:
        return float("-inf")
    changed = read.changed
    if changed.tzinfo is None:
        changed = changed.replace(tzinfo=datetime.UTC)
    return changed.timestamp()


def _imported(reads: list[Read], superseded: int, page_warnings: list[str]) -> OdataImport:
    """The motions, warnings and counts of the records kept."""
    counts: Counter[Count] = Counter(count for read in reads for count in read.counts)
    motions = [read.motion for read in reads if read.motion is not None]
    warnings = [
        *page_warnings,
        *_expansion_warnings(reads),
        *_counted_warnings(counts),
        *(warning for read in reads for warning in read.warnings),
        *_duplicate_warnings(motions),
    ]
    by = _by_class(counts)
    found = OdataCounts(
        records=len(reads),
        superseded=superseded,
        deleted=sum(read.deleted for read in reads),
        skipped=sum(read.expanded is not None and read.motion is None for read in reads),
        other_kinds=by["other Soort"],
        no_outcome_yet=by["no outcome yet"],
        not_taken=by["not taken"],
        procedure=by["procedure"],
        unknown=by["unknown BesluitSoort"],
        no_soort=sum(by["no BesluitSoort"].values()),
    )
    motions.sort(key=lambda motion: (motion.submitted_on, motion.id))
    return OdataImport(tuple(motions), tuple(warnings), found)


def _by_class(counts: Counter[Count]) -> dict[str, Counter[str]]:
    """The counts of each class, by value."""
    by: dict[str, Counter[str]] = {}
    for (kind, value), count in counts.items():
        by.setdefault(kind, Counter())[value] += count
    for kind in _CLASSES:
        by.setdefault(kind, Counter())
    return by


_CLASSES = (
    "other Soort",
    "no outcome yet",
    "not taken",
    "procedure",
    "unknown BesluitSoort",
    "no BesluitSoort",
)


def _expansion_warnings(reads: Iterable[Read]) -> list[str]:
    """One warning for each list that the motions' records were saved without."""
    expanded = [read.expanded for read in reads if read.expanded is not None]
    warnings = []
    for key in EXPANDED:
        lacking = sum(key not in keys for keys in expanded)
        if lacking == len(expanded):
            which = "the records of motions and amendments carry"
        else:
            which = f"{lacking} of the {len(expanded)} records of motions and amendments carry"
        if lacking:
            warnings.append(f"{which} no {key}: {_WITHOUT[key]}; save them with {_QUERY}")
    return warnings


def _counted_warnings(counts: Counter[Count]) -> list[str]:
    """What repeats across records, said once with its count."""
    warnings = []
    others = [(value, count) for (kind, value), count in counts.items() if kind == "other Soort"]
    if others:
        total = sum(count for _, count in others)
        others.sort(key=lambda item: (-item[1], item[0]))
        listed = join((f"{_quoted(value)} {count}" for value, count in others), "en")
        warnings.append(
            f"{total} {_records(total)} of another Soort than 'Motie' or 'Amendement' "
            f"{'is' if total == 1 else 'are'} not read: {listed}"
        )
    for (kind, value), count in sorted(counts.items()):
        if kind == "unknown BesluitSoort":
            then = "the decisions are left out" if count > 1 else "the decision is left out"
            found = f"unknown BesluitSoort {shown(value)} in {count} {_records(count)}"
            warnings.append(f"{found}; {then}")
        elif kind == "unknown Kabinetsappreciatie":
            warnings.append(
                f"unknown Kabinetsappreciatie {shown(value)} in {count} {_records(count)}; "
                "it is kept as text"
            )
    return warnings


def _quoted(soort: str) -> str:
    """A counted `Soort` as a warning shows it: quoted, unless it says what it is."""
    return soort if soort.startswith("(") and soort.endswith(")") else shown(soort)


def _records(count: int) -> str:
    return "record" if count == 1 else "records"


def _duplicate_warnings(motions: list[Motion]) -> list[str]:
    """A warning for each `Nummer` that more than one record has."""
    seen = Counter(motion.id for motion in motions)
    return [
        f"{record_name(nummer, '')}: Nummer names {count} records; all are kept, and rule RS002 "
        "reports the duplicate id"
        for nummer, count in seen.items()
        if count > 1
    ]
