"""Rules about motions and their lifecycle (*moties en hun levensloop*).

RS301 to RS304. A date that is not known (`None`) is never a finding: the
letter, for instance, gives no date of adoption.
"""

from __future__ import annotations

from collections.abc import Iterator

import pendulum

from romstrategy._model._motion import Motion, MotionKind, MotionStatus
from romstrategy._model._strategy import Strategy
from romstrategy._model._vocabulary import join, word
from romstrategy._rules._changes import add_motion, settled_history, settles_a_settled_motion, step
from romstrategy._rules._findings import Severity, Violation
from romstrategy._rules._index import unique_by
from romstrategy._rules._rule import rule
from romstrategy._rules._text import path

__all__ = [
    "NEXT_STATUSES",
    "co_submitters_without_co_submitted",
    "invalid_motion_lifecycle",
    "settled_without_document",
    "settles_a_motion_not_adopted_or_settled",
]

_S = MotionStatus
NEXT_STATUSES: dict[MotionStatus, frozenset[MotionStatus]] = {
    _S.SUBMITTED: frozenset({_S.ADOPTED, _S.REJECTED, _S.WITHDRAWN, _S.HELD, _S.LAPSED}),
    _S.HELD: frozenset({_S.ADOPTED, _S.REJECTED, _S.WITHDRAWN, _S.LAPSED}),
    _S.ADOPTED: frozenset({_S.IN_PROGRESS, _S.SETTLED}),
    _S.IN_PROGRESS: frozenset({_S.SETTLED}),
    _S.REJECTED: frozenset(),
    _S.WITHDRAWN: frozenset(),
    _S.SETTLED: frozenset(),
    _S.LAPSED: frozenset(),
}
"""The statuses a motion may move to from each status (*toegestane stappen*)."""

_NEVER_FOR_AMENDMENTS = frozenset({_S.IN_PROGRESS, _S.SETTLED})


def _kind_nl(motion: Motion) -> str:
    """`Motie` or `Amendement`, to start a sentence."""
    return word(motion.kind, "nl").capitalize()


def _step_problems(
    motion: Motion, index: int, latest: pendulum.Date | None
) -> tuple[list[str], list[str]]:
    """What is wrong with step `index`, given the latest known date before it."""
    change = motion.history[index]
    # English names a status by its value (`in-progress`), as findings always have.
    status, status_nl = change.status.value, word(change.status, "nl")
    en: list[str] = []
    nl: list[str] = []
    if index == 0 and change.status is not _S.SUBMITTED:
        en.append(f"the history starts at {status}, not at submitted")
        nl.append(f"de geschiedenis begint bij {status_nl}, niet bij ingediend")
    if index > 0:
        before = motion.history[index - 1].status
        if change.status not in NEXT_STATUSES[before]:
            en.append(f"{before.value} cannot be followed by {status}")
            nl.append(f"op {word(before, 'nl')} kan geen {status_nl} volgen")
    if motion.kind is MotionKind.AMENDMENT and change.status in _NEVER_FOR_AMENDMENTS:
        en.append(f"an amendment is never {status}")
        nl.append(f"een amendement is nooit {status_nl}")
    if change.on is not None:
        on = change.on.isoformat()
        if latest is not None and change.on < latest:
            en.append(f"its date {on} is before the earlier step's {latest.isoformat()}")
            nl.append(f"de datum {on} ligt voor die van een eerdere stap, {latest.isoformat()}")
        if change.on < motion.submitted_on:
            submitted = motion.submitted_on.isoformat()
            en.append(f"its date {on} is before the motion was submitted on {submitted}")
            nl.append(f"de datum {on} ligt voor de indiening op {submitted}")
    return en, nl


def _lifecycle(motion: Motion) -> Iterator[Violation]:
    latest: pendulum.Date | None = None
    for index, change in enumerate(motion.history):
        en, nl = _step_problems(motion, index, latest)
        if en:
            yield Violation(
                message=f"{motion.kind.value.capitalize()} {motion.id}, step {index} "
                f"({change.status.value}): {join(en, 'en')}.",
                message_nl=f"{_kind_nl(motion)} {motion.id}, stap {index} "
                f"({word(change.status, 'nl')}): {join(nl, 'nl')}.",
                path=path("motions", motion.id, f"history[{index}]"),
                subjects=(motion.id,),
            )
        if change.on is not None and (latest is None or change.on > latest):
            latest = change.on


def _settled_before_adopted(strategy: Strategy) -> Strategy:
    """A motion's history goes straight from submitted to settled, skipping adopted."""
    history = (step(MotionStatus.SUBMITTED), step(MotionStatus.SETTLED, "the letter"))
    return add_motion(strategy, "example-skipping", *history)


def _adopted_then_settled(strategy: Strategy) -> Strategy:
    """Its history goes submitted, adopted, settled (with a document)."""
    return add_motion(strategy, "example-lifecycle", *settled_history())


@rule(
    "RS301",
    Severity.ERROR,
    title="A motion's status history is not a valid lifecycle",
    title_nl="De statusgeschiedenis van een motie is geen geldige levensloop",
    breaks=_settled_before_adopted,
    keeps=_adopted_then_settled,
)
def invalid_motion_lifecycle(strategy: Strategy) -> Iterator[Violation]:
    """A motion's history is a valid lifecycle (*levensloop*).

    It starts at submitted (*ingediend*). Allowed steps: submitted to adopted
    (*aangenomen*), rejected (*verworpen*), withdrawn (*ingetrokken*), held
    (*aangehouden*) or lapsed (*vervallen*); held to adopted, rejected,
    withdrawn or lapsed; adopted to in progress (*in behandeling*) or settled
    (*afgedaan*); in progress to settled. Rejected, withdrawn, lapsed (closed
    without a decision) and settled are final: nothing follows them. Known
    dates never go backwards and none is before the motion's `submitted_on`;
    unknown dates are skipped. An amendment is never in progress or settled,
    but may lapse. There is one finding per wrong step, with path
    `motions[id].history[i]` (the history's order is its meaning) and the
    motion's id as subject. An empty history means submitted and is valid.
    """
    for motion in strategy.motions:
        yield from _lifecycle(motion)


def _settle_problems(motion: Motion) -> tuple[list[str], list[str]]:
    en: list[str] = []
    nl: list[str] = []
    if all(change.status is not _S.ADOPTED for change in motion.history):
        en.append("it was never adopted")
        nl.append("die is nooit aangenomen")
    if motion.status is not _S.SETTLED:
        en.append(f"its history ends in {motion.status.value}, not in settled")
        nl.append(f"de geschiedenis eindigt bij {word(motion.status, 'nl')}, niet bij afgedaan")
    return en, nl


def _settles_a_submitted_motion(strategy: Strategy) -> Strategy:
    """The strategy settles a motion that is only submitted, not adopted."""
    return add_motion(strategy, "example-submitted", step(MotionStatus.SUBMITTED), settled=True)


@rule(
    "RS302",
    Severity.ERROR,
    title="The strategy settles a motion that was not adopted or is not settled",
    title_nl="De strategie doet een motie af die niet is aangenomen of niet is afgedaan",
    breaks=_settles_a_submitted_motion,
    keeps=settles_a_settled_motion,
)
def settles_a_motion_not_adopted_or_settled(strategy: Strategy) -> Iterator[Violation]:
    """A strategy settles (*doet af*) only motions that were adopted and are now settled.

    A settled id that is no motion is RS001, not this rule. The path is
    `settles[id]`; the subject the motion's id.
    """
    motions = unique_by(strategy.motions, lambda m: m.id)
    for name in sorted(set(strategy.settles)):
        motion = motions.get(name)
        if motion is None:
            continue
        en, nl = _settle_problems(motion)
        if en:
            yield Violation(
                message=f"Strategy {strategy.id} settles motion {name}, but {join(en, 'en')}.",
                message_nl=f"Strategie {strategy.id} doet motie {name} af, maar {join(nl, 'nl')}.",
                path=path("settles", name),
                subjects=(name,),
            )


def _settled_by_no_document(strategy: Strategy) -> Strategy:
    """A motion's settled step names no document."""
    return add_motion(strategy, "example-undocumented", *settled_history(document=None))


def _settled_by_the_letter(strategy: Strategy) -> Strategy:
    """The settled step names the document that settles it; its date may be unknown."""
    return add_motion(strategy, "example-documented", *settled_history())


@rule(
    "RS303",
    Severity.WARNING,
    title="A motion is settled without naming the document that settles it",
    title_nl="Een motie is afgedaan zonder vindplaats",
    breaks=_settled_by_no_document,
    keeps=_settled_by_the_letter,
)
def settled_without_document(strategy: Strategy) -> Iterator[Violation]:
    """A motion is settled (*afgedaan*) by a named document (*vindplaats*).

    The letter settles its motions by itself, and ministries report where
    each adopted motion was settled. A settled step without a document is a
    warning; its date may stay unknown. The path is
    `motions[id].history[i].document`; the subject the motion's id.
    """
    for motion in strategy.motions:
        for index, change in enumerate(motion.history):
            if change.status is _S.SETTLED and not (change.document or "").strip():
                yield Violation(
                    message=f"{motion.kind.value.capitalize()} {motion.id} is settled at step "
                    f"{index} without naming the document that settles it.",
                    message_nl=f"{_kind_nl(motion)} {motion.id} is bij stap {index} afgedaan "
                    "zonder vindplaats (document).",
                    path=path("motions", motion.id, f"history[{index}]", "document"),
                    subjects=(motion.id,),
                )


def _co_signed_but_not_marked(strategy: Strategy) -> Strategy:
    """A motion names a co-signer, but says that nobody signed with the submitter."""
    history = (step(MotionStatus.SUBMITTED),)
    return add_motion(strategy, "example-unmarked", *history, co_submitters=("Example Two",))


def _co_signed_and_marked(strategy: Strategy) -> Strategy:
    """A motion names a co-signer and says that others signed (*c.s.*)."""
    history = (step(MotionStatus.SUBMITTED),)
    return add_motion(
        strategy, "example-marked", *history, co_submitters=("Example Two",), co_submitted=True
    )


@rule(
    "RS304",
    Severity.ERROR,
    title="A motion names co-signers but is not marked as co-submitted",
    title_nl="Een motie noemt medeindieners, maar is niet als c.s. aangemerkt",
    breaks=_co_signed_but_not_marked,
    keeps=_co_signed_and_marked,
)
def co_submitters_without_co_submitted(strategy: Strategy) -> Iterator[Violation]:
    """A motion with co-signers (*medeindieners*) is co-submitted (*c.s.*, *cum suis*).

    `co_submitters` names who signed with the submitter; `co_submitted`
    says whether anyone did. Names with `co_submitted` false contradict
    each other. `co_submitted` true without names is fine: the names may be
    unknown. The path is `motions[id].co_submitted`; the subject the
    motion's id.
    """
    for motion in strategy.motions:
        if motion.co_submitters and not motion.co_submitted:
            count = len(motion.co_submitters)
            names = ", ".join(motion.co_submitters)
            yield Violation(
                message=f"{motion.kind.value.capitalize()} {motion.id} names {count} "
                f"co-signer{'s' if count > 1 else ''} ({names}), but co_submitted is false.",
                message_nl=f"{_kind_nl(motion)} {motion.id} noemt {count} "
                f"medeindiener{'s' if count > 1 else ''} ({names}), maar co_submitted is "
                "onwaar.",
                path=path("motions", motion.id, "co_submitted"),
                subjects=(motion.id,),
            )
