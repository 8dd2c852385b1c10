import itertools
import random

from hypothesis import given
from hypothesis import strategies as st

from romstrategy import Period, Scope, Service
from romstrategy.rules import Severity, competing_pairs, validate
from tests.rules_helpers import activity, only, regional, small, the_one


def with_activities(*activities):
    return small(activities=activities)


def test_rs201_fires_for_a_supra_regional_activity_of_one_distinct_rom():
    f = the_one(with_activities(activity(roms=("NOM", "NOM"))), "RS201")
    assert (f.code, f.severity, f.path, f.subjects) == (
        "RS201",
        Severity.ERROR,
        "activities[act-s].roms",
        ("act-s",),
    )
    assert f.message == (
        "Supra-regional activity act-s involves 1 distinct ROM (NOM); it needs at least two."
    )
    assert "Bovenregionale activiteit act-s" in f.message_nl


def test_rs201_stays_silent_for_two_roms_and_for_regional_work():
    assert only(with_activities(activity(roms=("NOM", "OOST"))), "RS201") == ()
    assert only(with_activities(regional()), "RS201") == ()


def test_rs202_fires_when_the_lead_does_not_take_part():
    f = the_one(with_activities(activity(lead="BOM")), "RS202")
    assert (f.severity, f.path, f.subjects) == (
        Severity.ERROR,
        "activities[act-s].lead",
        ("act-s", "BOM"),
    )
    assert (
        f.message == "Activity act-s has lead ROM BOM, which is not among its ROMs (NOM and OOST)."
    )
    assert f.message_nl == (
        "Activiteit act-s heeft penvoerder BOM, die niet bij haar ROM's hoort (NOM en OOST)."
    )


def test_rs202_stays_silent_for_a_lead_among_the_roms():
    assert only(with_activities(activity(lead="OOST")), "RS202") == ()


def test_rs203_names_both_activities_the_rom_and_the_overlap():
    s = with_activities(
        activity(theme=" Energy  transition", period=Period.years(2024)),
        regional(theme="energy transition", period=Period("2024-07-01", "2025-06-30")),
    )
    f = the_one(s, "RS203")
    assert (f.code, f.severity, f.path, f.subjects) == (
        "RS203",
        Severity.ERROR,
        "activities[act-s].complements",
        ("act-s", "act-r"),
    )
    assert f.message == (
        "Supra-regional activity act-s competes with regional activity act-r of ROM NOM: "
        "same theme 'energy transition' and service ecosystem-development, overlapping from "
        "2024-07-01 to 2024-12-31, and act-s does not list act-r in complements."
    )
    assert "overlappend van 2024-07-01 t/m 2024-12-31" in f.message_nl


def test_rs203_stays_silent_for_periods_that_touch_but_do_not_overlap():
    s = with_activities(
        activity(period=Period("2024-01-01", "2024-12-31")),
        regional(period=Period("2025-01-01", "2025-12-31")),
    )
    assert only(s, "RS203") == ()


def test_rs203_fires_for_periods_that_share_a_single_day():
    s = with_activities(
        activity(period=Period("2024-01-01", "2024-12-31")),
        regional(period=Period("2024-12-31", "2025-12-31")),
    )
    assert "overlapping from 2024-12-31 to 2024-12-31" in the_one(s, "RS203").message


def test_rs203_stays_silent_when_the_regional_activity_is_complemented():
    s = with_activities(activity(complements=("act-r",)), regional())
    assert only(s, "RS203") == ()


def test_rs203_stays_silent_for_another_theme_service_or_rom():
    assert only(with_activities(activity(), regional(theme="energy")), "RS203") == ()
    s = with_activities(activity(), regional(service=Service.FINANCING))
    assert only(s, "RS203") == ()
    s = with_activities(activity(), regional(roms=("LIOF",), lead="LIOF"))
    assert only(s, "RS203") == ()


def test_rs203_names_every_shared_rom():
    s = with_activities(activity(), regional(roms=("OOST", "NOM")))
    f = the_one(s, "RS203")
    assert f.subjects == ("act-s", "act-r")
    assert "of ROM NOM and OOST" in f.message


def test_rs203_gives_one_finding_per_supra_regional_activity_naming_up_to_five_rivals():
    rivals = [regional(id=f"act-r{i}", period=Period.years(2024 + i % 2)) for i in range(7)]
    s = with_activities(activity(period=Period.years(2024, 2025)), *rivals)
    f = the_one(s, "RS203")
    # The first five by start date, then id: the four of 2024, then the first of 2025.
    assert f.subjects == ("act-s", "act-r0", "act-r2", "act-r4", "act-r6", "act-r1")
    assert f.message == (
        "Supra-regional activity act-s competes with 7 regional activities, "
        "act-r0 of ROM NOM (2024-01-01 to 2024-12-31), act-r2 of ROM NOM (2024-01-01 to "
        "2024-12-31), act-r4 of ROM NOM (2024-01-01 to 2024-12-31), act-r6 of ROM NOM "
        "(2024-01-01 to 2024-12-31), act-r1 of ROM NOM (2025-01-01 to 2025-12-31) and 2 more: "
        "same theme 'energy transition' and service ecosystem-development, with overlapping "
        "periods, and act-s lists none of them in complements."
    )
    assert f.message_nl.startswith(
        "Bovenregionale activiteit act-s concurreert met 7 regionale activiteiten, "
        "act-r0 van ROM NOM (2024-01-01 t/m 2024-12-31), "
    )
    assert " en nog 2: zelfde thema 'energy transition'" in f.message_nl


def test_rs203_counts_rivals_per_rom_when_several_roms_compete():
    s = with_activities(
        activity(),
        regional(id="act-r1"),
        regional(id="act-r2", roms=("OOST",), lead="OOST"),
        regional(id="act-r3", roms=("OOST",), lead="OOST"),
    )
    f = the_one(s, "RS203")
    assert f.subjects == ("act-s", "act-r1", "act-r2", "act-r3")
    assert f.message.startswith(
        "Supra-regional activity act-s competes with regional activities of ROM NOM (1) and "
        "OOST (2), such as act-r1 of ROM NOM (2024-01-01 to 2024-12-31), act-r2 of ROM OOST "
    )
    assert "regionale activiteiten van ROM NOM (1) en OOST (2), zoals act-r1" in f.message_nl


def test_rs203_lists_two_rivals_without_more_and_skips_the_complemented_one():
    s = with_activities(
        activity(complements=("act-r2",)),
        regional(id="act-r1"),
        regional(id="act-r2"),
        regional(id="act-r3"),
    )
    f = the_one(s, "RS203")
    assert f.subjects == ("act-s", "act-r1", "act-r3")
    assert "competes with 2 regional activities, act-r1 of ROM NOM" in f.message
    assert "more" not in f.message


def test_rs204_fires_for_a_complements_entry_that_is_not_regional_or_not_ours():
    s = with_activities(
        activity(complements=("other-s", "liof-r")),
        activity(id="other-s"),
        regional(id="liof-r", roms=("LIOF",), lead="LIOF"),
    )
    found = only(s, "RS204")
    assert [(f.path, f.subjects) for f in found] == [
        ("activities[act-s].complements", ("act-s", "liof-r")),
        ("activities[act-s].complements", ("act-s", "other-s")),
    ]
    assert all(f.severity is Severity.ERROR for f in found)
    assert found[0].message == (
        "Activity act-s lists liof-r in complements, but it is run by LIOF, none of which "
        "takes part."
    )
    assert (
        found[1].message == "Activity act-s lists other-s in complements, but it is not regional."
    )
    assert "die is niet regionaal" in found[1].message_nl


def test_rs204_leaves_a_missing_entry_to_rs001_and_accepts_a_regional_one_of_ours():
    s = with_activities(activity(complements=("act-r", "ghost")), regional())
    assert only(s, "RS204") == ()
    assert the_one(s, "RS001").subjects == ("act-s", "ghost")


def test_rs205_fires_for_a_regional_activity_of_no_rom_or_two():
    s = with_activities(
        regional(id="r-0", roms=()),
        regional(id="r-2", roms=("NOM", "OOST")),
    )
    found = only(s, "RS205")
    assert [(f.path, f.subjects) for f in found] == [
        ("activities[r-0].roms", ("r-0",)),
        ("activities[r-2].roms", ("r-2",)),
    ]
    assert found[0].message == (
        "Regional activity r-0 is run by 0 ROMs (none); it must be run by exactly one."
    )
    assert "(NOM and OOST)" in found[1].message


def test_rs205_stays_silent_for_exactly_one_rom_even_if_listed_twice():
    assert only(with_activities(regional(roms=("NOM", "NOM"))), "RS205") == ()


# The sweep against the obvious all-pairs check, on small random portfolios.

ROMS = ("NOM", "OOST", "LIOF")
THEMES = ("energy", " Energy ", "ENERGY  transition", "energy transition", "food")


@st.composite
def portfolios(draw):
    count = draw(st.integers(min_value=0, max_value=12))
    items = []
    for index in range(count):
        start = draw(st.integers(min_value=0, max_value=40))
        length = draw(st.integers(min_value=0, max_value=15))
        scope = draw(st.sampled_from(Scope))
        roms = tuple(draw(st.lists(st.sampled_from(ROMS), min_size=1, max_size=3)))
        period = Period.years(2024)
        begin = period.start.add(days=start)
        items.append(
            activity(
                id=f"a-{index}",
                scope=scope,
                roms=roms,
                lead=roms[0],
                theme=draw(st.sampled_from(THEMES)),
                service=draw(st.sampled_from([Service.FINANCING, Service.KNOWLEDGE_SHARING])),
                period=Period(begin, begin.add(days=length)),
            )
        )
    ids = [a.id for a in items]
    for index, item in enumerate(items):
        if item.scope is Scope.SUPRA_REGIONAL and ids:
            chosen = draw(st.lists(st.sampled_from(ids), max_size=2))
            items[index] = activity(**{**_fields(item), "complements": tuple(chosen)})
    return tuple(items)


def _fields(item):
    return {
        "id": item.id,
        "scope": item.scope,
        "roms": item.roms,
        "lead": item.lead,
        "theme": item.theme,
        "service": item.service,
        "period": item.period,
    }


def all_pairs(activities):
    found = set()
    for s, r in itertools.permutations(activities, 2):
        if s.scope is not Scope.SUPRA_REGIONAL or r.scope is not Scope.REGIONAL:
            continue
        shared = set(s.roms) & set(r.roms)
        same = " ".join(s.theme.casefold().split()) == " ".join(r.theme.casefold().split())
        overlap = s.period.overlaps(r.period)
        if shared and same and s.service is r.service and overlap and r.id not in s.complements:
            found.add((s.id, r.id))
    return found


@given(portfolios())
def test_rs203_finds_exactly_the_pairs_an_all_pairs_check_finds(activities):
    pairs = [(supra.id, regional.id) for supra, regional in competing_pairs(activities)]
    assert sorted(pairs) == sorted(all_pairs(activities))
    findings = validate(small(activities=activities), select="RS203").findings
    assert len(findings) == len({supra for supra, _ in all_pairs(activities)})
    for finding in findings:
        rivals = sorted(
            (a for a in activities if (finding.subjects[0], a.id) in all_pairs(activities)),
            key=lambda a: (a.period.start, a.id),
        )
        assert list(finding.subjects[1:]) == [a.id for a in rivals[:5]]


@given(portfolios(), st.randoms())
def test_rs2_findings_do_not_depend_on_the_order_of_activities(activities, rnd):
    shuffled = list(activities)
    rnd.shuffle(shuffled)
    assert (
        validate(small(activities=activities), select="RS2").findings
        == validate(small(activities=tuple(shuffled)), select="RS2").findings
    )


def test_rs203_counts_every_competing_pair_in_a_larger_portfolio():
    rnd = random.Random(3)
    items = []
    for index in range(2000):
        rom = rnd.choice(ROMS)
        items.append(regional(id=f"r-{index}", roms=(rom,), lead=rom, theme=f"t{index % 50}"))
    items.append(activity(id="s", roms=ROMS, theme="t1"))
    (finding,) = only(small(activities=tuple(items)), "RS203")
    assert len(finding.subjects) == 6  # the supra-regional activity and five rivals
    pairs = list(competing_pairs(items))
    assert len(pairs) == sum(1 for a in items if a.theme == "t1" and a.id != "s")
    assert [rival.id for _, rival in pairs[:5]] == list(finding.subjects[1:])
