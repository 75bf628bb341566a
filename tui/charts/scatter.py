"""The Compare scatter: one index against another, each point labelled where
a label fits without covering a point or another label, numbered in the key
where none does."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from ..core.compare import pretty
from ..i18n import _
from .labels import fit_text, fits_centred, key_text
from .style import COLORS, ChartStyle
from .ticks import canvas_size, cell, local_ticks


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
