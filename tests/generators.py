"""Hypothesis generators of well-typed domain objects (not necessarily rule-abiding)."""

import datetime

from hypothesis import strategies as st

from romstrategy import (
    ROM,
    Activity,
    Allocation,
    FundingKind,
    FundingSource,
    Money,
    Motion,
    MotionKind,
    MotionStatus,
    Organisation,
    OrganisationKind,
    Period,
    Pillar,
    Province,
    Scope,
    Service,
    StatusChange,
    Strategy,
    StrategyStatus,
)
from romstrategy._model._money import MAX_EUROS

MAX_CENTS = MAX_EUROS * 100

# Text that documents must carry exactly: non-ASCII, quotes, newlines, long runs.
texts = st.one_of(
    st.sampled_from(["Fryslân", "'t Gooi", 'say "hi"', "a\nb", "tab\there", "€ 4 mln", ""]),
    st.text(max_size=30),
    st.text(alphabet="ab ", min_size=200, max_size=400),
).filter(lambda s: "\x00" not in s)
ids = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
dates = st.one_of(
    st.sampled_from([datetime.date(2024, 2, 29), datetime.date(2000, 2, 29)]),
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2999, 12, 31)),
)
moneys = st.one_of(
    st.sampled_from([MAX_CENTS, -MAX_CENTS, 0, 1, -1]),
    st.integers(min_value=-MAX_CENTS, max_value=MAX_CENTS),
).map(Money.from_cents)


@st.composite
def periods(draw):
    a, b = draw(dates), draw(dates)
    return Period(min(a, b), max(a, b))


id_tuples = st.lists(ids, max_size=3).map(tuple)
provinces = st.builds(Province, code=ids, name=texts)
organisations = st.builds(Organisation, id=ids, name=texts, kind=st.sampled_from(OrganisationKind))
roms = st.builds(
    ROM,
    code=ids,
    name=texts,
    provinces=id_tuples,
    shareholders=st.lists(texts, max_size=3).map(tuple),
    source=st.none() | texts,
    note=st.none() | texts,
)
pillars = st.builds(Pillar, code=ids, title_nl=texts, title_en=texts, description=texts)
changes = st.builds(
    StatusChange,
    status=st.sampled_from(MotionStatus),
    on=st.none() | dates,
    document=st.none() | texts,
)
motions = st.builds(
    Motion,
    id=ids,
    kind=st.sampled_from(MotionKind),
    title=texts,
    submitter=texts,
    co_submitted=st.booleans(),
    submitted_on=dates,
    request=texts,
    history=st.lists(changes, max_size=4).map(tuple),
    amount=st.none() | moneys,
    kamerstuk=st.none() | texts,
    note=st.none() | texts,
)
funding_sources = st.builds(
    FundingSource,
    id=ids,
    name=texts,
    amount=moneys,
    kind=st.sampled_from(FundingKind),
    period=st.none() | periods(),
    origin=st.none() | ids,
    note=st.none() | texts,
)
activities = st.builds(
    Activity,
    id=ids,
    title=texts,
    scope=st.sampled_from(Scope),
    pillar=ids,
    roms=id_tuples,
    lead=ids,
    theme=texts,
    service=st.sampled_from(Service),
    period=periods(),
    complements=id_tuples,
)
allocations = st.builds(
    Allocation,
    id=ids,
    source=ids,
    amount=moneys,
    pillar=ids,
    activity=st.none() | ids,
    period=periods(),
)


def _few(items):
    return st.lists(items, max_size=3).map(tuple)


any_strategies = st.builds(
    Strategy,
    id=ids,
    title=texts,
    period=periods(),
    status=st.sampled_from(StrategyStatus),
    principals=_few(organisations),
    provinces=_few(provinces),
    roms=_few(roms),
    pillars=_few(pillars),
    motions=_few(motions),
    funding_sources=_few(funding_sources),
    activities=_few(activities),
    allocations=_few(allocations),
    settles=id_tuples,
    source=st.none() | texts,
)
"""Strategies with every field type exercised; they need not pass the rules."""
