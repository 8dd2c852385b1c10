"""The rules engine: check a strategy and report every finding (*regels*).

Each rule is a pure function of a `Strategy`, registered once with its stable
code and severity by `@rule`; it yields what it finds, and the engine makes
`Finding`s of them with that code. `validate` runs them all and returns a
`Findings`, raising nothing for a problem in the strategy. Each rule carries its
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

# `Finding`, `Findings`, `Rule`, `Severity`, `StrategyInvalid`, `rule` and `validate` are
# importable from here as well (`X as X`); their one public home is `romstrategy`.
from romstrategy._model._renamed import renamed
from romstrategy._rules._findings import Finding as Finding
from romstrategy._rules._findings import Findings as Findings
from romstrategy._rules._findings import Severity as Severity
from romstrategy._rules._findings import StrategyInvalid as StrategyInvalid
from romstrategy._rules._findings import Violation
from romstrategy._rules._rivals import competing_pairs
from romstrategy._rules._rule import Check, Example
from romstrategy._rules._rule import Rule as Rule
from romstrategy._rules._rule import rule as rule
from romstrategy._rules._validate import RULES, rule_for
from romstrategy._rules._validate import validate as validate

__all__ = [
    "RULES",
    "Check",
    "Example",
    "Violation",
    "competing_pairs",
    "rule_for",
]

__getattr__ = renamed(
    __name__,
    {"Report": "Findings", "Change": "Example", "explain": "rule_for"},
    globals().__getitem__,
)
