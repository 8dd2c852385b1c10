"""Field kinds (*veldsoorten*): what each field of the model holds, declared once.

A field's annotation says its kind: `id: Id`, `roms: Ids`, `amount: Amount`,
`scope: Scope` (an enum), `period: Period` (a model class), `history:
tuple[StatusChange, ...]`, `note: OptionalText`. A model class is declared
`@attrs.frozen(kw_only=True, field_transformer=by_kind)`: its constructor
then checks every field by its kind. The
document converter and the JSON Schema read the same kinds from each field's
`metadata["kind"]`, so the three always agree. The kinds are read when the
class is made: a field may name only classes and aliases defined before it.

A refused value raises `FieldError`, which carries the class, the field and,
in a list, the index.
"""

from __future__ import annotations

import datetime
import enum
import functools
import itertools
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Annotated, Any, TypeVar

import attrs
import pendulum

from romstrategy._model._appraisal import Appraisal
from romstrategy._model._display import INVISIBLE, SPACE, char_name, shown
from romstrategy._model._error import ArgumentTypeError, Error
from romstrategy._model._kamerstuk import LONGEST, PATTERN, KamerstukRef
from romstrategy._model._money import Money, check_amount

__all__ = [
    "ID_PATTERN",
    "Amount",
    "Day",
    "FieldError",
    "Flag",
    "Id",
    "Ids",
    "Kind",
    "OptionalAmount",
    "OptionalAppraisal",
    "OptionalDay",
    "OptionalId",
    "OptionalKamerstuk",
    "OptionalText",
    "Text",
    "Texts",
    "Year",
    "argument",
    "by_kind",
    "enum_member",
    "kind_of",
    "kinds",
    "to_date",
]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")


class FieldError(Error, ValueError, TypeError):
    """A field's value is refused (*ongeldige waarde*).

    It is a `ValueError`, and a `TypeError` too for callers that catch a
    wrong type as such. `str(error)` reads `Activity.roms[2]: got '', ...`.

    Attributes:
        reason: what is wrong with the value.
        owner: the class's name, e.g. `"Activity"`, or `None` if not yet known.
        field: the field's name, or `None` if not yet known.
        index: the position in a list field, or `None`.
    """

    def __init__(
        self,
        reason: str,
        *,
        owner: str | None = None,
        field: str | None = None,
        index: int | None = None,
    ) -> None:
        self.reason = reason
        self.owner = owner
        self.field = field
        self.index = index
        where = f"{owner}.{field}" if owner and field else (field or "")
        where += "" if index is None else f"[{index}]"
        super().__init__(f"{where}: {reason}" if where else reason)

    def at(self, owner: str, field: str) -> FieldError:
        """The same error, said of `owner.field`."""
        return FieldError(self.reason, owner=owner, field=field, index=self.index)


@attrs.frozen
class Kind:
    """What one field holds: the check of a value and its JSON Schema.

    Attributes:
        name: e.g. `"id"`, `"amount"`, `"member"`.
        type: the Python type of one value: `str`, `Money`, an enum, a model class.
        check: one value as given to a constructor to its canonical form.
        schema: the JSON Schema of one value in a document.
        many: a tuple of such values.
        optional: `None` is allowed too.
        plural: what many values are called in a message, e.g. `"ids"`;
            by default the type's name.
    """

    name: str
    type: Any
    check: Callable[[Any], Any] = attrs.field(eq=False)
    schema: Mapping[str, Any] = attrs.field(eq=False)
    many: bool = False
    optional: bool = False
    plural: str = ""

    def convert(self, value: object) -> Any:
        """`value` checked and made canonical, or a `FieldError`."""
        if value is None and self.optional:
            return None
        if not self.many:
            return self.check(value)
        if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
            plural = self.plural or getattr(self.type, "__name__", self.name)
            raise FieldError(f"got {shown(value)}, expected a sequence of {plural}")
        items = tuple(value)
        for index, item in enumerate(items):
            try:
                self.check(item)
            except FieldError as error:
                raise FieldError(error.reason, index=index) from None
        return items


def _utf8(value: str) -> str:
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise FieldError(
                f"got {shown(value)}, which holds the lone surrogate "
                f"U+{ord(value[error.start]):04X} at position {error.start}; "
                "text must be valid Unicode"
            ) from None
    return value


def _text(value: object) -> str:
    if type(value) is str and value.isascii():  # the common case, at once
        return value
    if not isinstance(value, str):
        raise FieldError(f"got {shown(value)}, expected a str")
    return _utf8(value)


# `(?![\s\S])` is the end in both dialects: Python's `$` also matches before a final "\n".
ID_PATTERN = f"^[^{INVISIBLE} ](?:[^{INVISIBLE}]*[^{INVISIBLE} ])?(?![\\s\\S])"
"""An id as meant (*kenmerk*), whole: one pattern for Python and the JSON Schema (ECMA-262,
`u` flag). It cannot test Unicode NFC, which `Id`'s check does besides."""

_ID_RULE = (
    "an id must be as typed: no control, format or invisible character, no space but U+0020 "
    "and none at either end, in Unicode NFC; nothing is stripped"
)
_MOST_NAMED = 3
"""The most characters of one id that a message names in a row."""


@functools.cache
def _ids() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """`ID_PATTERN` and its refused characters, compiled on first use."""
    return re.compile(ID_PATTERN), re.compile(f"[{INVISIBLE}]")


def _id(value: object) -> str:
    if (  # the common case, at once: printable ASCII with no space at either end
        type(value) is str and value and value.isascii() and value.isprintable()
    ) and value[0] != " " != value[-1]:
        return value
    text = _text(value)
    if _ids()[0].match(text) and unicodedata.is_normalized("NFC", text):
        return text
    if not text.strip():
        raise FieldError(f"got {shown(value)}, an id must not be empty")
    raise FieldError(f"got {shown(value)}, which {_id_problems(text)}; {_ID_RULE}")


def _id_problems(text: str) -> str:
    """Every kind of problem of an id `text`: `holds U+200B ZERO WIDTH SPACE at position 4`."""
    ends = [end for end, space in (("start", text[0] == " "), ("end", text[-1] == " ")) if space]
    found = [f"has a space at its {' and '.join(ends)}"] if ends else []
    bad = itertools.islice(_ids()[1].finditer(text), _MOST_NAMED + 1)
    named = [f"{char_name(m[0])} at position {m.start()}" for m in bad]
    if len(named) > _MOST_NAMED:
        named[_MOST_NAMED:] = ["more"]
    if named:
        found.append("holds " + ", ".join(named))
    if not unicodedata.is_normalized("NFC", text):
        found.append(_not_nfc(text))
    return " and ".join(found)


def _not_nfc(text: str) -> str:
    """Where `text` and its NFC differ: `U+0065 ..., U+0301 ... at position 0, NFC U+00E9 ...`."""
    nfc = unicodedata.normalize("NFC", text)
    shorter = min(len(text), len(nfc))
    start = next((at for at in range(shorter) if text[at] != nfc[at]), shorter)
    same = next(
        n
        for n in range(shorter - start + 1)
        if n == shorter - start or text[-1 - n] != nfc[-1 - n]
    )
    return (
        f"is not in Unicode NFC: from position {start} it holds "
        f"{_chars(text[start : len(text) - same])}, which NFC writes "
        f"{_chars(nfc[start : len(nfc) - same])}"
    )


def _chars(text: str) -> str:
    """The first few characters of `text` by code point and name."""
    names = [char_name(char) for char in text[:_MOST_NAMED]]
    return ", ".join(names + ["..."][: len(text) - len(names)])


def _amount(value: object) -> Money:
    if type(value) is Money:
        try:
            return check_amount(value, "")
        except ValueError as error:
            raise FieldError(str(error).removeprefix(": ")) from None
    if not isinstance(value, str | int | Decimal | float):
        raise FieldError(f"got {shown(value)}, expected Money or a str")
    try:
        return Money(value)  # type: ignore[arg-type]  # a float is refused inside
    except (TypeError, ValueError) as error:
        raise FieldError(str(error)) from None


def to_date(value: object) -> pendulum.Date:
    """Return `value` as a pendulum `Date`.

    Accepts a pendulum `Date`, a stdlib `date` or an ISO `YYYY-MM-DD` string.

    Raises:
        FieldError: for a datetime, another type or a string that is not a real date.
    """
    if type(value) is pendulum.Date:
        return value
    if isinstance(value, str):
        if len(value) != 10 or value[4] != "-" or value[7] != "-":
            raise FieldError(f"got {shown(value)}, expected a date as YYYY-MM-DD")
        try:
            return pendulum.Date.fromisoformat(value)
        except ValueError as error:
            raise FieldError(f"got {shown(value)}, not a date: {error}") from None
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise FieldError(f"got {shown(value)}, expected a date or an ISO string YYYY-MM-DD")
    return pendulum.Date(value.year, value.month, value.day)


def _kamerstuk(value: object) -> KamerstukRef:
    if type(value) is KamerstukRef:
        return value
    if not isinstance(value, str):
        raise FieldError(f"got {shown(value)}, expected a KamerstukRef or a str")
    try:
        return KamerstukRef.parse(value)
    except ValueError as error:
        raise FieldError(str(error)) from None


_APPRAISALS: Mapping[str, Appraisal] = types.MappingProxyType({a.value: a for a in Appraisal})


def _appraisal(value: object) -> Appraisal | str:
    """The member whose text `value` is, or the text itself: an appraisal the library lacks."""
    if type(value) is Appraisal:
        return value
    if not isinstance(value, str):
        raise FieldError(f"got {shown(value)}, expected an Appraisal or a str")
    member = _APPRAISALS.get(value)
    if member is not None:
        return member
    if not value.strip():
        raise FieldError(f"got {shown(value)}, an appraisal is not empty; if none, leave it out")
    if value.strip() != value:
        raise FieldError(f"got {shown(value)}, an appraisal must not start or end with a space")
    return _utf8(value)


FIRST_YEAR, LAST_YEAR = 1, 9999
"""The calendar years a date can be in."""


def _year(value: object) -> int:
    if type(value) is not int or not FIRST_YEAR <= value <= LAST_YEAR:
        raise FieldError(
            f"got {shown(value)}, expected a calendar year, a whole number from "
            f"{FIRST_YEAR} to {LAST_YEAR}"
        )
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise FieldError(f"got {shown(value)}, expected True or False")
    return value


# At most two decimals, and within ±10^12 euros however many leading zeros.
_AMOUNT_PATTERN = r"^-?0*([0-9]{1,12}(\.[0-9]{1,2})?|1000000000000(\.0{1,2})?)$"
_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

_ID_SCHEMA = {
    "description": "An id: no control, format or invisible character, no space but U+0020 and "
    "none at the start or end. It must be in Unicode NFC too, which no pattern can test.",
    "type": "string",
    "pattern": ID_PATTERN,
}
_ID = Kind("id", str, _id, _ID_SCHEMA, plural="ids")
_TEXT = Kind("text", str, _text, {"type": "string"})
_AMOUNT = Kind(
    "amount",
    Money,
    _amount,
    {
        "description": "Euros as a string with at most two decimals, or a whole number.",
        "oneOf": [
            {"type": "string", "pattern": _AMOUNT_PATTERN},
            {"type": "integer", "minimum": -(10**12), "maximum": 10**12},
        ],
    },
)
_DAY = Kind(
    "day", pendulum.Date, to_date, {"type": "string", "format": "date", "pattern": _DATE_PATTERN}
)
_FLAG = Kind("flag", bool, _flag, {"type": "boolean"})
_YEAR = Kind(
    "year",
    int,
    _year,
    {
        "description": "A calendar year, written as a whole number without a decimal point "
        "(2025; 2025.0, which JSON Schema counts as an integer, is refused).",
        "type": "integer",
        "minimum": FIRST_YEAR,
        "maximum": LAST_YEAR,
    },
)
_KAMERSTUK = Kind(
    "kamerstuk",
    KamerstukRef,
    _kamerstuk,
    {
        "description": (
            'A Kamerstuk reference such as "33 009, nr. 124", "36 410 XIII, nr. 39" or '
            '"21 501-02, nr. 3235".'
        ),
        "type": "string",
        "pattern": f"^{PATTERN}$",
        "maxLength": LONGEST,
    },
)

_APPRAISAL = Kind(
    "appraisal",
    str,  # a known text is read as its `Appraisal`; any other is kept as it is
    _appraisal,
    {
        "description": "The cabinet's appraisal (kabinetsappreciatie) as the Tweede Kamer "
        "writes it; a text the library does not know is kept as it is.",
        "type": "string",
        "pattern": f"^[^{SPACE}]",
        "not": {"pattern": f"[{SPACE}]$"},
        "examples": [member.value for member in Appraisal],
    },
)

Id = Annotated[str, _ID]
"""An id or code (*kenmerk*) as meant: a str that `ID_PATTERN` matches, in Unicode NFC."""
OptionalId = Annotated[str | None, attrs.evolve(_ID, optional=True)]
"""An id or `None`."""
Ids = Annotated[tuple[str, ...], attrs.evolve(_ID, many=True)]
"""A tuple of ids; any iterable but a str or a mapping is taken."""
Text = Annotated[str, _TEXT]
"""A str (*tekst*), which may be empty."""
OptionalText = Annotated[str | None, attrs.evolve(_TEXT, optional=True)]
"""A str or `None`."""
Texts = Annotated[tuple[str, ...], attrs.evolve(_TEXT, many=True)]
"""A tuple of str."""
Amount = Annotated[Money, _AMOUNT]
"""An amount of money (*bedrag*); a str, an int or a `Decimal` is converted."""
OptionalAmount = Annotated[Money | None, attrs.evolve(_AMOUNT, optional=True)]
"""An amount or `None`."""
Day = Annotated[pendulum.Date, _DAY]
"""A calendar date (*datum*); a stdlib date or an ISO string is converted."""
OptionalDay = Annotated[pendulum.Date | None, attrs.evolve(_DAY, optional=True)]
"""A date or `None`."""
OptionalKamerstuk = Annotated[KamerstukRef | None, attrs.evolve(_KAMERSTUK, optional=True)]
"""A Kamerstuk reference or `None`; its text forms are read too."""
OptionalAppraisal = Annotated[Appraisal | str | None, attrs.evolve(_APPRAISAL, optional=True)]
"""The cabinet's appraisal, its text where the library knows no such `Appraisal`, or `None`."""
Flag = Annotated[bool, _FLAG]
"""True or False, and nothing else."""
Year = Annotated[int, _YEAR]
"""A calendar year (*kalenderjaar*), such as 2025: an int, never a bool or a str."""


def enum_member(kind: type[E], value: object, where: str) -> E:
    """Return the member of `kind` that `value` is or names.

    Raises:
        FieldError: naming `where`, the value and the allowed values.
    """
    try:
        return _member_check(kind)(value)  # type: ignore[no-any-return]
    except FieldError as error:
        raise FieldError(error.reason, field=where) from None


def _member_check(kind: type[enum.Enum]) -> Callable[[object], Any]:
    def check(value: object) -> enum.Enum:
        if type(value) is kind:
            return value
        member = kind._value2member_map_.get(value) if isinstance(value, str) else None
        if member is None:
            allowed = ", ".join(repr(m.value) for m in kind)
            raise FieldError(f"got {shown(value)}, expected one of {allowed}")
        return member

    return check


def _instance_check(cls: type[Any]) -> Callable[[object], Any]:
    def check(value: object) -> Any:
        if not isinstance(value, cls):
            raise FieldError(f"got {type(value).__name__} {shown(value)}, expected {cls.__name__}")
        return value

    return check


def kind_of(annotation: Any) -> Kind:
    """The kind of a field annotated `annotation`.

    Raises:
        TypeError: for an annotation that names no kind; declare one here.
    """
    if typing.get_origin(annotation) is Annotated:
        found = [item for item in typing.get_args(annotation)[1:] if isinstance(item, Kind)]
        if found:
            return found[0]
    if isinstance(annotation, types.UnionType):
        inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(inner) == 1:
            return attrs.evolve(kind_of(inner[0]), optional=True)
    if typing.get_origin(annotation) is tuple:
        item, *rest = typing.get_args(annotation)
        if rest == [Ellipsis]:
            return attrs.evolve(kind_of(item), many=True)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        values = [member.value for member in annotation]
        return Kind("member", annotation, _member_check(annotation), {"enum": values})
    if isinstance(annotation, type) and attrs.has(annotation):
        ref = {"$ref": f"#/$defs/{annotation.__name__}"}
        return Kind("instance", annotation, _instance_check(annotation), ref)
    raise ArgumentTypeError(f"no field kind for {annotation!r}")


def _converter(kind: Kind, owner: str, field: str) -> Callable[[object], Any]:
    # One value, neither a list nor optional, is checked without `Kind.convert`'s branches.
    check = kind.check if not (kind.many or kind.optional) else kind.convert

    def convert(value: object) -> Any:
        try:
            return check(value)
        except FieldError as error:
            raise error.at(owner, field) from None

    return convert


def by_kind(cls: type[Any], fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """The attrs field transformer: each field gets the converter of its annotated kind."""
    hints = typing.get_type_hints(cls, include_extras=True)
    attached = []
    for field in fields:
        kind = kind_of(hints[field.name])
        attached.append(
            field.evolve(
                converter=_converter(kind, cls.__name__, field.name),
                metadata={**field.metadata, "kind": kind},
            )
        )
    return attached


def kinds(cls: type[Any]) -> Mapping[str, Kind]:
    """Each field of a model class and its kind, in the class's order."""
    return {field.name: field.metadata["kind"] for field in attrs.fields(cls)}


def argument(value: object, kind: type[T], where: str) -> T:
    """Return `value` if it is a `kind`: for functions that take a strategy, a period, ...

    Raises:
        TypeError: naming `where`, the type found and the one expected.
    """
    if not isinstance(value, kind):
        raise ArgumentTypeError(
            f"{where}: got {type(value).__name__} {shown(value)}, expected {kind.__name__}"
        )
    return value
