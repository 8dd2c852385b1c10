"""Small, self-contained SVG bar charts (*grafieken*) for the HTML report."""

from __future__ import annotations

from collections.abc import Sequence

from romstrategy._reports._escape import html_text as escape

__all__ = ["Bar", "bar_chart"]

Bar = tuple[str, int, str]
"""A bar: its label, its value (whole cents, may be zero) and the value as text."""

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
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="20" class="chart-title">{escape(title)}</text>',
    ]
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


def _shorten(text: str, limit: int = 36) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
