"""Line charts: ranks over editions, index components over time and the
Infrastructure series. A gap in the data breaks the line; the key under the
chart lists exactly the series drawn."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from ..core import FOCUS, INDICES, infra
from ..core import queries as q
from ..i18n import _
from .labels import fit_text, fits_centred, key_text
from .style import COLORS, ChartStyle
from .ticks import canvas_size, even_axis, fitted_ticks, nice_ticks, tick_label


# -- series helpers ---------------------------------------------------------------
def downsample(
    xs: Sequence[float], ys: Sequence[float | None], width: int
) -> tuple[list[float], list[float | None]]:
    """Keep about two points per column for long series (no-op for short ones)."""
    n = len(xs)
    limit = max(2 * width, 2)
    if n <= limit:
        return list(xs), list(ys)
    step = n / limit
    idx = sorted({int(i * step) for i in range(limit)} | {n - 1})
    return [xs[i] for i in idx], [ys[i] for i in idx]


def split_gaps(
    xs: Sequence[float], ys: Sequence[float | None]
) -> list[tuple[list[float], list[float]]]:
    """Runs of consecutive non-null points, so a gap is drawn as a gap."""
    runs: list[tuple[list[float], list[float]]] = []
    cx: list[float] = []
    cy: list[float] = []
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


LINE_MARKER = "braille"  # plotext's 2x4 dots a cell: lines at sub-cell resolution
ASCII_LINE_MARKER = "."


@dataclass(frozen=True)
class Series:
    """One line: its marker's index, its name in the key, and its points."""

    index: int
    name: str
    xs: list[float]
    ys: list[float | None]
    short: str = ""


def _draw_lines(
    plt: Any,
    chart: ChartStyle,
    series: Sequence[Series],
    ytick_labels: Sequence[str],
    title: str,
    lead: str,
) -> None:
    """Lines at sub-cell resolution (braille; dots in ASCII) with each
    series' own marker on its data points, and a key under the chart that
    lists exactly the series drawn (a series with no value is not drawn).

    The key takes the x label's row (``lead``, the x axis's unit, before it
    when there is room), never the plot: plotext's own legend is drawn over
    the data. Short names (ISO3 codes) are tried when the names do not fit;
    when not even those fit, the first series that do are drawn and the
    title says how many.
    """
    width = chart.size.width
    ytw = max((len(t) for t in ytick_labels), default=0)
    drawn = [s for s in series if any(y is not None for y in s.ys)]
    key = None
    keep = len(drawn)
    while keep > 0:
        # the axis's unit before full names: codes with the unit come first
        for bare in (False, True):
            for names in ([s.name for s in drawn], [s.short or s.name for s in drawn]):
                entries = [
                    (chart.marker(s.index), n) for s, n in zip(drawn[:keep], names, strict=False)
                ]
                key = key_text(entries, width, ytw, lead, bare=bare)
                if key is not None:
                    break
            if key is not None:
                break
        if key is not None:
            break
        keep -= 1
    if keep < len(drawn):
        note = _("{shown} of {total} shown").format(shown=keep, total=len(drawn))
        title = f"{title}; {note}" if fits_centred(f"{title}; {note}", width, ytw) else note
    drawn = drawn[:keep]
    line = ASCII_LINE_MARKER if chart.ascii else LINE_MARKER
    points = []
    for s in drawn:
        xs, ys = downsample(s.xs, s.ys, width)
        for rx, ry in split_gaps(xs, ys):
            plt.plot(rx, ry, marker=line, color=COLORS[s.index % len(COLORS)])
            points.append((s, rx, ry))
    # Markers over every line (no point is hidden by a line), a few columns
    # apart on long series so the lines stay readable; each run's ends always.
    every = max(1, math.ceil(sum(len(s.xs) for s in drawn[:1]) * 4 / max(width, 1)))
    marks: dict[int, tuple[list[float], list[float]]] = {}
    for s, rx, ry in points:
        mx, my = marks.setdefault(s.index, ([], []))
        for k in sorted(set(range(0, len(rx), every)) | {len(rx) - 1}):
            mx.append(rx[k])
            my.append(ry[k])
    for i, (mx, my) in marks.items():
        plt.scatter(mx, my, marker=chart.marker(i), color=COLORS[i % len(COLORS)])
    plt.title(fit_text(title, chart.size.width - 2))  # cut with …, not dropped
    if key:
        plt.xlabel(key)


# -- draw functions ----------------------------------------------------------------
def draw_ranks(
    plt: Any, chart: ChartStyle, data: pl.DataFrame, names: Mapping[str, str], title: str
) -> None:
    """Rank over editions with rank 1 at the top (ranks are plotted negated)."""
    worst = 1
    years: list[int] = sorted(set(data["year"]))
    series = []
    for i, iso3 in enumerate(names):
        s = data.filter(pl.col("iso3") == iso3).sort("year")
        ys = [(-v if v is not None else None) for v in s["value"]]
        worst = max([worst] + [v for v in s["value"] if v is not None])
        series.append(Series(i, f"{names[iso3]}", s["year"].to_list(), ys, iso3))
    # As many round rank labels as the plot has room for (one row between
    # labels), so plotext never has to drop colliding ones, the same number
    # of rows apart (even_axis). The top of the axis is rank 0, labelled 1
    # when rank 1 falls in that same row.
    rows = max(2, getattr(chart.size, "height", 24) - 5)
    room = max(2, (rows + 1) // 2)
    canvas_rows = canvas_size(chart.size.width, chart.size.height, ["100"], True, True)[1]
    ticks = fitted_ticks(0, worst, canvas_rows, room)
    lo, hi, per_row = even_axis(ticks, canvas_rows)
    if per_row < 2:  # rank 1 would be a row below the top: no label for it
        ticks = ticks[1:]
    labels = ["1" if t == 0 else str(int(t)) for t in ticks]
    plt.yticks([-t for t in ticks], labels)
    plt.ylim(-hi, -lo)
    plt.xticks(years, [str(y)[2:] if len(years) > 8 else str(y) for y in years])
    _draw_lines(plt, chart, series, labels, title, _("survey edition"))


def draw_components(plt: Any, chart: ChartStyle, data: pl.DataFrame, highlight: str) -> None:
    """EGDI and its parts over time on the full 0-1 scale; the highlighted
    index is listed first and marked in the key."""
    years = data["year"].to_list()
    order = [highlight] + [i for i in INDICES if i != highlight]
    series = []
    for ind in order:
        mark = ("<" if chart.ascii else "◀") if ind == highlight else ""
        name = q.INDICATOR_SHORT[ind] + mark
        series.append(Series(INDICES.index(ind), name, years, data[ind].to_list()))
    rows = canvas_size(chart.size.width, chart.size.height, ["0.0"], True, True)[1]
    ticks = nice_ticks(0, 1, max(2, (rows + 1) // 2))
    labels = [tick_label(t) for t in ticks]
    plt.yticks(ticks, labels)
    plt.ylim(*even_axis(ticks, rows)[:2])
    plt.xticks(years, [str(y)[2:] for y in years])
    title = _("Index components (0-1); 2003-05 = readiness era")
    _draw_lines(plt, chart, series, labels, title, _("survey edition"))


# -- Infrastructure: one line per country, a gap stays a gap ------------------------
def draw_series(
    plt: Any, chart: ChartStyle, grid: pl.DataFrame, names: dict[str, str], meta: infra.SeriesMeta
) -> None:
    """One line per country; a missing year breaks the line (a gap stays a gap)."""
    years: list[int] = sorted(set(grid["year"].to_list()))
    series = []
    for i, iso3 in enumerate(FOCUS):
        s = grid.filter(pl.col("iso3") == iso3).sort("year")
        xs, ys = s["year"].to_list(), s["value"].to_list()
        series.append(Series(i, names.get(iso3, iso3), xs, ys, iso3))
    values = [v for v in grid["value"].to_list() if v is not None]
    top = float(max(values, default=1.0)) or 1.0
    rows = canvas_size(chart.size.width, chart.size.height, [], True, True)[1]
    # the axis ends on a round value at or above the data
    ticks = fitted_ticks(0, top, rows, max(2, (rows + 1) // 2))
    labels = [tick_label(t) for t in ticks]
    plt.yticks(ticks, labels)
    if len(ticks) >= 2:
        rows = canvas_size(chart.size.width, chart.size.height, labels, True, True)[1]
        plt.ylim(*even_axis(ticks, rows)[:2])
    else:
        plt.ylim(0, top)
    if years:
        step = 5 if len(years) > 12 else 2
        xt: list[float] = [y for y in years if y % step == 0]
        plt.xticks(xt, [str(int(y)) for y in xt])
    _draw_lines(plt, chart, series, labels, meta.name, _("year"))
