"""A choropleth drawn in character cells.

Why not plotext: plotext draws lines, scatters and bars on a braille/block
canvas but has no polygon fill, so a country can only be outlined, and its
outlines at 1:50m turn into a mesh of dots at 80x24 where neighbours cannot be
told apart. A filled map needs a point-in-polygon fill per pixel; that is done
in ``tui.core.geo_raster`` (pure Python, cached per size) and this widget only paints
the result, a line of segments per terminal row.

Two ways of painting:

- **Colour** (the default): two pixels per cell, the upper one the foreground
  and the lower one the background of a half block (``▀``), so the map has
  twice the rows of the terminal. Classes differ by colour (the theme's
  ``map-c0`` … ``map-c3``, see :func:`tui.theme.map_palette`); borders
  between countries are lines of the map's background colour, borders of the
  five are drawn in ``map-outline`` and those of the country pointed at in
  ``map-selected``.
- **Shading** (``NO_COLOR``, or ``--ascii``): one pixel per cell, a shading
  character per class (░ ▒ ▓ █, or . : + # in ASCII), so classes stay apart
  without colour; a border between two countries of one class is a blank
  cell. With colour and ``--ascii`` the characters are coloured as well.

Labels: each country's ISO3 code where three of its own cells fit; the five
always, in reverse (the one pointed at also underlined).
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ..core.geo_classes import NO_DATA, Classes
from ..core.geo_raster import WATER, MapGeometry, Raster
from ..focus_look import SameLookFocused
from ..i18n import N_
from ..theme import map_palette

UNICODE_SHADES = ("░", "▒", "▓", "█")
UNICODE_NO_DATA = "·"
ASCII_SHADES = (".", ":", "+", "#")
ASCII_NO_DATA = "/"
HALF_UPPER, HALF_LOWER, FULL = "▀", "▄", "█"
MIN_SIZE = (16, 6)
TOO_SMALL = "(map needs more room)"


def shades(ascii_mode: bool) -> tuple[tuple[str, ...], str]:
    """The characters for classes 0..3 and for "no data" when shading."""
    return (ASCII_SHADES, ASCII_NO_DATA) if ascii_mode else (UNICODE_SHADES, UNICODE_NO_DATA)


class ChoroplethMap(SameLookFocused, Widget):
    """Paints a :class:`MapGeometry` raster filled by a :class:`Classes`."""

    DEFAULT_CSS = """
    ChoroplethMap { width: 1fr; height: 1fr; }
    """
    # Focusable so that switching to the Map tab moves focus off the pane left
    # behind (a focused widget in a hidden tab would pull its tab back); and
    # ↑ ↓ point at one of the five.
    can_focus = True

    BINDINGS = [
        Binding("down,j", "point(1)", N_("Next country"), show=False),
        Binding("up,k", "point(-1)", N_("Previous country"), show=False),
    ]

    class Resized(Message):
        """A raster of a new size was painted (the countries shown may differ)."""

    class Pointed(Message):
        """The user pointed at a country (↑ ↓ or a click)."""

        def __init__(self, iso3: str) -> None:
            super().__init__()
            self.iso3 = iso3

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.geometry: MapGeometry | None = None
        self.fill: Classes | None = None
        self.focus_codes: tuple[str, ...] = ()
        self.selected: str | None = None
        self._key: Hashable = None
        self._strips: tuple[tuple[Hashable, ...], list[Strip]] | None = None
        self.last_raster: Raster | None = None

    # -- state ----------------------------------------------------------------------
    @property
    def ascii(self) -> bool:
        return bool(getattr(self.app, "ascii_mode", False))

    @property
    def colour(self) -> bool:
        """False under NO_COLOR."""
        return not getattr(self.app, "no_color", False)

    @property
    def half_blocks(self) -> bool:
        """Two pixels per cell: with colour and Unicode. Otherwise one shading
        character per cell."""
        return self.colour and not self.ascii

    def show(
        self,
        geometry: MapGeometry,
        fill: Classes,
        focus: tuple[str, ...],
        key: Hashable,
        selected: str | None = None,
    ) -> None:
        """Draw ``geometry`` filled by ``fill``, the ``focus`` countries outlined
        and ``selected`` highlighted; a no-op if nothing changed."""
        key = (key, selected)
        if key == self._key and self.geometry is geometry:
            return
        before = self._strips
        self.geometry, self.fill, self._key = geometry, fill, key
        self.focus_codes, self.selected = tuple(focus), selected
        if before is None or not self.is_mounted or before[0][:2] != tuple(self.size):
            self.refresh()
            return
        # Same size: repaint only the rows that changed (pointing at another
        # country or a new edition often changes a few), bytes over SSH.
        after = self.strips()
        for y, (old, new) in enumerate(zip(before[1], after, strict=False)):
            if old != new:
                self.refresh(Region(0, y, self.size.width, 1))
        if len(before[1]) != len(after):
            self.refresh()

    def action_point(self, delta: int) -> None:
        if not self.focus_codes:
            return
        codes = self.focus_codes
        i = codes.index(self.selected) if self.selected in codes else (-1 if delta > 0 else 0)
        self.post_message(self.Pointed(codes[(i + delta) % len(codes)]))

    def on_click(self, event: events.Click) -> None:
        raster = self.last_raster
        if raster is None:
            return
        code = raster.cell_owner(event.y, event.x)
        if code is not None:
            self.post_message(self.Pointed(code))

    # -- colours --------------------------------------------------------------------
    def palette(self) -> dict[str, Color]:
        """The theme's map colours (tui.theme.map_palette), plus "border":
        the map's own background, so a border reads as a gap."""
        out = {k: Color.parse(v) for k, v in map_palette(self.app.current_theme).items()}
        out["border"] = self.background_colors[1]
        return out

    def class_colour(self, k: int, palette: dict[str, Color] | None = None) -> Color:
        palette = palette or self.palette()
        return palette["map-nodata"] if k == NO_DATA else palette[f"map-c{k}"]

    def swatch_style(self, k: int) -> tuple[str, Style]:
        """The character and style class ``k`` (NO_DATA for "no data") is drawn with."""
        if self.half_blocks:
            return FULL, Style(color=self.class_colour(k).rich_color)
        chars, no_data = shades(self.ascii)
        ch = no_data if k == NO_DATA else chars[k]
        return ch, Style(color=self.class_colour(k).rich_color) if self.colour else Style()

    def swatch(self, k: int, width: int = 2) -> tuple[str, Style]:
        """The legend swatch for class ``k``, drawn as on the map."""
        ch, style = self.swatch_style(k)
        return ch * width, style

    def outline_swatch(self, selected: bool = False) -> tuple[str, Style] | None:
        """The swatch for the five's outline (None when shading: no outline then)."""
        if not self.half_blocks:
            return None
        colour = self.palette()["map-selected" if selected else "map-outline"]
        return FULL * 2, Style(color=colour.rich_color)

    # -- painting -------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        strips = self.strips()
        if y < len(strips):
            return strips[y]
        return Strip.blank(self.size.width)

    def strips(self) -> list[Strip]:
        """The map's rows, cached until the size, data, mode or theme change."""
        w, h = self.size
        if self.geometry is None or self.fill is None or w <= 0 or h <= 0:
            return []
        if w < MIN_SIZE[0] or h < MIN_SIZE[1]:
            return [Strip([Segment(TOO_SMALL[:w], Style(dim=True))])]
        mode = (self.half_blocks, self.ascii, self.colour)
        key = (w, h, self._key, mode, self.app.theme)
        if self._strips is not None and self._strips[0] == key:
            return self._strips[1]
        raster = self.geometry.raster(w, h, 2 if self.half_blocks else 1)
        if raster is not self.last_raster:
            self.last_raster = raster
            self.post_message(self.Resized())
        # The widget's own colours under every cell: water and the halves of
        # half blocks left open show the map's background, not the terminal's.
        base = self.rich_style
        strips = [strip.apply_style(base) for strip in self.paint(raster)]
        self._strips = (key, strips)
        return strips

    def pixel_colours(self, raster: Raster) -> list[list[Color | None]]:
        """Each pixel's colour: its class's, a border line's, or None for water.

        A border line touching the selected country takes ``map-selected``, one
        touching one of the five ``map-outline``, any other the map's
        background; the selected country's pixels on the coast take
        ``map-selected`` too, so its whole outline is drawn."""
        assert self.fill is not None
        pal = self.palette()
        index = {c: i for i, c in enumerate(raster.codes)}
        five = {index[c] for c in self.focus_codes if c in index}
        sel = index.get(self.selected or "")
        fill = [self.class_colour(self.fill.class_of(c), pal) for c in raster.codes]
        cells, h, w = raster.cells, raster.height, raster.width

        def coast(r: int, c: int) -> bool:
            # the selected country's own edge on the sea (its land borders
            # already carry a line)
            return any(
                0 <= rr < h and 0 <= cc < w and cells[rr][cc] == WATER
                for rr, cc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1))
            )

        out: list[list[Color | None]] = []
        for r, row in enumerate(cells):
            line: list[Color | None] = []
            for c, i in enumerate(row):
                if i == WATER:
                    line.append(None)
                    continue
                across = raster.border.get((r, c))
                if across is None:
                    line.append(pal["map-selected"] if i == sel and coast(r, c) else fill[i])
                elif sel is not None and (i == sel or sel in across):
                    line.append(pal["map-selected"])
                elif i in five or not five.isdisjoint(across):
                    line.append(pal["map-outline"])
                else:
                    line.append(pal["border"])
            out.append(line)
        return out

    def _label_cells(self, raster: Raster) -> dict[tuple[int, int], tuple[str, str]]:
        """(row, col) -> (character, which) for the labels; which is "five",
        "selected" or "other"."""
        out: dict[tuple[int, int], tuple[str, str]] = {}
        for code, (r, c) in raster.labels.items():
            which = (
                "selected"
                if code == self.selected
                else "five"
                if code in self.focus_codes
                else "other"
            )
            for j, ch in enumerate(code):
                if c + j < raster.width:
                    out[(r, c + j)] = (ch, which)
        return out

    def paint(self, raster: Raster) -> list[Strip]:
        if raster.per_cell == 2:
            return self._paint_half_blocks(raster)
        return self._paint_shades(raster)

    def _paint_half_blocks(self, raster: Raster) -> list[Strip]:
        pal = self.palette()
        colours = self.pixel_colours(raster)
        labels = self._label_cells(raster)
        styles: dict[tuple[Color | None, Color | None], Style] = {}

        def style(fg: Color | None, bg: Color | None) -> Style:
            key = (fg, bg)
            if key not in styles:
                styles[key] = Style(
                    color=fg.rich_color if fg else None, bgcolor=bg.rich_color if bg else None
                )
            return styles[key]

        label_look = {
            "five": Style(
                color=pal["border"].rich_color, bgcolor=pal["map-outline"].rich_color, bold=True
            ),
            "selected": Style(
                color=pal["map-selected"].get_contrast_text(1.0).rich_color,
                bgcolor=pal["map-selected"].rich_color,
                bold=True,
                underline=True,
            ),
        }
        strips: list[Strip] = []
        for r in range(raster.rows):
            top, bottom = colours[2 * r], colours[2 * r + 1]
            segments: list[Segment] = []
            for c in range(raster.width):
                t, b = top[c], bottom[c]
                label = labels.get((r, c))
                if label is not None:
                    ch, which = label
                    if which == "other":
                        under = t or b or pal["border"]
                        st = style(under.get_contrast_text(1.0), under)
                    else:
                        st = label_look[which]
                    segments.append(Segment(ch, st))
                elif t is None and b is None:
                    segments.append(Segment(" ", style(None, None)))
                elif t is None:
                    segments.append(Segment(HALF_LOWER, style(b, None)))
                elif b is None or b == t:
                    segments.append(Segment(HALF_UPPER if b is None else FULL, style(t, None)))
                else:
                    segments.append(Segment(HALF_UPPER, style(t, b)))
            strips.append(Strip(Segment.simplify(segments), raster.width))
        return strips

    def _paint_shades(self, raster: Raster) -> list[Strip]:
        assert self.fill is not None
        chars, no_data = shades(self.ascii)
        pal = self.palette()
        look: dict[int, tuple[str, Style]] = {}
        for i, code in enumerate(raster.codes):
            k = self.fill.class_of(code)
            colour = Style(color=self.class_colour(k, pal).rich_color) if self.colour else Style()
            look[i] = (no_data if k == NO_DATA else chars[k], colour)
        labels = self._label_cells(raster)
        label_look = {
            "other": Style(bold=True),
            "five": Style(bold=True, reverse=True),
            "selected": Style(bold=True, reverse=True, underline=True),
        }
        blank = Style()
        strips: list[Strip] = []
        for r, row in enumerate(raster.cells):
            segments: list[Segment] = []
            for c, i in enumerate(row):
                label = labels.get((r, c))
                if label is not None:
                    segments.append(Segment(label[0], label_look[label[1]]))
                    continue
                if i == WATER:
                    segments.append(Segment(" ", blank))
                    continue
                ch, st = look[i]
                across = raster.border.get((r, c))
                # Neighbours drawn with the same character would merge into one
                # blob without colour: leave a gap (on the larger one's side).
                if across is not None and any(look[j][0] == ch for j in across):
                    ch = " "
                segments.append(Segment(ch, st))
            strips.append(Strip(Segment.simplify(segments), raster.width))
        return strips
