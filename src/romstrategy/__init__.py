"""A typed model of the Dutch multi-year strategy for the ROMs.

The strategy (*meerjarenstrategie*) for the Regional Development Companies
(*Regionale Ontwikkelingsmaatschappijen*, ROMs) as one set of immutable
objects, with the letter's rules, documents and reports.
"""

from romstrategy import reference
from romstrategy._budget import Allocation, FundingKind, FundingSource
from romstrategy._money import Money
from romstrategy._parliament import Motion, MotionKind, MotionStatus, StatusChange
from romstrategy._parties import ROM, Organisation, OrganisationKind, Province
from romstrategy._period import Period
from romstrategy._strategy import Activity, Pillar, Scope, Service, Strategy, StrategyStatus
from romstrategy._summary import summary

__all__ = [
    "ROM",
    "Activity",
    "Allocation",
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
    "Province",
    "Scope",
    "Service",
    "StatusChange",
    "Strategy",
    "StrategyStatus",
    "reference",
    "summary",
]
