"""Rules about supra-regional work complementing regional work (*complementariteit*).

RS201 to RS205. Supra-regional activities (*bovenregionaal*) involve several
ROMs with a lead among them; they complement (*aanvullen*), and must not
compete with, the regional activities (*regionaal*) of the ROMs that take
part.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from romstrategy._model._display import shown
from romstrategy._model._period import Period
from romstrategy._model._strategy import Activity, Scope, Strategy
from romstrategy._model._vocabulary import join, label, period
from romstrategy._rules._changes import add_activities, supra_regional
from romstrategy._rules._findings import Severity, Violation
from romstrategy._rules._index import unique_by
from romstrategy._rules._rivals import Rivalry, rivalries
from romstrategy._rules._rule import rule
from romstrategy._rules._text import normalise_theme, path

__all__ = [
    "competes_with_regional_work",
    "complements_the_wrong_activity",
    "lead_outside_its_roms",
    "regional_without_exactly_one_rom",
    "supra_regional_with_one_rom",
]


def _roms(activity: Activity) -> tuple[str, ...]:
    return tuple(sorted(set(activity.roms)))


_REGIONAL = "Example regional activity"


def _one_rom_twice(strategy: Strategy) -> Strategy:
    """A supra-regional activity lists one ROM twice: one distinct ROM."""
    lead = strategy.roms[0].code
    return add_activities(
        strategy, supra_regional(strategy, id="example-alone", roms=(lead, lead))
    )


def _two_roms(strategy: Strategy) -> Strategy:
    """A supra-regional activity of two different ROMs."""
    return add_activities(strategy, supra_regional(strategy, id="example-pair"))


@rule(
    "RS201",
    Severity.ERROR,
    title="A supra-regional activity involves fewer than two ROMs",
    title_nl="Een bovenregionale activiteit heeft minder dan twee ROM's",
    breaks=_one_rom_twice,
    keeps=_two_roms,
)
def supra_regional_with_one_rom(strategy: Strategy) -> Iterator[Violation]:
    """A supra-regional activity involves at least two distinct ROMs.

    The path is `activities[id].roms`; the subject the activity's id.
    """
    for activity in strategy.activities:
        if activity.scope is not Scope.SUPRA_REGIONAL or len(set(activity.roms)) >= 2:
            continue
        roms = _roms(activity)
        if len(roms) < 2:
            noun = "rom" if len(roms) == 1 else "roms"
            yield Violation(
                message=f"Supra-regional activity {activity.id} involves {len(roms)} distinct "
                f"{label(noun, 'en')} ({join(roms, 'en')}); it needs at least two.",
                message_nl=f"Bovenregionale activiteit {activity.id} heeft {len(roms)} "
                f"{label(noun, 'nl')} ({join(roms, 'nl')}); er zijn er minstens twee "
                "verschillende nodig.",
                path=path("activities", activity.id, "roms"),
                subjects=(activity.id,),
            )


def _led_from_outside(strategy: Strategy) -> Strategy:
    """A supra-regional activity of the first two ROMs is led by the third."""
    outsider = strategy.roms[2].code
    return add_activities(strategy, supra_regional(strategy, id="example-led", lead=outsider))


def _led_from_inside(strategy: Strategy) -> Strategy:
    """The same activity, led by the first of its own two ROMs."""
    return add_activities(strategy, supra_regional(strategy, id="example-led"))


@rule(
    "RS202",
    Severity.ERROR,
    title="An activity's lead ROM is not among its ROMs",
    title_nl="De penvoerder van een activiteit hoort niet bij haar ROM's",
    breaks=_led_from_outside,
    keeps=_led_from_inside,
)
def lead_outside_its_roms(strategy: Strategy) -> Iterator[Violation]:
    """An activity's lead ROM (*penvoerder*) is one of the ROMs that take part.

    The path is `activities[id].lead`; the subjects the activity's id, then
    the lead's code.
    """
    for activity in strategy.activities:
        if activity.lead in activity.roms:
            continue
        roms = _roms(activity)
        yield Violation(
            message=f"Activity {activity.id} has lead ROM {activity.lead}, which is not among "
            f"its ROMs ({join(roms, 'en')}).",
            message_nl=f"Activiteit {activity.id} heeft penvoerder {activity.lead}, die niet "
            f"bij haar ROM's hoort ({join(roms, 'nl')}).",
            path=path("activities", activity.id, "lead"),
            subjects=(activity.id, activity.lead),
        )


def _competing_pair(strategy: Strategy, *, complemented: bool) -> Strategy:
    supra = supra_regional(strategy, id="example-competing")
    regional = attrs.evolve(
        supra, id="example-regional", scope=Scope.REGIONAL, roms=(supra.lead,), title=_REGIONAL
    )
    if complemented:
        supra = attrs.evolve(supra, complements=(regional.id,))
    return add_activities(strategy, supra, regional)


def _competes(strategy: Strategy) -> Strategy:
    """A supra-regional activity and its lead's regional one share theme, service and period.

    The supra-regional one does not say it complements the regional one.
    """
    return _competing_pair(strategy, complemented=False)


def _complements(strategy: Strategy) -> Strategy:
    """The same two activities, with the regional one in the supra-regional one's complements."""
    return _competing_pair(strategy, complemented=True)


@rule(
    "RS203",
    Severity.ERROR,
    title="A supra-regional activity competes with a regional activity",
    title_nl="Een bovenregionale activiteit concurreert met een regionale activiteit",
    breaks=_competes,
    keeps=_complements,
)
def competes_with_regional_work(strategy: Strategy) -> Iterator[Violation]:
    """Supra-regional work complements regional work and never competes with it.

    A supra-regional activity competes with a regional activity of one of its
    ROMs when both have the same theme (compared case-folded, trimmed and
    with inner whitespace collapsed) and the same service, their periods
    overlap, and the supra-regional activity does not list the regional one
    in `complements`. There is one finding per supra-regional activity that
    competes; its path is `activities[supra-id].complements`, its subjects
    the supra-regional activity's id and then the ids of its first five
    rivals by start date, then id. The message counts the rivals per ROM and
    names those five with the days both run; `romstrategy.rules.competing_pairs`
    gives every competing pair. The check sorts periods per ROM, theme and
    service: it takes O(n log n) time, and memory that grows with the
    activities, however many pairs compete.
    """
    for rivalry in rivalries(strategy.activities, _NAMED):
        yield _competition(rivalry)


_NAMED = 5
"""How many rivals an RS203 finding names."""


def _competition(rivalry: Rivalry) -> Violation:
    supra, first = rivalry.supra, rivalry.first
    theme, service = normalise_theme(supra.theme), supra.service.value
    subjects = (supra.id, *(regional.id for regional in first))
    where = path("activities", supra.id, "complements")
    if len(first) == 1 and all(count == 1 for _, count in rivalry.counts):  # one rival
        regional = first[0]
        roms, overlap = _shared(supra, regional)
        return Violation(
            message=f"Supra-regional activity {supra.id} competes with regional activity "
            f"{regional.id} of ROM {join(roms, 'en')}: same theme {shown(theme)} and service "
            f"{service}, overlapping from {period(overlap, 'en')}, and {supra.id} does not list "
            f"{regional.id} in complements.",
            message_nl=f"Bovenregionale activiteit {supra.id} concurreert met regionale "
            f"activiteit {regional.id} van ROM {join(roms, 'nl')}: zelfde thema {shown(theme)} en "
            f"dienst {service}, overlappend van {period(overlap, 'nl')}, en {supra.id} vermeldt "
            f"{regional.id} niet bij complements (wat zij aanvult).",
            path=where,
            subjects=subjects,
        )
    rivals_en, rivals_nl = _rivals(rivalry)
    return Violation(
        message=f"Supra-regional activity {supra.id} competes with {rivals_en}: same theme "
        f"{shown(theme)} and service {service}, with overlapping periods, and {supra.id} lists "
        "none of them in complements.",
        message_nl=f"Bovenregionale activiteit {supra.id} concurreert met {rivals_nl}: "
        f"zelfde thema {shown(theme)} en dienst {service}, met overlappende periodes, en "
        f"{supra.id} vermeldt geen van hen bij complements (wat zij aanvult).",
        path=where,
        subjects=subjects,
    )


def _rivals(rivalry: Rivalry) -> tuple[str, str]:
    """The rivals counted and the first ones named, in English and in Dutch."""
    supra = rivalry.supra
    named = [(r, *_shared(supra, r)) for r in rivalry.first]
    names_en = [
        f"{r.id} of ROM {join(roms, 'en')} ({period(days, 'en')})" for r, roms, days in named
    ]
    names_nl = [
        f"{r.id} van ROM {join(roms, 'nl')} ({period(days, 'nl')})" for r, roms, days in named
    ]
    if not named:  # ids used thousands of times hid the rivals' names (RS002)
        counts = [f"{rom} ({count})" for rom, count in rivalry.counts]
        return (
            f"regional activities of ROM {join(counts, 'en')}",
            f"regionale activiteiten van ROM {join(counts, 'nl')}",
        )
    if len(rivalry.counts) == 1:
        total = rivalry.counts[0][1]
        more = total - len(named)
        return (
            f"{total} regional activities, {join(names_en, 'en', more=more)}",
            f"{total} regionale activiteiten, {join(names_nl, 'nl', more=more)}",
        )
    counts = [f"{rom} ({count})" for rom, count in rivalry.counts]
    return (
        f"regional activities of ROM {join(counts, 'en')}, such as {join(names_en, 'en')}",
        f"regionale activiteiten van ROM {join(counts, 'nl')}, zoals {join(names_nl, 'nl')}",
    )


def _shared(supra: Activity, regional: Activity) -> tuple[tuple[str, ...], Period]:
    """The ROMs both involve, sorted, and the days both run."""
    overlap = supra.period.intersection(regional.period)
    assert overlap is not None  # rivals overlap by definition
    return tuple(sorted(set(supra.roms) & set(regional.roms))), overlap


def _complement_problems(activity: Activity, target: Activity) -> tuple[list[str], list[str]]:
    reasons_en: list[str] = []
    reasons_nl: list[str] = []
    if target.scope is not Scope.REGIONAL:
        reasons_en.append("it is not regional")
        reasons_nl.append("die is niet regionaal")
    if set(target.roms).isdisjoint(activity.roms):
        roms = _roms(target)
        reasons_en.append(f"it is run by {join(roms, 'en')}, none of which takes part")
        reasons_nl.append(
            f"die wordt uitgevoerd door {join(roms, 'nl')}, die geen van alle deelnemen"
        )
    return reasons_en, reasons_nl


def _complements_a_supra_regional_one(strategy: Strategy) -> Strategy:
    """A supra-regional activity lists another supra-regional activity in its complements."""
    first = supra_regional(strategy, id="example-first")
    second = supra_regional(strategy, id="example-second", complements=(first.id,))
    return add_activities(strategy, first, second)


def _complements_its_lead_s_regional_one(strategy: Strategy) -> Strategy:
    """It lists a regional activity of its own lead instead."""
    supra = supra_regional(strategy, id="example-second")
    regional = attrs.evolve(
        supra, id="example-own-regional", scope=Scope.REGIONAL, roms=(supra.lead,), title=_REGIONAL
    )
    return add_activities(strategy, regional, attrs.evolve(supra, complements=(regional.id,)))


@rule(
    "RS204",
    Severity.ERROR,
    title="A complements entry points to the wrong kind of activity",
    title_nl="Een complements-verwijzing wijst naar een verkeerde activiteit",
    breaks=_complements_a_supra_regional_one,
    keeps=_complements_its_lead_s_regional_one,
)
def complements_the_wrong_activity(strategy: Strategy) -> Iterator[Violation]:
    """An activity complements only regional activities of ROMs that take part in it.

    A `complements` entry that points to nothing is RS001, not this rule.
    There is one finding per entry; its path is `activities[id].complements`
    and its subjects the activity's id, then the entry's id.
    """
    activities = unique_by(strategy.activities, lambda a: a.id)
    for activity in strategy.activities:
        if not activity.complements:
            continue
        for name in sorted(set(activity.complements)):
            target = activities.get(name)
            if target is None:
                continue
            if target.scope is Scope.REGIONAL and not set(target.roms).isdisjoint(activity.roms):
                continue  # a regional activity of a ROM that takes part: as it should be
            reasons_en, reasons_nl = _complement_problems(activity, target)
            if reasons_en:
                yield Violation(
                    message=f"Activity {activity.id} lists {name} in complements, but "
                    f"{join(reasons_en, 'en')}.",
                    message_nl=f"Activiteit {activity.id} noemt {name} bij complements, maar "
                    f"{join(reasons_nl, 'nl')}.",
                    path=path("activities", activity.id, "complements"),
                    subjects=(activity.id, name),
                )


def _regional_of_two(strategy: Strategy) -> Strategy:
    """A regional activity lists two ROMs."""
    regional = supra_regional(strategy, id="example-two", scope=Scope.REGIONAL, title=_REGIONAL)
    return add_activities(strategy, regional)


def _regional_of_one(strategy: Strategy) -> Strategy:
    """A regional activity lists its lead ROM alone."""
    regional = supra_regional(strategy, id="example-one", scope=Scope.REGIONAL, title=_REGIONAL)
    return add_activities(strategy, attrs.evolve(regional, roms=(regional.lead,)))


@rule(
    "RS205",
    Severity.ERROR,
    title="A regional activity is run by other than exactly one ROM",
    title_nl="Een regionale activiteit heeft niet precies één ROM",
    breaks=_regional_of_two,
    keeps=_regional_of_one,
)
def regional_without_exactly_one_rom(strategy: Strategy) -> Iterator[Violation]:
    """A regional activity is one ROM's work in its own region.

    The path is `activities[id].roms`; the subject the activity's id.
    """
    for activity in strategy.activities:
        if activity.scope is not Scope.REGIONAL or len(set(activity.roms)) == 1:
            continue
        roms = _roms(activity)
        if len(roms) != 1:
            yield Violation(
                message=f"Regional activity {activity.id} is run by {len(roms)} ROMs "
                f"({join(roms, 'en')}); it must be run by exactly one.",
                message_nl=f"Regionale activiteit {activity.id} wordt door {len(roms)} ROM's "
                f"uitgevoerd ({join(roms, 'nl')}); dat moet er precies één zijn.",
                path=path("activities", activity.id, "roms"),
                subjects=(activity.id,),
            )
