"""Every y axis has round ticks the same number of rows apart (issue 22):
plotext's rounding had put rank 1 and 25 two rows apart and 50 and 75 one,
which draws a false slope between them."""

from __future__ import annotations

import re

import pytest

from tui.charts.figures import (
    country_components_figure,
    country_rank_figure,
    focus_names,
    rankings_trajectory_figure,
)
from tui.charts.lines import draw_series
from tui.charts.render import render_text
from tui.charts.style import Style
from tui.core import infra
from tui.core.dataset import Dataset
from tui.paths import data_dir

DS = Dataset(data_dir(), [])
SIZES = [(w, h) for w in (50, 76, 118) for h in (9, 12, 15, 17, 20, 30)]
TICK = re.compile(r"^\s*([\d.,]+)┤")


def _series(code: str):  # type: ignore[no-untyped-def]
    grid, meta = infra.series_grid(DS, code), infra.series_meta(DS, code)
    return lambda plt, c: draw_series(plt, c, grid, focus_names(DS), meta)


FIGURES = {
    "trajectory": rankings_trajectory_figure(DS),
    "trajectory_epi": rankings_trajectory_figure(DS, "epi"),
    "country_rank_tkm": country_rank_figure(DS, "TKM"),
    "components": country_components_figure(DS, "KAZ"),
    "internet": _series(infra.SERIES_CODES[0]),
    "mobile": _series(infra.SERIES_CODES[2]),
}


@pytest.mark.parametrize("name", list(FIGURES))
def test_y_ticks_evenly_spaced(name: str) -> None:
    problems = []
    for width, height in SIZES:
        text = render_text(FIGURES[name], Style(width, height, False))
        rows = [
            (i, m.group(1)) for i, line in enumerate(text.splitlines()) if (m := TICK.match(line))
        ]
        gaps = {b[0] - a[0] for a, b in zip(rows, rows[1:], strict=False)}
        if len(gaps) > 1:
            problems.append(f"{width}x{height}: ticks {rows} are {sorted(gaps)} rows apart\n{text}")
    assert not problems, "\n".join(problems[:2])
