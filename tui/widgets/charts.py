"""Draw functions for the charts the panes share. Each takes the chart's own
``plt`` and the frame the core computed; none of them touches data logic."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
from textual_plotext.plot import Plot

from ..core.queries import INDICATOR_SHORT
from ..core.schema import INDICES
from .chart import Chart, downsample, split_gaps

COLORS = ("cyan", "orange", "green", "magenta", "yellow", "blue", "red", "white")


def _line(plt: Plot, chart: Chart, i: int, xs: list, ys: list, label: str) -> None:
    """One series: gaps stay gaps; only the first run carries the legend label."""
    xs, ys = downsample(xs, ys, chart.size.width)
    for j, (rx, ry) in enumerate(split_gaps(xs, ys)):
        plt.plot(
            rx,
            ry,
            marker=chart.marker(i),
            color=COLORS[i % len(COLORS)],
            label=label if j == 0 else None,
        )


def draw_ranks(
    plt: Plot, chart: Chart, data: pl.DataFrame, names: Mapping[str, str], title: str
) -> None:
    """Rank over editions with rank 1 at the top (ranks are plotted negated)."""
    worst = 1
    years: list[int] = sorted(set(data["year"]))
    for i, iso3 in enumerate(names):
        s = data.filter(pl.col("iso3") == iso3).sort("year")
        ys = [(-v if v is not None else None) for v in s["value"]]
        worst = max([worst] + [v for v in s["value"] if v is not None])
        _line(plt, chart, i, s["year"].to_list(), ys, f"{names[iso3]}")
    top = 1
    step = 25 if worst > 100 else 10 if worst > 30 else 5
    ticks = [top] + list(range(step, worst + 1, step))
    plt.yticks([-t for t in ticks], [str(t) for t in ticks])
    plt.ylim(-(worst + 2), 0)
    plt.xticks(years, [str(y)[2:] if len(years) > 8 else str(y) for y in years])
    plt.title(title)
    plt.xlabel("survey edition")


def draw_components(plt: Plot, chart: Chart, data: pl.DataFrame, highlight: str) -> None:
    """EGDI and its parts over time; the highlighted index is listed first."""
    years = data["year"].to_list()
    order = [highlight] + [i for i in INDICES if i != highlight]
    for i, ind in enumerate(order):
        ys = data[ind].to_list()
        label = INDICATOR_SHORT[ind] + (" ◀" if ind == highlight and not chart.ascii else " <" if ind == highlight else "")
        _line(plt, chart, INDICES.index(ind), years, ys, label)
        del i
    plt.ylim(0, 1.05)
    plt.xticks(years, [str(y)[2:] for y in years])
    plt.title("Index components (0-1); 2003-05 = readiness era")
    plt.xlabel("survey edition")


def draw_hbars(plt: Plot, chart: Chart, labels: list[str], values: list[float | None], title: str, xlabel: str) -> None:
    """Horizontal bars; a missing value is shown as a labelled gap, not a zero."""
    shown = [(lab if v is not None else f"{lab} (gap)") for lab, v in zip(labels, values, strict=True)]
    plt.bar(shown, [v if v is not None else 0 for v in values], orientation="horizontal", width=0.4,
            marker="#" if chart.ascii else "sd", color="cyan")
    plt.title(title)
    plt.xlabel(xlabel)
