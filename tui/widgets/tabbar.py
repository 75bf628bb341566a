"""The tab bar: the panes' numbered names on one line and, under it, a bar
marking the active one, drawn as Textual's Tabs draws them (the same colours,
the same underline), with its keys (← → when focused) and clicks.

One widget, where Tabs composes thirteen for eight tabs (a tab each, the
underline and four containers): every widget on the first screen costs about
a millisecond or two to style, lay out and draw before the first frame, and
a tab switch restyled two of them and moved the underline in a frame of its
own (ARCHITECTURE.md, start-up and keypress).

Every tab's number is always in view: the names when all fit the width, else
the active tab's name and the others' numbers ("1 2 3 Rankings 4 ...")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.message import Message
from textual.reactive import reactive
from textual.renderables.bar import Bar
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual import events


class TabBar(Widget, can_focus=True):
    DEFAULT_CSS = """
    TabBar {
        width: 100%;
        height: 2;
        & > .tab-bar--tab {
            color: $foreground 50%;
        }
        & > .tab-bar--active {
            color: $foreground;
        }
        & > .underline--bar {
            color: $block-cursor-background;
            background: $foreground 10%;
        }
        &:ansi {
            & > .tab-bar--tab {
                text-style: dim;
            }
            & > .tab-bar--active {
                text-style: not dim bold;
            }
            & > .underline--bar {
                color: $block-cursor-background;
                background: $border-blurred;
            }
        }
        &:focus {
            & > .underline--bar {
                background: $foreground 30%;
            }
            & > .tab-bar--active {
                text-style: $block-cursor-text-style;
                color: $block-cursor-foreground;
                background: $block-cursor-background;
            }
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"tab-bar--tab", "tab-bar--active", "underline--bar"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "previous_tab", "Previous tab", show=False),
        Binding("right", "next_tab", "Next tab", show=False),
    ]

    class Activated(Message):
        """A tab was chosen on the bar (← →, a click): ``tab_id`` is its id."""

        def __init__(self, tab_bar: TabBar, tab_id: str) -> None:
            super().__init__()
            self.tab_bar = tab_bar
            self.tab_id = tab_id

    active: reactive[str] = reactive("", layout=False)

    def __init__(
        self, tabs: Sequence[tuple[str, str]], active: str, *, id: str | None = None
    ) -> None:
        """``tabs``: (id, label) in bar order; ``active``: the id shown first."""
        super().__init__(id=id)
        self._ids = [tab_id for tab_id, _label in tabs]
        self._labels = [label for _id, label in tabs]
        # Kept per what they show: a width, language or theme makes new ones.
        self._drawn: LRUCache[tuple[object, ...], Strip] = LRUCache(64)
        self.set_reactive(TabBar.active, active)

    # -- what is shown -------------------------------------------------------
    @property
    def labels(self) -> list[str]:
        """The tabs' full labels, in bar order."""
        return list(self._labels)

    def set_labels(self, labels: Sequence[str]) -> None:
        """New labels (a language switch), one per tab."""
        if len(labels) != len(self._ids):
            raise ValueError(f"{len(labels)} labels for {len(self._ids)} tabs")
        if list(labels) != self._labels:
            self._labels = list(labels)
            self.refresh()

    def shown_labels(self, width: int | None = None) -> list[str]:
        """Each tab's text at ``width`` (the bar's own by default): all names
        when they fit, with a cell before each, else only the active one's."""
        width = self.size.width if width is None else width
        fits = sum(cell_len(label) + 1 for label in self._labels) <= width
        return [
            label if fits or tab_id == self.active else label.split(" ", 1)[0]
            for tab_id, label in zip(self._ids, self._labels, strict=True)
        ]

    def spans(self) -> list[tuple[str, int, int]]:
        """(id, first cell, end cell) of each tab's text on the bar; a tab is
        its text with one cell before it."""
        return [(tab_id, start, end) for tab_id, _text, start, end in self._placed()]

    def _placed(self) -> list[tuple[str, str, int, int]]:
        """(id, text shown, first cell, end cell) of each tab, in bar order."""
        placed = []
        x = 0
        for tab_id, text in zip(self._ids, self.shown_labels(), strict=True):
            start = x + 1
            x = start + cell_len(text)
            placed.append((tab_id, text, start, x))
        return placed

    def watch_active(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        # Kept per everything a line depends on: a tab switch draws the bar
        # for another active tab, and the eight are soon all drawn once.
        key = (
            y,
            self.size.width,
            self.active,
            tuple(self._labels),
            self.rich_style,
            self.get_component_rich_style("tab-bar--tab"),
            self.get_component_rich_style("tab-bar--active"),
            self.get_component_rich_style("underline--bar"),
        )
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = self._drawn[key] = self._draw_line(y)
        return drawn

    def _draw_line(self, y: int) -> Strip:
        width = self.size.width
        placed = self._placed()
        if y == 0:
            tab = self.get_component_rich_style("tab-bar--tab")
            active = self.get_component_rich_style("tab-bar--active")
            base = self.rich_style
            segments = []
            for tab_id, text, _start, _end in placed:
                style = active if tab_id == self.active else tab
                # The cell before the text has the tab's background but not
                # its text style (reverse, in ASCII mode), as a Tab's padding.
                segments.append(Segment(" ", base + Style(bgcolor=style.bgcolor)))
                segments.append(Segment(text, style))
            return Strip(segments).crop_extend(0, width, base)
        if y == 1:
            bar_style = self.get_component_rich_style("underline--bar")
            start, end = next(((s, e) for i, _t, s, e in placed if i == self.active), (0, 0))
            bar = Bar(
                highlight_range=(start, end),
                highlight_style=Style.from_color(bar_style.color),
                background_style=Style.from_color(bar_style.bgcolor),
            )
            console = self.app.console
            # The bar's cells on the widget's own background (the bar gives colours only).
            drawn = Segment.apply_style(
                console.render(bar, console.options.update_width(width)), self.rich_style
            )
            return Strip(list(drawn)).crop_extend(0, width, self.rich_style)
        return Strip.blank(width, self.rich_style)

    # -- keys and clicks -----------------------------------------------------
    def _choose(self, tab_id: str) -> None:
        if tab_id != self.active:
            self.active = tab_id
            self.post_message(self.Activated(self, tab_id))

    def action_next_tab(self) -> None:
        self._move(+1)

    def action_previous_tab(self) -> None:
        self._move(-1)

    def _move(self, direction: int) -> None:
        if not self._ids:
            return
        if self.active in self._ids:
            index = (self._ids.index(self.active) + direction) % len(self._ids)
        else:  # none active: the first, or going back, the last
            index = 0 if direction > 0 else len(self._ids) - 1
        self._choose(self._ids[index])

    def on_click(self, event: events.Click) -> None:
        # A click on a tab's text, or on the bar under it (as on Textual's Tabs).
        event.stop()
        for tab_id, start, end in self.spans():
            if start - 1 <= event.x < end:
                self._choose(tab_id)
                return
