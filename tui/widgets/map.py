"""A choropleth drawn in character cells, one shading character per class.

Why not plotext: plotext draws lines, scatters and bars on a braille/block
canvas but has no polygon fill, so a country can only be outlined, and its
outlines at 1:50m turn into a mesh of dots at 80x24 where neighbours cannot be
told apart. A filled map needs a point-in-polygon fill per cell; that is done
in ``tui.core.geo`` (pure Python, cached per size) and this widget only paints
the result as Rich Text. Classes differ by *shading character* (░ ▒ ▓ █, or
. : + # in ASCII mode), so they stay distinct under NO_COLOR and on a
monochrome projector; colour (theme variables in styles/app.tcss) only adds.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.message import Message
from textual.widget import Widget

from ..core.geo import NO_DATA, WATER, Classes, MapGeometry, Raster

UNICODE_SHADES = ("░", "▒", "▓", "█")
UNICODE_NO_DATA = "·"
ASCII_SHADES = (".", ":", "+", "#")
ASCII_NO_DATA = "/"
MIN_SIZE = (16, 6)


def shades(ascii_mode: bool) -> tuple[tuple[str, ...], str]:
    """The characters for classes 0..3 and for "no data"."""
    return (ASCII_SHADES, ASCII_NO_DATA) if ascii_mode else (UNICODE_SHADES, UNICODE_NO_DATA)


class ChoroplethMap(Widget):
    """Paints a :class:`MapGeometry` raster filled by a :class:`Classes`."""

    COMPONENT_CLASSES = {
        "map--c0",
        "map--c1",
        "map--c2",
        "map--c3",
        "map--nodata",
        "map--label",
        "map--label-focus",
        "map--edge",
    }

    DEFAULT_CSS = """
    ChoroplethMap { width: 1fr; height: 1fr; }
    """
    # Focusable so that switching to the Map tab moves focus off the pane left
    # behind (a focused widget in a hidden tab would pull its tab back).
    can_focus = True

    class Resized(Message):
        """A raster of a new size was painted (the countries shown may differ)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.geometry: MapGeometry | None = None
        self.fill: Classes | None = None
        self.focus_codes: frozenset[str] = frozenset()
        self._key: Hashable = None
        self._text_cache: tuple[Hashable, Text] | None = None
        self.last_raster: Raster | None = None

    @property
    def ascii(self) -> bool:
        return bool(getattr(self.app, "ascii_mode", False))

    def show(
        self, geometry: MapGeometry, fill: Classes, focus: frozenset[str], key: Hashable
    ) -> None:
        """Draw ``geometry`` filled by ``fill``; a no-op if ``key`` is unchanged."""
        if key == self._key and self.geometry is geometry:
            return
        self.geometry, self.fill, self.focus_codes, self._key = geometry, fill, focus, key
        self.refresh()

    def _styles(self) -> tuple[list[Style], Style, Style, Style]:
        classes = [self.get_component_rich_style(f"map--c{k}", partial=True) for k in range(4)]
        return (
            classes,
            self.get_component_rich_style("map--nodata", partial=True),
            self.get_component_rich_style("map--label", partial=True),
            self.get_component_rich_style("map--label-focus", partial=True),
        )

    def swatch(self, k: int, width: int = 2) -> Text:
        """The legend swatch for class ``k`` (NO_DATA for "no data"), styled as on the map."""
        chars, no_data = shades(self.ascii)
        if k == NO_DATA:
            return Text(no_data * width, self.get_component_rich_style("map--nodata", partial=True))
        return Text(chars[k] * width, self.get_component_rich_style(f"map--c{k}", partial=True))

    def render(self) -> RenderResult:
        if self.geometry is None or self.fill is None:
            return Text("")
        w, h = self.content_size
        if w < MIN_SIZE[0] or h < MIN_SIZE[1]:
            return Text("(map needs more room)", style="dim")
        key = (w, h, self._key, self.ascii, self.app.theme)
        if self._text_cache is not None and self._text_cache[0] == key:
            return self._text_cache[1]
        raster = self.geometry.raster(w, h)
        if raster is not self.last_raster:
            self.last_raster = raster
            self.post_message(self.Resized())
        text = self.paint(raster)
        self._text_cache = (key, text)
        return text

    def paint(self, raster: Raster) -> Text:
        assert self.fill is not None
        chars, no_data = shades(self.ascii)
        class_styles, nodata_style, label_style, focus_style = self._styles()
        # per country index: (char, style)
        look: dict[int, tuple[str, Style]] = {WATER: (" ", Style())}
        for i, code in enumerate(raster.codes):
            k = self.fill.class_of(code)
            look[i] = (no_data, nodata_style) if k == NO_DATA else (chars[k], class_styles[k])
        labels: dict[int, dict[int, tuple[str, Style]]] = {}
        for code, (r, c) in raster.labels.items():
            style = focus_style if code in self.focus_codes else label_style
            for j, ch in enumerate(code):
                if c + j < raster.width:
                    labels.setdefault(r, {})[c + j] = (ch, style)
        text = Text(no_wrap=True, overflow="crop", end="")
        edge = self.get_component_rich_style("map--edge", partial=True)
        edged: dict[tuple[int, int], tuple[str, Style]] = {}
        cells = raster.cells
        for r, row in enumerate(cells):
            below = cells[r + 1] if r + 1 < raster.height else None
            for c, i in enumerate(row):
                if i == WATER:
                    continue
                right = row[c + 1] if c + 1 < raster.width else WATER
                down = below[c] if below is not None else WATER
                if right not in (WATER, i) or down not in (WATER, i):
                    ch, st = look[i]
                    # Neighbours drawn with the same shade would merge into one
                    # blob without colour (NO_COLOR, projectors): leave a gap.
                    same = any(n not in (WATER, i) and look[n][0] == ch for n in (right, down))
                    edged[(r, c)] = (" " if same else ch, st + edge)
        for r, row in enumerate(cells):
            over = labels.get(r, {})
            run_chars: list[str] = []
            run_style: Style | None = None
            for c, i in enumerate(row):
                if c in over:
                    ch, st = over[c]
                elif (r, c) in edged:
                    ch, st = edged[(r, c)]
                else:
                    ch, st = look[i]
                if st != run_style and run_chars:
                    text.append("".join(run_chars), run_style)
                    run_chars = []
                run_style = st
                run_chars.append(ch)
            if run_chars:
                text.append("".join(run_chars), run_style)
            if r < raster.height - 1:
                text.append("\n")
        return text
