"""Read YAML as YAML 1.2 does, safely, in one pass over the parser's events.

A plain scalar means what it says in YAML 1.2's core schema: `0250000` is
the number 250000 (not octal), `4:10:00` and `yes` are strings, `2024-01-01`
is a string (which a date field reads as a date), and `true`, `null`, `1.5`
and `.inf` are what they look like. Quoted scalars are always strings.

Refused, each with its line: aliases (which allow "billion laughs"
expansion), nesting deeper than a limit, tags other than YAML's core ones
(`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`), a
list or table as a key, merge keys (`<<`), duplicate keys and more than one
document. Keys that are numbers, booleans or null are kept, so that the
document's reader reports them at their path. The tree is built straight
from PyYAML's event stream (its C parser when available), without the node
graph that `yaml.load` builds first, so memory stays close to the size of
the result.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from romstrategy._documents._errors import MAX_PROBLEMS, DocumentError, Problem, refused
from romstrategy._model._display import has_unsafe, key_text, shown

__all__ = ["Dumper", "load"]

_BaseParser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_CORE = "tag:yaml.org,2002:"


class _FatalError(Exception):
    """A refusal after which the tree cannot be built further."""


_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False}
_BOOLS["FALSE"] = False
_SPECIAL_FLOATS = {
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), float("inf")),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), float("-inf")),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), float("nan")),
}


def _number(text: str) -> int | float | None:
    """A YAML 1.2 core int or float, or `None` when `text` is neither."""
    if _INT.fullmatch(text):
        return int(text)  # a ValueError beyond Python's digit limit
    if text[:2] in ("0o", "0x") and len(text) > 2:
        digits = "01234567" if text[1] == "o" else "0123456789abcdefABCDEF"
        if all(char in digits for char in text[2:]):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return None
    if _FLOAT.fullmatch(text):
        return float(text)
    return _SPECIAL_FLOATS.get(text)


def _plain(text: str) -> object:
    """A plain scalar resolved by YAML 1.2's core schema."""
    if text in _NULLS:
        return None
    flag = _BOOLS.get(text)
    if flag is not None:
        return flag
    if text[:1] in "0123456789+-.":
        number = _number(text)
        if number is not None:
            return number
    return text


def _tagged(tag: str, text: str) -> object:
    """A scalar with an explicit core tag such as `!!int`, or `_FatalError` for another tag."""
    kind = tag.removeprefix(_CORE)
    if kind == "str" or tag == "!":
        return text
    value = _plain(text)
    expected = {"int": int, "float": float | int, "bool": bool, "null": type(None)}.get(kind)
    if expected is None:
        raise _FatalError(f"the tag {_short_tag(tag)} is not allowed")
    if (isinstance(value, bool) and kind != "bool") or not isinstance(value, expected):
        raise _FatalError(f"{shown(text)} is not a value of the tag {_short_tag(tag)}")
    return float(value) if isinstance(value, int) and kind == "float" else value


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


def _step_text(step: object) -> str:
    """A step of a JSON path: `[3]` for an index, `.key` for a key, nothing for none yet."""
    if step is _NO_KEY:
        return ""
    return f"[{step}]" if type(step) is int else f".{key_text(step)}"


def _line(event: Any) -> int:
    """The 1-based line where a parser event starts."""
    return int(event.start_mark.line) + 1


_NO_KEY: Any = object()
"""In `_Builder.keys`: the open table awaits a key, not a value."""

_COLLECTION_TAGS = {dict: (None, "!", _CORE + "map"), list: (None, "!", _CORE + "seq")}


class _Builder:
    """Plain dicts and lists from parser events, with each open collection's path."""

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth
        self.open: list[Any] = []  # the open dicts and lists, outermost first
        self.steps: list[object] = []  # the step of the JSON path to each: a key or an index
        self.keys: list[Any] = []  # for each: the key awaiting its value, or _NO_KEY
        self.lines: list[dict[Any, Any]] = []  # for each dict: the event of each key
        self.problems: list[Problem] = []
        self.root: object = None

    def step(self) -> object:
        """The step from the innermost open collection to the next value: an index or a key."""
        inner = self.open[-1]
        return len(inner) if type(inner) is list else self.keys[-1]

    def path(self, key: object = _NO_KEY) -> str:
        """Where the next value goes, or with `key` where that key of the innermost table is.

        Built only for a problem, so that reading costs nothing per level of nesting.
        """
        if not self.open:
            return "$"
        last = self.step() if key is _NO_KEY else key
        return "".join(["$", *map(_step_text, self.steps), _step_text(last)])

    def scalar(self, value: object, event: Any) -> None:
        if not self.open:
            self.root = value
            return
        inner = self.open[-1]
        if type(inner) is list:
            inner.append(value)
        elif self.keys[-1] is _NO_KEY:
            self.key(value, event)
        else:
            inner[self.keys[-1]] = value
            self.keys[-1] = _NO_KEY

    def key(self, key: object, event: Any) -> None:
        if key == "<<" and not event.style and event.tag is None:
            message = (
                f"merge keys (<<) are not supported; write the keys out (line {_line(event)})"
            )
            self.refuse(Problem(self.path(key), message))
        # By type too: 1, 1.0 and true are different keys in YAML, though equal in Python.
        typed = (type(key), key)
        first = self.lines[-1].get(typed)
        if first is not None:
            message = (
                f"duplicate key {shown(key)} (line {_line(event)}); "
                f"it is first on line {_line(first)}"
            )
            self.refuse(Problem(self.path(key), message))
        else:
            self.lines[-1][typed] = event
        self.keys[-1] = key

    def refuse(self, problem: Problem) -> None:
        if len(self.problems) <= MAX_PROBLEMS:  # one more says that there are more
            self.problems.append(problem)

    def start(self, event: Any, container: dict[Any, Any] | list[Any]) -> None:
        if event.tag not in _COLLECTION_TAGS[type(container)]:
            raise _FatalError(f"the tag {_short_tag(event.tag)} is not allowed")
        if len(self.open) >= self.max_depth:
            raise _FatalError(f"nested deeper than {self.max_depth} levels")
        if self.open and type(self.open[-1]) is dict and self.keys[-1] is _NO_KEY:
            raise _FatalError("a key must be a string, number or null, not a list or table")
        step = self.step() if self.open else _NO_KEY
        self.scalar(container, event)  # placed now, filled as its events arrive
        self.open.append(container)
        self.steps.append(step)
        self.keys.append(_NO_KEY)
        self.lines.append({})

    def end(self) -> None:
        for stack in (self.open, self.steps, self.keys, self.lines):
            stack.pop()


_MAX_DIRECTIVES = 16
"""The most lines that start with `%`; PyYAML takes time quadratic in `%TAG` directives."""

_LINE_BREAKS_OF_1_1 = {"\x85": "U+0085 (next line)", "\u2028": "U+2028", "\u2029": "U+2029"}
"""Characters that YAML 1.1 readers take for line breaks, and YAML 1.2 readers do not."""


def _check_text(text: str) -> None:
    """Refuse, before parsing, what PyYAML would read slowly or not as YAML 1.2 does.

    Raises:
        DocumentError: at the top, naming the line.
    """
    if text.startswith("%") + text.count("\n%") > _MAX_DIRECTIVES:
        message = f"more than {_MAX_DIRECTIVES} directives such as %TAG; a document needs none"
        raise refused(message)
    for char, name in _LINE_BREAKS_OF_1_1.items():
        where = text.find(char)
        if where >= 0:
            line = text.count("\n", 0, where) + 1
            message = (
                f"the character {name} on line {line} is a line break to some YAML readers "
                "and not to others; write it as an escape in a double-quoted string"
            )
            raise refused(message)


def load(text: str, max_depth: int) -> object:
    """Build plain data from one YAML document.

    Raises:
        DocumentError: for what a strategy document may not contain: every
            key problem at its path, or else the first other refusal.
        yaml.YAMLError: for text that is not YAML.
        ValueError: for an int beyond Python's digit limit.
    """
    _check_text(text)
    builder = _Builder(max_depth)
    documents = 0
    event: Any = None
    parser = _BaseParser(text)
    next_event, more = parser.get_event, parser.check_event
    scalar_event = yaml.ScalarEvent
    try:
        while more():
            event = next_event()
            kind = type(event)
            if kind is scalar_event:
                if event.tag is None:  # the common case, without a call
                    text = event.value
                    builder.scalar(text if event.style else _plain(text), event)
                else:
                    builder.scalar(_tagged(event.tag, event.value), event)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                builder.end()
            elif kind is yaml.MappingStartEvent:
                builder.start(event, {})
            elif kind is yaml.SequenceStartEvent:
                builder.start(event, [])
            elif kind is yaml.AliasEvent:
                raise _FatalError("aliases are not allowed")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _FatalError("a file holds one YAML document, not several")
                if event.version not in (None, (1, 2)):
                    version = ".".join(map(str, event.version))
                    raise _FatalError(
                        f"the document says %YAML {version}, but it is read as YAML 1.2; "
                        "remove the %YAML line or write %YAML 1.2"
                    )
    except _FatalError as refusal:
        problem = Problem(builder.path(), f"{refusal} (line {_line(event)})")
        raise DocumentError([problem]) from None
    finally:
        parser.dispose()
    if builder.problems:
        raise DocumentError(builder.problems)
    return builder.root


class Dumper(_BaseDumper):  # type: ignore[misc]  # PyYAML's dumpers are untyped
    """PyYAML's safe dumper, writing every value in full: never an anchor or alias.

    A string is quoted when YAML 1.1 or YAML 1.2 would read it plain as
    something else, so that `0E0` or `0o17` stays a string for every reader.
    """

    def ignore_aliases(self, data: Any) -> bool:
        """Write repeated values again, since `load` refuses aliases."""
        return True


def _represent_text(dumper: Any, text: str) -> Any:
    # Only double quotes take escapes: \N, \L, \P that readers disagree on, \u200b (`render`).
    style = '"' if has_unsafe(text, lines=True) else None
    return dumper.represent_scalar(_CORE + "str", text, style=style)


Dumper.add_representer(str, _represent_text)  # on this class's own copy of the table
for _pattern, _first in (
    (_INT, "-+0123456789"),
    (re.compile(r"0o[0-7]+|0x[0-9a-fA-F]+"), "0"),
    (_FLOAT, "-+.0123456789"),
    (re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"), "-+."),
):
    # Added to this class's own copy of the table, never to PyYAML's.
    Dumper.add_implicit_resolver(_CORE + "float", re.compile(f"(?:{_pattern.pattern})\\Z"), _first)
