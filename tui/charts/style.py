"""Where a chart is drawn, as a draw function sees it: the ``ChartStyle``
protocol (the Chart widget fits it; ``Style`` is the command-line stand-in),
the ``Draw`` signature every figure builder returns, and the colours and
markers that tell series apart (also under NO_COLOR).

Every drawing module imports this one, so importing it applies the plotext
patch (tui/charts/plotpatch.py) before anything draws.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from . import plotpatch as _plotpatch  # noqa: F401  (applied at import)

COLORS = ("cyan", "orange", "green", "magenta", "yellow", "blue", "red", "white")
UNICODE_MARKERS = ("●", "■", "▲", "◆", "✚", "★", "▼", "◇")
ASCII_MARKERS = ("o", "x", "+", "*", "#", "@", "%", "&")


class _Size(Protocol):
    @property
    def width(self) -> int: ...

    @property
    def height(self) -> int: ...


class ChartStyle(Protocol):
    """What a draw function needs to know about where it draws."""

    @property
    def ascii(self) -> bool: ...

    @property
    def size(self) -> _Size: ...

    def marker(self, i: int) -> str: ...


@dataclass(frozen=True)
class _WH:
    width: int
    height: int


@dataclass(frozen=True)
class Style:
    """A chart drawn outside the TUI (``ddx chart``): its size and marker set."""

    width: int = 80
    height: int = 24
    ascii: bool = False

    @property
    def size(self) -> _WH:
        return _WH(self.width, self.height)

    def marker(self, i: int) -> str:
        markers = ASCII_MARKERS if self.ascii else UNICODE_MARKERS
        return markers[i % len(markers)]


Draw = Callable[[Any, ChartStyle], None]
