"""Motions from the Tweede Kamer's open data (*open data van de Tweede Kamer*), read offline.

`from_odata` reads `Zaak` records of the Kamer's OData API (v4) as they are
saved with `$expand=Besluit,ZaakActor,Kamerstukdossier`, and makes a `Motion`
of each motion (*motie*) and amendment (*amendement*). It reads what was
saved, never the network.

A record that cannot be read whole gives a warning, never an exception; only
input that is not such an answer at all is a `DocumentError`. The Kamer's
`Afgedaan` says that the Kamer finished handling a record, after a vote
either way: it is never read as settled (*afgedaan*), which is the
government's act, so no motion read here is ever settled or in progress.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import pendulum

from romstrategy._documents._errors import DocumentError, Problem, describe
from romstrategy._documents._formats import MAX_BYTES, parse_value
from romstrategy._model._display import shown
from romstrategy._model._error import ArgumentTypeError
from romstrategy._model._kamerstuk import KamerstukRef
from romstrategy._model._motion import Motion, MotionKind, MotionStatus, StatusChange
from romstrategy._parliament._motion_lines import motion_lines, motions_html
from romstrategy._writing import naming

__all__ = ["OdataImport", "from_odata"]

_KINDS = MappingProxyType({"Motie": MotionKind.MOTION, "Amendement": MotionKind.AMENDMENT})
"""The `Soort`s read, and the kind each gives; records of any other are skipped."""

_DECISIONS = MappingProxyType(
    {
        "Stemmen - aangenomen": MotionStatus.ADOPTED,
        "Stemmen - verworpen": MotionStatus.REJECTED,
        "Stemmen - ingetrokken": MotionStatus.WITHDRAWN,
        "Stemmen - aangehouden": MotionStatus.HELD,
    }
)
"""The `BesluitSoort`s read, and the status each gives (*besluit*)."""

_APPRECIATIONS = frozenset(
    {"Oordeel Kamer", "Ontraden", "Overgenomen", "Niet van toepassing", "Nog niet bekend"}
)
"""The known values of `Kabinetsappreciatie`; the motion does not hold it."""

_SUBMITTER = "Indiener"
_CO_SUBMITTER = "Medeindiener"
_GESTART_OP = "'2023-07-06T00:00:00+02:00'"
"""A `GestartOp` as the API writes it, for a message."""

_PLAIN = re.compile(r"[0-9A-Za-z][0-9A-Za-z._/-]{0,39}")
"""A `Nummer` shown as it is in a warning; any other is quoted and escaped."""

_NEXT_PAGE = (
    "the answer has an @odata.nextLink: more records are on another page, which was not read"
)
"""The warning for an answer that has more pages."""

_LONGEST_TIME = 64
"""The longest `GestartOp` read; an ISO date-time is about 25 characters."""


@attrs.frozen(repr=False)
class OdataImport:
    """What `from_odata` read (*import uit open data*).

    `str()` is what `romstrategy motions` prints, a line per motion; a
    notebook shows the motions as an HTML table.

    Attributes:
        motions: the motions and amendments read, in order of `submitted_on`,
            then `id`.
        warnings: what was skipped or left out, in the order of the records;
            each names the record by its `Nummer` (or as `record 3`, counted
            from 1, where it has none) and quotes the value.
    """

    motions: tuple[Motion, ...]
    warnings: tuple[str, ...]

    def __str__(self) -> str:
        return "\n".join(motion_lines(self.motions))

    def __repr__(self) -> str:
        motions, warnings = _counted(self.motions, "motion"), _counted(self.warnings, "warning")
        return f"OdataImport({motions}, {warnings})"

    def _repr_html_(self) -> str:
        """The motions as an HTML table, the count of warnings in its caption."""
        return motions_html(_counted(self.warnings, "warning"), self.motions)


def _counted(items: tuple[object, ...], noun: str) -> str:
    return f"{len(items)} {noun}" + ("" if len(items) == 1 else "s")


def from_odata(data: object) -> OdataImport:
    """Read motions and amendments from `Zaak` records of the Tweede Kamer's OData API.

    The records are those of a saved answer of the API (v4), asked with
    `$expand=Besluit,ZaakActor,Kamerstukdossier`. Each record of `Soort`
    `Motie` or `Amendement` gives a motion: its `Nummer` is the id, its
    `Onderwerp` the title and the request, the `ZaakActor` whose `Relatie` is
    `Indiener` the submitter and those that are `Medeindiener` the
    co-submitters; the date of `GestartOp`, as written in the Kamer's time,
    is the day it was submitted. The first `Kamerstukdossier` and the
    record's `Volgnummer` give its Kamerstuk. Its history is submitted, then
    one step without a date for each vote (`BesluitSoort` `Stemmen -
    aangenomen`, `- verworpen`, `- ingetrokken` or `- aangehouden`), held
    first, then the others in the record's order.

    Deleted records and items (`Verwijderd`) are left out silently; the
    Kamer's `Afgedaan` is never read as settled. Anything else that cannot
    be read gives a warning: another `Soort`, an unknown `BesluitSoort` or
    `Kabinetsappreciatie`, a record that lacks what a motion needs, a
    `Nummer` used twice (both motions are kept; rule RS002 reports them).
    An answer with an `@odata.nextLink` has more pages, which are not read:
    a warning says so. The network is never used.

    Args:
        data: the parsed JSON answer, a table with a `value` array of `Zaak`
            records, or an array of them; or the path of a JSON file that
            holds either.

    Raises:
        DocumentError: for input that is not such an answer: text that is
            not JSON, another top level, an item that is not a table; every
            problem with its path, labelled with the file.
        OSError: when the file cannot be read; it names the path.
        TypeError: for a str that holds JSON text rather than a path.
    """
    if isinstance(data, str) and _json_text(data) and not os.path.exists(data):
        raise ArgumentTypeError(
            f"from_odata: got a str that holds JSON text, {shown(data)}; pass the parsed JSON "
            "(json.loads(text)) or the path of a file"
        )
    if isinstance(data, str | os.PathLike):
        file = Path(os.fsdecode(data))
        answer, source = _answer_in(file), str(file)
    else:
        answer, source = data, None
    records = _records(answer, source)
    more = isinstance(answer, dict) and answer.get("@odata.nextLink") is not None
    warnings = [_NEXT_PAGE] if more else []
    motions = _motions(records, warnings)
    return OdataImport(tuple(motions), tuple(warnings))


def _json_text(data: str) -> bool:
    """Whether `data` starts as a JSON object or array does, after spaces and a BOM."""
    return data.lstrip().removeprefix("\ufeff").lstrip()[:1] in ("{", "[")


def _motions(records: list[dict[Any, Any]], warnings: list[str]) -> list[Motion]:
    """The motions of the records in order of submission, then id; warnings in record order."""
    motions: list[Motion] = []
    first_place: dict[str, int] = {}
    for place, table in enumerate(records):
        motion, found = _read(table, place)
        warnings += found
        if motion is None:
            continue
        first = first_place.setdefault(motion.id, place)
        if first != place:
            warnings.append(
                f"{_name(motion.id, place)}: Nummer also names record {first + 1}; "
                "both are kept, and rule RS002 reports the duplicate id"
            )
        motions.append(motion)
    return sorted(motions, key=lambda motion: (motion.submitted_on, motion.id))


# --- the answer -----------------------------------------------------------------------------


def _answer_in(file: Path) -> object:
    """The parsed JSON of `file`; one larger than `MAX_BYTES` is refused unread."""
    try:
        with file.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_BYTES:
                too_large = f"the document has {size} bytes, more than the limit of {MAX_BYTES}"
                raise DocumentError([Problem("$", too_large)])
            raw = stream.read(MAX_BYTES + 1)
        return parse_value(raw, "json")
    except DocumentError as error:
        raise DocumentError(error.problems, source=str(file)) from None
    except OSError as error:  # reading a folder names a handle, not the path
        raise naming(error, file) from None


def _records(answer: object, source: str | None) -> list[dict[Any, Any]]:
    """The `Zaak` records of an answer, or a `DocumentError` naming every item that is not one."""
    if isinstance(answer, dict) and "value" in answer:
        items, path = answer["value"], "$.value"
    elif isinstance(answer, list):
        items, path = answer, "$"
    else:
        found = 'a table without "value"' if isinstance(answer, dict) else describe(answer)
        message = (
            'expected the answer of the OData API, a table with a "value" array of Zaak '
            f"records, or an array of Zaak records; found {found}"
        )
        raise DocumentError([Problem("$", message)], source)
    if not isinstance(items, list):
        message = f"expected an array of Zaak records, found {describe(items)}"
        raise DocumentError([Problem(path, message)], source)
    problems = [
        Problem(f"{path}[{index}]", f"expected a Zaak record (a table), found {describe(item)}")
        for index, item in enumerate(items)
        if not isinstance(item, dict)
    ]
    if problems:
        raise DocumentError(problems, source)
    return items


# --- one record -----------------------------------------------------------------------------


class _Record:
    """One `Zaak` being read: its name in warnings, and the warnings so far."""

    def __init__(self, table: dict[Any, Any], place: int) -> None:
        self.table = table
        self.nummer, self.nummer_problem = _text(table, "Nummer")
        self.name = _name(self.nummer, place)
        self.warnings: list[str] = []
        self.skipped = False

    def warn(self, what: str, then: str) -> None:
        """Note `what` was found, and `then` what becomes of it."""
        self.warnings.append(f"{self.name}: {what}; {then}")

    def skip(self, what: str) -> None:
        """Note that `what` keeps the record from being a motion."""
        self.skipped = True
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


def _read(table: dict[Any, Any], place: int) -> tuple[Motion | None, list[str]]:
    """The motion of one record, if it gives one, and the warnings it gives."""
    record = _Record(table, place)
    deleted = _deleted(table)
    if deleted:
        return None, []
    if deleted is None:
        found = describe(table.get("Verwijderd"))
        record.skip(f"Verwijderd is {found}, expected true or false")
        return None, record.warnings
    kind = _kind(record)
    if kind is None:
        return None, record.warnings
    return _motion(record, kind), record.warnings


def _motion(record: _Record, kind: MotionKind) -> Motion | None:
    """The motion of a record of a kind read, or `None` with the warnings that say why."""
    if record.nummer_problem is not None:
        record.skip(record.nummer_problem)
    subject, problem = _text(record.table, "Onderwerp")
    if problem is not None:
        record.skip(problem)
    day = _day(record)
    submitter, co_submitters = _actors(record)
    decisions = _decisions(record)
    _appreciation(record)
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
        )
    except ValueError as error:  # a FieldError: the value named by the model's own words
        record.skip(str(error))
        return None


def _kind(record: _Record) -> MotionKind | None:
    """The kind the record's `Soort` gives; `None`, with a warning, for any other."""
    soort = record.table.get("Soort")
    kind = _KINDS.get(soort) if isinstance(soort, str) else None
    if kind is not None:
        return kind
    if soort is None:
        record.skip("no Soort")
    elif isinstance(soort, str):
        record.skip(f"Soort {shown(soort)} is neither 'Motie' nor 'Amendement'")
    else:
        record.skip(f"Soort is {describe(soort)}, expected text")
    return None


def _day(record: _Record) -> pendulum.Date | None:
    """The date of `GestartOp` as written: its offset is the Kamer's own time."""
    value = record.table.get("GestartOp")
    if value is None:
        record.skip("no GestartOp")
        return None
    day = _date_as_written(value)
    if day is None:
        record.skip(f"GestartOp is {describe(value)}, expected a date-time such as {_GESTART_OP}")
    return day


def _date_as_written(value: object) -> pendulum.Date | None:
    """The calendar date of an ISO date-time, never moved to another offset."""
    if not isinstance(value, str) or len(value) > _LONGEST_TIME:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    return pendulum.Date(moment.year, moment.month, moment.day)


def _actors(record: _Record) -> tuple[str | None, tuple[str, ...]]:
    """The submitter (*indiener*) and the co-submitters (*medeindieners*), in record order."""
    submitters: list[str] = []
    co_submitters: list[str] = []
    for index, actor in record.items("ZaakActor"):
        relation = actor.get("Relatie")
        if not isinstance(relation, str) or relation not in (_SUBMITTER, _CO_SUBMITTER):
            continue  # a committee (*voortouwcommissie*) and the like are not read
        name, problem = _text(actor, "ActorNaam")
        if name is None:
            record.warn(f"ZaakActor[{index}] ({relation}): {problem}", "it is left out")
        elif relation == _SUBMITTER:
            submitters.append(name)
        else:
            co_submitters.append(name)
    if not submitters:
        record.skip("no Indiener: no ZaakActor with Relatie 'Indiener' and an ActorNaam")
        return None, tuple(co_submitters)
    if len(submitters) > 1:
        names = shown(tuple(submitters))
        record.warn(f"{len(submitters)} Indieners {names}", "the first is the submitter")
    return submitters[0], tuple(co_submitters)


def _decisions(record: _Record) -> list[StatusChange]:
    """One step without a date for each vote (*besluit*) of the record, in record order."""
    steps: list[StatusChange] = []
    for index, decision in record.items("Besluit"):
        soort = decision.get("BesluitSoort")
        status = _DECISIONS.get(soort) if isinstance(soort, str) else None
        if status is not None:
            steps.append(StatusChange(status=status))
        elif soort is None:
            record.warn(f"Besluit[{index}] has no BesluitSoort", "the decision is left out")
        elif isinstance(soort, str):
            record.warn(f"unknown BesluitSoort {shown(soort)}", "the decision is left out")
        else:
            found = describe(soort)
            record.warn(
                f"Besluit[{index}]: BesluitSoort is {found}, expected text",
                "the decision is left out",
            )
    # A motion is held before it is voted on: the record's order is not always the Kamer's.
    return sorted(steps, key=lambda step: step.status is not MotionStatus.HELD)


def _appreciation(record: _Record) -> None:
    """Warn of a `Kabinetsappreciatie` not known; the motion does not hold it."""
    value = record.table.get("Kabinetsappreciatie")
    if value is None or (isinstance(value, str) and value in _APPRECIATIONS):
        return
    if isinstance(value, str):
        record.warn(f"unknown Kabinetsappreciatie {shown(value)}", "it is ignored")
    else:
        found = describe(value)
        record.warn(f"Kabinetsappreciatie is {found}, expected text or null", "it is ignored")


def _kamerstuk(record: _Record) -> KamerstukRef | None:
    """The first dossier's number and suffix, with the record's `Volgnummer`."""
    first = next(record.items("Kamerstukdossier"), None)
    number = record.table.get("Volgnummer")
    if first is None or number is None:
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


# --- values ---------------------------------------------------------------------------------


def _text(table: dict[Any, Any], key: str) -> tuple[str | None, str | None]:
    """The text at `key`, or `None` and what is wrong with it."""
    value = table.get(key)
    if value is None:
        return None, f"no {key}"
    if not isinstance(value, str) or not value.strip():
        return None, f"{key} is {describe(value)}, expected text that is not empty"
    return value, None


def _deleted(table: dict[Any, Any]) -> bool | None:
    """Whether a record or item is deleted (*verwijderd*); `None` where unreadable."""
    value = table.get("Verwijderd")
    if value is None:
        return False
    return value if isinstance(value, bool) else None


def _name(nummer: str | None, place: int) -> str:
    """A record as a warning names it: by its `Nummer`, else by its place, counted from 1."""
    if nummer is None:
        return f"record {place + 1}"
    return nummer if _PLAIN.fullmatch(nummer) else shown(nummer)
