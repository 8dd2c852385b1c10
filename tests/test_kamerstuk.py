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
from tests.helpers import kamerstuk_refs

OFFICIAL = r"[0-9]{1,3}( [0-9]{3}){0,2}( [A-Z][A-Z0-9]{0,9})?, nr\. [0-9]{1,9}"
"""The official form: the dossier grouped in threes, the suffix in upper case."""
ACCEPTED = ('"33 009, nr. 124"', '"33009-124"', '"36 410 XIII, nr. 39"', '"36410-XIII-39"')


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
    ],
)
def test_parse_reads_the_forms_people_write(text, dossier, suffix, number):
    assert KamerstukRef.parse(text) == KamerstukRef(dossier=dossier, suffix=suffix, number=number)


@pytest.mark.parametrize(
    "text",
    ["", "x", "33009", "33 009", "nr. 124", "33009-124-1", "33009/124", "33 009, nr 12a",
     "33009-XIII", "0033009-1" + "0" * 100, "٣٣٠٠٩-١٢٤", "1234567890-1", " " * 10_000 + "1-1",
     "0-1", "000-1", "1-0", "33009, nr. 0", "0 XIII, nr. 1", "0000000001-1",
     "36410 \u212a, nr. 39", "36410-\u212a-39", "1" + " " * 120 + "-1", "33 009\u200b-124"],
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
        ({"dossier": 1, "number": 1, "suffix": "1A"}, r"KamerstukRef\.suffix: got '1A'"),
        ({"dossier": 1, "number": 1, "suffix": "X I"}, r"KamerstukRef\.suffix: got 'X I'"),
    ],
)
def test_the_constructor_refuses_what_is_no_reference(fields, message):
    with pytest.raises(ValueError, match=message):
        KamerstukRef(**fields)


def test_str_is_the_official_form_grouped_in_threes():
    assert str(KamerstukRef(dossier=33009, number=124)) == "33 009, nr. 124"
    assert str(KamerstukRef(dossier=36410, suffix="xiii", number=39)) == "36 410 XIII, nr. 39"
    assert str(KamerstukRef(dossier=999, number=1)) == "999, nr. 1"
    assert str(KamerstukRef(dossier=1_234_567, number=1)) == "1 234 567, nr. 1"


def test_references_order_by_dossier_then_suffix_then_number():
    refs = [
        KamerstukRef(dossier=36410, suffix="XIII", number=2),
        KamerstukRef(dossier=36410, suffix="A", number=9),
        KamerstukRef(dossier=36410, number=5),
        KamerstukRef(dossier=33009, number=124),
        KamerstukRef(dossier=36410, suffix="XIII", number=1),
    ]
    assert [str(ref) for ref in sorted(refs)] == [
        "33 009, nr. 124",
        "36 410, nr. 5",
        "36 410 A, nr. 9",
        "36 410 XIII, nr. 1",
        "36 410 XIII, nr. 2",
    ]


@given(kamerstuk_refs)
def test_the_official_form_parses_back_to_the_same_reference(ref):
    text = str(ref)
    assert re.fullmatch(OFFICIAL, text)
    assert KamerstukRef.parse(text) == ref


@given(kamerstuk_refs, st.sampled_from([" ", "  ", "\u00a0"]), st.booleans())
def test_the_dashed_and_spaced_forms_parse_to_the_same_reference(ref, space, lower):
    suffix = f"{ref.suffix.lower() if lower else ref.suffix}-" if ref.suffix else ""
    assert KamerstukRef.parse(f"{ref.dossier}-{suffix}{ref.number}") == ref
    spaced = str(ref).replace(" ", space)
    assert KamerstukRef.parse(spaced.lower() if lower else spaced) == ref


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
_PIECES = st.sampled_from(["0", "1", "9", "33", "009", "-", ",", "nr", "Nr.", ".", "XIII", "k"])
near_references = st.lists(_PIECES | _SPACES | st.text(max_size=2), max_size=6).map("".join)
"""Text built from the pieces of references: most are near misses, some are references."""


@given(near_references | st.builds(str, kamerstuk_refs))
@example("1-0")
@example("0-1")
@example("0 XIII, nr. 1")
@example("36410 \u212a, nr. 39")
@example("1" + " " * 98 + "-1")
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
    for text in ["33 009, nr. 124", "33009-124", "36410 - xiii - 39", "33\u00a0009, Nr 124"]:
        tree["motions"][0]["kamerstuk"] = text
        jsonschema.validate(tree, schema)
    for text in ["Kamerstuk 33009", "33009", "33009-124-1", "0-1", "1-0", "0 XIII, nr. 1"]:
        tree["motions"][0]["kamerstuk"] = text
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(tree, schema)


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
