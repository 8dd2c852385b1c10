"""The JSON Schema of the document format (*documentschema*), read from the field kinds."""

from __future__ import annotations

from typing import Any

import attrs

from romstrategy._documents._trees import SCHEMA_VERSION
from romstrategy._model._budget import Allocation, FundingSource, YearAmount
from romstrategy._model._kinds import Kind, kinds
from romstrategy._model._motion import Motion, StatusChange
from romstrategy._model._parties import ROM, Organisation, Province
from romstrategy._model._period import Period
from romstrategy._model._strategy import Activity, Pillar, Strategy
from romstrategy._model._transaction import Transaction

__all__ = ["MODEL_CLASSES", "json_schema"]

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
    YearAmount,
    Allocation,
    Transaction,
    Strategy,
)
"""The document's classes, each after the classes it contains."""


def _field_schema(kind: Kind) -> dict[str, Any]:
    schema = dict(kind.schema)
    if kind.many:
        schema = {"type": "array", "items": schema}
    if kind.optional:
        schema = {"anyOf": [schema, {"type": "null"}]}
    return schema


def _class_schema(cls: type[Any]) -> dict[str, Any]:
    fields = attrs.fields(cls)
    return {
        "type": "object",
        "description": (cls.__doc__ or "").split("\n", 1)[0],
        "properties": {name: _field_schema(kind) for name, kind in kinds(cls).items()},
        "required": [field.name for field in fields if field.default is attrs.NOTHING],
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a strategy document.

    It is built from the same field kinds that the constructors and `loads`
    check, so a document the schema accepts is one `loads` accepts, field by field.
    It accepts every schema version `loads` reads: version 1 documents, which
    may not hold `transactions`, and the current one.
    """
    root = _class_schema(Strategy)
    versions = {"enum": list(range(1, SCHEMA_VERSION + 1))}
    root["properties"] = {"schema_version": versions, **root["properties"]}
    root["required"] = ["schema_version", *root["required"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"romstrategy strategy document, schema version {SCHEMA_VERSION}",
        **root,
        # Version 1 had no transactions: such a document may not hold the key at all.
        "if": {"properties": {"schema_version": {"const": 1}}},
        "then": {"not": {"required": ["transactions"]}},
        "$defs": {
            cls.__name__: _class_schema(cls) for cls in MODEL_CLASSES if cls is not Strategy
        },
    }
