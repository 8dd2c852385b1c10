"""From a parsed document tree to model objects, by field kind, in one pass (*opbouw*).

Every format is parsed into the same plain tree of dicts, lists, strings,
numbers and booleans (TOML and YAML may add dates). `build` walks it once: each
value is read by the kind its field declares in `romstrategy._model._kinds`,
through the same check that the class's constructor runs, and is set on a new
object, whose validators then run. A value that a document may not hold (a
number where text belongs, a float for an amount, a table where a list
belongs) or that the check refuses is a problem with its path; the walk goes on,
and at the end every problem is raised at once. Nothing is converted silently.

Objects are made with `object.__new__` and their fields set through their
slots' descriptors, not through `__init__`, because each value has already
been checked by its kind;
`tests/test_documents.py` checks that the builder accepts what the
constructors accept and refuses what they refuse, with the same values.
Within one document, equal ids, dates and periods are one object: they are immutable,
and each distinct one is checked once.
"""

from __future__ import annotations

import datetime
import enum
import heapq
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pendulum

from romstrategy._documents._errors import MAX_PROBLEMS, Problem, describe, suggestion
from romstrategy._model._display import key_text
from romstrategy._model._kamerstuk import KamerstukRef
from romstrategy._model._kinds import FieldError, Kind, kinds, to_date
from romstrategy._model._money import Money, money_of_text
from romstrategy._model._period import Period
from romstrategy._model._strategy import Strategy

__all__ = ["MAX_BAD_ITEMS", "build"]

MAX_BAD_ITEMS = 100
"""The most bad items of one list whose problems are listed; a last problem says there are more."""

_Read = Callable[[Any], Any]
_MISSING = object()


class _RefusedError(Exception):
    """One value is refused; `str()` says what was expected and what was found."""


class _InvalidError(Exception):
    """Problems below one value, each as (the path below it, the message)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems


def build(tree: dict[str, Any]) -> tuple[Strategy | None, list[Problem], int]:
    """The strategy of a document tree at the current version, without `schema_version`.

    Returns the strategy (`None` when the tree is not valid), every problem
    with its JSON path, and how many keys the tables that were read hold.
    """
    builder = _Builder()
    try:
        return builder.read(Strategy)(tree), [], builder.keys
    except _InvalidError as invalid:
        problems = [Problem("$" + path, message) for path, message in invalid.problems]
    except _RefusedError as refused:
        problems = [Problem("$", str(refused))]
    return None, problems, builder.keys


class _Builder:
    """The readers of one document; they share its equal ids, dates and periods."""

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}
        self._dates: dict[str, pendulum.Date] = {}
        self._periods: dict[tuple[str, str], Period] = {}
        self._classes: dict[type[Any], _Read] = {}
        self.keys = 0
        """The keys of the tables read so far, all told."""

    def read(self, cls: type[Any]) -> _Read:
        """The reader of a table into a `cls`, made once per document."""
        reader = self._classes.get(cls)
        if reader is None:
            reader = self._classes[cls] = self._table(cls)
            if cls is Period:
                reader = self._classes[cls] = self._shared_period(reader)
        return reader

    def kind(self, kind: Kind) -> _Read:
        """The reader of one field of `kind`: a value, a list of them, or null if optional."""
        read = self.many(kind) if kind.many else self.one(kind)
        return _or_null(read) if kind.optional else read

    def one(self, kind: Kind) -> _Read:
        """The reader of one value of `kind`; it may raise the check's `FieldError`."""
        if kind.name == "instance":
            return self.read(kind.type)
        if kind.name == "day":
            return self._shared(_date, self._dates)
        if kind.name == "member":
            return _member(kind.type)
        if kind.name == "amount":
            return _amount
        if kind.name == "kamerstuk":
            return _kamerstuk(kind.check)
        if kind.name == "id":
            return self._shared(kind.check, self._ids)
        return kind.check  # a text or a flag: the constructor's own check, as it is

    def many(self, kind: Kind) -> _Read:
        """The reader of a list of values of `kind`, naming each bad item by its index."""
        one, refusal = self.one(kind), _refusal(kind)

        def read(value: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                raise _RefusedError(f"expected an array, found {describe(value)}")
            items: list[Any] = []
            try:
                items.extend(map(one, value))  # stops at the first bad item, if any
            except (_RefusedError, _InvalidError, FieldError) as first:
                bad = _bad_items(value, len(items), first, one, refusal)
                raise _InvalidError(list(bad)) from None
            return tuple(items)

        return read

    @staticmethod
    def _shared(check: _Read, known: dict[str, Any]) -> _Read:
        """`check`, run once per distinct text: equal texts then read as one object."""

        def read(value: Any) -> Any:
            if type(value) is not str:
                return check(value)
            shared = known.get(value)
            if shared is None:
                shared = known[value] = check(value)
            return shared

        return read

    def _table(self, cls: type[Any]) -> _Read:
        fields = tuple(
            (field.name, _slot(cls, field.name), self.kind(kind), field.default, _refusal(kind))
            for field, kind in zip(attrs.fields(cls), kinds(cls).values(), strict=True)
        )
        names = frozenset(field[0] for field in fields)
        validated = tuple(field for field in attrs.fields(cls) if field.validator is not None)
        new = object.__new__

        def read(table: Any) -> Any:
            if type(table) is not dict:
                raise _RefusedError(f"expected a table, found {describe(table)}")
            self.keys += len(table)
            built = new(cls)
            problems: list[tuple[str, str]] = []
            for name, set_field, read_value, default, refusal in fields:
                value = table.get(name, _MISSING)
                try:
                    if value is not _MISSING:
                        set_field(built, read_value(value))
                    elif default is not attrs.NOTHING:
                        set_field(built, default)
                    else:
                        problems.append((f".{name}", "required key is missing"))
                except _RefusedError as refused:
                    problems.append((f".{name}", str(refused)))
                except _InvalidError as invalid:
                    problems += ((f".{name}{path}", text) for path, text in invalid.problems)
                except FieldError as error:
                    problems.append((f".{name}", refusal(value, error)))
            if not names.issuperset(table):
                problems += _unknown_keys(table, names, cls)
            if problems:
                raise _InvalidError(problems)
            for field in validated:
                try:
                    field.validator(built, field, getattr(built, field.name))
                except FieldError as error:
                    raise _InvalidError(
                        [(f".{error.field or field.name}", error.reason)]
                    ) from None
            return built

        return read

    def _shared_period(self, read: _Read) -> _Read:
        def period(table: Any) -> Period:
            if type(table) is dict and len(table) == 2:
                key = (table.get("start"), table.get("end"))
                if type(key[0]) is str and type(key[1]) is str:
                    known = self._periods.get(key)  # type: ignore[arg-type]
                    if known is None:
                        return self._periods.setdefault(key, read(table))  # type: ignore[arg-type]
                    self.keys += 2
                    return known
            return read(table)  # type: ignore[no-any-return]

        return period


def _slot(cls: type[Any], name: str) -> Callable[[Any, Any], None]:
    """The setter of a field's slot: the class is frozen, so `setattr` would refuse."""
    setter: Callable[[Any, Any], None] = cls.__dict__[name].__set__
    return setter


def _bad_items(
    items: list[Any],
    start: int,
    first: Exception,
    read: _Read,
    refusal: Callable[[Any, FieldError], str],
) -> Iterator[tuple[str, str]]:
    """The problems of `items[start]`, which `read` refused with `first`, and of those after it."""
    bad = 0
    for index in range(start, len(items)):
        try:
            if index == start:
                raise first
            read(items[index])
        except _RefusedError as refused:
            yield f"[{index}]", str(refused)
        except _InvalidError as invalid:
            yield from ((f"[{index}]{path}", text) for path, text in invalid.problems)
        except FieldError as error:
            yield f"[{index}]", refusal(items[index], error)
        else:
            continue
        bad += 1
        if bad == MAX_BAD_ITEMS and index + 1 < len(items):
            yield "", _MORE_ITEMS
            return


_MORE_ITEMS = (
    f"more items of this array have problems; only those of the first {MAX_BAD_ITEMS} "
    "bad items are listed"
)


def _unknown_keys(table: dict[Any, Any], names: frozenset[str], cls: type[Any]) -> list[Any]:
    known = [field.name for field in attrs.fields(cls)]
    # No more are listed than one error lists: the first of millions are found in one pass.
    extra = heapq.nsmallest(MAX_PROBLEMS + 1, (k for k in table if k not in names), _key_order)
    return [(f".{key_text(key)}", _unknown_key(key, known)) for key in extra]


def _key_order(key: object) -> tuple[bool, str]:
    return (not isinstance(key, str), key_text(key))


def _unknown_key(key: object, known: list[str]) -> str:
    if not isinstance(key, str):
        return f"`{key_text(key)}`: a key must be a string, found {describe(key)}"
    return f"`{key_text(key)}`: unknown key{suggestion(key, known, 'known keys')}"


def _or_null(read: _Read) -> _Read:
    return lambda value: None if value is None else read(value)


# --- one value of each kind --------------------------------------------------------------------


def _refusal(kind: Kind) -> Callable[[Any, FieldError], str]:
    """How a document says that its value of `kind` was refused by the kind's check."""
    if kind.name in ("id", "text", "appraisal"):
        return lambda value, error: (
            error.reason if type(value) is str else f"expected a string, found {describe(value)}"
        )
    if kind.name == "flag":
        return lambda value, error: f"expected true or false, found {describe(value)}"
    return lambda value, error: error.reason


def _amount(value: Any) -> Money:
    """An amount: text as `Money(text)` reads it, or a whole number of euros; never a float."""
    try:
        if type(value) is str:
            return money_of_text(value)
        if type(value) is int:
            return Money(value)
    except ValueError as error:
        raise _RefusedError(str(error).removeprefix("Money: ")) from None
    if isinstance(value, float):
        raise _RefusedError(
            f"found {describe(value)}; a float cannot hold cents exactly, "
            f'write the amount as a string such as "{_float_hint(value)}"'
        )
    raise _RefusedError(
        f'expected an amount as a string such as "1250000.00", found {describe(value)}'
    )


def _float_hint(value: float) -> str:
    return f"{value:.2f}" if abs(value) < 1e15 else "1250000.00"


def _kamerstuk(check: _Read) -> _Read:
    def read(value: Any) -> KamerstukRef:
        if type(value) is not str:
            raise _RefusedError(
                'expected a Kamerstuk reference as a string such as "33 009, nr. 124", '
                f"found {describe(value)}"
            )
        return check(value)  # type: ignore[no-any-return]

    return read


def _date(value: object) -> pendulum.Date:
    if isinstance(value, datetime.datetime) or not isinstance(value, str | datetime.date):
        raise _RefusedError(f"expected a date as YYYY-MM-DD, found {describe(value)}")
    return to_date(value)


def _member(kind: type[enum.Enum]) -> _Read:
    members = {member.value: member for member in kind}
    allowed = ", ".join(f'"{value}"' for value in members)

    def read(value: Any) -> enum.Enum:
        member = members.get(value) if type(value) is str else None
        if member is None:
            raise _RefusedError(f"expected one of {allowed}, found {describe(value)}")
        return member

    return read
