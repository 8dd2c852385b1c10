"""Money per calendar year (*geld per jaar*), in time that follows the years, not the days.

Each allocation is spread over the calendar years of the strategy's period
in proportion to its days in each, exactly as `Money.allocate` splits it
(largest remainder, the earlier year first on a tie); days before or after
the strategy's period count under one key each. Computed one year at a time,
an allocation over 10,000 years would cost 10,000 steps. But all whole years
in the middle of an allocation have 365 or 366 days, so they share two
shares and two remainders: each allocation costs a few steps plus a search
over its years, and the years are added up once at the end.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable

from romstrategy._model._budget import Allocation
from romstrategy._model._period import Period

__all__ = ["AFTER", "BEFORE", "per_year"]

BEFORE = "before "
"""The key of days before the strategy's period starts: `"before 2024-01-01"`."""

AFTER = "after "
"""The key of days after the strategy's period ends: `"after 2027-12-31"`."""


def _leaps(year: int) -> int:
    """The leap years from year 1 to `year`, both included."""
    return year // 4 - year // 100 + year // 400


class _Years:
    """Amounts added to ranges of years, by kind of year, and to single keys."""

    def __init__(self, window: Period) -> None:
        self.window = window
        self.bounds = (window.start.toordinal(), window.end.toordinal())
        self.first = window.start.year
        size = window.end.year - self.first + 2
        # Differences over the years: one list for common years, one for leap years,
        # and one counting the allocations that touch a year (for its line, if 0).
        self.common = [0] * size
        self.leap = [0] * size
        self.touched = [0] * size
        self.single: defaultdict[str, int] = defaultdict(int)

    def add_range(self, first: int, last: int, cents: int, kinds: str) -> None:
        """Add `cents` to each year from `first` to `last` of the kinds "c", "l" or "cl"."""
        if first > last or not cents:
            return
        for kind in kinds:
            deltas = self.common if kind == "c" else self.leap
            deltas[first - self.first] += cents
            deltas[last + 1 - self.first] -= cents

    def touch(self, first: int, last: int) -> None:
        self.touched[first - self.first] += 1
        self.touched[last + 1 - self.first] -= 1

    def totals(self) -> dict[str, int]:
        before = [key for key in self.single if key.startswith(BEFORE)]
        result = {key: self.single[key] for key in before}
        common = leap = touched = 0
        for index in range(len(self.common) - 1):
            common += self.common[index]
            leap += self.leap[index]
            touched += self.touched[index]
            if touched:
                year = self.first + index
                key = str(year)
                result[key] = self.single.get(key, 0) + (leap if calendar.isleap(year) else common)
        result.update((key, self.single[key]) for key in self.single if key.startswith(AFTER))
        return result


def _count(first: int, last: int, kinds: str) -> int:
    """How many years from `first` to `last` are of the kinds "c", "l" or "cl"."""
    if first > last:
        return 0
    leaps = _leaps(last) - _leaps(first - 1)
    return (leaps if "l" in kinds else 0) + (last - first + 1 - leaps if "c" in kinds else 0)


def _nth(first: int, last: int, kinds: str, count: int) -> int:
    """The year by which `count` years of the kinds have passed, counting from `first`."""
    years = range(first, last + 1)
    return first + bisect.bisect_left(years, count, key=lambda y: _count(first, y, kinds))


def _spread(years: _Years, cents: int, spent: Period) -> None:
    window, sign, whole = years.window, -1 if cents < 0 else 1, abs(cents)
    # Days are counted as ordinals: pendulum's date arithmetic is slow for this loop.
    first, last = spent.start.toordinal(), spent.end.toordinal()
    opens, closes = years.bounds
    # The parts in order of time: (key, days) before the middle years, after them.
    low: list[tuple[str, int]] = []
    high: list[tuple[str, int]] = []
    middle = (0, -1)  # the whole years between the first and the last year inside
    if first < opens:
        low.append((BEFORE + window.start.isoformat(), min(last, opens - 1) - first + 1))
    if first <= closes and opens <= last:
        start, end = max(spent.start, window.start), min(spent.end, window.end)
        years.touch(start.year, end.year)
        if start.year == end.year:
            low.append((str(start.year), min(last, closes) - max(first, opens) + 1))
        else:
            low.append((str(start.year), _ordinal(start.year + 1) - max(first, opens)))
            middle = (start.year + 1, end.year - 1)
            high.append((str(end.year), min(last, closes) - _ordinal(end.year) + 1))
    if last > closes:
        high.append((AFTER + window.end.isoformat(), last - max(first, closes + 1) + 1))
    _distribute(years, sign, whole, last - first + 1, low, middle, high)


def _ordinal(year: int) -> int:
    """The ordinal of 1 January of `year`."""
    return datetime.date(year, 1, 1).toordinal()


def _distribute(
    years: _Years,
    sign: int,
    whole: int,
    days: int,
    low: list[tuple[str, int]],
    middle: tuple[int, int],
    high: list[tuple[str, int]],
) -> None:
    """`Money.allocate` of `whole` cents over the parts, in proportion to their days."""
    first, last = middle
    classes = {"c": 365, "l": 366}
    counts = {kind: _count(first, last, kind) for kind in classes}
    share = {kind: divmod(whole * size, days) for kind, size in classes.items()}
    singles = [(key, *divmod(whole * size, days)) for key, size in low + high]
    handed = sum(floor for _, floor, _ in singles)
    handed += sum(counts[kind] * share[kind][0] for kind in classes)
    for key, floor, _ in singles:
        years.single[key] += sign * floor
    for kind in classes:
        years.add_range(first, last, sign * share[kind][0], kind)
    # The cents left over go to the largest remainders, the earlier part first on a tie.
    left = whole - handed
    remainders = {rest for _, _, rest in singles} | {share[k][1] for k in classes if counts[k]}
    for rest in sorted(remainders, reverse=True):
        if left <= 0:
            break
        kinds = "".join(kind for kind in classes if counts[kind] and share[kind][1] == rest)
        left = _one_cent_each(years, sign, left, rest, singles[: len(low)], middle, kinds)
        left = _one_cent_each(years, sign, left, rest, singles[len(low) :], (0, -1), "")


def _one_cent_each(
    years: _Years,
    sign: int,
    left: int,
    rest: int,
    singles: list[tuple[str, int, int]],
    middle: tuple[int, int],
    kinds: str,
) -> int:
    """Give a cent to each part with remainder `rest`, in order, while cents are left."""
    for key, _, remainder in singles:
        if remainder == rest and left > 0:
            years.single[key] += sign
            left -= 1
    first, last = middle
    if kinds and left > 0:
        count = _count(first, last, kinds)
        cut = last if left >= count else _nth(first, last, kinds, left)
        years.add_range(first, cut, sign, kinds)
        left -= min(left, count)
    return left


def per_year(allocations: Iterable[Allocation], window: Period) -> dict[str, int]:
    """The cents allocated per calendar year of `window`, and before and after it.

    Keys are years as text, in order, then `"before <first day>"` first and
    `"after <last day>"` last. A year appears when an allocation touches it,
    even with 0 cents.
    """
    years = _Years(window)
    for allocation in allocations:
        _spread(years, allocation.amount.cents, allocation.period)
    return years.totals()
