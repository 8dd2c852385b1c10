"""Strategy documents in JSON, TOML and YAML (*strategiedocumenten*).

`loads(dumps(s, f), f) == s` for every strategy and format, and `dumps` is
canonical: the same strategy always gives the same text.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from romstrategy import _converter
from romstrategy._converter import describe
from romstrategy._errors import DocumentError, Problem
from romstrategy._formats import MAX_BYTES, format_of, parse, render
from romstrategy._strategy import Strategy

__all__ = ["SCHEMA_VERSION", "dump", "dumps", "load", "loads"]

SCHEMA_VERSION = 1
"""The version of the document format that this release writes."""

_Migration = Callable[[dict[str, Any]], dict[str, Any]]
_MIGRATIONS: Mapping[int, _Migration] = MappingProxyType({})
"""Upgrades by version: `_MIGRATIONS[n]` turns a version n tree into version n + 1."""


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    # Bulk loads create many objects that all survive; collecting meanwhile is wasted.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _upgraded(tree: dict[str, Any]) -> dict[str, Any]:
    """Return the tree at the current schema version, without `schema_version`."""
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
    for step in range(version, SCHEMA_VERSION):
        body = _MIGRATIONS[step](body)
    return body


def _strategy_from(tree: dict[str, Any]) -> Strategy:
    body = _upgraded(tree)
    try:
        return _converter.structure(body)
    except Exception as error:  # every structuring failure becomes problems with paths
        raise DocumentError(_converter.problems_from(error)) from None


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
    with _gc_paused():
        return _strategy_from(parse(data, format, max_bytes=max_bytes))


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


def dumps(strategy: Strategy, format: str) -> str:
    """Write a strategy as canonical document text.

    Raises:
        ValueError: for an unknown format.
    """
    kind = format_of(format)
    with _gc_paused():
        tree = {"schema_version": SCHEMA_VERSION, **_converter.unstructure(strategy)}
        return render(tree, kind)


def dump(strategy: Strategy, path: str | os.PathLike[str], *, format: str | None = None) -> None:
    """Write a strategy to a file atomically; the suffix gives the format unless `format` does.

    The text goes to a temporary file in the same folder, which is flushed,
    synced and then renamed over `path`. On any failure an existing file is
    left untouched and no temporary file is left behind.

    Raises:
        ValueError: for an unknown format.
        OSError: when the file cannot be written.
    """
    file = Path(path)
    text = dumps(strategy, format or format_of(file.suffix))
    write_atomically(file, text.encode("utf-8"))


def write_atomically(file: Path, data: bytes) -> None:
    """Replace `file` with `data` in one step, or leave it as it was."""
    import tempfile  # only writers need it; it is slow to import

    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(file))
        os.replace(temporary, file)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_folder(file.parent)


def _mode_for(file: Path) -> int:
    # Keep an existing file's mode; a new one gets what open() would give it.
    try:
        return file.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    # Make the rename itself durable; not every platform can open a folder.
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
