"""The class tour's controller and caption: applies each Step (tui/tour/model.py)
to the app and keeps the caption under the panes up to date.

The same code plays the built-in tour and a teacher's file (``ddx demo
--tour FILE``). Text from a tour file is untrusted: the caption is built as
Rich Text, never parsed as markup. ``capture_step`` is the other direction:
the view on screen as a Step, for recording (``R``, tui/tour/record.py).
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from ..core import FOCUS
from ..core import queries as q
from ..i18n import _, country_name, current_language
from ..textsafe import safe
from . import presenter
from .dump import step_table
from .model import PANE_KEYS, Step
from .steps import tour_steps

if TYPE_CHECKING:
    from ..app import DDXApp


# The list a step's ``row`` highlights, per pane.
ROW_LISTS = {"goals": "#goal-list", "sources": "#source-table"}
# What a step leaves unsaid is set to the pane's opening state, so a step
# always looks the same, whichever step came before it.
DEFAULT_CHART = {"countries": "rank", "rankings": "bars", "compare": "bars"}


def _pane(app: DDXApp, pane_id: str) -> Any:
    pane = app._pane(pane_id)
    return pane if pane.is_mounted else None


def apply_pane_state(app: DDXApp, step: Step) -> None:
    """The step's pane-specific state: scope, chart, countries, view, a row."""
    pane = _pane(app, step.pane)
    if pane is None:
        return
    if step.pane == "rankings":
        if hasattr(pane, "set_scope"):
            pane.set_scope(step.scope or "central-asia")
        want = step.chart or DEFAULT_CHART["rankings"]
        if getattr(pane, "chart_kind", want) != want:
            pane.action_toggle_chart()
    elif step.pane == "countries":
        want = step.chart or DEFAULT_CHART["countries"]
        if getattr(pane, "chart_kind", want) != want:
            pane.chart_kind = want
            pane._draw_chart()
    elif step.pane == "compare":
        selection = tuple(step.countries or FOCUS)
        if getattr(pane, "selection", selection) != selection:
            pane.set_selection(selection)
        want = step.chart or DEFAULT_CHART["compare"]
        if getattr(pane, "view", want) != want:
            pane.set_view(want)
    elif step.pane == "infrastructure":
        want = step.view or "internet"
        if getattr(pane, "view", want) != want:
            pane.show_view(want)
    if step.row is not None and step.pane in ROW_LISTS:
        for widget in app.query(ROW_LISTS[step.pane]):
            if hasattr(widget, "move_cursor"):
                widget.move_cursor(row=step.row)
            else:
                widget.highlighted = step.row  # type: ignore[attr-defined]


def apply_step(app: DDXApp, step: Step) -> None:
    """Put the app in the step's state: its pane, the shared selection, the pane's own."""
    app.show_pane_id(step.pane)
    if step.country:
        app.country = step.country
    editions = app.editions
    if step.edition is None or step.edition == "latest":
        app.edition = editions[-1]
    elif step.edition == "earliest":
        app.edition = editions[0]
    elif isinstance(step.edition, int) and step.edition in editions:
        app.edition = step.edition
    app.indicator = step.indicator
    # If a pane changed under us, the step still shows the pane.
    with contextlib.suppress(Exception):
        apply_pane_state(app, step)


def capture_step(app: DDXApp, caption: str, title: str = "") -> Step:
    """The view on screen as a step (what ``R`` records)."""
    pane = app.active_pane
    pane_id = pane.pane_id
    keys = PANE_KEYS.get(pane_id, ())
    kw: dict[str, Any] = {}
    if "country" in keys and app.country in FOCUS:
        kw["country"] = app.country
    if "edition" in keys:
        kw["edition"] = app.edition
    if "indicator" in keys:
        kw["indicator"] = app.indicator
    if pane_id == "rankings":
        kw["scope"] = getattr(pane, "scope", "central-asia")
        kw["chart"] = getattr(pane, "chart_kind", "bars")
    elif pane_id == "countries":
        kw["chart"] = getattr(pane, "chart_kind", "rank")
    elif pane_id == "compare":
        kw["countries"] = tuple(getattr(pane, "selection", FOCUS))
        kw["chart"] = getattr(pane, "view", "bars")
    elif pane_id == "infrastructure":
        kw["view"] = getattr(pane, "view", "internet")
    elif pane_id in ROW_LISTS:
        with contextlib.suppress(Exception):
            widget = app.query_one(ROW_LISTS[pane_id])
            row = getattr(widget, "cursor_row", None)
            if row is None:
                row = getattr(widget, "highlighted", None)
            if row is not None:
                kw["row"] = int(row)
    if not title:
        title = pane.title or pane_id.capitalize()
        if pane_id == "countries":
            title = str(q.country(app.dataset, app.country).get("name") or app.country)
    return Step(pane=pane_id, title=title, look=caption, **kw)


def record_view(app: DDXApp) -> None:
    """``R``: the view on screen, captioned in a dialog, appended to the tour file."""
    from dataclasses import replace

    from ..core.errors import DataError
    from .dialog import RecordScreen
    from .record import append_step, default_path

    target = app.options.record or default_path()
    # In a tour, the step on screen gives the title and a caption to start from.
    playing = app.demo.step if app.demo is not None else None
    on_step = (
        playing is not None
        and playing.pane == app.active_pane.pane_id
        and playing.country in (None, app.country)
    )
    step = capture_step(app, caption="-", title=playing.title if on_step and playing else "")
    state = " · ".join(
        f"{k} {', '.join(v) if isinstance(v, list) else v}"
        for k, v in step_table(step).items()
        if k not in ("title", "caption")
    )

    def done(caption: str | None) -> None:
        if caption is None:
            return
        try:
            # The playing step's presenter notes go with it (R keeps them).
            notes = playing.notes if on_step and playing else step.notes
            n = append_step(target, replace(step, look=caption, notes=notes))
        except DataError as exc:
            app.notify(str(exc), title=_("Not recorded"), severity="error", markup=False)
            app.bell()
            return
        app.notify(
            _("Step {n} saved to {file}").format(n=n, file=target),
            title=_("Recorded"),
            markup=False,
        )

    initial = playing.look if on_step and playing else ""
    app.push_screen(RecordScreen(str(target), state, initial), done)


class DemoCaption(Static):
    """The caption under the panes: step, what to look at, the sources."""

    DEFAULT_CLASSES = "demo-caption"
    tour: Tour | None = None

    def on_resize(self) -> None:
        # The tour bar and sources line are cut to the width: cut them again.
        if self.tour is not None:
            self.tour.update_caption()

    def on_unmount(self) -> None:
        if self.tour is not None:
            self.tour.stop()


class Tour:
    """Drives the app through the steps and keeps the caption up to date."""

    def __init__(
        self,
        app: DDXApp,
        steps: list[Step],
        interval: float | None = None,
        notes: bool = False,
        state_file: os.PathLike[str] | str | None = None,
    ) -> None:
        self.app = app
        self.steps = steps
        self.index = 0
        self.interval = interval
        self.notes = notes
        self.state_file = state_file
        self.timer: Timer | None = None
        self.caption = DemoCaption("", id="demo-caption")
        self.caption.tour = self
        if notes:
            self.caption.add_class("-notes")

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

    def _delay(self) -> float | None:
        """How long this step stays: its own ``seconds``, else --interval."""
        return self.step.seconds or self.interval

    def _arm(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        delay = self._delay()
        if delay and self.caption.is_attached:
            # The caption owns the timer: it stops when the caption goes.
            self.timer = self.caption.set_timer(delay, self._tick)

    def _tick(self) -> None:
        self.timer = None
        if not self.caption.is_attached:
            return  # shutting down
        if len(self.app.screen_stack) > 1:
            self._arm()  # a dialog is open: wait
            return
        last = self.index == len(self.steps) - 1
        if last and not self.interval:
            return  # steps with their own seconds stop at the end; --interval loops
        self.show((self.index + 1) % len(self.steps))

    def go(self, delta: int) -> bool:
        """Next (+1) or previous (-1) step; False at either end."""
        target = self.index + delta
        if not 0 <= target < len(self.steps):
            return False
        self.show(target)  # a key press restarts the countdown
        return True

    def show(self, index: int) -> None:
        self.index = index
        app = self.app
        with app.batch_update():
            apply_step(app, self.step)
            self.update_caption()
        self._arm()
        if self.state_file is not None:
            presenter.write_state(self.state_file, self.index, len(self.steps))

    def stop(self) -> None:
        """The player is closing: tell ``ddx tour notes`` so."""
        if self.state_file is not None:
            presenter.clear_state(self.state_file)

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
            return _("Sources: see the Sources pane; s shows what this pane draws on")
        more = f" +{len(ids) - 3}" if len(ids) > 3 else ""
        return _("Sources on screen: {ids}; s for details").format(ids=", ".join(ids[:3]) + more)

    def update_caption(self) -> None:
        step = self.step
        title, look = step.in_language(current_language())
        if step.country and self.app.country != step.country:
            # --start chose another country: name the one on screen.
            title = country_name(
                self.app.dataset,
                self.app.country,
                str(q.country(self.app.dataset, self.app.country).get("name") or self.app.country),
            )
        n = len(self.steps)
        plain = bool(getattr(self.app, "ascii_mode", False))
        nxt, back, dot = ("right", "left", "-") if plain else ("→", "←", "·")
        keys = (
            _("{back} back  space/{next} next").format(next=nxt, back=back)
            if self.index < n - 1
            else _("last step: {back} back, q quits").format(back=back)
        )
        delay = self._delay()
        if delay:
            keys += "  " + _("(auto: {seconds} s)").format(seconds=f"{delay:g}")
        # Text, not markup: a caption from a file is shown exactly as written.
        # The tour bar and the sources line are one row each, cut with "…" if
        # they must be (at the caption's width); the caption itself wraps and
        # is always whole (the caption's height follows its text).
        width = max(10, (self.caption.content_size.width or self.app.size.width - 2))
        bar = Text()
        bar.append(
            _("Tour {i}/{n}").format(i=self.index + 1, n=n) + f" {dot} {safe(title)}", "bold"
        )
        if bar.cell_len + 2 + cell_len(keys) <= width:  # the keys whole, or not at all
            bar.append(f"  {keys}", "dim")
        bar.truncate(width, overflow="ellipsis")
        sources = Text(safe(self.sources_line()), "dim")
        sources.truncate(width, overflow="ellipsis")
        text = Text(no_wrap=False)
        text.append_text(bar)
        text.append("\n")
        text.append(safe(look))
        text.append("\n")
        text.append_text(sources)
        if self.notes:
            following = (
                self.steps[self.index + 1].in_language(current_language())[0]
                if self.index < n - 1
                else _("(the end)")
            )
            text.append("\n")
            text.append(_("Notes:") + " ", "bold")
            text.append(safe(step.notes or _("(none)")))
            text.append(f"  {dot} " + _("next:") + " ", "bold")
            text.append(safe(following))
        self.caption.update(text)


def start_tour(app: DDXApp) -> Tour:
    """Attach a tour to ``app`` (called from DDXApp.on_mount in demo mode)."""
    tour_file = app.options.tour
    steps = tour_steps(steps=tour_file.steps) if tour_file is not None else tour_steps()
    state = None
    if tour_file is not None and tour_file.path and not app.options.served:
        state = presenter.state_path(tour_file.path)
    tour = Tour(
        app,
        steps,
        app.options.demo_interval,
        notes=app.options.notes,
        state_file=state,
    )
    app.demo = tour
    app.screen.add_class("-demo")
    tour.start(app.options.start)
    return tour
