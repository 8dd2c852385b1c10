"""One plain form for loaded documents, to compare the library with its peers.

`normal(obj)` turns a loaded `romstrategy.Strategy`, pydantic model or msgspec
struct into dicts, lists, str, bool and int: money as cents, dates as ISO
text, enums as their values, and `None` fields left out. It walks each object
itself, so it does not depend on any of the writers being compared.
"""

from __future__ import annotations

import datetime
import enum
from decimal import Decimal
from typing import Any

import attrs

import romstrategy as rs

__all__ = ["normal"]

_MONEY_FIELDS = frozenset({"amount"})


def _fields(obj: Any) -> dict[str, Any]:
    if attrs.has(type(obj)):
        return {field.name: getattr(obj, field.name) for field in attrs.fields(type(obj))}
    if hasattr(type(obj), "model_fields"):  # pydantic
        return {name: getattr(obj, name) for name in type(obj).model_fields}
    if hasattr(obj, "__struct_fields__"):  # msgspec
        return {name: getattr(obj, name) for name in obj.__struct_fields__}
    raise TypeError(f"cannot normalise {type(obj).__name__}")


def _cents(text: str) -> int:
    return int(Decimal(text).scaleb(2))


def normal(obj: Any, name: str = "") -> Any:
    """The plain form of `obj`; `name` is the field it sits in."""
    if obj is None or isinstance(obj, bool | int):
        return obj
    if isinstance(obj, rs.Money):
        return obj.cents
    if isinstance(obj, rs.KamerstukRef):
        return str(obj)  # the other models keep the text, which documents write this way
    if isinstance(obj, str):
        return _cents(obj) if name in _MONEY_FIELDS else obj
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, datetime.date):
        return datetime.date(obj.year, obj.month, obj.day).isoformat()
    if isinstance(obj, tuple | list):
        return [normal(item, name) for item in obj]
    return {
        key: normal(value, key)
        for key, value in _fields(obj).items()
        if value is not None and key != "schema_version"
    }
