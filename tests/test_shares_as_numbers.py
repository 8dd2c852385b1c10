"""Shares in CSV and JSON are numbers that tools read as such (issue 28, part 5).

A share is a fraction of one rounded half to even to four decimals (`0.8333`), in a
field whose name ends in `share`; only text and HTML write `83.3%`. Computed from
exact cents, never through float arithmetic.
"""

import io
import json
import math
import pathlib
import re
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import reports
from romstrategy._reports._progress_rows import progress_csv, progress_data, share_text
from tests.helpers import commit, exact_share, illustrative, pay, printed, small

pd = pytest.importorskip("pandas")

PLAN = illustrative()
PLAN_FILE = pathlib.Path(__file__).parent.parent / "examples" / "illustrative_plan.toml"
BY = ("pillar", "source", "allocation", "year", "rom")
PERCENT_TEXT = re.compile(r"^\s*-?[0-9]+(?:[.,][0-9]+)?\s*%\s*$")


@pytest.mark.parametrize(
    ("share", "text"),
    [
        (Fraction(5, 6), "0.8333"),
        (Fraction(1, 3), "0.3333"),
        (Fraction(2, 3), "0.6667"),
        (Fraction(0), "0.0000"),
        (Fraction(1), "1.0000"),
        (Fraction(23, 10), "2.3000"),
        (Fraction(1, 20_000), "0.0000"),  # a tie: half to even, down
        (Fraction(3, 20_000), "0.0002"),  # a tie: half to even, up
        (Fraction(-3, 20_000), "-0.0002"),
        (Fraction(-1, 20_000), "0.0000"),  # no "-0.0000"
        (Fraction(-5, 6), "-0.8333"),
        (Fraction(10**14 - 1, 10**14), "1.0000"),
        (Fraction(1025000_50, 4000000_00), "0.2563"),
    ],
)
def test_a_share_is_a_fraction_of_one_to_four_decimals(share, text):
    assert share_text(share) == text


@given(
    part=st.integers(-(10**14), 10**14),
    whole=st.integers(1, 10**14),
)
def test_a_share_is_exactly_rounded_half_to_even(part, whole):
    assert share_text(Fraction(part, whole)) == exact_share(part, whole).replace(
        "-0.0000", "0.0000"
    )


def _csv_frame(result):
    return pd.read_csv(io.StringIO(progress_csv(result)), keep_default_na=True)


@pytest.mark.parametrize("by", BY)
@pytest.mark.parametrize("as_of", [None, "2024-12-31", "2024-01-31"])
def test_progress_csv_shares_are_numeric_columns_for_pandas(by, as_of):
    result = rs.progress(PLAN, by=by, as_of=as_of)
    frame = _csv_frame(result)
    for column in ("committed_share", "spent_share"):
        assert pd.api.types.is_float_dtype(frame[column]), frame[column].dtype
    for row, (_, line) in zip((*result.rows, result.total), frame.iterrows(), strict=True):
        for share, column in zip(row.shares(), ("committed_share", "spent_share"), strict=True):
            if share is None:  # nothing allocated, as in 2027 by year: a blank cell, NaN
                assert math.isnan(line[column])
            else:
                assert line[column] == float(share_text(share))


@pytest.mark.parametrize("by", BY)
def test_progress_json_shares_are_numbers_equal_to_the_exact_ones(by):
    data = json.loads(printed("progress", str(PLAN_FILE), "--by", by, "--format", "json"))
    for row in (*data["rows"], data["total"]):
        for column, part in (("committed_share", "committed"), ("spent_share", "spent")):
            value, exact = row[column], exact_share(row[part], row["allocated"])
            assert value is None if exact is None else value == float(exact)
            assert isinstance(value, float) or exact is None


def test_pandas_sums_the_shares_of_the_illustrative_plan_by_pillar():
    frame = _csv_frame(rs.progress(PLAN))
    assert list(frame["committed_share"]) == [0.8333, 0.5417, 0.4375, 0.5875]
    assert list(frame["spent_share"]) == [0.3333, 0.3542, 0.125, 0.2563]
    assert frame["spent_share"].iloc[:3].sum() == pytest.approx(0.8125)


def test_with_nothing_allocated_a_share_is_blank_in_csv_and_null_in_json():
    result = rs.progress(rs.reference.strategy_2024())
    frame = _csv_frame(result)
    assert frame["committed_share"].isna().all()
    assert pd.api.types.is_float_dtype(frame["committed_share"])
    data = progress_data(result)
    assert {row["committed_share"] for row in (*data["rows"], data["total"])} == {None}
    assert '"committed_share": null' in json.dumps(data)


def test_more_committed_than_allocated_is_a_share_above_one_said_plainly():
    strategy = small(transactions=(commit("t1", "250.00", "2024-03-01"),))
    allocated = strategy.allocations[0].amount.to_text()
    row = progress_data(rs.progress(strategy))["total"]
    assert row["committed_share"] == float(exact_share("250.00", allocated))
    assert row["committed_share"] > 1


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_overview_json_has_shares_as_numbers_that_add_up_to_one(lang):
    data = json.loads(reports.render(PLAN, "json", lang))
    total = rs.Money(data["allocated"])
    for section in ("pillars", "years", "roms"):
        lines = data[section]
        assert all("percent" not in line for line in lines)
        for line in lines:
            assert line["share"] == float(exact_share(line["amount"], total.to_text()))
        assert sum(line["share"] for line in lines) == pytest.approx(1, abs=5e-4 * len(lines))
    assert data["pillars"][0]["share"] == 0.3


def test_the_overview_json_of_nothing_allocated_has_null_shares():
    data = json.loads(reports.render(rs.reference.strategy_2024(), "json"))
    assert data["allocated"] == "0.00"
    assert {line["share"] for s in ("pillars", "years", "roms") for line in data[s]} == {None}


def _strings(data):
    """Every string value (not key) in a JSON document."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def _changed_plan(tmp_path):
    spent = pay("t-new", "1000", "2025-07-01", allocation=PLAN.allocations[0].id)
    changed = attrs.evolve(PLAN, transactions=(*PLAN.transactions, spent))
    path = tmp_path / "changed.json"
    rs.dump(changed, path)
    return path


@pytest.mark.parametrize(
    "command",
    [
        *(("progress", "{plan}", "--by", by, "--format", "json") for by in BY),
        *(("progress", "{plan}", "--by", by, "--format", "csv") for by in BY),
        ("report", "{plan}", "--format", "json"),
        ("report", "{plan}", "--format", "json", "--lang", "nl"),
        ("diff", "{plan}", "{changed}", "--format", "json"),
        ("check", "{plan}", "--format", "json"),
    ],
)
def test_no_csv_or_json_output_writes_a_share_as_text(command, tmp_path):
    places = {"plan": str(PLAN_FILE), "changed": _changed_plan(tmp_path)}
    output = printed(*(part.format(**places) for part in command))
    if command[-1] == "csv":
        cells = [cell for line in output.splitlines() for cell in line.split(",")]
        assert not [cell for cell in cells if "%" in cell]
        return
    strings = list(_strings(json.loads(output)))
    assert not [text for text in strings if PERCENT_TEXT.match(text)]
    assert '"percent"' not in output
