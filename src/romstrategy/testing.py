"""Hypothesis strategies for testing tools built on romstrategy (*testhulpmiddelen*).

Install with `pip install 'romstrategy[testing]'`. Every generator here is
deterministic under Hypothesis's control and shrinks well:

- `money()`, `periods()`, `activities()`, `allocations()`, `kamerstuk_refs()`,
  `motions()`: single objects.
- `strategies()`: whole strategies that `validate()` passes without errors,
  with money committed and spent on some of their allocations, and some
  invented motions with a Kamerstuk and co-signers besides the letter's.
- `broken_strategies()`: strategies built to break chosen rules, as `Broken`.
- `documents()`: serialised documents, valid or as `BrokenDocument`.

The library's own test suite uses these, so they are exercised constantly.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import attrs
import pendulum
from hypothesis import strategies as st

from romstrategy import reference
from romstrategy._documents._formats import render
from romstrategy._documents._reading import dumps
from romstrategy._model._appraisal import Appraisal
from romstrategy._model._budget import Allocation, FundingKind, FundingSource
from romstrategy._model._error import ArgumentError
from romstrategy._model._kamerstuk import KamerstukRef
from romstrategy._model._money import MAX_EUROS, Money
from romstrategy._model._motion import (
    DecisionMethod,
    Motion,
    MotionKind,
    MotionStatus,
    StatusChange,
)
from romstrategy._model._period import Period
from romstrategy._model._strategy import Activity, Scope, Service, Strategy, StrategyStatus
from romstrategy._model._transaction import Transaction, TransactionKind
from romstrategy.rules import RULES

__all__ = [
    "Broken",
    "BrokenDocument",
    "activities",
    "allocations",
    "broken_strategies",
    "documents",
    "kamerstuk_refs",
    "money",
    "motions",
    "periods",
    "strategies",
]

_ROMS = tuple(rom.code for rom in reference.ROMS)
_PILLARS = tuple(pillar.code for pillar in reference.PILLARS)
_THEMES = ("energy transition", "Energy  Transition ", "digitalisation", "health", "mbo")
FORMATS = ("json", "toml", "yaml")


@attrs.frozen
class Broken:
    """A strategy built to break the rules in `codes`; `validate()` reports each."""

    strategy: Strategy
    codes: frozenset[str]


@attrs.frozen
class BrokenDocument:
    """A document with problems; `loads` reports a problem at each of `paths`."""

    text: str
    format: str
    paths: frozenset[str]


def money(
    min_value: Money | None = None, max_value: Money | None = None
) -> st.SearchStrategy[Money]:
    """Amounts from `min_value` to `max_value` (default: all of -10^12 to +10^12 euros)."""
    low = -MAX_EUROS * 100 if min_value is None else min_value.cents
    high = MAX_EUROS * 100 if max_value is None else max_value.cents
    edges = [c for c in (low, high, 0, 1, -1) if low <= c <= high]
    return st.one_of(st.sampled_from(edges), st.integers(low, high)).map(Money.from_cents)


@st.composite
def periods(draw: st.DrawFn, within: Period | None = None) -> Period:
    """Periods, each within `within` when given (default: 1990 to 2100)."""
    span = within or Period(pendulum.Date(1990, 1, 1), pendulum.Date(2100, 12, 31))
    days = span.days - 1
    first = draw(st.integers(0, days))
    last = draw(st.integers(first, days))
    return Period(span.start.add(days=first), span.start.add(days=last))


def _ids(prefix: str) -> st.SearchStrategy[str]:
    return st.integers(0, 10**6).map(lambda n: f"{prefix}-{n}")


@st.composite
def activities(draw: st.DrawFn, scope: Scope | None = None) -> Activity:
    """Well-formed activities of the reference ROMs and pillars, regional or supra-regional."""
    chosen = scope or draw(st.sampled_from(Scope))
    size = 1 if chosen is Scope.REGIONAL else draw(st.integers(2, 4))
    roms = tuple(draw(st.lists(st.sampled_from(_ROMS), min_size=size, max_size=size, unique=True)))
    return Activity(
        id=draw(_ids("act")),
        title=draw(st.text(max_size=20)),
        scope=chosen,
        pillar=draw(st.sampled_from(_PILLARS)),
        roms=roms,
        lead=draw(st.sampled_from(roms)),
        theme=draw(st.sampled_from(_THEMES)),
        service=draw(st.sampled_from(Service)),
        period=draw(periods(within=Period.years(2024, 2027))),
    )


@st.composite
def allocations(draw: st.DrawFn, source: str = "van-strien-funds") -> Allocation:
    """Well-formed allocations of non-negative amounts within 2024-2027."""
    return Allocation(
        id=draw(_ids("al")),
        source=source,
        amount=draw(money(Money(0), Money(10**6))),
        pillar=draw(st.sampled_from(_PILLARS)),
        activity=None,
        period=draw(periods(within=Period.years(2024, 2027))),
    )


def _normal(theme: str) -> str:
    return " ".join(theme.casefold().split())


def _competitors(supra: Activity, regional: Iterable[Activity]) -> tuple[str, ...]:
    """The regional activities a supra-regional one must declare it complements."""
    return tuple(
        r.id
        for r in regional
        if r.lead in supra.roms
        and _normal(r.theme) == _normal(supra.theme)
        and r.service is supra.service
        and r.period.overlaps(supra.period)
    )


@st.composite
def _activity_set(draw: st.DrawFn, size: int) -> tuple[Activity, ...]:
    drawn = draw(st.lists(activities(), max_size=size))
    numbered = [attrs.evolve(a, id=f"act-{i}") for i, a in enumerate(drawn)]
    regional = [a for a in numbered if a.scope is Scope.REGIONAL]
    return tuple(
        attrs.evolve(a, complements=_competitors(a, regional))
        if a.scope is Scope.SUPRA_REGIONAL
        else a
        for a in numbered
    )


@st.composite
def _allocation_set(
    draw: st.DrawFn, source: FundingSource, acts: tuple[Activity, ...], size: int, prefix: str
) -> tuple[Allocation, ...]:
    count = draw(st.integers(1, size))
    ratios = draw(st.lists(st.integers(0, 20), min_size=count, max_size=count).filter(any))
    parts = source.amount.allocate(ratios)
    result = []
    for index, part in enumerate(parts):
        activity = draw(st.none() | st.sampled_from(acts)) if acts else None
        pillar = activity.pillar if activity else draw(st.sampled_from(_PILLARS))
        result.append(
            Allocation(
                id=f"{prefix}-{index}",
                source=source.id,
                amount=part,
                pillar=pillar,
                activity=activity.id if activity else None,
                period=draw(periods(within=source.period or Period.years(2024, 2027))),
            )
        )
    return tuple(result)


def _parts(draw: st.DrawFn, total: int, most: int) -> list[int]:
    """Up to `most` amounts in cents, each at least one cent, that add up to `total` at most."""
    ratios = draw(st.lists(st.integers(1, 9), min_size=1, max_size=most))
    return [part.cents for part in Money.from_cents(total).allocate(ratios) if part.cents > 0]


def _days(
    draw: st.DrawFn, first: pendulum.Date, last: pendulum.Date, count: int
) -> list[pendulum.Date]:
    """`count` days from `first` to `last`, both included."""
    span = (last - first).days
    return [first.add(days=draw(st.integers(0, span))) for _ in range(count)]


@st.composite
def _spending(draw: st.DrawFn, allocation: Allocation, end: pendulum.Date) -> list[Transaction]:
    """Commitments and expenditures on `allocation` that break no rule, in any order.

    Commitments within its period add up to no more than its amount; then
    payments, on or after the last commitment's day and up to the strategy's
    `end`, add up to no more than was committed. A release (*vrijval*) of
    some of what is left unpaid and a refund of some of what was paid may
    follow. Ids sort `c` (commitments), `p` (payments), `q` (the refund),
    `r` (the release), so that on a shared day each comes after those it
    needs.
    """
    budget, span = allocation.amount.cents, allocation.period
    if budget <= 0 or not draw(st.booleans()):
        return []
    commit, spend = TransactionKind.COMMITMENT, TransactionKind.EXPENDITURE

    def booked(suffix: str, kind: TransactionKind, cents: int, day: pendulum.Date) -> Transaction:
        return Transaction(
            id=f"{allocation.id}-{suffix}",
            allocation=allocation.id,
            kind=kind,
            amount=Money.from_cents(cents),
            date=day,
        )

    committed = _parts(draw, draw(st.integers(1, budget)), 2)
    commit_days = _days(draw, span.start, span.end, len(committed))
    found = [
        booked(f"c{n}", commit, cents, day)
        for n, (cents, day) in enumerate(zip(committed, commit_days, strict=True))
    ]
    total, after = sum(committed), max(commit_days)
    paying = draw(st.booleans())
    paid = _parts(draw, draw(st.integers(0, total)), 2) if paying else []
    pay_days = _days(draw, after, end, len(paid))
    found += [
        booked(f"p{n}", spend, cents, day)
        for n, (cents, day) in enumerate(zip(paid, pay_days, strict=True))
    ]
    unpaid = total - sum(paid)
    if unpaid > 0 and draw(st.booleans()):
        released = draw(st.integers(1, unpaid))
        found.append(booked("r", commit, -released, _days(draw, after, span.end, 1)[0]))
    if len(paid) > 0 and draw(st.booleans()):
        refund = draw(st.integers(1, sum(paid)))
        found.append(booked("q", spend, -refund, _days(draw, max(pay_days), end, 1)[0]))
    return found


@st.composite
def strategies(
    draw: st.DrawFn, status: StrategyStatus | None = None, max_allocations: int = 20
) -> Strategy:
    """Whole strategies that `validate()` passes with no errors.

    They build on the reference data (pillars, provinces, ROMs, motions) and
    add up to two invented motions (see `motions()`), funding sources,
    activities (supra-regional ones complement every regional activity they
    overlap), allocations that balance each source to
    the cent, and on some allocations transactions that break no rule:
    commitments within the allocation's period and amount, payments within
    what was committed, and corrections of both (*verplichtingen*,
    *uitgaven*, *vrijval*).

    Args:
        draw: supplied by Hypothesis.
        status: draft or final; by default either.
        max_allocations: the most allocations in all; at least 1.

    Raises:
        ValueError: for `max_allocations` below 1, since every funding source
            needs an allocation to balance.
    """
    if max_allocations < 1:
        raise ArgumentError(f"strategies: max_allocations is {max_allocations}, expected >= 1")
    chosen = status or draw(st.sampled_from(StrategyStatus))
    acts = draw(_activity_set(max(1, max_allocations // 2)))
    sources = [reference.VAN_STRIEN_FUNDS]
    if max_allocations > 1 and draw(st.booleans()):
        sources.append(
            FundingSource(
                id="extra-funds",
                name="Illustrative structural funds",
                amount=draw(money(Money(1), Money(10**7))),
                kind=FundingKind.STRUCTURAL,
                period=draw(periods(within=Period.years(2024, 2027))),
            )
        )
    allocs: tuple[Allocation, ...] = ()
    for number, source in enumerate(sources):
        room = max_allocations - len(allocs) - (len(sources) - number - 1)  # 1 for each next
        allocs += draw(_allocation_set(source, acts, room, f"al-{number}"))
    base = reference.strategy_2024()
    booked = [t for a in allocs for t in draw(_spending(a, base.period.end))]
    kamer = draw(st.lists(motions(), max_size=2, unique_by=lambda motion: motion.id))
    return attrs.evolve(
        base,
        motions=(*base.motions, *kamer),
        status=chosen,
        funding_sources=tuple(sources),
        activities=acts,
        allocations=allocs,
        transactions=tuple(draw(st.permutations(booked))),
    )


def kamerstuk_refs() -> st.SearchStrategy[KamerstukRef]:
    """Kamerstuk references (*Kamerstuk*): any dossier and number, with or without a suffix.

    A suffix (*toevoeging*) is letters, such as `XIII`, or digits, such as `02`.
    """
    return st.builds(
        KamerstukRef,
        dossier=st.integers(1, 999_999_999),
        suffix=st.none() | st.sampled_from(["XIII", "A", "VII", "IXB", "02", "20"]),
        number=st.integers(1, 999_999_999),
    )


_NAMES = st.from_regex(r"[A-Z][a-z]{1,10}( (van|de|der))?( [A-Z][a-z]{1,10})?", fullmatch=True)
_S = MotionStatus
_VOTES = (
    (),
    (_S.ADOPTED,),
    (_S.REJECTED,),
    (_S.WITHDRAWN,),
    (_S.HELD,),
    (_S.HELD, _S.ADOPTED),
    (_S.LAPSED,),
    (_S.HELD, _S.LAPSED),
)


@st.composite
def motions(draw: st.DrawFn) -> Motion:
    """Invented motions and amendments that break no rule, as the Kamer's records give them.

    Each has a Kamerstuk or none, zero to three co-signers (*medeindieners*;
    with any, `co_submitted` is true), the cabinet's appraisal or none, and a
    history of submitted and the Kamer's votes: adopted, rejected, withdrawn,
    held or lapsed, each decided in some way or in none known. None is settled.
    """
    submitted = draw(periods(within=Period.years(2020, 2027))).start
    co_submitters = tuple(draw(st.lists(_NAMES, max_size=3)))
    votes = draw(st.sampled_from(_VOTES))
    hows = draw(
        st.lists(
            st.none() | st.sampled_from(DecisionMethod), min_size=len(votes), max_size=len(votes)
        )
    )
    return Motion(
        id=draw(_ids("kamer")),
        kind=draw(st.sampled_from(MotionKind)),
        title=draw(st.text(max_size=30)),
        submitter=draw(_NAMES),
        co_submitted=bool(co_submitters) or draw(st.booleans()),
        co_submitters=co_submitters,
        submitted_on=submitted,
        request=draw(st.text(max_size=30)),
        history=(StatusChange(status=_S.SUBMITTED, on=submitted), *map(_step, votes, hows)),
        kamerstuk=draw(st.none() | kamerstuk_refs()),
        appraisal=draw(st.none() | st.sampled_from(Appraisal)),
    )


def _step(status: MotionStatus, how: DecisionMethod | None) -> StatusChange:
    return StatusChange(status=status, how=how)


# --- broken strategies -------------------------------------------------------------------

_BREAKERS: dict[str, Callable[[Strategy], Strategy]] = {
    code: built_in.breaks for code, built_in in RULES.items() if built_in.breaks is not None
}
"""One way to break each built-in rule, applied to a strategy that passes: its own example."""

_CLASHES = frozenset({frozenset({"RS101", "RS102"})})
"""Pairs that cannot be broken together on the same first allocation."""

_LAST = ("RS503", "RS504", "RS506", "RS505", "RS501", "RS502")
"""The realisation rules, broken after all others and in this order.

Their examples add transactions to the first allocation with money: RS505,
RS501 and RS502 size theirs by what that allocation has committed and spent
by then, so they come after every change of the allocation and, in this
order, none undoes what an earlier one broke.
"""


def broken_strategies(codes: Iterable[str] | None = None) -> st.SearchStrategy[Broken]:
    """Strategies built to break some rules, as `Broken(strategy, codes)`.

    Args:
        codes: the rule codes to choose from; by default every built-in one.
            Each example breaks a non-empty subset of them, and `validate()`
            reports each code of that subset (it may report others too).

    Raises:
        ValueError: at once, for no codes or a code this module cannot break.
    """
    pool = sorted(set(_BREAKERS) if codes is None else set(codes))
    unknown = [code for code in pool if code not in _BREAKERS]
    if unknown or not pool:
        raise ArgumentError(
            f"broken_strategies: no way to break {unknown}; known: {sorted(_BREAKERS)}"
        )
    return _broken(pool)


@st.composite
def _broken(draw: st.DrawFn, pool: list[str]) -> Broken:
    # Every breaker needs two allocations, one of them funding an activity.
    base = draw(
        strategies(status=StrategyStatus.FINAL, max_allocations=6).filter(
            lambda s: len(s.allocations) >= 2 and any(a.activity for a in s.allocations)
        )
    )
    chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
    if any(pair <= set(chosen) for pair in _CLASHES):
        chosen = chosen[:1]
    chosen.sort(key=lambda code: _LAST.index(code) + 1 if code in _LAST else 0)
    strategy = base
    for code in chosen:
        strategy = _BREAKERS[code](strategy)
    return Broken(strategy, frozenset(chosen))


# --- documents -------------------------------------------------------------------------------


_BAD_PERIOD = {"start": "2024-01-01", "end": "2024-13-01"}


def _mutations(tree: dict[str, Any]) -> list[tuple[str, Callable[[dict[str, Any]], None]]]:
    """Each way to spoil one place of a document, with the path a loader must report."""
    spoil: list[tuple[str, Callable[[dict[str, Any]], None]]] = [
        ("$.status", lambda t: t.__setitem__("status", "finished")),
        ("$.title", lambda t: t.__setitem__("title", 7)),
        ("$.id", lambda t: t.pop("id")),
        ("$.colour", lambda t: t.__setitem__("colour", "blue")),
        ("$.period.start", lambda t: t["period"].__setitem__("start", "2024-02-30")),
    ]
    for index in range(len(tree.get("allocations", []))):
        spoil += [
            (f"$.allocations[{index}].amount", _setter("allocations", index, "amount", 0.1)),
            (
                f"$.allocations[{index}].period.end",
                _setter("allocations", index, "period", _BAD_PERIOD),
            ),
            (f"$.allocations[{index}].ammount", _setter("allocations", index, "ammount", "1.00")),
            (f"$.allocations[{index}].source", _deleter("allocations", index, "source")),
        ]
    for index in range(len(tree.get("roms", []))):
        spoil.append((f"$.roms[{index}].provinces", _setter("roms", index, "provinces", "NL-UT")))
    for index in range(len(tree.get("transactions", []))):
        spoil += [
            (f"$.transactions[{index}].kind", _setter("transactions", index, "kind", "payment")),
            (f"$.transactions[{index}].amount", _setter("transactions", index, "amount", 0.1)),
            (
                f"$.transactions[{index}].date",
                _setter("transactions", index, "date", "2024-02-30"),
            ),
            (f"$.transactions[{index}].allocation", _deleter("transactions", index, "allocation")),
        ]
    return spoil


def _setter(
    collection: str, index: int, key: str, value: object
) -> Callable[[dict[str, Any]], None]:
    def spoil(tree: dict[str, Any]) -> None:
        tree[collection][index][key] = value

    return spoil


def _deleter(collection: str, index: int, key: str) -> Callable[[dict[str, Any]], None]:
    def spoil(tree: dict[str, Any]) -> None:
        del tree[collection][index][key]

    return spoil


@st.composite
def documents(draw: st.DrawFn, format: str | None = None, valid: bool = True) -> Any:
    """Serialised strategy documents.

    Args:
        draw: supplied by Hypothesis.
        format: `"json"`, `"toml"` or `"yaml"`; by default any.
        valid: with True, the text of a strategy that `strategies()` gives,
            transactions included; with False, a `BrokenDocument` with one
            to three spoilt places (a transaction's among them), each of
            whose JSON paths `loads` must report.
    """
    kind = format or draw(st.sampled_from(FORMATS))
    strategy = draw(strategies(max_allocations=4))
    if valid:
        return dumps(strategy, kind)
    tree = json.loads(dumps(strategy, "json"))
    spoilers = _mutations(tree)
    chosen = draw(
        st.lists(st.sampled_from(range(len(spoilers))), min_size=1, max_size=3, unique=True)
    )
    places = {spoilers[i][0]: spoilers[i][1] for i in chosen}
    for spoil in places.values():
        spoil(tree)
    return BrokenDocument(render(tree, kind), kind, frozenset(places))
