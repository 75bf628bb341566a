"""The key bar at the bottom: what Textual's Footer shows, but only the hints
that fit the width, each whole, the least important dropped first (Textual's
own Footer clips the last hint mid-word: "? H", "i Indicat").

A hint's importance comes from its binding's id (``PRIORITY``, lower first);
bindings not named there (a pane's own keys, such as ``c`` Chart) come right
after Help, in the order they are declared. Hints keep their usual order on
the bar; only which of them show depends on the width.

One widget that draws its line itself, where Footer composes a widget per
hint: a tab switch changes most hints, and each hint widget was restyled,
laid out (the screen a second time, after the switch's frame) and drawn on
its own, some 4 ms of the switch. It looks as Footer does, hint for hint, in
every theme: each hint is its key then its description, on the colours of
Footer's variables; the palette's key sits at the right end after a thin
rule. A click on a hint presses its key; the pointer over a hint lights it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from ..i18n import N_, _

if TYPE_CHECKING:
    from textual import events
    from textual.binding import Binding
    from textual.screen import Screen

# Binding id -> importance (lower shows first). Unnamed bindings get PANE_KEYS.
PRIORITY = {"help": 0, "next": 20, "indicator": 30, "source": 40, "quit": 50}
PANE_KEYS = 10
PALETTE_WIDTH_EXTRA = 4  # " ^p " padding, the rule on its left, padding right


def hint_width(key_display: str, description: str) -> int:
    """Cells one hint takes: " key " then "description "."""
    width = cell_len(key_display) + 2
    if description:
        width += cell_len(description) + 1
    return width


def choose(hints: list[tuple[int, int]], room: int) -> set[int]:  # (importance, width) in bar order
    """Indexes of the hints to show: the most important first while they fit."""
    order = sorted(range(len(hints)), key=lambda i: (hints[i][0], i))
    shown: set[int] = set()
    used = 0
    for i in order:
        if used + hints[i][1] > room:
            break  # the rest are less important: stop, so the bar stays predictable
        shown.add(i)
        used += hints[i][1]
    return shown


@dataclass(frozen=True)
class Hint:
    """One key on the bar; ``start``/``end``: its cells on the bar."""

    key: str
    key_display: str
    description: str
    action: str
    disabled: bool
    tooltip: str
    palette: bool
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class ShownHint:
    """A hint as it is on screen (for tests): ``region`` in screen cells."""

    key_display: str
    description: str
    region: Region


class KeyBar(Widget, can_focus=False):
    """A footer that never cuts a hint: whole hints, most important first."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 100%;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--item {
            background: $footer-item-background;
        }
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        & > .key-bar--rule {
            color: $foreground 20%;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--item",
        "key-bar--key",
        "key-bar--description",
        "key-bar--hover",
        "key-bar--rule",
    }
    ALLOW_SELECT = False

    _hovered: reactive[int | None] = reactive(None)

    def __init__(self) -> None:
        super().__init__()
        self._bindings_ready = False
        self._hints: list[Hint] = []
        # Kept per what they show: a width, language or theme makes new ones.
        self._drawn: LRUCache[tuple[object, ...], Strip] = LRUCache(64)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def show_now(self) -> None:
        """Fill the bar before the next frame. The screen announces its
        bindings only after the first frame: the app calls this once focus is
        placed, so that the first frame has the bar (it is recomputed when the
        bindings change)."""
        if not self._bindings_ready:
            self._bindings_ready = True
            self._sync()

    def bindings_changed(self, screen: Screen) -> None:  # type: ignore[type-arg]
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            # Now, not after the next refresh: the switch's frame has the new bar.
            self._sync()

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready:
            self._sync()

    def _sync(self) -> None:
        """Show the hints of now; redraw only when they changed."""
        if not self.is_attached:
            return
        hints = self._plan()
        if hints != self._hints:
            self._hints = hints
            self._hovered = None
            self.refresh()

    def _width(self) -> int:
        return self.size.width or self.app.size.width

    def _plan(self) -> list[Hint]:
        """The hints to show now, in bar order, placed on the bar; the
        palette's last, at the right end."""
        active = self.screen.active_bindings
        first: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in first:
                first[binding.action] = (binding, enabled, tooltip)
        entries = list(first.values())
        width = self._width()
        room = width
        palette: Hint | None = None
        if self.app.ENABLE_COMMAND_PALETTE:
            try:
                _n, pb, p_enabled, _p_tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            except KeyError:
                pass
            else:
                display, description = self.app.get_key_display(pb), _(pb.description)
                room -= hint_width(display, description) + PALETTE_WIDTH_EXTRA - 2
                # Drawn: the rule (not in ASCII), "^p palette", a cell of padding.
                drawn = (0 if self._ascii() else 1) + cell_len(display) + cell_len(description) + 2
                palette = Hint(
                    pb.key,
                    display,
                    description,
                    pb.action,
                    not p_enabled,
                    pb.tooltip or description,
                    True,
                    width - drawn,
                    width,
                )
        described = [(b, self.app.get_key_display(b), _(b.description)) for b, _e, _t in entries]
        shown = choose(
            [
                (PRIORITY.get(b.id or "", PANE_KEYS), hint_width(display, description))
                for b, display, description in described
            ],
            room,
        )
        hints = []
        x = 0
        for i, ((binding, display, description), (_b, enabled, tooltip)) in enumerate(
            zip(described, entries, strict=True)
        ):
            if i in shown:
                end = x + hint_width(display, description)
                hints.append(
                    Hint(
                        binding.key,
                        display,
                        description,
                        binding.action,
                        not enabled,
                        tooltip,
                        False,
                        x,
                        end,
                    )
                )
                x = end
        if palette is not None:
            hints.append(palette)
        return hints

    def hints(self) -> Iterator[ShownHint]:
        """The hints on the bar now, with where they are on the screen (for tests)."""
        region = self.region
        for hint in self._hints:
            yield ShownHint(
                hint.key_display,
                hint.description,
                Region(region.x + hint.start, region.y, hint.end - hint.start, 1),
            )

    # -- drawing ---------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        styles = tuple(
            self.get_component_rich_style(name, partial=True)
            for name in (
                "key-bar--item",
                "key-bar--key",
                "key-bar--description",
                "key-bar--hover",
                "key-bar--rule",
            )
        )
        key = (width, tuple(self._hints), self._hovered, self.rich_style, styles, self._ascii())
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = self._drawn[key] = self._draw(width)
        return drawn

    def _ascii(self) -> bool:
        return bool(getattr(self.app, "ascii_mode", False))

    def _draw(self, width: int) -> Strip:
        base = self.rich_style
        blank = Style(bgcolor=base.bgcolor)
        item = base + self.get_component_rich_style("key-bar--item", partial=True)
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        description_style = self.get_component_rich_style("key-bar--description", partial=True)
        hover = self.get_component_rich_style("key-bar--hover", partial=True)
        segments: list[Segment] = []
        x = 0
        for i, hint in enumerate(self._hints):
            under = item + hover if i == self._hovered else item
            if hint.disabled:
                under += Style(dim=True)
            if hint.palette:
                segments.append(Segment(" " * (hint.start - x), blank))
                if not self._ascii():
                    rule = self.get_component_rich_style("key-bar--rule")
                    segments.append(Segment("▏", Style(color=rule.color, bgcolor=base.bgcolor)))
                segments.append(Segment(hint.key_display, under + key_style))
                segments.append(Segment(" " + hint.description, under + description_style))
                segments.append(Segment(" ", blank))
            else:
                segments.append(Segment(f" {hint.key_display} ", under + key_style))
                if hint.description:
                    segments.append(Segment(f"{hint.description} ", under + description_style))
            x = hint.end
        return Strip(segments).crop_extend(0, width, blank)

    # -- the pointer -----------------------------------------------------------
    def _hint_at(self, x: int) -> int | None:
        for i, hint in enumerate(self._hints):
            if hint.start <= x < hint.end:
                return i
        return None

    def watch__hovered(self, hovered: int | None) -> None:
        # The hand over a hint, as over Footer's (in a browser, ddx serve).
        self.styles.pointer = "default" if hovered is None else "pointer"

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hovered = self._hint_at(event.x)
        hint = self._hints[self._hovered] if self._hovered is not None else None
        self.tooltip = (hint.tooltip or None) if hint is not None else None

    def on_leave(self) -> None:
        self._hovered = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        i = self._hint_at(event.x)
        if i is None:
            return
        if self._hints[i].disabled:
            self.app.bell()
        else:
            self.app.simulate_key(self._hints[i].key)


# Textual's own binding descriptions the bar shows, for the catalogue.
TEXTUAL_WORDS = (N_("palette"),)

__all__ = ["Hint", "KeyBar", "ShownHint", "choose", "hint_width"]
