"""The overview report as Markdown tables; user text is escaped (see `_escape`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from romstrategy._model._vocabulary import Lang, label, period, word
from romstrategy._reports._escape import markdown_code, markdown_text
from romstrategy._reports._overview_tables import Section, Table, tables

if TYPE_CHECKING:
    from romstrategy._reports._overview import Overview

__all__ = ["render_markdown"]


def _table(table: Table, level: int = 2) -> list[str]:
    lines = [f"{'#' * level} {markdown_text(table.title)}", ""]
    if not table.rows:
        return [*lines, markdown_text(table.empty), ""]
    lines.append("| " + " | ".join(markdown_text(h) for h in table.headers) + " |")
    lines.append("|" + "|".join("---" for _ in table.headers) + "|")
    lines += ["| " + " | ".join(markdown_text(c) for c in row) + " |" for row in table.rows]
    return [*lines, ""]


def _section(section: Section) -> list[str]:
    lines = [f"## {markdown_text(section.title)}", ""]
    for note in section.notes:
        lines += [markdown_text(note), ""]
    for table in section.tables:
        lines += _table(table, level=3)
    return lines


def render_markdown(o: Overview, lang: Lang) -> str:
    """Render the overview as Markdown: a header, then one table per section."""
    s = o.strategy
    lines = [
        f"# {markdown_text(s.title)}",
        "",
        f"- {label('overview', lang)}: {markdown_code(s.id)}",
        f"- {label('period', lang)}: {period(s.period, lang)}",
        f"- {label('status', lang)}: {word(s.status, lang)}",
        "",
    ]
    for part in tables(o, lang):
        lines += _section(part) if isinstance(part, Section) else _table(part)
    return "\n".join(lines).rstrip("\n") + "\n"
