"""Motions as lines of text (*moties*), as `romstrategy motions` prints them."""

from __future__ import annotations

from collections.abc import Iterable

from romstrategy._model._display import html_grid, visible
from romstrategy._model._motion import Motion

__all__ = ["motion_line", "motion_lines", "motions_html"]


def _cells(motion: Motion) -> tuple[str, str, str, str]:
    kamerstuk = str(motion.kamerstuk) if motion.kamerstuk else "no Kamerstuk"
    signers = ", ".join((motion.submitter, *motion.co_submitters))
    return kamerstuk, motion.title, motion.status.value, signers


def motion_line(motion: Motion) -> str:
    r"""Kamerstuk, title, status and signers of one motion, on one line; a `|` in text escaped.

    Control characters are shown as escapes such as `\x1b`.
    """
    kamerstuk, title, status, signers = _cells(motion)
    escaped = (text.replace("|", "\\|") for text in (title, status, signers))
    return visible(" | ".join((kamerstuk, *escaped)))


def motion_lines(motions: Iterable[Motion]) -> list[str]:
    """`motion_line` of each motion, in order."""
    return [motion_line(motion) for motion in motions]


def motions_html(caption: str, motions: Iterable[Motion]) -> str:
    """The motions as an HTML table: Kamerstuk, title, status and signers; text escaped."""
    heads = ("Kamerstuk", "title", "status", "signers")
    return html_grid(caption, heads, (_cells(motion) for motion in motions), align="left")
