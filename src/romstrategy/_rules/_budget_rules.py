"""Rules about money: budgets balance to the cent, in the right periods (*begroting*).

RS101 to RS106. Sums are whole cents (ints), never floats. A funding
source or activity whose id is used twice (RS002) is ambiguous; the rules
that need the object behind the id skip it. The five rules, and RS001, read
the allocations in one pass (`_allocations.scan`), shared through the run's
`Memo`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from operator import attrgetter

import attrs

from romstrategy._model._budget import Allocation, FundingSource, YearAmount
from romstrategy._model._money import Money
from romstrategy._model._period import Period
from romstrategy._model._strategy import Strategy, StrategyStatus
from romstrategy._model._vocabulary import join, money, period
from romstrategy._rules._allocations import scan
from romstrategy._rules._changes import (
    CENT,
    first_funding_an_activity,
    first_with_money,
    replace_allocation,
)
from romstrategy._rules._findings import Severity, Violation
from romstrategy._rules._index import unique_by
from romstrategy._rules._rule import Memo, rule, shares
from romstrategy._rules._text import path

__all__ = [
    "allocation_outside_the_period",
    "allocation_to_another_pillar",
    "negative_amount",
    "over_allocated_source",
    "schedule_that_does_not_fit",
    "under_allocated_source",
]

_ID = attrgetter("id")


def _sources(strategy: Strategy) -> dict[str, FundingSource]:
    """The funding sources by id, but those whose id is used twice (RS002)."""
    return unique_by(strategy.funding_sources, _ID)


def _one_cent_more(strategy: Strategy) -> Strategy:
    """The first allocation grows by EUR 0.01, one cent beyond what its source holds."""
    first = strategy.allocations[0]
    return replace_allocation(strategy, first, attrs.evolve(first, amount=first.amount + CENT))


def _one_cent_moved(strategy: Strategy) -> Strategy:
    """EUR 0.01 moves from one allocation to a new one from the same source: the sum stays."""
    first = first_with_money(strategy)
    moved = attrs.evolve(first, id=f"{first.id}-cent", amount=CENT, activity=None)
    return replace_allocation(
        strategy, first, attrs.evolve(first, amount=first.amount - CENT), moved
    )


@rule(
    "RS101",
    Severity.ERROR,
    title="A funding source is over-allocated",
    title_nl="Aan een financieringsbron is te veel toegewezen",
    breaks=_one_cent_more,
    keeps=_one_cent_moved,
)
@shares
def over_allocated_source(strategy: Strategy, memo: Memo) -> Iterator[Violation]:
    """The allocations from a funding source add up to no more than its amount.

    The finding gives the excess, the total allocated and the source's amount;
    its path is `funding_sources[id].amount` and its subject the source's id.
    """
    totals = memo.get(scan).totals
    for name, source in memo.get(_sources).items():
        total = totals.get(name, 0)
        excess = total - source.amount.cents
        if excess > 0:
            yield Violation(
                message=f"Funding source {name} is over-allocated by {money(excess, 'en')}: "
                f"its allocations add up to {money(total, 'en')}, more than its amount of "
                f"{money(source.amount, 'en')}.",
                message_nl=f"Aan financieringsbron {name} is {money(excess, 'nl')} te veel "
                f"toegewezen: de toewijzingen tellen op tot {money(total, 'nl')}, meer dan het "
                f"bedrag van {money(source.amount, 'nl')}.",
                path=path("funding_sources", name, "amount"),
                subjects=(name,),
            )


def _one_cent_less(strategy: Strategy) -> Strategy:
    """An allocation shrinks by EUR 0.01, which its source then leaves unallocated.

    In a final strategy that is an error; in a draft, a warning.
    """
    first = first_with_money(strategy)
    return replace_allocation(strategy, first, attrs.evolve(first, amount=first.amount - CENT))


@rule(
    "RS102",
    Severity.ERROR,
    title="A funding source is under-allocated",
    title_nl="Een financieringsbron is niet volledig toegewezen",
    breaks=_one_cent_less,
    keeps=_one_cent_moved,
)
@shares
def under_allocated_source(strategy: Strategy, memo: Memo) -> Iterator[Violation]:
    """Every euro of a funding source is allocated.

    This is an error when the strategy is final (*definitief*) and a warning
    while it is a draft (*concept*). The finding gives the unallocated
    amount; its path is `funding_sources[id].amount` and its subject the
    source's id.
    """
    final = strategy.status is StrategyStatus.FINAL
    severity = None if final else Severity.WARNING  # the rule's own error when final
    totals = memo.get(scan).totals
    for name, source in memo.get(_sources).items():
        total = totals.get(name, 0)
        left = source.amount.cents - total
        if left > 0:
            yield Violation(
                message=f"Funding source {name} is under-allocated: {money(left, 'en')} of its "
                f"{money(source.amount, 'en')} is not allocated "
                f"(allocated: {money(total, 'en')}).",
                message_nl=f"Financieringsbron {name} is niet volledig toegewezen: "
                f"{money(left, 'nl')} van de {money(source.amount, 'nl')} is niet toegewezen "
                f"(toegewezen: {money(total, 'nl')}).",
                path=path("funding_sources", name, "amount"),
                subjects=(name,),
                severity=severity,
            )


def _one_day_too_long(strategy: Strategy) -> Strategy:
    """The first allocation runs one day past the strategy's last day."""
    first = strategy.allocations[0]
    late = Period(first.period.start, strategy.period.end.add(days=1))
    return replace_allocation(strategy, first, attrs.evolve(first, period=late))


def _up_to_the_last_day(strategy: Strategy) -> Strategy:
    """The first allocation runs up to the last day it may: its source's or the strategy's."""
    first = strategy.allocations[0]
    source = next((s for s in strategy.funding_sources if s.id == first.source), None)
    last = strategy.period.end
    if source is not None and source.period is not None:
        last = min(last, source.period.end)
    until_the_end = Period(first.period.start, last)
    return replace_allocation(strategy, first, attrs.evolve(first, period=until_the_end))


@rule(
    "RS103",
    Severity.ERROR,
    title="An allocation falls outside its funding source's or the strategy's period",
    title_nl="Een toewijzing valt buiten de periode van haar bron of van de strategie",
    breaks=_one_day_too_long,
    keeps=_up_to_the_last_day,
)
@shares
def allocation_outside_the_period(strategy: Strategy, memo: Memo) -> Iterator[Violation]:
    """An allocation's period lies within its funding source's and the strategy's period.

    A source without a period may be spent in the strategy's period. There is
    one finding per allocation, naming each period it leaves; its path is
    `allocations[id].period` and its subjects the allocation's id, then the
    source's id when it leaves the source's own period.
    """
    sources = memo.get(_sources)
    whole = strategy.period
    for allocation in memo.get(scan).outside:
        spent = allocation.period
        source = sources.get(allocation.source)
        own = source.period if source is not None else None
        outside_source = own is not None and (spent.start < own.start or spent.end > own.end)
        outside_whole = spent.start < whole.start or spent.end > whole.end
        if not (outside_source or outside_whole):
            continue
        left_en, left_nl, subjects = [], [], [allocation.id]
        if own is not None and outside_source:
            left_en.append(
                f"the period of funding source {allocation.source} ({period(own, 'en')})"
            )
            left_nl.append(
                f"de periode van financieringsbron {allocation.source} ({period(own, 'nl')})"
            )
            subjects.append(allocation.source)
        if outside_whole:
            left_en.append(f"the strategy's period ({period(whole, 'en')})")
            left_nl.append(f"de periode van de strategie ({period(whole, 'nl')})")
        yield Violation(
            message=f"Allocation {allocation.id} runs from {period(spent, 'en')}, outside "
            f"{join(left_en, 'en')}.",
            message_nl=f"Toewijzing {allocation.id} loopt van {period(spent, 'nl')}, buiten "
            f"{join(left_nl, 'nl')}.",
            path=path("allocations", allocation.id, "period"),
            subjects=tuple(subjects),
        )


def _another_pillar(strategy: Strategy) -> Strategy:
    """An allocation that funds an activity is booked on another pillar than the activity's."""
    funded = first_funding_an_activity(strategy)
    other = next(p.code for p in strategy.pillars if p.code != funded.pillar)
    return replace_allocation(strategy, funded, attrs.evolve(funded, pillar=other))


def _another_pillar_for_no_activity(strategy: Strategy) -> Strategy:
    """The same allocation, on the other pillar, funds no one activity but the pillar."""
    funded = first_funding_an_activity(strategy)
    other = next(p.code for p in strategy.pillars if p.code != funded.pillar)
    return replace_allocation(strategy, funded, attrs.evolve(funded, pillar=other, activity=None))


@rule(
    "RS104",
    Severity.ERROR,
    title="An allocation's pillar differs from its activity's pillar",
    title_nl="De pijler van een toewijzing wijkt af van die van haar activiteit",
    breaks=_another_pillar,
    keeps=_another_pillar_for_no_activity,
)
@shares
def allocation_to_another_pillar(strategy: Strategy, memo: Memo) -> Iterator[Violation]:
    """An allocation that funds an activity serves that activity's pillar.

    The path is `allocations[id].pillar`; the subjects are the allocation's
    id, then the activity's id.
    """
    for allocation, activity in memo.get(scan).other_pillar:
        yield Violation(
            message=f"Allocation {allocation.id} is for pillar {allocation.pillar}, but the "
            f"activity it funds, {activity.id}, falls under pillar {activity.pillar}.",
            message_nl=f"Toewijzing {allocation.id} is voor pijler {allocation.pillar}, maar "
            f"de activiteit die zij financiert, {activity.id}, valt onder pijler "
            f"{activity.pillar}.",
            path=path("allocations", allocation.id, "pillar"),
            subjects=(allocation.id, activity.id),
        )


def _a_negative_offset(strategy: Strategy) -> Strategy:
    """An allocation of EUR -0.01 offsets a cent more elsewhere, so the source looks balanced."""
    first = strategy.allocations[0]
    grown = attrs.evolve(first, amount=first.amount + CENT)
    offset = attrs.evolve(first, id=f"{first.id}-offset", amount=-CENT, activity=None)
    return replace_allocation(strategy, first, grown, offset)


def _a_placeholder(strategy: Strategy) -> Strategy:
    """An allocation of EUR 0.00 stands as a placeholder: nothing is negative."""
    first = strategy.allocations[0]
    zero = attrs.evolve(first, id=f"{first.id}-placeholder", amount=Money(0), activity=None)
    return replace_allocation(strategy, first, first, zero)


@rule(
    "RS105",
    Severity.ERROR,
    title="An allocation's amount is negative",
    title_nl="Het bedrag van een toewijzing is negatief",
    breaks=_a_negative_offset,
    keeps=_a_placeholder,
)
@shares
def negative_amount(strategy: Strategy, memo: Memo) -> Iterator[Violation]:
    """An allocation gives money to a pillar or activity, so its amount is not negative.

    The letter's funds go to the pillars: a negative allocation takes money
    away and can hide an over-allocation (RS101) behind a balanced total.
    The path is `allocations[id].amount`; the subject the allocation's id.
    """
    for allocation in memo.get(scan).negative:
        yield Violation(
            message=f"Allocation {allocation.id} has a negative amount of "
            f"{money(allocation.amount, 'en')}.",
            message_nl=f"Toewijzing {allocation.id} heeft een negatief bedrag van "
            f"{money(allocation.amount, 'nl')}.",
            path=path("allocations", allocation.id, "amount"),
            subjects=(allocation.id,),
        )


def _year_amounts(allocation: Allocation, *cents: int) -> tuple[YearAmount, ...]:
    """A schedule of `cents` in the years from the start of `allocation`'s period."""
    first = allocation.period.start.year
    return tuple(
        YearAmount(year=first + n, amount=Money.from_cents(c)) for n, c in enumerate(cents)
    )


def _a_cent_short(strategy: Strategy) -> Strategy:
    """An allocation's schedule plans its whole amount but EUR 0.01 in its first year."""
    first = first_with_money(strategy)
    short = _year_amounts(first, first.amount.cents - 1)
    return replace_allocation(strategy, first, attrs.evolve(first, schedule=short))


def _two_years_that_add_up(strategy: Strategy) -> Strategy:
    """The same cent goes to the last year of the period instead: the schedule adds up."""
    first = first_with_money(strategy)
    years = first.period.end.year - first.period.start.year
    cents = first.amount.cents
    exact = _year_amounts(first, cents - 1, *[0] * (years - 1), 1) if years else None
    schedule = exact or _year_amounts(first, cents)  # a period in one year: all of it there
    return replace_allocation(strategy, first, attrs.evolve(first, schedule=schedule))


@rule(
    "RS106",
    Severity.ERROR,
    title="An allocation's schedule does not add up, falls outside its period or is negative",
    title_nl="Het kasritme van een toewijzing telt niet op, valt buiten haar periode of is "
    "negatief",
    breaks=_a_cent_short,
    keeps=_two_years_that_add_up,
)
def schedule_that_does_not_fit(strategy: Strategy) -> Iterator[Violation]:
    """An allocation's schedule (*kasritme*) adds up to its amount, within its period's years.

    A schedule names each year once, and only the calendar years that the
    allocation's period touches, with no negative amount. An allocation
    without a schedule is fine: its money is not planned per year, and the
    year views show it as not scheduled.
    There is one finding per allocation, naming every problem; its path is
    `allocations[id].schedule` and its subject the allocation's id.
    """
    for allocation in strategy.allocations:
        if allocation.schedule:
            problems = _schedule_problems(allocation)
            if problems:
                en, nl = zip(*problems, strict=True)
                yield Violation(
                    message=f"The schedule of allocation {allocation.id} {'; '.join(en)}.",
                    message_nl=f"Het kasritme van toewijzing {allocation.id} {'; '.join(nl)}.",
                    path=path("allocations", allocation.id, "schedule"),
                    subjects=(allocation.id,),
                )


def _schedule_problems(allocation: Allocation) -> list[tuple[str, str]]:
    """What is wrong with `allocation`'s schedule, in English and Dutch; empty when nothing."""
    found: list[tuple[str, str]] = []
    planned = sum(line.amount.cents for line in allocation.schedule)
    gap = allocation.amount.cents - planned
    if gap:
        en, nl = ("less", "minder") if gap > 0 else ("more", "meer")
        differ = Money.from_cents(abs(gap))
        found.append(
            (
                f"adds up to {money(Money.from_cents(planned), 'en')}, {money(differ, 'en')} "
                f"{en} than its amount of {money(allocation.amount, 'en')}",
                f"telt op tot {money(Money.from_cents(planned), 'nl')}, {money(differ, 'nl')} "
                f"{nl} dan haar bedrag van {money(allocation.amount, 'nl')}",
            )
        )
    years = [line.year for line in allocation.schedule]
    first, last = allocation.period.start.year, allocation.period.end.year
    outside = [str(year) for year in dict.fromkeys(years) if not first <= year <= last]
    if outside:
        found.append(
            (
                f"plans {join(outside, 'en')}, outside its period "
                f"({period(allocation.period, 'en')})",
                f"plant {join(outside, 'nl')}, buiten haar periode "
                f"({period(allocation.period, 'nl')})",
            )
        )
    negative = [str(line.year) for line in allocation.schedule if line.amount.cents < 0]
    if negative:
        found.append(
            (
                f"plans a negative amount in {join(negative, 'en')}",
                f"plant een negatief bedrag in {join(negative, 'nl')}",
            )
        )
    twice = [str(year) for year, times in Counter(years).items() if times > 1]
    if twice:
        found.append(
            (
                f"names {join(twice, 'en')} more than once",
                f"noemt {join(twice, 'nl')} meer dan eens",
            )
        )
    return found
