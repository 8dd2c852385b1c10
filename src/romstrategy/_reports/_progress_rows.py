"""Progress as data and as tables (*voortgang*): its rows, columns and every way it is shown.

The columns are defined here once: the text table of `romstrategy progress`
(and `str()` of a `Progress`), its HTML for notebooks, its CSV and JSON, and
the realisation section of the overview report all read them.

Text and HTML are for people: amounts as `money` writes them in the
language (`EUR 1,250,000.00`, `€ 1.250.000,00`), shares as `percent`. CSV and
JSON are data: amounts exact and plain, such as `1250000.00`, and a share a number,
a fraction of one to four decimals (`0.8333`; `share_text`).
"""

from __future__ import annotations

import csv
import io
from fractions import Fraction
from typing import Any

import attrs
import pendulum

from romstrategy._model._display import html_grid, shown, visible
from romstrategy._model._money import Money
from romstrategy._model._vocabulary import Lang, label, money, percent
from romstrategy._reports._groups import Group, Key, group_fields, key_text

__all__ = [
    "AMOUNT_COLUMNS",
    "JOINT",
    "NOT_SCHEDULED",
    "SHARE_COLUMNS",
    "UNASSIGNED",
    "Progress",
    "ProgressRow",
    "progress_csv",
    "progress_data",
    "progress_lines",
    "share_number",
    "share_text",
    "year_notes",
]

JOINT = Group.JOINT
"""The key under which supra-regional money is counted per ROM, once."""

UNASSIGNED = Group.UNASSIGNED
"""The key for money that funds no (known) activity."""

NOT_SCHEDULED = Group.NOT_SCHEDULED
"""The key, by year, of the money of allocations without a schedule."""

AMOUNT_COLUMNS = ("allocated", "committed", "spent", "open", "uncommitted")
"""The amounts of a progress row, in the order every table shows them; each is a
`ProgressRow` attribute and a label."""

SHARE_COLUMNS = ("committed_share", "spent_share")
"""The shares of what is allocated that the command's tables show after the amounts."""

_BY_WORD = {"en": "by", "nl": "per"}


@attrs.frozen(kw_only=True)
class ProgressRow:
    """Money allocated, committed and spent under one key (*voortgangsregel*).

    Attributes:
        key: a pillar code, a funding source's id, an allocation's id, a
            year such as `"2025"` or a ROM's code; or a `Group`, which no
            text equals: `Group.JOINT` or `Group.UNASSIGNED` (by ROM),
            `Group.NOT_SCHEDULED` (by year), or
            `Group.TOTAL` (the total row).
        allocated: the money allocated (*toegewezen*).
        committed: the money committed (*verplicht*), corrections included.
        spent: the money spent (*uitgegeven*), corrections included.
    """

    key: Key
    allocated: Money
    committed: Money
    spent: Money

    @property
    def open(self) -> Money:
        """Committed but not yet spent (*openstaande verplichtingen*)."""
        return self.committed - self.spent

    @property
    def uncommitted(self) -> Money:
        """Allocated but not yet committed (*nog vrij*)."""
        return self.allocated - self.committed

    def amounts(self) -> tuple[Money, ...]:
        """The amounts of `AMOUNT_COLUMNS`, in their order."""
        return tuple(getattr(self, name) for name in AMOUNT_COLUMNS)

    def shares(self) -> tuple[Fraction | None, Fraction | None]:
        """Committed and spent as exact fractions of allocated; `None` when nothing is."""
        whole = self.allocated.cents
        if not whole:
            return None, None
        return Fraction(self.committed.cents, whole), Fraction(self.spent.cents, whole)


@attrs.frozen(kw_only=True, repr=False)
class Progress:
    """What was committed and spent against the plan, grouped one way (*voortgang*).

    `str()` is the table `romstrategy progress` prints, and a notebook shows
    the same table in HTML.

    Attributes:
        by: `"pillar"`, `"source"`, `"allocation"`, `"year"` or `"rom"`.
        as_of: the last day counted, or `None` for every transaction.
        rows: one row per key, in the order described at `progress`.
        total: all rows added up; its key is `Group.TOTAL`.
    """

    by: str
    as_of: pendulum.Date | None
    rows: tuple[ProgressRow, ...]
    total: ProgressRow

    def __str__(self) -> str:
        return "\n".join(progress_lines(self, "en"))

    def __repr__(self) -> str:
        when = "" if self.as_of is None else f", as_of={self.as_of.isoformat()!r}"
        rows = "1 row" if len(self.rows) == 1 else f"{len(self.rows)} rows"
        return f"Progress(by={shown(self.by)}{when}, {rows})"

    def _repr_html_(self) -> str:
        """The table of `str()` in HTML, for notebooks; every text escaped."""
        heads, *rows = _cells(self, "en")
        return html_grid(_title(self, "en"), heads, rows)


def share_text(share: Fraction) -> str:
    """A share for data: a fraction of one, exactly rounded half to even to 4 decimals.

    `Fraction(5, 6)` is `0.8333`, `Fraction(23, 10)` is `2.3000`; never through float.
    """
    units = round(share * 10_000)  # exact: Fraction rounds half to even
    whole, rest = divmod(abs(units), 10_000)
    return f"{'-' if units < 0 else ''}{whole}.{rest:04d}"


def share_number(share: Fraction | None) -> float | None:
    """`share_text` as a JSON number (`0.8333`), or `None` when there is no share."""
    return None if share is None else float(share_text(share))


def _row_cells(key: str, row: ProgressRow, lang: Lang) -> list[str]:
    amounts = (money(amount, lang) for amount in row.amounts())
    return [key, *amounts, *(percent(share, lang) for share in row.shares())]


def _cells(result: Progress, lang: Lang) -> list[list[str]]:
    """The header, one row of text per key, and the total row."""
    heads = [label(name, lang) for name in (result.by, *AMOUNT_COLUMNS, *SHARE_COLUMNS)]
    rows = (*result.rows, result.total)
    return [heads, *(_row_cells(visible(key_text(r.key, lang)), r, lang) for r in rows)]


def _title(result: Progress, lang: Lang) -> str:
    grouping = label(result.by, lang)
    grouping = grouping if grouping.isupper() else grouping.lower()  # ROM stays ROM
    if result.as_of is None:
        when = label("all_transactions", lang)
    else:
        when = f"{label('as_of', lang).lower()} {result.as_of.isoformat()}"
    return f"{label('progress', lang)} {_BY_WORD[lang]} {grouping}, {when}"


_NOTES = {
    "en": (
        "{year}: {amount} committed, {more} more than scheduled for that year.",
        "{year}: {amount} spent, {more} more than committed in that year.",
        "{year}: {more} more commitments released than made.",
    ),
    "nl": (
        "{year}: {amount} verplicht, {more} meer dan voor dat jaar ingepland.",
        "{year}: {amount} uitgegeven, {more} meer dan in dat jaar verplicht.",
        "{year}: {more} meer verplichtingen vrijgevallen dan aangegaan.",
    ),
}


def year_notes(result: Progress, lang: Lang) -> list[str]:
    """By year, a plain sentence for each year whose own figures give a negative remainder.

    More committed than scheduled, more spent than committed in that year
    (which happens when commitments of other years are paid), or more
    commitments released than made: each says only what the year's figures
    are. Other groupings have none.
    """
    notes: list[str] = []
    if result.by != "year":
        return notes
    over, paid, released = _NOTES[lang]
    for row in (row for row in result.rows if isinstance(row.key, str)):
        if row.committed.cents > max(row.allocated.cents, 0):
            more = money(row.committed - row.allocated, lang)
            notes.append(over.format(year=row.key, amount=money(row.committed, lang), more=more))
        if row.spent.cents > max(row.committed.cents, 0):
            more = money(row.spent - row.committed, lang)
            notes.append(paid.format(year=row.key, amount=money(row.spent, lang), more=more))
        if row.committed.cents < 0:
            notes.append(released.format(year=row.key, more=money(-row.committed, lang)))
    return notes


def progress_lines(result: Progress, lang: Lang) -> list[str]:
    """The title, a blank line, the header and one line per row, the total last.

    By year, the notes of `year_notes` follow after a blank line.
    """
    lines = _cells(result, lang)
    widths = [max(len(line[column]) for line in lines) for column in range(len(lines[0]))]
    table = [
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    ]
    notes = year_notes(result, lang)
    return [visible(_title(result, lang)), "", *table, *(["", *notes] if notes else [])]


def progress_data(result: Progress) -> dict[str, Any]:
    """`progress --format json`: by, as_of, rows and total, amounts plain (`"1250000.00"`).

    A row's `committed_share` and `spent_share` are numbers (`0.8333`, see
    `share_text`), `null` when nothing is allocated.

    Each row has a `key` (the user's code or id, a year) or a `group` (`joint`,
    `unassigned`, `total`), the other `null`, so that no code can pass for a group.
    """

    def entry(row: ProgressRow) -> dict[str, str | float | None]:
        amounts = (m.to_text() for m in row.amounts())
        shares = (share_number(s) for s in row.shares())
        return (
            group_fields(row.key)
            | dict(zip(AMOUNT_COLUMNS, amounts, strict=True))
            | dict(zip(SHARE_COLUMNS, shares, strict=True))
        )

    return {
        "by": result.by,
        "as_of": None if result.as_of is None else result.as_of.isoformat(),
        "rows": [entry(row) for row in result.rows],
        "total": entry(result.total),
    }


def _inert(text: str) -> str:
    """`text` for a CSV cell that a spreadsheet opens as text, never as a formula."""
    return "'" + visible(text) if text.startswith(_FORMULA) else visible(text)


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
"""How a cell starts that a spreadsheet runs as a formula (OWASP, CSV injection)."""


def progress_csv(result: Progress) -> str:
    """One row per key and a last row, the total; every key's control characters escaped.

    The first two columns are `key` (the user's code or id, a year) and `group`
    (`joint`, `unassigned` or `total`): each row fills one of them, so that no
    code can pass for a group. Amounts are data, plain and exact (`1250000.00`);
    shares as numbers, fractions of one to four decimals (`0.8333`), blank when
    nothing is allocated. A key that a spreadsheet would run as a formula (it starts
    with `=`, `+`, `-`, `@`, a tab or a CR) is written after a `'`, as OWASP advises
    against CSV injection; numbers stay numbers.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: quoted where needed, lines end in CR LF
    writer.writerow(["key", "group", *AMOUNT_COLUMNS, *SHARE_COLUMNS])
    for row in (*result.rows, result.total):
        key, group = group_fields(row.key).values()
        shares = ("" if s is None else share_text(s) for s in row.shares())
        amounts = (m.to_text() for m in row.amounts())
        writer.writerow([_inert(key or ""), group or "", *amounts, *shares])
    return buffer.getvalue()
