"""Infrastructure: internet users, fixed broadband and mobile subscriptions of
the five over time, the price of mobile data, the World Bank's Digital CASA
projects, Freedom on the Net and ITU IDI ranks; one view at a time, `[`/`]`
to move between views and `i` to cycle the three series."""

from __future__ import annotations

import re

import polars as pl
from rich.console import RenderableType
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import ContentSwitcher, DataTable, Static

from ..charts.lines import draw_series
from ..charts.widget import Chart
from ..core import infra
from ..i18n import N_, _, current_language, local_decimal
from ..textsafe import lines as join_lines
from ..textsafe import markup, plain, text
from ..widgets.infra_tables import fotn_renderable, idi_renderable
from ..widgets.lists import KeyTable
from . import pane_spec
from .base import Pane, Provenance

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
# The series' short names and units (indicator_meta, the World Bank's words).
META_WORDS = (
    N_("Internet users %"),
    N_("Fixed broadband /100"),
    N_("Mobile subs /100"),
    N_("Individuals using the Internet (% of population)"),
    N_("Fixed broadband subscriptions (per 100 people)"),
    N_("Mobile cellular subscriptions (per 100 people)"),
)
PRICE_COLUMNS = (N_("Country"), N_("Year"), N_("US$ per GB"), N_("World rank"), N_("Source"))
CASA_COLUMNS = (N_("Date"), N_("Ctry"), N_("US$ m"), N_("Status"), N_("Project"), N_("Date type"))
STATUS_WORDS = {"undated": N_("undated")}
SCALE_WORDS = {"current": N_("current"), "legacy": N_("legacy")}
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
        self.query_one(target).focus()

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
        self.query_one("#infra-latest", Static).update(self._latest_text())

    def _latest_text(self) -> Content:
        cells = []
        for r in self.latest.iter_rows(named=True):
            country = self.names.get(r["iso3"], r["country"])
            if r["year"] is None:
                cells.append(plain(_("{country}: no data").format(country=country)))
            else:
                cells.append(
                    markup(
                        "[b]$head[/b] ($value)",
                        head=_("{country}: latest {year}").format(country=country, year=r["year"]),
                        value=local_decimal(f"{r['value']:.1f}"),
                    )
                )
        lines = [plain(" · ").join(cells)]
        gaps = [f"{c} {infra.year_ranges(ys)}" for c, ys in self.gaps.items() if ys]
        if gaps:
            lines.append(
                markup(
                    "[dim]$what $gaps[/dim]",
                    what=_("Gaps in the source (a break in a line):"),
                    gaps="; ".join(gaps),
                )
            )
        return join_lines(lines)

    # price ------------------------------------------------------------------------------
    def _fill_price(self) -> None:
        table = self.query_one("#infra-price-table", KeyTable)
        table.add_columns(*(_(c) for c in PRICE_COLUMNS))
        for i, r in enumerate(self.price.iter_rows(named=True)):
            rank = "—" if r["rank"] is None else str(r["rank"])
            if r["rank"] is not None and r["n_countries"] is not None:
                rank = _("{rank} of {n}").format(rank=rank, n=r["n_countries"])
            table.add_row(
                text(self.names.get(r["iso3"], r["country"])),
                str(r["year"]),
                local_decimal(f"{r['usd_per_gb']:g}"),
                rank,
                text(r["source_id"]),
                key=str(i),
            )
        self._price_note(0)

    def _price_note(self, row: int) -> None:
        head = _(
            "Cable.co.uk worldwide mobile data pricing, as quoted in the press (the Cable.co.uk "
            "files themselves were not stored). Rank 1 = cheapest."
        )
        note = plain(head, "dim")
        if len(self.price) and 0 <= row < len(self.price):
            r = self.price.row(row, named=True)
            note = (
                markup(
                    "[b]$country $year[/b]: $note\n",
                    country=self.names.get(r["iso3"], r["country"]),
                    year=r["year"],
                    note=r["note"] or _("no note"),
                )
                + note
            )
        self.query_one("#infra-price-note", Static).update(note)

    # Digital CASA -----------------------------------------------------------------------
    def _fill_casa(self) -> None:
        table = self.query_one("#infra-casa-table", KeyTable)
        table.add_columns(*(_(c) for c in CASA_COLUMNS))
        mark = ("! " if self.ddx.ascii_mode else "⚠ ") + _("conflict")
        for i, r in enumerate(self.casa.iter_rows(named=True)):
            status = (
                mark
                if r["status"] == "conflict"
                else (_(STATUS_WORDS[r["status"]]) if r["status"] in STATUS_WORDS else r["status"])
            )
            amount = (
                "—"
                if r["amount_usd_million"] is None
                else local_decimal(f"{r['amount_usd_million']:g}")
            )
            table.add_row(
                text(r["date"] or _("undated")),
                text(r["iso3"]),
                amount,
                text(status),
                text(r["project"]),
                text(r["date_type"] or ""),
                key=str(i),
            )
        lines = []
        for rows in infra.casa_conflicts(self.casa).values():
            dates = " vs ".join(d or _("undated") for d in rows["date"])
            what = (
                f"{rows['iso3'][0]} "
                + re.split(r"[,(]", rows["date_type"][0] or "date")[0].strip().lower()
            )
            lines.append(
                plain(
                    _("{mark}: {what} {dates}; both shown, neither preferred.").format(
                        mark=mark, what=what, dates=dates
                    )
                )
            )
        undated = self.casa.filter(pl.col("status") == "undated") if len(self.casa) else self.casa
        if len(undated):
            lines.append(
                plain(
                    _("undated: {codes} (no date in the stored sources)").format(
                        codes=", ".join(undated["iso3"])
                    )
                )
            )
        self.query_one("#infra-casa-conflicts", Static).update(join_lines(lines))
        self._casa_note(0)

    def _casa_note(self, row: int) -> None:
        if not len(self.casa) or not 0 <= row < len(self.casa):
            self.query_one("#infra-casa-note", Static).update(plain(_("No Digital CASA rows.")))
            return
        r = self.casa.row(row, named=True)
        bits = [markup("[b]$project[/b]", project=r["project"])]
        for key in ("wb_project_id", "instrument", "note"):
            if r[key]:
                bits.append(plain(r[key]))
        bits.append(plain(_("source: {id}").format(id=r["source_id"])))
        self.query_one("#infra-casa-note", Static).update(plain(" · ").join(bits))

    # Freedom on the Net and ITU IDI (tui/widgets/infra_tables.py) --------------------
    def _fotn_renderable(self) -> RenderableType:
        return fotn_renderable(self.ds, self.fotn, self.names, self.ddx.ascii_mode)

    def _idi_renderable(self) -> RenderableType:
        return idi_renderable(self.idi, self.ddx.ascii_mode, self.names)

    # -- pane protocol -------------------------------------------------------------
    def provenance(self) -> list[Provenance]:
        items: list[Provenance] = []
        cav: tuple[str, ...]
        if self.view in SERIES_VIEW:
            for r in self.latest.iter_rows(named=True):
                gaps = self.gaps.get(r["iso3"], [])
                cav = ("gap",) if gaps or r["year"] is None else ()
                country = self.names.get(r["iso3"], r["country"])
                short = _(self.meta.short)
                if r["year"] is None:
                    items.append(
                        Provenance(
                            _("{country}: {short}: no data").format(country=country, short=short),
                            None,
                            ("gap",),
                        )
                    )
                    continue
                detail = _("latest {year}").format(year=r["year"]) + (
                    "; " + _("gaps {years}").format(years=infra.year_ranges(gaps)) if gaps else ""
                )
                value = local_decimal(f"{r['value']:.1f}")
                items.append(
                    Provenance(
                        f"{country}: {short} {value} ({r['year']})",
                        r["source_id"],
                        cav,
                        detail,
                    )
                )
            items.append(
                Provenance(
                    _("Series: {name}").format(name=_(self.meta.name)),
                    self.meta.source_id,
                    (),
                    self.meta.note or "",
                )
            )
        elif self.view == "price":
            for r in self.price.iter_rows(named=True):
                items.append(
                    Provenance(
                        _("{country} {year}: US$ {price} per GB").format(
                            country=self.names.get(r["iso3"], r["country"]),
                            year=r["year"],
                            price=local_decimal(f"{r['usd_per_gb']:g}"),
                        ),
                        r["source_id"],
                        (),
                        r["note"] or "",
                    )
                )
        elif self.view == "casa":
            rows = list(self.casa.iter_rows(named=True)) if len(self.casa) else []
            rows.sort(key=lambda r: r["status"] != "conflict")  # conflicts first, order kept
            for r in rows:
                cav = (
                    ("conflict",)
                    if r["status"] == "conflict"
                    else ("gap",)
                    if r["status"] == "undated"
                    else ()
                )
                amount = (
                    _("no amount")
                    if r["amount_usd_million"] is None
                    else _("US$ {amount}m").format(
                        amount=local_decimal(f"{r['amount_usd_million']:g}")
                    )
                )
                items.append(
                    Provenance(
                        f"{r['project']}: {amount}, {r['date'] or _('undated')}",
                        r["source_id"],
                        cav,
                        r["note"] or "",
                    )
                )
        elif self.view == "fotn":
            for scale in infra.FOTN_SCALES:
                for r in self.fotn[scale].iter_rows(named=True):
                    cav = ("legacy_fotn_scale",) if scale == "legacy" else ()
                    if r["total_score"] is None:
                        cav += ("gap",)
                    score = "—" if r["total_score"] is None else r["total_score"]
                    items.append(
                        Provenance(
                            _("{country} FOTN {year} ({scale} scale): {score}").format(
                                country=self.names.get(r["iso3"], r["country"]),
                                year=r["edition_year"],
                                scale=_(SCALE_WORDS.get(scale, scale)),
                                score=score,
                            ),
                            r["source_id"],
                            cav,
                            r["note"] or "",
                        )
                    )
        elif self.view == "idi":
            for r in self.idi.iter_rows(named=True):
                cav = ("gap",) if r["rank"] is None else ()
                items.append(
                    Provenance(
                        _("{country} {edition}: rank {rank}").format(
                            country=self.names.get(r["iso3"], r["country"]),
                            edition=r["edition"],
                            rank=r["rank"] or "—",
                        ),
                        r["source_id"],
                        cav,
                        r["note"] or "",
                    )
                )
        return items

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
