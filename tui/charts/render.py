"""A figure as text, off screen (``ddx chart``, the handout), and the one
place ``--ascii`` is applied to a figure: ``render_text`` and the Chart widget
both pass what plotext drew through ``ascii_figure`` when the style is ASCII."""

from __future__ import annotations

from ..ascii import ASCII_TABLE
from .style import Draw, Style


def render_text(draw: Draw, style: Style, color: bool = False) -> str:
    """Draw on a fresh plotext figure of the style's size and return the text."""
    from plotext._figure import _figure_class
    from plotext._utility import uncolorize

    from .plotsafe import safe_plot

    plt = _figure_class()
    draw(safe_plot(plt), style)  # the same order as the Chart widget: draw, then size and theme
    # the size asked for, not capped at the terminal's (a slide, a pipe)
    plt._limit_size(False, False)
    plt.plotsize(style.width, style.height)
    plt.theme("clear")
    out: str = plt.build()
    if style.ascii:
        out = ascii_figure(out)
    return out if color else uncolorize(out)


# The one place a figure is made ASCII (--ascii): plotext draws its frame and
# ticks in box drawing whatever the markers are, so the drawn text is converted.
_FIGURE_TABLE = {k: v for k, v in ASCII_TABLE.items() if len(v) == 1}


def ascii_figure(text: str) -> str:
    """A drawn figure in plain ASCII (frame, ticks, markers, fills), one
    character for one, so colour spans and layout stay where they were."""
    return text.translate(_FIGURE_TABLE)
