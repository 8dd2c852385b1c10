r"""User text made literal in each report format (*ontsnappen*).

Titles, ids and names from a strategy can add no markup to a report: no
HTML tag, link, emphasis or line in Markdown, no tag or attribute in HTML.
Unsafe characters (controls, zero-width and bidirectional characters, line
separators) are shown as escapes such as `\x1b` or `\u202e` (see `visible`).
"""

from __future__ import annotations

import re

from romstrategy._model._display import html_text, visible

__all__ = ["html_text", "markdown_code", "markdown_text"]


_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_[]{}#|~"} | {"<": "&lt;"})
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def markdown_text(value: str) -> str:
    """`value` as literal Markdown text, also inside a table cell.

    Backslash escapes stop emphasis, links, code and cell breaks; `&lt;`
    stops HTML (a backslash before `<` is not an escape in every renderer),
    and `&amp;` an `&` that would start an entity such as `&copy;`.
    """
    return _ENTITY.sub("&amp;", visible(value)).translate(_ESCAPES)


def markdown_code(value: str) -> str:
    """`value` as a code span, fenced by more backticks than it holds in a row."""
    shown = visible(value)
    longest = max((len(run) for run in re.findall("`+", shown)), default=0)
    fence = "`" * (longest + 1)
    # One space each side is taken off a code span that starts or ends with a backtick,
    # or that starts and ends with a space: such a span gets one more.
    edges = shown[:1] + shown[-1:]
    pad = " " if "`" in edges or (edges == "  " and shown.strip()) else ""
    return f"{fence}{pad}{shown}{pad}{fence}"
