"""Draw functions for the Compare pane: indices side by side and a scatter of
two indices. Countries differ by fill pattern (bars) or marker and label
(scatter), so the charts read the same under ``NO_COLOR``."""

from __future__ import annotations

import polars as pl
from textual_plotext.plot import Plot

from ..core.compare import pretty
from ..core.schema import INDICES
from .chart import Chart
from .charts import COLORS

UNICODE_FILLS = ("█", "▓", "▒", "░", "#", "=", "+", "%")
ASCII_FILLS = ("#", "=", "+", ":", "%", "@", "o", "x")


def fill(i: int, ascii_mode: bool) -> str:
    fills = ASCII_FILLS if ascii_mode else UNICODE_FILLS
    return fills[i % len(fills)]


def draw_grouped_bars(
    plt: Plot, chart: Chart, df: pl.DataFrame, highlight: str, title: str
) -> None:
    """EGDI, OSI, TII, HCI, EPI as groups; one bar per country, in table order.

    A gap is drawn as no bar (height 0), never as an estimated value; the table
    under the chart says '—' for it.
    """
    hi = "▶" if not chart.ascii else ">"
    groups = [(hi + pretty(ind)) if ind == highlight else pretty(ind) for ind in INDICES]
    values = [
        [(v if v is not None else 0.0) for v in (row[ind] for ind in INDICES)]
        for row in df.iter_rows(named=True)
    ]
    n = len(values)
    # One bar call per country at explicit positions, with the x range pinned:
    # plotext's multiple_bar rounds the last series away from its group.
    w = 0.72 / max(n, 1)
    for i, ys in enumerate(values):
        xs = [g + 1 + (i - (n - 1) / 2) * w for g in range(len(INDICES))]
        plt.bar(xs, ys, marker=fill(i, chart.ascii), color=COLORS[i % len(COLORS)], width=w * 0.999)
    plt.xticks(list(range(1, len(INDICES) + 1)), groups)
    plt.xlim(0.5, len(INDICES) + 0.5)
    plt.ylim(0, 1)
    if chart.size.height >= 12:
        plt.yticks([0, 0.25, 0.5, 0.75, 1], ["0", ".25", ".5", ".75", "1"])
    else:  # too few rows for five labels: fewer, so none is dropped at random
        plt.yticks([0, 0.5, 1], ["0", ".5", "1"])
    plt.title(title)


def draw_scatter(plt: Plot, chart: Chart, sdf: pl.DataFrame, x: str, y: str, title: str) -> None:
    """One point per country with a distinct marker and its ISO3 code beside it."""
    for i, row in enumerate(sdf.iter_rows(named=True)):
        if row["x"] is None or row["y"] is None:
            continue
        plt.scatter([row["x"]], [row["y"]], marker=chart.marker(i), color=COLORS[i % len(COLORS)])
        # The label in the default colour: legible on any theme.
        plt.text(row["iso3"], row["x"] + 0.015, row["y"], alignment="left")
    plt.xlim(0, 1.08)
    plt.ylim(0, 1.02)
    ticks = [0, 0.25, 0.5, 0.75, 1]
    plt.xticks(ticks, ["0", ".25", ".5", ".75", "1"])
    if chart.size.height >= 14:
        plt.yticks(ticks, ["0", ".25", ".5", ".75", "1"])
    else:  # few rows: three labels, evenly spaced
        plt.yticks([0, 0.5, 1], ["0", ".5", "1"])
    plt.xlabel(pretty(x))
    plt.ylabel(pretty(y))
    plt.title(title)
