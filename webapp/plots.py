"""Pictures of what went wrong, drawn on the server with matplotlib's Agg backend.

Two kinds, both from a case's ``detail`` in the result document:
- ``error_map``: a 2-D list of ``|expected - actual|`` (a 1-D list is drawn as one row);
- ``series``: ``{"label": "loss", "learner": [...], "reference": [...]}``, a curve against
  the reference's (values may be ``None`` where they were not finite).

matplotlib is imported on first use, not at import time, and only the object-oriented API
is used (no ``pyplot`` global state), so concurrent requests in threads do not share figures.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any


class PlotDataError(ValueError):
    """The detail does not hold data a picture can be drawn from."""


def _figure(width: float, height: float):  # -> matplotlib.figure.Figure
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def _finite_float(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return math.nan
    return number


def heatmap_png(error_map: Any, *, title: str = "|expected − actual|") -> bytes:
    """A heatmap of a 2-D (or 1-D) array of absolute errors, as PNG bytes."""
    return _png(heatmap_figure(error_map, title=title))


def heatmap_figure(error_map: Any, *, title: str = "|expected − actual|"):  # -> Figure
    """The heatmap's figure: a colour bar and the worst cell marked when some value is
    finite; when none is, a note saying so instead of a colour bar of nothing."""
    import numpy as np

    if not isinstance(error_map, Sequence) or isinstance(error_map, str) or not error_map:
        raise PlotDataError("error_map must be a non-empty list (of lists) of numbers")
    rows = error_map if isinstance(error_map[0], Sequence) else [error_map]
    try:
        grid = np.array([[_finite_float(v) for v in row] for row in rows], dtype=float)
    except (TypeError, ValueError) as exc:  # ragged rows
        raise PlotDataError(f"error_map is not rectangular: {exc}") from exc
    if grid.ndim != 2 or grid.size == 0:
        raise PlotDataError(f"error_map has shape {grid.shape}; expected a 2-D grid")
    n_rows, n_cols = grid.shape
    width = min(9.0, max(3.5, 0.35 * n_cols + 1.8))
    height = min(7.0, max(1.8, 0.35 * n_rows + 1.2))
    fig = _figure(width, height)
    ax = fig.add_subplot()
    from matplotlib import colormaps
    from matplotlib.ticker import MaxNLocator

    cmap = colormaps["magma_r"].with_extremes(bad="#3b82f6")  # NaN / inf cells in blue
    finite = np.isfinite(grid)
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, aspect="auto", interpolation="nearest")
    # integer ticks, few enough not to overlap however small the figure is
    ax.xaxis.set_major_locator(MaxNLocator(nbins=max(2, int(width * 1.6)), integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=max(2, int(height * 2)), integer=True))
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("index" if n_rows == 1 else "column")
    if n_rows == 1:  # a 1-D array: one row, no row axis to read
        ax.set_yticks([])
    else:
        ax.set_ylabel("row")
    if not finite.any():  # a colour bar of nothing would mislead: say what the blue means
        ax.text(
            0.5,
            0.5,
            "every value is NaN or infinite",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=10,
            color="white",
            bbox={"facecolor": "#1e3a8a", "edgecolor": "none", "pad": 4},
        )
        return fig
    fig.colorbar(image, ax=ax, shrink=0.9)
    worst = np.unravel_index(np.nanargmax(np.where(finite, grid, -np.inf)), grid.shape)
    ax.scatter(
        [worst[1]],
        [worst[0]],
        marker="s",
        s=80,
        facecolors="none",
        edgecolors="#16a34a",
        linewidths=2,
    )  # the page's caption explains the green square
    return fig


def loss_curve_png(series: Any) -> bytes:
    """The learner's curve (e.g. loss per epoch) against the reference's, as PNG bytes."""
    if not isinstance(series, dict) or not series:
        raise PlotDataError('series must be a dict like {"learner": [...], "reference": [...]}')
    fig = _figure(6.0, 3.4)
    ax = fig.add_subplot()
    styles = {
        "reference": {"color": "#64748b", "linestyle": "--"},
        "learner": {"color": "#dc2626", "linewidth": 2},
    }
    drawn = 0
    for name in sorted(series, key=lambda n: (n != "reference", n)):
        values = series[name]
        if not isinstance(values, Sequence) or isinstance(values, str):
            continue
        ys = [_finite_float(v) for v in values]
        label = "your code" if name == "learner" else str(name)
        ax.plot(range(1, len(ys) + 1), ys, label=label, **styles.get(name, {}))
        drawn += 1
    if not drawn:
        raise PlotDataError("series holds no list of numbers")
    label = series.get("label") if isinstance(series.get("label"), str) else "loss"
    ax.set_title(f"{label} per step: yours against the reference", fontsize=10)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("step")
    ax.set_ylabel(label)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return _png(fig)


def progress_png(points: Sequence[Any]) -> bytes:
    """Exercises passed and points earned over time (``TimelinePoint``s), as PNG bytes."""
    if not points:
        raise PlotDataError("no graded submission to plot")
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.ticker import MaxNLocator

    fig = _figure(7.6, 3.0)
    ax = fig.add_subplot()
    times = [p.when for p in points]
    ax.step(
        times,
        [p.passed for p in points],
        where="post",
        color="#15803d",
        linewidth=2,
        label="exercises passed",
    )
    ax.set_ylabel("exercises passed")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    twin = ax.twinx()
    twin.plot(
        times,
        [p.points for p in points],
        color="#2563eb",
        marker=".",
        linewidth=1,
        label="points (best scores)",
    )
    twin.set_ylabel("points")
    ax.set_ylim(bottom=0)
    twin.set_ylim(bottom=0)
    locator = AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.grid(alpha=0.3)
    handles = ax.get_legend_handles_labels()
    twin_handles = twin.get_legend_handles_labels()
    ax.legend(
        handles[0] + twin_handles[0], handles[1] + twin_handles[1], fontsize=8, loc="upper left"
    )
    return _png(fig)


__all__ = ["PlotDataError", "heatmap_figure", "heatmap_png", "loss_curve_png", "progress_png"]
