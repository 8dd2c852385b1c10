import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import romstrategy as rs
from romstrategy.cli import main

EXAMPLES = Path(__file__).parent.parent / "examples"
PLAN = EXAMPLES / "illustrative_plan.toml"
REFERENCE = EXAMPLES / "reference" / "strategy_2024.toml"
COMMANDS = ["check", "report", "explain", "schema", "split", "init", "convert", "diff"]


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


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

    bigger = attrs.evolve(first, amount=first.amount + rs.Money("0.01"))
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
        "€0.00 / €4,000,000.00, unallocated €4,000,000.00"
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
    assert "€2,000,000.00" in result.output
    assert result.output.splitlines()[-1].split() == ["sum", "€4,000,000.00", "=", "4000000"]
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
    assert "unknown format" in result.stderr


def test_diff_reference_to_plan(tmp_path):
    result = run("diff", REFERENCE, PLAN)
    assert result.exit_code == 0
    assert "Pillars: III: €0.00 -> €1,600,000.00 (+€1,600,000.00)" in result.output
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


def test_colour_on_a_terminal_unless_no_color(monkeypatch, over_allocated):
    from romstrategy import cli

    class Terminal:
        def isatty(self):
            return True

    monkeypatch.setattr(cli.sys, "stdout", Terminal())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli._colour() is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._colour() is False


def test_errors_are_painted_when_colour_is_on(monkeypatch, over_allocated):
    from romstrategy import cli

    monkeypatch.setattr(cli, "_colour", lambda: True)
    output = CliRunner().invoke(main, ["check", str(over_allocated)], color=True).output
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
