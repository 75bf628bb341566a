"""The actions-and-results chart: a country's UN rank line (rank 1 at the top,
as in the other rank charts) with one action's start, and end where it falls
on the axis, drawn over it. No Textual import: the Timeline pane's actions
view and anything else can draw it on a plotext figure."""

from __future__ import annotations

from typing import Any

import polars as pl

from ..core import queries as q
from ..core.dataset import Dataset
from ..i18n import _, country_name
from .lines import draw_ranks
from .style import ChartStyle, Draw


def _pos(date: str | None, end: bool = False) -> float | None:
    """A YYYY or YYYY-MM(-DD) date as a position in years: the start of its year
    or month, or with ``end`` the end of it."""
    if not date:
        return None
    parts = date.split("-")
    y = float(parts[0])
    if len(parts) == 1:
        return y + (1.0 if end else 0.0)
    return y + (int(parts[1]) - (0 if end else 1)) / 12


def draw_action_ranks(
    plt: Any,
    chart: ChartStyle,
    data: pl.DataFrame,
    name: str,
    action: dict[str, object] | None,
) -> None:
    """The rank line, then the action's start (and end) as vertical lines."""
    iso3 = str(data["iso3"][0]) if len(data) else ""
    draw_ranks(plt, chart, data, {iso3: name}, _("UN e-government rank (1 = best)"))
    if action is None or not len(data):
        return
    years = data["year"].to_list()
    lo, hi = min(years), max(years)
    start = _pos(action.get("start"))  # type: ignore[arg-type]
    end = _pos(action.get("end"), end=True)  # type: ignore[arg-type]
    marks = []
    if start is not None and lo <= start <= hi:
        plt.vline(start, "red")
        marks.append(_("start"))
    if end is not None and lo <= end <= hi and end != start:
        plt.vline(end, "red")
        marks.append(_("end"))
    if marks:
        plt.title(
            _("UN rank (1 = best); vertical line: {marks}").format(marks=_(" and ").join(marks))
        )


def action_ranks_figure(ds: Dataset, iso3: str, action: dict[str, object] | None) -> Draw:
    """The data for one country and action, as a draw function."""
    data = q.series(ds, [iso3], "egdi_rank")
    name = country_name(ds, iso3, str(q.country(ds, iso3)["name"]))
    return lambda plt, c: draw_action_ranks(plt, c, data, name, action)
