"""Map: Central Asia and its neighbours, each country shaded by the selected
survey indicator and edition in four fixed classes, with a legend, ISO3
labels and a caption on boundaries and sources."""

from __future__ import annotations

import polars as pl
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.markup import escape
from textual.widgets import Static

from ..core import FOCUS, geo
from ..core import queries as q
from ..widgets.map import ChoroplethMap
from .base import Pane, Provenance

STATUS_WORD = {"gap": "gap", "not_measured": "0, not measured"}


class MapPane(Pane):
    pane_id = "map"
    title = "Map"
    key = "8"
    step_help = "next / previous survey edition (shared with Rankings)"
    indicator_help = "cycle EGDI, OSI, TII, HCI, EPI (shared)"

    def compose(self) -> ComposeResult:
        yield Static("", id="map-head")
        with Horizontal(id="map-body"):
            yield ChoroplethMap(id="map-view")
            yield Static("", id="map-legend")
        yield Static("", id="map-caption")

    def on_mount(self) -> None:
        self.geometry = geo.MapGeometry(geo.load_rings(self.ds))
        # Every country with a shape is valued and classed (a wide widget shows more
        # than the base view); what is *reported* is what the raster shows.
        self.countries = list(self.geometry.codes)
        self.frame: pl.DataFrame = pl.DataFrame()
        self.fill: geo.Classes = geo.classify_fixed({})
        self.watch(self.ddx, "edition", lambda _: self.refresh_view(), init=False)
        self.watch(self.ddx, "indicator", lambda _: self.refresh_view(), init=False)
        self.refresh_view()

    def shown(self) -> pl.DataFrame:
        """The frame for the countries the map shows at its current size."""
        raster = self.query_one("#map-view", ChoroplethMap).last_raster
        codes = raster.shown() if raster is not None else self.geometry.in_view()
        return self.frame.filter(pl.col("iso3").is_in(codes) | pl.col("focus"))

    def on_choropleth_map_resized(self) -> None:
        self.query_one("#map-legend", Static).update(self.legend_text())

    def focus_main(self) -> None:
        self.query_one("#map-view", ChoroplethMap).focus()

    # -- keys ---------------------------------------------------------------------
    def step(self, delta: int) -> bool:
        before = self.ddx.edition
        self.ddx.step_edition(delta)
        return self.ddx.edition != before

    def cycle_indicator(self) -> bool:
        self.ddx.next_indicator()
        return True

    # -- view -----------------------------------------------------------------------
    def refresh_view(self) -> None:
        year, ind = self.ddx.edition, self.ddx.indicator
        short = q.INDICATOR_SHORT[ind]
        self.frame = geo.map_values(self.ds, year, ind, self.countries)
        self.fill = geo.classify_frame(self.frame)
        era = " · [b]readiness-era index[/b]" if year in q.READINESS_ERA else ""
        self.query_one("#map-head", Static).update(
            f"[b]{short} {year}[/b] {escape(q.INDICATOR_NAMES[ind])} · Central Asia and neighbours{era}\n"
            "[dim][ ] edition · i indicator · s source[/dim]"
        )
        self.query_one("#map-view", ChoroplethMap).show(
            self.geometry, self.fill, frozenset(FOCUS), (year, ind)
        )
        self.query_one("#map-legend", Static).update(self.legend_text())
        self.query_one("#map-caption", Static).update(
            f"Natural Earth 1:50m shapes: de facto boundaries · UN E-Gov Survey {year}"
        )

    def legend_text(self) -> Text:
        year, ind = self.ddx.edition, self.ddx.indicator
        view = self.query_one("#map-view", ChoroplethMap)
        text = Text()
        text.append(f"{q.INDICATOR_SHORT[ind]} {year}", "bold")
        text.append(", 4 classes\n")
        for b in reversed(self.fill.bins):
            text.append_text(view.swatch(b.index))
            text.append(f" {b.label}\n")
        text.append_text(view.swatch(geo.NO_DATA))
        text.append(" no data\n\n")
        for r in self.frame.filter(pl.col("focus")).iter_rows(named=True):
            val = q.fmt_index(r["value"]) if r["status"] == "value" else STATUS_WORD[r["status"]]
            text.append(r["iso3"], "bold")
            text.append(" ")
            text.append_text(view.swatch(self.fill.class_of(r["iso3"]), 1))
            text.append(f" {val}\n")
        gaps = self.shown().filter(pl.col("status") != "value")["iso3"].to_list()
        if gaps:
            text.append(f"\nno data: {', '.join(gaps)}\n")
        text.append("breaks: UN EGDI groups", "dim")
        return text

    # -- pane protocol -------------------------------------------------------------
    def provenance(self) -> list[Provenance]:
        year, ind = self.ddx.edition, self.ddx.indicator
        short = q.INDICATOR_SHORT[ind]
        items: list[Provenance] = []
        for r in self.frame.filter(pl.col("focus")).iter_rows(named=True):
            cav = list(q.figure_caveats(year, r["flags"], ind))
            if r["status"] == "gap":
                cav.append("gap")
            val = q.fmt_index(r["value"]) if r["status"] == "value" else STATUS_WORD[r["status"]]
            items.append(
                Provenance(
                    f"{r['country']}: {short} {val}", r["source_id"], tuple(cav), f"edition {year}"
                )
            )
        others = self.shown().filter(~pl.col("focus"))
        for src in sorted(set(others["source_id"].drop_nulls())):
            n = len(others.filter(pl.col("source_id") == src))
            items.append(
                Provenance(
                    f"Neighbours: {short} of {n} countries",
                    src,
                    geo.map_caveats(year),
                    f"edition {year}",
                )
            )
        gaps = self.shown().filter(pl.col("status") != "value")
        if len(gaps):
            words = ", ".join(
                f"{r['iso3']} ({STATUS_WORD[r['status']]})" for r in gaps.iter_rows(named=True)
            )
            items.append(
                Provenance(
                    f"No data class: {words}",
                    None,
                    ("gap",),
                    "a gap, or a 0 the survey flags as no assessed presence / probably missing",
                )
            )
        items.append(
            Provenance(
                "Classes: fixed breaks 0.25 / 0.50 / 0.75",
                None,
                ("project_reading",),
                "the UN survey's low/middle/high/very-high EGDI group bounds, applied by ddx to every index",
            )
        )
        items.append(
            Provenance(
                "Country shapes (Natural Earth 1:50m, simplified)",
                "natural_earth",
                (),
                "Natural Earth draws de facto boundaries; the map implies no position on any border or claim",
            )
        )
        return items

    def current_frame(self) -> pl.DataFrame:
        frame = self.shown()
        classes = [self.fill.class_of(c) for c in frame["iso3"]]
        labels = {b.index: b.label for b in self.fill.bins}
        return frame.drop("flags").with_columns(
            pl.lit(self.ddx.edition).alias("year"),
            pl.lit(self.ddx.indicator).alias("indicator"),
            pl.Series("class", [labels.get(k, "no data") for k in classes], dtype=pl.String),
        )

    def describe_state(self) -> str:
        return f"edition={self.ddx.edition} indicator={self.ddx.indicator} countries={len(self.shown())}"
