"""Excel workbooks: the layout, typed cells, strict reading, hostile files, the command."""

import datetime
import io
import pathlib
import re
import subprocess
import sys
import tempfile
import zipfile

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from romstrategy import DocumentError, Money, dump, dumps, load, loads, reference
from romstrategy.testing import strategies
from tests.helpers import TABLES, any_strategies, cannot_be_a_table, illustrative, run

EXAMPLES = pathlib.Path(__file__).parent.parent / "examples"


def written(tmp_path, strategy=None, name="plan.xlsx"):
    path = tmp_path / name
    dump(strategy if strategy is not None else illustrative(), path)
    return path


def edited(path, change):
    """Open the workbook as a user would, let `change` edit it, and save it."""
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    return path


def workbook_problems(path, **kwargs):
    with pytest.raises(DocumentError) as caught:
        load(path, **kwargs)
    assert caught.value.source == str(path)
    return list(caught.value.problems)


def amount_cell(book, row=2):
    sheet = book["allocations"]
    column = [cell.value for cell in sheet[1]].index("amount") + 1
    return sheet.cell(row=row, column=column)


# --- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize("make", [reference.strategy_2024, illustrative])
def test_a_workbook_reads_back_as_the_same_strategy(tmp_path, make):
    strategy = make()
    assert load(written(tmp_path, strategy)) == strategy


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies())
def test_generated_strategies_survive_a_workbook(strategy):
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "x.xlsx"
        dump(strategy, path)
        assert load(path) == strategy


@pytest.mark.parametrize(
    "text",
    [
        "=SUM(A1:A2)",
        "+31 20 123",
        "0042",
        "1e5",
        "2024-01-01",
        "TRUE",
        " spaces around ",
        "line\nbreak",
        "carriage\r\nreturn",
        "bell\x07 and nul\x00",
        "_x0041_ looks escaped",
        "x005F_ is dropped by openpyxl",
        "\ufffe",
    ],
)
def test_text_that_a_spreadsheet_would_change_reads_back_unchanged(tmp_path, text):
    plan = illustrative()
    pillar = attrs.evolve(plan.pillars[0], description=text)
    strategy = attrs.evolve(plan, pillars=(pillar, *plan.pillars[1:]))
    path = written(tmp_path, strategy)
    assert load(path) == strategy
    if text.startswith("="):
        sheet = openpyxl.load_workbook(path)["pillars"]
        assert sheet["D2"].data_type == "s"


def test_the_same_strategy_gives_the_same_bytes(tmp_path):
    first = written(tmp_path, name="a.xlsx").read_bytes()
    second = written(tmp_path, name="b.xlsx").read_bytes()
    assert first == second
    changed = attrs.evolve(illustrative(), title="Another title")
    assert written(tmp_path, changed, name="c.xlsx").read_bytes() != first


def test_a_hand_edit_reads_back_with_exactly_that_change(tmp_path):
    plan = illustrative()
    path = written(tmp_path, plan)

    def change(book):
        amount_cell(book).value = 1234.5  # typed as a number, as in Excel
        sheet = book["allocations"]
        first = plan.allocations[0]
        sheet.append(
            [
                "al-new",
                first.source,
                "250.00",  # typed as text
                first.pillar,
                first.activity,
                datetime.datetime(2025, 1, 1),  # a date cell, as Excel reads it
                "2025-06-30",  # ISO text
            ]
        )

    edited(path, change)
    first = attrs.evolve(plan.allocations[0], amount=Money("1234.50"))
    added = attrs.evolve(
        plan.allocations[0],
        id="al-new",
        amount=Money("250.00"),
        schedule=(),
        period=attrs.evolve(plan.allocations[0].period, start="2025-01-01", end="2025-06-30")
        if plan.allocations[0].period is not None
        else None,
    )
    expected = attrs.evolve(plan, allocations=(first, *plan.allocations[1:], added))
    assert load(path) == expected


def test_empty_rows_are_skipped(tmp_path):
    path = written(tmp_path)

    def change(book):
        book["allocations"].insert_rows(3, amount=2)

    assert load(edited(path, change)) == illustrative()


# --- the layout and the cells ------------------------------------------------------------


def test_one_visible_sheet_per_table_in_order_with_a_header(tmp_path):
    book = openpyxl.load_workbook(written(tmp_path))
    visible = [sheet.title for sheet in book.worksheets if sheet.sheet_state == "visible"]
    assert visible == TABLES
    hidden = [sheet.title for sheet in book.worksheets if sheet.sheet_state != "visible"]
    assert hidden == ["lists"]
    header = [cell.value for cell in book["allocations"][1]]
    assert header == ["id", "source", "amount", "pillar", "activity", "period_start", "period_end"]
    assert [row[0].value for row in book["strategy"].iter_rows()][:3] == [
        "field",
        "schema_version",
        "id",
    ]


def test_written_cells_are_typed_and_pleasant(tmp_path):
    plan = illustrative()
    book = openpyxl.load_workbook(written(tmp_path, plan))
    for sheet in (book[name] for name in TABLES):
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.b for cell in sheet[1])
    sheet = book["allocations"]
    amount = amount_cell(book)
    assert amount.data_type == "n"
    assert amount.value == float(plan.allocations[0].amount.to_text())
    assert amount.number_format == "#,##0.00"
    start = sheet["F2"]
    assert start.is_date
    assert start.value.date().isoformat() == "2024-07-01"
    assert sheet["A2"].data_type == "s"
    assert sheet.column_dimensions["B"].width >= len("van-strien-funds")
    assert book["strategy"]["B5"].is_date  # period_start


def test_enum_and_reference_columns_have_drop_down_lists(tmp_path):
    book = openpyxl.load_workbook(written(tmp_path))
    lists = book["lists"]

    def validations(sheet):
        return {
            str(cells): rule.formula1
            for rule in book[sheet].data_validations.dataValidation
            for cells in rule.sqref.ranges
        }

    activities = validations("activities")
    scope = activities["C2:C1048576"]
    assert scope.startswith("=lists!")
    letter = scope.split("$")[1]
    values = [row[0].value for row in lists[f"{letter}2:{letter}10"] if row[0].value]
    assert values == ["regional", "supra-regional"]
    assert "H2:H1048576" in activities  # service
    assert activities["D2:D1048576"] == "=pillars!$A$2:$A$1048576"  # pillar
    assert "C2:C1048576" in validations("principals")  # kind
    assert "B2:B1048576" in validations("motion_history")  # status
    assert "C2:C1048576" in validations("transactions")  # kind
    assert "D2:D1048576" in validations("funding_sources")  # kind
    assert "E2:E1048576" in validations("motions")  # co_submitted
    assert "B7" in validations("strategy")  # status


# --- strict reading ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "read"),
    [(0.3, "0.30"), (1234.5, "1234.50"), (7, "7.00"), (-12.34, "-12.34")],
)
def test_a_number_that_is_an_amount_in_cents_is_read(tmp_path, typed, read):
    path = edited(written(tmp_path), lambda book: setattr(amount_cell(book), "value", typed))
    assert load(path).allocations[0].amount == Money(read)


def replaced(path, old, new):
    """The workbook with `old` replaced by `new` in its sheets' XML, as another program saves it."""
    data = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(data, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename.startswith("xl/worksheets/"):
                content = content.replace(old, new)
            target.writestr(member, content)
    path.write_bytes(data.getvalue())
    return path


@pytest.mark.parametrize("typed", [0.1 + 0.2, 1.005, 1e-3])
def test_a_number_that_is_not_an_amount_in_cents_is_refused(tmp_path, typed):
    # openpyxl writes 0.1 + 0.2 as 0.3; Excel writes the 17 digits of the double.
    path = edited(written(tmp_path), lambda book: setattr(amount_cell(book), "value", 777.25))
    replaced(path, b"<v>777.25</v>", f"<v>{typed!r}</v>".encode())
    [problem] = workbook_problems(path)
    assert problem.path == "$.allocations[0].amount"
    assert problem.message.startswith("allocations!C2: the number ")
    assert "not an amount in cents" in problem.message


def test_a_formula_is_read_from_its_computed_value_and_refused_without_one(tmp_path):
    path = edited(
        written(tmp_path), lambda book: setattr(amount_cell(book), "value", "=1000+234.5")
    )
    [problem] = workbook_problems(path)
    assert problem.path == "$.allocations[0].amount"
    assert problem.message.startswith("allocations!C2: the formula '=1000+234.5' has no computed")
    # A spreadsheet program stores the value it computed beside the formula.
    data = _with_cached_value(path.read_bytes(), "1234.5")
    path.write_bytes(data)
    assert load(path).allocations[0].amount == Money("1234.50")


def _with_cached_value(data, value):
    """The workbook, its formula cells given `value` as computed, as Excel saves them."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "xl/worksheets/sheet10.xml":
                assert b"</f>" in content
                content = content.replace(b"</f><v></v>", b"</f>").replace(
                    b"</f>", f"</f><v>{value}</v>".encode()
                )
            target.writestr(member, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "path", "start"),
    [
        (
            "allocations",
            "A2",
            17,
            "$.allocations[0].id",
            "allocations!A2: the number 17; expected text",
        ),
        (
            "allocations",
            "C2",
            datetime.datetime(2024, 1, 1),
            "$.allocations[0].amount",
            "allocations!C2: a date cell; expected an amount",
        ),
        (
            "allocations",
            "F2",
            datetime.datetime(2024, 1, 1, 12, 30),
            "$.allocations[0].period.start",
            "allocations!F2: the date 2024-01-01 12:30:00 has a time of day",
        ),
        (
            "pillars",
            "B3",
            True,
            "$.pillars[1].title_nl",
            "pillars!B3: a TRUE/FALSE cell; expected text",
        ),
        ("allocations", "C2", "12.345", "$.allocations[0].amount", "allocations!C2: "),
        ("allocations", "F2", "1 Jan 2024", "$.allocations[0].period.start", "allocations!F2: "),
        ("strategy", "B3", 5, "$.id", "strategy!B3: the number 5; expected text"),
    ],
)
def test_each_problem_names_its_cell_and_json_path(tmp_path, sheet, cell, value, path, start):
    workbook = edited(written(tmp_path), lambda book: setattr(book[sheet][cell], "value", value))
    found = workbook_problems(workbook)
    assert [problem.path for problem in found] == [path]
    assert found[0].message.startswith(start)


def test_a_number_in_a_cell_not_formatted_as_a_date_is_not_a_date(tmp_path):
    def change(book):
        book["allocations"]["F2"].value = 45000
        book["allocations"]["F2"].number_format = "General"

    [problem] = workbook_problems(edited(written(tmp_path), change))
    assert problem.path == "$.allocations[0].period.start"
    assert problem.message.startswith(
        "allocations!F2: the number 45000; expected a date cell or YYYY-MM-DD"
    )


def test_every_problem_is_collected(tmp_path):
    def change(book):
        amount_cell(book).value = 1.005
        book["allocations"]["A3"].value = 3
        book["pillars"]["B2"].value = None  # a required text: reads as ""
        book["activities"]["C2"].value = "regionaal"

    found = workbook_problems(edited(written(tmp_path), change))
    assert {p.path for p in found} >= {
        "$.allocations[0].amount",
        "$.allocations[1].id",
        "$.activities[0].scope",
    }
    messages = " ".join(p.message for p in found)
    assert "activities!C2" in messages
    assert "allocations!A3" in messages


def test_an_unknown_sheet_or_column_is_a_problem_with_a_suggestion(tmp_path):
    def change(book):
        book["allocations"].title = "alocations"
        book["pillars"]["E1"].value = "descripton"
        book["pillars"]["E2"].value = "x"

    found = workbook_problems(edited(written(tmp_path), change))
    messages = [p.message for p in found]
    assert "sheet alocations: unknown sheet, did you mean `allocations`?" in messages
    assert "no sheet `allocations`" not in messages  # a left-out sheet is an empty collection
    assert "pillars!E1: unknown column 'descripton', did you mean `description`?" in messages


def test_a_collection_s_sheet_may_be_left_out_as_its_key_may_in_a_document(tmp_path):
    def drop(book):
        del book["transactions"]
        del book["allocations"]

    expected = attrs.evolve(illustrative(), allocations=(), transactions=())
    assert load(edited(written(tmp_path, expected), drop)) == expected
    assert [(p.path, p.message) for p in workbook_problems(
        edited(written(tmp_path), lambda book: book.remove(book["strategy"]))
    )] == [("$", "no sheet `strategy`")]  # fmt: skip


def _swap_columns(sheet, first, second):
    for row in sheet.iter_rows():
        a, b = row[first - 1], row[second - 1]
        a.value, b.value = b.value, a.value
        a.number_format, b.number_format = b.number_format, a.number_format


def test_columns_are_read_by_their_header_in_any_order(tmp_path):
    def reorder(book):
        _swap_columns(book["allocations"], 3, 4)  # amount and pillar
        _swap_columns(book["allocations"], 5, 7)  # activity and period_end
        _swap_columns(book["strategy"], 1, 2)  # value before field

    path = written(tmp_path)
    assert load(edited(path, reorder)) == illustrative()


def test_columns_without_a_header_are_ignored_while_empty(tmp_path):
    def note_far_right(book):
        book["allocations"]["Z1"].value = "colour"  # H1 to Y1 stay empty

    def stray_value(book):
        book["allocations"]["Y3"].value = "stray"

    def both(book):
        note_far_right(book)
        stray_value(book)

    assert [(p.path, p.message) for p in workbook_problems(edited(written(tmp_path), both))] == [
        (
            "$.allocations",
            "allocations!Z1: unknown column 'colour'; known: id, source, amount, pillar, "
            "activity, period_start, period_end",
        ),
        (
            "$.allocations",
            "allocations!Y3: a value in a column without a header; name the column or clear it",
        ),
    ]


def test_a_missing_column_names_the_header_row(tmp_path):
    def change(book):
        book["pillars"].delete_cols(4)

    found = workbook_problems(edited(written(tmp_path), change))
    assert [(p.path, p.message) for p in found] == [
        ("$.pillars", "pillars!1:1: the column `description` is missing")
    ]


def test_a_hidden_helper_sheet_is_allowed_but_a_visible_unknown_one_is_not(tmp_path):
    def change(book):
        book.create_sheet("notes").sheet_state = "hidden"

    path = edited(written(tmp_path), change)
    assert load(path) == illustrative()
    edited(path, lambda book: setattr(book["notes"], "sheet_state", "visible"))
    [problem] = workbook_problems(path)
    assert problem.message.startswith("sheet notes: unknown sheet")


# --- hostile workbooks -------------------------------------------------------------------


def test_a_macro_enabled_workbook_is_refused(tmp_path):
    path = tmp_path / "plan.xlsm"
    path.write_bytes(written(tmp_path).read_bytes())
    [problem] = workbook_problems(path)
    assert "macro" in problem.message
    with pytest.raises(ValueError, match="xlsm"):
        dump(illustrative(), path)


def test_a_workbook_with_a_vba_project_is_refused(tmp_path):
    path = written(tmp_path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\0" * 10)
    [problem] = workbook_problems(path)
    assert "vbaProject.bin" in problem.message


def test_a_zip_bomb_is_refused_before_it_is_unzipped(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(200):  # 200 MiB of zeros
                member.write(chunk)
    assert path.stat().st_size < 1_000_000
    [problem] = workbook_problems(path)
    assert problem.message.startswith("the workbook unzips to 209715")
    assert "more than the limit of 67108864" in problem.message


def test_max_bytes_applies_to_the_file_and_to_the_unzipped_parts(tmp_path):
    path = written(tmp_path)
    size = path.stat().st_size
    [problem] = workbook_problems(path, max_bytes=size - 1)
    assert (
        problem.message
        == f"the file has {size} bytes, more than the limit of {size - 1} (max_bytes= raises it)"
    )
    [problem] = workbook_problems(path, max_bytes=size)
    assert problem.message.startswith("the workbook unzips to ")
    assert load(path, max_bytes=10 * size) == illustrative()


def test_too_many_parts_is_refused(tmp_path):
    path = written(tmp_path)
    with zipfile.ZipFile(path, "a") as archive:
        for number in range(1000):
            archive.writestr(f"junk/{number}.xml", b"")
    [problem] = workbook_problems(path)
    assert "parts, more than the limit of 1000" in problem.message


@pytest.mark.parametrize("data", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_a_file_that_is_not_a_workbook_is_a_problem(tmp_path, data):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(data)
    [problem] = workbook_problems(path)
    assert problem.message.startswith("not an Excel workbook")


def test_a_damaged_workbook_is_a_problem_not_a_traceback(tmp_path):
    path = written(tmp_path)
    data = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(data, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "xl/worksheets/sheet2.xml":
                content = content[: len(content) // 2]
            target.writestr(member, content)
    path.write_bytes(data.getvalue())
    [problem] = workbook_problems(path)
    assert problem.message.startswith("not a readable Excel workbook")


def test_too_many_columns_is_refused(tmp_path):
    path = edited(written(tmp_path), lambda book: setattr(book["pillars"]["IW2"], "value", "x"))
    [problem] = workbook_problems(path)
    assert problem.message == "sheet pillars, row 2: more than the limit of 256 columns"


# --- the API and the extra -----------------------------------------------------------------


def test_loads_and_dumps_stay_text_only():
    with pytest.raises(ValueError, match="a workbook is a file"):
        dumps(illustrative(), "xlsx")
    with pytest.raises(ValueError, match="a workbook is a file"):
        loads(b"PK", "xlsx")


def _python(code):
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )


def test_import_romstrategy_does_not_import_openpyxl():
    result = _python("import sys, romstrategy; print('openpyxl' in sys.modules)")
    assert result.stdout.strip() == "False", result.stderr


def test_without_openpyxl_a_workbook_says_how_to_install_it(tmp_path):
    path = written(tmp_path)
    code = (
        "import sys; sys.modules['openpyxl'] = None\n"
        "import romstrategy\n"
        "for use in (lambda: romstrategy.load(sys.argv[1]),\n"
        "            lambda: romstrategy.dump(romstrategy.reference.strategy_2024(), sys.argv[1])):\n"
        "    try:\n"
        "        use()\n"
        "    except ImportError as error:\n"
        "        print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
    )
    lines = result.stdout.splitlines()
    assert len(lines) == 2, result.stderr
    assert all("pip install 'romstrategy[xlsx]'" in line for line in lines)
    command = (
        "import sys; sys.modules['openpyxl'] = None\n"
        "from romstrategy.cli import main\n"
        "main(['check', sys.argv[1]])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", command, str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "pip install 'romstrategy[xlsx]'" in result.stderr
    assert "Traceback" not in result.stderr


# --- the command -------------------------------------------------------------------------


def test_the_commands_read_and_write_workbooks(tmp_path):
    plan = EXAMPLES / "illustrative_plan.toml"
    workbook = tmp_path / "plan.xlsx"
    assert run("convert", plan, workbook).exit_code == 0
    assert load(workbook) == illustrative()
    back = tmp_path / "back.toml"
    assert run("convert", workbook, back).exit_code == 0
    assert load(back) == illustrative()
    assert run("check", workbook).exit_code == 0
    assert run("report", workbook).exit_code == 0
    assert run("progress", workbook).exit_code == 0
    result = run("diff", workbook, plan)
    assert result.exit_code == 0
    assert "No differences." in result.output


def test_check_names_the_cell_and_exits_2_for_a_bad_workbook(tmp_path):
    path = edited(written(tmp_path), lambda book: setattr(amount_cell(book), "value", 1.005))
    result = run("check", path)
    assert result.exit_code == 2
    assert f"{path}:$.allocations[0].amount: allocations!C2: the number 1.005" in result.output
    macro = tmp_path / "plan.xlsm"
    macro.write_bytes(b"")
    assert run("check", macro).exit_code == 2


def test_init_writes_a_starter_workbook_that_check_passes(tmp_path):
    path = tmp_path / "plan.xlsx"
    result = run("init", path)
    assert result.exit_code == 0, result.output
    checked = run("check", path)
    assert checked.exit_code == 0, checked.output
    assert "0 errors" in checked.output
    book = openpyxl.load_workbook(path)
    for name in TABLES:
        assert book[name].max_row >= 2, name  # the header and at least one row
    strategy = load(path)
    assert strategy.pillars == reference.strategy_2024().pillars
    assert strategy.roms == reference.strategy_2024().roms
    assert strategy.provinces == reference.strategy_2024().provinces
    assert all("Illustrative" in a.title for a in strategy.activities)
    assert run("init", path).exit_code == 2  # exists already


# --- the example workbook ----------------------------------------------------------------


def parts(path):
    with zipfile.ZipFile(path) as archive:
        return [(member.filename, archive.read(member)) for member in archive.infolist()]


def test_the_example_workbook_is_what_its_script_writes(tmp_path):
    out = tmp_path / "fresh.xlsx"
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "make_illustrative_workbook.py"), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    checked_in = EXAMPLES / "illustrative_plan.xlsx"
    # The parts, unzipped: zlib builds may compress the same parts to other bytes.
    assert parts(checked_in) == parts(out), (
        "examples/illustrative_plan.xlsx is stale: run python examples/make_illustrative_workbook.py"
    )
    assert load(checked_in) == illustrative()


# --- more strictness and limits ----------------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_strategies)
def test_any_strategy_survives_a_workbook_or_is_refused_when_written(strategy):
    refused = cannot_be_a_table(strategy)
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "x.xlsx"
        if not refused:
            dump(strategy, path)
            assert load(path) == strategy
            return
        with pytest.raises(ValueError, match="cannot be written as tables"):
            dump(strategy, path)
        assert list(pathlib.Path(folder).iterdir()) == []


def test_an_error_value_is_a_problem(tmp_path):
    path = edited(written(tmp_path), lambda book: setattr(amount_cell(book), "value", 777.25))
    data = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(data, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            content, count = re.subn(
                rb'<c r="C2"[^>]*><v>777.25</v></c>',
                b'<c r="C2" t="e"><v>#DIV/0!</v></c>',
                content,
            )
            assert count == (member.filename == "xl/worksheets/sheet10.xml")
            target.writestr(member, content)
    path.write_bytes(data.getvalue())
    [problem] = workbook_problems(path)
    assert (problem.path, problem.message) == (
        "$.allocations[0].amount",
        "allocations!C2: the cell holds the error #DIV/0!; expected an amount",
    )


def test_too_many_rows_is_refused(tmp_path):
    path = edited(
        written(tmp_path), lambda book: book["pillars"].cell(row=1_000_001, column=1, value="x")
    )
    [problem] = workbook_problems(path)
    assert problem.message == "sheet pillars: more than the limit of 1000000 rows"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le"])
def test_a_part_that_declares_a_dtd_is_refused_before_it_is_parsed(tmp_path, encoding):
    # With lxml installed, openpyxl's parser would expand entities, local files included.
    path = written(tmp_path)
    data = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(data, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "xl/worksheets/sheet5.xml":
                text = content.decode("utf-8").replace(
                    "<worksheet",
                    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet',
                    1,
                )
                content = text.encode(encoding)
            target.writestr(member, content)
    path.write_bytes(data.getvalue())
    [problem] = workbook_problems(path)
    assert problem.message.startswith(
        "the part 'xl/worksheets/sheet5.xml' declares a DTD (<!DOCTYPE>)"
    )


@pytest.mark.parametrize(
    ("max_bytes", "error"), [("1", TypeError), (True, TypeError), (-1, ValueError)]
)
def test_max_bytes_must_be_an_int_of_0_or_more(tmp_path, max_bytes, error):
    with pytest.raises(error, match="max_bytes"):
        load(written(tmp_path), max_bytes=max_bytes)


def test_a_formula_that_computed_empty_text_is_an_empty_cell(tmp_path):
    plan = illustrative()

    def change(book):
        sheet = book["allocations"]
        sheet["E2"].value = '=""'  # the optional activity of the first allocation
        sheet["A20"].value = '=""'  # a row of nothing but empty text: skipped

    path = edited(written(tmp_path, plan), change)
    data = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(data, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "xl/worksheets/sheet10.xml":
                # As Excel saves a formula whose result is empty text.
                content, count = re.subn(
                    rb'<c r="(E2|A20)"([^>]*)><f>""</f><v ?/></c>',
                    rb'<c r="\1"\2 t="str"><f>""</f><v></v></c>',
                    content,
                )
                assert count == 2
            target.writestr(member, content)
    path.write_bytes(data.getvalue())
    first = attrs.evolve(plan.allocations[0], activity=None)
    assert load(path) == attrs.evolve(plan, allocations=(first, *plan.allocations[1:]))


@pytest.mark.parametrize("day", ["0001-01-01", "1900-02-28", "1900-03-01", "9999-12-31"])
def test_any_date_survives_and_one_excel_cannot_show_is_text(tmp_path, day):
    plan = illustrative()
    transaction = attrs.evolve(plan.transactions[0], date=day)
    strategy = attrs.evolve(plan, transactions=(transaction, *plan.transactions[1:]))
    path = written(tmp_path, strategy)
    assert load(path) == strategy
    sheet = openpyxl.load_workbook(path)["transactions"]
    assert sheet["E2"].is_date == (day >= "1900-03-01")
