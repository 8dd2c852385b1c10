import pytest

from romstrategy import MotionKind, reference
from romstrategy.rules import Severity
from tests.rules_helpers import (
    ADOPTED,
    HELD,
    IN_PROGRESS,
    REJECTED,
    SETTLED,
    SUBMITTED,
    WITHDRAWN,
    motion,
    only,
    small,
    step,
    the_one,
)


def with_motions(*motions, settles=()):
    return small(motions=motions, settles=settles)


@pytest.mark.parametrize(
    "history",
    [
        (),
        (step(SUBMITTED),),
        (step(SUBMITTED), step(REJECTED)),
        (step(SUBMITTED), step(WITHDRAWN)),
        (step(SUBMITTED), step(HELD), step(WITHDRAWN)),
        (step(SUBMITTED), step(HELD), step(REJECTED)),
        (step(SUBMITTED), step(HELD), step(ADOPTED), step(SETTLED, document="letter")),
        (
            step(SUBMITTED, "2023-07-06"),
            step(ADOPTED, "2023-07-11"),
            step(IN_PROGRESS),
            step(SETTLED, "2023-07-11", "letter"),
        ),
        (step(SUBMITTED, "2023-07-06"), step(ADOPTED), step(SETTLED, "2023-07-06", "letter")),
    ],
)
def test_rs301_accepts_valid_lifecycles_with_unknown_dates(history):
    assert only(with_motions(motion(*history)), "RS301") == ()


def test_rs301_fires_for_a_history_that_does_not_start_at_submitted():
    f = the_one(with_motions(motion(step(ADOPTED))), "RS301")
    assert (f.code, f.severity, f.path, f.subjects) == (
        "RS301",
        Severity.ERROR,
        "motions[m-1].history[0]",
        ("m-1",),
    )
    assert (
        f.message
        == "Motion m-1, step 0 (adopted): the history starts at adopted, not at submitted."
    )
    assert f.message_nl == (
        "Motie m-1, stap 0 (aangenomen): de geschiedenis begint bij aangenomen, niet bij ingediend."
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ((SUBMITTED,), SETTLED),
        ((SUBMITTED,), IN_PROGRESS),
        ((SUBMITTED, HELD), HELD),
        ((SUBMITTED, HELD), SETTLED),
        ((SUBMITTED, ADOPTED), REJECTED),
        ((SUBMITTED, REJECTED), ADOPTED),
        ((SUBMITTED, WITHDRAWN), SUBMITTED),
        ((SUBMITTED, ADOPTED, SETTLED), IN_PROGRESS),
        ((SUBMITTED, ADOPTED, IN_PROGRESS), ADOPTED),
    ],
)
def test_rs301_fires_for_a_step_that_is_not_allowed(before, after):
    history = [step(status, document="letter") for status in (*before, after)]
    found = only(with_motions(motion(*history)), "RS301")
    assert [f.path for f in found] == [f"motions[m-1].history[{len(before)}]"]
    assert f"{before[-1].value} cannot be followed by {after.value}" in found[0].message


def test_rs301_fires_for_a_date_that_goes_backwards_and_names_both_dates():
    m = motion(
        step(SUBMITTED, "2023-07-06"),
        step(ADOPTED, "2023-07-11"),
        step(SETTLED, None, "letter"),
    )
    assert only(with_motions(m), "RS301") == ()
    m = motion(
        step(SUBMITTED, "2023-07-06"),
        step(ADOPTED, "2023-07-11"),
        step(IN_PROGRESS),
        step(SETTLED, "2023-07-10", "letter"),
    )
    f = the_one(with_motions(m), "RS301")
    assert f.path == "motions[m-1].history[3]"
    assert f.message == (
        "Motion m-1, step 3 (settled): its date 2023-07-10 is before the earlier step's "
        "2023-07-11."
    )


def test_rs301_fires_for_a_date_before_the_motion_was_submitted():
    m = motion(step(SUBMITTED), step(ADOPTED, "2023-07-05"))
    f = the_one(with_motions(m), "RS301")
    assert f.path == "motions[m-1].history[1]"
    assert f.message == (
        "Motion m-1, step 1 (adopted): its date 2023-07-05 is before the motion was "
        "submitted on 2023-07-06."
    )
    assert "ligt voor de indiening op 2023-07-06" in f.message_nl


def test_rs301_fires_for_an_amendment_that_is_settled_or_in_progress():
    m = motion(
        step(SUBMITTED),
        step(ADOPTED),
        step(IN_PROGRESS),
        step(SETTLED, document="letter"),
        kind=MotionKind.AMENDMENT,
    )
    found = only(with_motions(m), "RS301")
    assert [f.path for f in found] == ["motions[m-1].history[2]", "motions[m-1].history[3]"]
    assert (
        found[0].message
        == "Amendment m-1, step 2 (in-progress): an amendment is never in-progress."
    )
    assert (
        found[1].message_nl
        == "Amendement m-1, stap 3 (afgedaan): een amendement is nooit afgedaan."
    )


def test_rs301_lists_every_problem_of_one_step_in_one_finding():
    m = motion(step(SETTLED, "2020-01-01"), kind=MotionKind.AMENDMENT)
    f = the_one(with_motions(m), "RS301")
    assert f.message == (
        "Amendment m-1, step 0 (settled): the history starts at settled, not at submitted, "
        "an amendment is never settled and its date 2020-01-01 is before the motion was "
        "submitted on 2023-07-06."
    )


def test_rs302_fires_for_a_settled_motion_that_was_never_adopted_or_not_settled():
    s = with_motions(
        motion(step(SUBMITTED), step(REJECTED), id="m-1"),
        motion(step(SUBMITTED), step(ADOPTED), id="m-2"),
        settles=("m-2", "m-1"),
    )
    found = only(s, "RS302")
    assert [(f.severity, f.path, f.subjects) for f in found] == [
        (Severity.ERROR, "settles[m-1]", ("m-1",)),
        (Severity.ERROR, "settles[m-2]", ("m-2",)),
    ]
    assert found[0].message == (
        f"Strategy {s.id} settles motion m-1, but it was never adopted and its history ends in "
        "rejected, not in settled."
    )
    assert found[1].message == (
        f"Strategy {s.id} settles motion m-2, but its history ends in adopted, not in settled."
    )
    assert "die is nooit aangenomen" in found[0].message_nl


def test_rs302_stays_silent_for_an_adopted_and_settled_motion_with_unknown_dates():
    s = with_motions(
        motion(step(SUBMITTED), step(ADOPTED), step(SETTLED, document="letter")),
        settles=("m-1",),
    )
    assert only(s, "RS302") == ()


def test_rs303_warns_for_a_settled_step_without_a_document():
    s = with_motions(motion(step(SUBMITTED), step(ADOPTED), step(SETTLED, "2024-06-28")))
    f = the_one(s, "RS303")
    assert (f.severity, f.path, f.subjects) == (
        Severity.WARNING,
        "motions[m-1].history[2].document",
        ("m-1",),
    )
    assert f.message == (
        "Motion m-1 is settled at step 2 without naming the document that settles it."
    )


def test_rs303_stays_silent_for_a_named_document_and_an_unknown_date():
    assert only(reference.strategy_2024(), "RS303") == ()
    s = with_motions(motion(step(SUBMITTED), step(ADOPTED), step(SETTLED, document="letter")))
    assert only(s, "RS303") == ()
