"""A notebook as a script: load, validate, report and plot a strategy.

Each `# %%` line starts a cell (Jupyter, VS Code and Spyder read them). As a
script it prints what a notebook would show. It needs no pandas and no matplotlib.

Run from anywhere: python examples/notebook.py
"""

# %% Load a strategy
# --8<-- [start:first-cell]
from pathlib import Path

import romstrategy as rs

HERE = Path(__file__).resolve().parent  # in a notebook: Path("examples")
plan = rs.load(HERE / "illustrative_plan.toml")  # illustrative: its split is invented
print(rs.summary(plan))  # in a notebook, `plan` alone shows an HTML table
# --8<-- [end:first-cell]

# %% Validate it
report = rs.validate(plan)
print(report.format("en"))  # "No findings." for this plan
assert report.ok

# %% Look at the allocations as rows (tables.to_pandas gives typed pandas DataFrames instead)
records = rs.to_records(plan)
for row in records["allocations"]:
    print(f"{row['id']:<6} pillar {row['pillar']:<4} {row['amount']:>12}  {row['activity']}")

# %% The overview report, in Dutch, as Markdown
from romstrategy import reports  # noqa: E402  # a notebook imports where it needs to

markdown = reports.render(plan, "md", "nl", report=report)
print("\n".join(markdown.splitlines()[:12]))

# %% Plot the money per pillar as a text chart
overview = reports.overview(plan, report)
largest = max(line.amount.cents for line in overview.pillars)
for line in overview.pillars:
    bar = "#" * round(40 * line.amount.cents / largest)
    print(f"{line.key:>4} {bar:<40} {line.amount.format('en'):>16}")

# %% Or as SVG charts, in one HTML page that loads nothing from a network
import tempfile  # noqa: E402

page = Path(tempfile.gettempdir()) / "romstrategy-overview.html"
page.write_text(reports.render(plan, "html", "en", report=report), encoding="utf-8")
# Money per pillar, per year, and (the plan has transactions) allocated, committed and spent.
assert page.read_text(encoding="utf-8").count("<svg") == 3
print(f"wrote {page}")  # in a notebook: IPython.display.HTML(page.read_text())
