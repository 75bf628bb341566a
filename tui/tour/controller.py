"""The class tour's controller and caption: applies each Step (tui/tour/steps.py)
to the app and keeps the caption under the panes up to date."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from textual.timer import Timer
from textual.widgets import Static

from ..core import queries as q
from ..textsafe import markup
from .steps import Step, tour_steps

if TYPE_CHECKING:
    from ..app import DDXApp


# The list a step's ``row`` highlights, per pane.
ROW_LISTS = {"goals": "#goal-list", "sources": "#source-table"}


def apply_pane_state(app: DDXApp, step: Step) -> None:
    """The step's pane-specific state: Rankings' scope, a highlighted row."""
    if step.scope is not None:
        pane = app.query_one("#rankings")
        if hasattr(pane, "set_scope"):
            pane.set_scope(step.scope)
    if step.row is not None and step.pane in ROW_LISTS:
        for widget in app.query(ROW_LISTS[step.pane]):
            if hasattr(widget, "move_cursor"):
                widget.move_cursor(row=step.row)
            else:
                widget.highlighted = step.row  # type: ignore[attr-defined]


class DemoCaption(Static):
    """The caption under the panes: step, what to look at, the sources."""

    DEFAULT_CLASSES = "demo-caption"


class Tour:
    """Drives the app through the steps and keeps the caption up to date."""

    def __init__(self, app: DDXApp, steps: list[Step], interval: float | None = None) -> None:
        self.app = app
        self.steps = steps
        self.index = 0
        self.interval = interval
        self.timer: Timer | None = None
        self.caption = DemoCaption("", id="demo-caption")

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    def start(self, start: str | None = None) -> None:
        """Mount the caption and show the first step (or the first on ``start``'s pane)."""
        self.app.mount(self.caption, before=self.app.query_one("#too-small"))
        first = 0
        if start:
            pane, _, arg = start.partition(":")
            on_pane = [i for i, s in enumerate(self.steps) if s.pane == pane]
            # The step showing that very country, if there is one; else the pane's first.
            same = [i for i in on_pane if arg and (self.steps[i].country or "") == arg.upper()]
            first = (same or on_pane or [0])[0]
        self.show(first)
        if start:
            self.app.apply_start(start)  # e.g. countries:UZB overrides the step's country
            self.update_caption()
        if self.interval:
            # The caption owns the timer: it stops when the caption goes.
            self.timer = self.caption.set_interval(self.interval, self._tick)

    def _tick(self) -> None:
        if not self.caption.is_attached or len(self.app.screen_stack) > 1:
            return  # shutting down, or a dialog is open: wait
        self.show((self.index + 1) % len(self.steps))

    def go(self, delta: int) -> bool:
        """Next (+1) or previous (-1) step; False at either end."""
        target = self.index + delta
        if not 0 <= target < len(self.steps):
            return False
        self.show(target)
        if self.timer is not None:
            self.timer.reset()  # a key press restarts the countdown
        return True

    def show(self, index: int) -> None:
        self.index = index
        step = self.step
        app = self.app
        with app.batch_update():
            app.show_pane_id(step.pane)
            if step.country:
                app.country = step.country
            editions = app.editions
            if step.edition is None:
                app.edition = editions[-1]
            else:
                app.edition = editions[step.edition]
            app.indicator = step.indicator
            # If a pane changed under us, the step still shows the pane.
            with contextlib.suppress(Exception):
                apply_pane_state(app, step)
            self.update_caption()

    def sources_line(self) -> str:
        """The sources of what the step shows, from the pane's provenance."""
        try:
            items = self.app.active_pane.provenance()
        except Exception:
            items = []
        ids: list[str] = []
        for item in items:
            if item.source_id and item.source_id not in ids:
                ids.append(item.source_id)
        if not ids:
            return "Sources: see the Sources pane; s shows what this pane draws on"
        more = f" +{len(ids) - 3}" if len(ids) > 3 else ""
        return f"Sources on screen: {', '.join(ids[:3])}{more}; s for details"

    def update_caption(self) -> None:
        step = self.step
        title = step.title
        if step.country and self.app.country != step.country:
            # --start chose another country: name the one on screen.
            title = str(
                q.country(self.app.dataset, self.app.country).get("name") or self.app.country
            )
        n = len(self.steps)
        plain = bool(getattr(self.app, "ascii_mode", False))
        nxt, back, dot = ("right", "left", "-") if plain else ("→", "←", "·")
        keys = (
            f"space/{nxt} next  {back} back"
            if self.index < n - 1
            else f"last step: {back} back, q quits"
        )
        if self.interval:
            keys += f"  (advances every {self.interval:g} s)"
        # Titles, country names and source ids are data: template fields, never
        # markup (a lone "[" or "[/dim]" in them once broke the caption).
        self.caption.update(
            markup(
                "[b]Tour $i/$n $dot $title[/b]  [dim]$keys[/dim]\n$look\n[dim]$sources[/dim]",
                i=self.index + 1,
                n=n,
                dot=dot,
                title=title,
                keys=keys,
                look=step.look,
                sources=self.sources_line(),
            )
        )


def start_tour(app: DDXApp) -> Tour:
    """Attach a tour to ``app`` (called from DDXApp.on_mount in demo mode)."""
    tour = Tour(app, tour_steps(), app.options.demo_interval)
    app.demo = tour
    app.screen.add_class("-demo")
    tour.start(app.options.start)
    return tour
