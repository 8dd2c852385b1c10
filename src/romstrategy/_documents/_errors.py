"""Errors for bad documents (*foutmeldingen*): every problem, each with its path."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Sequence

import attrs

from romstrategy._model._display import shown, visible
from romstrategy._model._error import Error

__all__ = [
    "MAX_PROBLEMS",
    "DocumentError",
    "Problem",
    "describe",
    "not_utf8",
    "refused",
    "suggestion",
]

MAX_PROBLEMS = 1000
"""The most problems a `DocumentError` lists; a last one then says that there are more."""


@attrs.frozen
class Problem:
    """One thing wrong with a document.

    Attributes:
        path: a JSON path to the place, e.g. `$.allocations[2].amount`.
        message: what was expected and what was found.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


_MORE = Problem("$", f"more problems were found; only the first {MAX_PROBLEMS} are listed")


class DocumentError(Error, ValueError):
    """A document that cannot be read as a strategy.

    Attributes:
        problems: every problem found, each with its path; at most 1,000
            (`MAX_PROBLEMS`), then one saying that there are more.
        source: the file or label the document came from, or `None`.
    """

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        found = tuple(itertools.islice(problems, MAX_PROBLEMS + 1))
        if len(found) > MAX_PROBLEMS:
            found = (*found[:MAX_PROBLEMS], _MORE)
        self.problems: tuple[Problem, ...] = found
        self.source = source
        super().__init__(self._text())

    def _text(self) -> str:
        # Shown on terminals and in logs: control characters from the document are escaped.
        where = f"{visible(self.source)}: " if self.source else ""
        count = len(self.problems)
        head = f"{where}{count} problem{'s' if count != 1 else ''} in the document"
        return "\n".join([head, *(f"  {visible(str(problem))}" for problem in self.problems)])

    def __reduce__(self) -> tuple[type[DocumentError], tuple[tuple[Problem, ...], str | None]]:
        return (type(self), (self.problems, self.source))


def refused(message: str, path: str = "$") -> DocumentError:
    """A `DocumentError` of one problem: `message` at `path`."""
    return DocumentError([Problem(path, message)])


def suggestion(name: str, known: Sequence[str], listed: str = "known") -> str:
    """`, did you mean ...?` with the known name closest to `name`, or else all of them."""
    import difflib  # only for a name that is not known

    close = difflib.get_close_matches(name, known) if len(name) <= 100 else []
    return f", did you mean `{close[0]}`?" if close else f"; {listed}: {', '.join(known)}"


def describe(value: object) -> str:
    """Name a parsed document value for an error message: `the number 1.5`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {shown(value)}"
    if isinstance(value, str):
        return f"the string {shown(value)}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime.date):
        return f"the date-time {value.isoformat()}"
    return type(value).__name__


def not_utf8(data: bytes) -> str:
    """Where bytes are not UTF-8, which a document must be; `""` if they are."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return (
            f"the document is not valid UTF-8: byte 0x{data[error.start]:02x} "
            f"at position {error.start}"
        )
    return ""
