"""Workbooks people print: the header frozen and repeated, landscape, one page wide (issue 28)."""

import pytest

import romstrategy as rs
from romstrategy._documents._layout import TABLES
from tests.helpers import illustrative

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    path = tmp_path_factory.mktemp("print") / "plan.xlsx"
    rs.dump(illustrative(), path)
    return openpyxl.load_workbook(path)


@pytest.mark.parametrize("name", [table.name for table in TABLES])
def test_each_sheet_prints_landscape_one_page_wide_with_its_header_on_every_page(book, name):
    sheet = book[name]
    assert sheet.freeze_panes == "A2"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True


@pytest.mark.parametrize("name", [table.name for table in TABLES])
def test_every_column_is_as_wide_as_its_header_and_at_most_62(book, name):
    sheet = book[name]
    for column in sheet.iter_cols(max_row=1):
        width = sheet.column_dimensions[column[0].column_letter].width
        assert len(column[0].value) + 2 <= width <= 62


def test_a_printed_workbook_reads_back_equal(tmp_path):
    path = tmp_path / "plan.xlsx"
    rs.dump(illustrative(), path)
    assert rs.load(path) == illustrative()
