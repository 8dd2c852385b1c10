"""Small changes of a strategy, from which the rules' examples are built (*wijzigingen*).

Each rule module writes its two examples next to the rule: a change that
breaks the rule (`breaks`) and the near miss that keeps it (`keeps`). Both
apply to any strategy that passes every rule, such as the ones
`romstrategy.testing.strategies()` gives or `examples/illustrative_plan.toml`.
"""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from romstrategy._model._budget import Allocation
from romstrategy._model._money import Money
from romstrategy._model._motion import Motion, MotionKind, MotionStatus, StatusChange
from romstrategy._model._period import Period
from romstrategy._model._strategy import Activity, Scope, Service, Strategy
from romstrategy._model._transaction import Transaction, TransactionKind

__all__ = [
    "CENT",
    "add_activities",
    "add_motion",
    "add_transactions",
    "commitment",
    "expenditure",
    "first_funding_an_activity",
    "first_with_money",
    "replace_allocation",
    "settled_history",
    "settles_a_settled_motion",
    "step",
    "supra_regional",
]

CENT = Money("0.01")


def first_funding_an_activity(strategy: Strategy) -> Allocation:
    """The first allocation that funds an activity."""
    return next(a for a in strategy.allocations if a.activity is not None)


def first_with_money(strategy: Strategy) -> Allocation:
    """The first allocation of more than nothing."""
    return next(a for a in strategy.allocations if a.amount.cents > 0)


def replace_allocation(strategy: Strategy, old: Allocation, *new: Allocation) -> Strategy:
    """`strategy` with `old` replaced by the allocations `new` (none, one or more)."""
    allocations: list[Allocation] = []
    for allocation in strategy.allocations:
        allocations += new if allocation is old else (allocation,)
    return attrs.evolve(strategy, allocations=tuple(allocations))


def add_activities(strategy: Strategy, *new: Activity) -> Strategy:
    """`strategy` with the activities `new` added at the end."""
    return attrs.evolve(strategy, activities=(*strategy.activities, *new))


def supra_regional(strategy: Strategy, **changes: Any) -> Activity:
    """A supra-regional activity of the first two ROMs, led by the first, on its own theme."""
    fields: dict[str, Any] = {
        "id": "example-supra",
        "title": "Example supra-regional activity",
        "scope": Scope.SUPRA_REGIONAL,
        "pillar": strategy.pillars[0].code,
        "roms": (strategy.roms[0].code, strategy.roms[1].code),
        "lead": strategy.roms[0].code,
        "theme": "a theme no other activity has",
        "service": Service.FINANCING,
        "period": Period.years(strategy.period.start.year),
    }
    return Activity(**(fields | changes))


def step(status: MotionStatus, document: str | None = None) -> StatusChange:
    """One step of a motion's history; the first, `submitted`, is dated 10 January 2024."""
    on = pendulum.Date(2024, 1, 10) if status is MotionStatus.SUBMITTED else None
    return StatusChange(status=status, on=on, document=document)


def settled_history(document: str | None = "the letter") -> tuple[StatusChange, ...]:
    """A motion's whole history: submitted, adopted, settled by `document`."""
    return (
        step(MotionStatus.SUBMITTED),
        step(MotionStatus.ADOPTED),
        step(MotionStatus.SETTLED, document),
    )


def add_motion(
    strategy: Strategy,
    name: str,
    *history: StatusChange,
    settled: bool = False,
    co_submitters: tuple[str, ...] = (),
    co_submitted: bool = False,
) -> Strategy:
    """`strategy` with an illustrative motion `name` of that history, settled by it or not."""
    motion = Motion(
        id=name,
        kind=MotionKind.MOTION,
        title="Example motion",
        submitter="Example",
        co_submitted=co_submitted,
        co_submitters=co_submitters,
        submitted_on=pendulum.Date(2024, 1, 10),
        request="Illustrative only.",
        history=history,
    )
    settles = (*strategy.settles, motion.id) if settled else strategy.settles
    return attrs.evolve(strategy, motions=(*strategy.motions, motion), settles=settles)


def settles_a_settled_motion(strategy: Strategy) -> Strategy:
    """The strategy settles a motion it holds, which was adopted and is now settled."""
    return add_motion(strategy, "example-settled", *settled_history(), settled=True)


def add_transactions(strategy: Strategy, *new: Transaction) -> Strategy:
    """`strategy` with the transactions `new` added at the end."""
    return attrs.evolve(strategy, transactions=(*strategy.transactions, *new))


def commitment(
    allocation: Allocation, name: str, amount: Money, day: pendulum.Date
) -> Transaction:
    """A commitment (*verplichting*) `name` of `amount` on `allocation`, dated `day`."""
    kind = TransactionKind.COMMITMENT
    return Transaction(id=name, allocation=allocation.id, kind=kind, amount=amount, date=day)


def expenditure(
    allocation: Allocation, name: str, amount: Money, day: pendulum.Date
) -> Transaction:
    """An expenditure (*uitgave*) `name` of `amount` on `allocation`, dated `day`."""
    kind = TransactionKind.EXPENDITURE
    return Transaction(id=name, allocation=allocation.id, kind=kind, amount=amount, date=day)
