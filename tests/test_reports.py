"""The overview report (*rapportage*) in Markdown, HTML, JSON and notebook tables.

The golden reports of the illustrative plan, amounts and shares per pillar, per ROM
and per calendar year that add up to the cent, charts, the realisation section
(committed and spent against the plan, as of a day) and the diff of two strategies,
transactions included. User text is escaped in every format, and totals beyond one
amount or periods of thousands of years are reported without raising.
"""

import datetime
import html.parser
import json
import os
import re
from fractions import Fraction
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import Allocation, Money, Period, YearAmount, reports, testing
from romstrategy.reports import JOINT, UNASSIGNED, Group, overview
from tests.helpers import python

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


def test_years_come_from_the_schedules_and_the_rest_is_not_scheduled():
    o = overview(PLAN)
    assert {line.key: line.amount for line in o.years} == {
        "2024": Money(1_700_000),
        "2025": Money(800_000),
        "2026": Money(500_000),
        "2027": Money(0),
        Group.NOT_SCHEDULED: Money(1_000_000),  # al-2 and al-5 have no schedule
    }
    assert sum((line.amount for line in o.years), Money.zero()) == o.allocated


def test_an_allocation_without_a_schedule_is_never_spread_over_its_years():
    one = Allocation(
        id="a",
        source="van-strien-funds",
        amount=Money("366.00"),
        pillar="I",
        period=Period("2024-07-01", "2025-06-30"),
    )
    strategy = attrs.evolve(rs.reference.strategy_2024(), allocations=(one,))
    years = {line.key: line.amount for line in overview(strategy).years}
    assert years == {
        **dict.fromkeys(("2024", "2025", "2026", "2027"), Money(0)),
        Group.NOT_SCHEDULED: Money("366.00"),
    }
    planned = attrs.evolve(
        one,
        schedule=(
            YearAmount(year=2024, amount=Money("100.00")),
            YearAmount(year=2025, amount=Money("266.00")),
        ),
    )
    strategy = attrs.evolve(strategy, allocations=(planned,))
    years = {line.key: line.amount for line in overview(strategy).years}
    assert years == {"2024": Money(100), "2025": Money(266), "2026": Money(0), "2027": Money(0)}


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


@st.composite
def scheduled_allocations(draw):
    """Allocations over 2023-2029, some with a schedule that may not add up (RS106)."""
    allocations = []
    for i in range(draw(st.integers(0, 6))):
        cents = draw(st.integers(-(10**6), 10**9))
        lines = draw(
            st.lists(st.tuples(st.integers(2023, 2029), st.integers(-(10**6), 10**9)), max_size=4)
        )
        schedule = tuple(YearAmount(year=y, amount=Money.from_cents(c)) for y, c in lines)
        allocations.append(
            Allocation(
                id=f"a{i}",
                source="van-strien-funds",
                amount=Money.from_cents(cents),
                pillar="I",
                period=Period("2023-01-01", "2029-12-31"),
                schedule=schedule,
            )
        )
    return tuple(allocations)


@given(scheduled_allocations())
def test_years_are_the_schedules_exactly_and_always_add_up_to_the_allocations(allocations):
    strategy = attrs.evolve(rs.reference.strategy_2024(), allocations=allocations)
    years = {line.key: line.amount.cents for line in overview(strategy).years}
    expected = dict.fromkeys(("2024", "2025", "2026", "2027"), 0)
    rest = 0
    for allocation in allocations:
        for line in allocation.schedule:
            expected[str(line.year)] = expected.get(str(line.year), 0) + line.amount.cents
        rest += allocation.amount.cents - sum(line.amount.cents for line in allocation.schedule)
    unscheduled = any(
        a.amount.cents != sum(x.amount.cents for x in a.schedule) for a in allocations
    )
    if unscheduled or any(not a.schedule for a in allocations):
        expected[Group.NOT_SCHEDULED] = rest
    assert years == expected
    assert sum(years.values()) == sum(a.amount.cents for a in allocations)
    assert list(years)[-1:] == [Group.NOT_SCHEDULED] or Group.NOT_SCHEDULED not in years


class _Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.urls = []

    def handle_starttag(self, tag, attrs_):
        self.tags.append(tag)
        self.urls += [v for k, v in attrs_ if k in {"src", "href"} and v]


def test_html_is_self_contained_with_three_charts():
    page = reports.render(PLAN, "html", "nl")
    parser = _Collector()
    parser.feed(page)
    assert parser.tags.count("svg") == 3  # per pillar, per year, and the realisation
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
        "transactions",
    }
    first = records["allocations"][0]
    assert first["amount"] == Money(1_200_000).amount
    assert first["period_start"] == PLAN.allocations[0].period.start
    assert json.dumps(records["activities"][0]["roms"])


# === hostile input ========================================================================
PLAN_hostile = EXAMPLES / "illustrative_plan.toml"


# --- totals beyond the range of one amount ------------------------------------------------


def test_every_sum_beyond_one_amount_is_shown_and_nothing_raises(overflowing):
    strategy, _ = overflowing
    assert rs.validate(strategy).codes == ("RS101",)
    assert "allocated EUR 2,000,000,000,000.00, unallocated EUR -1,000,000,000,000.00" in (
        rs.summary(strategy)
    )
    assert "EUR 2,000,000,000,000.00 of EUR 1,000,000,000,000.00 allocated" in (
        strategy._repr_html_()
    )
    for fmt in ("md", "html", "json"):
        assert "2.000.000.000.000,00" in reports.render(strategy, fmt, "nl")
    changes = reports.diff(rs.reference.strategy_2024(), strategy)
    assert {m.key: m.delta for m in changes.pillars}["I"] == Money.from_cents(2 * 10**14)


# --- periods of thousands of years --------------------------------------------------------


def test_per_year_figures_follow_the_strategys_years_not_the_allocations():
    wide = rs.Allocation(
        id="a",
        source="van-strien-funds",
        amount=Money.from_cents(100_000),
        pillar="I",
        period=Period("0001-01-01", "9999-12-31"),
    )
    strategy = attrs.evolve(rs.reference.strategy_2024(), allocations=(wide,))
    years = {line.key: line.amount for line in reports.overview(strategy).years}
    assert list(years) == ["2024", "2025", "2026", "2027", Group.NOT_SCHEDULED]
    assert years[Group.NOT_SCHEDULED] == Money.from_cents(100_000)
    titles = {line.key: line.title("nl") for line in reports.overview(strategy).years}
    assert titles[Group.NOT_SCHEDULED] == "niet ingepland"


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
    # every year of the strategy's period, and the allocations' money once, not scheduled
    assert result.stdout.split() == ["10000", str(sum(100 * (1000 + i) for i in range(1000)))]


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
    strategy = attrs.evolve(rs.reference.strategy_2024(), id="a  b")  # no space at either end
    assert "- Overview: `a  b`" in reports.render(strategy, "md").splitlines()


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


# === realisation: committed and spent against the plan ======================================

BARE = attrs.evolve(PLAN, transactions=())
"""The illustrative plan without its transactions."""


def _section(text, heading):
    """The lines of a Markdown section, from its `## ` heading to the next one."""
    lines = text.splitlines()
    start = lines.index(heading)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[start:end]


REALISATION_EN = """\
## Realisation

As of: all transactions

2025: EUR 680,000.00 spent, EUR 330,000.00 more than committed in that year.

### Realisation per pillar

| Pillar | Allocated | Committed | Spent | Open commitments | Uncommitted |
|---|---|---|---|---|---|
| I A better link between national government and the regions | EUR 1,200,000.00 | EUR 1,000,000.00 | EUR 400,000.00 | EUR 600,000.00 | EUR 200,000.00 |
| II Strengthening the base | EUR 1,200,000.00 | EUR 650,000.00 | EUR 425,000.50 | EUR 224,999.50 | EUR 550,000.00 |
| III Thematic work on relevant transitions and societal challenges | EUR 1,600,000.00 | EUR 700,000.00 | EUR 200,000.00 | EUR 500,000.00 | EUR 900,000.00 |
| Total | EUR 4,000,000.00 | EUR 2,350,000.00 | EUR 1,025,000.50 | EUR 1,324,999.50 | EUR 1,650,000.00 |

### Realisation per year

| Year | Allocated | Committed | Spent | Open commitments | Uncommitted |
|---|---|---|---|---|---|
| 2024 | EUR 1,700,000.00 | EUR 1,700,000.00 | EUR 270,000.00 | EUR 1,430,000.00 | EUR 0.00 |
| 2025 | EUR 800,000.00 | EUR 350,000.00 | EUR 680,000.00 | EUR -330,000.00 | EUR 450,000.00 |
| 2026 | EUR 500,000.00 | EUR 0.00 | EUR 0.00 | EUR 0.00 | EUR 500,000.00 |
| 2027 | EUR 0.00 | EUR 0.00 | EUR 0.00 | EUR 0.00 | EUR 0.00 |
| not scheduled | EUR 1,000,000.00 | EUR 300,000.00 | EUR 75,000.50 | EUR 224,999.50 | EUR 700,000.00 |
| Total | EUR 4,000,000.00 | EUR 2,350,000.00 | EUR 1,025,000.50 | EUR 1,324,999.50 | EUR 1,650,000.00 |
"""


def test_the_markdown_realisation_section_of_the_illustrative_plan():
    text = reports.render(PLAN, "md", "en")
    assert _section(text, "## Realisation") == [*REALISATION_EN.splitlines(), ""]
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings.index("## Realisation") == headings.index("## Funding sources") + 1


def test_the_markdown_realisation_section_in_dutch():
    lines = _section(reports.render(PLAN, "md", "nl"), "## Realisatie")
    assert lines[:10] == [
        "## Realisatie",
        "",
        "Peildatum: alle transacties",
        "",
        "2025: € 680.000,00 uitgegeven, € 330.000,00 meer dan in dat jaar verplicht.",
        "",
        "### Realisatie per pijler",
        "",
        "| Pijler | Toegewezen | Verplicht | Uitgegeven | Openstaande verplichtingen | Nog vrij |",
        "|---|---|---|---|---|---|",
    ]
    assert lines[10:14] == [
        "| I Betere verbinding tussen Rijk & regio | € 1.200.000,00 | € 1.000.000,00 "
        "| € 400.000,00 | € 600.000,00 | € 200.000,00 |",
        "| II Versterken van de basis | € 1.200.000,00 | € 650.000,00 | € 425.000,50 "
        "| € 224.999,50 | € 550.000,00 |",
        "| III Thematische inzet op relevante transities en maatschappelijke uitdagingen "
        "| € 1.600.000,00 | € 700.000,00 | € 200.000,00 | € 500.000,00 | € 900.000,00 |",
        "| Totaal | € 4.000.000,00 | € 2.350.000,00 | € 1.025.000,50 | € 1.324.999,50 "
        "| € 1.650.000,00 |",
    ]
    assert "| niet ingepland | € 1.000.000,00 | € 300.000,00 | € 75.000,50 | € 224.999,50 " \
        "| € 700.000,00 |" in lines  # fmt: skip


@pytest.mark.parametrize("as_of", ["2024-12-31", datetime.date(2024, 12, 31)])
def test_as_of_counts_transactions_up_to_that_day_and_leaves_allocated_alone(as_of):
    lines = _section(reports.render(PLAN, "md", "en", as_of=as_of), "## Realisation")
    assert lines[2] == "As of: 2024-12-31"
    assert lines[8:12] == [
        "| I A better link between national government and the regions | EUR 1,200,000.00 "
        "| EUR 600,000.00 | EUR 150,000.00 | EUR 450,000.00 | EUR 600,000.00 |",
        "| II Strengthening the base | EUR 1,200,000.00 | EUR 400,000.00 | EUR 120,000.00 "
        "| EUR 280,000.00 | EUR 800,000.00 |",
        "| III Thematic work on relevant transitions and societal challenges | EUR 1,600,000.00 "
        "| EUR 700,000.00 | EUR 0.00 | EUR 700,000.00 | EUR 900,000.00 |",
        "| Total | EUR 4,000,000.00 | EUR 1,700,000.00 | EUR 270,000.00 | EUR 1,430,000.00 | EUR 2,300,000.00 |",
    ]
    assert "| 2025 | EUR 800,000.00 | EUR 0.00 | EUR 0.00 | EUR 0.00 | EUR 800,000.00 |" in lines
    o = overview(PLAN, as_of=as_of)
    everything = overview(PLAN)
    allocated = [
        [row.allocated for row in p.rows] for p in (o.progress_by_pillar, o.progress_by_year)
    ]
    assert allocated == [
        [row.allocated for row in p.rows]
        for p in (everything.progress_by_pillar, everything.progress_by_year)
    ]
    assert o.progress_by_pillar.as_of == pendulum.Date(2024, 12, 31)


def test_as_of_before_every_transaction_keeps_the_section_with_nothing_counted():
    o = overview(PLAN, as_of="2000-01-01")
    assert (o.progress_by_pillar.total.committed, o.progress_by_pillar.total.spent) == (
        Money(0),
        Money(0),
    )
    assert "## Realisation" in reports.render(PLAN, "md", as_of="2000-01-01")


@pytest.mark.parametrize("strategy", [PLAN, BARE], ids=["with", "without transactions"])
@pytest.mark.parametrize("bad", ["2024-13-01", "yesterday", 5])
def test_a_bad_as_of_raises_what_progress_raises(strategy, bad):
    with pytest.raises(ValueError, match=r"\Aas_of: got ") as expected:
        rs.progress(strategy, as_of=bad)
    for fmt in ("md", "html", "json"):
        with pytest.raises(type(expected.value)) as got:
            reports.render(strategy, fmt, as_of=bad)
        assert str(got.value) == str(expected.value)


def test_the_json_report_has_the_realisation_as_strings():
    data = json.loads(reports.render(PLAN, "json", "nl", as_of="2024-12-31"))
    realisation = data["realisation"]
    assert list(data).index("realisation") == list(data).index("funding_sources") + 1
    assert realisation["as_of"] == "2024-12-31"
    assert realisation["pillars"][0] == {
        "key": "I",
        "group": None,
        "title": "I Betere verbinding tussen Rijk & regio",
        "allocated": "1200000.00",
        "committed": "600000.00",
        "spent": "150000.00",
        "open": "450000.00",
        "uncommitted": "600000.00",
    }
    assert [row["key"] for row in realisation["years"]] == ["2024", "2025", "2026", "2027", None]
    assert realisation["years"][-1]["group"] == "not_scheduled"
    assert realisation["total"] == {
        "key": None,
        "group": "total",
        "title": "Totaal",
        "allocated": "4000000.00",
        "committed": "1700000.00",
        "spent": "270000.00",
        "open": "1430000.00",
        "uncommitted": "2300000.00",
    }
    assert json.loads(reports.render(PLAN, "json"))["realisation"]["as_of"] is None


def _without_section(text, heading):
    section = "\n".join(_section(text, heading)) + "\n"
    assert text.count(section) == 1
    return text.replace(section, "")


@pytest.mark.parametrize(("lang", "heading"), [("en", "## Realisation"), ("nl", "## Realisatie")])
def test_without_transactions_the_markdown_report_is_the_golden_one_without_the_section(
    lang, heading
):
    golden = (GOLDEN / f"illustrative_plan.{lang}.md").read_text(encoding="utf-8")
    assert heading in golden
    text = reports.render(BARE, "md", lang)
    assert text == _without_section(golden, heading)
    assert text == reports.render(BARE, "md", lang, as_of="2024-12-31")


def test_without_transactions_the_json_and_html_reports_have_no_realisation():
    golden = json.loads((GOLDEN / "illustrative_plan.en.json").read_text(encoding="utf-8"))
    del golden["realisation"]
    assert json.loads(reports.render(BARE, "json")) == golden
    page = reports.render(BARE, "html", "nl")
    assert "Realisatie" not in page
    assert "series-" not in page  # not even the chart's style
    parser = _Collector()
    parser.feed(page)
    assert parser.tags.count("svg") == 2
    assert overview(BARE).progress_by_pillar is None
    assert overview(BARE).progress_by_year is None


def test_the_html_realisation_has_a_table_per_grouping_and_a_grouped_chart():
    page = reports.render(PLAN, "html", "en", as_of="2024-12-31")
    section = page[page.index('<section id="realisation">') : page.index('<section id="motions">')]
    assert "<h2>Realisation</h2><p>As of: 2024-12-31</p>" in section
    assert section.count("<table>") == 2
    assert "<h3>Realisation per pillar</h3>" in section
    assert "<h3>Realisation per year</h3>" in section
    assert '<td class="num">EUR 2,300,000.00</td>' in section  # uncommitted in total
    assert 'role="img" aria-label="Realisation per pillar"' in section
    # Nine bars, scaled to the largest amount: pillar III's EUR 1,600,000.00 fills the track.
    bars = re.findall(
        r'width="(\d+)" height="14" class="bar series-(\d)"><title>([^<]*)<', section
    )
    assert len(bars) == 9
    assert bars[6] == ("250", "0", "III Thematic work on relevant transitions and societal "
                       "challenges: Allocated EUR 1,600,000.00")  # fmt: skip
    assert bars[0][:2] == ("188", "0")  # 1.2 / 1.6 of 250
    assert bars[1][:2] == ("94", "1")  # committed 600,000
    assert bars[8][:2] == ("0", "2")  # nothing spent on III yet
    assert "svg .bar.series-1" in page


def test_a_negative_amount_draws_an_empty_bar_and_says_its_value():
    release = rs.Transaction(
        id="tx-release", allocation="al-5", kind=rs.TransactionKind.COMMITMENT,
        amount=Money(-5_000_000), date="2025-01-01",
    )  # fmt: skip
    plan = attrs.evolve(PLAN, transactions=(*PLAN.transactions, release))
    page = reports.render(plan, "html", "en")
    chart = page[page.index('aria-label="Realisation per pillar"') :]
    chart = chart[: chart.index("</svg>")]
    assert re.search(
        r'width="0" height="14" class="bar series-1"><title>III [^<]*: Committed '
        r"EUR -4,300,000.00</title>",
        chart,
    )
    # After the track: a label column of 260 (the widest line of a wrapped pillar title), 8, 250, 8.
    assert re.search(r'<text x="526" y="\d+" class="bar-value">EUR -4,300,000.00</text>', chart)
    assert not re.search(r'width="-', chart)
    parser = _Collector()
    parser.feed(page)  # still well formed enough to parse
    assert parser.tags.count("svg") == 3


HOSTILE = "<script>alert(1)</script> | *x*\nnext"
HOSTILE_ID = "<script>alert(1)</script> | *x*"
"""An id cannot hold a line break (issue 28); Markdown and HTML it can."""


def _hostile_plan():
    pillar = attrs.evolve(PLAN.pillars[0], code=HOSTILE_ID, title_en="t <b>", title_nl="t <b>")
    allocation = attrs.evolve(PLAN.allocations[0], pillar=HOSTILE_ID)
    transaction = rs.Transaction(
        id=HOSTILE_ID + "-id", allocation=allocation.id, kind=rs.TransactionKind.EXPENDITURE,
        amount=Money(5), date="2024-08-01", description=HOSTILE, document=HOSTILE,
    )  # fmt: skip
    return attrs.evolve(
        PLAN,
        pillars=(pillar, *PLAN.pillars[1:]),
        allocations=(allocation, *PLAN.allocations[1:]),
        transactions=(*PLAN.transactions, transaction),
    )


def test_user_text_in_the_realisation_is_escaped_in_markdown():
    text = reports.render(_hostile_plan(), "md", "en")
    lines = _section(text, "## Realisation")
    row = lines[lines.index("### Realisation per pillar") + 4]
    assert row.startswith(
        "| &lt;script>alert(1)&lt;/script> \\| \\*x\\* t &lt;b> | EUR 1,200,000.00 "
    )
    assert row.count(" | ") == 5  # six cells, as the header has
    assert "<script" not in text
    assert not any(line.startswith("next") for line in text.splitlines())


def test_user_text_in_the_realisation_is_escaped_in_html_and_kept_in_json():
    page = reports.render(_hostile_plan(), "html", "en")
    parser = _Collector()
    parser.feed(page)
    assert "script" not in parser.tags
    assert "b" not in parser.tags
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; | *x* t &lt;b&gt;"
    assert f"<td>{escaped}</td>" in page  # the realisation table
    assert f"<title>{escaped}: Allocated EUR 1,200,000.00</title>" in page  # the chart
    data = json.loads(reports.render(_hostile_plan(), "json"))
    assert data["realisation"]["pillars"][0]["key"] == HOSTILE_ID


def test_user_text_of_a_transaction_in_a_diff_and_in_the_records():
    plan = _hostile_plan()
    changes = reports.diff(PLAN, plan)
    lines = changes.to_text().splitlines()
    assert "Transactions: added <script>alert(1)</script> | *x*-id" in lines
    assert not any(line.startswith("next") for line in lines)
    assert {m.key for m in changes.spent} == {"I", HOSTILE_ID}
    (row,) = [r for r in rs.to_records(plan)["transactions"] if r["id"] == HOSTILE_ID + "-id"]
    assert row == {
        "id": HOSTILE_ID + "-id", "allocation": "al-1", "kind": "expenditure",
        "amount": Money(5).amount, "date": pendulum.Date(2024, 8, 1),
        "description": HOSTILE, "document": HOSTILE,
    }  # fmt: skip


def test_progress_shows_itself_as_an_html_table_with_keys_escaped_and_the_total():
    page = rs.progress(_hostile_plan(), as_of="2024-12-31")._repr_html_()
    assert page.startswith(
        "<table><caption>Progress by pillar, as of 2024-12-31</caption><tr><th>Pillar</th>"
        "<th>Allocated</th>"
    )
    assert (
        '<tr><th style="text-align:left">&lt;script&gt;alert(1)&lt;/script&gt; | *x*'
        '</th><td style="text-align:right">EUR 1,200,000.00</td>'
        '<td style="text-align:right">EUR 600,000.00</td><td style="text-align:right">EUR 150,005.00</td>'
    ) in page
    assert page.endswith(
        '<tr><th style="text-align:left">Total</th><td style="text-align:right">EUR 4,000,000.00</td>'
        '<td style="text-align:right">EUR 1,700,000.00</td><td style="text-align:right">EUR 270,005.00'
        '</td><td style="text-align:right">EUR 1,429,995.00</td>'
        '<td style="text-align:right">EUR 2,300,000.00</td><td style="text-align:right">42.5%</td>'
        '<td style="text-align:right">6.8%</td></tr></table>'
    )
    assert "<script" not in page
    caption = "<caption>Progress by year, all transactions</caption>"
    assert caption in rs.progress(PLAN, by="year")._repr_html_()


# --- the diff of transactions ---------------------------------------------------------------


def _revised_plan():
    """PLAN with tx-2024-002 removed, tx-2025-001 changed and tx-new added."""
    new = rs.Transaction(
        id="tx-new", allocation="al-4", kind=rs.TransactionKind.EXPENDITURE,
        amount=Money(10_000), date="2026-01-15",
    )  # fmt: skip
    kept = []
    for transaction in PLAN.transactions:
        if transaction.id == "tx-2025-001":
            transaction = attrs.evolve(
                transaction, amount=Money(350_000), description="Academy, revised"
            )
        if transaction.id != "tx-2024-002":
            kept.append(transaction)
    return attrs.evolve(PLAN, transactions=(*kept, new))


def test_diff_lists_transactions_added_removed_and_changed():
    changes = reports.diff(PLAN, _revised_plan())
    assert changes.transactions == (
        reports.Change("tx-2024-002", "removed"),
        reports.Change("tx-new", "added"),
        reports.Change(
            "tx-2025-001",
            "changed",
            (
                ("amount", "300000.00", "350000.00"),
                ("description", "Academy curriculum and first cohort", "Academy, revised"),
            ),
        ),
    )
    assert changes.committed == (reports.Moved("II", Money(650_000), Money(700_000)),)
    assert changes.spent == (
        reports.Moved("II", Money("425000.50"), Money("305000.50")),
        reports.Moved("III", Money(200_000), Money(210_000)),
    )
    assert (changes.pillars, changes.years, changes.allocations) == ((), (), ())
    assert changes.changed


def test_an_id_used_twice_is_diffed_as_a_multiset():
    first = PLAN.transactions[0]
    copy = attrs.evolve(first, amount=Money(1))
    doubled = attrs.evolve(PLAN, transactions=(*PLAN.transactions, copy))
    assert reports.diff(doubled, PLAN).transactions == (reports.Change(first.id, "removed"),)
    assert reports.diff(PLAN, doubled).transactions == (reports.Change(first.id, "added"),)
    changed = attrs.evolve(
        doubled, transactions=(*PLAN.transactions, attrs.evolve(copy, amount=Money(2)))
    )
    assert reports.diff(doubled, changed).transactions == (
        reports.Change(first.id, "changed", (("amount", "1.00", "2.00"),)),
    )
    assert not reports.diff(doubled, doubled).changed


def test_the_diff_of_transactions_as_text_in_english_and_dutch():
    changes = reports.diff(PLAN, _revised_plan())
    assert changes.to_text("en").splitlines() == [
        "Committed: II: EUR 650,000.00 -> EUR 700,000.00 (+EUR 50,000.00)",
        "Spent: II: EUR 425,000.50 -> EUR 305,000.50 (EUR -120,000.00)",
        "Spent: III: EUR 200,000.00 -> EUR 210,000.00 (+EUR 10,000.00)",
        "Transactions: removed tx-2024-002",
        "Transactions: added tx-new",
        "Transactions: changed tx-2025-001 (amount: EUR 300,000.00 -> EUR 350,000.00; "
        "description: Academy curriculum and first cohort -> Academy, revised)",
    ]
    assert changes.to_text("nl").splitlines()[:4] == [
        "Verplicht: II: € 650.000,00 -> € 700.000,00 (+€ 50.000,00)",
        "Uitgegeven: II: € 425.000,50 -> € 305.000,50 (€ -120.000,00)",
        "Uitgegeven: III: € 200.000,00 -> € 210.000,00 (+€ 10.000,00)",
        "Transacties: removed tx-2024-002",
    ]


def test_the_diff_of_transactions_as_data():
    data = reports.diff(PLAN, _revised_plan()).to_dict()
    assert list(data) == [
        "changed", "money", "activities", "allocations", "transactions", "motions", "findings",
    ]  # fmt: skip
    assert list(data["money"]) == ["pillars", "roms", "years", "committed", "spent"]
    assert data["money"]["committed"] == [
        {
            "key": "II",
            "group": None,
            "before": "650000.00",
            "after": "700000.00",
            "delta": "50000.00",
        }
    ]
    assert data["money"]["spent"][0]["delta"] == "-120000.00"
    assert data["transactions"][1] == {"id": "tx-new", "kind": "added", "fields": []}
    assert data["transactions"][2]["fields"][0] == {
        "field": "amount", "before": "300000.00", "after": "350000.00",
    }  # fmt: skip
    assert json.dumps(data)


def test_a_diff_without_transactions_on_either_side_keeps_its_old_shape():
    moved = attrs.evolve(BARE, allocations=BARE.allocations[1:])
    changes = reports.diff(BARE, moved)
    data = changes.to_dict()
    assert list(data) == ["changed", "money", "activities", "allocations", "motions", "findings"]
    assert list(data["money"]) == ["pillars", "roms", "years"]
    assert not changes.with_transactions
    assert "Transactions" not in changes.to_text()
    assert reports.diff(BARE, BARE).to_text() == "No differences."


def test_transactions_on_one_side_only_are_all_added_and_committed_from_nothing():
    changes = reports.diff(BARE, PLAN)
    assert [c.kind for c in changes.transactions] == ["added"] * len(PLAN.transactions)
    assert [(m.key, m.before, m.after) for m in changes.committed] == [
        ("I", Money(0), Money(1_000_000)),
        ("II", Money(0), Money(650_000)),
        ("III", Money(0), Money(700_000)),
    ]
    back = reports.diff(PLAN, BARE)
    assert [c.kind for c in back.transactions] == ["removed"] * len(PLAN.transactions)
    assert [m.delta for m in back.spent] == [Money(-400_000), Money("-425000.50"), Money(-200_000)]
    assert back.to_dict()["money"]["spent"][0]["after"] == "0.00"


def test_a_changed_description_alone_is_a_change_without_money_moved():
    first = attrs.evolve(PLAN.transactions[0], description="reworded")
    changes = reports.diff(PLAN, attrs.evolve(PLAN, transactions=(first, *PLAN.transactions[1:])))
    assert changes.changed
    assert (changes.committed, changes.spent) == ((), ())
    assert changes.to_text().splitlines() == [
        "Transactions: changed tx-2024-001 (description: Grant decision for the mbo talks, "
        "2024-2025 -> reworded)"
    ]


def test_a_transaction_on_an_unknown_allocation_moves_no_money():
    stray = attrs.evolve(PLAN.transactions[0], id="tx-stray", allocation="al-nowhere")
    changes = reports.diff(PLAN, attrs.evolve(PLAN, transactions=(*PLAN.transactions, stray)))
    assert changes.transactions == (reports.Change("tx-stray", "added"),)
    assert (changes.committed, changes.spent) == ((), ())


@st.composite
def strategies_with_transactions(draw):
    strategy = draw(testing.strategies(max_allocations=6))
    targets = [a.id for a in strategy.allocations] + ["al-unknown"]
    count = draw(st.integers(0, 6))
    transactions = tuple(
        rs.Transaction(
            id=f"tx-{i}",
            allocation=draw(st.sampled_from(targets)),
            kind=draw(st.sampled_from(rs.TransactionKind)),
            amount=draw(testing.money(Money(-(10**6)), Money(10**6))),
            date=draw(st.dates(datetime.date(2023, 1, 1), datetime.date(2028, 12, 31))),
            description=draw(st.text(max_size=8)),
        )
        for i in range(count)
    )
    return attrs.evolve(strategy, transactions=transactions)


@given(strategies_with_transactions())
def test_a_strategy_compared_with_itself_has_no_differences(strategy):
    changes = reports.diff(strategy, strategy)
    assert not changes.changed
    assert changes.to_text() == "No differences."
    assert changes.with_transactions == bool(strategy.transactions)


@given(strategies_with_transactions(), st.data())
def test_dropping_a_transaction_moves_exactly_its_amount(strategy, data):
    assume(strategy.transactions)
    index = data.draw(st.integers(0, len(strategy.transactions) - 1))
    dropped = strategy.transactions[index]
    rest = strategy.transactions[:index] + strategy.transactions[index + 1 :]
    changes = reports.diff(strategy, attrs.evolve(strategy, transactions=rest))
    assert changes.transactions == (reports.Change(dropped.id, "removed"),)
    moved = changes.committed if dropped.kind is rs.TransactionKind.COMMITMENT else changes.spent
    other = changes.spent if dropped.kind is rs.TransactionKind.COMMITMENT else changes.committed
    known = dropped.allocation in {a.id for a in strategy.allocations}
    expected = -dropped.amount.cents if known else 0
    assert sum(m.delta.cents for m in moved) == expected
    assert other == ()


@given(strategies_with_transactions())
def test_records_have_a_row_per_object_of_each_collection(strategy):
    records = rs.to_records(strategy)
    assert {name: len(rows) for name, rows in records.items()} == {
        name: len(getattr(strategy, name)) for name in records
    }
    assert [row["amount"] for row in records["transactions"]] == [
        t.amount.amount for t in strategy.transactions
    ]


@given(strategies_with_transactions())
def test_the_realisation_rows_add_up_to_the_total_in_every_report(strategy):
    o = overview(strategy)
    if not strategy.transactions:
        assert o.progress_by_pillar is None
        return
    for progress in (o.progress_by_pillar, o.progress_by_year):
        for column in ("allocated", "committed", "spent"):
            assert (
                sum(getattr(row, column).cents for row in progress.rows)
                == getattr(progress.total, column).cents
            )
    data = json.loads(reports.render(strategy, "json"))["realisation"]
    assert data["total"]["allocated"] == o.allocated.to_text()


def test_diff_names_what_a_merge_of_the_kamers_records_changed_on_a_motion():
    old = rs.reference.strategy_2024()
    amhaouch = old.motions[0]
    held = (
        amhaouch.history[0],
        rs.StatusChange(status=rs.MotionStatus.HELD),
        *amhaouch.history[1:],
    )
    filled = attrs.evolve(amhaouch, kamerstuk="33009-1", co_submitters=("A", "B"), history=held)
    new = attrs.evolve(old, motions=(filled, *old.motions[1:]))
    changes = reports.diff(old, new)
    assert [(c.id, c.kind, c.fields) for c in changes.motions] == [
        (
            "amhaouch-2022",
            "changed",
            (
                (
                    "history",
                    f"submitted 2022-11-23, adopted, settled [{rs.reference.LETTER}]",
                    f"submitted 2022-11-23, held, adopted, settled [{rs.reference.LETTER}]",
                ),
                ("kamerstuk", "-", "33 009, nr. 1"),
                ("co_submitters", "[]", '["A", "B"]'),
            ),
        )
    ]
    assert reports.diff(old, old).motions == ()
    unmarked = attrs.evolve(
        old, motions=(attrs.evolve(amhaouch, co_submitted=False), *old.motions[1:])
    )
    assert reports.diff(old, unmarked).motions[0].fields == (("co_submitted", "true", "false"),)
    # A date given to a step shows; one name with a comma is not two names.
    dated = (amhaouch.history[0], attrs.evolve(amhaouch.history[1], on="2022-12-06"))
    dated_motion = attrs.evolve(amhaouch, history=(*dated, amhaouch.history[2]))
    fields = reports.diff(old, attrs.evolve(old, motions=(dated_motion, *old.motions[1:])))
    assert fields.motions[0].fields[0][1:] == (
        f"submitted 2022-11-23, adopted, settled [{rs.reference.LETTER}]",
        f"submitted 2022-11-23, adopted 2022-12-06, settled [{rs.reference.LETTER}]",
    )
    one_name = attrs.evolve(amhaouch, co_submitters=("Klaver, Jesse",))
    two_names = attrs.evolve(amhaouch, co_submitters=("Klaver", "Jesse"))
    changed = reports.diff(
        attrs.evolve(old, motions=(one_name, *old.motions[1:])),
        attrs.evolve(old, motions=(two_names, *old.motions[1:])),
    )
    assert changed.motions[0].fields == (
        ("co_submitters", '["Klaver, Jesse"]', '["Klaver", "Jesse"]'),
    )
