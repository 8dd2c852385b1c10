"""Write examples/illustrative_plan.xlsx from examples/illustrative_plan.toml.

The workbook is generated, never edited by hand: the tests check that the file in
the repository is what this script writes, byte for byte. Needs openpyxl
(pip install 'romstrategy[xlsx]').

Run from anywhere: python examples/make_illustrative_workbook.py [OUT.xlsx]
"""

import sys
from pathlib import Path

import romstrategy as rs

HERE = Path(__file__).resolve().parent

if len(sys.argv) > 2 or (len(sys.argv) == 2 and not sys.argv[1].endswith(".xlsx")):
    sys.exit(__doc__.strip().splitlines()[-1])  # the usage line, and exit status 1
target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "illustrative_plan.xlsx"
before = target.read_bytes() if target.exists() else None
plan = rs.load(HERE / "illustrative_plan.toml")
rs.dump(plan, target)
assert rs.load(target) == plan
print(f"wrote {target} ({'unchanged' if target.read_bytes() == before else 'updated'})")
