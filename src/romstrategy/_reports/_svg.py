"""Small, self-contained SVG bar charts (*grafieken*) for the HTML report."""

from __future__ import annotations

from collections.abc import Sequence

from romstrategy._reports._escape import html_text as escape

__all__ = ["Bar", "Group", "bar_chart", "grouped_bar_chart"]

Bar = tuple[str, int, str]
"""A bar: its label, its value (whole cents, may be zero) and the value as text."""

Group = tuple[str, tuple[Bar, ...]]
"""A group of bars side by side: its label, and one bar per series (the bar's label names it)."""

_ROW = 30
_TOP = 34
_LABEL = 300
_VALUE = 150


def bar_chart(title: str, bars: Sequence[Bar], *, width: int = 720) -> str:
    """Return an SVG with one horizontal bar per item, scaled to the largest value.

    Negative values are drawn as empty bars; their text still shows the value.
    The chart has a `<title>` and an `aria-label` for screen readers.
    """
    track = width - _LABEL - _VALUE - 20
    largest = max((value for _, value, _ in bars), default=0)
    height = _TOP + _ROW * max(len(bars), 1) + 8
    parts = _opening(title, width, height)
    for row, (name, value, text) in enumerate(bars):
        y = _TOP + row * _ROW
        length = round(track * value / largest) if largest > 0 and value > 0 else 0
        parts += [
            f'<text x="{_LABEL - 8}" y="{y + 17}" text-anchor="end" class="bar-label">'
            f"{escape(_shorten(name))}</text>",
            f'<rect x="{_LABEL}" y="{y + 4}" width="{track}" height="20" class="bar-track"/>',
            f'<rect x="{_LABEL}" y="{y + 4}" width="{length}" height="20" class="bar"/>',
            f'<text x="{_LABEL + track + 8}" y="{y + 17}" class="bar-value">{escape(text)}</text>',
        ]
    if not bars:
        parts.append(f'<text x="{_LABEL}" y="{_TOP + 17}" class="bar-label">-</text>')
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


def grouped_bar_chart(title: str, groups: Sequence[Group], *, width: int = 720) -> str:
    """Return an SVG with a group of horizontal bars per item, one bar per series.

    All bars share one scale, the largest value. The first group's bar labels
    name the series in a legend; bar `i` of each group has the classes
    `bar series-i`. Negative values are drawn as empty bars; their text still
    shows the value. The chart has a `<title>` and an `aria-label`, and each
    bar a `<title>` that says its group, series and value.
    """
    track = width - _LABEL - _VALUE - 20
    largest = max((value for _, bars in groups for _, value, _ in bars), default=0)
    series = [name for name, _, _ in groups[0][1]] if groups else []
    size = _BAR * max((len(bars) for _, bars in groups), default=1) + _GAP
    top = _TOP + _LEGEND
    height = top + size * max(len(groups), 1) + 8
    parts = [*_opening(title, width, height), *_legend(series)]
    for index, (name, bars) in enumerate(groups):
        y = top + index * size
        middle = y + _BAR * len(bars) // 2 + 5
        parts.append(
            f'<text x="{_LABEL - 8}" y="{middle}" text-anchor="end" class="bar-label">'
            f"{escape(_shorten(name))}</text>"
        )
        for number, bar in enumerate(bars):
            parts += _grouped_bar(name, bar, number, y + number * _BAR, track, largest)
    if not groups:
        parts.append(f'<text x="{_LABEL}" y="{top + 13}" class="bar-label">-</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _legend(series: Sequence[str]) -> list[str]:
    parts = []
    for number, name in enumerate(series):
        x = _LABEL + number * 140
        parts += [
            f'<rect x="{x}" y="{_TOP}" width="12" height="12" class="bar series-{number}"/>',
            f'<text x="{x + 18}" y="{_TOP + 11}" class="bar-label">{escape(_shorten(name, 16))}'
            "</text>",
        ]
    return parts


def _grouped_bar(group: str, bar: Bar, number: int, y: int, track: int, largest: int) -> list[str]:
    series, value, text = bar
    length = round(track * value / largest) if largest > 0 and value > 0 else 0
    said = escape(f"{group}: {series} {text}")
    return [
        f'<rect x="{_LABEL}" y="{y + 2}" width="{track}" height="{_BAR - 4}" class="bar-track"/>',
        f'<rect x="{_LABEL}" y="{y + 2}" width="{length}" height="{_BAR - 4}" '
        f'class="bar series-{number}"><title>{said}</title></rect>',
        f'<text x="{_LABEL + track + 8}" y="{y + 14}" class="bar-value">{escape(text)}</text>',
    ]


def _shorten(text: str, limit: int = 36) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
