import attrs
from hypothesis import given
from hypothesis import strategies as st

from romstrategy import Money, StrategyStatus
from romstrategy.rules import RULES, Report, validate
from tests.rules_helpers import allocation, messy_strategies, shuffled, small, source

PREFIXES = sorted({code[:n] for code in RULES for n in range(3, 6)})


@st.composite
def balanced_strategies(draw):
    """Strategies whose funding sources are each allocated exactly, to the cent."""
    sources, allocations = [], []
    for index in range(draw(st.integers(min_value=1, max_value=4))):
        amount = Money.from_cents(draw(st.integers(min_value=1, max_value=10**12)))
        sources.append(source(id=f"fund-{index}", amount=amount))
        ratios = draw(st.lists(st.integers(min_value=1, max_value=1000), min_size=1, max_size=6))
        for part, cents in enumerate(amount.allocate(ratios)):
            allocations.append(
                allocation(id=f"al-{index}-{part}", source=f"fund-{index}", amount=cents)
            )
    status = draw(st.sampled_from(StrategyStatus))
    return small(status=status, funding_sources=tuple(sources), allocations=tuple(allocations))


@given(balanced_strategies())
def test_a_strategy_built_to_balance_has_no_rs101_or_rs102(strategy):
    assert validate(strategy, select=["RS101", "RS102"]).findings == ()


@given(balanced_strategies(), st.data())
def test_one_more_cent_anywhere_gives_exactly_one_rs101(strategy, data):
    allocations = list(strategy.allocations)
    index = data.draw(st.integers(min_value=0, max_value=len(allocations)), label="where")
    if index == len(allocations):
        target = data.draw(st.sampled_from(strategy.funding_sources)).id
        allocations.append(allocation(id="one-cent", source=target, amount=Money("0.01")))
    else:
        chosen = allocations[index]
        target = chosen.source
        allocations[index] = attrs.evolve(chosen, amount=chosen.amount + Money("0.01"))
    report = validate(attrs.evolve(strategy, allocations=tuple(allocations)))
    assert [f.code for f in report.findings] == ["RS101"]
    assert report.findings[0].subjects == (target,)
    assert "over-allocated by EUR 0.01" in report.findings[0].message


@given(messy_strategies(), st.lists(st.sampled_from(PREFIXES), min_size=1, max_size=3))
def test_select_and_ignore_partition_the_findings(strategy, prefixes):
    everything = validate(strategy).findings
    chosen = validate(strategy, select=prefixes).findings
    rest = validate(strategy, ignore=prefixes).findings
    assert Report(chosen + rest).findings == everything
    assert not set(chosen) & set(rest)
    assert all(f.code.startswith(tuple(prefixes)) for f in chosen)


@given(messy_strategies(), st.randoms(use_true_random=False))
def test_the_findings_do_not_depend_on_the_order_of_the_input(strategy, rnd):
    assert validate(shuffled(strategy, rnd)).findings == validate(strategy).findings


@given(messy_strategies())
def test_findings_are_sorted_by_code_then_path_and_carry_ids_not_positions(strategy):
    findings = validate(strategy).findings
    keys = [(f.code, f.path) for f in findings]
    assert keys == sorted(keys)
    for f in findings:
        assert f.code in RULES
        assert f.message
        assert f.message_nl
        assert f.message != f.message_nl
