"""Every key, in one place, opened with ? or F1."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..textsafe import lines as join_lines
from ..textsafe import markup

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

        # Plain text throughout (plain() for str lines): key names such as
        # "[  ]" are shown as typed, never read as markup.
        lines: list[Content | str] = [markup("[b]Keys[/b]"), ""]
        lines += [markup("  [b]$key[/b] $what", key=f"{k:<16}", what=v) for k, v in GENERAL]
        lines += ["", markup("[b]Panes[/b]"), ""]
        for i, cls in enumerate(pane_classes(), start=1):
            lines.append(markup("  [b]$i $title[/b]", i=i, title=cls.title))
            if cls.step_help:
                lines.append(f"      [ ]  {cls.step_help}")
            if cls.indicator_help:
                lines.append(f"      i    {cls.indicator_help}")
        lines += [
            "",
            markup("[b]Reading the figures[/b]"),
            "",
            "  2003-2005 indices measured 'readiness', later ones 'development'.",
            "  An index of 0 with a shared bottom rank means no assessed online presence.",
            "  Ranks are relative; EPI ranks (marked *) are derived by ddx from EPI values.",
            "  A gap in a chart or '—' in a table is a gap in the source, never filled in.",
            "",
            "Escape closes this help.",
        ]
        with VerticalScroll(id="help-body"):
            yield Static(join_lines(lines), id="help-text")
