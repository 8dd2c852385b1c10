"""The overview report as one self-contained HTML page with SVG charts."""

from __future__ import annotations

import re

from romstrategy._model._vocabulary import Lang, label, money, period, word
from romstrategy._reports._escape import html_text as escape
from romstrategy._reports._overview import Line, Overview
from romstrategy._reports._overview_tables import Section, Table, tables
from romstrategy._reports._realisation_section import pillar_titles, progress_bars
from romstrategy._reports._svg import bar_chart, grouped_bar_chart

__all__ = ["render_html"]

_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2rem auto; max-width: 60rem;
  color: #1b1b1b; line-height: 1.4; padding: 0 1rem; }
h1 { color: #01689b; margin-bottom: .2rem; }
h2 { color: #01689b; border-bottom: 2px solid #e6eef3; padding-bottom: .2rem; margin-top: 2rem; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
@media (max-width: 22rem) { dl.meta { grid-template-columns: auto; } }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .92rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #dde5ea;
  vertical-align: top; }
th { background: #e6eef3; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
.table { overflow-x: auto; }
svg { max-width: 100%; height: auto; }
tr:last-child td { border-bottom: none; }
.charts { display: flex; flex-direction: column; gap: 1rem; margin-top: 1rem; }
svg .chart-title { font-weight: bold; font-size: 15px; fill: #01689b; }
svg .bar-label, svg .bar-value { font-size: 13px; fill: #1b1b1b; }
svg .bar-track { fill: #eef3f6; }
svg .bar { fill: #01689b; }
tr.severity-error td:nth-child(2) { color: #b00020; font-weight: bold; }
tr.severity-warning td:nth-child(2) { color: #8a5a00; font-weight: bold; }
"""

_REALISATION_CSS = """h3 { color: #01689b; margin: 1.2rem 0 .2rem; }
svg .bar.series-1 { fill: #e17000; }
svg .bar.series-2 { fill: #39870c; }
"""
"""Added to the page only with a realisation section, so that other pages stay as they were."""


def _chart(title: str, lines: tuple[Line, ...], lang: Lang) -> str:
    return bar_chart(
        title, [(line.title(lang), line.amount.cents, money(line.amount, lang)) for line in lines]
    )


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?: \S+ \d{4}-\d{2}-\d{2})?")
"""A day, `2024-01-01`, or a period, `2024-01-01 to 2027-12-31` (`t/m` in Dutch)."""


def _cell(tag: str, text: str, numeric: bool) -> str:
    """A table cell: a number's is right-aligned, a date's or a period's never wraps."""
    kind = "num" if numeric else "date" if _DATE.fullmatch(text) else ""
    css = f' class="{kind}"' if kind else ""
    return f"<{tag}{css}>{escape(text)}</{tag}>"


def _row(row: tuple[str, ...], index: int, table: Table) -> str:
    css = f' class="{table.row_classes[index]}"' if table.row_classes else ""
    cells = "".join(_cell("td", c, i in table.numeric) for i, c in enumerate(row))
    return f"<tr{css}>{cells}</tr>"


def _table(table: Table, level: int = 2) -> str:
    head = f'<section id="{escape(table.key)}"><h{level}>{escape(table.title)}</h{level}>'
    if not table.rows:
        return f"{head}<p>{escape(table.empty)}</p></section>"
    header = "".join(_cell("th", h, i in table.numeric) for i, h in enumerate(table.headers))
    rows = "".join(_row(row, index, table) for index, row in enumerate(table.rows))
    return (
        f'{head}<div class="table"><table><thead><tr>{header}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div></section>"
    )


def _realisation_chart(o: Overview, lang: Lang) -> str:
    """Allocated, committed and spent side by side per pillar; empty without transactions."""
    if o.progress_by_pillar is None:
        return ""
    bars = progress_bars(o.progress_by_pillar, pillar_titles(o, lang), lang)
    chart = grouped_bar_chart(label("realisation_per_pillar", lang), bars)
    return f'<div class="charts">{chart}</div>'


def _section(section: Section, chart: str) -> str:
    parts = "".join(_table(table, level=3) for table in section.tables)
    return (
        f'<section id="{escape(section.key)}"><h2>{escape(section.title)}</h2>'
        f"{''.join(f'<p>{escape(note)}</p>' for note in section.notes)}{chart}{parts}</section>"
    )


def render_html(o: Overview, lang: Lang) -> str:
    """Render the overview as a page with inline CSS and SVG charts; it loads nothing."""
    s = o.strategy
    meta = "".join(
        f"<dt>{escape(label(key, lang))}</dt>{_cell('dd', value, False)}"
        for key, value in (
            ("overview", s.id),
            ("period", period(s.period, lang)),
            ("status", word(s.status, lang)),
            ("allocated", money(o.allocated, lang)),
        )
    )
    charts = _chart(label("money_per_pillar", lang), o.pillars, lang) + _chart(
        label("money_per_year", lang), o.years, lang
    )
    body = "\n".join(
        _section(t, _realisation_chart(o, lang)) if isinstance(t, Section) else _table(t)
        for t in tables(o, lang)
    )
    css = _CSS if o.progress_by_pillar is None else _CSS + _REALISATION_CSS
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(s.title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f'<h1>{escape(s.title)}</h1>\n<dl class="meta">{meta}</dl>\n'
        f'<div class="charts">{charts}</div>\n{body}\n</body>\n</html>\n'
    )
