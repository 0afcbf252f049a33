"""Forest-plot geometry for known estimates (research.charts is pure Python)."""

import itertools
import math

import pytest

from research.charts import (
    DIFFERENCE,
    RATIO,
    PlotInput,
    difference_domain,
    forest_plot,
    ratio_domain,
    wrap,
)


def one(kind, estimate, low=None, high=None):
    plot = forest_plot(kind, [PlotInput("row", estimate, low, high)])
    return plot, plot.rows[0]


def test_a_ratio_of_one_sits_exactly_on_the_no_effect_line():
    plot, row = one(RATIO, 1.0, 0.5, 2.0)
    assert row.x == plot.null_x
    assert row.side == "none"


def test_a_ratio_interval_that_crosses_one_crosses_the_line():
    # SIFT: adjusted RR 0.88 (0.68 to 1.16)
    plot, row = one(RATIO, 0.88, 0.68, 1.16)
    assert row.x_low < plot.null_x < row.x_high
    assert row.crosses_null


def test_an_interval_wholly_below_one_stays_left_of_the_line():
    # Probiotics: RR 0.54 (0.45 to 0.65)
    plot, row = one(RATIO, 0.54, 0.45, 0.65)
    assert row.x_low < row.x < row.x_high < plot.null_x
    assert row.side == "lower"
    assert not row.crosses_null


def test_a_raised_risk_sits_right_of_the_line():
    # Antibiotics: OR 2.72 (1.65 to 4.47)
    plot, row = one(RATIO, 2.72, 1.65, 4.47)
    assert plot.null_x < row.x_low < row.x < row.x_high
    assert row.side == "higher"


def test_ratios_use_a_log_scale_so_halving_and_doubling_are_equidistant():
    plot = forest_plot(
        RATIO, [PlotInput("half", 0.5, None, None), PlotInput("double", 2.0)]
    )
    half, double = plot.rows
    assert math.isclose(plot.null_x - half.x, double.x - plot.null_x, abs_tol=0.01)


def test_rows_are_ordered_left_to_right_by_value():
    plot = forest_plot(
        RATIO,
        [PlotInput("a", 0.2), PlotInput("b", 0.9), PlotInput("c", 1.5)],
    )
    xs = [row.x for row in plot.rows]
    assert xs == sorted(xs)


def test_a_missing_interval_draws_no_whisker():
    _plot, row = one(RATIO, 0.7, None, None)
    assert not row.has_whisker
    assert row.x_low is None and row.x_high is None


def test_rows_without_an_estimate_are_left_out_and_an_empty_plot_is_none():
    assert forest_plot(RATIO, [PlotInput("words only", None)]) is None
    plot = forest_plot(RATIO, [PlotInput("a", None), PlotInput("b", 0.5, 0.3, 0.8)])
    assert [r.label for r in plot.rows] == ["b"]


def test_everything_stays_inside_the_drawing():
    plot = forest_plot(
        RATIO,
        [PlotInput("tiny", 0.13, 0.02, 0.67), PlotInput("big", 2.72, 1.65, 4.47)],
    )
    for row in plot.rows:
        for x in (row.x, row.x_low, row.x_high):
            assert plot.left <= x <= plot.right
    assert plot.null_x == pytest.approx((plot.left + plot.right) / 2)


def test_the_ratio_axis_is_symmetric_about_one_with_readable_ticks():
    low, high, ticks = ratio_domain([0.45, 0.65])
    assert (low, high) == (0.2, 5.0)
    assert ticks == [0.2, 0.5, 1.0, 2.0, 5.0]


def test_non_positive_ratios_are_refused():
    with pytest.raises(ValueError):
        ratio_domain([0.0, 1.2])


def test_differences_use_a_linear_axis_with_the_line_at_zero():
    plot = forest_plot(
        DIFFERENCE,
        [PlotInput("zero", 0.0, -2.0, 2.0), PlotInput("minus", -3.0, -5.0, -1.0)],
    )
    zero, minus = plot.rows
    assert plot.null_value == 0.0
    assert zero.x == plot.null_x and zero.crosses_null
    assert minus.x_high < plot.null_x
    # linear: equal steps are equal distances
    low, high, ticks = difference_domain([-5.0, 2.0])
    assert ticks[0] == low and ticks[-1] == high
    gaps = {round(b - a, 6) for a, b in itertools.pairwise(ticks)}
    assert len(gaps) == 1


def test_long_labels_wrap_onto_lines_and_push_the_rows_down():
    label = "NEC before discharge: probiotics vs placebo or no probiotics, very "
    plot = forest_plot(RATIO, [PlotInput(label * 2, 0.5), PlotInput("b", 0.8)])
    first, second = plot.rows
    assert len(first.lines) > 1
    assert all(len(line) <= 46 for line in first.lines)
    assert " ".join(first.lines) == " ".join((label * 2).split())  # nothing cut
    assert first.y > first.label_y + (len(first.lines) - 1) * 15
    assert second.label_y > first.y
    assert wrap("x" * 100) == ("x" * 46, "x" * 46, "x" * 8)


def test_the_drawing_is_sized_by_its_rows():
    one_row = forest_plot(RATIO, [PlotInput("a", 0.5)])
    three = forest_plot(RATIO, [PlotInput(c, 0.5) for c in "abc"])
    assert three.height > one_row.height
    assert one_row.width == three.width == 360


def test_wide_ratio_axes_keep_only_readable_ticks():
    low, high, ticks = ratio_domain([0.02, 0.67])
    assert (low, high) == (0.02, 50.0)
    assert ticks == [0.02, 0.1, 1.0, 10.0, 50.0]
