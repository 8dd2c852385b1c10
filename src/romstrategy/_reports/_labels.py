"""Words of the reports in English and Dutch (*labels*)."""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

from romstrategy._model._money import Money
from romstrategy._model._period import Period

__all__ = ["Lang", "label", "money", "percent", "period"]

Lang = Literal["en", "nl"]

_LABELS: dict[str, tuple[str, str]] = {
    "overview": ("Overview", "Overzicht"),
    "period": ("Period", "Periode"),
    "to": ("to", "t/m"),
    "status": ("Status", "Status"),
    "draft": ("draft", "concept"),
    "final": ("final", "definitief"),
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
    "incidental": ("incidental", "incidenteel"),
    "structural": ("structural", "structureel"),
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
    "error": ("error", "fout"),
    "warning": ("warning", "waarschuwing"),
    "info": ("info", "info"),
    "allocations": ("Allocations", "Toewijzingen"),
    "appeared": ("appeared", "verschenen"),
    "disappeared": ("disappeared", "verdwenen"),
    "no_differences": ("No differences.", "Geen verschillen."),
    "submitted": ("submitted", "ingediend"),
    "adopted": ("adopted", "aangenomen"),
    "rejected": ("rejected", "verworpen"),
    "withdrawn": ("withdrawn", "ingetrokken"),
    "held": ("held", "aangehouden"),
    "in-progress": ("in progress", "in behandeling"),
    "settled": ("settled", "afgedaan"),
    "financing": ("financing", "financiering"),
    "business-development": ("business development", "business development"),
    "internationalisation": ("internationalisation", "internationalisering"),
    "ecosystem-development": ("ecosystem development", "ecosysteemontwikkeling"),
    "knowledge-sharing": ("knowledge sharing", "kennisdeling"),
    "policy-coordination": ("policy coordination", "beleidscoördinatie"),
}


def label(key: str, lang: Lang) -> str:
    """The label for `key` in `lang`; an unknown key is returned as it is."""
    pair = _LABELS.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "en" else pair[1]


def period(span: Period, lang: Lang) -> str:
    """A period for people: `2024-01-01 to 2027-12-31`, in Dutch `... t/m ...`."""
    return f"{span.start.isoformat()} {label('to', lang)} {span.end.isoformat()}"


def money(amount: Money, lang: Lang) -> str:
    """An amount as people in `lang` write it: `€ 4.000.000,00` or `€4,000,000.00`."""
    return amount.format(locale=lang)


def percent(share: Fraction | None, lang: Lang) -> str:
    """A share as a percentage with one decimal, `33,3%` in Dutch; `-` when undefined."""
    if share is None:
        return "-"
    tenths = round(share * 1000)  # exact: Fraction rounds half to even
    whole, tenth = divmod(abs(tenths), 10)
    sign = "-" if tenths < 0 else ""
    mark = "," if lang == "nl" else "."
    return f"{sign}{whole}{mark}{tenth}%"
