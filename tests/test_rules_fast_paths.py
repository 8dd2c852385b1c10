"""The rules' fast paths agree with the simple definitions they replace (issue 24).

RS203 keeps every group's regional activities in one flat list, the
realisation rules walk each allocation's transactions together, and RS001
and RS101 to RS105 share one pass over the allocations; these properties
hold them to the one-by-one definitions, order included.
"""

from collections import Counter

import attrs
from hypothesis import given
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import Period, Scope, Service
from romstrategy._rules._allocations import scan
from romstrategy._rules._rivals import order, rivalries
from romstrategy.rules import RULES, competing_pairs
from tests.helpers import activity, messy_strategies, small
from tests.test_rules import ledgers

# --- RS203 ---------------------------------------------------------------------------------

_DAY = Period.years(2024).start


@st.composite
def crowded_activities(draw):
    """Activities of few ids, ROMs, themes and periods, some the same object twice."""
    ids = st.sampled_from(("a", "b", "c", "d", "e"))
    drawn = draw(
        st.lists(
            st.builds(
                lambda name, scope, roms, theme, service, start, days, complements: activity(
                    id=name,
                    scope=scope,
                    roms=roms,
                    lead=roms[0],
                    theme=theme,
                    service=service,
                    period=Period(_DAY.add(days=start), _DAY.add(days=start + days)),
                    complements=complements,
                ),
                ids,
                st.sampled_from(Scope),
                st.lists(st.sampled_from(("NOM", "OOST", "UTR")), min_size=1, max_size=3).map(
                    tuple
                ),
                st.sampled_from(("energy", " Energy ", "food")),
                st.sampled_from((Service.FINANCING, Service.KNOWLEDGE_SHARING)),
                st.integers(0, 6),
                st.integers(0, 3),
                st.lists(ids, max_size=2).map(tuple),
            ),
            max_size=14,
        )
    )
    twice = draw(st.lists(st.sampled_from(drawn), max_size=2)) if drawn else []
    return [*drawn, *twice]


def _group(a):
    return (" ".join(a.theme.casefold().split()), a.service)


def rivalries_one_by_one(activities, named=5):
    """(supra, counts, first) of each competing supra-regional object, by every pair."""
    found = {}
    for supra in activities:
        if supra.scope is Scope.REGIONAL or id(supra) in found:
            continue
        counts, rivals = Counter(), {}
        for other in activities:  # each occurrence of a regional activity counts
            if other.scope is not Scope.REGIONAL or other.id in supra.complements:
                continue
            if _group(other) != _group(supra) or not supra.period.overlaps(other.period):
                continue
            for rom in set(supra.roms) & set(other.roms):
                counts[rom] += 1
                rivals[id(other)] = other
        if counts:
            first = tuple(sorted(rivals.values(), key=order)[:named])
            found[id(supra)] = (supra, tuple(sorted(counts.items())), first)
    return list(found.values())


@given(crowded_activities())
def test_rs203_counts_and_names_the_rivals_of_each_activity_as_every_pair_does(activities):
    fast = [(r.supra, r.counts, r.first) for r in rivalries(activities)]
    slow = rivalries_one_by_one(activities)
    assert [(s.id, c, [f.id for f in first]) for s, c, first in fast] == [
        (s.id, c, [f.id for f in first]) for s, c, first in slow
    ]
    assert all(a is b for (a, _, _), (b, _, _) in zip(fast, slow, strict=True))


@given(crowded_activities())
def test_competing_pairs_are_every_pair_in_order(activities):
    expected = []
    for supra in activities:
        if supra.scope is not Scope.SUPRA_REGIONAL:
            continue
        rivals = {}
        for other in activities:
            if other.scope is not Scope.REGIONAL or other.id in supra.complements:
                continue
            same = _group(other) == _group(supra) and set(supra.roms) & set(other.roms)
            if same and supra.period.overlaps(other.period):
                rivals[id(other)] = other
        expected += [(supra, rival) for rival in sorted(rivals.values(), key=order)]
    found = list(competing_pairs(activities))
    assert [(s.id, r.id) for s, r in found] == [(s.id, r.id) for s, r in expected]
    assert all(a is b and c is d for (a, c), (b, d) in zip(found, expected, strict=True))


def test_rs203_names_five_objects_when_one_rival_is_given_twice():
    """An object twice counts twice, and the few named are still five different objects."""
    rivals = [
        activity(id=f"r{i}", scope=Scope.REGIONAL, roms=("NOM",), lead="NOM", theme="energy")
        for i in range(5)
    ]
    supra = activity(id="s", roms=("NOM",), lead="NOM", theme="energy", complements=())
    (found,) = rivalries([supra, rivals[0], *rivals])
    assert found.counts == (("NOM", 6),)
    assert [r.id for r in found.first] == ["r0", "r1", "r2", "r3", "r4"]


def test_rs203_names_rivals_across_groups_of_very_different_sizes():
    """A flat list of every group: a big group beside small ones, each searched in its run."""
    big = [
        activity(id=f"r{i}", scope=Scope.REGIONAL, roms=("NOM",), lead="NOM", theme="energy")
        for i in range(40)
    ]
    small_ones = [
        activity(id=f"q{i}", scope=Scope.REGIONAL, roms=("UTR",), lead="UTR", theme=f"t{i}")
        for i in range(7)
    ]
    supra = activity(id="s", roms=("NOM", "UTR"), lead="NOM", theme="t3", complements=())
    energy = activity(id="e", roms=("NOM", "OOST"), lead="NOM", theme="energy")
    activities = [*small_ones, *big, supra, energy]
    assert rivalries_one_by_one(activities) == [
        (r.supra, r.counts, r.first) for r in rivalries(activities)
    ]
    (finding_s, finding_e) = sorted(
        rs.validate(small(activities=tuple(activities)), select="RS203").findings,
        key=lambda f: f.subjects[0],
        reverse=True,
    )
    assert finding_s.subjects == ("s", "q3")
    assert finding_e.subjects == ("e", "r0", "r1", "r10", "r11", "r12")


# --- RS501, RS502 and RS505 ----------------------------------------------------------------


def firsts_in_one_walk_by_date(strategy):
    """The first finding of RS501, RS502 and RS505 on each allocation, in the rules' order.

    One walk over every transaction on an allocation whose id is used once,
    by date, commitments first, the allocation's place, id and amount: the
    order in which the findings are reported.
    """
    uses = Counter(a.id for a in strategy.allocations)
    unique = [a for a in strategy.allocations if uses[a.id] == 1]
    place = {a.id: k for k, a in enumerate(unique)}
    amounts = {a.id: a.amount.cents for a in unique}
    mine = [t for t in strategy.transactions if t.allocation in place]
    mine.sort(
        key=lambda t: (
            t.date,
            t.kind.value != "commitment",
            place[t.allocation],
            t.id,
            t.amount.cents,
        )
    )
    committed, spent = Counter(), Counter()
    found = {"RS501": [], "RS502": [], "commitment": [], "expenditure": []}
    seen = set()
    for t in mine:
        name = t.allocation
        if t.kind.value == "commitment":
            committed[name] += t.amount.cents
        else:
            spent[name] += t.amount.cents
        for what, now in (
            ("RS501", committed[name] > amounts[name]),
            ("RS502", spent[name] > committed[name]),
            ("commitment", t.kind.value == "commitment" and committed[name] < 0),
            ("expenditure", t.kind.value == "expenditure" and spent[name] < 0),
        ):
            if now and (what, name) not in seen:
                seen.add((what, name))
                found[what].append((name, t.id))
    return {
        "RS501": found["RS501"],
        "RS502": found["RS502"],
        "RS505": found["commitment"] + found["expenditure"],
    }


@given(ledgers())
def test_the_walk_by_allocation_reports_in_the_order_of_one_walk_by_date(strategy):
    expected = firsts_in_one_walk_by_date(strategy)
    for code in ("RS501", "RS502", "RS505"):
        assert [f.subjects for f in RULES[code].run(strategy)] == expected[code], code


@given(ledgers(), st.booleans())
def test_the_ledger_is_the_same_with_allocations_used_twice_and_no_transactions(strategy, empty):
    doubled = attrs.evolve(strategy, allocations=(*strategy.allocations, strategy.allocations[0]))
    if empty:
        doubled = attrs.evolve(doubled, transactions=())
    expected = firsts_in_one_walk_by_date(doubled)
    for code in ("RS501", "RS502", "RS505"):
        assert [f.subjects for f in RULES[code].run(doubled)] == expected[code], code
    if empty:
        assert [f.code for f in rs.validate(doubled, select="RS5").findings] == []


# --- RS001 and RS101 to RS105: one pass over the allocations -------------------------------


def scan_one_rule_at_a_time(strategy):
    """What each rule found on its own, one pass each, before they shared `scan`."""
    sources = {s.id: s for s in strategy.funding_sources}
    used = Counter(s.id for s in strategy.funding_sources)
    unique_sources = {name: s for name, s in sources.items() if used[name] == 1}
    activity_uses = Counter(a.id for a in strategy.activities)
    activities = {a.id: a for a in strategy.activities if activity_uses[a.id] == 1}
    pillars = {p.code for p in strategy.pillars}
    whole = strategy.period
    totals = dict.fromkeys(unique_sources, 0)
    for a in strategy.allocations:
        if a.source in totals:
            totals[a.source] += a.amount.cents
    unknown, outside, other, negative = [], [], [], []
    for a in strategy.allocations:
        if (
            a.source not in sources
            or a.pillar not in pillars
            or (a.activity is not None and a.activity not in activity_uses)
        ):
            unknown.append(a)
        source = unique_sources.get(a.source)
        own = source.period if source is not None else None
        if (own is not None and (a.period.start < own.start or a.period.end > own.end)) or (
            a.period.start < whole.start or a.period.end > whole.end
        ):
            outside.append(a)
        funded = activities.get(a.activity) if a.activity is not None else None
        if funded is not None and funded.pillar != a.pillar:
            other.append((a, funded))
        if a.amount.cents < 0:
            negative.append(a)
    return totals, unknown, outside, other, negative


_PERIODS = (None, Period("2024-03-01", "2024-09-30"), Period("2023-06-01", "2024-06-30"))


@given(messy_strategies(), st.sampled_from(_PERIODS))
def test_the_shared_pass_over_the_allocations_finds_what_each_rule_found_alone(strategy, period):
    if period is not None:  # a strategy's period that its allocations and sources may leave
        strategy = attrs.evolve(strategy, period=period)
    found = scan(strategy)
    totals, unknown, outside, other, negative = scan_one_rule_at_a_time(strategy)
    assert found.totals == totals
    assert list(found.unknown) == unknown
    assert list(found.outside) == outside
    assert [(a.id, b.id) for a, b in found.other_pillar] == [(a.id, b.id) for a, b in other]
    assert list(found.negative) == negative
