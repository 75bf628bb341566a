"""Every key, in one place, opened with ? or F1.

The help opens on the keys of the pane it was asked from (that section comes
first), then the keys that work everywhere, then every other pane's. Focus is
in the scrolling body at once, so ↑ ↓ j k PgUp PgDn Home End scroll it without
a Tab first. Everything is built from Rich Text (no markup)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..i18n import N_, _
from ..panes import PANES
from ..widgets.text import bullets, hanging

if TYPE_CHECKING:
    from ..app import DDXApp
    from ..panes.base import Pane

KEY_WIDTH = 16

GENERAL = [
    (f"1 … {len(PANES)}", N_("jump to a pane (its number is on its tab)")),
    (
        "Tab / Shift+Tab",
        N_("move focus between lists, tables and text (the focused part has a heavy border)"),
    ),
    ("↑ ↓  j k", N_("move within a list or table, or scroll the focused text")),
    ("[  ]", N_("previous / next item in the pane (country, edition, ...)")),
    ("i", N_("cycle the indicator (EGDI, OSI, TII, HCI, EPI)")),
    ("s", N_("source and caveats of what is on screen")),
    ("e", N_("export the data behind the view as CSV (path shown)")),
    ("y", N_("copy the data behind the view as TSV (OSC 52 clipboard)")),
    ("R", N_("record the view as a step of a tour file")),
    ("Ctrl+P", N_("command palette: jump to any country, edition, indicator, theme")),
    (N_("? or F1"), N_("this help")),
    ("Ctrl+L", N_("draw the whole screen again (if another program wrote over it)")),
    ("Escape", N_("close a dialog")),
    ("q", N_("quit")),
]

# A pane binding's id -> what the help says about it (else its footer description).
KEY_HELP = {
    "country_chart": N_("switch the chart: UN rank / index components"),
    "rank_scope": N_("scope: the five, their UN region, the world"),
    "rank_sort": N_("sort by rank, name or value"),
    "rank_chart": N_("chart: bars of this edition / rank trajectory across editions"),
    "cmp_view": N_("bars or scatter"),
    "cmp_neighbours": N_("add / remove the neighbouring countries"),
    "cmp_picker": N_("show / hide the country checklist"),
    "cmp_x": N_("scatter: change the x-axis"),
    "cmp_space": N_("checklist: add / remove the highlighted country"),
    "cmp_escape": N_("hide the checklist"),
    "country_top": N_("top of the profile (figures), from the list too"),
    "country_end": N_("bottom of the profile (article, milestones)"),
}

# Keys a pane's widgets handle that its bindings do not name.
EXTRA_KEYS: dict[str, list[tuple[str, str]]] = {
    "countries": [
        ("Tab", N_("move between the country list and the profile (then ↑ ↓ PgUp PgDn scroll it)")),
    ],
    "timeline": [
        ("← → ↑ ↓ j k", N_("previous / next item")),
        ("PgUp / PgDn", N_("a screenful of items up / down")),
        ("Home / End", N_("first / last item")),
    ],
}

READING = [
    N_("Editions up to 2008 published a 'readiness' index; the EGDI dates from 2010."),
    N_("An index of 0 with a shared bottom rank means no assessed online presence."),
    N_("Ranks are relative; EPI ranks (marked *) are derived by ddx from EPI values."),
    N_("A gap in a chart or '—' in a table is a gap in the source, never filled in."),
]


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


class HelpBody(VerticalScroll):
    """The scrolling body: arrows, PgUp/PgDn, Home/End (Textual's) and j/k."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", N_("Close")),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("f1", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, current: str | None = None) -> None:
        """``current``: the id of the pane the help was asked from."""
        super().__init__()
        self.current = current

    def pane_keys(self, number: int, cls: type[Pane]) -> list[tuple[str, str]]:
        rows: list[tuple[str, str]] = []
        if cls.step_help:
            rows.append(("[  ]", _(cls.step_help)))
        if cls.indicator_help:
            rows.append(("i", _(cls.indicator_help)))
        for b in cls.BINDINGS:
            if isinstance(b, Binding):
                rows.append(
                    (self.app.get_key_display(b), _(KEY_HELP.get(b.id or "", b.description)))
                )
        rows += [(_(k), _(v)) for k, v in EXTRA_KEYS.get(cls.pane_id, [])]
        return rows

    def compose(self) -> ComposeResult:
        from ..panes import pane_classes

        classes = list(enumerate(pane_classes(), start=1))
        current = [(i, c) for i, c in classes if c.pane_id == self.current]
        others = [(i, c) for i, c in classes if c.pane_id != self.current]
        parts: list[RenderableType] = [
            Text.assemble(
                (_("Keys"), "bold"),
                ("   " + _("↑ ↓ j k PgUp PgDn Home End scroll; Escape, q or ? close"), "dim"),
            ),
        ]
        for i, cls in current:
            parts += [
                Text(),
                _heading(_("This pane: {number} {title}").format(number=i, title=_(cls.title))),
                hanging(self.pane_keys(i, cls), label_width=KEY_WIDTH),
            ]
        general = [(_(k), _(v)) for k, v in GENERAL]
        parts += [Text(), _heading(_("Everywhere")), hanging(general, label_width=KEY_WIDTH)]
        parts += [Text(), _heading(_("Other panes") if current else _("Panes"))]
        for i, cls in others:
            parts += [Text(f"{i} {_(cls.title)}", style="bold")]
            rows = self.pane_keys(i, cls)
            if rows:
                parts.append(hanging(rows, label_width=KEY_WIDTH))
        parts += [Text(), _heading(_("Reading the figures")), bullets(_(r) for r in READING)]
        parts += self._glossary()
        parts += [Text(), Text(_("Escape, q or ? closes this help."), style="dim")]
        with HelpBody(id="help-body"):
            yield Static(Group(*parts), id="help-text")

    def _glossary(self) -> list[RenderableType]:
        """The UN indices' names in the current language (the glossary table),
        each beside the abbreviation the UN uses; nothing in English."""
        from ..core import INDICES
        from ..core import queries as q
        from ..i18n import current_language, term, translated_rows
        from ..textsafe import safe

        if current_language() == "en":
            return []
        ds = cast("DDXApp", self.app).dataset
        rows = [(q.INDICATOR_SHORT[i], term(ds, i, q.INDICATOR_NAMES[i])) for i in INDICES]
        parts: list[RenderableType] = [
            Text(),
            _heading(_("Glossary: the UN indices")),
            hanging(rows, label_width=KEY_WIDTH),
        ]
        # ddx's other terms, each beside the English a class meets in the
        # sources (the one word per concept every pane uses)
        others = [
            Text.assemble((safe(str(r["term"])), "bold"), f" — {safe(str(r['english']))}")
            for r in translated_rows(ds, "glossary", "term_id").values()
            if r["term_id"] not in INDICES
        ]
        if others:
            parts += [Text(), _heading(_("Glossary: ddx's terms")), bullets(others)]
        return parts

    def on_mount(self) -> None:
        # Focus the body now: the app has no auto-focus (tui/app.py), and without
        # it the keys would not scroll until Tab was pressed.
        self.query_one(HelpBody).focus()
