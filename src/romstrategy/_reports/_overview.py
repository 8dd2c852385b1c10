"""What the overview report says about a strategy, as data (*overzicht*)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction
from typing import TypeVar

import attrs

from romstrategy._model._display import shown
from romstrategy._model._kinds import argument
from romstrategy._model._money import Money, money_text
from romstrategy._model._motion import Motion
from romstrategy._model._strategy import Activity, Scope, Strategy
from romstrategy._model._summary import budget_balance
from romstrategy._model._vocabulary import Lang
from romstrategy._reports._groups import Key, key_text
from romstrategy._reports._markdown import render_markdown
from romstrategy._reports._overview_tables import tables_html
from romstrategy._reports._progress import (
    JOINT,
    UNASSIGNED,
    Progress,
    allocated_per_year,
    as_of_day,
    progress,
    rom_key,
    rom_order,
)
from romstrategy.rules import Findings, validate

__all__ = ["JOINT", "UNASSIGNED", "Line", "MotionLine", "Overview", "SourceLine", "overview"]


@attrs.frozen
class Line:
    """An amount under a key, with its share of the total allocated.

    Attributes:
        key: a pillar code, a year, a ROM code, or a `Group`: `JOINT` or `UNASSIGNED`.
        titles: a readable name for the key in English and in Dutch.
        amount: the money allocated under the key.
        share: the amount's share of all money allocated, or `None` when
            nothing is allocated.
    """

    key: Key
    titles: tuple[str, str]
    amount: Money
    share: Fraction | None

    def title(self, lang: Lang) -> str:
        """The readable name in `lang`."""
        return self.titles[0] if lang == "en" else self.titles[1]


@attrs.frozen
class SourceLine:
    """A funding source with what has and has not been allocated from it."""

    id: str
    name: str
    kind: str
    amount: Money
    allocated: Money
    unallocated: Money


@attrs.frozen
class MotionLine:
    """A motion, its status, and where it was settled (*vindplaats*)."""

    motion: Motion
    settled_here: bool
    settled_by: str | None


@attrs.frozen(repr=False)
class Overview:
    """The content of the overview report, before it is rendered.

    `str()` is the Markdown report that `romstrategy report` prints, in
    English; a notebook shows its tables in HTML.

    Attributes:
        strategy: the strategy described.
        report: what `validate` found.
        allocated: all money allocated.
        pillars: money per pillar, in the strategy's pillar order.
        years: money per calendar year, from the allocations' schedules
            (*kasritme*) only: each year of the strategy's period and any
            other year a schedule plans, then `Group.NOT_SCHEDULED` for the
            money of allocations without a schedule, never spread by days.
        roms: money per ROM for regional work, then `joint` for
            supra-regional work and `unassigned` for the rest.
        regional: the regional activities.
        supra_regional: the supra-regional activities.
        links: `(supra-regional id, regional id)` for every complement link.
        sources: the funding sources with allocated and unallocated money.
        motions: the motions with their status.
        progress_by_pillar: money allocated, committed and spent per pillar
            (*realisatie*), up to the report's `as_of` day; `None` when the
            strategy has no transactions.
        progress_by_year: the same per calendar year; `None` when the
            strategy has no transactions.
    """

    strategy: Strategy
    report: Findings
    allocated: Money
    pillars: tuple[Line, ...]
    years: tuple[Line, ...]
    roms: tuple[Line, ...]
    regional: tuple[Activity, ...]
    supra_regional: tuple[Activity, ...]
    links: tuple[tuple[str, str], ...]
    sources: tuple[SourceLine, ...]
    motions: tuple[MotionLine, ...]
    progress_by_pillar: Progress | None = None
    progress_by_year: Progress | None = None

    def __str__(self) -> str:
        return render_markdown(self, "en")

    def __repr__(self) -> str:
        return (
            f"Overview(strategy={shown(self.strategy.id)}, "
            f"allocated={money_text(self.allocated, 'en')}, {len(self.pillars)} pillars, "
            f"{len(self.report.findings)} findings)"
        )

    def _repr_html_(self) -> str:
        """The report's tables in HTML, for notebooks; every text escaped."""
        return tables_html(self, "en")


_K = TypeVar("_K", bound=Key)


def _lines(
    cents: Mapping[_K, int], titles: Mapping[_K, tuple[str, str]], total: int
) -> tuple[Line, ...]:
    return tuple(
        Line(
            key=key,
            titles=titles.get(key) or (key_text(key, "en"), key_text(key, "nl")),
            amount=Money.from_cents(amount),
            share=Fraction(amount, total) if total else None,
        )
        for key, amount in cents.items()
    )


def _sum_by(pairs: Iterable[tuple[Key, int]], keys: Iterable[Key] = ()) -> dict[Key, int]:
    totals: dict[Key, int] = dict.fromkeys(keys, 0)
    for key, cents in pairs:
        totals[key] = totals.get(key, 0) + cents
    return totals


def _per_rom(strategy: Strategy) -> dict[Key, int]:
    activities = {activity.id: activity for activity in strategy.activities}
    found = _sum_by((rom_key(a, activities), a.amount.cents) for a in strategy.allocations)
    return {key: found[key] for key in rom_order(strategy, found)}


def _sources(strategy: Strategy) -> tuple[SourceLine, ...]:
    return tuple(
        SourceLine(
            id=source.id,
            name=source.name,
            kind=source.kind.value,
            amount=source.amount,
            allocated=balance.allocated,
            unallocated=balance.unallocated,
        )
        for source, balance in zip(strategy.funding_sources, budget_balance(strategy), strict=True)
    )


def _motions(strategy: Strategy) -> tuple[MotionLine, ...]:
    settles = set(strategy.settles)
    return tuple(
        MotionLine(
            motion=motion,
            settled_here=motion.id in settles,
            settled_by=motion.settled_by.document if motion.settled_by else None,
        )
        for motion in strategy.motions
    )


def _pillar_titles(strategy: Strategy) -> dict[Key, tuple[str, str]]:
    return {p.code: (f"{p.code} {p.title_en}", f"{p.code} {p.title_nl}") for p in strategy.pillars}


def _progress_pair(strategy: Strategy, as_of: object) -> tuple[Progress | None, Progress | None]:
    day = as_of_day(as_of)  # checked in any case, so a bad day is refused alike
    if not strategy.transactions:
        return None, None
    return progress(strategy, by="pillar", as_of=day), progress(strategy, by="year", as_of=day)


def overview(
    strategy: Strategy, report: Findings | None = None, *, as_of: date | str | None = None
) -> Overview:
    """Work out what the overview report says about `strategy`.

    Args:
        strategy: the strategy to describe.
        report: the findings to show; by default `validate(strategy)`.
        as_of: count only transactions dated on or before this day (a date or
            an ISO `YYYY-MM-DD` string), as `progress` does; `None` counts all.

    Raises:
        TypeError: for a strategy or report of the wrong type.
        ValueError: for an `as_of` that is not a date, as `progress` raises it.
    """
    argument(strategy, Strategy, "overview")
    if report is not None:
        argument(report, Findings, "overview(report=...)")
    by_pillar, by_year = _progress_pair(strategy, as_of)
    total = sum(a.amount.cents for a in strategy.allocations)
    pillars = _sum_by(
        ((a.pillar, a.amount.cents) for a in strategy.allocations),
        keys=(p.code for p in strategy.pillars),
    )
    rom_names: dict[Key, tuple[str, str]] = {
        rom.code: (f"{rom.code} {rom.name}", f"{rom.code} {rom.name}") for rom in strategy.roms
    }
    years = allocated_per_year(strategy)
    return Overview(
        strategy=strategy,
        report=validate(strategy) if report is None else report,
        allocated=Money.from_cents(total),
        pillars=_lines(pillars, _pillar_titles(strategy), total),
        years=_lines(years, {}, total),
        roms=_lines(_per_rom(strategy), rom_names, total),
        regional=tuple(a for a in strategy.activities if a.scope is Scope.REGIONAL),
        supra_regional=tuple(a for a in strategy.activities if a.scope is Scope.SUPRA_REGIONAL),
        links=tuple(
            (activity.id, regional)
            for activity in strategy.activities
            if activity.scope is Scope.SUPRA_REGIONAL
            for regional in activity.complements
        ),
        sources=_sources(strategy),
        motions=_motions(strategy),
        progress_by_pillar=by_pillar,
        progress_by_year=by_year,
    )
