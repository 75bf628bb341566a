"""The charts ddx draws, with no Textual import: the TUI's Chart widget and the
``ddx chart`` command both call these, so a chart on a slide is the chart on
screen.

``render_text`` (``ddx chart``) and the Chart widget both pass what plotext
drew through ``ascii_figure`` when the style is ASCII: this module is the one
place ``--ascii`` is applied to a figure.

A draw function takes a plotext-like ``plt`` (the Chart widget's own, or a bare
plotext figure) and a *style*: anything with ``ascii``, ``marker(i)`` and
``size.width`` (the Chart widget has all three; ``Style`` below is the
command-line stand-in). The ``*_figure`` builders ask the core for the data
and return a draw function, so the pane and the CLI draw from the same frame.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import plotext._utility as _plotext_utility
import polars as pl

from ..ascii import ASCII_TABLE
from ..core import FOCUS, INDICES, infra
from ..core import queries as q
from ..core.compare import pretty
from ..core.dataset import Dataset
from ..i18n import N_, _


def _unique_in_order(data):  # type: ignore[no-untyped-def]
    return list(dict.fromkeys(data))


# plotext removes duplicate points with list(set(...)), whose order follows
# Python's per-process string hashing: the same chart then draws differently
# from one run to the next (which of two overlapping markers wins, which tick
# labels survive). Its own commented-out alternative keeps the order.
_plotext_utility.no_duplicates = _unique_in_order

COLORS = ("cyan", "orange", "green", "magenta", "yellow", "blue", "red", "white")
UNICODE_MARKERS = ("●", "■", "▲", "◆", "✚", "★", "▼", "◇")
ASCII_MARKERS = ("o", "x", "+", "*", "#", "@", "%", "&")


class _Size(Protocol):
    @property
    def width(self) -> int: ...

    @property
    def height(self) -> int: ...


class ChartStyle(Protocol):
    """What a draw function needs to know about where it draws."""

    @property
    def ascii(self) -> bool: ...

    @property
    def size(self) -> _Size: ...

    def marker(self, i: int) -> str: ...


@dataclass(frozen=True)
class _WH:
    width: int
    height: int


@dataclass(frozen=True)
class Style:
    """A chart drawn outside the TUI (``ddx chart``): its size and marker set."""

    width: int = 80
    height: int = 24
    ascii: bool = False

    @property
    def size(self) -> _WH:
        return _WH(self.width, self.height)

    def marker(self, i: int) -> str:
        markers = ASCII_MARKERS if self.ascii else UNICODE_MARKERS
        return markers[i % len(markers)]


Draw = Callable[[Any, ChartStyle], None]


# -- series helpers ---------------------------------------------------------------
def downsample(xs: Sequence[float], ys: Sequence[float | None], width: int) -> tuple[list, list]:
    """Keep about two points per column for long series (no-op for short ones)."""
    n = len(xs)
    limit = max(2 * width, 2)
    if n <= limit:
        return list(xs), list(ys)
    step = n / limit
    idx = sorted({int(i * step) for i in range(limit)} | {n - 1})
    return [xs[i] for i in idx], [ys[i] for i in idx]


def split_gaps(xs: Sequence[float], ys: Sequence[float | None]) -> list[tuple[list, list]]:
    """Runs of consecutive non-null points, so a gap is drawn as a gap."""
    runs: list[tuple[list, list]] = []
    cx: list = []
    cy: list = []
    for x, y in zip(xs, ys, strict=True):
        if y is None:
            if cx:
                runs.append((cx, cy))
            cx, cy = [], []
        else:
            cx.append(x)
            cy.append(y)
    if cx:
        runs.append((cx, cy))
    return runs


def _line(plt: Any, chart: ChartStyle, i: int, xs: list, ys: list, label: str) -> None:
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


# -- draw functions ----------------------------------------------------------------
def draw_ranks(
    plt: Any, chart: ChartStyle, data: pl.DataFrame, names: Mapping[str, str], title: str
) -> None:
    """Rank over editions with rank 1 at the top (ranks are plotted negated)."""
    worst = 1
    years: list[int] = sorted(set(data["year"]))
    for i, iso3 in enumerate(names):
        s = data.filter(pl.col("iso3") == iso3).sort("year")
        ys = [(-v if v is not None else None) for v in s["value"]]
        worst = max([worst] + [v for v in s["value"] if v is not None])
        _line(plt, chart, i, s["year"].to_list(), ys, f"{names[iso3]}")
    # As many round rank labels as the plot has room for (one row between
    # labels), so plotext never has to drop colliding ones; rank 1 for 0.
    rows = max(2, getattr(chart.size, "height", 24) - 5)
    room = max(2, (rows + 1) // 2)
    ticks = list(dict.fromkeys(max(1, int(t)) for t in nice_ticks(0, worst, room)))
    plt.yticks([-t for t in ticks], [str(t) for t in ticks])
    plt.ylim(-(worst + 2), 0)
    plt.xticks(years, [str(y)[2:] if len(years) > 8 else str(y) for y in years])
    plt.title(title)
    plt.xlabel(_("survey edition"))


def draw_components(plt: Any, chart: ChartStyle, data: pl.DataFrame, highlight: str) -> None:
    """EGDI and its parts over time; the highlighted index is listed first."""
    years = data["year"].to_list()
    order = [highlight] + [i for i in INDICES if i != highlight]
    for ind in order:
        ys = data[ind].to_list()
        mark = (" <" if chart.ascii else " ◀") if ind == highlight else ""
        _line(plt, chart, INDICES.index(ind), years, ys, q.INDICATOR_SHORT[ind] + mark)
    plt.ylim(0, 1.05)
    plt.xticks(years, [str(y)[2:] for y in years])
    plt.title(_("Index components (0-1); 2003-05 = readiness era"))
    plt.xlabel(_("survey edition"))


def nice_ticks(lo: float, hi: float, max_ticks: int) -> list[float]:
    """Round ticks from lo to hi: a step of 1, 2, 2.5 or 5 x 10^k, the
    smallest that gives at most ``max_ticks`` ticks (at least two)."""
    span = hi - lo
    if span <= 0:
        return [lo]
    max_ticks = max(2, max_ticks)
    k = math.floor(math.log10(span / max_ticks)) - 1
    while True:
        for m in (1, 2, 2.5, 5):
            step = m * 10.0**k
            first = math.ceil(lo / step - 1e-9)
            last = math.floor(hi / step + 1e-9)
            if last - first + 1 <= max_ticks:
                return [round(i * step, 10) for i in range(first, last + 1)]
        k += 1


def tick_label(t: float) -> str:
    """0, 0.25, 0.5, 1, 150: no trailing zeros."""
    return f"{t:.10g}"


def plot_rows(height: int, title: bool, xlabel: bool) -> int:
    """Rows plotext's plot area has in a figure ``height`` rows tall.

    Measured with plotext 5.3 (heights 5-40): the frame's top and bottom lines
    and the x tick labels' row always, plus one row for a title and one for
    an x label when there is one. A horizontal bar chart gets one bar per row
    at most: with more bars than rows plotext drops bars but keeps every tick
    label, so labels land on other bars.
    """
    return max(0, height - 3 - int(title) - int(xlabel))


def draw_hbars(
    plt: Any,
    chart: ChartStyle,
    labels: list[str],
    values: list[float | None],
    title: str,
    xlabel: str,
    lists_all: str = N_("the table lists all"),
) -> None:
    """Horizontal bars on a 0-1 axis; a missing value is shown as a labelled
    gap, not a zero.

    ``labels`` and ``values`` come best last (plotext draws the first bar at
    the bottom). When the plot has fewer rows than bars, the best bars are
    kept and the x label says how many are shown ("3 of 5 shown; ...").
    """
    n = len(labels)
    height = chart.size.height
    rows = plot_rows(height, bool(title), bool(xlabel))
    note = ""
    if n > rows:
        rows = plot_rows(height, bool(title), True)  # the note takes the x label's row
        keep = max(0, min(n, rows))
        note = _("{keep} of {n} shown; {lists_all}").format(keep=keep, n=n, lists_all=_(lists_all))
        labels, values = labels[n - keep :], values[n - keep :]  # the best are last
        full = f"{xlabel}; {note}" if xlabel else note
        xlabel = full if len(full) <= chart.size.width - 4 else note
    plt.title(title)
    if xlabel:  # on short charts the label costs a bar its row
        plt.xlabel(xlabel)
    if not labels:  # not even one bar fits: only the note
        plt.xticks([], [])
        plt.yticks([], [])
        return
    shown = [
        (lab if v is not None else f"{lab} {_('(gap)')}")
        for lab, v in zip(labels, values, strict=True)
    ]
    # A narrow bar: plotext then gives each bar its own row(s) and its label's
    # row (a wider bar spills into its neighbour's row at some heights).
    plt.bar(
        shown,
        [v if v is not None else 0 for v in values],
        orientation="horizontal",
        width=0.1,
        marker="#" if chart.ascii else "sd",
        color="cyan",
    )
    plt.xlim(0, 1)
    label_width = max(len(s) for s in shown)
    plot_width = chart.size.width - label_width - 3
    ticks = nice_ticks(0, 1, plot_width // 8)
    plt.xticks(ticks, [tick_label(t) for t in ticks])


# -- Infrastructure: one line per country, a gap stays a gap ------------------------
def draw_series(
    plt: Any, chart: ChartStyle, grid: pl.DataFrame, names: dict[str, str], meta: infra.SeriesMeta
) -> None:
    """One line per country; a missing year breaks the line (a gap stays a gap)."""
    years: list[int] = sorted(set(grid["year"].to_list()))
    for i, iso3 in enumerate(FOCUS):
        s = grid.filter(pl.col("iso3") == iso3).sort("year")
        for j, (rx, ry) in enumerate(split_gaps(s["year"].to_list(), s["value"].to_list())):
            plt.plot(
                rx,
                ry,
                marker=chart.marker(i),
                color=COLORS[i % len(COLORS)],
                label=names.get(iso3, iso3) if j == 0 else None,
            )
    if years:
        step = 5 if len(years) > 12 else 2
        ticks: list[float] = [y for y in years if y % step == 0]
        plt.xticks(ticks, [str(int(y)) for y in ticks])
    plt.ylim(0, None)
    plt.title(meta.name)
    plt.xlabel(_("year"))


# -- figures: the data behind each chart the TUI shows, then how to draw it ---------
# -- Compare: indices side by side, and a scatter of two indices -----------------
# Countries differ by fill pattern (bars) or marker and label (scatter), so the
# charts read the same under NO_COLOR.
UNICODE_FILLS = ("█", "▓", "▒", "░", "#", "=", "+", "%")
ASCII_FILLS = ("#", "=", "+", ":", "%", "@", "o", "x")


def fill(i: int, ascii_mode: bool) -> str:
    fills = ASCII_FILLS if ascii_mode else UNICODE_FILLS
    return fills[i % len(fills)]


def draw_grouped_bars(
    plt: Any, chart: ChartStyle, df: pl.DataFrame, highlight: str, title: str
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


def draw_scatter(
    plt: Any, chart: ChartStyle, sdf: pl.DataFrame, x: str, y: str, title: str
) -> None:
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


def focus_names(ds: Dataset) -> dict[str, str]:
    fc = q.focus_countries(ds)
    return dict(zip(fc["iso3"], fc["name"], strict=True))


def rankings_bars_figure(
    ds: Dataset,
    year: int,
    indicator: str = "egdi",
    scope: str = "central-asia",
    region: str | None = None,
) -> Draw:
    """Rankings pane, bar chart: the five's values in one edition (best at the top)."""
    df = q.ranking(ds, year, indicator, scope, region)
    view = df if scope == "central-asia" else df.filter(pl.col("focus"))
    # plotext draws the first horizontal bar at the bottom: list best last.
    view = view.sort("value", descending=False, nulls_last=False)
    labels, values = view["iso3"].to_list(), view["value"].to_list()
    short = q.INDICATOR_SHORT[indicator]
    title = f"{short} {year}" + ("" if scope == "central-asia" else " " + _("(the five)"))
    return lambda plt, c: draw_hbars(
        plt, c, labels, values, title, _("index 0-1"), _("`ddx rankings` lists all")
    )


def rankings_trajectory_figure(ds: Dataset, indicator: str = "egdi") -> Draw:
    """Rankings pane, trajectory: the five's world rank across editions."""
    col, derived = q.rank_column(indicator)
    if col is None:
        frames = [
            q.ranking(ds, y, indicator, "world").select(
                pl.lit(y).alias("year"), "iso3", pl.col("rank").alias("value")
            )
            for y in q.editions(ds)
        ]
        data = pl.concat(frames).filter(pl.col("iso3").is_in(list(FOCUS)))
    else:
        data = q.series(ds, list(FOCUS), col)
    names = focus_names(ds)
    title = (
        _("World rank by {short} (derived), 1 = best")
        if derived
        else _("World rank by {short}, 1 = best")
    ).format(short=q.INDICATOR_SHORT[indicator])
    return lambda plt, c: draw_ranks(plt, c, data, names, title)


def country_rank_figure(ds: Dataset, iso3: str) -> Draw:
    """Countries pane, rank chart: one country's UN rank across editions."""
    data = q.series(ds, [iso3], "egdi_rank")
    name = str(q.country(ds, iso3)["name"])
    return lambda plt, c: draw_ranks(
        plt, c, data, {iso3: name}, _("UN e-government rank (1 = best)")
    )


def country_components_figure(ds: Dataset, iso3: str, indicator: str = "egdi") -> Draw:
    """Countries pane, components chart: EGDI and its parts across editions."""
    data = q.components(ds, iso3)
    return lambda plt, c: draw_components(plt, c, data, indicator)


def render_text(draw: Draw, style: Style, color: bool = False) -> str:
    """Draw on a fresh plotext figure of the style's size and return the text."""
    from plotext._figure import _figure_class
    from plotext._utility import uncolorize

    from .plotsafe import safe_plot

    plt = _figure_class()
    draw(safe_plot(plt), style)  # the same order as the Chart widget: draw, then size and theme
    plt.plotsize(style.width, style.height)
    plt.theme("clear")
    out = plt.build()
    if style.ascii:
        out = ascii_figure(out)
    return out if color else uncolorize(out)


# The one place a figure is made ASCII (--ascii): plotext draws its frame and
# ticks in box drawing whatever the markers are, so the drawn text is converted.
_FIGURE_TABLE = {k: v for k, v in ASCII_TABLE.items() if len(v) == 1}


def ascii_figure(text: str) -> str:
    """A drawn figure in plain ASCII (frame, ticks, markers, fills), one
    character for one, so colour spans and layout stay where they were."""
    return text.translate(_FIGURE_TABLE)
