"""The public Hypothesis strategies, and the suites of issue 7 built on them."""

import json
import re
from concurrent.futures import ThreadPoolExecutor

import attrs
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import DocumentError, Money, Period, StrategyStatus
from romstrategy import testing as rst
from romstrategy.rules import RULES

FORMATS = ("json", "toml", "yaml")


@given(rst.money())
def test_money_stays_in_range(amount):
    assert -(10**14) <= amount.cents <= 10**14


@given(rst.periods(within=Period.years(2024, 2025)))
def test_periods_stay_within(period):
    assert Period.years(2024, 2025).contains(period)


@given(rst.activities())
def test_activities_are_well_formed(activity):
    assert activity.lead in activity.roms
    assert len(activity.roms) == (
        1 if activity.scope is rs.Scope.REGIONAL else len(set(activity.roms))
    )


@given(rst.allocations())
def test_allocations_are_not_negative(allocation):
    assert allocation.amount >= Money(0)


@given(rst.strategies())
def test_generated_strategies_pass_validate(strategy):
    report = rs.validate(strategy)
    assert report.ok, str(report)
    assert not [f for f in report.findings if f.code in {"RS101", "RS102"}]


@given(rst.strategies(status=StrategyStatus.FINAL, max_allocations=3))
def test_status_and_size_are_respected(strategy):
    assert strategy.status is StrategyStatus.FINAL
    assert len(strategy.allocations) <= 3 * len(strategy.funding_sources)


@given(rst.broken_strategies())
def test_broken_strategies_break_what_they_say(broken):
    assert broken.codes
    assert broken.codes <= set(rs.validate(broken.strategy).codes)


@pytest.mark.parametrize("code", sorted(RULES))
@settings(max_examples=10)
@given(data=st.data())
def test_each_rule_can_be_broken_alone(code, data):
    broken = data.draw(rst.broken_strategies(codes=[code]))
    assert broken.codes == {code}
    assert code in rs.validate(broken.strategy).codes


# --- transactions ----------------------------------------------------------------------------

REALISATION = sorted(code for code in RULES if code.startswith("RS5"))


@given(rst.strategies())
def test_generated_transactions_break_no_rule(strategy):
    report = rs.validate(strategy)
    assert report.ok, str(report)
    assert [f for f in report.findings if f.code.startswith(("RS0", "RS5"))] == []


@pytest.mark.slow  # find() shrinks to the smallest example: 35-45 s
def test_generated_strategies_commit_spend_release_and_refund():
    def books_every_kind(strategy):
        kinds = {(t.kind, t.amount.cents > 0) for t in strategy.transactions}
        return len(kinds) == 4  # commitments, payments, releases and refunds

    found = find(rst.strategies(max_allocations=4), books_every_kind)
    assert rs.validate(found).ok


@given(rst.broken_strategies(codes=[*REALISATION, "RS101", "RS102", "RS103", "RS105"]))
def test_realisation_rules_can_be_broken_together_and_with_the_budget_rules(broken):
    assert broken.codes <= set(rs.validate(broken.strategy).codes)


@pytest.mark.slow  # find() shrinks to the smallest example: 35-45 s
def test_valid_and_broken_documents_hold_transactions():
    text = find(rst.documents(format="json"), lambda t: bool(json.loads(t)["transactions"]))
    assert rs.validate(rs.loads(text, "json")).ok
    spoilt = find(
        rst.documents(valid=False), lambda b: any(p.startswith("$.transactions[") for p in b.paths)
    )
    with pytest.raises(DocumentError) as caught:
        rs.loads(spoilt.text, spoilt.format)
    assert spoilt.paths <= {problem.path for problem in caught.value.problems}


def test_unknown_codes_are_refused():
    with pytest.raises(ValueError, match=r"no way to break \['XX001'\]"):
        rst.broken_strategies(codes=["XX001"])


@given(rst.documents(valid=True))
def test_valid_documents_load(text):
    assert isinstance(text, str)
    kind = (
        "json"
        if text.startswith("{")
        else "toml"
        if text.startswith("schema_version = ")
        else "yaml"
    )
    assert rs.validate(rs.loads(text, kind)).ok


@given(rst.documents(valid=False))
def test_broken_documents_report_each_spoilt_place(broken):
    with pytest.raises(DocumentError) as caught:
        rs.loads(broken.text, broken.format)
    reported = {problem.path for problem in caught.value.problems}
    assert broken.paths <= reported


# --- round trip, concurrency --------------------------------------------------------------


@given(rst.strategies(), st.sampled_from(FORMATS))
def test_valid_strategies_round_trip_in_every_format(strategy, fmt):
    assert rs.loads(rs.dumps(strategy, fmt), fmt) == strategy


@settings(max_examples=5)
@given(st.lists(rst.strategies(max_allocations=8), min_size=2, max_size=4))
def test_threads_see_the_same_results_as_serial_calls(shared):
    def work(strategy):
        return rs.validate(strategy), rs.dumps(strategy, "json")

    serial = [work(s) for s in shared]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(work, shared * 8))
    assert parallel == serial * 8


# --- money never creates or loses a cent -----------------------------------------------------


@given(
    st.integers(-(10**14), 10**14),
    st.lists(st.integers(0, 10**9), min_size=1, max_size=50).filter(any),
)
def test_allocate_never_creates_or_loses_a_cent(cents, ratios):
    assert sum(p.cents for p in Money.from_cents(cents).allocate(ratios)) == cents


@given(rst.money(), rst.money())
def test_addition_and_subtraction_of_amounts_are_always_exact(a, b):
    assert (a + b).cents == a.cents + b.cents
    assert ((a + b) - b) == a
    assert (a - b).cents == a.cents - b.cents


@given(rst.documents(format="json"))
def test_documents_json_is_one_json_object(text):
    assert isinstance(json.loads(text), dict)


def test_yaml_never_writes_aliases_for_repeated_values():
    # A loaded document holds equal periods as one object; YAML must still write each in full.
    strategy = rs.loads(rs.dumps(rs.reference.strategy_2024(), "yaml"), "yaml")
    text = rs.dumps(strategy, "yaml")
    assert re.search(r"[&*]id[0-9]+", text) is None
    assert rs.loads(text, "yaml") == strategy


# === hostile input ========================================================================


# --- generated strategies keep their bound ------------------------------------------------


@given(st.data())
def test_generated_strategies_never_exceed_max_allocations(data):
    bound = data.draw(st.integers(1, 25))
    strategy = data.draw(rst.strategies(max_allocations=bound))
    assert 1 <= len(strategy.allocations) <= bound


@given(st.data())
def test_generated_strategies_need_room_for_one_allocation(data):
    with pytest.raises(ValueError, match="max_allocations is 0"):
        data.draw(rst.strategies(max_allocations=0))


@given(rst.motions(), rst.kamerstuk_refs())
def test_invented_motions_break_no_rule_and_references_read_back(motion, ref):
    strategy = attrs.evolve(rs.reference.strategy_2024(), motions=(*rs.reference.MOTIONS, motion))
    assert [f.code for f in rs.validate(strategy).findings] == ["RS102"]
    assert motion.settled_by is None
    assert motion.co_submitted or not motion.co_submitters
    assert rs.KamerstukRef.parse(str(ref)) == ref


@given(rst.strategies())
def test_generated_strategies_keep_the_letters_motions_first(strategy):
    assert strategy.motions[: len(rs.reference.MOTIONS)] == rs.reference.MOTIONS
    assert len(strategy.motions) <= len(rs.reference.MOTIONS) + 2
