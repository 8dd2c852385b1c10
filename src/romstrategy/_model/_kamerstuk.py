"""A reference to a parliamentary paper (*Kamerstuk*): dossier, suffix and number.

A Kamerstuk is cited by its dossier (*dossiernummer*), the dossier's suffix
where it has one (*toevoeging*, e.g. the budget chapter `XIII`) and its number
within the dossier (*ondernummer*): "33 009, nr. 124", "36 410 XIII, nr. 39".
"""

from __future__ import annotations

import functools
import re
from typing import Any

import attrs

from romstrategy._model._display import SPACE, shown
from romstrategy._model._error import ArgumentError

__all__ = ["FORMS", "LONGEST", "PATTERN", "KamerstukRef"]

FORMS = ('"33 009, nr. 124"', '"33009-124"', '"36 410 XIII, nr. 39"', '"36410-XIII-39"')
"""The forms `KamerstukRef.parse` reads, as a message shows them."""

LONGEST = 100
"""The longest text `parse` reads; a reference is a few dozen characters."""

_LARGEST = 999_999_999
"""The largest dossier or number read: nine digits."""

_S = f"[{SPACE}]*"
# One to nine digits, spaces between them allowed, not all zero; the lookahead sees to that.
# It runs only where a digit starts, so that no run of spaces is scanned again and again.
_DOSSIER = f"((?=[0-9])(?=[0-9{SPACE}]*[1-9])[0-9](?:{_S}[0-9]){{0,8}})"
_NUMBER = "((?=0*[1-9])[0-9]{1,9})"
_SUFFIX = "([A-Za-z][A-Za-z0-9]{0,9})"
PATTERN = (
    f"{_S}(?:{_DOSSIER}{_S}(?:{_SUFFIX}{_S})?,{_S}[Nn][Rr]\\.?{_S}{_NUMBER}"
    f"|{_DOSSIER}{_S}-{_S}(?:{_SUFFIX}{_S}-{_S})?{_NUMBER}){_S}"
)
"""Every form `parse` reads, matched in full: one pattern for Python, the JSON Schema and
a data package's constraint, in the syntax all three share (ASCII classes, no flags)."""


@functools.cache
def _forms() -> re.Pattern[str]:
    """The compiled pattern, on first use: `import romstrategy` need not pay for it."""
    return re.compile(PATTERN)


_SUFFIX_PATTERN = re.compile(r"[A-Z][A-Z0-9]{0,9}")


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
            "(toevoeging) of up to ten letters and digits that starts with a letter, "
            'such as "XIII"'
        )


def _upper(value: object) -> object:
    return value.upper() if isinstance(value, str) and value.isascii() else value


def _suffix_order(suffix: str | None) -> tuple[bool, str]:
    return (suffix is not None, suffix or "")


@attrs.frozen(kw_only=True, order=True)
class KamerstukRef:
    """A reference to a parliamentary paper (*Kamerstuk*).

    `str(ref)` is the official form, `"33 009, nr. 124"`, with the dossier
    grouped in threes. References order by dossier, then suffix (none
    first), then number.

    Attributes:
        dossier: the dossier number (*dossiernummer*), e.g. `33009`.
        suffix: the dossier's suffix (*toevoeging*) in upper case, e.g.
            `"XIII"`, or `None`.
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

        Accepts `"33 009, nr. 124"`, `"33009, nr. 124"`, `"33009-124"`,
        `"36 410 XIII, nr. 39"` and `"36410-XIII-39"`, in any case and
        spacing; the suffix is kept in upper case.

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
        groups = found.groups()  # those of the official form, then those of the dashed one
        dossier, suffix, number = groups[:3] if groups[0] is not None else groups[3:]
        return cls(dossier=int(re.sub(r"[^0-9]", "", dossier)), suffix=suffix, number=int(number))

    def __str__(self) -> str:
        dossier = f"{self.dossier:,}".replace(",", " ")
        suffix = f" {self.suffix}" if self.suffix else ""
        return f"{dossier}{suffix}, nr. {self.number}"
