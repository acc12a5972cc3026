"""The heatmap of a wrong array does not mislead: a one-row array has no row axis and tick
labels that do not overlap; an array with no finite value gets a note, not a colour bar."""

from __future__ import annotations

import itertools

import pytest

from webapp.plots import PlotDataError, heatmap_figure, heatmap_png


def _tick_boxes(fig, axis):
    renderer = fig.canvas.get_renderer()
    fig.canvas.draw()
    labels = [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]
    return [t.get_window_extent(renderer) for t in labels]


@pytest.mark.parametrize("width", [1, 7, 40, 200])
def test_a_one_row_array_has_readable_ticks_and_no_row_axis(width):
    fig = heatmap_figure([[float(i) for i in range(width)]])
    ax = fig.axes[0]
    assert list(ax.get_yticks()) == [] and ax.get_ylabel() == ""
    assert ax.get_xlabel() == "index"
    boxes = _tick_boxes(fig, ax.xaxis)
    assert boxes
    for left, right in itertools.pairwise(boxes):
        assert left.x1 <= right.x0, "x tick labels overlap"
    assert len(fig.axes) == 2  # the image and its colour bar


def test_a_1d_list_is_drawn_as_one_row():
    fig = heatmap_figure([0.5, 1.0, "inf", 2.0])
    assert fig.axes[0].get_images()[0].get_array().shape == (1, 4)


def test_an_all_nan_array_gets_a_note_instead_of_a_colour_bar():
    fig = heatmap_figure([["nan", "inf"], ["-inf", None]])
    assert len(fig.axes) == 1  # no colour bar
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["every value is NaN or infinite"]
    assert heatmap_png([["nan"]]).startswith(b"\x89PNG")


def test_a_tall_grid_keeps_its_row_ticks_apart():
    fig = heatmap_figure([[float(r * c) for c in range(5)] for r in range(60)])
    boxes = _tick_boxes(fig, fig.axes[0].yaxis)
    ordered = sorted(boxes, key=lambda b: b.y0)
    for low, high in itertools.pairwise(ordered):
        assert low.y1 <= high.y0, "y tick labels overlap"


@pytest.mark.parametrize("bad", [[], "text", [[1, 2], [3]], {"a": 1}])
def test_data_that_is_no_grid_is_refused(bad):
    with pytest.raises(PlotDataError):
        heatmap_figure(bad)
