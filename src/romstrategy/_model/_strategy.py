"""The strategy, its pillars and its activities (*meerjarenstrategie*)."""

from __future__ import annotations

import enum

import attrs

from romstrategy._model._budget import Allocation, FundingSource, balances
from romstrategy._model._display import brief, html_table, shown
from romstrategy._model._kinds import Id, Ids, OptionalText, Text, by_kind
from romstrategy._model._motion import Motion
from romstrategy._model._parties import ROM, Organisation, Province
from romstrategy._model._period import Period
from romstrategy._model._transaction import Transaction

__all__ = ["Activity", "Pillar", "Scope", "Service", "Strategy", "StrategyStatus"]


class Scope(enum.Enum):
    """Regional (*regionaal*) or supra-regional (*bovenregionaal*) work."""

    REGIONAL = "regional"
    SUPRA_REGIONAL = "supra-regional"


class Service(enum.Enum):
    """The kind of service an activity gives (*dienstverlening*).

    financing (*financiering*), business development (*business
    development*), internationalisation (*internationalisering*), ecosystem
    development (*ecosysteemontwikkeling*), knowledge sharing
    (*kennisdeling*), policy coordination (*beleidscoördinatie*).
    """

    FINANCING = "financing"
    BUSINESS_DEVELOPMENT = "business-development"
    INTERNATIONALISATION = "internationalisation"
    ECOSYSTEM_DEVELOPMENT = "ecosystem-development"
    KNOWLEDGE_SHARING = "knowledge-sharing"
    POLICY_COORDINATION = "policy-coordination"


class StrategyStatus(enum.Enum):
    """A draft (*concept*) or a final (*definitief*) strategy."""

    DRAFT = "draft"
    FINAL = "final"


@attrs.frozen(kw_only=True, field_transformer=by_kind, repr=False)
class Pillar:
    """One of the strategy's pillars (*pijler*).

    Attributes:
        code: `"I"`, `"II"` or `"III"` in the letter.
        title_nl: the Dutch title, as in the letter.
        title_en: the English title.
        description: what the pillar covers.
    """

    __repr__ = brief

    code: Id
    title_nl: Text
    title_en: Text
    description: Text


@attrs.frozen(kw_only=True, field_transformer=by_kind, repr=False)
class Activity:
    """Work that ROMs carry out (*activiteit*).

    A regional activity (*regionaal*) is one ROM's work in its own region. A
    supra-regional one (*bovenregionaal*) is several ROMs working together;
    it must complement (*aanvullen*), not compete with, their regional work.

    Attributes:
        id: a short, stable id.
        title: what it is called.
        scope: regional or supra-regional.
        pillar: the code of the pillar it falls under.
        roms: the codes of the ROMs that take part.
        lead: the code of the lead ROM (*penvoerder*).
        theme: the theme, e.g. `"energy transition"`.
        service: the kind of service it gives.
        period: when it runs.
        complements: ids of the regional activities it complements.
    """

    __repr__ = brief

    id: Id
    title: Text
    scope: Scope
    pillar: Id
    roms: Ids = ()
    lead: Id
    theme: Text
    service: Service
    period: Period
    complements: Ids = ()


@attrs.frozen(kw_only=True, field_transformer=by_kind, repr=False)
class Strategy:
    """The multi-year strategy as a whole (*meerjarenstrategie*).

    Construction checks only each field's type. Whether the strategy follows
    the letter's rules is for `romstrategy.validate`, so that a draft can be
    built, loaded and fixed.

    Attributes:
        id: a short, stable id.
        title: the strategy's title.
        period: the years it covers.
        status: draft (*concept*) or final (*definitief*).
        principals: who commissions it (*opdrachtgevers*): EZK and provinces.
        provinces: the provinces it covers.
        roms: the ROMs that carry it out (*uitvoerders*).
        pillars: its pillars (*pijlers*).
        motions: the motions and amendments it concerns.
        funding_sources: the money available to it.
        activities: the work it funds.
        allocations: where the money goes.
        transactions: the money committed and spent on the allocations
            (*verplichtingen* and *uitgaven*).
        settles: ids of the motions it settles (*afdoet*).
        source: the document it comes from, or `None`.
    """

    id: Id
    title: Text
    period: Period
    status: StrategyStatus = StrategyStatus.DRAFT
    principals: tuple[Organisation, ...] = ()
    provinces: tuple[Province, ...] = ()
    roms: tuple[ROM, ...] = ()
    pillars: tuple[Pillar, ...] = ()
    motions: tuple[Motion, ...] = ()
    funding_sources: tuple[FundingSource, ...] = ()
    activities: tuple[Activity, ...] = ()
    allocations: tuple[Allocation, ...] = ()
    transactions: tuple[Transaction, ...] = ()
    settles: Ids = ()
    source: OptionalText = None

    def __repr__(self) -> str:
        """`Strategy('id', 3 pillars, 9 ROMs, 4 funding sources, 0 allocations)`: a summary.

        The full form of a strategy is its document: `romstrategy.dumps(strategy, "json")`,
        or `attrs.asdict(strategy)`.
        """
        counted = [
            (self.pillars, "pillar"),
            (self.roms, "ROM"),
            (self.funding_sources, "funding source"),
            (self.allocations, "allocation"),
        ]
        if self.transactions:
            counted.append((self.transactions, "transaction"))
        counts = (
            f"{len(items)} {word}{'' if len(items) == 1 else 's'}" for items, word in counted
        )
        return f"Strategy({shown(self.id)}, {', '.join(counts)})"

    def _repr_html_(self) -> str:
        """A compact HTML table that summarises the strategy, for notebooks."""
        pairs = [
            ("strategy", f"{self.title} ({self.id})"),
            ("period", str(self.period)),
            ("status", self.status.value),
            ("pillars", ", ".join(p.code for p in self.pillars)),
            ("ROMs", str(len(self.roms))),
            ("activities", str(len(self.activities))),
            ("allocations", str(len(self.allocations))),
            ("transactions", str(len(self.transactions))),
        ]
        pairs += [
            (f"funding {b.source}", f"{b.allocated} of {b.amount} allocated")
            for b in balances(self.funding_sources, self.allocations)
        ]
        return html_table(pairs)
