"""A plotext chart that owns its own ``plt`` and never takes the app down.

Panes hand the chart a *draw* function and a key describing the data; the
chart redraws only when the key changes or the widget is resized, and shows
"chart unavailable" instead of raising if plotext cannot draw at this size.
What it drew is kept for the last few keys and sizes (``CACHE_SIZE``), so a
pane shown again, or a country visited again, does not plot again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import cast

from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from ..focus_look import SameLookFocused
from ..i18n import _
from .plotsafe import safe_plot
from .render import ascii_figure
from .style import ASCII_MARKERS, UNICODE_MARKERS

__all__ = ["Chart", "Draw"]

Draw = Callable[[Plot, "Chart"], None]
# Drawings kept per chart: the five countries' rank and components charts fit.
CACHE_SIZE = 12


class Chart(SameLookFocused, PlotextPlot):
    """One chart; ``show(draw, key)`` replaces what it draws."""

    DEFAULT_CSS = """
    Chart { width: 1fr; height: 1fr; min-height: 6; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._draw: Draw | None = None
        self._key: Hashable = None
        self.failed: str | None = None
        # (key, size, ascii, theme) -> (the drawing, the failure): everything the
        # drawing depends on. A pane's key names its data and language; the
        # data of a session never changes under it.
        self._drawn: OrderedDict[Hashable, tuple[Text, str | None]] = OrderedDict()

    @property
    def ascii(self) -> bool:
        return bool(getattr(self.app, "ascii_mode", False))

    def marker(self, i: int) -> str:
        markers = ASCII_MARKERS if self.ascii else UNICODE_MARKERS
        return markers[i % len(markers)]

    def show(self, draw: Draw, key: Hashable) -> None:
        if key == self._key and self._draw is not None:
            return
        self._draw, self._key = draw, key
        self.refresh()

    def prepare(self, draw: Draw, key: Hashable) -> None:
        """Draw ``key`` at the present size and keep it, without showing it:
        a later ``show(draw, key)`` then shows it at once."""
        if self.size.width >= 12 and self.size.height >= 5:
            self._drawing(draw, key)

    def render(self) -> RenderResult:
        if self._draw is None:
            return Text("")
        if self.size.width < 12 or self.size.height < 5:
            return Text(_("(chart needs more room)"), style="dim")
        out, self.failed = self._drawing(self._draw, self._key)
        return out

    def _drawing(self, draw: Draw, key: Hashable) -> tuple[Text, str | None]:
        """What ``draw`` draws at the present size: kept, or plotted now."""
        drawn_key = (key, self.size, self.ascii, self.app.theme, self.theme)
        drawn = self._drawn.get(drawn_key)
        if drawn is None:
            drawn = self._drawn[drawn_key] = self._plot_now(draw)
            while len(self._drawn) > CACHE_SIZE:
                self._drawn.popitem(last=False)
        else:
            self._drawn.move_to_end(drawn_key)
        return drawn

    def _plot_now(self, draw: Draw) -> tuple[Text, str | None]:
        # A fresh figure each time: plotext keeps size-dependent state across
        # clear_figure(), so a chart first drawn while hidden (or at another
        # size) would otherwise place its ticks differently from a fresh one.
        self._plot = Plot()
        plt = self.plt
        try:
            # Titles and labels are data: shown with controls escaped (textsafe).
            draw(safe_plot(plt), self)
            out = super().render()
            if self.ascii and isinstance(out, Text):
                out.plain = ascii_figure(out.plain)  # one for one: the colours stay put
            return cast(Text, out), None
        except Exception as exc:  # plotext can fail on odd sizes or data
            failed = f"{type(exc).__name__}: {exc}"
            return Text(_("chart unavailable at this size"), style="dim"), failed
