"""What a widget knows of its size, on the screen or off it.

Textual sends a Resize to every widget each time it is shown again, at the
same size too; widgets that do work for their size (lay out a list, draw a
table, fill a pane's view) remember the size they did it for (``DoneForSize``)
and skip it at that size. A rehearsal that fails part-way makes them forget
(``forget_sizes``, tui/widgets/offscreen.py). And ``Widget.size`` reads the
screen's layout, which leaves a hidden widget out (0x0): code that sizes a
text to a widget while its pane is hidden reads ``laid_out_size``.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


def laid_out_size(widget: Widget) -> Size:
    """The content size ``widget`` was last laid out at, on the screen or off
    it (a language, an edition or a country chosen on another pane redraws a
    hidden one, and a message a rehearsal's drawing posted is handled once
    the pane is hidden again)."""
    outer = widget.outer_size
    gutter = widget.styles.gutter + widget.scrollbar_gutter
    return Size(max(0, outer.width - gutter.width), max(0, outer.height - gutter.height))


class DoneForSize:
    """Mix in before the widget class: ``new_size`` is True once per size."""

    _done_for: object = None

    def new_size(self, size: object) -> bool:
        """Whether ``size`` differs from the one the work was last done for
        (and note it as done for it)."""
        if size == self._done_for:
            return False
        self._done_for = size
        return True

    def forget_size(self) -> None:
        """The next ``new_size`` is True, whatever the size."""
        self._done_for = None


def forget_sizes(root: Widget) -> None:
    """Make every ``DoneForSize`` widget under ``root`` do its work again at
    its next Resize (after a rehearsal that failed part-way)."""
    for widget in root.walk_children(Widget, with_self=True):
        if isinstance(widget, DoneForSize):
            widget.forget_size()


__all__ = ["DoneForSize", "forget_sizes", "laid_out_size"]
