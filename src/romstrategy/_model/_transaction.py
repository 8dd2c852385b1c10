"""Following the money: commitments and spending against the plan (*realisatie*).

Dutch public budgets are kept in commitments (*verplichtingen*: a grant
decision or contract signed) and expenditures (*uitgaven*: money paid out);
a commitment comes before its payment. A negative amount is a correction,
such as a commitment released (*vrijval*).
"""

from __future__ import annotations

import enum

import attrs

from romstrategy._model._display import brief
from romstrategy._model._kinds import Amount, Day, Id, OptionalText, Text, by_kind

__all__ = ["Transaction", "TransactionKind"]


class TransactionKind(enum.Enum):
    """A commitment (*verplichting*) or an expenditure (*uitgave*)."""

    COMMITMENT = "commitment"
    EXPENDITURE = "expenditure"


@attrs.frozen(kw_only=True, field_transformer=by_kind, repr=False)
class Transaction:
    """Money committed or spent on one allocation (*transactie*).

    Attributes:
        id: a short, stable id.
        allocation: the id of the allocation it draws on.
        kind: a commitment (*verplichting*) or an expenditure (*uitgave*).
        amount: the amount; a negative amount is a correction, e.g. a
            commitment released (*vrijval*).
        date: the day it was committed or paid.
        description: what it is for; may be empty.
        document: the decision or invoice it rests on, or `None`.
    """

    __repr__ = brief

    id: Id
    allocation: Id
    kind: TransactionKind
    amount: Amount
    date: Day
    description: Text = ""
    document: OptionalText = None
