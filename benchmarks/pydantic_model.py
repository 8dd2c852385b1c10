"""The strategy document as a pydantic v2 model: the peer a Python developer would write.

The same fields and the same per-field checks as `romstrategy`: money as a
string with at most two decimals, ISO dates, enums by value, non-empty ids,
no unknown keys, no coercion (strict mode), and a period's end not before its
start. Models are frozen, like the library's classes. Defaults match the
library's, and `dump` leaves out `None` as the library does.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

import romstrategy as rs

__all__ = ["Strategy", "dump", "load"]

Money = Annotated[str, StringConstraints(pattern=r"^-?[0-9]+(\.[0-9]{1,2})?$")]
Id = Annotated[str, StringConstraints(pattern=r"\S")]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Period(_Model):
    start: datetime.date
    end: datetime.date

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Period:
        if self.start > self.end:
            raise ValueError(f"end {self.end} is before the start {self.start}")
        return self


class Organisation(_Model):
    id: Id
    name: str
    kind: rs.OrganisationKind


class Province(_Model):
    code: Id
    name: str


class ROM(_Model):
    code: Id
    name: str
    provinces: tuple[Id, ...] = ()
    shareholders: tuple[str, ...] = ()
    source: str | None = None
    note: str | None = None


class Pillar(_Model):
    code: Id
    title_nl: str
    title_en: str
    description: str


class StatusChange(_Model):
    status: rs.MotionStatus
    on: datetime.date | None = None
    document: str | None = None
    how: rs.DecisionMethod | None = None


class Motion(_Model):
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


class FundingSource(_Model):
    id: Id
    name: str
    amount: Money
    kind: rs.FundingKind
    period: Period | None = None
    origin: Id | None = None
    note: str | None = None


class Activity(_Model):
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


class YearAmount(_Model):
    year: int
    amount: Money


class Allocation(_Model):
    id: Id
    source: Id
    amount: Money
    pillar: Id
    activity: Id | None = None
    period: Period
    schedule: tuple[YearAmount, ...] = ()


class Transaction(_Model):
    id: Id
    allocation: Id
    kind: rs.TransactionKind
    amount: Money
    date: datetime.date
    description: str = ""
    document: str | None = None


class Strategy(_Model):
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


def load(data: bytes) -> Strategy:
    """Validate a JSON document into the model."""
    return Strategy.model_validate_json(data)


def dump(strategy: Strategy) -> bytes:
    """The model as JSON, leaving out `None` like the library."""
    return strategy.model_dump_json(exclude_none=True).encode("utf-8")
