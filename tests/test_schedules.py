"""An allocation's schedule (*kasritme*) through every format, and RS106 (issue 28, part 4).

The illustrative plan has schedules on al-1, al-3 and al-4 (invented, like the
plan); the reference strategy has none, because the letter gives none.
"""

import json
import pathlib
import tempfile
import zipfile

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import Money, Period, YearAmount, tables
from romstrategy._documents._workbook import workbook_bytes
from tests.helpers import allocation, illustrative, small

PLAN = illustrative()

FORMATS = ("json", "toml", "yaml")


def _scheduled(*lines):
    """One allocation of EUR 100.00 over 2024-2025 with `lines` of (year, euros)."""
    schedule = tuple(YearAmount(year=y, amount=Money(a)) for y, a in lines)
    return allocation(period=Period("2024-01-01", "2025-12-31"), schedule=schedule)


# --- the model --------------------------------------------------------------------------------


def test_the_reference_strategy_has_no_schedule_and_the_plan_has_three():
    assert all(not a.schedule for a in rs.reference.strategy_2024().allocations)
    assert [len(a.schedule) for a in PLAN.allocations] == [3, 0, 1, 3, 0]


@pytest.mark.parametrize("year", ["2025", 2025.0, True, 0, 10_000, None])
def test_a_year_is_a_whole_calendar_year_and_nothing_else(year):
    with pytest.raises(
        rs.FieldError, match=r"\AYearAmount\.year: got .*, expected a calendar year"
    ):
        YearAmount(year=year, amount=Money(1))


def test_a_schedule_is_a_tuple_of_year_amounts():
    with pytest.raises(rs.FieldError, match=r"Allocation\.schedule\[0\]"):
        allocation(schedule=[{"year": 2024, "amount": "1.00"}])
    assert allocation(schedule=[YearAmount(year=2024, amount=Money(1))]).schedule == (
        YearAmount(year=2024, amount=Money(1)),
    )


# --- every format -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_schedule_reads_back_unchanged_from_every_document_format(fmt):
    assert rs.loads(rs.dumps(PLAN, fmt), fmt) == PLAN


def test_a_document_without_a_schedule_is_written_as_before():
    assert "schedule" not in rs.dumps(rs.reference.strategy_2024(), "json")
    first = json.loads(rs.dumps(PLAN, "json"))["allocations"][0]
    assert first["schedule"][0] == {"year": 2024, "amount": "600000.00"}


def test_a_schedule_reads_back_from_the_workbook_and_its_sheet_holds_numbers(tmp_path):
    path = tmp_path / "plan.xlsx"
    rs.dump(PLAN, path)
    assert rs.load(path) == PLAN
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(path)["allocation_schedule"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[:3] == [
        ["allocation", "year", "amount"],
        ["al-1", 2024, 600000],
        ["al-1", 2025, 400000],
    ]
    assert len(rows) == 1 + 7


def test_a_year_typed_as_text_or_saved_as_2025_0_reads_as_the_year(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "plan.xlsx"
    rs.dump(PLAN, path)
    book = openpyxl.load_workbook(path)
    book["allocation_schedule"]["B2"].value = "2024"
    book.save(path)
    assert rs.load(path) == PLAN
    # As some programs save a whole number: `<v>2025.0</v>`, which reads as a float.
    sheet = "xl/worksheets/sheet11.xml"
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    assert b'<c r="B3" t="n"><v>2025</v>' in parts[sheet]
    parts[sheet] = parts[sheet].replace(
        b'<c r="B3" t="n"><v>2025</v>', b'<c r="B3" t="n"><v>2025.0</v>'
    )
    with zipfile.ZipFile(path, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)
    assert rs.load(path) == PLAN


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        ("twenty", "got 'twenty', expected a calendar year"),
        (2025.5, "the number 2025.5; expected a year"),
        ("02024", "got '02024', expected a calendar year"),
    ],
)
def test_a_bad_year_is_refused_at_its_cell(tmp_path, cell, said):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "plan.xlsx"
    rs.dump(PLAN, path)
    book = openpyxl.load_workbook(path)
    book["allocation_schedule"]["B3"].value = cell
    book.save(path)
    with pytest.raises(rs.DocumentError) as error:
        rs.load(path)
    (problem,) = error.value.problems
    assert problem.path == "$.allocations[0].schedule[1].year"
    assert problem.message.startswith("allocation_schedule!B3: ")
    assert said in problem.message


def test_a_schedule_row_of_an_unknown_allocation_is_refused_at_its_row(tmp_path):
    tables.write_datapackage(PLAN, tmp_path)
    schedule = tmp_path / "allocation_schedule.csv"
    schedule.write_text(schedule.read_text().replace("al-3,", "al-9,"), encoding="utf-8")
    with pytest.raises(rs.DocumentError) as error:
        tables.read_datapackage(tmp_path)
    assert [p.message for p in error.value.problems] == [
        "allocation_schedule.csv, line 5, column allocation: no allocation has the id 'al-9' "
        "in `allocations`; a row of `allocation_schedule` names its allocation by a unique id"
    ]


def test_the_data_package_has_a_schedule_table_that_frictionless_reads_as_numbers(tmp_path):
    tables.write_datapackage(PLAN, tmp_path)
    assert tables.read_datapackage(tmp_path) == PLAN
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [r for r in descriptor["resources"] if r["name"] == "allocation_schedule"]
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert fields["year"]["type"] == "integer"
    assert fields["amount"]["type"] == "number"
    assert resource["schema"]["foreignKeys"] == [
        {"fields": ["allocation"], "reference": {"resource": "allocations", "fields": ["id"]}}
    ]
    frictionless = pytest.importorskip("frictionless")
    package = frictionless.Package(str(tmp_path / "datapackage.json"))
    frame = package.get_resource("allocation_schedule").to_pandas()
    assert frame.groupby("year")["amount"].sum().to_dict() == {
        2024: 1_700_000, 2025: 800_000, 2026: 500_000
    }  # fmt: skip


def test_a_schedule_whose_owner_id_is_used_twice_cannot_be_written_as_tables():
    twice = attrs.evolve(PLAN, allocations=(*PLAN.allocations, PLAN.allocations[0]))
    with pytest.raises(
        rs.ArgumentError, match=r"allocations\[0\]\.schedule: the id 'al-1' is not"
    ):
        workbook_bytes(twice)


def test_the_frames_have_the_schedule_with_int16_years_and_exact_money():
    pa = pytest.importorskip("pyarrow")
    table = tables.to_arrow(PLAN)["allocation_schedule"]
    assert table.schema.field("year").type == pa.int16()
    assert table.schema.field("amount").type == pa.decimal128(15, 2)
    frame = tables.to_pandas(PLAN)["allocation_schedule"]
    assert frame.groupby("year")["amount"].sum().sum() == sum(
        line.amount.amount for a in PLAN.allocations for line in a.schedule
    )


def test_the_json_schema_takes_a_year_as_an_integer():
    definition = rs.json_schema()["$defs"]["YearAmount"]
    year = definition["properties"]["year"]
    assert (year["type"], year["minimum"], year["maximum"]) == ("integer", 1, 9999)
    assert "2025.0" in year["description"]  # JSON Schema's integer takes it; the reader refuses
    assert rs.json_schema()["$defs"]["Allocation"]["properties"]["schedule"]["items"] == {
        "$ref": "#/$defs/YearAmount"
    }


@settings(max_examples=30)
@given(
    st.lists(st.tuples(st.integers(1, 9999), st.integers(-(10**14), 10**14)), max_size=4).map(
        lambda lines: tuple(YearAmount(year=y, amount=Money.from_cents(c)) for y, c in lines)
    )
)
def test_any_schedule_reads_back_unchanged_from_every_format_and_table(schedule):
    first = attrs.evolve(PLAN.allocations[0], schedule=schedule)
    strategy = attrs.evolve(PLAN, allocations=(first,), transactions=())
    for fmt in FORMATS:
        assert rs.loads(rs.dumps(strategy, fmt), fmt) == strategy
    with tempfile.TemporaryDirectory() as folder:
        workbook = pathlib.Path(folder) / "plan.xlsx"
        rs.dump(strategy, workbook)
        assert rs.load(workbook) == strategy
        tables.write_datapackage(strategy, pathlib.Path(folder) / "package")
        assert tables.read_datapackage(pathlib.Path(folder) / "package") == strategy


# --- RS106 ------------------------------------------------------------------------------------


def _rs106(*allocations):
    return [
        f.message for f in rs.validate(small(allocations=allocations), select="RS106").findings
    ]


def test_rs106_fires_for_a_schedule_a_cent_short_and_not_for_one_that_adds_up():
    assert _rs106(_scheduled((2024, "60.00"), (2025, "39.99"))) == [
        "The schedule of allocation al-1 adds up to EUR 99.99, EUR 0.01 less than its amount "
        "of EUR 100.00."
    ]
    assert _rs106(_scheduled((2024, "60.00"), (2025, "40.00"))) == []


def test_rs106_fires_for_a_schedule_a_cent_over():
    assert _rs106(_scheduled((2024, "100.01"))) == [
        "The schedule of allocation al-1 adds up to EUR 100.01, EUR 0.01 more than its amount "
        "of EUR 100.00."
    ]


def test_rs106_fires_for_a_year_outside_the_period_and_not_for_its_last_year():
    assert _rs106(_scheduled((2024, "50.00"), (2026, "50.00"))) == [
        "The schedule of allocation al-1 plans 2026, outside its period (2024-01-01 to "
        "2025-12-31)."
    ]
    assert _rs106(_scheduled((2024, "50.00"), (2025, "50.00"))) == []


def test_rs106_fires_for_a_year_named_twice_and_lists_every_problem_in_one_finding():
    (message,) = _rs106(_scheduled((2024, "50.00"), (2024, "50.00"), (2023, "1.00")))
    assert message == (
        "The schedule of allocation al-1 adds up to EUR 101.00, EUR 1.00 more than its amount "
        "of EUR 100.00; plans 2023, outside its period (2024-01-01 to 2025-12-31); names 2024 "
        "more than once."
    )
    finding = rs.validate(small(allocations=(_scheduled((2024, "1.00")),)), select="RS106")
    assert finding.findings[0].path == "allocations[al-1].schedule"
    assert finding.findings[0].message_nl.startswith("Het kasritme van toewijzing al-1 telt op")


def test_rs106_keeps_quiet_without_a_schedule():
    assert _rs106(allocation(), allocation(id="al-2", amount=Money(0))) == []


@given(st.lists(st.integers(0, 10**9), min_size=1, max_size=4), st.integers(-5, 5))
def test_rs106_fires_exactly_when_a_schedule_within_its_years_does_not_add_up(cents, off):
    lines = tuple(
        YearAmount(year=2024 + i % 2, amount=Money.from_cents(c)) for i, c in enumerate(cents[:2])
    )
    amount = Money.from_cents(sum(c for c in cents[:2]) + off)
    found = _rs106(
        allocation(amount=amount, period=Period("2024-01-01", "2025-12-31"), schedule=lines)
    )
    assert bool(found) == (off != 0)


def test_an_id_refused_at_its_cell_brings_no_noise_from_its_schedule_rows(tmp_path):
    """`al-1  ` is refused once, at allocations!A2; its schedule's rows say nothing more."""
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "plan.xlsx"
    rs.dump(PLAN, path)
    book = openpyxl.load_workbook(path)
    book["allocations"]["A2"].value = "al-1  "
    book.save(path)
    with pytest.raises(rs.DocumentError) as error:
        rs.load(path)
    assert [(p.path, p.message.split(":")[0]) for p in error.value.problems] == [
        ("$.allocations[0].id", "allocations!A2")
    ]
    assert "has a space at its end" in error.value.problems[0].message


def test_a_package_written_before_schedules_reads_as_having_none(tmp_path):
    tables.write_datapackage(PLAN, tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [
        r for r in descriptor["resources"] if r["name"] != "allocation_schedule"
    ]
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (tmp_path / "allocation_schedule.csv").unlink()
    unscheduled = tuple(attrs.evolve(a, schedule=()) for a in PLAN.allocations)
    assert tables.read_datapackage(tmp_path) == attrs.evolve(PLAN, allocations=unscheduled)


def test_schedule_rows_without_the_allocations_sheet_are_refused_not_dropped(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "plan.xlsx"
    rs.dump(PLAN, path)
    book = openpyxl.load_workbook(path)
    del book["allocations"]
    book.save(path)
    with pytest.raises(rs.DocumentError) as error:
        rs.load(path)
    rows = [p for p in error.value.problems if p.path == "$.allocation_schedule"]
    assert len(rows) == 7  # every row of the schedules, none lost in silence
    assert rows[0].message.startswith("allocation_schedule!A2: no allocation has the id 'al-1'")


def _first_schedule_row_refused(folder, old, new):
    """The one problem of the package of `PLAN` whose first schedule row has `old` as `new`."""
    tables.write_datapackage(PLAN, folder)
    schedule = folder / "allocation_schedule.csv"
    lines = schedule.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(old, new, 1)
    schedule.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    with pytest.raises(rs.DocumentError) as error:
        tables.read_datapackage(folder)
    (problem,) = error.value.problems
    return problem


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("al-1 ", "has a space at its end"),
        ("e\u0301", "is not in Unicode NFC"),
    ],
)
def test_the_allocation_column_of_a_schedule_row_says_what_is_wrong_with_the_id(
    tmp_path, typed, said
):
    problem = _first_schedule_row_refused(tmp_path, "al-1", typed)
    assert problem.message.startswith("allocation_schedule.csv, line 2, column allocation: got ")
    assert said in problem.message


@pytest.mark.parametrize("typed", ["0999", "0", "-1", "02024"])
def test_a_year_with_a_leading_zero_or_sign_is_refused_as_typed(tmp_path, typed):
    problem = _first_schedule_row_refused(tmp_path, ",2024,", f",{typed},")
    assert f"got '{typed}', expected a calendar year" in problem.message
