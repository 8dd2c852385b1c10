import attrs

from romstrategy import Money, MotionKind, Period, StrategyStatus, reference
from romstrategy.rules import RULES, Severity, validate
from tests.rules_helpers import (
    ADOPTED,
    IN_PROGRESS,
    REJECTED,
    SETTLED,
    SUBMITTED,
    activity,
    allocation,
    motion,
    plan,
    regional,
    source,
    step,
)


def test_the_reference_strategy_gives_exactly_one_finding_rs102_as_a_warning():
    report = validate(reference.strategy_2024())
    assert len(report.findings) == 1
    (f,) = report.findings
    assert (f.code, f.severity, f.path, f.subjects) == (
        "RS102",
        Severity.WARNING,
        "funding_sources[van-strien-funds].amount",
        ("van-strien-funds",),
    )
    assert "EUR 4,000,000.00 of its EUR 4,000,000.00 is not allocated" in f.message
    assert "€ 4.000.000,00" in f.message_nl
    assert report.ok
    report.raise_for_errors()


def test_the_reference_strategy_made_final_fails_on_its_unallocated_money():
    final = attrs.evolve(reference.strategy_2024(), status=StrategyStatus.FINAL)
    report = validate(final)
    assert [(f.code, f.severity) for f in report.findings] == [("RS102", Severity.ERROR)]
    assert not report.ok


def test_a_complete_plan_that_follows_the_letter_has_no_findings():
    assert validate(plan()).findings == ()


def breaks_every_rule_once():
    """The plan, changed so that each rule is broken exactly once."""
    base = plan()
    # RS401: without Impuls Zeeland no ROM serves Zeeland.
    roms = tuple(r for r in base.roms if r.code != "IMPULS")
    activities = (
        *base.activities,
        # RS201 (one distinct ROM) and RS202 (lead not among the ROMs).
        activity(id="solo", roms=("LIOF", "LIOF"), lead="BOM", theme="solo", pillar="II"),
        # RS203: competes with NOM's regional act-nom-food.
        activity(
            id="food-together",
            theme="Food",
            period=Period("2024-06-01", "2025-05-31"),
            complements=("rijk-regio",),
        ),
        regional(id="act-nom-food", theme=" food ", period=Period.years(2025)),
        # RS205: regional, but run by two ROMs.
        regional(id="two-roms", roms=("BOM", "LIOF"), lead="BOM", theme="mbo"),
        # RS001: a complements entry that points to nothing.
        activity(
            id="lost", roms=("BOM", "LIOF"), lead="BOM", theme="lost", complements=("nowhere",)
        ),
    )
    van_strien = base.funding_sources[0]
    extra = source(id="extra", amount=Money("10.00"), period=Period.years(2024))
    allocations = (
        # RS101: one cent too much from the Van Strien funds.
        attrs.evolve(base.allocations[0], amount=base.allocations[0].amount + Money("0.01")),
        base.allocations[1],
        base.allocations[2],
        # RS102: EUR 10.00 of extra left, given only EUR 0.00; RS103: outside 2024.
        allocation(
            id="al-late",
            source="extra",
            amount=Money(0),
            pillar="II",
            period=Period("2024-12-01", "2025-01-31"),
        ),
        # RS104: pillar I for an activity under pillar III.
        allocation(
            id="al-pillar", source="extra", amount=Money(0), pillar="I", activity="energy-together"
        ),
        # RS105: a negative amount (which RS101 then does not see).
        allocation(id="al-negative", source="extra", amount=Money(-5), pillar="II"),
        allocation(id="al-positive", source="extra", amount=Money(5), pillar="II"),
    )
    motions = (
        *base.motions,
        # RS301: settled without ever being adopted.
        motion(step(SUBMITTED), step(SETTLED, document="letter"), id="jumps"),
        # RS302: settled by the strategy, but rejected.
        motion(step(SUBMITTED), step(REJECTED), id="rejected"),
        # RS303: settled without a document.
        motion(
            step(SUBMITTED),
            step(ADOPTED),
            step(IN_PROGRESS),
            step(SETTLED, "2024-06-28"),
            id="no-document",
        ),
        # RS002: the id of an amendment used again.
        motion(step(SUBMITTED), id="van-strien-2023", kind=MotionKind.AMENDMENT),
    )
    return attrs.evolve(
        base,
        roms=roms,
        activities=activities,
        funding_sources=(van_strien, extra),
        allocations=allocations,
        motions=motions,
        settles=(*base.settles, "rejected"),
    )


def test_a_strategy_that_breaks_each_rule_once_reports_each_code_once():
    report = validate(breaks_every_rule_once())
    assert [f.code for f in report.findings] == sorted(RULES)
    assert report.codes == tuple(RULES)
    assert not report.ok
    # RS102 is an error in a final strategy; RS303 is the only warning.
    assert [f.code for f in report.warnings] == ["RS303"]
    assert report.findings[-1].subjects == ("NL-ZE",)
