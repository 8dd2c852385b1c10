import datetime
import html.parser
import json
import os
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import Allocation, Money, Period, reports
from romstrategy._model._vocabulary import percent
from romstrategy._reports._svg import bar_chart
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


def test_percent_formats_per_language():
    assert percent(Fraction(1, 3), "en") == "33.3%"
    assert percent(Fraction(1, 3), "nl") == "33,3%"
    assert percent(Fraction(-1, 8), "en") == "-12.5%"
    assert percent(None, "nl") == "-"


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


def test_bar_chart_scales_to_the_largest_and_escapes_labels():
    svg = bar_chart(
        "Money <per> pillar", [("a & b", 100, "€1"), ("c", 50, "€0.50"), ("d", -5, "-€0.05")]
    )
    assert "Money &lt;per&gt; pillar" in svg
    assert "a &amp; b" in svg
    assert svg.count('class="bar"') == 3
    assert 'width="250" height="20" class="bar"' in svg  # the largest fills the 250px track
    assert 'width="125" height="20" class="bar"' in svg  # half of it
    assert 'width="0" height="20" class="bar"' in svg  # negative: empty


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
