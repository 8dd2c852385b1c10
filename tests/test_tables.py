"""Frictionless data packages: the tabular layout, round trips, strict reading, validation."""

import csv
import io
import json
import pathlib
import tempfile

import attrs
import pytest
from hypothesis import given

from romstrategy import DocumentError, Problem, load, reference
from romstrategy.tables import read_datapackage, write_datapackage
from romstrategy.testing import strategies
from tests.helpers import TABLES, any_strategies, cannot_be_a_table, illustrative

EXAMPLES = pathlib.Path(__file__).parent.parent / "examples"


def rows(folder, name):
    text = (folder / name).read_bytes().decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def edit(folder, name, change):
    """Rewrite one CSV file of a package: `change` edits its rows in place."""
    table = rows(folder, name)
    change(table)
    stream = io.StringIO(newline="")
    csv.writer(stream, lineterminator="\r\n").writerows(table)
    (folder / name).write_bytes(stream.getvalue().encode("utf-8"))


def package_problems(path):
    with pytest.raises(DocumentError) as caught:
        read_datapackage(path)
    return list(caught.value.problems)


# --- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize("make", [reference.strategy_2024, illustrative])
def test_a_package_reads_back_as_the_same_strategy(tmp_path, make):
    strategy = make()
    descriptor = write_datapackage(strategy, tmp_path / "new" / "package")
    assert descriptor == tmp_path / "new" / "package" / "datapackage.json"
    assert read_datapackage(descriptor.parent) == strategy
    assert read_datapackage(descriptor) == strategy


def test_the_files_and_their_columns_follow_the_layout(tmp_path):
    write_datapackage(illustrative(), tmp_path)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    names = [resource["name"] for resource in package["resources"]]
    assert names == TABLES
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{name}.csv" for name in TABLES] + ["datapackage.json"]
    )
    data = (tmp_path / "allocations.csv").read_bytes()
    assert data.startswith(b"id,source,amount,pillar,activity,period_start,period_end\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert [row[0] for row in rows(tmp_path, "strategy.csv")] == [
        "field", "schema_version", "id", "title", "period_start", "period_end", "status",
        "settles", "source",
    ]  # fmt: skip
    assert rows(tmp_path, "strategy.csv")[7] == [
        "settles",
        "amhaouch-2022;de-jong-2023;koekoek-2024",
    ]
    assert rows(tmp_path, "motion_history.csv")[0] == ["motion", "status", "on", "document", "how"]
    assert rows(tmp_path, "motion_history.csv")[1][:2] == ["amhaouch-2022", "submitted"]


def test_the_descriptor_names_title_licence_and_source_only_when_given(tmp_path):
    plan = illustrative()
    write_datapackage(plan, tmp_path / "a", license="CC0-1.0")
    package = json.loads((tmp_path / "a" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["title"] == plan.title
    assert package["licenses"] == [{"name": "CC0-1.0"}]
    assert package["sources"] == [{"title": plan.source}]
    write_datapackage(attrs.evolve(plan, source=None), tmp_path / "b")
    package = json.loads((tmp_path / "b" / "datapackage.json").read_text(encoding="utf-8"))
    assert "licenses" not in package
    assert "sources" not in package
    allocations = package["resources"][TABLES.index("allocations")]["schema"]
    assert allocations["primaryKey"] == ["id"]
    assert {"fields": ["pillar"], "reference": {"resource": "pillars", "fields": ["code"]}} in (
        allocations["foreignKeys"]
    )
    amount = next(field for field in allocations["fields"] if field["name"] == "amount")
    assert amount["type"] == "number"  # more in test_package_money.py
    assert amount["constraints"]["required"] is True


def _round_trip(strategy):
    with tempfile.TemporaryDirectory() as folder:
        write_datapackage(strategy, folder)
        return read_datapackage(folder)


@given(strategies())
def test_generated_strategies_survive_a_package(strategy):
    assert _round_trip(strategy) == strategy


@given(any_strategies)
def test_any_strategy_survives_or_is_refused_when_written(strategy):
    refused = cannot_be_a_table(strategy)
    if not refused:
        assert _round_trip(strategy) == strategy
        return
    with tempfile.TemporaryDirectory() as folder:
        with pytest.raises(ValueError, match="cannot be written as tables"):
            write_datapackage(strategy, folder)
        assert list(pathlib.Path(folder).iterdir()) == []


def test_values_that_a_cell_would_change_are_refused_by_name(tmp_path):
    plan = illustrative()
    rom = attrs.evolve(plan.roms[0], note="", shareholders=("a;b", "c"))
    with pytest.raises(ValueError, match="without changing it") as caught:
        write_datapackage(attrs.evolve(plan, roms=(rom, *plan.roms[1:])), tmp_path)
    assert str(caught.value) == (
        "the strategy cannot be written as tables without changing it:\n"
        "  $.roms[0].shareholders[0]: 'a;b' cannot be an item of a `;`-separated cell; "
        "an item must be neither empty nor hold `;`\n"
        "  $.roms[0].note: an empty text, which an empty cell cannot tell from no value "
        "(None); write None or some text"
    )
    assert list(tmp_path.iterdir()) == []  # nothing is written


def test_text_with_commas_quotes_and_line_breaks_survives(tmp_path):
    plan = illustrative()
    tricky = 'a, "b"\r\nc\rd\n\u2028 e\t€ '
    pillar = attrs.evolve(plan.pillars[0], description=tricky, title_en="")
    strategy = attrs.evolve(plan, pillars=(pillar, *plan.pillars[1:]), title=" ")
    write_datapackage(strategy, tmp_path)
    assert read_datapackage(tmp_path) == strategy


# --- strict reading ----------------------------------------------------------------------


def test_every_problem_names_file_row_column_and_path(tmp_path):
    write_datapackage(illustrative(), tmp_path)

    def allocations(table):
        table[0][3] = "piller"
        table[3][2] = "12.345"

    def activities(table):
        table[1][4] = "NOM;;OOST"
        table[2][8] = "2024-13-01"
        table[3].append("x")

    def strategy(table):
        for row in table:
            if row[0] == "status":
                row[1] = "finished"
            if row[0] == "period_end":
                row[0] = "period_ned"

    def history(table):
        table[2][2] = "yesterday"
        table[3][0] = "nobody"

    edit(tmp_path, "allocations.csv", allocations)
    edit(tmp_path, "activities.csv", activities)
    edit(tmp_path, "strategy.csv", strategy)
    edit(tmp_path, "motion_history.csv", history)
    (tmp_path / "transactions.csv").unlink()
    assert package_problems(tmp_path) == [
        Problem("$.transactions", "transactions.csv: the file is missing"),
        Problem(
            "$.period_ned",
            "strategy.csv, line 6, column field: `period_ned`: unknown field, "
            "did you mean `period_end`?",
        ),
        Problem(
            "$.motion_history",
            "motion_history.csv, line 4, column motion: no motion has the id 'nobody' in "
            "`motions`; a row of `motion_history` names its motion by a unique id",
        ),
        Problem(
            "$.activities[0].roms[1]",
            "activities.csv, line 2, column roms: item 2 of 'NOM;;OOST' is empty; "
            "separate the items with one `;` and end none with it",
        ),
        Problem("$.activities", "activities.csv, line 4: the row has 12 cells, the header 11"),
        Problem(
            "$.allocations",
            "allocations.csv, line 1, column piller: unknown column 'piller', did you mean `pillar`?",
        ),
        Problem("$.allocations", "allocations.csv, line 1: the column `pillar` is missing"),
        Problem("$.period.end", "strategy.csv: required key is missing"),
        Problem(
            "$.status",
            'strategy.csv, line 7, column value: expected one of "draft", "final", '
            "found the string 'finished'",
        ),
        Problem(
            "$.motions[0].history[1].on",
            "motion_history.csv, line 3, column on: got 'yesterday', expected a date as YYYY-MM-DD",
        ),
        Problem(
            "$.activities[1].period.start",
            "activities.csv, line 3, column period_start: got '2024-13-01', not a date: "
            "month must be in 1..12",
        ),
    ]


def test_a_bad_amount_and_an_empty_required_cell(tmp_path):
    write_datapackage(illustrative(), tmp_path)

    def change(table):
        table[5][2] = "12.345"
        table[2][0] = ""

    edit(tmp_path, "allocations.csv", change)
    found = package_problems(tmp_path / "datapackage.json")
    assert [p.path for p in found] == ["$.allocations[1].id", "$.allocations[4].amount"]
    assert (
        found[0].message == "allocations.csv, line 3, column id: got '', an id must not be empty"
    )
    assert found[1].message.startswith("allocations.csv, line 6, column amount: ")
    assert "12.345" in found[1].message


def test_the_error_names_the_descriptor(tmp_path):
    write_datapackage(illustrative(), tmp_path)
    edit(tmp_path, "pillars.csv", lambda table: table[0].__setitem__(0, "cod"))
    with pytest.raises(DocumentError) as caught:
        read_datapackage(tmp_path)
    assert caught.value.source == str(tmp_path / "datapackage.json")


# --- hostile packages ---------------------------------------------------------------------


def _with_path(folder, name, path):
    descriptor = folder / "datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    package["resources"][TABLES.index(name)]["path"] = path
    descriptor.write_text(json.dumps(package), encoding="utf-8")


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("../pillars.csv", "not a plain file name"),
        ("/etc/passwd", "not a plain file name"),
        ("https://example.org/pillars.csv", "a URL"),
        (["pillars.csv", "more.csv"], "not a plain file name"),
        ("sub/pillars.csv", "not a plain file name"),
    ],
)
def test_a_table_is_read_only_from_a_file_in_the_folder(tmp_path, path, why):
    write_datapackage(illustrative(), tmp_path / "package")
    (tmp_path / "pillars.csv").write_text("code,title_nl,title_en,description\r\n")
    _with_path(tmp_path / "package", "pillars", path)
    found = package_problems(tmp_path / "package")
    assert found[0].path == "$.pillars"
    assert found[0].message.startswith(f"datapackage.json, resources[4]: path {path!r} is {why};")


def test_a_package_larger_than_the_limit_is_refused(tmp_path):
    write_datapackage(illustrative(), tmp_path)
    with pytest.raises(DocumentError) as caught:
        read_datapackage(tmp_path, max_bytes=20_000)
    assert any("more than the limit of 20000 bytes" in p.message for p in caught.value.problems)
    with pytest.raises(DocumentError, match="more than the limit of 100 bytes"):
        read_datapackage(tmp_path, max_bytes=100)


def test_a_linked_table_and_a_bad_descriptor_are_problems(tmp_path):
    write_datapackage(illustrative(), tmp_path)
    (tmp_path / "outside.csv").write_bytes((tmp_path / "pillars.csv").read_bytes())
    (tmp_path / "pillars.csv").unlink()
    (tmp_path / "pillars.csv").symlink_to(tmp_path / "outside.csv")
    assert package_problems(tmp_path)[0] == Problem(
        "$.pillars",
        "pillars.csv: is a symbolic link; a package's files are read only as files",
    )
    (tmp_path / "datapackage.json").write_text('{"resources": 3}')
    assert package_problems(tmp_path) == [
        Problem("$", "datapackage.json: expected `resources`, a list of tables")
    ]


def test_a_cell_that_is_not_utf8_is_a_problem(tmp_path):
    write_datapackage(illustrative(), tmp_path)
    (tmp_path / "roms.csv").write_bytes((tmp_path / "roms.csv").read_bytes() + b"\xff,x\r\n")
    size = len((tmp_path / "roms.csv").read_bytes()) - len(b"\xff,x\r\n")
    assert package_problems(tmp_path) == [Problem("$.roms", f"roms.csv: not UTF-8 at byte {size}")]


# --- Frictionless validation --------------------------------------------------------------


@pytest.mark.parametrize("make", [reference.strategy_2024, illustrative])
def test_frictionless_finds_a_written_package_valid(tmp_path, make):
    import frictionless

    report = frictionless.validate(str(write_datapackage(make(), tmp_path)))
    assert report.valid, report.flatten(["type", "note"])


def test_frictionless_finds_a_foreign_key_to_nothing(tmp_path):
    import frictionless

    plan = illustrative()
    allocation = attrs.evolve(plan.allocations[0], pillar="IV")
    broken = attrs.evolve(plan, allocations=(allocation, *plan.allocations[1:]))
    report = frictionless.validate(str(write_datapackage(broken, tmp_path)))
    assert not report.valid
    assert sorted({error[0] for error in report.flatten(["type"])}) == ["foreign-key"]
    assert read_datapackage(tmp_path) == broken  # a dangling reference is for the rules


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("36410-xiii-39", "36 410 XIII, nr. 39"),
        ("33009, NR. 124", "33 009, nr. 124"),
        ("0, nr. 0", None),
        ("Kamerstuk 33009", None),
    ],
)
def test_frictionless_and_the_reader_agree_on_a_kamerstuk_cell(tmp_path, written, read):
    import frictionless

    write_datapackage(reference.strategy_2024(), tmp_path)
    motions = tmp_path / "motions.csv"
    text = motions.read_text(encoding="utf-8")
    assert text.count("33 009, nr. 124") == 1
    motions.write_text(text.replace("33 009, nr. 124", written), encoding="utf-8")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    if read is None:
        assert [e[0] for e in report.flatten(["type"])] == ["constraint-error"]
        with pytest.raises(DocumentError, match="expected a Kamerstuk reference"):
            read_datapackage(tmp_path)
    else:
        assert report.valid, report.flatten(["type", "note"])
        motion = next(m for m in read_datapackage(tmp_path).motions if m.id == "de-jong-2023")
        assert str(motion.kamerstuk) == read


# --- the command line ---------------------------------------------------------------------


def test_export_writes_a_package_that_check_and_convert_read(tmp_path):
    from click.testing import CliRunner

    from romstrategy.cli import main

    plan = EXAMPLES / "illustrative_plan.toml"
    out = tmp_path / "out" / "plan-data"
    runner = CliRunner()
    result = runner.invoke(main, ["export", str(plan), "--to", "datapackage", str(out), "--license", "CC0-1.0"])  # fmt: skip
    assert (result.exit_code, result.output) == (0, f"wrote {out / 'datapackage.json'}\n")
    assert read_datapackage(out) == illustrative()
    for given_as in (out, out / "datapackage.json"):
        result = runner.invoke(main, ["check", str(given_as)])
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"{given_as}: 0 errors")
    result = runner.invoke(main, ["convert", str(out / "datapackage.json"), str(tmp_path / "p.yaml")])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert load(tmp_path / "p.yaml") == illustrative()


def test_export_and_check_exit_2_for_a_bad_document_or_package(tmp_path):
    from click.testing import CliRunner

    from romstrategy.cli import main

    runner = CliRunner()
    missing = runner.invoke(main, ["export", str(tmp_path / "no.toml"), "--to", "datapackage", str(tmp_path / "o")])  # fmt: skip
    assert missing.exit_code == 2
    wrong = runner.invoke(main, ["export", str(EXAMPLES / "illustrative_plan.toml"), "--to", "xlsx", str(tmp_path / "o")])  # fmt: skip
    assert wrong.exit_code == 2
    assert not (tmp_path / "o").exists()
    write_datapackage(illustrative(), tmp_path / "pkg")
    edit(tmp_path / "pkg", "pillars.csv", lambda table: table[1].__setitem__(0, ""))
    result = runner.invoke(main, ["check", str(tmp_path / "pkg")])
    assert result.exit_code == 2
    assert f"{tmp_path / 'pkg'}:$.pillars[0].code: pillars.csv, line 2, column code: got ''" in (
        result.output
    )


def test_load_reads_a_data_package_by_its_folder_or_its_descriptor(tmp_path):
    plan = load(pathlib.Path(__file__).parent.parent / "examples" / "illustrative_plan.toml")
    write_datapackage(plan, tmp_path / "pkg")
    assert load(tmp_path / "pkg") == plan
    assert load(tmp_path / "pkg" / "datapackage.json") == plan
