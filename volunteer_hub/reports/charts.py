"""Small vector charts as inline SVG, the same markup on screen and in PDFs.

Only attributes are used for colours and sizes (no ``style``), so the markup fits
the Content-Security-Policy and WeasyPrint draws it as vectors. Every text is
escaped; each chart carries a ``<title>`` and ``<desc>`` and is always shown next
to a table with the same figures, which is what screen readers should read.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from decimal import Decimal

from markupsafe import Markup, escape

PALETTE = ("#0b6b57", "#c27c00", "#1d4f91", "#8a3b8f", "#a32020")
WIDTH = 480
FONT = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"
LABEL_WIDTH = 130
ROW_GAP = 10
BAR_HEIGHT = 14
MAX_LABEL = 10

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
    text = f"{_number(value):,.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text_width(text: str, size: int = 12) -> int:
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
        f' font-family="{FONT}" font-size="12" aria-labelledby="{chart_id}-t'
        f' {chart_id}-d"><title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>'
    )
    return head, []


def _legend(names: Sequence[str], y: int) -> list[str]:
    parts, x = [], LABEL_WIDTH
    for index, name in enumerate(names):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 16}" y="{y}" fill="#1d2430">{escape(name)}</text>'
        )
        x += 30 + text_width(str(name))
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
    row_height = count * BAR_HEIGHT + ROW_GAP
    top = 28 if count > 1 else 8
    height = top + max(len(labels), 1) * row_height + 8
    values = [_number(v) for _name, vals in series for v in vals]
    top_value = _number(scale_max) if scale_max else nice_ceiling(max(values or [0]))
    span = WIDTH - LABEL_WIDTH - 70
    head, parts = _open(height, title, ", ".join(name for name, _v in series))
    if count > 1:
        parts += _legend([name for name, _v in series], 16)
    for row, label in enumerate(labels):
        y = top + row * row_height
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + count * BAR_HEIGHT / 2 + 4:.1f}"'
            f' text-anchor="end" fill="#1d2430">{escape(_short(label))}</text>'
        )
        for index, (_name, vals) in enumerate(series):
            value = _number(vals[row]) if row < len(vals) else Decimal(0)
            length = float(max(min(value / top_value, 1), 0)) * span
            bar_y = y + index * BAR_HEIGHT
            colour = PALETTE[index % len(PALETTE)]
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{bar_y}" width="{length:.1f}"'
                f' height="{BAR_HEIGHT - 2}" fill="{colour}"/>'
                f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{bar_y + 10}"'
                f' font-size="10" fill="#1d2430">{escape(fmt(value))}</text>'
            )
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{top - 2}" x2="{LABEL_WIDTH}"'
        f' y2="{height - 8}" stroke="#5a6473" stroke-width="1"/>'
    )
    return Markup(head + "".join(parts) + "</svg>")


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
    height, left, bottom, top = 230, 56, 40, 14
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
            f' font-size="10" fill="#5a6473">{escape(fmt(top_value * fraction))}</text>'
        )
    # Write only as many labels under the axis as fit side by side.
    widest = max((text_width(str(label), 10) for label in labels), default=0) + 6
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
                f' text-anchor="middle" font-size="10" fill="#1d2430">'
                f"{escape(labels[index])}</text>"
            )
    return Markup(head + "".join(parts) + "</svg>")
