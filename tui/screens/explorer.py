"""The explorer's own screen, under the dialogs: the tabs, the panes and the key bar."""

from __future__ import annotations

from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget


class ExplorerScreen(Screen[None]):
    """Textual's screen, except that moving focus repaints only what changes.

    Textual's ``Screen.focused`` repaints the whole screen when focus moves,
    on top of the widgets that lost and gained it, which restyle and repaint
    themselves (``Widget._on_focus``/``_on_blur``; a ``:focus-within``
    ancestor is restyled, which repaints it). On a tab switch, which moves
    focus into the new pane, that was a second full render of the frame in
    the same update. The key bar still follows focus: ``_watch_focused``
    announces the bindings as before."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
