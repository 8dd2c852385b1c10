"""The cabinet's appraisal, the lapsed status and how a step was decided (issue 27, part 2).

`Motion.appraisal` (*kabinetsappreciatie*), `MotionStatus.LAPSED` (*vervallen*) and
`StatusChange.how` (`DecisionMethod`, *wijze van besluiten*): the model, every format,
the schema, merging, the motion lines and the diff.
"""

import json
import pathlib
import tempfile

import attrs
import jsonschema
import pytest
from hypothesis import given, settings

import romstrategy as rs
from romstrategy import (
    Appraisal,
    DecisionMethod,
    DocumentError,
    FieldError,
    MotionStatus,
    reference,
)
from romstrategy._model._vocabulary import word
from romstrategy._parliament._motion_lines import motion_line, motion_lines, motions_html
from romstrategy.parliament import merge, merge_with_notes
from romstrategy.reports import diff
from romstrategy.tables import read_datapackage, write_datapackage
from tests.helpers import (
    ADOPTED,
    LAPSED,
    SUBMITTED,
    cannot_be_a_table,
    motion,
    motions,
    small,
    step,
)

UNKNOWN = ["Iets nieuws", "ontraden", "Ontraden!", "Oordeel  Kamer", "a | b", "Fryslân\nnee"]
"""Appraisals the library does not know: kept as text, exactly."""

APPRAISALS = [*Appraisal, *UNKNOWN, None]
FORMATS = ["json", "toml", "yaml", "xlsx", "datapackage"]


def with_appraisal(appraisal, *history):
    return motion(*history, appraisal=appraisal)


def strategy_of_motions(*held):
    return attrs.evolve(
        reference.strategy_2024(), motions=(*reference.strategy_2024().motions, *held)
    )


def through(strategy, form, folder):
    """`strategy` written in `form` and read back."""
    if form in ("json", "toml", "yaml"):
        return rs.loads(rs.dumps(strategy, form), form)
    if form == "xlsx":
        rs.dump(strategy, folder / "plan.xlsx")
        return rs.load(folder / "plan.xlsx")
    write_datapackage(strategy, folder / "package")
    return read_datapackage(folder / "package")


# --- the model ---------------------------------------------------------------------------


def test_the_members_are_the_kamers_texts_and_the_names_are_exported():
    assert Appraisal.DISCOURAGED.value == "Ontraden"
    assert Appraisal.NOT_AVAILABLE_BEFORE_APRIL_2019.value == (
        "Niet beschikbaar bij moties en/of amendementen vóór 1 april 2019"
    )
    assert len(Appraisal) == 12
    assert [m.value for m in DecisionMethod] == ["by-vote", "without-vote", "taken-over"]
    assert MotionStatus.LAPSED.value == "lapsed"
    assert {"Appraisal", "DecisionMethod"} <= set(rs.__all__)


@pytest.mark.parametrize("member", list(Appraisal))
def test_a_members_text_is_that_member(member):
    assert with_appraisal(member).appraisal is member
    assert with_appraisal(member.value).appraisal is member
    assert attrs.evolve(with_appraisal(None), appraisal=member.value).appraisal is member


@pytest.mark.parametrize("text", UNKNOWN)
def test_text_the_library_does_not_know_is_kept_as_it_is(text):
    kept = with_appraisal(text).appraisal
    assert (type(kept), kept) == (str, text)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "got '', an appraisal is not empty; if none, leave it out"),
        ("   ", "got '   ', an appraisal is not empty; if none, leave it out"),
        ("\u00a0", "got '\\xa0', an appraisal is not empty; if none, leave it out"),
        (" Ontraden", "got ' Ontraden', an appraisal must not start or end with a space"),
        ("Ontraden ", "got 'Ontraden ', an appraisal must not start or end with a space"),
        ("Ontraden\n", "got 'Ontraden\\n', an appraisal must not start or end with a space"),
        ("\u3000x", "got '\\u3000x', an appraisal must not start or end with a space"),
        (5, "got 5, expected an Appraisal or a str"),
        (b"Ontraden", "got b'Ontraden', expected an Appraisal or a str"),
        (MotionStatus.ADOPTED, "got <MotionStatus.ADOPTED: 'adopted'>, expected an Appraisal"),
        ("x\ud800", "got 'x\\ud800', which holds the lone surrogate U+D800 at position 1"),
    ],
)
def test_a_bad_appraisal_is_refused_naming_the_field(value, reason):
    with pytest.raises(FieldError) as caught:
        with_appraisal(value)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).startswith(f"Motion.appraisal: {reason}")


def test_a_step_says_how_it_was_decided():
    assert step(ADOPTED).how is None
    assert rs.StatusChange(status="adopted", how="by-vote").how is DecisionMethod.BY_VOTE
    with pytest.raises(FieldError, match=r"\AStatusChange.how: got 'stemming', expected one of"):
        rs.StatusChange(status="adopted", how="stemming")


def test_the_words_of_lapsed_and_of_each_decision_method():
    assert (word(LAPSED, "en"), word(LAPSED, "nl")) == ("lapsed", "vervallen")
    assert [word(m, "nl") for m in DecisionMethod] == [
        "stemming",
        "zonder stemming",
        "overgenomen door het kabinet",
    ]
    assert [word(m, "en") for m in DecisionMethod] == [
        "by vote",
        "without a vote",
        "taken over by the cabinet",
    ]


# --- every format ------------------------------------------------------------------------


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize("appraisal", APPRAISALS, ids=repr)
def test_every_appraisal_survives_every_format(appraisal, form, tmp_path):
    strategy = strategy_of_motions(attrs.evolve(with_appraisal(appraisal), id="appraised"))
    back = through(strategy, form, tmp_path)
    assert back == strategy
    assert type(back.motions[-1].appraisal) is type(appraisal)


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize("how", [*DecisionMethod, None], ids=repr)
def test_lapsed_and_each_decision_method_survive_every_format(how, form, tmp_path):
    history = (step(SUBMITTED, "2024-01-10"), rs.StatusChange(status=LAPSED, how=how))
    strategy = strategy_of_motions(motion(*history, id="lapsed", kind="amendment"))
    assert through(strategy, form, tmp_path) == strategy


def test_documents_write_the_kamers_text_and_leave_out_what_is_unknown():
    held = (
        with_appraisal(
            Appraisal.LEFT_TO_THE_HOUSE, rs.StatusChange(status=LAPSED, how="taken-over")
        ),
        attrs.evolve(with_appraisal(None, step(SUBMITTED)), id="m-2"),
    )
    written = json.loads(rs.dumps(strategy_of_motions(*held), "json"))["motions"][-2:]
    assert written[0]["appraisal"] == "Oordeel Kamer"
    assert written[0]["history"] == [{"status": "lapsed", "how": "taken-over"}]
    assert "appraisal" not in written[1]
    assert "how" not in written[1]["history"][0]
    assert list(written[0])[-1] == "appraisal"  # after the fields always written


def _tree_with(**fields):
    tree = json.loads(rs.dumps(reference.strategy_2024(), "json"))
    tree["motions"][0].update(fields)
    return tree


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (5, "expected a string, found the number 5"),
        (["Ontraden"], "expected a string, found an array"),
        ("", "got '', an appraisal is not empty; if none, leave it out"),
        (" Ontraden", "got ' Ontraden', an appraisal must not start or end with a space"),
    ],
)
def test_a_document_with_a_bad_appraisal_says_where_and_what(value, message):
    with pytest.raises(DocumentError) as caught:
        rs.loads(json.dumps(_tree_with(appraisal=value)), "json")
    [problem] = caught.value.problems
    assert problem.path == "$.motions[0].appraisal"
    assert problem.message.startswith(message)


def test_a_document_names_a_bad_decision_method_and_a_bad_status():
    tree = _tree_with(history=[{"status": "vervallen", "how": "stemming"}])
    with pytest.raises(DocumentError) as caught:
        rs.loads(json.dumps(tree), "json")
    found = {problem.path: problem.message for problem in caught.value.problems}
    assert found["$.motions[0].history[0].status"].endswith(
        "\"lapsed\", found the string 'vervallen'"
    )
    assert found["$.motions[0].history[0].how"] == (
        'expected one of "by-vote", "without-vote", "taken-over", found the string \'stemming\''
    )


@given(motions)
@settings(max_examples=60)
def test_any_motion_with_any_appraisal_survives_text_documents_and_tables(held):
    strategy = attrs.evolve(small(), motions=(held,))
    for form in ("json", "toml", "yaml"):
        assert rs.loads(rs.dumps(strategy, form), form) == strategy
    if not cannot_be_a_table(strategy):
        with tempfile.TemporaryDirectory() as folder:
            assert through(strategy, "datapackage", pathlib.Path(folder)) == strategy


# --- the schema, the descriptor and the workbook's lists ----------------------------------


def test_the_schema_takes_any_appraisal_the_loader_takes_and_lists_the_known_ones():
    schema = rs.json_schema()
    field = schema["$defs"]["Motion"]["properties"]["appraisal"]
    assert field["anyOf"][0]["examples"] == [member.value for member in Appraisal]
    validator = jsonschema.Draft202012Validator(schema)
    candidates = [*[m.value for m in Appraisal], *UNKNOWN, "", " ", "x ", " x", "x\n", "\tx",
                  "\u00a0x", "x\u3000", "x\u0085", "\ufeffx", "x", 5, True, [], {}, None]  # fmt: skip
    disagreements = []
    for value in candidates:
        tree = _tree_with(appraisal=value)
        try:
            rs.loads(json.dumps(tree), "json")
            loads = True
        except DocumentError:
            loads = False
        if validator.is_valid(tree) != loads:
            disagreements.append(value)
    assert disagreements == []
    how = schema["$defs"]["StatusChange"]["properties"]["how"]
    assert how == {
        "anyOf": [{"enum": ["by-vote", "without-vote", "taken-over"]}, {"type": "null"}]
    }
    assert "lapsed" in schema["$defs"]["StatusChange"]["properties"]["status"]["enum"]


def test_the_data_package_describes_the_new_columns(tmp_path):
    write_datapackage(strategy_of_motions(with_appraisal("Ontraden")), tmp_path)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    fields = {
        resource["name"]: {field["name"]: field for field in resource["schema"]["fields"]}
        for resource in package["resources"]
    }
    appraisal = fields["motions"]["appraisal"]
    assert appraisal["type"] == "string"
    assert "constraints" not in appraisal  # any text
    assert "kabinetsappreciatie" in appraisal["description"]
    assert fields["motion_history"]["how"]["constraints"] == {
        "enum": ["by-vote", "without-vote", "taken-over"]
    }
    assert "lapsed" in fields["motion_history"]["status"]["constraints"]["enum"]
    header = (tmp_path / "motions.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith(",kamerstuk,appraisal,note")


def test_the_workbook_suggests_the_known_appraisals_and_takes_others(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    rs.dump(strategy_of_motions(with_appraisal("Iets nieuws")), tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    motions_sheet, history = book["motions"], book["motion_history"]
    header = [cell.value for cell in motions_sheet[1]]
    column = openpyxl.utils.get_column_letter(header.index("appraisal") + 1)
    [rule] = [r for r in motions_sheet.data_validations.dataValidation if column + "2" in r.sqref]
    assert rule.errorStyle == "warning"  # a suggestion: other text is allowed
    cells = rule.formula1.split("!")[1].replace("$", "")  # such as B2:B13
    assert [c.value for row in book["lists"][cells] for c in row] == [a.value for a in Appraisal]
    how = openpyxl.utils.get_column_letter([c.value for c in history[1]].index("how") + 1)
    [rule] = [r for r in history.data_validations.dataValidation if how + "2" in r.sqref]
    assert rule.errorStyle in (None, "stop")
    assert rs.load(tmp_path / "plan.xlsx").motions[-1].appraisal == "Iets nieuws"


# --- merging ------------------------------------------------------------------------------


def one_motion_strategy(*held):
    return small(motions=held)


@pytest.mark.parametrize("theirs", [Appraisal.DISCOURAGED, "Iets nieuws"], ids=repr)
def test_the_kamers_appraisal_fills_in_a_missing_one_without_a_note(theirs):
    strategy = one_motion_strategy(with_appraisal(None, step(SUBMITTED)))
    merged, notes = merge_with_notes(strategy, [with_appraisal(theirs)])
    assert merged.motions[0].appraisal == theirs
    assert notes == ()


@pytest.mark.parametrize(
    ("mine", "theirs", "note"),
    [
        (
            Appraisal.DISCOURAGED,
            Appraisal.LEFT_TO_THE_HOUSE,
            "Motion 'm-1': its appraisal 'Ontraden' is replaced by the Kamer's 'Oordeel Kamer'.",
        ),
        (
            "Eigen tekst",
            Appraisal.TAKEN_OVER,
            "Motion 'm-1': its appraisal 'Eigen tekst' is replaced by the Kamer's 'Overgenomen'.",
        ),
        (
            Appraisal.NOT_AVAILABLE_BEFORE_APRIL_2019,
            "Nieuw\x1b[2J",
            "Motion 'm-1': its appraisal 'Niet beschikbaar bij moties en/of amendementen vóór 1 "
            "april 2019' is replaced by the Kamer's 'Nieuw\\x1b[2J'.",
        ),
    ],
)
def test_a_different_appraisal_of_the_kamers_replaces_the_strategys_with_a_note(
    mine, theirs, note
):
    strategy = one_motion_strategy(with_appraisal(mine, step(SUBMITTED)))
    merged, notes = merge_with_notes(strategy, [with_appraisal(theirs)])
    assert merged.motions[0].appraisal == theirs
    assert notes == (note,)
    assert merge_with_notes(merged, [with_appraisal(theirs)]) == (merged, ())


@pytest.mark.parametrize("mine", [Appraisal.DISCOURAGED, "Eigen tekst", None], ids=repr)
def test_no_appraisal_of_the_kamers_or_the_same_one_changes_nothing(mine):
    strategy = one_motion_strategy(with_appraisal(mine, step(SUBMITTED)))
    assert merge_with_notes(strategy, [with_appraisal(None)]) == (strategy, ())
    assert merge_with_notes(strategy, [with_appraisal(mine)]) == (strategy, ())


def test_the_last_of_two_kamer_records_is_the_appraisal_and_one_note_says_so():
    strategy = one_motion_strategy(with_appraisal(Appraisal.DISCOURAGED, step(SUBMITTED)))
    records = [with_appraisal(Appraisal.PREMATURE), with_appraisal(Appraisal.SUPERFLUOUS)]
    merged, notes = merge_with_notes(strategy, records)
    assert merged.motions[0].appraisal is Appraisal.SUPERFLUOUS
    assert notes == (
        "Motion 'm-1': its appraisal 'Ontraden' is replaced by the Kamer's 'Overbodig'.",
    )
    assert merge(merged, records) == merged


def test_a_lapsed_step_of_the_kamers_is_added_with_how_it_was_decided():
    lapsed = rs.StatusChange(status=LAPSED, on="2024-05-01", how="without-vote")
    strategy = one_motion_strategy(motion(step(SUBMITTED, "2023-07-06")))
    merged = merge(strategy, [motion(step(SUBMITTED, "2023-07-06"), lapsed)])
    assert merged.motions[0].history == (step(SUBMITTED, "2023-07-06"), lapsed)
    adopted = one_motion_strategy(motion(step(SUBMITTED), step(ADOPTED)))
    merged, notes = merge_with_notes(adopted, [motion(step(SUBMITTED), lapsed)])
    assert merged == adopted
    assert notes == (
        "Motion 'm-1': the Kamer's step lapsed (2024-05-01) is left out: it would break the "
        "lifecycle (RS301): adopted cannot be followed by lapsed.",
    )


# --- what the command prints, and the diff -----------------------------------------------


def test_a_motion_line_shows_the_appraisal_escaped_when_there_is_one():
    plain = motion(title="Motie X")
    assert motion_line(plain) == "no Kamerstuk | Motie X | submitted | X"
    assert motion_line(attrs.evolve(plain, appraisal="Oordeel Kamer")) == (
        "no Kamerstuk | Motie X | submitted | X | Oordeel Kamer"
    )
    assert motion_line(attrs.evolve(plain, appraisal="a | b\x1b]0;x")) == (
        "no Kamerstuk | Motie X | submitted | X | a \\| b\\x1b]0;x"
    )
    untitled = attrs.evolve(plain, title="", appraisal=Appraisal.PREMATURE)
    assert motion_lines([untitled]) == ["no Kamerstuk |  | submitted | X | Ontijdig"]


def test_the_motions_html_has_an_appraisal_column_only_when_a_motion_has_one():
    plain = motion(title="Motie X")
    assert "appraisal" not in motions_html("c", [plain])
    page = motions_html("c", [plain, attrs.evolve(plain, appraisal="<b>Ontraden</b>")])
    assert "<th>appraisal</th>" in page
    assert "&lt;b&gt;Ontraden&lt;/b&gt;" in page
    assert "<b>" not in page
    assert page.count("<td") == 8  # four cells a row: title, status, signers, appraisal


def test_the_diff_names_a_changed_appraisal_and_how_a_step_was_decided():
    old = one_motion_strategy(motion(step(SUBMITTED), step(ADOPTED)))
    new = one_motion_strategy(
        motion(
            step(SUBMITTED),
            rs.StatusChange(status=ADOPTED, how="by-vote"),
            appraisal=Appraisal.DISCOURAGED,
        )
    )
    [change] = diff(old, new).motions
    assert change.fields == (
        ("history", "submitted, adopted", "submitted, adopted (by-vote)"),
        ("appraisal", "-", "Ontraden"),
    )
