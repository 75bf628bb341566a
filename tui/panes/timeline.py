"""Timeline: the five's national digital programmes and e-government plans as
bars over the years, their other dated milestones as marks; the selected
item's dates, summary and source underneath.

``c`` switches to the actions view (panes/actions_view.py): each action on a
time axis over the country's UN rank line, the ranks before and after it, and
the article's conclusion."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import polars as pl
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.widgets import Static

from ..core import queries as q
from ..core import timeline as tl
from ..core.caveats import describe
from ..i18n import N_, _, milestone_text
from ..textsafe import lines as join_lines
from ..textsafe import markup, plain, safe
from ..widgets.gantt import Gantt
from ..widgets.sized import laid_out_size
from .base import Pane, Provenance, focus

if TYPE_CHECKING:
    from .actions_view import ActionsView


class TimelinePane(Pane):
    pane_id = "timeline"
    step_help = N_("previous / next item (also ← → ↑ ↓ j k, PgUp/PgDn, Home/End)")
    indicator_help = N_("(no indicator in this pane)")

    BINDINGS = [Binding("c", "toggle_view", N_("Actions"), id="timeline_view")]
    view = "timeline"  # or "actions": each action beside the UN results

    def compose(self) -> ComposeResult:
        with Container(id="tl-main"):
            yield Static("", id="tl-head")
            yield Gantt(id="tl-gantt")
            yield Static("", id="tl-detail")

    async def action_toggle_view(self) -> None:
        from .actions_view import ActionsView

        found = self.query(ActionsView)
        if self.view == "timeline":
            self.view = "actions"
            if not found:
                view = ActionsView(self.ds, id="tl-actions")
                await self.mount(view)
                view.follow_country(self.ddx.country)
            else:
                found.first().display = True
            self.query_one("#tl-main").display = False
        else:
            self.view = "timeline"
            self.query_one("#tl-main").display = True
            if found:
                found.first().display = False
        self.focus_main()

    def _actions(self) -> ActionsView | None:
        from .actions_view import ActionsView

        return self.query_one(ActionsView) if self.view == "actions" else None

    def on_actions_view_selected(self, event: ActionsView.Selected) -> None:
        if event.iso3 is not None and event.iso3 != self.ddx.country:
            self.ddx.country = event.iso3

    def on_mount(self) -> None:
        present = self.ddx.options.present_year
        self.present = present if present is not None else datetime.date.today().year
        self.frame: pl.DataFrame = tl.items(self.ds, self.present)
        gantt = self.query_one("#tl-gantt", Gantt)
        gantt.set_items(self._shown_frame(), self.present)
        self._head()
        self.follow("country", lambda: self._follow_country(self.ddx.country))
        codes = self.frame["iso3"].to_list() if len(self.frame) else []
        if self.ddx.country in codes and self.ddx.country != codes[0]:
            gantt.show_first(codes.index(self.ddx.country))
        self.call_after_refresh(lambda: self._show_detail(gantt.selected))

    def _shown_frame(self) -> pl.DataFrame:
        """The items as the Gantt shows them: titles, countries and "undated" in
        the current language (``self.frame``, exported, stays as the data is)."""
        if not len(self.frame):
            return self.frame
        rows = self.frame.to_dicts()
        return self.frame.with_columns(
            pl.Series("title", [milestone_text(self.ds, r, "title") for r in rows]),
            pl.Series("country", [self.country_label(r["iso3"], r["country"]) for r in rows]),
            pl.Series(
                "when", [_(r["when"]) if r["when"] == "undated" else r["when"] for r in rows]
            ),
        )

    def retranslate(self) -> None:
        gantt = self.query_one("#tl-gantt", Gantt)
        gantt.set_items(self._shown_frame(), self.present)
        self._head()
        self._show_detail(gantt.selected)
        view = self._actions_view()
        if view is not None:
            view.retranslate()

    def _actions_view(self) -> ActionsView | None:
        from .actions_view import ActionsView

        found = self.query(ActionsView)
        return found.first() if found else None

    def on_resize(self) -> None:
        if self.resized():
            self._show_detail(self.query_one("#tl-gantt", Gantt).selected)

    def focus_main(self) -> None:
        view = self._actions()
        if view is not None:
            view.focus_main()
            return
        focus(self.query_one("#tl-gantt", Gantt))

    def _head(self) -> None:
        lo, hi = (
            tl.span(self.frame, self.present) if len(self.frame) else (self.present, self.present)
        )
        self.query_one("#tl-head", Static).update(
            markup(
                "[b]$what[/b] $rest\n[dim]$legend[/dim]",
                what=_("Programmes and milestones"),
                rest=_("of the five, {lo}-{hi}, as the article gives them").format(lo=lo, hi=hi),
                legend=tl.legend(self.ddx.ascii_mode, self.present, _),
            )
        )

    # -- selection -----------------------------------------------------------------
    @property
    def selected(self) -> dict[str, object] | None:
        i = self.query_one("#tl-gantt", Gantt).selected
        return self.frame.row(i, named=True) if 0 <= i < len(self.frame) else None

    def step(self, delta: int) -> bool:
        view = self._actions()
        if view is not None:
            return bool(view.move(delta))
        return self.query_one("#tl-gantt", Gantt).move(delta)

    def on_gantt_selected(self, event: Gantt.Selected) -> None:
        self._show_detail(event.index)
        row = self.selected
        if row is not None and row["iso3"] != self.ddx.country:
            self.ddx.country = str(row["iso3"])

    def _follow_country(self, iso3: str) -> None:
        view = self._actions()
        if view is not None:
            view.follow_country(iso3)
        row = self.selected
        if row is None or row["iso3"] == iso3:
            return
        idx = self.frame["iso3"].to_list()
        if iso3 in idx:
            self.query_one("#tl-gantt", Gantt).show_first(idx.index(iso3))

    def _show_detail(self, index: int) -> None:
        if not 0 <= index < len(self.frame):
            self.query_one("#tl-detail", Static).update(plain(_("No milestones in the data.")))
            return
        r = self.frame.row(index, named=True)
        src = q.source(self.ds, r["source_id"])
        cite = safe(f"[{r['source_id']}] {q.citation(src)}") if src else _("none")
        # The width it was laid out at: shown or not (a language or a country
        # chosen while it is hidden redraws it, and self.size is then 0).
        room = max(20, laid_out_size(self).width - 10)
        if len(cite) > room:  # one line here; s shows the whole citation
            cite = cite[: room - 1] + ("~" if self.ddx.ascii_mode else "…")
        kind = _(tl.KIND_LABEL.get(r["kind"], r["kind"]))
        notes = [tl.NOTES.get(str(r["shape"]), "")]
        if r["inferred"]:
            notes.append(tl.NOTES["inferred"])
        note = "; ".join(_(n) for n in notes if n)
        note = f" · {note}" if note else ""
        when = _(r["when"]) if r["when"] == "undated" else r["when"]
        lines = [
            markup(
                "[b]$country: $title[/b]",
                country=self.country_label(r["iso3"], r["country"]),
                title=milestone_text(self.ds, r, "title"),
            ),
            plain(f"{when} · {kind}{note}"),
            markup("[dim]$source $cite[/dim]", source=_("source"), cite=cite),
            plain(milestone_text(self.ds, r, "summary")),
            markup("[dim]! $claim[/dim]", claim=_(describe("article_claim"))),
        ]
        record = self._record(str(r["milestone_id"]))
        if record is not None:
            lines.append(
                markup(
                    "[b]! [/b]$note [dim]($src)[/dim]",
                    note=milestone_text(self.ds, record, "record_note"),
                    src=str(record["record_source_id"]),
                )
            )
        self.query_one("#tl-detail", Static).update(join_lines(lines))

    def _record(self, milestone_id: str) -> dict[str, object] | None:
        """The milestone's row when ddx has a note on the official record for it."""
        return next(
            (
                m
                for m in self.ds.records("milestones")
                if m["milestone_id"] == milestone_id and m.get("record_note")
            ),
            None,
        )

    # -- pane protocol -------------------------------------------------------------
    def provenance(self) -> list[Provenance]:
        view = self._actions()
        if view is not None:
            return self._actions_provenance(view)
        items: list[Provenance] = []
        r = self.selected
        if r is not None:
            detail = f"{r['when']}" + (f"; {r['note']}" if r["note"] else "")
            items.append(
                Provenance(
                    f"{self.country_label(str(r['iso3']), r['country'])}: "
                    f"{milestone_text(self.ds, r, 'title')}",
                    str(r["source_id"]),
                    ("article_claim",),
                    detail,
                )
            )
            record = self._record(str(r["milestone_id"]))
            if record is not None:
                items.append(
                    Provenance(
                        _("ddx's note on the official record"),
                        str(record["record_source_id"]),
                        ("project_reading",),
                    )
                )
        srcs = sorted(set(self.frame["source_id"].to_list())) if len(self.frame) else []
        for s in srcs:
            items.append(
                Provenance(
                    _("Every bar and mark on the timeline ({n} items)").format(n=len(self.frame)),
                    s,
                    ("article_claim",),
                    _(
                        "open-ended bars are drawn to {year}, the present year; "
                        "nothing is extrapolated"
                    ).format(year=self.present),
                )
            )
        return items

    def _actions_provenance(self, view: ActionsView) -> list[Provenance]:
        r = view.selected
        if r is None:
            return [
                Provenance(
                    _("The article's conclusion, claim by claim (our words)"),
                    "article",
                    ("article_claim",),
                ),
                Provenance(
                    _("What our tables hold on each claim"), "ddx_reading", ("project_reading",)
                ),
            ]
        items = [
            Provenance(
                f"{r['iso3']}: {milestone_text(self.ds, r, 'title')} ({r['start'] or _('undated')})",
                str(r["source_id"]),
                ("article_claim",) + (("inferred_date",) if r["start_inferred"] == "yes" else ()),
            )
        ]
        if r.get("record_source_id"):
            items.append(
                Provenance(
                    _("ddx's note on the official record"),
                    str(r["record_source_id"]),
                    ("project_reading",),
                )
            )
        for col, label in (
            ("rank_source_ids", _("UN rank")),
            ("internet_source_id", _("Internet users")),
        ):
            for sid in str(r[col] or "").split(";"):
                if sid:
                    items.append(
                        Provenance(
                            label,
                            sid,
                            ("not_a_cause", "ranks_relative")
                            if col.startswith("rank")
                            else ("not_a_cause",),
                        )
                    )
        return items

    def current_frame(self) -> pl.DataFrame:
        view = self._actions()
        if view is not None:
            return view.frame
        return self.frame

    def describe_state(self) -> str:
        r = self.selected
        i = self.query_one("#tl-gantt", Gantt).selected
        mid = r["milestone_id"] if r else "-"
        view = self._actions()
        if view is not None:
            return f"view=actions item={view.current}"
        return f"item={mid} ({i + 1}/{len(self.frame)}) present={self.present}"
