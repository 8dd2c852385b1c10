"""Supra-regional activities that compete with regional ones (*concurrentie*), by sorted periods.

Activities are grouped by ROM, normalised theme and service. In a group,
the regional activities are sorted by start; a supra-regional activity's
rivals there are those that start before it ends and do not end before it
starts. Two binary searches count them, and a tree of the latest end over
each range of the sorted list finds them one by one, each in O(log n). So
RS203 costs O(n log n) plus a few steps per rival it names, never one step
per competing pair, and its memory grows with the activities.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator

import attrs

from romstrategy._model._strategy import Activity, Scope, Service
from romstrategy._rules._text import normalise_theme

__all__ = ["Rivalry", "competing_pairs", "rivalries"]

_Key = tuple[str, str, Service]


def order(activity: Activity) -> tuple[object, ...]:
    """Rivals in order of their start, then id; ids used twice (RS002) by the rest."""
    return (activity.period.start, activity.id, activity.period.end, activity.title, activity.roms)


class _Regional:
    """The regional activities of one group, sorted by `order`, with what finds them."""

    def __init__(self, activities: list[Activity]) -> None:
        self.activities = sorted(activities, key=order)
        self.starts = [a.period.start.toordinal() for a in self.activities]
        self.ends = [a.period.end.toordinal() for a in self.activities]
        self.ends_sorted = sorted(self.ends)
        self.size = 1 << max(0, (len(self.ends) - 1).bit_length())
        # latest[node]: the latest end below a node of a binary tree over the list.
        self.latest = [-1] * (2 * self.size)
        self.latest[self.size : self.size + len(self.ends)] = self.ends
        for node in range(self.size - 1, 0, -1):
            self.latest[node] = max(self.latest[2 * node], self.latest[2 * node + 1])
        # For each id: the starts and the sorted ends of the activities that carry it.
        carriers: defaultdict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for activity, start, end in zip(self.activities, self.starts, self.ends, strict=True):
            carriers[activity.id][0].append(start)
            carriers[activity.id][1].append(end)
        self.by_id = {name: (starts, sorted(ends)) for name, (starts, ends) in carriers.items()}

    def count(self, start: int, end: int, complements: frozenset[str]) -> int:
        """How many run on a day from `start` to `end` (ordinals), but those complemented."""
        overlapping = _running(self.starts, self.ends_sorted, start, end)
        for name in complements:
            carriers = self.by_id.get(name)
            if carriers is not None:
                overlapping -= _running(*carriers, start, end)
        return overlapping

    def first(
        self, start: int, end: int, complements: frozenset[str], limit: int, patience: int
    ) -> list[Activity]:
        """The first `limit` that run on a day from `start` to `end`, in order.

        Those complemented are passed over; after `patience` of them it stops looking.
        """
        found: list[Activity] = []
        before = bisect.bisect_right(self.starts, end)  # those that start in time
        stack = [(1, 0, self.size)]  # (node, first index, index after)
        while stack and len(found) < limit and patience >= 0:
            node, low, high = stack.pop()
            if low >= before or self.latest[node] < start:
                continue  # none below this node ends in time
            if high - low == 1:
                if self.activities[low].id in complements:
                    patience -= 1
                else:
                    found.append(self.activities[low])
                continue
            middle = (low + high) // 2
            stack += [(2 * node + 1, middle, high), (2 * node, low, middle)]  # left first
        return found


def _running(starts: list[int], ends_sorted: list[int], start: int, end: int) -> int:
    """How many of the periods, by sorted starts and ends, share a day with `start`..`end`."""
    return bisect.bisect_right(starts, end) - bisect.bisect_left(ends_sorted, start)


_PATIENCE = 100
"""How many complemented activities RS203 passes over to name a rival: with an id used
thousands of times (RS002) it would otherwise pass over them for every supra-regional one."""


def _groups(activities: Iterable[Activity]) -> dict[_Key, tuple[list[Activity], _Regional]]:
    regional: defaultdict[_Key, list[Activity]] = defaultdict(list)
    supra: defaultdict[_Key, list[Activity]] = defaultdict(list)
    themes: dict[str, str] = {}
    for activity in activities:
        theme = themes.get(activity.theme)
        if theme is None:
            theme = themes[activity.theme] = normalise_theme(activity.theme)
        side = regional if activity.scope is Scope.REGIONAL else supra
        for rom in set(activity.roms):
            side[(rom, theme, activity.service)].append(activity)
    return {key: (supra[key], _Regional(regional[key])) for key in supra if key in regional}


@attrs.frozen
class Rivalry:
    """A supra-regional activity that competes with regional activities.

    Attributes:
        supra: the supra-regional activity.
        counts: for each ROM it shares with its rivals, how many rivals that
            ROM runs; a rival run by two of its ROMs counts for each.
        first: its first rivals by start date, then id, at most as many as
            asked for.
    """

    supra: Activity
    counts: tuple[tuple[str, int], ...]
    first: tuple[Activity, ...]


def rivalries(activities: Iterable[Activity], named: int = 5) -> Iterator[Rivalry]:
    """Each supra-regional activity that competes, with its count of rivals and the first few.

    A supra-regional activity competes with a regional one when a ROM takes
    part in both, they share the normalised theme and the service, their
    periods overlap, and it does not list the regional one in `complements`.
    """
    found: dict[int, tuple[Activity, dict[str, int], dict[int, Activity]]] = {}
    for (rom, _, _), (supras, regional) in _groups(activities).items():
        for supra in supras:
            start, end = supra.period.start.toordinal(), supra.period.end.toordinal()
            complements = frozenset(supra.complements)
            count = regional.count(start, end, complements)
            if count:
                _, counts, first = found.setdefault(id(supra), (supra, {}, {}))
                counts[rom] = count
                for rival in regional.first(start, end, complements, named, _PATIENCE):
                    first[id(rival)] = rival
    for supra, counts, first in found.values():
        yield Rivalry(
            supra, tuple(sorted(counts.items())), tuple(sorted(first.values(), key=order)[:named])
        )


def competing_pairs(activities: Iterable[Activity]) -> Iterator[tuple[Activity, Activity]]:
    """Every competing pair `(supra-regional, regional)`, each once, one at a time.

    RS203 names a few rivals of each supra-regional activity; this gives all
    of them, in O(n log n) plus O(log n) per pair and per complemented pair,
    holding one supra-regional activity's rivals at a time. Supra-regional
    activities come in the order of the activities given, and each one's
    rivals by start date, then id.
    """
    items = list(activities)
    groups = _groups(items)
    for supra in (a for a in items if a.scope is Scope.SUPRA_REGIONAL):
        start, end = supra.period.start.toordinal(), supra.period.end.toordinal()
        rivals: dict[int, Activity] = {}
        for rom in sorted(set(supra.roms)):
            group = groups.get((rom, normalise_theme(supra.theme), supra.service))
            if group is not None:
                complements = frozenset(supra.complements)
                for rival in group[1].first(start, end, complements, len(items), len(items)):
                    rivals[id(rival)] = rival
        for rival in sorted(rivals.values(), key=order):
            yield supra, rival
