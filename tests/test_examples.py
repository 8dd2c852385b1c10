"""Every example in examples/ runs, and every example document loads."""

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import romstrategy as rs
from romstrategy.rules import RULES

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))
ODATA = EXAMPLES / "odata"
"""The Tweede Kamer's records, which are no strategy documents."""
DOCUMENTS = sorted(
    p
    for s in ("toml", "json", "yaml", "xlsx")
    for p in EXAMPLES.rglob(f"*.{s}")
    if ODATA not in p.parents
)
BROKEN_PLAN = EXAMPLES / "broken_plan.toml"


def _name(path):
    return str(path.relative_to(EXAMPLES))


def test_the_examples_are_there():
    names = {p.name for p in SCRIPTS}
    assert {"check_reference.py", "custom_rule.py", "split_budget.py", "notebook.py"} <= names
    assert BROKEN_PLAN in DOCUMENTS


@pytest.mark.parametrize("script", SCRIPTS, ids=_name)
def test_the_script_runs_from_another_folder_and_exits_0(script, tmp_path):
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,  # paths in the scripts are relative to the script, not the folder
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip()  # every example shows something


@pytest.mark.parametrize("document", DOCUMENTS, ids=_name)
def test_the_document_loads(document):
    assert isinstance(rs.load(document), rs.Strategy)


def test_the_notebook_script_has_cells():
    assert (EXAMPLES / "notebook.py").read_text(encoding="utf-8").count("\n# %%") >= 4


def test_the_custom_rule_example_uses_its_own_code():
    text = (EXAMPLES / "custom_rule.py").read_text(encoding="utf-8")
    assert "rules=[" in text
    assert '"XY001"' in text
    assert "XY001" not in RULES


# --- the broken plan ------------------------------------------------------------------------


def _marked():
    lines = BROKEN_PLAN.read_text(encoding="utf-8").splitlines()
    return Counter(code for line in lines for code in re.findall(r"# breaks (RS\d+):", line))


def test_the_broken_plan_breaks_each_rule_it_marks_exactly_once_and_no_other():
    report = rs.validate(rs.load(BROKEN_PLAN))
    assert Counter(f.code for f in report.findings) == _marked()
    assert set(_marked()) == set(RULES)  # every built-in rule, each once


def test_the_broken_plan_has_one_comment_per_broken_rule_on_the_line_that_breaks_it():
    lines = BROKEN_PLAN.read_text(encoding="utf-8").splitlines()
    assert set(_marked().values()) == {1}
    assert set(_marked()) <= set(RULES)
    for line in lines:
        if "# breaks" in line:
            assert not line.startswith("#"), f"the comment shares the line that breaks: {line}"


def test_the_broken_plan_says_it_is_illustrative():
    assert BROKEN_PLAN.read_text(encoding="utf-8").startswith("# ILLUSTRATIVE")


# --- the illustrative and reference documents ------------------------------------------------


def test_the_illustrative_plan_is_final_and_alike_in_every_format():
    plans = [rs.load(EXAMPLES / f"illustrative_plan.{s}") for s in ("toml", "json", "yaml")]
    assert all(plan == plans[0] for plan in plans)
    assert plans[0].status is rs.StrategyStatus.FINAL
    assert rs.validate(plans[0]).findings == ()


def test_the_reference_documents_hold_the_letters_strategy():
    for suffix in ("toml", "json", "yaml"):
        loaded = rs.load(EXAMPLES / "reference" / f"strategy_2024.{suffix}")
        assert loaded == rs.reference.strategy_2024()
