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
# al-1 has a schedule (kasritme), so the money goes into its last year too; al-5 has none.
moved = rs.Money("100000.00")


def changed(allocation: rs.Allocation) -> rs.Allocation:
    if allocation.id == "al-5":
        return attrs.evolve(allocation, amount=allocation.amount - moved)
    if allocation.id != "al-1":
        return allocation
    *years, last = allocation.schedule
    schedule = (*years, attrs.evolve(last, amount=last.amount + moved))
    return attrs.evolve(allocation, amount=allocation.amount + moved, schedule=schedule)


v2 = attrs.evolve(v1, allocations=tuple(map(changed, v1.allocations)))

changes = reports.diff(v1, v2)
print(changes.to_text("en"))
assert changes.changed
assert rs.validate(v2).ok  # the total is unchanged, so the budget still balances
