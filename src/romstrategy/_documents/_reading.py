"""Strategy documents in JSON, TOML and YAML (*strategiedocumenten*).

`loads(dumps(s, f), f) == s` for every strategy and format, and `dumps` is
canonical: the same strategy always gives the same text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from romstrategy._documents._errors import DocumentError, Problem
from romstrategy._documents._files import read_limited
from romstrategy._documents._formats import (
    FORMATS,
    MAX_BYTES,
    format_of,
    limit_for,
    parse_document,
    render,
)
from romstrategy._documents._trees import SCHEMA_VERSION, strategy_from
from romstrategy._model._display import shown
from romstrategy._model._error import ArgumentError
from romstrategy._model._kinds import argument
from romstrategy._model._motion import Motion
from romstrategy._model._strategy import Strategy
from romstrategy._writing import write_atomically

__all__ = ["SCHEMA_VERSION", "dump", "dumps", "dumps_motions", "load", "loads", "strategy_from"]


def _text_format(format: str) -> str:
    """The canonical text format; a clear ValueError for a workbook, which is a file."""
    if isinstance(format, str) and format.lower().removeprefix(".") in ("xlsx", "xlsm"):
        raise ArgumentError(
            f"format {format!r}: a workbook is a file, not text; "
            "use romstrategy.load and romstrategy.dump with a .xlsx path"
        )
    return format_of(format)


def loads(data: str | bytes, format: str, *, max_bytes: int = MAX_BYTES) -> Strategy:
    """Read a strategy from document text.

    Args:
        data: the document, as `str` or UTF-8 `bytes`.
        format: `"json"`, `"toml"`, `"yaml"` or `"yml"`.
        max_bytes: the largest document accepted; by default 64 MiB for JSON and 8 MiB
            for TOML and YAML, whose parsers are slower.

    Raises:
        DocumentError: listing every problem with its JSON path.
        ValueError: for an unknown format.
    """
    tree, duplicates = parse_document(data, _text_format(format), max_bytes=max_bytes)
    return strategy_from(tree, duplicates)


def load(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Strategy:
    """Read a strategy from a file; the suffix gives the format.

    `.xlsx` is an Excel workbook, read with openpyxl (`romstrategy[xlsx]`);
    a macro-enabled `.xlsm` is refused. A folder, or a file named
    `datapackage.json`, is a Frictionless data package
    (`romstrategy.tables.read_datapackage`).

    Raises:
        DocumentError: listing every problem, labelled with the file.
        ImportError: for a workbook, without openpyxl (`romstrategy[xlsx]`).
        OSError: when the file cannot be read.
    """
    file = Path(path)
    if file.name == "datapackage.json" or file.is_dir():
        from romstrategy._documents import _datapackage  # only for a data package

        return _datapackage.read_datapackage(file, max_bytes=max_bytes)
    if file.suffix.lower() in _WORKBOOKS:
        from romstrategy._documents import _workbook  # openpyxl, only for a workbook

        return _workbook.read_workbook(file, max_bytes=max_bytes)
    try:
        format = format_of(file.suffix)
    except ValueError:
        message = f"unknown suffix {file.suffix!r}: use .json, .toml, .yaml, .yml or .xlsx"
        raise DocumentError([Problem("$", message)], source=str(file)) from None
    try:
        return loads(read_limited(file, limit_for(format, max_bytes)), format, max_bytes=max_bytes)
    except DocumentError as error:
        raise DocumentError(error.problems, source=str(file)) from None


def dumps(strategy: Strategy, format: str) -> str:
    """Write a strategy as canonical document text.

    Raises:
        ValueError: for an unknown format.
    """
    kind = _text_format(format)
    argument(strategy, Strategy, "dumps")
    from romstrategy._documents._plain import plain, structs

    # msgspec writes JSON from the structs themselves; the other formats take plain data.
    body = structs(strategy) if kind == "json" else plain(strategy)
    return render({"schema_version": SCHEMA_VERSION, **body}, kind)


def dumps_motions(motions: Iterable[Motion], format: str) -> str:
    """Write motions as a strategy document holds them: a `motions` list, nothing else.

    Raises:
        ValueError: for an unknown format.
    """
    kind = _text_format(format)
    items = tuple(motions)
    for index, motion in enumerate(items):
        argument(motion, Motion, f"dumps_motions: motions[{index}]")
    from romstrategy._documents._plain import plain_motions

    return render({"motions": plain_motions(items)}, kind)


def dump(strategy: Strategy, path: str | os.PathLike[str], *, format: str | None = None) -> None:
    """Write a strategy to a file atomically; the suffix gives the format unless `format` does.

    The text goes to a temporary file in the same folder, which is flushed,
    synced and then renamed over `path`. On any failure an existing file is
    left untouched and no temporary file is left behind. A symbolic link is
    written through to its target (whose suffix, if it names a format, must
    name the same one), and a read-only file is refused.

    Raises:
        ValueError: for an unknown format.
        ImportError: for a workbook (`.xlsx`), without openpyxl (`romstrategy[xlsx]`).
        OSError: when the file cannot be written; it names `path`.
    """
    file = Path(path)
    suffix = (format or file.suffix).lower().removeprefix(".")
    if suffix == "xlsm":
        raise ArgumentError("a macro-enabled workbook (.xlsm) is not written; use .xlsx")
    if suffix == "xlsx":
        from romstrategy._documents import _workbook  # openpyxl, only for a workbook

        argument(strategy, Strategy, "dump")
        _workbook.write_workbook(strategy, file)
        return
    if format is None and file.suffix.lower().removeprefix(".") not in FORMATS:
        raise ArgumentError(
            f"unknown suffix {shown(file.suffix)}: use .json, .toml, .yaml, .yml or .xlsx"
        )
    kind = format_of(format or file.suffix)
    real = Path(os.path.realpath(file))
    linked = real.suffix.lower() in _SUFFIXES and real.suffix != file.suffix
    if format is None and linked and format_of(real.suffix) != kind:
        raise ArgumentError(
            f"the path is a link to {real}, whose suffix names another format; "
            "write to the target itself"
        )
    text = dumps(strategy, kind)
    write_atomically(file, text.encode("utf-8"))


_SUFFIXES = frozenset(f".{name}" for name in FORMATS)
_WORKBOOKS = frozenset({".xlsx", ".xlsm"})
