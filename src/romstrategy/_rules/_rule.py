"""Rules: a code, a severity, words for people and a pure check (*regels*)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

import attrs

from romstrategy._model._display import shown
from romstrategy._model._error import ArgumentError, ArgumentTypeError
from romstrategy._model._kinds import enum_member
from romstrategy._model._strategy import Strategy
from romstrategy._rules._findings import Finding, Severity, Violation, check_code

__all__ = ["Check", "Example", "Memo", "Rule", "SharedCheck", "rule", "run", "shares"]

T = TypeVar("T")

Check = Callable[[Strategy], Iterable[Finding | Violation]]
"""A pure function of a strategy that yields what one rule finds.

It yields `Violation`s, to which the rule adds its code and severity, or
whole `Finding`s that carry the rule's own code.
"""

Example = Callable[[Strategy], Strategy]
"""A change of a strategy, as a rule's example: `breaks` and `keeps` (*voorbeeld*)."""


class Memo:
    """What rules work out from one strategy once and share, for one run (*gedeeld*).

    `validate` makes one memo per call and hands it to every rule it runs;
    `Rule.run` makes one per run. A check made with `shares` gets it as its
    second argument and asks it for a value with `memo.get(make)`: the first
    rule to ask calls `make(strategy)`, and the rules after it get the same
    value. A memo lives as long as the call that made it: nothing is kept
    between calls, and the library holds no state of its own. A strategy
    cannot change, so a value never goes stale within the call.
    """

    __slots__ = ("_made", "_strategy")

    def __init__(self, strategy: Strategy) -> None:
        self._strategy = strategy
        self._made: dict[Callable[[Strategy], object], object] = {}

    @property
    def strategy(self) -> Strategy:
        """The strategy the rules check."""
        return self._strategy

    def get(self, make: Callable[[Strategy], T]) -> T:
        """`make(strategy)`, made by the first call with this `make` and kept for the rest.

        `make` is a function of a module, so that every rule that asks for
        the same value names the same function.
        """
        if make not in self._made:
            self._made[make] = make(self._strategy)
        return cast(T, self._made[make])


SharedCheck = Callable[[Strategy, Memo], Iterable[Finding | Violation]]
"""A check that shares values with other rules: `check(strategy, memo)`."""


class Sharing:
    """A `SharedCheck` that is also a `Check`: called with a strategy alone, it makes a memo.

    It carries the shared check's name and docstring, so that `rule` reads
    the explanation from it as from any check.
    """

    def __init__(self, check: SharedCheck) -> None:
        functools.update_wrapper(self, check)
        self.shared = check

    def __call__(self, strategy: Strategy) -> Iterable[Finding | Violation]:
        return self.shared(strategy, Memo(strategy))

    def __repr__(self) -> str:
        return f"<shared check {getattr(self.shared, '__qualname__', self.shared)!s}>"


def shares(check: SharedCheck) -> Sharing:
    """Make a check that reads the values it shares with other rules from the run's `Memo`.

    Example:
        ```python
        @rule("RS501", Severity.ERROR, title="...")
        @shares
        def over_committed(strategy, memo):
            for moment in memo.get(_read).over:
                ...
        ```
    """
    return Sharing(check)


def _words(value: object, owner: object, field: attrs.Attribute[Any]) -> str:
    if not isinstance(value, str):
        raise ArgumentTypeError(f"Rule.{field.name}: got {shown(value)}, expected a str")
    if not value.strip():
        raise ArgumentError(f"Rule.{field.name}: got {shown(value)}, every rule needs one")
    return value


def _plain(value: object, owner: object, field: attrs.Attribute[Any]) -> str:
    if not isinstance(value, str):
        raise ArgumentTypeError(f"Rule.{field.name}: got {shown(value)}, expected a str")
    return value


def _callable(owner: Rule, field: attrs.Attribute[Check], value: object) -> None:
    if not callable(value):
        raise ArgumentTypeError(
            f"Rule.check: got {shown(value)}, expected a function of a Strategy"
        )


def _code(value: object) -> str:
    return check_code(value, "Rule.code")


def _severity(value: object) -> Severity:
    return enum_member(Severity, value, "Rule.severity")


def _words_field() -> Any:
    return attrs.field(converter=attrs.Converter(_words, takes_self=True, takes_field=True))


def _plain_field() -> Any:
    return attrs.field(
        default="",
        kw_only=True,
        converter=attrs.Converter(_plain, takes_self=True, takes_field=True),
    )


def _optional_callable(owner: Rule, field: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not callable(value):
        raise ArgumentTypeError(
            f"Rule.{field.name}: got {shown(value)}, expected a function from Strategy to Strategy"
        )


def _check_field() -> Any:
    return attrs.field(validator=_callable, repr=False)


@attrs.frozen
class Rule:
    """One rule of the strategy, with a stable code (*regel*).

    `Rule(code, severity, title, explanation, check)` builds one; `check`
    is a pure function `check(strategy) -> Iterable[Finding]` whose findings
    all carry `code`; it may yield violations instead, which `run` turns into
    findings with the rule's code and severity. `romstrategy.rules.rule_for(code)` returns
    the rule.

    Attributes:
        code: the stable code, e.g. `"RS203"`; capital letters, then digits.
        severity: the usual severity of its findings; a rule documents when
            a finding differs (RS102 is a warning for a draft).
        title: a one-line English title.
        explanation: what the rule checks and why, in English.
        check: the pure function that finds the problems.
        title_nl: the title in Dutch, or `""`.
        failing_example: a short description of a strategy that breaks
            the rule, or `""`.
        passing_example: a short description of the near miss that keeps
            it, or `""`.
        breaks: the failing example itself: a change that makes a strategy
            which passes the rule break it, or `None`.
        keeps: the passing example itself: a near miss of `breaks` that
            leaves the rule passing, or `None`.
    """

    code: str = attrs.field(converter=_code)
    severity: Severity = attrs.field(converter=_severity)
    title: str = _words_field()
    explanation: str = _words_field()
    check: Check = _check_field()
    title_nl: str = _plain_field()
    failing_example: str = _plain_field()
    passing_example: str = _plain_field()
    breaks: Example | None = attrs.field(
        default=None, kw_only=True, validator=_optional_callable, repr=False
    )
    keeps: Example | None = attrs.field(
        default=None, kw_only=True, validator=_optional_callable, repr=False
    )

    def run(self, strategy: Strategy) -> tuple[Finding, ...]:
        """Run the check and return its findings, in the order it yields them.

        A violation becomes a finding with this rule's code and severity
        (or the severity the violation gives instead).

        Raises:
            TypeError: if the check yields something other than a `Finding`
                or `Violation`.
            ValueError: if it yields a finding with another rule's code.
        """
        return run(self, Memo(strategy))

    def _finding(self, found: object) -> Finding:
        if isinstance(found, Violation):
            return found.finding(self.code, self.severity)
        if not isinstance(found, Finding):
            raise ArgumentTypeError(
                f"rule {self.code} yielded {type(found).__name__} {shown(found)}, expected Finding"
            )
        if found.code != self.code:
            raise ArgumentError(
                f"rule {self.code} yielded a finding with code {shown(found.code)}; "
                f"a rule's findings carry its own code"
            )
        return found


def run(rule: Rule, memo: Memo) -> tuple[Finding, ...]:
    """What `rule` finds in `memo.strategy`, as `Rule.run`; a sharing check reads `memo`.

    `validate` runs each rule with this, all with the memo of the call.
    """
    check, strategy = rule.check, memo.strategy
    found = check.shared(strategy, memo) if isinstance(check, Sharing) else check(strategy)
    return tuple(map(rule._finding, tuple(found)))


def rule(
    code: str,
    severity: Severity | str,
    *,
    title: str,
    explanation: str | None = None,
    title_nl: str = "",
    failing_example: str = "",
    passing_example: str = "",
    breaks: Example | None = None,
    keeps: Example | None = None,
) -> Callable[[Check], Rule]:
    """Build a `Rule` from a check function, as a decorator.

    The explanation defaults to the function's docstring. `breaks` and `keeps`
    are the rule's examples, changes of a strategy that passes it: one that
    breaks the rule and the near miss that does not. The descriptions
    `failing_example` and `passing_example` default to their docstrings.

    Example:
        ```python
        @rule("ACME001", Severity.WARNING, title="An activity has no title")
        def untitled(strategy):
            \"\"\"Every activity needs a title people can read.\"\"\"
            ...
        ```

    Raises:
        ValueError: when there is neither an explanation nor a docstring,
            or a field is invalid (as `Rule` would raise).
    """

    def build(check: Check) -> Rule:
        words = explanation if explanation is not None else inspect.getdoc(check)
        if words is None:
            raise ArgumentError(
                f"rule {code}: give an explanation or a docstring; every rule needs one"
            )
        return Rule(
            code,
            enum_member(Severity, severity, "rule.severity"),
            title,
            words,
            check,
            title_nl=title_nl,
            failing_example=failing_example or _described(breaks),
            passing_example=passing_example or _described(keeps),
            breaks=breaks,
            keeps=keeps,
        )

    return build


def _described(change: Example | None) -> str:
    return "" if change is None else " ".join((inspect.getdoc(change) or "").split())
