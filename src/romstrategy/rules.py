"""The rules engine: check a strategy and report every finding (*regels*).

Each rule is a pure function of a `Strategy`, registered once with its stable
code and severity by `@rule`; it yields what it finds, and the engine makes
`Finding`s of them with that code. `validate` runs them all and returns a
`Report`, raising nothing for a problem in the strategy. Each rule carries its
own examples: `breaks`, a change that breaks it, and `keeps`, the near miss that
does not. The codes are public and never reused:

- RS0xx: ids and references.
- RS1xx: money (*begroting*).
- RS2xx: supra-regional work complements regional work (*complementariteit*).
- RS3xx: motions and their lifecycle (*moties*).
- RS4xx: coverage of the provinces (*dekking*).
- RS5xx: commitments and spending against the plan (*realisatie*).

`RULES` maps each built-in code to its `Rule` and is read-only; user rules
are passed to one `validate` call and never kept.
"""

from romstrategy._rules._findings import Finding, Report, Severity, StrategyInvalid, Violation
from romstrategy._rules._rivals import competing_pairs
from romstrategy._rules._rule import Change, Check, Rule, rule
from romstrategy._rules._validate import RULES, explain, validate

__all__ = [
    "RULES",
    "Change",
    "Check",
    "Finding",
    "Report",
    "Rule",
    "Severity",
    "StrategyInvalid",
    "Violation",
    "competing_pairs",
    "explain",
    "rule",
    "validate",
]
