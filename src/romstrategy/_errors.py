"""Errors for bad documents (*foutmeldingen*): every problem, each with its path."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from romstrategy._display import visible

__all__ = ["DocumentError", "Problem"]


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


class DocumentError(ValueError):
    """A document that cannot be read as a strategy.

    Attributes:
        problems: every problem found, each with its path.
        source: the file or label the document came from, or `None`.
    """

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
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
