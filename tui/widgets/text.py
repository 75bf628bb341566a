"""Text that wraps well: rows whose wrapped lines hang under their first line
(a label, a date or a bullet on the left), and label/value pairs laid out as a
grid that never splits a pair across lines. Everything here is built from Rich
Text, never markup, so data (names, notes, titles) stays inert."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, JustifyMethod, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import StyleType
from rich.table import Table
from rich.text import Text

from ..core.text import visible

TextLike = str | Text


def as_text(value: TextLike, style: StyleType = "") -> Text:
    """Data as plain Text (a str is never parsed as markup; control characters
    are shown as visible escapes, never sent raw)."""
    return value.copy() if isinstance(value, Text) else Text(visible(str(value), "\n"), style=style)


def hanging(
    rows: Iterable[tuple[TextLike, TextLike]],
    *,
    label_style: StyleType = "bold",
    label_width: int | None = None,
    justify_label: JustifyMethod = "left",
) -> Table:
    """Rows of (label, text): the text wraps in its own column, so its later
    lines hang under its first one instead of going back to the left edge."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(
        no_wrap=True,
        width=label_width,
        justify=justify_label,
    )
    grid.add_column(ratio=1, overflow="fold")
    for label, text in rows:
        grid.add_row(as_text(label, label_style), as_text(text))
    return grid


def bullets(items: Iterable[TextLike], bullet: str = "•") -> Table:
    """A bulleted list whose wrapped lines hang under the text, not the bullet."""
    return hanging(((bullet, item) for item in items), label_style="")


class PairGrid:
    """Label/value pairs in as many columns as the width holds; a pair is never
    split across lines (each pair's cell does not wrap)."""

    def __init__(
        self,
        pairs: Sequence[tuple[TextLike, TextLike]],
        *,
        label_style: StyleType = "bold",
        gap: int = 3,
    ) -> None:
        self.cells = [
            Text.assemble(as_text(label, label_style), " ", as_text(value))
            for label, value in pairs
        ]
        self.gap = gap

    def columns_for(self, width: int) -> int:
        """The most pairs side by side whose columns (each as wide as its widest
        pair) fit in ``width`` cells."""
        widths = [cell_len(c.plain) for c in self.cells]
        for cols in range(len(widths), 1, -1):
            column_widths = [max(widths[c::cols]) for c in range(cols)]
            if sum(column_widths) + self.gap * (cols - 1) <= width:
                return cols
        return 1

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.cells:
            return
        cols = self.columns_for(options.max_width)
        grid = Table.grid(padding=(0, self.gap, 0, 0))
        for _ in range(cols):
            grid.add_column(no_wrap=True, overflow="ellipsis")
        for start in range(0, len(self.cells), cols):
            row = self.cells[start : start + cols]
            grid.add_row(*row, *([""] * (cols - len(row))))
        yield grid

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(c.plain) for c in self.cells), default=0)
        total = sum(cell_len(c.plain) for c in self.cells) + self.gap * max(0, len(self.cells) - 1)
        return Measurement(min(widest, options.max_width), min(total, options.max_width))


class Rendered:
    """A renderable that lays itself out once per width: its segments are
    kept, so drawing it again (the layout measures a widget's height and then
    draws it, and a key shows a country's profile again) costs no new layout
    of its tables. For Text, tables and groups of them, which do not depend on
    the height they are given; the widget's own style (the theme) is applied
    over the kept segments, so a change of theme shows at once."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._segments: dict[tuple[object, ...], list[Segment]] = {}
        self._measures: dict[tuple[int, int], Measurement] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (
            options.max_width,
            options.min_width,
            options.justify,
            options.overflow,
            options.no_wrap,
            options.highlight,
            options.markup,
            options.ascii_only,
            options.encoding,
            options.legacy_windows,
        )
        segments = self._segments.get(key)
        if segments is None:
            segments = self._segments[key] = list(console.render(self.renderable, options))
        yield from segments

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        key = (options.min_width, options.max_width)
        found = self._measures.get(key)
        if found is None:
            found = self._measures[key] = Measurement.get(console, options, self.renderable)
        return found


__all__ = ["PairGrid", "Rendered", "TextLike", "as_text", "bullets", "hanging"]
