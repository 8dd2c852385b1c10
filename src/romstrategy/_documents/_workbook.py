"""A strategy as an Excel workbook (*werkmap*, `.xlsx`): written with openpyxl, read by `_xlsx`.

One visible sheet per table of `_tables.TABLES`, in its order, each with
the header in its first row; a hidden sheet `lists` holds the values of the
drop-down lists. Writing goes `rows_of` -> typed cells: an amount is a
number with the format `#,##0.00`, a date a date cell, everything else text
(never a formula or a number, whatever it looks like). Reading goes cells ->
text cells -> `strategy_of`, strictly: a number is accepted only in an
amount column, and only when it is exactly the nearest double to an amount
in cents; a date only in a date column; a formula by its computed value,
and one without it is a problem.

A workbook is a zip file of XML parts. Before any is parsed, the zip is
checked: at most `max_bytes` in the file and again once unzipped, at most
`MAX_MEMBERS` parts, no macros (`vbaProject.bin`) and no DTD. `_xlsx` then
streams the cells, within its limits (`MAX_CELLS`, `MAX_ROWS`, ...); external
links are never followed. openpyxl is imported only when a workbook is used:
it is the optional extra `romstrategy[xlsx]`.
"""

from __future__ import annotations

import datetime
import enum
import importlib
import io
import os
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pendulum

from romstrategy._documents._errors import DocumentError, Problem, refused, suggestion
from romstrategy._documents._files import read_limited
from romstrategy._documents._formats import MAX_BYTES, check_limit
from romstrategy._documents._layout import (
    STRATEGY,
    STRATEGY_ROWS,
    TABLES,
    Column,
    Refused,
    Row,
    Table,
    rows_of,
    strategy_of,
)
from romstrategy._model._display import shown
from romstrategy._model._kinds import argument
from romstrategy._model._money import Money
from romstrategy._model._period import Period
from romstrategy._model._strategy import Strategy
from romstrategy._print_setup import for_print, width_of, wrap_long_texts
from romstrategy._writing import write_atomically
from romstrategy._xlsx import (
    MAX_CELL,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ELEMENTS,
    MAX_ROWS,
    CellError,
    Damaged,
    Sheet,
    Workbook,
    WorkbookError,
    escape,
    letters,
)

__all__ = [
    "INSTALL",
    "LISTS",
    "MAX_CELL",
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_ELEMENTS",
    "MAX_MEMBERS",
    "MAX_ROWS",
    "read_workbook",
    "workbook_bytes",
    "write_workbook",
]

INSTALL = "pip install 'romstrategy[xlsx]'"
"""How to install what workbooks need."""

LISTS = "lists"
"""The hidden sheet that holds the values of the drop-down lists."""

MAX_MEMBERS = 1_000
"""The most parts (zip members) a workbook may have; one written here has about 25."""

_EXCEL_ROWS = 1_048_576
_ERROR = re.compile(r"#[A-Z0-9/_]{1,14}[!?]|#N/A")
_FIRST_DATE = datetime.date(1900, 3, 1)  # Excel's dates before it are off by a day
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_UNICODES = ("utf-8", "utf-16-le", "utf-16-be")


def _openpyxl() -> Any:
    """The openpyxl package, or an ImportError that says how to install it."""
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        raise ImportError(f"Excel workbooks need openpyxl: {INSTALL}") from None


# --- writing -------------------------------------------------------------------------------


def _type(column: Column | None) -> object:
    """The type of a column's values; `None` for a column without a kind."""
    return column.kind.type if column is not None and column.kind is not None else None


_DATES = (pendulum.Date, Period)
_WHAT: dict[object, str] = {
    Money: "an amount",
    pendulum.Date: "a date",
    Period: "a date",
    int: "a year",
}
_CHOOSE = "Choose one of the values in the list."


def _members(column: Column | None) -> list[str] | None:
    """The values of an enum column's list (an appraisal's: the known ones); else `None`."""
    kind = column.kind if column is not None else None
    if kind is None or kind.many:
        return None
    if isinstance(kind.type, type) and issubclass(kind.type, enum.Enum):
        return [str(member.value) for member in kind.type]
    if kind.type is bool:
        return ["true", "false"]
    return list(kind.schema.get("examples", ())) or None  # an appraisal's known values


def workbook_bytes(strategy: Strategy) -> bytes:
    """The workbook of `strategy`: the same strategy always gives the same bytes.

    Raises:
        ValueError: for a value that a cell cannot hold unchanged.
        ImportError: without openpyxl.
    """
    argument(strategy, Strategy, "workbook_bytes")
    tables = rows_of(strategy, max_cell=MAX_CELL)
    openpyxl = _openpyxl()
    styles = importlib.import_module("openpyxl.styles")
    validation = importlib.import_module("openpyxl.worksheet.datavalidation")
    letter = importlib.import_module("openpyxl.utils").get_column_letter

    book = openpyxl.Workbook()
    book.remove(book.active)
    lists = _Lists(book.create_sheet(LISTS), letter)
    bold = styles.Font(bold=True)
    by_field = {column.name: column for column in STRATEGY_ROWS}
    for table in TABLES:
        sheet = book.create_sheet(table.name, index=len(book.sheetnames) - 1)
        widths = [len(name) for name in table.header]
        for number, cells in enumerate(tables[table.name], start=1):
            for position, text in enumerate(cells):
                column: Column | None = table.columns[position]
                if table.name == STRATEGY and position == 1:
                    column = by_field.get(cells[0])
                cell = sheet.cell(row=number, column=position + 1)
                shown_as = _put(cell, text, column if number > 1 else None)
                widths[position] = max(widths[position], width_of(shown_as))
                if number == 1:
                    cell.font = bold
                elif table.name == STRATEGY and position == 1 and _members(column):
                    rule = lists.rule(column, validation)
                    sheet.add_data_validation(rule)
                    rule.add(cell.coordinate)
        for_print(sheet, widths, letter)
        if table.name != STRATEGY:
            _validate(sheet, table, lists, validation, letter)
    wrap_long_texts(book)
    lists.sheet.sheet_state = "hidden"
    book.active = 0
    return _saved(book, strategy.period.start)


def _put(cell: Any, text: str, column: Column | None) -> str:
    """Give the cell its typed value; return the text it shows, for the column's width."""
    if text and _type(column) is Money:
        exact = Decimal(text)
        number = float(exact)
        if Decimal(repr(number)) == exact:
            cell.value = number
            cell.number_format = "#,##0.00"
            return f"{exact:,.2f}"
    if text and _type(column) is int and text.isdigit():  # a year
        cell.value = int(text)
        return text
    if text and _type(column) in _DATES:
        day = datetime.date.fromisoformat(text)
        if day >= _FIRST_DATE:
            cell.value = day
            cell.number_format = "yyyy-mm-dd"
            return text
    if text:
        cell.value = escape(text)
        cell.data_type = "s"  # never a formula, whatever it starts with
    return text


class _Lists:
    """The hidden sheet of the drop-down lists: one column per enum, made when first needed."""

    def __init__(self, sheet: Any, letter: Any) -> None:
        self.sheet = sheet
        self.letter = letter
        self.ranges: dict[str, str] = {}

    def range(self, column: Column) -> str:
        values = _members(column) or []
        key = ",".join(values)
        if key not in self.ranges:
            position = len(self.ranges) + 1
            self.sheet.cell(row=1, column=position, value=column.name).data_type = "s"
            for number, value in enumerate(values, start=2):
                self.sheet.cell(row=number, column=position, value=value).data_type = "s"
            column_letter = self.letter(position)
            self.ranges[key] = f"{LISTS}!${column_letter}$2:${column_letter}${len(values) + 1}"
        return self.ranges[key]

    def rule(self, column: Column | None, validation: Any) -> Any:
        assert column is not None
        suggested = column.kind is not None and "examples" in column.kind.schema  # others too
        style = {"errorStyle": "warning"} if suggested else {}
        return _list(validation, self.range(column), column, _CHOOSE, **style)


def _list(validation: Any, values: str, column: Column, error: str, **style: str) -> Any:
    """A drop-down list of the cells at `values`, for the cells of `column`."""
    return validation.DataValidation(
        type="list",
        formula1=f"={values}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=column.name,
        error=error,
        **style,
    )


def _validate(sheet: Any, table: Table, lists: _Lists, validation: Any, letter: Any) -> None:
    """A drop-down list on each enum column, and on each column that names another record."""
    keys = {name: other for name, *other in table.references}
    for position, column in enumerate(table.columns, start=1):
        cells = f"{letter(position)}2:{letter(position)}{_EXCEL_ROWS}"
        if _members(column):
            rule = lists.rule(column, validation)
        elif column.name in keys:
            other, key = keys[column.name]
            target = next(t for t in TABLES if t.name == other)
            at = letter(target.header.index(key) + 1)
            error = f"No such {key} in the sheet {other} yet."
            values = f"{other}!${at}$2:${at}${_EXCEL_ROWS}"
            rule = _list(validation, values, column, error, errorStyle="warning")
        else:
            continue
        sheet.add_data_validation(rule)
        rule.add(cells)


def _saved(book: Any, day: pendulum.Date) -> bytes:
    """The workbook's bytes, with fixed times, so that they depend on its content only."""
    excel = importlib.import_module("openpyxl.writer.excel")
    stamp = datetime.datetime(day.year, day.month, day.day)
    book.properties.creator = "romstrategy"
    book.properties.created = stamp
    book.properties.modified = stamp
    first = io.BytesIO()
    with zipfile.ZipFile(first, "w", zipfile.ZIP_DEFLATED) as archive:
        excel.ExcelWriter(book, archive).save()
    second = io.BytesIO()
    with (
        zipfile.ZipFile(first) as source,
        zipfile.ZipFile(second, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member))
    return second.getvalue()


def write_workbook(strategy: Strategy, path: str | os.PathLike[str]) -> None:
    """Write `strategy` to `path` as a workbook, atomically.

    Raises:
        ValueError: for a value that a cell cannot hold unchanged.
        ImportError: without openpyxl.
        OSError: when the file cannot be written.
    """
    write_atomically(Path(path), workbook_bytes(strategy))


# --- reading -------------------------------------------------------------------------------


def read_workbook(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Strategy:
    """The strategy in a workbook.

    Raises:
        DocumentError: listing every problem, each naming its sheet and cell.
        TypeError, ValueError: for a `max_bytes` that is not an int of 0 or more.
        ImportError: without openpyxl.
        OSError: when the file cannot be read.
    """
    check_limit(max_bytes)
    file = Path(path)
    try:
        if file.suffix.lower() == ".xlsm":
            raise refused(
                "a macro-enabled workbook (.xlsm) is refused: macros never run here; "
                "save it as an Excel workbook (.xlsx)"
            )
        _openpyxl()
        data = read_limited(file, max_bytes, "file")
        if len(data) > max_bytes:
            raise refused(f"the file has more than the limit of {max_bytes} bytes")
        _check_zip(data, max_bytes)
        return _strategy(data)
    except DocumentError as error:
        raise DocumentError(error.problems, source=str(file)) from None


def _check_zip(data: bytes, max_bytes: int) -> None:
    """Refuse what is not a workbook, a zip bomb and macros, before openpyxl parses anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise refused("not an Excel workbook (.xlsx): the file is not a zip archive") from None
    if len(members) > MAX_MEMBERS:
        raise refused(
            f"the workbook has {len(members)} parts, more than the limit of {MAX_MEMBERS}"
        )
    unzipped = sum(member.file_size for member in members)
    if unzipped > max_bytes:
        raise refused(
            f"the workbook unzips to {unzipped} bytes, more than the limit of {max_bytes}"
        )
    names = {member.filename.lower() for member in members}
    if any(name.endswith("vbaproject.bin") for name in names):
        raise refused("the workbook holds macros (vbaProject.bin); macros never run here")
    if "xl/workbook.xml" not in names:
        raise refused("not an Excel workbook (.xlsx): it has no xl/workbook.xml")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in members:
            if _declares_a_dtd(archive, member):
                raise refused(
                    f"the part {shown(member.filename)} declares a DTD (<!DOCTYPE>), which no "
                    "workbook needs; entities are never expanded or fetched here"
                )


_DTD = tuple(mark.encode(code) for mark in ("<!DOCTYPE",) for code in _UNICODES)


def _declares_a_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether the part declares a DTD, the way to entity bombs and to reading local files."""
    tail = b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 20):
                window = tail + chunk
                if any(mark in window for mark in _DTD):
                    return True
                tail = window[-32:]
    except Exception as error:  # a damaged, encrypted or oddly compressed part
        raise refused(f"not a readable Excel workbook: {error}") from None
    return False


# --- reading the cells as text -------------------------------------------------------------


def _label(table: str, row: int | None, position: int | None) -> str:
    if row is None:
        return f"sheet {table}"
    if position is None:
        return f"{table}!{row}:{row}"
    return f"{table}!{letters(position)}{row}"


def _strategy(data: bytes) -> Strategy:
    problems: list[Problem] = []
    known = [table.name for table in TABLES]
    tables: dict[str, list[Row]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            book = Workbook(archive)
            for name, state, part in book.sheets:
                if name not in known:
                    if state == "visible":  # else a helper sheet, such as the drop-down lists
                        hint = suggestion(name, known)
                        problems.append(Problem("$", f"sheet {name}: unknown sheet{hint}"))
                elif name in tables:
                    raise refused(f"not a readable Excel workbook: two sheets are named {name}")
                else:
                    tables[name] = _rows(book.sheet(name, part), problems)
        except WorkbookError as error:
            raise refused(str(error)) from None
    # A collection's sheet may be left out, as its key may in a document: it is then empty.
    if STRATEGY not in tables:
        problems.append(Problem("$", f"no sheet `{STRATEGY}`"))
    return strategy_of(tables, lambda name: f"sheet {name}", problems, cells=_label)


def _rows(sheet: Sheet, problems: list[Problem]) -> list[Row]:
    """The sheet's rows that are not empty, as text cells; the first is the header.

    A row is empty when each of its cells is, or is a formula that computed empty text.
    A cell that is refused where no column reads it is a problem of its own, as is damage.
    """
    table = next(table for table in TABLES if table.name == sheet.name)
    path = "$" if table.name == STRATEGY else f"$.{table.name}"
    damage = list(sheet.damage)
    by_name = {column.name: column for column in table.columns}
    by_field = {column.name: column for column in STRATEGY_ROWS}
    rows: list[Row] = []
    columns: list[Column | None] = []  # by position, as the header names them
    for number, cells in sheet.rows:
        texts = [""] * (cells[-1][0] + 1)
        at = _at(columns, "field")
        field = next((_header(value) for position, value, _ in cells if position == at), "")
        for position, value, formula in cells:
            column = columns[position] if position < len(columns) else None
            if table.name == STRATEGY and column is not None and column.name == "value":
                column = by_field.get(field)  # what the row's field holds
            text = _text(value, formula, column) if rows else _header(value)
            if isinstance(text, Refused) and (column is None or not rows):
                damage.append((number, position, text.reason))
                text = ""
            texts[position] = text
        while texts and texts[-1] == "" and not isinstance(texts[-1], Refused):
            texts.pop()
        if texts and not rows:  # the header: the first row that is not empty
            columns = [by_name.get(name) for name in texts]
        if texts:
            rows.append((number, texts + [""] * (len(rows[0][1]) - len(texts) if rows else 0)))
    problems += (Problem(path, f"{_label(table.name, *place)}: {why}") for *place, why in damage)
    return rows


def _at(columns: Sequence[Column | None], name: str) -> int:
    return next((i for i, column in enumerate(columns) if column and column.name == name), -1)


def _header(value: object) -> str:
    if isinstance(value, Damaged):
        return Refused(value)
    return value if isinstance(value, str) else "" if value is None else str(value)


def _text(value: object, formula: str | None, column: Column | None) -> str:
    """The cell as text, or `Refused` with the reason."""
    kind = _WHAT.get(_type(column), "text")
    if value is None:  # a formula: a value is empty only when it computed empty text
        return Refused(
            f"the formula {shown('=' + (formula or ''))} has no computed value (the workbook "
            "was never opened in a spreadsheet program); open and save it there, or type the value"
        )
    if isinstance(value, Damaged):
        return Refused(value)
    if isinstance(value, CellError):
        return Refused(
            f"the cell holds the error {value if _ERROR.fullmatch(value) else shown(value)}; "
            f"expected {kind}"
        )
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        if _members(column) == ["true", "false"]:
            return "true" if value else "false"
        return Refused(f"a TRUE/FALSE cell; expected {kind}")
    if isinstance(value, datetime.datetime | datetime.date):
        if _type(column) not in _DATES:
            return Refused(f"a date cell; expected {kind}, so type it as text")
        if isinstance(value, datetime.datetime):
            if value.time() != datetime.time():
                return Refused(
                    f"the date {value.isoformat(' ')} has a time of day; expected a date"
                )
            value = value.date()
        return value.isoformat()
    assert isinstance(value, int | float)
    if isinstance(value, int) and (_type(column) is int or _at([column], "schema_version") == 0):
        return str(value)
    if _type(column) is int and isinstance(value, float) and value.is_integer():
        return str(int(value))  # a year that a spreadsheet saved as 2025.0
    if _type(column) is not Money:
        what = "a date cell or YYYY-MM-DD" if kind == "a date" else kind
        return Refused(f"the number {shown(value)}; expected {what}, so type it as text")
    return _amount(value)


def _amount(value: int | float) -> str:
    if isinstance(value, int):
        return f"{value}.00"
    exact = Decimal(repr(value))
    exponent = exact.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return Refused(
            f"the number {value!r} is not an amount in cents (the result of a "
            "calculation, perhaps); round it to two decimals or type the amount"
        )
    return f"{exact:.2f}"
