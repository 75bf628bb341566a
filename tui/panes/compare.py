"""Compare: two to eight countries in one edition, EGDI and its parts side by
side or two indices against each other, with the exact values underneath.

One module on purpose: the picker, heading, chart, table and caption all
redraw from one selection (``set_selection``, ``refresh_view``), and the data
and drawing already live apart (tui/core/compare.py, tui/charts/), so what is
left is one view's state and keys; splitting it would spread that state."""

from __future__ import annotations

import polars as pl
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..charts.bars import fill
from ..charts.figures import compare_bars_figure, compare_scatter_figure
from ..charts.widget import Chart
from ..core import FOCUS, INDICES, UsageError
from ..core import compare as cmp
from ..core import queries as q
from ..i18n import N_, _, current_language, local_decimal, ngettext
from ..textsafe import markup, plain, safe, text
from ..widgets.lists import KeyList
from ..widgets.tables import KeyTable
from .base import PaletteCommand, Pane, Provenance, focus

VIEWS = ("bars", "scatter")
PICKER_AUTO_WIDTH = 110  # wider panes show the country checklist without asking


class ComparePane(Pane):
    pane_id = "compare"
    step_help = N_(
        "previous / next survey edition (v: bars or scatter; n: with neighbours; c: country checklist)"
    )
    indicator_help = N_(
        "bars: mark an index group (▶); scatter: change the y-axis (x changes the x-axis)"
    )

    BINDINGS = [
        Binding("v", "toggle_view", N_("Bars/Scatter"), id="cmp_view"),
        Binding("n", "toggle_neighbours", N_("Neighbours"), id="cmp_neighbours"),
        Binding("c", "toggle_picker", N_("Countries"), id="cmp_picker"),
        Binding("x", "cycle_x", N_("X-axis"), show=False, id="cmp_x"),
        Binding("space", "toggle_highlighted", N_("Toggle"), show=False, id="cmp_space"),
        Binding("escape", "hide_picker", N_("Hide list"), show=False, id="cmp_escape"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="cmp-head")
        with Horizontal(id="cmp-body"):
            yield KeyList(id="cmp-picker")
            with Vertical(id="cmp-main"):
                yield Chart(id="cmp-chart")
                yield KeyTable(
                    id="cmp-table", cursor_type="none", zebra_stripes=False, show_cursor=False
                )
                yield Static("", id="cmp-caption")

    def on_mount(self) -> None:
        self.selection: tuple[str, ...] = FOCUS
        self.view = "bars"
        self.x, self.y = cmp.DEFAULT_X, cmp.DEFAULT_Y
        self.picker_forced: bool | None = None  # None: follow the width
        self.frame: pl.DataFrame = pl.DataFrame()
        self.names = self._names()
        picker = self.query_one("#cmp-picker", KeyList)
        picker.border_title = _("Compare (space)")
        picker.add_options([Option(self._prompt(c), id=c) for c in cmp.CANDIDATES])
        self._sync_picker()
        self.follow("edition", self.refresh_view)
        self.follow("indicator", self.refresh_view)
        self.refresh_view()

    def _names(self) -> dict[str, str]:
        return {c: self.country_label(c, n) for c, n in cmp.names(self.ds, cmp.CANDIDATES).items()}

    def retranslate(self) -> None:
        self.names = self._names()
        self.query_one("#cmp-picker", KeyList).border_title = _("Compare (space)")
        self._sync_picker()
        self.refresh_view()

    def on_resize(self, event: Resize) -> None:
        self._place_picker()

    def _place_picker(self) -> None:
        show = (
            self.picker_forced
            if self.picker_forced is not None
            else self.size.width >= PICKER_AUTO_WIDTH
        )
        self.set_class(show, "-picker")

    def focus_main(self) -> None:
        if self.has_class("-picker") and self.picker_forced:
            picker = self.query_one("#cmp-picker", KeyList)
            if picker.highlighted is None:
                picker.highlighted = 0
            focus(picker)
        else:
            focus(self.query_one("#cmp-table"))

    # -- keys ---------------------------------------------------------------------
    def step(self, delta: int) -> bool:
        self.ddx.step_edition(delta)
        return True

    def cycle_indicator(self) -> bool:
        if self.view == "scatter":
            order = [i for i in INDICES if i != self.x]
            self.y = order[(order.index(self.y) + 1) % len(order)] if self.y in order else order[0]
            if self.ddx.indicator != self.y:
                self.ddx.indicator = self.y  # redraws through the watcher
                return True
            self.refresh_view()
        else:
            self.ddx.next_indicator()
        return True

    def action_cycle_x(self) -> None:
        order = [i for i in INDICES if i != self.y]
        self.x = order[(order.index(self.x) + 1) % len(order)] if self.x in order else order[0]
        self.view = "scatter"
        self.refresh_view()

    def action_toggle_view(self) -> None:
        self.set_view(VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)])

    def set_view(self, view: str) -> None:
        self.view = view
        self.refresh_view()

    def action_toggle_neighbours(self) -> None:
        self.set_selection(
            FOCUS
            if self.selection == cmp.with_neighbours(self.selection)
            else cmp.with_neighbours(self.selection)
        )

    def action_toggle_highlighted(self) -> None:
        picker = self.query_one("#cmp-picker", KeyList)
        if picker.has_focus and picker.highlighted is not None:
            option = picker.get_option_at_index(picker.highlighted)
            if option.id:
                self._toggle(option.id)

    def action_toggle_picker(self) -> None:
        self.picker_forced = not self.has_class("-picker")
        self._place_picker()
        self.focus_main()

    def action_add(self, iso3: str) -> None:
        if iso3 not in self.selection:
            self._toggle(iso3)

    def action_remove(self, iso3: str) -> None:
        if iso3 in self.selection:
            self._toggle(iso3)

    def action_preset(self, name: str) -> None:
        self.set_selection(FOCUS if name == "five" else cmp.with_neighbours(self.selection))

    def _toggle(self, iso3: str) -> bool:
        try:
            self.set_selection(cmp.toggle(self.selection, iso3))
        except UsageError as exc:
            self.notify(safe(exc), severity="warning", timeout=4, markup=False)
            self.app.bell()
            self._sync_picker()
            return False
        return True

    def set_selection(self, iso3s: tuple[str, ...]) -> None:
        order = {c: i for i, c in enumerate(cmp.CANDIDATES)}
        sel = cmp.check_selection(self.ds, iso3s)
        self.selection = tuple(sorted(sel, key=lambda c: order.get(c, len(order))))
        self._sync_picker()
        self.refresh_view()

    def _prompt(self, iso3: str) -> Content:
        """A checklist line that reads without colour: [x] chosen, [ ] not."""
        box = "[x]" if iso3 in self.selection else "[ ]"
        return plain(f"{box} {self.names[iso3]} ({iso3})")

    def _sync_picker(self) -> None:
        picker = self.query_one("#cmp-picker", KeyList)
        for c in cmp.CANDIDATES:
            picker.replace_option_prompt(c, self._prompt(c))
        picker.border_subtitle = _("{n} of {lo}-{hi}").format(
            n=len(self.selection), lo=cmp.MIN_COUNTRIES, hi=cmp.MAX_COUNTRIES
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "cmp-picker" and event.option.id:
            event.stop()
            self._toggle(event.option.id)

    def action_hide_picker(self) -> None:
        if self.has_class("-picker"):
            self.picker_forced = False
            self._place_picker()
            self.query_one("#cmp-table").focus()

    # -- view -----------------------------------------------------------------------
    def refresh_view(self) -> None:
        year = self.ddx.edition
        self.frame = cmp.compare_frame(self.ds, year, self.selection)
        absent = self.frame.filter(~pl.col("in_edition"))["iso3"].to_list()
        view = (
            _("indices side by side")
            if self.view == "bars"
            else _("{x} vs {y}").format(x=cmp.pretty(self.x), y=cmp.pretty(self.y))
        )
        era = " · [b]$era[/b]" if year <= 2005 else ""
        other = _("scatter") if self.view == "bars" else _("bars")
        nb = (
            _("the five")
            if self.selection == cmp.with_neighbours(self.selection)
            else _("+neighbours")
        )
        n = len(self.selection)
        self.query_one("#cmp-head", Static).update(
            markup(
                f"[b]$year[/b] · [b]$view[/b] · $n_countries{era} · $survey\n[dim]$keys[/dim]",
                year=year,
                survey=_("UN E-Government Survey"),
                n_countries=ngettext("{n} country", "{n} countries", n).format(n=n),
                view=view,
                era=_("readiness-era index"),
                keys=_("] [ edition · v {other} · i index · n {nb} · c list · s source").format(
                    other=other, nb=nb
                ),
            )
        )
        if self.view == "bars":
            self._draw_bars(year)
        else:
            self._draw_scatter(year)
        self._fill_table()
        self._caption(absent)

    def _draw_bars(self, year: int) -> None:
        hl = self.ddx.indicator
        self.query_one("#cmp-chart", Chart).show(
            compare_bars_figure(self.frame, year, hl),
            ("bars", year, self.selection, hl, self.ddx.ascii_mode, current_language()),
        )

    def _draw_scatter(self, year: int) -> None:
        sdf = cmp.scatter_frame(self.frame, self.x, self.y)
        x, y = self.x, self.y
        self.query_one("#cmp-chart", Chart).show(
            compare_scatter_figure(sdf, year, x, y),
            ("scatter", year, self.selection, x, y, self.ddx.ascii_mode, current_language()),
        )

    def _fill_table(self) -> None:
        table = self.query_one("#cmp-table", KeyTable)
        table.clear(columns=True)
        ascii_mode = self.ddx.ascii_mode
        # bars: each column headed by its country's fill; the scatter labels
        # its points itself (a crowded point is numbered in the chart's key)
        marks = [
            f"{fill(i, ascii_mode)} " if self.view == "bars" else "" for i in range(len(self.frame))
        ]
        table.add_column(_("Index"), key="index")
        for mark, iso3 in zip(marks, self.frame["iso3"], strict=True):
            table.add_column(text(f"{mark}{iso3}"), key=iso3)
        hi = ">" if ascii_mode else "▶"
        rows: list[tuple[str, str]]
        if self.view == "bars":
            rows = [
                (ind, (hi if ind == self.ddx.indicator else " ") + cmp.pretty(ind))
                for ind in INDICES
            ]
            rows.append(("egdi_rank", " " + _("rank")))
        else:
            rows = [(self.x, f"x {cmp.pretty(self.x)}"), (self.y, f"y {cmp.pretty(self.y)}")]
        for col, label in rows:
            cells = []
            for v in self.frame[col].to_list():
                cells.append(
                    "—"
                    if v is None
                    else str(v)
                    if col == "egdi_rank"
                    else local_decimal(q.fmt_index(v))
                )
            table.add_row(label, *cells, key=col)

    def _caption(self, absent: list[str]) -> None:
        if self.view == "bars":
            caption = _("— = a gap in the source (no bar drawn); rank = world EGDI rank.")
        else:
            caption = _(cmp.SCATTER_CAPTION)
            gaps = [
                r["iso3"]
                for r in cmp.scatter_frame(self.frame, self.x, self.y).iter_rows(named=True)
                if r["x"] is None or r["y"] is None
            ]
            if gaps:
                caption += " " + _("Not plotted (gap): {codes}.").format(codes=", ".join(gaps))
        if absent:
            caption += " " + _("Not in the {year} edition: {codes}.").format(
                year=self.ddx.edition, codes=", ".join(absent)
            )
        self.query_one("#cmp-caption", Static).update(plain(caption, "dim"))

    # -- pane protocol -------------------------------------------------------------
    def provenance(self) -> list[Provenance]:
        year = self.ddx.edition
        shown = INDICES if self.view == "bars" else (self.x, self.y)
        items: list[Provenance] = []
        for r in self.frame.iter_rows(named=True):
            vals = ", ".join(f"{cmp.pretty(i)} {local_decimal(q.fmt_index(r[i]))}" for i in shown)
            if not r["in_edition"]:
                items.append(
                    Provenance(
                        _("{country}: not in the {year} edition").format(
                            country=self.country_label(r["iso3"], r["country"]), year=year
                        ),
                        None,
                        ("gap",),
                        _("edition {year}").format(year=year),
                    )
                )
                continue
            cav = cmp.row_caveats(year, r, tuple(shown))
            items.append(
                Provenance(
                    f"{self.country_label(r['iso3'], r['country'])}: {vals}",
                    r["source_id"],
                    cav,
                    _("edition {year}").format(year=year),
                )
            )
        if self.view == "scatter":
            items.append(
                Provenance(
                    _("Scatter caption: a stand-in for the article's Figure 3.3"),
                    None,
                    ("project_reading",),
                    _(cmp.SCATTER_CAPTION),
                )
            )
        return items

    def current_frame(self) -> pl.DataFrame:
        return self.frame.with_columns(
            pl.lit(self.view).alias("view"), pl.lit(self.x).alias("x"), pl.lit(self.y).alias("y")
        )

    def palette_commands(self) -> list[PaletteCommand]:
        cmds = [
            PaletteCommand(
                _("Compare: the five"),
                _("Central Asia only"),
                "app.pane_do('compare', 'preset', 'five')",
            ),
            PaletteCommand(
                _("Compare: the five with Afghanistan, Russia, China"),
                _("eight countries"),
                "app.pane_do('compare', 'preset', 'near')",
            ),
            PaletteCommand(
                _("Compare: indices side by side (bars)"),
                _("grouped bars"),
                "app.pane_do('compare', 'view', 'bars')",
            ),
            PaletteCommand(
                _("Compare: EGDI vs EPI scatter"),
                _("stand-in for the article's Figure 3.3"),
                "app.pane_do('compare', 'view', 'scatter')",
            ),
        ]
        sel = getattr(self, "selection", FOCUS)
        names = getattr(self, "names", {})
        for c in cmp.CANDIDATES:
            name = names.get(c, c)
            if c in sel:
                cmds.append(
                    PaletteCommand(
                        _("Compare: remove {name} ({iso3})").format(name=name, iso3=c),
                        _("take it off the Compare charts"),
                        f"app.pane_do('compare', 'remove', '{c}')",
                    )
                )
            else:
                cmds.append(
                    PaletteCommand(
                        _("Compare: add {name} ({iso3})").format(name=name, iso3=c),
                        _("put it on the Compare charts"),
                        f"app.pane_do('compare', 'add', '{c}')",
                    )
                )
        return cmds

    def action_view(self, view: str) -> None:
        self.set_view(view)

    def describe_state(self) -> str:
        return (
            f"edition={self.ddx.edition} view={self.view} countries={','.join(self.selection)} "
            f"x={self.x} y={self.y} indicator={self.ddx.indicator}"
        )
