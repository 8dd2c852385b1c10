"""Strategy documents in JSON, TOML and YAML (*strategiedocumenten*).

`loads(dumps(s, f), f) == s` for every strategy and format, and `dumps` is
canonical: the same strategy always gives the same text.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from romstrategy._documents._errors import DocumentError, Problem, describe
from romstrategy._documents._fast import valid_json, valid_tree
from romstrategy._documents._files import naming, write_atomically
from romstrategy._documents._formats import FORMATS, MAX_BYTES, format_of, parse, render
from romstrategy._model._kinds import argument
from romstrategy._model._strategy import Strategy

__all__ = ["SCHEMA_VERSION", "dump", "dumps", "load", "loads", "strategy_from"]

SCHEMA_VERSION = 2
"""The version of the document format that this release writes.

Version 2 added `transactions`; version 1 documents, which have none, load unchanged.
"""


def _from_version_1(body: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """A version 1 document is a version 2 one, provided it holds no transactions.

    One that holds them is a problem; the rest of it is still read, for its own problems.
    """
    if "transactions" not in body:
        return body, []
    problem = Problem(
        "$.transactions",
        "transactions need schema version 2; this document is schema version 1, "
        "write schema_version = 2",
    )
    return {key: value for key, value in body.items() if key != "transactions"}, [problem]


_Migration = Callable[[dict[str, Any]], tuple[dict[str, Any], list[Problem]]]
_MIGRATIONS: Mapping[int, _Migration] = MappingProxyType({1: _from_version_1})
"""Upgrades by version: `_MIGRATIONS[n]` turns a version n tree into version n + 1,
with the problems that the upgrade found."""


def _upgraded_or_refused(tree: dict[str, Any]) -> dict[str, Any]:
    """The tree at the current version; a `DocumentError` for any problem of the upgrade."""
    body, problems = _upgraded(tree)
    if problems:
        raise DocumentError(problems)
    return body


def _upgraded(tree: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """Return the tree at the current schema version, without `schema_version`.

    Also returns what the upgrade found wrong; a missing, bad or newer version is raised.
    """
    if "schema_version" not in tree:
        raise DocumentError(
            [
                Problem(
                    "$.schema_version",
                    f"required key is missing; write schema_version = {SCHEMA_VERSION}",
                )
            ]
        )
    body = dict(tree)
    version = body.pop("schema_version")
    if type(version) is not int or version < 1:
        raise DocumentError(
            [
                Problem(
                    "$.schema_version",
                    f"expected a version number such as {SCHEMA_VERSION}, "
                    f"found {describe(version)}",
                )
            ]
        )
    if version > SCHEMA_VERSION:
        raise DocumentError(
            [
                Problem(
                    "$.schema_version",
                    f"the document is schema version {version}, newer than version "
                    f"{SCHEMA_VERSION} that this romstrategy reads; upgrade romstrategy",
                )
            ]
        )
    problems: list[Problem] = []
    for step in range(version, SCHEMA_VERSION):
        body, found = _MIGRATIONS[step](body)
        problems += found
    return body, problems


def strategy_from(tree: dict[str, Any]) -> Strategy:
    """The strategy of a parsed document tree, `schema_version` included.

    Raises:
        DocumentError: listing every problem with its JSON path.
    """
    body, problems = _upgraded(tree)
    strategy = None if problems else valid_tree(body)
    if strategy is not None:
        return strategy
    from romstrategy._documents import _converter  # the careful way, loaded when needed

    try:
        strategy = _converter.structure(body)
    except Exception as error:  # every structuring failure becomes problems with paths
        raise DocumentError([*problems, *_converter.problems_from(error)]) from None
    if problems:
        raise DocumentError(problems)
    return strategy


def loads(data: str | bytes, format: str, *, max_bytes: int = MAX_BYTES) -> Strategy:
    """Read a strategy from document text.

    Args:
        data: the document, as `str` or UTF-8 `bytes`.
        format: `"json"`, `"toml"`, `"yaml"` or `"yml"`.
        max_bytes: the largest document accepted; 64 MiB by default.

    Raises:
        DocumentError: listing every problem with its JSON path.
        ValueError: for an unknown format.
    """
    if format_of(format) == "json" and isinstance(max_bytes, int):
        strategy = valid_json(data, _upgraded_or_refused, max_bytes)
        if strategy is not None:
            return strategy
    return strategy_from(parse(data, format, max_bytes=max_bytes))


def load(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Strategy:
    """Read a strategy from a file; the suffix gives the format.

    Raises:
        DocumentError: listing every problem, labelled with the file.
        OSError: when the file cannot be read.
    """
    file = Path(path)
    try:
        format = format_of(file.suffix)
    except ValueError:
        raise DocumentError(
            [Problem("$", f"unknown suffix {file.suffix!r}: use .json, .toml, .yaml or .yml")],
            source=str(file),
        ) from None
    try:
        with file.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > max_bytes:
                raise DocumentError(
                    [
                        Problem(
                            "$",
                            f"the document has {size} bytes, more than the limit of {max_bytes}",
                        )
                    ]
                )
            return loads(stream.read(max_bytes + 1), format, max_bytes=max_bytes)
    except DocumentError as error:
        raise DocumentError(error.problems, source=str(file)) from None
    except OSError as error:  # reading a folder names a handle, not the path
        raise naming(error, file) from None


def dumps(strategy: Strategy, format: str) -> str:
    """Write a strategy as canonical document text.

    Raises:
        ValueError: for an unknown format.
    """
    kind = format_of(format)
    argument(strategy, Strategy, "dumps")
    from romstrategy._documents import _converter

    tree = {"schema_version": SCHEMA_VERSION, **_converter.unstructure(strategy)}
    return render(tree, kind)


def dump(strategy: Strategy, path: str | os.PathLike[str], *, format: str | None = None) -> None:
    """Write a strategy to a file atomically; the suffix gives the format unless `format` does.

    The text goes to a temporary file in the same folder, which is flushed,
    synced and then renamed over `path`. On any failure an existing file is
    left untouched and no temporary file is left behind. A symbolic link is
    written through to its target (whose suffix, if it names a format, must
    name the same one), and a read-only file is refused.

    Raises:
        ValueError: for an unknown format.
        OSError: when the file cannot be written; it names `path`.
    """
    file = Path(path)
    kind = format_of(format or file.suffix)
    real = Path(os.path.realpath(file))
    linked = real.suffix.lower() in _SUFFIXES and real.suffix != file.suffix
    if format is None and linked and format_of(real.suffix) != kind:
        raise ValueError(
            f"the path is a link to {real}, whose suffix names another format; "
            "write to the target itself"
        )
    text = dumps(strategy, kind)
    write_atomically(file, text.encode("utf-8"))


_SUFFIXES = frozenset(f".{name}" for name in FORMATS)
