"""A plotext chart that owns its own ``plt`` and never takes the app down.

Panes hand the chart a *draw* function and a key describing the data; the
chart redraws only when the key changes or the widget is resized, and shows
"chart unavailable" instead of raising if plotext cannot draw at this size.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

UNICODE_MARKERS = ("●", "■", "▲", "◆", "✚", "★", "▼", "◇")
ASCII_MARKERS = ("o", "x", "+", "*", "#", "@", "%", "&")

Draw = Callable[[Plot, "Chart"], None]


class Chart(PlotextPlot):
    """One chart; ``show(draw, key)`` replaces what it draws."""

    DEFAULT_CSS = """
    Chart { width: 1fr; height: 1fr; min-height: 6; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._draw: Draw | None = None
        self._key: Hashable = None
        self.failed: str | None = None

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

    def render(self) -> RenderResult:
        if self._draw is None:
            return Text("")
        if self.size.width < 12 or self.size.height < 5:
            return Text("(chart needs more room)", style="dim")
        plt = self.plt
        try:
            plt.clear_figure()
            self._draw(plt, self)
            out = super().render()
            self.failed = None
            return out
        except Exception as exc:  # plotext can fail on odd sizes or data
            self.failed = f"{type(exc).__name__}: {exc}"
            return Text("chart unavailable at this size", style="dim")


def downsample(xs: Sequence[float], ys: Sequence[float | None], width: int) -> tuple[list, list]:
    """Keep about two points per column for long series (no-op for short ones)."""
    n = len(xs)
    limit = max(2 * width, 2)
    if n <= limit:
        return list(xs), list(ys)
    step = n / limit
    idx = sorted({int(i * step) for i in range(limit)} | {n - 1})
    return [xs[i] for i in idx], [ys[i] for i in idx]


def split_gaps(xs: Sequence[float], ys: Sequence[float | None]) -> list[tuple[list, list]]:
    """Runs of consecutive non-null points, so a gap is drawn as a gap."""
    runs: list[tuple[list, list]] = []
    cx: list = []
    cy: list = []
    for x, y in zip(xs, ys, strict=True):
        if y is None:
            if cx:
                runs.append((cx, cy))
            cx, cy = [], []
        else:
            cx.append(x)
            cy.append(y)
    if cx:
        runs.append((cx, cy))
    return runs
