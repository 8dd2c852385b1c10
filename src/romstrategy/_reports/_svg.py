"""Small, self-contained SVG bar charts (*grafieken*) for the HTML report.

No text is cut off: the width of each text is estimated from its characters
(`text_width`, a little wider than DejaVu Sans, the page's font, draws it), a
label longer than `LABEL_WIDTH` wraps onto up to three lines, and the label
column, the values and the chart's width follow from the widest text.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence

from romstrategy._model._display import visible
from romstrategy._reports._escape import html_text as escape

__all__ = [
    "LABEL_WIDTH",
    "Bar",
    "Group",
    "bar_chart",
    "grouped_bar_chart",
    "label_lines",
    "text_width",
]

Bar = tuple[str, int, str]
"""A bar: its label, its value (whole cents, may be zero) and the value as text."""

Group = tuple[str, tuple[Bar, ...]]
"""A group of bars side by side: its label, and one bar per series (the bar's label names it)."""

_TEXT = 13
"""The size in px of labels and values (`.bar-label`, `.bar-value` in the page's CSS)."""

_TITLE = 15
"""The size in px of a chart's title (`.chart-title`, bold)."""

LABEL_WIDTH = 260
"""The widest a label's line may be, in px; a longer label wraps."""

_LINES = 3
"""The most lines of a label; the rest is cut with `…`, and the label carries a `<title>`."""

_LINE = 16
_TRACK = 250
_PAD = 8
_ROW = 30
_TOP = 34

_NARROW = frozenset(" !'(),-./:;I[\\]`fijlrt|")
_WIDE = frozenset("%@MWmw")
_UPPER = frozenset("#&+<=>ABCDEGHKNOQRUVXYZ^~")


def _advance(char: str) -> float:
    """An upper bound of the width of `char` in em, by class of character."""
    if char in _NARROW:
        return 0.42
    if char in _WIDE:
        return 1.0
    if char in _UPPER:
        return 0.84
    if char.isascii():
        return 0.66
    if unicodedata.combining(char):
        return 0.0
    return 1.25 if unicodedata.east_asian_width(char) in {"W", "F"} else 1.0


def text_width(text: str, size: float, *, bold: bool = False) -> int:
    """The width in px that `text` takes at most at `size` px, rounded up.

    An estimate per character, a little wider than DejaVu Sans draws it (and
    Arial, the fallback, is narrower), so that text placed by it is not cut off.
    """
    em = sum(_advance(char) for char in text) * (1.15 if bold else 1.0)
    return math.ceil(em * size)


def _split_word(word: str) -> list[str]:
    """`word` in pieces that each fit in `LABEL_WIDTH`, for a word too long for a line."""
    pieces = [""]
    for char in word:
        if pieces[-1] and text_width(pieces[-1] + char, _TEXT) > LABEL_WIDTH:
            pieces.append("")
        pieces[-1] += char
    return pieces


def _wrap(text: str) -> list[str]:
    """`text` in lines of at most `LABEL_WIDTH` px, broken at spaces, any number of them."""
    lines: list[str] = []
    for word in text.split(" "):
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(joined, _TEXT) <= LABEL_WIDTH:
            lines[-1] = joined
        else:
            lines += _split_word(word)
    return lines or [""]


def label_lines(text: str) -> tuple[list[str], bool]:
    """The lines a label is drawn on, and whether some of it was left out.

    A label that is too long for `_LINES` lines ends its last line with `…`.
    Control characters are shown as escapes (see `visible`), as everywhere.
    """
    lines = _wrap(visible(text))
    if len(lines) <= _LINES:
        return lines, False
    last = lines[_LINES - 1]
    while last and text_width(last + "…", _TEXT) > LABEL_WIDTH:
        last = last[:-1]
    return [*lines[: _LINES - 1], last.rstrip() + "…"], True


def _label(text: str, right: int, middle: int) -> str:
    """A right-aligned label ending at x `right`, its lines centred on y `middle`.

    A shortened label has a `<title>` with all of it, shown on hover and read out.
    """
    lines, shortened = label_lines(text)
    first = middle + 5 - (len(lines) - 1) * _LINE // 2
    hint = f"<title>{escape(text)}</title>" if shortened else ""
    spans = "".join(
        f'<tspan x="{right}" y="{first + number * _LINE}">{escape(line)}</tspan>'
        for number, line in enumerate(lines)
    )
    return f'<text text-anchor="end" class="bar-label">{hint}{spans}</text>'


def _label_column(names: Sequence[str]) -> int:
    """The width of the labels' column: its widest line, and room for the `-` of no bars."""
    widths = [text_width(line, _TEXT) for name in names for line in label_lines(name)[0]]
    return max([_text_width("-"), *widths])


def _text_width(text: str) -> int:
    """The width of a label or value as it is drawn, control characters as escapes."""
    return text_width(visible(text), _TEXT)


def _label_height(name: str) -> int:
    return len(label_lines(name)[0]) * _LINE


def _width(title: str, right: int) -> int:
    """The chart's width: past its rightmost text `right`, and past its title."""
    return max(right, text_width(visible(title), _TITLE, bold=True)) + _PAD


def bar_chart(title: str, bars: Sequence[Bar]) -> str:
    """Return an SVG with one horizontal bar per item, scaled to the largest value.

    Negative values are drawn as empty bars; their text still shows the value.
    The chart has a `<title>` and an `aria-label` for screen readers.
    """
    left = _label_column([name for name, _, _ in bars]) + _PAD
    value = left + _TRACK + _PAD
    right = value + max((_text_width(text) for _, _, text in bars), default=0)
    largest = max((v for _, v, _ in bars), default=0)
    heights = [max(_ROW, _label_height(name) + 14) for name, _, _ in bars]
    parts = _opening(title, _width(title, right), _TOP + (sum(heights) or _ROW) + 8)
    y = _TOP
    for (name, amount, text), height in zip(bars, heights, strict=True):
        middle = y + height // 2
        length = round(_TRACK * amount / largest) if largest > 0 and amount > 0 else 0
        parts += [
            _label(name, left - _PAD, middle),
            f'<rect x="{left}" y="{middle - 10}" width="{_TRACK}" height="20" class="bar-track"/>',
            f'<rect x="{left}" y="{middle - 10}" width="{length}" height="20" class="bar"/>',
            f'<text x="{value}" y="{middle + 5}" class="bar-value">{escape(text)}</text>',
        ]
        y += height
    if not bars:
        parts.append(f'<text x="{left}" y="{_TOP + 17}" class="bar-label">-</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _opening(title: str, width: int, height: int) -> list[str]:
    """The `<svg>` element's start, its `<title>` and the visible title of a chart."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="20" class="chart-title">{escape(title)}</text>',
    ]


_BAR = 18
_GAP = 10
_LEGEND = 22


def grouped_bar_chart(title: str, groups: Sequence[Group]) -> str:
    """Return an SVG with a group of horizontal bars per item, one bar per series.

    All bars share one scale, the largest value. The first group's bar labels
    name the series in a legend; bar `i` of each group has the classes
    `bar series-i`. Negative values are drawn as empty bars; their text still
    shows the value. The chart has a `<title>` and an `aria-label`, and each
    bar a `<title>` that says its group, series and value.
    """
    left = _label_column([name for name, _ in groups]) + _PAD
    value = left + _TRACK + _PAD
    texts = [text for _, bars in groups for _, _, text in bars]
    legend, legend_right = _legend([name for name, _, _ in groups[0][1]] if groups else [], left)
    right = max(legend_right, value + max(map(_text_width, texts), default=0))
    largest = max((v for _, bars in groups for _, v, _ in bars), default=0)
    heights = [max(_BAR * len(bars), _label_height(name)) + _GAP for name, bars in groups]
    top = _TOP + _LEGEND
    parts = [*_opening(title, _width(title, right), top + (sum(heights) or _ROW) + 8), *legend]
    y = top
    for (name, bars), height in zip(groups, heights, strict=True):
        first = y + (height - _GAP - _BAR * len(bars)) // 2
        parts.append(_label(name, left - _PAD, first + _BAR * len(bars) // 2))
        for number, bar in enumerate(bars):
            parts += _grouped_bar(name, bar, number, first + number * _BAR, left, largest)
        y += height
    if not groups:
        parts.append(f'<text x="{left}" y="{top + 13}" class="bar-label">-</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _legend(series: Sequence[str], left: int) -> tuple[list[str], int]:
    """A coloured square and the name of each series, one after the other from x `left`.

    Returns the parts and the x where the legend ends.
    """
    parts: list[str] = []
    x = left
    for number, name in enumerate(series):
        parts += [
            f'<rect x="{x}" y="{_TOP}" width="12" height="12" class="bar series-{number}"/>',
            f'<text x="{x + 18}" y="{_TOP + 11}" class="bar-label">{escape(name)}</text>',
        ]
        x += 18 + _text_width(name) + 24
    return parts, x - 24


def _grouped_bar(group: str, bar: Bar, number: int, y: int, left: int, largest: int) -> list[str]:
    series, amount, text = bar
    length = round(_TRACK * amount / largest) if largest > 0 and amount > 0 else 0
    said = escape(f"{group}: {series} {text}")
    value = left + _TRACK + _PAD
    return [
        f'<rect x="{left}" y="{y + 2}" width="{_TRACK}" height="{_BAR - 4}" class="bar-track"/>',
        f'<rect x="{left}" y="{y + 2}" width="{length}" height="{_BAR - 4}" '
        f'class="bar series-{number}"><title>{said}</title></rect>',
        f'<text x="{value}" y="{y + 14}" class="bar-value">{escape(text)}</text>',
    ]
