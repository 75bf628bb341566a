"""Goals: the article's eight goals of digital diplomacy, and the country actions
and results that bear on each, serving it or working against it (the project's
own reading of the article); with ddx's note on where the eight goals come from."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..core import article
from ..widgets.lists import KeyList
from .base import Pane, Provenance


class GoalsPane(Pane):
    pane_id = "goals"
    title = "Goals"
    key = "1"
    step_help = "next / previous goal"

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield KeyList(id="goal-list")
            with VerticalScroll(id="goal-main"):
                yield Static("", id="goal-summary")
                yield Static("", id="goal-actions")

    def on_mount(self) -> None:
        # Rows as dicts (tui/core/article.py): the pane only lists and shows text.
        self.goals = {str(g["goal_id"]): g for g in article.goals(self.ds)}
        lst = self.query_one("#goal-list", KeyList)
        lst.add_options(
            [Option(f"{g['position']}. {g['name']}", id=i) for i, g in self.goals.items()]
        )
        self.goal_id = next(iter(self.goals))
        lst.highlighted = 0
        self._show()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "goal-list" and event.option.id:
            self.goal_id = event.option.id
            self._show()

    def step(self, delta: int) -> bool:
        lst = self.query_one("#goal-list", KeyList)
        n = lst.option_count
        lst.highlighted = ((lst.highlighted or 0) + delta) % n
        return True

    def _show(self) -> None:
        g = self.goals[self.goal_id]
        head = Text()
        head.append(f"{g['position']}. {g['name']}", style="bold")
        head.append(f"\n{g['summary']}\n")
        head.append("Goal from the article's Table 1, summarised in our words.", style="dim")
        head.append(f"\n{article.ORIGIN_SHORT}", style="dim italic")
        self.query_one("#goal-summary", Static).update(head)
        acts = article.goal_actions(self.ds, self.goal_id)
        self.actions = acts
        self.query_one("#goal-actions", Static).update(self._links_text(acts))

    def _links_text(self, rows: list[dict[str, object]]) -> Text:
        """The goal's actions and the results bearing on it, in two labelled lists."""
        actions, results = article.split_by_role(rows)
        text = Text()
        text.append(
            "Links are the project's own reading of the article, not the article's claim.",
            style="dim",
        )
        against = (
            "✗ works against this goal" if not self.ddx.ascii_mode else "x works against this goal"
        )
        for label, items, empty in (
            ("Country actions", actions, "No action the article reports bears on this goal."),
            (
                "Results that bear on it (ranks, shares, prices, taxes)",
                results,
                "No result the article reports bears on this goal.",
            ),
        ):
            text.append(f"\n\n{label} ({len(items)})", style="bold")
            if not items:
                text.append(f"\n{empty}", style="dim")
            for r in items:
                when = str(r["date"] or "undated")
                if r.get("inferred") == "yes":
                    when += " (inferred)"
                text.append("\n")
                text.append(str(r["country"] or r["iso3"]), style="bold")
                text.append(f" {when}: {r['title']}")
                if r["polarity"] == "against":
                    text.append(f"  {against}", style="bold reverse")
                text.append(f"\n   why: {r['rationale']}", style="dim")
        return text

    def provenance(self) -> list[Provenance]:
        items = [
            Provenance("Goal name and summary (article, Table 1)", "article", ("article_claim",))
        ]
        items += [
            Provenance(
                "Where the eight goals come from (ddx's note; the article names no source)",
                sid,
                ("project_reading",),
            )
            for sid in article.ORIGIN_SOURCES
        ]
        for r in self.actions:
            items.append(
                Provenance(
                    f"{r['iso3']}: {r['title']}",
                    str(r["source_id"]),
                    ("article_claim",) + (("inferred_date",) if r.get("inferred") == "yes" else ()),
                    "works against this goal" if r["polarity"] == "against" else "",
                )
            )
        if len(self.actions):
            items.append(
                Provenance(
                    "Links between actions and this goal", "ddx_reading", ("project_reading",)
                )
            )
        return items

    def current_frame(self):  # type: ignore[no-untyped-def]
        from ..core import queries as q

        return q.goal_milestones(self.ds, self.goal_id)

    def describe_state(self) -> str:
        return f"goal={self.goal_id}"
