"""Supra-regional activities that compete with regional ones (*concurrentie*), by sorted periods.

Activities are grouped by ROM, normalised theme and service. All regional
activities lie in one list, group after group, each group's run sorted by
start (`order`); a supra-regional activity's rivals in a group are those
that start before it ends and do not end before it starts. Two binary
searches within the run count them, and one tree of the latest end over
ranges of the list finds them one by one, each in O(log n). So RS203 costs
O(n log n) plus a few steps per rival it names, never one step per competing
pair. Its memory is a few flat lists of the activities, however many groups
there are, so that a large strategy leaves the garbage collector little to
look at.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

import attrs

from romstrategy._model._strategy import Activity, Scope
from romstrategy._model._vocabulary import FEW
from romstrategy._rules._text import normalise_theme

__all__ = ["Rivalry", "competing_pairs", "rivalries"]

_Key = tuple[str, str, str]
"""A group: a ROM, a normalised theme and a service's value."""

_DAY_BITS = 22
"""A day's ordinal fits in 22 bits (9999-12-31 is 3,652,059), the group above it."""


def order(activity: Activity) -> tuple[object, ...]:
    """Rivals in order of their start, then id; ids used twice (RS002) by the rest."""
    return (activity.period.start, activity.id, activity.period.end, activity.title, activity.roms)


class _Regional:
    """The regional activities of every group, in one list, with what finds them.

    Group `g`'s activities are `activities[low[g]:high[g]]`, sorted by
    `order`; `starts` and `ends` are their days as ordinals, and within the
    same run `ends_sorted` holds the ends sorted. `levels[0]` is `ends`, and
    each level above holds the latest end of each pair below it: a tree of
    the latest end over every range of the list. `carriers[g, id]` is the
    run, in `carrier_starts` and `carrier_ends` (each sorted), of the
    activities of group `g` that carry `id`.
    """

    def __init__(self, activities: list[Activity], groups_of: list[int], groups: int) -> None:
        ranked = sorted(
            range(len(activities)), key=lambda i: (groups_of[i], *order(activities[i]))
        )
        self.activities = [activities[i] for i in ranked]
        group_of = [groups_of[i] for i in ranked]
        self.starts = [a.period.start.toordinal() for a in self.activities]
        self.ends = [a.period.end.toordinal() for a in self.activities]
        self.low, self.high = [0] * groups, [0] * groups
        for index, group in enumerate(group_of):
            if self.high[group] == 0:
                self.low[group] = index
            self.high[group] = index + 1
        # Each run's ends sorted: the group in the high bits, so that one sort of ints does it.
        mask = (1 << _DAY_BITS) - 1
        packed = sorted(
            group << _DAY_BITS | end for group, end in zip(group_of, self.ends, strict=True)
        )
        self.ends_sorted = [value & mask for value in packed]
        self.levels = [self.ends]
        while len(self.levels[-1]) > 1:
            below = self.levels[-1]
            if len(below) % 2:
                below = [*below, -1]
            self.levels.append(list(map(max, below[0::2], below[1::2])))
        by_id = sorted(
            range(len(ranked)), key=lambda i: (group_of[i], self.activities[i].id, self.starts[i])
        )
        keys = [(group_of[i], self.activities[i].id) for i in by_id]
        self.carrier_starts = [self.starts[i] for i in by_id]
        self.carrier_ends = [self.ends[i] for i in by_id]
        self.carriers: dict[tuple[int, str], tuple[int, int]] = {}
        at = 0
        for position in range(1, len(keys) + 1):
            if position == len(keys) or keys[position] != keys[at]:  # a run of one key ends
                self.carriers[keys[at]] = (at, position)
                if position - at > 1:  # an id used twice (RS002): its ends, sorted
                    self.carrier_ends[at:position] = sorted(self.carrier_ends[at:position])
                at = position

    def count(self, group: int, start: int, end: int, complements: frozenset[str]) -> int:
        """How many of `group` run on a day from `start` to `end` (ordinals), not complemented."""
        low, high = self.low[group], self.high[group]
        overlapping = _running(self.starts, self.ends_sorted, low, high, start, end)
        for name in complements:
            run = self.carriers.get((group, name))
            if run is not None:
                overlapping -= _running(self.carrier_starts, self.carrier_ends, *run, start, end)
        return overlapping

    def first(
        self,
        group: int,
        start: int,
        end: int,
        complements: frozenset[str],
        limit: int,
        patience: int,
    ) -> list[Activity]:
        """The first `limit` of `group` that run on a day from `start` to `end`, in order.

        Those complemented are passed over; after `patience` of them it stops looking. An
        object given twice is found once.
        """
        found: list[Activity] = []
        seen: set[int] = set()
        low = self.low[group]
        before = bisect.bisect_right(self.starts, end, low, self.high[group])  # start in time
        top = len(self.levels) - 1
        stack = [(top, 0)]  # (level, index): the leaves index << level to (index + 1) << level
        while stack and len(found) < limit and patience >= 0:
            level, index = stack.pop()
            if (index + 1) << level <= low or index << level >= before:
                continue  # outside the group's activities that start in time
            if self.levels[level][index] < start:
                continue  # none below this node ends in time
            if level == 0:
                leaf = self.activities[index]
                if leaf.id in complements:
                    patience -= 1
                elif id(leaf) not in seen:
                    seen.add(id(leaf))
                    found.append(leaf)
                continue
            stack += [(level - 1, 2 * index + 1), (level - 1, 2 * index)]  # left first
        return found


def _running(starts: list[int], ends: list[int], low: int, high: int, start: int, end: int) -> int:
    """How many periods of a run, by sorted starts and ends, share a day with `start`..`end`."""
    return bisect.bisect_right(starts, end, low, high) - bisect.bisect_left(ends, start, low, high)


_PATIENCE = 100
"""How many complemented activities RS203 passes over to name a rival: with an id used
thousands of times (RS002) it would otherwise pass over them for every supra-regional one."""


class _Groups:
    """The activities by group, numbered: the regional ones in a `_Regional`.

    `supra[k]` is a supra-regional activity, in the order given, and
    `supra_groups[k]` the numbers of its groups, one per distinct ROM;
    `roms[g]` is group `g`'s ROM.
    """

    def __init__(self, activities: Iterable[Activity]) -> None:
        number: dict[_Key, int] = {}
        self.supra: list[Activity] = []
        self.supra_groups: list[tuple[int, ...]] = []
        regional: list[Activity] = []
        groups_of: list[int] = []
        themes: dict[str, str] = {}
        for activity in activities:
            theme = themes.get(activity.theme)
            if theme is None:
                theme = themes[activity.theme] = normalise_theme(activity.theme)
            service = activity.service.value
            groups = tuple(
                number.setdefault((rom, theme, service), len(number))
                for rom in dict.fromkeys(activity.roms)
            )
            if activity.scope is Scope.REGIONAL:
                regional += [activity] * len(groups)
                groups_of += groups
            else:
                self.supra.append(activity)
                self.supra_groups.append(groups)
        self.roms = [rom for rom, _, _ in number]
        self.regional = _Regional(regional, groups_of, len(number))


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


def rivalries(activities: Iterable[Activity], named: int = FEW) -> Iterator[Rivalry]:
    """Each supra-regional activity that competes, with its count of rivals and the first few.

    A supra-regional activity competes with a regional one when a ROM takes
    part in both, they share the normalised theme and the service, their
    periods overlap, and it does not list the regional one in `complements`.
    They come in the order of the activities given, each object once.
    """
    groups = _Groups(activities)
    regional, roms = groups.regional, groups.roms
    found: dict[int, tuple[Activity, dict[str, int], dict[int, Activity]]] = {}
    for supra, numbers in zip(groups.supra, groups.supra_groups, strict=True):
        start, end = supra.period.start.toordinal(), supra.period.end.toordinal()
        complements = frozenset(supra.complements)
        for group in numbers:
            count = regional.count(group, start, end, complements)
            if count:
                _, counts, first = found.setdefault(id(supra), (supra, {}, {}))
                counts[roms[group]] = count
                for rival in regional.first(group, start, end, complements, named, _PATIENCE):
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
    groups = _Groups(items)
    regional, everything = groups.regional, len(items)
    for supra, numbers in zip(groups.supra, groups.supra_groups, strict=True):
        start, end = supra.period.start.toordinal(), supra.period.end.toordinal()
        complements = frozenset(supra.complements)
        rivals: dict[int, Activity] = {}
        for group in numbers:
            for rival in regional.first(group, start, end, complements, everything, everything):
                rivals[id(rival)] = rival
        for rival in sorted(rivals.values(), key=order):
            yield supra, rival
