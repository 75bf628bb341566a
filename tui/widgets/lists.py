"""Lists and tables that also move with j/k, for vi hands and small keyboards."""

from __future__ import annotations

from typing import Any, Literal

from textual.binding import Binding
from textual.widgets import DataTable, OptionList


def ready_to_page(option_list: OptionList) -> bool:
    """Whether PageUp/PageDown can move: Textual 8.2's OptionList raises KeyError
    on them until its lines are laid out (keys typed faster than the screen
    updates, e.g. Ctrl+P then PageDown over SSH). Found by the key fuzzer."""
    option_list._update_lines()
    return (option_list.highlighted or 0) in option_list._index_to_line


class KeyList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def _move_page(self, direction: Literal[-1, 1]) -> None:
        if self.option_count and not ready_to_page(self):
            return
        super()._move_page(direction)


class KeyTable(DataTable[Any]):
    """Home and End go to the first and last row (the README's promise);
    DataTable's own would scroll sideways and hide the first column."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("home", "scroll_top", "Top", show=False),
        Binding("end", "scroll_bottom", "Bottom", show=False),
    ]
