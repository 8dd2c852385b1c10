"""Results print themselves: `str()` is what the command prints, HTML escapes, `repr()` is short."""

import json
from pathlib import Path

import attrs
import pytest

import romstrategy as rs
from romstrategy import Money, reports
from romstrategy.parliament import from_odata
from tests.helpers import printed

EXAMPLES = Path(__file__).parent.parent / "examples"
PLAN_FILE = EXAMPLES / "illustrative_plan.toml"
BROKEN_FILE = EXAMPLES / "broken_plan.toml"
ZAKEN = EXAMPLES / "odata" / "zaken.json"
PLAN = rs.load(PLAN_FILE)
SCRIPT = "<script>alert(1)</script>"


@pytest.mark.parametrize("by", ["pillar", "source", "allocation", "year", "rom"])
def test_str_of_progress_is_the_table_the_command_prints(by):
    assert str(rs.progress(PLAN, by=by)) + "\n" == printed("progress", PLAN_FILE, "--by", by)


def test_str_of_progress_differs_with_the_day_counted():
    assert str(rs.progress(PLAN, as_of="2024-12-31")) != str(rs.progress(PLAN))


@pytest.mark.parametrize("file", [PLAN_FILE, BROKEN_FILE])
def test_str_of_a_report_is_what_check_prints_after_the_file_name(file):
    lines = str(rs.validate(rs.load(file))).split("\n")
    shown = printed("check", file).split("\n")
    assert shown[:-2] == [f"{file}:{line}" for line in lines[:-1]]
    assert shown[-2].startswith(f"{file}: {lines[-1]}; ")  # then the budget
    assert shown[-1] == ""


def test_str_of_a_report_without_findings_is_the_counts():
    assert str(rs.Findings()) == "0 errors, 0 warnings, 0 info"
    assert rs.Findings().format("en") == "No findings."


def test_str_of_a_diff_is_what_diff_prints_after_its_file_names():
    changes = reports.diff(PLAN, rs.load(BROKEN_FILE))
    shown = printed("diff", PLAN_FILE, BROKEN_FILE)
    assert shown == f"--- {PLAN_FILE}\n+++ {BROKEN_FILE}\n{changes}\n"
    assert str(reports.diff(PLAN, PLAN)) == "No differences."


def test_str_of_an_overview_is_the_markdown_report_prints():
    assert str(reports.overview(PLAN)) == printed("report", PLAN_FILE)
    assert str(reports.overview(PLAN)) != reports.render(PLAN, "md", "nl")


def test_str_of_an_odata_import_is_what_motions_prints():
    found = from_odata(json.loads(ZAKEN.read_text(encoding="utf-8")))
    assert found.motions
    assert str(found) + "\n" == printed("motions", ZAKEN)


def _scripted_plan() -> rs.Strategy:
    pillar = attrs.evolve(PLAN.pillars[0], code=SCRIPT, title_en=SCRIPT)
    allocations = tuple(
        attrs.evolve(a, pillar=SCRIPT) if a.pillar == PLAN.pillars[0].code else a
        for a in PLAN.allocations
    )
    return attrs.evolve(
        PLAN, title=SCRIPT, pillars=(pillar, *PLAN.pillars[1:]), allocations=allocations
    )


def _hostile_results() -> dict[str, object]:
    plan = _scripted_plan()
    motion = attrs.evolve(PLAN.motions[0], title=SCRIPT)
    return {
        "progress": rs.progress(plan),
        "report": rs.Findings([rs.Finding(code="X001", severity="error", message=SCRIPT,
                                        message_nl=SCRIPT, path=SCRIPT)]),
        "diff": reports.diff(PLAN, plan),
        "overview": reports.overview(plan),
        "odata": attrs.evolve(from_odata([]), motions=(motion,)),
    }  # fmt: skip


@pytest.mark.parametrize("name", ["progress", "report", "diff", "overview", "odata"])
def test_the_html_of_each_result_escapes_user_text(name):
    page = _hostile_results()[name]._repr_html_()  # type: ignore[attr-defined]
    assert page.startswith(("<table>", "<h4>"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page


def test_the_html_of_a_plain_result_has_its_text_unchanged():
    page = rs.progress(PLAN)._repr_html_()
    assert "<th>Pillar</th>" in page
    assert '<td style="text-align:right">EUR 1,200,000.00</td>' in page


def _large_plan(count: int) -> rs.Strategy:
    first = PLAN.allocations[0]
    allocations = tuple(
        attrs.evolve(first, id=f"al-{i:05d}", amount=Money(1)) for i in range(count)
    )
    return attrs.evolve(PLAN, allocations=allocations)


def test_the_repr_of_each_result_is_short_on_a_plan_of_10000_allocations():
    large = _large_plan(10_000)
    results = {
        "progress": rs.progress(large, by="allocation"),
        "report": rs.validate(large),
        "diff": reports.diff(PLAN, large),
        "overview": reports.overview(large),
        "odata": from_odata(json.loads(ZAKEN.read_text(encoding="utf-8"))),
    }
    lengths = {name: len(repr(result)) for name, result in results.items()}
    assert max(lengths.values()) <= 200, lengths
    assert repr(results["progress"]) == "Progress(by='allocation', 10000 rows)"
    assert repr(results["diff"]).startswith("StrategyDiff(changed=True, ")
    assert len(attrs.asdict(results["progress"])["rows"]) == 10_000  # the data is all there


def test_the_repr_of_progress_names_its_day():
    assert repr(rs.progress(PLAN, as_of="2024-12-31")) == (
        "Progress(by='pillar', as_of='2024-12-31', 3 rows)"
    )
