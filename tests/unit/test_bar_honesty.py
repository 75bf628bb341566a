"""Rankings bars are honest at every size (tui/charts/bars.draw_hbars): each
labelled bar has its own country's length, no country is labelled twice, and
when the plot has too few rows for every bar the chart says how many it shows.

plotext drops horizontal bars when the plot has fewer rows than bars but keeps
every tick label, so left to itself it would put labels on other countries' bars."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import DATA
from tui.charts.figures import rankings_bars_figure
from tui.charts.render import render_text
from tui.charts.style import Style
from tui.charts.ticks import nice_ticks
from tui.core import Dataset
from tui.core import queries as q
from tui.core.schema import FOCUS, INDICES

DS = Dataset(DATA)
EDITIONS = q.editions(DS)
LABEL = re.compile(r"^\s*([A-Z]{3})( \(gap\)| 0)?[┤+]")
NOTE = re.compile(r"(\d+) of (\d+) shown")


def _values(year: int, indicator: str) -> dict[str, float | None]:
    df = q.ranking(DS, year, indicator, "central-asia")
    return dict(zip(df["iso3"], df["value"], strict=True))


def check_bars(text: str, values: dict[str, float | None], ascii_mode: bool) -> None:
    corner, fill_char = ("+", "#") if ascii_mode else ("┌", "█")
    lines = text.split("\n")
    tops = [i for i, line in enumerate(lines) if line.lstrip().startswith(corner)]
    assert tops, text
    top = lines[tops[0]].rstrip()
    plot_width = top.rindex(corner if ascii_mode else "┐") - top.index(corner) - 1
    seen: list[str] = []
    for line in lines[tops[0] + 1 :]:
        m = LABEL.match(line)
        if not m:
            # no bar spills into a row of its own, unlabelled (plotext's
            # rectangles did when the rows did not divide among the bars)
            assert fill_char not in line, f"an unlabelled bar row\n{text}"
            continue
        iso3 = m.group(1)
        assert iso3 in FOCUS, line
        assert iso3 not in seen, f"{iso3} labelled twice\n{text}"
        seen.append(iso3)
        v = values[iso3]
        if v is None:
            assert m.group(2) == " (gap)", line  # a gap is labelled as a gap
            continue
        cells = line[m.end() :].count(fill_char)
        if v == 0:  # a 0 draws no bar; its label gives the number
            assert m.group(2) == " 0" and cells == 0, f"{iso3}=0\n{text}"
            continue
        # plotext fills from the cell at 0 to the cell at v: v*(width-1)+1 cells
        assert abs(cells - (v * (plot_width - 1) + 1)) <= 1, f"{iso3}={v}: {cells}\n{text}"
    notes = NOTE.findall(text)
    if len(seen) < len(values):
        assert notes, f"bars left out without a word\n{text}"
    if notes:
        shown, total = map(int, notes[0])
        assert (shown, total) == (len(seen), len(values)), text
    else:
        assert len(seen) == len(values), text


@settings(max_examples=150, deadline=None)
@given(
    width=st.integers(40, 160),
    height=st.integers(5, 40),
    year=st.sampled_from(EDITIONS),
    indicator=st.sampled_from(INDICES),
    ascii_mode=st.booleans(),
)
def test_every_labelled_bar_is_its_own_country(
    width: int, height: int, year: int, indicator: str, ascii_mode: bool
) -> None:
    values = _values(year, indicator)
    style = Style(width=width, height=height, ascii=ascii_mode)
    text = render_text(rankings_bars_figure(DS, year, indicator), style)
    if ascii_mode:
        assert all(ord(ch) < 128 for ch in text), text
    check_bars(text, values, ascii_mode)


@pytest.mark.parametrize("ascii_mode", [False, True])
def test_60x7_draws_no_tjk_bar_with_kgz_length(ascii_mode: bool) -> None:
    year = EDITIONS[-1]
    values = _values(year, "egdi")
    text = render_text(
        rankings_bars_figure(DS, year, "egdi"), Style(width=60, height=7, ascii=ascii_mode)
    )
    check_bars(text, values, ascii_mode)
    assert "of 5 shown" in text


def test_nice_ticks() -> None:
    assert nice_ticks(0, 1, 5) == [0, 0.25, 0.5, 0.75, 1]
    assert nice_ticks(0, 1, 3) == [0, 0.5, 1]
    assert nice_ticks(0, 1, 11)[1] == 0.1
    assert nice_ticks(0, 193, 5) == [0, 50, 100, 150]
