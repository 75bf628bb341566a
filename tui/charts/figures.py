"""The figure builders: each asks the core for a chart's data and returns a
draw function, so a pane and ``ddx chart`` draw from the same frame (the one
module here that queries the core)."""

from __future__ import annotations

import polars as pl

from ..core import FOCUS
from ..core import queries as q
from ..core.compare import pretty
from ..core.dataset import Dataset
from ..i18n import _, country_name
from .bars import draw_grouped_bars, draw_hbars
from .lines import draw_components, draw_ranks
from .scatter import draw_scatter
from .style import Draw


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
