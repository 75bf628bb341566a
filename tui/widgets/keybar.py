"""The key bar at the bottom: Textual's Footer, but it shows only the hints that
fit the width, each whole, and drops the least important ones first (Textual's
own Footer clips the last hint mid-word: "? H", "i Indicat").

A hint's importance comes from its binding's id (``PRIORITY``, lower first);
bindings not named there (a pane's own keys, such as ``c`` Chart) come right
after Help, in the order they are declared. Hints keep their usual order on
the bar; only which of them show depends on the width."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from ..i18n import N_, _
from .settled import Settled

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import Binding
    from textual.screen import Screen

# Binding id -> importance (lower shows first). Unnamed bindings get PANE_KEYS.
PRIORITY = {"help": 0, "next": 20, "indicator": 30, "source": 40, "quit": 50}
PANE_KEYS = 10
PALETTE_WIDTH_EXTRA = 4  # " ^p " padding, the border on its left, padding right


def hint_width(key_display: str, description: str) -> int:
    """Cells one FooterKey takes (non-compact): " key " then "description "."""
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


class _Hint(Settled, FooterKey):
    """A hint whose new width (another pane's hints) needs no second layout."""


class KeyBar(Footer):
    """A footer that never cuts a hint: whole hints, most important first."""

    _composed: list[tuple[str, str, str, str, bool, str, str]] | None = None

    def show_now(self) -> None:
        """Fill the bar before the next frame. Textual's Footer shows nothing
        until the screen announces its bindings, which is after the first
        frame: the app calls this once focus is placed, so that the first
        frame has the bar (it is recomputed when the bindings change)."""
        if not self._bindings_ready:
            self._bindings_ready = True
            self._sync()

    def _width(self) -> int:
        return self.size.width or self.app.size.width

    def _plan(self) -> list[tuple[str, str, str, str, bool, str, str]]:
        """The hints to show now, in bar order: (key, key display, description,
        action, disabled, tooltip, classes)."""
        active = self.screen.active_bindings
        first: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in first:
                first[binding.action] = (binding, enabled, tooltip)
        entries = list(first.values())
        room = self._width()
        palette: tuple[Binding, bool, str] | None = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            try:
                _n, pb, p_enabled, p_tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            except KeyError:
                pass
            else:
                palette = (pb, p_enabled, p_tooltip)
                room -= hint_width(self.app.get_key_display(pb), _(pb.description)) + (
                    PALETTE_WIDTH_EXTRA - 2
                )
        hints = [
            (
                PRIORITY.get(b.id or "", PANE_KEYS),
                hint_width(self.app.get_key_display(b), _(b.description)),
            )
            for b, _e, _t in entries
        ]
        shown = choose(hints, room)
        plan = [
            (
                binding.key,
                self.app.get_key_display(binding),
                _(binding.description),
                binding.action,
                not enabled,
                tooltip,
                "",
            )
            for i, (binding, enabled, tooltip) in enumerate(entries)
            if i in shown
        ]
        if palette is not None:
            pb, p_enabled, _tooltip = palette
            plan.append(
                (
                    pb.key,
                    self.app.get_key_display(pb),
                    _(pb.description),
                    pb.action,
                    not p_enabled,
                    pb.tooltip or _(pb.description),
                    "-command-palette",
                )
            )
        return plan

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self._composed = plan = self._plan()
        for entry in plan:
            yield self._hint(entry)

    def _hint(self, entry: tuple[str, str, str, str, bool, str, str]) -> FooterKey:
        key, display, description, action, disabled, tooltip, classes = entry
        hint = _Hint(
            key, display, description, action, classes=classes, disabled=disabled, tooltip=tooltip
        )
        # The palette hint keeps its own look (Textual's Footer does the same:
        # compact). Each hint starts with the look it will have, so mounting it
        # does not restyle it twice (the class set, then unset).
        compact = True if classes else self.compact
        hint.set_reactive(FooterKey.compact, compact)
        hint.set_class(compact, "-compact", update=False)
        if not classes:
            with self._context():  # data_bind binds to the widget composing it
                hint.data_bind(compact=Footer.compact)
        return hint

    def _sync(self) -> None:
        """Show the hints of now: only when they changed, and by changing the
        hint widgets in place (hiding the spare ones, mounting only when more
        are needed than ever before), not by building the bar anew. A bar
        built anew is repainted whole (bytes over SSH) and costs a second
        layout of the screen after the frame of a tab switch."""
        if not self.is_attached:
            return
        plan = self._plan()
        if plan == self._composed:
            return
        hints = list(self.query_children(FooterKey))
        palette = [h for h in hints if h.has_class("-command-palette")]
        keys = [h for h in hints if not h.has_class("-command-palette")]
        entries = [e for e in plan if not e[6]]
        palette_entries = [e for e in plan if e[6]]
        if (
            self._composed is None
            or len(palette) != len(palette_entries)
            or (palette and palette != hints[-1:])
        ):
            # Not built yet, or not as this method leaves it: build it anew.
            self._composed = plan
            self.call_next(self.recompose)
            return
        self._composed = plan
        shown = list(zip(keys, entries, strict=False)) + list(
            zip(palette, palette_entries, strict=True)
        )
        for hint, entry in shown:
            _set_hint(hint, entry)
            hint.display = True
        for hint in keys[len(entries) :]:
            hint.display = False
        if len(entries) > len(keys):
            new = [self._hint(e) for e in entries[len(keys) :]]
            if palette:
                self.mount(*new, before=palette[0])
            else:
                self.mount(*new)

    def bindings_changed(self, screen: Screen) -> None:  # type: ignore[type-arg]
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            # Now, not after the next refresh: that drew a frame, then laid
            # the screen out again for the new bar.
            self._sync()

    def hints(self) -> Iterator[FooterKey]:
        """The hints on the bar now (for tests); spare ones are hidden."""
        yield from (h for h in self.query(FooterKey) if h.display)

    def on_resize(self, event: events.Resize) -> None:
        if self._bindings_ready:
            self.call_after_refresh(self._sync)


def _set_hint(hint: FooterKey, entry: tuple[str, str, str, str, bool, str, str]) -> None:
    """Make ``hint`` show ``entry`` (what FooterKey's constructor sets)."""
    key, display, description, action, disabled, tooltip, _classes = entry
    if (hint.key, hint.key_display, hint.description, hint.action, hint._disabled) == (
        key,
        display,
        description,
        action,
        disabled,
    ) and hint.tooltip == (tooltip or None):
        return
    hint.key, hint.key_display, hint.description, hint.action = key, display, description, action
    hint._disabled = disabled
    hint.set_class(disabled, "-disabled")
    hint.tooltip = tooltip or None
    hint.refresh(layout=True)  # its width follows its text


# Textual's own binding descriptions the bar shows, for the catalogue.
TEXTUAL_WORDS = (N_("palette"),)

__all__ = ["KeyBar", "choose", "hint_width"]
