from romstrategy import ROM, Money, Province, reference
from romstrategy.rules import Severity
from tests.rules_helpers import activity, allocation, motion, only, small, source, the_one


def test_rs001_fires_once_per_missing_id_with_the_referring_field_as_path():
    s = small(
        funding_sources=(source(origin="ghost-amendment"),),
        activities=(
            activity(
                id="act-1",
                pillar="IV",
                roms=("NOM", "XYZ", "XYZ"),
                lead="ABC",
                complements=("nowhere",),
            ),
        ),
        allocations=(allocation(source="elsewhere", pillar="V", activity="act-9"),),
        roms=(*reference.ROMS, ROM(code="NEW", name="New", provinces=("NL-XX",))),
        settles=("unknown-motion",),
    )
    found = only(s, "RS001")
    assert [(f.path, f.subjects) for f in found] == [
        ("activities[act-1].complements", ("act-1", "nowhere")),
        ("activities[act-1].lead", ("act-1", "ABC")),
        ("activities[act-1].pillar", ("act-1", "IV")),
        ("activities[act-1].roms", ("act-1", "XYZ")),
        ("allocations[al-1].activity", ("al-1", "act-9")),
        ("allocations[al-1].pillar", ("al-1", "V")),
        ("allocations[al-1].source", ("al-1", "elsewhere")),
        ("funding_sources[fund].origin", ("fund", "ghost-amendment")),
        ("roms[NEW].provinces", ("NEW", "NL-XX")),
        ("settles[unknown-motion]", (s.id, "unknown-motion")),
    ]
    assert all(f.severity is Severity.ERROR for f in found)
    assert found[6].message == (
        "Allocation al-1 refers in source to funding source 'elsewhere', which does not "
        "exist in the strategy."
    )
    assert found[6].message_nl == (
        "Toewijzing al-1 verwijst in source naar financieringsbron 'elsewhere', die niet in "
        "de strategie voorkomt."
    )
    assert found[9].message == (
        f"Strategy {s.id} settles motion 'unknown-motion', which does not exist in the strategy."
    )


def test_rs001_stays_silent_when_every_reference_resolves():
    s = small(
        motions=(motion(id="m-1"),),
        funding_sources=(source(origin="m-1"),),
        activities=(activity(id="act-1", complements=("act-r",)), activity(id="act-r")),
        allocations=(allocation(pillar="III", activity="act-1"),),
    )
    assert only(s, "RS001") == ()
    assert only(reference.strategy_2024(), "RS001") == ()


def test_rs002_fires_once_per_duplicated_id_within_a_kind():
    s = small(
        allocations=(
            allocation(id="x", amount=Money(50)),
            allocation(id="x", amount=Money(25)),
            allocation(id="x", amount=Money(25)),
        ),
        provinces=(*reference.PROVINCES, Province(code="NL-UT", name="Utrecht")),
    )
    found = only(s, "RS002")
    assert [(f.severity, f.path, f.subjects) for f in found] == [
        (Severity.ERROR, "allocations[x]", ("x",)),
        (Severity.ERROR, "provinces[NL-UT]", ("NL-UT",)),
    ]
    assert found[0].message == "The id 'x' is used by 3 allocations; each must be used once."
    assert found[1].message == "The code 'NL-UT' is used by 2 provinces; each must be used once."
    assert found[1].message_nl.startswith("De code 'NL-UT' wordt door 2 provincies gebruikt")


def test_rs002_stays_silent_for_the_same_id_in_different_kinds():
    s = small(activities=(activity(id="fund"),), allocations=(allocation(id="fund"),))
    assert only(s, "RS002") == ()


def test_rules_that_need_an_object_skip_an_ambiguous_duplicated_id():
    s = small(
        activities=(activity(id="a", pillar="I"), activity(id="a", pillar="II")),
        allocations=(allocation(pillar="III", activity="a"),),
    )
    assert only(s, "RS104") == ()
    assert the_one(s, "RS002").subjects == ("a",)
