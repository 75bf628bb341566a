"""A choropleth in character cells: projection, rasterisation, borders and
labels.

Standard library only. The map widget asks :class:`MapGeometry` for a
:class:`Raster` at its size (cached per size). In colour it paints two pixels
per cell (half blocks), so it asks for a raster twice as tall with square
pixels; without colour it paints one shading character per cell.

One module (a little over 400 lines) because the labels belong to the raster:
each cached :class:`Raster` carries them, and where they go depends on the
borders drawn.

Projection: equirectangular with longitudes scaled by cos(mid latitude) of the
view; a pixel is ``aspect`` times as tall as it is wide (2 for a whole
terminal cell, 1 for half a cell). The view is centred on the five.

Rasterising: each pixel is sampled at its centre. For every ring that touches
the view (bounding-box prefilter) each edge is bucketed into the rows whose
centre line it crosses; then, row by row and country by country, the crossings
are sorted and filled pairwise (the even-odd rule). All of a country's rings
are filled together, so a hole (stored as one more part) stays open. A country
that reaches into the view but is too small or thin to cover any pixel centre
gets the pixel under one of its vertices, so every country in the crop is drawn.

Borders: where two countries meet, the pixel on the larger country's side
(by pixels drawn) becomes a border pixel, so the line is one pixel wide and a
small country keeps all of its own pixels.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from .geo_shapes import Ring, focus_view
from .schema import FOCUS

CELL_ASPECT = 2.0  # a terminal cell is about twice as tall as it is wide
WATER = -1


Pixel = tuple[int, int]


@dataclass(frozen=True)
class Raster:
    """One country index per pixel (WATER where no land), row 0 at the top.

    ``per_cell`` pixels are stacked in each terminal cell (1, or 2 for half
    blocks); ``labels`` are in cell coordinates. ``border`` holds the pixels
    that carry a border line, each with the countries across that line.
    """

    width: int
    height: int
    codes: tuple[str, ...]
    cells: tuple[tuple[int, ...], ...]
    extent: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max actually shown
    labels: dict[str, tuple[int, int]] = field(default_factory=dict)  # iso3 -> (row, first col)
    per_cell: int = 1
    border: dict[Pixel, frozenset[int]] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        """Terminal rows the raster fills."""
        return self.height // self.per_cell

    def at(self, row: int, col: int) -> str | None:
        i = self.cells[row][col]
        return None if i == WATER else self.codes[i]

    def cell_owner(self, row: int, col: int) -> str | None:
        """The country under terminal cell (row, col): its upper pixel's, or
        the lower one's if the upper is water."""
        if not (0 <= row < self.rows and 0 <= col < self.width):
            return None
        for k in range(self.per_cell):
            code = self.at(row * self.per_cell + k, col)
            if code is not None:
                return code
        return None

    def shown(self) -> list[str]:
        """Countries with at least one pixel, in code order."""
        seen = {i for row in self.cells for i in row if i != WATER}
        return [self.codes[i] for i in sorted(seen)]

    def lines(self, chars: dict[str, str] | None = None, water: str = " ") -> list[str]:
        """Plain text, a pixel a character: each country's first letter (or ``chars[iso3]``)."""
        chars = chars or {}
        out = []
        for row in self.cells:
            out.append(
                "".join(
                    water if i == WATER else chars.get(self.codes[i], self.codes[i][0]) for i in row
                )
            )
        return out


class MapGeometry:
    """Shapes projected once for a view; rasters cached per size.

    The view defaults to the five's bounding box (:func:`focus_view`); a wider
    widget shows more around it, keeping it centred. ``must_label`` are the
    countries given a label even where three cells of their own do not fit.
    """

    def __init__(
        self,
        rings: list[Ring],
        view: tuple[float, float, float, float] | None = None,
        must_label: tuple[str, ...] = FOCUS,
    ) -> None:
        self.view = view = view or focus_view(rings)
        lon0, lat0, lon1, lat1 = view
        self.kx = math.cos(math.radians((lat0 + lat1) / 2))
        self.codes: tuple[str, ...] = tuple(sorted({r.iso3 for r in rings}))
        index = {c: i for i, c in enumerate(self.codes)}
        self.must_label = frozenset(index[c] for c in must_label if c in index)
        # projected rings: (country index, xs, ys, bbox in projected units)
        self._rings: list[
            tuple[int, list[float], list[float], tuple[float, float, float, float]]
        ] = []
        for r in rings:
            xs = [x * self.kx for x in r.xs]
            self._rings.append(
                (
                    index[r.iso3],
                    xs,
                    list(r.ys),
                    (r.bbox[0] * self.kx, r.bbox[1], r.bbox[2] * self.kx, r.bbox[3]),
                )
            )
        self._cache: dict[tuple[int, int, float], Raster] = {}

    def in_view(self) -> list[str]:
        """Countries one of whose rings' bounding box meets the base view."""
        lon0, lat0, lon1, lat1 = self.view
        out = set()
        for ci, _xs, _ys, (x0, y0, x1, y1) in self._rings:
            if x1 >= lon0 * self.kx and x0 <= lon1 * self.kx and y1 >= lat0 and y0 <= lat1:
                out.add(self.codes[ci])
        return sorted(out)

    def fit(
        self, width: int, height: int, aspect: float = CELL_ASPECT
    ) -> tuple[float, float, float, float]:
        """left, top (projected), pixel width and pixel height: the whole view
        fits in width x height pixels, each ``aspect`` times as tall as wide;
        the other side widens to fill the rest, keeping the view centred."""
        lon0, lat0, lon1, lat1 = self.view
        bw, bh = (lon1 - lon0) * self.kx, lat1 - lat0
        cw = max(bw / width, bh / (aspect * height))
        ch = cw * aspect
        cx, cy = (lon0 + lon1) / 2 * self.kx, (lat0 + lat1) / 2
        return cx - width * cw / 2, cy + height * ch / 2, cw, ch

    def raster(self, width: int, height: int, per_cell: int = 1) -> Raster:
        """The raster for ``width`` x ``height`` terminal cells, with
        ``per_cell`` pixels stacked in each (2: half blocks)."""
        key = (width, height, per_cell)
        if key not in self._cache:
            if len(self._cache) > 8:
                self._cache.clear()
            self._cache[key] = self._rasterise(width, height, per_cell)
        return self._cache[key]

    def _rasterise(self, width: int, rows: int, per_cell: int = 1) -> Raster:
        width, rows, per_cell = max(1, width), max(1, rows), max(1, per_cell)
        height = rows * per_cell
        left, top, cw, ch = self.fit(width, height, CELL_ASPECT / per_cell)
        right, bottom = left + width * cw, top - height * ch
        # crossings[row][country] -> x positions where an edge crosses the row centre
        crossings: list[dict[int, list[float]]] = [defaultdict(list) for _ in range(height)]
        near: list[tuple[int, list[float], list[float]]] = []
        for ci, xs, ys, (bx0, by0, bx1, by1) in self._rings:
            if by1 < bottom or by0 > top or bx1 < left or bx0 > right:
                # A ring wholly above, below or beside the view adds no crossing
                # to any row shown (beside: its crossings pair up outside too).
                continue
            near.append((ci, xs, ys))
            n = len(xs)
            for k in range(n - 1 if xs[0] == xs[-1] and ys[0] == ys[-1] else n):
                x1, y1 = xs[k], ys[k]
                x2, y2 = xs[(k + 1) % n], ys[(k + 1) % n]
                if y1 == y2:
                    continue
                ylo, yhi = (y1, y2) if y1 < y2 else (y2, y1)
                # rows r whose centre yc = top - (r + .5) * ch satisfies ylo <= yc < yhi
                r0 = max(0, math.floor((top - yhi) / ch - 0.5) + 1)
                r1 = min(height - 1, math.floor((top - ylo) / ch - 0.5))
                if r0 > r1:
                    continue
                slope = (x2 - x1) / (y2 - y1)
                for r in range(r0, r1 + 1):
                    yc = top - (r + 0.5) * ch
                    if (y1 > yc) != (y2 > yc):
                        crossings[r][ci].append(x1 + (yc - y1) * slope)
        cells: list[list[int]] = [[WATER] * width for _ in range(height)]
        for r in range(height):
            row = cells[r]
            for ci, xs_ in crossings[r].items():
                xs_.sort()
                for a, b in zip(xs_[0::2], xs_[1::2], strict=False):
                    # columns c whose centre xc = left + (c + .5) * cw lies in [a, b)
                    c0 = max(0, math.ceil((a - left) / cw - 0.5))
                    c1 = min(width, math.ceil((b - left) / cw - 0.5))
                    for c in range(c0, c1):
                        row[c] = ci
        _draw_the_missed(cells, near, (left, top, right, bottom, cw, ch))
        frozen = tuple(tuple(r) for r in cells)
        border = border_pixels(frozen)
        extent = (left / self.kx, bottom, right / self.kx, top)
        grid, centres = _label_grid(frozen, border, per_cell)
        labels = place_labels(grid, self.codes, centres, self.must_label)
        return Raster(width, height, self.codes, frozen, extent, labels, per_cell, border)


def _draw_the_missed(
    cells: list[list[int]],
    rings: list[tuple[int, list[float], list[float]]],
    frame: tuple[float, float, float, float, float, float],
) -> None:
    """Give a pixel to every country that reaches into the view but covers no
    pixel centre (too small or too thin at this size): the pixel under its
    vertex nearest the middle of its vertices in view, unless that pixel is
    another country's only one."""
    left, top, right, bottom, cw, ch = frame
    height, width = len(cells), len(cells[0])
    counts: dict[int, int] = defaultdict(int)
    for row in cells:
        for i in row:
            counts[i] += 1
    spots: dict[int, list[Pixel]] = defaultdict(list)
    for ci, xs, ys in rings:
        if counts.get(ci):
            continue
        for x, y in zip(xs, ys, strict=True):
            if left <= x < right and bottom < y <= top:
                r = min(height - 1, int((top - y) / ch))
                c = min(width - 1, int((x - left) / cw))
                spots[ci].append((r, c))
    for ci in sorted(spots):
        pts = spots[ci]
        mr = sum(p[0] for p in pts) / len(pts)
        mc = sum(p[1] for p in pts) / len(pts)
        for r, c in sorted(set(pts), key=lambda p: ((p[0] - mr) ** 2 + (p[1] - mc) ** 2, p)):
            j = cells[r][c]
            if j == WATER or counts[j] > 1:
                counts[j] -= 1
                counts[ci] = 1
                cells[r][c] = ci
                break


def border_pixels(cells: tuple[tuple[int, ...], ...]) -> dict[Pixel, frozenset[int]]:
    """The pixels that carry a border line, each with the countries across it.

    Where two countries' pixels touch (side by side or one above the other),
    the line goes on the pixel of the country with more pixels, so it is one
    pixel wide and a small country keeps its own pixels. A country all of whose
    pixels would carry a line keeps them all instead.
    """
    if not cells:
        return {}
    height, width = len(cells), len(cells[0])
    counts: dict[int, int] = defaultdict(int)
    for row in cells:
        for i in row:
            counts[i] += 1
    marks: dict[Pixel, set[int]] = defaultdict(set)

    def meet(a: int, pa: Pixel, b: int, pb: Pixel) -> None:
        if (counts[a], a) > (counts[b], b):
            marks[pa].add(b)
        else:
            marks[pb].add(a)

    for r in range(height):
        row = cells[r]
        below = cells[r + 1] if r + 1 < height else None
        for c in range(width):
            a = row[c]
            if a == WATER:
                continue
            if c + 1 < width:
                b = row[c + 1]
                if b != a and b != WATER:
                    meet(a, (r, c), b, (r, c + 1))
            if below is not None:
                b = below[c]
                if b != a and b != WATER:
                    meet(a, (r, c), b, (r + 1, c))
    lined: dict[int, int] = defaultdict(int)
    for r, c in marks:
        lined[cells[r][c]] += 1
    keep = {i for i, n in lined.items() if n >= counts[i]}
    return {p: frozenset(across) for p, across in marks.items() if cells[p[0]][p[1]] not in keep}


def _label_grid(
    cells: tuple[tuple[int, ...], ...], border: dict[Pixel, frozenset[int]], per_cell: int
) -> tuple[list[list[int]], dict[int, tuple[float, float]]]:
    """Terminal cells for labels: a country's index where all the cell's
    pixels are that country's and none carries a border line, else WATER; and
    each country's centre of mass in cell coordinates."""
    height, width = len(cells), len(cells[0]) if cells else 0
    rows = height // per_cell
    grid = [[WATER] * width for _ in range(rows)]
    sums: dict[int, list[float]] = {}
    for y, row in enumerate(cells):
        r = y // per_cell
        for c, i in enumerate(row):
            if i == WATER:
                continue
            s = sums.setdefault(i, [0.0, 0.0, 0.0])
            s[0] += (y + 0.5) / per_cell - 0.5
            s[1] += c
            s[2] += 1
    for r in range(rows):
        for c in range(width):
            ys = range(r * per_cell, (r + 1) * per_cell)
            i = cells[ys[0]][c]
            if i != WATER and all(cells[y][c] == i and (y, c) not in border for y in ys):
                grid[r][c] = i
    centres = {i: (s[0] / s[2], s[1] / s[2]) for i, s in sums.items()}
    return grid, centres


def label_points(
    cells: tuple[tuple[int, ...], ...] | list[list[int]],
    codes: tuple[str, ...],
    size: int = 3,
    centres: dict[int, tuple[float, float]] | None = None,
) -> dict[str, tuple[int, int]]:
    """Where each country's ISO3 code fits inside it: ``size`` cells of that
    country in a row, as near its centre of mass (in cell-aspect units; from
    ``centres`` if given, else from ``cells``) as possible, preferring spots
    with the country also above and below."""
    if not cells:
        return {}
    height, width = len(cells), len(cells[0])
    if centres is None:
        sums: dict[int, list[float]] = {}
        for r, row in enumerate(cells):
            for c, i in enumerate(row):
                if i != WATER:
                    s = sums.setdefault(i, [0.0, 0.0, 0.0])
                    s[0] += r
                    s[1] += c
                    s[2] += 1
        centres = {i: (s[0] / s[2], s[1] / s[2]) for i, s in sums.items()}
    best: dict[int, tuple[float, int, int]] = {}
    for r, row in enumerate(cells):
        run_start, run_id = 0, WATER
        for c in range(width + 1):
            i = row[c] if c < width else WATER - 1
            if i != run_id:
                if run_id != WATER and c - run_start >= size and run_id in centres:
                    mr, mc = centres[run_id]
                    for c0 in range(run_start, c - size + 1):
                        d = ((r - mr) * CELL_ASPECT) ** 2 + (c0 + (size - 1) / 2 - mc) ** 2
                        inner = sum(
                            1
                            for rr in (r - 1, r + 1)
                            if 0 <= rr < height
                            and all(cells[rr][cc] == run_id for cc in range(c0, c0 + size))
                        )
                        score = d + (2 - inner) * 4.0
                        if run_id not in best or score < best[run_id][0]:
                            best[run_id] = (score, r, c0)
                run_start, run_id = c, i
    return {codes[i]: (r, c) for i, (_s, r, c) in best.items()}


def place_labels(
    grid: list[list[int]],
    codes: tuple[str, ...],
    centres: dict[int, tuple[float, float]],
    must: frozenset[int] = frozenset(),
    size: int = 3,
) -> dict[str, tuple[int, int]]:
    """Labels inside each country where ``size`` of its own cells fit in a row;
    a country in ``must`` too small for that is labelled at its centre of mass
    (over its neighbours), moved a row up or down rather than cover another
    ``must`` label, and other labels it would touch are dropped."""
    placed = label_points(grid, codes, size, centres)
    if not grid:
        return placed
    rows, width = len(grid), len(grid[0])
    index = {c: i for i, c in enumerate(codes)}
    fixed = {code: rc for code, rc in placed.items() if index[code] in must}

    def clash(a: tuple[int, int], b: tuple[int, int]) -> bool:
        # on one row with less than a cell between them
        return a[0] == b[0] and a[1] - size - 1 < b[1] < a[1] + size + 1

    for i in sorted(must):
        code = codes[i]
        if code in fixed or i not in centres:
            continue
        mr, mc = centres[i]
        c0 = max(0, min(width - size, round(mc - (size - 1) / 2)))
        r0 = max(0, min(rows - 1, round(mr)))
        for r in sorted(range(rows), key=lambda r: (abs(r - r0), r)):
            if not any(clash((r, c0), rc) for rc in fixed.values()):
                fixed[code] = (r, c0)
                break
    out = dict(fixed)
    for code, rc in placed.items():
        if code not in out and not any(clash(rc, f) for f in fixed.values()):
            out[code] = rc
    return out
