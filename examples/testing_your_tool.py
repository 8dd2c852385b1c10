"""Test a tool built on romstrategy: small inline documents, then generated strategies.

`tool_pillar_totals` stands for your own code. The first tests build small
documents inline, so each says what it proves; the last ones let
`romstrategy.testing` (extra `romstrategy[testing]`, which needs Hypothesis)
generate valid and broken strategies. Run them with pytest (copy this file
into your tests) or as a script: python examples/testing_your_tool.py
"""

from pathlib import Path

from hypothesis import given, settings

import romstrategy as rs
from romstrategy import testing as rst

HERE = Path(__file__).resolve().parent


# --8<-- [start:tool]
def tool_pillar_totals(strategy: rs.Strategy) -> dict[str, rs.Money]:
    """Your tool: the money allocated to each pillar, with every pillar present."""
    totals = {pillar.code: rs.Money.zero() for pillar in strategy.pillars}
    for allocation in strategy.allocations:
        totals[allocation.pillar] = totals[allocation.pillar] + allocation.amount
    return totals


# --8<-- [end:tool]


# --8<-- [start:tests]
ONE_FUND = """
schema_version = 1
id = "test"
title = "Test"
period = { start = "2024-01-01", end = "2027-12-31" }
pillars = [
    { code = "I", title_nl = "I", title_en = "I", description = "" },
    { code = "II", title_nl = "II", title_en = "II", description = "" },
]
funding_sources = [{ id = "fund", name = "Fund", amount = "100.00", kind = "incidental" }]
"""


def small_plan(*allocations: str) -> rs.Strategy:
    """An illustrative strategy: one fund of EUR 100.00 and the given allocations."""
    return rs.loads(ONE_FUND + "".join(allocations), "toml")


def allocation(name: str, pillar: str, amount: str) -> str:
    return f"""
[[allocations]]
id = "{name}"
source = "fund"
pillar = "{pillar}"
amount = "{amount}"
period = {{ start = "2024-01-01", end = "2024-12-31" }}
"""


def test_totals_add_up_to_the_money_allocated() -> None:
    plan = small_plan(allocation("a", "I", "60.00"), allocation("b", "I", "40.00"))
    assert rs.validate(plan).ok  # the input is valid, so the test is about the tool
    assert tool_pillar_totals(plan) == {"I": rs.Money("100.00"), "II": rs.Money.zero()}


def test_totals_keep_an_over_allocation_visible() -> None:
    plan = small_plan(allocation("a", "I", "60.00"), allocation("b", "II", "40.01"))
    assert rs.validate(plan).codes == ("RS101",)  # the rules see the excess ...
    assert tool_pillar_totals(plan)["II"] == rs.Money("40.01")  # ... and the tool keeps it


def test_totals_of_the_reference_strategy_are_zero() -> None:
    totals = tool_pillar_totals(rs.load(HERE / "reference" / "strategy_2024.toml"))
    assert set(totals) == {"I", "II", "III"}
    assert sum(totals.values(), rs.Money.zero()) == rs.Money.zero()


# --8<-- [end:tests]


# --8<-- [start:hypothesis]
@settings(max_examples=25, deadline=None)
@given(rst.strategies(max_allocations=10))
def test_totals_match_the_allocations_of_any_valid_strategy(strategy: rs.Strategy) -> None:
    assert rs.validate(strategy).ok  # generated strategies pass every rule
    allocated = sum((a.amount for a in strategy.allocations), rs.Money.zero())
    assert sum(tool_pillar_totals(strategy).values(), rs.Money.zero()) == allocated


@settings(max_examples=25, deadline=None)
@given(rst.broken_strategies(codes=["RS101", "RS104"]))
def test_totals_survive_broken_budgets(broken: rst.Broken) -> None:
    assert broken.codes <= set(rs.validate(broken.strategy).codes)
    tool_pillar_totals(broken.strategy)  # must not crash on a strategy that breaks rules


# --8<-- [end:hypothesis]

if __name__ == "__main__":
    for name, test in sorted(globals().items()):
        if name.startswith("test_") and callable(test):
            test()
            print("passed", name)
