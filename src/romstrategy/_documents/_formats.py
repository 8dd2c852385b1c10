"""Parse and render JSON, TOML and YAML text safely (*bestandsformaten*).

Parsing turns every failure of the underlying parser, including hostile
input, into a `DocumentError`. The YAML and TOML writers are imported only
when used, to keep `import romstrategy` fast.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

from romstrategy._documents._errors import DocumentError, describe, not_utf8, refused
from romstrategy._model._display import document_text, shown
from romstrategy._model._error import ArgumentError, ArgumentTypeError

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "MAX_TEXT_BYTES",
    "DuplicateCheck",
    "check_limit",
    "format_of",
    "limit_for",
    "parse_document",
    "parse_value",
    "render",
]


class _Default(int):
    """The `max_bytes` of a call that gives none: each format's own limit (`limit_for`)."""

    def __repr__(self) -> str:  # as `help()` shows the signature
        return "MAX_BYTES"

    def __str__(self) -> str:  # as messages show the number
        return int.__repr__(self)


MAX_BYTES: int = _Default(64 * 1024 * 1024)
"""The default largest document, in bytes: 64 MiB; for TOML and YAML, `MAX_TEXT_BYTES`."""

MAX_TEXT_BYTES = 8 * 1024 * 1024
"""The default largest TOML or YAML document, 8 MiB: their parsers read a few MiB a second.

A `max_bytes` given to the call is the limit for every format.
"""

MAX_DEPTH = 64
"""The deepest nesting of a YAML document; documents need about 5.

JSON and TOML nesting is bounded by the parsers' recursion: deeper nesting
is refused as "nested too deeply".
"""

MAX_KEY_PARTS = 16
"""The most parts of a TOML key or table header (`a.b.c` has three); documents need 2.

`tomllib` takes time that grows with the square of the parts of a header and
a key: with 16 it reads at least about 1 MiB a second.
"""

FORMATS = MappingProxyType({"json": "json", "toml": "toml", "yaml": "yaml", "yml": "yaml"})
"""Format names, and the suffixes without the dot, that documents may use."""


def format_of(name: str) -> str:
    """Return the canonical format for a name or suffix such as `".yml"`.

    Raises:
        TypeError: for a name that is not a str.
        ValueError: for a format that is not JSON, TOML or YAML.
    """
    if not isinstance(name, str):
        raise ArgumentTypeError(f"format: got {type(name).__name__} {shown(name)}, expected a str")
    canonical = FORMATS.get(name.lower().removeprefix("."))
    if canonical is None:
        raise ArgumentError(f"unknown format {shown(name)}: use json, toml, yaml or yml")
    return canonical


def _parser_message(error: Exception) -> str:
    text = " ".join(str(error).split())
    if "Exceeds the limit" in text and "digits" in text:
        # Python's own wording advises a setting that users cannot change for us.
        return "a number has more digits than the 4300 allowed"
    return text


def _bytes(data: str | bytes, max_bytes: int) -> bytes:
    """The UTF-8 bytes of a document, without a BOM; too large or empty is refused."""
    if isinstance(data, str):
        raw = data.encode("utf-8") if data.isascii() else _utf8(data)
    elif isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
    else:
        raise ArgumentTypeError(f"data: got {type(data).__name__}, expected str or bytes")
    if len(raw) > max_bytes:
        raise refused(
            f"the document has {len(raw)} bytes, more than the limit of {max_bytes} "
            "(max_bytes= raises it)"
        )
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    if not raw or raw.isspace():  # isspace stops at the first other byte; strip would copy
        raise refused("the document is empty")
    return raw


def _text(data: str | bytes, max_bytes: int) -> str:
    raw = _bytes(data, max_bytes)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise refused(not_utf8(raw)) from None
    if text.isspace():
        raise refused("the document is empty")
    return text


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        line = text.count("\n", 0, error.start) + 1
        raise refused(
            "the document is not valid Unicode: it holds the lone surrogate "
            f"U+{ord(text[error.start]):04X} on line {line}"
        ) from None


def _parse_text(kind: str, text: str) -> object:
    """TOML or YAML text as plain data; every failure of the parser is a `DocumentError`."""
    errors: tuple[type[Exception], ...] = (ValueError,)  # and ints beyond the digit limit
    if kind == "toml":
        from romstrategy._documents import _toml

        parse = functools.partial(_toml.load, max_parts=MAX_KEY_PARTS)
    else:
        import yaml

        from romstrategy._documents import _yaml

        parse, errors = (
            functools.partial(_yaml.load, max_depth=MAX_DEPTH),
            (yaml.YAMLError, ValueError),
        )
    try:
        return parse(text)
    except DocumentError:  # refused by the reader itself, at its path
        raise
    except RecursionError:
        raise refused("the document is nested too deeply") from None
    except errors as error:
        raise refused(f"not valid {kind.upper()}: {_parser_message(error)}") from None


DuplicateCheck = Callable[[int | None], None]
"""Raises for keys that a document holds twice, given how many keys its reader counted.

`None` means not counted. TOML and YAML parsers refuse duplicates themselves;
for JSON, `_strict_json.refuse_duplicates` of the text.
"""


def _no_check(counted: int | None) -> None:
    """TOML and YAML: the parser already refused every duplicate key."""


def parse_document(
    data: str | bytes, format: str, *, max_bytes: int = MAX_BYTES
) -> tuple[dict[str, Any], DuplicateCheck]:
    """Parse a document whose top level is a table, once, into plain data.

    Returns the tree and the check of duplicate keys, which the caller runs
    with the number of keys it read (see `DuplicateCheck`).

    Raises:
        DocumentError: for anything that is not a well-formed document.
        ValueError: for an unknown format.
    """
    tree, check = _parsed(data, format, max_bytes)
    if not isinstance(tree, dict):
        check(None)
        raise refused(f"expected a table at the top level, found {describe(tree)}")
    return tree, check


def parse_value(data: str | bytes, format: str, *, max_bytes: int = MAX_BYTES) -> object:
    """Parse text into plain data, whatever its top level, as strictly as a document.

    Raises:
        DocumentError: for anything that is not well-formed (too large, not
            UTF-8, empty, malformed, a key twice, nested too deeply).
        ValueError: for an unknown format.
    """
    value, check = _parsed(data, format, max_bytes)
    if check is not _no_check:
        from romstrategy._documents import _strict_json

        check(_strict_json.keys_of(value))
    return value


def _parsed(data: str | bytes, format: str, max_bytes: int) -> tuple[object, DuplicateCheck]:
    kind = format_of(format)
    check_limit(max_bytes)
    max_bytes = limit_for(kind, max_bytes)
    if kind != "json":
        return _parse_text(kind, _text(data, max_bytes)), _no_check
    from romstrategy._documents import _strict_json

    raw = _bytes(data, max_bytes)
    return _strict_json.load(raw), functools.partial(_strict_json.refuse_duplicates, raw)


def limit_for(format: str, max_bytes: int) -> int:
    """The limit for a document of `format`: `max_bytes`, unless it is the default."""
    text = format_of(format) != "json"
    return MAX_TEXT_BYTES if text and max_bytes is MAX_BYTES else max_bytes


def check_limit(max_bytes: object) -> None:
    """Refuse a `max_bytes` that is not a positive int (a bool, a float, a str, `None`)."""
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int):
        raise ArgumentTypeError(f"max_bytes: got {shown(max_bytes)}, expected an int of bytes")
    if max_bytes < 1:
        raise ArgumentError(f"max_bytes: got {shown(max_bytes)}, expected 1 or more")


@functools.cache
def _json_encoder() -> Any:
    """Msgspec's JSON encoder, made on first use: it writes in C."""
    from romstrategy._documents._strict_json import msgspec_module

    return msgspec_module().json.Encoder()


def _render_json(tree: dict[str, Any]) -> str:
    # One top-level key, and one record of each collection, per line: readable,
    # and a change to one record changes one line. Each record is compact, as
    # msgspec writes it; msgspec writes a collection as one record a line, in one
    # call, and a line break in the text can only be one of those (within a
    # string it is written `\n`), so each becomes the separator.
    encoder = _json_encoder()
    encode = encoder.encode
    parts = [b"{\n"]
    for index, (key, value) in enumerate(tree.items()):
        parts += (b",\n  " if index else b"  ", encode(key), b": ")
        if type(value) is list and value:
            records = encoder.encode_lines(value)[:-1].replace(b"\n", b",\n    ")
            parts += (b"[\n    ", records, b"\n  ]")
        else:
            parts.append(encode(value))
    parts.append(b"\n}\n")
    return b"".join(parts).decode("utf-8")


def render(tree: dict[str, Any], format: str) -> str:
    """Plain data as canonical text, each unsafe character an escape (`document_text`)."""
    kind = format_of(format)
    if kind == "json":
        return document_text(_render_json(tree), kind)
    if kind == "toml":
        import tomli_w

        return document_text(tomli_w.dumps(tree), kind)  # its strings are basic strings
    import yaml

    from romstrategy._documents import _yaml

    text: str = yaml.dump(
        tree,
        Dumper=_yaml.Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
    )
    return document_text(text, kind)  # a string holding one is double-quoted
