import json
import os
import pathlib
import time

import attrs
import jsonschema
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import DocumentError, Money, Period, Problem, reference
from romstrategy._documents import _reading as _documents
from tests.generators import any_strategies

FORMATS = ("json", "toml", "yaml")
EXAMPLES = pathlib.Path(__file__).parent.parent / "examples"
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
    assert tree["schema_version"] == 1
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
        (2, "schema version 2, newer than version 1"),
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


def test_missing_schema_version_is_a_problem():
    tree = reference_tree()
    del tree["schema_version"]
    (problem,) = problems_of(tree)
    assert problem == Problem(
        "$.schema_version", "required key is missing; write schema_version = 1"
    )


def test_an_older_version_is_migrated(monkeypatch):
    def rename_title(tree):
        return {("title" if key == "name" else key): value for key, value in tree.items()}

    monkeypatch.setattr(_documents, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(_documents, "_MIGRATIONS", {1: rename_title})
    tree = reference_tree()
    tree["schema_version"] = 1
    tree["name"] = tree.pop("title")
    assert rs.loads(json.dumps(tree), "json") == reference.strategy_2024()


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
    with pytest.raises(DocumentError, match=r"more than the limit of 1000"):
        rs.loads(text, "json", max_bytes=1000)
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        DocumentError, match=r"(?s)s\.json: 1 problem.*more than the limit of 1000"
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


json_trees = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
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


def test_the_schema_version_is_the_library_s():
    assert rs.json_schema()["properties"]["schema_version"] == {"const": rs.SCHEMA_VERSION}


def test_a_blank_id_and_a_bad_title_are_both_reported():
    tree = reference_tree()
    tree["id"], tree["title"] = "   ", 7
    assert [problem.path for problem in problems_of(tree)] == ["$.id", "$.title"]
