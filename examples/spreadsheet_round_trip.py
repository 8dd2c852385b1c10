"""A workbook edited as in Excel: write it, change a cell with openpyxl, read it back.

Needs openpyxl (pip install 'romstrategy[xlsx]').

Run from anywhere: python examples/spreadsheet_round_trip.py
"""

import tempfile
from pathlib import Path

import openpyxl

import romstrategy as rs
from romstrategy import reports

HERE = Path(__file__).resolve().parent

plan = rs.load(HERE / "illustrative_plan.toml")

with tempfile.TemporaryDirectory() as folder:
    workbook = Path(folder) / "plan.xlsx"
    rs.dump(plan, workbook)

    # What a user does in Excel: type a new amount for the first allocation.
    book = openpyxl.load_workbook(workbook)
    sheet = book["allocations"]
    amount = [cell.value for cell in sheet[1]].index("amount") + 1
    print(f"allocations!{sheet.cell(row=2, column=amount).coordinate}: ", end="")
    print(f"{sheet.cell(row=2, column=amount).value:,.2f} -> 1,250,000.00")
    sheet.cell(row=2, column=amount).value = 1250000
    book.save(workbook)

    edited = rs.load(workbook)

changes = reports.diff(plan, edited)
print(changes.to_text("en"))
assert changes.changed
assert edited.allocations[0].amount == rs.Money("1250000.00")
assert edited.allocations[1:] == plan.allocations[1:]
