"""The private cattrs converters between documents and domain objects.

Valid documents are built by `_fast.valid_tree`. This module's structuring
converter is the careful way, for the others: it checks every field by its
kind in the hooks and collects every problem; `problems_from` translates its
exception groups into `Problem`s by path. A second converter unstructures a
strategy into plain data for the writers.
"""

from __future__ import annotations

import datetime
import enum
import functools
from collections.abc import Callable, Iterable, Iterator
from itertools import repeat
from typing import Any, get_args, get_origin

import attrs
import cattrs
import pendulum
from cattrs.errors import (
    AttributeValidationNote,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.fns import identity
from cattrs.gen import (
    make_dict_structure_fn,
    make_dict_unstructure_fn_from_attrs,
    override,
)

from romstrategy._documents._errors import Problem, describe
from romstrategy._model._budget import Allocation, FundingSource
from romstrategy._model._display import key_text
from romstrategy._model._kamerstuk import KamerstukRef
from romstrategy._model._kinds import FieldError, Kind, kinds, to_date
from romstrategy._model._money import Money, money_of_text
from romstrategy._model._parliament import Motion, StatusChange
from romstrategy._model._parties import ROM, Organisation, Province
from romstrategy._model._period import Period
from romstrategy._model._realisation import Transaction
from romstrategy._model._strategy import Activity, Pillar, Strategy

__all__ = ["MODEL_CLASSES", "problems_from", "structure", "unstructure", "unstructure_motions"]

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
    Transaction,
    Strategy,
)
"""The document's classes, each after the classes it contains: hooks are built in this order."""


class _RefusedError(ValueError):
    """A value of the wrong kind; its message is shown as it is."""


def _text(value: object, _: object) -> str:
    if type(value) is str:
        return value
    raise _RefusedError(f"expected a string, found {describe(value)}")


def _flag(value: object, _: object) -> bool:
    if type(value) is bool:
        return value
    raise _RefusedError(f"expected true or false, found {describe(value)}")


def _money(value: object, _: object) -> Money:
    try:
        if type(value) is str:
            return money_of_text(value)
        if isinstance(value, float):
            raise _RefusedError(
                f"found {describe(value)}; a float cannot hold cents exactly, "
                f'write the amount as a string such as "{_float_hint(value)}"'
            )
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise _RefusedError(
                f'expected an amount as a string such as "1250000.00", found {describe(value)}'
            )
        return Money(value)
    except _RefusedError:
        raise
    except (TypeError, ValueError) as error:
        raise _RefusedError(str(error).removeprefix("Money: ")) from None


def _kamerstuk(value: object, _: object) -> KamerstukRef:
    if type(value) is not str:
        raise _RefusedError(
            f'expected a Kamerstuk reference as a string such as "33 009, nr. 124", '
            f"found {describe(value)}"
        )
    try:
        return KamerstukRef.parse(value)
    except ValueError as error:
        raise _RefusedError(str(error)) from None


def _float_hint(value: float) -> str:
    return f"{value:.2f}" if abs(value) < 1e15 else "1250000.00"


def _date(value: object, _: object) -> pendulum.Date:
    if isinstance(value, datetime.datetime) or not isinstance(value, str | datetime.date):
        raise _RefusedError(f"expected a date as YYYY-MM-DD, found {describe(value)}")
    try:
        return to_date(value)
    except (TypeError, ValueError) as error:
        raise _RefusedError(str(error)) from None


def _table(structure_fields: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """Refuse anything but a table where an object belongs, naming what was found."""

    def structure(value: object, kind: object) -> Any:
        if type(value) is not dict:
            raise _RefusedError(f"expected a table, found {describe(value)}")
        return structure_fields(value, kind)

    return structure


def _is_enum(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, enum.Enum)


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


_MAX_BAD_ITEMS = 100
"""The most bad items of one list whose problems are looked for and listed."""


def _item_errors(
    items: list[Any], structure_item: Callable[[Any, Any], Any], item_kind: Any, kind: Any
) -> IterableValidationError:
    errors: list[Exception] = []
    for index, item in enumerate(items):
        if len(errors) == _MAX_BAD_ITEMS:  # so that the work stays in proportion
            errors.append(
                _RefusedError(
                    f"more items of this array have problems; only those of the first "
                    f"{_MAX_BAD_ITEMS} bad items are listed"
                )
            )
            break
        try:
            structure_item(item, item_kind)
        except Exception as error:  # collected and translated by problems_from
            error.__notes__ = [IterableValidationNote(f"@ index {index}", index, item_kind)]
            errors.append(error)
    return IterableValidationError(f"While structuring {kind!r}", errors, kind)


# --- fields, by the kind their class declares -------------------------------------


def _value_hook(converter: cattrs.Converter, kind: Kind) -> Callable[[object, object], Any]:
    """One value of `kind` from a document: the hook for its type, then the kind's check.

    The check runs here, not only in the class's constructor, so that every
    field's problem is reported, not only the first one the constructor meets.
    """
    type_hook = converter.get_structure_hook(kind.type)
    value_type, check = kind.type, kind.check

    def structure(value: object, _: object) -> Any:
        return check(type_hook(value, value_type))

    return structure


def _field_hook(converter: cattrs.Converter, kind: Kind) -> Callable[[object, object], Any]:
    """A field of `kind`: one value, a list of them (each bad item named), or null if optional."""
    hook = _value_hook(converter, kind)
    if kind.many:
        hook = _list_hook(hook, kind.type)
    if not kind.optional:
        return hook
    required = hook

    def optional(value: object, kind: object) -> Any:
        return None if value is None else required(value, kind)

    return optional


def _list_hook(
    item_hook: Callable[[object, object], Any], item_type: Any
) -> Callable[[object, object], tuple[Any, ...]]:
    def structure(value: object, kind: object) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _RefusedError(f"expected an array, found {describe(value)}")
        try:
            return tuple(map(item_hook, value, repeat(item_type)))
        except Exception:  # redo slowly to report every bad item with its index
            raise _item_errors(value, item_hook, item_type, kind) from None

    return structure


def _class_fields(converter: cattrs.Converter, cls: type[Any]) -> Callable[[Any, Any], Any]:
    """Structure a table into `cls`, each field by its kind."""
    overrides: dict[str, Any] = {
        name: override(struct_hook=_field_hook(converter, kind))
        for name, kind in kinds(cls).items()
    }
    return make_dict_structure_fn(cls, converter, **overrides)


# --- unstructuring ---------------------------------------------------------------------


def _money_text(money: Money) -> str:
    cents = money.cents
    if cents >= 0:
        return f"{cents // 100}.{cents % 100:02d}"
    return money.to_text()


def _unstructure_period(period: Period) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}


def _list_hook_for(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any], list[Any]]]:
    def factory(kind: Any) -> Callable[[Any], list[Any]]:
        unstructure_item = converter.get_unstructure_hook(get_args(kind)[0])
        if unstructure_item is identity:
            return list
        return lambda items: list(map(unstructure_item, items))

    return factory


def _omit_none(converter: cattrs.Converter, cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    attrs.resolve_types(cls)
    fields = attrs.fields(cls)
    # A field whose default is None or "" is left out at that value: the converters keep both.
    # So is one marked `omit_empty`, added later, so that older documents are written as before.
    omitted = [
        field.name
        for field in fields
        if field.default is None or field.default == "" or field.metadata.get("omit_empty")
    ]
    optional: dict[str, Any] = {name: override(omit_if_default=True) for name in omitted}
    plain = [field.evolve(converter=None) if field.name in omitted else field for field in fields]
    return make_dict_unstructure_fn_from_attrs(plain, cls, converter, **optional)


# --- building the converters, on first use ------------------------------------------------


@functools.cache
def _converters() -> tuple[cattrs.Converter, cattrs.Converter]:
    """The converter that unstructures, and the one that structures with every problem."""
    writer = cattrs.Converter()
    writer.register_unstructure_hook(Money, _money_text)
    writer.register_unstructure_hook(pendulum.Date, pendulum.Date.isoformat)
    writer.register_unstructure_hook(Period, _unstructure_period)
    writer.register_unstructure_hook(KamerstukRef, str)
    writer.register_unstructure_hook_func(_is_enum, lambda member: member.value)
    writer.register_unstructure_hook_factory(_is_tuple, _list_hook_for(writer))
    for cls in MODEL_CLASSES:
        if cls is not Period:
            writer.register_unstructure_hook(cls, _omit_none(writer, cls))
    reader = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    reader.register_structure_hook(str, _text)
    reader.register_structure_hook(bool, _flag)
    reader.register_structure_hook(Money, _money)
    reader.register_structure_hook(pendulum.Date, _date)
    reader.register_structure_hook(KamerstukRef, _kamerstuk)
    reader.register_structure_hook_factory(_is_enum, _enum_hook)
    reader.register_structure_hook_factory(
        attrs.has, lambda cls: _table(_class_fields(reader, cls))
    )
    return writer, reader


def structure(tree: dict[str, Any]) -> Strategy:
    """Build a `Strategy` from a parsed document; cattrs errors, with every problem, propagate."""
    strategy: Strategy = _converters()[1].structure(tree, Strategy)
    return strategy


def unstructure(strategy: Strategy) -> dict[str, Any]:
    """Turn a `Strategy` into plain data, leaving out every `None` and empty description."""
    data: dict[str, Any] = _converters()[0].unstructure(strategy, Strategy)
    return data


def unstructure_motions(motions: Iterable[Motion]) -> list[dict[str, Any]]:
    """Turn motions into plain data, as a strategy document holds them."""
    writer = _converters()[0]
    return [writer.unstructure(motion, Motion) for motion in motions]


# --- translating cattrs exception groups into problems ---------------------------


def problems_from(error: BaseException, path: str = "$") -> Iterator[Problem]:
    """Yield a `Problem` for every leaf of a cattrs exception group."""
    if isinstance(error, ForbiddenExtraKeysError):
        known = [field.name for field in attrs.fields(error.cl)]
        for key in sorted(error.extra_fields, key=_key_order):
            yield Problem(f"{path}.{key_text(key)}", _unknown_key(key, known))
    elif isinstance(error, BaseExceptionGroup):
        for member in error.exceptions:
            yield from problems_from(member, path + _step(member))
    else:
        yield _leaf(error, path)


def _step(error: BaseException) -> str:
    """The path step that cattrs noted on an error: `.field` or `[index]`."""
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return f".{note.name}"
        if isinstance(note, IterableValidationNote):
            return f"[{note.index}]"
    return ""


def _key_order(key: object) -> tuple[bool, str]:
    return (not isinstance(key, str), key_text(key))


def _unknown_key(key: object, known: list[str]) -> str:
    import difflib

    if not isinstance(key, str):
        return f"`{key_text(key)}`: a key must be a string, found {describe(key)}"
    close = difflib.get_close_matches(key, known) if len(key) <= 100 else []
    hint = f", did you mean `{close[0]}`?" if close else f"; known keys: {', '.join(known)}"
    return f"`{key_text(key)}`: unknown key{hint}"


def _leaf(error: BaseException, path: str) -> Problem:
    if isinstance(error, KeyError):
        return Problem(path, "required key is missing")
    if isinstance(error, _RefusedError):
        return Problem(path, str(error))
    if isinstance(error, FieldError):
        # A field's check; one from a class's validator also names its field.
        field = f".{error.field}" if error.owner and error.field else ""
        index = "" if error.index is None else f"[{error.index}]"
        return Problem(f"{path}{field}{index}", error.reason)
    return Problem(path, f"{type(error).__name__}: {error}")
