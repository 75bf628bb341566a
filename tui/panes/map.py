"""Map: Central Asia and its neighbours, each country shaded by the selected
survey indicator and edition in the UN survey's four EGDI groups, with the
five outlined and labelled, one of them pointed at (↑ ↓, a click, or the
country chosen elsewhere), a legend and a caption on boundaries and sources.

Country names and other data text reach Textual as plain ``Text``, never as
markup."""

from __future__ import annotations

import polars as pl
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from ..core import FOCUS, geo, geo_classes, geo_raster, geo_shapes
from ..core import queries as q
from ..core.schema import READINESS_INDEX
from ..i18n import N_, _, local_decimal, term
from ..widgets.map import ChoroplethMap
from ..widgets.sized import laid_out_size
from .base import Pane, Provenance, focus

STATUS_WORD = {"gap": N_("gap"), "not_measured": N_("0, not measured")}
# The UN survey's EGDI group names (tui/core/geo_classes.py), for the catalogue.
GROUP_WORDS = (N_("low"), N_("middle"), N_("high"), N_("very high"), N_("v. high"))
BREAKS = " / ".join(f"{b:.2f}" for b in geo_classes.FIXED_BREAKS)


class MapPane(Pane):
    pane_id = "map"
    step_help = N_("previous / next survey edition (shared with Rankings)")
    indicator_help = N_("cycle EGDI, OSI, TII, HCI, EPI (shared)")

    def compose(self) -> ComposeResult:
        yield Static("", id="map-head")
        with Horizontal(id="map-body"):
            yield ChoroplethMap(id="map-view")
            yield Static("", id="map-legend")
        yield Static("", id="map-caption")

    def on_mount(self) -> None:
        self.geometry = geo_raster.MapGeometry(geo_shapes.load_rings(self.ds))
        # Every country with a shape is valued and classed (a wide widget shows more
        # than the base view); what is *reported* is what the raster shows.
        self.countries = list(self.geometry.codes)
        self.frame: pl.DataFrame = pl.DataFrame()
        self.fill: geo_classes.Classes = geo_classes.classify_fixed({})
        self.follow("edition", self.refresh_view)
        self.follow("indicator", self.refresh_view)
        self.follow("country", self.show_map)
        # The legend's swatches are the theme's map colours, set when it is
        # made: a new theme makes it again (the map itself redraws by itself).
        self.follow("theme", self.show_map)
        self.refresh_view()

    def retranslate(self) -> None:
        self.refresh_view()

    def shown(self) -> pl.DataFrame:
        """The frame for the countries the map shows at its current size."""
        raster = self.query_one("#map-view", ChoroplethMap).last_raster
        codes = raster.shown() if raster is not None else self.geometry.in_view()
        return self.frame.filter(pl.col("iso3").is_in(codes) | pl.col("focus"))

    def on_choropleth_map_resized(self) -> None:
        self.query_one("#map-legend", Static).update(self.legend_text())
        self.show_caption()

    def on_choropleth_map_pointed(self, event: ChoroplethMap.Pointed) -> None:
        """↑ ↓ or a click on one of the five points at it (the shared country)."""
        event.stop()
        if event.iso3 in FOCUS:
            self.ddx.country = event.iso3

    def focus_main(self) -> None:
        focus(self.query_one("#map-view", ChoroplethMap))

    # -- keys ---------------------------------------------------------------------
    def step(self, delta: int) -> bool:
        """The next or previous edition, wrapping at the ends as the other panes do."""
        editions = self.ddx.editions
        if not editions:
            return False
        ed = self.ddx.edition
        i = editions.index(ed) if ed in editions else len(editions) - 1
        self.ddx.edition = editions[(i + delta) % len(editions)]
        return True

    def cycle_indicator(self) -> bool:
        self.ddx.next_indicator()
        return True

    # -- view -----------------------------------------------------------------------
    @property
    def selected(self) -> str | None:
        return self.ddx.country if self.ddx.country in self.geometry.codes else None

    def refresh_view(self) -> None:
        year, ind = self.ddx.edition, self.ddx.indicator
        self.frame = geo.map_values(self.ds, year, ind, self.countries)
        self.fill = geo.classify_frame(self.frame)
        head = Text()
        head.append(f"{q.INDICATOR_SHORT[ind]} {year}", "bold")
        head.append(f" {term(self.ds, ind, q.INDICATOR_NAMES[ind])} · ")
        if year in READINESS_INDEX:
            head.append(_("readiness-era index"), "bold")
        else:
            head.append(_("Central Asia and neighbours"))
        arrows = _("up/down") if self.ddx.ascii_mode else "↑ ↓"
        head.append(
            "\n"
            + _("[ ] edition · i indicator · {arrows} country · s source").format(arrows=arrows),
            "dim",
        )
        self.query_one("#map-head", Static).update(head)
        self.show_caption()
        self.show_map()

    def show_caption(self) -> None:
        """The shapes' and the values' sources, shortened (not cut) on a narrow window."""
        caption = self.query_one("#map-caption", Static)
        year = self.ddx.edition
        text = _("Natural Earth 1:50m shapes: de facto boundaries · UN E-Gov Survey {year}").format(
            year=year
        )
        if 0 < laid_out_size(caption).width < len(text):
            text = _("Shapes: Natural Earth (de facto) · UN E-Gov Survey {year}").format(year=year)
        caption.update(Text(text))

    def show_map(self) -> None:
        year, ind = self.ddx.edition, self.ddx.indicator
        self.query_one("#map-view", ChoroplethMap).show(
            self.geometry, self.fill, FOCUS, (year, ind), self.selected
        )
        self.query_one("#map-legend", Static).update(self.legend_text())

    def legend_text(self) -> Text:
        """The key, the five first; lines that do not fit the legend's height are
        counted in a last line, never dropped silently."""
        year, ind = self.ddx.edition, self.ddx.indicator
        view = self.query_one("#map-view", ChoroplethMap)
        lines: list[Text] = [
            Text.assemble((f"{q.INDICATOR_SHORT[ind]} {year}", "bold"), ", " + _("UN groups"))
        ]
        for r in self.frame.filter(pl.col("focus")).iter_rows(named=True):
            val = (
                local_decimal(q.fmt_index(r["value"]))
                if r["status"] == "value"
                else _(STATUS_WORD[r["status"]])
            )
            # the country pointed at: reversed, as its label on the map
            here = r["iso3"] == self.selected
            lines.append(
                Text.assemble(
                    (r["iso3"], "bold reverse underline" if here else "bold"),
                    " ",
                    view.swatch(self.fill.class_of(r["iso3"]), 1),
                    f" {val}",
                )
            )
        for b in reversed(self.fill.bins):
            label = local_decimal(b.label.replace("–", "-") if view.ascii else b.label)
            lines.append(
                Text.assemble(view.swatch(b.index), f" {label} {_(b.name.replace('very ', 'v. '))}")
            )
        lines.append(Text.assemble(view.swatch(geo_classes.NO_DATA), " " + _("no data")))
        outline = view.outline_swatch()
        if outline is not None:
            lines.append(Text.assemble(outline, " " + _("border of the five")))
        elif view.ascii:
            lines.append(Text(_("ASCII: class by char"), "dim"))
        else:
            lines.append(Text(_("no colour: shading"), "dim"))
        gaps = self.shown().filter(pl.col("status") != "value")["iso3"].to_list()
        if gaps:
            lines.append(Text(_("no data: {codes}").format(codes=", ".join(gaps))))
        lines.append(Text(_("ddx breaks: UN groups"), "dim"))
        room = laid_out_size(self.query_one("#map-legend", Static)).height
        if 0 < room < len(lines):
            left = len(lines) - (room - 1)
            lines = lines[: room - 1] + [Text(_("+{n} more: enlarge").format(n=left), "dim")]
        return Text("\n").join(lines)

    # -- pane protocol -------------------------------------------------------------
    def provenance(self) -> list[Provenance]:
        year, ind = self.ddx.edition, self.ddx.indicator
        short = q.INDICATOR_SHORT[ind]
        items: list[Provenance] = []
        for r in self.frame.filter(pl.col("focus")).iter_rows(named=True):
            cav = list(q.figure_caveats(year, r["flags"], ind))
            if r["status"] == "gap":
                cav.append("gap")
            val = (
                local_decimal(q.fmt_index(r["value"]))
                if r["status"] == "value"
                else _(STATUS_WORD[r["status"]])
            )
            items.append(
                Provenance(
                    f"{self.country_label(r['iso3'], r['country'])}: {short} {val}",
                    r["source_id"],
                    tuple(cav),
                    _("edition {year}").format(year=year),
                )
            )
        others = self.shown().filter(~pl.col("focus"))
        for src in sorted(set(others["source_id"].drop_nulls())):
            n = len(others.filter(pl.col("source_id") == src))
            items.append(
                Provenance(
                    _("Neighbours: {short} of {n} countries").format(short=short, n=n),
                    src,
                    geo.map_caveats(year),
                    _("edition {year}").format(year=year),
                )
            )
        gaps = self.shown().filter(pl.col("status") != "value")
        if len(gaps):
            words = ", ".join(
                f"{r['iso3']} ({_(STATUS_WORD[r['status']])})" for r in gaps.iter_rows(named=True)
            )
            items.append(
                Provenance(
                    _("No data class: {codes}").format(codes=words),
                    None,
                    ("gap",),
                    _("a gap, or a 0 the survey flags as no assessed presence / probably missing"),
                )
            )
        # The breaks are ddx's choice; the values they sort come from the survey.
        values_source = next(iter(self.frame["source_id"].drop_nulls().sort()), None)
        items.append(
            Provenance(
                _(
                    "ddx's class breaks: {breaks} (values: {short} {year}, UN E-Government Survey)"
                ).format(breaks=BREAKS, short=short, year=year),
                values_source,
                ("ddx_class_breaks",),
                _(
                    "the UN survey's low / middle / high / very high EGDI group bounds, "
                    "applied by ddx to {short}"
                ).format(short=short),
            )
        )
        items.append(
            Provenance(
                _("Country shapes (Natural Earth 1:50m, simplified)"),
                "natural_earth",
                (),
                _(
                    "Natural Earth draws de facto boundaries; "
                    "the map implies no position on any border or claim"
                ),
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
        return (
            f"edition={self.ddx.edition} indicator={self.ddx.indicator} "
            f"countries={len(self.shown())} selected={self.selected}"
        )
