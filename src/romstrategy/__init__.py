"""A typed model of the Dutch multi-year strategy for the ROMs.

The strategy (*meerjarenstrategie*) for the Regional Development Companies
(*Regionale Ontwikkelingsmaatschappijen*, ROMs) as one set of immutable
objects, with the letter's rules, documents and reports.
"""

import importlib
import typing

from romstrategy._documents._errors import DocumentError, Problem
from romstrategy._documents._reading import SCHEMA_VERSION, dump, dumps, load, loads
from romstrategy._documents._schema import json_schema
from romstrategy._model._appraisal import Appraisal
from romstrategy._model._budget import Allocation, FundingKind, FundingSource, YearAmount
from romstrategy._model._error import ArgumentError, ArgumentTypeError, Error, UnknownCodeError
from romstrategy._model._kamerstuk import KamerstukRef
from romstrategy._model._kinds import FieldError
from romstrategy._model._money import Money
from romstrategy._model._motion import (
    DecisionMethod,
    Motion,
    MotionKind,
    MotionStatus,
    StatusChange,
)
from romstrategy._model._parties import ROM, Organisation, OrganisationKind, Province
from romstrategy._model._period import Period
from romstrategy._model._strategy import Activity, Pillar, Scope, Service, Strategy, StrategyStatus
from romstrategy._model._transaction import Transaction, TransactionKind

if typing.TYPE_CHECKING:
    from romstrategy import parliament, reference, reports, rules, tables
    from romstrategy._model._summary import summary
    from romstrategy._reports._notebook import to_records
    from romstrategy._reports._progress import Progress, ProgressRow, progress
    from romstrategy.rules import (
        Finding,
        Findings,
        Rule,
        Severity,
        StrategyInvalid,
        rule,
        validate,
    )

__all__ = [
    "ROM",
    "SCHEMA_VERSION",
    "Activity",
    "Allocation",
    "Appraisal",
    "ArgumentError",
    "ArgumentTypeError",
    "DecisionMethod",
    "DocumentError",
    "Error",
    "FieldError",
    "Finding",
    "Findings",
    "FundingKind",
    "FundingSource",
    "KamerstukRef",
    "Money",
    "Motion",
    "MotionKind",
    "MotionStatus",
    "Organisation",
    "OrganisationKind",
    "Period",
    "Pillar",
    "Problem",
    "Progress",
    "ProgressRow",
    "Province",
    "Rule",
    "Scope",
    "Service",
    "Severity",
    "StatusChange",
    "Strategy",
    "StrategyInvalid",
    "StrategyStatus",
    "Transaction",
    "TransactionKind",
    "UnknownCodeError",
    "YearAmount",
    "dump",
    "dumps",
    "json_schema",
    "load",
    "loads",
    "parliament",
    "progress",
    "reference",
    "reports",
    "rule",
    "rules",
    "summary",
    "tables",
    "to_records",
    "validate",
]

# The reference data, the rules engine, the reports, the tables, parliament's records, the
# summary, progress and the notebook helpers load on first use, so that `import romstrategy`
# stays quick for tools that only read documents.
_LAZY = {
    "reference": "romstrategy.reference",
    "reports": "romstrategy.reports",
    "rules": "romstrategy.rules",
    "tables": "romstrategy.tables",
    "parliament": "romstrategy.parliament",
    "Finding": "romstrategy.rules",
    "Findings": "romstrategy.rules",
    "Rule": "romstrategy.rules",
    "Severity": "romstrategy.rules",
    "StrategyInvalid": "romstrategy.rules",
    "rule": "romstrategy.rules",
    "validate": "romstrategy.rules",
    "summary": "romstrategy._model._summary",
    "progress": "romstrategy._reports._progress",
    "Progress": "romstrategy._reports._progress",
    "ProgressRow": "romstrategy._reports._progress",
    "to_records": "romstrategy._reports._notebook",
}


_MODULES = frozenset({"parliament", "reference", "reports", "rules", "tables"})


_RENAMED = {"Report": "Findings", "to_frames": "tables.to_pandas"}
"""Old names, for one release: reading one warns and gives the new one."""


def _dotted(path: str) -> typing.Any:
    """The object at `path` below the package, such as `tables.to_pandas`."""
    first, *rest = path.split(".")
    value = __getattr__(first)
    for part in rest:
        value = getattr(value, part)
    return value


def __getattr__(name: str) -> typing.Any:
    if name in _RENAMED:
        from romstrategy._model._renamed import renamed

        return renamed(__name__, _RENAMED, _dotted, stacklevel=3)(name)
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'romstrategy' has no attribute {name!r}")
    module = importlib.import_module(module_name)
    value = module if name in _MODULES else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
