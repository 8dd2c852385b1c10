"""Document loading: exact problems, paths, limits and lines (kills mutmut survivors)."""

import contextlib
import json
import os
import threading

import pytest

import romstrategy as rs
from romstrategy import DocumentError, reference
from tests.test_documents import allocation_tree


def pytest_runtest_setup(item):
    """Under mutmut only (`-p tests.test_mutation_documents`): start each test cold.

    mutmut forks its workers from a process that already ran the suite, so the
    converters (built on first use) and the value memos were built by unmutated
    code. Clearing them before each test makes every mutant in that code count,
    and lets mutmut's stats see which tests use it. A plain pytest run never
    calls this: a test module is not a plugin unless `-p` names it.
    """
    from romstrategy._documents import _converter, _formats

    _converter._converters.cache_clear()
    _formats._json_writer.cache_clear()
    for memo in (_converter._strings, _converter._dates, _converter._periods):
        memo.clear()
    _converter._period_texts.clear()


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
        ("$.schema_version", f"expected a version number such as 1, found {shown}")
    ]


def test_toml_values_without_a_json_kind_are_named_by_their_type():
    assert problems("schema_version = 07:32:00\n", "toml") == [
        ("$.schema_version", "expected a version number such as 1, found time")
    ]
    assert problems("schema_version = 2024-01-01T10:00:00\n", "toml") == [
        (
            "$.schema_version",
            "expected a version number such as 1, found the date-time 2024-01-01T10:00:00",
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
        ('{"a": NaN}', "json", "not valid JSON: NaN is not a JSON number"),
        (
            "{" * 3,
            "json",
            "not valid JSON: Expecting property name enclosed in double quotes at line 1 column 2",
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
        ("$", "not valid JSON: Expecting value at line 1 column 12")
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
        ("$.schema_version", "required key is missing; write schema_version = 1")
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
        ("$.schema_version", "required key is missing; write schema_version = 1")
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
        ("$", f"the document has {size} bytes, more than the limit of {size - 1}")
    ]


def test_the_default_limit_is_64_mib(tmp_path):
    limit = 64 * 1024 * 1024
    path = tmp_path / "big.json"
    with path.open("wb") as stream:
        stream.truncate(limit + 1)
    with pytest.raises(DocumentError) as caught:
        rs.load(path)
    assert caught.value.problems[0].message == (
        f"the document has {limit + 1} bytes, more than the limit of {limit}"
    )
    with pytest.raises(DocumentError) as caught:
        rs.loads(b" " * (limit + 1), "json")
    assert caught.value.problems[0].message == (
        f"the document has {limit + 1} bytes, more than the limit of {limit}"
    )
    with pytest.raises(DocumentError) as caught:
        rs.loads(b" " * limit, "json")
    assert caught.value.problems[0].message == "the document is empty"


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
        ("$", "the document has 1001 bytes, more than the limit of 1000")
    ]


def test_an_unknown_suffix_is_a_problem_at_the_top_naming_the_file(tmp_path):
    path = tmp_path / "plan.xml"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        rs.load(path)
    assert caught.value.source == str(path)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("$", "unknown suffix '.xml': use .json, .toml, .yaml or .yml")
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


# --- repeated values share one object; the memos behind that stay bounded ----------------------


def test_equal_references_dates_and_periods_in_a_document_are_one_object():
    data = tree()
    source = data["funding_sources"][0]
    ends = ["2025-12-31", "2025-12-31", "2026-12-31"]
    data["funding_sources"] += [
        dict(
            source,
            id=f"fs-{index}",
            origin="van-strien",
            period={"start": "2025-01-01", "end": end},
        )
        for index, end in enumerate(ends)
    ]
    loaded = rs.loads(json.dumps(data), "json")
    first, second, third = loaded.funding_sources[-3:]
    assert first.period == second.period == rs.Period("2025-01-01", "2025-12-31")
    assert first.period is second.period
    assert third.period.start == first.period.start
    assert third.period.start is first.period.start
    assert first.origin == second.origin == "van-strien"
    assert first.origin is second.origin
    assert rs.loads(json.dumps(data), "json").funding_sources[-2].period is first.period


def test_an_objects_own_id_is_copied_out_of_the_parsed_tree():
    from romstrategy._documents import _converter

    body = {key: value for key, value in tree().items() if key != "schema_version"}
    strategy = _converter.structure(body)
    assert strategy.id == body["id"]
    assert strategy.id is not body["id"]


def test_texts_of_up_to_64_characters_are_shared_and_longer_ones_are_not_remembered():
    """Short repeated values (ids, names) are held once; long texts are not memoised."""
    from romstrategy._documents import _converter

    first = _converter._text("".join(["s"] * 64), None)
    assert first == "s" * 64
    assert _converter._text("".join(["s"] * 64), None) is first
    long_text = "".join(["l"] * 65)
    assert _converter._text(long_text, None) is long_text
    assert long_text not in _converter._strings


def test_the_value_memos_are_bounded_and_still_right_after_they_empty():
    from romstrategy._documents import _converter

    fast, _ = _converter._converters()
    start = rs.Period("2000-01-01", "2000-01-01").start
    for day in range(5000):
        text = start.add(days=day).isoformat()
        assert _converter._date(text, None) == start.add(days=day)
        assert len(_converter._dates) <= 4096
        assert _converter._text(f"id-{day}", None) == f"id-{day}"
        period = fast.structure({"start": text, "end": text}, rs.Period)
        assert period.end.isoformat() == text
    for memo in (_converter._strings, _converter._dates, _converter._periods):
        assert 0 < len(memo) <= 4096


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


def test_an_unexpected_error_still_becomes_a_problem_naming_its_kind():
    from romstrategy._documents._converter import problems_from

    group = ExceptionGroup(
        "while structuring", [RuntimeError("boom"), ValueError("odd"), KeyError("id")]
    )
    assert [(p.path, p.message) for p in problems_from(group, "$.x")] == [
        ("$.x", "RuntimeError: boom"),
        ("$.x", "ValueError: odd"),
        ("$.x", "required key is missing"),
    ]


# --- the JSON writer ---------------------------------------------------------------------------


def test_json_text_is_exactly_the_stdlib_encoding_one_record_per_line():
    import attrs

    strategy = attrs.evolve(rs.load("examples/illustrative_plan.toml"), title="één \u2013 “ROM”")
    text = rs.dumps(strategy, "json")
    data = json.loads(text)
    assert '"title": "één \u2013 “ROM”"' in text
    lines = text.splitlines()
    assert lines[0] == "{"
    assert lines[-1] == "}"
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    for record in data["allocations"]:
        assert f"    {encode(record)}," in lines or f"    {encode(record)}" in lines
    assert f'  "title": {encode(data["title"])},' in lines


def test_without_the_c_encoder_the_json_text_is_the_same(monkeypatch):
    from romstrategy._documents import _formats

    strategy = rs.load("examples/illustrative_plan.toml")
    expected = rs.dumps(strategy, "json")
    monkeypatch.setattr(_formats._json_writer(), "c_encoder", None)
    assert rs.dumps(strategy, "json") == expected


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
        ("$", f"the document has {size} bytes, more than the limit of {size - 1}")
    ]


@pytest.mark.parametrize(("data", "kind"), [(7, "int"), (None, "NoneType"), (["{}"], "list")])
def test_data_that_is_not_text_is_a_type_error_naming_its_type(data, kind):
    with pytest.raises(TypeError) as caught:
        rs.loads(data, "json")
    assert str(caught.value) == f"data: got {kind}, expected str or bytes"


@pytest.mark.parametrize("format", ["json", "toml"])
def test_a_document_nested_beyond_the_stack_says_so_exactly(format):
    text = ("a = " if format == "toml" else "") + "[" * 100_000 + "]" * 100_000
    assert problems(text, format) == [("$", "the document is nested too deeply")]
