"""How a written workbook's sheet looks on screen and on paper (*afdrukinstellingen*).

Each column is as wide as its longest line of text, within `MAX_WIDTH`; a longer
text, or one of several lines, wraps within its cell (at the top of its row), so
that it neither spills over the page nor is cut. The header row stays in view when
scrolling and is printed at the top of every page; a sheet prints on A4 landscape,
one page wide and as many pages long as it needs. It works on an openpyxl sheet,
which the caller brings, and imports `openpyxl.styles` only when called.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any

__all__ = ["MAX_WIDTH", "for_print", "width_of", "wrap_long_texts"]

MAX_WIDTH = 60
"""The widest a column gets, in characters; longer text shows in the formula bar."""

_PADDING = 2  # room for the filter arrow and a margin, in characters


def width_of(text: str) -> int:
    """The width `text` needs in a cell: its longest line, in characters."""
    return max((len(line) for line in text.splitlines()), default=0)


def for_print(sheet: Any, widths: Iterable[int], letter: Any) -> None:
    """Set `sheet`'s column widths (capped), its frozen header row and its page setup.

    `widths` are the widths of its columns' longest texts, in order; `letter` is
    openpyxl's `get_column_letter`.
    """
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[letter(position)].width = min(width, MAX_WIDTH) + _PADDING
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages long as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def wrap_long_texts(book: Any) -> None:
    """Wrap each text wider than `MAX_WIDTH` or of several lines; its row reads from the top.

    Called once the whole `book` is written, so that the styles it adds come after
    the others and a cell's style number does not depend on the texts of other sheets.
    """
    styles = importlib.import_module("openpyxl.styles")
    wrapped = styles.Alignment(wrap_text=True, vertical="top")
    top = styles.Alignment(vertical="top")
    for row in (row for sheet in book.worksheets for row in sheet.iter_rows(min_row=2)):
        long = [cell for cell in row if _wraps(cell.value)]
        for cell in row if long else ():
            cell.alignment = wrapped if cell in long else top


def _wraps(value: object) -> bool:
    lines = value.splitlines() if isinstance(value, str) else ()
    return len(lines) > 1 or max(map(len, lines), default=0) > MAX_WIDTH
