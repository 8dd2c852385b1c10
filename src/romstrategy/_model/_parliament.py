"""Parliamentary instruments and their lifecycle (*moties en amendementen*)."""

from __future__ import annotations

import enum

import attrs
import pendulum

from romstrategy._model import _kinds as _fields
from romstrategy._model._money import Money

__all__ = ["Motion", "MotionKind", "MotionStatus", "StatusChange"]


class MotionKind(enum.Enum):
    """A motion (*motie*) or an amendment (*amendement*)."""

    MOTION = "motion"
    AMENDMENT = "amendment"


class MotionStatus(enum.Enum):
    """Where a motion stands (*status*).

    submitted (*ingediend*), adopted (*aangenomen*), rejected (*verworpen*),
    withdrawn (*ingetrokken*), held (*aangehouden*), in progress
    (*in behandeling*), settled (*afgedaan*).
    """

    SUBMITTED = "submitted"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    HELD = "held"
    IN_PROGRESS = "in-progress"
    SETTLED = "settled"


@attrs.frozen(kw_only=True)
class StatusChange:
    """One step in a motion's history (*statuswijziging*).

    Attributes:
        status: the status reached.
        on: the date it was reached, or `None` where unknown.
        document: the document that records it, e.g. the letter that
            settles the motion (*vindplaats*), or `None`.
    """

    status: MotionStatus = _fields.member(MotionStatus)
    on: pendulum.Date | None = _fields.optional_date()
    document: str | None = _fields.optional_text()


@attrs.frozen(kw_only=True)
class Motion:
    """A parliamentary motion or amendment (*motie*, *amendement*).

    Whether the history is a valid lifecycle is a rule (RS301), not a
    construction check, so that a wrong history can be loaded and reported.

    Attributes:
        id: a short, stable id, e.g. `"amhaouch-2022"`.
        kind: motion or amendment.
        title: how it is known, e.g. `"Motie Amhaouch c.s."`.
        submitter: the first submitter (*indiener*).
        co_submitted: whether others signed too (*c.s.*, *cum suis*).
        submitted_on: the date it was submitted.
        request: what it asks (*verzoek*).
        history: its status changes, oldest first.
        amount: money an amendment makes available, or `None`.
        kamerstuk: the parliamentary paper number, or `None` where unknown.
        note: anything a reader must know, e.g. a spelling, or `None`.
    """

    id: str = _fields.identifier()
    kind: MotionKind = _fields.member(MotionKind)
    title: str = _fields.text()
    submitter: str = _fields.text()
    co_submitted: bool = _fields.flag()
    submitted_on: pendulum.Date = _fields.date()
    request: str = _fields.text()
    history: tuple[StatusChange, ...] = _fields.instances(StatusChange)
    amount: Money | None = _fields.optional_money()
    kamerstuk: str | None = _fields.optional_text()
    note: str | None = _fields.optional_text()

    @property
    def status(self) -> MotionStatus:
        """The current status: the last in the history, or submitted if none."""
        return self.history[-1].status if self.history else MotionStatus.SUBMITTED

    @property
    def settled_by(self) -> StatusChange | None:
        """The status change that settled the motion (*afgedaan*), if any."""
        for change in reversed(self.history):
            if change.status is MotionStatus.SETTLED:
                return change
        return None
