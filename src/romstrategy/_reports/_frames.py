"""A strategy, or a progress result, as typed columnar tables (*tabellen*): Arrow, pandas, polars.

Each table of the layout (the data package's and the workbook's, in their
order, with their columns) is built once as a `pyarrow.Table`: money as
`decimal128(15, 2)`, exact to the cent; dates as `date32`; enums as
dictionaries of their values; a list of ids or texts as a list of strings;
everything else as strings. pandas frames hold the same columns as
`pd.ArrowDtype`, polars frames as `pl.Decimal`, `pl.Date` and categoricals.
pyarrow, pandas and polars are imported on first use; `romstrategy[frames]`
installs pyarrow and pandas.
"""

from __future__ import annotations

import datetime
import decimal
import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from romstrategy._model._display import shown
from romstrategy._model._error import ArgumentTypeError
from romstrategy._model._kinds import Kind
from romstrategy._model._strategy import Strategy
from romstrategy._reports._groups import group_fields
from romstrategy._reports._progress_rows import AMOUNT_COLUMNS, Progress

if TYPE_CHECKING:
    from romstrategy._documents._layout import Table

__all__ = ["MONEY_PRECISION", "to_arrow", "to_pandas", "to_polars"]

MONEY_PRECISION = 15
"""Digits of an amount's decimal: ±10^12 euros in cents fit in 15, and sums get 38."""


def _module(name: str, caller: str, extra: str) -> Any:
    """An optional library, or an `ImportError` that says what to install."""
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise ImportError(
            f"{caller} needs {name}: install it with  pip install 'romstrategy[{extra}]'"
        ) from error


def to_arrow(data: Strategy | Progress) -> dict[str, Any]:
    """Each table of a strategy, or the rows of a progress result, as a `pyarrow.Table`.

    A strategy gives the tables of the data package, by name and in its
    order (`"strategy"`, `"principals"`, ..., `"motion_history"`, ...,
    `"transactions"`), each with the package's columns; a progress result
    gives one table, `"progress"`: `key`, `group` and the amounts, its total
    row last. Money is `decimal128(15, 2)`, dates `date32`, enums
    dictionaries, lists lists of strings; an absent value is null.

    Raises:
        TypeError: for anything but a strategy or a progress result.
        ImportError: when pyarrow is missing; install `romstrategy[frames]`.
    """
    if not isinstance(data, Strategy | Progress):
        raise ArgumentTypeError(
            f"to_arrow: got {type(data).__name__} {shown(data)}, expected a Strategy or a Progress"
        )
    pa = _module("pyarrow", "to_arrow", "frames")
    if isinstance(data, Progress):
        return {"progress": _progress_table(pa, data)}
    from romstrategy._documents._layout import STRATEGY, STRATEGY_ROWS, TABLES
    from romstrategy._documents._plain import plain
    from romstrategy._documents._trees import SCHEMA_VERSION

    tree = {"schema_version": SCHEMA_VERSION, **plain(data)}
    fields = [(column.name, _text(tree.get(column.key), column.part)) for column in STRATEGY_ROWS]
    tables: dict[str, Any] = {
        STRATEGY: pa.table({"field": [f for f, _ in fields], "value": [v for _, v in fields]})
    }
    for table in TABLES:
        if table.name == STRATEGY:
            continue
        records = _records(tree, table)
        tables[table.name] = pa.table(
            {
                column.name: pa.array(
                    [
                        _value(record.get(column.key), column.part, column.kind)
                        for record in records
                    ],
                    type=_type(pa, column.kind),
                )
                for column in table.columns
            }
        )
    return tables


def _text(value: Any, part: str | None) -> str | None:
    """A strategy's own field as the `strategy` table's text: a list joined by `;`."""
    if part is not None and value is not None:
        value = value.get(part)
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return None if value is None else str(value)


def _records(tree: Mapping[str, Any], table: Table) -> list[dict[str, Any]]:
    """The records of a table in the document tree; parts (a motion's history) with their owner."""
    if table.owner is None:
        return list(tree.get(table.name, ()))
    owners, field = table.owner
    column = table.columns[0].key
    return [
        {column: owner["id"], **part}
        for owner in tree.get(owners, ())
        for part in owner.get(field, ())
    ]


def _type(pa: Any, kind: Kind | None) -> Any:
    """The Arrow type of a column of `kind`."""
    if kind is None:
        return pa.string()
    if kind.many:
        return pa.list_(pa.string())
    by_name: dict[str, Callable[[], Any]] = {
        "amount": lambda: pa.decimal128(MONEY_PRECISION, 2),
        "day": pa.date32,
        "flag": pa.bool_,
        "year": pa.int16,
        "member": lambda: pa.dictionary(pa.int32(), pa.string()),
    }
    if getattr(kind.type, "__name__", "") == "Period":
        return pa.date32()
    return by_name.get(kind.name, pa.string)()


def _value(value: Any, part: str | None, kind: Kind | None) -> Any:
    """A document tree's value as Arrow takes it: `Decimal`, `date`, text, a list."""
    if part is not None:
        value = None if value is None else value.get(part)
    if value is None or kind is None:
        return value
    if kind.name == "amount":
        return decimal.Decimal(value)
    if kind.name == "day" or part is not None:
        return datetime.date.fromisoformat(value)
    if kind.many:
        return [str(item) for item in value]
    return value if isinstance(value, bool | int) else str(value)


def _progress_table(pa: Any, result: Progress) -> Any:
    """The rows of a progress result, then its total, as one Arrow table."""
    rows = [*result.rows, result.total]
    columns: dict[str, Any] = {
        name: pa.array([group_fields(row.key)[name] for row in rows], type=pa.string())
        for name in ("key", "group")
    }
    columns["group"] = columns["group"].dictionary_encode()
    for name in AMOUNT_COLUMNS:
        values = [getattr(row, name).amount for row in rows]
        columns[name] = pa.array(values, type=pa.decimal128(MONEY_PRECISION + 3, 2))
    return pa.table(columns)


def to_pandas(data: Strategy | Progress) -> dict[str, Any]:
    """The tables of `to_arrow` as pandas DataFrames with `pd.ArrowDtype` columns.

    Sums of money stay exact decimals, and dates have `.dt`.

    Raises:
        TypeError: for anything but a strategy or a progress result.
        ImportError: when pyarrow or pandas is missing; install `romstrategy[frames]`.
    """
    tables = to_arrow(data)
    pandas = _module("pandas", "to_pandas", "frames")
    return {
        name: table.to_pandas(types_mapper=pandas.ArrowDtype) for name, table in tables.items()
    }


def to_polars(data: Strategy | Progress) -> dict[str, Any]:
    """The tables of `to_arrow` as polars DataFrames: `pl.Decimal`, `pl.Date`, categoricals.

    Raises:
        TypeError: for anything but a strategy or a progress result.
        ImportError: when pyarrow or polars is missing; install it with
            `pip install polars` beside `romstrategy[frames]`.
    """
    tables = to_arrow(data)
    polars = _module("polars", "to_polars", "frames")
    return {name: polars.from_arrow(table) for name, table in tables.items()}
