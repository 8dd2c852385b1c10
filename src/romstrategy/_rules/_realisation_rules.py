"""Rules about following the money: commitments and spending (*realisatie*).

RS501 to RS506. Transactions are taken in date order; within one day,
commitments (*verplichtingen*) come before expenditures (*uitgaven*), then
they go by id (and, for an id used twice, by amount), so that no finding
depends on the order of `strategy.transactions`. Sums are whole cents. A
transaction on an allocation that does not exist gives RS001 only. One on an
allocation whose id is used twice (RS002) is ambiguous: only what does not
depend on which allocation is meant is checked there (RS504's end of the
strategy, and RS506).

The six rules share one ledger of a strategy: a few passes over its
transactions, one sort by allocation and one walk, allocation by
allocation, of the running totals (which RS501, RS502 and RS505 follow) and
the dates (RS503, RS504), so that `validate` stays quick for hundreds of
thousands of transactions. Each check reads it with `memo.get(_read)` from
the `Memo` of the run: `validate` makes one ledger per call, which goes
with the call.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from itertools import compress, count, islice, repeat
from operator import attrgetter, eq, lt, not_
from typing import NamedTuple

import attrs
import pendulum

from romstrategy._model._budget import Allocation
from romstrategy._model._money import Money
from romstrategy._model._strategy import Strategy
from romstrategy._model._transaction import Transaction, TransactionKind
from romstrategy._model._vocabulary import Lang, join, money, period, word
from romstrategy._rules._changes import (
    CENT,
    add_transactions,
    commitment,
    expenditure,
    first_with_money,
)
from romstrategy._rules._findings import Severity, Violation
from romstrategy._rules._index import duplicated
from romstrategy._rules._rule import Memo, rule, shares
from romstrategy._rules._text import path

__all__ = [
    "commitment_outside_the_period",
    "correction_below_zero",
    "expenditure_outside_the_period",
    "over_committed",
    "spent_before_committed",
    "zero_amount",
]

_COMMITMENT = TransactionKind.COMMITMENT
_EXPENDITURE = TransactionKind.EXPENDITURE
_ID = attrgetter("id")


# --- the order and the running totals --------------------------------------------------------


def _key(transaction: Transaction) -> tuple[pendulum.Date, bool, str, int]:
    """The rules' order of transactions: date, commitments first, id, then amount."""
    later_in_the_day = transaction.kind is not _COMMITMENT
    return (transaction.date, later_in_the_day, transaction.id, transaction.amount.cents)


class _Moment(NamedTuple):
    """A transaction on an allocation, with the allocation's totals just after it, in cents.

    The totals are those of the walk in the rules' order (RS501, RS502 and
    RS505); for the other rules they stay 0. Where the transaction's
    allocation id is used twice (RS002), `allocation` is the first with that
    id and `certain` is false: which one is meant is unknown, so only RS504's
    check of the strategy's end and RS506 hold there.
    """

    allocation: Allocation
    transaction: Transaction
    committed: int = 0
    spent: int = 0
    certain: bool = True


@attrs.frozen
class _Ledger:
    """What RS501 to RS506 find in one strategy: one pass, one sort and one walk.

    Only transactions on an allocation whose id is used once count. `over`,
    `uncovered` and `below` hold the first transaction at which an
    allocation's running totals go wrong (RS501, RS502 and, per kind,
    RS505); `outside`, `early_or_late` and `zero` every commitment dated
    outside its allocation's period (RS503), every expenditure dated before
    its allocation's start or after the strategy's end (RS504) and every
    zero amount (RS506).
    """

    over: tuple[_Moment, ...]
    uncovered: tuple[_Moment, ...]
    below: tuple[_Moment, ...]
    outside: tuple[_Moment, ...]
    early_or_late: tuple[_Moment, ...]
    zero: tuple[_Moment, ...]


_OVER, _UNCOVERED, _BELOW_COMMITTED, _BELOW_SPENT = range(4)
"""What the walk finds: RS501, RS502 and RS505 per kind."""

_ALLOCATION = attrgetter("allocation")
_CENTS = attrgetter("amount.cents")
_DATE = attrgetter("date")
_KIND = attrgetter("kind")
_START = attrgetter("period.start")
_END = attrgetter("period.end")
_TO_DAY = datetime.date.toordinal


class _Columns(NamedTuple):
    """The transactions as lists, by index, and the allocations' first and last days, by slot.

    `where` holds each transaction's slot, `days` its date as an ordinal,
    `spends` whether it is an expenditure and `cents` its amount; `starts`
    and `ends` hold each slot's first day and its last, the earlier of its
    own end and the strategy's.
    """

    where: list[int]
    days: list[int]
    spends: list[bool]
    cents: list[int]
    starts: list[int]
    ends: list[int]


def _ordered(
    ranks: list[int], indices: list[int], transactions: Sequence[Transaction]
) -> list[int]:
    """`indices` in the order of `ranks`; equal ranks go by `_key`: by id, then amount.

    `ranks[i]` orders by allocation, then date, then kind; equal ranks are
    one allocation's transactions of one kind on one day.
    """
    order = sorted(indices, key=ranks.__getitem__)
    if len(set(map(ranks.__getitem__, indices))) == len(indices):
        return order  # no two alike: no ties to break (the indices ascend, so this reads in turn)
    in_order = list(map(ranks.__getitem__, order))
    ties = list(compress(count(), map(eq, in_order, islice(in_order, 1, None))))
    run_start = None
    for j, following in zip(ties, [*ties[1:], None], strict=False):
        run_start = j if run_start is None else run_start
        if following != j + 1:  # the run of equal ranks ends at j + 1
            run = slice(run_start, j + 2)
            order[run] = sorted(order[run], key=lambda i: _key(transactions[i]))
            run_start = None
    return order


def _walk(
    order: list[int],
    ledger: _Columns,
    amounts: list[int],
) -> tuple[list[list[tuple[int, int, int]]], list[int]]:
    """Follow each allocation's totals and dates through `order`; what goes wrong.

    `order` holds each allocation's transactions one after the other, in the
    rules' order, so that an allocation's totals are two numbers, and its
    first and last days two more, while its transactions pass. Returns, for
    each of `_OVER`, `_UNCOVERED`, `_BELOW_COMMITTED` and `_BELOW_SPENT`, one
    `(index, committed, spent)` per allocation on which it happens: the first
    transaction at which it does, with the allocation's totals just after it;
    and the index of each transaction dated before its allocation's first day
    or after its last (`ledger.ends`).
    """
    found: list[list[tuple[int, int, int]]] = [[], [], [], []]
    over, uncovered, below_committed, below_spent = found
    suspects: list[int] = []
    slot, amount, first, last = -1, 0, 0, 0
    committed = spent = 0
    fresh = [True] * 4  # what has not happened yet on this allocation
    where, spends, cents, days = ledger.where, ledger.spends, ledger.cents, ledger.days
    for i, here, spend, value, day in zip(
        order,
        [where[i] for i in order],
        [spends[i] for i in order],
        [cents[i] for i in order],
        [days[i] for i in order],
        strict=True,
    ):
        if here != slot:  # the next allocation's transactions begin
            slot, amount, committed, spent = here, amounts[here], 0, 0
            first, last = ledger.starts[here], ledger.ends[here]
            fresh = [True] * 4
        if day < first or day > last:
            suspects.append(i)
        if spend:
            spent += value
            if spent < 0 and fresh[_BELOW_SPENT]:
                fresh[_BELOW_SPENT] = False
                below_spent.append((i, committed, spent))
        else:
            committed += value
            if committed < 0 and fresh[_BELOW_COMMITTED]:
                fresh[_BELOW_COMMITTED] = False
                below_committed.append((i, committed, spent))
        if committed > amount and fresh[_OVER]:
            fresh[_OVER] = False
            over.append((i, committed, spent))
        if spent > committed and fresh[_UNCOVERED]:
            fresh[_UNCOVERED] = False
            uncovered.append((i, committed, spent))
    return found, suspects


def _read(strategy: Strategy) -> _Ledger:
    """The ledger of `strategy`: a few passes over its transactions, one sort, one walk.

    Each transaction's allocation is a slot, the index in `allocations` of
    the first allocation with its id. `nowhere`, one past the last, stands
    for an allocation that does not exist (RS001 alone) and `twice`, the
    next, for an id used by two allocations (RS002): which one is meant is
    unknown, so only the strategy's end (RS504) and a zero amount (RS506)
    are checked there. Neither slot starts late, and neither is walked. The
    passes that only read are built-in `map`s; only the walk, which keeps
    totals, is a Python loop. A strategy without transactions has an empty
    ledger, and its allocations are not read at all.
    """
    transactions = strategy.transactions
    if not transactions:
        return _Ledger(over=(), uncovered=(), below=(), outside=(), early_or_late=(), zero=())
    allocations = strategy.allocations
    nowhere, twice = len(allocations), len(allocations) + 1
    names = list(map(_ID, allocations))
    first = dict(zip(reversed(names), range(nowhere - 1, -1, -1), strict=True))
    where = list(map(first.get, map(_ALLOCATION, transactions), repeat(nowhere)))
    if len(first) < nowhere:  # an id used twice: its transactions go to `twice`
        doubtful = frozenset(first[name] for name in duplicated(allocations, _ID))
        where = [twice if slot in doubtful else slot for slot in where]
    last = strategy.period.end.toordinal()
    starts = list(map(_TO_DAY, map(_START, allocations)))
    ends = list(map(min, map(_TO_DAY, map(_END, allocations)), repeat(last)))
    days = list(map(_TO_DAY, map(_DATE, transactions)))
    spends = [kind is not _COMMITMENT for kind in map(_KIND, transactions)]  # expenditures
    cents = list(map(_CENTS, transactions))

    def moment(i: int, committed: int = 0, spent: int = 0) -> _Moment:
        transaction = transactions[i]
        if where[i] < nowhere:
            return _Moment(allocations[where[i]], transaction, committed, spent)
        first_of_the_id = allocations[first[transaction.allocation]]
        return _Moment(first_of_the_id, transaction, certain=False)

    # Allocation by allocation, then by date and kind: each allocation's transactions
    # come together, and a rank fits one machine word, which the sort compares fastest.
    start, width = min(days), max(days) - min(days) + 1
    ranks = [
        (slot * width + day - start) * 2 + spend
        for slot, day, spend in zip(where, days, spends, strict=True)
    ]
    walked = list(compress(count(), map(lt, where, repeat(nowhere))))
    amounts = list(map(_CENTS, allocations))
    columns = _Columns(where, days, spends, cents, starts, ends)
    found, suspects = _walk(_ordered(ranks, walked, transactions), columns, amounts)
    if len(first) < nowhere:  # `twice` is not walked: only the strategy's end holds there
        suspects += [i for i, slot in enumerate(where) if slot == twice and days[i] > last]

    # Suspects: before the allocation starts, or after its end or the strategy's,
    # whichever comes first (`ends`); the kind says which limit holds (RS503 or RS504).
    outside: list[_Moment] = []
    early_or_late: list[_Moment] = []
    for i in sorted(suspects):
        suspect = moment(i)
        if not suspect.certain:  # `twice`: only the strategy's end holds
            if spends[i]:
                early_or_late.append(suspect)
            continue
        span, day = suspect.allocation.period, suspect.transaction.date
        if spends[i]:
            if not span.start <= day <= strategy.period.end:
                early_or_late.append(suspect)
        elif not span.start <= day <= span.end:
            outside.append(suspect)
    zero = tuple(moment(i) for i in compress(count(), map(not_, cents)) if where[i] != nowhere)

    # Each list in the rules' order over all allocations: by date, kind, allocation, `_key`.
    def in_order(what: int) -> tuple[_Moment, ...]:
        firsts = sorted(
            found[what],
            key=lambda f: (days[f[0]], spends[f[0]], where[f[0]], _key(transactions[f[0]])),
        )
        return tuple(moment(i, committed, spent) for i, committed, spent in firsts)

    return _Ledger(
        over=in_order(_OVER),
        uncovered=in_order(_UNCOVERED),
        below=(*in_order(_BELOW_COMMITTED), *in_order(_BELOW_SPENT)),
        outside=tuple(outside),
        early_or_late=tuple(early_or_late),
        zero=zero,
    )


def _before(strategy: Strategy, new: Transaction) -> tuple[int, int, int]:
    """For an example: the totals of `new`'s allocation just before `new`, in the rules' order.

    Returns the cents committed and spent before `new` would come, and the
    most committed at any point from there on, without `new`.
    """
    key = _key(new)
    earlier: list[Transaction] = []
    later: list[Transaction] = []
    for transaction in strategy.transactions:
        if transaction.allocation == new.allocation:
            (earlier if _key(transaction) < key else later).append(transaction)
    committed = sum(t.amount.cents for t in earlier if t.kind is _COMMITMENT)
    spent = sum(t.amount.cents for t in earlier if t.kind is _EXPENDITURE)
    running = most = committed
    for transaction in sorted(later, key=_key):
        if transaction.kind is _COMMITMENT:
            running += transaction.amount.cents
            most = max(most, running)
    return committed, spent, most


# --- words -------------------------------------------------------------------------------------


def _what(transaction: Transaction, lang: Lang) -> str:
    """`commitment tx-1 (EUR 5.00 on 2024-03-01)`, in Dutch `verplichting tx-1 (€ 5,00 op ...)`."""
    on = "on" if lang == "en" else "op"
    return (
        f"{word(transaction.kind, lang)} {transaction.id} "
        f"({money(transaction.amount, lang)} {on} {transaction.date.isoformat()})"
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _amount_path(transaction: Transaction) -> str:
    return path("transactions", transaction.id, "amount")


# --- RS501 -------------------------------------------------------------------------------------


def _commit_what_is_left(strategy: Strategy, name: str, extra: Money) -> Strategy:
    """A commitment on the first day of the first allocation with money: what is left, + extra."""
    allocation = first_with_money(strategy)
    probe = commitment(allocation, name, Money(0), allocation.period.start)
    most = _before(strategy, probe)[2]
    amount = Money.from_cents(allocation.amount.cents - most) + extra
    return add_transactions(strategy, attrs.evolve(probe, amount=amount))


def _one_cent_over_committed(strategy: Strategy) -> Strategy:
    """A commitment of EUR 0.01 more than is left to commit on the first allocation with money.

    It is dated the allocation's first day. What is left is the amount less
    the most committed at any time from then on; the commitments then reach
    one cent beyond the amount.
    """
    return _commit_what_is_left(strategy, "example-over-commitment", CENT)


def _committed_in_full(strategy: Strategy) -> Strategy:
    """The same commitment, of exactly what is left: its commitments reach its amount, no more."""
    return _commit_what_is_left(strategy, "example-full-commitment", Money(0))


@rule(
    "RS501",
    Severity.ERROR,
    title="An allocation's commitments exceed its amount",
    title_nl="De verplichtingen op een toewijzing overschrijden haar bedrag",
    breaks=_one_cent_over_committed,
    keeps=_committed_in_full,
)
@shares
def over_committed(strategy: Strategy, memo: Memo) -> Iterator[Violation]:
    """An allocation's commitments (*verplichtingen*) never add up to more than its amount.

    The running total is taken in date order, commitments before expenditures
    (*uitgaven*) on one day, then by id; a negative commitment is a correction,
    such as money released (*vrijval*). There is at most one finding per
    allocation, at the first transaction after which its commitments exceed
    its amount, even if a correction brings them back under later. It gives
    the excess, the commitments by then and the amount; its path is
    `transactions[id].amount` of that transaction and its subjects the
    allocation's id, then the transaction's id.

    A transaction on an allocation that does not exist is RS001's alone; one
    on an allocation whose id is used twice (RS002) is skipped.
    """
    for moment in memo.get(_read).over:
        allocation, transaction = moment.allocation, moment.transaction
        committed = moment.committed
        excess = committed - allocation.amount.cents
        yield Violation(
            message=f"Allocation {allocation.id} is over-committed by {money(excess, 'en')} at "
            f"{_what(transaction, 'en')}: its commitments add up to {money(committed, 'en')} "
            f"by then, more than its amount of {money(allocation.amount, 'en')}.",
            message_nl=f"Op toewijzing {allocation.id} is bij {_what(transaction, 'nl')} "
            f"{money(excess, 'nl')} te veel verplicht: de verplichtingen tellen dan op tot "
            f"{money(committed, 'nl')}, meer dan het bedrag van "
            f"{money(allocation.amount, 'nl')}.",
            path=_amount_path(transaction),
            subjects=(allocation.id, transaction.id),
        )


# --- RS502 -------------------------------------------------------------------------------------


def _uncommitted_payment(strategy: Strategy) -> tuple[Allocation, Transaction]:
    """The first allocation with money, and an expenditure on its first day that nothing covers."""
    allocation = first_with_money(strategy)
    probe = expenditure(
        allocation, "example-uncommitted-payment", Money(0), allocation.period.start
    )
    committed, spent, _ = _before(strategy, probe)
    amount = Money.from_cents(max(committed - spent, 0)) + CENT
    return allocation, attrs.evolve(probe, amount=amount)


def _paid_before_committed(strategy: Strategy) -> Strategy:
    """An expenditure of EUR 0.01 more than the first allocation with money has open.

    It is dated the allocation's first day; open is what it has committed
    and not yet spent by then, nothing at all when it has no transactions.
    """
    return add_transactions(strategy, _uncommitted_payment(strategy)[1])


def _committed_then_paid(strategy: Strategy) -> Strategy:
    """The same expenditure, with a commitment of the same amount on the same day.

    Within one day commitments come first, so the payment is covered.
    """
    allocation, payment = _uncommitted_payment(strategy)
    covered = commitment(allocation, "example-commitment", payment.amount, payment.date)
    return add_transactions(strategy, covered, payment)


@rule(
    "RS502",
    Severity.ERROR,
    title="An allocation has spent more than it has committed",
    title_nl="Op een toewijzing is meer uitgegeven dan verplicht",
    breaks=_paid_before_committed,
    keeps=_committed_then_paid,
)
@shares
def spent_before_committed(strategy: Strategy, memo: Memo) -> Iterator[Violation]:
    """Money is committed before it is spent: spending never exceeds commitments.

    A commitment (*verplichting*, a grant decision or a contract) comes before
    its payment (*uitgave*). Following an allocation's transactions in date
    order, commitments before expenditures on one day, then by id, its
    spending up to any transaction is at most its commitments up to then.
    That goes wrong at an expenditure, or at a correction that releases a
    commitment (*vrijval*) already spent. A release that takes commitments
    below zero (RS505) breaks this rule too: even nothing spent is then more
    than was committed. There is at most one finding per allocation, at the
    first transaction where it goes wrong, giving the spending, the
    commitments and the difference; its path is `transactions[id].amount`
    and its subjects the allocation's id, then the transaction's id.

    A transaction on an allocation that does not exist is RS001's alone; one
    on an allocation whose id is used twice (RS002) is skipped.
    """
    for moment in memo.get(_read).uncovered:
        allocation, transaction = moment.allocation, moment.transaction
        committed, spent = moment.committed, moment.spent
        gap = spent - committed
        yield Violation(
            message=f"Allocation {allocation.id} has spent more than it has committed at "
            f"{_what(transaction, 'en')}: {money(spent, 'en')} spent against "
            f"{money(committed, 'en')} committed by then, {money(gap, 'en')} without a "
            "commitment.",
            message_nl=f"Op toewijzing {allocation.id} is bij {_what(transaction, 'nl')} meer "
            f"uitgegeven dan verplicht: tot dan {money(spent, 'nl')} uitgegeven tegen "
            f"{money(committed, 'nl')} verplicht, {money(gap, 'nl')} zonder verplichting.",
            path=_amount_path(transaction),
            subjects=(allocation.id, transaction.id),
        )


# --- RS503 -------------------------------------------------------------------------------------


def _committed_after_the_period(strategy: Strategy) -> Strategy:
    """A commitment of EUR 0.01 on the first allocation with money, after its period.

    It is dated the day after the allocation's period ends.
    """
    allocation = first_with_money(strategy)
    late = allocation.period.end.add(days=1)
    return add_transactions(
        strategy, commitment(allocation, "example-late-commitment", CENT, late)
    )


def _committed_on_the_last_day(strategy: Strategy) -> Strategy:
    """The same commitment, dated the last day of the allocation's period."""
    allocation = first_with_money(strategy)
    last = allocation.period.end
    return add_transactions(
        strategy, commitment(allocation, "example-last-day-commitment", CENT, last)
    )


@rule(
    "RS503",
    Severity.ERROR,
    title="A commitment is dated outside its allocation's period",
    title_nl="Een verplichting valt buiten de periode van haar toewijzing",
    breaks=_committed_after_the_period,
    keeps=_committed_on_the_last_day,
)
@shares
def commitment_outside_the_period(strategy: Strategy, memo: Memo) -> Iterator[Violation]:
    """Money is committed (*verplicht*) within its allocation's period.

    Both ends of the period count. There is one finding per commitment
    dated outside it, a correction (*vrijval*) too; its path is
    `transactions[id].date` and its subjects the allocation's id, then the
    transaction's id.

    A transaction on an allocation that does not exist is RS001's alone; one
    on an allocation whose id is used twice (RS002) is skipped.
    """
    for allocation, transaction, *_ in memo.get(_read).outside:
        span = allocation.period
        yield Violation(
            message=f"{_capital(_what(transaction, 'en'))} on allocation {allocation.id} is "
            f"dated outside the allocation's period ({period(span, 'en')}).",
            message_nl=f"{_capital(_what(transaction, 'nl'))} op toewijzing {allocation.id} "
            f"valt buiten de periode van de toewijzing ({period(span, 'nl')}).",
            path=path("transactions", transaction.id, "date"),
            subjects=(allocation.id, transaction.id),
        )


# --- RS504 -------------------------------------------------------------------------------------


def _committed_and_paid(strategy: Strategy, day: pendulum.Date, name: str) -> Strategy:
    allocation = first_with_money(strategy)
    committed = commitment(allocation, "example-commitment-to-pay", CENT, allocation.period.start)
    return add_transactions(strategy, committed, expenditure(allocation, name, CENT, day))


def _paid_after_the_strategy(strategy: Strategy) -> Strategy:
    """EUR 0.01 committed on the first allocation with money, paid after the strategy's period.

    The commitment is dated the allocation's first day, the payment the day
    after the strategy's period ends.
    """
    return _committed_and_paid(strategy, strategy.period.end.add(days=1), "example-late-payment")


def _paid_on_the_strategy_s_last_day(strategy: Strategy) -> Strategy:
    """The same commitment, paid on the strategy's last day.

    That may be after the allocation's own period ends.
    """
    return _committed_and_paid(strategy, strategy.period.end, "example-last-day-payment")


@rule(
    "RS504",
    Severity.ERROR,
    title="An expenditure is dated before its allocation's period or after the strategy's",
    title_nl="Een uitgave valt voor de periode van haar toewijzing of na die van de strategie",
    breaks=_paid_after_the_strategy,
    keeps=_paid_on_the_strategy_s_last_day,
)
@shares
def expenditure_outside_the_period(strategy: Strategy, memo: Memo) -> Iterator[Violation]:
    """Money is spent (*uitgegeven*) from its allocation's start to the strategy's end.

    Payments may follow after an allocation's own period ends, for work done
    within it, but not after the strategy's period; and nothing is paid before
    the allocation's period starts. There is one finding per expenditure (a
    correction too) dated outside, naming each limit it passes; its path is
    `transactions[id].date` and its subjects the allocation's id, then the
    transaction's id.

    A transaction on an allocation that does not exist is RS001's alone; on
    an allocation whose id is used twice (RS002), only the strategy's end is
    checked.
    """
    last = strategy.period.end
    for allocation, transaction, _, _, certain in memo.get(_read).early_or_late:
        first = allocation.period.start
        en: list[str] = []
        nl: list[str] = []
        if certain and transaction.date < first:
            en.append(f"before the allocation's period starts on {first.isoformat()}")
            nl.append(f"voor het begin van de periode van de toewijzing op {first.isoformat()}")
        if transaction.date > last:
            en.append(f"after the strategy's period ends on {last.isoformat()}")
            nl.append(f"na het einde van de periode van de strategie op {last.isoformat()}")
        yield Violation(
            message=f"{_capital(_what(transaction, 'en'))} on allocation {allocation.id} is "
            f"dated {join(en, 'en')}.",
            message_nl=f"{_capital(_what(transaction, 'nl'))} op toewijzing {allocation.id} "
            f"valt {join(nl, 'nl')}.",
            path=path("transactions", transaction.id, "date"),
            subjects=(allocation.id, transaction.id),
        )


# --- RS505 -------------------------------------------------------------------------------------


def _paid_and_refunded(strategy: Strategy, *, too_much: bool) -> Strategy:
    allocation = first_with_money(strategy)
    first = allocation.period.start
    changed = add_transactions(
        strategy,
        commitment(allocation, "example-refunded-commitment", CENT, first),
        expenditure(allocation, "example-payment", CENT, first),
    )
    probe = expenditure(allocation, "example-refund", Money(0), first)
    back = CENT  # what was paid just before
    if too_much:
        back = Money.from_cents(max(_before(changed, probe)[1], 0)) + CENT
    return add_transactions(changed, attrs.evolve(probe, amount=-back))


def _refunded_one_cent_too_much(strategy: Strategy) -> Strategy:
    """A refund of EUR 0.01 more than was spent on the first allocation with money.

    On the allocation's first day EUR 0.01 is committed and paid; then a
    correction (a negative expenditure) takes back one cent more than was
    spent on the allocation by then: EUR 0.02 when that payment was all.
    """
    return _paid_and_refunded(strategy, too_much=True)


def _refunded_what_was_paid(strategy: Strategy) -> Strategy:
    """The same, but the correction takes back the EUR 0.01 paid, and no more."""
    return _paid_and_refunded(strategy, too_much=False)


_BELOW_ZERO: dict[TransactionKind, tuple[str, str]] = {
    _COMMITMENT: (
        "The commitments on allocation {allocation} fall below zero at {what}: they add up "
        "to {total} by then; a correction cannot release more than was committed.",
        "De verplichtingen op toewijzing {allocation} komen onder nul bij {what}: ze tellen "
        "dan op tot {total}; er kan niet meer vrijvallen dan er verplicht is.",
    ),
    _EXPENDITURE: (
        "The spending on allocation {allocation} falls below zero at {what}: it adds up to "
        "{total} by then; a correction cannot take back more than was spent.",
        "De uitgaven op toewijzing {allocation} komen onder nul bij {what}: ze tellen dan op "
        "tot {total}; er kan niet meer worden teruggeboekt dan er is uitgegeven.",
    ),
}


@rule(
    "RS505",
    Severity.ERROR,
    title="A correction takes an allocation's commitments or spending below zero",
    title_nl="Een correctie brengt de verplichtingen of uitgaven op een toewijzing onder nul",
    breaks=_refunded_one_cent_too_much,
    keeps=_refunded_what_was_paid,
)
@shares
def correction_below_zero(strategy: Strategy, memo: Memo) -> Iterator[Violation]:
    """A correction takes back no more than was booked before it.

    A negative commitment releases money (*vrijval*); a negative expenditure
    is money paid back. Following an allocation's transactions in date order,
    commitments before expenditures on one day, then by id, neither its
    commitments nor its spending (*uitgaven*) ever add up to less than zero.
    There is at most one finding per allocation and kind, at the first
    transaction that takes that total below zero; its path is
    `transactions[id].amount` and its subjects the allocation's id, then the
    transaction's id.

    A transaction on an allocation that does not exist is RS001's alone; one
    on an allocation whose id is used twice (RS002) is skipped.
    """
    for moment in memo.get(_read).below:
        allocation, transaction = moment.allocation, moment.transaction
        is_commitment = transaction.kind is _COMMITMENT
        total = moment.committed if is_commitment else moment.spent
        en, nl = _BELOW_ZERO[transaction.kind]
        yield Violation(
            message=en.format(
                allocation=allocation.id,
                what=_what(transaction, "en"),
                total=money(total, "en"),
            ),
            message_nl=nl.format(
                allocation=allocation.id,
                what=_what(transaction, "nl"),
                total=money(total, "nl"),
            ),
            path=_amount_path(transaction),
            subjects=(allocation.id, transaction.id),
        )


# --- RS506 -------------------------------------------------------------------------------------


def _a_commitment_of(strategy: Strategy, name: str, amount: Money) -> Strategy:
    allocation = first_with_money(strategy)
    booked = commitment(allocation, name, amount, allocation.period.start)
    return add_transactions(strategy, booked)


def _a_commitment_of_nothing(strategy: Strategy) -> Strategy:
    """A commitment of EUR 0.00 on the first day of the first allocation with money."""
    return _a_commitment_of(strategy, "example-zero", Money(0))


def _a_commitment_of_one_cent(strategy: Strategy) -> Strategy:
    """The same commitment, of EUR 0.01."""
    return _a_commitment_of(strategy, "example-one-cent", CENT)


@rule(
    "RS506",
    Severity.WARNING,
    title="A transaction's amount is zero",
    title_nl="Het bedrag van een transactie is nul",
    breaks=_a_commitment_of_nothing,
    keeps=_a_commitment_of_one_cent,
)
@shares
def zero_amount(strategy: Strategy, memo: Memo) -> Iterator[Violation]:
    """A transaction moves money: its amount is not zero.

    A commitment (*verplichting*) or expenditure (*uitgave*) of nothing is
    most likely a typing error or a placeholder; it changes no total, so this
    is a warning. The path is `transactions[id].amount`; the subject the
    transaction's id.

    A transaction on an allocation that does not exist is RS001's alone; one
    on an allocation whose id is used twice (RS002) is checked too.
    """
    for allocation, transaction, *_ in memo.get(_read).zero:
        yield Violation(
            message=f"{_capital(_what(transaction, 'en'))} on allocation {allocation.id} has "
            "an amount of zero.",
            message_nl=f"{_capital(_what(transaction, 'nl'))} op toewijzing {allocation.id} "
            "heeft een bedrag van nul.",
            path=_amount_path(transaction),
            subjects=(transaction.id,),
        )
