"""Small vector charts as inline SVG, the same markup on screen and in PDFs.

Only attributes are used for colours and sizes (no ``style``), so the markup fits
the Content-Security-Policy and WeasyPrint draws it as vectors. Every text is
escaped; each chart carries a ``<title>`` and ``<desc>`` and is always shown next
to a table with the same figures, which is what screen readers should read.

Sizes are in the chart's own units; a 390-px-wide phone draws the 480-unit-wide
chart about 337 px wide, so every text is at least ``TEXT_SIZE`` = 18 units
(12.6 px there; 17 units came out at 11.9 px).
A bar chart writes each row's label above its bars, across the whole width.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from decimal import Decimal

from markupsafe import Markup, escape

from volunteer_hub import numbers

PALETTE = ("#0b6b57", "#c27c00", "#1d4f91", "#8a3b8f", "#a32020")
WIDTH = 480
FONT = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"
TEXT_SIZE = 18
LABEL_LINE = 24
ROW_GAP = 12
BAR_HEIGHT = 18
MAX_LABEL = 24
VALUE_ROOM = 96

_ids = itertools.count(1)


def _number(value) -> Decimal:
    return Decimal(value or 0)


def nice_ceiling(value) -> Decimal:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is at least ``value`` (1 for 0)."""
    value = _number(value)
    if value <= 0:
        return Decimal(1)
    exponent = value.adjusted()
    for step in (1, 2, Decimal("2.5"), 5, 10):
        candidate = Decimal(step).scaleb(exponent)
        if candidate >= value:
            return candidate
    return Decimal(10).scaleb(exponent)  # pragma: no cover - loop ends at 10


def plain(value) -> str:
    """1500.000 → "1,500"; 2.50 → "2.5"."""
    return numbers.quantity(_number(value))


def text_width(text: str, size: int = TEXT_SIZE) -> int:
    """A rough width in pixels: CJK characters are square, Latin about half."""
    return sum(size if ord(c) > 0x2E7F else size * 0.55 for c in text).__ceil__()


def _short(label: str) -> str:
    label = str(label)
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _open(height: int, title: str, desc: str) -> tuple[str, list[str]]:
    chart_id = f"chart-{next(_ids)}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img"'
        f' viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"'
        f' font-family="{FONT}" font-size="{TEXT_SIZE}" aria-labelledby="{chart_id}-t'
        f' {chart_id}-d"><title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>'
    )
    return head, []


def _legend(names: Sequence[str], y: int) -> list[str]:
    parts, x = [], 0
    for index, name in enumerate(names):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f'<rect x="{x}" y="{y - 14}" width="16" height="16" fill="{colour}"/>'
            f'<text x="{x + 22}" y="{y}" fill="#1d2430">{escape(name)}</text>'
        )
        x += 40 + text_width(str(name))
    return parts


def bar_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence]],
    *,
    title: str,
    scale_max=None,
    fmt: Callable[[object], str] = plain,
) -> Markup:
    """Horizontal bars: one row per label, one bar per series in each row.

    ``series`` is ``[(name, values)]`` with one value per label; ``scale_max``
    fixes the right end of the scale (e.g. 100 for percentages), otherwise the
    largest value rounded up. Negative values are drawn as empty bars.
    """
    count = max(len(series), 1)
    row_height = LABEL_LINE + count * BAR_HEIGHT + ROW_GAP
    top = 32 if count > 1 else 4
    height = top + max(len(labels), 1) * row_height + 4
    values = [_number(v) for _name, vals in series for v in vals]
    top_value = _number(scale_max) if scale_max else nice_ceiling(max(values or [0]))
    span = WIDTH - VALUE_ROOM
    head, parts = _open(height, title, ", ".join(name for name, _v in series))
    if count > 1:
        parts += _legend([name for name, _v in series], 20)
    for row, label in enumerate(labels):
        y = top + row * row_height
        parts.append(
            f'<text x="0" y="{y + LABEL_LINE - 6}"'
            f' fill="#1d2430">{escape(_short(label))}</text>'
        )
        for index, (_name, vals) in enumerate(series):
            value = _number(vals[row]) if row < len(vals) else Decimal(0)
            share = float(max(min(value / top_value, 1), 0))
            parts.append(_bar(share * span, y + LABEL_LINE, index, fmt(value)))
    return Markup(head + "".join(parts) + "</svg>")


def _bar(length: float, y: int, index: int, figure: str) -> str:
    """One bar from the left edge and its figure just after it."""
    bar_y = y + index * BAR_HEIGHT
    colour = PALETTE[index % len(PALETTE)]
    return (
        f'<rect x="0" y="{bar_y}" width="{length:.1f}"'
        f' height="{BAR_HEIGHT - 3}" fill="{colour}"/>'
        f'<text x="{length + 5:.1f}" y="{bar_y + 14}"'
        f' fill="#1d2430">{escape(figure)}</text>'
    )


def column_chart(
    labels: Sequence[str],
    values: Sequence,
    *,
    title: str,
    fmt: Callable[[object], str] = plain,
) -> Markup:
    """Vertical columns over time (days or months), with a scale on the left.

    Only some labels are written under the axis when there are many columns.
    """
    height, left, bottom, top = 250, 76, 44, 16
    plot_height = height - bottom - top
    numbers = [_number(v) for v in values]
    top_value = nice_ceiling(max(numbers or [0]))
    n = max(len(numbers), 1)
    step = (WIDTH - left - 8) / n
    head, parts = _open(height, title, f"{len(numbers)}")
    for fraction in (0, Decimal("0.5"), 1):
        y = top + plot_height * (1 - float(fraction))
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - 8}" y2="{y:.1f}"'
            f' stroke="#d5dae1" stroke-width="1"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end"'
            f' fill="#5a6473">{escape(fmt(top_value * fraction))}</text>'
        )
    # Write only as many labels under the axis as fit side by side.
    widest = max((text_width(str(label)) for label in labels), default=0) + 6
    every = max(1, -(-widest // max(int(step), 1)))
    for index, value in enumerate(numbers):
        size = float(max(min(value / top_value, 1), 0)) * plot_height
        x = left + index * step
        parts.append(
            f'<rect x="{x + step * 0.12:.1f}" y="{top + plot_height - size:.1f}"'
            f' width="{max(step * 0.76, 1):.1f}" height="{size:.1f}"'
            f' fill="{PALETTE[0]}"><title>{escape(labels[index])}:'
            f" {escape(fmt(value))}</title></rect>"
        )
        if index % every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{height - bottom + 16}"'
                f' text-anchor="middle" fill="#1d2430">'
                f"{escape(labels[index])}</text>"
            )
    return Markup(head + "".join(parts) + "</svg>")
