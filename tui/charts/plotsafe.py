"""Plotext figures that never draw a control character from the data.

Kept apart from tui/textsafe.py (which loads Textual for the screen's text) so
the headless drawing layer, tui/charts/ and ``ddx chart``, can use it
without importing Textual. ``tui.textsafe`` re-exports :func:`safe_plot`.
"""

from __future__ import annotations

import functools
from typing import Any

from ..core.text import visible

__all__ = ["safe_plot"]


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, list | tuple):
        return type(value)(_clean(v) for v in value)
    return value


class _SafePlot:
    """A plotext figure whose text arguments (titles, labels, tick labels,
    ``text()``) are made visible first: plotext writes them into its ANSI
    output as they are, and textual-plotext reads that with ``Text.from_ansi``."""

    __slots__ = ("_plt",)

    def __init__(self, plt: Any) -> None:
        self._plt = plt

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._plt, name)
        if not callable(attr):
            return attr

        @functools.wraps(attr)
        def call(*args: Any, **kwargs: Any) -> Any:
            return attr(*map(_clean, args), **{k: _clean(v) for k, v in kwargs.items()})

        return call


def safe_plot(plt: Any) -> Any:
    """``plt`` with every string handed to it made visible (see :class:`_SafePlot`)."""
    return plt if isinstance(plt, _SafePlot) else _SafePlot(plt)
