"""Rows of money that belong to no one key of the data (*groepen*): joint, unassigned, total.

A ROM's code, a pillar's code and an allocation's id are the user's data and
may be any text, `joint` and `total` included. The rows that gather the money
of no single ROM, and the row that adds up all the others, therefore have keys
of their own type, `Group`, which no text equals. Text and HTML say a group in
words; CSV and JSON give it a column of its own, `group`, and leave `key` empty.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TypeAlias

from romstrategy._model._vocabulary import Lang, label

__all__ = ["Group", "Key", "group_fields", "key_text", "titled"]


class Group(enum.Enum):
    """A row's key that is not the user's data (*groep*); never equal to any text.

    `str()` gives its value, such as `total`, so that printing a row's key
    reads the same for a group as for a code.
    """

    JOINT = "joint"
    """Supra-regional money, counted once, not per ROM (*gezamenlijk*)."""
    UNASSIGNED = "unassigned"
    """Money that funds no (known) activity (*niet toegekend*)."""
    NOT_SCHEDULED = "not_scheduled"
    """Money of allocations without a schedule, by year (*niet ingepland*): never spread."""
    TOTAL = "total"
    """All the other rows added up (*totaal*)."""

    def __str__(self) -> str:
        return self.value


Key: TypeAlias = str | Group
"""The key of a row: the user's code or id, a year, or a `Group`."""


def key_text(key: Key, lang: Lang) -> str:
    """The key as people read it: a group in words, any other key as it is."""
    return label(key.value, lang) if isinstance(key, Group) else key


def group_fields(key: Key) -> dict[str, str | None]:
    """`{"key": ..., "group": ...}` for data: one of the two is `None`."""
    if isinstance(key, Group):
        return {"key": None, "group": key.value}
    return {"key": key, "group": None}


def titled(key: Key, titles: Mapping[str, str], lang: Lang) -> str:
    """The title of a key from `titles` (else the key itself); a group in words."""
    return titles.get(key, key) if isinstance(key, str) else key_text(key, lang)
