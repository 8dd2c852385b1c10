"""Progress: money allocated, committed and spent, grouped one way (*voortgang*, *realisatie*).

`progress(strategy, by="pillar")` adds up, under each pillar (or funding
source, allocation, year or ROM), what the allocations hold and what their
transactions committed (*verplicht*) and spent (*uitgegeven*). Every grouping
adds up, to the cent, to the same total. Transactions on an allocation the
strategy does not hold (RS001) count nowhere. An allocation id used twice
(RS002) is taken as the first allocation with that id. One pass over the
allocations and one over the transactions, plus sorting the keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal, get_args

import pendulum

from romstrategy._model._budget import Allocation
from romstrategy._model._display import shown
from romstrategy._model._error import ArgumentError
from romstrategy._model._kinds import FieldError, argument, to_date
from romstrategy._model._money import Money
from romstrategy._model._strategy import Activity, Scope, Strategy
from romstrategy._model._transaction import TransactionKind
from romstrategy._reports._groups import Group, Key
from romstrategy._reports._progress_rows import (
    JOINT,
    NOT_SCHEDULED,
    UNASSIGNED,
    Progress,
    ProgressRow,
)

__all__ = [
    "BY",
    "JOINT",
    "UNASSIGNED",
    "By",
    "Progress",
    "ProgressRow",
    "allocated_per_year",
    "as_of_day",
    "progress",
    "rom_key",
    "rom_order",
]

By = Literal["pillar", "source", "allocation", "year", "rom"]
"""How progress is grouped."""

BY: tuple[str, ...] = get_args(By)
"""The groupings, in the order they are offered."""


def rom_key(allocation: Allocation, activities: dict[str, Activity]) -> Key:
    """Whose money an allocation is: its activity's lead ROM, `JOINT` or `UNASSIGNED`."""
    activity = activities.get(allocation.activity) if allocation.activity else None
    if activity is None:
        return UNASSIGNED
    return JOINT if activity.scope is Scope.SUPRA_REGIONAL else activity.lead


def rom_order(strategy: Strategy, found: Iterable[Key]) -> list[Key]:
    """ROM keys as the overview orders them: the strategy's ROMs, others, joint, unassigned."""
    keys = set(found)
    ordered: list[Key] = [c for c in dict.fromkeys(rom.code for rom in strategy.roms) if c in keys]
    ordered += sorted(key for key in keys - set(ordered) if isinstance(key, str))
    return ordered + [key for key in (JOINT, UNASSIGNED) if key in keys]


def as_of_day(value: object) -> pendulum.Date | None:
    """`as_of` as `progress` takes it: a date, an ISO `YYYY-MM-DD` string, or `None`.

    Raises:
        FieldError: a `ValueError` that names `as_of`, for anything else.
    """
    if value is None:
        return None
    try:
        return to_date(value)
    except FieldError as error:
        raise FieldError(error.reason, field="as_of") from None  # also for reports' as_of


_Sums = tuple[dict[Key, int], dict[Key, int], dict[Key, int]]
"""Cents allocated, committed and spent, by key: plain ints, so few objects to collect."""


def _add(sums: dict[Any, int], key: Any, cents: int) -> None:
    sums[key] = sums.get(key, 0) + cents


def _counted(
    strategy: Strategy, as_of: pendulum.Date | None
) -> tuple[dict[str, int], dict[str, int]]:
    """The cents committed and spent up to `as_of`, by allocation id."""
    committed: dict[str, int] = {}
    spent: dict[str, int] = {}
    commitment = TransactionKind.COMMITMENT
    for transaction in strategy.transactions:
        if as_of is not None and transaction.date > as_of:
            continue
        sums = committed if transaction.kind is commitment else spent
        _add(sums, transaction.allocation, transaction.amount.cents)
    return committed, spent


def _by_allocation_key(
    strategy: Strategy, key_of: Callable[[Allocation], Key], as_of: pendulum.Date | None
) -> _Sums:
    allocated: dict[Key, int] = {}
    keys: dict[str, Key] = {}
    for allocation in strategy.allocations:
        key = key_of(allocation)
        keys.setdefault(allocation.id, key)  # the first allocation of an id counts
        _add(allocated, key, allocation.amount.cents)
    committed: dict[Key, int] = {}
    spent: dict[Key, int] = {}
    for column, by_id in zip((committed, spent), _counted(strategy, as_of), strict=True):
        for name, cents in by_id.items():
            if name in keys:  # an unknown allocation (RS001) counts nowhere
                _add(column, keys[name], cents)
    return allocated, committed, spent


def _by_year(strategy: Strategy, as_of: pendulum.Date | None) -> _Sums:
    """Allocated per year from the schedules only; committed and spent in the year of their date.

    An allocation without a schedule, and its transactions, count once under
    `Group.NOT_SCHEDULED`, as does the part of an amount that a schedule does not
    plan (RS106). Transactions on an allocation the strategy lacks count nowhere.
    """
    allocated: dict[Key, int] = {}
    scheduled: dict[str, bool] = {}
    for allocation in strategy.allocations:
        scheduled.setdefault(allocation.id, bool(allocation.schedule))
        planned = 0
        for line in allocation.schedule:
            _add(allocated, str(line.year), line.amount.cents)
            planned += line.amount.cents
        if planned != allocation.amount.cents or not allocation.schedule:
            _add(allocated, NOT_SCHEDULED, allocation.amount.cents - planned)
    committed: dict[Key, int] = {}
    spent: dict[Key, int] = {}
    commitment = TransactionKind.COMMITMENT
    for transaction in strategy.transactions:
        has_schedule = scheduled.get(transaction.allocation)
        if has_schedule is None or (as_of is not None and transaction.date > as_of):
            continue
        key = str(transaction.date.year) if has_schedule else NOT_SCHEDULED
        _add(committed if transaction.kind is commitment else spent, key, transaction.amount.cents)
    return allocated, committed, spent


def allocated_per_year(strategy: Strategy) -> dict[Key, int]:
    """Cents allocated per year, as `progress(by="year")` rows have them, in their order."""
    sums: _Sums = (_by_year(strategy, None)[0], {}, {})
    return {key: sums[0].get(key, 0) for key in _keys(strategy, "year", sums)}


def _keys(strategy: Strategy, by: str, sums: _Sums) -> list[Key]:
    """The keys in their order: the strategy's own first, then any other that has money."""
    found = {key: None for column in sums for key in column}
    with_money = {key for column in sums for key, cents in column.items() if cents}
    if by == "pillar":
        own: list[Key] = [p.code for p in strategy.pillars]
    elif by == "source":
        own = [s.id for s in strategy.funding_sources]
    elif by == "allocation":
        return sorted(found, key=str)
    elif by == "rom":
        return rom_order(strategy, found)
    else:
        first, last = strategy.period.start.year, strategy.period.end.year
        years = {str(year) for year in range(first, last + 1)}
        years |= {key for key in with_money if isinstance(key, str)}
        tail: list[Key] = [NOT_SCHEDULED] if NOT_SCHEDULED in found else []
        return [*sorted(years, key=int), *tail]
    ordered = list(dict.fromkeys(own))
    return ordered + sorted(with_money - set(ordered), key=str)


def _rows(keys: Iterable[Key], sums: _Sums) -> tuple[ProgressRow, ...]:
    allocated, committed, spent = sums
    money = Money.from_cents
    return tuple(
        ProgressRow(
            key=key,
            allocated=money(allocated.get(key, 0)),
            committed=money(committed.get(key, 0)),
            spent=money(spent.get(key, 0)),
        )
        for key in keys
    )


def progress(strategy: Strategy, *, by: By = "pillar", as_of: object = None) -> Progress:
    """Money allocated, committed and spent, grouped by pillar, source, allocation, year or ROM.

    Rows come in a stable order: pillars and funding sources in the
    strategy's order, then any other key that has money (an allocation's
    unknown pillar) by name; allocations by id; years ascending, with every
    year of the strategy's period and any other year that has money; ROMs
    as the overview report orders them. By year, what is allocated comes
    from the allocations' schedules (*kasritme*) only, and a transaction
    counts in the year of its date; an allocation without a schedule counts,
    with its transactions, once, in a last row `Group.NOT_SCHEDULED`: its
    money is never spread over years that nobody planned. The rows always add
    up to `total`, which is the same whichever way the rows are grouped.

    Args:
        strategy: the strategy.
        by: `"pillar"`, `"source"`, `"allocation"`, `"year"` or `"rom"`.
        as_of: count only transactions dated on or before this day: a date,
            an ISO `YYYY-MM-DD` string, or `None` for all. What is allocated
            does not change.

    Raises:
        TypeError: for a strategy of the wrong type.
        ValueError: for an unknown `by`, or an `as_of` that is not a date.
    """
    argument(strategy, Strategy, "progress")
    if by not in BY:
        choices = ", ".join(repr(name) for name in BY)
        raise ArgumentError(f"progress: got by={shown(by)}, expected one of {choices}")
    day = as_of_day(as_of)
    if by == "year":
        sums = _by_year(strategy, day)
    else:
        sums = _by_allocation_key(strategy, _KEY_OF[by](strategy), day)
    rows = _rows(_keys(strategy, by, sums), sums)
    totals: list[dict[Key, int]] = [{Group.TOTAL: sum(column.values())} for column in sums]
    (total,) = _rows([Group.TOTAL], (totals[0], totals[1], totals[2]))
    return Progress(by=by, as_of=day, rows=rows, total=total)


def _rom_key_of(strategy: Strategy) -> Callable[[Allocation], Key]:
    activities = {activity.id: activity for activity in strategy.activities}
    return lambda allocation: rom_key(allocation, activities)


_KEY_OF: dict[str, Callable[[Strategy], Callable[[Allocation], Key]]] = {
    "pillar": lambda strategy: lambda allocation: allocation.pillar,
    "source": lambda strategy: lambda allocation: allocation.source,
    "allocation": lambda strategy: lambda allocation: allocation.id,
    "rom": _rom_key_of,
}
