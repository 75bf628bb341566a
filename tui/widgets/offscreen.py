"""Lay out and draw a hidden part of the screen where nobody sees it.

Textual lays out and draws only what is on show. A pane built in the
background therefore paid for everything on its first visit: its first
layout, its tables rendered, its charts plotted, its texts wrapped (30-75 ms
at 80x24, against ~20 ms for a return to it). ``offscreen`` does that work
beforehand, in idle time: it lays the hidden widget out in a compositor of its
own, at the size it will have on show, lets its widgets react to that size as
they do on show (their Resize handlers), and ``draw`` renders it into nothing.
What the widgets keep from it (their drawn lines, laid-out tables, plotted
charts) is ready for the first visit, which the screen's own compositor lays
out and draws as always. Nothing done here reaches the terminal.

While the block runs, the screen looks its widgets up in the rehearsal's
compositor (a widget's region, and so its size, comes from there): the block
must not await, or a frame could be drawn from it.

It leans on Textual 8's internals (``Screen._compositor``, ``_size_updated``,
the handler lookup), pinned by ``tests/ui/test_offscreen.py``: a pane shown
after a rehearsal must look exactly as one shown without.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from textual import events
from textual._callback import count_parameters
from textual._compositor import Compositor
from textual.widget import Widget

from ..focus_look import FocusStylesKept

if TYPE_CHECKING:
    from textual.geometry import Size


class Rehearsal:
    """The off-screen layout of one widget; ``draw`` renders it."""

    def __init__(self, compositor: Compositor) -> None:
        self._compositor = compositor

    def draw(self, focused: Widget | None = None) -> None:
        """Render every widget of the layout (into nothing), ``focused`` as if
        it had focus: the widget a visit focuses is drawn as the visit shows
        it (a table keeps what it drew per focus state, tui/widgets/tables.py)."""
        if focused is None or focused.has_focus:
            self._compositor.render_update(full=True)
            return
        with _styled_as(focused, focused=True):
            self._compositor.render_update(full=True)


@contextmanager
def offscreen(root: Widget, size: Size) -> Iterator[Rehearsal]:
    """Lay ``root`` out at ``size`` as if it were on show; within the block
    its widgets have the sizes they will have (``draw`` renders them)."""
    screen = root.screen
    compositor = Compositor()
    own = screen._compositor
    screen._compositor = compositor
    try:
        compositor.reflow(root, size)
        for widget, geometry in compositor.layers:
            region, _order, _clip, virtual_size, container_size, *_rest = geometry
            # layout=False, as Textual's own scroll path: a new virtual size
            # set as a layout change would throw away what the reflow just
            # measured (a text's height for its width, ~5 ms for Sources'),
            # and the first visit would measure it all again.
            if widget._size_updated(region.size, virtual_size, container_size, layout=False):
                _resized(widget, events.Resize(region.size, virtual_size, container_size))
        yield Rehearsal(compositor)
    finally:
        screen._compositor = own


def keep_blurred_styles(widget: Widget | None) -> None:
    """Have the focused ``widget`` (on show: the start pane's list, which no
    rehearsal draws) keep its styles for when it loses focus, as a rehearsal
    keeps those of a hidden pane's widget: the first key that leaves the pane
    puts them back instead of applying the stylesheet (~1.3 ms). It is styled
    blurred and focused again at once, without awaiting: no frame shows it."""
    if isinstance(widget, FocusStylesKept) and widget.has_focus:
        with _styled_as(widget, focused=False):
            pass


@contextmanager
def _styled_as(widget: Widget, *, focused: bool) -> Iterator[None]:
    """Within the block ``widget`` looks ``focused`` or not (its look only:
    no focus events), then as it was. Each look the stylesheet gives it is
    kept for its focus moves to put back (``FocusStylesKept.keep_styles``)."""
    app, was = widget.app, widget.has_focus
    keep = widget.keep_styles if isinstance(widget, FocusStylesKept) else None
    widget.set_reactive(Widget.has_focus, focused)
    try:
        app.update_styles(widget, animate=False)
        if keep is not None:
            keep()
        yield
    finally:
        widget.set_reactive(Widget.has_focus, was)
        app.update_styles(widget, animate=False)
        if keep is not None:
            keep()


def _resized(widget: Widget, event: events.Resize) -> None:
    """Run ``widget``'s Resize handlers now, as its message queue would (a
    subclass's first; one may stop its bases', ``prevent_default``). One that
    is a coroutine is left for the real show: awaiting it here would let the
    event loop draw a frame in the middle of the rehearsal."""
    for _cls, handler in widget._get_dispatch_methods("on_resize", event):
        if inspect.iscoroutinefunction(handler):
            continue
        if count_parameters(handler):
            handler(event)
        else:
            handler()  # type: ignore[call-arg]  # Textual's handlers may take no event


__all__ = ["Rehearsal", "keep_blurred_styles", "offscreen"]
