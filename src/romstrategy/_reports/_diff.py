"""What changed between two versions of a strategy (*verschillen*)."""

from __future__ import annotations

import enum
import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from romstrategy._model._budget import YearAmount
from romstrategy._model._display import html_grid, shown, visible
from romstrategy._model._error import ArgumentError
from romstrategy._model._kinds import argument
from romstrategy._model._money import Money
from romstrategy._model._motion import Motion, StatusChange
from romstrategy._model._period import Period
from romstrategy._model._strategy import Strategy
from romstrategy._model._vocabulary import Lang, label, money, period
from romstrategy._reports._groups import Key, group_fields, key_text
from romstrategy._reports._overview import Line, overview
from romstrategy._reports._progress import Progress
from romstrategy.rules import Finding

__all__ = ["Change", "Moved", "StrategyDiff", "diff", "diff_text"]


@attrs.frozen
class Moved:
    """Money under one key (pillar, ROM or year) before and after."""

    key: Key
    before: Money
    after: Money

    @property
    def delta(self) -> Money:
        """How much more (or, negative, less) there is after."""
        return self.after - self.before


@attrs.frozen
class Change:
    """An object added, removed or changed; for a change, the fields that differ.

    Attributes:
        id: the object's id.
        kind: `"added"`, `"removed"` or `"changed"`.
        fields: `(field, before, after)` for each changed field, as data text:
            amounts plain, such as `1250000.00`, as JSON holds them.
        values: `(before, after)` for each of `fields`, as the objects they
            were, so that `StrategyDiff.to_text` writes amounts and periods as
            people read them; empty where only the text is known. It takes no
            part in equality.
    """

    id: str
    kind: str
    fields: tuple[tuple[str, str, str], ...] = ()
    values: tuple[tuple[Any, Any], ...] = attrs.field(default=(), eq=False, repr=False)


@attrs.frozen(repr=False)
class StrategyDiff:
    """Everything that moved between two versions of a strategy.

    `str()` is what `romstrategy diff` prints after its `---` and `+++` lines,
    `to_text("en")`; a notebook shows the same lines as an HTML table.

    Attributes:
        pillars: money allocated per pillar that moved.
        roms: money allocated per ROM that moved.
        years: money allocated per year that moved.
        activities: activities added, removed or changed.
        allocations: allocations added, removed or changed.
        motions: motions added, removed, or changed: their status (else
            their steps), Kamerstuk, `co_submitted`, co-signers or appraisal.
        appeared: findings of the new version that the old one did not have.
        disappeared: findings of the old version that the new one does not have.
        transactions: transactions added, removed or changed.
        committed: money committed per pillar (*verplicht*) that moved.
        spent: money spent per pillar (*uitgegeven*) that moved.
        with_transactions: whether either version has transactions; only
            then does `to_dict` have `transactions`, `money.committed` and
            `money.spent`. It is no difference itself.
    """

    pillars: tuple[Moved, ...]
    roms: tuple[Moved, ...]
    years: tuple[Moved, ...]
    activities: tuple[Change, ...]
    allocations: tuple[Change, ...]
    motions: tuple[Change, ...]
    appeared: tuple[Finding, ...]
    disappeared: tuple[Finding, ...]
    transactions: tuple[Change, ...] = ()
    committed: tuple[Moved, ...] = ()
    spent: tuple[Moved, ...] = ()
    with_transactions: bool = False

    @property
    def changed(self) -> bool:
        """Whether anything differs at all."""
        return any(
            attrs.astuple(
                self, recurse=False, filter=lambda field, _: field.name != "with_transactions"
            )
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON; amounts are strings such as `"1250000.00"`.

        When either version has transactions, `money` also has `committed`
        and `spent` per pillar, and a list `transactions` follows `allocations`.
        """
        return {
            "changed": self.changed,
            "money": {name: [_moved_dict(m) for m in moved] for name, moved in self._money()},
            **{name: [_change_dict(c) for c in changes] for name, changes in self._changes()},
            "findings": {
                "appeared": [f.to_dict() for f in self.appeared],
                "disappeared": [f.to_dict() for f in self.disappeared],
            },
        }

    def _money(self) -> list[tuple[str, tuple[Moved, ...]]]:
        sections = [("pillars", self.pillars), ("roms", self.roms), ("years", self.years)]
        if self.with_transactions:
            sections += [("committed", self.committed), ("spent", self.spent)]
        return sections

    def _changes(self) -> list[tuple[str, tuple[Change, ...]]]:
        sections = [("activities", self.activities), ("allocations", self.allocations)]
        if self.with_transactions:
            sections.append(("transactions", self.transactions))
        return [*sections, ("motions", self.motions)]

    def to_text(self, lang: Lang = "en") -> str:
        """A readable account of the changes, one line each; control characters escaped.

        Raises:
            ValueError: for a language other than `"en"` and `"nl"`.
        """
        if lang not in ("en", "nl"):
            raise ArgumentError(
                f"StrategyDiff.to_text: got lang {shown(lang)}, expected 'en' or 'nl'"
            )
        lines: list[str] = []
        for name, moved in self._money():
            lines += _moved_lines(label(_MONEY_LABELS.get(name, name), lang), moved, lang)
        for name, changes in self._changes():
            lines += _change_lines(label(name, lang), changes, lang)
        for name, findings in (("appeared", self.appeared), ("disappeared", self.disappeared)):
            title = f"{label('findings', lang)} {label(name, lang)}"
            lines += [f"{title}: {f.format(lang)}" for f in findings]
        return "\n".join(map(visible, lines)) if lines else label("no_differences", lang)

    def __str__(self) -> str:
        return self.to_text("en")

    def __repr__(self) -> str:
        moved = sum(len(section) for _, section in self._money())
        changes = sum(len(section) for _, section in self._changes())
        return (
            f"StrategyDiff(changed={self.changed}, {moved} amounts moved, {changes} objects "
            f"changed, {len(self.appeared)} findings appeared, "
            f"{len(self.disappeared)} disappeared)"
        )

    def _repr_html_(self) -> str:
        """The lines of `str()` as an HTML table, what moved beside where; text escaped."""
        rows = [line.partition(": ")[::2] for line in self.to_text("en").split("\n")]
        return html_grid("Differences", ("where", "what"), rows, align="left")


def diff_text(changes: StrategyDiff, old: str, new: str, lang: Lang) -> str:
    """What `romstrategy diff` prints: `--- OLD`, `+++ NEW`, then `changes.to_text(lang)`."""
    return f"--- {visible(old)}\n+++ {visible(new)}\n{changes.to_text(lang)}"


_MONEY_LABELS = {"roms": "per_rom", "years": "per_year"}
"""The label of a money section in `to_text`, where it differs from its key in `to_dict`."""


def _moved_dict(m: Moved) -> dict[str, str | None]:
    return {
        **group_fields(m.key),
        "before": m.before.to_text(),
        "after": m.after.to_text(),
        "delta": m.delta.to_text(),
    }


def _change_dict(c: Change) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind,
        "fields": [{"field": f, "before": b, "after": a} for f, b, a in c.fields],
    }


def _moved_lines(title: str, moved: tuple[Moved, ...], lang: Lang) -> list[str]:
    return [
        f"{title}: {key_text(m.key, lang)}: {money(m.before, lang)} -> {money(m.after, lang)} "
        f"({'+' if m.delta.cents > 0 else ''}{money(m.delta, lang)})"
        for m in moved
    ]


def _change_lines(title: str, changes: tuple[Change, ...], lang: Lang) -> list[str]:
    lines = []
    for change in changes:
        detail = "; ".join(
            f"{field}: {before} -> {after}" for field, before, after in _shown_fields(change, lang)
        )
        lines.append(f"{title}: {change.kind} {change.id}" + (f" ({detail})" if detail else ""))
    return lines


def _shown_fields(change: Change, lang: Lang) -> list[tuple[str, str, str]]:
    """`change.fields`, with amounts and periods written for people where the values are known."""
    if len(change.values) != len(change.fields):
        return list(change.fields)
    return [
        (field, _human(before, lang), _human(after, lang))
        for (field, _, _), (before, after) in zip(change.fields, change.values, strict=True)
    ]


def _human(value: object, lang: Lang) -> str:
    if isinstance(value, Money):
        return money(value, lang)
    if isinstance(value, YearAmount):
        return f"{value.year}: {money(value.amount, lang)}"
    if isinstance(value, Period):
        return period(value, lang)
    if isinstance(value, tuple):
        return "[" + ", ".join(_human(item, lang) for item in value) + "]"
    return _text(value)


def _text(value: object) -> str:
    if isinstance(value, Money):
        return value.to_text()
    if isinstance(value, YearAmount):
        return f"{value.year}: {value.amount.to_text()}"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, Period):
        return f"{value.start.isoformat()}..{value.end.isoformat()}"  # data, as JSON had it
    if isinstance(value, pendulum.Date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "[" + ", ".join(_text(item) for item in value) + "]"
    return "-" if value is None else str(value)


def _moved(before: tuple[Line, ...], after: tuple[Line, ...]) -> tuple[Moved, ...]:
    old = {line.key: line.amount for line in before}
    new = {line.key: line.amount for line in after}
    return _moved_between(old, new)


def _realised(progress: Progress | None, column: str) -> dict[Key, Money]:
    """Per pillar, the money committed or spent; nothing without transactions."""
    rows = () if progress is None else progress.rows
    return {row.key: getattr(row, column) for row in rows}


def _moved_between(old: dict[Key, Money], new: dict[Key, Money]) -> tuple[Moved, ...]:
    keys = list(old) + [key for key in new if key not in old]
    zero = Money.zero()
    return tuple(
        Moved(key, old.get(key, zero), new.get(key, zero))
        for key in keys
        if old.get(key, zero) != new.get(key, zero)
    )


def _changes(before: Iterable[Any], after: Iterable[Any]) -> tuple[Change, ...]:
    """Objects removed, added and changed, by id.

    An id used by several objects (RS002) is compared as a multiset: equal
    objects on both sides are unchanged, the others pair up in order as
    changes, and what is left over is removed or added.
    """
    old, new = _by_id(before), _by_id(after)
    removed: list[Change] = []
    added: list[Change] = []
    changed: list[Change] = []
    for key in {**old, **new}:
        olds, news = _unmatched(old.get(key, []), new.get(key, []))
        changed += (_changed(key, a, b) for a, b in zip(olds, news, strict=False))
        removed += [Change(key, "removed")] * max(0, len(olds) - len(news))
        added += [Change(key, "added")] * max(0, len(news) - len(olds))
    return (*removed, *added, *changed)


def _by_id(items: Iterable[Any]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for item in items:
        grouped.setdefault(item.id, []).append(item)
    return grouped


def _unmatched(olds: list[Any], news: list[Any]) -> tuple[list[Any], list[Any]]:
    """The objects of each side that the other side does not hold equally, in order."""
    if olds == news:
        return [], []
    common = Counter(olds) & Counter(news)
    return _without(olds, common.copy()), _without(news, common)


def _without(items: list[Any], common: Counter[Any]) -> list[Any]:
    left = []
    for item in items:
        if common[item] > 0:
            common[item] -= 1
        else:
            left.append(item)
    return left


def _changed(key: str, old: Any, new: Any) -> Change:
    pairs = [
        (field.name, getattr(old, field.name), getattr(new, field.name))
        for field in attrs.fields(type(old))
        if getattr(old, field.name) != getattr(new, field.name)
    ]
    fields = tuple((name, _text(before), _text(after)) for name, before, after in pairs)
    return Change(key, "changed", fields, tuple((before, after) for _, before, after in pairs))


def _motion_changes(old: Strategy, new: Strategy) -> tuple[Change, ...]:
    before = {m.id: m for m in old.motions}
    after = {m.id: m for m in new.motions}
    result = [Change(key, "removed") for key in before if key not in after]
    result += [
        Change(key, "added", (("status", "-", after[key].status.value),))
        for key in after
        if key not in before
    ]
    changed = [(key, _motion_fields(before[key], after[key])) for key in before if key in after]
    result += [Change(key, "changed", fields) for key, fields in changed if fields]
    return tuple(result)


def _motion_fields(old: Motion, new: Motion) -> tuple[tuple[str, str, str], ...]:
    """What moved on a motion: its status, else its steps; Kamerstuk, co-signers, appraisal."""
    fields = []
    if old.status is not new.status:
        fields.append(("status", old.status.value, new.status.value))
    elif old.history != new.history:
        fields.append(("history", _steps(old), _steps(new)))
    if old.kamerstuk != new.kamerstuk:
        fields.append(("kamerstuk", _text(old.kamerstuk), _text(new.kamerstuk)))
    if old.co_submitted is not new.co_submitted:
        fields.append(("co_submitted", _flag(old.co_submitted), _flag(new.co_submitted)))
    if old.co_submitters != new.co_submitters:
        fields.append(("co_submitters", _names(old.co_submitters), _names(new.co_submitters)))
    if old.appraisal != new.appraisal:
        fields.append(("appraisal", _text(old.appraisal), _text(new.appraisal)))
    return tuple(fields)


def _steps(motion: Motion) -> str:
    """Each step: `submitted 2023-07-06, adopted 2023-07-11 (by-vote), settled [letter]`."""
    return ", ".join(map(_step, motion.history)) or "-"


def _step(change: StatusChange) -> str:
    on = f" {change.on.isoformat()}" if change.on else ""
    how = f" ({change.how.value})" if change.how else ""
    return f"{change.status.value}{on}{how}" + (f" [{change.document}]" if change.document else "")


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _names(names: tuple[str, ...]) -> str:
    """Names as a JSON array, so that a comma inside a name cannot pass for two names."""
    return json.dumps(list(names), ensure_ascii=False)


def _identity(finding: Finding) -> tuple[str, str, tuple[str, ...]]:
    return (finding.code, finding.path, finding.subjects)


def diff(old: Strategy, new: Strategy) -> StrategyDiff:
    """Compare two versions of a strategy: money moved, objects changed, findings.

    Raises:
        TypeError: for anything but two strategies.
    """
    argument(old, Strategy, "diff")
    argument(new, Strategy, "diff")
    before, after = sides = overview(old), overview(new)
    old_findings = {_identity(f) for f in before.report.findings}
    new_findings = {_identity(f) for f in after.report.findings}
    return StrategyDiff(
        pillars=_moved(before.pillars, after.pillars),
        roms=_moved(before.roms, after.roms),
        years=_moved(before.years, after.years),
        activities=_changes(old.activities, new.activities),
        allocations=_changes(old.allocations, new.allocations),
        motions=_motion_changes(old, new),
        appeared=tuple(f for f in after.report.findings if _identity(f) not in old_findings),
        disappeared=tuple(f for f in before.report.findings if _identity(f) not in new_findings),
        transactions=_changes(old.transactions, new.transactions),
        committed=_moved_between(*(_realised(o.progress_by_pillar, "committed") for o in sides)),
        spent=_moved_between(*(_realised(o.progress_by_pillar, "spent") for o in sides)),
        with_transactions=bool(old.transactions or new.transactions),
    )
