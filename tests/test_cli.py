"""The `romstrategy` command, as a user runs it: every command's output and exit code.

`check`, `report`, `explain`, `schema`, `split`, `init`, `convert`, `diff` and `progress`
give the documented text, JSON and CSV and exit 0, 1 (findings) or 2 (a bad document or
usage); the installed console script and `python -m romstrategy` behave the same. Hostile
input stays harmless: totals beyond one amount, unwritable paths, control characters in
ids (shown as escapes, never sent to the terminal), standard input and output that are
closed or cannot encode the euro sign.
"""

import csv
import datetime
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import testing
from romstrategy.cli import main
from romstrategy.reports import Group
from romstrategy.rules import RULES
from tests.helpers import assert_no_control, exact_share, run, written_with

EXAMPLES = Path(__file__).parent.parent / "examples"
PLAN = EXAMPLES / "illustrative_plan.toml"
REFERENCE = EXAMPLES / "reference" / "strategy_2024.toml"
COMMANDS = [
    "check", "report", "progress", "explain", "schema", "split", "init", "convert", "diff", "motions"
]  # fmt: skip


@pytest.fixture
def broken(tmp_path):
    tree = json.loads(rs.dumps(rs.reference.strategy_2024(), "json"))
    tree["funding_sources"][0]["amount"] = 0.5
    tree["status"] = "finished"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(tree), encoding="utf-8")
    return path


@pytest.fixture
def over_allocated(tmp_path):
    plan = rs.load(PLAN)
    first = plan.allocations[0]
    import attrs

    cent = rs.Money("0.01")
    *years, last = first.schedule  # the cent goes into its schedule too, which still adds up
    schedule = (*years, attrs.evolve(last, amount=last.amount + cent))
    bigger = attrs.evolve(first, amount=first.amount + cent, schedule=schedule)
    path = tmp_path / "over.toml"
    rs.dump(attrs.evolve(plan, allocations=(bigger, *plan.allocations[1:])), path)
    return path


def test_no_command_prints_help_and_exits_0():
    result = run()
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"romstrategy {command}" in result.output


def test_check_reference_reports_one_warning_and_exits_0():
    result = run("check")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith(
        "<reference>:funding_sources[van-strien-funds].amount: RS102 warning "
    )
    assert lines[-1] == (
        "<reference>: 0 errors, 1 warning, 0 info; van-strien-funds: "
        "EUR 0.00 / EUR 4,000,000.00, unallocated EUR 4,000,000.00"
    )


def test_check_in_dutch():
    result = run("check", "--lang", "nl")
    assert "RS102 waarschuwing" in result.output
    assert "0 fouten, 1 waarschuwing, 0 info" in result.output
    assert "€ 4.000.000,00" in result.output


def test_check_clean_plan_exits_0_and_errors_exit_1(over_allocated):
    assert run("check", PLAN).exit_code == 0
    result = run("check", over_allocated)
    assert result.exit_code == 1
    assert (
        f"{over_allocated}:funding_sources[van-strien-funds].amount: RS101 error" in result.output
    )
    assert "1 error," in result.output


def test_check_ignore_and_select(over_allocated):
    assert run("check", over_allocated, "--ignore", "RS101").exit_code == 0
    result = run("check", over_allocated, "--select", "RS2,RS3")
    assert result.exit_code == 0
    assert "RS101" not in result.output


def test_check_malformed_file_prints_every_problem_and_exits_2(broken):
    result = CliRunner().invoke(main, ["check", str(broken)])
    assert result.exit_code == 2
    assert f"{broken}:$.status: expected one of" in result.stderr
    assert f"{broken}:$.funding_sources[0].amount: found the number 0.5" in result.stderr
    assert "Traceback" not in result.output


def test_check_json_is_one_document_with_summary(broken):
    result = run("check", "--format", "json", "--ignore", "RS401", PLAN, broken)
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [f["file"] for f in data["files"]] == [str(PLAN), str(broken)]
    assert data["files"][0]["ok"] is True
    assert data["files"][0]["summary"]["budget"] == [
        {
            "source": "van-strien-funds",
            "amount": "4000000.00",
            "allocated": "4000000.00",
            "unallocated": "0.00",
        }
    ]
    assert {p["path"] for p in data["files"][1]["problems"]} == {
        "$.status",
        "$.funding_sources[0].amount",
    }
    assert data["summary"] == {"error": 0, "warning": 0, "info": 0, "exit_code": 2}


def test_usage_error_exits_2():
    assert run("check", "--format", "xml").exit_code == 2
    unknown = CliRunner().invoke(main, ["check", "--ignore", "RS9"])
    assert unknown.exit_code == 2
    assert "'RS9' matches no rule" in unknown.stderr
    assert CliRunner().invoke(main, ["check", "missing.toml"]).exit_code == 2


def test_report_markdown_and_exit_code(tmp_path, over_allocated):
    result = run("report")
    assert result.exit_code == 0
    assert result.output.startswith("# Meerjarenstrategie bovenregionale samenwerking 2024-2027\n")
    out = tmp_path / "report.html"
    assert run("report", over_allocated, "-o", out).exit_code == 1
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_json_is_one_document():
    data = json.loads(run("report", PLAN, "--format", "json", "--lang", "nl").stdout)
    assert data["allocated"] == "4000000.00"
    assert [p["amount"] for p in data["pillars"]] == ["1200000.00", "1200000.00", "1600000.00"]
    assert sum(rs.Money(y["amount"]).cents for y in data["years"]) == 400000000


def test_explain_known_and_unknown_codes():
    result = run("explain", "RS203")
    assert result.exit_code == 0
    assert result.output.startswith("RS203 (error): ")
    assert "Fails: " in result.output
    assert "Passes: " in result.output
    unknown = CliRunner().invoke(main, ["explain", "RS999"])
    assert unknown.exit_code == 2
    assert "RS999" in unknown.stderr


def test_schema_prints_the_json_schema():
    assert json.loads(run("schema").stdout) == rs.json_schema()


def test_split_is_exact_in_text_and_json():
    result = run("split", "4000000", "2", "1", "1")
    assert result.exit_code == 0
    assert "EUR 2,000,000.00" in result.output
    assert result.output.splitlines()[-1].split() == ["sum", "EUR", "4,000,000.00", "=", "4000000"]
    data = json.loads(run("split", "100", "1", "1", "1", "--format", "json").stdout)
    assert [p["amount"] for p in data["parts"]] == ["33.34", "33.33", "33.33"]
    assert data["exact"] is True
    assert run("split", "100", "0", "0").exit_code == 2
    assert run("split", "0.001", "1").exit_code == 2


def test_init_writes_a_starter_that_passes_with_warnings_only(tmp_path):
    path = tmp_path / "plan.toml"
    assert run("init", path).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# A starter strategy document")
    report = rs.validate(rs.load(path))
    assert report.ok
    assert report.warnings
    assert run("check", path).exit_code == 0
    assert run("init", path).exit_code == 2
    assert run("init", path, "--force").exit_code == 0


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".yml", ".toml"])
def test_convert_between_formats(tmp_path, suffix):
    out = tmp_path / f"plan{suffix}"
    assert run("convert", PLAN, out).exit_code == 0
    assert rs.load(out) == rs.load(PLAN)


def test_convert_bad_input_and_bad_suffix_exit_2(tmp_path, broken):
    assert (
        CliRunner().invoke(main, ["convert", str(broken), str(tmp_path / "x.toml")]).exit_code == 2
    )
    result = CliRunner().invoke(main, ["convert", str(PLAN), str(tmp_path / "x.txt")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {tmp_path / 'x.txt'}: unknown suffix '.txt': use .json, .toml, .yaml, .yml "
        "or .xlsx\n"
    )


def test_diff_reference_to_plan(tmp_path):
    result = run("diff", REFERENCE, PLAN)
    assert result.exit_code == 0
    assert "Pillars: III: EUR 0.00 -> EUR 1,600,000.00 (+EUR 1,600,000.00)" in result.output
    assert "Findings disappeared: RS102 warning" in result.output
    assert run("diff", REFERENCE, PLAN, "--exit-code").exit_code == 1
    assert run("diff", PLAN, PLAN, "--exit-code").exit_code == 0
    assert "No differences." in run("diff", PLAN, PLAN).output


def test_diff_json_reports_changed_fields(tmp_path):
    import attrs

    plan = rs.load(PLAN)
    moved = attrs.evolve(plan.allocations[0], pillar="II")
    newer = tmp_path / "newer.toml"
    rs.dump(attrs.evolve(plan, allocations=(moved, *plan.allocations[1:])), newer)
    data = json.loads(run("diff", PLAN, newer, "--format", "json").stdout)
    assert data["changed"] is True
    assert data["allocations"] == [
        {
            "id": "al-1",
            "kind": "changed",
            "fields": [{"field": "pillar", "before": "I", "after": "II"}],
        }
    ]
    assert {m["key"]: m["delta"] for m in data["money"]["pillars"]} == {
        "I": "-1200000.00",
        "II": "1200000.00",
    }
    assert [f["code"] for f in data["findings"]["appeared"]] == ["RS104"]


def test_diff_bad_input_exits_2(broken):
    assert CliRunner().invoke(main, ["diff", str(broken), str(PLAN)]).exit_code == 2


def test_no_colour_off_a_terminal_and_with_no_color(over_allocated):
    assert "\x1b[" not in run("check", over_allocated).output
    assert "\x1b[" not in run("check", over_allocated, env={"NO_COLOR": "1"}).output


def on_a_terminal(*args, env=None):
    """Run `python -m romstrategy` with its standard output on a pseudo-terminal."""
    import pty

    leader, follower = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | (env or {})
    try:
        subprocess.run(
            [sys.executable, "-m", "romstrategy", *map(str, args)],
            stdout=follower,
            stderr=subprocess.DEVNULL,
            env=environ,
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return b"".join(chunks).decode()


def test_colour_on_a_terminal_unless_no_color(over_allocated):
    assert "\x1b[" in on_a_terminal("check", over_allocated)
    assert "\x1b[" not in on_a_terminal("check", over_allocated, env={"NO_COLOR": "1"})


def test_errors_are_painted_when_colour_is_on(over_allocated):
    output = on_a_terminal("check", over_allocated)
    assert "\x1b[31m\x1b[1merror\x1b[0m" in output


# --- the installed console script, as a real subprocess ------------------------------------

SCRIPT = shutil.which("romstrategy", path=os.path.dirname(sys.executable))


@pytest.mark.skipif(SCRIPT is None, reason="the console script is not installed")
@pytest.mark.parametrize(
    ("args", "code"),
    [
        ([], 0),
        (["check"], 0),
        (["check", str(PLAN)], 0),
        (["explain", "RS101"], 0),
        (["schema"], 0),
        (["split", "4000000", "2", "1", "1"], 0),
        (["report", "--format", "md"], 0),
        (["diff", str(REFERENCE), str(PLAN), "--exit-code"], 1),
        (["check", "no-such-file.toml"], 2),
        (["progress", str(PLAN), "--by", "year", "--format", "csv"], 0),
        (["progress", "--as-of", "2024-02-30"], 2),
    ],
)
def test_console_script_runs_each_command(args, code, tmp_path):
    result = subprocess.run(
        [SCRIPT, *args], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(SCRIPT is None, reason="the console script is not installed")
def test_console_script_init_convert_and_malformed(tmp_path, broken):
    plan = tmp_path / "p.toml"
    assert (
        subprocess.run([SCRIPT, "init", str(plan)], capture_output=True, timeout=120).returncode
        == 0
    )
    assert (
        subprocess.run(
            [SCRIPT, "convert", str(plan), str(tmp_path / "p.json")],
            capture_output=True,
            timeout=120,
        ).returncode
        == 0
    )
    result = subprocess.run(
        [SCRIPT, "check", str(broken)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert "$.status" in result.stderr
    assert "Traceback" not in result.stderr


def test_python_dash_m_is_the_same_command():
    result = subprocess.run(
        [sys.executable, "-m", "romstrategy", "check"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0
    assert result.stdout == run("check").output


# === hostile input ========================================================================
ESC_TITLE = "\x1b]0;pwned\x07"  # sets a terminal's title
ESC_CLEAR = "\x1b[2J"  # clears the screen


def run_hostile(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def no_traceback(result):
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output


# --- totals beyond the range of one amount ------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("check",), ("check", "--format", "json"), ("report",), ("report", "--format", "json")],
)
def test_the_command_reports_a_total_beyond_one_amount(overflowing, args):
    _, path = overflowing
    result = run_hostile(*args, path)
    no_traceback(result)
    assert result.exit_code == 1
    assert "2000000000000.00" in result.output or "EUR 2,000,000,000,000.00" in result.output


def test_diff_of_totals_beyond_one_amount(overflowing):
    _, path = overflowing
    result = run_hostile("diff", PLAN, path)
    no_traceback(result)
    assert result.exit_code == 0
    assert "Pillars: I: EUR 1,200,000.00 -> EUR 2,000,000,000,000.00" in result.output


@pytest.mark.parametrize(
    ("ratio", "message"),
    [
        ("1e999999999", "Error: ratio '1e999999999': a ratio must be 0 or lie between 1E-100"),
        ("1" * 5000, "Error: ratio '1111111111111111111111111111111111111...': a ratio must"),
        ("Infinity", "Error: ratio 'Infinity' is not a number such as 2, 0.5 or 1e3"),
        ("sNaN", "Error: ratio 'sNaN' is not a number such as 2, 0.5 or 1e3"),
        ("-1", "Error: ratio '-1' is not a number such as 2, 0.5 or 1e3"),
        (" 1", "Error: ratio ' 1' is not a number such as 2, 0.5 or 1e3"),
        ("1_0", "Error: ratio '1_0' is not a number such as 2, 0.5 or 1e3"),
        ("\u0661", "Error: ratio '\u0661' is not a number such as 2, 0.5 or 1e3"),
        ("x", "Error: ratio 'x' is not a number such as 2, 0.5 or 1e3"),
    ],
)
def test_split_with_a_bad_ratio_exits_2_with_one_line(ratio, message):
    result = subprocess.run(
        [sys.executable, "-m", "romstrategy", "split", "--", "4000000", "1", ratio],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(message)


# --- writing where one cannot -------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("report", PLAN, "-o", "{d}/no/such/x.md"),
        ("init", "{d}/no/such/plan.toml"),
        ("convert", PLAN, "{d}/no/such/plan.json"),
    ],
)
def test_writing_into_a_missing_folder_is_one_line_and_exit_2(tmp_path, args):
    result = run_hostile(*(str(a).format(d=tmp_path) for a in args))
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {tmp_path}/no/such/{Path(str(args[-1])).name}: cannot be written: "
        "No such file or directory\n"
    )


def test_an_unwritable_folder_is_named_by_the_users_path(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/somewhere/.hidden.1234.tmp")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(PermissionError) as caught:
        rs.dump(rs.reference.strategy_2024(), tmp_path / "plan.toml")
    assert caught.value.filename == str(tmp_path / "plan.toml")
    assert ".tmp" not in str(caught.value)
    result = run_hostile("init", tmp_path / "plan.toml")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path}/plan.toml: cannot be written: Permission denied\n"


def test_a_failed_write_leaves_no_temporary_file(tmp_path):
    (tmp_path / "x.md").mkdir()  # a folder where the file would go
    result = run_hostile("report", PLAN, "-o", tmp_path / "x.md")
    assert result.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.md"]


# --- terminal injection -------------------------------------------------------------------


SNEAKY = f"act{ESC_TITLE}{ESC_CLEAR}"
SNEAKY_SHOWN = "act\\x1b]0;pwned\\x07\\x1b[2J"


@pytest.fixture
def injected(tmp_path):
    """A strategy whose title holds escape sequences, and a document of it whose new activity's
    id holds them too: an id no constructor takes (issue 28), which the reader refuses."""
    strategy = rs.load(PLAN)
    strategy = attrs.evolve(strategy, title=f"Plan{ESC_CLEAR}\u202e")

    def sneak(tree):
        tree["activities"].append({**tree["activities"][0], "id": SNEAKY, "complements": []})

    return strategy, written_with(tmp_path / "injected.json", strategy, sneak)


@pytest.mark.parametrize("environ", [{}, {"NO_COLOR": "1"}])
def test_check_and_diff_show_control_characters_as_escapes(injected, environ):
    strategy, path = injected
    for command in (["check", str(path)], ["diff", str(PLAN), str(path)]):
        result = CliRunner().invoke(main, command, env=environ)
        assert result.exit_code == 2
        assert_no_control(result.output)
        assert (
            f"$.activities[{len(strategy.activities)}].id: got '{SNEAKY_SHOWN}'" in result.output
        )
        assert "U+001B ESCAPE at position 3, U+0007 ALERT at position 12" in result.output


def test_json_output_escapes_control_characters_and_reads_back_the_same(injected, tmp_path):
    strategy, path = injected
    result = run_hostile("check", "--format", "json", path)
    assert_no_control(result.output)
    (problem,) = json.loads(result.output)["files"][0]["problems"]
    assert problem["path"] == f"$.activities[{len(strategy.activities)}].id"
    assert problem["message"].startswith(f"got '{SNEAKY_SHOWN}', which holds U+001B ESCAPE")
    rs.dump(strategy, tmp_path / "plan.json")
    report = run_hostile("report", "--format", "json", tmp_path / "plan.json").output
    assert_no_control(report)
    assert json.loads(report)["strategy"]["title"] == strategy.title


def test_explain_and_summary_show_control_characters_as_escapes(injected):
    strategy, _ = injected
    result = run_hostile("explain", f"RS9{ESC_CLEAR}")
    assert result.exit_code == 2
    assert_no_control(result.output)
    assert_no_control(rs.summary(strategy))
    assert "Plan\\x1b[2J\\u202e" in rs.summary(strategy)
    assert_no_control(str(rs.validate(strategy)))


def test_dump_and_convert_refuse_a_read_only_file(tmp_path):
    target = tmp_path / "plan.toml"
    target.write_text("keep me", encoding="utf-8")
    target.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only") as caught:
        rs.dump(rs.reference.strategy_2024(), target)
    assert caught.value.filename == str(target)
    result = run_hostile("convert", PLAN, target)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {target}: cannot be written: the file is read-only\n"
    assert target.read_text(encoding="utf-8") == "keep me"


def test_convert_refuses_a_file_onto_itself_unless_forced(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_hostile("convert", plan, tmp_path / "." / "plan.toml")
    assert result.exit_code == 2
    assert "converting drops its comments; use --force" in result.stderr
    assert plan.read_text(encoding="utf-8") == PLAN.read_text(encoding="utf-8")
    assert run_hostile("convert", plan, plan, "--force").exit_code == 0
    assert "#" not in plan.read_text(encoding="utf-8")


def test_report_to_standard_output_and_unknown_suffixes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_hostile("report", PLAN, "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Illustrative plan for the supra-regional funds")
    assert not (tmp_path / "-").exists()
    result = run_hostile("report", PLAN, "-o", "x.pdf")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: x.pdf: a report is written as .md, .html or .json")
    result = run_hostile("report", PLAN, "-o", "x.html", "--format", "md")
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []
    assert run_hostile("report", PLAN, "-o", "x.htm").exit_code == 0


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".yml", ".toml"])
def test_init_writes_the_format_its_suffix_names(tmp_path, suffix):
    path = tmp_path / f"plan{suffix}"
    assert run_hostile("init", path).exit_code == 0
    assert run_hostile("check", path).exit_code == 0
    assert rs.load(path) == rs.load(tmp_path / f"plan{suffix}")


def test_init_refuses_an_unknown_suffix(tmp_path):
    result = run_hostile("init", tmp_path / "plan.txt")
    assert result.exit_code == 2
    assert "use the suffix .toml, .json, .yaml, .yml or .xlsx" in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- one JSON document for every failure --------------------------------------------------


@pytest.fixture
def bad_document(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"schema_version": 1, "id": 7}', encoding="utf-8")
    return path


@pytest.mark.parametrize("which", ["missing", "bad"])
def test_check_and_diff_print_one_json_document_for_every_failure(tmp_path, bad_document, which):
    path = tmp_path / "missing.toml" if which == "missing" else bad_document
    result = run_hostile("check", "--format", "json", path)
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["summary"]["exit_code"] == 2
    assert data["files"][0]["ok"] is False
    messages = [p["message"] for p in data["files"][0]["problems"]]
    if which == "missing":
        assert messages == ["cannot read the file: No such file or directory"]
    else:
        assert "expected a string, found the number 7" in messages
    result = run_hostile("diff", "--format", "json", PLAN, path)
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["exit_code"] == 2
    assert [e["file"] for e in data["errors"]] == [str(path)]


def test_a_bad_select_code_is_one_json_document_too():
    result = run_hostile("check", "--format", "json", "--select", "XX9")
    assert result.exit_code == 2
    assert json.loads(result.stdout) == {
        "error": f"--select: 'XX9' matches no rule; known codes: {', '.join(RULES)}",
        "exit_code": 2,
    }


def test_select_and_ignore_accept_codes_in_any_case():
    assert run_hostile("check", PLAN, "--select", "rs1").exit_code == 0
    result = run_hostile("check", "--ignore", "rs102,Rs4")
    assert result.exit_code == 0
    assert "RS102" not in result.output


# --- standard input -----------------------------------------------------------------------


@pytest.mark.parametrize("format", ["json", "toml", "yaml"])
def test_check_reads_standard_input_in_the_format_named(format):
    text = rs.dumps(rs.load(PLAN), format)
    result = run_hostile("check", "-", "--input-format", format, input=text)
    assert result.exit_code == 0
    assert result.output.startswith("<stdin>: 0 errors, 0 warnings, 0 info")


def test_check_of_standard_input_needs_its_format():
    result = run_hostile("check", "-", input="{}")
    assert result.exit_code == 2
    assert result.stderr == (
        "<stdin>:$: standard input (-) is read by `romstrategy check -` with --input-format "
        "json, toml or yaml\n"
    )


def test_a_bad_document_on_standard_input_is_labelled():
    result = run_hostile("check", "-", "--input-format", "json", input='{"schema_version": 1}')
    assert result.exit_code == 2
    assert result.stderr.startswith("<stdin>:$.id: required key is missing\n")


def test_cli_messages_about_files_are_one_line(tmp_path):
    result = run_hostile("check", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{tmp_path}:$: the folder holds no datapackage.json; a folder is read as a data package\n"
    )
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    result = run_hostile("check", folder)
    assert result.stderr == (
        f"{folder}:$: the folder holds no datapackage.json; a folder is read as a data package\n"
    )
    result = run_hostile("check", tmp_path / "plan")
    assert (
        result.stderr
        == f"{tmp_path / 'plan'}:$: unknown suffix '': use .json, .toml, .yaml, .yml or .xlsx\n"
    )


# --- the command's own output -------------------------------------------------------------


def console(*args, stdin=None, env=None):
    """`python -m romstrategy ARGS` through a shell, for redirections such as `<&-`."""
    command = " ".join([sys.executable, "-m", "romstrategy", *args])
    return subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        timeout=60,
        input=stdin,
        env={**os.environ, **(env or {})},
    )


def test_an_output_that_cannot_be_written_is_one_line_and_exit_2():
    result = console("schema", ">/dev/full")
    assert result.returncode == 2
    assert result.stderr == "Error: cannot write the output: No space left on device\n"


def test_a_closed_standard_input_or_output_is_no_traceback():
    result = console("check", "-", "--input-format", "json", "<&-")
    assert result.returncode == 2
    assert result.stderr == "<stdin>:$: standard input is closed\n"
    result = console("check", ">&-")
    assert result.returncode == 0
    assert result.stderr == ""


def test_an_output_encoding_without_the_euro_sign_writes_an_escape():
    result = console("split", "100", "1", "1", "--lang", "nl", env={"PYTHONIOENCODING": "latin-1"})
    assert result.returncode == 0
    assert "\\u20ac 50,00" in result.stdout


def test_a_line_break_in_a_name_or_an_id_never_starts_a_line(tmp_path):
    odd = tmp_path / "nl\nFAKE.toml"
    odd.write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_hostile("check", odd)
    assert result.output.count("\n") == 1
    assert "nl\\nFAKE.toml: 0 errors" in result.output
    strategy = rs.load(PLAN)

    def inject(tree):
        tree["funding_sources"][0]["id"] = "fund\nINJECTED"

    lines = run_hostile("check", written_with(tmp_path / "fund.json", strategy, inject)).output
    assert len(lines.splitlines()) == 1  # the file and its one problem, on one line
    assert "$.funding_sources[0].id: got 'fund\\nINJECTED', which holds U+000A LINE FEED" in lines
    result = run_hostile("diff", PLAN, odd)
    assert result.output.splitlines()[1] == f"+++ {tmp_path}/nl\\nFAKE.toml"


def test_standard_input_in_json_mode_and_in_other_commands():
    result = run_hostile("check", "-", "--format", "json", input="{}")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["files"][0]["problems"] == [
        {
            "path": "$",
            "message": "standard input (-) is read by `romstrategy check -` with "
            "--input-format json, toml or yaml",
        }
    ]
    result = run_hostile("report", "-")
    assert result.exit_code == 2
    assert "`romstrategy check -`" in result.stderr


def test_a_long_file_name_can_be_written(tmp_path):
    target = tmp_path / ("a" * 250 + ".md")
    assert run_hostile("report", PLAN, "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Illustrative plan")


def test_writing_through_a_link_to_something_not_a_file_is_refused(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link = tmp_path / "out.md"
    link.symlink_to(pipe)
    result = run_hostile("report", PLAN, "-o", link)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {link}: cannot be written: not a regular file\n"
    assert pipe.is_fifo()


def test_writing_through_a_link_to_a_file_of_another_format_is_refused(tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    link = tmp_path / "plan.json"
    link.symlink_to(plan)
    result = run_hostile("convert", PLAN, link, "--force")
    assert result.exit_code == 2
    assert "whose suffix names another format" in result.stderr
    assert rs.load(plan) == rs.load(PLAN)


def test_an_empty_select_or_ignore_is_refused_and_explain_strips_the_code():
    result = run_hostile("check", "--select", "", PLAN)
    assert result.exit_code == 2
    assert result.stderr == "Error: --select: no rule code given; name one such as RS203 or RS2\n"
    assert run_hostile("check", "--ignore", " , ", PLAN).exit_code == 2
    assert run_hostile("explain", " rs203 ").output.startswith("RS203 (error): ")


def test_a_ratio_with_an_exponent_beyond_a_decimal_is_one_line():
    result = console("split", "100", "1e999999999999999999999")
    assert result.returncode == 2
    assert result.stderr == (
        "Error: ratio '1e999999999999999999999': a ratio must be 0 or lie between 1E-100 "
        "and 1E+100\n"
    )


# === progress =============================================================================

PROGRESS_BY_PILLAR = """\
Progress by pillar, all transactions

Pillar         Allocated         Committed             Spent  Open commitments       Uncommitted  Committed share  Spent share
I       EUR 1,200,000.00  EUR 1,000,000.00    EUR 400,000.00    EUR 600,000.00    EUR 200,000.00            83.3%        33.3%
II      EUR 1,200,000.00    EUR 650,000.00    EUR 425,000.50    EUR 224,999.50    EUR 550,000.00            54.2%        35.4%
III     EUR 1,600,000.00    EUR 700,000.00    EUR 200,000.00    EUR 500,000.00    EUR 900,000.00            43.8%        12.5%
Total   EUR 4,000,000.00  EUR 2,350,000.00  EUR 1,025,000.50  EUR 1,324,999.50  EUR 1,650,000.00            58.8%        25.6%
"""

PROGRESS_BY_PILLAR_NL_2024 = """\
Voortgang per pijler, peildatum 2024-12-31

Pijler      Toegewezen       Verplicht    Uitgegeven  Openstaande verplichtingen        Nog vrij  Aandeel verplicht  Aandeel uitgegeven
I       € 1.200.000,00    € 600.000,00  € 150.000,00                € 450.000,00    € 600.000,00              50,0%               12,5%
II      € 1.200.000,00    € 400.000,00  € 120.000,00                € 280.000,00    € 800.000,00              33,3%               10,0%
III     € 1.600.000,00    € 700.000,00        € 0,00                € 700.000,00    € 900.000,00              43,8%                0,0%
Totaal  € 4.000.000,00  € 1.700.000,00  € 270.000,00              € 1.430.000,00  € 2.300.000,00              42,5%                6,8%
"""

PROGRESS_BY_YEAR = """\
Progress by year, all transactions

Year                  Allocated         Committed             Spent  Open commitments       Uncommitted  Committed share  Spent share
2024           EUR 1,700,000.00  EUR 1,700,000.00    EUR 270,000.00  EUR 1,430,000.00          EUR 0.00           100.0%        15.9%
2025             EUR 800,000.00    EUR 350,000.00    EUR 680,000.00   EUR -330,000.00    EUR 450,000.00            43.8%        85.0%
2026             EUR 500,000.00          EUR 0.00          EUR 0.00          EUR 0.00    EUR 500,000.00             0.0%         0.0%
2027                   EUR 0.00          EUR 0.00          EUR 0.00          EUR 0.00          EUR 0.00                -            -
not scheduled  EUR 1,000,000.00    EUR 300,000.00     EUR 75,000.50    EUR 224,999.50    EUR 700,000.00            30.0%         7.5%
Total          EUR 4,000,000.00  EUR 2,350,000.00  EUR 1,025,000.50  EUR 1,324,999.50  EUR 1,650,000.00            58.8%        25.6%

2025: EUR 680,000.00 spent, EUR 330,000.00 more than committed in that year.
"""

PROGRESS_OF_THE_REFERENCE = """\
Progress by pillar, all transactions

Pillar  Allocated  Committed     Spent  Open commitments  Uncommitted  Committed share  Spent share
I        EUR 0.00   EUR 0.00  EUR 0.00          EUR 0.00     EUR 0.00                -            -
II       EUR 0.00   EUR 0.00  EUR 0.00          EUR 0.00     EUR 0.00                -            -
III      EUR 0.00   EUR 0.00  EUR 0.00          EUR 0.00     EUR 0.00                -            -
Total    EUR 0.00   EUR 0.00  EUR 0.00          EUR 0.00     EUR 0.00                -            -
"""


def figures(key, *amounts):
    """A row of `progress --format json`; a `Group` key is a group's row, its `key` null.

    Its shares are the exact ones of its amounts, as JSON numbers.
    """
    names = ("allocated", "committed", "spent", "open", "uncommitted")
    shares = (exact_share(amounts[i], amounts[0]) for i in (1, 2))
    numbers = [None if s is None else float(s) for s in shares]
    row = {"key": key, "group": None}
    if isinstance(key, Group):
        row = {"key": None, "group": key.value}
    return row | dict(zip(names, amounts, strict=True)) | dict(zip(SHARES, numbers, strict=True))


SHARES = ("committed_share", "spent_share")


def as_csv(row):
    """A JSON row of progress as its CSV cells: `null` as an empty cell, shares to 4 decimals."""
    return [
        "" if value is None else f"{value:.4f}" if name in SHARES else value
        for name, value in row.items()
    ]


def keyed(row):
    """The key of a JSON or CSV row of progress: its `key`, or its `Group`."""
    return Group(row["group"]) if row["group"] else row["key"]


PLAN_TOTAL = figures(
    Group.TOTAL, "4000000.00", "2350000.00", "1025000.50", "1324999.50", "1650000.00"
)
CSV_HEADER = [
    "key",
    "group",
    "allocated",
    "committed",
    "spent",
    "open",
    "uncommitted",
    "committed_share",
    "spent_share",
]


def progress_json(*args):
    result = run("progress", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def progress_csv(*args):
    result = CliRunner().invoke(main, ["progress", *map(str, args), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.endswith(b"\r\n")
    return list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline="")))


def test_progress_text_by_pillar_is_the_whole_table():
    result = run("progress", PLAN)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == PROGRESS_BY_PILLAR
    assert run("progress", PLAN, "--by", "pillar", "--lang", "en").stdout == PROGRESS_BY_PILLAR


def test_progress_text_by_year():
    assert run("progress", PLAN, "--by", "year").stdout == PROGRESS_BY_YEAR


def test_progress_text_in_dutch_as_of_a_day():
    result = run("progress", PLAN, "--by", "pillar", "--as-of", "2024-12-31", "--lang", "nl")
    assert result.exit_code == 0
    assert result.stdout == PROGRESS_BY_PILLAR_NL_2024


def test_progress_text_names_every_grouping_and_says_joint_and_unassigned_in_words():
    titles = {
        by: run("progress", PLAN, "--by", by).stdout.splitlines()[0]
        for by in ("source", "allocation", "rom")
    }
    assert titles == {
        "source": "Progress by source, all transactions",
        "allocation": "Progress by allocation, all transactions",
        "rom": "Progress by ROM, all transactions",
    }
    lines = run("progress", PLAN, "--by", "rom", "--lang", "nl").stdout.splitlines()
    assert lines[0] == "Voortgang per ROM, alle transacties"
    assert [line.split("  ")[0] for line in lines[2:]] == [
        "ROM",
        "gezamenlijk (bovenregionaal)",
        "niet toegekend",
        "Totaal",
    ]


def test_progress_json_is_one_document():
    assert progress_json(PLAN) == {
        "by": "pillar",
        "as_of": None,
        "rows": [
            figures("I", "1200000.00", "1000000.00", "400000.00", "600000.00", "200000.00"),
            figures("II", "1200000.00", "650000.00", "425000.50", "224999.50", "550000.00"),
            figures("III", "1600000.00", "700000.00", "200000.00", "500000.00", "900000.00"),
        ],
        "total": PLAN_TOTAL,
    }


def test_progress_json_as_of_counts_fewer_transactions_and_writes_negative_amounts():
    assert progress_json(PLAN, "--by", "year", "--as-of", "2024-12-31") == {
        "by": "year",
        "as_of": "2024-12-31",
        "rows": [
            figures("2024", "1700000.00", "1700000.00", "270000.00", "1430000.00", "0.00"),
            figures("2025", "800000.00", "0.00", "0.00", "0.00", "800000.00"),
            figures("2026", "500000.00", "0.00", "0.00", "0.00", "500000.00"),
            figures("2027", "0.00", "0.00", "0.00", "0.00", "0.00"),
            figures(Group.NOT_SCHEDULED, "1000000.00", "0.00", "0.00", "0.00", "1000000.00"),
        ],
        "total": figures(
            Group.TOTAL, "4000000.00", "1700000.00", "270000.00", "1430000.00", "2300000.00"
        ),
    }
    # In 2025 more is paid (on 2024's commitments) than committed: open is negative, as it is.
    rows = progress_json(PLAN, "--by", "year", "--as-of", "2025-12-31")["rows"]
    assert rows[1] == figures(
        "2025", "800000.00", "350000.00", "680000.00", "-330000.00", "450000.00"
    )


@pytest.mark.parametrize(
    ("by", "keys"),
    [
        ("pillar", ["I", "II", "III"]),
        ("source", ["van-strien-funds"]),
        ("allocation", ["al-1", "al-2", "al-3", "al-4", "al-5"]),
        ("year", ["2024", "2025", "2026", "2027", Group.NOT_SCHEDULED]),
        ("rom", [Group.JOINT, Group.UNASSIGNED]),
    ],
)
def test_progress_every_grouping_adds_up_to_the_same_total(by, keys):
    data = progress_json(PLAN, "--by", by)
    assert data["by"] == by
    assert [keyed(row) for row in data["rows"]] == keys
    assert data["total"] == PLAN_TOTAL
    for column in ("allocated", "committed", "spent", "open", "uncommitted"):
        cents = sum(rs.Money(row[column]).cents for row in data["rows"])
        assert rs.Money.from_cents(cents).to_text() == PLAN_TOTAL[column]
    rows = progress_csv(PLAN, "--by", by)
    assert rows[0] == CSV_HEADER
    texts = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [keyed(row) for row in texts] == [*keys, Group.TOTAL]
    assert rows[1:] == [as_csv(row) for row in (*data["rows"], data["total"])]


def test_progress_as_of_changes_committed_and_spent_but_not_allocated():
    everything = progress_json(PLAN, "--by", "allocation")
    early = progress_json(PLAN, "--by", "allocation", "--as-of", "2024-12-31")
    assert early["as_of"] == "2024-12-31"
    assert [r["allocated"] for r in early["rows"]] == [r["allocated"] for r in everything["rows"]]
    assert early["total"]["committed"] == "1700000.00" != everything["total"]["committed"]
    assert early["total"]["spent"] == "270000.00" != everything["total"]["spent"]
    before = progress_json(PLAN, "--as-of", "2024-01-31")["total"]
    assert before == figures(Group.TOTAL, "4000000.00", "0.00", "0.00", "0.00", "4000000.00")
    # The day itself counts: tx-2024-001 is dated 2024-02-01.
    first = progress_json(PLAN, "--as-of", "2024-02-01")["total"]
    assert first["committed"] == "400000.00"


def test_progress_csv_rows_and_shares():
    assert progress_csv(PLAN) == [
        CSV_HEADER,
        [
            "I",
            "",
            "1200000.00",
            "1000000.00",
            "400000.00",
            "600000.00",
            "200000.00",
            "0.8333",
            "0.3333",
        ],
        [
            "II",
            "",
            "1200000.00",
            "650000.00",
            "425000.50",
            "224999.50",
            "550000.00",
            "0.5417",
            "0.3542",
        ],
        [
            "III",
            "",
            "1600000.00",
            "700000.00",
            "200000.00",
            "500000.00",
            "900000.00",
            "0.4375",
            "0.1250",
        ],
        [
            "",
            "total",
            "4000000.00",
            "2350000.00",
            "1025000.50",
            "1324999.50",
            "1650000.00",
            "0.5875",
            "0.2563",
        ],
    ]
    # --lang changes the text only: CSV and JSON are the same in Dutch.
    assert progress_csv(PLAN, "--lang", "nl") == progress_csv(PLAN)
    assert progress_json(PLAN, "--lang", "nl") == progress_json(PLAN)


def test_progress_of_the_reference_strategy_has_zero_rows_for_its_pillars():
    result = run("progress")
    assert result.exit_code == 0
    assert result.stdout == PROGRESS_OF_THE_REFERENCE
    zero = ("0.00",) * 5
    assert progress_json() == {
        "by": "pillar",
        "as_of": None,
        "rows": [figures(key, *zero) for key in ("I", "II", "III")],
        "total": figures(Group.TOTAL, *zero),
    }
    rows = [[key, "", *zero, "", ""] for key in ("I", "II", "III")]
    assert progress_csv()[1:] == [*rows, ["", "total", *zero, "", ""]]


def test_progress_exits_0_whatever_the_rules_find(over_allocated):
    assert run("check", over_allocated).exit_code == 1
    result = run("progress", over_allocated, "--by", "source")
    assert result.exit_code == 0
    assert "EUR 4,000,000.01" in result.stdout


@pytest.mark.parametrize("output", ["text", "csv"])
def test_progress_of_a_bad_document_lists_its_problems_and_exits_2(broken, tmp_path, output):
    result = run_hostile("progress", broken, "--format", output)
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{broken}:$.status: expected one of" in result.stderr
    assert f"{broken}:$.funding_sources[0].amount: found the number 0.5" in result.stderr
    missing = tmp_path / "missing.toml"
    result = run_hostile("progress", missing, "--format", output)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"{missing}:$: cannot read the file: No such file or directory\n"


def test_progress_json_of_a_bad_document_is_one_json_document(broken, tmp_path):
    result = run_hostile("progress", broken, "--format", "json")
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert (data["file"], data["exit_code"]) == (str(broken), 2)
    paths = [problem["path"] for problem in data["problems"]]
    assert "$.status" in paths
    assert "$.funding_sources[0].amount" in paths
    missing = tmp_path / "missing.toml"
    result = run_hostile("progress", missing, "--format", "json")
    assert (result.exit_code, result.stderr) == (2, "")
    assert json.loads(result.stdout) == {
        "file": str(missing),
        "problems": [{"path": "$", "message": "cannot read the file: No such file or directory"}],
        "exit_code": 2,
    }


BAD_DAYS = [
    ("2024-02-30", "'2024-02-30' is not a real date: day is out of range for month"),
    ("2024-13-01", "'2024-13-01' is not a real date: month must be in 1..12"),
    ("2024-1-3", "'2024-1-3' is not a date written YYYY-MM-DD, e.g. 2024-12-31"),
    ("20241231", "'20241231' is not a date written YYYY-MM-DD, e.g. 2024-12-31"),
    ("2024-12-31T00:00", "'2024-12-31T00:00' is not a date written YYYY-MM-DD, e.g. 2024-12-31"),
    ("\uff12024-12-31", "'\uff12024-12-31' is not a date written YYYY-MM-DD, e.g. 2024-12-31"),
    ("2024-12-31\n", "'2024-12-31\\n' is not a date written YYYY-MM-DD, e.g. 2024-12-31"),
    ("", "'' is not a date written YYYY-MM-DD, e.g. 2024-12-31"),
]


@pytest.mark.parametrize("command", ["progress", "report"])
@pytest.mark.parametrize(("day", "message"), BAD_DAYS)
def test_a_bad_as_of_is_a_usage_error_naming_the_option(command, day, message):
    result = run_hostile(command, PLAN, "--as-of", day)
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '--as-of': {message}"
    assert result.stderr.splitlines()[0].endswith(f" {command} [OPTIONS] [FILE]")


def test_a_bad_by_is_a_usage_error_listing_the_groupings_progress_takes():
    result = run_hostile("progress", PLAN, "--by", "province")
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    last = result.stderr.splitlines()[-1]
    assert last.startswith("Error: Invalid value for '--by': 'province' is not one of ")
    offered = last.split(" is not one of ")[1].rstrip(".")
    with pytest.raises(ValueError, match="expected one of") as caught:
        rs.progress(rs.load(PLAN), by="province")
    assert offered == str(caught.value).split("expected one of ")[1]


def test_progress_refuses_control_characters_in_keys_in_words_that_show_them(tmp_path):
    def sneak(tree):
        tree["allocations"][0]["pillar"] = f"I{ESC_CLEAR}\n"

    path = written_with(tmp_path / "sneaky.json", rs.load(PLAN), sneak)
    for fmt in ("text", "json", "csv"):
        result = run_hostile("progress", path, "--format", fmt)
        assert result.exit_code == 2
        assert_no_control(result.output)
        found = json.loads(result.stdout)["problems"][0] if fmt == "json" else None
        if found:
            assert found["path"] == "$.allocations[0].pillar"
            assert found["message"].startswith("got 'I\\x1b[2J\\n', which holds U+001B ESCAPE")
        else:
            assert "$.allocations[0].pillar: got 'I\\x1b[2J\\n', which holds" in result.output


# --- progress of generated strategies -------------------------------------------------------


@st.composite
def with_transactions(draw):
    """A strategy that passes the rules, with transactions, some on no allocation it holds."""
    strategy = draw(testing.strategies(max_allocations=6))
    names = [a.id for a in strategy.allocations] + ["no-such-allocation"]
    transactions = draw(
        st.lists(
            st.builds(
                rs.Transaction,
                id=st.just("tx"),
                allocation=st.sampled_from(names),
                kind=st.sampled_from(rs.TransactionKind),
                amount=testing.money(rs.Money(-(10**6)), rs.Money(10**7)),
                date=st.dates(datetime.date(2023, 1, 1), datetime.date(2028, 12, 31)),
            ),
            max_size=8,
        )
    )
    numbered = tuple(attrs.evolve(t, id=f"tx-{i}") for i, t in enumerate(transactions))
    return attrs.evolve(strategy, transactions=numbered)


def _share_is_close(text, part, whole):
    """A share such as `0.4520` lies within half a unit of its 4th decimal of part / whole."""
    if whole == 0:
        return text == ""
    exact = Fraction(part, whole)
    return abs(Fraction(text) - exact) <= Fraction(1, 20_000) and text == f"{Decimal(text):.4f}"


@given(
    strategy=with_transactions(),
    by=st.sampled_from(["pillar", "source", "allocation", "year", "rom"]),
    as_of=st.none() | st.dates(datetime.date(2023, 1, 1), datetime.date(2028, 12, 31)),
)
def test_progress_rows_add_up_to_the_total_the_transactions_give(strategy, by, as_of):
    known = {a.id for a in strategy.allocations}
    counted = [
        t
        for t in strategy.transactions
        if t.allocation in known and (as_of is None or t.date <= as_of)
    ]
    committed = sum(t.amount.cents for t in counted if t.kind is rs.TransactionKind.COMMITMENT)
    spent = sum(t.amount.cents for t in counted if t.kind is rs.TransactionKind.EXPENDITURE)
    allocated = sum(a.amount.cents for a in strategy.allocations)
    expected = [allocated, committed, spent, committed - spent, allocated - committed]
    when = [] if as_of is None else ["--as-of", as_of.isoformat()]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.json"
        rs.dump(strategy, path)
        data = progress_json(path, "--by", by, *when)
        rows = progress_csv(path, "--by", by, *when)
        text = run("progress", path, "--by", by, *when)
    columns = ("allocated", "committed", "spent", "open", "uncommitted")
    assert data["as_of"] == (None if as_of is None else as_of.isoformat())
    assert [rs.Money(data["total"][c]).cents for c in columns] == expected
    for column, total in zip(columns, expected, strict=True):
        assert sum(rs.Money(row[column]).cents for row in data["rows"]) == total
    assert rows[0] == CSV_HEADER
    assert rows[1:] == [as_csv(row) for row in (*data["rows"], data["total"])]
    for row in rows[1:]:
        whole, part_committed, part_spent = (rs.Money(v).cents for v in row[2:5])
        assert _share_is_close(row[7], part_committed, whole)
        assert _share_is_close(row[8], part_spent, whole)
    lines = text.stdout.splitlines()
    assert len(lines) == 3 + len(data["rows"]) + 1
    assert lines[-1].startswith("Total ")
    assert len({len(line) for line in lines[2:]}) == 1  # aligned: the last column is never blank


@pytest.mark.parametrize("format", ["md", "json"])
def test_report_passes_as_of_through_to_render(format):
    result = run("report", PLAN, "--format", format, "--as-of", "2024-12-31")
    assert result.exit_code == 0
    plan = rs.load(PLAN)
    assert result.stdout == rs.reports.render(plan, format, "en", as_of="2024-12-31")
    everything = run("report", PLAN, "--format", format).stdout
    assert everything == rs.reports.render(plan, format, "en")
    assert result.stdout != everything  # the realisation section counts fewer transactions
