import types

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import (
    ROM,
    Activity,
    Allocation,
    FundingKind,
    FundingSource,
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
    StrategyStatus,
)

YEAR = Period.years(2024)


def activity(**changes):
    fields = {
        "id": "act-1",
        "title": "Energy",
        "scope": Scope.SUPRA_REGIONAL,
        "pillar": "III",
        "roms": ("NOM", "OOST"),
        "lead": "NOM",
        "theme": "energy transition",
        "service": Service.ECOSYSTEM_DEVELOPMENT,
        "period": YEAR,
    }
    return Activity(**(fields | changes))


def allocation(**changes):
    fields = {"id": "al-1", "source": "fund", "amount": Money(1), "pillar": "I", "period": YEAR}
    return Allocation(**(fields | changes))


def test_enum_values_are_the_document_strings():
    assert Scope.SUPRA_REGIONAL.value == "supra-regional"
    assert MotionStatus.IN_PROGRESS.value == "in-progress"
    assert Service.BUSINESS_DEVELOPMENT.value == "business-development"
    assert OrganisationKind.KNOWLEDGE_INSTITUTION.value == "knowledge-institution"
    assert [m.name for m in Service] == [
        "FINANCING",
        "BUSINESS_DEVELOPMENT",
        "INTERNATIONALISATION",
        "ECOSYSTEM_DEVELOPMENT",
        "KNOWLEDGE_SHARING",
        "POLICY_COORDINATION",
    ]
    assert {m.name for m in MotionStatus} == {
        "SUBMITTED",
        "ADOPTED",
        "REJECTED",
        "WITHDRAWN",
        "HELD",
        "IN_PROGRESS",
        "SETTLED",
    }
    assert [m.name for m in FundingKind] == ["INCIDENTAL", "STRUCTURAL"]
    assert [m.name for m in StrategyStatus] == ["DRAFT", "FINAL"]
    assert [m.name for m in MotionKind] == ["MOTION", "AMENDMENT"]


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
