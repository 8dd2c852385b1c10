"""How much of the EUR 4 million was spent by 31 December 2025, per pillar?

Run from anywhere: python examples/spent_per_pillar.py
The plan, its allocations and its transactions are illustrative: the letter
publishes no split of the money, and no spending.
"""

from pathlib import Path

import attrs

import romstrategy as rs

plan = rs.load(Path(__file__).parent / "illustrative_plan.toml")
funds = [a for a in plan.allocations if a.source == "van-strien-funds"]  # the EUR 4 million
progress = rs.progress(attrs.evolve(plan, allocations=funds), by="pillar", as_of="2025-12-31")
for row in (*progress.rows, progress.total):
    print(f"{row.key:>5}: {row.spent.format('en'):>16} spent of {row.allocated.format('en')}")
