"""What every pane offers the app: a sequence to step through, an indicator to
cycle, the provenance of what it shows, and the frame behind the view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events, on
from textual.containers import Container

# Every pane's provenance() returns these (the dialog reads them from the core).
from ..core.provenance import Provenance as Provenance
from ..widgets.sized import DoneForSize

if TYPE_CHECKING:
    import polars as pl
    from textual.widget import Widget

    from ..app import DDXApp
    from ..core.dataset import Dataset


def focus(widget: Widget) -> None:
    """Focus ``widget`` unless it has focus already: ``Widget.focus`` repaints
    the widget even then, and the app asks for the pane's focus again after
    every tab switch's frame (which would draw a second frame for nothing)."""
    if widget.app.focused is not widget:
        widget.focus()


@dataclass(frozen=True)
class PaletteCommand:
    title: str
    help: str
    action: str  # an app action string, e.g. "app.goto_country('KGZ')"


class Pane(DoneForSize, Container):
    """Base for the tabbed panes. A subclass sets ``pane_id``; its ``title`` and
    ``tab_title`` (English, translated where shown) come from its entry in the
    registry, ``tui/panes/__init__.py``."""

    pane_id: ClassVar[str] = ""
    title: ClassVar[str] = ""
    # A shorter name for the tab bar, so all tabs fit in 80 columns.
    tab_title: ClassVar[str] = ""
    # Help text for `[`/`]` and `i` in this pane, shown on the help screen.
    step_help: ClassVar[str] = ""
    indicator_help: ClassVar[str] = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # What the shared selection changed while the pane was not on show.
        self._stale: list[Callable[[], object]] = []

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.pane_id:
            from . import pane_spec

            spec = pane_spec(cls.pane_id)
            cls.title, cls.tab_title = spec.title, spec.tab_title

    @property
    def ddx(self) -> DDXApp:
        return cast("DDXApp", self.app)

    @property
    def ds(self) -> Dataset:
        return self.ddx.dataset

    def step(self, delta: int) -> bool:
        """Move to the next (+1) or previous (-1) item; False if no sequence here."""
        return False

    def cycle_indicator(self) -> bool:
        return False

    def provenance(self) -> list[Provenance]:
        """Sources and caveats of what the pane shows now."""
        return []

    def current_frame(self) -> pl.DataFrame | None:
        """The data behind the current view, for export."""
        return None

    def follow(self, attr: str, redraw: Callable[[], object]) -> None:
        """Call ``redraw`` when the app's shared ``attr`` (country, edition,
        indicator) changes. A pane not on show redraws once, when it is next
        shown (``catch_up``), not on every change: a key pressed on one pane
        would otherwise wait for every other pane to redraw as well."""

        def changed(_value: object) -> None:
            if self.is_mounted and self.ddx.active_pane is self:
                redraw()
            elif redraw not in self._stale:
                self._stale.append(redraw)

        self.watch(self.ddx, attr, changed, init=False)

    def rehearsals(self) -> list[Callable[[], object]]:
        """Work to do in idle time once the pane is built and laid out, so that
        a key shows it at once (the Countries pane's other countries). Each
        step runs with the pane's widgets at the sizes they have on show,
        off-screen if it is hidden (tui/widgets/offscreen.py), and must not
        change what the pane shows."""
        return []

    def resized(self) -> bool:
        """Whether the pane's size changed since it last asked. Textual sends a
        Resize each time a hidden pane is shown, at the same size too: a pane
        that lays its content out for its size does so again only when asked
        for a new size, not on every return to its tab."""
        return self.new_size(self.size)

    def catch_up(self) -> None:
        """Redraw what the shared selection changed while the pane was hidden
        (the app calls it as the pane is shown, before its frame is drawn)."""
        stale, self._stale = self._stale, []
        for redraw in stale:
            redraw()

    @on(events.Mount)
    def _focus_when_ready(self) -> None:
        """A pane mounted late (after the first frame) takes focus if it is showing."""
        self.call_after_refresh(self._focus_if_active)

    def _focus_if_active(self) -> None:
        # Checked when the refresh comes: keys may have chosen another pane since.
        if getattr(self.app, "active_pane", None) is self:
            self.focus_main()

    def focus_main(self) -> None:
        """Put keyboard focus on the pane's main list."""
        for w in self.query("*"):
            if w.can_focus:
                focus(w)
                return

    def palette_commands(self) -> list[PaletteCommand]:
        return []

    def describe_state(self) -> str:
        """One line saying what is selected, for tests and the demo caption."""
        return ""

    def retranslate(self) -> None:
        """Draw the pane's text again in the current language (the palette's
        language switch); the selection and the view stay as they are."""

    def country_label(self, iso3: str, default: object = None) -> str:
        """A country's name in the current language (CLDR, or the country's own)."""
        from ..i18n import country_name

        return country_name(self.ds, iso3, str(default) if default is not None else None)
