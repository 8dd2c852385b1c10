"""Reading motions from Tweede Kamer OData `Zaak` records, offline (`from_odata`)."""

import datetime
import itertools
import json
import tracemalloc
from pathlib import Path

import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from romstrategy import Appraisal, DecisionMethod, Motion, MotionKind, MotionStatus, StatusChange
from romstrategy._documents._errors import DocumentError, Problem
from romstrategy._documents._formats import MAX_BYTES
from romstrategy._model._display import visible
from romstrategy._model._kamerstuk import KamerstukRef
from romstrategy._parliament._odata import OdataImport, from_odata

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "odata" / "zaken.json"
MISSING = object()
"""A key left out of a record."""

S = MotionStatus


def actor(relatie, naam, **changes):
    return {"ActorNaam": naam, "ActorFractie": "Fractie Noord", "Relatie": relatie} | changes


def besluit(soort, **changes):
    return {"BesluitSoort": soort, "BesluitTekst": "Tekst.", "Status": "Besluit"} | changes


def dossier(nummer, toevoeging=None, **changes):
    return {"Nummer": nummer, "Toevoeging": toevoeging, "Titel": "Voorbeeldwet"} | changes


_IDS = itertools.count(1)


def zaak(**changes):
    """A `Zaak` record as the API gives it, expanded; each with an `Id` of its own."""
    fields = {
        "Id": f"00000000-0000-4000-8000-{next(_IDS):012d}",
        "Nummer": "2099Z00001",
        "Soort": "Motie",
        "Titel": "Voorbeeldwet",
        "Onderwerp": "Motie van het lid Voorbeeld over starters",
        "GestartOp": "2099-03-12T00:00:00+01:00",
        "Volgnummer": None,
        "Afgedaan": False,
        "Kabinetsappreciatie": None,
        "Verwijderd": False,
        "Besluit": [],
        "ZaakActor": [actor("Indiener", "A. Voorbeeld")],
        "Kamerstukdossier": [],
    } | changes
    return {key: value for key, value in fields.items() if value is not MISSING}


def read(*records):
    return from_odata(
        {"@odata.context": "https://example.invalid/$metadata#Zaak", "value": list(records)}
    )


def the_motion(*records):
    result = read(*records)
    assert len(result.motions) == 1, result
    return result.motions[0]


def skipped(record):
    """The warnings of a record that gives no motion."""
    result = read(record)
    assert result.motions == ()
    return list(result.warnings)


# --- the mapping, row by row ------------------------------------------------------------------


def test_the_id_is_the_nummer():
    assert the_motion(zaak(Nummer="2099Z04321")).id == "2099Z04321"


@pytest.mark.parametrize(
    ("soort", "kind"), [("Motie", MotionKind.MOTION), ("Amendement", MotionKind.AMENDMENT)]
)
def test_the_soort_gives_the_kind(soort, kind):
    assert the_motion(zaak(Soort=soort)).kind is kind


def test_records_of_other_soorten_give_one_warning_the_most_frequent_first():
    soorten = ["Brief regering"] * 3 + ["Wetgeving"] * 2 + [f"Soort {n}" for n in range(6)]
    records = [zaak(Soort=soort, Nummer=MISSING, GestartOp=MISSING) for soort in soorten]
    result = read(*records, zaak(Nummer="2099Z00002"))
    assert [m.id for m in result.motions] == ["2099Z00002"]
    assert list(result.counts.other_kinds.items())[:3] == [
        ("Brief regering", 3),
        ("Wetgeving", 2),
        ("Soort 0", 1),
    ]
    assert result.warnings == (
        "11 records of another Soort than 'Motie' or 'Amendement' are not read: "
        "'Brief regering' 3, 'Wetgeving' 2, 'Soort 0' 1, 'Soort 1' 1, 'Soort 2' 1 and 3 more",
    )


def test_the_title_and_the_request_are_the_onderwerp():
    motion = the_motion(zaak(Onderwerp="Motie over één loket", Titel="Iets anders"))
    assert (motion.title, motion.request) == ("Motie over één loket", "Motie over één loket")


def test_the_submitter_is_the_indiener():
    actors = [actor("Medeindiener", "B. Proefmans"), actor("Indiener", "C. Testerink")]
    assert the_motion(zaak(ZaakActor=actors)).submitter == "C. Testerink"


def test_the_co_submitters_are_the_medeindieners_in_record_order():
    actors = [
        actor("Medeindiener", "C. Testerink"),
        actor("Indiener", "A. Voorbeeld"),
        actor("Medeindiener", "B. Proefmans"),
    ]
    motion = the_motion(zaak(ZaakActor=actors))
    assert (motion.co_submitted, motion.co_submitters) == (True, ("C. Testerink", "B. Proefmans"))


def test_without_medeindieners_the_motion_is_not_co_submitted():
    motion = the_motion(zaak())
    assert (motion.co_submitted, motion.co_submitters) == (False, ())


@pytest.mark.parametrize(
    "relatie", ["Voortouwcommissie", "Gericht aan", "indiener", None, 7, MISSING]
)
def test_other_relations_are_not_read_and_give_no_warning(relatie):
    other = actor(relatie, "vaste commissie voor Voorbeeldzaken")
    if relatie is MISSING:
        del other["Relatie"]
    result = read(zaak(ZaakActor=[actor("Indiener", "A. Voorbeeld"), other]))
    assert result.warnings == ()
    assert (result.motions[0].submitter, result.motions[0].co_submitters) == ("A. Voorbeeld", ())


@pytest.mark.parametrize(
    ("gestart_op", "day"),
    [
        ("2023-07-06T00:00:00+02:00", (2023, 7, 6)),
        ("2023-07-06T23:30:00-01:00", (2023, 7, 6)),  # 2023-07-07 in UTC
        ("2023-07-06T00:30:00+14:00", (2023, 7, 6)),  # 2023-07-05 in UTC
        ("2023-07-06T01:00:00+02:00", (2023, 7, 6)),  # 2023-07-05 in UTC
        ("2023-07-06T12:00:00Z", (2023, 7, 6)),
        ("2023-07-06T12:00:00", (2023, 7, 6)),
        ("2023-07-06", (2023, 7, 6)),
    ],
)
def test_submitted_on_is_the_date_of_gestart_op_as_written(gestart_op, day):
    motion = the_motion(zaak(GestartOp=gestart_op))
    assert motion.submitted_on == pendulum.Date(*day)
    assert type(motion.submitted_on) is pendulum.Date
    assert motion.history[0] == StatusChange(status=S.SUBMITTED, on=pendulum.Date(*day))


@pytest.mark.parametrize(
    ("dossiers", "volgnummer", "expected"),
    [
        ([dossier(99001)], 12, "99 001, nr. 12"),
        ([dossier(99002, "XIII")], 7, "99 002 XIII, nr. 7"),
        ([dossier(99002, "xiii")], 7, "99 002 XIII, nr. 7"),
        ([dossier(99002, "")], 7, "99 002, nr. 7"),
        ([dossier(99001), dossier(99002, "XIII")], 3, "99 001, nr. 3"),
        ([dossier(99001, Verwijderd=True), dossier(99002, "XIII")], 3, "99 002 XIII, nr. 3"),
    ],
)
def test_the_kamerstuk_is_the_first_dossier_with_the_volgnummer(dossiers, volgnummer, expected):
    result = read(zaak(Kamerstukdossier=dossiers, Volgnummer=volgnummer))
    assert result.warnings == ()
    assert result.motions[0].kamerstuk == KamerstukRef.parse(expected)
    assert str(result.motions[0].kamerstuk) == expected


@pytest.mark.parametrize(
    ("dossiers", "volgnummer"),
    [
        ([], 12),
        (None, 12),
        ([dossier(99001, Verwijderd=True)], 12),
        ([dossier(99001)], None),
        ([dossier(99001)], MISSING),
        ([dossier(99001)], -1),
    ],
)
def test_without_a_dossier_or_a_volgnummer_there_is_no_kamerstuk_and_no_warning(
    dossiers, volgnummer
):
    result = read(zaak(Kamerstukdossier=dossiers, Volgnummer=volgnummer))
    assert (result.motions[0].kamerstuk, result.warnings) == (None, ())


@pytest.mark.parametrize("volgnummer", [-2, 0])
def test_a_volgnummer_below_minus_one_or_zero_is_a_warning(volgnummer):
    result = read(zaak(Kamerstukdossier=[dossier(99001)], Volgnummer=volgnummer))
    assert result.motions[0].kamerstuk is None
    assert len(result.warnings) == 1
    assert "the kamerstuk is left out" in result.warnings[0]


@pytest.mark.parametrize(
    ("dossiers", "volgnummer", "warnings"),
    [
        (
            [dossier("99001")],
            12,
            ["Kamerstukdossier[0]: Nummer is the string '99001', expected a whole number"],
        ),
        ([dossier(None)], 12, ["Kamerstukdossier[0] has no Nummer"]),
        ([dossier(True)], 12, ["Kamerstukdossier[0]: Nummer is true, expected a whole number"]),
        (
            [dossier(99001, 13)],
            12,
            ["Kamerstukdossier[0]: Toevoeging is the number 13, expected text or null"],
        ),
        ([dossier(99001)], "12", ["Volgnummer is the string '12', expected a whole number"]),
        ([dossier(99001)], 1.5, ["Volgnummer is the number 1.5, expected a whole number"]),
        (
            [dossier(1.0, [])],
            False,
            [
                "Kamerstukdossier[0]: Nummer is the number 1.0, expected a whole number",
                "Volgnummer is false, expected a whole number",
                "Kamerstukdossier[0]: Toevoeging is an array, expected text or null",
            ],
        ),
        (
            [dossier(99001)],
            0,
            [
                "KamerstukRef.number: got 0, expected the number within the dossier as a whole number from 1 to 999,999,999"
            ],
        ),
        (
            [dossier(99001, "X I")],
            1,
            [
                'KamerstukRef.suffix: got \'X I\', expected None or a suffix (toevoeging) of one to ten ASCII letters and digits, such as "XIII" or "02"'
            ],
        ),
    ],
)
def test_a_malformed_kamerstuk_is_left_out_with_a_warning(dossiers, volgnummer, warnings):
    result = read(zaak(Kamerstukdossier=dossiers, Volgnummer=volgnummer))
    assert result.motions[0].kamerstuk is None
    assert list(result.warnings) == [
        f"2099Z00001: {w}; the kamerstuk is left out" for w in warnings
    ]


@pytest.mark.parametrize(
    ("dossiers", "warning"),
    [
        ({"Nummer": 99001}, "Kamerstukdossier is a table, expected an array; it is left out"),
        (
            [3, dossier(99001)],
            "Kamerstukdossier[0] is the number 3, expected a table; it is left out",
        ),
    ],
)
def test_a_dossier_list_or_item_that_is_not_one_is_left_out_with_a_warning(dossiers, warning):
    result = read(zaak(Kamerstukdossier=dossiers, Volgnummer=4))
    assert result.warnings == (f"2099Z00001: {warning}",)
    expected = None if isinstance(dossiers, dict) else KamerstukRef(dossier=99001, number=4)
    assert result.motions[0].kamerstuk == expected


STEPS = [
    ("Stemmen - aangenomen", S.ADOPTED, DecisionMethod.BY_VOTE),
    ("Stemmen - zonder stemming aannemen", S.ADOPTED, DecisionMethod.WITHOUT_VOTE),
    ("Overgenomen", S.ADOPTED, DecisionMethod.TAKEN_OVER),
    ("Stemmen - verworpen", S.REJECTED, DecisionMethod.BY_VOTE),
    ("Stemmen - niet aangenomen", S.REJECTED, DecisionMethod.BY_VOTE),
    ("Stemmen - aangehouden", S.HELD, None),
    ("Stemmen - aangehouden (al tijdens debat)", S.HELD, None),
    ("Stemmen - ingetrokken", S.WITHDRAWN, None),
    ("Stemmen - ingetrokken (al tijdens debat)", S.WITHDRAWN, None),
    ("Stemmen - vervallen", S.LAPSED, None),
]
"""The mapping table of docs/motions-from-the-tweede-kamer.md, row by row."""


@pytest.mark.parametrize(("soort", "status", "how"), STEPS)
def test_each_outcome_is_a_step_without_a_date_after_submitted(soort, status, how):
    result = read(zaak(Besluit=[besluit(soort)]))
    assert result.motions[0].history == (
        StatusChange(status=S.SUBMITTED, on=pendulum.Date(2099, 3, 12)),
        StatusChange(status=status, on=None, how=how),
    )
    assert result.warnings == ()


@pytest.mark.parametrize(("soort", "status", "how"), STEPS)
@pytest.mark.parametrize(
    "status_text", ["Voorstel", "Concept voorstel", "Nog te verwerken besluit", None]
)
def test_a_decision_not_taken_is_no_step_but_counted(soort, status, how, status_text):
    result = read(zaak(Besluit=[besluit(soort, Status=status_text)]))
    assert len(result.motions[0].history) == 1
    assert result.counts.not_taken == {status_text or "no Status": 1}
    assert result.warnings == ()


@pytest.mark.parametrize(
    "soort", ["Stemmen - uitstellen", "Stemmen - gestaakt", "Stemmen", "Stemmen - vastgesteld"]
)
def test_a_vote_with_no_outcome_yet_is_no_step_but_counted(soort):
    result = read(
        zaak(Besluit=[besluit(soort), besluit(soort)]),
        zaak(Nummer="2099Z00002", Besluit=[besluit(soort)]),
    )
    assert [len(motion.history) for motion in result.motions] == [1, 1]
    assert result.counts.no_outcome_yet == {soort: 3}
    assert result.warnings == ()


@pytest.mark.parametrize(
    "soort",
    [
        "Ingediend",
        "Behandelen [en afdoen]",
        "Agenderen - commissiedebat",
        "Betrekken - desgewenst betrekken bij plenair debat (relateren)",
        "Betrokken - bij verdere behandeling wetsvoorstel (geen Parlisproces) ",
        "LVIS - rondgezonden en gepubliceerd",
        "V.k.a. - voor kennisgeving aannemen (commissie)",
        "[Vrij tekstveld / geen Parlisproces]",
        "Voorstel volgt ",
    ],
)
def test_a_procedural_decision_is_ignored_silently(soort):
    result = read(zaak(Besluit=[besluit(soort), besluit("Stemmen - aangenomen")]))
    assert [step.status for step in result.motions[0].history] == [S.SUBMITTED, S.ADOPTED]
    assert result.counts.procedure == {soort.strip(): 1}
    assert result.warnings == ()


def test_a_tied_vote_then_a_vote_again_gives_the_later_outcome():
    votes = [besluit("Stemmen - gestaakt"), besluit("Stemmen - verworpen")]
    motion = the_motion(zaak(Besluit=votes))
    assert [step.status for step in motion.history] == [S.SUBMITTED, S.REJECTED]


def test_a_motion_held_twice_is_held_once_then_voted_on():
    votes = [
        besluit("Stemmen - aangehouden (al tijdens debat)"),
        besluit("Stemmen - aangehouden"),
        besluit("Stemmen - aangenomen"),
    ]
    motion = the_motion(zaak(Besluit=votes))
    assert [step.status for step in motion.history] == [S.SUBMITTED, S.HELD, S.ADOPTED]


def test_the_votes_are_steps_in_record_order():
    votes = [besluit("Stemmen - aangehouden"), besluit("Stemmen - aangenomen")]
    motion = the_motion(zaak(Besluit=votes))
    assert [change.status for change in motion.history] == [S.SUBMITTED, S.HELD, S.ADOPTED]
    assert [change.on for change in motion.history[1:]] == [None, None]


def test_without_a_vote_the_history_is_submitted_alone():
    assert the_motion(zaak(Besluit=MISSING)).history == (
        StatusChange(status=S.SUBMITTED, on=pendulum.Date(2099, 3, 12)),
    )


@pytest.mark.parametrize(
    ("soort", "status"), [("Stemmen - aangenomen", S.ADOPTED), ("Stemmen - verworpen", S.REJECTED)]
)
@pytest.mark.parametrize("afgedaan", [True, False])
def test_afgedaan_never_settles_a_motion(soort, status, afgedaan):
    motion = the_motion(zaak(Afgedaan=afgedaan, Besluit=[besluit(soort)]))
    assert motion.status is status
    assert [change.status for change in motion.history] == [S.SUBMITTED, status]
    assert motion.settled_by is None


# --- what is skipped or left out ----------------------------------------------------------------


def test_a_deleted_record_is_skipped_without_a_warning():
    result = read(zaak(Verwijderd=True, Soort="Wetgeving", Nummer=None), zaak(Nummer="2099Z00002"))
    assert [motion.id for motion in result.motions] == ["2099Z00002"]
    assert result.warnings == ()


def test_a_deleted_besluit_is_ignored():
    votes = [
        besluit("Stemmen - verworpen", Verwijderd=True),
        besluit("Stemmen - uitgesteld", Verwijderd=True),
        besluit("Stemmen - aangenomen", Verwijderd=False),
    ]
    result = read(zaak(Besluit=votes))
    assert [change.status for change in result.motions[0].history] == [S.SUBMITTED, S.ADOPTED]
    assert result.warnings == ()


def test_a_deleted_zaakactor_is_ignored():
    actors = [
        actor("Indiener", "X. Weg", Verwijderd=True),
        actor("Indiener", "A. Voorbeeld", Verwijderd=False),
        actor("Medeindiener", "Y. Weg", Verwijderd=True),
        actor("Medeindiener", "B. Proefmans"),
    ]
    result = read(zaak(ZaakActor=actors))
    motion = result.motions[0]
    assert (motion.submitter, motion.co_submitters, result.warnings) == (
        "A. Voorbeeld",
        ("B. Proefmans",),
        (),
    )


def test_only_deleted_indieners_leave_the_record_without_one():
    assert skipped(zaak(ZaakActor=[actor("Indiener", "X. Weg", Verwijderd=True)])) == [
        "2099Z00001: no Indiener: no ZaakActor with Relatie 'Indiener' and an ActorNaam; the record is skipped"
    ]


def test_an_unknown_besluitsoort_is_left_out_with_one_warning_and_a_count():
    votes = [besluit("Stemmen - uitgesteld"), besluit("Stemmen - aangenomen")]
    result = read(
        zaak(Nummer="2023Z13456", Besluit=votes),
        zaak(Nummer="2023Z13457", Besluit=[besluit(" Stemmen - uitgesteld")]),
    )
    assert [change.status for change in result.motions[0].history] == [S.SUBMITTED, S.ADOPTED]
    assert result.counts.unknown == {"Stemmen - uitgesteld": 2}
    assert result.warnings == (
        "unknown BesluitSoort 'Stemmen - uitgesteld' in 2 records; the decisions are left out",
    )


def test_one_unknown_besluitsoort_says_one_record():
    result = read(zaak(Besluit=[besluit("Iets anders")]))
    assert result.warnings == (
        "unknown BesluitSoort 'Iets anders' in 1 record; the decision is left out",
    )


@pytest.mark.parametrize("vote", [{"BesluitTekst": "Aangenomen."}, besluit(None)])
def test_a_besluit_without_a_soort_is_left_out_and_counted(vote):
    result = read(zaak(Besluit=[vote]))
    assert len(result.motions[0].history) == 1
    assert (result.counts.no_soort, result.warnings) == (1, ())


@pytest.mark.parametrize(
    ("vote", "warning"),
    [
        (
            besluit(["Stemmen - aangenomen"]),
            "Besluit[0]: BesluitSoort is an array, expected text; the decision is left out",
        ),
        (
            "Stemmen - aangenomen",
            "Besluit[0] is the string 'Stemmen - aangenomen', expected a table; it is left out",
        ),
    ],
)
def test_a_besluit_without_a_readable_soort_is_left_out_with_a_warning(vote, warning):
    result = read(zaak(Besluit=[vote]))
    assert len(result.motions[0].history) == 1
    assert result.warnings == (f"2099Z00001: {warning}",)


def test_a_besluit_that_is_not_a_list_is_left_out_with_a_warning():
    result = read(zaak(Besluit=besluit("Stemmen - aangenomen")))
    assert len(result.motions[0].history) == 1
    assert result.warnings == (
        "2099Z00001: Besluit is a table, expected an array; it is left out",
    )


@pytest.mark.parametrize("appraisal", list(Appraisal))
def test_each_known_kabinetsappreciatie_is_the_motions_appraisal(appraisal):
    result = read(zaak(Kabinetsappreciatie=f" {appraisal.value} "))
    assert result.motions[0].appraisal is appraisal
    assert result.warnings == ()


@pytest.mark.parametrize("appreciatie", [None, MISSING, "", "  "])
def test_an_absent_kabinetsappreciatie_gives_no_appraisal_and_no_warning(appreciatie):
    result = read(zaak(Kabinetsappreciatie=appreciatie))
    assert (result.motions[0].appraisal, result.warnings) == (None, ())


@pytest.mark.parametrize("appreciatie", ["Niet van toepassing", "oordeel kamer", "Later"])
def test_an_unknown_kabinetsappreciatie_is_kept_as_text_with_one_warning(appreciatie):
    result = read(
        zaak(Kabinetsappreciatie=appreciatie),
        zaak(Nummer="2099Z00002", Kabinetsappreciatie=appreciatie),
    )
    assert [motion.appraisal for motion in result.motions] == [appreciatie] * 2
    assert result.warnings == (
        f"unknown Kabinetsappreciatie {appreciatie!r} in 2 records; it is kept as text",
    )


def test_a_kabinetsappreciatie_that_is_not_text_is_left_out_with_a_warning():
    result = read(zaak(Kabinetsappreciatie=False))
    assert [motion.appraisal for motion in result.motions] == [None]
    assert result.warnings == (
        "2099Z00001: Kabinetsappreciatie is false, expected text or null; it is left out",
    )


@pytest.mark.parametrize(
    ("actors", "warnings"),
    [
        (
            [],
            [
                "no Indiener: no ZaakActor with Relatie 'Indiener' and an ActorNaam; the record is skipped"
            ],
        ),
        (
            [actor("Medeindiener", "B. Proefmans")],
            [
                "no Indiener: no ZaakActor with Relatie 'Indiener' and an ActorNaam; the record is skipped"
            ],
        ),
        (
            [actor("Indiener", "")],
            [
                "ZaakActor[0] (Indiener): ActorNaam is the string '', expected text that is not empty; it is left out",
                "no Indiener: no ZaakActor with Relatie 'Indiener' and an ActorNaam; the record is skipped",
            ],
        ),
        (
            [{"Relatie": "Indiener"}],
            [
                "ZaakActor[0] (Indiener): no ActorNaam; it is left out",
                "no Indiener: no ZaakActor with Relatie 'Indiener' and an ActorNaam; the record is skipped",
            ],
        ),
        (
            "A. Voorbeeld",
            [
                "ZaakActor is the string 'A. Voorbeeld', expected an array; it is left out",
                "no Indiener: no ZaakActor with Relatie 'Indiener' and an ActorNaam; the record is skipped",
            ],
        ),
    ],
)
def test_a_record_without_an_indiener_is_skipped_with_a_warning(actors, warnings):
    assert skipped(zaak(ZaakActor=actors)) == [f"2099Z00001: {w}" for w in warnings]


def test_a_medeindiener_without_a_name_is_left_out_with_a_warning():
    actors = [
        actor("Indiener", "A. Voorbeeld"),
        actor("Medeindiener", 42),
        actor("Medeindiener", "B. Proefmans"),
    ]
    result = read(zaak(ZaakActor=actors))
    assert result.motions[0].co_submitters == ("B. Proefmans",)
    assert result.warnings == (
        "2099Z00001: ZaakActor[1] (Medeindiener): ActorNaam is the number 42, expected text that is not empty; it is left out",
    )


@pytest.mark.parametrize(
    ("gestart_op", "warning"),
    [
        (MISSING, "no GestartOp"),
        (None, "no GestartOp"),
        (
            "gisteren",
            "GestartOp is the string 'gisteren', expected a date-time such as '2023-07-06T00:00:00+02:00'",
        ),
        (
            "2023-13-01T00:00:00+01:00",
            "GestartOp is the string '2023-13-01T00:00:00+01:00', expected a date-time such as '2023-07-06T00:00:00+02:00'",
        ),
        (
            "",
            "GestartOp is the string '', expected a date-time such as '2023-07-06T00:00:00+02:00'",
        ),
        (
            20230706,
            "GestartOp is the number 20230706, expected a date-time such as '2023-07-06T00:00:00+02:00'",
        ),
        (
            "2023-07-06T00:00:00+02:00" + " " * 100,
            "GestartOp is the string '2023-07-06T00:00:00+02:00            ...', expected a date-time such as '2023-07-06T00:00:00+02:00'",
        ),
    ],
)
def test_a_record_without_a_readable_gestart_op_is_skipped_with_a_warning(gestart_op, warning):
    assert skipped(zaak(GestartOp=gestart_op)) == [f"2099Z00001: {warning}; the record is skipped"]


@pytest.mark.parametrize(
    ("nummer", "warning"),
    [
        (MISSING, "record 3: no Nummer; the record is skipped"),
        (None, "record 3: no Nummer; the record is skipped"),
        (
            "",
            "record 3: Nummer is the string '', expected text that is not empty; the record is skipped",
        ),
        (
            "  ",
            "record 3: Nummer is the string '  ', expected text that is not empty; the record is skipped",
        ),
        (
            2099,
            "record 3: Nummer is the number 2099, expected text that is not empty; the record is skipped",
        ),
    ],
)
def test_a_record_without_a_nummer_is_named_by_its_place_counted_from_1(nummer, warning):
    result = read(zaak(Nummer="2099Z00001"), zaak(Nummer="2099Z00002"), zaak(Nummer=nummer))
    assert [motion.id for motion in result.motions] == ["2099Z00001", "2099Z00002"]
    assert result.warnings == (warning,)


@pytest.mark.parametrize(
    ("onderwerp", "warning"),
    [
        (MISSING, "no Onderwerp"),
        (None, "no Onderwerp"),
        ("", "Onderwerp is the string '', expected text that is not empty"),
        (12, "Onderwerp is the number 12, expected text that is not empty"),
        ({"nl": "Over iets"}, "Onderwerp is a table, expected text that is not empty"),
    ],
)
def test_a_record_without_an_onderwerp_is_skipped_with_a_warning(onderwerp, warning):
    assert skipped(zaak(Onderwerp=onderwerp)) == [f"2099Z00001: {warning}; the record is skipped"]


def test_every_thing_a_record_lacks_is_named():
    record = zaak(Nummer=MISSING, Onderwerp=7, GestartOp=MISSING, ZaakActor=[])
    assert skipped(record) == [
        "record 1: no Nummer; the record is skipped",
        "record 1: Onderwerp is the number 7, expected text that is not empty; the record is skipped",
        "record 1: no GestartOp; the record is skipped",
        "record 1: no Indiener: no ZaakActor with Relatie 'Indiener' and an ActorNaam; the record is skipped",
    ]


def test_a_nummer_used_twice_keeps_both_motions_with_a_warning():
    result = read(
        zaak(Nummer="2099Z00007", Onderwerp="Eerste"),
        zaak(Nummer="2099Z00008"),
        zaak(Nummer="2099Z00007", Onderwerp="Tweede"),
    )
    assert [(m.id, m.title) for m in result.motions] == [
        ("2099Z00007", "Eerste"),
        ("2099Z00007", "Tweede"),
        ("2099Z00008", "Motie van het lid Voorbeeld over starters"),
    ]
    assert result.warnings == (
        "2099Z00007: Nummer names 2 records; all are kept, and rule RS002 reports the duplicate id",
    )


def test_a_nummer_used_by_a_skipped_record_is_no_duplicate():
    result = read(
        zaak(Nummer="2099Z00007", Verwijderd=True),
        zaak(Nummer="2099Z00007", GestartOp=None),
        zaak(Nummer="2099Z00007"),
    )
    assert [m.id for m in result.motions] == ["2099Z00007"]
    assert result.warnings == ("2099Z00007: no GestartOp; the record is skipped",)


def test_an_answer_with_a_next_page_says_so():
    answer = {"value": [zaak()], "@odata.nextLink": "https://example.invalid/Zaak?$skip=250"}
    result = from_odata(answer)
    assert [m.id for m in result.motions] == ["2099Z00001"]
    assert result.warnings == (
        "the answer: its @odata.nextLink points to more records ($skip=250), on a page that "
        "was not given; save that page and the ones after it, and pass them all",
    )


# --- order ---------------------------------------------------------------------------------------


def test_motions_are_in_order_of_submission_then_id_and_warnings_in_record_order():
    result = read(
        zaak(Nummer="2099Z00009", GestartOp="2099-03-12T00:00:00+01:00", Onderwerp=" "),
        zaak(Nummer="2099Z00003", GestartOp="2099-03-12T00:00:00+01:00"),
        zaak(Nummer="2099Z00005", GestartOp="2099-02-01T23:59:00+01:00", Volgnummer="1"),
        zaak(Nummer="2099Z00001", GestartOp="2099-03-13T00:00:00+01:00"),
        zaak(Nummer="2099Z00002", GestartOp="2099-03-13T00:00:00+01:00"),
    )
    assert [m.id for m in result.motions] == [
        "2099Z00005",
        "2099Z00003",
        "2099Z00001",
        "2099Z00002",
    ]
    assert [warning.split(":")[0] for warning in result.warnings] == ["2099Z00009"]


# --- the forms of input ----------------------------------------------------------------------------


def test_the_answer_a_list_a_str_path_and_a_path_read_alike(tmp_path):
    records = [zaak(Nummer="2099Z00002"), zaak(Kabinetsappreciatie="Ontijdig")]
    answer = {"@odata.context": "https://example.invalid/$metadata#Zaak", "value": records}
    as_answer, as_list = tmp_path / "answer.json", tmp_path / "list.json"
    as_answer.write_text(json.dumps(answer), encoding="utf-8")
    as_list.write_text(json.dumps(records), encoding="utf-8")
    results = [
        from_odata(answer),
        from_odata(records),
        from_odata(str(as_answer)),
        from_odata(as_list),
        from_odata([answer]),
        from_odata((records,)),
        from_odata([as_answer]),
    ]
    assert all(type(result) is OdataImport for result in results)
    assert [m.id for m in results[0].motions] == ["2099Z00001", "2099Z00002"]
    assert results[0].warnings == ()
    assert results[1:] == [results[0]] * 6


def test_an_empty_answer_reads_as_nothing():
    assert from_odata({"value": []}) == OdataImport((), ())
    assert from_odata([]) == OdataImport((), ())


@pytest.mark.parametrize(
    ("data", "problems"),
    [
        (
            3,
            [
                Problem(
                    "$",
                    'expected the answer of the OData API, a table with a "value" array of Zaak records, or an array of Zaak records; found the number 3',
                )
            ],
        ),
        (
            None,
            [
                Problem(
                    "$",
                    'expected the answer of the OData API, a table with a "value" array of Zaak records, or an array of Zaak records; found null',
                )
            ],
        ),
        (
            b"[]",
            [
                Problem(
                    "$",
                    'expected the answer of the OData API, a table with a "value" array of Zaak records, or an array of Zaak records; found bytes',
                )
            ],
        ),
        (
            {"Nummer": "2099Z00001"},
            [
                Problem(
                    "$",
                    'expected the answer of the OData API, a table with a "value" array of Zaak records, or an array of Zaak records; found a table without "value"',
                )
            ],
        ),
        (
            {"value": {"Nummer": "2099Z00001"}},
            [Problem("$.value", "expected an array of Zaak records, found a table")],
        ),
        ({"value": None}, [Problem("$.value", "expected an array of Zaak records, found null")]),
        (
            {"value": [zaak(), 3, "2099Z00002", zaak(), None, []]},
            [
                Problem("$.value[1]", "expected a Zaak record (a table), found the number 3"),
                Problem(
                    "$.value[2]", "expected a Zaak record (a table), found the string '2099Z00002'"
                ),
                Problem("$.value[4]", "expected a Zaak record (a table), found null"),
                Problem("$.value[5]", "expected a Zaak record (a table), found an array"),
            ],
        ),
        (
            [True, zaak(), 1.5],
            [
                Problem("$[0]", "expected a Zaak record (a table), found true"),
                Problem("$[2]", "expected a Zaak record (a table), found the number 1.5"),
            ],
        ),
    ],
)
def test_input_that_is_not_an_answer_is_a_document_error_with_every_problem(data, problems):
    with pytest.raises(DocumentError) as caught:
        from_odata(data)
    assert list(caught.value.problems) == problems
    assert caught.value.source is None


@pytest.mark.parametrize(
    ("content", "problems"),
    [
        (
            b"{not json",
            [
                Problem(
                    "$",
                    "not valid JSON: object keys must be strings at line 1 column 2",
                )
            ],
        ),
        (b"", [Problem("$", "the document is empty")]),
        (b"\xff[]", [Problem("$", "the document is not valid UTF-8: byte 0xff at position 0")]),
        (b"[" * 100_000, [Problem("$", "the document is nested too deeply")]),
        (
            b'"2099Z00001"',
            [
                Problem(
                    "$",
                    "expected the answer of the OData API, a table with a \"value\" array of Zaak records, or an array of Zaak records; found the string '2099Z00001'",
                )
            ],
        ),
        (
            b'{"value": [1, {}, "x"]}',
            [
                Problem("$.value[0]", "expected a Zaak record (a table), found the number 1"),
                Problem("$.value[2]", "expected a Zaak record (a table), found the string 'x'"),
            ],
        ),
        (
            b'{"value": [{"Nummer": "a",\n "Nummer": "b"}, {"Soort": 1,\n "Soort": 2}]}',
            [
                Problem(
                    "$.value[0].Nummer", "duplicate key 'Nummer' (line 2); it is first on line 1"
                ),
                Problem(
                    "$.value[1].Soort", "duplicate key 'Soort' (line 3); it is first on line 2"
                ),
            ],
        ),
    ],
)
def test_a_file_that_is_not_an_answer_is_a_document_error_naming_the_file(
    tmp_path, content, problems
):
    path = tmp_path / "zaken.json"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        from_odata(path)
    assert list(caught.value.problems) == problems
    assert caught.value.source == str(path)
    assert str(caught.value).startswith(f"{path}: {len(problems)} problem")


def test_a_file_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "zaken.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps([zaak()]).encode())
    assert [m.id for m in from_odata(path).motions] == ["2099Z00001"]


def test_an_empty_folder_is_a_document_error_naming_it(tmp_path):
    (tmp_path / "notes.txt").write_text("not a page", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        from_odata(tmp_path)
    assert caught.value.source == str(tmp_path)
    assert "the folder holds no .json file" in str(caught.value)


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as stream:
        stream.truncate(MAX_BYTES + 1)  # sparse: no time, no disk
    tracemalloc.start()
    try:
        with pytest.raises(DocumentError) as caught:
            from_odata(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert list(caught.value.problems) == [
        Problem("$", f"the document has {MAX_BYTES + 1} bytes, more than the limit of {MAX_BYTES}")
    ]
    assert caught.value.source == str(path)
    assert peak < 1_000_000


# --- the example file ------------------------------------------------------------------------------


def test_the_example_file_gives_its_four_motions_and_one_warning():
    def submitted(day):
        return StatusChange(status=S.SUBMITTED, on=pendulum.Date(2099, *day))

    expected = (
        Motion(
            id="2099Z00003",
            kind=MotionKind.AMENDMENT,
            title="Amendement van het lid Bedacht over EUR 5 miljoen extra voor het ROM-fonds",
            submitter="E. Bedacht",
            co_submitted=True,
            co_submitters=("A. Voorbeeld",),
            submitted_on="2099-02-26",
            request="Amendement van het lid Bedacht over EUR 5 miljoen extra voor het ROM-fonds",
            history=(
                submitted((2, 26)),
                StatusChange(status=S.ADOPTED, how=DecisionMethod.BY_VOTE),
            ),
            kamerstuk="99 002 XIII, nr. 9",
        ),
        Motion(
            id="2099Z00002",
            kind=MotionKind.MOTION,
            title="Motie van het lid Verzinsel over het schrappen van de bijdrage aan het ROM-fonds",
            submitter="D. Verzinsel",
            submitted_on="2099-03-05",
            request="Motie van het lid Verzinsel over het schrappen van de bijdrage aan het ROM-fonds",
            history=(
                submitted((3, 5)),
                StatusChange(status=S.REJECTED, how=DecisionMethod.BY_VOTE),
            ),
            kamerstuk="99 002 XIII, nr. 7",
            appraisal=Appraisal.DISCOURAGED,
        ),
        Motion(
            id="2099Z00001",
            kind=MotionKind.MOTION,
            title="Motie van het lid Voorbeeld c.s. over één vast aanspreekpunt voor starters bij elke ROM",
            submitter="A. Voorbeeld",
            co_submitted=True,
            co_submitters=("B. Proefmans", "C. Testerink"),
            submitted_on="2099-03-12",
            request="Motie van het lid Voorbeeld c.s. over één vast aanspreekpunt voor starters bij elke ROM",
            history=(
                submitted((3, 12)),
                StatusChange(status=S.ADOPTED, how=DecisionMethod.BY_VOTE),
            ),
            kamerstuk="99 001, nr. 12",
            appraisal=Appraisal.LEFT_TO_THE_HOUSE,
        ),
        Motion(
            id="2099Z00005",
            kind=MotionKind.MOTION,
            title="Motie van het lid Proefmans over een jaarlijkse rapportage van de ROM's",
            submitter="B. Proefmans",
            submitted_on="2099-03-12",
            request="Motie van het lid Proefmans over een jaarlijkse rapportage van de ROM's",
            history=(submitted((3, 12)), StatusChange(status=S.HELD)),
            appraisal=Appraisal.PREMATURE,
        ),
    )
    result = from_odata(EXAMPLE)
    assert result.motions == expected
    assert result.warnings == (
        "unknown BesluitSoort 'Stemmen - uitgesteld' in 1 record; the decision is left out",
    )
    assert (result.counts.records, result.counts.deleted, result.counts.unknown) == (
        5,
        1,
        {"Stemmen - uitgesteld": 1},
    )


def test_the_example_file_has_the_records_the_readme_lists():
    answer = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    records = answer["value"]
    assert answer["@odata.context"].startswith(
        "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Zaak("
    )
    assert [(r["Nummer"], r["Soort"], r["Afgedaan"], r["Verwijderd"]) for r in records] == [
        ("2099Z00001", "Motie", True, False),
        ("2099Z00002", "Motie", True, False),
        ("2099Z00003", "Amendement", False, False),
        ("2099Z00004", "Motie", False, True),
        ("2099Z00005", "Motie", False, False),
    ]
    assert (
        EXAMPLE.read_text(encoding="utf-8")
        == json.dumps(answer, ensure_ascii=False, indent=2) + "\n"
    )
    readme = (EXAMPLE.parent / "README.md").read_text(encoding="utf-8")
    assert "not downloaded" in readme
    assert "invented" in readme
    assert all(r["Nummer"] in readme for r in records)


# --- properties ------------------------------------------------------------------------------------

NASTY = st.sampled_from(
    ["", " ", "\x1b[2J", "\ud800", "x" * 200, "Motie", "Indiener", "2099Z00001"]
)
SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | NASTY
JUNK = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)


def maybe(values):
    return values | JUNK


OFFSETS = st.builds(
    datetime.timezone,
    st.timedeltas(min_value=datetime.timedelta(hours=-23), max_value=datetime.timedelta(hours=23)),
)
MOMENTS = st.datetimes(timezones=OFFSETS | st.none()).map(datetime.datetime.isoformat)
ACTORS = st.fixed_dictionaries(
    {},
    optional={
        "ActorNaam": maybe(st.sampled_from(["A. Voorbeeld", "B. Proefmans"])),
        "Relatie": maybe(st.sampled_from(["Indiener", "Medeindiener", "Voortouwcommissie"])),
        "Verwijderd": maybe(st.booleans()),
    },
)
DECISIONS = st.fixed_dictionaries(
    {},
    optional={
        "BesluitSoort": maybe(
            st.sampled_from(
                [
                    "Stemmen - aangenomen",
                    "Stemmen - verworpen",
                    "Stemmen - ingetrokken",
                    "Stemmen - aangehouden",
                    "Stemmen - uitgesteld",
                    "Stemmen - vervallen",
                    "Stemmen - gestaakt",
                    "Overgenomen",
                    "Ingediend",
                ]
            )
        ),
        "Status": maybe(st.sampled_from(["Besluit", "Voorstel"])),
        "Verwijderd": maybe(st.booleans()),
    },
)
DOSSIERS = st.fixed_dictionaries(
    {},
    optional={
        "Nummer": maybe(st.integers(-1, 10**10)),
        "Toevoeging": maybe(st.sampled_from(["XIII", "xiii", "", "X I", "02", " 20 "])),
        "Verwijderd": maybe(st.booleans()),
    },
)
ZAKEN = st.fixed_dictionaries(
    {},
    optional={
        "Id": maybe(st.sampled_from(["id-1", "id-2", "id-3"])),
        "GewijzigdOp": maybe(MOMENTS),
        "Nummer": maybe(st.sampled_from(["2099Z00001", "2099Z00002"])),
        "Soort": maybe(st.sampled_from(["Motie", "Amendement", "Wetgeving"])),
        "Onderwerp": maybe(st.text()),
        "GestartOp": maybe(MOMENTS),
        "Volgnummer": maybe(st.integers(-1, 10**10)),
        "Afgedaan": maybe(st.booleans()),
        "Kabinetsappreciatie": maybe(
            st.sampled_from(["Oordeel Kamer", "Ontraden", "Ontijdig", " Overbodig", "Anders"])
        ),
        "Verwijderd": maybe(st.booleans()),
        "Besluit": maybe(st.lists(DECISIONS | JUNK, max_size=3)),
        "ZaakActor": maybe(st.lists(ACTORS | JUNK, max_size=4)),
        "Kamerstukdossier": maybe(st.lists(DOSSIERS | JUNK, max_size=2)),
    },
)


@given(records=st.lists(ZAKEN, max_size=6), wrapped=st.booleans())
def test_any_zaak_like_records_give_an_import_of_submitted_motions_never_settled(records, wrapped):
    result = from_odata({"value": records} if wrapped else records)
    assert type(result) is OdataImport
    ids = [record.get("Nummer") for record in records]
    for motion in result.motions:
        assert motion.id in ids
        assert motion.history[0].status is S.SUBMITTED
        assert motion.history[0].on == motion.submitted_on
        assert all(change.status not in (S.SETTLED, S.IN_PROGRESS) for change in motion.history)
        assert all(change.on is None for change in motion.history[1:])
    keys = [(motion.submitted_on, motion.id) for motion in result.motions]
    assert keys == sorted(keys)
    assert all(type(warning) is str and visible(warning) == warning for warning in result.warnings)


@given(records=st.lists(ZAKEN, max_size=8), cuts=st.lists(st.integers(0, 8), max_size=3))
def test_the_same_records_on_any_pages_give_the_same_motions_and_counts(records, cuts):
    bounds = [0, *sorted(cut for cut in cuts if cut <= len(records)), len(records)]
    pages = [records[start:end] for start, end in itertools.pairwise(bounds)]
    whole, paged = from_odata(records), from_odata(pages)
    assert (paged.motions, paged.counts) == (whole.motions, whole.counts)
    assert len(paged.warnings) == len(whole.warnings)


@given(records=st.lists(ZAKEN, max_size=8))
def test_the_counts_add_up_to_the_distinct_records(records):
    result = from_odata(records)
    counts = result.counts
    ids = [record.get("Id") for record in records]
    distinct = len({i for i in ids if isinstance(i, str)}) + sum(
        not isinstance(i, str) for i in ids
    )
    read = len(result.motions) + counts.skipped + counts.deleted + sum(counts.other_kinds.values())
    unreadable = counts.records - read  # an unreadable Verwijderd: skipped, of any Soort
    assert counts.records == distinct
    assert counts.superseded == len(records) - distinct
    assert (
        0 <= unreadable <= sum(not isinstance(r.get("Verwijderd", False), bool) for r in records)
    )


def _one_answer(data):
    """Whether `data` is one answer: a table with a `value` array of tables, or such an array."""
    records = data.get("value") if isinstance(data, dict) else data
    return isinstance(records, list) and all(isinstance(record, dict) for record in records)


def _answers(data):
    """Whether `data` is a list of answers: it holds an array or a table with a `value`."""
    return isinstance(data, list) and any(
        isinstance(item, list) or (isinstance(item, dict) and "value" in item) for item in data
    )


@given(data=JUNK.filter(lambda value: not isinstance(value, str)))
def test_any_other_value_gives_an_import_or_a_document_error(data):
    assume(not (isinstance(data, list) and any(isinstance(item, str) for item in data)))
    many = _answers(data)
    if all(_one_answer(item) for item in data) if many else _one_answer(data):
        assert type(from_odata(data)) is OdataImport
        return
    with pytest.raises(DocumentError) as caught:
        from_odata(data)
    assert caught.value.problems
    assert all(problem.path.startswith("$") for problem in caught.value.problems)
    if many and len(data) > 1:  # one answer in a list is named as one answer alone
        assert caught.value.source.startswith("answer ")
    else:
        assert caught.value.source is None


# --- after review -------------------------------------------------------------------------


def test_motions_on_one_day_are_in_order_of_their_ids():
    # Ids whose order differs read backwards, so that a wrong key shows.
    found = read(zaak(Nummer="2099Z00021"), zaak(Nummer="2099Z00012"), zaak(Nummer="2099Z00030"))
    assert [motion.id for motion in found.motions] == ["2099Z00012", "2099Z00021", "2099Z00030"]


def test_a_vote_after_the_motion_was_held_comes_after_held_whatever_the_records_order():
    record = zaak(Besluit=[besluit("Stemmen - aangenomen"), besluit("Stemmen - aangehouden")])
    statuses = [change.status for change in the_motion(record).history]
    assert statuses == [MotionStatus.SUBMITTED, MotionStatus.HELD, MotionStatus.ADOPTED]
    record = zaak(Besluit=[besluit("Stemmen - verworpen"), besluit("Stemmen - ingetrokken")])
    statuses = [change.status for change in the_motion(record).history]
    assert statuses == [MotionStatus.SUBMITTED, MotionStatus.REJECTED, MotionStatus.WITHDRAWN]


@pytest.mark.parametrize(
    "text", ['{"value": []}', '  [{"Nummer": "x"}]', "[]", '\ufeff{"value": []}']
)
def test_json_text_is_refused_with_a_hint_not_read_as_a_path(text):
    with pytest.raises(TypeError, match=r"got a str that holds JSON text, .*; pass the parsed"):
        from_odata(text)


def test_json_text_that_is_really_a_path_is_read_as_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("[zaken].json").write_text(json.dumps([zaak()]), encoding="utf-8")
    assert [m.id for m in from_odata("[zaken].json").motions] == ["2099Z00001"]


# --- many pages, versions and expansions (issue 27) -------------------------------------------


def page(*records, skip=None):
    """An answer with a next page at `$skip=skip`, or the last page."""
    answer = {"@odata.context": "https://example.invalid/$metadata#Zaak", "value": list(records)}
    if skip is not None:
        answer["@odata.nextLink"] = f"https://example.invalid/Zaak?$expand=Besluit&$skip={skip}"
    return answer


def test_pages_followed_to_the_last_give_no_warning():
    first = page(zaak(Nummer="2099Z00001"), zaak(Nummer="2099Z00002"), skip=2)
    second = page(zaak(Nummer="2099Z00003"), zaak(Nummer="2099Z00004"), skip=4)
    last = page(zaak(Nummer="2099Z00005"))
    result = from_odata([first, second, last])
    assert [m.id for m in result.motions] == [f"2099Z0000{n}" for n in range(1, 6)]
    assert result.warnings == ()


def test_a_page_left_out_in_the_middle_is_said():
    first = page(zaak(Nummer="2099Z00001"), zaak(Nummer="2099Z00002"), skip=2)
    third = page(zaak(Nummer="2099Z00005"), zaak(Nummer="2099Z00006"), skip=6)
    last = page(zaak(Nummer="2099Z00007"))
    result = from_odata([first, third, last])
    assert result.warnings == (
        "answer 2: is not the page that answer 1's @odata.nextLink points to ($skip=2); "
        "pages may be missing or out of order",
    )


def test_the_last_page_given_with_a_next_link_says_more_are_to_be_saved(tmp_path):
    (tmp_path / "zaak_page_1.json").write_text(json.dumps(page(zaak(), skip=1)))
    result = from_odata(tmp_path)
    assert result.warnings == (
        f"{tmp_path / 'zaak_page_1.json'}: its @odata.nextLink points to more records "
        "($skip=1), on a page that was not given; save that page and the ones after it, "
        "and pass them all",
    )


def test_a_folder_is_read_in_order_of_its_page_numbers(tmp_path):
    for number in (1, 2, 10):
        records = [zaak(Nummer=f"2099Z{number:05d}")]
        skip = None if number == 10 else number
        (tmp_path / f"zaak_page_{number}.json").write_text(json.dumps(page(*records, skip=skip)))
    (tmp_path / "README.md").write_text("not a page")
    result = from_odata(tmp_path)
    assert [m.id for m in result.motions] == ["2099Z00001", "2099Z00002", "2099Z00010"]
    # by name as text, page 10 would come before page 2, and the $skips would disagree
    assert result.warnings == ()


def test_files_folders_and_answers_mix_in_one_list(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps([zaak(Nummer="2099Z00001")]))
    file = tmp_path / "b.json"
    file.write_text(json.dumps(page(zaak(Nummer="2099Z00002"))))
    result = from_odata([folder, str(file), [zaak(Nummer="2099Z00003")]])
    assert [m.id for m in result.motions] == ["2099Z00001", "2099Z00002", "2099Z00003"]


def test_a_bad_page_is_a_document_error_naming_it(tmp_path):
    good, bad = tmp_path / "1.json", tmp_path / "2.json"
    good.write_text(json.dumps([zaak()]))
    bad.write_text('{"value": 3}')
    with pytest.raises(DocumentError) as caught:
        from_odata(tmp_path)
    assert caught.value.source == str(bad)
    with pytest.raises(DocumentError) as caught:
        from_odata([[zaak()], {"value": [1]}])
    assert caught.value.source == "answer 2"
    assert caught.value.problems[0].path == "$.value[0]"


def test_an_empty_path_is_refused_not_read_as_the_current_folder():
    with pytest.raises(ValueError, match="got an empty path"):
        from_odata("")
    with pytest.raises(ValueError, match="got an empty path"):
        from_odata(["", []])


def version(changed, **changes):
    return zaak(Id="00000000-0000-4000-8000-00000000abcd", GewijzigdOp=changed, **changes)


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_of_the_versions_of_a_record_the_latest_counts_in_any_order(order):
    versions = [
        version("2024-01-01T10:00:00+01:00", Onderwerp="Eerste"),
        version("2024-03-01T10:00:00+01:00", Onderwerp="Derde"),
        version("2024-02-01T10:00:00+01:00", Onderwerp="Tweede"),
    ]
    result = from_odata([page(versions[i]) for i in order])
    assert [m.title for m in result.motions] == ["Derde"]
    assert (result.counts.records, result.counts.superseded) == (1, 2)
    assert result.warnings == ()


def test_a_later_version_in_another_offset_is_later_by_the_clock():
    earlier = version("2024-01-01T10:30:00+01:00", Onderwerp="Eerder")  # 09:30 UTC
    later = version("2024-01-01T09:45:00+00:00", Onderwerp="Later")
    assert [m.title for m in from_odata([[later], [earlier]]).motions] == ["Later"]


def test_a_later_deleted_version_removes_the_record_and_an_earlier_one_does_not():
    kept = version("2024-01-01T10:00:00+01:00")
    deleted = version("2024-02-01T10:00:00+01:00", Verwijderd=True)
    assert from_odata([[kept], [deleted]]).motions == ()
    older = deleted | {"GewijzigdOp": "2023-01-01T00:00:00+00:00"}
    assert len(from_odata([[older], [kept]]).motions) == 1


def test_the_warnings_of_a_superseded_version_are_gone():
    broken = version("2024-01-01T10:00:00+01:00", GestartOp=None)
    fixed = version("2024-02-01T10:00:00+01:00")
    result = from_odata([[broken], [fixed]])
    assert (len(result.motions), result.warnings) == (1, ())


def test_versions_without_a_date_keep_the_one_given_last():
    result = from_odata([[version(None, Onderwerp="Eerst")], [version(None, Onderwerp="Dan")]])
    assert [m.title for m in result.motions] == ["Dan"]


def test_records_without_an_id_are_all_kept():
    result = read(zaak(Id=MISSING, Nummer="2099Z00001"), zaak(Id=MISSING, Nummer="2099Z00002"))
    assert len(result.motions) == 2


NOT_EXPANDED = {
    "ZaakActor": "they have no submitter, so they are skipped",
    "Besluit": "they have no decisions, so no vote is read",
    "Kamerstukdossier": "they have no dossier, so no Kamerstuk is read",
}


@pytest.mark.parametrize("key", list(NOT_EXPANDED))
def test_records_saved_without_an_expansion_give_one_warning(key):
    records = [zaak(Nummer=f"2099Z0000{n}", **{key: MISSING}) for n in range(1, 4)]
    result = read(*records)
    assert result.warnings == (
        f"the records of motions and amendments carry no {key}: {NOT_EXPANDED[key]}; "
        "save them with $expand=Besluit,ZaakActor,Kamerstukdossier",
    )
    assert len(result.motions) == (0 if key == "ZaakActor" else 3)
    assert result.counts.skipped == (3 if key == "ZaakActor" else 0)


def test_some_records_without_an_expansion_are_counted_in_the_warning():
    result = read(zaak(Nummer="2099Z00001"), zaak(Nummer="2099Z00002", Kamerstukdossier=MISSING))
    assert result.warnings == (
        "1 of the 2 records of motions and amendments carry no Kamerstukdossier: "
        f"{NOT_EXPANDED['Kamerstukdossier']}; save them with $expand=Besluit,ZaakActor,Kamerstukdossier",
    )


def test_records_of_another_soort_need_no_expansion():
    result = read(zaak(Soort="Brief regering", ZaakActor=MISSING, Besluit=MISSING))
    assert not any("carry no" in warning for warning in result.warnings)


def test_titles_and_names_lose_the_spaces_around_them_and_nothing_else():
    motion = the_motion(
        zaak(
            Nummer=" 2099Z00001 ",
            Onderwerp="  Motie van het lid  Voorbeeld over starters \n",
            ZaakActor=[
                actor(" Indiener ", " A.  Voorbeeld "),
                actor("Medeindiener", "B. Proef\t"),
            ],
        )
    )
    assert (motion.id, motion.title, motion.request) == (
        "2099Z00001",
        "Motie van het lid  Voorbeeld over starters",
        "Motie van het lid  Voorbeeld over starters",
    )
    assert (motion.submitter, motion.co_submitters) == ("A.  Voorbeeld", ("B. Proef",))


def test_the_counts_add_up_to_the_records_read():
    result = read(
        zaak(Nummer="2099Z00001"),
        zaak(Nummer="2099Z00002", GestartOp=None),
        zaak(Nummer="2099Z00003", Verwijderd=True),
        zaak(Nummer="2099Z00004", Soort="Brief regering"),
    )
    counts = result.counts
    motions_and_skipped = len(result.motions) + counts.skipped
    assert counts.records == motions_and_skipped + counts.deleted + sum(
        counts.other_kinds.values()
    )
    assert (counts.records, counts.skipped, counts.deleted) == (4, 1, 1)
