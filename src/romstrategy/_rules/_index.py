"""Look-ups by id that the rules share (*index*)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TypeVar

__all__ = ["duplicated", "unique_by"]

T = TypeVar("T")


def duplicated(items: Iterable[T], key: Callable[[T], str]) -> dict[str, int]:
    """The ids used more than once, with how often each is used."""
    names = list(map(key, items))
    if len(set(names)) == len(names):
        return {}
    return {name: count for name, count in Counter(names).items() if count > 1}


def unique_by(items: Iterable[T], key: Callable[[T], str]) -> dict[str, T]:
    """The items by id, leaving out every id that is used more than once.

    A duplicated id (RS002) is ambiguous, so a rule that needs the object
    behind an id skips it rather than pick one by input order.
    """
    found: dict[str, T] = {}
    twice: set[str] = set()
    for item in items:
        name = key(item)
        if name in found:
            twice.add(name)
        else:
            found[name] = item
    for name in twice:
        del found[name]
    return found
