"""Merging the Tweede Kamer's motions into a strategy: matching, filling in, steps, notes."""

import datetime

import attrs
import pytest
from hypothesis import given, reject
from hypothesis import strategies as st

import romstrategy.testing as rst
from romstrategy import Appraisal, MotionKind, MotionStatus, reference
from romstrategy._model._display import shown
from romstrategy._model._kamerstuk import KamerstukRef
from romstrategy.parliament import merge, merge_with_notes
from romstrategy.rules import validate
from tests.helpers import (
    ADOPTED,
    HELD,
    IN_PROGRESS,
    LAPSED,
    REJECTED,
    SETTLED,
    SUBMITTED,
    WITHDRAWN,
    exactly,
    motion,
    small,
    step,
)

K124 = KamerstukRef(dossier=33009, number=124)
K125 = KamerstukRef(dossier=33009, number=125)


def one(*motions):
    """A small strategy that holds `motions` and nothing else of parliament."""
    return small(motions=motions)


def rs301(strategy):
    return len(validate(strategy, select="RS301").findings)


# --- matching ----------------------------------------------------------------------------


def test_matches_by_kamerstuk_when_the_ids_differ():
    mine = motion(step(SUBMITTED), id="de-jong", kamerstuk=K124)
    theirs = motion(step(SUBMITTED), step(ADOPTED, "2023-07-11"), id="2099Z00001", kamerstuk=K124)
    result = merge(one(mine), [theirs])
    assert result.motions == (
        attrs.evolve(mine, history=(step(SUBMITTED), step(ADOPTED, "2023-07-11"))),
    )


@pytest.mark.parametrize(("mine_has", "theirs_has"), [(None, K124), (K124, None), (None, None)])
def test_matches_by_id_when_either_has_no_kamerstuk(mine_has, theirs_has):
    mine = motion(step(SUBMITTED), id="m", kamerstuk=mine_has)
    theirs = motion(step(SUBMITTED), step(ADOPTED), id="m", kamerstuk=theirs_has)
    result = merge(one(mine), [theirs])
    expected = attrs.evolve(
        mine, history=(step(SUBMITTED), step(ADOPTED)), kamerstuk=mine_has or theirs_has
    )
    assert result.motions == (expected,)


def test_never_matches_two_different_kamerstukken_even_with_equal_ids():
    strategy = one(motion(step(SUBMITTED), id="m", kamerstuk=K124))
    theirs = motion(step(SUBMITTED), step(ADOPTED), id="m", kamerstuk=K125, co_submitters=("A",))
    assert merge_with_notes(strategy, [theirs]) == (strategy, ())


def test_never_matches_other_ids_without_kamerstukken():
    strategy = one(motion(step(SUBMITTED), id="m", kamerstuk=K124))
    assert merge(strategy, [motion(step(SUBMITTED), step(ADOPTED), id="n")]) == strategy


def test_updates_every_motion_it_matches_and_applies_imports_in_their_order():
    strategy = one(motion(id="m"), motion(id="other"), motion(id="m", kamerstuk=K124))
    first = motion(step(SUBMITTED, "2023-07-06"), id="m", co_submitters=("A",), kamerstuk=K124)
    second = motion(step(HELD, "2023-07-07"), id="m", co_submitters=("B",))
    result = merge(strategy, [first, second])
    expected = motion(
        step(SUBMITTED, "2023-07-06"),
        step(HELD, "2023-07-07"),
        id="m",
        kamerstuk=K124,
        co_submitters=("A",),
        co_submitted=True,
    )
    assert result.motions == (expected, motion(id="other"), expected)


# --- filling in --------------------------------------------------------------------------


def test_fills_in_the_kamerstuk_and_the_co_signers_and_marks_co_submitted():
    mine = motion(step(SUBMITTED), id="m")
    theirs = motion(id="m", kamerstuk=K124, co_submitters=("Van Strien", "Amhaouch"))
    result = merge(one(mine), [theirs])
    assert result.motions == (
        attrs.evolve(
            mine, kamerstuk=K124, co_submitters=("Van Strien", "Amhaouch"), co_submitted=True
        ),
    )


def test_never_overwrites_what_the_strategy_has():
    mine = motion(
        step(SUBMITTED, "2023-07-06"),
        id="m",
        kamerstuk=K124,
        co_submitters=("A",),
        co_submitted=True,
        note="mine",
    )
    theirs = motion(
        step(SUBMITTED, "2023-07-07", "their document"),
        id="2099Z00001",
        kind=MotionKind.AMENDMENT,
        title="Their title",
        submitter="Someone else",
        co_submitters=("B", "C"),
        co_submitted=False,
        submitted_on="2023-07-01",
        request="Something else.",
        amount="1.00",
        kamerstuk=K124,
        note="theirs",
    )
    strategy = one(mine)
    assert merge_with_notes(strategy, [theirs]) == (strategy, ())


def test_takes_no_co_submitted_flag_without_names():
    strategy = one(motion(id="m"))
    assert merge(strategy, [motion(id="m", co_submitted=True)]) == strategy


# --- steps -------------------------------------------------------------------------------


def test_adds_adopted_after_submitted_and_keeps_the_strategys_own_submitted_step():
    mine = motion(step(SUBMITTED, "2023-07-06"), id="m")
    theirs = motion(step(SUBMITTED, "2023-07-05"), step(ADOPTED, "2023-07-11", "Stemmingen"))
    result = merge(one(mine), [attrs.evolve(theirs, id="m")])
    assert result.motions[0].history == (
        step(SUBMITTED, "2023-07-06"),
        step(ADOPTED, "2023-07-11", "Stemmingen"),
    )


def test_inserts_held_before_an_existing_adopted():
    mine = motion(step(SUBMITTED, "2023-07-06"), step(ADOPTED), step(SETTLED, None, "letter"))
    theirs = motion(step(SUBMITTED), step(HELD, "2023-07-07"), step(ADOPTED, "2023-09-01"))
    result = merge(one(mine), [theirs])
    assert result.motions[0].history == (
        step(SUBMITTED, "2023-07-06"),
        step(HELD, "2023-07-07"),
        step(ADOPTED),
        step(SETTLED, None, "letter"),
    )


def test_inserts_submitted_first_into_a_history_that_lacks_it():
    strategy = one(motion(step(ADOPTED), step(SETTLED, None, "letter")))
    result = merge(strategy, [motion(step(SUBMITTED, "2023-07-06"), step(ADOPTED))])
    assert result.motions[0].history == (
        step(SUBMITTED, "2023-07-06"),
        step(ADOPTED),
        step(SETTLED, None, "letter"),
    )
    assert (rs301(strategy), rs301(result)) == (1, 0)


def test_adds_submitted_to_an_empty_history():
    result = merge(one(motion()), [motion(step(SUBMITTED, "2023-07-06"))])
    assert result.motions[0].history == (step(SUBMITTED, "2023-07-06"),)


@pytest.mark.parametrize(
    "history",
    [
        (step(SUBMITTED), step(ADOPTED), step(SETTLED, "2024-01-01", "letter")),
        (step(SUBMITTED), step(ADOPTED), step(IN_PROGRESS, "2024-01-01")),
    ],
    ids=["settled", "in-progress"],
)
def test_never_adds_settled_or_in_progress(history):
    strategy = one(motion(step(SUBMITTED), step(ADOPTED)))
    status = history[-1].status.value
    assert merge_with_notes(strategy, [motion(*history)]) == (
        strategy,
        (
            f"Motion 'm-1': the Kamer's step {status} (2024-01-01) is left out: the strategy, "
            "not the Kamer, records when a motion is in progress or settled.",
        ),
    )


def test_a_status_the_motion_has_is_neither_added_again_nor_a_note():
    strategy = one(motion(step(SUBMITTED), step(ADOPTED), step(SETTLED, None, "letter")))
    theirs = motion(step(SUBMITTED, "2023-07-06"), step(ADOPTED, "2023-07-11"), step(SETTLED))
    assert merge_with_notes(strategy, [theirs]) == (strategy, ())


def test_adopted_by_the_kamer_but_rejected_in_the_strategy_changes_nothing_and_says_why():
    mine = motion(step(SUBMITTED), step(REJECTED, "2023-07-11"), id="de-jong", kamerstuk=K124)
    strategy = one(mine)
    theirs = motion(step(SUBMITTED), step(ADOPTED, "2023-07-11"), id="2099Z00001", kamerstuk=K124)
    assert merge_with_notes(strategy, [theirs]) == (
        strategy,
        (
            "Motion 'de-jong' (the Kamer's '2099Z00001'): the Kamer's step adopted "
            "(2023-07-11) is left out: it would break the lifecycle (RS301): rejected cannot "
            "be followed by adopted.",
        ),
    )


def test_leaves_out_a_submitted_step_dated_before_the_motion_was_submitted():
    strategy = one(motion(submitted_on="2023-07-06"))
    assert merge_with_notes(strategy, [motion(step(SUBMITTED, "2023-07-01"))]) == (
        strategy,
        (
            "Motion 'm-1': the Kamer's step submitted (2023-07-01) is left out: it would break "
            "the lifecycle (RS301): its date 2023-07-01 is before the motion was submitted on "
            "2023-07-06.",
        ),
    )


def test_leaves_out_a_submitted_step_dated_after_the_strategys_own_steps():
    # The history lacks its submitted step (one RS301 finding), but adding the Kamer's
    # would trade that finding for another: adoption before submission.
    strategy = one(motion(step(ADOPTED, "2023-07-11")))
    assert merge_with_notes(strategy, [motion(step(SUBMITTED, "2023-07-12"))]) == (
        strategy,
        (
            "Motion 'm-1': the Kamer's step submitted (2023-07-12) is left out: the later step "
            "adopted would then break the lifecycle (RS301): its date 2023-07-11 is before the "
            "earlier step's 2023-07-12.",
        ),
    )


def test_adds_a_step_once_the_step_before_it_is_there():
    # The first import's held step cannot start a history; the second's submitted step
    # comes first, and then the held step fits. One merge does both.
    strategy = one(motion())
    imported = [motion(step(HELD, "2023-07-07")), motion(step(SUBMITTED, "2023-07-06"))]
    result, notes = merge_with_notes(strategy, imported)
    assert result.motions[0].history == (step(SUBMITTED, "2023-07-06"), step(HELD, "2023-07-07"))
    assert notes == ()
    assert merge(result, imported) == result


@pytest.mark.parametrize(
    "theirs",
    [(), (step(SUBMITTED),), (step(ADOPTED), step(SUBMITTED)), (step(WITHDRAWN),)],
    ids=["none", "submitted", "out-of-order", "withdrawn"],
)
def test_never_removes_reorders_or_changes_a_step(theirs):
    history = (
        step(SUBMITTED, "2023-07-06"),
        step(HELD),
        step(ADOPTED, "2023-09-01"),
        step(SETTLED, None, "letter"),
    )
    strategy = one(motion(*history))
    assert merge(strategy, [motion(*theirs)]).motions[0].history == history


# --- new motions -------------------------------------------------------------------------


def test_leaves_out_unmatched_motions_by_default():
    strategy = one(motion(id="m"))
    assert merge_with_notes(strategy, [motion(step(SUBMITTED), id="new")]) == (strategy, ())


def test_adds_unmatched_motions_at_the_end_in_import_order_without_settled_steps():
    strategy = one(motion(id="m"))
    second = motion(step(SUBMITTED, "2023-07-06"), step(REJECTED), id="z", kamerstuk=K125)
    first = motion(
        step(SUBMITTED, "2023-07-06"),
        step(ADOPTED, "2023-07-11"),
        step(IN_PROGRESS),
        step(SETTLED, "2024-01-01", "letter"),
        id="a",
    )
    result, notes = merge_with_notes(strategy, [second, first], add_new=True)
    assert result.motions == (
        motion(id="m"),
        second,
        attrs.evolve(first, history=first.history[:2]),
    )
    assert notes == (
        "Motion 'a': the Kamer's step in-progress (no date) is left out: the strategy, not the "
        "Kamer, records when a motion is in progress or settled.",
        "Motion 'a': the Kamer's step settled (2024-01-01) is left out: the strategy, not the "
        "Kamer, records when a motion is in progress or settled.",
    )


def test_adds_a_new_motion_once_and_merges_later_imports_of_it():
    imported = [motion(step(SUBMITTED), id="n"), motion(step(ADOPTED), id="n", kamerstuk=K124)]
    result = merge(one(), imported, add_new=True)
    assert result.motions == (motion(step(SUBMITTED), step(ADOPTED), id="n", kamerstuk=K124),)


def test_a_new_motion_keeps_only_the_steps_that_make_a_valid_lifecycle():
    result, notes = merge_with_notes(one(), [motion(step(ADOPTED), id="n")], add_new=True)
    assert result.motions == (motion(id="n"),)
    assert notes == (
        "Motion 'n': the Kamer's step adopted (no date) is left out: it would break the "
        "lifecycle (RS301): the history starts at adopted, not at submitted.",
    )


def test_refuses_to_add_motions_whose_ids_the_strategy_already_uses():
    strategy = one(motion(id="m", kamerstuk=K124), motion(id="n", kamerstuk=K124))
    imported = [
        motion(id="m", kamerstuk=K125),
        motion(id="fine"),
        motion(id="n", kamerstuk=K125),
        motion(id="m", kamerstuk=KamerstukRef(dossier=1, number=1)),
    ]
    message = (
        "merge(add_new=True): the imported motion ids 'm', 'n' match no motion of the strategy "
        "by its Kamerstuk, but the strategy already uses the id; give them another id, or "
        "correct the Kamerstuk"
    )
    with pytest.raises(ValueError, match=exactly(message)):
        merge(strategy, imported, add_new=True)
    assert merge(strategy, imported) == strategy


def test_refuses_one_clashing_id_in_the_singular():
    strategy = one(motion(id="m", kamerstuk=K124))
    message = (
        "merge_with_notes(add_new=True): the imported motion id 'm' matches no motion of the strategy by "
        "its Kamerstuk, but the strategy already uses the id; give it another id, or correct "
        "the Kamerstuk"
    )
    with pytest.raises(ValueError, match=exactly(message)):
        merge_with_notes(strategy, [motion(id="m", kamerstuk=K125)], add_new=True)


def test_two_imported_motions_that_share_an_id_are_named_as_such():
    imports = [motion(id="zz", kamerstuk=K124), motion(id="zz", kamerstuk=K125)]
    message = (
        "merge(add_new=True): the imported motion id 'zz' is used by more than one imported "
        "motion, with different Kamerstukken; give it another id, or correct the Kamerstuk"
    )
    with pytest.raises(ValueError, match=exactly(message)):
        merge(one(), imports, add_new=True)
    both = [*imports, motion(id="m", kamerstuk=K125)]
    with pytest.raises(ValueError, match="id 'm' matches no motion of the strategy") as caught:
        merge(one(motion(id="m", kamerstuk=KamerstukRef(dossier=1, number=1))), both, add_new=True)
    assert "; and id 'zz' is used by more than one imported motion" in str(caught.value)


def test_an_added_motion_with_co_signers_is_co_submitted_and_keeps_rs304_quiet():
    theirs = motion(step(SUBMITTED), id="new", kamerstuk=K124, co_submitters=("A", "B"))
    assert not theirs.co_submitted
    result = merge(one(), [theirs], add_new=True)
    assert result.motions[-1].co_submitters == ("A", "B")
    assert result.motions[-1].co_submitted
    assert validate(result, select="RS304").findings == ()


# --- notes and arguments -----------------------------------------------------------------


def test_notes_quote_ids_that_cannot_hold_escapes():
    for hostile in ("m\x1b[2J", "k\x07"):  # an id holds no control character (issue 28)
        with pytest.raises(ValueError, match=r"which holds U\+00(1B ESCAPE|07 ALERT)"):
            motion(step(SUBMITTED), id=hostile)
    strategy = one(motion(step(SUBMITTED), step(REJECTED), id="m 2", kamerstuk=K124))
    _, notes = merge_with_notes(strategy, [motion(step(ADOPTED), id="k", kamerstuk=K124)])
    assert notes == (
        "Motion 'm 2' (the Kamer's 'k'): the Kamer's step adopted (no date) is left "
        "out: it would break the lifecycle (RS301): rejected cannot be followed by adopted.",
    )


def test_notes_name_amendments_as_such_and_are_not_repeated():
    mine = motion(step(SUBMITTED), id="a", kind=MotionKind.AMENDMENT)
    theirs = motion(step(SUBMITTED), step(SETTLED), id="a")
    _, notes = merge_with_notes(one(mine, mine), [theirs, theirs])
    assert notes == (
        "Amendment 'a': the Kamer's step settled (no date) is left out: the strategy, not the "
        "Kamer, records when a motion is in progress or settled.",
    )


def test_merge_is_the_strategy_that_merged_returns():
    strategy = one(motion(step(SUBMITTED)))
    imported = (motion(step(SUBMITTED), step(ADOPTED), step(SETTLED)),)
    result, notes = merge_with_notes(strategy, iter(imported))
    assert merge(strategy, iter(imported)) == result
    assert result.motions[0].history == (step(SUBMITTED), step(ADOPTED))
    assert notes == (
        "Motion 'm-1': the Kamer's step settled (no date) is left out: the strategy, not the "
        "Kamer, records when a motion is in progress or settled.",
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: merge(None, []), "merge(strategy=...): got NoneType None, expected Strategy"),
        (
            lambda: merge(one(), "m-1"),
            "merge(motions=...): got str 'm-1', expected an iterable of Motion",
        ),
        (
            lambda: merge(one(), motion()),
            "merge(motions=...): got Motion Motion(id='m-1', k..., request='Do it.'), "
            "expected an iterable of Motion",
        ),
        (
            lambda: merge(one(), [motion(), "m-2"]),
            "merge(motions=...)[1]: got str 'm-2', expected Motion",
        ),
        (
            lambda: merge(one(), [], add_new="yes"),
            "merge(add_new=...): got str 'yes', expected bool",
        ),
        (
            lambda: merge_with_notes((), []),
            "merge_with_notes(strategy=...): got tuple (), expected Strategy",
        ),
        (
            lambda: merge_with_notes(one(), 3),
            "merge_with_notes(motions=...): got int 3, expected an iterable of Motion",
        ),
    ],
)
def test_refuses_arguments_of_the_wrong_type(call, message):
    with pytest.raises(TypeError, match=exactly(message)):
        call()


# --- the reference -----------------------------------------------------------------------


def de_jong_from_the_kamer():
    return motion(
        step(SUBMITTED, "2023-07-06"),
        step(ADOPTED, "2023-07-11"),
        id="2099Z00001",
        title="Motie van het lid Romke de Jong c.s.",
        submitter="Romke de Jong",
        co_submitters=("Van Strien", "Van der Graaf", "Amhaouch"),
        submitted_on="2023-07-06",
        kamerstuk=KamerstukRef.parse("33 009, nr. 124"),
    )


def test_the_reference_already_holds_everything_the_kamer_says_of_motie_de_jong():
    strategy = reference.strategy_2024()
    assert merge_with_notes(strategy, [de_jong_from_the_kamer()]) == (strategy, ())
    assert merge(strategy, [de_jong_from_the_kamer()], add_new=True) == strategy


def test_the_reference_without_the_kamerstuk_gets_it_back():
    strategy = reference.strategy_2024()
    motions = tuple(attrs.evolve(m, kamerstuk=None, co_submitters=()) for m in strategy.motions)
    bare = attrs.evolve(strategy, motions=motions)
    theirs = attrs.evolve(de_jong_from_the_kamer(), id="de-jong-2023")
    assert merge(bare, [theirs]) == attrs.evolve(
        bare,
        motions=(motions[0], strategy.motions[1], *motions[2:]),
    )


# --- properties --------------------------------------------------------------------------

_IDS = ("a", "b", "de-jong-2023", "2099Z00001")
_KAMERSTUKKEN = (None, K124, K125)

steps = st.builds(
    step,
    st.sampled_from(MotionStatus),
    st.none() | st.dates(datetime.date(2022, 11, 1), datetime.date(2024, 3, 31)),
    st.none() | st.just("letter"),
)
motions = st.builds(
    lambda history, **fields: motion(*history, **fields),
    st.lists(steps, max_size=4),
    id=st.sampled_from(_IDS),
    kind=st.sampled_from(MotionKind),
    co_submitters=st.sampled_from(((), ("A",), ("B", "C"))),
    co_submitted=st.booleans(),
    submitted_on=st.sampled_from(("2022-11-23", "2023-07-06")),
    kamerstuk=st.sampled_from(_KAMERSTUKKEN),
    appraisal=st.sampled_from((None, Appraisal.DISCOURAGED, Appraisal.TAKEN_OVER, "Anders")),
)
imports = st.lists(motions, max_size=4)
small_strategies = st.builds(lambda ms: one(*ms), st.lists(motions, max_size=4))
any_strategies = small_strategies | rst.strategies(max_allocations=2)


def is_subsequence(part, whole):
    items = iter(whole)
    return all(any(item == wanted for item in items) for wanted in part)


def merged_or_reject(strategy, imported, add_new):
    try:
        return merge_with_notes(strategy, imported, add_new=add_new)
    except ValueError as error:
        message = str(error)
    assert add_new
    assert message.startswith("merge_with_notes(add_new=True): the imported motion id")
    return reject()


@given(any_strategies, imports, st.booleans())
def test_merging_twice_equals_merging_once(strategy, imported, add_new):
    once, _ = merged_or_reject(strategy, imported, add_new)
    assert merge(once, imported, add_new=add_new) == once


@given(any_strategies, imports, st.booleans())
def test_merging_never_removes_a_step_nor_adds_settled_or_in_progress(strategy, imported, add_new):
    result, _ = merged_or_reject(strategy, imported, add_new)
    assert len(result.motions) >= len(strategy.motions)
    for before, after in zip(strategy.motions, result.motions, strict=False):
        assert is_subsequence(before.history, after.history)
        for status in (SETTLED, IN_PROGRESS):
            assert [s for s in after.history if s.status is status] == [
                s for s in before.history if s.status is status
            ]
    for added in result.motions[len(strategy.motions) :]:
        kamers = {SUBMITTED, HELD, ADOPTED, REJECTED, WITHDRAWN, LAPSED}
        assert {s.status for s in added.history} <= kamers


@given(any_strategies, imports, st.booleans())
def test_merging_never_adds_rs301_findings(strategy, imported, add_new):
    result, _ = merged_or_reject(strategy, imported, add_new)
    assert rs301(result) <= rs301(strategy)
    for before, after in zip(strategy.motions, result.motions, strict=False):
        assert rs301(one(after)) <= rs301(one(before))
    assert rs301(one(*result.motions[len(strategy.motions) :])) == 0


@given(any_strategies, imports, st.booleans())
def test_merging_only_fills_in_and_touches_nothing_but_motions(strategy, imported, add_new):
    result, _ = merged_or_reject(strategy, imported, add_new)
    assert attrs.evolve(result, motions=strategy.motions) == strategy
    for before, after in zip(strategy.motions, result.motions, strict=False):
        filled = ("history", "kamerstuk", "co_submitters", "co_submitted", "appraisal")
        assert attrs.evolve(after, **{name: getattr(before, name) for name in filled}) == before
        if before.kamerstuk is not None:
            assert after.kamerstuk == before.kamerstuk
        if before.co_submitters or not after.co_submitters:
            assert after.co_submitters == before.co_submitters
            assert after.co_submitted == before.co_submitted
        else:
            assert after.co_submitted is True
        if after.appraisal != before.appraisal:  # the Kamer's, in place of none or another
            assert after.appraisal in {theirs.appraisal for theirs in imported} - {None}


@given(any_strategies, imports, st.booleans())
def test_a_replaced_appraisal_is_a_note_and_a_filled_in_one_is_none(strategy, imported, add_new):
    result, notes = merged_or_reject(strategy, imported, add_new)
    replaced = [
        f"{before.kind.value.capitalize()} {shown(before.id)}: its appraisal "
        f"{quoted(before.appraisal)} is replaced by the Kamer's {quoted(after.appraisal)}."
        for before, after in zip(strategy.motions, result.motions, strict=False)
        if before.appraisal is not None and after.appraisal != before.appraisal
    ]
    assert [note for note in notes if ": its appraisal " in note] == list(dict.fromkeys(replaced))


def quoted(appraisal):
    return repr(appraisal.value) if isinstance(appraisal, Appraisal) else shown(appraisal)


@given(any_strategies, imports)
def test_merging_without_add_new_keeps_the_motion_ids(strategy, imported):
    result = merge(strategy, imported)
    assert [m.id for m in result.motions] == [m.id for m in strategy.motions]


@given(small_strategies, imports)
def test_merging_with_add_new_adds_each_unmatched_import_at_the_end(strategy, imported):
    result, _ = merged_or_reject(strategy, imported, True)
    assert result.motions[: len(strategy.motions)] == merge(strategy, imported).motions
    added = [m.id for m in result.motions[len(strategy.motions) :]]
    assert set(added) <= {m.id for m in imported}
    assert len(added) == len(set(added))
    assert not set(added) & {m.id for m in strategy.motions}
    for theirs in imported:
        assert any(matches(mine, theirs) for mine in result.motions)


def matches(mine, theirs):
    if mine.kamerstuk is not None and theirs.kamerstuk is not None:
        return mine.kamerstuk == theirs.kamerstuk
    return mine.id == theirs.id


@given(rst.strategies(max_allocations=2))
def test_a_passing_strategy_merged_with_the_reference_motion_is_unchanged(strategy):
    assert merge_with_notes(strategy, [de_jong_from_the_kamer()], add_new=True) == (strategy, ())


# --- finding the matches at once ----------------------------------------------------------

_FEW_IDS = st.sampled_from(["a", "b", "c"])
_FEW_REFS = st.none() | st.sampled_from([K124, K125])


@given(
    st.lists(st.tuples(_FEW_IDS, _FEW_REFS), max_size=8),
    st.tuples(_FEW_IDS, _FEW_REFS),
    st.lists(st.tuples(st.integers(0, 7), st.sampled_from([K124, K125])), max_size=3),
)
def test_the_index_finds_exactly_what_the_rule_of_matching_says(mine, theirs, fills):
    from romstrategy._parliament._merge import _Motions

    def naive(m, t):  # the words: by Kamerstuk when both have one, else by id
        if m.kamerstuk is not None and t.kamerstuk is not None:
            return m.kamerstuk == t.kamerstuk
        return m.id == t.id

    motions = [motion(step(SUBMITTED), id=i, kamerstuk=k) for i, k in mine]
    index = _Motions(motions)
    for at, ref in fills:  # a Kamerstuk filled in by a merge, as `replace` is told of it
        if at < len(motions) and motions[at].kamerstuk is None:
            motions[at] = attrs.evolve(motions[at], kamerstuk=ref)
            index.replace(at, motions[at])
    them = motion(step(SUBMITTED), id=theirs[0], kamerstuk=theirs[1])
    assert index.matching(them) == [i for i, m in enumerate(motions) if naive(m, them)]
    assert index.uses(them.id) == any(m.id == them.id for m in motions)
