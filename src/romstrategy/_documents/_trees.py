"""The document tree of a strategy and its schema versions (*documentboom*).

What every format reads into: a plain tree of dicts, lists, strings, numbers
and booleans with `schema_version`, upgraded to the current version and then
turned into a `Strategy` by `strategy_from`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from romstrategy._documents._errors import DocumentError, Problem, describe, refused
from romstrategy._model._display import shown
from romstrategy._model._strategy import Strategy

__all__ = ["SCHEMA_VERSION", "strategy_from"]

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


_VERSION = "$.schema_version"

_Migration = Callable[[dict[str, Any]], tuple[dict[str, Any], list[Problem]]]
_MIGRATIONS: Mapping[int, _Migration] = MappingProxyType({1: _from_version_1})
"""Upgrades: `_MIGRATIONS[n]` turns a version n tree into n + 1, with what it found wrong."""


def _upgraded(tree: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """Return the tree at the current schema version, without `schema_version`.

    Also returns what the upgrade found wrong; a missing, bad or newer version is raised.
    """
    if "schema_version" not in tree:
        raise refused(
            f"required key is missing; write schema_version = {SCHEMA_VERSION}", _VERSION
        )
    body = dict(tree)
    version = body.pop("schema_version")
    if type(version) is not int or version < 1:
        raise refused(
            f"expected a version number such as {SCHEMA_VERSION}, found {describe(version)}",
            _VERSION,
        )
    if version > SCHEMA_VERSION:
        raise refused(
            f"the document is schema version {shown(version)}, newer than version "
            f"{SCHEMA_VERSION} that this romstrategy reads; upgrade romstrategy",
            _VERSION,
        )
    problems: list[Problem] = []
    for step in range(version, SCHEMA_VERSION):
        body, found = _MIGRATIONS[step](body)
        problems += found
    return body, problems


def strategy_from(
    tree: dict[str, Any], duplicates: Callable[[int | None], None] | None = None
) -> Strategy:
    """The strategy of a parsed document tree, `schema_version` included.

    Args:
        tree: the parsed document.
        duplicates: the parser's check of keys held twice, which takes how many
            keys were read (`None`: not counted); its problems come before any other.

    Raises:
        DocumentError: listing every problem with its JSON path.
    """
    try:
        body, problems = _upgraded(tree)
    except DocumentError:
        if duplicates is not None:
            duplicates(None)
        raise
    from romstrategy._documents._builder import build  # on first read, not at import

    strategy, found, keys = build(body)
    if duplicates is not None:  # the keys that the upgrade took off the top level count too
        duplicates(keys + len(tree) - len(body))
    if problems or found:
        raise DocumentError([*problems, *found])
    assert strategy is not None  # a tree without problems builds
    return strategy
