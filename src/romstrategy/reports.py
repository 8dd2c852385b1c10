"""The overview report of a strategy for policy readers (*rapportage*).

`render(strategy, format="md", lang="en")` gives the report as Markdown,
as one self-contained HTML page with SVG charts, or as JSON. `overview()`
gives the same content as data. A strategy with transactions gets a
realisation section (*realisatie*): money allocated, committed and spent per
pillar and per year, up to an `as_of` day if one is given.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from romstrategy._model._display import json_text, shown
from romstrategy._model._error import ArgumentError
from romstrategy._model._strategy import Strategy
from romstrategy._model._vocabulary import Lang
from romstrategy._reports._diff import Change, Moved, StrategyDiff, diff
from romstrategy._reports._groups import Group
from romstrategy._reports._html import render_html
from romstrategy._reports._markdown import render_markdown
from romstrategy._reports._overview import (
    JOINT,
    UNASSIGNED,
    Line,
    MotionLine,
    Overview,
    SourceLine,
    overview,
)
from romstrategy._reports._overview_data import overview_data
from romstrategy.rules import Findings

__all__ = [
    "JOINT",
    "UNASSIGNED",
    "Change",
    "Group",
    "Lang",
    "Line",
    "MotionLine",
    "Moved",
    "Overview",
    "ReportFormat",
    "SourceLine",
    "StrategyDiff",
    "diff",
    "overview",
    "render",
]

ReportFormat = Literal["md", "html", "json"]


def render(
    strategy: Strategy,
    format: ReportFormat = "md",
    lang: Lang = "en",
    *,
    report: Findings | None = None,
    as_of: date | str | None = None,
) -> str:
    """Render the overview report of `strategy`.

    Args:
        strategy: the strategy to report on.
        format: `"md"` (Markdown tables), `"html"` (one page, inline CSS and
            SVG charts, nothing loaded from a network) or `"json"`.
        lang: `"en"` or `"nl"`; amounts follow the language, e.g. `€ 4.000.000,00`.
        report: the findings to show; by default those of `validate(strategy)`.
        as_of: count only transactions dated on or before this day in the
            realisation section: a date, an ISO `YYYY-MM-DD` string, or `None`
            for all. Without transactions there is no such section.

    Raises:
        ValueError: for an unknown format or language, or an `as_of` that is
            not a date (the error `progress` raises).
    """
    if lang not in ("en", "nl"):
        raise ArgumentError(f"render: got lang {shown(lang)}, expected 'en' or 'nl'")
    content = overview(strategy, report, as_of=as_of)
    if format == "md":
        return render_markdown(content, lang)
    if format == "html":
        return render_html(content, lang)
    if format == "json":
        return json_text(overview_data(content, lang)) + "\n"
    raise ArgumentError(f"render: got format {shown(format)}, expected 'md', 'html' or 'json'")
