"""Load the reference strategy from its document and check it against the rules.

Run from anywhere: python examples/check_reference.py
"""

from pathlib import Path

import romstrategy as rs

HERE = Path(__file__).resolve().parent

# The strategy from the minister's letter, as a document (TOML; JSON and YAML are alike).
strategy = rs.load(HERE / "reference" / "strategy_2024.toml")
assert strategy == rs.reference.strategy_2024()  # the document holds the letter's strategy

report = rs.validate(strategy)
print(rs.summary(strategy))
print(report.format("en"))

# The letter publishes no split of the money, so the reference strategy is a draft with
# EUR 4,000,000 unallocated: a warning (RS102), not an error.
assert report.ok, report.errors
assert report.codes == ("RS102",)
report.raise_for_errors()  # raises StrategyInvalid only when there are errors
