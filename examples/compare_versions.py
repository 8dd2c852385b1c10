"""Compare two versions of a strategy: money moved, objects changed, findings.

Run from anywhere: python examples/compare_versions.py
"""

from pathlib import Path

import attrs

import romstrategy as rs
from romstrategy import reports

HERE = Path(__file__).resolve().parent

# Version 1: the illustrative plan (its split of the money is invented).
v1 = rs.load(HERE / "illustrative_plan.toml")

# Version 2 (also illustrative): move EUR 100,000.00 from al-5 (pillar III) to al-1 (pillar I).
moved = rs.Money("100000.00")
shift = {"al-1": moved, "al-5": -moved}
allocations = tuple(
    attrs.evolve(a, amount=a.amount + shift.get(a.id, rs.Money.zero())) for a in v1.allocations
)
v2 = attrs.evolve(v1, allocations=allocations)

changes = reports.diff(v1, v2)
print(changes.to_text("en"))
assert changes.changed
assert rs.validate(v2).ok  # the total is unchanged, so the budget still balances
