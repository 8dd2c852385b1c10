"""The strategy from the minister's letter, as reference data.

Everything here comes from the letter (*Kamerbrief*) or from checked facts
with a source. What is not known stays `None` or empty, and a `note` or
`source` says why: the letter's exact date, the Kamerstuk numbers of the
motions, some shareholders, and how the EUR 4 million is split. Because
that split was not published, the reference strategy is a draft with no
allocations.
"""

from __future__ import annotations

from functools import cache

import pendulum

from romstrategy._model._budget import FundingKind, FundingSource
from romstrategy._model._kamerstuk import KamerstukRef
from romstrategy._model._money import Money
from romstrategy._model._motion import Motion, MotionKind, MotionStatus, StatusChange
from romstrategy._model._parties import ROM, Organisation, OrganisationKind, Province
from romstrategy._model._period import Period
from romstrategy._model._strategy import Pillar, Strategy, StrategyStatus

__all__ = [
    "LETTER",
    "MOTIONS",
    "PILLARS",
    "PRINCIPALS",
    "PROVINCES",
    "ROMS",
    "VAN_STRIEN_FUNDS",
    "strategy_2024",
]

LETTER = "Kamerbrief meerjarenstrategie ROM's (EZK, 2024)"
"""The letter that presents the strategy and settles the motions.

Its exact date and Kamerstuk number are unknown; a ROM's news page places
its publication at the end of June 2024.
"""

_PERIOD_SOURCE = (
    "https://www.impulszeeland.nl/nieuws/regionale-ontwikkelingsmaatschappijen-"
    "maatschappelijke-vooruitgang-door-versnelling-innovatie-vanuit-de-regios"
)

PROVINCES: tuple[Province, ...] = tuple(
    Province(code=code, name=name)
    for code, name in (
        ("NL-DR", "Drenthe"),
        ("NL-FL", "Flevoland"),
        ("NL-FR", "Fryslân"),
        ("NL-GE", "Gelderland"),
        ("NL-GR", "Groningen"),
        ("NL-LI", "Limburg"),
        ("NL-NB", "Noord-Brabant"),
        ("NL-NH", "Noord-Holland"),
        ("NL-OV", "Overijssel"),
        ("NL-UT", "Utrecht"),
        ("NL-ZE", "Zeeland"),
        ("NL-ZH", "Zuid-Holland"),
    )
)
"""The twelve provinces, by ISO 3166-2:NL code."""

PRINCIPALS: tuple[Organisation, ...] = (
    Organisation(
        id="EZK",
        name="Ministerie van Economische Zaken en Klimaat",
        kind=OrganisationKind.MINISTRY,
    ),
    *(
        Organisation(id=p.code, name=f"Provincie {p.name}", kind=OrganisationKind.PROVINCE)
        for p in PROVINCES
    ),
)
"""The principals (*opdrachtgevers*): EZK and the twelve provinces."""

ROMS: tuple[ROM, ...] = (
    ROM(
        code="NOM",
        name="Noordelijke Ontwikkelingsmaatschappij",
        provinces=("NL-GR", "NL-FR", "NL-DR"),
        shareholders=(
            "the Rijk (EZK): 50%",
            "provinces Groningen, Fryslân and Drenthe together: 50% (since 2016)",
        ),
        source="https://www.provinciegroningen.nl/actueel/nieuws/nieuwsartikel/"
        "noordelijke-provincies-voor-50-procent-aandeelhouder-nom/",
    ),
    ROM(
        code="OOST",
        name="Oost NL",
        provinces=("NL-GE", "NL-OV"),
        shareholders=(
            "Staat: 52.91%",
            "Gelderland: 31.60%",
            "Overijssel: 13.97%",
            "Universiteit Twente: 1.51%",
            "Regio Twente: one share",
        ),
        source="https://destaatvan.overijssel.nl/begroting-2023/project/"
        "ontwikkelingsmaatschappij-oost-nl-apeldoorn",
        note="Shareholders after 2021.",
    ),
    ROM(
        code="UTR",
        name="ROM Utrecht Region",
        provinces=("NL-UT", "NL-NH"),
        shareholders=(
            "EZK",
            "provincie Utrecht",
            "gemeente Utrecht",
            "gemeente Amersfoort",
            "gemeente Hilversum",
            "Universiteit Utrecht",
            "UMC Utrecht",
        ),
        source="https://www.linkmagazine.nl/"
        "rom-utrecht-region-ondersteunt-eerst-ondernemers-en-viert-dan-pas-oprichting/",
        note="Serves Utrecht and 't Gooi, which lies in Noord-Holland. "
        "Shareholders as of 2020; percentages unknown.",
    ),
    ROM(
        code="FLEVO",
        name="Horizon Flevoland",
        provinces=("NL-FL",),
        shareholders=("provincie Flevoland (client and sole shareholder)",),
        source="https://www.omroepflevoland.nl/nieuws/350546/",
        note="Shareholder as described in 2023.",
    ),
    ROM(
        code="INWEST",
        name="ROM InWest",
        provinces=("NL-NH",),
        shareholders=(
            "MRA municipalities",
            "provincie Noord-Holland",
            "regio Noord-Holland Noord",
            "EZK",
        ),
        source="https://www.metropoolregioamsterdam.nl/"
        "regionale-ontwikkelingsmaatschappij-rom-in-de-maak-voor-mra-en-noord-holland-noord/",
        note="The parties that started it; percentages unknown.",
    ),
    ROM(
        code="IQ",
        name="InnovationQuarter",
        provinces=("NL-ZH",),
        shareholders=(
            "provincie Zuid-Holland",
            "EZ(K)",
            "several municipalities",
            "universities and medical centres",
        ),
        source="http://www.jaarstukken2016.denhaag.nl/p9069/"
        "regionale-ontwikkelingsmaatschappij-innovation-quarter-bv-rom",
        note="Percentages unknown.",
    ),
    ROM(
        code="IMPULS",
        name="Impuls Zeeland",
        provinces=("NL-ZE",),
        note="Shareholders unknown: no current list was found.",
    ),
    ROM(
        code="BOM",
        name="Brabantse Ontwikkelings Maatschappij",
        provinces=("NL-NB",),
        note="Shareholders unknown.",
    ),
    ROM(
        code="LIOF",
        name="LIOF",
        provinces=("NL-LI",),
        shareholders=("provincie Limburg: 50%", "EZK: 50%"),
        source="https://onlinetouch.nl/nvliof/jaarverslag-liof-2022-definitief/47",
        note="Annual report 2022.",
    ),
)
"""The nine ROMs, which together cover the Netherlands.

Source: https://www.randstedelijke-rekenkamer.nl/onderzoek/regionale-ontwikkelingsmaatschappijen-roms/
"""

PILLARS: tuple[Pillar, ...] = (
    Pillar(
        code="I",
        title_nl="Betere verbinding tussen Rijk & regio",
        title_en="A better link between national government and the regions",
        description="The ROMs cooperate more actively across regions and coordinate "
        "projects in which national policy is carried out regionally.",
    ),
    Pillar(
        code="II",
        title_nl="Versterken van de basis",
        title_en="Strengthening the base",
        description="Strengthening the knowledge and competencies of the ROMs as a whole.",
    ),
    Pillar(
        code="III",
        title_nl="Thematische inzet op relevante transities en maatschappelijke uitdagingen",
        title_en="Thematic work on relevant transitions and societal challenges",
        description="Transitions and societal challenges bring opportunities for the "
        "economy and society and cross regional borders, which suits the ROMs' "
        "supra-regional effort.",
    ),
)
"""The strategy's three pillars (*pijlers*), with the letter's Dutch titles."""

_date = pendulum.Date.fromisoformat
_UNKNOWN_KAMERSTUK = "Kamerstuk number unknown; the date is the letter's."


def _adopted_and_settled(submitted: pendulum.Date) -> tuple[StatusChange, ...]:
    # The letter gives no date of adoption; it settles the motion on its own,
    # unknown, date.
    return (
        StatusChange(status=MotionStatus.SUBMITTED, on=submitted),
        StatusChange(status=MotionStatus.ADOPTED),
        StatusChange(status=MotionStatus.SETTLED, document=LETTER),
    )


MOTIONS: tuple[Motion, ...] = (
    Motion(
        id="amhaouch-2022",
        kind=MotionKind.MOTION,
        title="Motie Amhaouch c.s.",
        submitter="Amhaouch",
        co_submitted=True,
        submitted_on=_date("2022-11-23"),
        request="Draw up a multi-year plan for the ROMs, and examine how the ROMs can "
        "better serve the broad SME sector.",
        history=_adopted_and_settled(_date("2022-11-23")),
        note=_UNKNOWN_KAMERSTUK,
    ),
    Motion(
        id="de-jong-2023",
        kind=MotionKind.MOTION,
        title="Motie Romke de Jong c.s.",
        submitter="Romke de Jong",
        co_submitted=True,
        co_submitters=("Van Strien", "Van der Graaf", "Amhaouch"),
        submitted_on=_date("2023-07-06"),
        request="Make clear, with the ROMs and the provinces, what is needed to strengthen "
        "the ROMs' driving role and unlock regional innovation.",
        history=_adopted_and_settled(_date("2023-07-06")),
        kamerstuk=KamerstukRef(dossier=33009, number=124),
        note="Kamerstuk 33 009 (Innovatiebeleid), nr. 124, moved in the tweeminutendebat "
        "Innovatie by the members Romke de Jong, Van Strien, Van der Graaf and Amhaouch: "
        "Handelingen II 2022/23, nr. 103, item 63, "
        "https://zoek.officielebekendmakingen.nl/h-tk-20222023-103-63.html. "
        "The date is the letter's; the date of adoption is unknown.",
    ),
    Motion(
        id="koekoek-2024",
        kind=MotionKind.MOTION,
        title="Motie Koekoek",
        submitter="Koekoek",
        co_submitted=False,
        submitted_on=_date("2024-03-12"),
        request="Have the ROMs talk with secondary vocational education (mbo) about better "
        "cooperation in the regional ecosystems.",
        history=_adopted_and_settled(_date("2024-03-12")),
        note="Spelled as in the letter; the Tweede Kamer's member lists spell the name "
        "'Koekkoek' (https://berthub.eu/tkconv/verslag.html?vergaderingid="
        "79368cb0-2930-4f03-afa6-78786719a610). " + _UNKNOWN_KAMERSTUK,
    ),
    Motion(
        id="van-strien-2023",
        kind=MotionKind.AMENDMENT,
        title="Amendement Van Strien c.s.",
        submitter="Van Strien",
        co_submitted=True,
        submitted_on=_date("2023-10-12"),
        request="Make one-off funds available for the ROMs' supra-regional cooperation.",
        history=(
            StatusChange(status=MotionStatus.SUBMITTED, on=_date("2023-10-12")),
            StatusChange(status=MotionStatus.ADOPTED),
        ),
        amount=Money(4_000_000),
        note=_UNKNOWN_KAMERSTUK,
    ),
)
"""The three motions the letter settles and the amendment that brings the money."""

VAN_STRIEN_FUNDS = FundingSource(
    id="van-strien-funds",
    name="Incidentele middelen amendement Van Strien c.s.",
    amount=Money(4_000_000),
    kind=FundingKind.INCIDENTAL,
    origin="van-strien-2023",
    note="One-off funds for the ROMs' supra-regional cooperation, to be spent in line with "
    "the three pillars. The ROMs fall under EZK budget article 3 (Toekomstfonds): "
    "https://www.rijksfinancien.nl/memorie-van-toelichting/2024/OWB/XIII/onderdeel/2142595. "
    "Its split over the pillars was not published.",
)
"""The EUR 4 million of one-off funds (*incidentele middelen*)."""


@cache
def strategy_2024() -> Strategy:
    """Return the strategy as the letter sets it out.

    It is a draft (*concept*) with no allocations, because the letter
    publishes no split of the EUR 4 million. The period 2024-2027 comes
    from a ROM's news page; `Strategy.source` gives its address.
    """
    return Strategy(
        id="meerjarenstrategie-2024",
        title="Meerjarenstrategie bovenregionale samenwerking 2024-2027",
        period=Period.years(2024, 2027),
        status=StrategyStatus.DRAFT,
        principals=PRINCIPALS,
        provinces=PROVINCES,
        roms=ROMS,
        pillars=PILLARS,
        motions=MOTIONS,
        funding_sources=(VAN_STRIEN_FUNDS,),
        settles=("amhaouch-2022", "de-jong-2023", "koekoek-2024"),
        source=f"{LETTER}; period: {_PERIOD_SOURCE}",
    )
