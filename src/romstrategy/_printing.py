"""How a workbook's sheet prints (*afdrukken*): the header frozen and on every page, one page wide.

A sheet prints landscape, scaled to one page wide and as many pages tall as
it needs, with its header row repeated at the top of each page; on screen
the header row stays in view. Column widths are the writer's, from the
cells' text.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["set_up_printing"]


def set_up_printing(sheet: Any) -> None:
    """Freeze row 1, repeat it on every printed page, and print landscape, one page wide."""
    properties = importlib.import_module("openpyxl.worksheet.properties")
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = properties.PageSetupProperties(fitToPage=True)
