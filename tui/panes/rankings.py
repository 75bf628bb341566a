"""Rankings: one edition and one indicator; the five, their region or the world,
a bar chart of the view and the five's rank trajectories across editions."""

from __future__ import annotations

import polars as pl
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from ..charts.bars import draw_hbars
from ..charts.figures import rankings_trajectory_figure
from ..charts.widget import Chart
from ..core import queries as q
from ..i18n import N_, _, current_language, local_decimal, ngettext, term
from ..textsafe import markup, text
from ..widgets.sized import laid_out_size
from ..widgets.tables import KeyTable
from .base import PaletteCommand, Pane, Provenance

SCOPE_LABEL = {"central-asia": N_("the five"), "region": N_("UN region Asia"), "world": N_("world")}
SORT_LABEL = {
    "rank": N_("sorted by rank"),
    "name": N_("sorted by name"),
    "value": N_("sorted by value"),
}
COLUMNS = ((N_("Rank"), 5), (N_("Country"), 24), (N_("Value"), 8), (N_("Note"), 5))
# Below 100 cells the table gives the chart room: a narrower Country column
# (the five's names and the "▶ " marker still fit whole), and below 70 the
# note ("!", "gap") goes after the rank instead of in a column of its own.
COLUMNS_NARROW = ((N_("Rank"), 5), (N_("Country"), 14), (N_("Value"), 7), (N_("Note"), 4))
COLUMNS_SMALL = ((N_("Rank"), 6), (N_("Country"), 14), (N_("Value"), 7))
SORTS = ("rank", "name", "value")
NAME_WIDTH = 24


class RankingsPane(Pane):
    pane_id = "rankings"
    step_help = N_("previous / next survey edition")
    indicator_help = N_("cycle EGDI, OSI, TII, HCI, EPI")
    can_focus = True

    BINDINGS = [
        Binding("v", "cycle_scope", N_("Scope"), id="rank_scope"),
        Binding("o", "cycle_sort", N_("Sort"), id="rank_sort"),
        Binding("c", "toggle_chart", N_("Chart"), id="rank_chart"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="rank-head")
        with Horizontal(id="rank-top"):
            yield KeyTable(id="rank-table", cursor_type="row", zebra_stripes=False)
            yield Chart(id="rank-bars")
        yield Chart(id="rank-trajectory")

    def on_mount(self) -> None:
        self.scope = "central-asia"
        self.sort = "rank"
        self.chart_kind = "bars"
        self.frame: pl.DataFrame = pl.DataFrame()
        self.columns: tuple[tuple[str, int], ...] = ()
        self._set_columns()
        self.follow("edition", self.refresh_view)
        self.follow("indicator", self.refresh_view)
        self.refresh_view()

    # -- keys ---------------------------------------------------------------------
    def step(self, delta: int) -> bool:
        self.ddx.step_edition(delta)
        return True

    def cycle_indicator(self) -> bool:
        self.ddx.next_indicator()
        return True

    def action_cycle_scope(self) -> None:
        order = ("central-asia", "region", "world")
        self.scope = order[(order.index(self.scope) + 1) % len(order)]
        self.refresh_view()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refresh_view()

    def action_toggle_chart(self) -> None:
        """On small screens one chart shows at a time; tall screens show both."""
        self.chart_kind = "trajectory" if self.chart_kind == "bars" else "bars"
        self.set_class(self.chart_kind == "trajectory", "-show-trajectory")
        self.call_after_refresh(self._keep_focus)

    def _keep_focus(self) -> None:
        table = self.query_one("#rank-table", KeyTable)
        if not table.display or table.region.area == 0:
            self.focus()
        else:
            table.focus()

    def set_scope(self, scope: str) -> None:
        self.scope = scope
        self.refresh_view()

    def retranslate(self) -> None:
        table = self.query_one("#rank-table", KeyTable)
        table.relabel({label: Text(_(label)) for label, _width in self.columns})
        self.refresh_view()

    def _columns_for(self, width: int) -> tuple[tuple[str, int], ...]:
        if width >= 100 or not width:
            return COLUMNS
        return COLUMNS_NARROW if width >= 70 else COLUMNS_SMALL

    def _set_columns(self) -> bool:
        """Fixed column widths for the pane's width (a fixed Country width keeps
        Value in view next to long official names); True if they changed."""
        columns = self._columns_for(self.size.width or self.app.size.width)
        if columns == self.columns:
            return False
        self.columns = columns
        table = self.query_one("#rank-table", KeyTable)
        table.clear(columns=True)
        for label, width in columns:
            table.add_column(_(label), width=width, key=label)
        return True

    def on_resize(self) -> None:
        if getattr(self, "frame", None) is not None and self._set_columns():
            self.refresh_view()

    # -- view -----------------------------------------------------------------------
    def refresh_view(self) -> None:
        year, ind = self.ddx.edition, self.ddx.indicator
        region = q.region_of(self.ds, "KAZ") if self.scope == "region" else None
        df = q.ranking(self.ds, year, ind, self.scope, region)
        if self.sort == "name":
            df = df.sort("country")
        elif self.sort == "value":
            df = df.sort("value", descending=True, nulls_last=True)
        self.frame = df
        short = q.INDICATOR_SHORT[ind]
        derived = bool(df["rank_derived"][0]) if len(df) else False
        scope = (
            _(SCOPE_LABEL[self.scope])
            if self.scope != "region"
            else _("UN region {region}").format(region=region)
        )
        era = " · [b]$era[/b]" if year <= 2005 else ""
        # One line that says what is drawn, most telling first (cut with "…"
        # at the end when it must be); the derived-rank note and the keys under it.
        # In a tour the key bar and the tour bar speak of keys: no keys line.
        second = (["[b]$derived[/b]"] if derived else []) + (
            ["[dim]$keys[/dim]"] if self.ddx.demo is None else []
        )
        self.query_one("#rank-head", Static).update(
            markup(
                f"[b]$year[/b] · [b]$short[/b] · $scope, $n_countries · $sorted{era} · "
                "$name · $survey" + ("\n" + " · ".join(second) if second else ""),
                year=year,
                survey=_("UN E-Government Survey"),
                short=short,
                name=term(self.ds, ind, q.INDICATOR_NAMES[ind]),
                scope=scope,
                n_countries=ngettext("{n} country", "{n} countries", len(df)).format(n=len(df)),
                sorted=_(SORT_LABEL[self.sort]),
                era=_("readiness-era index"),
                derived=_("rank* derived by ddx from values"),
                keys=_("v scope · o sort · c chart · s source"),
            )
        )
        self._fill_table(df, derived)
        self._draw_bars(df, year, short)
        self._draw_trajectory(ind)

    def _fill_table(self, df: pl.DataFrame, derived: bool) -> None:
        table = self.query_one("#rank-table", KeyTable)
        table.clear()
        star = "*" if derived else ""
        for r in df.iter_rows(named=True):
            note = []
            if r["flags"]:
                note.append("!")
            if r["value"] is None:
                note.append(_("gap"))
            name = self.country_label(r["iso3"], r["country"])
            if r["focus"] and self.scope != "central-asia":
                name = f"▶ {name}" if not self.ddx.ascii_mode else f"> {name}"
            name_width = dict(self.columns).get("Country", NAME_WIDTH)
            cell = text(name)  # plain text: a name is never markup
            cell.truncate(name_width, overflow="ellipsis")  # by terminal cells
            rank = "—" if r["rank"] is None else f"{r['rank']}{star}"
            value = local_decimal(q.fmt_index(r["value"]))
            if len(self.columns) == len(COLUMNS_SMALL):  # no Note column: after the rank
                table.add_row(
                    f"{rank}{''.join(n for n in note if n == '!')}", cell, value, key=r["iso3"]
                )
            else:
                table.add_row(rank, cell, value, " ".join(note), key=r["iso3"])
        # In a long table, start on the selected country, scrolled into view
        # with the rows around it (a tour step that names it shows it).
        codes = df["iso3"].to_list()
        if self.ddx.country in codes:
            row = codes.index(self.ddx.country)
            table.move_cursor(row=row, animate=False, scroll=False)
            self.call_after_refresh(self._centre_row, row)

    def _centre_row(self, row: int) -> None:
        table = self.query_one("#rank-table", KeyTable)
        if row < table.row_count:
            # The height it was laid out at: this runs after a refresh, which
            # may find the pane hidden (a rehearsal filled it, or a resize).
            visible = max(1, laid_out_size(table).height - 1)
            table.scroll_to(y=max(0, row - visible // 2), animate=False, immediate=True)

    def _draw_bars(self, df: pl.DataFrame, year: int, short: str) -> None:
        view = df if self.scope == "central-asia" else df.filter(pl.col("focus"))
        # plotext draws the first horizontal bar at the bottom: list best last.
        view = view.sort("value", descending=False, nulls_last=False)
        labels = view["iso3"].to_list()
        values = view["value"].to_list()
        # The bars always show the five, whatever the table's scope: the title says so.
        title = (
            _("{short} {year}, index 0-1").format(short=short, year=year) + " " + _("(the five)")
        )
        self.query_one("#rank-bars", Chart).show(
            lambda plt, c: draw_hbars(plt, c, labels, values, title, ""),
            ("bars", title, tuple(labels), tuple(values), current_language()),
        )

    def _draw_trajectory(self, ind: str) -> None:
        self.query_one("#rank-trajectory", Chart).show(
            rankings_trajectory_figure(self.ds, ind),
            ("traj", ind, current_language()),
        )

    # -- pane protocol -------------------------------------------------------------
    def provenance(self) -> list[Provenance]:
        year, ind = self.ddx.edition, self.ddx.indicator
        items: list[Provenance] = []
        table = self.query_one("#rank-table", KeyTable)
        focus_row = None
        if len(self.frame) and table.cursor_row is not None and table.cursor_row < len(self.frame):
            focus_row = self.frame.row(table.cursor_row, named=True)
        rows = [focus_row] if focus_row else []
        seen = {focus_row["iso3"]} if focus_row else set()
        rows += [
            r
            for r in self.frame.filter(pl.col("focus")).iter_rows(named=True)
            if r["iso3"] not in seen
        ]
        for r in rows[:6]:
            cav = list(q.figure_caveats(year, r["flags"], ind))
            if r["rank_derived"]:
                cav.append("derived_rank")
            cav.append("ranks_relative")
            if r["value"] is None:
                cav.append("gap")
            val = _("gap") if r["value"] is None else q.fmt_index(r["value"])
            items.append(
                Provenance(
                    _("{country}: {short} {value}, rank {rank}").format(
                        country=self.country_label(r["iso3"], r["country"]),
                        short=q.INDICATOR_SHORT[ind],
                        value=val,
                        rank=r["rank"],
                    ),
                    r["source_id"],
                    tuple(cav),
                    _("edition {year}").format(year=year),
                )
            )
        return items

    def current_frame(self) -> pl.DataFrame:
        return self.frame.with_columns(
            pl.lit(self.ddx.edition).alias("year"), pl.lit(self.ddx.indicator).alias("indicator")
        )

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(
                _("Rankings: show the five"),
                _("Central Asia only"),
                "app.rank_scope('central-asia')",
            ),
            PaletteCommand(
                _("Rankings: show their UN region"), _("Asia"), "app.rank_scope('region')"
            ),
            PaletteCommand(
                _("Rankings: show the whole world"),
                _("all countries of the edition"),
                "app.rank_scope('world')",
            ),
        ]

    def describe_state(self) -> str:
        return f"edition={self.ddx.edition} indicator={self.ddx.indicator} scope={self.scope} sort={self.sort}"
