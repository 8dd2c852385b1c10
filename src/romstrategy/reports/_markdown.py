"""The overview report as Markdown tables."""

from __future__ import annotations

from romstrategy.reports._labels import Lang, label, period
from romstrategy.reports._overview import Overview
from romstrategy.reports._tables import Table, tables

__all__ = ["render_markdown"]


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _table(table: Table) -> list[str]:
    lines = [f"## {table.title}", ""]
    if not table.rows:
        return [*lines, table.empty, ""]
    lines.append("| " + " | ".join(_cell(h) for h in table.headers) + " |")
    lines.append("|" + "|".join("---" for _ in table.headers) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return [*lines, ""]


def render_markdown(o: Overview, lang: Lang) -> str:
    """Render the overview as Markdown: a header, then one table per section."""
    s = o.strategy
    lines = [
        f"# {_cell(s.title)}",
        "",
        f"- {label('overview', lang)}: `{s.id}`",
        f"- {label('period', lang)}: {period(s.period, lang)}",
        f"- {label('status', lang)}: {label(s.status.value, lang)}",
        "",
    ]
    for table in tables(o, lang):
        lines += _table(table)
    return "\n".join(lines).rstrip("\n") + "\n"
