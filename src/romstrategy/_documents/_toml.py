"""Read TOML with the standard library, after a guard against keys of many parts.

`tomllib` takes time quadratic in the parts of a dotted key: a key or table
header of tens of thousands of parts takes from seconds to minutes. Before
parsing, strings and comments are blanked out and every key is measured; one
of more than `max_parts` parts is refused with its line. Nesting too deep
for `tomllib` ends in a `RecursionError`, which the caller reports.
"""

from __future__ import annotations

import functools
import re
import tomllib

from romstrategy._documents._errors import refused

__all__ = ["load"]


_SKIPPED = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|""?(?!"))*"{3,5}'  # multi-line basic strings
    r"|'''(?:[^']|''?(?!'))*'{3,5}"  # multi-line literal strings
    r'|"(?:[^"\\\n]|\\.)*"'  # basic strings
    r"|'[^'\n]*'"  # literal strings
    r"|#[^\n]*"  # comments
)
"""What may hold a dot that does not join the parts of a key."""

_PART = r'(?<![A-Za-z0-9_-])(?:[A-Za-z0-9_-]++|"")'


@functools.cache
def _patterns(max_parts: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A line with more than `max_parts` dots, and a key of more than `max_parts` parts."""
    many_dots = re.compile(rf"^(?:[^.\n]*+\.){{{max_parts}}}", re.MULTILINE)
    long_key = re.compile(rf"{_PART}(?:[ \t]*+\.[ \t]*+{_PART}){{{max_parts}}}")
    return many_dots, long_key


def load(text: str, max_parts: int) -> object:
    """Parse TOML text into plain data.

    Raises:
        DocumentError: for a key or table header of more than `max_parts` parts.
        tomllib.TOMLDecodeError: for text that is not TOML.
        ValueError: for an int beyond Python's digit limit.
        RecursionError: for nesting deeper than `tomllib` can follow.
    """
    many_dots, long_key = _patterns(max_parts)
    # A long key needs a line with many dots; only such a text is looked at closely.
    if many_dots.search(text) and long_key.search(_SKIPPED.sub('""', text)):
        # Again, keeping the line breaks of multi-line strings, to name the line.
        bare = _SKIPPED.sub(lambda skipped: '""' + "\n" * skipped[0].count("\n"), text)
        long = long_key.search(bare)
        line = bare.count("\n", 0, long.start()) + 1 if long else 0
        message = f"a key or table header of more than {max_parts} parts (line {line})"
        raise refused(message)
    return tomllib.loads(text)
