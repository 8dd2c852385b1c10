"""Rules about supra-regional work complementing regional work (*complementariteit*).

RS201 to RS205. Supra-regional activities (*bovenregionaal*) involve several
ROMs with a lead among them; they complement (*aanvullen*), and must not
compete with, the regional activities (*regionaal*) of the ROMs that take
part.
"""

from __future__ import annotations

from collections.abc import Iterator

from romstrategy._strategy import Activity, Scope, Strategy
from romstrategy.rules._findings import Finding, Severity
from romstrategy.rules._index import unique_by
from romstrategy.rules._rule import rule
from romstrategy.rules._sweep import competing_pairs
from romstrategy.rules._text import and_en, and_nl, path, period_en, period_nl

__all__ = ["RS201", "RS202", "RS203", "RS204", "RS205"]


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
def RS201(strategy: Strategy) -> Iterator[Finding]:  # noqa: N802  # named by its code
    """A supra-regional activity involves at least two distinct ROMs.

    The path is `activities[id].roms`; the subject the activity's id.
    """
    for activity in strategy.activities:
        if activity.scope is not Scope.SUPRA_REGIONAL:
            continue
        roms = _roms(activity)
        if len(roms) < 2:
            en, nl = ("ROM", "ROM") if len(roms) == 1 else ("ROMs", "ROM's")
            yield Finding(
                code="RS201",
                severity=Severity.ERROR,
                message=f"Supra-regional activity {activity.id} involves {len(roms)} distinct "
                f"{en} ({and_en(roms)}); it needs at least two.",
                message_nl=f"Bovenregionale activiteit {activity.id} heeft {len(roms)} "
                f"{nl} ({and_nl(roms)}); er zijn er minstens twee verschillende nodig.",
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
def RS202(strategy: Strategy) -> Iterator[Finding]:  # noqa: N802  # named by its code
    """An activity's lead ROM (*penvoerder*) is one of the ROMs that take part.

    The path is `activities[id].lead`; the subjects the activity's id, then
    the lead's code.
    """
    for activity in strategy.activities:
        if activity.lead in activity.roms:
            continue
        roms = _roms(activity)
        yield Finding(
            code="RS202",
            severity=Severity.ERROR,
            message=f"Activity {activity.id} has lead ROM {activity.lead}, which is not among "
            f"its ROMs ({and_en(roms)}).",
            message_nl=f"Activiteit {activity.id} heeft penvoerder {activity.lead}, die niet "
            f"bij haar ROM's hoort ({and_nl(roms)}).",
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
def RS203(strategy: Strategy) -> Iterator[Finding]:  # noqa: N802  # named by its code
    """Supra-regional work complements regional work and never competes with it.

    A supra-regional activity competes with a regional activity of one of its
    ROMs when both have the same theme (compared case-folded, trimmed and
    with inner whitespace collapsed) and the same service, their periods
    overlap, and the supra-regional activity does not list the regional one
    in `complements`. There is one finding per pair; its path is
    `activities[supra-id].complements` and its subjects the supra-regional
    activity's id, the regional activity's id, then the shared ROMs, sorted.
    The check sorts and sweeps periods per ROM, theme and service, so it
    takes O(n log n) time, not a comparison of all pairs.
    """
    for pair in competing_pairs(strategy.activities):
        supra, regional, overlap = pair.supra, pair.regional, pair.overlap
        yield Finding(
            code="RS203",
            severity=Severity.ERROR,
            message=f"Supra-regional activity {supra.id} competes with regional activity "
            f"{regional.id} of ROM {and_en(pair.roms)}: same theme {pair.theme!r} "
            f"and service {regional.service.value}, overlapping from {period_en(overlap)}, "
            f"and {supra.id} does not list {regional.id} in complements.",
            message_nl=f"Bovenregionale activiteit {supra.id} concurreert met regionale "
            f"activiteit {regional.id} van ROM {and_nl(pair.roms)}: zelfde thema "
            f"{pair.theme!r} en dienst {regional.service.value}, overlappend van "
            f"{period_nl(overlap)}, en {supra.id} vermeldt {regional.id} niet bij complements "
            "(wat zij aanvult).",
            path=path("activities", supra.id, "complements"),
            subjects=(supra.id, regional.id, *pair.roms),
        )


def _complement_problems(activity: Activity, target: Activity) -> tuple[list[str], list[str]]:
    reasons_en: list[str] = []
    reasons_nl: list[str] = []
    if target.scope is not Scope.REGIONAL:
        reasons_en.append("it is not regional")
        reasons_nl.append("die is niet regionaal")
    if not set(target.roms) & set(activity.roms):
        roms = _roms(target)
        reasons_en.append(f"it is run by {and_en(roms)}, none of which takes part")
        reasons_nl.append(f"die wordt uitgevoerd door {and_nl(roms)}, die geen van alle deelnemen")
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
def RS204(strategy: Strategy) -> Iterator[Finding]:  # noqa: N802  # named by its code
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
                yield Finding(
                    code="RS204",
                    severity=Severity.ERROR,
                    message=f"Activity {activity.id} lists {name} in complements, but "
                    f"{and_en(reasons_en)}.",
                    message_nl=f"Activiteit {activity.id} noemt {name} bij complements, maar "
                    f"{and_nl(reasons_nl)}.",
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
def RS205(strategy: Strategy) -> Iterator[Finding]:  # noqa: N802  # named by its code
    """A regional activity is one ROM's work in its own region.

    The path is `activities[id].roms`; the subject the activity's id.
    """
    for activity in strategy.activities:
        if activity.scope is not Scope.REGIONAL:
            continue
        roms = _roms(activity)
        if len(roms) != 1:
            yield Finding(
                code="RS205",
                severity=Severity.ERROR,
                message=f"Regional activity {activity.id} is run by {len(roms)} ROMs "
                f"({and_en(roms)}); it must be run by exactly one.",
                message_nl=f"Regionale activiteit {activity.id} wordt door {len(roms)} ROM's "
                f"uitgevoerd ({and_nl(roms)}); dat moet er precies één zijn.",
                path=path("activities", activity.id, "roms"),
                subjects=(activity.id,),
            )
