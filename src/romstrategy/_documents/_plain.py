"""From model objects to the plain tree that every format writes (*platte boom*).

The writers of JSON, TOML, YAML, workbooks and data packages all start from
one tree of dicts, lists, strings, ints and booleans, made here by each
field's kind: an amount is its text (`"1250000.00"`), a date `YYYY-MM-DD`, a
period `{"start": ..., "end": ...}`, an enum member its value, a Kamerstuk
reference its official form. A field is left out when it holds its default
and that default is `None` or `""`, or when it is marked `omit_empty` and
holds its (empty) default, so that documents stay short and older ones are
written as before. Keys follow the class's field order, those that may be
left out after the others (as the canonical text has always had them).

msgspec could write the attrs objects itself, in C, but it orders their keys
alphabetically, keeps every default and writes `Money` as `{"cents": ...}`;
the canonical text would change, so it writes only this tree.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any

import attrs

from romstrategy._model._kinds import Kind, kinds
from romstrategy._model._money import Money
from romstrategy._model._parliament import Motion
from romstrategy._model._period import Period
from romstrategy._model._strategy import Strategy

__all__ = ["plain", "plain_motions"]

_Write = Callable[[Any], Any]


def plain(strategy: Strategy) -> dict[str, Any]:
    """The plain tree of a strategy, without `schema_version`."""
    tree: dict[str, Any] = _Writer().write(Strategy)(strategy)
    return tree


def plain_motions(motions: Iterable[Motion]) -> list[dict[str, Any]]:
    """The plain trees of motions, as a strategy document holds them."""
    return list(map(_Writer().write(Motion), motions))


def money_text(money: Money) -> str:
    """An amount as a document writes it: `"1250000.00"`, `"-0.05"`."""
    cents = money.cents
    if cents >= 0:
        return f"{cents // 100}.{cents % 100:02d}"
    return money.to_text()


class _Writer:
    """The writers of one tree; a period met twice is written once and shared."""

    def __init__(self) -> None:
        self._classes: dict[type[Any], _Write] = {}
        self._periods: dict[int, dict[str, str]] = {}

    def write(self, cls: type[Any]) -> _Write:
        """The writer of a `cls`, made once per tree."""
        writer = self._classes.get(cls)
        if writer is None:
            writer = self._classes[cls] = self._period if cls is Period else self._table(cls)
        return writer

    def _period(self, period: Period) -> dict[str, str]:
        # Keyed by identity: the period is alive as long as the tree is being made.
        known = self._periods.get(id(period))
        if known is None:
            start, end = period.start.isoformat(), period.end.isoformat()
            known = self._periods[id(period)] = {"start": start, "end": end}
        return known

    def _table(self, cls: type[Any]) -> _Write:
        fields = sorted(attrs.fields(cls), key=_omitted)  # stable: the others keep their order
        names = tuple(field.name for field in fields)
        values = attrgetter(*names)
        changed = tuple(
            (name, write)
            for name, write in ((n, self._kind(kinds(cls)[n])) for n in names)
            if write is not None
        )
        omitted = tuple((field.name, field.default) for field in fields if _omitted(field))

        def write(instance: Any) -> dict[str, Any]:
            tree = dict(zip(names, values(instance), strict=True))
            for name, default in omitted:
                if tree[name] == default:
                    del tree[name]
            for name, write_value in changed:
                if name in tree:
                    tree[name] = write_value(tree[name])
            return tree

        return write

    def _kind(self, kind: Kind) -> _Write | None:
        """How a field of `kind` is written; `None` for a value written as it is."""
        one = self._one(kind)
        if kind.many:
            return list if one is None else _each(one)
        if one is None or not kind.optional:
            return one
        return lambda value: None if value is None else one(value)

    def _one(self, kind: Kind) -> _Write | None:
        if kind.name == "instance":
            return self.write(kind.type)
        if kind.name == "amount":
            return money_text
        if kind.name == "day":
            return _isoformat
        if kind.name == "kamerstuk":
            return str
        if kind.name == "member":
            return _value
        return None


def _each(one: _Write) -> _Write:
    return lambda items: list(map(one, items))


def _omitted(field: attrs.Attribute[Any]) -> bool:
    return field.default is None or field.default == "" or bool(field.metadata.get("omit_empty"))


def _isoformat(day: Any) -> str:
    return day.isoformat()  # type: ignore[no-any-return]


def _value(member: enum.Enum) -> Any:
    return member.value
