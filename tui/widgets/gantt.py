"""A text Gantt: one row per item under a year axis, country headings between,
a selected row that the view follows. Drawn with distinct characters (and an
ASCII set), so it reads the same with colour, without it and in ``--ascii``."""

from __future__ import annotations

from typing import ClassVar

import polars as pl
from rich.cells import set_cell_size
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ..core import timeline as tl
from ..focus_look import SameLookFocused
from ..i18n import N_, _
from ..textsafe import safe

ROLE_CLASSES = {
    "bar": "gantt--bar",
    "open": "gantt--open",
    "end_only": "gantt--end",
    "mark": "gantt--mark",
    "note": "gantt--note",
    "grid": "gantt--grid",
}


PREFIX = 13  # the pointer, the dates (10) and a space before each title


def shorten(title: str, room: int, ellipsis: str = "…", keep_end: bool = False) -> str:
    """``title`` in at most ``room`` cells: cut at the end, or with ``keep_end``
    so that the end stays, for titles that share their start and differ at
    their end ("UN e-government ranking: 39th" / "...: 29th"): the part after
    a colon stays whole ("UN e-gov…: 39th"), else the cut is in the middle."""
    if len(title) <= room:
        return title
    if room <= len(ellipsis):
        return title[:room]
    if not keep_end:
        return title[: room - len(ellipsis)].rstrip() + ellipsis
    head, sep, tail = title.rpartition(": ")
    if sep and len(tail) + len(sep) + len(ellipsis) + 3 <= room:
        keep = room - len(ellipsis) - len(sep) - len(tail)
        return f"{head[:keep].rstrip()}{ellipsis}{sep}{tail}"
    front = (room - len(ellipsis) + 1) // 2
    back = room - len(ellipsis) - front
    return f"{title[:front].rstrip()}{ellipsis}{title[len(title) - back :] if back else ''}"


def fit_titles(titles: list[str], room: int, ellipsis: str = "…") -> list[str]:
    """Every title in ``room`` cells, cut at the end unless that makes it look
    like another one; those keep their ends instead (see :func:`shorten`)."""
    cut = [shorten(t, room, ellipsis) for t in titles]
    counts: dict[str, int] = {}
    for c in cut:
        counts[c] = counts.get(c, 0) + 1
    return [
        shorten(t, room, ellipsis, keep_end=True) if counts[c] > 1 and c != t else c
        for t, c in zip(titles, cut, strict=True)
    ]


class Gantt(SameLookFocused, Widget, can_focus=True):
    """Items from :func:`tui.core.timeline.items`; ``selected`` indexes them."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "gantt--axis",
        "gantt--heading",
        "gantt--selected",
        *ROLE_CLASSES.values(),
    }
    DEFAULT_CSS = """
    Gantt { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j,right", "move(1)", N_("Next item"), show=False),
        Binding("up,k,left", "move(-1)", N_("Previous item"), show=False),
        Binding("pagedown", "page(1)", N_("Page down"), show=False),
        Binding("pageup", "page(-1)", N_("Page up"), show=False),
        Binding("home", "jump(0)", N_("First"), show=False),
        Binding("end", "jump(-1)", N_("Last"), show=False),
    ]

    selected: reactive[int] = reactive(0)

    class Selected(Message):
        def __init__(self, gantt: Gantt, index: int) -> None:
            super().__init__()
            self.gantt = gantt
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: pl.DataFrame = pl.DataFrame()
        self.present = 2000
        self.top = 0  # first body row shown
        self.pinned = False  # show_first: keep self.top even past the last full page

    # -- data -----------------------------------------------------------------
    def set_items(self, items: pl.DataFrame, present: int) -> None:
        self.items, self.present = items, present
        self.selected = min(self.selected, max(0, len(items) - 1))
        self.refresh()

    def _rows(self) -> list[tuple[str, int]]:
        """("heading", first item index) or ("item", item index), in order."""
        rows: list[tuple[str, int]] = []
        last = None
        for i, iso3 in enumerate(self.items["iso3"].to_list() if len(self.items) else []):
            if iso3 != last:
                rows.append(("heading", i))
                last = iso3
            rows.append(("item", i))
        return rows

    # -- keys -----------------------------------------------------------------
    def move(self, delta: int) -> bool:
        n = len(self.items)
        if not n:
            return False
        new = max(0, min(n - 1, self.selected + delta))
        if new == self.selected:
            return False
        self.pinned = False
        self.selected = new
        return True

    def action_move(self, delta: int) -> None:
        if not self.move(delta):
            self.app.bell()

    def action_page(self, direction: int) -> None:
        self.move(direction * max(1, self.size.height - 4))

    def action_jump(self, index: int) -> None:
        if len(self.items):
            self.pinned = False
            self.selected = index % len(self.items)

    def show_first(self, index: int) -> None:
        """Select item ``index`` with its country's heading at the top of the
        view, so a country chosen elsewhere (a tour step, --start timeline:UZB)
        shows its own rows, not the end of the country before it."""
        rows = self._rows()
        row = next((r for r, (kind, i) in enumerate(rows) if kind == "item" and i == index), 0)
        self.top = row - 1 if row and rows[row - 1][0] == "heading" else row
        self.pinned = True  # the last country too, with blank rows under it
        self.selected = index
        self.refresh()

    def watch_selected(self, index: int) -> None:
        self.post_message(self.Selected(self, index))
        self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.move(1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.move(-1)

    # -- drawing --------------------------------------------------------------
    def label_width(self) -> int:
        """Columns for the labels: what the longest needs, leaving the year axis
        half the width (at least 30 columns); never a fixed title width."""
        width = self.size.width
        axis_min = max(30, width // 2)
        longest = max(
            (len(str(t)) for t in self.items["title"].to_list()) if len(self.items) else [0],
            default=0,
        )
        return max(16, min(PREFIX + longest, width - axis_min - 1))

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        if not len(self.items) or width < 30 or height < 4:
            return Text(
                _("(timeline needs more room)")
                if len(self.items)
                else _("No milestones in the data."),
                style="dim",
            )
        ascii_mode = bool(getattr(self.app, "ascii_mode", False))
        lw = self.label_width()
        axis = tl.Axis(*tl.span(self.items, self.present), width - lw - 1)
        style = self.get_component_rich_style
        out = Text(no_wrap=True, overflow="crop")
        out.append(" " * (lw + 1) + axis.labels() + "\n", style("gantt--axis"))
        out.append(" " * (lw + 1) + axis.rule(ascii_mode) + "\n", style("gantt--axis"))
        rows = self._rows()
        body = max(1, height - 2)
        sel_row = next(
            (r for r, (kind, i) in enumerate(rows) if kind == "item" and i == self.selected), 0
        )
        if sel_row < self.top + 1:  # keep the country heading above the selection in view
            self.top = max(
                0, sel_row - 1 if sel_row and rows[sel_row - 1][0] == "heading" else sel_row
            )
        elif sel_row >= self.top + body:
            self.top = sel_row - body + 1
        last = len(rows) - 1 if self.pinned else len(rows) - body
        self.top = max(0, min(self.top, max(0, last)))
        records = self.items.to_dicts()
        titles = fit_titles(
            [safe(r["title"], "") for r in records], lw - PREFIX, "~" if ascii_mode else "…"
        )
        for r, (kind, i) in enumerate(rows[self.top : self.top + body]):
            if r:
                out.append("\n")
            rec = records[i]
            if kind == "heading":
                out.append(
                    set_cell_size(
                        safe(f"{rec['country']} ({rec['iso3']})", ""),
                        min(lw + 1 + axis.width, width),
                    ),
                    style("gantt--heading"),
                )
                continue
            selected = i == self.selected
            pointer = ("> " if ascii_mode else "▸ ") if selected else "  "
            when = str(rec["when"])
            title = titles[i]
            label = f"{pointer}{when:<10} {title}"[:lw]
            sel_style = style("gantt--selected") if selected else Style()
            out.append(set_cell_size(label, lw) + " ", sel_style)
            for text, role in tl.raster(rec, axis, ascii_mode, _):
                role_style = style(ROLE_CLASSES[role]) if role in ROLE_CLASSES else Style()
                out.append(text, role_style)
        return out
