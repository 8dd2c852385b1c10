r"""Read JSON strictly: no duplicate keys, no NaN, no half characters.

The standard library's parser does the work. A table that holds a key twice
is refused; only then is the text scanned again, slowly, to name every
duplicate key with its path and line. JSON may write half of a character as
a `\uD800`-style escape; when the text holds such an escape, every string
is checked, and one that cannot be written as UTF-8 is refused at its path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from romstrategy._documents._errors import MAX_PROBLEMS, DocumentError, Problem
from romstrategy._model._display import key_text, shown

__all__ = ["load"]


class _DuplicateKeyError(ValueError):
    """A table holds a key twice; `_duplicates` finds each with its place."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    table = dict(pairs)
    if len(table) != len(pairs):
        raise _DuplicateKeyError
    return table


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
"""An escape of half of a character; a whole one is a pair of them."""


def load(text: str) -> object:
    """Parse JSON text into plain data.

    Raises:
        DocumentError: for duplicate keys or lone surrogates, every one at its path.
        json.JSONDecodeError: for text that is not JSON.
        ValueError: for NaN or infinity, or an int beyond Python's digit limit.
    """
    try:
        tree = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant)
    except _DuplicateKeyError:
        raise DocumentError(_duplicates(text)) from None
    if _SURROGATE_ESCAPE.search(text):  # rare: only then is every string looked at
        lone = list(_lone_surrogates(tree, "$"))
        if lone:
            raise DocumentError(lone)
    return tree


def _lone_surrogates(value: object, path: str) -> Iterator[Problem]:
    """A problem for each string of a parsed tree that cannot be written as UTF-8."""
    if isinstance(value, str):
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as error:
                yield Problem(
                    path,
                    f"the string {shown(value)} holds the lone surrogate "
                    f"U+{ord(value[error.start]):04X}; text must be valid Unicode",
                )
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _lone_surrogates(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _lone_surrogates(key, f"{path}.{key_text(key)}")
            yield from _lone_surrogates(item, f"{path}.{key_text(key)}")


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"?|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.S)
"""A string (one left open runs to the end, so nothing is scanned twice), a mark, or a word."""


class _Frame:
    """An open table or array while `_duplicates` scans; paths are joined only for a problem."""

    def __init__(self, step: str, table: bool) -> None:
        self.step = step  # how it is reached from its parent: ".key" or "[3]"
        self.lines: dict[str, int] | None = {} if table else None  # a table's keys
        self.place: str | int = 0  # the key, or the index, of the value being read
        self.key_next = table

    def child(self) -> str:
        """The step to the value being read."""
        if self.lines is None:
            return f"[{self.place}]"
        return f".{key_text(self.place)}"


def _duplicates(text: str) -> list[Problem]:
    """Every duplicate key of a JSON text, at its path with its line."""
    problems: list[Problem] = []
    frames: list[_Frame] = []
    line, counted = 1, 0
    for token in _TOKEN.finditer(text):
        line += text.count("\n", counted, token.start())
        counted = token.start()
        kind = token.group()
        if kind in ("{", "["):
            frames.append(_Frame(frames[-1].child() if frames else "$", kind == "{"))
            if len(frames) > _MAX_SCANNED_DEPTH:  # text the parser never reached
                break
        elif kind in ("}", "]"):
            if frames:
                frames.pop()
        elif not frames:
            continue
        elif kind == ",":
            top = frames[-1]
            if top.lines is None:
                top.place = int(top.place) + 1
            top.key_next = top.lines is not None
        elif frames[-1].key_next and kind.startswith('"') and len(kind) > 1:
            problems += _key(frames, _string(kind), line)
            if len(problems) > MAX_PROBLEMS:
                break
    return problems or [Problem("$", "a key appears twice in one table")]


def _string(token: str) -> str:
    try:
        text: str = json.loads(token)
    except ValueError:  # a bad escape, or a string left open: the key as written
        return token[1:-1] if token.endswith('"') else token[1:]
    return text


def _key(frames: list[_Frame], key: str, line: int) -> list[Problem]:
    frame = frames[-1]
    assert frame.lines is not None  # only a table reads keys
    frame.place, frame.key_next = key, False
    first = frame.lines.get(key)
    if first is None:
        frame.lines[key] = line
        return []
    message = f"duplicate key {shown(key)} (line {line}); it is first on line {first}"
    return [Problem("".join(f.step for f in frames) + f".{key_text(key)}", message)]


_MAX_SCANNED_DEPTH = 10_000
"""Deeper than this, the parser (which stopped at the duplicate) refuses the text anyway."""
