"""Lists and tables that also move with j/k, for vi hands and small keyboards."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable, OptionList


class KeyList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]


class KeyTable(DataTable):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]
