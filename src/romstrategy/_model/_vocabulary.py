"""The library's words in English and Dutch (*woordenlijst*), in one place.

Every enum member's value, every severity, the labels of the reports and the
command, and the way amounts, periods, shares and lists are written in each
language: `money` (`Money`'s `money_text`), `period` (`Period`'s `period_text`)
and `percent` are the one way each is written for people.
Findings, reports, the command line and `summary()` take their words from here;
the language is always given as `lang`, `"en"` or `"nl"`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from fractions import Fraction
from typing import Literal

from romstrategy._model._budget import FundingKind
from romstrategy._model._display import shown
from romstrategy._model._error import ArgumentError
from romstrategy._model._money import money_text as money
from romstrategy._model._motion import DecisionMethod, MotionKind, MotionStatus
from romstrategy._model._parties import OrganisationKind
from romstrategy._model._period import period_text as period
from romstrategy._model._strategy import Scope, Service, StrategyStatus
from romstrategy._model._transaction import TransactionKind

__all__ = [
    "FEW",
    "LANGS",
    "Lang",
    "check_lang",
    "count",
    "join",
    "label",
    "money",
    "percent",
    "period",
    "sentence",
    "severity",
    "word",
]

Lang = Literal["en", "nl"]
"""A language: English (`"en"`) or Dutch (`"nl"`)."""

LANGS: tuple[Lang, ...] = ("en", "nl")

_LABELS: dict[str, tuple[str, str]] = {
    "overview": ("Overview", "Overzicht"),
    "period": ("Period", "Periode"),
    "status": ("Status", "Status"),
    "pillars": ("Pillars", "Pijlers"),
    "pillar": ("Pillar", "Pijler"),
    "allocated": ("Allocated", "Toegewezen"),
    "unallocated": ("Unallocated", "Niet toegewezen"),
    "share": ("Share", "Aandeel"),
    "amount": ("Amount", "Bedrag"),
    "per_year": ("Allocation per year", "Toewijzing per jaar"),
    "year": ("Year", "Jaar"),
    "per_rom": ("Allocation per ROM", "Toewijzing per ROM"),
    "rom": ("ROM", "ROM"),
    "joint": ("joint (supra-regional)", "gezamenlijk (bovenregionaal)"),
    "unassigned": ("unassigned", "niet toegekend"),
    "not_scheduled": ("not scheduled", "niet ingepland"),
    "activities": ("Activities", "Activiteiten"),
    "regional": ("Regional", "Regionaal"),
    "supra-regional": ("Supra-regional", "Bovenregionaal"),
    "activity": ("Activity", "Activiteit"),
    "roms": ("ROMs", "ROM's"),
    "lead": ("Lead", "Penvoerder"),
    "theme": ("Theme", "Thema"),
    "service": ("Service", "Dienst"),
    "complements": ("Complements", "Vult aan"),
    "links": ("Complementarity links", "Complementariteit"),
    "funding": ("Funding sources", "Financieringsbronnen"),
    "source": ("Source", "Bron"),
    "kind": ("Kind", "Soort"),
    "motions": ("Motions", "Moties"),
    "motion": ("Motion", "Motie"),
    "submitted_on": ("Submitted", "Ingediend"),
    "settled_by": ("Settled by", "Afgedaan met"),
    "settled_here": ("Settled by this strategy", "Afgedaan met deze strategie"),
    "yes": ("yes", "ja"),
    "no": ("no", "nee"),
    "findings": ("Findings", "Bevindingen"),
    "no_findings": ("No findings.", "Geen bevindingen."),
    "none": ("None.", "Geen."),
    "total": ("Total", "Totaal"),
    "money_per_pillar": ("Money per pillar", "Geld per pijler"),
    "money_per_year": ("Money per year", "Geld per jaar"),
    "code": ("Code", "Code"),
    "severity": ("Severity", "Ernst"),
    "where": ("Where", "Waar"),
    "message": ("Message", "Melding"),
    "allocations": ("Allocations", "Toewijzingen"),
    "appeared": ("appeared", "verschenen"),
    "disappeared": ("disappeared", "verdwenen"),
    "no_differences": ("No differences.", "Geen verschillen."),
    "and": ("and", "en"),
    "nothing": ("none", "geen"),
    "realisation": ("Realisation", "Realisatie"),
    "progress": ("Progress", "Voortgang"),
    "committed": ("Committed", "Verplicht"),
    "spent": ("Spent", "Uitgegeven"),
    "open": ("Open commitments", "Openstaande verplichtingen"),
    "uncommitted": ("Uncommitted", "Nog vrij"),
    "committed_share": ("Committed share", "Aandeel verplicht"),
    "spent_share": ("Spent share", "Aandeel uitgegeven"),
    "as_of": ("As of", "Peildatum"),
    "all_transactions": ("all transactions", "alle transacties"),
    "transactions": ("Transactions", "Transacties"),
    "transaction": ("Transaction", "Transactie"),
    "date": ("Date", "Datum"),
    "document": ("Document", "Document"),
    "description": ("Description", "Omschrijving"),
    "funding_source": ("Funding source", "Financieringsbron"),
    "allocation": ("Allocation", "Toewijzing"),
    "realisation_per_pillar": ("Realisation per pillar", "Realisatie per pijler"),
    "realisation_per_year": ("Realisation per year", "Realisatie per jaar"),
}


_ENUM_WORDS: dict[enum.Enum, tuple[str, str]] = {
    StrategyStatus.DRAFT: ("draft", "concept"),
    StrategyStatus.FINAL: ("final", "definitief"),
    FundingKind.INCIDENTAL: ("incidental", "incidenteel"),
    FundingKind.STRUCTURAL: ("structural", "structureel"),
    MotionKind.MOTION: ("motion", "motie"),
    MotionKind.AMENDMENT: ("amendment", "amendement"),
    MotionStatus.SUBMITTED: ("submitted", "ingediend"),
    MotionStatus.ADOPTED: ("adopted", "aangenomen"),
    MotionStatus.REJECTED: ("rejected", "verworpen"),
    MotionStatus.WITHDRAWN: ("withdrawn", "ingetrokken"),
    MotionStatus.HELD: ("held", "aangehouden"),
    MotionStatus.IN_PROGRESS: ("in progress", "in behandeling"),
    MotionStatus.SETTLED: ("settled", "afgedaan"),
    MotionStatus.LAPSED: ("lapsed", "vervallen"),
    DecisionMethod.BY_VOTE: ("by vote", "stemming"),
    DecisionMethod.WITHOUT_VOTE: ("without a vote", "zonder stemming"),
    DecisionMethod.TAKEN_OVER: ("taken over by the cabinet", "overgenomen door het kabinet"),
    Scope.REGIONAL: ("regional", "regionaal"),
    Scope.SUPRA_REGIONAL: ("supra-regional", "bovenregionaal"),
    Service.FINANCING: ("financing", "financiering"),
    Service.BUSINESS_DEVELOPMENT: ("business development", "business development"),
    Service.INTERNATIONALISATION: ("internationalisation", "internationalisering"),
    Service.ECOSYSTEM_DEVELOPMENT: ("ecosystem development", "ecosysteemontwikkeling"),
    Service.KNOWLEDGE_SHARING: ("knowledge sharing", "kennisdeling"),
    Service.POLICY_COORDINATION: ("policy coordination", "beleidscoördinatie"),
    OrganisationKind.MINISTRY: ("ministry", "ministerie"),
    OrganisationKind.PROVINCE: ("province", "provincie"),
    OrganisationKind.MUNICIPALITY: ("municipality", "gemeente"),
    OrganisationKind.KNOWLEDGE_INSTITUTION: ("knowledge institution", "kennisinstelling"),
    OrganisationKind.OTHER: ("other", "overig"),
    TransactionKind.COMMITMENT: ("commitment", "verplichting"),
    TransactionKind.EXPENDITURE: ("expenditure", "uitgave"),
}
"""Each enum member of the model in English and Dutch."""

_COUNTED: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "error": (("error", "errors"), ("fout", "fouten")),
    "warning": (("warning", "warnings"), ("waarschuwing", "waarschuwingen")),
    "info": (("info", "info"), ("info", "info")),
    "finding": (("finding", "findings"), ("bevinding", "bevindingen")),
}
"""Words that are counted, singular and plural, in English and Dutch; severities by value."""


def label(key: str, lang: Lang) -> str:
    """The label for `key` in `lang`; an unknown key is returned as it is."""
    pair = _LABELS.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "en" else pair[1]


def percent(share: Fraction | None, lang: Lang) -> str:
    """A share as a percentage with one decimal, `33,3%` in Dutch; `-` when undefined."""
    if share is None:
        return "-"
    tenths = round(share * 1000)  # exact: Fraction rounds half to even
    whole, tenth = divmod(abs(tenths), 10)
    sign = "-" if tenths < 0 else ""
    mark = "," if lang == "nl" else "."
    return f"{sign}{whole}{mark}{tenth}%"


_SENTENCES: dict[str, tuple[str, str]] = {
    "period": ("period {period}, status {status}", "periode {period}, status {status}"),
    "parties": (
        "{roms} ROMs, {provinces} provinces, {principals} principals",
        "{roms} ROM's, {provinces} provincies, {principals} opdrachtgevers",
    ),
    "pillars": ("pillars: {pillars}", "pijlers: {pillars}"),
    "work": (
        "{activities} activities, {allocations} allocations",
        "{activities} activiteiten, {allocations} toewijzingen",
    ),
    "funding": (
        "funding {source}: {amount} {kind}, allocated {allocated}, unallocated {unallocated}",
        "financiering {source}: {amount} {kind}, toegewezen {allocated}, "
        "niet toegewezen {unallocated}",
    ),
    "motion": ("{kind} {title}: {status}{settled}", "{kind} {title}: {status}{settled}"),
    "settled": (" (settled by this strategy)", " (afgedaan met deze strategie)"),
}
"""The sentences of `summary()` in English and Dutch, as `str.format` templates."""


def sentence(key: str, lang: Lang) -> str:
    """A sentence template of `summary()` in `lang`, e.g. `"period {period}, status {status}"`."""
    pair = _SENTENCES[key]
    return pair[0] if lang == "en" else pair[1]


def check_lang(value: object, where: str) -> Lang:
    """Return `value` if it is a language this library speaks, `"en"` or `"nl"`.

    Raises:
        ValueError: naming `where` and the value.
    """
    if value not in LANGS:
        raise ArgumentError(f"{where}: got {shown(value)}, expected 'en' or 'nl'")
    return value


def word(member: enum.Enum, lang: Lang) -> str:
    """An enum member in `lang`: `MotionStatus.SETTLED` is `settled`, in Dutch `afgedaan`.

    A severity (any enum whose value is `error`, `warning` or `info`) is said too.
    """
    pair = _ENUM_WORDS.get(member)
    if pair is None:
        return severity(member.value, lang)
    return pair[0] if lang == "en" else pair[1]


def severity(value: str, lang: Lang, number: int = 1) -> str:
    """A severity by its value, for `number` findings: `error`, `errors`, `fout`, `fouten`."""
    words = _COUNTED[value][0 if lang == "en" else 1]
    return words[0 if number == 1 else 1]


def count(number: int, value: str, lang: Lang) -> str:
    """`number` of a counted word: `1 error`, `2 errors`, `2 findings`, in Dutch `2 fouten`."""
    return f"{number} {severity(value, lang, number)}"


FEW = 5
"""The most words `join` names; past them, it says how many more there are."""


def join(items: Iterable[str], lang: Lang, *, more: int = 0) -> str:
    """Join words: `a`, `a and b`, `a, b and c`, in Dutch with `en`; `none`/`geen` when empty.

    Of more than `FEW` words, the first `FEW` and how many more: `a, b, c, d, e and
    7 more`, in Dutch `... en nog 7`. `more` counts words left out before the call.
    """
    words = tuple(items)
    more += max(len(words) - FEW, 0)
    words = words[:FEW]
    if more:
        rest = f"{more} more" if lang == "en" else f"nog {more}"
        return f"{', '.join(words)} {label('and', lang)} {rest}" if words else rest
    if not words:
        return label("nothing", lang)
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {label('and', lang)} {words[-1]}"
