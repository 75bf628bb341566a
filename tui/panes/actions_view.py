"""The Timeline pane's second view: each action the article reports, on a time
axis over the country's UN rank line, with the ranks before and after it, and
the article's conclusion at the end of the list.

Every figure comes from ``tui/core/actions.py``; every screen of this view
says that an association in time is not a cause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..charts.actions import action_ranks_figure
from ..charts.widget import Chart
from ..core import FOCUS, article
from ..core import actions as act
from ..core.timeline import KIND_LABEL
from ..i18n import (
    _,
    code_word,
    country_name,
    current_language,
    local_decimal,
    milestone_text,
    pgettext,
    translated_rows,
)
from ..textsafe import lines as join_lines
from ..textsafe import markup, plain
from ..widgets.lists import KeyList
from .base import focus

if TYPE_CHECKING:
    from ..core.dataset import Dataset

CONCLUSION = "__conclusion__"
LABEL = 27  # list labels are cut to one line


def _rank(rank: object, year: object) -> str:
    return "—" if rank is None else f"{rank} ({year})"


def _pct(value: object, year: object) -> str:
    if value is None:
        return "—"
    return local_decimal(f"{float(value):.1f}% ({year})")  # type: ignore[arg-type]


def _kind(kind: str) -> str:
    return code_word(kind, KIND_LABEL)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class ActionsView(Container):
    """A list of the five's actions (and the conclusion), a chart and a detail."""

    # Its rules are the Timeline pane's, in styles/timeline.tcss.

    class Selected(Message):
        def __init__(self, iso3: str | None) -> None:
            super().__init__()
            self.iso3 = iso3

    def __init__(self, ds: Dataset, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ds = ds
        frames = [act.actions_frame(ds, c) for c in FOCUS]
        self.frame: pl.DataFrame = pl.concat(frames) if frames else pl.DataFrame()
        self.names = {c: str(n) for c, n in zip(ds.frame("countries")["iso3"], ds.frame("countries")["name"], strict=True)}  # fmt: skip
        self.rows = self.frame.to_dicts()
        self.current: str = self.rows[0]["milestone_id"] if self.rows else CONCLUSION

    def compose(self) -> ComposeResult:
        yield Static("", id="act-head")
        with Horizontal(id="act-body"):
            yield KeyList(id="act-list")
            yield Chart(id="act-chart")
        with VerticalScroll(id="act-detail-box"):
            yield Static("", id="act-detail")

    def on_mount(self) -> None:
        self._fill_list()
        self.query_one("#act-list", KeyList).highlighted = self._index_of(self.current)
        self._show()

    def _index_of(self, milestone_id: str) -> int:
        """The option's place in the list: the rows' order, then the conclusion."""
        ids = [r["milestone_id"] for r in self.rows]
        return ids.index(milestone_id) if milestone_id in ids else len(ids)

    def _fill_list(self) -> None:
        lst = self.query_one("#act-list", KeyList)
        keep = lst.highlighted
        options: list[Option] = []
        for r in self.rows:
            # the list's date column is 7 wide: a short word there, never a cut one
            when = str(r["start"] or pgettext("7 columns", "undated"))
            label = f"{r['iso3']} {when[:7]:<7} {milestone_text(self.ds, r, 'title')}"
            if len(label) > LABEL:
                label = label[: LABEL - 1] + "…"
            options.append(Option(plain(label), id=r["milestone_id"]))
        options.append(Option(plain(_("Central Asia: conclusion")), id=CONCLUSION))
        lst.clear_options()
        lst.add_options(options)
        if keep is not None:
            lst.highlighted = keep

    def retranslate(self) -> None:
        self._fill_list()
        self._show()

    # -- selection -----------------------------------------------------------------
    @property
    def selected(self) -> dict[str, object] | None:
        return next((r for r in self.rows if r["milestone_id"] == self.current), None)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id and event.option.id != self.current:
            self.current = event.option.id
            self._show()
            r = self.selected
            self.post_message(self.Selected(str(r["iso3"]) if r else None))

    def move(self, delta: int) -> bool:
        lst = self.query_one("#act-list", KeyList)
        n = lst.option_count
        if not n:
            return False
        lst.highlighted = ((lst.highlighted or 0) + delta) % n
        return True

    def follow_country(self, iso3: str) -> None:
        r = self.selected
        if r is not None and r["iso3"] == iso3:
            return
        first = next((x for x in self.rows if x["iso3"] == iso3), None)
        if first is None:
            return
        if self.is_mounted:
            lst = self.query_one("#act-list", KeyList)
            lst.highlighted = self._index_of(str(first["milestone_id"]))
        else:
            # the country changed while this view was being mounted (a tour's
            # step, say): the list is not filled yet; on_mount opens it here
            self.current = str(first["milestone_id"])

    def focus_main(self) -> None:
        found = self.query("#act-list")
        if found:
            focus(found.first(KeyList))
        elif self.is_attached:
            # Still being composed: the pane was built by its own key and `c`
            # came in the same burst ("6c" typed ahead at start).
            self.call_after_refresh(self.focus_main)

    # -- drawing ---------------------------------------------------------------------
    def _show(self) -> None:
        r = self.selected
        if self.has_class("-conclusion") != (r is None):
            self.set_class(r is None, "-conclusion")
            lst = self.query_one("#act-list", KeyList)
            self.call_after_refresh(lst.scroll_to_highlight)
        if r is None:
            head = markup(
                "[b]$what[/b]  $why\n",
                what=_("The article's conclusion"),
                why=_("(Central Asia; the article's claims, in our words)"),
            )
        else:
            iso3 = str(r["iso3"])
            head = markup(
                "[b]$what [/b]$name ($iso3)[dim]   $back[/dim]\n",
                what=_("Actions and UN results:"),
                name=country_name(self.ds, iso3, self.names.get(iso3, iso3)),
                iso3=iso3,
                back=_("c: back to the timeline"),
            )
        head += markup("[b]! $cause[/b]", cause=_(act.CAUSE_SHORT))
        self.query_one("#act-head", Static).update(head)
        self.query_one("#act-detail", Static).update(
            self._conclusion_text() if r is None else self._detail_text(r)
        )
        if r is not None:
            iso3 = str(r["iso3"])
            self.query_one("#act-chart", Chart).show(
                action_ranks_figure(self.ds, iso3, r),
                ("act", iso3, r["milestone_id"], current_language()),
            )

    def _detail_text(self, r: dict[str, object]) -> Content:
        when = str(r["start"] or _("undated"))
        if r["end"]:
            when = f"{r['start'] or '?'}–{r['end']}"
        if r["start_inferred"] == "yes":
            when += " " + _("(inferred)")
        lines = [
            markup(
                "[b]$title[/b] · $when · $kind",
                title=milestone_text(self.ds, r, "title"),
                when=when,
                kind=_kind(str(r["kind"])),
            )
        ]
        if r["start_year"] is None or r["status"] == "planned":
            none = (
                _(
                    "Planned: the article says when it was to start, not that it did; no rank before, during or after."
                )
                if r["status"] == "planned"
                else _("No start date in the article: no rank before or after.")
            )
            lines.append(
                markup(
                    "[dim]$none [/dim]$latest_word $latest",
                    none=none,
                    latest_word=_("Latest UN rank:"),
                    latest=_rank(r["rank_latest"], r["year_latest"]),
                )
            )
        else:
            lines.append(
                markup(
                    "$un_rank [b]$before[/b] → [b]$during[/b] → [b]$after[/b] → $latest",
                    un_rank=_("UN rank:"),
                    before=_("before {rank}").format(
                        rank=_rank(r["rank_before"], r["year_before"])
                    ),
                    during=_("during {rank}").format(
                        rank=_rank(r["rank_during"], r["year_during"])
                    ),
                    after=_("after {rank}").format(rank=_rank(r["rank_after"], r["year_after"])),
                    latest=_("latest {rank}").format(
                        rank=_rank(r["rank_latest"], r["year_latest"])
                    ),
                )
            )
            lines.append(
                plain(
                    _("Internet users:")
                    + f" {_pct(r['internet_before'], r['internet_year_before'])}"
                    f" → {_pct(r['internet_after'], r['internet_year_after'])}"
                )
            )
        links = article.milestone_links(self.ds, str(r["milestone_id"]))
        if links:
            names = {str(g["goal_id"]): str(g["name"]) for g in article.goals(self.ds)}
            own = translated_rows(self.ds, "goals_i18n", "goal_id")
            parts = []
            for k in links:
                gid = str(k["goal_id"])
                name = (own.get(gid) or {}).get("name") or names.get(gid, gid)
                kind = _("foundation") if k.get("link") == "foundation" else _("direct")
                against = ", " + _("against") if k["polarity"] == "against" else ""
                parts.append(f"{name} ({kind}{against})")
            lines.append(
                markup(
                    "$goals_word $goals [dim]$why[/dim]",
                    goals_word=_("Goals (ddx's reading):"),
                    goals="; ".join(parts),
                    why=_(
                        "foundation = a domestic capability the article argues digital diplomacy rests on, not an act of it."
                    ),
                )
            )
        if r.get("record_note"):
            lines.append(
                markup(
                    "[b]! [/b]$note [dim]($src)[/dim]",
                    note=milestone_text(self.ds, r, "record_note"),
                    src=str(r["record_source_id"]),
                )
            )
        srcs = [str(r["source_id"])]
        srcs += [s for c in ("rank_source_ids", "internet_source_id", "record_source_id") if r[c] for s in str(r[c]).split(";")]  # fmt: skip
        lines.append(
            markup(
                "[dim]$srcs_word $srcs $what[/dim]",
                srcs_word=_("sources:"),
                srcs=", ".join(srcs),
                what=_("(the action: the article's claim)"),
            )
        )
        # Two spans, as the caveat and the rule are two sentences (and the
        # accepted snapshots draw them as two).
        lines.append(
            markup("[dim]! $cause [/dim]", cause=_(act.CAUSE_CAVEAT))
            + markup("[dim]$rule[/dim]", rule=_capital(_(act.RULE)))
        )
        if r["caveats"] and "readiness_era" in str(r["caveats"]):
            lines.append(
                plain("! " + _("a rank here is from a readiness-index edition (2003-2008)"), "dim")
            )
        return join_lines(lines)

    def _conclusion_text(self) -> Content:
        con = act.conclusions(self.ds)
        if con.is_empty():
            return plain(_("No conclusion recorded in the data."))
        lines: list[Content] = []
        own = translated_rows(self.ds, "conclusions_i18n", "claim_id")
        for c in con.iter_rows(named=True):
            mine = own.get(str(c["claim_id"])) or {}
            lines.append(plain(f"{c['position']}. {mine.get('claim') or c['claim']}"))
            if c["note"]:
                note = mine.get("note") or c["note"]
                lines.append(markup("[dim]   ddx: $note[/dim]", note=note))
        return join_lines(lines)
