"""Finding competing activities by sweeping sorted periods (*overlap zoeken*).

Activities are grouped by ROM, normalised theme and service; within a group
the periods are swept in order of their start, keeping the activities still
running in a heap by end date. Each overlapping pair of a supra-regional and
a regional activity is met once per shared ROM, so the work is O(n log n)
plus the number of overlapping pairs, never a comparison of all pairs.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator

import attrs
import pendulum

from romstrategy._period import Period
from romstrategy._strategy import Activity, Scope, Service
from romstrategy.rules._text import normalise_theme

__all__ = ["Competition", "competing_pairs"]

_Key = tuple[str, str, Service]


@attrs.frozen
class Competition:
    """A supra-regional activity that competes with a regional one (*concurrentie*).

    Attributes:
        supra: the supra-regional activity.
        regional: the regional activity it does not list in `complements`.
        roms: the ROMs both involve, sorted.
        theme: the normalised theme they share.
        overlap: the days both run.
    """

    supra: Activity
    regional: Activity
    roms: tuple[str, ...]
    theme: str
    overlap: Period


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


def competing_pairs(activities: Iterable[Activity]) -> Iterator[Competition]:
    """Yield every supra-regional activity that competes with a regional activity.

    They compete when a ROM takes part in both, they share the normalised
    theme and the service, their periods overlap and the supra-regional one
    does not list the regional one in `complements`. Each pair is yielded
    once, with all the ROMs it shares; the order is not defined.
    """
    shared: dict[tuple[int, int], set[str]] = {}
    found: dict[tuple[int, int], tuple[Activity, Activity, str]] = {}
    for (rom, theme, _), group in _groups(activities).items():
        if not group.regional or not group.supra:
            continue
        for supra, regional in _overlapping(group):
            if regional.id in supra.complements:
                continue
            pair = (id(supra), id(regional))
            shared.setdefault(pair, set()).add(rom)
            found[pair] = (supra, regional, theme)
    for pair, (supra, regional, theme) in found.items():
        overlap = supra.period.intersection(regional.period)
        if overlap is not None:  # always: the sweep yields only overlapping pairs
            yield Competition(supra, regional, tuple(sorted(shared[pair])), theme, overlap)
