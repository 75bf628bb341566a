"""Every key, in one place, opened with ? or F1."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Static

GENERAL = [
    ("1 … 8", "jump to a pane (its number is on its tab)"),
    ("Tab / Shift+Tab", "move focus between lists, tables and tabs"),
    ("↑ ↓  j k", "move within a list or table"),
    ("[  ]", "previous / next item in the pane (country, edition, ...)"),
    ("i", "cycle the indicator (EGDI, OSI, TII, HCI, EPI)"),
    ("s", "source and caveats of what is on screen"),
    ("e", "export the data behind the view as CSV (path shown)"),
    ("y", "copy the data behind the view as TSV (OSC 52 clipboard)"),
    ("R", "record the view as a step of a tour file"),
    ("Ctrl+P", "command palette: jump to any country, edition, indicator, theme"),
    ("? or F1", "this help"),
    ("Escape", "close a dialog"),
    ("q", "quit"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("f1", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        from ..panes import pane_classes

        lines = ["[b]Keys[/b]", ""]
        lines += [f"  [b]{escape(f'{k:<16}')}[/b] {escape(v)}" for k, v in GENERAL]
        lines += ["", "[b]Panes[/b]", ""]
        for i, cls in enumerate(pane_classes(), start=1):
            lines.append(f"  [b]{i} {cls.title}[/b]")
            if cls.step_help:
                lines.append(f"      {escape('[ ]')}  {escape(cls.step_help)}")
            if cls.indicator_help:
                lines.append(f"      i    {escape(cls.indicator_help)}")
        lines += [
            "",
            "[b]Reading the figures[/b]",
            "",
            "  2003-2005 indices measured 'readiness', later ones 'development'.",
            "  An index of 0 with a shared bottom rank means no assessed online presence.",
            "  Ranks are relative; EPI ranks (marked *) are derived by ddx from EPI values.",
            "  A gap in a chart or '—' in a table is a gap in the source, never filled in.",
            "",
            "Escape closes this help.",
        ]
        with VerticalScroll(id="help-body"):
            yield Static("\n".join(lines), id="help-text")
