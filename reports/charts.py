"""Server-rendered SVG charts: horizontal bars and monthly lines.

Each chart sits beside the table it is drawn from, which is its text equivalent;
the SVG is marked `aria-hidden` and scales with its box (viewBox), so it reads
at 375 px. A suppressed cell ("<5") draws no bar and is labelled "<5".
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .tables import SUPPRESSED, Table

WIDTH = 600
BAR = 22
GAP = 8
LABEL = 180
PALETTE = ("#1f5f8b", "#c2571a", "#2e7d32", "#6a3d9a")


def _number(value) -> float | None:
    if isinstance(value, bool) or value is None or value == SUPPRESSED:
        return None
    return float(value) if isinstance(value, int | float) else None


def _short(text: str, limit: int = 28) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bars(table: Table, label_key: str, value_key: str) -> str:
    rows = table.rows[:12]
    values = [_number(row.get(value_key)) for row in rows]
    top = max([v for v in values if v is not None] or [0]) or 1
    height = len(rows) * (BAR + GAP) + GAP
    parts = [
        f'<svg class="report-chart" viewBox="0 0 {WIDTH} {height}" '
        f'preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false">'
    ]
    for index, (row, value) in enumerate(zip(rows, values, strict=True)):
        y = GAP + index * (BAR + GAP)
        parts.append(
            f'<text x="{LABEL - 6}" y="{y + BAR * 0.7:.1f}" text-anchor="end" '
            f'class="chart-label">{escape(_short(row.get(label_key, "")))}</text>'
        )
        width = 0 if value is None else (WIDTH - LABEL - 60) * value / top
        if width:
            parts.append(
                f'<rect x="{LABEL}" y="{y}" width="{width:.1f}" height="{BAR}" '
                f'fill="{PALETTE[0]}"></rect>'
            )
        shown = row.get(value_key)
        parts.append(
            f'<text x="{LABEL + width + 4:.1f}" y="{y + BAR * 0.7:.1f}" '
            f'class="chart-value">{escape("" if shown is None else shown)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def lines(table: Table, label_key: str, value_keys: list[str]) -> str:
    rows = table.rows
    height, left, bottom, top_pad = 260, 40, 40, 10
    plot_w, plot_h = WIDTH - left - 30, height - bottom - top_pad
    series = {key: [_number(row.get(key)) for row in rows] for key in value_keys}
    peak = max([v for vs in series.values() for v in vs if v is not None] or [0]) or 1
    step = plot_w / max(len(rows) - 1, 1)
    total_height = height + 20 * len(value_keys)
    labels = {column.key: str(column.label) for column in table.columns}
    parts = [
        f'<svg class="report-chart" viewBox="0 0 {WIDTH} {total_height}" '
        f'preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false">',
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" '
        f'y2="{top_pad + plot_h}" stroke="#888"></line>',
        f'<text x="{left - 4}" y="{top_pad + 10}" text-anchor="end" '
        f'class="chart-value">{peak:g}</text>',
        f'<text x="{left - 4}" y="{top_pad + plot_h}" text-anchor="end" '
        f'class="chart-value">0</text>',
    ]
    every = max(1, len(rows) // 6)
    for index, row in enumerate(rows):
        if index % every == 0:
            parts.append(
                f'<text x="{left + index * step:.1f}" y="{top_pad + plot_h + 16}" '
                f'text-anchor="{"end" if 0 < index == len(rows) - 1 else "middle"}" '
                f'class="chart-label">'
                f"{escape(row.get(label_key, ''))}</text>"
            )
    for number, key in enumerate(value_keys):
        colour = PALETTE[number % len(PALETTE)]
        points = [
            f"{left + i * step:.1f},{top_pad + plot_h - plot_h * v / peak:.1f}"
            for i, v in enumerate(series[key])
            if v is not None
        ]
        if points:
            parts.append(
                f'<polyline points="{" ".join(points)}" fill="none" '
                f'stroke="{colour}" stroke-width="2"></polyline>'
            )
        y = height + 20 * number
        parts.append(
            f'<rect x="{left}" y="{y - 10}" width="12" height="12" '
            f'fill="{colour}"></rect>'
            f'<text x="{left + 18}" y="{y}" class="chart-label">'
            f"{escape(labels.get(key, key))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def draw(table: Table) -> str:
    """The chart a table asks for, or an empty string."""
    if not table.chart or not table.rows:
        return ""
    kind, label_key, value_key = table.chart
    return (
        bars(table, label_key, value_key)
        if kind == "bars"
        else lines(table, label_key, value_key)
    )
