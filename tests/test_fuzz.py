"""Fuzzing: hostile documents through `loads` and `romstrategy check` (issue 12).

Each format gets at least 2,000 generated documents: valid ones spoilt by
inserting hostile fragments, cutting, repeating and flipping bytes. Every
one must give a strategy or a `DocumentError`, and the command must exit 0,
1 or 2 without a traceback, each within 2 seconds. The 2-second bound is a
hang guard, not a speed test: a case takes milliseconds.
"""

import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import reports
from romstrategy.cli import main

EXAMPLES = (
    rs.load(Path(__file__).parent.parent / "examples" / "illustrative_plan.toml"),
    rs.reference.strategy_2024(),
)
BASES = {
    format: [rs.dumps(strategy, format) for strategy in EXAMPLES]
    for format in ("json", "toml", "yaml")
}
LIMIT = 2.0  # seconds per case

HOSTILE = [
    # nesting and size
    "[" * 5000, "{" * 5000, "- " * 5000, "a." * 5000 + "b = 1", "[" + "a." * 3000 + "a]",
    "9" * 5000, "1" + "0" * 400, "-" + "9" * 30, "1e999999999", "0." + "0" * 1000 + "1",
    # numbers in every spelling
    "0250000", "4:10:00", "0o17", "0x1F", "1_000", ".inf", "-.inf", ".nan", "NaN", "Infinity",
    "1e3", "+12", "0b101", "12.345", "1.5", "-0", "0E0",
    # text that is hard to carry
    "\x00", "\x1b[2J", "\x1b]0;t\x07", "\u202e", "\ud800", "\udfff", "\ufeff", "\r", "\r\n",
    "\t", "\u2028", "\x85", "\\", '"', "'", "`", "€", "Fryslân", "\\ud800", "\\u0000", "\\x",
    # structures and YAML features
    "&a ", "*a", "<<: {a: 1}", "? [1]\n: x", "!!python/object:os.system ''", "!!binary aGk=",
    "!!set {a}", "!custom x", "---\n", "...\n", "%YAML 1.1\n", "null: x", "1: y", "true: z",
    "2024-01-01: x", "[1, 2]: x", "{a: 1}: x", "a: 1\na: 2", '"a": 1, "a": 2', "a = 1\na = 2",
    # dates and periods
    "2024-02-30", "2024-13-01", "0000-01-01", "9999-12-31", "10000-01-01", "2024-1-1",
    '{start = "2025-01-01", end = "2024-01-01"}', "1979-05-27T07:32:00Z", "07:32:00",
    # keys of the document
    "schema_version", "schema_version = 2", "schema_version: 0", "allocations", "amount",
    "[[allocations]]", "- id: x", "[period]",
]  # fmt: skip


@st.composite
def hostile_documents(draw, format):
    """A valid document of `format`, spoilt one to four times, as str or as bytes."""
    text = draw(st.sampled_from(BASES[format]))
    for _ in range(draw(st.integers(1, 4))):
        spot = draw(st.integers(0, len(text)))
        if draw(st.booleans()):  # at the start of a line, where keys and tables begin
            spot = text.find("\n", spot) + 1
        action = draw(st.sampled_from(["insert", "insert", "cut", "repeat", "replace"]))
        if action == "insert":
            piece = draw(st.sampled_from(HOSTILE) | st.text(max_size=12))
            text = text[:spot] + piece + text[spot:]
        elif action == "cut":
            text = text[:spot] + text[spot + draw(st.integers(1, 200)) :]
        elif action == "repeat":
            piece = text[spot : spot + draw(st.integers(1, 80))]
            text = text[:spot] + piece * draw(st.integers(2, 50)) + text[spot:]
        else:
            end = text.find("\n", spot)
            text = text[:spot] + draw(st.sampled_from(HOSTILE)) + text[end if end >= 0 else spot :]
    if draw(st.booleans()):
        return text
    data = bytearray(text.encode("utf-8", "surrogatepass"))
    for _ in range(draw(st.integers(0, 3))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


def loads_gives_a_strategy_or_a_document_error(document, format):
    """True when a strategy loads, False when a `DocumentError` says why not."""
    started = time.perf_counter()
    refused = None
    try:
        strategy = rs.loads(document, format)
    except rs.DocumentError as error:
        refused = error
    assert time.perf_counter() - started < LIMIT
    if refused is None:  # what loads can be written, summed up and reported
        for written in (
            rs.dumps(strategy, format),
            rs.summary(strategy),
            str(rs.validate(strategy)),
        ):
            written.encode("utf-8")
        reports.render(strategy, "md").encode("utf-8")
        return True
    assert refused.problems
    str(refused).encode("utf-8")  # printable: no half characters
    return False


def check_exits_cleanly(document, format):
    data = document if isinstance(document, bytes) else document.encode("utf-8", "surrogatepass")
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["check", "-", "--input-format", format], input=data)
    assert time.perf_counter() - started < LIMIT
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert "\x1b" not in result.output


FUZZ = settings(
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("format", ["json", "toml", "yaml"])
def test_hostile_documents_give_a_strategy_or_a_document_error(format):
    kinds = {"refused": 0, "loaded": 0}

    @FUZZ
    @given(hostile_documents(format))
    def fuzz(document):
        kinds[
            "loaded" if loads_gives_a_strategy_or_a_document_error(document, format) else "refused"
        ] += 1
        check_exits_cleanly(document, format)

    fuzz()
    assert sum(kinds.values()) >= 2000, kinds  # Hypothesis ran every example asked for
    assert kinds["refused"] > 1000, kinds
