"""Rules about money: budgets balance to the cent, in the right periods (*begroting*).

RS101 to RS105. Sums are whole cents (ints), never floats. A funding
source or activity whose id is used twice (RS002) is ambiguous; the rules
that need the object behind the id skip it.
"""

from __future__ import annotations

from collections.abc import Iterator

from romstrategy._model._strategy import Strategy, StrategyStatus
from romstrategy._model._vocabulary import euros, join, period
from romstrategy._rules._findings import Severity, Violation
from romstrategy._rules._index import unique_by
from romstrategy._rules._rule import rule
from romstrategy._rules._text import path

__all__ = [
    "allocated_cents",
    "allocation_outside_the_period",
    "allocation_to_another_pillar",
    "negative_amount",
    "over_allocated_source",
    "under_allocated_source",
]


def allocated_cents(strategy: Strategy) -> dict[str, int]:
    """The cents allocated from each funding source, by the source's id."""
    totals: dict[str, int] = {}
    for allocation in strategy.allocations:
        totals[allocation.source] = totals.get(allocation.source, 0) + allocation.amount.cents
    return totals


@rule(
    "RS101",
    Severity.ERROR,
    title="A funding source is over-allocated",
    title_nl="Aan een financieringsbron is te veel toegewezen",
    failing_example="Funding source 'fund' holds EUR 100.00; allocations of EUR 60.00 and "
    "EUR 40.01 add up to EUR 100.01, EUR 0.01 too much.",
    passing_example="Allocations of EUR 60.00 and EUR 40.00 add up to exactly EUR 100.00.",
)
def over_allocated_source(strategy: Strategy) -> Iterator[Violation]:
    """The allocations from a funding source add up to no more than its amount.

    The finding gives the excess, the total allocated and the source's amount;
    its path is `funding_sources[id].amount` and its subject the source's id.
    """
    totals = allocated_cents(strategy)
    for name, source in unique_by(strategy.funding_sources, lambda s: s.id).items():
        total = totals.get(name, 0)
        excess = total - source.amount.cents
        if excess > 0:
            yield Violation(
                message=f"Funding source {name} is over-allocated by {euros(excess, 'en')}: "
                f"its allocations add up to {euros(total, 'en')}, more than its amount of "
                f"{euros(source.amount, 'en')}.",
                message_nl=f"Aan financieringsbron {name} is {euros(excess, 'nl')} te veel "
                f"toegewezen: de toewijzingen tellen op tot {euros(total, 'nl')}, meer dan het "
                f"bedrag van {euros(source.amount, 'nl')}.",
                path=path("funding_sources", name, "amount"),
                subjects=(name,),
            )


@rule(
    "RS102",
    Severity.ERROR,
    title="A funding source is under-allocated",
    title_nl="Een financieringsbron is niet volledig toegewezen",
    failing_example="Funding source 'fund' holds EUR 100.00 and one allocation of "
    "EUR 99.99: EUR 0.01 is not allocated (an error in a final strategy, a warning in a "
    "draft).",
    passing_example="Allocations of EUR 60.00 and EUR 40.00 use all of EUR 100.00.",
)
def under_allocated_source(strategy: Strategy) -> Iterator[Violation]:
    """Every euro of a funding source is allocated.

    This is an error when the strategy is final (*definitief*) and a warning
    while it is a draft (*concept*). The finding gives the unallocated
    amount; its path is `funding_sources[id].amount` and its subject the
    source's id.
    """
    final = strategy.status is StrategyStatus.FINAL
    severity = None if final else Severity.WARNING  # the rule's own error when final
    totals = allocated_cents(strategy)
    for name, source in unique_by(strategy.funding_sources, lambda s: s.id).items():
        total = totals.get(name, 0)
        left = source.amount.cents - total
        if left > 0:
            yield Violation(
                message=f"Funding source {name} is under-allocated: {euros(left, 'en')} of its "
                f"{euros(source.amount, 'en')} is not allocated "
                f"(allocated: {euros(total, 'en')}).",
                message_nl=f"Financieringsbron {name} is niet volledig toegewezen: "
                f"{euros(left, 'nl')} van de {euros(source.amount, 'nl')} is niet toegewezen "
                f"(toegewezen: {euros(total, 'nl')}).",
                path=path("funding_sources", name, "amount"),
                subjects=(name,),
                severity=severity,
            )


@rule(
    "RS103",
    Severity.ERROR,
    title="An allocation falls outside its funding source's or the strategy's period",
    title_nl="Een toewijzing valt buiten de periode van haar bron of van de strategie",
    failing_example="In a 2024-2027 strategy, allocation al-1 runs 2023-07-01 to 2024-06-30.",
    passing_example="Allocation al-1 runs 2027-01-01 to 2027-12-31, ending on the "
    "strategy's last day.",
)
def allocation_outside_the_period(strategy: Strategy) -> Iterator[Violation]:
    """An allocation's period lies within its funding source's and the strategy's period.

    A source without a period may be spent in the strategy's period. There is
    one finding per allocation, naming each period it leaves; its path is
    `allocations[id].period` and its subjects the allocation's id, then the
    source's id when it leaves the source's own period.
    """
    sources = unique_by(strategy.funding_sources, lambda s: s.id)
    whole = strategy.period
    for allocation in strategy.allocations:
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


@rule(
    "RS104",
    Severity.ERROR,
    title="An allocation's pillar differs from its activity's pillar",
    title_nl="De pijler van een toewijzing wijkt af van die van haar activiteit",
    failing_example="Allocation al-1 is for pillar I but funds activity act-1, which falls "
    "under pillar III.",
    passing_example="Allocation al-1 is for pillar III and funds activity act-1 under pillar III.",
)
def allocation_to_another_pillar(strategy: Strategy) -> Iterator[Violation]:
    """An allocation that funds an activity serves that activity's pillar.

    The path is `allocations[id].pillar`; the subjects are the allocation's
    id, then the activity's id.
    """
    activities = unique_by(strategy.activities, lambda a: a.id)
    for allocation in strategy.allocations:
        if allocation.activity is None:
            continue
        activity = activities.get(allocation.activity)
        if activity is None or activity.pillar == allocation.pillar:
            continue
        yield Violation(
            message=f"Allocation {allocation.id} is for pillar {allocation.pillar}, but the "
            f"activity it funds, {activity.id}, falls under pillar {activity.pillar}.",
            message_nl=f"Toewijzing {allocation.id} is voor pijler {allocation.pillar}, maar "
            f"de activiteit die zij financiert, {activity.id}, valt onder pijler "
            f"{activity.pillar}.",
            path=path("allocations", allocation.id, "pillar"),
            subjects=(allocation.id, activity.id),
        )


@rule(
    "RS105",
    Severity.ERROR,
    title="An allocation's amount is negative",
    title_nl="Het bedrag van een toewijzing is negatief",
    failing_example="Allocation al-2 of EUR -50.00 offsets allocation al-1 of EUR 150.00 "
    "so that a EUR 100.00 source looks balanced.",
    passing_example="Allocation al-1 of EUR 100.00, or of EUR 0.00 as a placeholder.",
)
def negative_amount(strategy: Strategy) -> Iterator[Violation]:
    """An allocation gives money to a pillar or activity, so its amount is not negative.

    The letter's funds go to the pillars: a negative allocation takes money
    away and can hide an over-allocation (RS101) behind a balanced total.
    The path is `allocations[id].amount`; the subject the allocation's id.
    """
    for allocation in strategy.allocations:
        if allocation.amount.cents < 0:
            yield Violation(
                message=f"Allocation {allocation.id} has a negative amount of "
                f"{euros(allocation.amount, 'en')}.",
                message_nl=f"Toewijzing {allocation.id} heeft een negatief bedrag van "
                f"{euros(allocation.amount, 'nl')}.",
                path=path("allocations", allocation.id, "amount"),
                subjects=(allocation.id,),
            )
