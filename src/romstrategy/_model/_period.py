"""Spans of dates (*looptijden*), both ends inclusive."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import attrs
import pendulum

from romstrategy._model._display import brief, shown
from romstrategy._model._error import ArgumentError, ArgumentTypeError
from romstrategy._model._kinds import Day, FieldError, argument, by_kind

__all__ = ["Period"]


def _end_not_before_start(
    period: Period, field: attrs.Attribute[pendulum.Date], end: object
) -> None:
    if period.start > period.end:
        raise FieldError(
            f"got {period.end.isoformat()}, which is before the start {period.start.isoformat()}",
            owner="Period",
            field="end",
        )


@attrs.frozen(order=True, init=False, field_transformer=by_kind, repr=False)
class Period:
    """A span of calendar dates, both ends inclusive (*periode*, *looptijd*).

    `Period("2024-01-01", "2027-12-31")` and `Period(start, end)` with pendulum
    or stdlib dates both work; the ends become pendulum `Date`s.

    Attributes:
        start: the first day of the period.
        end: the last day of the period; never before `start`.

    Raises:
        TypeError: for an end that is not a date or an ISO string.
        ValueError: for an impossible date or an end before the start.
    """

    __repr__ = brief

    start: Day
    end: Day = attrs.field(validator=_end_not_before_start)

    def __init__(
        self, start: pendulum.Date | datetime.date | str, end: pendulum.Date | datetime.date | str
    ) -> None:
        self.__attrs_init__(start, end)  # type: ignore[arg-type]  # the converters accept all three

    @classmethod
    def years(cls, first: int, last: int | None = None) -> Period:
        """The calendar years `first` through `last` (default: `first` alone).

        Raises:
            TypeError: for a year that is not an int.
            ValueError: for a year outside 1 to 9999, or `last` before `first`.
        """
        final = first if last is None else last
        for year in (first, final):
            if isinstance(year, bool) or not isinstance(year, int):
                raise ArgumentTypeError(f"Period.years: got {shown(year)}, expected an int year")
            if not 1 <= year <= 9999:
                raise ArgumentError(
                    f"Period.years: got {shown(year)}, expected a year from 1 to 9999"
                )
        return cls(pendulum.Date(first, 1, 1), pendulum.Date(final, 12, 31))

    @property
    def days(self) -> int:
        """The number of days in the period, counting both ends."""
        return self.end.toordinal() - self.start.toordinal() + 1

    def contains(self, other: Period | pendulum.Date) -> bool:
        """Whether a date, or a whole period, lies within this period.

        Raises:
            TypeError: for anything but a `Period` or a date.
        """
        if isinstance(other, Period):
            return self.start <= other.start and other.end <= self.end
        return self.start <= argument(other, datetime.date, "Period.contains") <= self.end

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day.

        Raises:
            TypeError: for anything but a `Period`.
        """
        argument(other, Period, "Period.overlaps")
        return self.start <= other.end and other.start <= self.end

    def intersection(self, other: Period) -> Period | None:
        """The days both periods share, or `None` when they share none.

        Raises:
            TypeError: for anything but a `Period`.
        """
        if not self.overlaps(other):
            return None
        return Period(max(self.start, other.start), min(self.end, other.end))

    def by_year(self) -> Iterator[tuple[int, Period]]:
        """Split into calendar years: `(year, part)` for each year touched."""
        for year in range(self.start.year, self.end.year + 1):
            part = self.intersection(Period.years(year))
            if part is not None:
                yield year, part

    def __str__(self) -> str:
        return period_text(self, "en")


_TO = {"en": "to", "nl": "t/m"}


def period_text(span: Period, lang: str) -> str:
    """A period for people: `2024-01-01 to 2027-12-31`, in Dutch `2024-01-01 t/m 2027-12-31`.

    This is the one way the library writes a period for people to read; data
    for programs holds its two ISO days, `start` and `end`.
    """
    return f"{span.start.isoformat()} {_TO[lang]} {span.end.isoformat()}"
