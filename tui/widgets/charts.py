"""Draw functions for the charts the panes share. Each takes the chart's own
``plt`` and the frame the core computed; none of them touches data logic.

The drawing itself lives in ``tui/charts_draw.py`` (no Textual import) so that
``ddx chart`` prints exactly what a pane shows; the names stay importable from
here, and a ``Chart`` widget is a valid style for every one of them.
"""

from __future__ import annotations

from ..charts_draw import (
    COLORS,
    _line,
    country_components_figure,
    country_rank_figure,
    draw_components,
    draw_hbars,
    draw_ranks,
    rankings_bars_figure,
    rankings_trajectory_figure,
)

__all__ = [
    "COLORS",
    "_line",
    "country_components_figure",
    "country_rank_figure",
    "draw_components",
    "draw_hbars",
    "draw_ranks",
    "rankings_bars_figure",
    "rankings_trajectory_figure",
]
