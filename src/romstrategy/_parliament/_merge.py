"""Merging the Tweede Kamer's motions into a strategy (*moties bijwerken*).

An imported motion is the strategy's own when both name the same
parliamentary paper (*Kamerstuk*), or, where either names none, when their
ids are equal; two different Kamerstukken never match. A match fills in
what the strategy's motion lacks, its Kamerstuk and its co-signers
(*medeindieners*), and gains the Kamer's status steps it does not have yet,
each at its place in the lifecycle (*levensloop*). The Kamer's record of the
cabinet's appraisal (*kabinetsappreciatie*) is the one that counts: it fills in
a missing one and replaces a different one, with a note. Nothing else is
overwritten, and nothing is removed. A step that would bring a problem of rule
RS301 the history did not have is left out, and so is every step only the
strategy records: in progress (*in behandeling*) and settled (*afgedaan*).

The imported motions are applied in their order, and then again until
nothing changes, so that merging twice gives what merging once gave: a step
left out because another was missing is added once that one is there.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import attrs

from romstrategy._model._appraisal import Appraisal
from romstrategy._model._display import shown, visible
from romstrategy._model._error import ArgumentError, ArgumentTypeError
from romstrategy._model._kamerstuk import KamerstukRef
from romstrategy._model._kinds import argument
from romstrategy._model._motion import Motion, MotionStatus, StatusChange
from romstrategy._model._period import Period
from romstrategy._model._strategy import Strategy
from romstrategy._rules._motions import invalid_motion_lifecycle
from romstrategy._rules._text import path
from romstrategy.rules import Finding

__all__ = ["merge", "merge_with_notes"]

_S = MotionStatus
_KAMERS = frozenset({_S.SUBMITTED, _S.HELD, _S.ADOPTED, _S.REJECTED, _S.WITHDRAWN, _S.LAPSED})
"""The statuses the Kamer records, and so the only ones a merge adds."""

_PLACE = {
    _S.SUBMITTED: 0,
    _S.HELD: 1,
    _S.ADOPTED: 2,
    _S.REJECTED: 2,
    _S.WITHDRAWN: 2,
    _S.LAPSED: 2,
    _S.IN_PROGRESS: 3,
    _S.SETTLED: 4,
}
"""Each status's place in the lifecycle: an added step goes before the first later one."""

_ALONE = Strategy(
    id="alone", title="A motion on its own, for rule RS301", period=Period.years(2000)
)
"""A strategy that holds nothing: with one motion, RS301 checks that motion's history alone."""

_NOT_THE_KAMERS = "the strategy, not the Kamer, records when a motion is in progress or settled"


def merge(strategy: Strategy, motions: Iterable[Motion], *, add_new: bool = False) -> Strategy:
    """Update a strategy's motions from imported ones (*moties bijwerken*).

    A strategy's motion and an imported one match by Kamerstuk when both
    have one, and otherwise by id. Each match fills in the strategy's
    motion's Kamerstuk where it has none, and its co-signers where it names
    none (then `co_submitted` is true), takes the Kamer's appraisal where
    the Kamer gives one (replacing a different one), and adds the Kamer's status steps
    it lacks, each at its place in the lifecycle order: submitted first,
    held before adopted, rejected and withdrawn, and those before in
    progress and settled. Nothing else the strategy holds is overwritten,
    reordered or removed. Only the Kamer's statuses are added (submitted,
    held, adopted, rejected, withdrawn, lapsed; never in progress or settled), and
    a step only where it brings no RS301 problem the history did not have
    (its step number aside), so that the history never has more RS301
    findings than before: a submitted step dated after the strategy's own
    adoption is left out even where the history lacked its submitted step
    (*ingediend*). Imported
    motions are applied in their order; one that matches several of the
    strategy's motions updates each of them.

    Args:
        strategy: the strategy to update.
        motions: the imported motions, e.g. from the Tweede Kamer's open data.
        add_new: whether an imported motion that matches none of the
            strategy's is added at the end of its motions, in import order;
            by default it is left out. Its history is built by the same
            rule from an empty one: its steps but in progress and settled,
            each where it keeps the lifecycle valid; a valid history is
            kept whole.

    Returns:
        The updated strategy, equal to `strategy` where nothing changes.
        Merging the same motions again changes nothing more. `merge_with_notes` also
        says which steps were left out, and why.

    Raises:
        TypeError: for a strategy, motion or `add_new` of the wrong type.
        ValueError: with `add_new`, for imported motions that match none of
            the strategy's but whose id it already uses, since their
            Kamerstukken differ; the message names every such id.
    """
    return _merged(strategy, motions, add_new, "merge")[0]


def merge_with_notes(
    strategy: Strategy, motions: Iterable[Motion], *, add_new: bool = False
) -> tuple[Strategy, tuple[str, ...]]:
    """The same as `merge`, and a note for every step of the Kamer's that was left out, and why.

    Each note names the motion (and the Kamer's id where it differs), the
    status and its date, and the reason, with user text quoted and escaped
    for a terminal: `"Motion 'de-jong-2023': the Kamer's step adopted
    (2023-07-11) is left out: it would break the lifecycle (RS301): rejected
    cannot be followed by adopted."`. An appraisal the Kamer's replaces is
    a note too: `"Motion 'de-jong-2023': its appraisal 'Ontraden' is replaced
    by the Kamer's 'Oordeel Kamer'."`. A status the motion already has is
    no note; an imported motion that matches none is left out without one.

    Raises:
        TypeError: as `merge` does.
        ValueError: as `merge` does.
    """
    return _merged(strategy, motions, add_new, "merge_with_notes")


def _merged(
    strategy: Strategy, motions: Iterable[Motion], add_new: bool, name: str
) -> tuple[Strategy, tuple[str, ...]]:
    argument(strategy, Strategy, f"{name}(strategy=...)")
    imported = _imported(motions, name)
    argument(add_new, bool, f"{name}(add_new=...)")
    current = strategy.motions
    while True:  # Each round that changes something adds a step, a field or a motion.
        notes: list[str] = []
        result = _round(current, imported, add_new, notes, name)
        if result == current:
            break
        current = result
    unique = tuple(dict.fromkeys([*_replaced(strategy.motions, current), *notes]))
    if current == strategy.motions:
        return strategy, unique
    return attrs.evolve(strategy, motions=current), unique


def _imported(motions: object, name: str) -> tuple[Motion, ...]:
    """The imported motions as a tuple, each checked to be a `Motion`."""
    where = f"{name}(motions=...)"
    if isinstance(motions, str | bytes) or not isinstance(motions, Iterable):
        raise ArgumentTypeError(
            f"{where}: got {type(motions).__name__} {shown(motions)}, "
            "expected an iterable of Motion"
        )
    items = tuple(motions)
    for index, item in enumerate(items):
        argument(item, Motion, f"{where}[{index}]")
    return items


def _round(
    motions: tuple[Motion, ...],
    imported: tuple[Motion, ...],
    add_new: bool,
    notes: list[str],
    name: str,
) -> tuple[Motion, ...]:
    """One pass over the imported motions, in their order, against the motions as they become."""
    current = _Motions(motions)
    added: set[str] = set()
    clashes: list[tuple[str, bool]] = []
    for theirs in imported:
        found = current.matching(theirs)
        if not found and add_new:
            if current.uses(theirs.id):
                clashes.append((theirs.id, theirs.id in added))
                continue
            added.add(theirs.id)
            found = [current.append(_new(theirs))]
        for index in found:
            current.replace(index, _updated(current.motions[index], theirs, notes))
    if clashes:
        raise ArgumentError(_clash_message(clashes, name))
    return tuple(current.motions)


def _new(theirs: Motion) -> Motion:
    """An imported motion as first added: no steps yet, co-submitted if it names co-signers."""
    co_submitted = theirs.co_submitted or bool(theirs.co_submitters)
    return attrs.evolve(theirs, history=(), co_submitted=co_submitted)


class _Motions:
    """The strategy's motions as a merge changes them, found by id and by Kamerstuk at once."""

    def __init__(self, motions: Iterable[Motion]) -> None:
        self.motions: list[Motion] = []
        self.by_id: dict[str, list[int]] = defaultdict(list)
        self.by_kamerstuk: dict[KamerstukRef, list[int]] = defaultdict(list)
        for motion in motions:
            self.append(motion)

    def append(self, motion: Motion) -> int:
        """Add `motion` at the end; its index."""
        index = len(self.motions)
        self.motions.append(motion)
        self.by_id[motion.id].append(index)
        if motion.kamerstuk is not None:
            self.by_kamerstuk[motion.kamerstuk].append(index)
        return index

    def replace(self, index: int, motion: Motion) -> None:
        """Put `motion` at `index`: the same id, and the same Kamerstuk or one filled in."""
        if self.motions[index].kamerstuk is None and motion.kamerstuk is not None:
            self.by_kamerstuk[motion.kamerstuk].append(index)
        self.motions[index] = motion

    def uses(self, motion_id: str) -> bool:
        """Whether a motion has the id `motion_id`."""
        return bool(self.by_id.get(motion_id))

    def matching(self, theirs: Motion) -> list[int]:
        """The indexes of the motions `theirs` is, in order.

        A motion is `theirs` when both have the same Kamerstuk, or, where
        either has none, the same id.
        """
        same_id = self.by_id.get(theirs.id, [])
        if theirs.kamerstuk is None:
            return list(same_id)
        numbered = self.by_kamerstuk.get(theirs.kamerstuk, [])
        unnumbered = [i for i in same_id if self.motions[i].kamerstuk is None]
        return sorted({*numbered, *unnumbered})


def _clash_message(clashes: list[tuple[str, bool]], name: str) -> str:
    """Why imported motions cannot be added: the strategy or another import has their id."""
    by_strategy = list(dict.fromkeys(i for i, imported in clashes if not imported))
    by_imports = list(dict.fromkeys(i for i, imported in clashes if imported))
    parts = []
    if by_strategy:
        parts.append(
            f"{_ids(by_strategy)} {_match(by_strategy)} no motion of the strategy by its "
            "Kamerstuk, but the strategy already uses the id"
        )
    if by_imports:
        parts.append(
            f"{_ids(by_imports)} {'is' if len(by_imports) == 1 else 'are'} used by more "
            "than one imported motion, with different Kamerstukken"
        )
    them = "them" if len(by_strategy) + len(by_imports) > 1 else "it"
    return (
        f"{name}(add_new=True): the imported motion {'; and '.join(parts)}; give {them} "
        "another id, or correct the Kamerstuk"
    )


def _ids(ids: list[str]) -> str:
    listed = ", ".join(shown(motion_id) for motion_id in ids)
    return f"id{'s' if len(ids) > 1 else ''} {listed}"


def _match(ids: list[str]) -> str:
    return "match" if len(ids) > 1 else "matches"


def _updated(mine: Motion, theirs: Motion, notes: list[str]) -> Motion:
    """`mine` with what it lacks filled in from `theirs` and the Kamer's steps it lacks."""
    if mine.kamerstuk is None and theirs.kamerstuk is not None:
        mine = attrs.evolve(mine, kamerstuk=theirs.kamerstuk)
    if not mine.co_submitters and theirs.co_submitters:
        mine = attrs.evolve(mine, co_submitters=theirs.co_submitters, co_submitted=True)
    if theirs.appraisal is not None and mine.appraisal != theirs.appraisal:
        mine = attrs.evolve(mine, appraisal=theirs.appraisal)
    for change in theirs.history:
        mine = _with_step(mine, theirs, change, notes)
    return mine


def _replaced(before: tuple[Motion, ...], after: tuple[Motion, ...]) -> list[str]:
    """A note for each appraisal of `before` that the merge replaced (a motion keeps its index)."""
    return [
        f"{old.kind.value.capitalize()} {shown(old.id)}: its appraisal "
        f"{_appraisal(old.appraisal)} is replaced by the Kamer's {_appraisal(new.appraisal)}."
        for old, new in zip(before, after[: len(before)], strict=True)
        if old.appraisal is not None and old.appraisal != new.appraisal
    ]


def _appraisal(appraisal: Appraisal | str | None) -> str:
    """An appraisal quoted: a known one whole, other text as `shown` quotes it."""
    return repr(appraisal.value) if isinstance(appraisal, Appraisal) else shown(appraisal)


def _with_step(mine: Motion, theirs: Motion, change: StatusChange, notes: list[str]) -> Motion:
    """`mine` with the Kamer's step `change` at its place, unless it has the status or must not."""
    if any(step.status is change.status for step in mine.history):
        return mine
    if change.status not in _KAMERS:
        notes.append(_note(mine, theirs, change, _NOT_THE_KAMERS))
        return mine
    index = next(
        (i for i, step in enumerate(mine.history) if _PLACE[step.status] > _PLACE[change.status]),
        len(mine.history),
    )
    history = (*mine.history[:index], change, *mine.history[index:])
    candidate = attrs.evolve(mine, history=history)
    new = _new_problems(mine, candidate)
    if new:
        notes.append(_note(mine, theirs, change, _why(index, *new[0])))
        return mine
    return candidate


def _problems(motion: Motion) -> list[tuple[int, str, str]]:
    """Each RS301 finding of `motion`: its step's index and status, and what is wrong.

    What is wrong is the finding's message without the motion and step it
    names, so that the same problem one step further on reads the same.
    """
    steps = {path("motions", motion.id, f"history[{i}]"): i for i in range(len(motion.history))}
    kind = motion.kind.value.capitalize()
    found = []
    for finding in _rs301(motion):
        at = steps.get(finding.path, -1)  # -1: should RS301 ever name its steps otherwise
        status = motion.history[at].status.value if at >= 0 else ""
        prefix = f"{kind} {motion.id}, step {at} ({status}): "
        found.append((at, status, finding.message.removeprefix(prefix).removesuffix(".")))
    return found


def _rs301(motion: Motion) -> tuple[Finding, ...]:
    """The findings of rule RS301 on one motion, in the order of its steps."""
    return invalid_motion_lifecycle.run(attrs.evolve(_ALONE, motions=(motion,)))


def _new_problems(before: Motion, after: Motion) -> list[tuple[int, str, str]]:
    """The RS301 problems of `after` that `before` does not have, in step order."""
    had = Counter((status, what) for _, status, what in _problems(before))
    new = []
    for at, status, what in _problems(after):
        if had[status, what] > 0:
            had[status, what] -= 1
        else:
            new.append((at, status, what))
    return new


def _why(index: int, at: int, status: str, what: str) -> str:
    """Why a step inserted at `index` is left out: the problem it brings at step `at`."""
    if at <= index:  # below only where RS301 named a step otherwise
        return f"it would break the lifecycle (RS301): {visible(what)}"
    return f"the later step {status} would then break the lifecycle (RS301): {visible(what)}"


def _note(mine: Motion, theirs: Motion, change: StatusChange, reason: str) -> str:
    """A note that the Kamer's step `change` of `theirs` is left out of `mine`, and why."""
    origin = "" if theirs.id == mine.id else f" (the Kamer's {shown(theirs.id)})"
    on = change.on.isoformat() if change.on is not None else "no date"
    return (
        f"{mine.kind.value.capitalize()} {shown(mine.id)}{origin}: the Kamer's step "
        f"{change.status.value} ({on}) is left out: {reason}."
    )
