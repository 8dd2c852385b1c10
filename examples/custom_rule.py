"""Write your own rule, with its own code, and run it beside the built-in ones.

Run from anywhere: python examples/custom_rule.py
"""

from collections.abc import Iterator
from pathlib import Path

import attrs

import romstrategy as rs

HERE = Path(__file__).resolve().parent


# --8<-- [start:rule]
@rs.rule(
    "XY001",  # your own prefix: capital letters, then digits; RS is the library's
    rs.Severity.WARNING,
    title="A supra-regional activity receives no money",
    title_nl="Een bovenregionale activiteit krijgt geen geld",
)
def unfunded_activity(strategy: rs.Strategy) -> Iterator[rs.Finding]:
    """Every supra-regional activity receives money from at least one allocation.

    The finding's path is the activity, and its subject the activity's id.
    """
    funded = {allocation.activity for allocation in strategy.allocations}
    for activity in strategy.activities:
        if activity.scope is rs.Scope.SUPRA_REGIONAL and activity.id not in funded:
            yield rs.Finding(
                code="XY001",
                severity=rs.Severity.WARNING,
                message=f"Supra-regional activity {activity.id} receives no money.",
                message_nl=f"Bovenregionale activiteit {activity.id} krijgt geen geld.",
                path=f"activities[{activity.id}]",
                subjects=(activity.id,),
            )


# --8<-- [end:rule]


# --8<-- [start:use]
# The illustrative plan funds every supra-regional activity: no XY001 finding.
plan = rs.load(HERE / "illustrative_plan.toml")
assert "XY001" not in rs.validate(plan, rules=[unfunded_activity]).codes

# Add an activity without money (illustrative) and the rule reports it.
template = next(a for a in plan.activities if a.id == "supra-academy")
unfunded = attrs.evolve(template, id="supra-unfunded", title="An activity without money")
changed = attrs.evolve(plan, activities=(*plan.activities, unfunded))
report = rs.validate(changed, rules=[unfunded_activity])
print(report.format("en"))
assert report.codes == ("XY001",)
assert report.ok  # a warning is not an error

# Run only your own rule, or only some built-in ones, with select= and ignore=.
assert rs.validate(changed, rules=[unfunded_activity], select=["XY"]).codes == ("XY001",)
print(rs.rules.rule_for("XY001", rules=[unfunded_activity]).explanation)
# --8<-- [end:use]
