"""Goals: the article's eight goals of digital diplomacy, and the country actions
and results that bear on each, serving it or working against it (the project's
own reading of the article); with ddx's note on where the eight goals come from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..core import article
from ..i18n import N_, _, link_rationale, milestone_text, translated_rows
from ..textsafe import markup
from ..widgets.lists import KeyList
from ..widgets.text import Rendered, TextLike, as_text, hanging
from .base import Pane, Provenance

if TYPE_CHECKING:
    import polars as pl


class GoalsPane(Pane):
    pane_id = "goals"
    step_help = N_("previous / next goal")

    def compose(self) -> ComposeResult:
        # The pane lays them side by side itself (goals.tcss): no container
        # of its own, one widget less to style and lay out before the first frame.
        yield KeyList(id="goal-list")
        with VerticalScroll(id="goal-main"):
            yield Static("", id="goal-summary")
            yield Static("", id="goal-actions")
            yield Static("", id="goal-words")

    def on_mount(self) -> None:
        # Rows as dicts (tui/core/article.py): the pane only lists and shows text.
        self.goals = {str(g["goal_id"]): g for g in article.goals(self.ds)}
        self.goal_id = next(iter(self.goals))
        self._fill_list()
        self.query_one("#goal-list", KeyList).highlighted = 0
        self._show()

    def _goal(self, goal_id: str) -> dict[str, object]:
        """The goal's row, its name and summary in the current language where
        goals_i18n has them (else English)."""
        g = dict(self.goals[goal_id])
        own = translated_rows(self.ds, "goals_i18n", "goal_id").get(goal_id)
        if own:
            g["name"], g["summary"] = own["name"] or g["name"], own["summary"] or g["summary"]
            if g.get("ddx_note") and own.get("ddx_note"):
                g["ddx_note"] = own["ddx_note"]
        return g

    def _fill_list(self) -> None:
        lst = self.query_one("#goal-list", KeyList)
        keep = lst.highlighted
        lst.clear_options()
        lst.add_options(
            [
                # The number on its own column: a long name wraps under its first word.
                Option(
                    Rendered(hanging([(f"{g['position']}.", str(g["name"]))], label_style="")), id=i
                )
                for i, g in ((i, self._goal(i)) for i in self.goals)
            ]
        )
        if keep is not None:
            lst.highlighted = keep

    def retranslate(self) -> None:
        self._fill_list()
        self._show()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # Only a move to another goal: the highlight set on mount (or after
        # the list is refilled) names the goal already shown.
        if event.option_list.id == "goal-list" and event.option.id not in (None, self.goal_id):
            self.goal_id = event.option.id
            self._show()

    def step(self, delta: int) -> bool:
        lst = self.query_one("#goal-list", KeyList)
        n = lst.option_count
        lst.highlighted = ((lst.highlighted or 0) + delta) % n
        return True

    def _show(self) -> None:
        g = self._goal(self.goal_id)
        text = markup(
            "[b]$position. $name[/b]\n$summary\n[dim]$from_table[/dim]",
            position=g["position"],
            name=g["name"],
            summary=g["summary"],
            from_table=_("Goal from the article's Table 1, summarised in our words."),
        )
        text += markup("\n[dim italic]$origin[/dim italic]", origin=_(article.ORIGIN_SHORT))
        self.query_one("#goal-summary", Static).update(text)
        self.query_one("#goal-words", Static).update(self._words_text(g))
        acts = article.goal_actions(self.ds, self.goal_id)
        self.actions = acts
        # Laid out once per width: the layout measures its height, then draws it.
        self.query_one("#goal-actions", Static).update(Rendered(self._links_text(acts)))

    def _words_text(self, g: dict[str, object]) -> Content:
        """Table 1's own wording, ddx's note where Hanson's area differs from it, and
        whether Table 1 follows the Adesina paper: under the links, as they are longer."""
        text = markup("\n")
        if g.get("article_wording"):
            text += markup(
                "[dim]$label[/dim] “$wording”",
                label=_("The article's words (Table 1, in English):"),
                wording=g["article_wording"],
            )
        if g.get("ddx_note"):
            text += markup(
                "\n[b]! [/b][italic]$note[/italic] [dim]($src)[/dim]",
                note=g["ddx_note"],
                src=_("source: {id}").format(id=g.get("note_source_id") or "ddx_reading"),
            )
        return text + markup("\n[dim italic]$adesina[/dim italic]", adesina=_(article.ADESINA_NOTE))

    def _links_text(self, rows: list[dict[str, object]]) -> Group:
        """The goal's actions and the results bearing on it, in two labelled
        lists whose wrapped lines hang under the item's text, not its bullet."""
        actions, results = article.split_by_role(rows)
        parts: list[RenderableType] = [
            as_text(
                _("Links are the project's own reading of the article, not the article's claim."),
                "dim",
            ),
            as_text("  " + _(article.LINK_DIRECT), "dim"),
            as_text("  " + _(article.LINK_FOUNDATION), "dim"),
        ]
        ascii_mode = self.ddx.ascii_mode
        against = ("x " if ascii_mode else "✗ ") + _("works against this goal")
        bullet = "*" if ascii_mode else "•"
        for label, items, empty in (
            (
                _("Country actions"),
                actions,
                _("No action the article reports bears on this goal."),
            ),
            (
                _("Results that bear on it (ranks, shares, prices, taxes)"),
                results,
                _("No result the article reports bears on this goal."),
            ),
        ):
            parts.append(Text(""))
            parts.append(as_text(f"{label} ({len(items)})", "bold"))
            if not items:
                parts.append(as_text(empty, "dim"))
                continue
            rows_out: list[tuple[TextLike, TextLike]] = []
            for r in items:
                when = str(r["date"] or _("undated"))
                if r.get("inferred") == "yes":
                    when += " " + _("(inferred)")
                who = self.country_label(str(r["iso3"]), r["country"] or r["iso3"])
                kind = _("foundation") if r.get("link") == "foundation" else _("direct")
                line = Text.assemble(
                    as_text(who, "bold"),
                    as_text(f" {when}: "),
                    as_text(milestone_text(self.ds, r, "title")),
                    as_text(f"  ({kind})", "italic"),
                )
                if r["polarity"] == "against":
                    line.append_text(Text("  ")).append_text(as_text(against, "bold reverse"))
                rows_out.append((bullet, line))
                why = link_rationale(self.ds, {**r, "goal_id": self.goal_id})
                why_word = _("why:")
                rows_out.append(("", as_text(f"{why_word} {why}", "dim")))
            parts.append(hanging(rows_out, label_style=""))
        return Group(*parts)

    def provenance(self) -> list[Provenance]:
        items = [
            Provenance(_("Goal name and summary (article, Table 1)"), "article", ("article_claim",))
        ]
        note_src = self.goals[self.goal_id].get("note_source_id")
        if note_src:
            items.append(
                Provenance(
                    _("ddx's note on the goal's wording"), str(note_src), ("project_reading",)
                )
            )
        items.append(
            Provenance(
                _("The paper behind the article's references 2 and 5 (ddx's note)"),
                article.ADESINA_SOURCE,
                ("project_reading",),
            )
        )
        items += [
            Provenance(
                _("Where the eight goals come from (ddx's note; the article names no source)"),
                sid,
                ("project_reading",),
            )
            for sid in article.ORIGIN_SOURCES
        ]
        for r in self.actions:
            items.append(
                Provenance(
                    f"{r['iso3']}: {milestone_text(self.ds, r, 'title')}",
                    str(r["source_id"]),
                    ("article_claim",) + (("inferred_date",) if r.get("inferred") == "yes" else ()),
                    _("works against this goal") if r["polarity"] == "against" else "",
                )
            )
        if len(self.actions):
            items.append(
                Provenance(
                    _("Links between actions and this goal"), "ddx_reading", ("project_reading",)
                )
            )
        return items

    def current_frame(self) -> pl.DataFrame:
        from ..core import queries as q

        return q.goal_milestones(self.ds, self.goal_id)

    def describe_state(self) -> str:
        return f"goal={self.goal_id}"
