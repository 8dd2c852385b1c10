from romstrategy import Money, Period, StrategyStatus
from romstrategy.rules import Severity
from tests.rules_helpers import activity, allocation, only, small, source, the_one


def test_rs101_gives_the_excess_of_an_over_allocated_source():
    s = small(
        allocations=(
            allocation(id="al-1", amount=Money("60.00")),
            allocation(id="al-2", amount=Money("40.01")),
        )
    )
    f = the_one(s, "RS101")
    assert (f.code, f.severity, f.path, f.subjects) == (
        "RS101",
        Severity.ERROR,
        "funding_sources[fund].amount",
        ("fund",),
    )
    assert f.message == (
        "Funding source fund is over-allocated by EUR 0.01: its allocations add up to "
        "EUR 100.01, more than its amount of EUR 100.00."
    )
    assert "€ 0,01" in f.message_nl
    assert "€ 100,01" in f.message_nl


def test_rs101_and_rs102_stay_silent_for_a_budget_balanced_to_the_cent():
    s = small(
        allocations=(
            allocation(id="al-1", amount=Money("33.33")),
            allocation(id="al-2", amount=Money("33.33")),
            allocation(id="al-3", amount=Money("33.34")),
        )
    )
    assert only(s, "RS101") == ()
    assert only(s, "RS102") == ()


def test_rs102_is_an_error_for_a_final_strategy_and_names_the_unallocated_amount():
    s = small(allocations=(allocation(amount=Money("99.99")),))
    f = the_one(s, "RS102")
    assert (f.severity, f.path, f.subjects) == (
        Severity.ERROR,
        "funding_sources[fund].amount",
        ("fund",),
    )
    assert f.message == (
        "Funding source fund is under-allocated: EUR 0.01 of its EUR 100.00 is not "
        "allocated (allocated: EUR 99.99)."
    )
    assert f.message_nl == (
        "Financieringsbron fund is niet volledig toegewezen: € 0,01 van de € 100,00 is niet "
        "toegewezen (toegewezen: € 99,99)."
    )


def test_rs102_is_a_warning_for_a_draft():
    s = small(status=StrategyStatus.DRAFT, allocations=())
    f = the_one(s, "RS102")
    assert f.severity is Severity.WARNING
    assert "EUR 100.00 of its EUR 100.00 is not allocated" in f.message


def test_rs102_counts_a_source_with_no_allocations_at_all_and_ignores_other_sources():
    s = small(funding_sources=(source(), source(id="other", amount=Money(0))))
    assert only(s, "RS102") == ()
    s = small(funding_sources=(source(), source(id="other", amount=Money(5))))
    assert the_one(s, "RS102").subjects == ("other",)


def test_budget_rules_skip_a_duplicated_source_id_which_rs002_reports():
    s = small(funding_sources=(source(), source(amount=Money(5))))
    assert only(s, "RS101") == only(s, "RS102") == ()
    assert the_one(s, "RS002").path == "funding_sources[fund]"


def test_rs103_names_both_periods_an_allocation_leaves():
    s = small(
        funding_sources=(source(period=Period.years(2024, 2025)),),
        allocations=(allocation(period=Period("2023-07-01", "2024-06-30")),),
    )
    f = the_one(s, "RS103")
    assert (f.severity, f.path, f.subjects) == (
        Severity.ERROR,
        "allocations[al-1].period",
        ("al-1", "fund"),
    )
    assert f.message == (
        "Allocation al-1 runs from 2023-07-01 to 2024-06-30, outside the period of funding "
        "source fund (2024-01-01 to 2025-12-31) and the strategy's period "
        "(2024-01-01 to 2027-12-31)."
    )
    assert f.message_nl == (
        "Toewijzing al-1 loopt van 2023-07-01 t/m 2024-06-30, buiten de periode van "
        "financieringsbron fund (2024-01-01 t/m 2025-12-31) en de periode van de strategie "
        "(2024-01-01 t/m 2027-12-31)."
    )


def test_rs103_names_only_the_source_period_when_only_that_is_left():
    s = small(
        funding_sources=(source(period=Period.years(2024)),),
        allocations=(allocation(period=Period("2024-12-01", "2025-01-31")),),
    )
    f = the_one(s, "RS103")
    assert f.subjects == ("al-1", "fund")
    assert "strategy" not in f.message


def test_rs103_stays_silent_for_an_allocation_on_the_edges_of_both_periods():
    s = small(
        funding_sources=(source(period=Period.years(2024, 2027)),),
        allocations=(
            allocation(id="al-1", amount=Money(50), period=Period("2024-01-01", "2024-01-01")),
            allocation(id="al-2", amount=Money(50), period=Period("2027-12-31", "2027-12-31")),
        ),
    )
    assert only(s, "RS103") == ()


def test_rs103_uses_the_strategy_period_for_a_source_without_one():
    s = small(allocations=(allocation(period=Period("2027-12-31", "2028-01-01")),))
    f = the_one(s, "RS103")
    assert f.subjects == ("al-1",)
    assert f.message.endswith("outside the strategy's period (2024-01-01 to 2027-12-31).")


def test_rs104_fires_when_an_allocation_serves_another_pillar_than_its_activity():
    s = small(
        activities=(activity(id="act-1", pillar="III"),),
        allocations=(allocation(pillar="I", activity="act-1"),),
    )
    f = the_one(s, "RS104")
    assert (f.severity, f.path, f.subjects) == (
        Severity.ERROR,
        "allocations[al-1].pillar",
        ("al-1", "act-1"),
    )
    assert "pillar I" in f.message
    assert "pillar III" in f.message
    assert "pijler III" in f.message_nl


def test_rs104_stays_silent_for_the_same_pillar_or_no_activity():
    s = small(
        activities=(activity(id="act-1", pillar="III"),),
        allocations=(
            allocation(id="al-1", amount=Money(50), pillar="III", activity="act-1"),
            allocation(id="al-2", amount=Money(50), pillar="I"),
        ),
    )
    assert only(s, "RS104") == ()


def test_rs105_fires_for_a_negative_allocation_that_hides_an_excess():
    s = small(
        allocations=(
            allocation(id="al-1", amount=Money(150)),
            allocation(id="al-2", amount=Money(-50)),
        )
    )
    f = the_one(s, "RS105")
    assert (f.severity, f.path, f.subjects) == (
        Severity.ERROR,
        "allocations[al-2].amount",
        ("al-2",),
    )
    assert f.message == "Allocation al-2 has a negative amount of EUR -50.00."
    assert f.message_nl == "Toewijzing al-2 heeft een negatief bedrag van € -50,00."
    assert only(s, "RS101") == ()


def test_rs105_stays_silent_for_a_zero_allocation():
    s = small(
        allocations=(allocation(id="al-1", amount=Money(100)), allocation(id="al-2", amount=0))
    )
    assert only(s, "RS105") == ()


def test_sums_beyond_the_money_range_are_reported_exactly():
    top = Money(10**12)
    s = small(
        funding_sources=(source(amount=top),),
        allocations=tuple(allocation(id=f"al-{i}", amount=top) for i in range(3)),
    )
    f = the_one(s, "RS101")
    assert "EUR 2,000,000,000,000.00" in f.message
    assert "EUR 3,000,000,000,000.00" in f.message
