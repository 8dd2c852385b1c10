"""A strategy as a Frictionless data package (*open data*): CSV files and `datapackage.json`.

One CSV file per table of `_tables.TABLES`, named `<table>.csv`: UTF-8
without a byte order mark, comma-separated, RFC 4180 quoting (a cell is
quoted when it holds a comma, a quote or a line break), lines ending in
CRLF, the header first. `datapackage.json` describes them by the
Frictionless Data Package standard (v1, `tabular-data-package`): each
resource's Table Schema, its fields' types (an amount is a `number` of euros,
read from its text) and constraints, its `primaryKey` and `foreignKeys`.
"""

from __future__ import annotations

import codecs
import csv
import enum
import errno
import io
import os
import re
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pendulum

from romstrategy._documents._errors import DocumentError, Problem, suggestion
from romstrategy._documents._files import read_at_most
from romstrategy._documents._formats import MAX_BYTES, check_limit
from romstrategy._documents._layout import (
    SCHEDULE,
    SEPARATOR,
    STRATEGY,
    STRATEGY_ROWS,
    TABLES,
    Column,
    Row,
    Table,
    rows_of,
    strategy_of,
)
from romstrategy._documents._strict_json import load as load_json
from romstrategy._model._display import json_text, shown
from romstrategy._model._error import ArgumentError
from romstrategy._model._kamerstuk import LONGEST, PATTERN, KamerstukRef
from romstrategy._model._kinds import argument
from romstrategy._model._money import MAX_EUROS, Money
from romstrategy._model._period import Period
from romstrategy._model._strategy import Strategy
from romstrategy._writing import naming, write_folder

__all__ = [
    "DESCRIPTOR",
    "MAX_CELL",
    "MAX_COLUMNS",
    "MAX_DESCRIPTOR",
    "MAX_RECORD",
    "MAX_RESOURCES",
    "MAX_ROWS",
    "read_datapackage",
    "write_datapackage",
]

DESCRIPTOR = "datapackage.json"
"""The name of the package's descriptor in its folder."""

MAX_CELL = 131_072
"""The most characters in one cell: the default field size limit of Python's `csv`."""

_EUROS = "Euros (EUR) with two decimals, such as 1250000.00; never more, no exponent, no spaces."

_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
"""A plain file name in the package's folder: no folder, no URL, no drive."""


# --- writing -------------------------------------------------------------------------------


def write_datapackage(
    strategy: Strategy, folder: str | os.PathLike[str], *, license: str | None = None
) -> Path:
    """Write `strategy` to `folder` as CSV files and a `datapackage.json`; return its path.

    The package is written to a new folder beside `folder`, which then
    replaces it whole (`write_folder`): a failure leaves the old package.

    Raises:
        ValueError: for a value that a CSV cell cannot hold unchanged.
        OSError: naming the file or folder that cannot be written; also for
            a folder that holds more than a package's files.
    """
    argument(strategy, Strategy, "write_datapackage")
    if license is not None and (not isinstance(license, str) or not license.strip()):
        raise ArgumentError(f"write_datapackage: license {shown(license)} must be a licence id")
    tables = rows_of(strategy, max_cell=MAX_CELL)
    files = {f"{table.name}.csv": _csv(tables[table.name]) for table in TABLES}
    files[DESCRIPTOR] = (json_text(_descriptor(strategy, license)) + "\n").encode()  # escaped
    write_folder(Path(folder), files)
    return Path(folder) / DESCRIPTOR


def _csv(rows: list[list[str]]) -> bytes:
    stream = io.StringIO(newline="")
    csv.writer(stream, lineterminator="\r\n").writerows(rows)
    return stream.getvalue().encode("utf-8")


def _descriptor(strategy: Strategy, license: str | None) -> dict[str, Any]:
    package: dict[str, Any] = {"profile": "tabular-data-package"}
    if strategy.title.strip():
        package["title"] = strategy.title
    if license is not None:
        package["licenses"] = [{"name": license}]
    if strategy.source is not None and strategy.source.strip():
        package["sources"] = [{"title": strategy.source}]
    package["resources"] = [_resource(table) for table in TABLES]
    return package


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [_field(table, column) for column in table.columns]}
    if table.key is not None:
        schema["primaryKey"] = [table.key]
    if table.references:
        schema["foreignKeys"] = [
            {"fields": [column], "reference": {"resource": other, "fields": [key]}}
            for column, other, key in table.references
        ]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True},
        "schema": schema,
    }


def _field(table: Table, column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": "string"}
    constraints: dict[str, Any] = {}
    kind = column.kind
    if table.name == STRATEGY and column.name == "field":
        constraints["enum"] = [row.name for row in STRATEGY_ROWS]
    if kind is not None:
        if kind.many:
            field["description"] = f"a list, its items separated by `{SEPARATOR}`"
        elif kind.name == "appraisal":  # any text; the known ones are in the JSON Schema
            field["description"] = kind.schema["description"]
        elif kind.type in (pendulum.Date, Period):
            field["type"] = "date"
        elif kind.type is bool:
            field["type"] = "boolean"
        elif kind.type is Money:  # no number constraint limits decimals: the reader does
            field.update(type="number", bareNumber=True, currency="EUR", description=_EUROS)
            constraints.update(minimum=-MAX_EUROS, maximum=MAX_EUROS)
        elif kind.type is int:  # a year
            field["type"] = "integer"
            constraints.update(minimum=kind.schema["minimum"], maximum=kind.schema["maximum"])
        elif kind.type is KamerstukRef:
            constraints["pattern"] = PATTERN  # every form that reading takes
            constraints["maxLength"] = LONGEST
        elif isinstance(kind.type, type) and issubclass(kind.type, enum.Enum):
            constraints["enum"] = [member.value for member in kind.type]
    # A required text may be empty, which a table cannot tell from a missing value.
    if column.required and not (kind is not None and kind.name == "text"):
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    return field


# --- reading -------------------------------------------------------------------------------

MAX_DESCRIPTOR = 1 << 20
"""The most bytes in `datapackage.json`; a strategy's is about 20 KB."""

MAX_RESOURCES = 100
"""The most resources that `datapackage.json` may list; a strategy has 11."""

MAX_COLUMNS = 32
"""The most cells in one row of a CSV file."""

MAX_RECORD = 32 * MAX_CELL
"""The most characters in one row (one CSV record) of a file, its line breaks included."""

MAX_ROWS = 50_000
"""The most rows in all CSV files of a package together, headers and blank lines included."""

_LINE = re.compile(r"[^\r\n]*(?:\r\n|[\r\n])|[^\r\n]+")


class _Budget:
    """The bytes and rows still allowed to be read, across every file of the package."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.left = max_bytes
        self.rows = MAX_ROWS

    def read(self, file: Path, most: int | None = None) -> bytes:
        """The file's bytes; OSError or ValueError (with a message) when it may not be read."""
        status = os.lstat(file)
        if stat.S_ISLNK(status.st_mode):
            raise ArgumentError("is a symbolic link; a package's files are read only as files")
        if not stat.S_ISREG(status.st_mode):
            raise ArgumentError("is not a regular file")
        if most is not None and status.st_size > most:
            raise ArgumentError(f"has {status.st_size} bytes, more than the limit of {most}")
        with file.open("rb") as stream:
            data = read_at_most(stream, self.left + 1)
        if len(data) > self.left:
            raise ArgumentError(
                f"the package has more than the limit of {self.max_bytes} bytes in its files"
            )
        self.left -= len(data)
        return data


def read_datapackage(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Strategy:
    """The strategy in a data package: its folder, or the path of its `datapackage.json`.

    Raises:
        DocumentError: listing every problem, labelled with the descriptor's path.
        OSError: when the folder or the descriptor cannot be read, such as
            `PermissionError` for a folder without permission.
    """
    check_limit(max_bytes)
    given = Path(path)
    descriptor = given / DESCRIPTOR if given.is_dir() else given
    budget = _Budget(max_bytes)
    try:
        data = budget.read(descriptor, MAX_DESCRIPTOR)
    except FileNotFoundError as error:
        if not given.is_dir():
            raise naming(error, descriptor) from None
        message = f"the folder holds no {DESCRIPTOR}; a folder is read as a data package"
        raise DocumentError([Problem("$", message)], source=str(given)) from None
    except OSError as error:
        raise naming(error, descriptor) from None
    except ValueError as error:
        problem = Problem("$", f"{DESCRIPTOR}: {error}")
        raise DocumentError([problem], source=str(descriptor)) from None
    problems: list[Problem] = []
    files = _files(data, problems)
    tables: dict[str, list[Row]] = {}
    reader = _Csv(files)
    for name, file in files.items():
        if (rows := reader.rows(descriptor.parent / file, name, budget, problems)) is not None:
            tables[name] = rows
    try:
        return strategy_of(tables, reader.where, problems, cells=reader.label)
    except DocumentError as error:
        raise DocumentError(error.problems, source=str(descriptor)) from None


def _files(data: bytes, problems: list[Problem]) -> dict[str, str]:
    """Each table's file name, from the descriptor; its problems go to `problems`."""
    try:
        package = load_json(data.removeprefix(codecs.BOM_UTF8))
    except DocumentError as error:  # not JSON, nested too deeply
        problems.append(Problem("$", f"{DESCRIPTOR}: {error.problems[0].message}"))
        return {}
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list) or len(resources) > MAX_RESOURCES:
        many = f"; it lists more than {MAX_RESOURCES}" if isinstance(resources, list) else ""
        message = f"{DESCRIPTOR}: expected `resources`, a list of tables{many}"
        problems.append(Problem("$", message))
        return {}
    known = [table.name for table in TABLES]
    files: dict[str, str] = {}
    for index, resource in enumerate(resources):
        where = f"{DESCRIPTOR}, resources[{index}]"
        name = resource.get("name") if isinstance(resource, dict) else None
        file = resource.get("path") if isinstance(resource, dict) else None
        if not isinstance(name, str) or name not in known:
            hint = suggestion(name if isinstance(name, str) else "", known)
            problems.append(Problem("$", f"{where}: unknown resource {shown(name)}{hint}"))
        elif name in files:
            problems.append(Problem(f"$.{name}", f"{where}: the resource `{name}` appears twice"))
        elif not isinstance(file, str) or not _NAME.fullmatch(file) or ".." in file:
            why = "a URL" if isinstance(file, str) and "://" in file else "not a plain file name"
            message = (
                f"{where}: path {shown(file)} is {why}; a table is read only from a "
                f"file in the package's folder, such as {shown(f'{name}.csv')}"
            )
            problems.append(Problem(f"$.{name}", message))
            files[name] = ""
        else:
            files[name] = file
    for name in known:
        if name not in files and name != SCHEDULE:  # a package from before schedules has none
            problems.append(Problem(f"$.{name}", f"{DESCRIPTOR}: no resource `{name}`"))
    return {name: file for name, file in files.items() if file}


class _Csv:
    """Reads the CSV files of a package, and names their places: `roms.csv, line 7, column code`.

    A row's number (the header is row 1, blank lines count) is the number of its
    CSV record. A quoted cell may hold line breaks, so that a record may start
    on a later line: the label then gives both, `line 9 (record 7)`.
    """

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files
        self.headers: dict[str, Sequence[str]] = {}
        self.lines: dict[str, dict[int, int]] = {}  # a record's first line, where it differs

    def where(self, table: str) -> str:
        return self.files.get(table, f"{table}.csv")

    def at(self, table: str, record: int) -> str:
        line = self.lines.get(table, {}).get(record, record)
        return f"line {line}" if line == record else f"line {line} (record {record})"

    def label(self, table: str, record: int | None, position: int | None) -> str:
        text = self.where(table) + ("" if record is None else f", {self.at(table, record)}")
        if position is not None:
            header = self.headers.get(table, ())
            name = header[position] if position < len(header) else ""
            text += f", column {name or f'#{position + 1}'}"
        return text

    def rows(
        self, file: Path, table: str, budget: _Budget, problems: list[Problem]
    ) -> list[Row] | None:
        """The rows of the file that are not blank, or `None` after a problem with the file."""
        path = "$" if table == STRATEGY else f"$.{table}"
        self.lines[table] = {}
        try:
            text = codecs.decode(budget.read(file), "utf-8").removeprefix("\ufeff")
            rows = self._records(text, table, budget)
        except (OSError, ValueError) as error:
            problems.append(Problem(path, f"{self.where(table)}{_why(error)}"))
            return None
        if rows:
            self.headers[table] = rows[0][1]
        return rows

    def _records(self, text: str, table: str, budget: _Budget) -> list[Row]:
        taken = [0]  # the characters of the record being read
        reader = csv.reader(_lines(text, taken), strict=True)
        rows: list[Row] = []
        record = start = 1
        try:
            for cells in reader:
                _check(cells, budget)
                if cells:
                    rows.append((record, cells))
                if start != record:
                    self.lines[table][record] = start
                record, start, taken[0] = record + 1, reader.line_num + 1, 0
        except (csv.Error, ArgumentError) as error:
            self.lines[table][record] = start
            why = str(error)
            if "field limit" in why:  # csv's own limit, which may be lower than MAX_CELL
                why = f"a cell has more than {csv.field_size_limit()} characters"
            raise ArgumentError(f", {self.at(table, record)}: {why}") from None
        return rows


def _lines(text: str, taken: list[int]) -> Iterator[str]:
    """A text's lines for `csv.reader`, with their breaks; a record may be only so long."""
    for match in _LINE.finditer(text):
        taken[0] += match.end() - match.start()
        if taken[0] > MAX_RECORD:
            raise ArgumentError(f"the row has more than {MAX_RECORD} characters")
        yield match[0]


def _why(error: OSError | ValueError) -> str:
    """What is wrong with a file, after its name."""
    if isinstance(error, FileNotFoundError):
        return ": the file is missing"
    if isinstance(error, UnicodeDecodeError):
        return f": not UTF-8 at byte {error.start}"
    if isinstance(error, OSError):
        return f": cannot be read ({(error.strerror or os.strerror(errno.EIO)).lower()})"
    return str(error) if str(error).startswith(", line") else f": {error}"


def _check(cells: list[str], budget: _Budget) -> None:
    """Count a row against the package's rows; refuse one too wide, or with too long a cell."""
    budget.rows -= 1
    if budget.rows < 0:
        raise ArgumentError(f"the package's CSV files have more than {MAX_ROWS} rows")
    if len(cells) > MAX_COLUMNS:
        raise ArgumentError(f"the row has {len(cells)} cells, more than {MAX_COLUMNS}")
    longest = max(map(len, cells), default=0)
    if longest > MAX_CELL:  # the csv module's limit may have been raised
        raise ArgumentError(f"a cell has {longest} characters, more than {MAX_CELL}")
