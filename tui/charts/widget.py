"""A plotext chart that owns its own ``plt`` and never takes the app down.

Panes hand the chart a *draw* function and a key describing the data; the
chart redraws only when the key changes or the widget is resized, and shows
"chart unavailable" instead of raising if plotext cannot draw at this size.
What it drew is kept for the last few keys and sizes (``CACHE_SIZE``), so a
pane shown again, or a country visited again, does not plot again; and kept
cut into the screen's lines, so that it is not cut again either.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import cast

from rich.text import Text
from textual.app import RenderResult
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual, visualize
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
        # id(drawing) -> (the drawing, its widget style, its lines), for the
        # drawings kept above.
        self._cut: dict[int, tuple[Text, VisualStyle, list[Strip]]] = {}

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
            self._cut_into_lines(self._drawing(draw, key)[0])

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
                _key, (gone, _failed) = self._drawn.popitem(last=False)
                self._cut.pop(id(gone), None)
        else:
            self._drawn.move_to_end(drawn_key)
        return drawn

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the drawing. A kept drawing is kept cut into lines
        too: Textual cut the whole chart again each time it was drawn anew
        (~2 ms a country on the Countries pane). A message ("needs more
        room"), and a drawing with text selected in it (the selection is
        drawn into its lines), are drawn as Textual draws them."""
        out = self.render()
        if self.text_selection is not None or not self._kept(out):
            return super().render_line(y)
        self._dirty_regions.clear()  # as Widget.render_line's drawing does
        lines = self._cut_into_lines(out)
        if y < len(lines):
            return lines[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    def _kept(self, out: RenderResult) -> bool:
        return any(out is text for text, _failed in self._drawn.values())

    def _cut_into_lines(self, out: RenderResult) -> list[Strip]:
        """A kept drawing as the screen's lines at the present size and style."""
        style = self.visual_style
        cut = self._cut.get(id(out))
        if cut is not None and cut[0] is out and cut[1] == style:
            return cut[2]
        width, height = self.size
        lines = Visual.to_strips(self, visualize(self, out), width, height, style)
        if self.text_selection is None:  # else the selection is in them
            self._cut[id(out)] = (cast(Text, out), style, lines)
        return lines

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
