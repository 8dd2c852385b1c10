"""The registry of built-in rules, `validate` and `rule_for` (*validatie*)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from romstrategy._model._display import shown
from romstrategy._model._error import ArgumentError, ArgumentTypeError, UnknownCodeError
from romstrategy._model._strategy import Strategy
from romstrategy._rules import (
    _budget_rules,
    _complementarity,
    _coverage,
    _motions,
    _realisation_rules,
    _references,
)
from romstrategy._rules._findings import Finding, Findings
from romstrategy._rules._rule import Memo, Rule, run

__all__ = ["RULES", "rule_for", "validate"]

_FAMILIES = (_references, _budget_rules, _complementarity, _motions, _coverage, _realisation_rules)
"""The modules of the built-in rules; each registers its rules with `@rule`."""

_BUILT_IN: tuple[Rule, ...] = tuple(
    value for family in _FAMILIES for value in vars(family).values() if isinstance(value, Rule)
)
"""Every built-in rule: each `Rule` that a family module holds."""

RULES: Mapping[str, Rule] = MappingProxyType(
    {built_in.code: built_in for built_in in sorted(_BUILT_IN, key=lambda r: r.code)}
)
"""The built-in rules by code, in code order; read-only (*ingebouwde regels*)."""

Codes = str | Iterable[str] | None
"""Codes or code prefixes, such as `"RS2"`; one str counts as one prefix."""


def _prefixes(codes: Codes, argument: str, known: Iterable[str]) -> tuple[str, ...]:
    if codes is None:
        return ()
    items = (codes,) if isinstance(codes, str) else tuple(codes)
    names = tuple(known)
    for item in items:
        if not isinstance(item, str) or not item:
            raise ArgumentTypeError(
                f"validate({argument}=...): got {shown(item)}, expected a code or prefix"
            )
        if not any(name.startswith(item) for name in names):
            raise ArgumentError(
                f"validate({argument}=...): {shown(item)} matches no rule; "
                f"known codes: {', '.join(sorted(names))}"
            )
    return items


def _with_user_rules(rules: Iterable[Rule] | None) -> dict[str, Rule]:
    chosen = dict(RULES)
    for extra in rules or ():
        if not isinstance(extra, Rule):
            raise ArgumentTypeError(f"validate(rules=...): got {shown(extra)}, expected Rule")
        if extra.code in chosen:
            raise ArgumentError(
                f"validate(rules=...): the code {extra.code} is already used by "
                f"rule {shown(chosen[extra.code].title)}; give each rule its own code"
            )
        chosen[extra.code] = extra
    return chosen


def validate(
    strategy: Strategy,
    *,
    select: Codes = None,
    ignore: Codes = None,
    rules: Iterable[Rule] | None = None,
) -> Findings:
    """Check a strategy against every rule and report all findings at once.

    Nothing is raised for a problem in the strategy: every problem is a
    finding in the report. Call `Findings.raise_for_errors()` to stop on errors.
    The rules of one call share what several of them work out (the
    realisation rules' ledger, say) in a `Memo` of that call, which goes
    when the call returns.

    Args:
        strategy: the strategy to check.
        select: run only rules whose code starts with one of these codes
            or prefixes, e.g. `["RS1", "RS203"]`; `None` runs all, an empty
            list none.
        ignore: skip rules whose code starts with one of these; it wins
            over `select`.
        rules: user rules to run as well, for this call only.

    Returns:
        The findings, ordered by code, then path, then subjects.

    Raises:
        TypeError: for a strategy, rule or code of the wrong type.
        ValueError: for a code or prefix that matches no rule, or a user
            rule whose code is already taken.
    """
    if not isinstance(strategy, Strategy):
        raise ArgumentTypeError(f"validate: got {type(strategy).__name__}, expected Strategy")
    chosen = _with_user_rules(rules)
    selected = _prefixes(select, "select", chosen)
    ignored = _prefixes(ignore, "ignore", chosen)
    memo = Memo(strategy)
    findings: list[Finding] = []
    for code in sorted(chosen):
        if select is not None and not code.startswith(selected):
            continue
        if code.startswith(ignored):
            continue
        findings.extend(run(chosen[code], memo))
    return Findings(findings)


def rule_for(code: str, *, rules: Iterable[Rule] | None = None) -> Rule:
    """Return the rule with this code, for its title and explanation.

    The `Rule` holds `code`, `severity`, `title`, `title_nl`,
    `explanation`, `failing_example` and `passing_example`.

    Args:
        code: a rule's full code, e.g. `"RS203"`.
        rules: user rules to look in as well as the built-in ones.

    Raises:
        LookupError: for a code no rule has; the message lists the known codes.
    """
    chosen = _with_user_rules(rules)
    found = chosen.get(code) if isinstance(code, str) else None
    if found is None:
        raise UnknownCodeError(
            f"rule_for: no rule has the code {shown(code)}; "
            f"known codes: {', '.join(sorted(chosen))}"
        )
    return found
