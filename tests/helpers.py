"""Shared builders and helpers for the tests; each is defined here once.

Hypothesis generators of well-typed domain objects (not necessarily rule-abiding),
then small objects for the rules tests and a complete plan that follows the letter,
the tables of data packages and workbooks, and ways to run code: the command in
process, and Python in a fresh interpreter. `tests/test_house.py` fails when a test
module defines a helper of the same name as another module.
"""

import datetime
import json
import os
import pathlib
import re
import subprocess
import sys
import textwrap
from decimal import ROUND_HALF_EVEN, Decimal

import attrs
from click.testing import CliRunner
from hypothesis import strategies as st

from romstrategy import (
    ROM,
    Activity,
    Allocation,
    Appraisal,
    DecisionMethod,
    FundingKind,
    FundingSource,
    KamerstukRef,
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
    Transaction,
    TransactionKind,
    YearAmount,
    dumps,
    load,
    reference,
)
from romstrategy.cli import main
from romstrategy.rules import validate

MAX_EUROS = 10**12  # one amount is at most ±10^12 euros (docs/limits.md)
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
    how=st.none() | st.sampled_from(DecisionMethod),
)
# The cabinet's appraisal: a known one, by member or by its text, other text, or none.
appraisals = st.one_of(
    st.none(),
    st.sampled_from(Appraisal),
    st.sampled_from([member.value for member in Appraisal]),
    st.sampled_from(["ontraden", "Oordeel Kamer!", "a | b", "Fryslân\nnee"]),
    texts,
).filter(lambda text: not isinstance(text, str) or (text.strip() == text and text))
kamerstuk_refs = st.builds(
    KamerstukRef,
    dossier=st.sampled_from([1, 33009, 999_999_999]) | st.integers(1, 999_999_999),
    suffix=st.none()
    | st.sampled_from(["02", "20"])
    | st.from_regex(r"[A-Z0-9]{1,10}", fullmatch=True),
    number=st.integers(1, 999_999_999),
)
motions = st.builds(
    Motion,
    id=ids,
    kind=st.sampled_from(MotionKind),
    title=texts,
    submitter=texts,
    co_submitted=st.booleans(),
    co_submitters=st.lists(texts, max_size=3).map(tuple),
    submitted_on=dates,
    request=texts,
    history=st.lists(changes, max_size=4).map(tuple),
    amount=st.none() | moneys,
    kamerstuk=st.none() | kamerstuk_refs,
    appraisal=appraisals,
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
year_amounts = st.builds(YearAmount, year=st.integers(1, 9999), amount=moneys)
allocations = st.builds(
    Allocation,
    id=ids,
    source=ids,
    amount=moneys,
    pillar=ids,
    activity=st.none() | ids,
    period=periods(),
    schedule=st.lists(year_amounts, max_size=3).map(tuple),
)

transactions = st.builds(
    Transaction,
    id=ids,
    allocation=ids,
    kind=st.sampled_from(TransactionKind),
    amount=moneys,
    date=dates,
    description=texts,
    document=st.none() | texts,
)


def _few(items, size=3):
    """Tuples of at most `size` of `items`."""
    return st.lists(items, max_size=size).map(tuple)


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
    transactions=_few(transactions),
    settles=id_tuples,
    source=st.none() | texts,
)
"""Strategies with every field type exercised; they need not pass the rules."""


# === builders for the rules tests ===================================================

YEAR = Period.years(2024)
STRATEGY_PERIOD = Period.years(2024, 2027)


def activity(**changes):
    fields = {
        "id": "act-s",
        "title": "Energy transition together",
        "scope": Scope.SUPRA_REGIONAL,
        "pillar": "III",
        "roms": ("NOM", "OOST"),
        "lead": "NOM",
        "theme": "energy transition",
        "service": Service.ECOSYSTEM_DEVELOPMENT,
        "period": YEAR,
    }
    return Activity(**(fields | changes))


def regional(**changes):
    fields = {"id": "act-r", "scope": Scope.REGIONAL, "roms": ("NOM",), "lead": "NOM"}
    return activity(**(fields | changes))


def allocation(**changes):
    fields = {
        "id": "al-1",
        "source": "fund",
        "amount": Money("100.00"),
        "pillar": "I",
        "period": YEAR,
    }
    return Allocation(**(fields | changes))


def source(**changes):
    fields = {
        "id": "fund",
        "name": "Fund",
        "amount": Money("100.00"),
        "kind": FundingKind.INCIDENTAL,
    }
    return FundingSource(**(fields | changes))


def step(status, on=None, document=None):
    return StatusChange(status=status, on=on, document=document)


def motion(*history, **changes):
    fields = {
        "id": "m-1",
        "kind": MotionKind.MOTION,
        "title": "Motie",
        "submitter": "X",
        "submitted_on": "2023-07-06",
        "request": "Do it.",
        "history": history,
    }
    return Motion(**(fields | changes))


SUBMITTED = MotionStatus.SUBMITTED
ADOPTED = MotionStatus.ADOPTED
REJECTED = MotionStatus.REJECTED
WITHDRAWN = MotionStatus.WITHDRAWN
HELD = MotionStatus.HELD
IN_PROGRESS = MotionStatus.IN_PROGRESS
SETTLED = MotionStatus.SETTLED
LAPSED = MotionStatus.LAPSED


def plan(**changes):
    """A final strategy that follows the letter: the reference data plus a full split.

    The split of the EUR 4 million over the pillars is illustrative: the
    letter does not publish one.
    """
    thirds = Money(4_000_000).allocate([1, 1, 1])
    activities = (
        regional(id="nom-energy", theme="Energy transition"),
        regional(id="oost-energy", roms=("OOST",), lead="OOST", period=Period.years(2024, 2025)),
        activity(
            id="energy-together",
            theme=" Energy  transition",
            period=Period.years(2024, 2025),
            complements=("nom-energy", "oost-energy"),
        ),
        activity(
            id="rijk-regio",
            pillar="I",
            roms=("UTR", "INWEST", "IQ"),
            lead="IQ",
            theme="national policy",
            service=Service.POLICY_COORDINATION,
            period=Period.years(2024, 2027),
        ),
    )
    allocations = (
        allocation(
            id="al-1",
            source="van-strien-funds",
            amount=thirds[0],
            pillar="I",
            activity="rijk-regio",
            period=Period.years(2024, 2027),
        ),
        allocation(
            id="al-2",
            source="van-strien-funds",
            amount=thirds[1],
            pillar="II",
            period=Period.years(2024, 2025),
        ),
        allocation(
            id="al-3",
            source="van-strien-funds",
            amount=thirds[2],
            pillar="III",
            activity="energy-together",
            period=Period("2024-07-01", "2025-12-31"),
        ),
    )
    fields = {
        "status": StrategyStatus.FINAL,
        "activities": activities,
        "allocations": allocations,
    }
    return attrs.evolve(reference.strategy_2024(), **(fields | changes))


def transaction(**changes):
    """A commitment of EUR 10.00 on al-1, dated 1 March 2024, unless changed."""
    fields = {
        "id": "t-1",
        "allocation": "al-1",
        "kind": TransactionKind.COMMITMENT,
        "amount": Money("10.00"),
        "date": "2024-03-01",
    }
    return Transaction(**(fields | changes))


def _money(amount):
    return amount if isinstance(amount, Money) else Money(amount)


def commit(name, amount, on, **changes):
    """A commitment (verplichting) `name` of `amount` (Money or euros as a str), dated `on`."""
    return transaction(id=name, amount=_money(amount), date=on, **changes)


def pay(name, amount, on, **changes):
    """An expenditure (uitgave) `name` of `amount` (Money or euros as a str), dated `on`."""
    kind = TransactionKind.EXPENDITURE
    return transaction(id=name, kind=kind, amount=_money(amount), date=on, **changes)


def small(**changes):
    """A small final strategy: the reference parties, one fund of EUR 100.00, no work."""
    fields = {
        "status": StrategyStatus.FINAL,
        "funding_sources": (source(),),
        "allocations": (allocation(),),
        "motions": (),
        "settles": (),
    }
    return attrs.evolve(reference.strategy_2024(), **(fields | changes))


def only(strategy, code, **kwargs):
    """The findings of one rule."""
    return validate(strategy, select=[code], **kwargs).findings


def the_one(strategy, code):
    """The single finding of one rule; fails when there is not exactly one."""
    findings = only(strategy, code)
    assert len(findings) == 1, findings
    return findings[0]


# Hypothesis: messy strategies that break rules often, from a small vocabulary of ids.

_ROM_CODES = ("NOM", "OOST", "UTR", "LIOF", "XX", "joint")  # a code may be a group's name
_PROVINCE_CODES = ("NL-GR", "NL-GE", "NL-UT", "NL-LI", "NL-ZE")
_IDS = ("a", "b", "c", "d")
_PILLARS = ("I", "II", "III", "IV", "total")


def _period():
    return st.builds(
        lambda start, length: Period(
            YEAR.start.add(days=start), YEAR.start.add(days=start + length)
        ),
        st.integers(min_value=-400, max_value=1800),
        st.integers(min_value=0, max_value=500),
    )


def messy_strategies():
    """Strategies of well-typed parts with colliding ids: many rules fire.

    Their transactions share a few ids and days, go on allocations that may
    not exist or exist twice, and cross amounts, periods and zero: every
    realisation rule (RS5xx) fires in some.
    """
    ids = st.sampled_from(_IDS)
    roms = st.sampled_from(_ROM_CODES)
    activities = st.builds(
        activity,
        id=ids,
        scope=st.sampled_from(Scope),
        pillar=st.sampled_from(_PILLARS),
        roms=_few(roms, 3),
        lead=roms,
        theme=st.sampled_from(("energy", " Energy", "food")),
        service=st.sampled_from((Service.FINANCING, Service.KNOWLEDGE_SHARING)),
        period=_period(),
        complements=_few(ids, 2),
    )
    allocations = st.builds(
        allocation,
        id=ids,
        source=st.sampled_from(("fund", "extra", "ghost")),
        amount=st.integers(min_value=-500, max_value=20_000).map(Money.from_cents),
        pillar=st.sampled_from(_PILLARS),
        activity=st.none() | ids,
        period=_period(),
        schedule=_few(
            st.builds(
                YearAmount,
                year=st.integers(2023, 2028),
                amount=st.integers(min_value=-500, max_value=20_000).map(Money.from_cents),
            ),
            2,
        ),
    )
    sources = st.builds(
        source,
        id=st.sampled_from(("fund", "extra")),
        amount=st.integers(min_value=0, max_value=50_000).map(Money.from_cents),
        period=st.none() | _period(),
        origin=st.none() | ids,
    )
    steps = st.builds(
        StatusChange,
        status=st.sampled_from(MotionStatus),
        on=st.none()
        | st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2026, 12, 31)),
        document=st.none() | st.just("letter"),
        how=st.none() | st.sampled_from(DecisionMethod),
    )
    motions = st.builds(
        lambda name, kind, history, appraisal: motion(
            *history, id=name, kind=kind, appraisal=appraisal
        ),
        ids,
        st.sampled_from(MotionKind),
        _few(steps, 4),
        st.none() | st.sampled_from(Appraisal) | st.just("Iets anders"),
    )
    transactions = st.builds(
        lambda name, on, kind, cents, day: Transaction(
            id=name,
            allocation=on,
            kind=kind,
            amount=Money.from_cents(cents),
            date=YEAR.start.add(days=day),
        ),
        st.sampled_from(("t1", "t2", "t3", "t4", "t5")),
        st.sampled_from((*_IDS, "ghost")),
        st.sampled_from(TransactionKind),
        st.integers(min_value=-3_000, max_value=12_000) | st.just(0),
        st.integers(min_value=-400, max_value=1800) | st.integers(min_value=0, max_value=3),
    )
    rom_objects = st.builds(
        lambda code, provinces: ROM(code=code, name=code, provinces=provinces),
        roms,
        _few(st.sampled_from(_PROVINCE_CODES), 2),
    )
    return st.builds(
        lambda **parts: attrs.evolve(reference.strategy_2024(), **parts),
        status=st.sampled_from(StrategyStatus),
        provinces=_few(st.sampled_from(reference.PROVINCES), 5),
        roms=_few(rom_objects, 5),
        pillars=_few(
            st.sampled_from(
                [Pillar(code=c, title_nl=c, title_en=c, description=c) for c in _PILLARS[:3]]
            ),
            3,
        ),
        motions=_few(motions, 3),
        funding_sources=_few(sources, 2),
        activities=_few(activities, 6),
        allocations=_few(allocations, 6),
        transactions=_few(transactions, 10),
        settles=_few(ids, 3),
    )


def shuffled(strategy, rnd):
    """The same strategy with every unordered tuple in another order."""

    def mix(items):
        items = list(items)
        rnd.shuffle(items)
        return tuple(items)

    return attrs.evolve(
        strategy,
        principals=mix(strategy.principals),
        provinces=mix(strategy.provinces),
        roms=mix(attrs.evolve(r, provinces=mix(r.provinces)) for r in strategy.roms),
        pillars=mix(strategy.pillars),
        motions=mix(strategy.motions),
        funding_sources=mix(strategy.funding_sources),
        activities=mix(
            attrs.evolve(a, roms=mix(a.roms), complements=mix(a.complements))
            for a in strategy.activities
        ),
        allocations=mix(strategy.allocations),
        transactions=mix(strategy.transactions),
        settles=mix(strategy.settles),
    )


def exactly(message: str) -> str:
    """A `pytest.raises(match=...)` pattern that matches `message` and nothing more."""
    return rf"\A{re.escape(message)}\Z"


# === the tables of data packages and workbooks =======================================

TABLES = [
    "strategy",
    "principals",
    "provinces",
    "roms",
    "pillars",
    "motions",
    "motion_history",
    "funding_sources",
    "activities",
    "allocations",
    "allocation_schedule",
    "transactions",
]
"""The layout's tables: files of a data package, sheets of a workbook, in order."""


def illustrative():
    """The illustrative plan of `examples/`, with transactions."""
    return load(pathlib.Path(__file__).parent.parent / "examples" / "illustrative_plan.toml")


def cannot_be_a_table(strategy):
    """Why the layout refuses a strategy: values an empty cell or a `;` would change."""
    found = []

    def walk(value):
        if isinstance(value, tuple):
            for item in value:
                walk(item)
        elif attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                item = getattr(value, field.name)
                kind = field.metadata.get("kind")
                if kind is None:  # money, a period: no text in them
                    continue
                if kind.optional and item == "":
                    found.append(field.name)
                if kind.many and kind.type is str and any(x == "" or ";" in x for x in item):
                    found.append(field.name)
                walk(item)

    walk(strategy)
    ids = [motion.id for motion in strategy.motions]
    if any(motion.history and ids.count(motion.id) > 1 for motion in strategy.motions):
        found.append("history")
    return found


def written_with(path, strategy, edit):
    """`strategy` written to `path` as JSON after `edit(tree)` changed its tree in place:
    a document holding values, such as an id with an escape in it, that no constructor takes."""
    tree = json.loads(dumps(strategy, "json"))
    edit(tree)
    path.write_text(json.dumps(tree), encoding="utf-8")
    return path


def exact_share(part, whole):
    """`part / whole` (numbers or their text) rounded half to even to 4 decimals, as text.

    `None` when `whole` is zero: the oracle of the shares that CSV and JSON write.
    """
    if Decimal(whole) == 0:
        return None
    share = Decimal(part) / Decimal(whole)  # 28 digits: far more than 4 decimals need
    return str(share.quantize(Decimal("0.0001"), ROUND_HALF_EVEN))


# === running code =====================================================================


def run(*args, env=None):
    """The `romstrategy` command run in process with `args` (made text); errors propagate."""
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def printed(*args):
    """What the `romstrategy` command prints on standard output; it must exit 0 or 1."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def python(code, timeout=60, input=None):
    """Run `code` in a fresh interpreter; a hang fails the test instead of the suite."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input,
    )


# Run before `code` when we are root: drop CAP_DAC_OVERRIDE (1) and CAP_DAC_READ_SEARCH (2)
# from the bounding set (prctl PR_CAPBSET_DROP, 24), then exec, so the new interpreter holds
# neither and file modes bind it as they bind any user.
_WITHOUT_OVERRIDES = """
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
for capability in (1, 2):
    if libc.prctl(24, capability, 0, 0, 0) != 0:
        sys.exit(f"cannot drop capability {capability}: {os.strerror(ctypes.get_errno())}")
os.execv(sys.executable, [sys.executable, "-c", sys.argv[1]])
"""


def python_bound_by_permissions(code, timeout=60):
    """Run `code` in a fresh interpreter that file modes stop even when the tests run as root,
    so a test of a real chmod runs everywhere instead of skipping."""
    if os.geteuid() != 0:
        return python(code, timeout)
    return subprocess.run(
        [sys.executable, "-c", _WITHOUT_OVERRIDES, textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_no_control(text):
    """Fail when `text` holds a character that would drive a terminal (ESC, BEL, CSI, RLO)."""
    assert not any(ch in text for ch in "\x1b\x07\x9b\u202e"), repr(text)


def cost_of(code, timeout=120):
    """The CPU seconds and peak memory (bytes) of `code` in a fresh interpreter, and what it
    printed; CPU time, not wall time, so that a loaded machine does not fail the test."""
    import resource

    # The peak is the child's own VmHWM: Linux carries a vforking parent's high-water mark
    # into the child's ru_maxrss at exec, so a big pytest worker would count as the child.
    script = textwrap.dedent(code) + textwrap.dedent(
        """
        import pathlib as _p, resource as _r, sys as _s
        _u = _r.getrusage(_r.RUSAGE_SELF)
        _status = _p.Path("/proc/self/status")
        _hwm = [l.split()[1] for l in _status.read_text().splitlines() if l.startswith("VmHWM")]
        _peak = int(_hwm[0]) if _hwm else _u.ru_maxrss  # KiB either way
        print(f"cost {_u.ru_utime + _u.ru_stime} {_peak * 1024}", file=_s.stderr)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr
    _, cpu, peak = done.stderr.strip().splitlines()[-1].split()
    del resource
    return float(cpu), int(peak), done.stdout
