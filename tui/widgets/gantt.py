"""A text Gantt: one row per item under a year axis, country headings between,
a selected row that the view follows. Drawn with distinct characters (and an
ASCII set), so it reads the same with colour, without it and in ``--ascii``."""

from __future__ import annotations

from typing import ClassVar

import polars as pl
from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ..core import timeline as tl
from ..textsafe import safe

ROLE_CLASSES = {
    "bar": "gantt--bar",
    "open": "gantt--open",
    "end_only": "gantt--end",
    "mark": "gantt--mark",
    "note": "gantt--note",
    "grid": "gantt--grid",
}


class Gantt(Widget, can_focus=True):
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
        Binding("down,j,right", "move(1)", "Next item", show=False),
        Binding("up,k,left", "move(-1)", "Previous item", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
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
        self.selected = new
        return True

    def action_move(self, delta: int) -> None:
        if not self.move(delta):
            self.app.bell()

    def action_page(self, direction: int) -> None:
        self.move(direction * max(1, self.size.height - 4))

    def action_jump(self, index: int) -> None:
        if len(self.items):
            self.selected = index % len(self.items)

    def watch_selected(self, index: int) -> None:
        self.post_message(self.Selected(self, index))
        self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.move(1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.move(-1)

    # -- drawing --------------------------------------------------------------
    def label_width(self) -> int:
        return max(22, min(50, int(self.size.width * 0.4)))

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        if not len(self.items) or width < 30 or height < 4:
            return Text(
                "(timeline needs more room)" if len(self.items) else "No milestones in the data.",
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
        self.top = max(0, min(self.top, max(0, len(rows) - body)))
        records = self.items.to_dicts()
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
            # Data as plain text with controls escaped, cut and padded by cells.
            label = safe(f"{pointer}{when:<10} {rec['title']}", "")
            if cell_len(label) > lw:
                label = set_cell_size(label, lw - 1) + ("~" if ascii_mode else "…")
            sel_style = style("gantt--selected") if selected else Style()
            out.append(set_cell_size(label, lw) + " ", sel_style)
            for text, role in tl.raster(rec, axis, ascii_mode):
                role_style = style(ROLE_CLASSES[role]) if role in ROLE_CLASSES else Style()
                out.append(text, role_style)
        return out
