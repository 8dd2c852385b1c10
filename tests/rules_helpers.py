"""Builders for the rules tests: small objects and a complete plan that follows the letter."""

import datetime

import attrs
from hypothesis import strategies as st

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
    Period,
    Pillar,
    Scope,
    Service,
    StatusChange,
    StrategyStatus,
    reference,
)
from romstrategy.rules import validate

YEAR = Period.years(2024)
STRATEGY_PERIOD = Period.years(2024, 2027)


def activity(**changes):
    fields = {
        "id": "act-s",
        "title": "Energy transition together",
        "scope": Scope.SUPRA_REGIONAL,
        "pillar": "III",
        "roms": ("NOM", "OOST"),
        "lead": "NOM",
        "theme": "energy transition",
        "service": Service.ECOSYSTEM_DEVELOPMENT,
        "period": YEAR,
    }
    return Activity(**(fields | changes))


def regional(**changes):
    fields = {"id": "act-r", "scope": Scope.REGIONAL, "roms": ("NOM",), "lead": "NOM"}
    return activity(**(fields | changes))


def allocation(**changes):
    fields = {
        "id": "al-1",
        "source": "fund",
        "amount": Money("100.00"),
        "pillar": "I",
        "period": YEAR,
    }
    return Allocation(**(fields | changes))


def source(**changes):
    fields = {
        "id": "fund",
        "name": "Fund",
        "amount": Money("100.00"),
        "kind": FundingKind.INCIDENTAL,
    }
    return FundingSource(**(fields | changes))


def step(status, on=None, document=None):
    return StatusChange(status=status, on=on, document=document)


def motion(*history, **changes):
    fields = {
        "id": "m-1",
        "kind": MotionKind.MOTION,
        "title": "Motie",
        "submitter": "X",
        "submitted_on": "2023-07-06",
        "request": "Do it.",
        "history": history,
    }
    return Motion(**(fields | changes))


SUBMITTED = MotionStatus.SUBMITTED
ADOPTED = MotionStatus.ADOPTED
REJECTED = MotionStatus.REJECTED
WITHDRAWN = MotionStatus.WITHDRAWN
HELD = MotionStatus.HELD
IN_PROGRESS = MotionStatus.IN_PROGRESS
SETTLED = MotionStatus.SETTLED


def plan(**changes):
    """A final strategy that follows the letter: the reference data plus a full split.

    The split of the EUR 4 million over the pillars is illustrative: the
    letter does not publish one.
    """
    thirds = Money(4_000_000).allocate([1, 1, 1])
    activities = (
        regional(id="nom-energy", theme="Energy transition"),
        regional(id="oost-energy", roms=("OOST",), lead="OOST", period=Period.years(2024, 2025)),
        activity(
            id="energy-together",
            theme=" Energy  transition",
            period=Period.years(2024, 2025),
            complements=("nom-energy", "oost-energy"),
        ),
        activity(
            id="rijk-regio",
            pillar="I",
            roms=("UTR", "INWEST", "IQ"),
            lead="IQ",
            theme="national policy",
            service=Service.POLICY_COORDINATION,
            period=Period.years(2024, 2027),
        ),
    )
    allocations = (
        allocation(
            id="al-1",
            source="van-strien-funds",
            amount=thirds[0],
            pillar="I",
            activity="rijk-regio",
            period=Period.years(2024, 2027),
        ),
        allocation(
            id="al-2",
            source="van-strien-funds",
            amount=thirds[1],
            pillar="II",
            period=Period.years(2024, 2025),
        ),
        allocation(
            id="al-3",
            source="van-strien-funds",
            amount=thirds[2],
            pillar="III",
            activity="energy-together",
            period=Period("2024-07-01", "2025-12-31"),
        ),
    )
    fields = {
        "status": StrategyStatus.FINAL,
        "activities": activities,
        "allocations": allocations,
    }
    return attrs.evolve(reference.strategy_2024(), **(fields | changes))


def small(**changes):
    """A small final strategy: the reference parties, one fund of EUR 100.00, no work."""
    fields = {
        "status": StrategyStatus.FINAL,
        "funding_sources": (source(),),
        "allocations": (allocation(),),
        "motions": (),
        "settles": (),
    }
    return attrs.evolve(reference.strategy_2024(), **(fields | changes))


def only(strategy, code, **kwargs):
    """The findings of one rule."""
    return validate(strategy, select=[code], **kwargs).findings


def the_one(strategy, code):
    """The single finding of one rule; fails when there is not exactly one."""
    findings = only(strategy, code)
    assert len(findings) == 1, findings
    return findings[0]


# Hypothesis: messy strategies that break rules often, from a small vocabulary of ids.

_ROM_CODES = ("NOM", "OOST", "UTR", "LIOF", "XX")
_PROVINCE_CODES = ("NL-GR", "NL-GE", "NL-UT", "NL-LI", "NL-ZE")
_IDS = ("a", "b", "c", "d")
_PILLARS = ("I", "II", "III", "IV")


def _period():
    return st.builds(
        lambda start, length: Period(
            YEAR.start.add(days=start), YEAR.start.add(days=start + length)
        ),
        st.integers(min_value=-400, max_value=1800),
        st.integers(min_value=0, max_value=500),
    )


def _few(items, size=4):
    return st.lists(items, max_size=size).map(tuple)


def messy_strategies():
    """Strategies of well-typed parts with colliding ids: many rules fire."""
    ids = st.sampled_from(_IDS)
    roms = st.sampled_from(_ROM_CODES)
    activities = st.builds(
        activity,
        id=ids,
        scope=st.sampled_from(Scope),
        pillar=st.sampled_from(_PILLARS),
        roms=_few(roms, 3),
        lead=roms,
        theme=st.sampled_from(("energy", " Energy", "food")),
        service=st.sampled_from((Service.FINANCING, Service.KNOWLEDGE_SHARING)),
        period=_period(),
        complements=_few(ids, 2),
    )
    allocations = st.builds(
        allocation,
        id=ids,
        source=st.sampled_from(("fund", "extra", "ghost")),
        amount=st.integers(min_value=-500, max_value=20_000).map(Money.from_cents),
        pillar=st.sampled_from(_PILLARS),
        activity=st.none() | ids,
        period=_period(),
    )
    sources = st.builds(
        source,
        id=st.sampled_from(("fund", "extra")),
        amount=st.integers(min_value=0, max_value=50_000).map(Money.from_cents),
        period=st.none() | _period(),
        origin=st.none() | ids,
    )
    steps = st.builds(
        step,
        st.sampled_from(MotionStatus),
        st.none()
        | st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2026, 12, 31)),
        st.none() | st.just("letter"),
    )
    motions = st.builds(
        lambda name, kind, history: motion(*history, id=name, kind=kind),
        ids,
        st.sampled_from(MotionKind),
        _few(steps, 4),
    )
    rom_objects = st.builds(
        lambda code, provinces: ROM(code=code, name=code, provinces=provinces),
        roms,
        _few(st.sampled_from(_PROVINCE_CODES), 2),
    )
    return st.builds(
        lambda **parts: attrs.evolve(reference.strategy_2024(), **parts),
        status=st.sampled_from(StrategyStatus),
        provinces=_few(st.sampled_from(reference.PROVINCES), 5),
        roms=_few(rom_objects, 5),
        pillars=_few(
            st.sampled_from(
                [Pillar(code=c, title_nl=c, title_en=c, description=c) for c in _PILLARS[:3]]
            ),
            3,
        ),
        motions=_few(motions, 3),
        funding_sources=_few(sources, 2),
        activities=_few(activities, 6),
        allocations=_few(allocations, 6),
        settles=_few(ids, 3),
    )


def shuffled(strategy, rnd):
    """The same strategy with every unordered tuple in another order."""

    def mix(items):
        items = list(items)
        rnd.shuffle(items)
        return tuple(items)

    return attrs.evolve(
        strategy,
        principals=mix(strategy.principals),
        provinces=mix(strategy.provinces),
        roms=mix(attrs.evolve(r, provinces=mix(r.provinces)) for r in strategy.roms),
        pillars=mix(strategy.pillars),
        motions=mix(strategy.motions),
        funding_sources=mix(strategy.funding_sources),
        activities=mix(
            attrs.evolve(a, roms=mix(a.roms), complements=mix(a.complements))
            for a in strategy.activities
        ),
        allocations=mix(strategy.allocations),
        settles=mix(strategy.settles),
    )
