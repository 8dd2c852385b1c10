r"""Read JSON strictly, with msgspec: no duplicate keys, no NaN, no half characters.

msgspec parses the bytes once, in C, and refuses what is not JSON (NaN,
infinity, a lone surrogate escape such as `\uD800`, invalid UTF-8); a
refusal names its line and column. msgspec keeps the last of two equal keys,
so duplicates are found by counting: in msgspec's compact form of the text
(`msgspec.json.format`), every key is followed at once by `":`, so the text
holds at least as many `":` as keys. When the count equals the number of
distinct keys that the reader of the tree saw, no key is there twice. Only
when it does not (a duplicate, or a string that holds `":`) is the text scanned
again, slowly, to name every duplicate key with its path and line.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from romstrategy._documents._errors import MAX_PROBLEMS, DocumentError, Problem, not_utf8, refused
from romstrategy._model._display import key_text, shown

__all__ = ["keys_of", "load", "msgspec_module", "refuse_duplicates"]


@functools.cache
def msgspec_module() -> Any:
    """msgspec, imported on first use: `import romstrategy` does not need it."""
    import msgspec

    return msgspec


@functools.cache
def _decoder() -> Any:
    return msgspec_module().json.Decoder()


def load(data: bytes) -> Any:
    """Parse JSON bytes, without a BOM, into plain data; duplicate keys are not looked for.

    Raises:
        DocumentError: for bytes that are not JSON, at line and column where known.
    """
    msgspec = msgspec_module()
    try:
        return _decoder().decode(data)
    except msgspec.ValidationError as error:  # a number beyond what Python holds
        raise refused(_out_of_range(str(error), data)) from None
    except msgspec.DecodeError as error:
        raise refused(_malformed(str(error), data)) from None
    except RecursionError:
        raise refused("the document is nested too deeply") from None


_BYTE = re.compile(r"^(?:JSON is malformed: )?(.*?)(?: \(byte ([0-9]+)\))?$", re.S)
_LONE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
"""An escape of half of a character: a first half without a second, or a second alone."""


def _malformed(message: str, data: bytes) -> str:
    """What is wrong, from msgspec's message, with its byte offset as a line and column."""
    return not_utf8(data) or f"not valid JSON: {_where(message, data)}"


def _where(message: str, data: bytes) -> str:
    found = _BYTE.match(message)
    text, offset = (found[1], found[2]) if found else (message, None)
    if "surrogate" in text or (offset is None and "truncated" in text):
        lone = _LONE.search(data)
        if lone is not None:
            text, offset = (
                "a lone surrogate escape (half of a character, such as \\ud800)",
                str(lone.start()),
            )
        elif offset is None:
            text = "the text ends before the document does"
    if offset is None:
        return text
    at = min(int(offset), len(data))
    if text == "invalid character":
        text = _constant(data, at) or text
    line = data.count(b"\n", 0, at) + 1
    column = at - (data.rfind(b"\n", 0, at) + 1) + 1
    return f"{text} at line {line} column {column}"


def _constant(data: bytes, at: int) -> str:
    """What JavaScript writes for numbers that JSON has not: NaN, Infinity, -Infinity."""
    if data.startswith(b"-Infinity", at - 1):
        return "-Infinity is not a JSON number"
    for name in ("NaN", "Infinity"):
        if data.startswith(name.encode(), at):
            return f"{name} is not a JSON number"
    return ""


def _out_of_range(message: str, data: bytes) -> str:
    if "Integer" in message and re.search(rb"[0-9]{4301}", data):
        return "not valid JSON: a number has more digits than the 4300 allowed"
    return "not valid JSON: a number is out of range"


def keys_of(value: object) -> int:
    """How many keys the tables of a parsed value hold, all told.

    Walked with a list, not by recursion: msgspec reads nesting as deep as the
    interpreter's limit allows, and a recursive walk would go past it.
    """
    keys, waiting = 0, [value]
    while waiting:
        item = waiting.pop()
        if type(item) is dict:
            keys += len(item)
            waiting += item.values()
        elif type(item) is list:
            waiting += item
    return keys


def refuse_duplicates(data: bytes, counted: int | None) -> None:
    """Raise for every key that a table of `data` holds twice.

    Args:
        data: the JSON bytes that `load` parsed.
        counted: the number of keys its tables hold as parsed (each table's
            distinct keys, all told), or `None` if not known: then the text is scanned.

    Raises:
        DocumentError: naming each duplicate key with its path and line.
    """
    if (
        counted is not None
        and msgspec_module().json.format(data, indent=-1).count(b'":') == counted
    ):
        return
    problems = _duplicates(data.decode("utf-8"))
    if problems:
        raise DocumentError(problems)


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
        return f"[{self.place}]" if self.lines is None else f".{key_text(self.place)}"


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
    return problems


def _string(token: str) -> str:
    try:
        text: str = _decoder().decode(token)
    except msgspec_module().DecodeError:  # a bad escape, or a string left open: the key as written
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
