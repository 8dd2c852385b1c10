"""A strategy as named tables of text cells (*tabellen*), for CSV files and workbooks.

The layout is format-neutral: a data package writes each table as a CSV file,
a workbook as a sheet. It maps the plain document tree (what
`_plain.plain` gives and `_reading` reads) to tables and back:

- `strategy`: two columns, `field` and `value`, one row per field of the
  strategy that is not a collection, `schema_version` first;
- then one table per collection, in the document's order: `principals`,
  `provinces`, `roms`, `pillars`, `motions`, `motion_history` (one row per
  status change, its first column `motion` the motion's id),
  `funding_sources`, `activities`, `allocations`, `allocation_schedule` (one
  row per year of an allocation's schedule, its first column `allocation`),
  `transactions`.

Each table's header holds the field names of the document, in its order; a
period becomes two columns (rows, in `strategy`) `<name>_start` and
`<name>_end`; a list of ids (and a ROM's shareholders) is one cell with its
items separated by `;`.

An empty cell is an absent value: `None` for an optional field, the default
for a field that has one (`""` for a description, `()` for a list), and `""`
for a required text. Values that a table cannot hold are refused when
writing (`rows_of` raises `ValueError`), never changed: an empty text in an
optional field (it would read back as `None`), and a list item that is empty
or holds `;`. Reading goes cells -> document tree -> the strict reader of
`_reading`, so every check and every JSON path is the one of JSON, TOML and
YAML; each problem's message then starts with the table, row and column
(a workbook names the cell instead, `allocations!C5`). A format that cannot
read a cell as text gives a `Refused` cell: its reason is the one problem of
that value.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from romstrategy._documents._errors import MAX_PROBLEMS, DocumentError, Problem, suggestion
from romstrategy._documents._trees import SCHEMA_VERSION, strategy_from
from romstrategy._model._budget import Allocation, FundingSource, YearAmount
from romstrategy._model._display import key_text, shown
from romstrategy._model._error import ArgumentError
from romstrategy._model._kinds import FieldError, Id, Kind, kind_of
from romstrategy._model._motion import Motion, StatusChange
from romstrategy._model._parties import ROM, Organisation, Province
from romstrategy._model._period import Period
from romstrategy._model._strategy import Activity, Pillar, Strategy
from romstrategy._model._transaction import Transaction

__all__ = [
    "HISTORY",
    "SCHEDULE",
    "SEPARATOR",
    "STRATEGY",
    "STRATEGY_ROWS",
    "TABLES",
    "Column",
    "Label",
    "Refused",
    "Row",
    "Table",
    "rows_of",
    "strategy_of",
]

SEPARATOR = ";"
"""What separates the items of a list in one cell."""

STRATEGY = "strategy"
"""The name of the table of the strategy's own fields."""

HISTORY = "motion_history"
"""The name of the table of the motions' status changes."""

SCHEDULE = "allocation_schedule"
"""The name of the table of the allocations' schedules (*kasritme*), a year per row."""

Row = tuple[int, Sequence[str]]
"""A row as read: its number in the file or sheet (the header is row 1) and its cells."""

Label = Callable[[str, "int | None", "int | None"], str]
"""How a format names a place: from the table, the row number and the column's
position (0 for the first), either of them `None` when the place is wider."""


class Refused(str):
    """A cell that its format could not read as text; it reads as empty.

    The reader reports `reason` at the cell, with the JSON path of its value,
    and no other problem of that value.
    """

    reason: str

    def __new__(cls, reason: str) -> Refused:
        cell = super().__new__(cls, "")
        cell.reason = reason
        return cell


@attrs.frozen
class Column:
    """One column of a table.

    Attributes:
        name: the header, e.g. `"period_start"`.
        key: the field of the record in the document tree, e.g. `"period"`.
        part: `"start"` or `"end"` for a period's column, else `None`.
        kind: the field's kind; `None` for the owner's column of a part table
            (`motion_history`'s `motion`).
        required: whether the field has neither a default nor `None`.
    """

    name: str
    key: str
    part: str | None
    kind: Kind | None
    required: bool


@attrs.frozen
class Table:
    """One table of the layout.

    Attributes:
        name: e.g. `"allocations"`; also the strategy's field that holds its records.
        columns: in the order of the header.
        key: the column that names a record (its primary key), or `None`.
        references: `(column, table, column)` for each column that names a
            record of another table; a list column is left out.
        owner: for a table of parts, such as a motion's status changes, the
            table of their owners and the owner's field that holds them:
            `("motions", "history")`; its first column names the owner by id.
        parts: what its rows are, in a message: `"status changes"`.
    """

    name: str
    columns: tuple[Column, ...]
    key: str | None
    references: tuple[tuple[str, str, str], ...] = ()
    owner: tuple[str, str] | None = None
    parts: str = ""

    @property
    def header(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(column.name for column in self.columns)


def _columns(cls: type[Any]) -> tuple[Column, ...]:
    found: list[Column] = []
    for field in attrs.fields(cls):
        kind: Kind = field.metadata["kind"]
        required = field.default is attrs.NOTHING
        if kind.type is Period:
            found += [
                Column(f"{field.name}_{part}", field.name, part, kind, required)
                for part in ("start", "end")
            ]
        elif not (kind.many and attrs.has(kind.type)):  # parts have a table of their own
            found.append(Column(field.name, field.name, None, kind, required))
    return tuple(found)


def _table(name: str, cls: type[Any], key: str | None, *refs: tuple[str, str, str]) -> Table:
    return Table(name, _columns(cls), key, refs)


def _parts(name: str, cls: type[Any], owner: str, field: str, parts: str) -> Table:
    """The table of the parts in `owner`'s `field`: the owner's id, then the parts' fields."""
    column = owner.removesuffix("s")
    return Table(
        name,
        (Column(column, column, None, None, True), *_columns(cls)),
        None,
        ((column, owner, "id"),),
        (owner, field),
        parts,
    )


TABLES: tuple[Table, ...] = (
    Table(
        STRATEGY,
        (Column("field", "field", None, None, True), Column("value", "value", None, None, False)),
        "field",
    ),
    _table("principals", Organisation, "id"),
    _table("provinces", Province, "code"),
    _table("roms", ROM, "code"),
    _table("pillars", Pillar, "code"),
    _table("motions", Motion, "id"),
    _parts(HISTORY, StatusChange, "motions", "history", "status changes"),
    _table("funding_sources", FundingSource, "id", ("origin", "motions", "id")),
    _table("activities", Activity, "id", ("pillar", "pillars", "code"), ("lead", "roms", "code")),
    _table(
        "allocations",
        Allocation,
        "id",
        ("source", "funding_sources", "id"),
        ("pillar", "pillars", "code"),
        ("activity", "activities", "id"),
    ),
    _parts(SCHEDULE, YearAmount, "allocations", "schedule", "years of a schedule"),
    _table("transactions", Transaction, "id", ("allocation", "allocations", "id")),
)
"""Every table, in the order of the layout."""

STRATEGY_ROWS: tuple[Column, ...] = (
    Column("schema_version", "schema_version", None, None, True),
    *(
        column
        for column in _columns(Strategy)
        if not (column.kind is not None and column.kind.many and attrs.has(column.kind.type))
    ),
)
"""The rows of the `strategy` table: the strategy's fields that are not collections."""

_COLLECTIONS = frozenset(t.name for t in TABLES if t.owner is None) - {STRATEGY}

_PARTS = {t.owner[0]: t for t in TABLES if t.owner is not None}
"""The table of parts of each table of owners, by the owners' table's name."""


# --- writing -------------------------------------------------------------------------------


def rows_of(strategy: Strategy, *, max_cell: int | None = None) -> dict[str, list[list[str]]]:
    """Each table's rows of text cells, the header first, from the strategy's document tree.

    Args:
        strategy: the strategy.
        max_cell: the most characters a cell may hold, or `None`.

    Raises:
        ValueError: listing every value that a table cannot hold.
    """
    from romstrategy._documents._plain import plain

    tree = {"schema_version": SCHEMA_VERSION, **plain(strategy)}
    refused: list[str] = []
    tables: dict[str, list[list[str]]] = {table.name: [list(table.header)] for table in TABLES}
    for column in STRATEGY_ROWS:
        cell = _cell(tree, column, f"$.{column.key}", refused)
        tables[STRATEGY].append([column.name, cell])
    for table in TABLES:
        if table.name not in _COLLECTIONS:
            continue
        records = tree.get(table.name, ())
        for index, record in enumerate(records):
            path = f"$.{table.name}[{index}]"
            tables[table.name].append(
                [
                    _cell(record, column, f"{path}.{column.key}", refused)
                    for column in table.columns
                ]
            )
        if table.name in _PARTS:
            _part_rows(_PARTS[table.name], records, tables, refused)
    if max_cell is not None:
        refused += _long_cells(tables, max_cell)
    if refused:
        listed = "\n  ".join(refused[:20]) + ("\n  ..." if len(refused) > 20 else "")
        raise ArgumentError(
            f"the strategy cannot be written as tables without changing it:\n  {listed}"
        )
    return tables


def _part_rows(
    table: Table,
    records: Sequence[Mapping[str, Any]],
    tables: dict[str, list[list[str]]],
    refused: list[str],
) -> None:
    """The rows of `table` from the parts of the owners' `records`, each after its owner's id."""
    assert table.owner is not None
    owners, field = table.owner
    times = Counter(record.get("id") for record in records)
    for index, record in enumerate(records):
        path = f"$.{owners}[{index}].{field}"
        parts = record.get(field, ())
        if parts and times[record.get("id")] > 1:
            refused.append(
                f"{path}: the id {shown(record.get('id'))} is not unique, so `{table.name}` "
                f"cannot tell whose {table.parts} they are; give each its own id"
            )
        for number, part in enumerate(parts):
            where = f"{path}[{number}]"
            cells = [_cell(part, c, f"{where}.{c.key}", refused) for c in table.columns[1:]]
            tables[table.name].append([str(record.get("id", "")), *cells])


def _long_cells(tables: Mapping[str, list[list[str]]], max_cell: int) -> Iterator[str]:
    for name, rows in tables.items():
        for number, row in enumerate(rows, start=1):
            for header, cell in zip(rows[0], row, strict=True):
                if len(cell) > max_cell:
                    yield (
                        f"{name}, row {number}, column {header}: the cell has {len(cell)} "
                        f"characters, more than the limit of {max_cell}"
                    )


def _cell(record: Mapping[str, Any], column: Column, path: str, refused: list[str]) -> str:
    value = record.get(column.key)
    if column.part is not None and value is not None:
        value = value[column.part]
        path += f".{column.part}"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        for index, item in enumerate(value):
            if item == "" or SEPARATOR in item:
                refused.append(
                    f"{path}[{index}]: {shown(item)} cannot be an item of a `{SEPARATOR}`-"
                    f"separated cell; an item must be neither empty nor hold `{SEPARATOR}`"
                )
        return SEPARATOR.join(value)
    if value == "" and column.kind is not None and column.kind.optional:
        refused.append(
            f"{path}: an empty text, which an empty cell cannot tell from no value (None); "
            "write None or some text"
        )
    return str(value)


# --- reading -------------------------------------------------------------------------------


@attrs.frozen
class _Place:
    table: str
    row: int | None = None
    column: str | None = None
    position: int | None = None  # the column's, when it is not a known column of the table


class _Reader:
    """Builds the document tree from the tables, noting where each value came from."""

    def __init__(self, where: Callable[[str], str], cells: Label | None) -> None:
        self.where = where
        self.cells = cells
        self.problems: list[Problem] = []
        self.places: dict[str, _Place] = {}
        self.positions: dict[str, Mapping[str, int]] = {}
        self.blanks: dict[str, list[int]] = {}
        self.unreadable: set[str] = set()  # tables whose header has a problem
        self.refused: list[str] = []
        self.tree: dict[str, Any] = {}

    def problem(self, path: str, place: _Place, message: str) -> None:
        if len(self.problems) <= MAX_PROBLEMS:  # one more says there are more; none is listed
            self.problems.append(Problem(path, f"{self.label(place)}: {message}"))

    def covered(self, path: str) -> bool:
        """Whether a refused cell was reported at `path` or around it already."""
        return any(
            path == refused or path.startswith((f"{refused}.", f"{refused}["))
            for refused in self.refused
        )

    def label(self, place: _Place) -> str:
        if self.cells is not None:
            position = place.position
            if position is None and place.column is not None:
                position = self.positions.get(place.table, {}).get(place.column)
            return self.cells(place.table, place.row, position)
        text = self.where(place.table)
        if place.row is not None:
            text += f", row {place.row}"
        if place.column is not None:
            text += f", column {place.column}"
        return text

    # The header -----------------------------------------------------------------------

    def header(self, table: Table, rows: Sequence[Row]) -> dict[str, int] | None:
        """Each known column's position, or `None` when the header is missing or incomplete."""
        path = "$" if table.name == STRATEGY else f"$.{table.name}"
        if not rows:
            self.problem(
                path, _Place(table.name), "no header row; write " + ",".join(table.header)
            )
            return None
        number, cells = rows[0]
        positions: dict[str, int] = {}
        known = list(table.header)
        self.blanks[table.name] = []
        for position, name in enumerate(cells):
            place = _Place(table.name, number, name, position)
            if not name:  # a column without a header holds nothing; `records` checks that
                self.blanks[table.name].append(position)
            elif name in positions:
                self.problem(path, place, "the column appears twice")
            elif name not in known:
                self.problem(path, place, f"unknown column {shown(name)}{suggestion(name, known)}")
            else:
                positions[name] = position
        self.positions[table.name] = positions
        missing = [name for name in known if name not in positions]
        for name in missing:
            self.problem(path, _Place(table.name, number), f"the column `{name}` is missing")
        return None if missing else positions

    def records(
        self, table: Table, rows: Sequence[Row], positions: Mapping[str, int]
    ) -> Iterator[tuple[int, dict[str, str]]]:
        width = len(rows[0][1])
        for number, cells in rows[1:]:
            if len(cells) != width:
                self.problem(
                    f"$.{table.name}",
                    _Place(table.name, number),
                    f"the row has {len(cells)} cells, the header {width}",
                )
                continue
            for position in self.blanks[table.name]:
                if cells[position]:
                    place = _Place(table.name, number, f"#{position + 1}", position)
                    message = "a value in a column without a header; name the column or clear it"
                    self.problem(f"$.{table.name}", place, message)
            yield number, {name: cells[position] for name, position in positions.items()}

    # The cells --------------------------------------------------------------------------

    def fill(
        self,
        record: dict[str, Any],
        cells: Mapping[str, str],
        columns: Sequence[Column],
        path: str,
        place: Callable[[Column], _Place],
    ) -> None:
        """Put the cells of `columns` into `record`, the value of `path` in the tree."""
        periods: dict[str, dict[str, str]] = {}
        for column in columns:
            cell = cells.get(column.name)
            if cell is None:
                continue
            at = place(column)
            if column.part is not None:
                self.places[f"{path}.{column.key}.{column.part}"] = at
                self.places.setdefault(f"{path}.{column.key}", attrs.evolve(at, column=None))
                if isinstance(cell, Refused):
                    self.refuse(f"{path}.{column.key}.{column.part}", at, cell)
                periods.setdefault(column.key, {})[column.part] = cell
                continue
            self.places[f"{path}.{column.key}"] = at
            if isinstance(cell, Refused):
                self.refuse(f"{path}.{column.key}", at, cell)
                continue
            value = self.value(cell, column, f"{path}.{column.key}", at)
            if value is not _ABSENT:
                record[column.key] = value
        for key, parts in periods.items():
            optional = not next(c for c in columns if c.key == key).required
            if not (optional and not any(parts.values())):
                record[key] = parts

    def refuse(self, path: str, place: _Place, cell: Refused) -> None:
        self.problem(path, place, cell.reason)
        self.refused.append(path)

    def value(self, cell: str, column: Column, path: str, place: _Place) -> Any:
        kind = column.kind
        if column.name == "schema_version":
            return int(cell) if cell.isascii() and cell.isdigit() else cell or _ABSENT
        if cell == "":
            return "" if column.required and not (kind and kind.many) else _ABSENT
        if kind is None:
            return cell
        if kind.many:
            items = cell.split(SEPARATOR)
            if "" in items:  # the first empty item is reported, here: a cell may hold 100,000
                index = items.index("")
                self.problem(
                    f"{path}[{index}]",
                    place,
                    f"item {index + 1} of {shown(cell)} is empty; separate the items "
                    f"with one `{SEPARATOR}` and end none with it",
                )
            return [item for item in items if item]
        if kind.type is bool:
            return {"true": True, "false": False}.get(cell, cell)
        if kind.type is int and _YEAR.fullmatch(cell):
            return int(cell)  # a year; any other text ('0999', '2024 ') is refused as typed
        return cell

    # The tables -------------------------------------------------------------------------

    def strategy(self, rows: Sequence[Row]) -> None:
        table = TABLES[0]
        positions = self.header(table, rows)
        if positions is None:
            return
        by_name = {column.name: column for column in STRATEGY_ROWS}
        cells: dict[str, str] = {}
        numbers: dict[str, int] = {}
        for number, record in self.records(table, rows, positions):
            name, value = record["field"], record["value"]
            place = _Place(STRATEGY, number, "field")
            if isinstance(name, Refused):
                self.problem("$", place, name.reason)
            elif name in cells:
                self.problem(f"$.{key_text(name)}", place, f"`{name}` appears twice")
            elif name not in by_name:
                hint = suggestion(name, list(by_name))
                self.problem(f"$.{key_text(name)}", place, f"`{name}`: unknown field{hint}")
            else:
                cells[name], numbers[name] = value, number
        self.places["$"] = _Place(STRATEGY)
        self.fill(
            self.tree,
            cells,
            STRATEGY_ROWS,
            "$",
            lambda column: _Place(STRATEGY, numbers[column.name], "value"),
        )
        for column in STRATEGY_ROWS:  # a period's two rows: neither is the period's place
            if column.part is not None:
                self.places.pop(f"$.{column.key}", None)

    def collection(self, table: Table, rows: Sequence[Row]) -> None:
        positions = self.header(table, rows)
        self.places.setdefault(f"$.{table.name}", _Place(table.name))
        if positions is None:
            self.unreadable.add(table.name)
            return
        records: list[dict[str, Any]] = []
        for number, cells in self.records(table, rows, positions):
            record: dict[str, Any] = {}
            path = f"$.{table.name}[{len(records)}]"
            self.places[path] = _Place(table.name, number)
            self.fill(record, cells, table.columns, path, _columns_of(table.name, number))
            records.append(record)
        if records:
            self.tree[table.name] = records

    def parts(self, table: Table, rows: Sequence[Row]) -> None:
        """Each row of a table of parts, put in its owner's record (a motion's status change)."""
        positions = self.header(table, rows)
        if positions is None or table.owner is None or table.owner[0] in self.unreadable:
            return  # its owners' table has a problem of its own: its parts have no place yet
        owners, field = table.owner
        records: list[dict[str, Any]] = self.tree.get(owners, [])
        ids = [record.get("id") for record in records]
        times = Counter(ids)
        position = {owner: index for index, owner in enumerate(ids)}  # used when unique
        an_id_refused = any(_id_problem(owner) for owner in times)  # once, not per row
        column = table.columns[0].name
        for number, cells in self.records(table, rows, positions):
            owner = cells[column]
            place = _Place(table.name, number, column)
            reason = owner.reason if isinstance(owner, Refused) else _id_problem(owner)
            if reason:
                self.problem(f"$.{table.name}", place, reason)
                continue
            if owner not in times and an_id_refused:
                continue  # perhaps the owner whose id has a problem of its own: no noise
            if times[owner] != 1:
                why = f"no {column} has" if owner not in times else f"more than one {column} has"
                self.problem(
                    f"$.{table.name}",
                    place,
                    f"{why} the id {shown(owner)} in `{owners}`; a row of `{table.name}` "
                    f"names its {column} by a unique id",
                )
                continue
            index = position[owner]
            parts = records[index].setdefault(field, [])
            path = f"$.{owners}[{index}].{field}[{len(parts)}]"
            part: dict[str, Any] = {}
            self.places[path] = _Place(table.name, number)
            self.fill(part, cells, table.columns[1:], path, _columns_of(table.name, number))
            parts.append(part)

    def located(self, problem: Problem) -> Problem:
        """The problem, its message starting with the table, row and column it came from."""
        path = problem.path
        while path not in self.places and path != "$":
            path = re.sub(r"(\.[^.\[]*|\[[0-9]+\])$", "", path) or "$"
        place = self.places.get(path, _Place(STRATEGY))
        return Problem(problem.path, f"{self.label(place)}: {problem.message}")


_ABSENT = object()

_YEAR = re.compile(r"[1-9][0-9]{0,3}")
"""A year as a cell writes it: 1 to 9999, in ASCII digits, without a leading zero."""


_ID_CHECK = kind_of(Id).check


def _id_problem(value: object) -> str:
    """What is wrong with `value` as an id, as the strict reader says it; `""` when nothing."""
    try:
        _ID_CHECK(value)
    except FieldError as error:
        return error.reason
    return ""


def _columns_of(table: str, row: int) -> Callable[[Column], _Place]:
    return lambda column: _Place(table, row, column.name)


def strategy_of(
    tables: Mapping[str, Sequence[Row]],
    where: Callable[[str], str],
    problems: Sequence[Problem] = (),
    *,
    cells: Label | None = None,
) -> Strategy:
    """The strategy that the tables hold.

    Args:
        tables: each table's rows by its name, the header first; a missing
            table is skipped (its reader reports it in `problems`).
        where: how a table is named in a message, e.g. `"allocations.csv"`.
        problems: problems found already, e.g. a missing file; they come first.
        cells: how a place is named in a message, when not by `where` and
            ", row 5, column amount"; a workbook names cells, `allocations!D5`.

    Raises:
        DocumentError: listing every problem, each with its JSON path and,
            in its message, the table, row and column.
    """
    reader = _Reader(where, cells)
    if STRATEGY in tables:
        reader.strategy(tables[STRATEGY])
    for table in TABLES[1:]:
        if table.name not in tables:
            continue
        if table.owner is not None:
            reader.parts(table, tables[table.name])
        else:
            reader.collection(table, tables[table.name])
    found = [*problems, *reader.problems]
    if STRATEGY not in tables:  # without the strategy's own fields, the rest would be noise
        raise DocumentError(found or [Problem("$", f"no table `{STRATEGY}`")])
    try:
        strategy = strategy_from(reader.tree)
    except DocumentError as error:
        found += [
            reader.located(problem)
            for problem in error.problems
            if not reader.covered(problem.path)
        ]
        raise DocumentError(found) from None
    if found:
        raise DocumentError(found)
    return strategy
