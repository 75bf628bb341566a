"""Infrastructure: internet users, fixed broadband and mobile subscriptions of
the five over time, the price of mobile data, the World Bank's Digital CASA
projects, Freedom on the Net and ITU IDI ranks; one view at a time, `[`/`]`
to move between views and `i` to cycle the three series.

This module is the pane: its widgets, keys and which view shows. What each
view shows and cites (rows, notes, provenance) is in tui/panes/infra_views.py."""

from __future__ import annotations

import polars as pl
from rich.console import RenderableType
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, DataTable, Static

from ..charts.lines import draw_series
from ..charts.widget import Chart
from ..core import infra
from ..i18n import N_, _, current_language
from ..textsafe import markup, plain
from ..widgets.infra_tables import fotn_renderable, idi_renderable
from ..widgets.tables import KeyTable
from . import infra_views as iv
from . import pane_spec
from .base import Pane, Provenance, focus

VIEWS = pane_spec("infrastructure").views
VIEW_LABEL = {
    "internet": N_("Internet"),
    "broadband": N_("Broadband"),
    "mobile": N_("Mobile"),
    "price": N_("Data price"),
    "casa": "Digital CASA",
    "fotn": N_("Net freedom"),
    "idi": "ICT IDI",
}
SERIES_VIEW = dict(zip(("internet", "broadband", "mobile"), infra.SERIES_CODES, strict=True))


class InfrastructurePane(Pane):
    pane_id = "infrastructure"
    step_help = N_(
        "previous / next view: internet users, broadband, mobile, data price, Digital CASA, "
        "Net freedom, ICT IDI"
    )
    indicator_help = N_("cycle internet users %, fixed broadband /100, mobile subscriptions /100")

    def compose(self) -> ComposeResult:
        yield Static("", id="infra-head")
        with ContentSwitcher(id="infra-switch", initial="infra-series"):
            with Vertical(id="infra-series"):
                yield Chart(id="infra-chart")
                yield Static("", id="infra-latest")
            with Vertical(id="infra-price"):
                yield KeyTable(id="infra-price-table", cursor_type="row")
                yield Static("", id="infra-price-note")
            with Vertical(id="infra-casa"):
                yield Static("", id="infra-casa-conflicts")
                yield KeyTable(id="infra-casa-table", cursor_type="row")
                yield Static("", id="infra-casa-note")
            with VerticalScroll(id="infra-fotn"):
                yield Static("", id="infra-fotn-text")
            with VerticalScroll(id="infra-idi"):
                yield Static("", id="infra-idi-text")

    def on_mount(self) -> None:
        # The chart takes focus on the series views, so switching here moves
        # focus off the pane left behind.
        self.query_one("#infra-chart", Chart).can_focus = True
        self.view = "internet"
        self.last_series = "internet"
        self.names = self._names()
        self.grid: pl.DataFrame = pl.DataFrame()
        self.latest: pl.DataFrame = pl.DataFrame()
        self.price = infra.mobile_price(self.ds)
        self.casa = infra.casa_projects(self.ds)
        self.fotn = {s: infra.fotn(self.ds, s) for s in infra.FOTN_SCALES}
        self.idi = infra.idi_ranks(self.ds)
        self._fill_price()
        self._fill_casa()
        self.query_one("#infra-fotn-text", Static).update(self._fotn_renderable())
        self.query_one("#infra-idi-text", Static).update(self._idi_renderable())
        self.show_view("internet")

    def _names(self) -> dict[str, str]:
        from ..i18n import country_names

        return infra.names(self.ds) | country_names(self.ds)

    def retranslate(self) -> None:
        self.names = self._names()
        for table_id in ("#infra-price-table", "#infra-casa-table"):
            self.query_one(table_id, KeyTable).clear(columns=True)
        self._fill_price()
        self._fill_casa()
        self.query_one("#infra-fotn-text", Static).update(self._fotn_renderable())
        self.query_one("#infra-idi-text", Static).update(self._idi_renderable())
        self.show_view(self.view)

    # -- keys ---------------------------------------------------------------------
    def step(self, delta: int) -> bool:
        self.show_view(VIEWS[(VIEWS.index(self.view) + delta) % len(VIEWS)])
        return True

    def cycle_indicator(self) -> bool:
        series = list(SERIES_VIEW)
        if self.view in SERIES_VIEW:
            self.show_view(series[(series.index(self.view) + 1) % len(series)])
        else:
            self.show_view(self.last_series)
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "infra-price-table":
            self._price_note(event.cursor_row)
        elif event.data_table.id == "infra-casa-table":
            self._casa_note(event.cursor_row)

    # -- views ----------------------------------------------------------------------
    def show_view(self, view: str) -> None:
        self.view = view
        if view in SERIES_VIEW:
            self.last_series = view
            self._show_series(SERIES_VIEW[view])
            panel = "infra-series"
        else:
            panel = f"infra-{view}"
        self.query_one("#infra-switch", ContentSwitcher).current = panel
        self._head()
        if self.ddx.active_pane is self:
            self.call_after_refresh(self.focus_main)

    def focus_main(self) -> None:
        """Focus what the current view shows: the chart, a table or the scroll."""
        if self.view in SERIES_VIEW:
            target = "#infra-chart"
        elif self.view in ("price", "casa"):
            target = f"#infra-{self.view}-table"
        else:
            target = f"#infra-{self.view}"
        focus(self.query_one(target))

    def _head(self) -> None:
        parts = []
        for v in VIEWS:
            label = _(VIEW_LABEL[v])
            parts.append(
                markup("[reverse b] $label [/]", label=label)
                if v == self.view
                else plain(f" {label} ")
            )
        hint = _("[ ] view · i series · s source")
        if self.view in ("price", "casa"):
            hint += " · " + (_("↑↓ row") if not self.ddx.ascii_mode else _("up/down row"))
        self.query_one("#infra-head", Static).update(
            plain("").join(parts) + markup("\n[dim]$hint[/dim]", hint=hint)
        )

    # series ---------------------------------------------------------------------------
    def _show_series(self, code: str) -> None:
        self.code = code
        self.meta = infra.series_meta(self.ds, code)
        self.grid = infra.series_grid(self.ds, code)
        self.latest = infra.latest(self.ds, code)
        self.gaps = infra.gap_years(self.ds, code)
        grid, names = self.grid, self.names
        meta = self.meta
        if current_language() != "en":
            import dataclasses

            meta = dataclasses.replace(meta, name=_(meta.name), short=_(meta.short))
        self.query_one("#infra-chart", Chart).show(
            lambda plt, c: draw_series(plt, c, grid, names, meta),
            ("series", code, current_language()),
        )
        self.query_one("#infra-latest", Static).update(
            iv.latest_text(self.latest, self.gaps, self.names)
        )

    # price and Digital CASA: a table and the highlighted row's note ------------------
    def _fill_price(self) -> None:
        table = self.query_one("#infra-price-table", KeyTable)
        table.add_columns(*(_(c) for c in iv.PRICE_COLUMNS))
        for i, cells in enumerate(iv.price_rows(self.price, self.names)):
            table.add_row(*cells, key=str(i))
        self._price_note(0)

    def _price_note(self, row: int) -> None:
        note = iv.price_note(self.price, row, self.names)
        self.query_one("#infra-price-note", Static).update(note)

    def _fill_casa(self) -> None:
        table = self.query_one("#infra-casa-table", KeyTable)
        table.add_columns(*(_(c) for c in iv.CASA_COLUMNS))
        mark = iv.conflict_mark(self.ddx.ascii_mode)
        for i, cells in enumerate(iv.casa_rows(self.casa, mark)):
            table.add_row(*cells, key=str(i))
        conflicts = iv.casa_conflicts(self.casa, mark)
        self.query_one("#infra-casa-conflicts", Static).update(conflicts)
        self._casa_note(0)

    def _casa_note(self, row: int) -> None:
        self.query_one("#infra-casa-note", Static).update(iv.casa_note(self.casa, row))

    # Freedom on the Net and ITU IDI (tui/widgets/infra_tables.py) --------------------
    def _fotn_renderable(self) -> RenderableType:
        return fotn_renderable(self.ds, self.fotn, self.names, self.ddx.ascii_mode)

    def _idi_renderable(self) -> RenderableType:
        return idi_renderable(self.idi, self.ddx.ascii_mode, self.names)

    # -- pane protocol -------------------------------------------------------------
    def provenance(self) -> list[Provenance]:
        if self.view in SERIES_VIEW:
            return iv.series_provenance(self.latest, self.gaps, self.meta, self.names)
        if self.view == "price":
            return iv.price_provenance(self.price, self.names)
        if self.view == "casa":
            return iv.casa_provenance(self.casa)
        if self.view == "fotn":
            return iv.fotn_provenance(self.fotn, self.names)
        if self.view == "idi":
            return iv.idi_provenance(self.idi, self.names)
        return []

    def current_frame(self) -> pl.DataFrame:
        if self.view in SERIES_VIEW:
            return self.grid.with_columns(pl.lit(self.code).alias("indicator_code"))
        if self.view == "price":
            return self.price
        if self.view == "casa":
            return self.casa
        if self.view == "fotn":
            return (
                pl.concat([f for f in self.fotn.values() if len(f)], how="vertical")
                if any(len(f) for f in self.fotn.values())
                else pl.DataFrame()
            )
        return self.idi

    def describe_state(self) -> str:
        code = f" indicator={self.code}" if self.view in SERIES_VIEW else ""
        return f"view={self.view}{code}"
