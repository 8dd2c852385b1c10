"""Periods (*looptijden*): spans of pendulum dates with both ends inclusive.

A period is built from ISO text or standard-library dates, refuses an end before its
start, and answers `contains`, `overlaps` and `by_year` in whole days; properties check
overlap and the split into years against counting the days.
"""

import datetime

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from romstrategy import Period

dates = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31))


def test_period_from_iso_strings_gives_pendulum_dates():
    period = Period("2024-01-01", "2027-12-31")
    assert type(period.start) is pendulum.Date
    assert type(period.end) is pendulum.Date
    assert period == Period.years(2024, 2027)
    assert str(period) == "2024-01-01 to 2027-12-31"


def test_stdlib_dates_become_pendulum_dates():
    period = Period(datetime.date(2024, 2, 29), datetime.date(2024, 3, 1))
    assert type(period.start) is pendulum.Date
    assert period.days == 2


@pytest.mark.parametrize(
    ("start", "end", "error", "match"),
    [
        ("2024-02-30", "2024-03-01", ValueError, r"Period\.start: got '2024-02-30'"),
        ("2024-01-01", "20240102", ValueError, r"Period\.end: got '20240102'"),
        ("2024-01-02", "2024-01-01", ValueError, r"Period\.end: .*before the start 2024-01-02"),
        (pendulum.datetime(2024, 1, 1), "2024-01-02", TypeError, r"Period\.start"),
        ("2024-01-01", 20240102, TypeError, r"Period\.end: got 20240102"),
    ],
)
def test_meaningless_periods_are_refused(start, end, error, match):
    with pytest.raises(error, match=match):
        Period(start, end)


def test_one_day_period_is_allowed():
    assert Period("2024-01-01", "2024-01-01").days == 1


def test_contains_and_overlaps_are_inclusive():
    year = Period.years(2024)
    assert year.contains(pendulum.Date(2024, 12, 31))
    assert not year.contains(pendulum.Date(2025, 1, 1))
    assert year.contains(Period("2024-03-01", "2024-12-31"))
    assert not year.contains(Period("2024-03-01", "2025-01-01"))
    assert year.overlaps(Period("2024-12-31", "2025-06-01"))
    assert not year.overlaps(Period("2025-01-01", "2025-06-01"))


def test_by_year_splits_at_new_year():
    parts = dict(Period("2024-12-30", "2026-01-02").by_year())
    assert parts == {
        2024: Period("2024-12-30", "2024-12-31"),
        2025: Period.years(2025),
        2026: Period("2026-01-01", "2026-01-02"),
    }


@given(dates, dates, dates, dates)
def test_overlap_agrees_with_shared_days(a, b, c, d):
    first = Period(min(a, b), max(a, b))
    second = Period(min(c, d), max(c, d))
    shared = first.intersection(second)
    assert first.overlaps(second) == second.overlaps(first) == (shared is not None)
    if shared is not None:
        assert first.contains(shared)
        assert second.contains(shared)


@given(dates, dates)
def test_years_partition_the_days(a, b):
    period = Period(min(a, b), max(a, b))
    assert sum(part.days for _, part in period.by_year()) == period.days
