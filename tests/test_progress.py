"""`progress()`: money allocated, committed and spent, grouped five ways."""

import datetime
import pathlib

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import Money, Period, TransactionKind
from romstrategy.reports import overview
from tests.helpers import allocation, any_strategies, commit, exactly, pay, plan, small

EXAMPLES = pathlib.Path(__file__).parent.parent / "examples"
PLAN = rs.load(EXAMPLES / "illustrative_plan.toml")
BY = ("pillar", "source", "allocation", "year", "rom")
COMMITMENT, EXPENDITURE = TransactionKind.COMMITMENT, TransactionKind.EXPENDITURE


def as_rows(result):
    """Each row as (key, allocated, committed, spent, open, uncommitted), in euros as text."""
    amounts = ("allocated", "committed", "spent", "open", "uncommitted")
    return [
        (row.key, *(getattr(row, name).to_text() for name in amounts))
        for row in (*result.rows, result.total)
    ]


# --- the illustrative plan, exactly -----------------------------------------------------------


def test_the_illustrative_plan_by_pillar():
    assert as_rows(rs.progress(PLAN)) == [
        ("I", "1200000.00", "1000000.00", "400000.00", "600000.00", "200000.00"),
        ("II", "1200000.00", "650000.00", "425000.50", "224999.50", "550000.00"),
        ("III", "1600000.00", "700000.00", "200000.00", "500000.00", "900000.00"),
        ("total", "4000000.00", "2350000.00", "1025000.50", "1324999.50", "1650000.00"),
    ]


def test_the_illustrative_plan_by_year_as_of_the_end_of_2024():
    result = rs.progress(PLAN, by="year", as_of="2024-12-31")
    assert result.by == "year"
    assert result.as_of == pendulum.Date(2024, 12, 31)
    assert as_rows(result) == [
        ("2024", "737990.49", "1700000.00", "270000.00", "1430000.00", "-962009.51"),
        ("2025", "1666393.07", "0.00", "0.00", "0.00", "1666393.07"),
        ("2026", "1164200.92", "0.00", "0.00", "0.00", "1164200.92"),
        ("2027", "431415.52", "0.00", "0.00", "0.00", "431415.52"),
        ("total", "4000000.00", "1700000.00", "270000.00", "1430000.00", "2300000.00"),
    ]


def test_by_year_allocated_is_the_overview_report_s_split():
    years = {line.key: line.amount for line in overview(PLAN).years}
    assert {row.key: row.allocated for row in rs.progress(PLAN, by="year").rows} == years


def test_the_illustrative_plan_by_source_allocation_and_rom():
    assert [row.key for row in rs.progress(PLAN, by="source").rows] == ["van-strien-funds"]
    by_allocation = rs.progress(PLAN, by="allocation").rows
    assert [row.key for row in by_allocation] == ["al-1", "al-2", "al-3", "al-4", "al-5"]
    assert by_allocation[2].committed == by_allocation[2].spent == Money(350_000)
    assert [row.key for row in rs.progress(PLAN, by="rom").rows] == ["joint", "unassigned"]


# --- which rows, in which order ---------------------------------------------------------------


def test_every_pillar_and_year_has_a_row_even_without_money():
    strategy = rs.reference.strategy_2024()
    assert [row.key for row in rs.progress(strategy).rows] == ["I", "II", "III"]
    assert [row.key for row in rs.progress(strategy, by="year").rows] == [
        "2024", "2025", "2026", "2027"
    ]  # fmt: skip
    assert rs.progress(strategy).total == rs.ProgressRow(
        key="total", allocated=Money(0), committed=Money(0), spent=Money(0)
    )


def test_other_keys_with_money_follow_the_strategy_s_own():
    strategy = small(
        allocations=(
            allocation(id="b", pillar="Z", amount=Money(60)),
            allocation(id="a", pillar="IV", amount=Money(40), period=Period.years(2029)),
        ),
        transactions=(commit("t", 10, "2031-05-01", allocation="b"),),
    )
    assert [row.key for row in rs.progress(strategy).rows] == ["I", "II", "III", "IV", "Z"]
    assert [row.key for row in rs.progress(strategy, by="allocation").rows] == ["a", "b"]
    assert [row.key for row in rs.progress(strategy, by="year").rows] == [
        "2024", "2025", "2026", "2027", "2029", "2031"
    ]  # fmt: skip


def test_a_year_outside_the_period_with_no_money_has_no_row():
    # One cent over 2027-2028: the cent goes to 2027, so 2028 stays out.
    strategy = small(
        allocations=(allocation(amount=Money("0.01"), period=Period("2027-01-01", "2028-06-30")),)
    )
    keys = [row.key for row in rs.progress(strategy, by="year").rows]
    assert keys == ["2024", "2025", "2026", "2027"]


def test_roms_come_in_the_overview_report_s_order():
    by_rom = [row.key for row in rs.progress(plan(), by="rom").rows]
    assert by_rom == [line.key for line in overview(plan()).roms]


# --- what counts ---------------------------------------------------------------------------


def test_as_of_counts_transactions_up_to_and_including_the_day():
    strategy = small(
        transactions=(
            commit("c", 80, "2024-03-01"),
            pay("s", 30, "2024-03-02"),
        )
    )
    for as_of, committed, spent in [
        ("2024-02-29", 0, 0),
        ("2024-03-01", 80, 0),
        (datetime.date(2024, 3, 2), 80, 30),
        (pendulum.Date(2030, 1, 1), 80, 30),
        (None, 80, 30),
    ]:
        total = rs.progress(strategy, as_of=as_of).total
        assert (total.allocated, total.committed, total.spent) == (
            Money(100),
            Money(committed),
            Money(spent),
        )


def test_corrections_count_negatively():
    strategy = small(
        transactions=(
            commit("c", 80, "2024-03-01"),
            commit("vrijval", -20, "2024-09-01"),
        )
    )
    (row,) = (row for row in rs.progress(strategy).rows if row.key == "I")
    assert (row.committed, row.open, row.uncommitted) == (Money(60), Money(60), Money(40))


def test_transactions_on_an_unknown_allocation_count_nowhere():
    base = small(transactions=(commit("c", 80, "2024-03-01"),))
    stray = attrs.evolve(
        base,
        transactions=(*base.transactions, commit("x", 5, "2024-03-01", allocation="zz")),
    )
    for by in BY:
        assert rs.progress(stray, by=by) == rs.progress(base, by=by)


def test_an_allocation_id_used_twice_counts_its_transactions_under_the_first():
    strategy = small(
        allocations=(allocation(pillar="I"), allocation(pillar="II", amount=Money(0))),
        transactions=(commit("c", 80, "2024-03-01"),),
    )
    rows = {row.key: row for row in rs.progress(strategy).rows}
    assert (rows["I"].committed, rows["II"].committed) == (Money(80), Money(0))
    (merged,) = rs.progress(strategy, by="allocation").rows
    assert (merged.key, merged.allocated, merged.committed) == ("al-1", Money(100), Money(80))


def test_sums_beyond_one_amount_are_exact(overflowing):
    strategy, _ = overflowing
    assert rs.progress(strategy).total.allocated == Money.from_cents(2 * 10**14)


# --- invariants ----------------------------------------------------------------------------


def _columns(row):
    return (row.allocated.cents, row.committed.cents, row.spent.cents)


@given(any_strategies, st.sampled_from(BY))
def test_rows_add_up_to_the_total_which_is_the_same_every_way(strategy, by):
    result = rs.progress(strategy, by=by)
    sums = [sum(row[column] for row in map(_columns, result.rows)) for column in range(3)]
    assert tuple(sums) == _columns(result.total)
    assert result.total == rs.progress(strategy, by="pillar").total
    assert len({row.key for row in result.rows}) == len(result.rows)


@given(any_strategies, st.sampled_from(BY), st.dates())
def test_as_of_never_changes_what_is_allocated(strategy, by, day):
    everything = rs.progress(strategy, by=by)
    until = rs.progress(strategy, by=by, as_of=day)
    allocated = {row.key: row.allocated for row in everything.rows}
    assert {row.key: row.allocated for row in until.rows if row.allocated.cents} == {
        key: amount for key, amount in allocated.items() if amount.cents
    }
    assert until.total.allocated == everything.total.allocated


@given(any_strategies)
def test_the_total_is_every_known_transaction_added_up(strategy):
    known = {a.id for a in strategy.allocations}
    counted = [t for t in strategy.transactions if t.allocation in known]
    total = rs.progress(strategy).total
    assert total.committed.cents == sum(t.amount.cents for t in counted if t.kind is COMMITMENT)
    assert total.spent.cents == sum(t.amount.cents for t in counted if t.kind is EXPENDITURE)
    assert total.allocated.cents == sum(a.amount.cents for a in strategy.allocations)


# --- arguments -----------------------------------------------------------------------------


def test_an_unknown_grouping_names_the_choices():
    message = (
        "progress: got by='province', expected one of 'pillar', 'source', 'allocation', "
        "'year', 'rom'"
    )
    with pytest.raises(ValueError, match=exactly(message)):
        rs.progress(PLAN, by="province")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("31-12-2025", "as_of: got '31-12-2025', expected a date as YYYY-MM-DD"),
        (
            "2025-02-30",
            "as_of: got '2025-02-30', not a date: day is out of range for month",
        ),
        (20251231, "as_of: got 20251231, expected a date or an ISO string YYYY-MM-DD"),
    ],
)
def test_a_bad_as_of_is_named(as_of, message):
    with pytest.raises(ValueError, match=exactly(message)):
        rs.progress(PLAN, as_of=as_of)


def test_progress_takes_only_a_strategy():
    with pytest.raises(TypeError, match=exactly("progress: got str 'plan', expected Strategy")):
        rs.progress("plan")  # type: ignore[arg-type]
