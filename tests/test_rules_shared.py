"""What the rules share within one run, and that nothing outlives it (issue 24)."""

import gc
import weakref

from hypothesis import given

import romstrategy as rs
from romstrategy._rules import _realisation_rules
from romstrategy._rules._rule import Memo, Sharing, run, shares
from romstrategy.rules import RULES, Severity, Violation, rule, validate
from tests.helpers import commit, pay, small
from tests.test_rules import ledgers, realised


def test_a_memo_makes_each_value_once_and_a_new_memo_makes_it_again():
    strategy = small()
    made = []

    def count_allocations(s):
        made.append(s)
        return len(s.allocations)

    memo = Memo(strategy)
    assert memo.strategy is strategy
    assert memo.get(count_allocations) == memo.get(count_allocations) == len(strategy.allocations)
    assert made == [strategy]
    assert Memo(strategy).get(count_allocations) == len(strategy.allocations)
    assert made == [strategy, strategy]


def test_a_shared_check_reads_the_memo_it_is_given_and_makes_one_alone():
    seen = []

    @rule("ACME001", Severity.WARNING, title="Shares", explanation="A check that shares.")
    @shares
    def sharing(strategy, memo):
        """It reads the memo."""
        seen.append(memo)
        yield from ()

    assert isinstance(sharing.check, Sharing)
    assert sharing.check.__name__ == "sharing"
    strategy = small()
    memo = Memo(strategy)
    assert run(sharing, memo) == ()
    assert seen == [memo]
    assert sharing.run(strategy) == ()
    assert len(seen) == 2
    assert seen[1] is not memo
    assert seen[1].strategy is strategy


def test_a_shared_check_takes_its_explanation_from_its_docstring():
    @rule("ACME002", Severity.INFO, title="Documented")
    @shares
    def documented(strategy, memo):
        """Explained here."""
        yield Violation(message="m", message_nl="m", path="roms[x]", subjects=("x",))

    assert documented.explanation == "Explained here."
    assert [f.code for f in documented.run(small())] == ["ACME002"]


def test_the_realisation_rules_keep_no_state_between_calls():
    # Constants are named in capitals; nothing else in the module may hold data.
    held = [
        name
        for name, value in vars(_realisation_rules).items()
        if isinstance(value, dict | set | list | weakref.ref) and not name.isupper()
    ]
    assert [name for name in held if not name.startswith("__")] == []
    s = realised(pay("t-1", "10.00", "2024-03-01"), commit("t-2", "-1.00", "2024-03-02"))
    gone = weakref.ref(s)
    assert [f.code for f in validate(s).findings] == ["RS502", "RS505"]
    del s
    gc.collect()
    assert gone() is None  # nothing the library holds keeps the strategy alive


@given(ledgers())
def test_validate_finds_what_each_rule_finds_alone(strategy):
    alone = [finding for code in sorted(RULES) for finding in RULES[code].run(strategy)]
    assert validate(strategy).findings == rs.rules.Findings(alone).findings
