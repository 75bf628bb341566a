"""Tick layout and plotext's canvas geometry: round ticks that land the same
number of rows apart (a figure is a claim: 1-25 two rows apart and 50-75 one
would be a false one), labels in the current language's notation, and the rows
and columns plotext 5.3 leaves for the plot."""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..i18n import current_language


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
