"""Every output escapes invisible and reordering characters, not only C0 controls.

Zero-width characters, line and paragraph separators, the bidirectional marks,
embeddings, overrides and isolates ("Trojan Source"), the BOM and C1 controls
in user and Kamer text reach no terminal and no file raw: text lines show them
as escapes such as `\\u202e` (`visible`), and JSON, TOML and YAML documents
write them as escapes of the format, which their readers turn back into the
same characters (`document_text`). One predicate, `unsafe`, says which.
"""

from __future__ import annotations

import json
import sys
import unicodedata

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy._documents._formats import parse_value, render
from romstrategy._documents._plain import plain_motions
from romstrategy._documents._reading import dumps_motions
from romstrategy._model._display import document_text, json_text, unsafe, visible
from romstrategy._reports._escape import markdown_text
from romstrategy.parliament import from_odata, merge_with_notes
from tests.helpers import any_strategies, commit, motions, pay, plan, python, run

HOSTILE = {
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "left-to-right embedding": "\u202a",
    "right-to-left embedding": "\u202b",
    "pop directional formatting": "\u202c",
    "left-to-right override": "\u202d",
    "right-to-left override": "\u202e",
    "left-to-right isolate": "\u2066",
    "right-to-left isolate": "\u2067",
    "first strong isolate": "\u2068",
    "pop directional isolate": "\u2069",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "arabic letter mark": "\u061c",
    "byte order mark": "\ufeff",
    "C1 padding": "\x80",
    "next line": "\x85",
    "C1 CSI": "\x9b",
    "C1 APC": "\x9f",
    "escape": "\x1b",
    "delete": "\x7f",
    "tab": "\t",
    "carriage return": "\r",
    "soft hyphen": "\xad",
    "mongolian vowel separator": "\u180e",
    "interlinear annotation": "\ufff9",
    "tag latin a": "\U000e0041",
    "private use": "\ue000",
    "private use beyond the BMP": "\U000f0000",
}
"""The characters of each class the issue names, and the others of the same kind."""

CHARS = pytest.mark.parametrize("char", HOSTILE.values(), ids=HOSTILE.keys())

UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})

EVERY = "".join(map(chr, range(sys.maxunicode + 1)))
"""Every code point, lone surrogates too."""

SCALARS = "".join(char for char in EVERY if unicodedata.category(char) != "Cs")
"""Every code point that text in a document may hold."""


def raw_unsafe(text):
    """The unsafe characters that `text` holds as they are, other than line breaks."""
    return sorted({f"U+{ord(char):04X}" for char in text if char != "\n" and unsafe(char)})


# === the predicate, over every code point ================================================


def test_unsafe_is_exactly_the_control_format_separator_and_unassigned_categories():
    wrong = [
        f"U+{ord(char):04X}"
        for char in EVERY
        if unsafe(char) != (unicodedata.category(char) in UNSAFE_CATEGORIES)
    ]
    assert wrong == []


@CHARS
def test_every_named_character_is_unsafe(char):
    assert unsafe(char)


@pytest.mark.parametrize("char", [" ", "\xa0", "\u2003", "\u3000", "é", "€", "ĳ", "😀", "\u0301"])
def test_spaces_letters_marks_and_symbols_are_kept(char):
    assert not unsafe(char)
    assert visible(f"a{char}b") == f"a{char}b"
    assert document_text(f'"a{char}b"', "json") == f'"a{char}b"'


@pytest.mark.slow  # every code point: 8 s; CI's slow step runs it
def test_visible_leaves_no_code_point_raw_and_keeps_every_safe_one():
    assert raw_unsafe(visible(EVERY)) == []
    assert "\n" not in visible(EVERY)  # a line break in user text is escaped too
    safe = "".join(char for char in EVERY if not unsafe(char))
    assert visible(safe) == safe


@pytest.mark.slow  # every code point, in a document of 20 MB: 5-11 s each
@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
def test_every_code_point_is_written_as_an_escape_that_reads_back(fmt):
    tree = {"text": SCALARS, SCALARS[:300]: [SCALARS[::-1]]}  # in keys and lists too
    text = render(tree, fmt)
    assert raw_unsafe(text) == []
    assert parse_value(text, fmt, max_bytes=64 << 20) == tree


@CHARS
@pytest.mark.parametrize(
    ("fmt", "written"),
    [("json", "\\u{:04x}"), ("toml", "\\u{:04x}"), ("yaml", "\\u{:04x}")],
)
def test_each_format_writes_an_escape_of_its_own(char, fmt, written):
    text = render({"title": f"Motie{char}x"}, fmt)
    assert raw_unsafe(text) == []
    assert parse_value(text, fmt) == {"title": f"Motie{char}x"}
    code = ord(char)
    if code > 0xFFFF:  # JSON as a pair of surrogates; TOML and YAML as \UXXXXXXXX
        assert ("\\udb" if fmt == "json" else f"\\U{code:08x}".lower()) in text.lower()
    elif char not in "\t\r" and fmt != "yaml":  # YAML writes some as \x85, \L, \N
        assert written.format(code) in text


def test_a_line_break_in_text_is_escaped_and_the_documents_own_are_kept():
    assert visible("a\nb") == "a\\nb"
    assert document_text('{\n  "a": "\u2028"\n}\n', "json") == '{\n  "a": "\\u2028"\n}\n'
    assert json_text({"a": "x\u202ey\n"}) == '{\n  "a": "x\\u202ey\\n"\n}'


def test_a_tab_is_escaped_as_a_tab_in_every_format():
    for fmt in ("json", "toml", "yaml"):
        text = render({"a": "x\ty"}, fmt)
        assert "\t" not in text
        assert "x\\ty" in text


# === strategies and motions: lossless, and nothing raw ====================================

hostile_texts = st.text(
    alphabet=st.sampled_from([*HOSTILE.values(), "a", " ", "\n", "é", "\\", '"', "'"])
    | st.characters(exclude_categories=["Cs"]),
    max_size=12,
)


def with_text(strategy, text):
    """`strategy` with `text` in its title and the texts of its motions and parties."""
    return attrs.evolve(
        strategy,
        title=strategy.title + text,
        source=text,
        motions=tuple(
            attrs.evolve(m, title=text + m.title, submitter=m.submitter + text, note=text)
            for m in strategy.motions
        ),
        roms=tuple(
            attrs.evolve(r, name=text + r.name, shareholders=(text,)) for r in strategy.roms
        ),
        pillars=tuple(attrs.evolve(p, title_nl=text, description=text) for p in strategy.pillars),
    )


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
@given(strategy=any_strategies, text=hostile_texts)
def test_a_strategy_reads_back_equal_and_its_text_holds_no_unsafe_character(fmt, strategy, text):
    strategy = with_text(strategy, text)
    written = rs.dumps(strategy, fmt)
    assert raw_unsafe(written) == []
    assert rs.loads(written, fmt) == strategy
    assert rs.loads(written.encode("utf-8"), fmt) == strategy


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
@given(items=st.lists(motions, max_size=3), text=hostile_texts)
def test_motions_read_back_equal_and_their_text_holds_no_unsafe_character(fmt, items, text):
    items = [attrs.evolve(m, title=m.title + text, co_submitters=(text,)) for m in items]
    written = dumps_motions(items, fmt)
    assert raw_unsafe(written) == []
    assert parse_value(written, fmt) == {"motions": plain_motions(items)}


@CHARS
def test_a_data_package_descriptor_escapes_the_title(char, tmp_path):
    strategy = with_text(rs.reference.strategy_2024(), f"x{char}y")
    descriptor = rs.tables.write_datapackage(strategy, tmp_path / "package")
    text = descriptor.read_text(encoding="utf-8")
    assert raw_unsafe(text) == []
    assert json.loads(text)["title"].endswith(f"x{char}y")
    assert rs.load(descriptor) == strategy


# === the command: motions from the Kamer's records ========================================


def kamer_answer(tmp_path, text):
    """A saved OData answer of two `Zaak` records whose subject and signers hold `text`."""

    def record(nummer, volgnummer, besluit):
        return {
            "Id": f"00000000-0000-4000-8000-00000000000{volgnummer}",
            "Nummer": nummer,
            "Soort": "Motie",
            "Titel": "Voorbeeldwet",
            "Onderwerp": f"Motie van het lid Jansen over{text}starters in de regio",
            "GestartOp": "2099-03-12T00:00:00+01:00",
            "Volgnummer": volgnummer,
            "Afgedaan": False,
            "Kabinetsappreciatie": None,
            "Verwijderd": False,
            "Besluit": [{"BesluitSoort": besluit, "BesluitTekst": "Tekst.", "Status": "Besluit"}],
            "ZaakActor": [
                {"ActorNaam": f"Jan{text}sen", "ActorFractie": "Fractie", "Relatie": "Indiener"},
                {"ActorNaam": f"De{text}Vries", "Relatie": "Medeindiener", "Verwijderd": False},
            ],
            "Kamerstukdossier": [{"Nummer": 99999, "Toevoeging": None, "Verwijderd": False}],
        }

    answer = {
        "@odata.context": "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Zaak",
        "value": [
            record("2099Z04211", 7, "Stemmen - aangenomen"),
            record("2099Z04212", 8, "Stemmen - verworpen"),
        ],
    }
    path = tmp_path / "zaken.json"
    path.write_text(json.dumps(answer), encoding="utf-8")
    return path


@CHARS
def test_motions_as_text_lines_show_escapes(char, tmp_path):
    result = run("motions", kamer_answer(tmp_path, char))
    assert result.exit_code == 0, result.stderr
    assert raw_unsafe(result.stdout) == raw_unsafe(result.stderr) == []
    assert visible(char) in result.stdout
    assert len(result.stdout.splitlines()) == 2  # a separator starts no line of its own


@CHARS
@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
def test_motions_as_a_document_escape_and_read_back_equal(char, fmt, tmp_path):
    answer = kamer_answer(tmp_path, char)
    result = run("motions", answer, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert raw_unsafe(result.stdout) == []
    found = from_odata(answer).motions
    assert any(char in m.title for m in found)  # the Kamer's text reached the motions
    assert parse_value(result.stdout, fmt) == {"motions": plain_motions(found)}


@CHARS
@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
@pytest.mark.parametrize("target", ["-", "merged"])
def test_merged_motions_escape_on_standard_output_and_in_a_file(char, fmt, target, tmp_path):
    answer = kamer_answer(tmp_path, char)
    strategy = rs.reference.strategy_2024()
    path = tmp_path / f"plan.{fmt}"
    rs.dump(strategy, path)
    out = "-" if target == "-" else tmp_path / f"merged.{fmt}"
    result = run("motions", answer, "--merge", path, "-o", out, "--add-new")
    assert result.exit_code == 0, result.stderr
    written = result.stdout if out == "-" else out.read_text(encoding="utf-8")
    assert raw_unsafe(written) == raw_unsafe(result.stderr) == []
    expected, _ = merge_with_notes(strategy, from_odata(answer).motions, add_new=True)
    assert len(expected.motions) == len(strategy.motions) + 2
    assert rs.loads(written, fmt) == expected


# === the command: check, report, diff, progress, explain, convert =========================


def hostile_plan(tmp_path, char):
    """A plan (with money spent) whose titles, names and descriptions hold `char`, and the plan.

    Ids and codes cannot hold it (issue 28): text fields only, so that report tables and
    progress rows quote it; a transaction on an allocation that does not exist is a finding.
    """
    text = f"x{char}y"
    spent = (commit("t1", "1000", "2024-03-01"), pay("t2", "500", "2024-04-01"))
    clean = plan(transactions=spent)
    strategy = with_text(clean, text)
    strategy = attrs.evolve(
        strategy,
        activities=tuple(
            attrs.evolve(a, title=text, theme=a.theme + text) for a in strategy.activities
        ),
        transactions=(
            *(attrs.evolve(t, description=text) for t in strategy.transactions),
            commit("t3", "1", "2024-05-01", allocation="ghost"),
        ),
        funding_sources=tuple(
            attrs.evolve(f, name=f.name + text) for f in strategy.funding_sources
        ),
    )
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    rs.dump(clean, old)
    rs.dump(strategy, new)
    return old, new


COMMANDS = [
    ("report", "{new}", "-o", "-"),
    ("report", "{new}", "--format", "html", "-o", "-"),
    ("report", "{new}", "--format", "json", "-o", "-"),
    ("report", "{new}", "--as-of", "2024-12-31", "--lang", "nl", "-o", "-"),
    ("diff", "{old}", "{new}"),
    ("diff", "{new}", "{old}", "--format", "json"),
    ("explain", "RS1{text}"),
    ("check", "{new}", "--select", "RS{text}"),
    ("check", "{dir}/missing{text}.toml"),
    ("check", "{dir}/missing{text}.toml", "--format", "json"),
    ("split", "1{text}", "1"),
]
"""Commands whose output quotes the text, each in its own way."""

QUIET = [
    ("check", "{new}"),
    ("check", "{new}", "--format", "json"),
    ("check", "{new}", "--lang", "nl"),
    *(
        ("progress", "{new}", "--by", by, "--format", fmt)
        for by in ("year", "rom", "pillar", "source", "allocation")
        for fmt in ("text", "json", "csv")
    ),
]
"""Commands whose output shows no text of the plan's, only its ids, which cannot hold such a
character (issue 28): it must still hold nothing raw."""


def _forms(text):
    """How outputs show `text`: escaped for a line, in Markdown or in JSON, or uppercased."""
    return {visible(text), markdown_text(text), json_text(text)[1:-1], visible(text.upper())}


@CHARS
def test_no_command_writes_an_unsafe_character_raw(char, tmp_path):
    old, new = hostile_plan(tmp_path, char)
    text = f"x{char}y"
    for command in COMMANDS + QUIET:
        args = [a.format(old=old, new=new, dir=tmp_path, text=text) for a in command]
        result = run(*args)
        assert result.exit_code in (0, 1, 2), (args, result.output)
        assert raw_unsafe(result.stdout) == raw_unsafe(result.stderr) == [], args
        output = result.stdout + result.stderr
        assert command in QUIET or any(form in output for form in _forms(text)), args


@CHARS
@pytest.mark.parametrize("suffix", ["md", "html", "json"])
def test_a_report_written_to_a_file_holds_no_unsafe_character(char, suffix, tmp_path):
    _, new = hostile_plan(tmp_path, char)
    out = tmp_path / f"report.{suffix}"
    result = run("report", new, "-o", out)
    assert result.exit_code == 1, result.stderr  # written, and the plan has an error
    assert raw_unsafe(out.read_text(encoding="utf-8")) == []


@CHARS
@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
def test_convert_writes_escapes_that_read_back_equal(char, fmt, tmp_path):
    _, new = hostile_plan(tmp_path, char)
    out = tmp_path / f"converted.{fmt}"
    assert run("convert", new, out).exit_code == 0
    assert raw_unsafe(out.read_text(encoding="utf-8")) == []
    assert rs.load(out) == rs.load(new)


@pytest.mark.slow
def test_escaping_a_large_hostile_document_takes_linear_time():
    # 32 MiB with 2 unsafe characters in every line of 100 bytes: about 1 s of CPU.
    result = python(
        """
        import time
        from romstrategy._model._display import document_text, visible
        line = '{"title":"Motie over de re\\u200bgio\\u202e Fryslân en nog meer tekst hier"}\\n'
        text = line * (32 * 2**20 // len(line.encode()))
        start = time.process_time()
        written = document_text(text, "json")
        shown = visible(text)
        print(time.process_time() - start, written.count("\\\\u200b"), shown.count("\\\\u202e"))
        """,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    seconds, escapes, shown = result.stdout.split()
    assert int(escapes) == int(shown) > 300_000
    assert float(seconds) < 30
