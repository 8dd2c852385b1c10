"""`progress()`: money allocated, committed and spent, grouped five ways."""

import csv
import datetime
import io
import pathlib

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import Money, Period, TransactionKind, YearAmount
from romstrategy._reports._progress_rows import progress_csv, progress_data, year_notes
from romstrategy.reports import Group, diff, overview
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
        (Group.TOTAL, "4000000.00", "2350000.00", "1025000.50", "1324999.50", "1650000.00"),
    ]


def test_the_illustrative_plan_by_year_as_of_the_end_of_2024():
    result = rs.progress(PLAN, by="year", as_of="2024-12-31")
    assert result.by == "year"
    assert result.as_of == pendulum.Date(2024, 12, 31)
    assert as_rows(result) == [
        ("2024", "1700000.00", "1700000.00", "270000.00", "1430000.00", "0.00"),
        ("2025", "800000.00", "0.00", "0.00", "0.00", "800000.00"),
        ("2026", "500000.00", "0.00", "0.00", "0.00", "500000.00"),
        ("2027", "0.00", "0.00", "0.00", "0.00", "0.00"),
        (Group.NOT_SCHEDULED, "1000000.00", "0.00", "0.00", "0.00", "1000000.00"),
        (Group.TOTAL, "4000000.00", "1700000.00", "270000.00", "1430000.00", "2300000.00"),
    ]


def test_the_illustrative_plan_by_year_has_no_share_above_one_and_nothing_uncommitted_below_0():
    """Allocated from the schedules only: no 230 % and no negative uncommitted from arithmetic."""
    for as_of in (None, "2024-12-31", "2025-06-30"):
        result = rs.progress(PLAN, by="year", as_of=as_of)
        for row in (*result.rows, result.total):
            assert all(share is None or 0 <= share <= 1 for share in row.shares()), row
            assert row.uncommitted >= Money(0), row


def test_by_year_spent_more_than_committed_in_a_year_is_said_plainly():
    result = rs.progress(PLAN, by="year")
    (row_2025,) = [row for row in result.rows if row.key == "2025"]
    assert (row_2025.committed, row_2025.spent) == (Money(350_000), Money("680000.00"))
    assert year_notes(result, "en") == [
        "2025: EUR 680,000.00 spent, EUR 330,000.00 more than committed in that year."
    ]
    assert str(result).endswith(year_notes(result, "en")[0])
    assert year_notes(rs.progress(PLAN, by="pillar"), "en") == []


def test_by_year_more_committed_than_scheduled_is_said_plainly_and_a_near_miss_is_not():
    planned = allocation(schedule=(YearAmount(year=2024, amount=Money(100)),))
    over = ["2024: EUR 100.01 committed, EUR 0.01 more than scheduled for that year."]
    for cents, said in ((10_001, over), (10_000, [])):
        committed = Money.from_cents(cents)
        strategy = small(
            allocations=(planned,), transactions=(commit("c", committed, "2024-03-01"),)
        )
        result = rs.progress(strategy, by="year")
        assert year_notes(result, "en")[:1] == said
    assert year_notes(rs.progress(strategy, by="year"), "nl") == []


@pytest.mark.parametrize(
    ("transactions", "said"),
    [
        # A release in 2025 is no spending: it is said as a release, and nothing else.
        (
            (commit("c", "60", "2024-03-01"), commit("r", "-30", "2025-03-01")),
            ["2025: EUR 30.00 more commitments released than made."],
        ),
        # Spending without any commitment (RS502): the figures, no claim of earlier ones.
        (
            (pay("p", "30", "2024-03-01"),),
            ["2024: EUR 30.00 spent, EUR 30.00 more than committed in that year."],
        ),
        # Nothing happened: nothing to say, whatever the schedule.
        ((), []),
    ],
)
def test_year_notes_say_only_what_the_year_s_figures_are(transactions, said):
    planned = allocation(
        period=Period("2024-01-01", "2025-12-31"),
        schedule=(
            YearAmount(year=2024, amount=Money(60)),
            YearAmount(year=2025, amount=Money(40)),
        ),
    )
    result = rs.progress(small(allocations=(planned,), transactions=transactions), by="year")
    assert year_notes(result, "en") == said


def test_a_negative_year_of_a_schedule_gives_no_note_but_rs106():
    planned = allocation(
        period=Period("2024-01-01", "2025-12-31"),
        schedule=(
            YearAmount(year=2024, amount=Money(150)),
            YearAmount(year=2025, amount=Money(-50)),
        ),
    )
    strategy = small(allocations=(planned,))
    assert year_notes(rs.progress(strategy, by="year"), "en") == []
    (finding,) = rs.validate(strategy, select="RS106").findings
    assert finding.message == "The schedule of allocation al-1 plans a negative amount in 2025."


def test_an_allocation_without_a_schedule_counts_with_its_transactions_as_not_scheduled():
    planned = allocation(id="p", schedule=(YearAmount(year=2025, amount=Money(100)),))
    unplanned = allocation(id="u", amount=Money(50))
    strategy = small(
        allocations=(planned, unplanned),
        transactions=(
            commit("c1", 70, "2024-03-01", allocation="p"),
            commit("c2", 20, "2024-03-01", allocation="u"),
            commit("c3", 5, "2024-03-01", allocation="ghost"),  # RS001: counts nowhere
        ),
    )
    rows = {
        row.key: (row.allocated, row.committed) for row in rs.progress(strategy, by="year").rows
    }
    assert rows == {
        "2024": (Money(0), Money(70)),  # committed in 2024 though scheduled in 2025: as it is
        "2025": (Money(100), Money(0)),
        "2026": (Money(0), Money(0)),
        "2027": (Money(0), Money(0)),
        Group.NOT_SCHEDULED: (Money(50), Money(20)),
    }


def test_a_schedule_that_does_not_add_up_leaves_its_gap_as_not_scheduled():
    short = allocation(amount=Money(100), schedule=(YearAmount(year=2024, amount=Money(60)),))
    over = allocation(
        id="o", amount=Money(10), schedule=(YearAmount(year=2024, amount=Money(15)),)
    )
    result = rs.progress(small(allocations=(short, over)), by="year")
    rows = {row.key: row.allocated for row in result.rows}
    assert rows["2024"] == Money(75)
    assert rows[Group.NOT_SCHEDULED] == Money(35)  # 40 left of al-1, 5 too many in o's
    assert (
        result.total.allocated
        == Money(110)
        == rs.progress(small(allocations=(short, over))).total.allocated
    )


def test_by_year_allocated_is_the_overview_report_s_split():
    years = {line.key: line.amount for line in overview(PLAN).years}
    assert {row.key: row.allocated for row in rs.progress(PLAN, by="year").rows} == years


def test_the_illustrative_plan_by_source_allocation_and_rom():
    assert [row.key for row in rs.progress(PLAN, by="source").rows] == ["van-strien-funds"]
    by_allocation = rs.progress(PLAN, by="allocation").rows
    assert [row.key for row in by_allocation] == ["al-1", "al-2", "al-3", "al-4", "al-5"]
    assert by_allocation[2].committed == by_allocation[2].spent == Money(350_000)
    assert [row.key for row in rs.progress(PLAN, by="rom").rows] == [Group.JOINT, Group.UNASSIGNED]


# --- which rows, in which order ---------------------------------------------------------------


def test_every_pillar_and_year_has_a_row_even_without_money():
    strategy = rs.reference.strategy_2024()
    assert [row.key for row in rs.progress(strategy).rows] == ["I", "II", "III"]
    assert [row.key for row in rs.progress(strategy, by="year").rows] == [
        "2024", "2025", "2026", "2027"
    ]  # fmt: skip
    assert rs.progress(strategy).total == rs.ProgressRow(
        key=Group.TOTAL, allocated=Money(0), committed=Money(0), spent=Money(0)
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
        "2024", "2025", "2026", "2027", Group.NOT_SCHEDULED
    ]  # fmt: skip
    scheduled = tuple(
        attrs.evolve(a, schedule=(YearAmount(year=2029, amount=a.amount),))
        for a in strategy.allocations
    )
    strategy = attrs.evolve(strategy, allocations=scheduled)
    assert [row.key for row in rs.progress(strategy, by="year").rows] == [
        "2024", "2025", "2026", "2027", "2029", "2031"
    ]  # fmt: skip


def test_a_year_outside_the_period_with_no_money_has_no_row():
    # One cent over 2027-2028, scheduled in 2027, and nothing in 2028: 2028 stays out.
    schedule = (
        YearAmount(year=2027, amount=Money("0.01")),
        YearAmount(year=2028, amount=Money(0)),
    )
    strategy = small(
        allocations=(
            allocation(
                amount=Money("0.01"), period=Period("2027-01-01", "2028-06-30"), schedule=schedule
            ),
        )
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
    assert result.total.key not in {row.key for row in result.rows}


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


# --- groups never collide with data -----------------------------------------------------------


def _rom_renamed(strategy, old, new):
    """`strategy` with the ROM `old` coded `new` everywhere it is named."""
    roms = tuple(attrs.evolve(r, code=new) if r.code == old else r for r in strategy.roms)

    def renamed(a):
        codes = tuple(new if code == old else code for code in a.roms)
        return attrs.evolve(a, roms=codes, lead=new if a.lead == old else a.lead)

    return attrs.evolve(strategy, roms=roms, activities=tuple(map(renamed, strategy.activities)))


@pytest.mark.parametrize("code", ["joint", "unassigned", "total", "JOINT", "Group.JOINT"])
def test_a_rom_coded_like_a_group_keeps_a_row_of_its_own(code):
    regional_money = allocation(
        id="al-4", source="van-strien-funds", pillar="II", activity="nom-energy"
    )
    base = plan()
    base = attrs.evolve(base, allocations=(*base.allocations, regional_money))
    strategy = _rom_renamed(base, "NOM", code)
    result = rs.progress(strategy, by="rom")
    assert [row.key for row in result.rows] == [code, Group.JOINT, Group.UNASSIGNED]
    assert [row.allocated for row in result.rows] == [
        Money(100),
        Money("2666666.67"),  # al-1 and al-3, both supra-regional
        Money("1333333.33"),  # al-2, of no activity
    ]
    assert sum(row.allocated.cents for row in result.rows) == result.total.allocated.cents
    # The near miss: the same strategy, its ROM coded NOM, has the same rows but the first.
    before = rs.progress(base, by="rom")
    assert [row.key for row in before.rows] == ["NOM", Group.JOINT, Group.UNASSIGNED]
    assert before.rows[1:] == result.rows[1:]
    # People read the group in words, and the ROM by its code.
    lines = str(result).splitlines()
    assert lines[3].startswith(code + " ")
    assert lines[4].startswith("joint (supra-regional) ")
    # Data gives a group a column of its own: no code can pass for one.
    data = progress_data(result)
    assert [(row["key"], row["group"]) for row in data["rows"]] == [
        (code, None),
        (None, "joint"),
        (None, "unassigned"),
    ]
    assert (data["total"]["key"], data["total"]["group"]) == (None, "total")
    table = list(csv.reader(io.StringIO(progress_csv(result))))
    assert [row[:2] for row in table] == [
        ["key", "group"],
        [code, ""],
        ["", "joint"],
        ["", "unassigned"],
        ["", "total"],
    ]


def test_a_pillar_coded_total_is_not_the_total_row():
    strategy = small(allocations=(allocation(pillar="total"),))
    result = rs.progress(strategy)
    assert Group.TOTAL not in [row.key for row in result.rows]
    assert "total" in [row.key for row in result.rows]
    assert result.total.key is Group.TOTAL != "total"
    assert str(Group.TOTAL) == "total"  # printed as a word, compared as a type


def test_a_diff_keeps_a_rom_coded_joint_apart_from_the_joint_money():
    base = plan()
    regional_money = allocation(
        id="al-4", source="van-strien-funds", pillar="II", activity="nom-energy"
    )
    after = attrs.evolve(base, allocations=(*base.allocations, regional_money))
    changes = diff(_rom_renamed(base, "NOM", "joint"), _rom_renamed(after, "NOM", "joint"))
    moved = changes.to_dict()["money"]["roms"]
    assert moved == [
        {"key": "joint", "group": None, "before": "0.00", "after": "100.00", "delta": "100.00"}
    ]
    assert "joint (supra-regional)" not in changes.to_text("en")
