"""One of the Kamer's `Zaak` records read as a motion (*motie*) or amendment (*amendement*).

`read_zaak` makes a `Motion` of a record of `Soort` `Motie` or `Amendement`, or
says why it cannot. What repeats across a whole term (another `Soort`, a
`BesluitSoort` not known, a vote with no outcome yet) is not a warning here
but a count (`Read.counts`), which `from_odata` adds up and says once.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from types import MappingProxyType
from typing import Any

import attrs
import pendulum

from romstrategy._documents._errors import describe
from romstrategy._model._appraisal import Appraisal
from romstrategy._model._display import shown
from romstrategy._model._kamerstuk import KamerstukRef
from romstrategy._model._motion import Motion, MotionKind, MotionStatus, StatusChange
from romstrategy._parliament._decisions import STEPS, TAKEN, Meaning, meaning

__all__ = ["EXPANDED", "Count", "Read", "read_zaak", "record_name"]

_KINDS = MappingProxyType({"Motie": MotionKind.MOTION, "Amendement": MotionKind.AMENDMENT})
"""The `Soort`s read, and the kind each gives; records of any other are counted, not read."""

_APPRAISALS = frozenset(member.value for member in Appraisal)
"""The values of `Kabinetsappreciatie` the library knows."""

EXPANDED = ("Besluit", "ZaakActor", "Kamerstukdossier")
"""The lists a record holds only when the query expands them (`$expand`)."""

_SUBMITTER = "Indiener"
_CO_SUBMITTER = "Medeindiener"
_GESTART_OP = "'2023-07-06T00:00:00+02:00'"
"""A `GestartOp` as the API writes it, for a message."""

_PLAIN = re.compile(r"[0-9A-Za-z][0-9A-Za-z._/-]{0,39}")
"""A `Nummer` shown as it is in a warning; any other is quoted and escaped."""

_LONGEST_TIME = 64
"""The longest date-time read; an ISO date-time is about 25 characters."""

_NOT_NUMBERED = -1
"""The `Volgnummer` of a paper not yet numbered."""

Count = tuple[str, str]
"""What a record adds to a count: its class (`"other Soort"`, ...) and the value."""


@attrs.frozen
class Read:
    """What one record gave (*gelezen zaak*).

    Attributes:
        id: the record's `Id`, by which versions of it are told apart, or `None`.
        changed: its `GewijzigdOp`, to find the latest version, or `None`.
        deleted: whether it is deleted (`Verwijderd`).
        motion: the motion, or `None`.
        warnings: what could not be read, each naming the record.
        counts: what it adds to the counts of the summary.
        expanded: which of `EXPANDED` the record holds; `None` unless it is of
            `Soort` `Motie` or `Amendement`.
    """

    id: str | None
    changed: datetime.datetime | None
    deleted: bool = False
    motion: Motion | None = None
    warnings: tuple[str, ...] = ()
    counts: tuple[Count, ...] = ()
    expanded: frozenset[str] | None = None


def record_name(nummer: str | None, place: str) -> str:
    """A record as a warning names it: by its `Nummer`, else by its place."""
    if nummer is None:
        return place
    return nummer if _PLAIN.fullmatch(nummer) else shown(nummer)


class _Record:
    """One `Zaak` being read: its name in warnings, and the warnings and counts so far."""

    def __init__(self, table: dict[Any, Any], place: str) -> None:
        self.table = table
        self.nummer, self.nummer_problem = text_at(table, "Nummer")
        self.name = record_name(self.nummer, place)
        self.warnings: list[str] = []
        self.counts: list[Count] = []

    def warn(self, what: str, then: str) -> None:
        """Note `what` was found, and `then` what becomes of it."""
        self.warnings.append(f"{self.name}: {what}; {then}")

    def skip(self, what: str) -> None:
        """Note that `what` keeps the record from being a motion."""
        self.warn(what, "the record is skipped")

    def items(self, key: str) -> Iterator[tuple[int, dict[Any, Any]]]:
        """The items of an expanded list, with their places; deleted ones left out."""
        value = self.table.get(key)
        if value is None:
            return
        if not isinstance(value, list):
            self.warn(f"{key} is {describe(value)}, expected an array", "it is left out")
            return
        for index, item in enumerate(value):
            where = f"{key}[{index}]"
            if not isinstance(item, dict):
                self.warn(f"{where} is {describe(item)}, expected a table", "it is left out")
                continue
            deleted = _deleted(item)
            if deleted is None:
                found = describe(item.get("Verwijderd"))
                self.warn(
                    f"{where}: Verwijderd is {found}, expected true or false", "it is left out"
                )
            elif not deleted:
                yield index, item


def read_zaak(table: dict[Any, Any], place: str) -> Read:
    """What one `Zaak` record gives; `place` names it where it has no `Nummer`."""
    identity = table.get("Id") if isinstance(table.get("Id"), str) else None
    changed = moment_of(table.get("GewijzigdOp"))
    deleted = _deleted(table)
    if deleted:
        return Read(identity, changed, deleted=True)
    record = _Record(table, place)
    if deleted is None:
        record.skip(f"Verwijderd is {describe(table.get('Verwijderd'))}, expected true or false")
        return Read(identity, changed, warnings=tuple(record.warnings))
    soort = table.get("Soort")
    kind = _KINDS.get(soort) if isinstance(soort, str) else None
    if kind is None:
        return Read(identity, changed, counts=(("other Soort", _soort_text(soort)),))
    motion = _motion(record, kind)
    expanded = frozenset(key for key in EXPANDED if key in table)
    return Read(
        identity,
        changed,
        motion=motion,
        warnings=tuple(record.warnings),
        counts=tuple(record.counts),
        expanded=expanded,
    )


def _soort_text(soort: object) -> str:
    """A `Soort` as counted: its text, or what it is in parentheses."""
    if isinstance(soort, str) and soort.strip():
        return soort.strip()
    return "(no Soort)" if soort is None else f"({describe(soort)})"


def _motion(record: _Record, kind: MotionKind) -> Motion | None:
    """The motion of a record of a kind read, or `None` with the warnings that say why."""
    if record.nummer_problem is not None:
        record.skip(record.nummer_problem)
    subject, problem = text_at(record.table, "Onderwerp")
    if problem is not None:
        record.skip(problem)
    day = _day(record)
    submitter, co_submitters = _actors(record)
    decisions = _decisions(record)
    appraisal = _appraisal(record)
    kamerstuk = _kamerstuk(record)
    if record.nummer is None or subject is None or day is None or submitter is None:
        return None
    try:
        return Motion(
            id=record.nummer,
            kind=kind,
            title=subject,
            submitter=submitter,
            co_submitted=bool(co_submitters),
            co_submitters=co_submitters,
            submitted_on=day,
            request=subject,
            history=(StatusChange(status=MotionStatus.SUBMITTED, on=day), *decisions),
            kamerstuk=kamerstuk,
            appraisal=appraisal,
        )
    except ValueError as error:  # a FieldError: the value named by the model's own words
        record.skip(str(error))
        return None


def _day(record: _Record) -> pendulum.Date | None:
    """The date of `GestartOp` as written: its offset is the Kamer's own time."""
    value = record.table.get("GestartOp")
    if value is None:
        record.skip("no GestartOp")
        return None
    moment = moment_of(value)
    if moment is None:
        record.skip(f"GestartOp is {describe(value)}, expected a date-time such as {_GESTART_OP}")
        return None
    return pendulum.Date(moment.year, moment.month, moment.day)


def moment_of(value: object) -> datetime.datetime | None:
    """An ISO date-time as written, never moved to another offset; `None` if it is not one."""
    if not isinstance(value, str) or len(value) > _LONGEST_TIME:
        return None
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        return None


def _actors(record: _Record) -> tuple[str | None, tuple[str, ...]]:
    """The submitter (*indiener*) and the co-submitters (*medeindieners*), in record order."""
    submitters: list[str] = []
    co_submitters: list[str] = []
    for index, actor in record.items("ZaakActor"):
        relation = actor.get("Relatie")
        relation = relation.strip() if isinstance(relation, str) else relation
        if relation not in (_SUBMITTER, _CO_SUBMITTER):
            continue  # a committee (*voortouwcommissie*) and the like are not read
        name, problem = text_at(actor, "ActorNaam")
        if name is None:
            record.warn(f"ZaakActor[{index}] ({relation}): {problem}", "it is left out")
        elif relation == _SUBMITTER:
            submitters.append(name)
        else:
            co_submitters.append(name)
    if not submitters:
        if "ZaakActor" in record.table:  # a record not expanded is said once, for all
            record.skip("no Indiener: no ZaakActor with Relatie 'Indiener' and an ActorNaam")
        return None, tuple(co_submitters)
    if len(submitters) > 1:
        names = shown(tuple(submitters))
        record.warn(f"{len(submitters)} Indieners {names}", "the first is the submitter")
    return submitters[0], tuple(co_submitters)


def _decisions(record: _Record) -> list[StatusChange]:
    """One step without a date for each decision taken that is an outcome, in record order."""
    steps: list[StatusChange] = []
    for index, decision in record.items("Besluit"):
        soort = decision.get("BesluitSoort")
        if soort is None:
            record.counts.append(("no BesluitSoort", ""))
        elif not isinstance(soort, str):
            found = describe(soort)
            record.warn(
                f"Besluit[{index}]: BesluitSoort is {found}, expected text",
                "the decision is left out",
            )
        else:
            step = _step(record, decision, soort.strip())
            if step is not None and (not steps or steps[-1] != step):
                steps.append(step)
    # A motion is held before it is voted on: the record's order is not always the Kamer's.
    return sorted(steps, key=lambda step: step.status is not MotionStatus.HELD)


def _step(record: _Record, decision: dict[Any, Any], soort: str) -> StatusChange | None:
    """The step a decision of `soort` is, if it was taken and is an outcome; else counted."""
    found = meaning(soort)
    if found is Meaning.UNKNOWN:
        record.counts.append(("unknown BesluitSoort", soort))
        return None
    status = decision.get("Status")
    status = status.strip() if isinstance(status, str) else status
    if found is Meaning.PROCEDURE:
        record.counts.append(("procedure", soort))
        return None
    if status != TAKEN:
        record.counts.append(("not taken", status if isinstance(status, str) else "no Status"))
        return None
    if found is Meaning.PENDING:
        record.counts.append(("no outcome yet", soort))
        return None
    reached, how = STEPS[soort]
    return StatusChange(status=reached, how=how)


def _appraisal(record: _Record) -> str | None:
    """The cabinet's appraisal (*kabinetsappreciatie*), as the Kamer writes it, stripped."""
    value = record.table.get("Kabinetsappreciatie")
    if value is None:
        return None
    if not isinstance(value, str):
        found = describe(value)
        record.warn(f"Kabinetsappreciatie is {found}, expected text or null", "it is left out")
        return None
    text = value.strip()
    if not text:
        return None
    if text not in _APPRAISALS:
        record.counts.append(("unknown Kabinetsappreciatie", text))
    return text


def _kamerstuk(record: _Record) -> KamerstukRef | None:
    """The first dossier's number and suffix, with the record's `Volgnummer`."""
    first = next(record.items("Kamerstukdossier"), None)
    number = record.table.get("Volgnummer")
    if first is None or number is None or number == _NOT_NUMBERED:
        return None
    index, dossier = first
    problems = [
        *_whole_problem(dossier.get("Nummer"), f"Kamerstukdossier[{index}]", "Nummer"),
        *_whole_problem(number, "", "Volgnummer"),
    ]
    suffix = dossier.get("Toevoeging")
    if suffix is not None and not isinstance(suffix, str):
        found = describe(suffix)
        problems.append(f"Kamerstukdossier[{index}]: Toevoeging is {found}, expected text or null")
    for problem in problems:
        record.warn(problem, "the kamerstuk is left out")
    if problems:
        return None
    try:
        suffix = suffix.strip() if suffix else None
        return KamerstukRef(dossier=dossier["Nummer"], suffix=suffix or None, number=number)
    except ValueError as error:
        record.warn(str(error), "the kamerstuk is left out")
        return None


def _whole_problem(value: object, where: str, key: str) -> list[str]:
    """What is wrong with a whole number `key` of `where`: nothing, or one problem."""
    if type(value) is int:
        return []
    if value is None:
        return [f"{where} has no {key}"]
    prefix = f"{where}: " if where else ""
    return [f"{prefix}{key} is {describe(value)}, expected a whole number"]


def text_at(table: dict[Any, Any], key: str) -> tuple[str | None, str | None]:
    """The text at `key` without surrounding whitespace, or `None` and what is wrong with it."""
    value = table.get(key)
    if value is None:
        return None, f"no {key}"
    if not isinstance(value, str) or not value.strip():
        return None, f"{key} is {describe(value)}, expected text that is not empty"
    return value.strip(), None


def _deleted(table: dict[Any, Any]) -> bool | None:
    """Whether a record or item is deleted (*verwijderd*); `None` where unreadable."""
    value = table.get("Verwijderd")
    if value is None:
        return False
    return value if isinstance(value, bool) else None
