"""The realisation section (*realisatie*): progress as rows of text and as grouped bars.

What the Markdown, HTML and JSON reports show of `progress` by pillar and by
year: the key's title, then allocated, committed, spent, open and uncommitted
money, and a total row; and, for the chart, the three amounts per pillar.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from romstrategy._model._vocabulary import Lang, label, money
from romstrategy._reports._groups import titled
from romstrategy._reports._progress_rows import AMOUNT_COLUMNS, Progress
from romstrategy._reports._svg import Group

if TYPE_CHECKING:
    from romstrategy._reports._overview import Overview

__all__ = ["SERIES", "as_of_text", "pillar_titles", "progress_bars", "progress_rows"]

SERIES = AMOUNT_COLUMNS[:3]
"""The amounts the chart shows side by side."""


def pillar_titles(o: Overview, lang: Lang) -> dict[str, str]:
    """Each pillar's code and title, such as `I A better link ...`, by its code."""
    return {line.key: line.title(lang) for line in o.pillars if isinstance(line.key, str)}


def as_of_text(progress: Progress, lang: Lang) -> str:
    """`As of: 2024-12-31`, or `As of: all transactions`; in Dutch `Peildatum: ...`."""
    day = label("all_transactions", lang) if progress.as_of is None else progress.as_of.isoformat()
    return f"{label('as_of', lang)}: {day}"


def progress_rows(
    progress: Progress, titles: Mapping[str, str], lang: Lang
) -> tuple[tuple[str, ...], ...]:
    """One row of text per key, titled from `titles` (else the key), then the total row."""
    rows = [
        (titled(row.key, titles, lang), *(money(m, lang) for m in row.amounts()))
        for row in progress.rows
    ]
    total = (label("total", lang), *(money(m, lang) for m in progress.total.amounts()))
    return (*rows, total)


def progress_bars(progress: Progress, titles: Mapping[str, str], lang: Lang) -> list[Group]:
    """Per key, its title and the allocated, committed and spent bars of the chart."""
    return [
        (
            titled(row.key, titles, lang),
            tuple(
                (label(name, lang), getattr(row, name).cents, money(getattr(row, name), lang))
                for name in SERIES
            ),
        )
        for row in progress.rows
    ]
