"""Finding competing activities by sweeping sorted periods (*overlap zoeken*).

Activities are grouped by ROM, normalised theme and service; within a group
the periods are swept in order of their start, keeping the activities still
running in a heap by end date. Each overlapping pair of a supra-regional and
a regional activity is met once per shared ROM, so the work is O(n log n)
plus the number of overlapping pairs, never a comparison of all pairs, and
the memory grows with the number of competing pairs, one entry each.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator

import attrs
import pendulum

from romstrategy._strategy import Activity, Scope, Service
from romstrategy.rules._text import normalise_theme

__all__ = ["rivals"]

_Key = tuple[str, str, Service]


@attrs.define
class _Group:
    regional: list[Activity] = attrs.Factory(list)
    supra: list[Activity] = attrs.Factory(list)


def _groups(activities: Iterable[Activity]) -> dict[_Key, _Group]:
    groups: defaultdict[_Key, _Group] = defaultdict(_Group)
    themes: dict[str, str] = {}
    for activity in activities:
        theme = themes.get(activity.theme)
        if theme is None:
            theme = themes[activity.theme] = normalise_theme(activity.theme)
        regional = activity.scope is Scope.REGIONAL
        for rom in set(activity.roms):
            group = groups[(rom, theme, activity.service)]
            (group.regional if regional else group.supra).append(activity)
    return groups


def _overlapping(group: _Group) -> Iterator[tuple[Activity, Activity]]:
    """Yield each overlapping (supra-regional, regional) pair of one group once."""
    events = [(a.period.start, 0, i, a) for i, a in enumerate(group.regional)]
    events += [(a.period.start, 1, i, a) for i, a in enumerate(group.supra)]
    events.sort()  # (start, side, index) is unique: activities are never compared
    running: tuple[dict[int, Activity], dict[int, Activity]] = ({}, {})
    ends: list[tuple[pendulum.Date, int, int]] = []
    for start, side, index, activity in events:
        while ends and ends[0][0] < start:
            _, gone_side, gone = heapq.heappop(ends)
            del running[gone_side][gone]
        for other in running[1 - side].values():
            yield (activity, other) if side else (other, activity)
        running[side][index] = activity
        heapq.heappush(ends, (activity.period.end, side, index))


def rivals(activities: Iterable[Activity]) -> Iterator[tuple[Activity, list[Activity]]]:
    """Yield each supra-regional activity that competes, with the regional ones it competes with.

    They compete when a ROM takes part in both, they share the normalised
    theme and the service, their periods overlap and the supra-regional one
    does not list the regional one in `complements`. Each supra-regional
    activity is yielded once, with each of its rivals once; the order is
    not defined.
    """
    found: dict[int, tuple[Activity, dict[int, Activity]]] = {}
    declared: dict[int, frozenset[str]] = {}
    for group in _groups(activities).values():
        if not group.regional or not group.supra:
            continue
        for supra, regional in _overlapping(group):
            complements = declared.get(id(supra))
            if complements is None:
                complements = declared[id(supra)] = frozenset(supra.complements)
            if regional.id not in complements:
                found.setdefault(id(supra), (supra, {}))[1][id(regional)] = regional
    for supra, competing in found.values():
        yield supra, list(competing.values())
