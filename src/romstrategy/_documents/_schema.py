"""The JSON Schema of the document format, generated from the domain classes."""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

import attrs
import pendulum

from romstrategy._documents._converter import MODEL_CLASSES
from romstrategy._model._money import Money
from romstrategy._model._strategy import Strategy

__all__ = ["json_schema"]

_AMOUNT_PATTERN = r"^-?[0-9]+(\.[0-9]{1,2})?$"
_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _type_schema(kind: Any) -> dict[str, Any]:
    if kind is str:
        return {"type": "string"}
    if kind is bool:
        return {"type": "boolean"}
    if kind is Money:
        return {
            "description": "Euros as a string with at most two decimals, or a whole number.",
            "oneOf": [{"type": "string", "pattern": _AMOUNT_PATTERN}, {"type": "integer"}],
        }
    if kind is pendulum.Date:
        return {"type": "string", "format": "date", "pattern": _DATE_PATTERN}
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return {"enum": [member.value for member in kind]}
    if isinstance(kind, type) and attrs.has(kind):
        return {"$ref": f"#/$defs/{kind.__name__}"}
    if typing.get_origin(kind) is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(kind)[0])}
    if isinstance(kind, types.UnionType):
        (inner,) = (arg for arg in typing.get_args(kind) if arg is not type(None))
        return _type_schema(inner)
    raise TypeError(f"no schema for {kind!r}")  # a new field type needs a case here


def _class_schema(cls: type[Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)
    return {
        "type": "object",
        "description": (cls.__doc__ or "").split("\n", 1)[0],
        "properties": {field.name: _type_schema(hints[field.name]) for field in fields},
        "required": [field.name for field in fields if field.default is attrs.NOTHING],
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a strategy document, version 1."""
    root = _class_schema(Strategy)
    root["properties"] = {"schema_version": {"const": 1}, **root["properties"]}
    root["required"] = ["schema_version", *root["required"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "romstrategy strategy document, schema version 1",
        **root,
        "$defs": {
            cls.__name__: _class_schema(cls) for cls in MODEL_CLASSES if cls is not Strategy
        },
    }
