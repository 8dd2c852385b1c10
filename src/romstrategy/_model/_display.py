r"""How values from users are shown in messages and on terminals (*weergave*).

One predicate, `unsafe`, names the characters that no output writes as they
are: controls (C0 and C1, such as `ESC`, `U+0085` and `U+009B`), format
characters (zero-width `U+200B`-`U+200D` and `U+2060`, the bidirectional marks,
embeddings, overrides and isolates of "Trojan Source", the BOM `U+FEFF`, the soft
hyphen, tags), the line and paragraph separators, surrogates, private-use and
unassigned code points. `visible` writes each as an escape such as `\x1b` or
`\u202e` for text lines, so that printing a document's ids and titles can never
move the cursor, set a terminal's title, clear its screen or reorder what is
shown; `document_text` writes each as an escape of JSON, TOML or YAML, which
their readers turn back into the same character. Only a line break (`\n`) that
is the output's own is written as it is; one in user text is escaped too.
`shown` quotes a value for an error message in a few dozen characters,
however large the value is.
"""

from __future__ import annotations

import functools
import itertools
import re
import reprlib
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

__all__ = [
    "INVISIBLE",
    "LONGEST_REPR",
    "SPACE",
    "brief",
    "char_name",
    "digits",
    "document_text",
    "escaped",
    "has_unsafe",
    "html_grid",
    "html_text",
    "json_text",
    "key_text",
    "shown",
    "unsafe",
    "visible",
]

# Python's white space (`str.isspace`), spelled out: a JSON Schema validator in another
# language reads `\s` by its own rules.
SPACE = (
    r"\t\n\u000b\u000c\r\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""The characters of Python's white space, as the body of a regular expression's class."""

# Spelled out, not read from `unicodedata`, so that the JSON Schema does not change with the
# interpreter's Unicode version; the unassigned U+2065 and U+13439-U+1343F (format controls
# of Unicode 15) are refused too. Beyond U+FFFF the characters are written as they are:
# ECMA-262 with the `u` flag, as JSON Schema asks, reads them as Python does.
INVISIBLE = (
    r"\u0000-\u001f\u007f-\u00a0\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    r"\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
"""Controls (Cc), format characters (Cf), line and paragraph separators (Zl, Zp), surrogates
and every space but U+0020 (Zs), as the body of a regular expression's class."""

# The C0 controls' names, which `unicodedata.name` lacks (Unicode's name aliases).
_CONTROLS = (  # noqa: SIM905  # a list of 32 names, shorter so
    "NULL,START OF HEADING,START OF TEXT,END OF TEXT,END OF TRANSMISSION,ENQUIRY,ACKNOWLEDGE,"
    "ALERT,BACKSPACE,CHARACTER TABULATION,LINE FEED,LINE TABULATION,FORM FEED,CARRIAGE RETURN,"
    "SHIFT OUT,SHIFT IN,DATA LINK ESCAPE,DEVICE CONTROL ONE,DEVICE CONTROL TWO,"
    "DEVICE CONTROL THREE,DEVICE CONTROL FOUR,NEGATIVE ACKNOWLEDGE,SYNCHRONOUS IDLE,"
    "END OF TRANSMISSION BLOCK,CANCEL,END OF MEDIUM,SUBSTITUTE,ESCAPE,INFORMATION SEPARATOR FOUR,"
    "INFORMATION SEPARATOR THREE,INFORMATION SEPARATOR TWO,INFORMATION SEPARATOR ONE"
).split(",")
_ALIASES = {0x7F: "DELETE", 0x85: "NEXT LINE", 0x9B: "CONTROL SEQUENCE INTRODUCER"}


def char_name(char: str) -> str:
    """`char` by code point and name for a message: `U+200B ZERO WIDTH SPACE`."""
    code = ord(char)
    name = _CONTROLS[code] if code < 0x20 else _ALIASES.get(code) or unicodedata.name(char, "")
    if not name:
        kind = {"Cc": "a control character", "Cs": "a lone surrogate", "Cn": "unassigned"}
        name = f"({kind.get(unicodedata.category(char), 'unnamed')})"
    return f"U+{code:04X} {name}"


_LIMIT = 40
"""The most characters of a value that a message quotes."""

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def unsafe(char: str) -> bool:
    """Whether no output writes `char` as it is: see the module's docstring.

    Every character of the categories Cc, Cf, Cs, Co, Cn, Zl and Zp is unsafe;
    all others, spaces such as the no-break space (Zs) included, are safe.
    """
    # Spaces such as the no-break space are harmless, though not "printable".
    return not char.isprintable() and unicodedata.category(char) != "Zs"


def _escape(char: str) -> str:
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return _code_escape(char)


def _code_escape(char: str) -> str:
    r"""`\uXXXX`, or `\UXXXXXXXX` beyond U+FFFF: an escape of TOML, YAML and Python."""
    code = ord(char)
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@functools.cache
def _unsafe_runs(lines: bool) -> re.Pattern[str]:
    """Runs of `unsafe` characters of the BMP, and of every character beyond it.

    Made on first use from `unsafe`, so that it follows the interpreter's Unicode
    data; characters beyond U+FFFF are rare and checked one by one. With
    `lines`, a line break is not matched.
    """
    flags = (unsafe(chr(code)) and not (lines and code == 10) for code in range(0x10000))
    ranges, code = [], 0
    for flag, group in itertools.groupby(flags):
        size = sum(1 for _ in group)
        if flag:
            ranges.append(f"\\u{code:04x}-\\u{code + size - 1:04x}")
        code += size
    return re.compile(f"[{''.join(ranges)}\\U00010000-\\U0010ffff]+")


def escaped(text: str, escape: Callable[[str], str], *, lines: bool = False) -> str:
    """`text` with every `unsafe` character written as `escape` writes it.

    With `lines`, a line break is kept: the caller's own, as in a document's text.
    """
    if (text.replace("\n", "") if lines else text).isprintable():
        return text

    written: dict[str, str] = {}  # each character's text, found once

    def one(char: str) -> str:
        text = written.get(char)
        if text is None:
            text = written[char] = escape(char) if unsafe(char) else char
        return text

    def run(found: re.Match[str]) -> str:
        chars = found[0]
        return one(chars) if len(chars) == 1 else "".join(map(one, chars))

    return _unsafe_runs(lines).sub(run, text)


def has_unsafe(text: str, *, lines: bool = False) -> bool:
    """Whether `text` holds an `unsafe` character; with `lines`, other than a line break."""
    kept = text.replace("\n", "") if lines else text
    return not kept.isprintable() and any(map(unsafe, kept))


def visible(text: str) -> str:
    r"""`text` with every `unsafe` character (a line break too) written as an escape.

    Control characters (`ESC`, `BEL`, `CR`, ...), format characters such as
    the bidirectional overrides, line and paragraph separators, lone
    surrogates and the like become `\x1b`, `\u202e`, ... as `repr()` writes
    them; every other character, spaces such as the no-break space included,
    is kept. Printable text comes back as it is.
    """
    return escaped(text, _escape)


_EXACT_BITS = 1 << 17
"""Ints up to this many bits (about 39,000 digits) have their digits counted exactly."""


def digits(number: int) -> tuple[int, bool]:
    """The count of decimal digits of `number`, and whether it is exact.

    Counted without converting the number to text; beyond about 39,000 digits
    it is estimated from the count of bits (off by at most one), so that it
    takes no time however large the number is.
    """
    magnitude = abs(number)
    if magnitude < 10:
        return 1, True
    bits = magnitude.bit_length()
    count = int((bits - 1) * 0.30102999566398120)  # log10(2)
    if bits > _EXACT_BITS:
        return count + 1, False
    while 10**count > magnitude:
        count -= 1
    while 10 ** (count + 1) <= magnitude:
        count += 1
    return count + 1, True


def _short_text(text: str) -> str:
    return text if len(text) <= _LIMIT else text[: _LIMIT - 3] + "..."


class _Short(reprlib.Repr):
    """`reprlib` limits, and ints too large for text named by their size."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 2
        self.maxstring = self.maxother = self.maxlong = _LIMIT
        self.maxlist = self.maxtuple = self.maxdict = self.maxset = self.maxfrozenset = 4

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 128:  # more digits than a message should quote
            count, exact = digits(x)
            return f"<an int of {'' if exact else 'about '}{count} digits>"
        return repr(x)

    def repr_str(self, x: str, level: int) -> str:
        return repr(_short_text(x))

    def repr_Decimal(self, x: Decimal, level: int) -> str:  # noqa: N802  # reprlib's naming
        return f"Decimal({_short_text(str(x))!r})"


_SHORT = _Short()


def shown(value: object) -> str:
    """`repr(value)` for a message, shortened to a few dozen characters.

    A long string keeps its first 37 characters and ends in `...`; an int
    of more than 38 digits is named by its count of digits; containers show
    their first items. The result holds no control characters.
    """
    return visible(_SHORT.repr(value))


LONGEST_REPR = 200
"""The most characters of a record's `repr()`; `attrs.asdict` gives every value in full."""


def brief(record: Any) -> str:
    """A record's `repr()`, `Allocation(id='a-1', ...)`, in at most 200 characters.

    Fields that hold their default are left out; the others are written as
    keywords, so that a short record reads back with `eval`. A text shows its
    first 37 characters, a list of values its first four, and a list of records
    is counted (`pillars=<3 Pillar>`); what is still too long ends in `...)`.
    """
    parts = []
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if field.default is attrs.NOTHING or value != field.default:
            parts.append(f"{field.name}={_brief_value(value)}")
    text = f"{type(record).__name__}({', '.join(parts)})"
    if len(text) <= LONGEST_REPR:
        return text
    return text[: LONGEST_REPR - 4] + "...)"


def _brief_value(value: object) -> str:
    if type(value) is tuple and value and attrs.has(type(value[0])):
        return f"<{len(value)} {type(value[0]).__name__}>"
    if attrs.has(type(value)):
        return repr(value)
    return _SHORT.repr(value)


def key_text(key: object) -> str:
    r"""A table's key as a step of a JSON path: a string as it is, else as YAML writes it.

    A string of more than 40 characters is cut to 37 and `...`; a lone
    surrogate in it is written as an escape such as `\ud800`.

    `None` is `null`, booleans are `true` and `false`, and numbers are
    written as numbers, so that `$.1` names the key 1 of a YAML table.
    """
    if isinstance(key, str):
        text = _short_text(key)
        if text.isascii():
            return text
        # A lone surrogate cannot be printed or written as UTF-8: it is shown as `\ud800`.
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return shown(key)


def json_text(data: object) -> str:
    r"""`data` as indented JSON that is safe on a terminal.

    Like `json.dumps(data, ensure_ascii=False, indent=2)`, but every
    character that `visible` would escape is written as a `\uXXXX` escape,
    which any JSON reader turns back into the same character.
    """
    import json  # on first use: `import romstrategy` does not need it

    return document_text(json.dumps(data, ensure_ascii=False, indent=2), "json")


def document_text(text: str, format: str) -> str:
    r"""A JSON, TOML or YAML document's `text` with every `unsafe` character as an escape.

    `\t` and `\r` as such, others as `\uXXXX` (beyond U+FFFF a pair of
    surrogates in JSON, `\UXXXXXXXX` in TOML and YAML); the text's line breaks
    are kept. Every such character must be within a string that takes these
    escapes: a JSON string, a TOML basic string, a double-quoted YAML scalar.
    """
    return escaped(text, _json_escape if format == "json" else _document_escape, lines=True)


def _document_escape(char: str) -> str:
    return _NAMED.get(char) or _code_escape(char)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return _document_escape(char)
    code -= 0x10000  # a pair of surrogates, as JSON writes a character beyond U+FFFF
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def html_text(value: str) -> str:
    """`value` as literal HTML text, also inside a quoted attribute; see `visible`."""
    import html  # on first use: `import romstrategy` does not need it

    return html.escape(visible(value))


def html_table(pairs: Iterable[tuple[str, str]]) -> str:
    """A small HTML table of label and value rows, every text escaped."""
    rows = "".join(
        f'<tr><th style="text-align:left">{html_text(k)}</th><td style="text-align:left">'
        f"{html_text(v)}</td></tr>"
        for k, v in pairs
    )
    return f"<table>{rows}</table>"


def html_grid(
    caption: str, heads: Sequence[str], rows: Iterable[Sequence[str]], *, align: str = "right"
) -> str:
    """An HTML table under `caption`: a header row, then rows keyed by their first cell.

    The first column is aligned left and the others as `align` says: `"right"`
    for amounts, as the text tables align them, or `"left"`. Every text is escaped.
    """
    head = "".join(f"<th>{html_text(name)}</th>" for name in heads)
    body = "".join(
        f'<tr><th style="text-align:left">{html_text(key)}</th>'
        + "".join(f'<td style="text-align:{align}">{html_text(cell)}</td>' for cell in cells)
        + "</tr>"
        for key, *cells in rows
    )
    return f"<table><caption>{html_text(caption)}</caption><tr>{head}</tr>{body}</table>"
