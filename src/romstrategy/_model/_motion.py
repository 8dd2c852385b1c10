"""Parliamentary instruments and their lifecycle (*moties en amendementen*)."""

from __future__ import annotations

import enum

import attrs

from romstrategy._model._display import brief
from romstrategy._model._kinds import (
    Day,
    Flag,
    Id,
    OptionalAmount,
    OptionalAppraisal,
    OptionalDay,
    OptionalKamerstuk,
    OptionalText,
    Text,
    Texts,
    by_kind,
)

__all__ = ["DecisionMethod", "Motion", "MotionKind", "MotionStatus", "StatusChange"]


class MotionKind(enum.Enum):
    """A motion (*motie*) or an amendment (*amendement*)."""

    MOTION = "motion"
    AMENDMENT = "amendment"


class MotionStatus(enum.Enum):
    """Where a motion stands (*status*).

    submitted (*ingediend*), adopted (*aangenomen*), rejected (*verworpen*),
    withdrawn (*ingetrokken*), held (*aangehouden*), in progress
    (*in behandeling*), settled (*afgedaan*), lapsed (*vervallen*: closed
    without a decision, e.g. when its submitter left the Kamer).
    """

    SUBMITTED = "submitted"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    HELD = "held"
    IN_PROGRESS = "in-progress"
    SETTLED = "settled"
    LAPSED = "lapsed"


class DecisionMethod(enum.Enum):
    """How a step of a motion's history was decided (*wijze van besluiten*).

    by vote (*stemming*), without a vote (*zonder stemming*), taken over by the
    cabinet (*overgenomen door het kabinet*).
    """

    BY_VOTE = "by-vote"
    WITHOUT_VOTE = "without-vote"
    TAKEN_OVER = "taken-over"


@attrs.frozen(kw_only=True, field_transformer=by_kind, repr=False)
class StatusChange:
    """One step in a motion's history (*statuswijziging*).

    Attributes:
        status: the status reached.
        on: the date it was reached, or `None` where unknown.
        document: the document that records it, e.g. the letter that
            settles the motion (*vindplaats*), or `None`.
        how: how the step was decided (*wijze van besluiten*), or `None`
            where unknown.
    """

    __repr__ = brief

    status: MotionStatus
    on: OptionalDay = None
    document: OptionalText = None
    how: DecisionMethod | None = None


@attrs.frozen(kw_only=True, field_transformer=by_kind, repr=False)
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
        co_submitters: the co-signers' names (*medeindieners*), in the
            order of the record; empty where unknown or none. Names with
            `co_submitted` false break rule RS304.
        submitted_on: the date it was submitted.
        request: what it asks (*verzoek*).
        history: its status changes, oldest first.
        amount: money an amendment makes available, or `None`.
        kamerstuk: the parliamentary paper (*Kamerstuk*), or `None` where
            unknown; its text forms, such as `"33 009, nr. 124"`, are read too.
        appraisal: the cabinet's appraisal (*kabinetsappreciatie*): an
            `Appraisal`, or its text where the library knows no such member
            (a text equal to a member's value is that member), or `None`.
        note: anything a reader must know, e.g. a spelling, or `None`.
    """

    __repr__ = brief

    id: Id
    kind: MotionKind
    title: Text
    submitter: Text
    co_submitted: Flag = False
    co_submitters: Texts = attrs.field(default=(), metadata={"omit_empty": True})
    submitted_on: Day
    request: Text
    history: tuple[StatusChange, ...] = ()
    amount: OptionalAmount = None
    kamerstuk: OptionalKamerstuk = None
    appraisal: OptionalAppraisal = None
    note: OptionalText = None

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
