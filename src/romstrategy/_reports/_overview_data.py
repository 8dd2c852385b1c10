"""The overview report as plain data for JSON."""

from __future__ import annotations

from typing import Any

from romstrategy._model._strategy import Activity
from romstrategy._model._vocabulary import Lang, label, word
from romstrategy._reports._groups import group_fields, titled
from romstrategy._reports._overview import Line, Overview
from romstrategy._reports._progress_rows import (
    AMOUNT_COLUMNS,
    Progress,
    ProgressRow,
    share_number,
)
from romstrategy._reports._realisation_section import pillar_titles

__all__ = ["overview_data"]


def _line(line: Line, lang: Lang) -> dict[str, Any]:
    return {
        **group_fields(line.key),
        "title": line.title(lang),
        "amount": line.amount.to_text(),
        "share": share_number(line.share),
    }


def _activity(a: Activity) -> dict[str, Any]:
    return {
        "id": a.id,
        "title": a.title,
        "scope": a.scope.value,
        "pillar": a.pillar,
        "roms": list(a.roms),
        "lead": a.lead,
        "theme": a.theme,
        "service": a.service.value,
        "period": {"start": a.period.start.isoformat(), "end": a.period.end.isoformat()},
        "complements": list(a.complements),
    }


def _progress_row(row: ProgressRow, title: str) -> dict[str, Any]:
    amounts = (amount.to_text() for amount in row.amounts())
    return (
        group_fields(row.key) | {"title": title} | dict(zip(AMOUNT_COLUMNS, amounts, strict=True))
    )


def _progress_rows(progress: Progress, titles: dict[str, str], lang: Lang) -> list[dict[str, Any]]:
    return [_progress_row(row, titled(row.key, titles, lang)) for row in progress.rows]


def _realisation(o: Overview, lang: Lang) -> dict[str, Any]:
    """`{"realisation": ...}` when the strategy has transactions, else nothing."""
    if o.progress_by_pillar is None or o.progress_by_year is None:
        return {}
    titles = pillar_titles(o, lang)
    as_of = o.progress_by_pillar.as_of
    total = o.progress_by_pillar.total
    return {
        "realisation": {
            "as_of": None if as_of is None else as_of.isoformat(),
            "pillars": _progress_rows(o.progress_by_pillar, titles, lang),
            "years": _progress_rows(o.progress_by_year, {}, lang),
            "total": _progress_row(total, label("total", lang)),
        }
    }


def overview_data(o: Overview, lang: Lang) -> dict[str, Any]:
    """The report's content as JSON-ready data.

    Amounts are strings such as `"1250000.00"`; a share of the total is a number,
    a fraction of one to four decimals (`0.3`, `0.1845`), `null` when nothing is allocated.
    """
    s = o.strategy
    return {
        "strategy": {
            "id": s.id,
            "title": s.title,
            "status": s.status.value,
            "period": {"start": s.period.start.isoformat(), "end": s.period.end.isoformat()},
        },
        "lang": lang,
        "allocated": o.allocated.to_text(),
        "pillars": [_line(line, lang) for line in o.pillars],
        "years": [_line(line, lang) for line in o.years],
        "roms": [_line(line, lang) for line in o.roms],
        "activities": {
            "regional": [_activity(a) for a in o.regional],
            "supra-regional": [_activity(a) for a in o.supra_regional],
        },
        "links": [{"supra_regional": supra, "regional": regional} for supra, regional in o.links],
        "funding_sources": [
            {
                "id": f.id,
                "name": f.name,
                "kind": f.kind,
                "amount": f.amount.to_text(),
                "allocated": f.allocated.to_text(),
                "unallocated": f.unallocated.to_text(),
            }
            for f in o.sources
        ],
        **_realisation(o, lang),
        "motions": [
            {
                "id": m.motion.id,
                "title": m.motion.title,
                "status": m.motion.status.value,
                "status_text": word(m.motion.status, lang),
                "settled_here": m.settled_here,
                "settled_by": m.settled_by,
            }
            for m in o.motions
        ],
        "findings": o.report.to_dict(),
    }
