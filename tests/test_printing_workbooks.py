"""Workbooks people print (issue 28, part 6): widths that fit, a frozen and repeated header,
landscape pages one page wide; long texts wrap instead of spilling over the page.

The settings are checked through openpyxl. LibreOffice's PDF of the illustrative plan was
checked by hand once (one page per sheet); that check is not part of the suite.
"""

import datetime
import io

import attrs
import openpyxl
import pytest

from romstrategy import dumps, load, loads, reference
from romstrategy._documents._workbook import workbook_bytes
from romstrategy._print_setup import MAX_WIDTH, width_of
from tests.helpers import TABLES, illustrative

PLAN = illustrative()


def printable_book(strategy):
    """The written workbook of `strategy`, opened with openpyxl."""
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes(strategy)))


def shown_text(value, header):
    """The text a cell shows, as the writer measures it: amounts with separators, days ISO."""
    if value is None:
        return ""
    if header == "year":
        return str(value)
    if isinstance(value, int | float):  # an amount; openpyxl reads a whole one as an int
        return f"{value:,.2f}"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value)


def _long_title(n):
    return attrs.evolve(PLAN, title="x" * n)


def _activity_titles_of_lines():
    title = "\n".join(["a short line"] * 10)  # 12 wide, 129 long
    return attrs.evolve(PLAN, activities=[attrs.evolve(a, title=title) for a in PLAN.activities])


STRATEGIES = {
    "illustrative": PLAN,
    "reference": reference.strategy_2024(),
    "title of 59": _long_title(MAX_WIDTH - 1),
    "title of 60": _long_title(MAX_WIDTH),
    "title of 61": _long_title(MAX_WIDTH + 1),
    "title of 500": _long_title(500),
    "title of lines": attrs.evolve(PLAN, title="short\n" + "y" * 45 + "\nend"),
    "activity titles of lines": _activity_titles_of_lines(),
    "title of CR lines": attrs.evolve(PLAN, title="y" * 40 + "\r" + "z" * 40),
}


@pytest.mark.parametrize("strategy", STRATEGIES.values(), ids=STRATEGIES)
def test_every_sheet_prints_landscape_one_page_wide_with_its_header_on_each_page(strategy):
    book = printable_book(strategy)
    for sheet in (book[name] for name in TABLES):
        assert sheet.freeze_panes == "A2"
        assert sheet.print_title_rows == "$1:$1"
        setup = sheet.page_setup
        assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9)  # A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True


@pytest.mark.parametrize("strategy", STRATEGIES.values(), ids=STRATEGIES)
def test_each_column_is_as_wide_as_its_longest_line_capped(strategy):
    book = printable_book(strategy)
    for sheet in (book[name] for name in TABLES):
        for column in sheet.iter_cols():
            texts = [shown_text(cell.value, column[0].value) for cell in column]
            longest = max(len(line) for text in texts for line in [*text.splitlines(), ""])
            width = sheet.column_dimensions[column[0].column_letter].width
            assert width == min(longest, MAX_WIDTH) + 2, (sheet.title, column[0].value)


def long_or_lined(value):
    """Whether a written cell's text should wrap: wider than the cap or of several lines."""
    return isinstance(value, str) and (len(value.splitlines()) > 1 or len(value) > MAX_WIDTH)


@pytest.mark.parametrize("strategy", STRATEGIES.values(), ids=STRATEGIES)
def test_exactly_the_long_or_many_lined_texts_wrap_and_their_rows_read_from_the_top(strategy):
    book = printable_book(strategy)
    for sheet in (book[name] for name in TABLES):
        for row in sheet.iter_rows():
            long = [long_or_lined(cell.value) for cell in row]
            tall = any(long) and row[0].row > 1  # never the header
            for cell, wraps in zip(row, long, strict=True):
                assert bool(cell.alignment.wrap_text) is (wraps and tall), cell.coordinate
                assert cell.alignment.vertical == ("top" if tall else None), cell.coordinate


@pytest.mark.parametrize(
    ("title", "wraps"),
    [
        ("x" * MAX_WIDTH, False),
        ("x" * (MAX_WIDTH + 1), True),
        ("x" * 500, True),
        ("two\nlines", True),
        ("short", False),
    ],
)
def test_a_title_wraps_when_it_is_long_or_of_several_lines(title, wraps):
    sheet = printable_book(attrs.evolve(PLAN, title=title))["strategy"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "title")
    assert row[1].value == title
    assert bool(row[1].alignment.wrap_text) is wraps
    assert [cell.alignment.vertical for cell in row] == ["top" if wraps else None] * 2


def test_a_wrapped_text_reads_back_unchanged_and_the_bytes_stay_the_same():
    strategy = attrs.evolve(PLAN, title="a\n" + "z" * 300)
    data = workbook_bytes(strategy)
    assert data == workbook_bytes(strategy)
    assert loads(dumps(strategy, "toml"), "toml") == strategy
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book["strategy"].column_dimensions["B"].width == MAX_WIDTH + 2


def test_the_hidden_lists_sheet_is_left_as_it_was():
    lists = printable_book(PLAN)["lists"]
    assert lists.sheet_state == "hidden"
    assert lists.print_title_rows is None


@pytest.mark.parametrize("name", ["title of lines", "activity titles of lines", "title of 500"])
def test_a_printable_workbook_reads_back_as_the_same_strategy(tmp_path, name):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(workbook_bytes(STRATEGIES[name]))
    assert load(path) == STRATEGIES[name]


def test_a_column_of_many_lined_texts_is_as_wide_as_their_longest_line():
    sheet = printable_book(STRATEGIES["activity titles of lines"])["activities"]
    at = [cell.value for cell in sheet[1]].index("title")
    assert sheet.column_dimensions[sheet[1][at].column_letter].width == len("a short line") + 2


@pytest.mark.parametrize(
    ("text", "width"),
    [("", 0), ("abc", 3), ("ab\ncdef\ng", 4), ("a\r\nbc", 2), ("\n\n", 0), ("é" * 7, 7)],
)
def test_the_width_of_a_text_is_its_longest_line(text, width):
    assert width_of(text) == width
