"""Field converters shared by the domain classes.

Each converter accepts the value a user would naturally pass and returns the
canonical type, or raises `TypeError`/`ValueError` whose message names the
class, the field and the value it got.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import pendulum

from romstrategy._model._display import shown
from romstrategy._model._money import Money, check_amount

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

_Check = Callable[[Any, Any, "attrs.Attribute[Any]"], Any]


def _where(owner: object, field: attrs.Attribute[Any]) -> str:
    return f"{type(owner).__name__}.{field.name}"


_CHECKS: dict[Callable[..., Any], tuple[str, Any]] = {}


def _converter(check: _Check, kind: str, of: Any = None) -> Any:
    _CHECKS[check] = (kind, of)
    return attrs.Converter(check, takes_self=True, takes_field=True)


def check_of(field: attrs.Attribute[Any]) -> tuple[str, Any] | None:
    """What a field's converter checks: its kind, e.g. `("identifier", None)`.

    The kind is the name of the helper below that built the field, and the
    second item the class that `member`, `instance` and `instances` were given.
    `None` for a field that no helper here built.
    """
    converter = field.converter
    return _CHECKS.get(getattr(converter, "converter", None))  # type: ignore[arg-type]


def check_utf8(value: str, where: str) -> str:
    """Return `value` if it can be written as UTF-8: it holds no lone surrogate.

    Raises:
        ValueError: naming `where` and the first lone surrogate.
    """
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ValueError(
                f"{where}: got {shown(value)}, which holds the lone surrogate "
                f"U+{ord(value[error.start]):04X} at position {error.start}; "
                "text must be valid Unicode"
            ) from None
    return value


def _text_at(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{where}: got {shown(value)}, expected a str")
    return check_utf8(value, where)


def argument(value: object, kind: type[T], where: str) -> T:
    """Return `value` if it is a `kind`: for functions that take a strategy, a period, ...

    Raises:
        TypeError: naming `where`, the type found and the one expected.
    """
    if not isinstance(value, kind):
        raise TypeError(
            f"{where}: got {type(value).__name__} {shown(value)}, expected {kind.__name__}"
        )
    return value


def _id_at(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{where}: got {shown(value)}, expected a str")
    if not value.strip():
        raise ValueError(f"{where}: got {shown(value)}, an id must not be empty")
    return check_utf8(value, where)


def _identifier(value: object, owner: object, field: attrs.Attribute[Any]) -> str:
    return _id_at(value, _where(owner, field))


def _text(value: object, owner: object, field: attrs.Attribute[Any]) -> str:
    return _text_at(value, _where(owner, field))


def _optional_text(value: object, owner: object, field: attrs.Attribute[Any]) -> str | None:
    return None if value is None else _text(value, owner, field)


def _optional_identifier(value: object, owner: object, field: attrs.Attribute[Any]) -> str | None:
    return None if value is None else _identifier(value, owner, field)


def _identifiers(value: object, owner: object, field: attrs.Attribute[Any]) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise TypeError(f"{_where(owner, field)}: got {shown(value)}, expected a sequence of ids")
    items = tuple(value)
    for index, item in enumerate(items):
        _id_at(item, f"{_where(owner, field)}[{index}]")
    return items


def _texts(value: object, owner: object, field: attrs.Attribute[Any]) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise TypeError(f"{_where(owner, field)}: got {shown(value)}, expected a sequence of str")
    items = tuple(value)
    for index, item in enumerate(items):
        _text_at(item, f"{_where(owner, field)}[{index}]")
    return items


def _money(value: object, owner: object, field: attrs.Attribute[Any]) -> Money:
    if type(value) is Money:
        return check_amount(value, _where(owner, field))
    if not isinstance(value, str | int | Decimal | float):
        raise TypeError(f"{_where(owner, field)}: got {shown(value)}, expected Money or a str")
    try:
        return Money(value)  # type: ignore[arg-type]  # a float is refused inside
    except (TypeError, ValueError) as error:
        raise type(error)(f"{_where(owner, field)}: {error}") from None


def _optional_money(value: object, owner: object, field: attrs.Attribute[Any]) -> Money | None:
    return None if value is None else _money(value, owner, field)


def to_date(value: object) -> pendulum.Date:
    """Return `value` as a pendulum `Date`.

    Accepts a pendulum `Date`, a stdlib `date` or an ISO `YYYY-MM-DD` string.

    Raises:
        TypeError: for a datetime or another type.
        ValueError: for a string that is not a real date.
    """
    if type(value) is pendulum.Date:
        return value
    if isinstance(value, str):
        if len(value) != 10 or value[4] != "-" or value[7] != "-":
            raise ValueError(f"got {shown(value)}, expected a date as YYYY-MM-DD")
        try:
            return pendulum.Date.fromisoformat(value)
        except ValueError as error:
            raise ValueError(f"got {shown(value)}, not a date: {error}") from None
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise TypeError(f"got {shown(value)}, expected a date or an ISO string YYYY-MM-DD")
    return pendulum.Date(value.year, value.month, value.day)


def _date(value: object, owner: object, field: attrs.Attribute[Any]) -> pendulum.Date:
    try:
        return to_date(value)
    except (TypeError, ValueError) as error:
        raise type(error)(f"{_where(owner, field)}: {error}") from None


def _optional_date(
    value: object, owner: object, field: attrs.Attribute[Any]
) -> pendulum.Date | None:
    return None if value is None else _date(value, owner, field)


def _bool(value: object, owner: object, field: attrs.Attribute[Any]) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{_where(owner, field)}: got {shown(value)}, expected True or False")
    return value


def enum_member(kind: type[E], value: object, where: str) -> E:
    """Return the member of `kind` that `value` is or names.

    Raises:
        ValueError: naming `where`, the value and the allowed values.
    """
    if type(value) is kind:
        return value
    member = kind._value2member_map_.get(value) if isinstance(value, str) else None
    if member is None:
        allowed = ", ".join(repr(m.value) for m in kind)
        raise ValueError(f"{where}: got {shown(value)}, expected one of {allowed}")
    return member  # type: ignore[return-value]  # the map holds members of `kind`


def _enum(kind: type[E]) -> _Check:
    def check(value: object, owner: object, field: attrs.Attribute[Any]) -> E:
        return enum_member(kind, value, _where(owner, field))

    return check


def _instances(kind: type[T]) -> _Check:
    def check(value: object, owner: object, field: attrs.Attribute[Any]) -> tuple[T, ...]:
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            raise TypeError(
                f"{_where(owner, field)}: got {shown(value)}, "
                f"expected a sequence of {kind.__name__}"
            )
        items = tuple(value)
        for index, item in enumerate(items):
            if not isinstance(item, kind):
                raise TypeError(
                    f"{_where(owner, field)}[{index}]: got {type(item).__name__} "
                    f"{shown(item)}, expected {kind.__name__}"
                )
        return items

    return check


def _instance(kind: type[T], *, optional: bool = False) -> _Check:
    def check(value: object, owner: object, field: attrs.Attribute[Any]) -> T | None:
        if value is None and optional:
            return None
        if not isinstance(value, kind):
            raise TypeError(
                f"{_where(owner, field)}: got {type(value).__name__} {shown(value)}, "
                f"expected {kind.__name__}"
            )
        return value

    return check


def identifier() -> Any:
    """A required, non-empty id."""
    return attrs.field(converter=_converter(_identifier, "identifier"))


def text() -> Any:
    """A required str, which may be empty."""
    return attrs.field(converter=_converter(_text, "text"))


def optional_text() -> Any:
    """A str or `None`, default `None`."""
    return attrs.field(default=None, converter=_converter(_optional_text, "optional_text"))


def optional_identifier() -> Any:
    """An id or `None`, default `None`."""
    return attrs.field(
        default=None, converter=_converter(_optional_identifier, "optional_identifier")
    )


def identifiers() -> Any:
    """A tuple of non-empty ids, default empty; any iterable but a str."""
    return attrs.field(default=(), converter=_converter(_identifiers, "identifiers"))


def texts() -> Any:
    """A tuple of str, default empty; any iterable but a str."""
    return attrs.field(default=(), converter=_converter(_texts, "texts"))


def money() -> Any:
    """A required `Money`; str, int and Decimal are converted."""
    return attrs.field(converter=_converter(_money, "money"))


def optional_money() -> Any:
    """A `Money` or `None`, default `None`."""
    return attrs.field(default=None, converter=_converter(_optional_money, "optional_money"))


def date(**kwargs: Any) -> Any:
    """A required pendulum `Date`; stdlib dates and ISO strings are converted."""
    return attrs.field(converter=_converter(_date, "date"), **kwargs)


def optional_date() -> Any:
    """A pendulum `Date` or `None`, default `None`."""
    return attrs.field(default=None, converter=_converter(_optional_date, "optional_date"))


def flag(default: bool = False) -> Any:
    """A bool; no other type is accepted."""
    return attrs.field(default=default, converter=_converter(_bool, "flag"))


def member(kind: type[E], **kwargs: Any) -> Any:
    """An enum member; its string value is converted."""
    return attrs.field(converter=_converter(_enum(kind), "member", kind), **kwargs)


def instances(kind: type[T]) -> Any:
    """A tuple of `kind` instances, default empty."""
    return attrs.field(default=(), converter=_converter(_instances(kind), "instances", kind))


def instance(kind: type[T], *, optional: bool = False) -> Any:
    """One `kind` instance, or with `optional` also `None` (the default then)."""
    if optional:
        return attrs.field(
            default=None,
            converter=_converter(_instance(kind, optional=True), "optional_instance", kind),
        )
    return attrs.field(converter=_converter(_instance(kind), "instance", kind))
