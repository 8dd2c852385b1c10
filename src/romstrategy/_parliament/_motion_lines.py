"""Motions as lines of text (*moties*), as `romstrategy motions` prints them."""

from __future__ import annotations

from collections.abc import Iterable

from romstrategy._model._appraisal import Appraisal
from romstrategy._model._display import html_grid, visible
from romstrategy._model._motion import Motion

__all__ = ["appraisal_text", "motion_line", "motion_lines", "motions_html"]


def appraisal_text(motion: Motion) -> str:
    """The cabinet's appraisal as the Kamer writes it, e.g. `Ontraden`; `""` where none."""
    appraisal = motion.appraisal
    return appraisal.value if isinstance(appraisal, Appraisal) else appraisal or ""


def _cells(motion: Motion) -> tuple[str, str, str, str, str]:
    kamerstuk = str(motion.kamerstuk) if motion.kamerstuk else "no Kamerstuk"
    signers = ", ".join((motion.submitter, *motion.co_submitters))
    return kamerstuk, motion.title, motion.status.value, signers, appraisal_text(motion)


def motion_line(motion: Motion) -> str:
    r"""Kamerstuk, title, status, signers and any appraisal of one motion, on one line.

    A `|` in text is escaped as `\|`, and control characters are shown as
    escapes such as `\x1b`. The appraisal is left out where there is none.
    """
    kamerstuk, title, status, signers, appraisal = _cells(motion)
    texts = (title, status, signers, *([appraisal] if appraisal else []))
    escaped = (text.replace("|", "\\|") for text in texts)
    return visible(" | ".join((kamerstuk, *escaped)))


def motion_lines(motions: Iterable[Motion]) -> list[str]:
    """`motion_line` of each motion, in order."""
    return [motion_line(motion) for motion in motions]


def motions_html(caption: str, motions: Iterable[Motion]) -> str:
    """The motions as an HTML table: Kamerstuk, title, status, signers, appraisal; text escaped.

    The appraisal column is there only when a motion has an appraisal.
    """
    rows = [_cells(motion) for motion in motions]
    width = 5 if any(row[-1] for row in rows) else 4  # the appraisal, where any motion has one
    heads = ("Kamerstuk", "title", "status", "signers", "appraisal")[:width]
    return html_grid(caption, heads, (row[:width] for row in rows), align="left")
