"""None"""

import datetime
import html.parser
import json
import os
import shutil
import subprocess
import sys
import textwrap
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import Allocation, Money, Period, reports
from romstrategy.reports import JOINT, UNASSIGNED, overview

EXAMPLES = Path(__file__).parent.parent / "examples"
GOLDEN = Path(__file__).parent / "golden"
PLAN = rs.load(EXAMPLES / "illustrative_plan.toml")


@pytest.mark.parametrize(("lang", "fmt"), [("en", "md"), ("nl", "md"), ("en", "json")])
def test_golden_report_of_the_illustrative_plan(lang, fmt):
    # To accept a deliberate change: ROMSTRATEGY_UPDATE_GOLDEN=1 pytest tests/test_reports.py
    golden = GOLDEN / f"illustrative_plan.{lang}.{fmt}"
    text = reports.render(PLAN, fmt, lang)
    if os.environ.get("ROMSTRATEGY_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_pillars_carry_amounts_and_shares():
    o = overview(PLAN)
    assert [(line.key, line.amount, line.share) for line in o.pillars] == [
        ("I", Money(1_200_000), Fraction(3, 10)),
        ("II", Money(1_200_000), Fraction(3, 10)),
        ("III", Money(1_600_000), Fraction(2, 5)),
    ]
    assert o.allocated == Money(4_000_000)


def test_years_spread_by_days_and_add_up_exactly():
    o = overview(PLAN)
    assert sum((line.amount for line in o.years), Money.zero()) == Money(4_000_000)
    assert [line.key for line in o.years] == ["2024", "2025", "2026", "2027"]


def test_one_allocation_over_two_years_splits_by_days():
    one = Allocation(
        id="a",
        source="van-strien-funds",
        amount=Money("366.00"),
        pillar="I",
        period=Period("2024-07-01", "2025-06-30"),
    )
    strategy = attrs.evolve(rs.reference.strategy_2024(), allocations=(one,))
    years = {line.key: line.amount for line in overview(strategy).years}
    # 184 days in 2024 (Jul-Dec), 181 in 2025 (Jan-Jun): 366 * 184/365 = 184.50...
    assert years == {"2024": Money("184.50"), "2025": Money("181.50")}


def test_per_rom_counts_joint_once_and_unassigned():
    o = overview(PLAN)
    assert {line.key: line.amount for line in o.roms} == {
        JOINT: Money(3_800_000),
        UNASSIGNED: Money(200_000),
    }
    regional = attrs.evolve(
        PLAN.allocations[0], id="al-r", activity="reg-nom-energy", amount=Money(5)
    )
    plan = attrs.evolve(PLAN, allocations=(*PLAN.allocations, regional))
    assert [line.key for line in overview(plan).roms] == ["NOM", JOINT, UNASSIGNED]


def test_links_sources_and_motions():
    o = overview(PLAN)
    assert ("supra-energy", "reg-nom-energy") in o.links
    assert len(o.links) == 3
    (source,) = o.sources
    assert (source.allocated, source.unallocated) == (Money(4_000_000), Money(0))
    settled = {m.motion.id: (m.settled_here, m.settled_by) for m in o.motions}
    assert settled["koekoek-2024"] == (True, rs.reference.LETTER)
    assert settled["van-strien-2023"] == (False, None)


@given(
    st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=12),
    st.integers(min_value=0, max_value=2000),
)
def test_years_always_add_up_to_the_allocations(amounts, offset):
    start = Period.years(2024).start.add(days=offset)
    allocations = tuple(
        Allocation(
            id=f"a{i}",
            source="van-strien-funds",
            amount=Money.from_cents(c),
            pillar="I",
            period=Period(start, start.add(days=i * 97)),
        )
        for i, c in enumerate(amounts)
    )
    strategy = attrs.evolve(rs.reference.strategy_2024(), allocations=allocations)
    o = overview(strategy)
    assert sum(line.amount.cents for line in o.years) == sum(amounts)
    assert sum(line.amount.cents for line in o.pillars) == sum(amounts)


class _Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.urls = []

    def handle_starttag(self, tag, attrs_):
        self.tags.append(tag)
        self.urls += [v for k, v in attrs_ if k in {"src", "href"} and v]


def test_html_is_self_contained_with_two_charts():
    page = reports.render(PLAN, "html", "nl")
    parser = _Collector()
    parser.feed(page)
    assert parser.tags.count("svg") == 2
    assert "link" not in parser.tags
    assert "script" not in parser.tags
    assert parser.urls == []
    assert "€ 1.600.000,00" in page
    assert '<html lang="nl">' in page


def test_bad_format_and_language_are_refused():
    with pytest.raises(ValueError, match="format 'pdf'"):
        reports.render(PLAN, "pdf")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="lang 'de'"):
        reports.render(PLAN, "md", "de")  # type: ignore[arg-type]


CHROMIUM = shutil.which("chromium")


@pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium (Debian package chromium) is absent"
)
def test_html_renders_in_headless_chromium(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(reports.render(PLAN, "html", "en"), encoding="utf-8")
    shot = tmp_path / "report.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
    subprocess.run(
        [CHROMIUM, *flags, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1100,1600",
         f"--screenshot={shot}", page.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a blank page is a few kB; the charts and tables make it larger


def test_notebook_reprs_and_records():
    report_html = rs.validate(rs.reference.strategy_2024())._repr_html_()
    assert "RS102" in report_html
    assert "<caption>1 finding (0 errors, 1 warning, 0 info)</caption>" in report_html
    assert "<table>" in PLAN._repr_html_()
    assert "illustrative-plan" in PLAN._repr_html_()
    records = rs.to_records(PLAN)
    assert set(records) == {
        "principals",
        "provinces",
        "roms",
        "pillars",
        "motions",
        "funding_sources",
        "activities",
        "allocations",
    }
    first = records["allocations"][0]
    assert first["amount"] == Money(1_200_000).amount
    assert first["period_start"] == PLAN.allocations[0].period.start
    assert json.dumps(records["activities"][0]["roms"])


def test_to_frames_gives_dataframes():
    pandas = pytest.importorskip("pandas")
    frames = rs.to_frames(PLAN)
    assert isinstance(frames["allocations"], pandas.DataFrame)
    assert list(frames["allocations"]["id"]) == [a.id for a in PLAN.allocations]
    assert frames["allocations"]["amount"].sum() == Money(4_000_000).amount


def test_to_frames_names_the_extra_when_pandas_is_missing(monkeypatch):
    import importlib

    real = importlib.import_module

    def without_pandas(name, *args):
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", without_pandas)
    with pytest.raises(ImportError, match=r"romstrategy\[pandas\]"):
        rs.to_frames(PLAN)


# --- per-year figures: the fast spread against the plain one -------------------------------


def plain_per_year(allocations, window):
    """Each allocation split over its years one by one, as `Money.allocate` splits it."""
    totals = {}
    for allocation in allocations:
        spent, parts = allocation.period, []
        if spent.start < window.start:
            last = min(spent.end, window.start.subtract(days=1))
            parts.append((f"before {window.start}", (last - spent.start).days + 1))
        inside = spent.intersection(window)
        if inside is not None:
            parts += [(str(year), part.days) for year, part in inside.by_year()]
        if spent.end > window.end:
            first = max(spent.start, window.end.add(days=1))
            parts.append((f"after {window.end}", (spent.end - first).days + 1))
        for (key, _), amount in zip(
            parts, allocation.amount.allocate([days for _, days in parts]), strict=True
        ):
            totals[key] = totals.get(key, 0) + amount.cents
    return totals


@st.composite
def spans(draw, first=1990, last=2060):
    start = draw(st.dates(datetime.date(first, 1, 1), datetime.date(last, 12, 31)))
    end = draw(st.dates(start, datetime.date(last, 12, 31)))
    return Period(start, end)


@given(
    spans(2000, 2040),
    st.lists(
        st.tuples(spans(), st.integers(-(10**14), 10**14) | st.sampled_from([0, 1, -1, 365])),
        max_size=5,
    ),
)
def test_years_spread_exactly_as_allocating_each_year_one_by_one(window, drawn):
    allocations = tuple(
        Allocation(
            id=f"a{i}", source="s", amount=Money.from_cents(cents), pillar="I", period=period
        )
        for i, (period, cents) in enumerate(drawn)
    )
    strategy = attrs.evolve(rs.reference.strategy_2024(), period=window, allocations=allocations)
    years = {line.key: line.amount.cents for line in overview(strategy).years}
    assert years == plain_per_year(allocations, window)
    assert sum(years.values()) == sum(cents for _, cents in drawn)


# === hostile input ========================================================================
PLAN_hostile = EXAMPLES / "illustrative_plan.toml"


def python(code, timeout=60, input=None):
    """Run `code` in a fresh interpreter; a hang fails the test instead of the suite."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input,
    )


# --- totals beyond the range of one amount ------------------------------------------------


def test_every_sum_beyond_one_amount_is_shown_and_nothing_raises(overflowing):
    strategy, _ = overflowing
    assert rs.validate(strategy).codes == ("RS101",)
    assert "allocated EUR 2,000,000,000,000.00, unallocated EUR -1,000,000,000,000.00" in (
        rs.summary(strategy)
    )
    assert "2000000000000.00 allocated" in strategy._repr_html_().replace(
        "EUR 2000000000000.00 of", "2000000000000.00 allocated"
    )
    for fmt in ("md", "html", "json"):
        assert "2.000.000.000.000,00" in reports.render(strategy, fmt, "nl")
    changes = reports.diff(rs.reference.strategy_2024(), strategy)
    assert {m.key: m.delta for m in changes.pillars}["I"] == Money.from_cents(2 * 10**14)


# --- periods of thousands of years --------------------------------------------------------


def allocation(period, cents=100_000, id="a"):
    return rs.Allocation(
        id=id, source="van-strien-funds", amount=Money.from_cents(cents), pillar="I", period=period
    )


def test_per_year_figures_follow_the_strategys_years_not_the_allocations():
    wide = allocation(Period("0001-01-01", "9999-12-31"))
    strategy = attrs.evolve(rs.reference.strategy_2024(), allocations=(wide,))
    years = {line.key: line.amount for line in reports.overview(strategy).years}
    assert list(years) == [
        "before 2024-01-01", "2024", "2025", "2026", "2027", "after 2027-12-31",
    ]  # fmt: skip
    assert sum(years.values(), Money.zero()) == Money.from_cents(100_000)
    titles = {line.key: line.title("nl") for line in reports.overview(strategy).years}
    assert titles["before 2024-01-01"] == "vóór 2024-01-01"
    assert titles["after 2027-12-31"] == "na 2027-12-31"


def test_a_strategy_of_ten_thousand_years_reports_at_once():
    result = python(
        """
        import attrs, romstrategy as rs
        from romstrategy import reports
        wide = rs.Period("0001-01-01", "9999-12-31")
        allocations = tuple(
            rs.Allocation(id=f"a{i}", source="van-strien-funds", amount=rs.Money(1000 + i),
                          pillar="I", period=wide)
            for i in range(1000)
        )
        s = attrs.evolve(rs.reference.strategy_2024(), period=wide, allocations=allocations)
        years = reports.overview(s).years
        print(len(years), sum(line.amount.cents for line in years))
        """,
        timeout=60,
    )
    assert result.stdout.split() == ["9999", str(sum(100 * (1000 + i) for i in range(1000)))]


# --- Markdown injection -------------------------------------------------------------------


def test_the_markdown_report_escapes_user_text():
    strategy = attrs.evolve(
        rs.load(PLAN_hostile),
        id="a`b``c",
        title="<script>alert(1)</script> *x* [l](http://e)\r# Injected | cell &copy;",
    )
    text = reports.render(strategy, "md")
    lines = text.splitlines()
    assert lines[0] == (
        "# &lt;script&gt;alert(1)&lt;/script&gt; \\*x\\* \\[l\\](http://e)\\\\r\\# Injected "
        "\\| cell &amp;copy;"
    ).replace("&gt;", ">")
    assert "- Overview: ```a`b``c```" in lines
    assert not any(line.startswith("# Injected") for line in lines)
    assert "<script" not in text
    assert "<img" not in text


def test_the_markdown_report_keeps_a_cell_whole():
    plan = rs.load(PLAN_hostile)
    first = attrs.evolve(plan.activities[0], title="a | b\nc <img src=x onerror=alert(1)>")
    text = reports.render(attrs.evolve(plan, activities=(first, *plan.activities[1:])), "md")
    row = next(line for line in text.splitlines() if line.startswith(f"| {first.id} "))
    assert row.count(" | ") == 6  # seven cells, as the header has
    assert "a \\| b\\\\nc &lt;img src=x onerror=alert(1)>" in row  # \\n shows as \n


@pytest.mark.parametrize(
    "call",
    [
        lambda: rs.dumps(None, "json"),
        lambda: rs.dumps(rs.reference.strategy_2024(), None),
        lambda: rs.loads("{}", None),
        lambda: rs.loads("{}", "json", max_bytes=1.5),
        lambda: rs.summary(None),
        lambda: reports.render(None),
        lambda: reports.overview(rs.reference.strategy_2024(), report=5),
        lambda: reports.diff(rs.reference.strategy_2024(), None),
        lambda: rs.to_records(None),
        lambda: Period.years(2024).overlaps(None),
        lambda: Period.years(2024).intersection("x"),
        lambda: Period.years("2024"),
    ],
)
def test_a_wrong_type_of_argument_is_a_type_error(call):
    with pytest.raises(TypeError):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: Period.years(10**100),
        lambda: Period.years(0),
        lambda: rs.loads("{}", "json", max_bytes=-1),
        lambda: reports.diff(rs.reference.strategy_2024(), rs.reference.strategy_2024()).to_text(
            "x"
        ),
    ],
)
def test_a_value_out_of_range_is_a_value_error(call):
    with pytest.raises(ValueError, match=r"\A.{0,200}\Z"):
        call()


def test_a_code_span_keeps_the_spaces_of_an_id():
    strategy = attrs.evolve(rs.reference.strategy_2024(), id=" a ")
    assert "- Overview: `  a  `" in reports.render(strategy, "md").splitlines()


# === shares and bars, through the rendered reports ============================================


def _two_pillars_of_one_and_two_euros():
    strategy = rs.reference.strategy_2024()
    source = attrs.evolve(strategy.funding_sources[0], amount=Money("3.00"))
    pillars = (
        rs.Pillar(code="I", title_nl="a & b <x>", title_en="a & b <x>", description=""),
        rs.Pillar(code="II", title_nl="c", title_en="c", description=""),
    )
    allocations = tuple(
        rs.Allocation(
            id=f"al-{code}", source=source.id, amount=Money(amount), pillar=code,
            period=rs.Period.years(2024),
        )
        for code, amount in (("I", "2.00"), ("II", "1.00"))
    )  # fmt: skip
    return attrs.evolve(
        strategy, funding_sources=(source,), pillars=pillars, allocations=allocations,
        motions=(), settles=(),
    )  # fmt: skip


def test_shares_are_percentages_with_one_decimal_in_each_language():
    strategy = _two_pillars_of_one_and_two_euros()
    dutch = reports.render(strategy, "md", "nl")
    english = reports.render(strategy, "md", "en")
    assert "| € 2,00 | 66,7% |" in dutch
    assert "| € 1,00 | 33,3% |" in dutch
    assert "| 66.7% |" in english
    assert "| 33.3% |" in english


def test_the_bars_scale_to_the_largest_and_the_labels_are_escaped():
    page = reports.render(_two_pillars_of_one_and_two_euros(), "html", "en")
    assert 'width="250" height="20" class="bar"' in page  # the largest fills the 250px track
    assert 'width="125" height="20" class="bar"' in page  # half of it
    assert "a &amp; b &lt;x&gt;" in page
    assert "a & b <x>" not in page
