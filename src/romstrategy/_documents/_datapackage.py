"""A strategy as a Frictionless data package (*open data*): CSV files and `datapackage.json`.

One CSV file per table of `_tables.TABLES`, named `<table>.csv`: UTF-8
without a byte order mark, comma-separated, RFC 4180 quoting (a cell is
quoted when it holds a comma, a quote or a line break), lines ending in
CRLF, the header first. `datapackage.json` describes them by the
Frictionless Data Package standard (v1, `tabular-data-package`): each
resource's Table Schema with its fields' types and constraints, its
`primaryKey` and its `foreignKeys`.
"""

from __future__ import annotations

import codecs
import csv
import enum
import errno
import io
import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pendulum

from romstrategy._documents._errors import DocumentError, Problem, suggestion
from romstrategy._documents._files import naming, read_at_most, write_atomically
from romstrategy._documents._formats import MAX_BYTES, check_limit
from romstrategy._documents._layout import (
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
from romstrategy._model._display import json_text, shown
from romstrategy._model._error import ArgumentError
from romstrategy._model._kamerstuk import LONGEST, PATTERN, KamerstukRef
from romstrategy._model._kinds import argument
from romstrategy._model._money import Money
from romstrategy._model._period import Period
from romstrategy._model._strategy import Strategy

__all__ = ["DESCRIPTOR", "MAX_CELL", "read_datapackage", "write_datapackage"]

DESCRIPTOR = "datapackage.json"
"""The name of the package's descriptor in its folder."""

MAX_CELL = 131_072
"""The most characters in one cell: the default field size limit of Python's `csv`."""

_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
"""A plain file name in the package's folder: no folder, no URL, no drive."""


# --- writing -------------------------------------------------------------------------------


def write_datapackage(
    strategy: Strategy, folder: str | os.PathLike[str], *, license: str | None = None
) -> Path:
    """Write `strategy` to `folder` as CSV files and a `datapackage.json`; return its path.

    Raises:
        ValueError: for a value that a CSV cell cannot hold unchanged.
        OSError: when a file cannot be written.
    """
    argument(strategy, Strategy, "write_datapackage")
    if license is not None and (not isinstance(license, str) or not license.strip()):
        raise ArgumentError(f"write_datapackage: license {shown(license)} must be a licence id")
    tables = rows_of(strategy, max_cell=MAX_CELL)
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise naming(error, target) from None
    for table in TABLES:
        write_atomically(target / f"{table.name}.csv", _csv(tables[table.name]))
    descriptor = _descriptor(strategy, license)
    text = json_text(descriptor) + "\n"  # unsafe characters as escapes, as in any document
    write_atomically(target / DESCRIPTOR, text.encode("utf-8"))
    return target / DESCRIPTOR


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
        elif kind.type in (pendulum.Date, Period):
            field["type"] = "date"
        elif kind.type is bool:
            field["type"] = "boolean"
        elif kind.type is Money:
            pattern = kind.schema["oneOf"][0]["pattern"]
            constraints["pattern"] = pattern.removeprefix("^").removesuffix("$")
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


class _Budget:
    """The bytes still allowed to be read, across every file of the package."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.left = max_bytes

    def read(self, file: Path) -> bytes:
        """The file's bytes; OSError or ValueError (with a message) when it may not be read."""
        status = os.lstat(file)
        if stat.S_ISLNK(status.st_mode):
            raise ArgumentError("is a symbolic link; a package's files are read only as files")
        if not stat.S_ISREG(status.st_mode):
            raise ArgumentError("is not a regular file")
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
        OSError: when the folder or the descriptor cannot be read.
    """
    check_limit(max_bytes)
    given = Path(path)
    descriptor = given / DESCRIPTOR if given.is_dir() else given
    if given.is_dir() and not os.path.lexists(descriptor):
        problem = Problem(
            "$", f"the folder holds no {DESCRIPTOR}; a folder is read as a data package"
        )
        raise DocumentError([problem], source=str(given))
    budget = _Budget(max_bytes)
    try:
        data = budget.read(descriptor)
    except OSError as error:
        raise naming(error, descriptor) from None
    except ValueError as error:
        problem = Problem("$", f"{DESCRIPTOR}: {error}")
        raise DocumentError([problem], source=str(descriptor)) from None
    problems: list[Problem] = []
    files = _files(data, problems)
    tables: dict[str, list[Row]] = {}
    for name, file in files.items():
        rows = _rows(descriptor.parent / file, file, name, budget, problems)
        if rows is not None:
            tables[name] = rows
    try:
        return strategy_of(tables, lambda name: files.get(name, f"{name}.csv"), problems)
    except DocumentError as error:
        raise DocumentError(error.problems, source=str(descriptor)) from None


def _files(data: bytes, problems: list[Problem]) -> dict[str, str]:
    """Each table's file name, from the descriptor; its problems go to `problems`."""
    try:
        package = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        problems.append(Problem("$", f"{DESCRIPTOR}: not a JSON document: {error}"))
        return {}
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list):
        problems.append(Problem("$", f"{DESCRIPTOR}: expected `resources`, a list of tables"))
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
        if name not in files:
            problems.append(Problem(f"$.{name}", f"{DESCRIPTOR}: no resource `{name}`"))
    return {name: file for name, file in files.items() if file}


def _rows(
    file: Path, name: str, table: str, budget: _Budget, problems: list[Problem]
) -> list[Row] | None:
    path = "$" if table == STRATEGY else f"$.{table}"
    try:
        data = budget.read(file)
        text = codecs.decode(data, "utf-8")
    except FileNotFoundError:
        problems.append(Problem(path, f"{name}: the file is missing"))
        return None
    except UnicodeDecodeError as error:
        problems.append(Problem(path, f"{name}: not UTF-8 at byte {error.start}"))
        return None
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) else str(error)
        problems.append(Problem(path, f"{name}: {reason or os.strerror(errno.EIO)}"))
        return None
    rows: list[Row] = []
    try:
        rows.extend(_numbered(text.removeprefix("\ufeff")))  # up to a bad row, if any
    except csv.Error as error:
        problems.append(Problem(path, f"{name}, row {len(rows) + 1}: {error}"))
        return None
    return rows


def _numbered(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each row that is not blank, numbered from 1 counting every row."""
    for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""), strict=True), 1):
        if cells:
            yield number, cells
