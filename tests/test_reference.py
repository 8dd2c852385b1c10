import pendulum

import romstrategy as rs
from romstrategy import FundingKind, Money, MotionKind, MotionStatus, OrganisationKind, Period
from romstrategy import reference as ref


def test_reference_answers_the_issue_snippet():
    s = rs.reference.strategy_2024()
    assert len(s.roms) == 9
    assert [p.code for p in s.pillars] == ["I", "II", "III"]
    assert sum(f.amount for f in s.funding_sources) == Money(4_000_000)
    assert rs.Money("4000000").allocate([1, 1, 1]) == (
        Money("1333333.34"),
        Money("1333333.33"),
        Money("1333333.33"),
    )


def test_reference_period_status_and_no_allocations():
    s = ref.strategy_2024()
    assert s.period == Period("2024-01-01", "2027-12-31")
    assert s.status is rs.StrategyStatus.DRAFT
    assert s.allocations == ()
    assert s.activities == ()
    assert s.settles == ("amhaouch-2022", "de-jong-2023", "koekoek-2024")


def test_pillar_titles_are_the_letters():
    assert [p.title_nl for p in ref.PILLARS] == [
        "Betere verbinding tussen Rijk & regio",
        "Versterken van de basis",
        "Thematische inzet op relevante transities en maatschappelijke uitdagingen",
    ]


def test_twelve_provinces_with_iso_codes_and_principals():
    assert len(ref.PROVINCES) == 12
    assert {p.code for p in ref.PROVINCES} == {
        "NL-DR", "NL-FL", "NL-FR", "NL-GE", "NL-GR", "NL-LI",
        "NL-NB", "NL-NH", "NL-OV", "NL-UT", "NL-ZE", "NL-ZH",
    }  # fmt: skip
    assert {p.code: p.name for p in ref.PROVINCES}["NL-FR"] == "Fryslân"
    kinds = [p.kind for p in ref.PRINCIPALS]
    assert kinds.count(OrganisationKind.MINISTRY) == 1
    assert kinds.count(OrganisationKind.PROVINCE) == 12
    assert ref.PRINCIPALS[0].id == "EZK"


def test_roms_cover_every_province_and_utrecht_serves_het_gooi():
    served = {code for rom in ref.ROMS for code in rom.provinces}
    assert served == {p.code for p in ref.PROVINCES}
    roms = {rom.code: rom for rom in ref.ROMS}
    assert set(roms) == {"NOM", "OOST", "UTR", "FLEVO", "INWEST", "IQ", "IMPULS", "BOM", "LIOF"}
    assert roms["UTR"].provinces == ("NL-UT", "NL-NH")
    assert roms["NOM"].provinces == ("NL-GR", "NL-FR", "NL-DR")


def test_unknown_shareholders_stay_empty_with_a_note():
    roms = {rom.code: rom for rom in ref.ROMS}
    for code in ("IMPULS", "BOM"):
        assert roms[code].shareholders == ()
        assert roms[code].source is None
        assert roms[code].note is not None
        assert "unknown" in roms[code].note.lower()
    assert "Staat: 52.91%" in roms["OOST"].shareholders
    assert roms["LIOF"].shareholders == ("provincie Limburg: 50%", "EZK: 50%")


def test_motions_carry_the_letters_dates_and_are_settled():
    motions = {m.id: m for m in ref.MOTIONS}
    expected = {
        "amhaouch-2022": pendulum.Date(2022, 11, 23),
        "de-jong-2023": pendulum.Date(2023, 7, 6),
        "koekoek-2024": pendulum.Date(2024, 3, 12),
    }
    for motion_id, submitted_on in expected.items():
        motion = motions[motion_id]
        assert motion.kind is MotionKind.MOTION
        assert motion.submitted_on == submitted_on
        assert [c.status for c in motion.history] == [
            MotionStatus.SUBMITTED,
            MotionStatus.ADOPTED,
            MotionStatus.SETTLED,
        ]
        assert motion.settled_by is not None
        assert motion.settled_by.document == ref.LETTER
        assert motion.settled_by.on is None  # the letter's exact date is unknown
        assert motion.kamerstuk is None
    assert motions["amhaouch-2022"].co_submitted
    assert not motions["koekoek-2024"].co_submitted
    assert "Koekkoek" in (motions["koekoek-2024"].note or "")


def test_van_strien_amendment_brings_four_million_one_off():
    amendment = next(m for m in ref.MOTIONS if m.id == "van-strien-2023")
    assert amendment.kind is MotionKind.AMENDMENT
    assert amendment.submitted_on == pendulum.Date(2023, 10, 12)
    assert amendment.status is MotionStatus.ADOPTED
    assert amendment.amount == Money(4_000_000)
    (funds,) = ref.strategy_2024().funding_sources
    assert funds.kind is FundingKind.INCIDENTAL
    assert funds.amount == Money("4000000.00")
    assert funds.origin == amendment.id
    assert funds.period is None


def test_reference_is_one_shared_immutable_object():
    assert ref.strategy_2024() is ref.strategy_2024()
    assert hash(ref.strategy_2024()) == hash(ref.strategy_2024())
