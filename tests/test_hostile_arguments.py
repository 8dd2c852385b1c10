"""Hostile input, round 2: arguments of the wrong type or size, and outputs over inputs."""

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import reference, reports, tables
from romstrategy._model._display import visible
from romstrategy._model._vocabulary import FEW, join
from romstrategy._reports._progress_rows import progress_csv
from romstrategy.rules import rule_for
from tests.helpers import activity, plan, regional, run

HUGE = "X" * 100_000
PLAN = "examples/illustrative_plan.toml"
WORKBOOK = "examples/illustrative_plan.xlsx"


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    folder = tmp_path_factory.mktemp("package")
    return tables.write_datapackage(rs.load(PLAN), folder)


READERS = {
    "loads": lambda path, limit: rs.loads(Path(path).read_bytes(), "toml", max_bytes=limit),
    "load a document": lambda path, limit: rs.load(path, max_bytes=limit),
    "load a workbook": lambda path, limit: rs.load(WORKBOOK, max_bytes=limit),
    "read_datapackage": lambda path, limit: tables.read_datapackage(path, max_bytes=limit),
}


def _path(reader, package):
    return package if reader == "read_datapackage" else PLAN


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("limit", [True, False, 1.5, Decimal(100), "100", None, b"1"])
def test_max_bytes_that_is_not_an_int_is_a_type_error_naming_it(reader, limit, package):
    with pytest.raises(rs.ArgumentTypeError, match=r"\Amax_bytes: got .{1,60}, expected an int"):
        READERS[reader](_path(reader, package), limit)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("limit", [0, -1, -(10**400)])
def test_max_bytes_below_one_is_a_value_error_naming_it(reader, limit, package):
    with pytest.raises(rs.ArgumentError, match=r"\Amax_bytes: got .{1,60}, expected 1 or more\Z"):
        READERS[reader](_path(reader, package), limit)


@pytest.mark.parametrize("reader", READERS)
def test_a_huge_max_bytes_is_fine_and_one_is_a_limit(reader, package):
    path = _path(reader, package)
    assert READERS[reader](path, 10**400) == READERS[reader](path, 64 * 1024 * 1024)
    with pytest.raises(rs.DocumentError, match="limit"):
        READERS[reader](path, 1)


@pytest.mark.parametrize(
    "call",
    [
        lambda: rule_for(HUGE),
        lambda: rs.Money(1).format(HUGE),
        lambda: rs.validate(reference.strategy_2024()).format(HUGE),
        lambda: reports.render(reference.strategy_2024(), "md", HUGE),
        lambda: reports.render(reference.strategy_2024(), HUGE),
        lambda: rs.loads("{}", HUGE),
        lambda: rs.dump(reference.strategy_2024(), "plan." + HUGE[:200]),
        lambda: rs.loads(f"schema_version = {'9' * 4000}\n", "toml"),
        lambda: rs.loads(f"schema_version = {'9' * 4000}", "yaml"),
    ],
)
def test_a_message_quotes_at_most_about_60_characters_of_a_bad_argument(call):
    with pytest.raises((rs.Error, ValueError, LookupError)) as caught:
        call()
    message = str(caught.value)
    assert "X" * 61 not in message
    assert "9" * 61 not in message
    assert len(message) < 600, message[:300]


def test_a_short_bad_argument_is_quoted_whole():
    with pytest.raises(LookupError, match=r"no rule has the code 'RS999';"):
        rule_for("RS999")
    with pytest.raises(ValueError, match=r"got lang 'de'"):
        rs.Money(1).format("de")


def test_a_finding_quotes_a_long_reference_short():
    plan = rs.load(PLAN)
    allocation = plan.allocations[0]
    long_source = "s" * 10_000
    broken = rs.Strategy(
        id=plan.id, title=plan.title, period=plan.period, pillars=plan.pillars,
        roms=plan.roms, provinces=plan.provinces, principals=plan.principals,
        funding_sources=plan.funding_sources, activities=plan.activities,
        allocations=(rs.Allocation(id=allocation.id, source=long_source, amount=allocation.amount,
                                   pillar=allocation.pillar, period=allocation.period),),
    )  # fmt: skip
    found = [f for f in rs.validate(broken).findings if f.code == "RS001"]
    assert found
    for finding in found:
        assert "s" * 61 not in finding.message
        assert len(finding.message) < 300


# --- the command never destroys its input -----------------------------------------------


def _copies(tmp_path):
    plan = tmp_path / "plan.json"  # a report may be JSON too: the suffix does not protect it
    plan.write_bytes(Path("examples/illustrative_plan.json").read_bytes())
    records = tmp_path / "records.json"
    records.write_bytes(Path("examples/odata/zaken.json").read_bytes())
    (tmp_path / "link-plan.json").symlink_to(plan)
    (tmp_path / "link.json").symlink_to(records)
    return plan, records


@pytest.mark.parametrize(
    "args",
    [
        ["report", "plan.json", "-o", "plan.json"],
        ["report", "plan.json", "-o", "./plan.json"],
        ["report", "plan.json", "-o", "link-plan.json", "--format", "json"],
        ["report", "link-plan.json", "-o", "plan.json"],
        ["motions", "records.json", "--merge", "plan.json", "-o", "records.json"],
        ["motions", "records.json", "--merge", "plan.json", "-o", "./link.json", "--force"],
    ],
)
def test_the_command_refuses_to_write_over_its_input(args, tmp_path, monkeypatch):
    plan, records = _copies(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = (plan.read_bytes(), records.read_bytes())
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "itself; writing it would destroy it" in result.output
    assert (plan.read_bytes(), records.read_bytes()) == before


def test_a_report_beside_its_input_is_written(tmp_path, monkeypatch):
    _copies(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("report", "plan.json", "-o", "plan.md")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan.md").read_text().startswith("# ")


# --- CSV that a person opens ------------------------------------------------------------


# A code cannot start with a tab or a carriage return any more (issue 28).
@pytest.mark.parametrize("code", ['=HYPERLINK("x")', "+1", "-1", "@SUM(A1)", "= 1", "-I I"])
def test_a_progress_csv_key_never_starts_like_a_formula(code):
    import csv
    import io

    plan = rs.load(PLAN)
    old = plan.pillars[0].code
    pillars = (attrs.evolve(plan.pillars[0], code=code), *plan.pillars[1:])
    allocations = tuple(
        attrs.evolve(a, pillar=code) if a.pillar == old else a for a in plan.allocations
    )
    activities = tuple(
        attrs.evolve(a, pillar=code) if a.pillar == old else a for a in plan.activities
    )
    changed = attrs.evolve(plan, pillars=pillars, allocations=allocations, activities=activities)
    rows = list(csv.reader(io.StringIO(progress_csv(rs.progress(changed, by="pillar")))))
    keys = [row[0] for row in rows[1:]]
    assert keys[0] == "'" + visible(code)  # after a quote
    assert keys[1:] == ["II", "III", ""]  # the near miss: plain keys as they are
    assert rows[-1][1] == "total"
    for row in rows[1:]:
        for amount in row[2:7]:
            Decimal(amount)  # amounts stay numbers, a minus sign too


# --- a finding lists a few ids and says how many more ---------------------------------------

MANY_ROMS = tuple(f"R{i}" for i in range(3_000))


def _crowded(roms):
    """The plan with activities of `roms`, each ROM also running a rival of its own."""
    base = plan()
    rivals = (
        regional(id=f"r-{rom}", roms=(rom,), lead=rom, period=base.activities[2].period)
        for rom in roms
    )
    extra = (
        activity(id="wide", roms=roms, lead="ZZ"),  # led by a ROM that does not take part
        regional(id="crowd", roms=roms, lead=roms[0]),  # a regional activity of many ROMs
        *rivals,
    )
    return attrs.evolve(base, activities=(*base.activities, *extra))


def test_a_finding_names_a_few_of_many_ids_and_says_how_many_more():
    findings = rs.validate(_crowded(MANY_ROMS)).findings
    assert len(findings) > len(MANY_ROMS)  # one per unknown ROM, and more
    for finding in findings:
        assert len(finding.message) < 1_000, finding.message
        assert len(finding.message_nl) < 1_000, finding.message_nl
    (rivalry,) = (f for f in findings if f.code == "RS203" and f.subjects[0] == "wide")
    assert "R2999" not in rivalry.message
    assert "2995 more" in rivalry.message
    assert "nog 2995" in rivalry.message_nl


def test_a_finding_names_five_ids_whole():
    five = MANY_ROMS[:5]
    findings = rs.validate(_crowded(five)).findings
    (rivalry,) = (f for f in findings if f.code == "RS203" and f.subjects[0] == "wide")
    assert "more" not in rivalry.message  # the near miss: five are named, and no more
    assert all(f"{rom} (" in rivalry.message for rom in five)


@given(st.lists(st.text(min_size=1, max_size=3), max_size=20), st.integers(0, 10**6))
def test_join_names_at_most_a_few_words_and_counts_the_rest(words, more):
    left_out = more + max(len(words) - FEW, 0)
    for lang, rest in (("en", f"{left_out} more"), ("nl", f"nog {left_out}")):
        text = join(words, lang, more=more)
        if left_out:
            assert text.endswith(rest)
        assert all(word in text for word in words[:FEW])
        if not left_out and words:
            assert text.endswith(words[-1])
