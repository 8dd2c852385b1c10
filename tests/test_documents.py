"""Strategy documents in JSON, TOML and YAML: reading, checking and writing them.

Every format round-trips a strategy; a bad document gives every problem with its path,
the value found and its line; the JSON Schema and the loader agree field by field; files
are written whole or not at all. The readers are fuzzed with hostile documents, YAML is
read as YAML 1.2, and the builder agrees with the constructors, however a document spells
its values.
"""

import contextlib
import gc
import json
import os
import pathlib
import threading
import time
from pathlib import Path

import attrs
import jsonschema
import pendulum
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import romstrategy as rs
import romstrategy.testing as rst
from romstrategy import DocumentError, Money, Period, Problem, reference, reports
from romstrategy._model._kinds import kinds
from romstrategy.cli import main
from tests.helpers import any_strategies, assert_no_control, exactly, python

FORMATS = ("json", "toml", "yaml")
EXAMPLES = pathlib.Path(__file__).parent.parent / "examples"
ILLUSTRATIVE = EXAMPLES / "illustrative_plan.toml"
REFERENCE_FILES = sorted((EXAMPLES / "reference").glob("strategy_2024.*"))


def reference_tree():
    return json.loads(rs.dumps(reference.strategy_2024(), "json"))


def allocation_tree(**changes):
    fields = {
        "id": "al-1",
        "source": "van-strien-funds",
        "amount": "10.00",
        "pillar": "I",
        "period": {"start": "2024-01-01", "end": "2024-12-31"},
    }
    return fields | changes


def problems_of(tree, format="json"):
    with pytest.raises(DocumentError) as caught:
        rs.loads(json.dumps(tree), format)
    return caught.value.problems


# --- round trips -----------------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
def test_reference_round_trips_and_is_canonical(format):
    text = rs.dumps(reference.strategy_2024(), format)
    back = rs.loads(text, format)
    assert back == reference.strategy_2024()
    assert rs.dumps(back, format) == text


@pytest.mark.parametrize("path", REFERENCE_FILES, ids=lambda p: p.name)
def test_shipped_reference_documents_load_to_the_reference(path):
    assert len(REFERENCE_FILES) == 3
    assert rs.load(path) == reference.strategy_2024()
    assert path.read_text(encoding="utf-8") == rs.dumps(reference.strategy_2024(), path.suffix)


@given(any_strategies, st.sampled_from(FORMATS))
def test_every_strategy_round_trips_in_every_format(strategy, format):
    text = rs.dumps(strategy, format)
    assert rs.loads(text, format) == strategy
    assert rs.loads(text.encode("utf-8"), format) == strategy
    assert rs.dumps(rs.loads(text, format), format) == text


def test_loaded_dates_are_pendulum_dates_and_periods_have_both_ends():
    strategy = rs.loads(rs.dumps(reference.strategy_2024(), "yaml"), "yaml")
    assert type(strategy.period.start) is pendulum.Date
    assert type(strategy.motions[0].submitted_on) is pendulum.Date
    assert json.loads(rs.dumps(strategy, "json"))["period"] == {
        "start": "2024-01-01",
        "end": "2027-12-31",
    }


def test_document_starts_with_schema_version_and_writes_money_enums_as_strings():
    tree = reference_tree()
    assert next(iter(tree)) == "schema_version"
    assert tree["schema_version"] == 2
    assert tree["funding_sources"][0]["amount"] == "4000000.00"
    assert tree["funding_sources"][0]["kind"] == "incidental"
    assert tree["status"] == "draft"


def test_none_is_omitted_and_null_or_missing_reads_as_none():
    tree = reference_tree()
    funds = tree["funding_sources"][0]
    assert "period" not in funds
    funds["period"] = None
    assert rs.loads(json.dumps(tree), "json") == reference.strategy_2024()
    text = rs.dumps(reference.strategy_2024(), "toml")
    assert "null" not in text
    assert "None" not in text


def test_toml_and_yaml_native_dates_are_accepted():
    text = rs.dumps(reference.strategy_2024(), "toml").replace(
        'start = "2024-01-01"', "start = 2024-01-01"
    )
    assert "start = 2024-01-01" in text
    assert rs.loads(text, "toml") == reference.strategy_2024()
    yaml_text = rs.dumps(reference.strategy_2024(), "yaml").replace(
        "start: '2024-01-01'", "start: 2024-01-01"
    )
    assert "start: 2024-01-01" in yaml_text
    assert rs.loads(yaml_text, "yaml") == reference.strategy_2024()


# --- problems with paths -----------------------------------------------------------


def test_every_problem_is_reported_with_its_path():
    tree = reference_tree()
    tree["status"] = "finished"
    tree["allocations"] = [
        allocation_tree(amount=0.1),
        allocation_tree(id="al-2", amount="1.005"),
        allocation_tree(id="al-3", amount=True, pillar=3),
        allocation_tree(id="al-4", ammount="1.00"),
    ]
    del tree["allocations"][3]["amount"]
    problems = problems_of(tree)
    assert [p.path for p in problems] == [
        "$.status",
        "$.allocations[0].amount",
        "$.allocations[1].amount",
        "$.allocations[2].amount",
        "$.allocations[2].pillar",
        "$.allocations[3].amount",
        "$.allocations[3].ammount",
    ]
    messages = {p.path: p.message for p in problems}
    assert "found the string 'finished'" in messages["$.status"]
    assert "a float cannot hold cents exactly" in messages["$.allocations[0].amount"]
    assert '"0.10"' in messages["$.allocations[0].amount"]
    assert "finer than a cent" in messages["$.allocations[1].amount"]
    assert messages["$.allocations[3].amount"] == "required key is missing"
    assert messages["$.allocations[3].ammount"] == "`ammount`: unknown key, did you mean `amount`?"


def test_three_bad_amounts_give_three_problems_in_the_message():
    tree = reference_tree()
    tree["allocations"] = [allocation_tree(id=f"al-{i}", amount=0.5) for i in range(3)]
    with pytest.raises(DocumentError) as caught:
        rs.loads(json.dumps(tree), "json")
    text = str(caught.value)
    assert text.startswith("3 problems in the document")
    for index in range(3):
        assert f"$.allocations[{index}].amount: found the number 0.5" in text


def test_whole_number_amounts_are_accepted():
    tree = reference_tree()
    tree["funding_sources"][0]["amount"] = 4000000
    assert rs.loads(json.dumps(tree), "json") == reference.strategy_2024()


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (lambda t: t["motions"][0].update(co_submitted=1), "$.motions[0].co_submitted", "expected true or false, found the number 1"),
        (lambda t: t["motions"][0].update(title=7), "$.motions[0].title", "expected a string, found the number 7"),
        (lambda t: t["motions"][0].update(submitted_on="2024-02-30"), "$.motions[0].submitted_on", "got '2024-02-30', not a date"),
        (lambda t: t["motions"][0].update(submitted_on="2024-2-3"), "$.motions[0].submitted_on", "expected a date as YYYY-MM-DD"),
        (lambda t: t["motions"][0]["history"][0].update(status="done"), "$.motions[0].history[0].status", 'expected one of "submitted"'),
        (lambda t: t["roms"][2].update(provinces="NL-UT"), "$.roms[2].provinces", "expected an array, found the string 'NL-UT'"),
        (lambda t: t["roms"][2].update(provinces=["NL-UT", ""]), "$.roms[2].provinces[1]", "got '', an id must not be empty"),
        (lambda t: t["pillars"][0].update(code=""), "$.pillars[0].code", "got '', an id must not be empty"),
        (lambda t: t.update(period={"start": "2027-01-01", "end": "2024-01-01"}), "$.period.end", "before the start 2027-01-01"),
        (lambda t: t.update(period={"start": "2027-01-01"}), "$.period.end", "required key is missing"),
        (lambda t: t.update(roms={"code": "NOM"}), "$.roms", "expected an array, found a table"),
        (lambda t: t.update(allocations=[allocation_tree(amount="1e3")]), "$.allocations[0].amount", "got '1e3'"),
        (lambda t: t.update(colour="blue"), "$.colour", "`colour`: unknown key; known keys: id, title"),
    ],
)  # fmt: skip
def test_each_kind_of_bad_value_names_its_place(change, path, message):
    tree = reference_tree()
    change(tree)
    problems = problems_of(tree)
    assert [p.path for p in problems] == [path]
    assert message in problems[0].message


@pytest.mark.parametrize(
    ("version", "message"),
    [
        (3, "schema version 3, newer than version 2"),
        (1.9, "found the number 1.9"),
        (True, "found true"),
        ("1", "found the string '1'"),
        (0, "found the number 0"),
    ],
)
def test_schema_version_must_be_a_known_whole_number(version, message):
    tree = reference_tree()
    tree["schema_version"] = version
    (problem,) = problems_of(tree)
    assert problem.path == "$.schema_version"
    assert message in problem.message


def _version_1(text, format):
    """The text of a version 2 document without transactions, said to be version 1."""
    return {
        "json": lambda: text.replace('"schema_version": 2,', '"schema_version": 1,', 1),
        "toml": lambda: text.replace("schema_version = 2\n", "schema_version = 1\n", 1),
        "yaml": lambda: text.replace("schema_version: 2\n", "schema_version: 1\n", 1),
    }[format]()


@pytest.mark.parametrize("format", ["json", "toml", "yaml"])
def test_a_version_1_document_loads_unchanged(format):
    strategy = reference.strategy_2024()
    text = rs.dumps(strategy, format)
    old = _version_1(
        text.replace('"transactions": [],', "")
        .replace("transactions = []\n", "")
        .replace("transactions: []\n", ""),
        format,
    )
    assert old != text
    assert "transactions" not in old
    assert rs.loads(old, format) == strategy


@pytest.mark.parametrize("format", ["json", "toml", "yaml"])
@pytest.mark.parametrize("plan", ["reference", "with transactions"])
def test_a_version_1_document_with_transactions_is_refused(format, plan):
    strategy = reference.strategy_2024() if plan == "reference" else rs.load(ILLUSTRATIVE)
    assert plan == "reference" or strategy.transactions
    old = _version_1(rs.dumps(strategy, format), format)
    assert ("$.transactions", "transactions need schema version 2; this document is schema "
            "version 1, write schema_version = 2") in problems(old, format)  # fmt: skip


@pytest.mark.parametrize("format", ["json", "toml", "yaml"])
def test_a_version_1_document_with_transactions_has_its_other_problems_listed_too(format):
    old = _version_1(rs.dumps(rs.load(ILLUSTRATIVE), format), format)
    blank_id = old.replace('"illustrative-plan"', '""', 1).replace("illustrative-plan\n", "''\n")
    assert problems(blank_id, format) == [
        ("$.transactions", "transactions need schema version 2; this document is schema "
         "version 1, write schema_version = 2"),
        ("$.id", "got '', an id must not be empty"),
    ]  # fmt: skip


def test_missing_schema_version_is_a_problem():
    tree = reference_tree()
    del tree["schema_version"]
    (problem,) = problems_of(tree)
    assert problem == Problem(
        "$.schema_version", "required key is missing; write schema_version = 2"
    )


def test_document_error_is_a_value_error_with_problems():
    error = DocumentError([Problem("$.a", "bad"), Problem("$.b", "worse")], source="x.toml")
    assert isinstance(error, ValueError)
    assert str(error) == "x.toml: 2 problems in the document\n  $.a: bad\n  $.b: worse"
    assert error.problems[1] == Problem("$.b", "worse")


# --- hostile input -------------------------------------------------------------------

HOSTILE = [
    ("json", b"\xff\xfe{}", "not valid UTF-8"),
    ("toml", b"x = '\xc3\x28'", "not valid UTF-8"),
    ("json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("toml", b"a = " + b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("yaml", b"[" * 100_000 + b"]" * 100_000, "not valid YAML"),
    ("yaml", b"- " * 2000 + b"x", "nested deeper than 64 levels"),
    ("yaml", b"a: !!python/object/apply:os.system ['true']", "the tag !!python/object/apply:os.system is not allowed (line 1)"),
    ("yaml", b"a: &a [1, 2]\nb: [*a, *a]\n", "aliases are not allowed"),
    ("yaml", b'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n', "aliases are not allowed"),
    ("json", b'{"schema_version": 1, "schema_version": 1}', "duplicate key 'schema_version'"),
    ("yaml", b"schema_version: 1\nschema_version: 1\n", "duplicate key 'schema_version'"),
    ("json", b'{"schema_version": ' + b"9" * 1_000_000 + b"}", "more digits than the 4300 allowed"),
    ("toml", b"schema_version = " + b"9" * 1_000_000, "more digits than the 4300 allowed"),
    ("yaml", b"schema_version: " + b"9" * 1_000_000, "more digits than the 4300 allowed"),
    ("json", b"", "the document is empty"),
    ("toml", b"  \n\n", "the document is empty"),
    ("yaml", b"\n", "the document is empty"),
    ("json", b"[1, 2]", "expected a table at the top level, found an array"),
    ("yaml", b"- a\n- b\n", "expected a table at the top level, found an array"),
    ("yaml", b"just text", "expected a table at the top level, found the string"),
    ("json", b'{"schema_version": NaN}', "NaN is not a JSON number"),
]  # fmt: skip


@pytest.mark.parametrize(("format", "data", "message"), HOSTILE)
def test_hostile_input_gets_a_document_error_quickly(format, data, message):
    started = time.perf_counter()
    with pytest.raises(DocumentError) as caught:
        rs.loads(data, format)
    elapsed = time.perf_counter() - started
    assert message in str(caught.value)
    # Not a timing assertion on speed: a hang would show here as minutes, not seconds.
    print(f"{format} {message!r}: {elapsed * 1000:.1f} ms")


def test_size_limit_is_64_mib_by_default_and_settable(tmp_path):
    assert rs.loads.__kwdefaults__["max_bytes"] == 64 * 1024 * 1024
    text = rs.dumps(reference.strategy_2024(), "json")
    with pytest.raises(
        DocumentError, match=r"more than the limit of 1000 \(max_bytes= raises it\)"
    ):
        rs.loads(text, "json", max_bytes=1000)
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        DocumentError,
        match=r"(?s)s\.json: 1 problem.*more than the limit of 1000 \(max_bytes= raises it\)",
    ):
        rs.load(path, max_bytes=1000)
    assert rs.load(path, max_bytes=len(text.encode("utf-8"))) == reference.strategy_2024()


@given(st.binary(max_size=200), st.sampled_from(FORMATS))
def test_arbitrary_bytes_give_a_strategy_or_a_document_error(data, format):
    try:
        result = rs.loads(data, format)
    except DocumentError:
        return
    assert isinstance(result, rs.Strategy)


# Deferred rather than `st.recursive`: newer Hypothesis warns, by chance, that the latter's
# `extend` "doesn't use its argument" when a run happens to draw no nested value.
json_trees = st.deferred(
    lambda: (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text(max_size=10)
        | st.lists(json_trees, max_size=4)
        | st.dictionaries(st.text(max_size=8), json_trees, max_size=4)
    )
)


@given(
    st.dictionaries(
        st.sampled_from(["schema_version", "id", "title", "period", "roms", "allocations", "x"]),
        json_trees,
    )
)
def test_arbitrary_json_trees_give_a_strategy_or_a_document_error(tree):
    if "schema_version" in tree and not isinstance(tree["schema_version"], list | dict):
        tree["schema_version"] = 1
    try:
        result: object = rs.loads(json.dumps(tree), "json")
    except DocumentError as error:
        result = error
    if isinstance(result, DocumentError):
        assert result.problems
        assert all(p.path.startswith("$") for p in result.problems)
    else:
        assert isinstance(result, rs.Strategy)


# --- files and atomic writes ---------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".toml", ".yaml", ".yml"])
def test_dump_and_load_files_by_suffix(tmp_path, suffix):
    path = tmp_path / f"strategy{suffix}"
    rs.dump(reference.strategy_2024(), path)
    assert rs.load(path) == reference.strategy_2024()
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_unknown_suffix_is_a_document_error(tmp_path):
    path = tmp_path / "strategy.txt"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"(?s)strategy\.txt: .*unknown suffix '\.txt'"):
        rs.load(path)
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        rs.dumps(reference.strategy_2024(), "xml")


def test_load_labels_problems_with_the_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": 1, "id": ""}', encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        rs.load(path)
    assert caught.value.source == str(path)
    assert str(caught.value).startswith(f"{path}: ")


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_failed_dump_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, failing):
    path = tmp_path / "strategy.json"
    path.write_text("old contents", encoding="utf-8")
    os.chmod(path, 0o640)

    def fail(*args, **kwargs):
        raise OSError(f"injected {failing} failure")

    if failing == "write":
        monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FailingStream())
    else:
        monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OSError, match="injected"):
        rs.dump(reference.strategy_2024(), path)
    assert path.read_text(encoding="utf-8") == "old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["strategy.json"]


class _FailingStream:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def write(self, data):
        raise OSError("injected write failure")


def test_dump_keeps_an_existing_files_mode(tmp_path):
    path = tmp_path / "strategy.toml"
    path.write_text("old", encoding="utf-8")
    os.chmod(path, 0o640)
    rs.dump(reference.strategy_2024(), path)
    assert path.stat().st_mode & 0o777 == 0o640
    assert rs.load(path) == reference.strategy_2024()


# --- schema ------------------------------------------------------------------------------


def test_json_schema_is_draft_2020_12_and_validates_every_shipped_document():
    schema = rs.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in REFERENCE_FILES:
        tree = json.loads(rs.dumps(rs.load(path), "json"))
        assert list(validator.iter_errors(tree)) == []
    for path in EXAMPLES.glob("*.toml"):
        tree = json.loads(rs.dumps(rs.load(path), "json"))
        assert list(validator.iter_errors(tree)) == [], path


def test_json_schema_rejects_what_loads_rejects():
    validator = jsonschema.Draft202012Validator(rs.json_schema())
    tree = reference_tree()
    tree["funding_sources"][0]["ammount"] = tree["funding_sources"][0].pop("amount")
    tree["status"] = "finished"
    assert len(list(validator.iter_errors(tree))) >= 2
    assert set(rs.json_schema()["properties"]) == {"schema_version"} | {
        f.name for f in attrs.fields(rs.Strategy)
    }


@given(any_strategies)
def test_every_dumped_strategy_validates_against_the_schema(strategy):
    validator = jsonschema.Draft202012Validator(rs.json_schema())
    assert list(validator.iter_errors(json.loads(rs.dumps(strategy, "json")))) == []


def test_money_and_period_types_survive_as_objects():
    strategy = rs.loads(rs.dumps(reference.strategy_2024(), "toml"), "toml")
    assert strategy.funding_sources[0].amount == Money(4_000_000)
    assert strategy.period == Period.years(2024, 2027)


def test_equal_ids_of_one_document_are_one_object_and_a_bad_id_is_refused_everywhere():
    tree = json.loads(rs.dumps(reference.strategy_2024(), "json"))
    source, period = tree["funding_sources"][0]["id"], tree["period"]
    tree["allocations"] = [
        {"id": f"a-{n}", "source": source, "amount": "1.00", "pillar": "I", "period": period}
        for n in range(3)
    ]
    loaded = rs.loads(json.dumps(tree), "json")
    assert len({id(allocation.source) for allocation in loaded.allocations}) == 1
    assert len({id(allocation.id) for allocation in loaded.allocations}) == 3
    for allocation in tree["allocations"][:2]:
        allocation["source"] = " "  # the same bad id twice: refused at both places
    with pytest.raises(DocumentError) as caught:
        rs.loads(json.dumps(tree), "json")
    paths = {problem.path for problem in caught.value.problems}
    assert {"$.allocations[0].source", "$.allocations[1].source"} <= paths


# --- the schema and the loader agree, field by field ------------------------------

CANDIDATES = [
    "", "   ", "x", "RS1", "007", "1.5", "1.500", "+5", "-0", "1000000000000",
    "1000000000000.01", "0000000000001.00", "2024-02-29", "2023-02-29", "2024-1-01",
    "regional", "draft", "incidental", "motion", "settled", "financing", "province",
    7, -(10**12), 10**12 + 1, 1.5, True, None, [], ["x"], [""], ["   ", "y"], [7], {},
    {"start": "2024-01-01", "end": "2024-12-31"}, {"start": "2024-01-01"},
]  # fmt: skip


def _places(tree):
    """Each field of the document once: (the object holding it, its key), with a sample."""
    yield tree, None
    for value in tree.values():
        if isinstance(value, dict):
            yield from _places(value)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            yield from _places(value[0])


def _every_field(tree):
    for holder, _ in _places(tree):
        for key in list(holder):
            if key != "schema_version":
                yield holder, key


def test_the_schema_and_the_loader_agree_on_every_field_and_value():
    tree = reference_tree()
    validator = jsonschema.Draft202012Validator(
        rs.json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    disagreements = []
    for holder, key in _every_field(tree):
        kept = holder[key]
        for value in CANDIDATES:
            holder[key] = value
            schema_says = validator.is_valid(tree)
            try:
                rs.loads(json.dumps(tree), "json")
                loader_says = True
            except DocumentError:
                loader_says = False
            if schema_says != loader_says:
                disagreements.append((key, value, schema_says, loader_says))
        holder[key] = kept
    assert disagreements == []


def test_the_schema_refuses_a_blank_id_and_an_empty_province_code():
    validator = jsonschema.Draft202012Validator(rs.json_schema())
    tree = reference_tree()
    tree["id"] = "   "
    assert not validator.is_valid(tree)
    tree = reference_tree()
    tree["roms"][0]["provinces"] = [""]
    assert not validator.is_valid(tree)
    assert validator.is_valid(reference_tree())


def test_the_schema_takes_every_version_the_library_reads():
    assert rs.SCHEMA_VERSION == 2
    assert rs.json_schema()["properties"]["schema_version"] == {"enum": [1, 2]}


def test_the_schema_describes_transactions():
    schema = rs.json_schema()
    transaction = schema["$defs"]["Transaction"]
    assert transaction["required"] == ["id", "allocation", "kind", "amount", "date"]
    assert transaction["properties"]["kind"] == {"enum": ["commitment", "expenditure"]}
    assert transaction["additionalProperties"] is False
    assert schema["properties"]["transactions"] == {
        "type": "array",
        "items": {"$ref": "#/$defs/Transaction"},
    }


def test_a_transaction_is_written_with_its_money_as_text_and_without_empty_fields():
    spent = rs.Transaction(
        id="t-1", allocation="al-1", kind="expenditure", amount="-250000", date="2025-01-31"
    )
    strategy = attrs.evolve(reference.strategy_2024(), transactions=(spent,))
    assert json.loads(rs.dumps(strategy, "json"))["transactions"] == [
        {
            "id": "t-1",
            "allocation": "al-1",
            "kind": "expenditure",
            "amount": "-250000.00",
            "date": "2025-01-31",
        }
    ]
    described = attrs.evolve(spent, description="Refund", document="")
    tree = json.loads(rs.dumps(attrs.evolve(strategy, transactions=(described,)), "json"))
    assert tree["transactions"][0]["description"] == "Refund"
    assert tree["transactions"][0]["document"] == ""


def test_the_schema_refuses_transactions_in_a_version_1_document():
    validator = jsonschema.Draft202012Validator(rs.json_schema())
    tree = reference_tree()
    assert validator.is_valid(tree | {"schema_version": 1, "transactions": []}) is False
    del tree["transactions"]
    assert validator.is_valid(tree | {"schema_version": 1})
    assert validator.is_valid(tree | {"schema_version": 2})


def test_a_blank_id_and_a_bad_title_are_both_reported():
    tree = reference_tree()
    tree["id"], tree["title"] = "   ", 7
    assert [problem.path for problem in problems_of(tree)] == ["$.id", "$.title"]


# === exact problems, paths, limits and lines ==============================================


def tree(**changes):
    return json.loads(rs.dumps(reference.strategy_2024(), "json")) | changes


def problems(text, format="json", **options):
    with pytest.raises(DocumentError) as caught:
        rs.loads(text, format, **options)
    return [(problem.path, problem.message) for problem in caught.value.problems]


def problems_of_tree(data):
    return problems(json.dumps(data))


# --- naming the value that was found ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "null"),
        (False, "false"),
        (True, "true"),
        (1.5, "the number 1.5"),
        ("1", "the string '1'"),
        ("y" * 40, "the string '" + "y" * 40 + "'"),
        ("y" * 41, "the string '" + "y" * 37 + "...'"),
        ([], "an array"),
        ({}, "a table"),
    ],
)
def test_a_bad_schema_version_is_named_exactly(value, shown):
    assert problems_of_tree(tree(schema_version=value)) == [
        ("$.schema_version", f"expected a version number such as 2, found {shown}")
    ]


def test_toml_values_without_a_json_kind_are_named_by_their_type():
    assert problems("schema_version = 07:32:00\n", "toml") == [
        ("$.schema_version", "expected a version number such as 2, found time")
    ]
    assert problems("schema_version = 2024-01-01T10:00:00\n", "toml") == [
        (
            "$.schema_version",
            "expected a version number such as 2, found the date-time 2024-01-01T10:00:00",
        )
    ]


@pytest.mark.parametrize(
    ("amount", "hint"),
    [
        (12.5, "12.50"),
        (-0.1, "-0.10"),
        (1e14, "100000000000000.00"),
        (1e15, "1250000.00"),  # too large to show to the cent: a neutral example instead
        (-1e15, "1250000.00"),
    ],
)
def test_a_float_amount_is_refused_with_a_string_to_write_instead(amount, hint):
    data = tree()
    data["funding_sources"][0]["amount"] = amount
    assert problems_of_tree(data) == [
        (
            "$.funding_sources[0].amount",
            f"found the number {amount!r}; a float cannot hold cents exactly, "
            f'write the amount as a string such as "{hint}"',
        )
    ]


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("1.234", "got '1.234', an amount finer than a cent"),
        ("1e3", "got '1e3', expected euros such as '1250000.00'"),
        (
            "1000000000000.01",
            "1000000000000.01 is outside the range of -1000000000000 to 1000000000000 euros",
        ),
        (
            10**12 + 1,
            "1000000000001.00 is outside the range of -1000000000000 to 1000000000000 euros",
        ),
        (True, 'expected an amount as a string such as "1250000.00", found true'),
        ([], 'expected an amount as a string such as "1250000.00", found an array'),
        (None, 'expected an amount as a string such as "1250000.00", found null'),
    ],
)
def test_a_bad_amount_is_named_without_the_money_prefix(amount, message):
    data = tree()
    data["funding_sources"][0]["amount"] = amount
    assert problems_of_tree(data) == [("$.funding_sources[0].amount", message)]


def test_a_missing_optional_id_is_fine_and_a_blank_one_is_named():
    data = tree()
    allocation = allocation_tree()
    data["allocations"] = [allocation, allocation | {"id": "al-2", "activity": " "}]
    assert problems_of_tree(data) == [
        ("$.allocations[1].activity", "got ' ', an id must not be empty")
    ]
    data["allocations"] = [allocation | {"activity": None}]
    loaded = rs.loads(json.dumps(data), "json")
    assert loaded.allocations[0].activity is None


def test_every_bad_item_of_an_array_is_reported_with_its_index():
    data = tree(settles=["ok", 5, "fine", True, None])
    assert problems_of_tree(data) == [
        ("$.settles[1]", "expected a string, found the number 5"),
        ("$.settles[3]", "expected a string, found true"),
        ("$.settles[4]", "expected a string, found null"),
    ]
    assert problems_of_tree(tree(settles=["ok", ""])) == [
        ("$.settles[1]", "got '', an id must not be empty")
    ]


# --- parse errors, sizes and files -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "format", "message"),
    [
        ("[1]", "json", "expected a table at the top level, found an array"),
        ("  \n", "yaml", "the document is empty"),
        ('{"a": NaN}', "json", "not valid JSON: NaN is not a JSON number at line 1 column 7"),
        (
            "{" * 3,
            "json",
            "not valid JSON: object keys must be strings at line 1 column 2",
        ),
        (
            '{"a": ' + "9" * 5000 + "}",
            "json",
            "not valid JSON: a number has more digits than the 4300 allowed",
        ),
    ],
)
def test_parse_problems_are_at_the_top_with_this_exact_message(text, format, message):
    assert problems(text, format) == [("$", message)]


def test_json_duplicate_keys_are_each_named_at_their_path_with_their_lines():
    assert problems('{"a": 1, "a": 2}', "json") == [
        ("$.a", "duplicate key 'a' (line 1); it is first on line 1")
    ]
    text = '{"a": 1,\n "b": [{"c": 1}, {"c": 2,\n  "c": 3}],\n "a": {"x": "\\" , \\""}}'
    assert problems(text, "json") == [
        ("$.b[1].c", "duplicate key 'c' (line 3); it is first on line 2"),
        ("$.a", "duplicate key 'a' (line 4); it is first on line 1"),
    ]


def test_the_word_digits_in_a_parser_message_does_not_make_it_a_digit_limit():
    assert problems('{"digits": 1, "digits": 2}', "json") == [
        ("$.digits", "duplicate key 'digits' (line 1); it is first on line 1")
    ]
    assert problems('{"digits": x}', "json") == [
        ("$", "not valid JSON: invalid character at line 1 column 12")
    ]


def test_yaml_aliases_nesting_and_duplicate_keys_are_refused_on_their_line():
    assert problems("a: &x 1\nb: 2\nc: *x\n", "yaml") == [
        ("$.c", "aliases are not allowed (line 3)")
    ]
    assert problems("a: 1\nb: 2\na: 3\n", "yaml") == [
        ("$.a", "duplicate key 'a' (line 3); it is first on line 1")
    ]
    deep = "schema_version: 1\nx:\n" + "".join(" " * i + "- \n" for i in range(1, 70))
    assert problems(deep, "yaml") == [
        ("$.x" + "[0]" * 63, "nested deeper than 64 levels (line 66)")
    ]


def _nested(depth):
    # `depth` collections: the top table, then lists inside lists.
    return "a: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"


def test_yaml_nesting_of_exactly_64_levels_is_allowed_and_65_is_not():
    assert problems(_nested(64) + "b: [[1]]\nc: [2]\n", "yaml") == [
        ("$.schema_version", "required key is missing; write schema_version = 2")
    ]
    assert problems(_nested(65), "yaml") == [
        ("$.a" + "[0]" * 63, "nested deeper than 64 levels (line 1)")
    ]


def test_yaml_depth_is_counted_back_down_as_collections_close():
    # The top table and 62 lists make 63 levels; `[]` reaches 64 and closes again,
    # so the `[[]]` after it reaches 65.
    text = "a: " + "[" * 62 + "[], [[]]" + "]" * 62 + "\n"
    assert problems(text, "yaml") == [
        ("$.a" + "[0]" * 61 + "[1][0]", "nested deeper than 64 levels (line 1)")
    ]
    siblings = "a: " + "[" * 62 + "[], []" + "]" * 62 + "\n"
    assert problems(siblings, "yaml") == [
        ("$.schema_version", "required key is missing; write schema_version = 2")
    ]


def test_yaml_duplicate_keys_are_found_inside_nested_tables_and_flow_keys():
    assert problems("a:\n  b: 1\n  c:\n    d: 1\n    d: 2\n", "yaml") == [
        ("$.a.c.d", "duplicate key 'd' (line 5); it is first on line 4")
    ]
    assert problems("x: [{y: 1, y: 2}]\nx: 3\n", "yaml") == [
        ("$.x[0].y", "duplicate key 'y' (line 1); it is first on line 1"),
        ("$.x", "duplicate key 'x' (line 2); it is first on line 1"),
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [("? [1, 2]\n: x\n", 1), ("{[1]: 2}\n", 1), ("schema_version: 1\n? {a: 1}\n: x\n", 2)],
)
def test_a_yaml_key_that_is_a_list_or_table_is_a_document_error(text, line):
    assert problems(text, "yaml") == [
        ("$", f"a key must be a string, number or null, not a list or table (line {line})")
    ]


def test_a_document_of_exactly_the_limit_loads_and_one_byte_more_does_not(tmp_path):
    text = rs.dumps(reference.strategy_2024(), "json")
    size = len(text.encode("utf-8"))
    assert rs.loads(text, "json", max_bytes=size) == reference.strategy_2024()
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    assert rs.load(path, max_bytes=size) == reference.strategy_2024()
    with pytest.raises(DocumentError) as caught:
        rs.load(path, max_bytes=size - 1)
    assert caught.value.source == str(path)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        (
            "$",
            f"the document has {size} bytes, more than the limit of {size - 1} (max_bytes= raises it)",
        )
    ]


def test_the_default_limit_is_64_mib(tmp_path):
    limit = 64 * 1024 * 1024
    path = tmp_path / "big.json"
    with path.open("wb") as stream:
        stream.truncate(limit + 1)
    with pytest.raises(DocumentError) as caught:
        rs.load(path)
    assert caught.value.problems[0].message == (
        f"the document has {limit + 1} bytes, more than the limit of {limit} (max_bytes= raises it)"
    )
    with pytest.raises(DocumentError) as caught:
        rs.loads(b" " * (limit + 1), "json")
    assert caught.value.problems[0].message == (
        f"the document has {limit + 1} bytes, more than the limit of {limit} (max_bytes= raises it)"
    )
    with pytest.raises(DocumentError) as caught:
        rs.loads(b" " * limit, "json")
    assert caught.value.problems[0].message == "the document is empty"


@pytest.mark.parametrize("format", ["toml", "yaml"])
def test_the_default_limit_of_toml_and_yaml_is_8_mib_and_max_bytes_raises_it(tmp_path, format):
    limit = 8 * 1024 * 1024  # their parsers read a few MiB a second (docs/limits.md)
    path = tmp_path / f"big.{format}"
    path.write_bytes(b"\n" * (limit + 1))
    for read in (lambda: rs.load(path), lambda: rs.loads(path.read_bytes(), format)):
        with pytest.raises(DocumentError) as caught:
            read()
        assert caught.value.problems[0].message == (
            f"the document has {limit + 1} bytes, more than the limit of {limit} "
            "(max_bytes= raises it)"
        )
    # The near misses: one byte less, and a limit given, whatever its value, are read.
    for data, limits in ((b"\n" * limit, {}), (b"\n" * (limit + 1), {"max_bytes": 64 << 20})):
        with pytest.raises(DocumentError, match="the document is empty"):
            rs.loads(data, format, **limits)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_file_whose_size_is_unknown_is_still_held_to_the_limit(tmp_path):
    # A pipe reports size 0, so only the bytes actually read can be counted.
    pipe = tmp_path / "plan.json"
    os.mkfifo(pipe)
    data = b" " * 5000

    def write():
        with open(pipe, "wb") as stream, contextlib.suppress(BrokenPipeError):
            stream.write(data)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        with pytest.raises(DocumentError) as caught:
            rs.load(pipe, max_bytes=1000)
    finally:
        writer.join(timeout=10)
    assert caught.value.source == str(pipe)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("$", "the document has 1001 bytes, more than the limit of 1000 (max_bytes= raises it)")
    ]


def test_an_unknown_suffix_is_a_problem_at_the_top_naming_the_file(tmp_path):
    path = tmp_path / "plan.xml"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        rs.load(path)
    assert caught.value.source == str(path)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("$", "unknown suffix '.xml': use .json, .toml, .yaml, .yml or .xlsx")
    ]


def test_a_date_time_where_a_date_belongs_is_refused_by_name():
    text = rs.dumps(reference.strategy_2024(), "toml")
    start = text.index('start = "')
    changed = (
        text[:start] + "start = 2024-01-01T10:00:00" + text[start + len('start = "2024-01-01"') :]
    )
    assert problems(changed, "toml") == [
        (
            "$.period.start",
            "expected a date as YYYY-MM-DD, found the date-time 2024-01-01T10:00:00",
        )
    ]


@pytest.mark.parametrize(
    ("status", "found"),
    [([], "an array"), ("x", "the string 'x'"), (5, "the number 5"), ({}, "a table")],
)
def test_an_unknown_status_lists_the_allowed_values(status, found):
    assert problems_of_tree(tree(status=status)) == [
        ("$.status", f'expected one of "draft", "final", found {found}')
    ]


@pytest.mark.parametrize(
    ("value", "shown"),
    [(7, "the number 7"), ("x", "the string 'x'"), ([], "an array"), (None, "null")],
)
def test_a_value_where_a_table_belongs_is_named(value, shown):
    data = tree(period=value)
    data["roms"][1] = value
    data["funding_sources"][0]["period"] = value
    found = problems_of_tree(data)
    expected = [
        ("$.period", f"expected a table, found {shown}"),
        ("$.roms[1]", f"expected a table, found {shown}"),
    ]
    if value is not None:  # a funding source's period is optional
        expected.append(("$.funding_sources[0].period", f"expected a table, found {shown}"))
    assert sorted(found) == sorted(expected)


# --- the JSON writer ---------------------------------------------------------------------------


def test_json_text_has_one_compact_record_per_line():
    import attrs

    strategy = attrs.evolve(
        rs.load("examples/illustrative_plan.toml"), title="één \u2013 “ROM”\x1b"
    )
    text = rs.dumps(strategy, "json")
    data = json.loads(text)
    assert '  "title": "één \u2013 “ROM”\\u001b",' in text.splitlines()
    lines = text.splitlines()
    assert lines[0] == "{"
    assert lines[-1] == "}"
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for record in data["allocations"]:
        assert f"    {encode(record)}," in lines or f"    {encode(record)}" in lines
    assert len(lines) == len(data) + 2 + sum(
        len(value) + 1 for value in data.values() if isinstance(value, list) and value
    )


def test_loading_and_dumping_leave_the_garbage_collector_as_they_found_it():
    import gc

    text = json.dumps(tree())
    assert gc.isenabled()
    strategy = rs.loads(text, "json")
    assert gc.isenabled()
    rs.dumps(strategy, "yaml")
    assert gc.isenabled()
    with pytest.raises(DocumentError):
        rs.loads(json.dumps(tree(title=7)), "json")
    assert gc.isenabled()
    gc.disable()
    try:
        rs.loads(text, "json")
        rs.dumps(strategy, "toml")
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- the text of a document, before it is parsed ------------------------------------------------


def test_a_str_document_may_start_with_a_byte_order_mark():
    text = json.dumps(tree())
    assert rs.loads("\ufeff" + text, "json") == rs.loads(text, "json")


def test_a_str_document_is_measured_in_utf8_bytes_not_characters():
    text = json.dumps(tree(title="é" * 100), ensure_ascii=False)
    size = len(text.encode("utf-8"))
    assert size >= len(text) + 100  # each "é" is two bytes
    assert rs.loads(text, "json", max_bytes=size).title == "é" * 100
    assert problems(text, max_bytes=size - 1) == [
        (
            "$",
            f"the document has {size} bytes, more than the limit of {size - 1} (max_bytes= raises it)",
        )
    ]


@pytest.mark.parametrize(("data", "kind"), [(7, "int"), (None, "NoneType"), (["{}"], "list")])
def test_data_that_is_not_text_is_a_type_error_naming_its_type(data, kind):
    with pytest.raises(TypeError, match=exactly(f"data: got {kind}, expected str or bytes")):
        rs.loads(data, "json")


@pytest.mark.parametrize("format", ["json", "toml"])
def test_a_document_nested_beyond_the_stack_says_so_exactly(format):
    text = ("a = " if format == "toml" else "") + "[" * 100_000 + "]" * 100_000
    assert problems(text, format) == [("$", "the document is nested too deeply")]


# === fuzzing the readers ==================================================================

EXAMPLES_fuzz = (
    rs.load(Path(__file__).parent.parent / "examples" / "illustrative_plan.toml"),
    rs.reference.strategy_2024(),
)
BASES = {
    format: [rs.dumps(strategy, format) for strategy in EXAMPLES_fuzz]
    for format in ("json", "toml", "yaml")
}
LIMIT = 2.0  # seconds of CPU per case, never of the wall clock

HOSTILE_fuzz = [
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
            piece = draw(st.sampled_from(HOSTILE_fuzz) | st.text(max_size=12))
            text = text[:spot] + piece + text[spot:]
        elif action == "cut":
            text = text[:spot] + text[spot + draw(st.integers(1, 200)) :]
        elif action == "repeat":
            piece = text[spot : spot + draw(st.integers(1, 80))]
            text = text[:spot] + piece * draw(st.integers(2, 50)) + text[spot:]
        else:
            end = text.find("\n", spot)
            text = (
                text[:spot]
                + draw(st.sampled_from(HOSTILE_fuzz))
                + text[end if end >= 0 else spot :]
            )
    if draw(st.booleans()):
        return text
    data = bytearray(text.encode("utf-8", "surrogatepass"))
    for _ in range(draw(st.integers(0, 3))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


def loads_gives_a_strategy_or_a_document_error(document, format):
    """True when a strategy loads, False when a `DocumentError` says why not."""
    started = time.process_time()  # CPU time: a loaded machine does not fail the case
    refused = None
    try:
        strategy = rs.loads(document, format)
    except rs.DocumentError as error:
        refused = error
    assert time.process_time() - started < LIMIT
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
    started = time.process_time()
    result = CliRunner().invoke(main, ["check", "-", "--input-format", format], input=data)
    assert time.process_time() - started < LIMIT
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert "\x1b" not in result.output


FUZZ = settings(
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.slow
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


# === hostile input ========================================================================

EXAMPLES_hostile = Path(__file__).parent.parent / "examples"
PLAN = EXAMPLES_hostile / "illustrative_plan.toml"


def problems_hostile(text, format):
    with pytest.raises(DocumentError) as caught:
        rs.loads(text, format)
    return [(problem.path, problem.message) for problem in caught.value.problems]


REFERENCE_YAML = rs.dumps(rs.reference.strategy_2024(), "yaml")


def reference_yaml(old, new):
    assert old in REFERENCE_YAML
    return REFERENCE_YAML.replace(old, new, 1)


# --- YAML means what it says: YAML 1.2, not YAML 1.1 --------------------------------------

AMOUNT = "amount: '4000000.00'"
SOURCE = "  name: Incidentele middelen amendement Van Strien c.s.\n  "


def source_amount(written):
    """The reference document with the funding source's amount written as `written`."""
    return reference_yaml(SOURCE + AMOUNT, f"{SOURCE}amount: {written}")


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("0250000", Money(250000)),  # YAML 1.1: octal, 86016
        ("4000000", Money(4000000)),
        ("'0250000'", Money(250000)),
        ("0o17", Money(15)),  # YAML 1.2's own octal form
        ("0x10", Money(16)),
    ],
)
def test_a_yaml_amount_reads_as_yaml_1_2_says(written, amount):
    strategy = rs.loads(source_amount(written), "yaml")
    assert strategy.funding_sources[0].amount == amount


@pytest.mark.parametrize(
    "written",
    ["4:10:00", "1_000", "1:30.5", "+.inf", ".NaN", "1e3", "1.5", "0b101", "'1e3'"],
)
def test_a_yaml_amount_that_yaml_1_1_reads_as_a_number_is_refused_at_its_path(written):
    found = problems_hostile(source_amount(written), "yaml")
    assert [path for path, _ in found] == ["$.funding_sources[0].amount"]


@pytest.mark.parametrize("written", ["yes", "no", "on", "off", "y", "n", "Yes", "OFF"])
def test_yaml_1_1_booleans_are_strings_a_flag_refuses(written):
    found = problems_hostile(
        reference_yaml("co_submitted: true", f"co_submitted: {written}"), "yaml"
    )
    assert found == [
        ("$.motions[0].co_submitted", f"expected true or false, found the string '{written}'")
    ]


@pytest.mark.parametrize("written", ["no", "2024-01-01", "4:10:00", "0250000", "~text", "1_0"])
def test_a_plain_yaml_title_is_the_text_written(written):
    old = "title: Meerjarenstrategie bovenregionale samenwerking 2024-2027"
    text = reference_yaml(old, f"title: {written}")
    expected = {"0250000": None}.get(written, written)  # an int where text belongs
    if expected is None:
        assert [p for p, _ in problems_hostile(text, "yaml")] == ["$.title"]
    else:
        assert rs.loads(text, "yaml").title == written


def test_a_yaml_1_1_timestamp_form_is_not_a_date():
    text = reference_yaml("submitted_on: '2022-11-23'", "submitted_on: 2022-11-3")
    assert [p for p, _ in problems_hostile(text, "yaml")] == ["$.motions[0].submitted_on"]
    same = reference_yaml("submitted_on: '2022-11-23'", "submitted_on: 2022-11-23")
    assert rs.loads(same, "yaml") == rs.reference.strategy_2024()


@pytest.mark.parametrize(
    "title", ["0E0", "0o17", "0x1F", "1e3", ".5", "+12", "-.inf", ".NaN", "yes", "4:10:00", "~"]
)
def test_text_that_looks_like_a_number_round_trips_in_yaml_for_1_1_and_1_2_readers(title):
    strategy = attrs.evolve(rs.reference.strategy_2024(), title=title)
    text = rs.dumps(strategy, "yaml")
    assert rs.loads(text, "yaml") == strategy
    assert yaml.safe_load(text)["title"] == title  # a YAML 1.1 reader too


def test_explicit_yaml_tags_other_than_the_core_ones_are_refused_on_their_line():
    line = REFERENCE_YAML.index(SOURCE + AMOUNT)
    line = REFERENCE_YAML.count("\n", 0, line) + 2
    found = problems_hostile(source_amount("!!binary aGVsbG8="), "yaml")
    assert found == [
        ("$.funding_sources[0].amount", f"the tag !!binary is not allowed (line {line})")
    ]
    found = problems_hostile(source_amount("!!float 1"), "yaml")
    assert [p for p, _ in found] == ["$.funding_sources[0].amount"]
    assert rs.loads(source_amount("!!str 12"), "yaml").funding_sources[0].amount == Money(12)


def test_yaml_merge_keys_say_they_are_not_supported():
    found = problems_hostile(REFERENCE_YAML + "<<: {id: x}\n", "yaml")
    assert found[0][1].startswith("merge keys (<<) are not supported")


def test_more_than_one_yaml_document_is_refused():
    assert problems_hostile(REFERENCE_YAML + "---\na: 1\n", "yaml")[0][1].startswith(
        "a file holds one YAML document, not several"
    )


# --- keys that are not strings ------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "path", "message"),
    [
        ("1: y\n", "$.1", "`1`: a key must be a string, found the number 1"),
        ("null: x\n", "$.null", "`null`: a key must be a string, found null"),
        ("true: x\n", "$.true", "`true`: a key must be a string, found true"),
        ("1.5: x\n", "$.1.5", "`1.5`: a key must be a string, found the number 1.5"),
    ],
)
def test_a_yaml_key_that_is_not_a_string_is_a_problem_at_its_path(extra, path, message):
    assert problems_hostile(REFERENCE_YAML + extra, "yaml") == [(path, message)]


def test_a_yaml_date_key_is_an_unknown_key_and_a_float_key_sorts_beside_a_string_key():
    found = problems_hostile(REFERENCE_YAML + "2024-01-01: x\n1.5: y\nzz: z\n", "yaml")
    assert [path for path, _ in found] == ["$.2024-01-01", "$.zz", "$.1.5"]


def test_a_non_string_key_inside_a_list_is_named_at_its_path():
    text = REFERENCE_YAML.replace("- id: van-strien-funds\n", "- id: van-strien-funds\n  7: x\n")
    assert problems_hostile(text, "yaml") == [
        ("$.funding_sources[0].7", "`7`: a key must be a string, found the number 7")
    ]


# --- lone surrogates ----------------------------------------------------------------------


def test_a_json_escape_of_half_a_character_is_refused_at_its_line_and_column():
    text = rs.dumps(rs.reference.strategy_2024(), "json")
    text = text.replace('"meerjarenstrategie-2024"', '"x\\ud800"', 1)
    at = text.index("\\ud800")
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    assert problems_hostile(text, "json") == [
        (
            "$",
            "not valid JSON: a lone surrogate escape (half of a character, such as \\ud800) "
            f"at line {line} column {column}",
        )
    ]
    pair = text.replace("x\\ud800", "x\\ud83d\\ude00")  # a whole character, in two halves
    assert rs.loads(pair, "json").id == "x\U0001f600"


@pytest.mark.parametrize("format", ["json", "toml", "yaml"])
def test_text_with_a_lone_surrogate_is_refused_in_every_format(format):
    text = rs.dumps(rs.reference.strategy_2024(), format).replace("Fryslân", "Frysl\ud800n")
    assert problems_hostile(text, format) == [
        ("$", "the document is not valid Unicode: it holds the lone surrogate U+D800 on line "
         f"{text[: text.index(chr(0xD800))].count(chr(10)) + 1}")
    ]  # fmt: skip


# --- TOML keys of many parts --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "schema_version = 1\n" + ".".join(["a"] * 30_000) + " = 1\n",
        "schema_version = 1\n[" + ".".join(["a"] * 30_000) + "]\n",
        "schema_version = 1\n[[" + " . ".join(['"a"'] * 30_000) + "]]\n",
    ],
)
def test_a_toml_key_of_many_parts_is_refused_before_parsing(text):
    result = python(
        """
        import sys, romstrategy as rs
        try:
            rs.loads(sys.stdin.read(), "toml")
        except rs.DocumentError as error:
            print(error.problems)
        """,
        timeout=30,
        input=text,
    )
    assert result.stdout.strip() == (
        "(Problem(path='$', message='a key or table header of more than 16 parts (line 2)'),)"
    )


def test_a_toml_key_of_16_parts_is_read_and_dots_in_strings_do_not_count():
    key = ".".join(["a"] * 16)
    found = problems_hostile(f'schema_version = 1\ntitle = "{"." * 200}"\n{key} = 1\n', "toml")
    assert ("$.a", "`a`: unknown key; known keys: id, title, period, status, principals, "
            "provinces, roms, pillars, motions, funding_sources, activities, allocations, "
            "transactions, settles, source") in found  # fmt: skip
    assert problems_hostile(f"schema_version = 1\n{key}.a = 1\n", "toml") == [
        ("$", "a key or table header of more than 16 parts (line 2)")
    ]


def test_a_document_error_shows_control_characters_as_escapes():
    with pytest.raises(DocumentError) as caught:
        rs.loads('{"schema_version": 1, "\\u001b[2J": 1}', "json")
    assert_no_control(str(caught.value))
    assert caught.value.problems[-1].path == "$.\x1b[2J"  # the data keeps the key as it is


# --- the caller's process -----------------------------------------------------------------


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_the_garbage_collector_as_it_was(monkeypatch, enabled):
    def refuse():
        raise AssertionError("the library changed the garbage collector")

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        monkeypatch.setattr(gc, "disable", refuse)
        monkeypatch.setattr(gc, "enable", refuse)
        for format in ("json", "toml", "yaml"):
            text = rs.dumps(rs.reference.strategy_2024(), format)
            assert rs.loads(text, format) == rs.reference.strategy_2024()
        assert gc.isenabled() is enabled
    finally:
        monkeypatch.undo()
        (gc.enable if was else gc.disable)()


# --- files --------------------------------------------------------------------------------


def test_dump_writes_through_a_symbolic_link(tmp_path):
    target = tmp_path / "target.toml"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    rs.dump(rs.reference.strategy_2024(), link)
    assert link.is_symlink()
    assert rs.load(target) == rs.reference.strategy_2024()
    dangling = tmp_path / "dangling.toml"
    dangling.symlink_to(tmp_path / "new.toml")
    rs.dump(rs.reference.strategy_2024(), dangling)
    assert dangling.is_symlink()
    assert (tmp_path / "new.toml").exists()


def test_dump_refuses_a_loop_of_links_naming_the_users_path(tmp_path):
    (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
    (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
    with pytest.raises(OSError, match="Too many levels of symbolic links") as caught:
        rs.dump(rs.reference.strategy_2024(), tmp_path / "a.toml")
    assert caught.value.filename == str(tmp_path / "a.toml")


# --- clear, short messages ----------------------------------------------------------------


def test_a_huge_value_is_quoted_in_a_few_dozen_characters():
    tree = json.loads(rs.dumps(rs.reference.strategy_2024(), "json"))
    tree["funding_sources"][0]["amount"] = "1" * 1_000_000
    tree["x" * 1_000_000] = 1
    tree["title"] = 10**4000
    found = problems_hostile(json.dumps(tree), "json")
    assert all(len(path) + len(message) < 400 for path, message in found), found
    assert ("$.title", "expected a string, found the number <an int of 4001 digits>") in found


def test_a_json_duplicate_key_names_its_line():
    assert problems_hostile('{\n"schema_version": 1,\n"id": "a",\n"id": "b"\n}', "json") == [
        ("$.id", "duplicate key 'id' (line 4); it is first on line 3")
    ]


def test_reading_a_file_does_not_change_os_environ_or_the_working_folder(tmp_path):
    before = (dict(os.environ), os.getcwd())
    rs.load(PLAN)
    assert (dict(os.environ), os.getcwd()) == before


def test_reading_a_folder_reads_a_data_package_and_names_the_folder(tmp_path):
    folder = tmp_path / "plan.json"
    folder.mkdir()
    with pytest.raises(DocumentError) as caught:
        rs.load(folder)
    assert caught.value.source == str(folder)
    assert caught.value.problems == (
        Problem("$", "the folder holds no datapackage.json; a folder is read as a data package"),
    )


def test_an_amount_with_thousands_of_leading_zeros_is_read_exactly():
    assert Money("0" * 5000 + "1.00") == Money(1)
    tree = json.loads(rs.dumps(rs.reference.strategy_2024(), "json"))
    tree["funding_sources"][0]["amount"] = "0" * 5000 + "4000000.00"
    assert rs.loads(json.dumps(tree), "json") == rs.reference.strategy_2024()


# --- found by review: quadratic rescans, huge values, many problems, odd arguments ---------


def test_a_json_text_that_ends_in_a_long_open_string_is_refused_at_once():
    result = python(
        r"""
        import romstrategy as rs
        try:
            rs.loads('{"x": {"a": 1, "a": 1}, "b": "' + '\\"' * 500_000, "json")
        except rs.DocumentError as error:
            print(error.problems)
        """,
        timeout=60,
    )
    assert result.stdout.strip() == (
        "(Problem(path='$', message='not valid JSON: the text ends before the document does'),)"
    )


def test_a_json_duplicate_key_of_a_million_characters_is_quoted_short():
    key = "k" * 1_000_000
    with pytest.raises(DocumentError) as caught:
        rs.loads(f'{{"{key}": {{"{key}": 1, "{key}": 2}}}}', "json")
    assert len(str(caught.value)) < 300


def test_yaml_directives_are_limited_and_only_yaml_1_2_is_declared():
    tags = "".join(f"%TAG !t{i}! tag:example.org,{i}:\n" for i in range(100_000))
    assert problems_hostile(tags + "---\nschema_version: 1\n", "yaml") == [
        ("$", "more than 16 directives such as %TAG; a document needs none")
    ]
    assert problems_hostile("%YAML 1.1\n---\n" + REFERENCE_YAML, "yaml") == [
        ("$", "the document says %YAML 1.1, but it is read as YAML 1.2; remove the %YAML "
         "line or write %YAML 1.2 (line 1)")
    ]  # fmt: skip
    assert rs.loads("%YAML 1.2\n---\n" + REFERENCE_YAML, "yaml") == rs.reference.strategy_2024()


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_a_character_that_yaml_versions_disagree_on_is_refused_raw_and_written_escaped(char):
    found = problems_hostile(REFERENCE_YAML.replace("Fryslân", f"Frys{char}lân"), "yaml")
    assert len(found) == 1
    assert found[0][1].endswith("write it as an escape in a double-quoted string")
    strategy = attrs.evolve(rs.reference.strategy_2024(), title=f"a{char}b")
    text = rs.dumps(strategy, "yaml")
    assert char not in text
    assert rs.loads(text, "yaml") == strategy
    assert yaml.safe_load(text)["title"] == strategy.title


def test_the_problems_of_a_document_are_limited_to_a_thousand_and_say_so():
    tree = json.loads(rs.dumps(rs.reference.strategy_2024(), "json"))
    tree["allocations"] = [{}] * 300_000
    with pytest.raises(DocumentError) as caught:
        rs.loads(json.dumps(tree), "json")
    found = caught.value.problems
    assert len(found) == 100 * 5 + 1  # five missing keys in each of the first 100 items
    assert found[-1] == rs.Problem(
        "$.allocations",
        "more items of this array have problems; only those of the first 100 bad items are listed",
    )
    duplicates = "".join(f"k{i}: 1\nk{i}: 2\n" for i in range(5000))
    found = problems_hostile(duplicates, "yaml")
    assert len(found) == 1001
    assert found[-1] == ("$", "more problems were found; only the first 1000 are listed")


def test_a_huge_hexadecimal_int_is_named_by_its_size_at_once():
    result = python(
        """
        import romstrategy as rs
        text = rs.dumps(rs.reference.strategy_2024(), "toml")
        text = text.replace('title = "', 'title = 0x' + 'f' * 2_000_000 + '\\nx = "', 1)
        try:
            rs.loads(text, "toml")
        except rs.DocumentError as error:
            print([p.message for p in error.problems if p.path == "$.title"])
        try:
            rs.Money(1 << 33_000_000)
        except ValueError as error:
            print(error)
        """,
        timeout=60,
    )
    assert result.stdout.splitlines() == [
        "['expected a string, found the number <an int of about 2408240 digits>']",
        "Money: <an int of about 9933990 digits> is outside the range of -1000000000000 to "
        "1000000000000 euros",
    ]


def test_a_json_text_nested_too_deeply_is_refused_before_any_scan():
    result = python(
        """
        import romstrategy as rs
        try:
            rs.loads('[{"a": 1, "a": 1},' + '[' * 200_000, "json")
        except rs.DocumentError as error:
            print(error.problems)
        """,
        timeout=60,
    )
    assert result.stdout.strip() == (
        "(Problem(path='$', message='the document is nested too deeply'),)"
    )


def test_yaml_keys_of_other_types_are_not_duplicates_of_each_other():
    found = problems_hostile(REFERENCE_YAML + "1: x\n1.0: y\ntrue: z\n", "yaml")
    assert not any("duplicate" in message for _, message in found)
    assert ("$.1", "`1`: a key must be a string, found the number 1") in found


def test_a_key_with_a_lone_surrogate_is_refused_in_words_that_can_be_printed():
    for text in ('{"\\ud800": 1, "\\ud800": 2}', '{"schema_version": 1, "a\\ud800": 1}'):
        found = problems_hostile(text, "json")
        assert found[0][0] == "$"
        assert "a lone surrogate escape" in found[0][1]
        for path, message in found:
            (path + message).encode("utf-8")


# === the builder and the constructors agree ===================================================
# `loads` builds objects by field kind without calling their constructors. Built from the same
# tree, the constructors must accept what the builder accepts, give equal objects, and refuse
# what it refuses.


def _constructed(cls, table):
    """A `cls` made by its constructor from a document table, each table inside it first."""
    if not isinstance(table, dict):
        return table  # the constructor of the class that holds it refuses it
    values = dict(table)
    for name, kind in kinds(cls).items():
        value = values.get(name)
        if kind.name == "instance" and value is not None:
            if kind.many and isinstance(value, list):
                values[name] = [_constructed(kind.type, item) for item in value]
            elif not kind.many:
                values[name] = _constructed(kind.type, value)
    return cls(**values)


def _by_constructors(text):
    """The strategy of a JSON document as the constructors build it, or the error they raise."""
    tree = json.loads(text)
    if tree.pop("schema_version", None) != 2:
        return None
    try:
        return _constructed(rs.Strategy, tree)
    except (TypeError, ValueError) as error:
        return error


@settings(max_examples=40, deadline=None)
@given(rst.documents(format="json", valid=True))
def test_the_builder_and_the_constructors_make_equal_strategies(text):
    assert rs.loads(text, "json") == _by_constructors(text)


@settings(max_examples=40, deadline=None)
@given(rst.documents(format="json", valid=False))
def test_the_constructors_refuse_every_document_the_builder_refuses(broken):
    with pytest.raises(DocumentError):
        rs.loads(broken.text, "json")
    assert isinstance(_by_constructors(broken.text), TypeError | ValueError)


_JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**13), 10**13),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", " ", "x", "al-1", "1.00", "-0.05", "1.005", "1e3", "2024-02-29"]),
    st.sampled_from(["2024-02-30", "2024-2-3", "regional", "incidental", "commitment"]),
    st.sampled_from(["33 009, nr. 124", "Kamerstuk 1", "NOM", "x\u00e9", "\u2003"]),
    st.text(max_size=5),
    st.lists(st.sampled_from(["NOM", "", 5, None]), max_size=3),
    st.just({"start": "2024-01-01", "end": "2024-12-31"}),
    st.just({"start": "2024-12-31", "end": "2024-01-01"}),
    st.just({"start": "2024-01-01"}),
)
"""Values a document may hold where a field is: right and wrong for every kind."""

_RECORDS = ["allocations", "funding_sources", "activities", "transactions", "motions", "roms"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_RECORDS), st.data(), _JSON_VALUES)
def test_the_builder_accepts_a_field_value_exactly_when_the_constructor_does(records, data, value):
    tree = json.loads(rs.dumps(_plan(), "json"))
    record = tree[records][0]
    field = data.draw(st.sampled_from([*sorted(record), "note", "period"]))
    record[field] = value
    text = json.dumps(tree)
    built = _outcome(text)
    constructed = _by_constructors(text)
    if isinstance(built, tuple):  # problems
        assert isinstance(constructed, TypeError | ValueError), (field, value, built)
    else:
        assert built == constructed, (field, value, constructed)


# === a document's spelling does not change what it reads =======================================
# An escape in a key, or a string holding `":`, makes the count of keys in the text differ
# from the count the builder read; the text is then scanned for duplicates. The same
# document must give the same strategy, or the same problems, either way.


def _careful(text):
    """The same document, with one key written with an escape, so that the keys are scanned."""
    return text.replace('"schema_version"', '"\\u0073chema_version"', 1)


def _outcome(text):
    try:
        return rs.loads(text, "json")
    except DocumentError as error:
        return error.problems


@settings(max_examples=50, deadline=None)
@given(rst.documents(format="json", valid=True))
def test_a_valid_document_builds_the_same_strategy_both_ways(text):
    fast = rs.loads(text, "json")
    assert fast == rs.loads(_careful(text), "json")
    assert fast == rs.loads(rs.dumps(fast, "toml"), "toml")


@settings(max_examples=50, deadline=None)
@given(rst.documents(format="json", valid=False))
def test_a_broken_document_gives_the_same_problems_both_ways(broken):
    problems = _outcome(broken.text)
    assert isinstance(problems, tuple)
    assert problems == _outcome(_careful(broken.text))
    assert broken.paths <= {problem.path for problem in problems}


def _objects(tree, path="$"):
    """Every table of a document tree, with its path."""
    if isinstance(tree, dict):
        yield tree, path
        for key, value in tree.items():
            yield from _objects(value, f"{path}.{key}")
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from _objects(value, f"{path}[{index}]")


def _text_with_pairs(tree, twice, extra):
    """JSON text of `tree` where the table `twice` repeats its first key, and `extra` gets one."""
    if isinstance(tree, dict):
        pairs = list(tree.items())
        if tree is twice:
            pairs.append(pairs[0])
        if tree is extra:
            pairs.append(("colour", "blue"))
        inner = ", ".join(
            f"{json.dumps(k)}: {_text_with_pairs(v, twice, extra)}" for k, v in pairs
        )
        return "{" + inner + "}"
    if isinstance(tree, list):
        return "[" + ", ".join(_text_with_pairs(v, twice, extra) for v in tree) + "]"
    return json.dumps(tree, ensure_ascii=False)


def test_a_repeated_key_is_refused_at_every_depth_both_ways():
    tree = json.loads(rs.dumps(_plan(), "json"))
    for table, path in _objects(tree):
        text = _text_with_pairs(tree, table, None)
        problems = _outcome(text)
        first = next(iter(table))
        assert isinstance(problems, tuple), path
        assert any(
            p.path == f"{path}.{first}" and p.message.startswith(f"duplicate key '{first}'")
            for p in problems
        ), (path, problems)
        assert problems == _outcome(_careful(text))


def test_an_unknown_key_is_refused_at_every_depth_both_ways():
    tree = json.loads(rs.dumps(_plan(), "json"))
    for table, path in _objects(tree):
        text = _text_with_pairs(tree, None, table)
        problems = _outcome(text)
        assert [p.path for p in problems] == [f"{path}.colour"], (path, problems)
        assert problems == _outcome(_careful(text))


def _plan():
    return rs.load(Path(__file__).parent.parent / "examples" / "illustrative_plan.toml")
