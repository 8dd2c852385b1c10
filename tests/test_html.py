"""The HTML report as people read it: charts whose text fits, dates on one line, numbers aligned."""

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest

import romstrategy as rs
from romstrategy import reports
from romstrategy._reports._svg import (
    LABEL_WIDTH,
    bar_chart,
    grouped_bar_chart,
    label_lines,
    text_width,
)

EXAMPLES = Path(__file__).parent.parent / "examples"
PLAN = rs.load(EXAMPLES / "illustrative_plan.toml")

LONG = (
    "Werkzaamheden voor de Waddenzee, Markermeer en IJsselmeer: MMMMWWWWmmmmwwww "
    "Noordoostpolder-Flevoland-Overijssel-samenwerkingsverbandregioWWWWWWWWWWWWWWWW "
    "en nog veel meer dat niet op drie regels past, hoe breed de kolom ook is"
)
"""A pillar title far too long for a label: wide letters, a word longer than a line."""


def _long_titles(strategy):
    """`strategy` with its first pillar titled `LONG`, in both languages."""
    pillar = attrs.evolve(strategy.pillars[0], title_en=LONG, title_nl=LONG)
    return attrs.evolve(strategy, pillars=(pillar, *strategy.pillars[1:]))


def _viewbox(svg):
    width, height = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups()
    return int(width), int(height)


def _label_texts(svg):
    return re.findall(r'<text text-anchor="end" class="bar-label">(.*?)</text>', svg)


# --- the charts' labels ---------------------------------------------------------------------


def test_a_short_label_is_drawn_as_it_is_on_one_line():
    svg = bar_chart("Money", [("II Strengthening the base", 5, "€5.00")])
    (text,) = _label_texts(svg)
    # Its column is as wide as its estimated width, 184 px; the bar starts 8 px after it.
    assert text_width("II Strengthening the base", 13) == 184
    assert text == '<tspan x="184" y="54">II Strengthening the base</tspan>'
    assert '<rect x="192" y="' in svg
    assert "<title>II" not in svg  # nothing left out, so no title to say it all
    assert label_lines("II Strengthening the base") == (["II Strengthening the base"], False)


def test_a_label_too_wide_for_a_line_wraps_and_sizes_its_column():
    title = "III Thematic work on relevant transitions and societal challenges"
    lines, shortened = label_lines(title)
    assert lines == ["III Thematic work on relevant", "transitions and societal challenges"]
    assert not shortened
    svg = bar_chart("Money", [(title, 5, "€5.00")])
    (text,) = _label_texts(svg)
    assert text.count("<tspan") == 2
    assert "<title>" not in text
    assert '<rect x="268" y="' in svg  # the column is as wide as its widest line, 260
    assert _viewbox(svg)[1] == 34 + 46 + 8  # a row of two lines, 16 px each and 14 of room


def test_a_label_too_long_for_three_lines_ends_in_an_ellipsis_and_has_a_title():
    lines, shortened = label_lines(LONG)
    assert shortened
    assert len(lines) == 3
    assert lines[2].endswith("…")
    svg = bar_chart("Money", [(LONG, 5, "€5.00")])
    (text,) = _label_texts(svg)
    assert text.startswith(f"<title>{html.escape(LONG)}</title><tspan")
    assert text.count("<tspan") == 3


def test_every_line_of_a_label_fits_its_column_and_the_chart_its_texts():
    # A word longer than a line is broken; every line stays within the column.
    for label in ("W" * 100, LONG, "a " * 200):
        lines, _ = label_lines(label)
        assert 1 < len(lines) <= 3
        assert all(text_width(line, 13) <= LABEL_WIDTH for line in lines)
    svg = grouped_bar_chart("T", [(LONG, (("Allocated", 5, "€5.00"), ("Committed", 0, "€0.00")))])
    left = int(re.search(r'<rect x="(\d+)" y="\d+" width="250"', svg).group(1))
    assert left <= LABEL_WIDTH + 8  # the column is never wider than LABEL_WIDTH
    value = int(re.search(r'<text x="(\d+)" y="\d+" class="bar-value">€5.00', svg).group(1))
    assert value == left + 250 + 8
    assert _viewbox(svg)[0] == value + text_width("€5.00", 13) + 8


def test_user_text_in_a_label_and_its_title_stays_escaped():
    hostile = "<script>alert(1)</script> " * 12 + "\x1b[2J"
    svg = bar_chart("<b>", [(hostile, 5, "<i>")])
    assert "<script>" not in svg
    assert "<b>" not in svg
    assert "<i>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "\x1b" not in svg
    assert "\\x1b[2J</title>" in svg  # the control character shown as an escape
    (text,) = _label_texts(svg)
    assert text.startswith("<title>&lt;script&gt;")  # too long: shortened, and said in full


def test_the_legend_names_each_series_in_full_and_the_chart_makes_room_for_it():
    series = ("Toegewezen aan de activiteiten van de regio", 5, "€5.00")
    svg = grouped_bar_chart("T", [("I", (series, ("Besteed", 2, "€2.00")))])
    assert ">Toegewezen aan de activiteiten van de regio</text>" in svg
    assert _viewbox(svg)[0] > 250  # the legend runs past the track, and the chart with it


# --- the tables -----------------------------------------------------------------------------


def _cells(page, css):
    return re.findall(rf'<td class="{css}">([^<]*)</td>', page)


def test_date_and_period_cells_do_not_wrap():
    page = reports.render(PLAN, "html", "en")
    assert "2024-01-01 to 2027-12-31" in _cells(page, "date")  # a period of an activity
    assert "2022-11-23" in _cells(page, "date")  # the day a motion was submitted
    assert '<dd class="date">2024-01-01 to 2027-12-31</dd>' in page
    assert ".date { white-space: nowrap;" in page
    nl = reports.render(PLAN, "html", "nl")
    assert "2024-01-01 t/m 2027-12-31" in _cells(nl, "date")


def test_text_that_only_holds_a_date_is_left_as_text():
    page = reports.render(PLAN, "html", "en")
    assert "<td>Motie Amhaouch c.s.</td>" in page
    assert "<td>2024</td>" in page  # a year is a key, not a date
    assert '<td class="date">reg-' not in page
    assert "<dd>illustrative-plan</dd>" in page


def test_number_cells_are_right_aligned_in_tabular_figures():
    page = reports.render(PLAN, "html", "en")
    assert "EUR 1,600,000.00" in _cells(page, "num")
    assert "40.0%" in _cells(page, "num")
    assert '<th class="num">Allocated</th>' in page
    assert "td.num, th.num { text-align: right; white-space: nowrap; " in page
    assert "font-variant-numeric: tabular-nums; }" in page
    assert "<td>III Thematic work on relevant transitions and societal challenges</td>" in page


def test_tables_scroll_inside_the_page_and_charts_shrink_to_it():
    page = reports.render(PLAN, "html", "en")
    assert page.count('<div class="table"><table>') == page.count("<table>")
    assert ".table { overflow-x: auto; }" in page
    assert "svg { max-width: 100%; height: auto; }" in page


# --- in headless Chromium -------------------------------------------------------------------

CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium (Debian package chromium) is absent"
)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def _chromium(tmp_path, page, *flags):
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *flags, page.as_uri()],
        capture_output=True, timeout=120, check=True, text=True,
    )  # fmt: skip


@needs_chromium
def test_html_renders_in_headless_chromium(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(reports.render(PLAN, "html", "en"), encoding="utf-8")
    shot = tmp_path / "report.png"
    _chromium(tmp_path, page, "--window-size=1100,1600", f"--screenshot={shot}")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a blank page is a few kB; the charts and tables make it larger


# The report in a frame `width` px wide (headless Chromium makes no window narrower than
# 500 px), measured by the page around it: each `<text>` of a chart against its viewBox,
# each chart against the frame, and the lines of each date cell.
_MEASURE = """
const frame = document.querySelector("iframe");
frame.addEventListener("load", () => {
  const page = frame.contentDocument, view = frame.contentWindow;
  const out = {width: view.innerWidth, scroll: page.documentElement.scrollWidth,
               texts: 0, outside: [], clipped: [], dates: 0, wrapped: []};
  for (const svg of page.querySelectorAll("svg")) {
    const box = svg.viewBox.baseVal;
    if (svg.getBoundingClientRect().right > view.innerWidth) out.clipped.push(svg.ariaLabel);
    for (const text of svg.querySelectorAll("text")) {
      const b = text.getBBox();
      out.texts += 1;
      if (b.x < box.x || b.y < box.y || b.x + b.width > box.x + box.width
          || b.y + b.height > box.y + box.height) out.outside.push(text.textContent);
    }
  }
  for (const cell of page.querySelectorAll(".date")) {
    const range = page.createRange();
    range.selectNodeContents(cell);
    const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
    out.dates += 1;
    if (tops.size !== 1) out.wrapped.push(cell.textContent);
  }
  document.getElementById("out").textContent = JSON.stringify(out);
});
"""


def measure_in_chromium(tmp_path, report, width):
    """What `_MEASURE` finds in `report` (HTML) shown `width` px wide."""
    page = tmp_path / "frame.html"
    page.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe style="border:0;width:{width}px;height:9000px" srcdoc="{html.escape(report)}">'
        f'</iframe><pre id="out"></pre><script>{_MEASURE}</script></body></html>',
        encoding="utf-8",
    )
    dom = _chromium(tmp_path, page, f"--window-size={max(width, 500) + 20},1000", "--dump-dom")
    found = re.search(r'<pre id="out">([^<]+)</pre>', dom.stdout)
    assert found, f"the page measured nothing: {dom.stdout[-500:]!r} {dom.stderr[-500:]!r}"
    return json.loads(html.unescape(found.group(1)))


PLANS = {
    "reference": rs.reference.strategy_2024(),
    "example": PLAN,
    "long-titles": _long_titles(PLAN),
}


@needs_chromium
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(("plan", "lang"), [("reference", "en"), ("example", "nl"), ("long-titles", "en")])  # fmt: skip
def test_no_chart_text_is_cut_off_and_no_date_wraps_in_chromium(tmp_path, plan, lang, width):
    found = measure_in_chromium(tmp_path, reports.render(PLANS[plan], "html", lang), width)
    assert found["width"] == width
    # Titles, labels and values; the fewest in the reference, which allocates nothing yet:
    # a title, three pillars and their values; a title and `-` for no years.
    assert found["texts"] >= 9
    assert found["dates"] >= 1  # at least the strategy's period
    assert found["outside"] == []
    assert found["clipped"] == []
    assert found["wrapped"] == []
    assert found["scroll"] <= width  # the page itself never scrolls sideways


@needs_chromium
def test_the_measure_in_chromium_sees_a_text_past_its_chart_and_a_wrapped_date(tmp_path):
    page = (
        '<!DOCTYPE html><html><body style="margin:0">'
        '<svg width="100" height="30" viewBox="0 0 100 30"><text x="0" y="20">fits</text>'
        '<text x="40" y="20">far wider than its box</text></svg>'
        '<svg width="600" height="30" viewBox="0 0 600 30"><text x="0" y="20">x</text></svg>'
        '<table style="width:60px"><tr><td class="date">2024-01-01 to 2027-12-31</td></tr>'
        '<tr><td class="date" style="white-space:nowrap">2022-11-23</td></tr></table>'
        "</body></html>"
    )
    found = measure_in_chromium(tmp_path, page, 390)
    assert found["outside"] == ["far wider than its box"]
    assert found["clipped"] == [None]  # the 600 px chart, which has no aria-label
    assert found["wrapped"] == ["2024-01-01 to 2027-12-31"]
    assert (found["texts"], found["dates"]) == (3, 2)
    assert found["scroll"] > 390
