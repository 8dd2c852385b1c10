"""A typed model of the Dutch multi-year strategy for the ROMs.

The strategy (*meerjarenstrategie*) for the Regional Development Companies
(*Regionale Ontwikkelingsmaatschappijen*, ROMs) as one set of immutable
objects, with the letter's rules, documents and reports.
"""

from romstrategy import reference, rules
from romstrategy._budget import Allocation, FundingKind, FundingSource
from romstrategy._documents import SCHEMA_VERSION, dump, dumps, load, loads
from romstrategy._errors import DocumentError, Problem
from romstrategy._money import Money
from romstrategy._notebook import to_frames, to_records
from romstrategy._parliament import Motion, MotionKind, MotionStatus, StatusChange
from romstrategy._parties import ROM, Organisation, OrganisationKind, Province
from romstrategy._period import Period
from romstrategy._schema import json_schema
from romstrategy._strategy import Activity, Pillar, Scope, Service, Strategy, StrategyStatus
from romstrategy._summary import summary
from romstrategy.rules import Finding, Report, Rule, Severity, StrategyInvalid, rule, validate

__all__ = [
    "ROM",
    "SCHEMA_VERSION",
    "Activity",
    "Allocation",
    "DocumentError",
    "Finding",
    "FundingKind",
    "FundingSource",
    "Money",
    "Motion",
    "MotionKind",
    "MotionStatus",
    "Organisation",
    "OrganisationKind",
    "Period",
    "Pillar",
    "Problem",
    "Province",
    "Report",
    "Rule",
    "Scope",
    "Service",
    "Severity",
    "StatusChange",
    "Strategy",
    "StrategyInvalid",
    "StrategyStatus",
    "dump",
    "dumps",
    "json_schema",
    "load",
    "loads",
    "reference",
    "rule",
    "rules",
    "summary",
    "to_frames",
    "to_records",
    "validate",
]
