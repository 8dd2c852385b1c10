"""Money available to the strategy and where it goes (*begroting*)."""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable

import attrs

from romstrategy._model._display import brief
from romstrategy._model._kinds import (
    Amount,
    Id,
    OptionalId,
    OptionalText,
    Text,
    Year,
    by_kind,
)
from romstrategy._model._money import Money
from romstrategy._model._period import Period

__all__ = ["Allocation", "Balance", "FundingKind", "FundingSource", "YearAmount", "balances"]


class FundingKind(enum.Enum):
    """One-off (*incidenteel*) or recurring (*structureel*) money."""

    INCIDENTAL = "incidental"
    STRUCTURAL = "structural"


@attrs.frozen(kw_only=True, field_transformer=by_kind, repr=False)
class FundingSource:
    """Money available to the strategy (*financieringsbron*, *middelen*).

    Attributes:
        id: a short, stable id.
        name: how it is known.
        amount: the whole amount available.
        kind: incidental (*incidenteel*) or structural (*structureel*).
        period: when it may be spent; `None` means the strategy's period.
        origin: the id of the motion or amendment it comes from, or `None`.
        note: anything a reader must know, or `None`.
    """

    __repr__ = brief

    id: Id
    name: Text
    amount: Amount
    kind: FundingKind
    period: Period | None = None
    origin: OptionalId = None
    note: OptionalText = None


@attrs.frozen(kw_only=True, field_transformer=by_kind, repr=False)
class YearAmount:
    """The money an allocation plans to spend in one calendar year (*jaarbedrag*).

    One line of an allocation's schedule (*kasritme*).

    Attributes:
        year: the calendar year, such as 2025.
        amount: the money planned for that year.
    """

    __repr__ = brief

    year: Year
    amount: Amount


@attrs.frozen(kw_only=True, field_transformer=by_kind, repr=False)
class Allocation:
    """Money from one funding source to a pillar or activity (*toewijzing*).

    Attributes:
        id: a short, stable id.
        source: the id of the funding source.
        amount: the amount allocated.
        pillar: the code of the pillar it serves.
        activity: the id of the activity it funds, or `None` for the
            pillar as a whole.
        period: when it is spent.
        schedule: the money per calendar year (*kasritme*), as someone wrote
            it down, or `()` when nobody did. RS106 checks that it adds up to
            `amount` and stays within `period`; nothing is ever spread by days.
    """

    __repr__ = brief

    id: Id
    source: Id
    amount: Amount
    pillar: Id
    activity: OptionalId = None
    period: Period
    schedule: tuple[YearAmount, ...] = attrs.field(default=(), metadata={"omit_empty": True})


@attrs.frozen
class Balance:
    """What one funding source holds and how much of it is allocated (*saldo*)."""

    source: str
    amount: Money
    allocated: Money

    @property
    def unallocated(self) -> Money:
        """What is left; negative when the source is over-allocated."""
        return self.amount - self.allocated


def balances(
    sources: Iterable[FundingSource], allocations: Iterable[Allocation]
) -> tuple[Balance, ...]:
    """The balance of each funding source, in the order given."""
    allocated: defaultdict[str, int] = defaultdict(int)
    for allocation in allocations:
        allocated[allocation.source] += allocation.amount.cents
    return tuple(
        Balance(source.id, source.amount, Money.from_cents(allocated.get(source.id, 0)))
        for source in sources
    )
