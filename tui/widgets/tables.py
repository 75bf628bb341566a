"""Tables that also move with j/k, and whose Home/End go to the first and last row."""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import PseudoClasses, Widget
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from ..focus_look import FocusStylesKept
from .sized import DoneForSize


class KeyTable(DoneForSize, FocusStylesKept, DataTable[Any]):
    """Home and End go to the first and last row (the README's promise);
    DataTable's own would scroll sideways and hide the first column.

    It also keeps its drawn rows across a tab switch. Textual's DataTable
    throws every rendered cell away when it gains or loses focus (its look
    changes) and when it is shown again (Textual sends a Resize on show, even
    at the same size), so each return to a pane with a table drew the whole
    table again: 4-13 ms of a tab switch. Its caches are already keyed by the
    focus state; what they are not keyed by is the component styles, so the
    table notes those per focus state and empties its caches only when the
    styles of that state really changed (a new theme, a class on the screen)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("home", "scroll_top", "Top", show=False),
        Binding("end", "scroll_bottom", "Bottom", show=False),
    ]

    _scroll_when_shown = False
    _restyled = True
    _laid_out_as: tuple[object, ...] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The styles its caches were drawn with, per focus state.
        self._looks: dict[PseudoClasses, tuple[Style, ...]] = {}

    def relabel(self, labels: dict[str, Text]) -> None:
        """New column headings (a language switch): ``labels`` by column key.
        DataTable draws a heading from its render caches, which a label set
        on its column does not reach: they are emptied here."""
        for key, label in labels.items():
            self.columns[ColumnKey(key)].label = label
        self._clear_caches()
        self.refresh()

    def notify_style_update(self) -> None:
        # Widget's part only (its own style caches, a repaint); DataTable's
        # would empty the cell caches, which render_lines now decides.
        Widget.notify_style_update(self)
        self._styles_cache.clear()
        self._get_styles_to_render_cell.cache_clear()  # keyed without focus
        self._restyled = True
        self.refresh()

    def _look(self) -> tuple[Style, ...]:
        """Every style a drawn cell is made of, in the current state."""
        component = self.get_component_rich_style
        return (self.rich_style, *(component(name) for name in sorted(self.COMPONENT_CLASSES)))

    def render_lines(self, crop: Any) -> Any:
        # DataTable fills each row out to the table's width and caches the
        # row without keying it by that width: a table widened (Compare's list
        # closed) drew its rows' ends from the narrower width. Its own answer
        # (a new ``_update_count`` on every Resize, sent on every show too) is
        # replaced by this one, which knows the width its rows were drawn at.
        if self.new_size(self.size.width):
            self._update_count += 1
        if self._restyled:
            self._restyled = False
            state, look = self.get_pseudo_class_state(), self._look()
            if self._looks.get(state, look) != look:
                self._clear_caches()
                self._looks.clear()
            self._looks[state] = look
        return super().render_lines(crop)

    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        # Not on the screen (filled while its pane is hidden, or laid out
        # off-screen): its window has no size there, and DataTable would
        # scroll the cursor's row to the top. Done when it is shown.
        if self.region.area == 0:
            self._scroll_when_shown = True
            return
        super()._scroll_cursor_into_view(animate=animate)

    def on_show(self) -> None:
        if self._scroll_when_shown:
            self._scroll_when_shown = False
            self._scroll_cursor_into_view()

    def _size_updated(
        self, size: Any, virtual_size: Any, container_size: Any, layout: bool = True
    ) -> bool:
        # Textual's ScrollView compares the virtual size the screen's layout
        # gives it with its own, which a table sets itself (its rows): they
        # always differ, so every layout with the table on the screen redid
        # its scrollbars and drew them again, in an update of their own after
        # the layout's (~1.5 ms of a visit to a pane with a table). When
        # nothing that decides the scrollbars changed since the last layout
        # (they are as that layout left them), the table's own is passed.
        if self._scrollbars_state(size, container_size) == self._laid_out_as:
            virtual_size = self.virtual_size
        resized = bool(super()._size_updated(size, virtual_size, container_size, layout))
        self._laid_out_as = self._scrollbars_state(size, container_size)
        return resized

    def _scrollbars_state(self, size: Any, container_size: Any) -> tuple[object, ...]:
        styles = self.styles
        return (
            size,
            container_size,
            self.virtual_size,
            self.show_vertical_scrollbar,
            self.show_horizontal_scrollbar,
            styles.overflow_x,
            styles.overflow_y,
            styles.scrollbar_size_vertical,
            styles.scrollbar_size_horizontal,
        )

    def _on_resize(self, event: events.Resize) -> None:
        # DataTable's handler would throw every drawn row away, at the same
        # size too (a pane shown again): render_lines does it when the width
        # really changed.
        event.prevent_default()
