"""Issue 7 suites: the motion lifecycle as a state machine, and rules against slow oracles."""

from collections import Counter

import attrs
import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import romstrategy as rs
from romstrategy import Motion, MotionKind, MotionStatus, Scope, StatusChange
from romstrategy import testing as rst

S = MotionStatus
# The lifecycle as issue 3 states it, written out again independently of the rules.
ALLOWED = {
    (S.SUBMITTED, S.ADOPTED), (S.SUBMITTED, S.REJECTED), (S.SUBMITTED, S.WITHDRAWN),
    (S.SUBMITTED, S.HELD), (S.HELD, S.ADOPTED), (S.HELD, S.REJECTED), (S.HELD, S.WITHDRAWN),
    (S.ADOPTED, S.IN_PROGRESS), (S.ADOPTED, S.SETTLED), (S.IN_PROGRESS, S.SETTLED),
}  # fmt: skip
SUBMITTED_ON = pendulum.Date(2023, 7, 6)


class MotionLifecycle(RuleBasedStateMachine):
    """Drive a motion through status changes; RS301 fires exactly for the illegal steps."""

    @initialize(kind=st.sampled_from(MotionKind))
    def start(self, kind):
        self.kind = kind
        self.history = []
        self.illegal_steps = 0
        self.latest = None

    @rule(status=st.sampled_from(MotionStatus), offset=st.none() | st.integers(-30, 60))
    def step(self, status, offset):
        on = None if offset is None else SUBMITTED_ON.add(days=offset)
        before = self.history[-1].status if self.history else None
        legal = (status is S.SUBMITTED) if before is None else (before, status) in ALLOWED
        if self.kind is MotionKind.AMENDMENT and status in {S.IN_PROGRESS, S.SETTLED}:
            legal = False
        if on is not None:
            legal = legal and on >= SUBMITTED_ON and (self.latest is None or on >= self.latest)
            self.latest = on if self.latest is None else max(self.latest, on)
        self.illegal_steps += not legal
        self.history.append(StatusChange(status=status, on=on, document="letter"))

    @invariant()
    def rs301_fires_exactly_for_illegal_steps(self):
        motion = Motion(
            id="m", kind=self.kind, title="t", submitter="s", submitted_on=SUBMITTED_ON,
            request="r", history=tuple(self.history),
        )  # fmt: skip
        strategy = attrs.evolve(rs.reference.strategy_2024(), motions=(motion,), settles=())
        findings = rs.validate(strategy, select=["RS301"]).findings
        assert len(findings) == self.illegal_steps, [f.message for f in findings]


MotionLifecycle.TestCase.settings = settings(
    max_examples=100, stateful_step_count=8, deadline=None
)
TestMotionLifecycle = MotionLifecycle.TestCase


# --- slow oracles ------------------------------------------------------------------------


def _normal(theme):
    return " ".join(theme.casefold().split())


def competing_pairs(strategy):
    """RS203 by comparing every supra-regional activity with every regional one."""
    found = set()
    for supra in strategy.activities:
        if supra.scope is not Scope.SUPRA_REGIONAL:
            continue
        for regional in strategy.activities:
            if regional.scope is not Scope.REGIONAL or regional.id in supra.complements:
                continue
            shared = sorted(set(supra.roms) & set(regional.roms))
            same = (
                _normal(supra.theme) == _normal(regional.theme)
                and supra.service is regional.service
            )
            if shared and same and supra.period.overlaps(regional.period):
                found.add((supra.id, regional.id))
    return found


@st.composite
def crowded_strategies(draw):
    """Valid strategies with extra activities that declare no complements."""
    base = draw(rst.strategies(max_allocations=4))
    extra = draw(st.lists(rst.activities(), max_size=25))
    extra = [attrs.evolve(a, id=f"extra-{i}", complements=()) for i, a in enumerate(extra)]
    return attrs.evolve(base, activities=(*base.activities, *extra))


@given(crowded_strategies())
def test_rs203_sweep_agrees_with_all_pairs(strategy):
    findings = rs.validate(strategy, select=["RS203"]).findings
    pairs = [(s.id, r.id) for s, r in rs.rules.competing_pairs(strategy.activities)]
    assert sorted(pairs) == sorted(competing_pairs(strategy))
    assert sorted(f.subjects[0] for f in findings) == sorted({s for s, _ in pairs})


def over_and_under(strategy):
    """RS101 and RS102 by summing each source's allocations one by one."""
    over, under = set(), set()
    for source in strategy.funding_sources:
        total = 0
        for allocation in strategy.allocations:
            if allocation.source == source.id:
                total += allocation.amount.cents
        if total > source.amount.cents:
            over.add(source.id)
        elif total < source.amount.cents:
            under.add(source.id)
    return over, under


@given(rst.strategies(max_allocations=6), st.data())
def test_budget_rules_agree_with_naive_sums(strategy, data):
    moved = [
        attrs.evolve(
            a, amount=rs.Money.from_cents(max(0, a.amount.cents + data.draw(st.integers(-3, 3))))
        )
        for a in strategy.allocations
    ]
    strategy = attrs.evolve(strategy, allocations=tuple(moved))
    report = rs.validate(strategy, select=["RS101", "RS102"])
    over, under = over_and_under(strategy)
    assert {f.subjects[0] for f in report.findings if f.code == "RS101"} == over
    assert {f.subjects[0] for f in report.findings if f.code == "RS102"} == under


@given(rst.strategies(max_allocations=4), st.data())
def test_duplicate_ids_agree_with_counting(strategy, data):
    copies = data.draw(st.lists(st.sampled_from(strategy.allocations), max_size=3))
    strategy = attrs.evolve(strategy, allocations=(*strategy.allocations, *copies))
    counts = Counter(a.id for a in strategy.allocations)
    twice = {key for key, count in counts.items() if count > 1}
    findings = rs.validate(strategy, select=["RS002"]).findings
    assert {f.path for f in findings} == {f"allocations[{key}]" for key in twice}
