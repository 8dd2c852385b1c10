r"""The fast way to read a valid JSON document, on msgspec (*snelle weg*).

msgspec parses JSON in C. It keeps the last of two equal keys, so a document is
taken this way only when msgspec's canonical form of the text (`format`) equals
the encoding of what it parsed: a repeated key would be missing from the
latter. Any other difference (an escape such as `\u00e9`, a number written as
`1E3`) sends the document the careful way too.

Then each object is built from its table by its class's field kinds: every value
is checked as the class's constructor would check it, and is set on a new
object, whose validators then run. This is the one place that builds model
objects without calling their constructors; `tests/test_documents.py` checks
that it builds what the careful way builds, and refuses what it refuses. Equal
dates and periods of one document are shared: they are immutable.

The fast way only says "valid" (a `Strategy`) or "not shown valid" (`None`); for
the second, `loads` reads the document the careful way, which names every problem.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import Any

import attrs
import pendulum

from romstrategy._model._kamerstuk import KamerstukRef
from romstrategy._model._kinds import Kind, kinds, to_date
from romstrategy._model._money import Money, money_of_text
from romstrategy._model._period import Period
from romstrategy._model._strategy import Strategy

__all__ = ["valid_json", "valid_tree"]

_Convert = Callable[[Any], Any]
_MISSING = object()


class _RefusedError(Exception):
    """A value that the careful way must look at."""


@functools.cache
def _codec() -> tuple[Any, Any, Any]:
    import msgspec

    return msgspec.json.Decoder(), msgspec.json.Encoder(), msgspec.json.format


def valid_json(
    data: str | bytes, upgraded: Callable[[dict[str, Any]], dict[str, Any]], max_bytes: int
) -> Strategy | None:
    """The strategy of a valid JSON document; `None` if not shown valid.

    `upgraded` takes the parsed tree to the current schema version, without
    `schema_version`, or raises for a version it cannot read.
    """
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: the careful way names it
            return None
    if not isinstance(data, bytes) or len(data) > max_bytes:
        return None
    decoder, encoder, canonical = _codec()
    try:
        tree = decoder.decode(data)
        if type(tree) is not dict or canonical(data, indent=-1) != encoder.encode(tree):
            return None
        body = upgraded(tree)
    except Exception:  # malformed, too deep, out of range, a bad version: the careful way says
        return None
    return valid_tree(body)


def valid_tree(tree: dict[str, Any]) -> Strategy | None:
    """The strategy of a parsed document without `schema_version`; `None` if not shown valid."""
    try:
        strategy: Strategy = _Builder().build(Strategy)(tree)
    except Exception:  # a refused value: the careful way says which, and where
        return None
    return strategy


def _amount(value: Any) -> Money:
    if type(value) is str:
        return money_of_text(value)
    if type(value) is int:
        return Money(value)
    raise _RefusedError


class _Builder:
    """Builds the objects of one document; equal dates and periods are shared."""

    def __init__(self) -> None:
        self.dates: dict[str, pendulum.Date] = {}
        self.periods: dict[tuple[str, str], Period] = {}
        self.builders: dict[type[Any], _Convert] = {}

    def day(self, value: Any) -> pendulum.Date:
        if type(value) is not str:
            if type(value) is datetime.date:  # a TOML or YAML date
                return to_date(value)
            raise _RefusedError
        known = self.dates.get(value)
        if known is None:
            known = self.dates[value] = to_date(value)
        return known

    def build(self, cls: type[Any]) -> _Convert:
        """A function from a table to a `cls`, made once per class."""
        builder = self.builders.get(cls)
        if builder is None:
            builder = self.builders[cls] = self._builder(cls)
        return builder

    def _builder(self, cls: type[Any]) -> _Convert:
        fields = attrs.fields(cls)
        convert = {name: self._convert(kind) for name, kind in kinds(cls).items()}
        required = [(f.name, convert[f.name]) for f in fields if f.default is attrs.NOTHING]
        optional = [
            (f.name, convert[f.name], f.default) for f in fields if f.default is not attrs.NOTHING
        ]
        validated = [f for f in fields if f.validator is not None]
        names = frozenset(convert)
        new, set_slot = object.__new__, object.__setattr__

        def build(table: Any) -> Any:
            if type(table) is not dict or not names.issuperset(table):
                raise _RefusedError
            built = new(cls)
            for name, check in required:
                set_slot(built, name, check(table[name]))  # a missing key: KeyError
            for name, check, default in optional:
                value = table.get(name, _MISSING)
                set_slot(built, name, default if value is _MISSING else check(value))
            for field in validated:
                field.validator(built, field, getattr(built, field.name))
            return built

        if cls is Period:
            return self._shared_period(build)
        return build

    def _shared_period(self, build: _Convert) -> _Convert:
        def period(table: Any) -> Period:
            if type(table) is dict and len(table) == 2:
                key = (table.get("start"), table.get("end"))
                known = self.periods.get(key)  # type: ignore[arg-type]
                if known is None:
                    known = self.periods[key] = build(table)  # type: ignore[index]
                return known
            return build(table)  # type: ignore[no-any-return]

        return period

    def _convert(self, kind: Kind) -> _Convert:
        one = self._one(kind)
        if kind.many:
            one = _many(one)
        return _optional(one) if kind.optional else one

    def _one(self, kind: Kind) -> _Convert:
        if kind.name == "amount":
            return _amount
        if kind.name == "day":
            return self.day
        if kind.name == "instance":
            return self.build(kind.type)  # the model's classes do not contain themselves
        if kind.name == "member":
            return _member(kind.type)
        if kind.name == "flag":
            return _flag
        if kind.name == "kamerstuk":
            return _kamerstuk
        return _text(kind.check, blank=kind.name != "id")


def _optional(convert: _Convert) -> _Convert:
    return lambda value: None if value is None else convert(value)


def _many(convert: _Convert) -> _Convert:
    def many(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _RefusedError
        return tuple(map(convert, value))

    return many


def _text(check: _Convert, *, blank: bool) -> _Convert:
    """An id's or a text's check, at once for plain ASCII; by the kind otherwise."""

    def text(value: Any) -> Any:
        if type(value) is not str:
            raise _RefusedError
        if value.isascii() and (blank or (value and not value.isspace())):
            return value
        return check(value)

    return text


def _member(enum: Any) -> _Convert:
    members = {member.value: member for member in enum}

    def member(value: Any) -> Any:
        if type(value) is not str:
            raise _RefusedError
        return members[value]

    return member


def _kamerstuk(value: Any) -> KamerstukRef:
    if type(value) is not str:
        raise _RefusedError
    return KamerstukRef.parse(value)


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise _RefusedError
    return value
