"""Every chart ddx draws is honest at every size: each chart the
panes and ``ddx chart`` draw is rendered as text at sizes from 40x6 to 240x70,
over editions, indicators and selections, then read back:

* every labelled bar's length matches its value to within one cell;
* every series drawn is in the key under the chart, and the key lists
  exactly the series that have data;
* no label overwrites another (each point's label is found whole, once);
* a chart that draws fewer items than it was given says so ("k of n shown");
* with ``--ascii`` the whole figure is ASCII, frame included.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATA
from tests.unit.test_bar_honesty import check_bars
from tui.charts.actions import draw_action_ranks
from tui.charts.bars import ASCII_FILLS, UNICODE_FILLS, draw_grouped_bars
from tui.charts.figures import focus_names, rankings_bars_figure
from tui.charts.lines import draw_components, draw_ranks, draw_series
from tui.charts.render import render_text
from tui.charts.scatter import draw_scatter
from tui.charts.style import ASCII_MARKERS, UNICODE_MARKERS, Style
from tui.core import Dataset, infra
from tui.core import actions as act
from tui.core import compare as cmp
from tui.core import queries as q
from tui.core.schema import FOCUS, INDICES

DS = Dataset(DATA)
EDITIONS = q.editions(DS)
NAMES = focus_names(DS)
NOTE = re.compile(r"(\d+) of (\d+) shown")


@dataclass
class Plot:
    """A rendered chart split into its parts: the rows and columns inside the
    frame, and the lines under it (x tick labels, then the key)."""

    text: str
    area: list[str]
    below: list[str]

    @property
    def key(self) -> str:
        return self.below[-1] if self.below else ""

    def column(self, c: int) -> str:
        """Column ``c`` of the plot area, bottom to top."""
        return "".join(row[c] for row in reversed(self.area))


def read(text: str, ascii_mode: bool) -> Plot:
    lines = text.split("\n")
    tl, tr, bl = ("+", "+", "+") if ascii_mode else ("┌", "┐", "└")
    top = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith(tl))
    left, right = lines[top].index(tl), lines[top].rindex(tr)
    frame = set("-+") if ascii_mode else set("└─┬┴┘")
    bottom = next(
        i
        for i in range(top + 1, len(lines))
        if lines[i][left : left + 1] == bl and set(lines[i][left : right + 1]) <= frame
    )
    area = [ln[left + 1 : right].ljust(right - left - 1) for ln in lines[top + 1 : bottom]]
    below = [ln for ln in lines[bottom + 2 :] if ln.strip()]
    return Plot(text, area, below)


def note_of(text: str) -> tuple[int, int] | None:
    m = NOTE.search(text)
    return (int(m.group(1)), int(m.group(2))) if m else None


def check_lines(plot: Plot, markers: list[str], with_data: list[bool], ascii_mode: bool) -> None:
    """Every marker drawn is in the key; the key lists exactly the series
    with data (or the first k of them, with a note saying so)."""
    key_markers = [m for m in markers if m in plot.key]
    drawn = [m for m, d in zip(markers, with_data, strict=True) if d]
    note = note_of(plot.text)
    if note:
        assert note[1] == len(drawn) and note[0] < len(drawn), plot.text
        drawn = drawn[: note[0]]
    assert key_markers == drawn, f"key {plot.key!r} != drawn {drawn}\n{plot.text}"
    in_area = {ch for row in plot.area for ch in row if ch in markers}
    assert in_area <= set(key_markers), f"{in_area - set(key_markers)} not in the key\n{plot.text}"


def check_grouped(plot: Plot, df: pl.DataFrame, ascii_mode: bool) -> None:
    """Each country's bars, left to right, have its values' heights (one
    cell's tolerance), in their own columns; the key lists each fill drawn."""
    fills = ASCII_FILLS if ascii_mode else UNICODE_FILLS
    rows = len(plot.area)
    codes = df["iso3"].to_list()
    note = note_of(plot.text)
    shown = note[0] if note else len(codes)
    if note:
        assert note[1] == len(codes), plot.text
    else:
        assert shown == len(codes)
    for i, iso3 in enumerate(codes[:shown]):
        f = fills[i]
        assert f"{f} {iso3}" in plot.key or f"{f}{iso3}" in plot.key, plot.text
        # a gap is no bar; so is a zero (plotext fills from 0 to the value)
        want = [df[ind][i] for ind in INDICES if df[ind][i]]
        runs: list[list[int]] = []
        prev = False
        for c in range(len(plot.area[0])):
            col = plot.column(c)
            here = col[:1] == f
            if here:
                height = len(col.rstrip(" "))
                assert set(col.rstrip(" ")) == {f}, f"{iso3}: column {c} shared\n{plot.text}"
                if prev:
                    assert runs[-1][-1] == height, f"{iso3}: ragged bar\n{plot.text}"
                    runs[-1].append(height)
                else:
                    runs.append([height])
            prev = here
        assert len(runs) == len(want), f"{iso3}: {len(runs)} bars for {len(want)}\n{plot.text}"
        for run, v in zip(runs, want, strict=True):
            expected = math.floor(0.5 + (rows - 1) * v) + 1
            assert abs(run[0] - expected) <= 1, f"{iso3}={v}: {run[0]} cells\n{plot.text}"


def check_scatter(plot: Plot, sdf: pl.DataFrame, ascii_mode: bool) -> None:
    """Each plotted point's label is found whole, exactly once: in the plot
    beside it, or (a crowded point) as a number named in the key; no label
    covers a point (one marker or number per label)."""
    labels = [
        r["iso3"] for r in sdf.iter_rows(named=True) if r["x"] is not None and r["y"] is not None
    ]
    area = "\n".join(plot.area)
    for code in labels:
        found = len(re.findall(rf"(?<![A-Z]){code}(?![A-Z])", area))
        in_key = bool(re.search(rf"\d ?(\w+/)*{code}", plot.key))
        assert found + in_key == 1, f"{code}: {found} in the plot, key {plot.key!r}\n{plot.text}"
    gaps = [r["iso3"] for r in sdf.iter_rows(named=True) if r["iso3"] not in labels]
    if gaps:  # a country with a gap in x or y is named as not drawn
        assert f"not drawn (gap): {', '.join(gaps)}" in plot.text, plot.text
    markers = set(_markers(ascii_mode))
    marks = sum(ch in markers or ch.isdigit() for ch in area)
    groups = len(re.findall(r"[A-Z]{3}(?:/[A-Z]{3})*", area)) + len(
        re.findall(r"\d ?[A-Z]", plot.key)
    )
    assert marks == groups, f"{marks} points for {groups} labels\n{plot.text}"
    drawn_codes = re.findall(r"[A-Z]{3}", area)
    assert sorted(drawn_codes) == sorted(c for c in labels if c in drawn_codes), plot.text
    assert len(drawn_codes) == len(set(drawn_codes)), plot.text


# -- the charts: each a strategy giving (draw, check) ---------------------------


def _markers(ascii_mode: bool) -> tuple[str, ...]:
    return ASCII_MARKERS if ascii_mode else UNICODE_MARKERS


@st.composite
def rankings_bars(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    year, ind = draw(st.sampled_from(EDITIONS)), draw(st.sampled_from(INDICES))
    df = q.ranking(DS, year, ind, "central-asia")
    values = dict(zip(df["iso3"], df["value"], strict=True))
    return rankings_bars_figure(DS, year, ind), lambda p, a: check_bars(p.text, values, a)


@st.composite
def trajectory(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    ind = draw(st.sampled_from(INDICES))
    col, _ = q.rank_column(ind)
    if col is None:
        frames = [
            q.ranking(DS, y, ind, "world").select(
                pl.lit(y).alias("year"), "iso3", pl.col("rank").alias("value")
            )
            for y in EDITIONS
        ]
        data = pl.concat(frames).filter(pl.col("iso3").is_in(list(FOCUS)))
    else:
        data = q.series(DS, list(FOCUS), col)
    has = [data.filter(pl.col("iso3") == c)["value"].drop_nulls().len() > 0 for c in NAMES]

    def check(p: Plot, a: bool) -> None:
        check_lines(p, list(_markers(a)[: len(NAMES)]), has, a)

    return (lambda plt, c: draw_ranks(plt, c, data, NAMES, "World rank")), check


@st.composite
def country_rank(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    iso3 = draw(st.sampled_from(FOCUS))
    data = q.series(DS, [iso3], "egdi_rank")
    has = [data["value"].drop_nulls().len() > 0]
    if draw(st.booleans()):  # the Timeline's actions view: the same line, an action over it
        rows = act.actions_frame(DS, iso3).to_dicts()
        action = draw(st.sampled_from(rows)) if rows else None
        fig = lambda plt, c: draw_action_ranks(plt, c, data, NAMES[iso3], action)  # noqa: E731
    else:
        fig = lambda plt, c: draw_ranks(plt, c, data, {iso3: NAMES[iso3]}, "UN rank")  # noqa: E731
    return fig, lambda p, a: check_lines(p, [_markers(a)[0]], has, a)


@st.composite
def components(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    iso3, hl = draw(st.sampled_from(FOCUS)), draw(st.sampled_from(INDICES))
    data = q.components(DS, iso3)
    order = [hl] + [i for i in INDICES if i != hl]
    has = [data[i].drop_nulls().len() > 0 for i in order]

    def check(p: Plot, a: bool) -> None:
        check_lines(p, [_markers(a)[INDICES.index(i)] for i in order], has, a)

    return (lambda plt, c: draw_components(plt, c, data, hl)), check


SELECTIONS = st.lists(st.sampled_from(cmp.CANDIDATES), min_size=2, max_size=8, unique=True)


@st.composite
def grouped(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    year, hl = draw(st.sampled_from(EDITIONS)), draw(st.sampled_from(INDICES))
    df = cmp.compare_frame(DS, year, cmp.check_selection(DS, tuple(draw(SELECTIONS))))
    fig = lambda plt, c: draw_grouped_bars(plt, c, df, hl, f"{year}: EGDI and its parts")  # noqa: E731
    return fig, lambda p, a: check_grouped(p, df, a)


@st.composite
def scatter(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    year = draw(st.sampled_from(EDITIONS))
    x, y = draw(st.sampled_from(INDICES)), draw(st.sampled_from(INDICES))
    df = cmp.compare_frame(DS, year, cmp.check_selection(DS, tuple(draw(SELECTIONS))))
    sdf = cmp.scatter_frame(df, x, y)
    fig = lambda plt, c: draw_scatter(plt, c, sdf, x, y, f"{year}: x vs y")  # noqa: E731
    return fig, lambda p, a: check_scatter(p, sdf, a)


@st.composite
def infra_series(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    code = draw(st.sampled_from(infra.SERIES_CODES))
    grid, meta, names = infra.series_grid(DS, code), infra.series_meta(DS, code), infra.names(DS)
    has = [grid.filter(pl.col("iso3") == c)["value"].drop_nulls().len() > 0 for c in FOCUS]

    def check(p: Plot, a: bool) -> None:
        check_lines(p, list(_markers(a)[: len(FOCUS)]), has, a)

    return (lambda plt, c: draw_series(plt, c, grid, names, meta)), check


CHARTS = st.one_of(
    rankings_bars(),
    trajectory(),
    country_rank(),
    components(),
    grouped(),
    scatter(),
    infra_series(),
)


@settings(max_examples=120, deadline=None)
@given(
    chart=CHARTS,
    width=st.integers(40, 240),
    height=st.integers(6, 70),
    ascii_mode=st.booleans(),
)
def test_every_chart_reads_back_true(chart, width: int, height: int, ascii_mode: bool) -> None:  # type: ignore[no-untyped-def]
    fig, check = chart
    text = render_text(fig, Style(width=width, height=height, ascii=ascii_mode))
    if ascii_mode:
        assert text.isascii(), text
    check(read(text, ascii_mode), ascii_mode)
