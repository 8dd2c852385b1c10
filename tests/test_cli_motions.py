"""The `romstrategy motions` command: the Tweede Kamer's records, printed or merged."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import attrs
import pytest
import yaml
from click.testing import CliRunner

import romstrategy as rs
from romstrategy import KamerstukRef, MotionStatus, reference
from romstrategy.cli import main
from tests.helpers import run


def decided_zaak(nummer, onderwerp, *, soort="Motie", besluit=("Stemmen - aangenomen",), **fields):
    """A `Zaak` record as the API answers with `$expand=Besluit,ZaakActor,Kamerstukdossier`."""
    record = {
        "Id": f"id-{nummer}",
        "Nummer": nummer,
        "Soort": soort,
        "Onderwerp": onderwerp,
        "GestartOp": "2099-03-01T10:00:00+01:00",
        "Volgnummer": 12,
        "Afgedaan": True,
        "Kabinetsappreciatie": None,
        "Verwijderd": False,
        "Besluit": [
            {"BesluitSoort": s, "Status": "Besluit", "Verwijderd": False} for s in besluit
        ],
        "ZaakActor": [
            {"ActorNaam": "Jansen", "Relatie": "Indiener", "Verwijderd": False},
            {"ActorNaam": "De Vries", "Relatie": "Medeindiener", "Verwijderd": False},
        ],
        "Kamerstukdossier": [{"Nummer": 99999, "Toevoeging": None, "Verwijderd": False}],
    }
    return {**record, **fields}


@pytest.fixture
def saved(tmp_path):
    records = [
        decided_zaak("2099Z00002", "Motie over later", GestartOp="2099-04-01T00:00:00+02:00",
             besluit=("Stemmen - verworpen",), Volgnummer=13),
        decided_zaak("2099Z00001", "Motie over \x1b[2Jeerder", Kabinetsappreciatie="Onbekend"),
        decided_zaak("2099Z00003", "Een brief", soort="Brief regering"),
    ]  # fmt: skip
    path = tmp_path / "zaken.json"
    path.write_text(json.dumps({"value": records}), encoding="utf-8")
    return path


def test_text_is_one_line_per_motion_in_date_order_and_the_warnings_on_stderr(saved):
    result = run("motions", saved)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "99 999, nr. 12 | Motie over \\x1b[2Jeerder | adopted | Jansen, De Vries | Onbekend",
        "99 999, nr. 13 | Motie over later | rejected | Jansen, De Vries",
    ]
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2
    assert all(line.startswith(f"{saved}: warning: ") for line in warnings)
    assert warnings == [
        f"{saved}: warning: 1 record of another Soort than 'Motie' or 'Amendement' is not read: "
        "'Brief regering' 1",
        f"{saved}: warning: unknown Kabinetsappreciatie 'Onbekend' in 1 record; it is kept as text",
    ]


@pytest.mark.parametrize(
    ("fmt", "parse"),
    [("json", json.loads), ("toml", tomllib.loads), ("yaml", yaml.safe_load)],
)
def test_a_document_format_prints_the_motions_as_a_strategy_holds_them(saved, fmt, parse):
    result = run("motions", saved, "--format", fmt)
    assert result.exit_code == 0
    tree = parse(result.stdout)
    assert list(tree) == ["motions"]
    first, second = tree["motions"]
    assert first["id"] == "2099Z00001"
    assert first["kamerstuk"] == "99 999, nr. 12"
    assert first["co_submitters"] == ["De Vries"]
    assert first["co_submitted"] is True
    assert [step["status"] for step in first["history"]] == ["submitted", "adopted"]
    assert [step["status"] for step in second["history"]] == ["submitted", "rejected"]
    assert "\x1b" not in result.stdout  # each format escapes control characters


def test_input_that_is_not_odata_json_exits_2_with_every_problem(tmp_path):
    path = tmp_path / "zaken.json"
    path.write_text(json.dumps({"value": [1, "two", decided_zaak("2099Z00001", "ok")]}), "utf-8")
    result = run("motions", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert [line.split(": ")[0] for line in lines] == [f"{path}:$.value[0]", f"{path}:$.value[1]"]


@pytest.mark.parametrize("text", ["{", "[1, 2", "null", '"zaken"', "{}"])
def test_a_file_that_is_no_odata_answer_exits_2(tmp_path, text):
    path = tmp_path / "zaken.json"
    path.write_text(text, encoding="utf-8")
    result = run("motions", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:$")


def test_a_missing_file_exits_2(tmp_path):
    result = run("motions", tmp_path / "nowhere.json")
    assert result.exit_code == 2
    assert "nowhere.json" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.toml"], "-o, --add-new and --force go with --merge PLAN"),
        (["--add-new"], "-o, --add-new and --force go with --merge PLAN"),
        (["--merge", "plan.toml"], "--merge needs -o FILE"),
        (["--merge", "plan.toml", "-o", "x.toml", "--format", "json"], "--format is for"),
        (["--merge", "-", "-o", "x.toml"], "--merge reads a strategy document from a file"),
    ],
)
def test_options_that_do_not_go_together_exit_2(saved, args, message):
    result = run("motions", saved, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def _plan_with_kamerstuk_motion(tmp_path):
    """The reference strategy, one motion of which the Kamer records as 99 999, nr. 12."""
    strategy = reference.strategy_2024()
    amhaouch = attrs.evolve(strategy.motions[0], kamerstuk=KamerstukRef(dossier=99999, number=12))
    plan = attrs.evolve(strategy, motions=(amhaouch, *strategy.motions[1:]))
    path = tmp_path / "plan.toml"
    rs.dump(plan, path)
    return path, plan


def test_merge_writes_the_strategy_with_what_its_motions_lacked(saved, tmp_path):
    path, plan = _plan_with_kamerstuk_motion(tmp_path)
    out = tmp_path / "merged.toml"
    result = run("motions", saved, "--merge", path, "-o", out)
    assert result.exit_code == 0, result.stderr
    merged = rs.load(out)
    assert merged.motions[1:] == plan.motions[1:]
    amhaouch = merged.motions[0]
    assert amhaouch.co_submitters == ("De Vries",)  # filled in from the Kamer's record
    assert amhaouch.history == plan.motions[0].history  # adopted already; settled kept
    assert f"wrote {out}: 1 motion updated, 0 added" in result.stderr
    assert rs.load(path) == plan  # the plan itself is untouched


def test_merge_with_add_new_adds_the_motions_the_strategy_lacks(saved, tmp_path):
    path, plan = _plan_with_kamerstuk_motion(tmp_path)
    out = tmp_path / "merged.json"
    result = run("motions", saved, "--merge", path, "-o", out, "--add-new")
    assert result.exit_code == 0, result.stderr
    merged = rs.load(out)
    assert [m.id for m in merged.motions] == [m.id for m in plan.motions] + ["2099Z00002"]
    assert merged.motions[-1].status is MotionStatus.REJECTED
    assert "1 motion updated, 1 added" in result.stderr


def test_merge_to_standard_output_writes_the_plans_format(saved, tmp_path):
    path, _ = _plan_with_kamerstuk_motion(tmp_path)
    result = run("motions", saved, "--merge", path, "-o", "-")
    assert result.exit_code == 0
    merged = rs.loads(result.stdout, "toml")
    assert merged.motions[0].co_submitters == ("De Vries",)


def test_merge_onto_the_plan_itself_needs_force(saved, tmp_path):
    path, plan = _plan_with_kamerstuk_motion(tmp_path)
    refused = run("motions", saved, "--merge", path, "-o", path)
    assert refused.exit_code == 2
    assert "use --force" in refused.stderr
    assert rs.load(path) == plan
    forced = run("motions", saved, "--merge", path, "-o", path, "--force")
    assert forced.exit_code == 0
    assert rs.load(path).motions[0].co_submitters == ("De Vries",)


def test_merge_of_a_bad_plan_exits_2_and_writes_nothing(saved, tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text('id = "x"\n', encoding="utf-8")
    out = tmp_path / "merged.toml"
    result = run("motions", saved, "--merge", plan, "-o", out)
    assert result.exit_code == 2
    assert f"{plan}:$" in result.stderr
    assert not out.exists()


def test_merge_refuses_to_add_a_motion_whose_id_is_taken(saved, tmp_path):
    strategy = reference.strategy_2024()
    taken = attrs.evolve(
        strategy.motions[0], id="2099Z00002", kamerstuk=KamerstukRef(dossier=1, number=1)
    )
    path = tmp_path / "plan.toml"
    rs.dump(attrs.evolve(strategy, motions=(taken, *strategy.motions[1:])), path)
    out = tmp_path / "merged.toml"
    result = run("motions", saved, "--merge", path, "-o", out, "--add-new")
    assert result.exit_code == 2
    assert "2099Z00002" in result.stderr
    assert not out.exists()


def test_the_example_answer_prints_and_exits_0():
    example = Path(__file__).parent.parent / "examples" / "odata" / "zaken.json"
    result = run("motions", example)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == len(rs.parliament.from_odata(example).motions)


def test_standard_input_is_read_for_a_dash(saved):
    result = CliRunner().invoke(main, ["motions", "-"], input=saved.read_bytes())
    assert result.exit_code == 0
    assert (
        result.stdout.splitlines()[1]
        == "99 999, nr. 13 | Motie over later | rejected | Jansen, De Vries"
    )
    assert result.stderr.splitlines()[0].startswith("<stdin>: warning: 1 record of another Soort")
    broken = CliRunner().invoke(main, ["motions", "-"], input=b"{")
    assert broken.exit_code == 2
    assert broken.stderr.startswith("<stdin>:$: not valid JSON")


def test_a_bar_in_a_title_or_a_name_cannot_fake_a_column(tmp_path):
    path = tmp_path / "zaken.json"
    record = decided_zaak("2099Z00001", "Motie | rejected | Nep", besluit=())
    record["ZaakActor"][1]["ActorNaam"] = "De | Vries"
    path.write_text(json.dumps([record]), encoding="utf-8")
    result = run("motions", path)
    assert result.stdout == (
        "99 999, nr. 12 | Motie \\| rejected \\| Nep | submitted | Jansen, De \\| Vries\n"
    )


def test_several_files_and_a_folder_are_read_as_one_set_of_pages(saved, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "page_1.json").write_text(json.dumps([decided_zaak("2099Z00007", "Motie zeven")]))
    result = run("motions", saved, folder)
    assert result.exit_code == 0
    assert [line.split(" | ")[1] for line in result.stdout.splitlines()] == [
        "Motie over \\x1b[2Jeerder",
        "Motie zeven",
        "Motie over later",
    ]
    assert all(line.startswith("2 files: warning: ") for line in result.stderr.splitlines())


def test_a_bad_page_among_several_is_named(saved, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[3]")
    result = run("motions", saved, bad)
    assert result.exit_code == 2
    assert f"{bad}:$[0]: expected a Zaak record" in result.stderr


def test_the_summary_counts_by_kind_outcome_and_appraisal_and_what_was_left_out(saved):
    result = run("motions", saved, "--summary")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "records read: 3",
        "motions and amendments: 2",
        "by kind: 2",
        "  motion: 2",
        "by outcome: 2",
        "  adopted: 1",
        "  rejected: 1",
        "by appraisal: 2",
        "  (none): 1",
        "  Onbekend (unknown): 1",
        "left out:",
        "  superseded versions: 0",
        "  deleted: 0",
        "  motions and amendments that could not be read (see the warnings): 0",
        "  decisions without a BesluitSoort: 0",
        "  records of another Soort: 1",
        "    Brief regering: 1",
        "  decisions with no outcome yet: 0",
        "  decisions not taken, by Status: 0",
        "  procedural decisions: 0",
        "  decisions of an unknown BesluitSoort: 0",
        "warnings: 2",
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--summary", "--format", "json"], "--summary prints counts"),
        (["--summary", "--merge", "plan.toml", "-o", "x.toml"], "--summary prints counts"),
        (["-"], "- (standard input) can be given once"),
    ],
)
def test_options_that_do_not_go_together_are_refused(saved, extra, message):
    result = CliRunner().invoke(main, ["motions", "-", *extra], input=saved.read_bytes())
    assert result.exit_code == 2
    assert message in result.stderr


def test_no_file_is_a_usage_error():
    result = CliRunner().invoke(main, ["motions"])
    assert result.exit_code == 2
    assert "Missing argument 'FILE...'" in result.stderr
