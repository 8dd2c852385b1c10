"""The strategy document as msgspec structs: what is possible from Python with a C core.

The same fields and checks as `pydantic_model` and the library: money as a
string with at most two decimals, ISO dates, enums by value, non-empty ids,
no unknown keys, no coercion, and a period's end not before its start.
Structs are frozen and leave out `None` defaults when encoded.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

import msgspec

import romstrategy as rs

__all__ = ["Strategy", "dump", "load"]

Money = Annotated[str, msgspec.Meta(pattern=r"^-?[0-9]+(\.[0-9]{1,2})?$")]
Id = Annotated[str, msgspec.Meta(pattern=r"\S")]


class _Struct(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    pass


class Period(_Struct):
    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"end {self.end} is before the start {self.start}")


class Organisation(_Struct):
    id: Id
    name: str
    kind: rs.OrganisationKind


class Province(_Struct):
    code: Id
    name: str


class ROM(_Struct):
    code: Id
    name: str
    provinces: tuple[Id, ...] = ()
    shareholders: tuple[str, ...] = ()
    source: str | None = None
    note: str | None = None


class Pillar(_Struct):
    code: Id
    title_nl: str
    title_en: str
    description: str


class StatusChange(_Struct):
    status: rs.MotionStatus
    on: datetime.date | None = None
    document: str | None = None
    how: rs.DecisionMethod | None = None


class Motion(_Struct, kw_only=True):
    id: Id
    kind: rs.MotionKind
    title: str
    submitter: str
    co_submitted: bool = False
    co_submitters: tuple[str, ...] = ()
    submitted_on: datetime.date
    request: str
    history: tuple[StatusChange, ...] = ()
    amount: Money | None = None
    kamerstuk: str | None = None
    appraisal: str | None = None  # the library reads a known text as its `Appraisal`
    note: str | None = None


class FundingSource(_Struct):
    id: Id
    name: str
    amount: Money
    kind: rs.FundingKind
    period: Period | None = None
    origin: Id | None = None
    note: str | None = None


class Activity(_Struct, kw_only=True):
    id: Id
    title: str
    scope: rs.Scope
    pillar: Id
    roms: tuple[Id, ...] = ()
    lead: Id
    theme: str
    service: rs.Service
    period: Period
    complements: tuple[Id, ...] = ()


class YearAmount(_Struct, kw_only=True):
    year: int
    amount: Money


class Allocation(_Struct, kw_only=True):
    id: Id
    source: Id
    amount: Money
    pillar: Id
    activity: Id | None = None
    period: Period
    schedule: tuple[YearAmount, ...] = ()


class Transaction(_Struct, kw_only=True):
    id: Id
    allocation: Id
    kind: rs.TransactionKind
    amount: Money
    date: datetime.date
    description: str = ""
    document: str | None = None


class Strategy(_Struct, kw_only=True):
    schema_version: Literal[1, 2]
    id: Id
    title: str
    period: Period
    status: rs.StrategyStatus = rs.StrategyStatus.DRAFT
    principals: tuple[Organisation, ...] = ()
    provinces: tuple[Province, ...] = ()
    roms: tuple[ROM, ...] = ()
    pillars: tuple[Pillar, ...] = ()
    motions: tuple[Motion, ...] = ()
    funding_sources: tuple[FundingSource, ...] = ()
    activities: tuple[Activity, ...] = ()
    allocations: tuple[Allocation, ...] = ()
    transactions: tuple[Transaction, ...] = ()
    settles: tuple[Id, ...] = ()
    source: str | None = None


_DECODER = msgspec.json.Decoder(Strategy)
_ENCODER = msgspec.json.Encoder()


def load(data: bytes) -> Strategy:
    """Validate a JSON document into the structs."""
    return _DECODER.decode(data)


def dump(strategy: Strategy) -> bytes:
    """The structs as JSON, leaving out `None` defaults like the library."""
    return _ENCODER.encode(strategy)
