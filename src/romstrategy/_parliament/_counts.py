"""What `from_odata` read and left out, counted (*tellingen*), and its summary (*overzicht*).

The motions by kind, by outcome and by the cabinet's appraisal, then what was
left out and why: at once, a user sees whether a whole term was read.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from romstrategy._model._display import visible
from romstrategy._model._motion import Motion

__all__ = ["OdataCounts", "summary_lines"]

_INDENT = "  "


def _frozen(counts: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))))


def _counts() -> Any:
    """A field of counts by value, read-only."""
    return attrs.field(factory=dict, converter=_frozen)


@attrs.frozen
class OdataCounts:
    """What `from_odata` read and left out, counted (*tellingen*).

    Each mapping runs from the most frequent value to the least.

    Attributes:
        records: the records read, each `Id` once, of any `Soort`.
        superseded: older versions of a record given again, left out: of the
            records with one `Id`, the one with the latest `GewijzigdOp` counts.
        deleted: records deleted (`Verwijderd`), left out.
        skipped: motions and amendments that could not be read; the
            warnings say why.
        other_kinds: the records of each other `Soort`, not read.
        no_outcome_yet: decisions taken that are votes with no outcome yet,
            by `BesluitSoort` (postponed, tied, bare `Stemmen`).
        not_taken: decisions not taken, by `Status` (`Voorstel`, ...).
        procedure: procedural decisions, by `BesluitSoort`, ignored.
        unknown: decisions whose `BesluitSoort` is not known, left out.
        no_soort: decisions without a `BesluitSoort`, left out.
    """

    records: int = 0
    superseded: int = 0
    deleted: int = 0
    skipped: int = 0
    other_kinds: Mapping[str, int] = _counts()
    no_outcome_yet: Mapping[str, int] = _counts()
    not_taken: Mapping[str, int] = _counts()
    procedure: Mapping[str, int] = _counts()
    unknown: Mapping[str, int] = _counts()
    no_soort: int = 0


def summary_lines(motions: tuple[Motion, ...], counts: OdataCounts, warnings: int) -> list[str]:
    """The summary, a line each, its text escaped for a terminal."""
    lines = [f"records read: {counts.records:,}", f"motions and amendments: {len(motions):,}"]
    lines += _section("by kind", Counter(motion.kind.value for motion in motions))
    lines += _section("by outcome", Counter(motion.status.value for motion in motions))
    lines += _section("by appraisal", Counter(_appraisal(motion) for motion in motions))
    lines.append("left out:")
    for label, key in _LEFT_OUT:
        lines.append(f"{_INDENT}{label}: {getattr(counts, key):,}")
    for label, key in _BY_VALUE:
        lines += _section(label, getattr(counts, key), indent=_INDENT)
    lines.append(f"warnings: {warnings:,}")
    return [visible(line) for line in lines]


_LEFT_OUT = (
    ("superseded versions", "superseded"),
    ("deleted", "deleted"),
    ("motions and amendments that could not be read (see the warnings)", "skipped"),
    ("decisions without a BesluitSoort", "no_soort"),
)

_BY_VALUE = (
    ("records of another Soort", "other_kinds"),
    ("decisions with no outcome yet", "no_outcome_yet"),
    ("decisions not taken, by Status", "not_taken"),
    ("procedural decisions", "procedure"),
    ("decisions of an unknown BesluitSoort", "unknown"),
)


def _appraisal(motion: Motion) -> str:
    appraisal = motion.appraisal
    if appraisal is None:
        return "(none)"
    return str(appraisal.value) if isinstance(appraisal, enum.Enum) else f"{appraisal} (unknown)"


def _section(title: str, counts: Mapping[str, int], indent: str = "") -> Iterable[str]:
    """A title with its total, then a line per value, the most frequent first."""
    total = sum(counts.values())
    yield f"{indent}{title}: {total:,}"
    for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        yield f"{indent}{_INDENT}{value}: {count:,}"
