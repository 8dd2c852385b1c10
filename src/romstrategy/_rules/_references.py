"""Rules about ids: references that point to nothing, ids used twice (*verwijzingen*).

RS001 and RS002. A path names the object that holds the reference, e.g.
`allocations[al-3].source`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from operator import attrgetter
from typing import Any

import attrs

from romstrategy._model._display import shown
from romstrategy._model._strategy import Strategy
from romstrategy._rules._allocations import scan
from romstrategy._rules._changes import (
    add_activities,
    settles_a_settled_motion,
    supra_regional,
)
from romstrategy._rules._findings import Severity, Violation
from romstrategy._rules._index import duplicated
from romstrategy._rules._rule import Memo, rule, shares
from romstrategy._rules._text import path

__all__ = ["duplicate_id", "unknown_reference"]

_Noun = tuple[str, str]
"""A noun in English and in Dutch."""

_FUNDING_SOURCE: _Noun = ("funding source", "financieringsbron")
_PILLAR: _Noun = ("pillar", "pijler")
_ACTIVITY: _Noun = ("activity", "activiteit")
_ROM: _Noun = ("ROM", "ROM")
_PROVINCE: _Noun = ("province", "provincie")
_MOTION: _Noun = ("motion or amendment", "motie of amendement")
_ALLOCATION: _Noun = ("allocation", "toewijzing")
_TRANSACTION: _Noun = ("transaction", "transactie")


def _capital(noun: str) -> str:
    return noun[:1].upper() + noun[1:]


def _broken(
    holder: _Noun, kind: str, owner: str, field: str, target: _Noun, missing: str
) -> Violation:
    return Violation(
        message=f"{_capital(holder[0])} {owner} refers in {field} to {target[0]} "
        f"{shown(missing)}, which does not exist in the strategy.",
        message_nl=f"{_capital(holder[1])} {owner} verwijst in {field} naar {target[1]} "
        f"{shown(missing)}, die niet in de strategie voorkomt.",
        path=path(kind, owner, field),
        subjects=(owner, missing),
    )


def _each_broken(
    holder: _Noun,
    kind: str,
    owner: str,
    field: str,
    target: _Noun,
    ids: Iterable[str],
    known: Collection[str],
) -> Iterator[Violation]:
    for missing in sorted({name for name in ids if name not in known}):
        yield _broken(holder, kind, owner, field, target, missing)


def _allocation_references(strategy: Strategy, memo: Memo) -> Iterator[Violation]:
    sources = {source.id for source in strategy.funding_sources}
    pillars = {pillar.code for pillar in strategy.pillars}
    activities = {activity.id for activity in strategy.activities}
    noun = _ALLOCATION
    for allocation in memo.get(scan).unknown:  # those with a reference that points to nothing
        name = allocation.id
        if allocation.source not in sources:
            yield _broken(noun, "allocations", name, "source", _FUNDING_SOURCE, allocation.source)
        if allocation.pillar not in pillars:
            yield _broken(noun, "allocations", name, "pillar", _PILLAR, allocation.pillar)
        if allocation.activity is not None and allocation.activity not in activities:
            yield _broken(noun, "allocations", name, "activity", _ACTIVITY, allocation.activity)


def _activity_references(strategy: Strategy) -> Iterator[Violation]:
    pillars = {pillar.code for pillar in strategy.pillars}
    roms = {rom.code for rom in strategy.roms}
    activities = {activity.id for activity in strategy.activities}
    noun = _ACTIVITY
    for activity in strategy.activities:
        if (
            activity.pillar in pillars
            and activity.lead in roms
            and roms.issuperset(activity.roms)
            and activities.issuperset(activity.complements)
        ):
            continue  # every reference holds: nothing to sort or name
        name = activity.id
        if activity.pillar not in pillars:
            yield _broken(noun, "activities", name, "pillar", _PILLAR, activity.pillar)
        yield from _each_broken(noun, "activities", name, "roms", _ROM, activity.roms, roms)
        if activity.lead not in roms:
            yield _broken(noun, "activities", name, "lead", _ROM, activity.lead)
        yield from _each_broken(
            noun, "activities", name, "complements", _ACTIVITY, activity.complements, activities
        )


def _other_references(strategy: Strategy) -> Iterator[Violation]:
    provinces = {province.code for province in strategy.provinces}
    motions = {motion.id for motion in strategy.motions}
    for rom in strategy.roms:
        yield from _each_broken(
            _ROM, "roms", rom.code, "provinces", _PROVINCE, rom.provinces, provinces
        )
    for missing in sorted({name for name in strategy.settles if name not in motions}):
        yield Violation(
            message=f"Strategy {strategy.id} settles motion {shown(missing)}, "
            "which does not exist in the strategy.",
            message_nl=f"Strategie {strategy.id} doet motie {shown(missing)} af, "
            "die niet in de strategie voorkomt.",
            path=path("settles", missing),
            subjects=(strategy.id, missing),
        )
    for source in strategy.funding_sources:
        if source.origin is not None and source.origin not in motions:
            yield _broken(
                _FUNDING_SOURCE, "funding_sources", source.id, "origin", _MOTION, source.origin
            )


def _transaction_references(strategy: Strategy) -> Iterator[Violation]:
    if not strategy.transactions:
        return  # without transactions, the allocations' ids are not needed
    allocations = {allocation.id for allocation in strategy.allocations}
    for transaction in strategy.transactions:
        if transaction.allocation not in allocations:
            yield _broken(
                _TRANSACTION,
                "transactions",
                transaction.id,
                "allocation",
                _ALLOCATION,
                transaction.allocation,
            )


def _refers_to_no_motion(strategy: Strategy) -> Strategy:
    """The strategy says it settles motion `no-such-motion`, which it does not hold."""
    return attrs.evolve(strategy, settles=(*strategy.settles, "no-such-motion"))


@rule(
    "RS001",
    Severity.ERROR,
    title="A reference points to nothing",
    title_nl="Een verwijzing wijst naar niets",
    breaks=_refers_to_no_motion,
    keeps=settles_a_settled_motion,
)
@shares
def unknown_reference(strategy: Strategy, memo: Memo) -> Iterator[Violation]:
    """Every id a strategy refers to must exist in it.

    Checked: an allocation's source, pillar and activity; an activity's pillar,
    ROMs, lead and `complements`; a ROM's provinces; the motions the strategy
    settles; a funding source's origin; a transaction's allocation (the
    realisation rules, RS5xx, then skip the transaction). There is one
    finding per missing id; its path is the field that refers, e.g.
    `allocations[al-3].source` or `transactions[tx-1].allocation`, and its
    subjects are the referring object's id (the strategy's id for
    `settles`) and the missing id, in that order.
    """
    yield from _allocation_references(strategy, memo)
    yield from _activity_references(strategy)
    yield from _other_references(strategy)
    yield from _transaction_references(strategy)


_ID: _Noun = ("id", "Het id")
_CODE: _Noun = ("code", "De code")

_BY_ID, _BY_CODE = attrgetter("id"), attrgetter("code")

_KINDS: tuple[tuple[str, _Noun, _Noun, Callable[[Any], str]], ...] = (
    ("principals", _ID, ("principals", "opdrachtgevers"), _BY_ID),
    ("provinces", _CODE, ("provinces", "provincies"), _BY_CODE),
    ("roms", _CODE, ("ROMs", "ROM's"), _BY_CODE),
    ("pillars", _CODE, ("pillars", "pijlers"), _BY_CODE),
    ("motions", _ID, ("motions and amendments", "moties en amendementen"), _BY_ID),
    ("funding_sources", _ID, ("funding sources", "financieringsbronnen"), _BY_ID),
    ("activities", _ID, ("activities", "activiteiten"), _BY_ID),
    ("allocations", _ID, ("allocations", "toewijzingen"), _BY_ID),
    ("transactions", _ID, ("transactions", "transacties"), _BY_ID),
)


def _a_second_first_pillar(strategy: Strategy) -> Strategy:
    """The strategy lists its first pillar twice, so two pillars share a code."""
    return attrs.evolve(strategy, pillars=(*strategy.pillars, strategy.pillars[0]))


def _an_activity_named_like_an_allocation(strategy: Strategy) -> Strategy:
    """An activity takes the id of an allocation: objects of different kinds may share one."""
    return add_activities(strategy, supra_regional(strategy, id=strategy.allocations[0].id))


@rule(
    "RS002",
    Severity.ERROR,
    title="An id is used twice within one kind of object",
    title_nl="Een id komt twee keer voor binnen één soort object",
    breaks=_a_second_first_pillar,
    keeps=_an_activity_named_like_an_allocation,
)
def duplicate_id(strategy: Strategy) -> Iterator[Violation]:
    """Within one kind of object, each id (or code) is used once.

    The kinds are principals, provinces, ROMs, pillars, motions and
    amendments together, funding sources, activities, allocations and
    transactions. There is one finding per duplicated id, with path
    `kind[id]` and the id as its subject. Rules that need the object behind
    an id skip a duplicated one.
    """
    for kind, key, plural, name_of in _KINDS:
        items: tuple[Any, ...] = getattr(strategy, kind)
        for name, count in duplicated(items, name_of).items():
            yield Violation(
                message=f"The {key[0]} {shown(name)} is used by {count} {plural[0]}; "
                "each must be used once.",
                message_nl=f"{key[1]} {shown(name)} wordt door {count} {plural[1]} gebruikt; "
                "elk mag maar één keer voorkomen.",
                path=path(kind, name),
                subjects=(name,),
            )
