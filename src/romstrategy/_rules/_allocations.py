"""What RS001 and RS101 to RS105 read from the allocations, in one pass (*toewijzingen*).

A strategy has many more allocations than anything else, and a large one's
allocations do not fit in the processor's caches: every pass over them reads
them from memory again. So the rules about references, money and periods
share one pass, through the run's `Memo`: `memo.get(scan)` reads each
allocation once, and each rule takes from the `Scan` the allocations that
concern it, in the order of `strategy.allocations`, and words its findings
from them.
"""

from __future__ import annotations

from operator import attrgetter

import attrs

from romstrategy._model._budget import Allocation
from romstrategy._model._strategy import Activity, Strategy
from romstrategy._rules._index import unique_by

__all__ = ["Scan", "scan"]

_ID = attrgetter("id")
_NO_ACTIVITY = object()
"""What an activity's id that no activity has stands for in `scan`."""


@attrs.frozen
class Scan:
    """The allocations as RS001 and RS101 to RS105 see them.

    Attributes:
        totals: the cents allocated from each funding source whose id is
            used once, by the source's id (RS101, RS102).
        unknown: the allocations whose source, pillar or activity does not
            exist (RS001).
        outside: the allocations whose period starts before, or ends after,
            their funding source's or the strategy's period (RS103).
        other_pillar: each allocation that funds an activity of another
            pillar, with the activity (RS104); an activity whose id is used
            twice (RS002) is left out.
        negative: the allocations whose amount is below zero (RS105).
    """

    totals: dict[str, int]
    unknown: tuple[Allocation, ...]
    outside: tuple[Allocation, ...]
    other_pillar: tuple[tuple[Allocation, Activity], ...]
    negative: tuple[Allocation, ...]


def scan(strategy: Strategy) -> Scan:
    """Read each allocation of `strategy` once, for RS001 and RS101 to RS105.

    An allocation lies within its source's and the strategy's period when it
    lies within their intersection, its window: the strategy's period for a
    source without a period, one that does not exist, or one whose id is
    used twice (RS002). Each allocation's source and activity are looked up
    once: a source's id gives the list its cents go to and its window, an
    activity's id the activity's pillar, or `None` for an id used twice.
    """
    whole = strategy.period
    unique = unique_by(strategy.funding_sources, _ID)
    ignored: list[int] = []  # the cents of a source whose id is used twice: never read
    sources = {source.id: (ignored, whole.start, whole.end) for source in strategy.funding_sources}
    for name, source in unique.items():
        own = source.period
        if own is None:
            sources[name] = ([], whole.start, whole.end)
        else:
            sources[name] = ([], max(own.start, whole.start), min(own.end, whole.end))
    pillars = {pillar.code: pillar.code for pillar in strategy.pillars}
    activities = unique_by(strategy.activities, _ID)
    # Each activity's pillar, as the strategy spells it where it can (one string for
    # all, at hand), so that an allocation is compared without reading its activity.
    pillar_of: dict[str, str | None] = dict.fromkeys(map(_ID, strategy.activities))
    pillar_of.update((name, pillars.get(a.pillar, a.pillar)) for name, a in activities.items())
    unknown: list[Allocation] = []
    outside: list[Allocation] = []
    other_pillar: list[tuple[Allocation, Activity]] = []
    negative: list[Allocation] = []
    for allocation in strategy.allocations:
        cents, spent, pillar = allocation.amount.cents, allocation.period, allocation.pillar
        found = sources.get(allocation.source)
        if found is None:  # no such source (RS001): the strategy's period is the window
            first, last = whole.start, whole.end
        else:
            source_cents, first, last = found
            source_cents.append(cents)
        funded = allocation.activity
        wanted = None if funded is None else pillar_of.get(funded, _NO_ACTIVITY)
        if found is None or pillar not in pillars or wanted is _NO_ACTIVITY:
            unknown.append(allocation)
        if spent.start < first or spent.end > last:
            outside.append(allocation)
        if isinstance(wanted, str) and wanted != pillar and funded is not None:
            other_pillar.append((allocation, activities[funded]))
        if cents < 0:
            negative.append(allocation)
    return Scan(
        totals={name: sum(sources[name][0]) for name in unique},
        unknown=tuple(unknown),
        outside=tuple(outside),
        other_pillar=tuple(other_pillar),
        negative=tuple(negative),
    )
