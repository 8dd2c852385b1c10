"""The one private cattrs converter between documents and domain objects.

Hooks give each value its canonical type and a clear error; the attrs
constructors then take the fast path. Errors come back as cattrs exception
groups and are translated into `Problem`s by path in `problems_from`.
"""

from __future__ import annotations

import datetime
import difflib
import enum
import re
from collections.abc import Callable, Iterator
from typing import Any, get_args, get_origin

import attrs
import cattrs
import pendulum
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from romstrategy._budget import Allocation, FundingSource
from romstrategy._errors import Problem
from romstrategy._fields import to_date
from romstrategy._money import Money
from romstrategy._parliament import Motion, StatusChange
from romstrategy._parties import ROM, Organisation, Province
from romstrategy._period import Period
from romstrategy._strategy import Activity, Pillar, Strategy

__all__ = ["MODEL_CLASSES", "describe", "problems_from", "structure", "unstructure"]

MODEL_CLASSES: tuple[type[Any], ...] = (
    Period,
    Organisation,
    Province,
    ROM,
    Pillar,
    StatusChange,
    Motion,
    FundingSource,
    Activity,
    Allocation,
    Strategy,
)
"""The document's classes, each after the classes it contains: hooks are built in this order."""

_converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)


class _RefusedError(ValueError):
    """A value of the wrong kind; its message is shown as it is."""


def describe(value: object) -> str:
    """Name a parsed document value for an error message: `the number 1.5`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime.date):
        return f"the date-time {value.isoformat()}"
    return type(value).__name__


def _text(value: object, _: object) -> str:
    if type(value) is str:
        return value
    raise _RefusedError(f"expected a string, found {describe(value)}")


def _flag(value: object, _: object) -> bool:
    if type(value) is bool:
        return value
    raise _RefusedError(f"expected true or false, found {describe(value)}")


def _money(value: object, _: object) -> Money:
    if isinstance(value, float):
        raise _RefusedError(
            f"found {describe(value)}; a float cannot hold cents exactly, "
            f'write the amount as a string such as "{_float_hint(value)}"'
        )
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _RefusedError(
            f'expected an amount as a string such as "1250000.00", found {describe(value)}'
        )
    try:
        return Money(value)
    except (TypeError, ValueError) as error:
        raise _RefusedError(str(error).removeprefix("Money: ")) from None


def _float_hint(value: float) -> str:
    return f"{value:.2f}" if abs(value) < 1e15 else "1250000.00"


class _Memo(dict[Any, Any]):
    """A small memo of immutable values by their document form; it empties when full."""

    def remember(self, key: Any, value: Any) -> None:
        if len(self) >= 4096:
            self.clear()
        self[key] = value


# Documents repeat the same dates and periods many times; both are immutable.
_dates = _Memo()
_periods = _Memo()


def _date(value: object, _: object) -> pendulum.Date:
    if type(value) is str:
        known: pendulum.Date | None = _dates.get(value)
        if known is not None:
            return known
    if isinstance(value, datetime.datetime) or not isinstance(value, str | datetime.date):
        raise _RefusedError(f"expected a date as YYYY-MM-DD, found {describe(value)}")
    try:
        date = to_date(value)
    except (TypeError, ValueError) as error:
        raise _RefusedError(str(error)) from None
    if type(value) is str:
        _dates.remember(value, date)
    return date


def _period_hook(structure_period: Callable[[Any, Any], Period]) -> Callable[[Any, Any], Period]:
    def structure(value: object, kind: object) -> Period:
        key = None
        if type(value) is dict and len(value) == 2:
            key = (value.get("start"), value.get("end"))
            known: Period | None = (
                _periods.get(key) if type(key[0]) is type(key[1]) is str else None
            )
            if known is not None:
                return known
        period = structure_period(value, kind)
        if key is not None and type(key[0]) is type(key[1]) is str:
            _periods.remember(key, period)
        return period

    return structure


def _enum_hook(kind: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    members = {member.value: member for member in kind}
    allowed = ", ".join(f'"{value}"' for value in members)

    def structure(value: object, _: object) -> enum.Enum:
        member = members.get(value) if isinstance(value, str) else None
        if member is None:
            raise _RefusedError(f"expected one of {allowed}, found {describe(value)}")
        return member

    return structure


def _is_tuple(kind: Any) -> bool:
    return get_origin(kind) is tuple


def _tuple_hook(kind: Any) -> Callable[[object, object], tuple[Any, ...]]:
    item_kind = get_args(kind)[0]
    structure_item = _converter.get_structure_hook(item_kind)

    def structure(value: object, _: object) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _RefusedError(f"expected an array, found {describe(value)}")
        try:
            return tuple([structure_item(item, item_kind) for item in value])
        except Exception:  # redo slowly to report every bad item with its index
            raise _item_errors(value, structure_item, item_kind, kind) from None

    return structure


def _item_errors(
    items: list[Any], structure_item: Callable[[Any, Any], Any], item_kind: Any, kind: Any
) -> IterableValidationError:
    errors: list[Exception] = []
    for index, item in enumerate(items):
        try:
            structure_item(item, item_kind)
        except Exception as error:  # collected and translated by problems_from
            error.__notes__ = [IterableValidationNote(f"@ index {index}", index, item_kind)]
            errors.append(error)
    return IterableValidationError(f"While structuring {kind!r}", errors, kind)


def _omit_none(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    optional: dict[str, Any] = {
        field.name: override(omit_if_default=True)
        for field in attrs.fields(cls)
        if field.default is None
    }
    return make_dict_unstructure_fn(cls, _converter, **optional)


def _unstructure_period(period: Period) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}


_converter.register_structure_hook(str, _text)
_converter.register_structure_hook(bool, _flag)
_converter.register_structure_hook(Money, _money)
_converter.register_structure_hook(pendulum.Date, _date)
_converter.register_structure_hook_factory(
    lambda kind: isinstance(kind, type) and issubclass(kind, enum.Enum), _enum_hook
)
_converter.register_structure_hook_factory(_is_tuple, _tuple_hook)
_converter.register_structure_hook(
    Period, _period_hook(make_dict_structure_fn(Period, _converter))
)
_converter.register_unstructure_hook(Money, Money.to_text)
_converter.register_unstructure_hook(pendulum.Date, pendulum.Date.isoformat)
_converter.register_unstructure_hook(Period, _unstructure_period)
_converter.register_unstructure_hook_func(
    lambda kind: isinstance(kind, type) and issubclass(kind, enum.Enum),
    lambda member: member.value,
)
for _cls in MODEL_CLASSES:
    if _cls is not Period:
        _converter.register_unstructure_hook(_cls, _omit_none(_cls))


def structure(tree: dict[str, Any]) -> Strategy:
    """Build a `Strategy` from a parsed document; cattrs errors propagate."""
    return _converter.structure(tree, Strategy)


def unstructure(strategy: Strategy) -> dict[str, Any]:
    """Turn a `Strategy` into plain data, leaving out every `None`."""
    data: dict[str, Any] = _converter.unstructure(strategy, Strategy)
    return data


# --- translating cattrs exception groups into problems ---------------------------

_OWN_MESSAGE = re.compile(
    r"(?P<cls>[A-Z][A-Za-z]*)\.(?P<field>[a-z_]+)(?P<index>\[\d+\])?: (?P<rest>.*)", re.S
)


def problems_from(error: BaseException, path: str = "$") -> Iterator[Problem]:
    """Yield a `Problem` for every leaf of a cattrs exception group."""
    if isinstance(error, ClassValidationError):
        with_notes, without_notes = error.group_exceptions()
        for inner, note in with_notes:
            yield from problems_from(inner, f"{path}.{note.name}")
        for inner in without_notes:
            yield from problems_from(inner, path)
    elif isinstance(error, IterableValidationError):
        with_index, without_index = error.group_exceptions()
        for item_error, item_note in with_index:
            yield from problems_from(item_error, f"{path}[{item_note.index}]")
        for other in without_index:
            yield from problems_from(other, path)
    elif isinstance(error, ForbiddenExtraKeysError):
        known = [field.name for field in attrs.fields(error.cl)]
        for key in sorted(error.extra_fields):
            yield Problem(f"{path}.{key}", _unknown_key(key, known))
    elif isinstance(error, BaseExceptionGroup):
        for member in error.exceptions:
            yield from problems_from(member, path)
    else:
        yield _leaf(error, path)


def _unknown_key(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f", did you mean `{close[0]}`?" if close else f"; known keys: {', '.join(known)}"
    return f"`{key}`: unknown key{hint}"


def _leaf(error: BaseException, path: str) -> Problem:
    if isinstance(error, KeyError):
        return Problem(path, "required key is missing")
    if isinstance(error, _RefusedError):
        return Problem(path, str(error))
    own = _OWN_MESSAGE.fullmatch(str(error))
    if own is not None and isinstance(error, TypeError | ValueError):
        # A constructor check: "Allocation.id: got '', ..." names the field.
        field_path = f"{path}.{own['field']}{own['index'] or ''}"
        return Problem(field_path, own["rest"])
    return Problem(path, f"{type(error).__name__}: {error}")
