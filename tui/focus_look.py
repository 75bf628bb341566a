"""Widgets whose drawing does not change with focus are not drawn again for it."""

from __future__ import annotations

from textual import events
from textual.widget import Widget


class SameLookFocused(Widget):
    """A widget whose drawing does not read its focus (the Gantt, a chart,
    the map): moving focus in or out does not draw it again.

    Textual's Widget repaints a widget whole when it gains or loses focus, so
    it renders again: the Gantt builds its rows anew (~4 ms), a chart's text
    is cut into lines again (~4 ms), at every visit of the pane, which moves
    focus into it. A style that follows focus (a ``:focus`` rule) still
    repaints it: restyling does. Only the repaint is left out; the focus
    state and the ``:focus-within`` announcement to the parent are as
    Textual's."""

    def _on_focus(self, event: events.Focus) -> None:
        event.prevent_default()  # Widget's handler: the same, and a repaint
        self.has_focus = True
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))

    def _on_blur(self, event: events.Blur) -> None:
        event.prevent_default()
        self.has_focus = False
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))
