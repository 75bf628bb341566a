"""Bar charts: horizontal bars (Rankings) and grouped bars (Compare), laid out
in whole cells so no bar rounds into a neighbour's row or column; a gap is no
bar and says so, never a zero or an estimate."""

from __future__ import annotations

from typing import Any

import polars as pl

from ..core import INDICES
from ..core.compare import pretty
from ..i18n import N_, _
from .labels import fit_text, fits_centred, key_text
from .style import COLORS, ChartStyle
from .ticks import canvas_size, local_ticks, nice_ticks, plot_rows, tick_label


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


# -- Compare: indices side by side ----------------------------------------------
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
