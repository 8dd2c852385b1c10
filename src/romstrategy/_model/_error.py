"""The errors romstrategy raises (*foutsoorten*): every one derives from `Error`.

`except romstrategy.Error` catches whatever romstrategy refuses, and nothing
else. Each error is also the built-in exception that it always was, so that
`except ValueError` and `except TypeError` keep working.
"""

from __future__ import annotations

__all__ = ["ArgumentError", "ArgumentTypeError", "Error", "UnknownCodeError"]


class Error(Exception):
    """The base of every error romstrategy raises (*fout*)."""


class ArgumentError(Error, ValueError):
    """An argument or value that is of the right type but not allowed (*ongeldig argument*)."""


class ArgumentTypeError(Error, TypeError):
    """An argument of the wrong type (*argument van het verkeerde type*)."""


class UnknownCodeError(Error, LookupError):
    """A code that names nothing known, such as a rule code no rule has (*onbekende code*)."""
