"""Server-rendered inline SVG charts (no JavaScript): bars, a heatmap matrix, columns.

Every label is escaped; the SVG scales with the page (viewBox, width 100%).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ACCENT = "#0b5cad"
MUTED = "#5b6770"


def _short(label: str, limit: int = 22) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _svg(width: int, height: int, body: list[str], title: str) -> SafeString:
    # Every interpolated text below is escaped; numbers are formatted by us.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def bar_chart(
    items: Sequence[dict[str, Any]], *, title: str, unit: str = "", max_value: float | None = None
) -> SafeString:
    """Horizontal bars: one row per item ({"label", "value"})."""
    row, label_w, width = 26, 170, 480
    height = max(row * len(items) + 10, 40)
    top = max_value or max((float(i["value"]) for i in items), default=0) or 1
    body = []
    for n, item in enumerate(items):
        y = 5 + n * row
        w = (width - label_w - 60) * float(item["value"]) / top
        colour = "#1d7a3c" if item.get("coalition") else ACCENT
        body.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="13">'
            f"{escape(_short(str(item['label'])))}</text>"
            f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
            f'fill="{colour}" rx="3"><title>{escape(item["label"])}: {item["value"]}{unit}</title>'
            f"</rect>"
            f'<text x="{label_w + w + 6:.1f}" y="{y + 17}" font-size="13" fill="{MUTED}">'
            f"{item['value']}{escape(unit)}</text>"
        )
    if not items:
        body.append(f'<text x="10" y="25" fill="{MUTED}">–</text>')
    return _svg(width, height, body, title)


def heatmap(labels: Sequence[str], matrix: Sequence[Sequence[int]], *, title: str) -> SafeString:
    """A square matrix (e.g. meetings by country pair): darker cells mean more."""
    n = len(labels)
    cell, margin = 30, 44
    size = margin + cell * max(n, 1) + 4
    top = max((v for r in matrix for v in r), default=0) or 1
    body = []
    for i, label in enumerate(labels):
        body.append(
            f'<text x="{margin - 6}" y="{margin + i * cell + 19}" text-anchor="end" '
            f'font-size="12">{escape(label)}</text>'
            f'<text x="{margin + i * cell + 15}" y="{margin - 8}" text-anchor="middle" '
            f'font-size="12">{escape(label)}</text>'
        )
        for j, value in enumerate(matrix[i]):
            shade = 0.08 + 0.92 * value / top if value else 0
            fill = f"rgba(11,92,173,{shade:.2f})" if value else "#f1f3f5"
            ink = "#fff" if shade > 0.55 else "#17212b"
            x, y = margin + j * cell, margin + i * cell
            body.append(
                f'<rect class="cell" x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                f'fill="{fill}"><title>{escape(label)} × {escape(labels[j])}: {value}</title>'
                "</rect>"
            )
            if value:
                body.append(
                    f'<text x="{x + 14}" y="{y + 19}" text-anchor="middle" font-size="11" '
                    f'fill="{ink}">{value}</text>'
                )
    return _svg(size, size, body, title)


def column_chart(
    items: Sequence[dict[str, Any]], *, title: str, capacity: int | None = None
) -> SafeString:
    """Vertical columns (e.g. tables used per slot) with an optional capacity line."""
    col, height, base = 18, 180, 150
    width = max(40 + col * len(items), 200)
    top = max([capacity or 0] + [float(i["value"]) for i in items]) or 1
    body = []
    for n, item in enumerate(items):
        h = (base - 10) * float(item["value"]) / top
        x = 30 + n * col
        body.append(
            f'<rect class="bar" x="{x}" y="{base - h:.1f}" width="{col - 4}" height="{h:.1f}" '
            f'fill="{ACCENT}"><title>{escape(item["label"])}: {item["value"]}</title></rect>'
        )
        if n % 4 == 0:
            body.append(
                f'<text x="{x}" y="{base + 16}" font-size="10" fill="{MUTED}">'
                f"{escape(item['short'])}</text>"
            )
    if capacity:
        y = base - (base - 10) * capacity / top
        body.append(
            f'<line x1="28" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b3261e" '
            f'stroke-dasharray="4 3"/><text x="2" y="{y + 4:.1f}" font-size="10" '
            f'fill="#b3261e">{capacity}</text>'
        )
    body.append(f'<line x1="28" x2="{width}" y1="{base}" y2="{base}" stroke="{MUTED}"/>')
    return _svg(width, height, body, title)
