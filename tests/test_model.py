"""The domain classes and the reference strategy of the minister's letter.

Constructors convert strings, lists and amounts and refuse meaningless values naming the
field and the value, but do not check policy; objects are frozen and `attrs.evolve`
checks again. The reference data (`romstrategy.reference`) says what the letter says:
the twelve provinces, the ROMs that cover them, the pillars, the motions and the
Van Strien amendment's EUR 4 million. Properties compare the model with naive oracles.
"""

import types

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import romstrategy as rs
from romstrategy import (
    ROM,
    FundingKind,
    FundingSource,
    KamerstukRef,
    Money,
    Motion,
    MotionKind,
    MotionStatus,
    Organisation,
    OrganisationKind,
    Period,
    Pillar,
    Province,
    Scope,
    Service,
    StatusChange,
    Strategy,
)
from romstrategy import reference as ref
from tests.helpers import activity, allocation

YEAR = Period.years(2024)


def test_enum_values_are_the_document_strings():
    assert Scope.SUPRA_REGIONAL.value == "supra-regional"
    assert MotionStatus.IN_PROGRESS.value == "in-progress"
    assert Service.BUSINESS_DEVELOPMENT.value == "business-development"
    assert OrganisationKind.KNOWLEDGE_INSTITUTION.value == "knowledge-institution"


def test_constructors_convert_strings_lists_and_amounts():
    built = activity(scope="regional", service="financing", roms=["NOM"], complements=["x"])
    assert built.scope is Scope.REGIONAL
    assert built.service is Service.FINANCING
    assert built.roms == ("NOM",)
    assert built.complements == ("x",)
    assert allocation(amount="12.50").amount == Money("12.50")
    assert allocation().activity is None


@pytest.mark.parametrize(
    ("build", "error", "match"),
    [
        (lambda: activity(scope="local"), ValueError, r"Activity\.scope: got 'local', expected one of 'regional', 'supra-regional'"),
        (lambda: activity(id=""), ValueError, r"Activity\.id: got '', an id must not be empty"),
        (lambda: activity(id="  "), ValueError, r"Activity\.id: .*must not be empty"),
        (lambda: activity(roms="NOM"), TypeError, r"Activity\.roms: got 'NOM', expected a sequence of ids"),
        (lambda: activity(roms=("NOM", "")), ValueError, r"Activity\.roms\[1\]: got ''"),
        (lambda: activity(period="2024"), TypeError, r"Activity\.period: got str '2024', expected Period"),
        (lambda: allocation(amount=0.1), TypeError, r"Allocation\.amount: .*pass a string such as '0\.10'"),
        (lambda: allocation(amount="0.001"), ValueError, r"Allocation\.amount: .*finer than a cent"),
        (lambda: allocation(amount="NaN"), ValueError, r"Allocation\.amount: Money: got 'NaN'"),
        (lambda: allocation(id=7), TypeError, r"Allocation\.id: got 7, expected a str"),
        (lambda: Motion(id="m", kind="motie", title="t", submitter="s", submitted_on="2024-01-01", request="r"), ValueError, r"Motion\.kind: got 'motie'"),
        (lambda: Motion(id="m", kind="motion", title="t", submitter="s", co_submitted=1, submitted_on="2024-01-01", request="r"), TypeError, r"Motion\.co_submitted: got 1"),
        (lambda: StatusChange(status="done"), ValueError, r"StatusChange\.status: got 'done'"),
        (lambda: StatusChange(status="settled", on="2024-13-01"), ValueError, r"StatusChange\.on: got '2024-13-01'"),
        (lambda: Organisation(id="x", name="X", kind="company"), ValueError, r"Organisation\.kind"),
        (lambda: Province(code="", name="Nowhere"), ValueError, r"Province\.code"),
        (lambda: Strategy(id="s", title="t", period=YEAR, roms=[Province(code="NL-FR", name="Fryslân")]), TypeError, r"Strategy\.roms\[0\]: got Province"),
        (lambda: FundingSource(id="f", name="F", amount=1, kind="one-off"), ValueError, r"FundingSource\.kind: got 'one-off'"),
    ],
)  # fmt: skip
def test_meaningless_values_are_refused_naming_field_and_value(build, error, match):
    with pytest.raises(error, match=match):
        build()


def test_policy_is_not_checked_at_construction():
    # A lead outside its ROMs and an over-allocation are findings, not errors.
    assert activity(lead="LIOF").lead == "LIOF"
    funds = FundingSource(id="f", name="F", amount=Money(1), kind="incidental")
    Strategy(
        id="s",
        title="t",
        period=YEAR,
        funding_sources=[funds],
        allocations=[allocation(source="f", amount=Money(5))],
    )


def test_objects_are_frozen_and_evolve_revalidates():
    built = activity()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built.lead = "OOST"  # type: ignore[misc]
    assert attrs.evolve(built, lead="OOST").lead == "OOST"
    with pytest.raises(ValueError, match=r"Activity\.scope"):
        attrs.evolve(built, scope="global")


def test_motion_status_is_the_last_change():
    motion = Motion(
        id="m",
        kind=MotionKind.MOTION,
        title="t",
        submitter="s",
        submitted_on=pendulum.Date(2024, 1, 1),
        request="r",
    )
    assert motion.status is MotionStatus.SUBMITTED
    assert motion.settled_by is None
    settled = attrs.evolve(
        motion,
        history=(
            StatusChange(status="submitted", on="2024-01-01"),
            StatusChange(status="adopted"),
            StatusChange(status="settled", document="letter"),
        ),
    )
    assert settled.status is MotionStatus.SETTLED
    assert settled.settled_by == StatusChange(status=MotionStatus.SETTLED, document="letter")


@given(st.sampled_from(list(Service)), st.sampled_from(list(Scope)))
def test_enum_members_and_their_values_build_equal_objects(service, scope):
    assert activity(service=service, scope=scope) == activity(
        service=service.value, scope=scope.value
    )


def test_every_public_name_is_exported_once():
    assert len(rs.__all__) == len(set(rs.__all__))
    public = {
        name
        for name, value in vars(rs).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public <= set(rs.__all__)
    for name in rs.__all__:
        assert getattr(rs, name) is not None


def test_rom_and_pillar_keep_their_fields():
    rom = ROM(code="NOM", name="N", provinces=["NL-GR"], shareholders=[], source=None)
    assert rom.provinces == ("NL-GR",)
    assert rom.shareholders == ()
    assert Pillar(code="I", title_nl="a", title_en="b", description="c").code == "I"


# === the reference strategy ===============================================================


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
    # FACTS.md: only motie De Jong's Kamerstuk and co-signers are known.
    assert [m.id for m in ref.MOTIONS if m.kamerstuk is not None] == ["de-jong-2023"]
    assert [m.id for m in ref.MOTIONS if m.co_submitters] == ["de-jong-2023"]
    de_jong = motions["de-jong-2023"]
    assert str(de_jong.kamerstuk) == "33 009, nr. 124"
    assert de_jong.kamerstuk == KamerstukRef(dossier=33009, number=124)
    assert de_jong.co_submitters == ("Van Strien", "Van der Graaf", "Amhaouch")
    assert de_jong.co_submitted
    assert "https://zoek.officielebekendmakingen.nl/h-tk-20222023-103-63.html" in (
        de_jong.note or ""
    )
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


# === hostile input ========================================================================


def test_a_model_field_still_holds_one_amount_at_most():
    with pytest.raises(ValueError, match=r"\AAllocation\.amount: Money: 1000000000000\.01 is"):
        rs.Allocation(
            id="a",
            source="s",
            amount=Money(10**12) + Money("0.01"),
            pillar="I",
            period=Period.years(2024),
        )


@pytest.mark.parametrize(
    ("build", "where"),
    [
        (lambda: rs.Province(code="NL-\ud800", name="x"), "Province.code"),
        (lambda: rs.Province(code="NL-FR", name="\udfff"), "Province.name"),
        (lambda: rs.ROM(code="R", name="R", shareholders=("a", "\ud800")), "ROM.shareholders[1]"),
        (lambda: rs.ROM(code="R", name="R", provinces=("\ud800",)), "ROM.provinces[0]"),
    ],
)
def test_a_constructor_refuses_a_lone_surrogate(build, where):
    with pytest.raises(ValueError, match=rf"\A{where.replace('[', '.').replace(']', '.')}: got"):
        build()


# === properties checked against naive oracles =============================================

S = MotionStatus
# The lifecycle as issues 3 and 27 (lapsed) state it, written out again independently of the rules.
ALLOWED = {
    (S.SUBMITTED, S.ADOPTED), (S.SUBMITTED, S.REJECTED), (S.SUBMITTED, S.WITHDRAWN),
    (S.SUBMITTED, S.HELD), (S.HELD, S.ADOPTED), (S.HELD, S.REJECTED), (S.HELD, S.WITHDRAWN),
    (S.ADOPTED, S.IN_PROGRESS), (S.ADOPTED, S.SETTLED), (S.IN_PROGRESS, S.SETTLED),
    (S.SUBMITTED, S.LAPSED), (S.HELD, S.LAPSED),
}  # fmt: skip
SUBMITTED_ON = pendulum.Date(2023, 7, 6)


class MotionLifecycle(RuleBasedStateMachine):
    """Drive a motion through status changes; RS301 fires exactly for the illegal steps."""

    @initialize(kind=st.sampled_from(MotionKind))
    def start(self, kind):
        self.kind = kind
        self.history = []
        self.illegal_steps = 0
        self.latest = None

    @rule(status=st.sampled_from(MotionStatus), offset=st.none() | st.integers(-30, 60))
    def step(self, status, offset):
        on = None if offset is None else SUBMITTED_ON.add(days=offset)
        before = self.history[-1].status if self.history else None
        legal = (status is S.SUBMITTED) if before is None else (before, status) in ALLOWED
        if self.kind is MotionKind.AMENDMENT and status in {S.IN_PROGRESS, S.SETTLED}:
            legal = False
        if on is not None:
            legal = legal and on >= SUBMITTED_ON and (self.latest is None or on >= self.latest)
            self.latest = on if self.latest is None else max(self.latest, on)
        self.illegal_steps += not legal
        self.history.append(StatusChange(status=status, on=on, document="letter"))

    @invariant()
    def rs301_fires_exactly_for_illegal_steps(self):
        motion = Motion(
            id="m", kind=self.kind, title="t", submitter="s", submitted_on=SUBMITTED_ON,
            request="r", history=tuple(self.history),
        )  # fmt: skip
        strategy = attrs.evolve(rs.reference.strategy_2024(), motions=(motion,), settles=())
        findings = rs.validate(strategy, select=["RS301"]).findings
        assert len(findings) == self.illegal_steps, [f.message for f in findings]


MotionLifecycle.TestCase.settings = settings(
    max_examples=100, stateful_step_count=8, deadline=None
)
TestMotionLifecycle = MotionLifecycle.TestCase
