r"""The `romstrategy` command (*opdrachtregel*).

Exit codes follow linters: 0 when no errors were found, 1 when the strategy
has errors, 2 for bad input or usage, with every problem printed and never
a traceback. `diff` exits 0 when it ran, or with `--exit-code` 1 when there
are differences.

Everything printed for people shows control characters from documents and
arguments as escapes such as `\x1b`, and JSON output writes them as
`\u001b`, so that no input can move the cursor or change the terminal.

Each command lives in its own module of `romstrategy._cli`; this module is
the place the console script and `python -m romstrategy` start from.
"""

from __future__ import annotations

from romstrategy._cli._entry import main, run

__all__ = ["main", "run"]
