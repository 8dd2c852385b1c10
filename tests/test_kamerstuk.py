"""Kamerstuk references: parsing, the official form, order, and motions and documents holding them."""

from __future__ import annotations

import json
import re

import attrs
import jsonschema
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import KamerstukRef, Motion, MotionKind, reference
from romstrategy.rules import validate
from romstrategy.tables import read_datapackage, write_datapackage
from tests.helpers import cost_of, kamerstuk_refs

OFFICIAL = r"[0-9]{1,3}( [0-9]{3}){0,2}( [A-Z][A-Z0-9]{0,9}|-[0-9][A-Z0-9]{0,9})?, nr\. [0-9]{1,9}"
"""The official form: the dossier grouped in threes, the suffix in upper case after a space
when it starts with a letter and after a dash when it starts with a digit."""
ACCEPTED = (
    '"33 009, nr. 124"', '"33009-124"', '"36 410 XIII, nr. 39"', '"36410-XIII-39"',
    '"21 501-02, nr. 3235"', '"21501-02-3235"', '"kst-21501-02-3235"',
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "dossier", "suffix", "number"),
    [
        ("33 009, nr. 124", 33009, None, 124),
        ("33009, nr. 124", 33009, None, 124),
        ("33009-124", 33009, None, 124),
        ("36 410 XIII, nr. 39", 36410, "XIII", 39),
        ("36410-XIII-39", 36410, "XIII", 39),
        ("  36 410   xiii ,  NR. 39 ", 36410, "XIII", 39),
        ("36410 - xiii - 39", 36410, "XIII", 39),
        ("33\u00a0009, nr.\u00a0124", 33009, None, 124),  # the no-break spaces of official texts
        ("33009, Nr 124", 33009, None, 124),
        ("33 009-124", 33009, None, 124),
        ("000000001-000000002", 1, None, 2),
        # a suffix of digits (the EU Council's 21 501-02), joined to the dossier with a dash
        ("21 501-02, nr. 3235", 21501, "02", 3235),
        ("21 501-20, nr. 2193", 21501, "20", 2193),
        ("21501-02, nr. 3235", 21501, "02", 3235),
        ("21 501 - 02 , Nr 3235", 21501, "02", 3235),
        ("21\u00a0501-02,\u00a0nr.\u00a03235", 21501, "02", 3235),
        ("21 501-0, nr. 1", 21501, "0", 1),
        ("21 501-0000000000, nr. 1", 21501, "0000000000", 1),
        ("21 501-2a, nr. 1", 21501, "2A", 1),
        ("36 410-XIII, nr. 39", 36410, "XIII", 39),
        ("36 410 - xiii, nr. 39", 36410, "XIII", 39),
        ("36410XIII, nr. 39", 36410, "XIII", 39),
        ("21501-20-2193", 21501, "20", 2193),
        ("21 501-02-3235", 21501, "02", 3235),
        ("33009-124-1", 33009, "124", 1),  # three parts: the middle one is the suffix
        # the identifier of the Kamer's documents (officielebekendmakingen.nl)
        ("kst-21501-02-3235", 21501, "02", 3235),
        ("kst-36410-XIII-39", 36410, "XIII", 39),
        ("kst-33009-124", 33009, None, 124),
        ("KST-36410-xiii-39", 36410, "XIII", 39),
        (" Kst-33009-124 ", 33009, None, 124),
        # a dossier spaced in threes from the right, or not at all
        ("123 456 789, nr. 1", 123_456_789, None, 1),
        ("1 234-1", 1234, None, 1),
        ("1234 567-1", 1_234_567, None, 1),  # every space is followed by threes of digits
        ("1 234567-1", 1_234_567, None, 1),
        ("123456789-1", 123_456_789, None, 1),
    ],
)
def test_parse_reads_the_forms_people_write(text, dossier, suffix, number):
    assert KamerstukRef.parse(text) == KamerstukRef(dossier=dossier, suffix=suffix, number=number)


@pytest.mark.parametrize(
    "text",
    ["", "x", "33009", "33 009", "nr. 124", "33009-124-1-1", "33009/124", "33 009, nr 12a",
     "33009-XIII", "0033009-1" + "0" * 100, "٣٣٠٠٩-١٢٤", "1234567890-1", " " * 10_000 + "1-1",
     "0-1", "000-1", "1-0", "33009, nr. 0", "0 XIII, nr. 1", "0000000001-1",
     "36410 \u212a, nr. 39", "36410-\u212a-39", "1" + " " * 120 + "-1", "33 009\u200b-124",
     # a suffix of digits after only a space would be part of the dossier: no reference
     "21 501 02, nr. 3235", "21501 02, nr. 3235", "21 501 2, nr. 1", "2 1501, nr. 1",
     "215 01-02-3235", "1 2 3-1", "12 34-1", "1 000 000 000-1",
     # suffixes that are no suffix
     "21 501-, nr. 1", "21 501--02, nr. 1", "21501-12345678901-1", "21 501-12345678901, nr. 1",
     "21501-\u0660\u0662-3235", "21501-\u00b2-3235", "21501-\uff10\uff12-3235", "36410-XI II-39",
     "21501-02-", "21501-02-0", "21501-02-1-1", "21501-02, nr.", "21 501-02 nr. 3235",
     # the identifier is kst- and the dashed form, nothing else
     "kst-33009, nr. 124", "kst 33009-124", "kst33009-124", "kst--33009-124", "kst - 33009-124",
     "ks-33009-124", "kst-", "kst-kst-33009-124", "kst-21501-02-3235.html", "kst-0-1",
     "h-tk-20232024-1-1", "kst-33009"],
)  # fmt: skip
def test_parse_refuses_anything_else_and_shows_the_accepted_forms(text):
    with pytest.raises(ValueError, match="expected a Kamerstuk reference such as") as caught:
        KamerstukRef.parse(text)
    for form in ACCEPTED:
        assert form in str(caught.value)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"dossier": "33009", "number": 1}, r"KamerstukRef\.dossier: got '33009'"),
        ({"dossier": True, "number": 1}, r"KamerstukRef\.dossier: got True"),
        ({"dossier": 1, "number": 1.0}, r"KamerstukRef\.number: got 1\.0"),
        ({"dossier": 1, "number": 10**9}, r"KamerstukRef\.number: got 1000000000"),
        ({"dossier": 1, "number": 1, "suffix": ""}, r"KamerstukRef\.suffix: got ''"),
        ({"dossier": 1, "number": 1, "suffix": "X I"}, r"KamerstukRef\.suffix: got 'X I'"),
        ({"dossier": 1, "number": 1, "suffix": "-02"}, r"KamerstukRef\.suffix: got '-02'"),
        ({"dossier": 1, "number": 1, "suffix": "02 "}, r"KamerstukRef\.suffix: got '02 '"),
        ({"dossier": 1, "number": 1, "suffix": 2}, r"KamerstukRef\.suffix: got 2, expected"),
        ({"dossier": 1, "number": 1, "suffix": "\u0662"}, r"KamerstukRef\.suffix: got '\u0662'"),
        ({"dossier": 1, "number": 1, "suffix": "\u00b2"}, r"KamerstukRef\.suffix: got '\u00b2'"),
        ({"dossier": 1, "number": 1, "suffix": "0" * 11}, r"KamerstukRef\.suffix: got '0{11}'"),
    ],
)
def test_the_constructor_refuses_what_is_no_reference(fields, message):
    with pytest.raises(ValueError, match=message):
        KamerstukRef(**fields)


def test_the_constructor_refuses_a_suffix_with_the_forms_it_takes():
    with pytest.raises(rs.ArgumentError) as caught:
        KamerstukRef(dossier=1, number=1, suffix="X I")
    assert str(caught.value) == (
        "KamerstukRef.suffix: got 'X I', expected None or a suffix (toevoeging) of one to ten "
        'ASCII letters and digits, such as "XIII" or "02"'
    )


@pytest.mark.parametrize(
    ("given", "kept"),
    [("02", "02"), ("20", "20"), ("0", "0"), ("007", "007"), ("XIII", "XIII"), ("xiii", "XIII"),
     ("1a", "1A"), ("Ixb", "IXB"), ("0123456789", "0123456789")],
)  # fmt: skip
def test_a_suffix_is_kept_as_text_its_letters_in_upper_case(given, kept):
    ref = KamerstukRef(dossier=21501, suffix=given, number=1)
    assert type(ref.suffix) is str
    assert ref.suffix == kept


def test_str_is_the_official_form_grouped_in_threes():
    assert str(KamerstukRef(dossier=33009, number=124)) == "33 009, nr. 124"
    assert str(KamerstukRef(dossier=36410, suffix="xiii", number=39)) == "36 410 XIII, nr. 39"
    assert str(KamerstukRef(dossier=21501, suffix="02", number=3235)) == "21 501-02, nr. 3235"
    assert str(KamerstukRef(dossier=21501, suffix="20", number=2193)) == "21 501-20, nr. 2193"
    assert str(KamerstukRef(dossier=1, suffix="2a", number=3)) == "1-2A, nr. 3"
    assert str(KamerstukRef(dossier=1, suffix="A2", number=3)) == "1 A2, nr. 3"
    assert str(KamerstukRef(dossier=999, number=1)) == "999, nr. 1"
    assert str(KamerstukRef(dossier=1_234_567, number=1)) == "1 234 567, nr. 1"


def test_references_order_by_dossier_then_suffix_then_number():
    refs = [
        KamerstukRef(dossier=36410, suffix="XIII", number=2),
        KamerstukRef(dossier=36410, suffix="A", number=9),
        KamerstukRef(dossier=36410, number=5),
        KamerstukRef(dossier=33009, number=124),
        KamerstukRef(dossier=36410, suffix="XIII", number=1),
        KamerstukRef(dossier=36410, suffix="20", number=1),
        KamerstukRef(dossier=36410, suffix="02", number=7),
    ]
    assert [str(ref) for ref in sorted(refs)] == [
        "33 009, nr. 124",
        "36 410, nr. 5",
        "36 410-02, nr. 7",
        "36 410-20, nr. 1",
        "36 410 A, nr. 9",
        "36 410 XIII, nr. 1",
        "36 410 XIII, nr. 2",
    ]


every_ref = st.builds(
    KamerstukRef,
    dossier=st.integers(1, 999_999_999),
    suffix=st.none() | st.from_regex(r"[A-Za-z0-9]{1,10}", fullmatch=True),
    number=st.integers(1, 999_999_999),
)
"""Every valid reference: any dossier and number, any suffix of ASCII letters and digits."""


@given(every_ref)
@example(KamerstukRef(dossier=21501, suffix="02", number=3235))
@example(KamerstukRef(dossier=999_999_999, suffix="0" * 10, number=999_999_999))
@example(KamerstukRef(dossier=1, suffix="0", number=1))
def test_the_official_form_parses_back_to_the_same_reference(ref):
    text = str(ref)
    assert re.fullmatch(OFFICIAL, text)
    assert KamerstukRef.parse(text) == ref


@given(every_ref, st.sampled_from([" ", "  ", "\u00a0"]), st.booleans())
def test_the_dashed_and_spaced_forms_parse_to_the_same_reference(ref, space, lower):
    suffix = f"{ref.suffix.lower() if lower else ref.suffix}-" if ref.suffix else ""
    assert KamerstukRef.parse(f"{ref.dossier}-{suffix}{ref.number}") == ref
    assert (
        KamerstukRef.parse(f"{'KST' if lower else 'kst'}-{ref.dossier}-{suffix}{ref.number}")
        == ref
    )
    spaced = str(ref).replace(" ", space)
    assert KamerstukRef.parse(spaced.lower() if lower else spaced) == ref
    if ref.suffix:  # after a dash, whatever its first character
        dashed = f"{ref.dossier:,}".replace(",", space) + f"{space}-{space}{ref.suffix}"
        assert KamerstukRef.parse(f"{dashed}, nr. {ref.number}") == ref


@given(every_ref, st.sampled_from([" ", "  ", "\u00a0"]))
@example(KamerstukRef(dossier=21501, suffix="02", number=3235), " ")
@example(KamerstukRef(dossier=21501, suffix="020", number=1), " ")
@example(KamerstukRef(dossier=1, suffix="234A", number=5), " ")
def test_a_suffix_of_digits_after_only_a_space_is_refused_or_read_as_the_dossier(ref, space):
    text = str(ref).replace("-", space, 1)
    try:
        read = KamerstukRef.parse(text)
    except ValueError:
        return
    # Read as before digit suffixes: the digits are the dossier's, a suffix starts with a letter.
    assert read.dossier == int(re.sub("[^0-9]", "", re.match(r"[0-9 \u00a0]*", text).group()))
    assert read.suffix is None or read.suffix[0].isalpha()
    assert read.number == ref.number


@given(kamerstuk_refs, kamerstuk_refs)
def test_order_is_by_dossier_then_suffix_none_first_then_number(a, b):
    def key(ref):
        return (ref.dossier, ref.suffix is not None, ref.suffix or "", ref.number)

    assert (a < b) == (key(a) < key(b))
    assert (a == b) == (key(a) == key(b))


@given(st.text(max_size=40))
def test_any_text_parses_or_is_a_value_error(text):
    try:
        ref = KamerstukRef.parse(text)
    except ValueError:
        return
    assert KamerstukRef.parse(str(ref)) == ref


# --- on a motion ---------------------------------------------------------------------------


def _motion(**fields):
    base = {
        "id": "m", "kind": MotionKind.MOTION, "title": "t", "submitter": "s",
        "submitted_on": "2024-01-01", "request": "r",
    }  # fmt: skip
    return Motion(**{**base, **fields})


def test_a_motion_takes_a_reference_or_its_text():
    assert _motion(kamerstuk="33009-124").kamerstuk == KamerstukRef(dossier=33009, number=124)
    ref = KamerstukRef(dossier=36410, suffix="XIII", number=39)
    assert _motion(kamerstuk=ref).kamerstuk is ref
    assert _motion().kamerstuk is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("kst-1", r"Motion\.kamerstuk: got 'kst-1', expected a Kamerstuk reference such as"),
        (33009, r"Motion\.kamerstuk: got 33009, expected a KamerstukRef or a str"),
    ],
)
def test_a_motion_refuses_what_is_no_reference(value, message):
    with pytest.raises(ValueError, match=message):
        _motion(kamerstuk=value)


def test_co_submitters_are_a_tuple_of_names_in_order():
    motion = _motion(co_submitted=True, co_submitters=["Van Strien", "Van der Graaf"])
    assert motion.co_submitters == ("Van Strien", "Van der Graaf")
    assert _motion().co_submitters == ()
    with pytest.raises(TypeError, match=r"Motion\.co_submitters\[1\]: got 3"):
        _motion(co_submitters=["a", 3])
    with pytest.raises(TypeError, match=r"Motion\.co_submitters: got 'Van Strien'"):
        _motion(co_submitters="Van Strien")


# --- in documents --------------------------------------------------------------------------


def _with_de_jong(**changes):
    strategy = reference.strategy_2024()
    motions = tuple(
        attrs.evolve(m, **changes) if m.id == "de-jong-2023" else m for m in strategy.motions
    )
    return attrs.evolve(strategy, motions=motions)


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
@pytest.mark.parametrize("written", ["33009-124", "33 009, nr. 124", "33009, NR. 124"])
def test_documents_read_every_form_and_write_the_official_one(fmt, written):
    tree = json.loads(rs.dumps(reference.strategy_2024(), "json"))
    de_jong = next(m for m in tree["motions"] if m["id"] == "de-jong-2023")
    de_jong["kamerstuk"] = written
    text = rs.dumps(rs.loads(json.dumps(tree), "json"), fmt)
    assert rs.loads(text, fmt) == reference.strategy_2024()
    assert '"33 009, nr. 124"' in text if fmt != "yaml" else "kamerstuk: 33 009, nr. 124" in text
    assert written == "33 009, nr. 124" or written not in text


EU_COUNCIL = KamerstukRef(dossier=21501, suffix="02", number=3235)
"""A Kamerstuk whose dossier has a suffix of digits: the EU Council's 21 501-02."""


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
def test_a_suffix_of_digits_goes_through_every_document_format(fmt):
    strategy = _with_de_jong(kamerstuk=EU_COUNCIL)
    text = rs.dumps(strategy, fmt)
    assert "21 501-02, nr. 3235" in text
    back = rs.loads(text, fmt)
    assert back == strategy
    assert next(m for m in back.motions if m.id == "de-jong-2023").kamerstuk.suffix == "02"


def test_a_suffix_of_digits_goes_through_a_workbook(tmp_path):
    import openpyxl

    strategy = _with_de_jong(kamerstuk=EU_COUNCIL)
    path = tmp_path / "plan.xlsx"
    rs.dump(strategy, path)
    cells = [c.value for row in openpyxl.load_workbook(path)["motions"].iter_rows() for c in row]
    assert "21 501-02, nr. 3235" in cells
    assert rs.load(path) == strategy


def test_a_suffix_of_digits_goes_through_a_data_package_that_frictionless_finds_valid(tmp_path):
    import frictionless

    strategy = _with_de_jong(kamerstuk=EU_COUNCIL)
    write_datapackage(strategy, tmp_path)
    assert "21 501-02, nr. 3235" in (tmp_path / "motions.csv").read_text(encoding="utf-8")
    assert read_datapackage(tmp_path) == strategy
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


@pytest.mark.parametrize(
    ("written", "valid"),
    [("21501-02-3235", True), ("kst-21501-02-3235", True), ("21 501-20, nr. 2193", True),
     ("21 501 02, nr. 3235", False), ("kst-33009, nr. 124", False)],
)  # fmt: skip
def test_the_data_package_constraint_takes_what_reading_takes(tmp_path, written, valid):
    import frictionless

    write_datapackage(_with_de_jong(kamerstuk=EU_COUNCIL), tmp_path)
    motions = tmp_path / "motions.csv"
    motions.write_text(
        motions.read_text(encoding="utf-8").replace("21 501-02, nr. 3235", written),
        encoding="utf-8",
    )
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid is valid, report.flatten(["type", "note"])
    if valid:
        motion = next(m for m in read_datapackage(tmp_path).motions if m.id == "de-jong-2023")
        assert motion.kamerstuk == KamerstukRef.parse(written)
    else:
        assert [e[0] for e in report.flatten(["type"])] == ["constraint-error"]
        with pytest.raises(rs.DocumentError, match="expected a Kamerstuk reference"):
            read_datapackage(tmp_path)


def test_a_json_document_with_a_suffix_of_digits_is_valid_by_the_json_schema():
    text = rs.dumps(_with_de_jong(kamerstuk=EU_COUNCIL), "json")
    assert '"kamerstuk":"21 501-02, nr. 3235"' in text
    jsonschema.validate(json.loads(text), rs.json_schema())


def test_a_document_with_a_bad_reference_names_it_with_the_other_problems():
    tree = json.loads(rs.dumps(reference.strategy_2024(), "json"))
    tree["motions"][0]["kamerstuk"] = "Kamerstuk 33009"
    tree["motions"][1]["kamerstuk"] = 124
    tree["motions"][2]["co_submitters"] = ["ok", None]
    with pytest.raises(rs.DocumentError) as caught:
        rs.loads(json.dumps(tree), "json")
    assert [str(p) for p in caught.value.problems] == [
        "$.motions[0].kamerstuk: got 'Kamerstuk 33009', expected a Kamerstuk reference such as "
        + ", ".join(ACCEPTED),
        '$.motions[1].kamerstuk: expected a Kamerstuk reference as a string such as "33 009, '
        'nr. 124", found the number 124',
        "$.motions[2].co_submitters[1]: expected a string, found null",
    ]


def test_a_motion_without_co_submitters_is_written_without_the_key():
    text = rs.dumps(reference.strategy_2024(), "toml")
    assert text.count("co_submitters") == 1  # motie De Jong's only


_SPACES = st.sampled_from([" ", "", "  ", "\t", "\u00a0", "\u3000", "\u200b", "\n"])
_PIECES = st.sampled_from(
    [
        "0",
        "1",
        "9",
        "33",
        "009",
        "-",
        ",",
        "nr",
        "Nr.",
        ".",
        "XIII",
        "k",
        "02",
        "-02",
        "kst-",
        "KST",
    ]
)
near_references = st.lists(_PIECES | _SPACES | st.text(max_size=2), max_size=6).map("".join)
"""Text built from the pieces of references: most are near misses, some are references."""


@given(near_references | st.builds(str, kamerstuk_refs))
@example("1-0")
@example("0-1")
@example("0 XIII, nr. 1")
@example("36410 \u212a, nr. 39")
@example("1" + " " * 98 + "-1")
@example("21 501-02, nr. 3235")
@example("21 501 02, nr. 3235")
@example("kst-21501-02-3235")
@example("kst-33009, nr. 124")
@example("21501-\u0660\u0662-3235")
def test_the_json_schema_takes_exactly_what_parse_takes(text):
    schema = {"type": "string", **_kamerstuk_schema()}
    try:
        KamerstukRef.parse(text)
    except ValueError:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(text, schema)
    else:
        jsonschema.validate(text, schema)


def _kamerstuk_schema():
    motion = rs.json_schema()["$defs"]["Motion"]["properties"]["kamerstuk"]
    return next(option for option in motion["anyOf"] if option.get("type") == "string")


def test_the_json_schema_caps_the_length_as_parse_does():
    schema = _kamerstuk_schema()
    assert schema["maxLength"] == 100
    text = "1" + " " * 97 + "-1"  # 100 characters: read
    assert KamerstukRef.parse(text) == KamerstukRef(dossier=1, number=1)
    jsonschema.validate(text, schema)
    with pytest.raises(ValueError, match="expected a Kamerstuk reference"):
        KamerstukRef.parse(" " + text)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(" " + text, schema)


def test_the_schema_takes_every_form_parse_takes_and_refuses_the_rest():
    schema = rs.json_schema()
    tree = json.loads(rs.dumps(reference.strategy_2024(), "json"))
    for text in [
        "33 009, nr. 124",
        "33009-124",
        "36410 - xiii - 39",
        "33\u00a0009, Nr 124",
        "21 501-02, nr. 3235",
        "21501-20-2193",
        "kst-21501-02-3235",
        "KST-36410-XIII-39",
    ]:
        tree["motions"][0]["kamerstuk"] = text
        jsonschema.validate(tree, schema)
    for text in [
        "Kamerstuk 33009",
        "33009",
        "33009-124-1-1",
        "0-1",
        "1-0",
        "0 XIII, nr. 1",
        "21 501 02, nr. 3235",
        "kst-33009, nr. 124",
        "21501-\u0660\u0662-3235",
    ]:
        tree["motions"][0]["kamerstuk"] = text
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(tree, schema)


# --- linear on hostile text ------------------------------------------------------------------

HOSTILE = 100_000
"""The length of each hostile text: a thousand times `LONGEST`, which `parse` stops at, but
the JSON Schema's `pattern` and a data package's constraint run on text of any length."""


def test_the_pattern_takes_linear_time_on_long_hostile_text():
    # Each text is one that a backtracking engine could scan again and again: runs of spaces
    # after each part of each form, long runs of digits, of dashes, of letters, of prefixes.
    cpu, peak, out = cost_of(
        f"""
        import re, jsonschema
        from romstrategy._model._kamerstuk import PATTERN
        n = {HOSTILE}
        texts = [
            "1" + " " * n + "x", " " * n + "x", "1 " * n, "1" * n, "0" * n + "-1", "kst-" * n,
            "1-" * n, "1-" + " " * n + "x", "1-A" + " " * n + "x", "1 A" + " " * n + "x",
            "1-02" + "\u00a0" * n + "x", "kst-1-02" + " " * n + "-", "1, nr" + " " * n + "x",
            "000 " * n + "x", "0" + " " * n + "1x", "1" + " 000" * n, "1-A " * n, "1 -" * n,
            "1-" + "A" * n, "1-" + "0" * n + "-1", "1, " + "nr" * n, "21 501" * n,
        ]
        found = []
        frictionless = re.compile(f"^{{PATTERN}}$")  # as a data package's constraint is run
        schema = {{"type": "string", "pattern": f"^{{PATTERN}}$"}}  # without the maxLength
        for text in texts:
            found.append(re.fullmatch(PATTERN, text) or frictionless.match(text))
            try:
                jsonschema.validate(text, schema)
            except jsonschema.ValidationError:
                pass
            else:
                found.append(text[:20])
        print(len(texts), [f for f in found if f])
        """,
        timeout=60,
    )
    assert out.strip() == "22 []"
    assert cpu < 10, cpu  # about 0.5 s; scanning again and again would take hours
    assert peak < 1 << 30, peak


# --- RS304 ---------------------------------------------------------------------------------


def test_rs304_fires_on_co_signers_without_co_submitted():
    strategy = _with_de_jong(co_submitted=False)
    found = [f for f in validate(strategy).findings if f.code == "RS304"]
    assert [(f.path, f.subjects, f.message) for f in found] == [
        (
            "motions[de-jong-2023].co_submitted",
            ("de-jong-2023",),
            "Motion de-jong-2023 names 3 co-signers (Van Strien, Van der Graaf, Amhaouch), "
            "but co_submitted is false.",
        )
    ]
    assert found[0].severity is rs.Severity.ERROR
    assert "noemt 3 medeindieners" in found[0].message_nl


def test_rs304_is_silent_on_co_submitted_with_or_without_names():
    assert [f.code for f in validate(reference.strategy_2024()).findings] == ["RS102"]
    unnamed = _with_de_jong(co_submitters=())
    assert [f.code for f in validate(unnamed).findings] == ["RS102"]
    alone = _with_de_jong(co_submitters=(), co_submitted=False)
    assert [f.code for f in validate(alone).findings] == ["RS102"]
