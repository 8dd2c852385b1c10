"""The HTML report as people read it: charts whose text fits."""

import html
import re

from romstrategy._reports._svg import (
    LABEL_WIDTH,
    bar_chart,
    grouped_bar_chart,
    label_lines,
    text_width,
)

LONG = (
    "Werkzaamheden voor de Waddenzee, Markermeer en IJsselmeer: MMMMWWWWmmmmwwww "
    "Noordoostpolder-Flevoland-Overijssel-samenwerkingsverbandregioWWWWWWWWWWWWWWWW "
    "en nog veel meer dat niet op drie regels past, hoe breed de kolom ook is"
)
"""A pillar title far too long for a label: wide letters, a word longer than a line."""


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
