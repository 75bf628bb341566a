"""Tables that also move with j/k, and whose Home/End go to the first and last row."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.widgets import DataTable


class KeyTable(DataTable[Any]):
    """Home and End go to the first and last row (the README's promise);
    DataTable's own would scroll sideways and hide the first column."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("home", "scroll_top", "Top", show=False),
        Binding("end", "scroll_bottom", "Bottom", show=False),
    ]
