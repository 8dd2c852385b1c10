"""A reference to a parliamentary paper (*Kamerstuk*): dossier, suffix and number.

A Kamerstuk is cited by its dossier (*dossiernummer*), the dossier's suffix
where it has one (*toevoeging*: a budget chapter such as `XIII`, or digits such
as the `02` of the EU Council dossier 21 501-02) and its number within the
dossier (*ondernummer*): "33 009, nr. 124", "36 410 XIII, nr. 39",
"21 501-02, nr. 3235".
"""

from __future__ import annotations

import functools
import re
from typing import Any

import attrs

from romstrategy._model._display import SPACE, shown
from romstrategy._model._error import ArgumentError

__all__ = ["FORMS", "LONGEST", "PATTERN", "KamerstukRef"]

FORMS = (
    '"33 009, nr. 124"',
    '"33009-124"',
    '"36 410 XIII, nr. 39"',
    '"36410-XIII-39"',
    '"21 501-02, nr. 3235"',
    '"21501-02-3235"',
    '"kst-21501-02-3235"',
)
"""The forms `KamerstukRef.parse` reads, as a message shows them."""

LONGEST = 100
"""The longest text `parse` reads; a reference is a few dozen characters."""

_LARGEST = 999_999_999
"""The largest dossier or number read: nine digits."""

_S = f"[{SPACE}]*"
# One to nine digits, not all zero (the lookahead sees to that), either unbroken or grouped
# in threes from the right, as "21 501": so "21 501 02" is no dossier at all. The lookahead
# runs only where a digit starts, so that no run of spaces is scanned again and again.
_DOSSIER = f"((?=[0-9])(?=[0-9{SPACE}]*[1-9])[0-9]{{1,3}}(?:{_S}[0-9]{{3}}){{0,2}})"
_NUMBER = "((?=0*[1-9])[0-9]{1,9})"
_SUFFIX = "([A-Za-z0-9]{1,10})"
_LETTERED = "([A-Za-z][A-Za-z0-9]{0,9})"
"""A suffix that may follow the dossier after a space: one that starts with a letter."""
PATTERN = (
    f"{_S}(?:{_DOSSIER}{_S}(?:-{_S}{_SUFFIX}{_S}|{_LETTERED}{_S})?,{_S}[Nn][Rr]\\.?{_S}{_NUMBER}"
    f"|(?:[Kk][Ss][Tt]-)?{_DOSSIER}{_S}-{_S}(?:{_SUFFIX}{_S}-{_S})?{_NUMBER}){_S}"
)
"""Every form `parse` reads, matched in full: one pattern for Python, the JSON Schema and
a data package's constraint, in the syntax all three share (ASCII classes, no flags)."""


@functools.cache
def _forms() -> re.Pattern[str]:
    """The compiled pattern, on first use: `import romstrategy` need not pay for it."""
    return re.compile(PATTERN)


_SUFFIX_PATTERN = re.compile(r"[A-Z0-9]{1,10}")


def _whole(name: str) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not int or not 1 <= value <= _LARGEST:
            raise ArgumentError(
                f"KamerstukRef.{attribute.name}: got {shown(value)}, "
                f"expected the {name} as a whole number from 1 to {_LARGEST:,}"
            )

    return check


def _suffix(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or _SUFFIX_PATTERN.fullmatch(value) is None:
        raise ArgumentError(
            f"KamerstukRef.suffix: got {shown(value)}, expected None or a suffix "
            '(toevoeging) of one to ten ASCII letters and digits, such as "XIII" or "02"'
        )


def _upper(value: object) -> object:
    return value.upper() if isinstance(value, str) and value.isascii() else value


def _suffix_order(suffix: str | None) -> tuple[bool, str]:
    return (suffix is not None, suffix or "")


@attrs.frozen(kw_only=True, order=True)
class KamerstukRef:
    """A reference to a parliamentary paper (*Kamerstuk*).

    `str(ref)` is the official form, `"33 009, nr. 124"`, with the dossier
    grouped in threes; a suffix follows the dossier after a space when it
    starts with a letter, `"36 410 XIII, nr. 39"`, and after a dash when it
    starts with a digit, `"21 501-02, nr. 3235"`. References order by
    dossier, then suffix (none first, then as text: `"02"` before `"20"`
    before `"A"`), then number.

    Attributes:
        dossier: the dossier number (*dossiernummer*), e.g. `33009`.
        suffix: the dossier's suffix (*toevoeging*), one to ten ASCII letters
            and digits kept as text, its letters in upper case: `"XIII"`,
            `"02"` (never `"2"`), or `None`.
        number: the paper's number within the dossier (*ondernummer*).
    """

    dossier: int = attrs.field(validator=_whole("dossier number"))
    suffix: str | None = attrs.field(
        default=None, converter=_upper, validator=_suffix, order=_suffix_order
    )
    number: int = attrs.field(validator=_whole("number within the dossier"))

    @classmethod
    def parse(cls, text: str) -> KamerstukRef:
        """Read a reference as people write it.

        Accepts the official form, `"33 009, nr. 124"`, `"33009, nr. 124"`,
        `"36 410 XIII, nr. 39"`, `"36 410-XIII, nr. 39"`, `"21 501-02, nr. 3235"`
        (a suffix of digits only after a dash); the dashed form, `"33009-124"`,
        `"36410-XIII-39"`, `"21501-02-3235"`; and the identifier of the Kamer's
        documents, `"kst-21501-02-3235"`; in any case and spacing, a spaced
        dossier grouped in threes. The suffix's letters are kept in upper case.

        Raises:
            ValueError: for any other text, showing the accepted forms.
        """
        found = None
        if isinstance(text, str) and len(text) <= LONGEST:
            found = _forms().fullmatch(text)
        if found is None:
            raise ArgumentError(
                f"got {shown(text)}, expected a Kamerstuk reference such as {', '.join(FORMS)}"
            )
        groups = found.groups()
        if groups[0] is not None:  # the official form: its suffix after a dash or after a space
            dossier, suffix, number = groups[0], groups[1] or groups[2], groups[3]
        else:  # the dashed form, maybe the identifier
            dossier, suffix, number = groups[4:]
        return cls(dossier=int(re.sub(r"[^0-9]", "", dossier)), suffix=suffix, number=int(number))

    def __str__(self) -> str:
        dossier = f"{self.dossier:,}".replace(",", " ")
        suffix = ""
        if self.suffix:  # digits after a space would read as the dossier's: a dash
            suffix = f"-{self.suffix}" if self.suffix[0].isdigit() else f" {self.suffix}"
        return f"{dossier}{suffix}, nr. {self.number}"
