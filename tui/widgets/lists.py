"""Lists that also move with j/k, for vi hands and small keyboards (tables:
tui/widgets/tables.py, apart so that a pane with a list alone does not load
Textual's DataTable before the first frame)."""

from __future__ import annotations

from typing import Literal

from textual import events
from textual.binding import Binding
from textual.widgets import OptionList

from ..focus_look import FocusStylesKept
from .sized import DoneForSize


def ready_to_page(option_list: OptionList) -> bool:
    """Whether PageUp/PageDown can move: Textual 8.2's OptionList raises KeyError
    on them until its lines are laid out (keys typed faster than the screen
    updates, e.g. Ctrl+P then PageDown over SSH). Found by the key fuzzer."""
    option_list._update_lines()
    return (option_list.highlighted or 0) in option_list._index_to_line


class KeyList(DoneForSize, FocusStylesKept, OptionList):
    """An OptionList that keeps its laid-out lines when shown again.

    Textual sends a Resize to a widget each time it is shown, even at the same
    size, and OptionList empties its line caches on every Resize: each return
    to a pane with a list drew the list twice (3 ms of a tab switch)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        if not self.new_size((event.size, event.virtual_size)):
            event.prevent_default()  # OptionList's handler would empty the caches

    def _move_page(self, direction: Literal[-1, 1]) -> None:
        if self.option_count and not ready_to_page(self):
            return
        super()._move_page(direction)
