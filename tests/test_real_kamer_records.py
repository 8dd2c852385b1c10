"""`from_odata` and `KamerstukRef` on the Tweede Kamer's own records, saved in 2025.

The files and where each record comes from are in `tests/fixtures/kamer/SOURCES.md`.
"""

import json
from pathlib import Path

import pytest

from romstrategy import Appraisal, DecisionMethod, KamerstukRef, MotionKind, MotionStatus
from romstrategy.parliament import from_odata

KAMER = Path(__file__).resolve().parent / "fixtures" / "kamer"
FULLTERM = KAMER / "zaak-fullterm-sample.json"
WITH_VOTES = KAMER / "zaak-motions-with-votes.json"
EXPAND = "save them with $expand=Besluit,ZaakActor,Kamerstukdossier"


def saved(path):
    return json.loads(path.read_text(encoding="utf-8"))


def submitted_by(record, name="A.B. Indiener"):
    """A real record with a submitter added: the pages were saved without `ZaakActor`."""
    return record | {"ZaakActor": [{"ActorNaam": name, "Relatie": "Indiener"}]}


def test_a_page_saved_without_expand_says_so_once_for_each_list():
    result = from_odata(FULLTERM)
    assert result.motions == ()
    assert result.counts.records == 34
    assert result.counts.skipped == 30
    assert sum(result.counts.other_kinds.values()) == 4
    carry_no = [warning for warning in result.warnings if "carry no" in warning]
    assert [warning.split(":")[0] for warning in carry_no] == [
        "the records of motions and amendments carry no Besluit",
        "the records of motions and amendments carry no ZaakActor",
        "the records of motions and amendments carry no Kamerstukdossier",
    ]
    assert all(warning.endswith(EXPAND) for warning in carry_no)
    assert len(result.warnings) == 4  # the three, and the records of other Soorten


def test_every_real_kabinetsappreciatie_is_known():
    given = [submitted_by(record) for record in saved(FULLTERM)]
    result = from_odata(given)
    assert not [warning for warning in result.warnings if "Kabinetsappreciatie" in warning]
    texts = {record["Kabinetsappreciatie"] for record in given if record["Soort"] == "Motie"}
    texts |= {r["Kabinetsappreciatie"] for r in given if r["Soort"] == "Amendement"}
    assert {motion.appraisal for motion in result.motions} == {
        None if text is None else Appraisal(text) for text in texts
    }
    assert len({motion.appraisal for motion in result.motions}) == 13  # twelve, and none


def test_real_titles_lose_their_surrounding_spaces_and_nothing_else():
    given = {r["Nummer"]: r for r in saved(FULLTERM) if r["Soort"] in ("Motie", "Amendement")}
    spaced = [nummer for nummer, r in given.items() if r["Onderwerp"] != r["Onderwerp"].strip()]
    assert spaced, "the sample holds titles with surrounding spaces"
    result = from_odata([submitted_by(record) for record in given.values()])
    for motion in result.motions:
        assert motion.title == motion.request == given[motion.id]["Onderwerp"].strip()


def test_a_real_volgnummer_of_minus_one_gives_no_kamerstuk_and_no_warning():
    motions = [r for r in saved(FULLTERM) if r["Soort"] in ("Motie", "Amendement")]
    unnumbered = [r for r in motions if r["Volgnummer"] == -1]
    assert len(unnumbered) == 3
    dossier = [{"Nummer": 36600, "Toevoeging": "XIII", "Verwijderd": False}]
    result = from_odata([submitted_by(r) | {"Kamerstukdossier": dossier} for r in unnumbered])
    assert [motion.kamerstuk for motion in result.motions] == [None] * 3
    assert not [w for w in result.warnings if "Volgnummer" in w or "kamerstuk" in w]


def test_real_votes_give_the_outcome_the_kamer_decided():
    given = {record["Nummer"]: record for record in saved(WITH_VOTES)}
    result = from_odata(WITH_VOTES)
    assert len(result.motions) == len(given) == 13
    outcome = {
        "Stemmen - verworpen": MotionStatus.REJECTED,
        "Stemmen - aangenomen": MotionStatus.ADOPTED,
    }
    for motion in result.motions:
        record = given[motion.id]
        (besluit,) = record["Besluit"]
        assert motion.kind is MotionKind.MOTION
        assert [(s.status, s.how) for s in motion.history[1:]] == [
            (outcome[besluit["BesluitSoort"]], DecisionMethod.BY_VOTE)
        ]
        indiener = [a for a in record["ZaakActor"] if a["Relatie"] == "Indiener"]
        assert motion.submitter == indiener[0]["ActorNaam"].strip()
        assert motion.appraisal is Appraisal(record["Kabinetsappreciatie"])
    assert result.warnings == (
        "the records of motions and amendments carry no Kamerstukdossier: they have no "
        f"dossier, so no Kamerstuk is read; {EXPAND}",
    )


@pytest.mark.parametrize(
    "published", saved(KAMER / "kamerstukken.json"), ids=lambda entry: entry["identifier"]
)
def test_a_published_kamerstuk_reads_alike_from_its_identifier_and_its_heading(published):
    heading = f"{published['dossiernummer']}, nr. {published['ondernummer']}"
    ref = KamerstukRef.parse(published["identifier"])
    assert KamerstukRef.parse(heading) == ref
    assert str(ref) == heading
    assert ref.number == int(published["ondernummer"])
