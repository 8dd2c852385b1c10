"""The overview as titled tables of text, shared by the Markdown and HTML renderers."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from romstrategy._model._budget import FundingKind
from romstrategy._model._display import html_grid, html_text
from romstrategy._model._vocabulary import Lang, label, money, percent, period, word
from romstrategy._reports._progress_rows import AMOUNT_COLUMNS, Progress, year_notes
from romstrategy._reports._realisation_section import as_of_text, pillar_titles, progress_rows

if TYPE_CHECKING:
    from romstrategy._reports._overview import Line, Overview

__all__ = ["Section", "Table", "tables", "tables_html"]


@attrs.frozen
class Table:
    """A section of the report: a title, column headers and rows of text."""

    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str
    numeric: frozenset[int] = frozenset()
    row_classes: tuple[str, ...] = ()


@attrs.frozen
class Section:
    """A section of several tables under one heading, after its notes, a paragraph each."""

    key: str
    title: str
    notes: tuple[str, ...]
    tables: tuple[Table, ...]


def _headers(lang: Lang, *keys: str) -> tuple[str, ...]:
    return tuple(label(key, lang) for key in keys)


def _money_table(key: str, first: str, lines: tuple[Line, ...], o: Overview, lang: Lang) -> Table:
    rows = tuple(
        (line.title(lang), money(line.amount, lang), percent(line.share, lang)) for line in lines
    )
    everything = Fraction(1) if o.allocated.cents else None
    total = (label("total", lang), money(o.allocated, lang), percent(everything, lang))
    return Table(
        key=key,
        title=label(key, lang),
        headers=(label(first, lang), label("allocated", lang), label("share", lang)),
        rows=(*rows, total) if rows else (),
        empty=label("none", lang),
        numeric=frozenset({1, 2}),
    )


def _activity_table(scope: str, o: Overview, lang: Lang) -> Table:
    activities = o.regional if scope == "regional" else o.supra_regional
    return Table(
        key=f"activities-{scope}",
        title=f"{label('activities', lang)}: {label(scope, lang).lower()}",
        headers=_headers(lang, "activity", "pillar", "roms", "lead", "theme", "service", "period"),
        rows=tuple(
            (
                f"{a.id} {a.title}",
                a.pillar,
                ", ".join(a.roms),
                a.lead,
                a.theme,
                word(a.service, lang),
                period(a.period, lang),
            )
            for a in activities
        ),
        empty=label("none", lang),
    )


def _links_table(o: Overview, lang: Lang) -> Table:
    return Table(
        key="links",
        title=label("links", lang),
        headers=(label("supra-regional", lang), label("complements", lang)),
        rows=tuple((supra, regional) for supra, regional in o.links),
        empty=label("none", lang),
    )


def _sources_table(o: Overview, lang: Lang) -> Table:
    return Table(
        key="funding",
        title=label("funding", lang),
        headers=_headers(lang, "source", "kind", "amount", "allocated", "unallocated"),
        rows=tuple(
            (
                f"{s.id} {s.name}",
                word(FundingKind(s.kind), lang),
                money(s.amount, lang),
                money(s.allocated, lang),
                money(s.unallocated, lang),
            )
            for s in o.sources
        ),
        empty=label("none", lang),
        numeric=frozenset({2, 3, 4}),
    )


def _motions_table(o: Overview, lang: Lang) -> Table:
    return Table(
        key="motions",
        title=label("motions", lang),
        headers=_headers(lang, "motion", "submitted_on", "status", "settled_here", "settled_by"),
        rows=tuple(
            (
                m.motion.title,
                m.motion.submitted_on.isoformat(),
                word(m.motion.status, lang),
                label("yes" if m.settled_here else "no", lang),
                m.settled_by or "-",
            )
            for m in o.motions
        ),
        empty=label("none", lang),
    )


def _findings_table(o: Overview, lang: Lang) -> Table:
    return Table(
        key="findings",
        title=label("findings", lang),
        headers=_headers(lang, "code", "severity", "where", "message"),
        rows=tuple(
            (
                f.code,
                word(f.severity, lang),
                f.path,
                f.message if lang == "en" else f.message_nl,
            )
            for f in o.report.findings
        ),
        empty=label("no_findings", lang),
        row_classes=tuple(f"severity-{f.severity.value}" for f in o.report.findings),
    )


def _progress_table(key: str, first: str, progress: Progress, o: Overview, lang: Lang) -> Table:
    titles = pillar_titles(o, lang) if progress.by == "pillar" else {}
    return Table(
        key=key,
        title=label(key, lang),
        headers=_headers(lang, first, *AMOUNT_COLUMNS),
        rows=progress_rows(progress, titles, lang),
        empty=label("none", lang),
        numeric=frozenset(range(1, len(AMOUNT_COLUMNS) + 1)),
    )


def _realisation(o: Overview, lang: Lang) -> tuple[Section, ...]:
    """The realisation section, when the strategy has transactions."""
    if o.progress_by_pillar is None or o.progress_by_year is None:
        return ()
    parts = (
        _progress_table("realisation_per_pillar", "pillar", o.progress_by_pillar, o, lang),
        _progress_table("realisation_per_year", "year", o.progress_by_year, o, lang),
    )
    notes = (as_of_text(o.progress_by_pillar, lang), *year_notes(o.progress_by_year, lang))
    title = label("realisation", lang)
    return (Section(key="realisation", title=title, notes=notes, tables=parts),)


def tables(o: Overview, lang: Lang) -> tuple[Table | Section, ...]:
    """Every section of the report, in reading order."""
    return (
        _money_table("pillars", "pillar", o.pillars, o, lang),
        _money_table("per_year", "year", o.years, o, lang),
        _money_table("per_rom", "rom", o.roms, o, lang),
        _activity_table("regional", o, lang),
        _activity_table("supra-regional", o, lang),
        _links_table(o, lang),
        _sources_table(o, lang),
        *_realisation(o, lang),
        _motions_table(o, lang),
        _findings_table(o, lang),
    )


def _table_html(table: Table) -> str:
    if not table.rows:
        return f"<h4>{html_text(table.title)}</h4><p>{html_text(table.empty)}</p>"
    aligned = "right" if table.numeric else "left"
    return html_grid(table.title, table.headers, table.rows, align=aligned)


def tables_html(o: Overview, lang: Lang) -> str:
    """Every table of the report as a small HTML table, for notebooks; every text escaped."""
    parts = (p.tables if isinstance(p, Section) else (p,) for p in tables(o, lang))
    return "".join(_table_html(table) for group in parts for table in group)
