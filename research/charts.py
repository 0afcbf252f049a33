"""Forest-plot geometry: pure Python, no Django, so it can be tested exactly.

Ratios (RR, OR, HR) sit on a log scale with the no-effect line at 1, so that a
halving and a doubling are the same distance from it; differences (RD, MD) sit
on a linear scale with the line at 0. The SVG markup lives in a template
(research/includes/forest_plot.html); this module only decides where things go.
"""

import math
from dataclasses import dataclass, field

from portal.numbers import decimal_text

RATIO = "ratio"
DIFFERENCE = "difference"

# The drawing is 360 units wide: on a 320 px phone (less page margins) 13-unit
# text is still about 12 px; the page caps its width so it does not balloon on
# a desktop, and the same viewBox prints crisply at any size.
WIDTH = 360
MARGIN = 20
ROW_HEIGHT = 46
TOP = 10
AXIS_SPACE = 58
LABEL_CHARS = 46  # per line; a longer label wraps onto more lines
LINE_HEIGHT = 15

LOG_TICKS = [
    0.01,
    0.02,
    0.05,
    0.1,
    0.2,
    0.5,
    1.0,
    2.0,
    5.0,
    10.0,
    20.0,
    50.0,
    100.0,
]


@dataclass(frozen=True)
class PlotInput:
    label: str
    estimate: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    summary: str = ""


@dataclass(frozen=True)
class RowGeometry:
    label: str
    lines: tuple[str, ...]  # the label wrapped to fit the drawing, one per line
    summary: str
    label_y: float
    y: float
    x: float
    x_low: float | None
    x_high: float | None
    side: str  # "lower", "higher" or "none", relative to no effect
    crosses_null: bool

    @property
    def has_whisker(self) -> bool:
        return self.x_low is not None and self.x_high is not None


@dataclass
class Plot:
    kind: str
    width: int
    height: float
    left: float
    right: float
    null_x: float
    null_value: float
    axis_y: float
    ticks: list[tuple[float, str]] = field(default_factory=list)
    rows: list[RowGeometry] = field(default_factory=list)


class Scale:
    """Maps a value in [low, high] onto [left, right], on a log or linear axis."""

    def __init__(self, kind: str, low: float, high: float, left: float, right: float):
        if high <= low:
            raise ValueError("The axis needs high > low.")
        self.kind, self.low, self.high = kind, low, high
        self.left, self.right = left, right

    def _t(self, value: float) -> float:
        if self.kind == RATIO:
            return (math.log(value) - math.log(self.low)) / (
                math.log(self.high) - math.log(self.low)
            )
        return (value - self.low) / (self.high - self.low)

    def x(self, value: float) -> float:
        return round(self.left + self._t(value) * (self.right - self.left), 2)


def _format_tick(value: float) -> str:
    text = f"{value:g}"
    return "0" if text == "-0" else decimal_text(text)


def ratio_domain(values: list[float]) -> tuple[float, float, list[float]]:
    """1-2-5 ticks covering every value, symmetric about 1 on the log scale so the
    no-effect line sits in the middle and "lower" and "higher" get equal room."""
    if any(v <= 0 for v in values):
        raise ValueError("Ratios must be positive to sit on a log scale.")
    low, high = min([*values, 1.0]), max([*values, 1.0])
    if low < LOG_TICKS[0] or high > LOG_TICKS[-1]:
        # Beyond 1:100 either way: fall back to the data's own range.
        return low, high, [t for t in LOG_TICKS if low <= t <= high]
    centre = LOG_TICKS.index(1.0)
    i_low = max(i for i, t in enumerate(LOG_TICKS) if t <= low)
    i_high = min(i for i, t in enumerate(LOG_TICKS) if t >= high)
    reach = max(centre - i_low, i_high - centre, 1)
    ticks = LOG_TICKS[centre - reach : centre + reach + 1]
    if len(ticks) > 7:
        # Too crowded for a phone: keep powers of ten and the two ends.
        ends = (ticks[0], ticks[-1])
        ticks = [t for t in ticks if t in ends or math.log10(t).is_integer()]
    return ticks[0], ticks[-1], ticks


def difference_domain(values: list[float]) -> tuple[float, float, list[float]]:
    """A linear axis with round steps that covers every value and 0."""
    reach = max(abs(v) for v in [*values, 0.0]) or 1.0
    low, high = -reach, reach  # symmetric about 0, like the ratio axis about 1
    raw = (high - low) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    count = round((end - start) / step)
    ticks = [round(start + i * step, 10) for i in range(count + 1)]
    return start, end, ticks


def wrap(label: str, width: int = LABEL_CHARS) -> tuple[str, ...]:
    """Break a label into lines of at most `width` characters, at spaces; a word
    longer than a line is cut so nothing runs off the drawing."""
    lines: list[str] = []
    current = ""
    for word in label.split():
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return tuple(lines) or ("",)


def forest_plot(kind: str, inputs: list[PlotInput]) -> Plot | None:
    """Lay out one forest plot; rows without an estimate are left out (they are
    in the table). Returns None when nothing can be drawn."""
    if kind not in (RATIO, DIFFERENCE):
        raise ValueError(f"Unknown plot kind {kind!r}")
    rows = [row for row in inputs if row.estimate is not None]
    if not rows:
        return None
    values = [
        v
        for row in rows
        for v in (row.estimate, row.ci_low, row.ci_high)
        if v is not None
    ]
    if kind == RATIO:
        low, high, ticks = ratio_domain(values)
        null_value = 1.0
    else:
        low, high, ticks = difference_domain(values)
        null_value = 0.0
    left, right = MARGIN, WIDTH - MARGIN
    scale = Scale(kind, low, high, left, right)
    geometry = []
    top = TOP
    for row in rows:
        lines = wrap(row.label)
        label_y = top + 16
        y = label_y + (len(lines) - 1) * LINE_HEIGHT + 16
        top += ROW_HEIGHT + (len(lines) - 1) * LINE_HEIGHT
        has_ci = row.ci_low is not None and row.ci_high is not None
        if row.estimate < null_value:
            side = "lower"
        elif row.estimate > null_value:
            side = "higher"
        else:
            side = "none"
        geometry.append(
            RowGeometry(
                label=row.label,
                lines=lines,
                summary=row.summary,
                label_y=label_y,
                y=y,
                x=scale.x(row.estimate),
                x_low=scale.x(row.ci_low) if has_ci else None,
                x_high=scale.x(row.ci_high) if has_ci else None,
                side=side,
                crosses_null=bool(has_ci and row.ci_low <= null_value <= row.ci_high),
            )
        )
    axis_y = top + 4
    return Plot(
        kind=kind,
        width=WIDTH,
        height=axis_y + AXIS_SPACE,
        left=left,
        right=right,
        null_x=scale.x(null_value),
        null_value=null_value,
        axis_y=axis_y,
        ticks=[(scale.x(t), _format_tick(t)) for t in ticks],
        rows=geometry,
    )
