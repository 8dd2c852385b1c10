"""Read motions saved from the Tweede Kamer's open data, and merge them into a plan.

Run from anywhere: python examples/motions_from_the_kamer.py
`odata/zaken.json` was constructed for the tests in the shape of the Kamer's answer;
every name and number in it is invented (see odata/README.md).
"""

from pathlib import Path

import romstrategy as rs
from romstrategy import parliament

HERE = Path(__file__).parent
plan = rs.load(HERE / "illustrative_plan.toml")
found = parliament.from_odata(HERE / "odata" / "zaken.json")
for motion in found.motions:
    print(f"{motion.id}  {motion.kamerstuk or 'no Kamerstuk'}  {motion.status.value}")
for warning in found.warnings:
    print(f"warning: {warning}")

merged = parliament.merge(plan, found.motions, add_new=True)
assert parliament.merge(merged, found.motions, add_new=True) == merged  # once is enough
added = len(merged.motions) - len(plan.motions)
print(f"{added} motions added; the plan had {len(plan.motions)}")
assert all(m.settled_by is None for m in merged.motions[len(plan.motions) :])  # never settled
