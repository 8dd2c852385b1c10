"""Rules about supra-regional work complementing regional work (*complementariteit*).

RS201 to RS205. Supra-regional activities (*bovenregionaal*) involve several
ROMs with a lead among them; they complement (*aanvullen*), and must not
compete with, the regional activities (*regionaal*) of the ROMs that take
part.
"""

from __future__ import annotations

from collections.abc import Iterator

from romstrategy._model._period import Period
from romstrategy._model._strategy import Activity, Scope, Strategy
from romstrategy._model._vocabulary import join, label, period
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


@rule(
    "RS201",
    Severity.ERROR,
    title="A supra-regional activity involves fewer than two ROMs",
    title_nl="Een bovenregionale activiteit heeft minder dan twee ROM's",
    failing_example="Supra-regional activity act-1 lists ROMs NOM and NOM: one distinct ROM.",
    passing_example="Supra-regional activity act-1 lists ROMs NOM and OOST.",
)
def supra_regional_with_one_rom(strategy: Strategy) -> Iterator[Violation]:
    """A supra-regional activity involves at least two distinct ROMs.

    The path is `activities[id].roms`; the subject the activity's id.
    """
    for activity in strategy.activities:
        if activity.scope is not Scope.SUPRA_REGIONAL:
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


@rule(
    "RS202",
    Severity.ERROR,
    title="An activity's lead ROM is not among its ROMs",
    title_nl="De penvoerder van een activiteit hoort niet bij haar ROM's",
    failing_example="Activity act-1 is run by NOM and OOST with lead BOM.",
    passing_example="Activity act-1 is run by NOM and OOST with lead NOM.",
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


@rule(
    "RS203",
    Severity.ERROR,
    title="A supra-regional activity competes with a regional activity",
    title_nl="Een bovenregionale activiteit concurreert met een regionale activiteit",
    failing_example="Supra-regional act-s (NOM, OOST; 'Energy transition', "
    "ecosystem-development, 2024) and NOM's regional act-r ('energy  transition', "
    "ecosystem-development, 2024-07-01 to 2025-06-30), and act-s does not list act-r in "
    "complements.",
    passing_example="The same, with act-r in act-s's complements; or act-r running from "
    "2025-01-01, so that the periods touch but do not overlap.",
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
            f"{regional.id} of ROM {join(roms, 'en')}: same theme {theme!r} and service "
            f"{service}, overlapping from {period(overlap, 'en')}, and {supra.id} does not list "
            f"{regional.id} in complements.",
            message_nl=f"Bovenregionale activiteit {supra.id} concurreert met regionale "
            f"activiteit {regional.id} van ROM {join(roms, 'nl')}: zelfde thema {theme!r} en "
            f"dienst {service}, overlappend van {period(overlap, 'nl')}, en {supra.id} vermeldt "
            f"{regional.id} niet bij complements (wat zij aanvult).",
            path=where,
            subjects=subjects,
        )
    rivals_en, rivals_nl = _rivals(rivalry)
    return Violation(
        message=f"Supra-regional activity {supra.id} competes with {rivals_en}: same theme "
        f"{theme!r} and service {service}, with overlapping periods, and {supra.id} lists "
        "none of them in complements.",
        message_nl=f"Bovenregionale activiteit {supra.id} concurreert met {rivals_nl}: "
        f"zelfde thema {theme!r} en dienst {service}, met overlappende periodes, en "
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
            f"{total} regional activities, "
            f"{join(names_en + ([f'{more} more'] if more else []), 'en')}",
            f"{total} regionale activiteiten, "
            f"{join(names_nl + ([f'nog {more}'] if more else []), 'nl')}",
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
    if not set(target.roms) & set(activity.roms):
        roms = _roms(target)
        reasons_en.append(f"it is run by {join(roms, 'en')}, none of which takes part")
        reasons_nl.append(
            f"die wordt uitgevoerd door {join(roms, 'nl')}, die geen van alle deelnemen"
        )
    return reasons_en, reasons_nl


@rule(
    "RS204",
    Severity.ERROR,
    title="A complements entry points to the wrong kind of activity",
    title_nl="Een complements-verwijzing wijst naar een verkeerde activiteit",
    failing_example="Supra-regional act-s (NOM, OOST) lists act-r in complements, but act-r "
    "is LIOF's regional activity.",
    passing_example="act-s lists act-r, a regional activity of NOM, which takes part in act-s.",
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


@rule(
    "RS205",
    Severity.ERROR,
    title="A regional activity is run by other than exactly one ROM",
    title_nl="Een regionale activiteit heeft niet precies één ROM",
    failing_example="Regional activity act-r lists ROMs NOM and OOST.",
    passing_example="Regional activity act-r lists ROM NOM alone.",
)
def regional_without_exactly_one_rom(strategy: Strategy) -> Iterator[Violation]:
    """A regional activity is one ROM's work in its own region.

    The path is `activities[id].roms`; the subject the activity's id.
    """
    for activity in strategy.activities:
        if activity.scope is not Scope.REGIONAL:
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
