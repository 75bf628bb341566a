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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import plotext._utility as _plotext_utility
import polars as pl

from ..ascii import ASCII_TABLE
from ..core import FOCUS, INDICES, infra
from ..core import queries as q
from ..core.compare import pretty
from ..core.dataset import Dataset
from ..i18n import N_, _, country_name, current_language


def _unique_in_order(data: Iterable[object]) -> list[object]:
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


def fitted_ticks(lo: float, hi: float, rows: int, max_ticks: int) -> list[float]:
    """Round ticks from ``lo`` to at least ``hi`` (one more tick above the data
    when the last falls short) that use a canvas ``rows`` tall well when laid
    out evenly (even_axis): the most ticks that leave at most a quarter of the
    rows empty under the last, else the fewest rows left over."""
    best: tuple[int, int, list[float]] | None = None
    for n in range(max(2, max_ticks), 1, -1):
        ticks = nice_ticks(lo, hi, n)
        if len(ticks) >= 2 and ticks[-1] < hi:
            ticks.append(round(ticks[-1] + ticks[1] - ticks[0], 10))
        if len(ticks) < 2 or len(ticks) > max(2, max_ticks) + 1:
            continue
        spans = len(ticks) - 1
        left = (rows - 1) - spans * max(1, (rows - 1) // spans)
        if left < 0:
            continue
        key = (0 if left <= max(1, (rows - 1) // 4) else left, -len(ticks))
        if best is None or key < best[:2]:
            best = (*key, ticks)
    return best[2] if best else nice_ticks(lo, hi, max_ticks)


def even_axis(ticks: Sequence[float], rows: int) -> tuple[float, float, float]:
    """The axis limits (lo, hi) that put evenly spaced ``ticks`` the same whole
    number of rows apart on a canvas ``rows`` tall, the first tick on the
    first row, and the units one row spans.

    plotext puts ``x`` in row ``floor(0.5 + (rows - 1) * (x - lo) / (hi - lo))``:
    with ``hi - lo = (rows - 1) * step / m``, tick k lands on row ``k * m``
    exactly. Without this, rounding put 1-25 two rows apart and 50-75 one.
    """
    if len(ticks) < 2 or rows < 2:
        lo, hi = (ticks[0], ticks[-1]) if ticks else (0.0, 1.0)
        return lo, hi if hi > lo else lo + 1, 1.0
    step = ticks[1] - ticks[0]
    m = max(1, (rows - 1) // (len(ticks) - 1))
    per_row = step / m
    return ticks[0], ticks[0] + (rows - 1) * per_row, per_row


def tick_label(t: float) -> str:
    """0, 0.25, 0.5, 1, 150: no trailing zeros; the decimal comma in Russian
    and Uzbek (0,25), as the tables beside the chart write it."""
    return local_ticks([f"{t:.10g}"])[0]


def local_ticks(labels: Sequence[str]) -> list[str]:
    """Axis labels (``.25``, ``0.5``) in the current language's notation.

    English charts may drop the leading zero (``.25``, a usual short form that
    keeps a narrow chart's axis narrow); a decimal comma with no digit before
    it (``,25``) is not a form Russian or Uzbek readers know, so there the zero
    stays (``0,25``)."""
    if current_language() == "en":
        return list(labels)
    return [("0" + label if label.startswith(".") else label).replace(".", ",") for label in labels]


def fit_text(text: str, width: int) -> str:
    """``text``, or its start and "…" when it is wider than ``width`` cells."""
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)].rstrip() + "…"


def plot_rows(height: int, title: bool, xlabel: bool) -> int:
    """Rows plotext's plot area has in a figure ``height`` rows tall.

    Measured with plotext 5.3 (heights 5-40): the frame's top and bottom lines
    and the x tick labels' row always, plus one row for a title and one for
    an x label when there is one. A horizontal bar chart gets one bar per row
    at most: with more bars than rows plotext drops bars but keeps every tick
    label, so labels land on other bars.
    """
    return max(0, height - 3 - int(title) - int(xlabel))


def canvas_size(
    width: int, height: int, ytick_labels: Sequence[str], title: bool, lowbar: bool
) -> tuple[int, int]:
    """Columns and rows of plotext's canvas (the inside of the frame).

    plotext 5.3 (``_build.py``): the width less the y tick labels and the two
    frame columns; the height less the frame's two rows, the x tick labels'
    row, and a row each for a title and for the bottom bar (x and y labels).
    A value ``x`` on an axis from ``lo`` to ``hi`` falls in cell
    ``floor(0.5 + (cells - 1) * (x - lo) / (hi - lo))``.
    """
    ytw = max((len(t) for t in ytick_labels), default=0)
    return width - ytw - 2, height - 3 - int(title) - int(lowbar)


def cell(v: float, lo: float, hi: float, cells: int) -> int:
    """The cell plotext draws ``v`` in (see :func:`canvas_size`)."""
    return math.floor(round(0.5 + (cells - 1) * (v - lo) / (hi - lo), 8))


def fits_centred(text: str, width: int, ytick_width: int, left: int = 0) -> bool:
    """Whether plotext draws ``text`` centred on the canvas (the title, the x
    label): it drops a string that would leave the figure or touch another
    one (``left``: columns already taken at the start of the row)."""
    canvas = width - ytick_width - 2
    col = ytick_width + 1 + canvas // 2 - len(text) // 2
    return col - 1 >= (left if left else -1) and col + len(text) <= width


def key_text(
    entries: Sequence[tuple[str, str]],
    width: int,
    ytick_width: int,
    lead: str = "",
    left: int = 0,
    bare: bool = True,
) -> str | None:
    """The key as one line under the chart (marker and name per series drawn),
    in the longest form that fits: with ``lead`` (the x axis's unit), then
    (``bare``) without it, then with tighter spacing. ``None`` when no form fits."""
    forms = [
        "  ".join(f"{m} {name}" for m, name in entries),
        " ".join(f"{m}{name}" for m, name in entries),
    ]
    for form in forms:
        for text in ([f"{lead}: {form}"] if lead else []) + ([form] if bare or not lead else []):
            if fits_centred(text, width, ytick_width, left):
                return text
    return None


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
        if len(note) > chart.size.width - 4:  # a narrow chart: the count, never nothing
            note = fit_text(
                _("{shown} of {total} shown").format(shown=keep, total=n), chart.size.width - 4
            )
        labels, values = labels[n - keep :], values[n - keep :]  # the best are last
        full = f"{xlabel}; {note}" if xlabel else note
        xlabel = full if len(full) <= chart.size.width - 4 else note
    # plotext drops a title wider than the chart: cut it with "…" instead.
    plt.title(fit_text(title, chart.size.width - 2))
    if xlabel:  # on short charts the label costs a bar its row
        plt.xlabel(xlabel)
    if not labels:  # not even one bar fits: only the note
        plt.xticks([], [])
        plt.yticks([], [])
        return
    # A gap says "(gap)"; a value of exactly 0 draws no bar (a one-cell bar
    # would read as a small value) and its label gives the number.
    shown = [
        (lab if v else f"{lab} {tick_label(0)}" if v is not None else f"{lab} {_('(gap)')}")
        for lab, v in zip(labels, values, strict=True)
    ]
    # Each bar a line one row high, laid out in whole rows (the y axis counts
    # the canvas's rows). plotext's own bars are rectangles that can round
    # into two rows, the second unlabelled, when rows and bars do not divide.
    n = len(shown)
    rows = plot_rows(height, bool(title), bool(xlabel))
    step = max(1, (rows - 1) // (n - 1)) if n > 1 else 1
    first = (rows - 1 - step * (n - 1)) // 2
    ys = [first + i * step for i in range(n)]
    block = "#" if chart.ascii else "█"
    for y, v in zip(ys, values, strict=True):
        if v:  # a gap or a 0 draws nothing; its label says "(gap)" or "0"
            plt.plot([0, v], [y, y], marker=block, color="cyan")
    plt.ylim(0, max(rows - 1, 1))
    plt.yticks(ys, shown)
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

    Every bar is laid out in whole cells (the x axis counts the canvas's
    columns), so bars never share a column and each group keeps a gap. A gap
    in the source is drawn as no bar, never as an estimated value; the table
    under the chart says '—' for it. The key under the chart lists the fill
    of every country drawn; when the chart is too narrow for every country,
    the first that fit are drawn and the title says how many.
    """
    hi = "▶" if not chart.ascii else ">"
    groups = [(hi + pretty(ind)) if ind == highlight else pretty(ind) for ind in INDICES]
    rows = [(row["iso3"], [row[ind] for ind in INDICES]) for row in df.iter_rows(named=True)]
    if chart.size.height >= 12:
        yt, yl = [0, 0.25, 0.5, 0.75, 1], local_ticks(["0", ".25", ".5", ".75", "1"])
    else:  # too few rows for five labels: fewer, so none is dropped at random
        yt, yl = [0, 0.5, 1], local_ticks(["0", ".5", "1"])
    width, ytw = chart.size.width, max(len(t) for t in yl)
    cols, _rows = canvas_size(width, chart.size.height, yl, True, True)
    n, g = len(rows), len(INDICES)
    per_group = cols // g
    keep = max(0, min(n, per_group - 1))  # one column a country, one between groups
    key = None
    while keep > 0:
        entries = [(fill(i, chart.ascii), iso3) for i, (iso3, _v) in enumerate(rows[:keep])]
        key = key_text(entries, width, ytw)
        if key is not None:
            break
        keep -= 1
    if keep < n:
        note = _("{shown} of {total} shown").format(shown=keep, total=n)
        title = f"{title}; {note}" if fits_centred(f"{title}; {note}", width, ytw) else note
    plt.title(fit_text(title, chart.size.width - 2))  # cut with …, not dropped
    if key:
        plt.xlabel(key)
    if keep == 0 or cols < g:
        plt.xticks([], [])
        plt.yticks([], [])
        return
    bar = max(1, min(4, (per_group - 2) // keep))  # columns per bar
    block = bar * keep
    margin = (cols - per_group * g) // 2
    starts = [margin + gi * per_group + (per_group - block) // 2 for gi in range(g)]
    centres = [start + (block - 1) / 2 for start in starts]
    for i, (_iso3, vals) in enumerate(rows[:keep]):
        for start, v in zip(starts, vals, strict=True):
            if v is None:  # a gap: no bar
                continue
            # One call a bar, its columns adjacent: plotext sizes a bar's width
            # by the spacing of the x values in its call, so 0.1 of a column
            # fills exactly the columns listed.
            xs = [start + i * bar + k for k in range(bar)]
            plt.bar(
                xs, [v] * bar, marker=fill(i, chart.ascii), color=COLORS[i % len(COLORS)], width=0.1
            )
    plt.xticks(centres, groups)
    plt.xlim(0, cols - 1)
    plt.ylim(0, 1)
    plt.yticks(yt, yl)


def _place_labels(
    points: Sequence[tuple[int, int, str]], cols: int, rows: int
) -> list[tuple[int, int] | None]:
    """A start cell for each point's label (``None``: no room; the point is
    then numbered and named in the key). A label lies beside its point, to
    the right or left, on its row or the next one up or down; it never covers
    a point or comes within a column of another label on its row."""
    markers = {(c, r) for c, r, _ in points}
    taken: set[tuple[int, int]] = set()  # label cells, each with a column either side
    out: list[tuple[int, int] | None] = []
    for c, r, label in points:
        n = len(label)
        spots = [(c + 1, r), (c - n, r)]
        for dr in (1, -1):
            spots += [(c + 1, r + dr), (c - n, r + dr), (c - n // 2, r + dr)]
        chosen = None
        for sc, sr in spots:
            span = [(sc + k, sr) for k in range(n)]
            if sc < 0 or sc + n > cols or not 0 <= sr < rows:
                continue
            if any(p in taken for p in span):
                continue
            # one free column either side: a label never touches another point
            near = {(sc + k, sr) for k in range(-1, n + 1)} - {(c, r)}
            if near & markers:
                continue
            chosen = (sc, sr)
            taken.update((sc + k, sr) for k in range(-1, n + 1))
            break
        out.append(chosen)
    return out


def draw_scatter(
    plt: Any, chart: ChartStyle, sdf: pl.DataFrame, x: str, y: str, title: str
) -> None:
    """One point per country with a distinct marker and its ISO3 code beside
    it, placed so no label covers a point or another label. A point whose
    label has no room is drawn as a number, named in the key under the chart;
    countries in one cell share a point and a label (``KAZ/KGZ``)."""
    xmax, ymax = 1.08, 1.02
    ticks = [0, 0.25, 0.5, 0.75, 1]
    if chart.size.height >= 14:
        yt, yl = ticks, local_ticks(["0", ".25", ".5", ".75", "1"])
    else:  # few rows: three labels, evenly spaced
        yt, yl = [0, 0.5, 1], local_ticks(["0", ".5", "1"])
    width, ytw = chart.size.width, max(len(t) for t in yl)
    cols, rows = canvas_size(width, chart.size.height, yl, True, True)
    cells: dict[tuple[int, int], list[tuple[int, str, float, float]]] = {}
    gaps: list[str] = []
    for i, row in enumerate(sdf.iter_rows(named=True)):
        if row["x"] is None or row["y"] is None:
            gaps.append(row["iso3"])
            continue
        at = (cell(row["x"], 0, xmax, cols), cell(row["y"], 0, ymax, rows))
        cells.setdefault(at, []).append((i, row["iso3"], row["x"], row["y"]))
    points = [(c, r, "/".join(p[1] for p in ps)) for (c, r), ps in cells.items()]
    spots = _place_labels(points, cols, rows) if cols > 0 and rows > 0 else [None] * len(points)
    numbered: list[tuple[str, str]] = []
    for (_c, _r, label), ps, spot in zip(points, cells.values(), spots, strict=True):
        i, _iso3, px, py = ps[0]
        marker = chart.marker(i)
        if spot is None:
            marker = str(len(numbered) + 1)
            numbered.append((marker, label))
        plt.scatter([px], [py], marker=marker, color=COLORS[i % len(COLORS)])
        if spot is not None:  # the label in the default colour: legible on any theme
            sc, sr = spot
            plt.text(
                label, sc * xmax / max(cols - 1, 1), sr * ymax / max(rows - 1, 1), alignment="left"
            )
    plt.xlim(0, xmax)
    plt.ylim(0, ymax)
    plt.xticks(ticks, local_ticks(["0", ".25", ".5", ".75", "1"]))
    plt.yticks(yt, yl)
    ylabel = pretty(y)
    xlabel: str | None = pretty(x)
    if numbered:
        xlabel = key_text(numbered, width, ytw, pretty(x), left=len(ylabel))
        if xlabel is None:  # the key before the y label: the title names the y axis
            ylabel = ""
            xlabel = key_text(numbered, width, ytw, pretty(x))
    if xlabel:
        plt.xlabel(xlabel)
    if ylabel:
        plt.ylabel(ylabel)
    if gaps:  # a country left out says so on the chart itself
        note = _("not drawn (gap): {codes}").format(codes=", ".join(gaps))
        title = f"{title}; {note}" if fits_centred(f"{title}; {note}", width, ytw) else note
    plt.title(fit_text(title, chart.size.width - 2))  # cut with …, not dropped


def compare_bars_figure(df: pl.DataFrame, year: int, highlight: str) -> Draw:
    """Compare pane and ``ddx chart compare``: EGDI and its parts as groups."""
    title = _("{year}: EGDI and its parts, 0-1 (fill = country, key below)").format(year=year)
    return lambda plt, c: draw_grouped_bars(plt, c, df, highlight, title)


def compare_scatter_figure(sdf: pl.DataFrame, year: int, x: str, y: str) -> Draw:
    """Compare pane and ``ddx chart compare --scatter``: one index against another."""
    title = _("{year}: {x} (x) vs {y} (y)").format(year=year, x=pretty(x), y=pretty(y))
    return lambda plt, c: draw_scatter(plt, c, sdf, x, y, title)


def focus_names(ds: Dataset) -> dict[str, str]:
    """The five's names in the current language (the tables' English names else)."""
    fc = q.focus_countries(ds)
    return {
        iso3: country_name(ds, iso3, str(name))
        for iso3, name in zip(fc["iso3"], fc["name"], strict=True)
    }


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
    name = country_name(ds, iso3, str(q.country(ds, iso3)["name"]))
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
    # the size asked for, not capped at the terminal's (a slide, a pipe)
    plt._limit_size(False, False)
    plt.plotsize(style.width, style.height)
    plt.theme("clear")
    out: str = plt.build()
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
