"""Ids and codes exactly as meant (issue 28, item 1).

Every id and code, and every reference to one, is refused when it has a space at either
end, holds a control, format or invisible character (Cc, Cf, Zl, Zp, a space other than
U+0020) or is not in Unicode NFC: by the constructors, by every reader at its place, and by
the JSON Schema's pattern, which is the one `ID_PATTERN`. Nothing is stripped.
"""

import csv
import io
import json
import re
import shutil
import subprocess
import unicodedata

import attrs
import jsonschema
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy._documents._formats import render
from romstrategy._documents._schema import MODEL_CLASSES
from romstrategy._model._display import INVISIBLE, char_name
from romstrategy._model._kinds import ID_PATTERN, kinds
from romstrategy.tables import read_datapackage, write_datapackage
from tests.helpers import cost_of, exactly, illustrative

REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
UNASSIGNED_REFUSED = frozenset([0x2065, *range(0x13439, 0x13440)])
"""Refused though unassigned in Unicode 14: a gap among format characters, and the format
controls Unicode 15 added."""


def refused_char(char):
    """The oracle: whether an id may not hold `char` anywhere, from the categories."""
    category = unicodedata.category(char)
    return (
        category in REFUSED_CATEGORIES
        or (category == "Zs" and char != " ")
        or ord(char) in UNASSIGNED_REFUSED
    )


def meant(text):
    """The oracle: whether `text` is an id as meant."""
    return (
        text.strip() == text != ""
        and not any(map(refused_char, text))
        and unicodedata.is_normalized("NFC", text)
    )


ID_FIELDS = [
    (cls, name) for cls in MODEL_CLASSES for name, kind in kinds(cls).items() if kind.name == "id"
]
"""Every field that holds an id or a reference to one, in every class of a document."""

BAD = {
    "trailing spaces": "al-1  ",
    "leading space": " al-1",
    "zero-width space": "al-1\u200b",
    "BOM inside": "al\ufeff-1",
    "no-break space": "al\u00a01",
    "tab": "al\t1",
    "line feed": "al-1\n",
    "line separator": "al\u20281",
    "right-to-left override": "al\u202e1",
    "soft hyphen": "al\u00ad1",
    "ideographic space": "al\u30001",
    "escape": "al\x1b1",
    "tag beyond the BMP": "al\U000e00411",
    "decomposed e acute": "e\u0301",
    "angstrom sign": "\u212b",
}
GOOD = ["al-1", "AL 1", "\u00e9", "Frysl\u00e2n", "a  b", "\U0001f600", "\u00c5"]


def test_every_kind_of_id_is_covered():
    names = {f"{cls.__name__}.{name}" for cls, name in ID_FIELDS}
    for expected in [
        "Strategy.id", "Strategy.settles", "Pillar.code", "ROM.code", "ROM.provinces",
        "Province.code", "Organisation.id", "Activity.id", "Activity.pillar", "Activity.roms",
        "Activity.lead", "Activity.complements", "Allocation.id", "Allocation.source",
        "Allocation.pillar", "Allocation.activity", "Transaction.id", "Transaction.allocation",
        "FundingSource.id", "FundingSource.origin", "Motion.id",
    ]:  # fmt: skip
        assert expected in names


@pytest.mark.parametrize(("cls", "name"), ID_FIELDS, ids=lambda x: getattr(x, "__name__", x))
@pytest.mark.parametrize("bad", BAD.values(), ids=BAD.keys())
def test_every_id_field_refuses_an_id_not_as_meant(cls, name, bad):
    field = attrs.fields_dict(cls)[name]
    many = kinds(cls)[name].many
    with pytest.raises(rs.FieldError, match=rf"\A{cls.__name__}\.{name}(\[1\])?: got ") as caught:
        field.converter(("ok", bad) if many else bad)
    assert "an id must be as typed" in str(caught.value)
    assert field.converter(("ok", *GOOD) if many else GOOD[1]) is not None


def test_a_constructor_names_the_character_by_code_point_and_name():
    with pytest.raises(rs.FieldError) as caught:
        rs.Allocation(
            id="al-1\u200b", source="s", amount="1", pillar="I", period=rs.Period.years(2024)
        )
    assert str(caught.value) == (
        "Allocation.id: got 'al-1\\u200b', which holds U+200B ZERO WIDTH SPACE at position 4; "
        "an id must be as typed: no control, format or invisible character, no space but "
        "U+0020 and none at either end, in Unicode NFC; nothing is stripped"
    )
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("al-1  ", "has a space at its end"),
        (" a ", "has a space at its start and end"),
        ("a\u00a0b\u2028c", "holds U+00A0 NO-BREAK SPACE at position 1, U+2028 LINE SEPARATOR at position 3"),
        ("\x00\x1f\x7f\x85\x90x", "holds U+0000 NULL at position 0, U+001F INFORMATION SEPARATOR ONE at position 1, U+007F DELETE at position 2, more"),
        ("e\u0301", "is not in Unicode NFC: from position 0 it holds U+0065 LATIN SMALL LETTER E, U+0301 COMBINING ACUTE ACCENT, which NFC writes U+00E9 LATIN SMALL LETTER E WITH ACUTE"),
        ("x\u212b", "is not in Unicode NFC: from position 1 it holds U+212B ANGSTROM SIGN, which NFC writes U+00C5 LATIN CAPITAL LETTER A WITH RING ABOVE"),
        (" e\u0301\ufeff", "has a space at its start and holds U+FEFF ZERO WIDTH NO-BREAK SPACE at position 3 and is not in Unicode NFC"),
        ("a\U000e0041", "holds U+E0041 TAG LATIN CAPITAL LETTER A at position 1"),
    ],
)  # fmt: skip
def test_the_message_lists_every_kind_of_problem(text, said):
    with pytest.raises(rs.FieldError) as caught:
        rs.Province(code=text, name="P")
    assert str(caught.value).split(", which ", 1)[1].startswith(said)


@pytest.mark.parametrize("text", ["", "   ", "\t", "\n \r"])
def test_an_empty_id_is_still_called_empty(text):
    with pytest.raises(
        rs.FieldError, match=exactly(f"Province.code: got {text!r}, an id must not be empty")
    ):
        rs.Province(code=text, name="P")


@pytest.mark.parametrize("text", GOOD)
def test_near_misses_are_accepted_as_they_are(text):
    assert rs.Province(code=text, name="P").code == text


def test_names_of_characters_without_one_in_unicodedata():
    assert [char_name(c) for c in "\t\n\r\x1b\x9b\x90\ud800\u2065"] == [
        "U+0009 CHARACTER TABULATION", "U+000A LINE FEED", "U+000D CARRIAGE RETURN",
        "U+001B ESCAPE", "U+009B CONTROL SEQUENCE INTRODUCER", "U+0090 (a control character)",
        "U+D800 (a lone surrogate)", "U+2065 (unassigned)",
    ]  # fmt: skip


# === one pattern: Python, the JSON Schema and the categories agree ============================


def test_the_refused_characters_are_exactly_the_categories():
    one = re.compile(f"[{INVISIBLE}]")
    differ = [hex(c) for c in range(0x110000) if bool(one.match(chr(c))) != refused_char(chr(c))]
    assert differ == []


def test_the_schema_takes_the_one_pattern_and_says_it_cannot_test_nfc():
    schema = rs.json_schema()
    for cls, name in ID_FIELDS:
        field = schema["$defs"].get(cls.__name__, schema)["properties"][name]
        text = json.dumps(field)
        assert json.dumps(ID_PATTERN)[1:-1] in text
    assert "in Unicode NFC too, which no pattern can test" in text


SAMPLES = [chr(c) for c in (*range(0x300), *range(0x2000, 0x2070), 0x3000, 0xFEFF, 0xFFFA,
                            0x110BD, 0x1343A, 0x1D173, 0xE0001, 0xE0041, 0x1F600)]  # fmt: skip


def _id_forms(char):
    return [char, f"a{char}", f"{char}a", f"a{char}b", f"a{char}\n", f"a {char}"]


def test_jsonschema_with_python_s_re_agrees_with_the_check():
    validator = jsonschema.Draft202012Validator(rs.json_schema()["$defs"]["Province"])
    for char in SAMPLES:
        for text in _id_forms(char):
            took = validator.is_valid({"code": text, "name": "x"})
            assert took == meant(unicodedata.normalize("NFC", text)), ascii(text)


@pytest.mark.skipif(shutil.which("node") is None, reason="node reads ECMA-262 as browsers do")
def test_ecma_262_with_the_u_flag_agrees_with_python():
    texts = [text for char in SAMPLES for text in _id_forms(char)]
    script = (
        "const [p, texts] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const r = new RegExp(p, 'u');"
        "process.stdout.write(JSON.stringify(texts.map(t => r.test(t))));"
    )
    done = subprocess.run(
        ["node", "-e", script],
        input=json.dumps([ID_PATTERN, texts]),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    python = [re.search(ID_PATTERN, text) is not None for text in texts]
    assert json.loads(done.stdout) == python


# === the property: accepted iff meant, then the same through every format =====================

id_texts = st.one_of(
    st.text(max_size=8),
    st.text(alphabet=st.sampled_from(["a", " ", "e", "\u0301", "\u200b", "\u00a0", "\t", "\ufeff", "\u00e9", "\U000e0041"]), max_size=6),
    st.sampled_from([*BAD.values(), *GOOD]),
)  # fmt: skip


@given(text=id_texts)
def test_an_id_is_accepted_iff_it_is_meant(text):
    if meant(text):
        assert rs.Province(code=text, name="P").code == text
    else:
        with pytest.raises(rs.FieldError, match=r"an id must (be as typed|not be empty)"):
            rs.Province(code=text, name="P")


def _plan_with_code(text):
    strategy = illustrative()
    rom = attrs.evolve(strategy.roms[0], code=text)
    return attrs.evolve(strategy, id=text, roms=(rom, *strategy.roms[1:]))


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=id_texts.filter(meant))
def test_an_id_as_meant_reads_back_unchanged_in_every_format(text, tmp_path):
    strategy = _plan_with_code(text)
    for fmt in ("json", "toml", "yaml"):
        assert rs.loads(rs.dumps(strategy, fmt), fmt) == strategy
    rs.dump(strategy, tmp_path / "plan.xlsx")
    assert rs.load(tmp_path / "plan.xlsx") == strategy
    shutil.rmtree(tmp_path / "pkg", ignore_errors=True)
    write_datapackage(strategy, tmp_path / "pkg")
    assert read_datapackage(tmp_path / "pkg") == strategy


# === every reader names the place =============================================================


def test_a_workbook_with_trailing_spaces_in_an_id_is_refused_at_its_cell(tmp_path):
    rs.dump(illustrative(), tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    assert book["allocations"]["A1"].value == "id"
    book["allocations"]["A2"] = "al-1  "
    book["roms"]["C3"] = "NL-GR\u200b"  # provinces: an id in a list of them
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(rs.DocumentError) as caught:
        rs.load(tmp_path / "bad.xlsx")
    found = {problem.path: problem.message for problem in caught.value.problems}
    assert found["$.allocations[0].id"].startswith(
        "allocations!A2: got 'al-1  ', which has a space at its end; an id must be as typed"
    )
    assert any("holds U+200B ZERO WIDTH SPACE at position 5" in m for m in found.values()), found


def test_a_package_with_a_zero_width_space_in_a_rom_code_is_refused_at_file_line_column(tmp_path):
    write_datapackage(illustrative(), tmp_path / "pkg")
    path = tmp_path / "pkg" / "roms.csv"
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert table[0][0] == "code"
    table[2][0] = table[2][0][:2] + "\u200b" + table[2][0][2:]
    stream = io.StringIO(newline="")
    csv.writer(stream, lineterminator="\r\n").writerows(table)
    path.write_text(stream.getvalue(), encoding="utf-8")
    with pytest.raises(rs.DocumentError) as caught:
        read_datapackage(tmp_path / "pkg")
    (message,) = [p.message for p in caught.value.problems]
    assert message.startswith(
        f"roms.csv, line 3, column code: got {table[2][0]!r}, which holds U+200B ZERO WIDTH SPACE "
        "at position 2;"
    )


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
def test_a_document_with_a_bom_inside_an_id_is_refused_at_its_path(fmt):
    tree = json.loads(rs.dumps(illustrative(), "json"))
    tree["allocations"][3]["id"] = "al\ufeff-4"
    tree["transactions"][0]["allocation"] = "al-1\u00a0"  # a reference to an id is an id
    with pytest.raises(rs.DocumentError) as caught:
        rs.loads(render(tree, fmt), fmt)
    found = {problem.path: problem.message for problem in caught.value.problems}
    assert found["$.allocations[3].id"].startswith(
        "got 'al\\ufeff-4', which holds U+FEFF ZERO WIDTH NO-BREAK SPACE at position 2;"
    )
    assert found["$.transactions[0].allocation"].startswith(
        "got 'al-1\\xa0', which holds U+00A0 NO-BREAK SPACE at position 4;"
    )


# === bounded work =============================================================================


@pytest.mark.slow
def test_a_huge_id_full_of_refused_characters_is_refused_in_linear_time():
    cpu, peak, out = cost_of(
        """
        import romstrategy as rs
        for text in ["a" + "\\u200b" * 2_000_000, "a" + " " * 2_000_000 + "\\x00",
                     "e\\u0301" * 1_000_000, "\\u00e9" * 2_000_000 + " "]:
            try:
                rs.Province(code=text, name="P")
            except rs.FieldError as error:
                print(len(str(error)))
        """
    )
    assert [int(n) < 1000 for n in out.split()] == [True] * 4
    assert cpu < 20, cpu
    assert peak < 400 * 2**20, peak
