"""Reading motions from Tweede Kamer OData `Zaak` records, offline (`from_odata`)."""

import datetime
import json
import tracemalloc
from pathlib import Path

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import Motion, MotionKind, MotionStatus, StatusChange
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


def zaak(**changes):
    fields = {
        "Id": "00000000-0000-4000-8000-000000000001",
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


@pytest.mark.parametrize(
    ("soort", "warning"),
    [
        (
            "Schriftelijke vragen",
            "2099Z00001: Soort 'Schriftelijke vragen' is neither 'Motie' nor 'Amendement'; the record is skipped",
        ),
        (
            "motie",
            "2099Z00001: Soort 'motie' is neither 'Motie' nor 'Amendement'; the record is skipped",
        ),
        (MISSING, "2099Z00001: no Soort; the record is skipped"),
        (None, "2099Z00001: no Soort; the record is skipped"),
        (3, "2099Z00001: Soort is the number 3, expected text; the record is skipped"),
    ],
)
def test_a_record_of_another_soort_is_skipped_with_a_warning(soort, warning):
    assert skipped(zaak(Soort=soort)) == [warning]


def test_a_record_of_another_soort_gives_only_that_warning():
    record = zaak(Soort="Wetgeving", Nummer=MISSING, GestartOp=MISSING, ZaakActor=[])
    assert skipped(record) == [
        "record 1: Soort 'Wetgeving' is neither 'Motie' nor 'Amendement'; the record is skipped"
    ]


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
        (MISSING, 12),
        (None, 12),
        ([dossier(99001, Verwijderd=True)], 12),
        ([dossier(99001)], None),
        ([dossier(99001)], MISSING),
    ],
)
def test_without_a_dossier_or_a_volgnummer_there_is_no_kamerstuk_and_no_warning(
    dossiers, volgnummer
):
    result = read(zaak(Kamerstukdossier=dossiers, Volgnummer=volgnummer))
    assert (result.motions[0].kamerstuk, result.warnings) == (None, ())


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


@pytest.mark.parametrize(
    ("soort", "status"),
    [
        ("Stemmen - aangenomen", S.ADOPTED),
        ("Stemmen - verworpen", S.REJECTED),
        ("Stemmen - ingetrokken", S.WITHDRAWN),
        ("Stemmen - aangehouden", S.HELD),
    ],
)
def test_each_vote_is_a_step_without_a_date_after_submitted(soort, status):
    motion = the_motion(zaak(Besluit=[besluit(soort)]))
    assert motion.history == (
        StatusChange(status=S.SUBMITTED, on=pendulum.Date(2099, 3, 12)),
        StatusChange(status=status, on=None),
    )


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


def test_an_unreadable_verwijderd_skips_the_record_or_leaves_out_the_item():
    assert skipped(zaak(Verwijderd="nee")) == [
        "2099Z00001: Verwijderd is the string 'nee', expected true or false; the record is skipped"
    ]
    result = read(zaak(Besluit=[besluit("Stemmen - aangenomen", Verwijderd=0)]))
    assert result.motions[0].history[1:] == ()
    assert result.warnings == (
        "2099Z00001: Besluit[0]: Verwijderd is the number 0, expected true or false; it is left out",
    )


def test_an_unknown_besluitsoort_is_left_out_with_a_warning():
    votes = [besluit("Stemmen - uitgesteld"), besluit("Stemmen - aangenomen")]
    result = read(zaak(Nummer="2023Z13456", Besluit=votes))
    assert [change.status for change in result.motions[0].history] == [S.SUBMITTED, S.ADOPTED]
    assert result.warnings == (
        "2023Z13456: unknown BesluitSoort 'Stemmen - uitgesteld'; the decision is left out",
    )


@pytest.mark.parametrize(
    ("vote", "warning"),
    [
        (
            {"BesluitTekst": "Aangenomen."},
            "Besluit[0] has no BesluitSoort; the decision is left out",
        ),
        (besluit(None), "Besluit[0] has no BesluitSoort; the decision is left out"),
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


@pytest.mark.parametrize(
    "appreciatie",
    [
        "Oordeel Kamer",
        "Ontraden",
        "Overgenomen",
        "Niet van toepassing",
        "Nog niet bekend",
        None,
        MISSING,
    ],
)
def test_a_known_or_absent_kabinetsappreciatie_gives_no_warning(appreciatie):
    result = read(zaak(Kabinetsappreciatie=appreciatie))
    assert (len(result.motions), result.warnings) == (1, ())


@pytest.mark.parametrize(
    ("appreciatie", "warning"),
    [
        ("Ontijdig", "unknown Kabinetsappreciatie 'Ontijdig'; it is ignored"),
        ("oordeel kamer", "unknown Kabinetsappreciatie 'oordeel kamer'; it is ignored"),
        (False, "Kabinetsappreciatie is false, expected text or null; it is ignored"),
    ],
)
def test_an_unknown_kabinetsappreciatie_is_warned_and_the_motion_kept(appreciatie, warning):
    result = read(zaak(Kabinetsappreciatie=appreciatie))
    assert [motion.id for motion in result.motions] == ["2099Z00001"]
    assert result.warnings == (f"2099Z00001: {warning}",)


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
            MISSING,
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


def test_two_indieners_give_the_first_and_a_warning():
    actors = [
        actor("Indiener", "A. Voorbeeld"),
        actor("Medeindiener", "C. Testerink"),
        actor("Indiener", "B. Proefmans"),
    ]
    result = read(zaak(ZaakActor=actors))
    motion = result.motions[0]
    assert (motion.submitter, motion.co_submitters) == ("A. Voorbeeld", ("C. Testerink",))
    assert result.warnings == (
        "2099Z00001: 2 Indieners ('A. Voorbeeld', 'B. Proefmans'); the first is the submitter",
    )


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
        "2099Z00007: Nummer also names record 1; both are kept, and rule RS002 reports the duplicate id",
    )


def test_a_nummer_used_by_a_skipped_record_is_no_duplicate():
    result = read(
        zaak(Nummer="2099Z00007", Verwijderd=True),
        zaak(Nummer="2099Z00007", GestartOp=None),
        zaak(Nummer="2099Z00007"),
    )
    assert [m.id for m in result.motions] == ["2099Z00007"]
    assert result.warnings == ("2099Z00007: no GestartOp; the record is skipped",)


def test_what_the_motion_refuses_is_a_warning_not_an_exception():
    result = read(zaak(Onderwerp="Over \ud800"), zaak(Nummer="2099Z00002"))
    assert [m.id for m in result.motions] == ["2099Z00002"]
    assert result.warnings == (
        "2099Z00001: Motion.title: got 'Over \\ud800', which holds the lone surrogate U+D800 at position 5; text must be valid Unicode; the record is skipped",
    )


def test_warnings_quote_shorten_and_escape_the_values():
    long = "Schriftelijke vragen " * 5
    result = read(
        zaak(Nummer="2099Z\x1b[2J", Soort="\x1b]0;title\x07"),
        zaak(Nummer="2099 Z1", Soort=long),
    )
    assert result.warnings == (
        "'2099Z\\x1b[2J': Soort '\\x1b]0;title\\x07' is neither 'Motie' nor 'Amendement'; the record is skipped",
        "'2099 Z1': Soort 'Schriftelijke vragen Schriftelijke vr...' is neither 'Motie' nor 'Amendement'; the record is skipped",
    )


def test_an_answer_with_a_next_page_says_so():
    answer = {"value": [zaak()], "@odata.nextLink": "https://example.invalid/Zaak?$skip=250"}
    result = from_odata(answer)
    assert [m.id for m in result.motions] == ["2099Z00001"]
    assert result.warnings == (
        "the answer has an @odata.nextLink: more records are on another page, which was not read",
    )


# --- order ---------------------------------------------------------------------------------------


def test_motions_are_in_order_of_submission_then_id_and_warnings_in_record_order():
    result = read(
        zaak(
            Nummer="2099Z00009",
            GestartOp="2099-03-12T00:00:00+01:00",
            Kabinetsappreciatie="Ontijdig",
        ),
        zaak(Nummer="2099Z00003", GestartOp="2099-03-12T00:00:00+01:00"),
        zaak(
            Nummer="2099Z00005", GestartOp="2099-02-01T23:59:00+01:00", Kabinetsappreciatie="Later"
        ),
        zaak(Nummer="2099Z00001", GestartOp="2099-03-13T00:00:00+01:00"),
    )
    assert [m.id for m in result.motions] == [
        "2099Z00005",
        "2099Z00003",
        "2099Z00009",
        "2099Z00001",
    ]
    assert result.warnings == (
        "2099Z00009: unknown Kabinetsappreciatie 'Ontijdig'; it is ignored",
        "2099Z00005: unknown Kabinetsappreciatie 'Later'; it is ignored",
    )


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
    ]
    assert all(type(result) is OdataImport for result in results)
    assert [m.id for m in results[0].motions] == ["2099Z00001", "2099Z00002"]
    assert results[0].warnings == (
        "2099Z00001: unknown Kabinetsappreciatie 'Ontijdig'; it is ignored",
    )
    assert results[1:] == [results[0]] * 3


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


def test_a_missing_file_is_the_os_error_that_load_gives(tmp_path):
    path = tmp_path / "missing.json"
    with pytest.raises(FileNotFoundError) as ours:
        from_odata(path)
    with pytest.raises(FileNotFoundError) as loads:
        rs.load(path)
    assert type(ours.value) is type(loads.value)
    assert (ours.value.errno, ours.value.filename) == (loads.value.errno, str(path))
    assert str(ours.value) == str(loads.value)


def test_a_folder_is_an_os_error_naming_it(tmp_path):
    with pytest.raises(IsADirectoryError) as caught:
        from_odata(str(tmp_path))
    assert caught.value.filename == str(tmp_path)


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


def test_the_example_file_gives_its_four_motions_and_two_warnings():
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
            history=(submitted((2, 26)), StatusChange(status=S.ADOPTED)),
            kamerstuk="99 002 XIII, nr. 9",
        ),
        Motion(
            id="2099Z00002",
            kind=MotionKind.MOTION,
            title="Motie van het lid Verzinsel over het schrappen van de bijdrage aan het ROM-fonds",
            submitter="D. Verzinsel",
            submitted_on="2099-03-05",
            request="Motie van het lid Verzinsel over het schrappen van de bijdrage aan het ROM-fonds",
            history=(submitted((3, 5)), StatusChange(status=S.REJECTED)),
            kamerstuk="99 002 XIII, nr. 7",
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
            history=(submitted((3, 12)), StatusChange(status=S.ADOPTED)),
            kamerstuk="99 001, nr. 12",
        ),
        Motion(
            id="2099Z00005",
            kind=MotionKind.MOTION,
            title="Motie van het lid Proefmans over een jaarlijkse rapportage van de ROM's",
            submitter="B. Proefmans",
            submitted_on="2099-03-12",
            request="Motie van het lid Proefmans over een jaarlijkse rapportage van de ROM's",
            history=(submitted((3, 12)), StatusChange(status=S.HELD)),
        ),
    )
    result = from_odata(EXAMPLE)
    assert result.motions == expected
    assert result.warnings == (
        "2099Z00005: unknown BesluitSoort 'Stemmen - uitgesteld'; the decision is left out",
        "2099Z00005: unknown Kabinetsappreciatie 'Ontijdig'; it is ignored",
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
                ]
            )
        ),
        "Verwijderd": maybe(st.booleans()),
    },
)
DOSSIERS = st.fixed_dictionaries(
    {},
    optional={
        "Nummer": maybe(st.integers(-1, 10**10)),
        "Toevoeging": maybe(st.sampled_from(["XIII", "xiii", "", "X I"])),
        "Verwijderd": maybe(st.booleans()),
    },
)
ZAKEN = st.fixed_dictionaries(
    {},
    optional={
        "Nummer": maybe(st.sampled_from(["2099Z00001", "2099Z00002"])),
        "Soort": maybe(st.sampled_from(["Motie", "Amendement", "Wetgeving"])),
        "Onderwerp": maybe(st.text()),
        "GestartOp": maybe(MOMENTS),
        "Volgnummer": maybe(st.integers(-1, 10**10)),
        "Afgedaan": maybe(st.booleans()),
        "Kabinetsappreciatie": maybe(st.sampled_from(["Oordeel Kamer", "Ontraden", "Ontijdig"])),
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


@given(data=JUNK.filter(lambda value: not isinstance(value, str)))
def test_any_other_value_gives_an_import_or_a_document_error(data):
    records = data.get("value") if isinstance(data, dict) else data
    if isinstance(records, list) and all(isinstance(record, dict) for record in records):
        assert type(from_odata(data)) is OdataImport
        return
    with pytest.raises(DocumentError) as caught:
        from_odata(data)
    assert caught.value.problems
    assert all(problem.path.startswith("$") for problem in caught.value.problems)
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
