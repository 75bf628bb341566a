"""A choropleth in character cells: projection, rasterisation and classes.

Polars and the standard library only. The map widget asks for a
:class:`Raster` at its size (cached per size) and a :class:`Classes` for the
selected edition and indicator, and paints one character per cell.

Projection: equirectangular with longitudes scaled by cos(mid latitude) of the
view, and terminal cells taken as twice as tall as they are wide.

Rasterising: each cell is sampled at its centre. For every ring that touches
the view (bounding-box prefilter) each edge is bucketed into the rows whose
centre line it crosses; then, row by row and country by country, the crossings
are sorted and filled pairwise (the even-odd rule). All of a country's rings
are filled together, so a hole (stored as one more part) stays open.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import polars as pl

from .caveats import caveat_keys
from .dataset import Dataset
from .schema import FOCUS, READINESS_ERA

# lon_min, lat_min, lon_max, lat_max: Central Asia and its neighbours.
BASE_VIEW: tuple[float, float, float, float] = (44.0, 32.0, 90.0, 56.0)
CELL_ASPECT = 2.0  # a terminal cell is about twice as tall as it is wide
WATER = -1

# The UN E-Government Survey's four EGDI groups (low, middle, high, very high);
# used here for every index, which all run 0-1.
FIXED_BREAKS = (0.25, 0.5, 0.75)
NO_DATA = -1


# -- shapes ------------------------------------------------------------------------
@dataclass(frozen=True)
class Ring:
    iso3: str
    xs: tuple[float, ...]  # longitudes, unwrapped across the antimeridian
    ys: tuple[float, ...]  # latitudes
    bbox: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max


def unwrap(lons: list[float]) -> list[float]:
    """Longitudes made continuous: a jump of more than 180 degrees between two
    vertices (a ring cut at the antimeridian) is undone by shifting 360."""
    out: list[float] = []
    shift = 0.0
    prev: float | None = None
    for lon in lons:
        if prev is not None:
            d = lon - prev
            if d > 180:
                shift -= 360
            elif d < -180:
                shift += 360
        out.append(lon + shift)
        prev = lon
    return out


def rings_from_frame(df: pl.DataFrame) -> list[Ring]:
    """Rings from a map_shapes frame (iso3, part, seq, lon, lat)."""
    rings: list[Ring] = []
    df = df.sort(["iso3", "part", "seq"])
    for (iso3, _part), sub in df.group_by(["iso3", "part"], maintain_order=True):
        xs = unwrap(sub["lon"].to_list())
        ys = sub["lat"].to_list()
        if len(xs) < 3:
            continue
        rings.append(Ring(str(iso3), tuple(xs), tuple(ys), (min(xs), min(ys), max(xs), max(ys))))
    return rings


def load_rings(ds: Dataset) -> list[Ring]:
    if not ds.has("map_shapes"):
        return []
    return rings_from_frame(ds.frame("map_shapes"))


# -- raster ------------------------------------------------------------------------
@dataclass(frozen=True)
class Raster:
    """One country index per cell (WATER where no land), row 0 at the top."""

    width: int
    height: int
    codes: tuple[str, ...]
    cells: tuple[tuple[int, ...], ...]
    extent: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max actually shown
    labels: dict[str, tuple[int, int]] = field(default_factory=dict)  # iso3 -> (row, first col)

    def at(self, row: int, col: int) -> str | None:
        i = self.cells[row][col]
        return None if i == WATER else self.codes[i]

    def shown(self) -> list[str]:
        """Countries with at least one cell, in code order."""
        seen = {i for row in self.cells for i in row if i != WATER}
        return [self.codes[i] for i in sorted(seen)]

    def lines(self, chars: dict[str, str] | None = None, water: str = " ") -> list[str]:
        """Plain text: each country's first letter (or ``chars[iso3]``)."""
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
    """Shapes projected once for a view; rasters cached per size."""

    def __init__(
        self, rings: list[Ring], view: tuple[float, float, float, float] = BASE_VIEW
    ) -> None:
        self.view = view
        lon0, lat0, lon1, lat1 = view
        self.kx = math.cos(math.radians((lat0 + lat1) / 2))
        self.codes: tuple[str, ...] = tuple(sorted({r.iso3 for r in rings}))
        index = {c: i for i, c in enumerate(self.codes)}
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
        self._cache: dict[tuple[int, int], Raster] = {}

    def in_view(self) -> list[str]:
        """Countries one of whose rings' bounding box meets the base view."""
        lon0, lat0, lon1, lat1 = self.view
        out = set()
        for ci, _xs, _ys, (x0, y0, x1, y1) in self._rings:
            if x1 >= lon0 * self.kx and x0 <= lon1 * self.kx and y1 >= lat0 and y0 <= lat1:
                out.add(self.codes[ci])
        return sorted(out)

    def fit(self, width: int, height: int) -> tuple[float, float, float, float]:
        """left, top (projected), cell width and cell height: the whole view
        fits in width x height cells; the other side widens to fill the rest."""
        lon0, lat0, lon1, lat1 = self.view
        bw, bh = (lon1 - lon0) * self.kx, lat1 - lat0
        cw = max(bw / width, bh / (CELL_ASPECT * height))
        ch = cw * CELL_ASPECT
        cx, cy = (lon0 + lon1) / 2 * self.kx, (lat0 + lat1) / 2
        return cx - width * cw / 2, cy + height * ch / 2, cw, ch

    def raster(self, width: int, height: int) -> Raster:
        key = (width, height)
        if key not in self._cache:
            if len(self._cache) > 8:
                self._cache.clear()
            self._cache[key] = self._rasterise(width, height)
        return self._cache[key]

    def _rasterise(self, width: int, height: int) -> Raster:
        width, height = max(1, width), max(1, height)
        left, top, cw, ch = self.fit(width, height)
        right, bottom = left + width * cw, top - height * ch
        # crossings[row][country] -> x positions where an edge crosses the row centre
        crossings: list[dict[int, list[float]]] = [defaultdict(list) for _ in range(height)]
        for ci, xs, ys, (bx0, by0, bx1, by1) in self._rings:
            if by1 < bottom or by0 > top or bx1 < left or bx0 > right:
                # A ring wholly above, below or beside the view adds no crossing
                # to any row shown (beside: its crossings pair up outside too).
                continue
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
        frozen = tuple(tuple(r) for r in cells)
        extent = (left / self.kx, bottom, right / self.kx, top)
        return Raster(width, height, self.codes, frozen, extent, label_points(frozen, self.codes))


def label_points(
    cells: tuple[tuple[int, ...], ...], codes: tuple[str, ...], size: int = 3
) -> dict[str, tuple[int, int]]:
    """Where each country's ISO3 code fits inside it: ``size`` cells of that
    country in a row, as near its centre of mass (in cell-aspect units) as
    possible, preferring spots with the country also above and below."""
    if not cells:
        return {}
    height, width = len(cells), len(cells[0])
    sums: dict[int, list[float]] = {}
    for r, row in enumerate(cells):
        for c, i in enumerate(row):
            if i != WATER:
                s = sums.setdefault(i, [0.0, 0.0, 0.0])
                s[0] += r
                s[1] += c
                s[2] += 1
    best: dict[int, tuple[float, int, int]] = {}
    for r, row in enumerate(cells):
        run_start, run_id = 0, WATER
        for c in range(width + 1):
            i = row[c] if c < width else WATER - 1
            if i != run_id:
                if run_id != WATER and c - run_start >= size:
                    s = sums[run_id]
                    mr, mc = s[0] / s[2], s[1] / s[2]
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


# -- values and classes ------------------------------------------------------------
@dataclass(frozen=True)
class ClassBin:
    index: int
    lo: float
    hi: float
    label: str


@dataclass(frozen=True)
class Classes:
    """Each country's class (``NO_DATA`` for a gap) and the legend's bins."""

    bins: tuple[ClassBin, ...]
    of: dict[str, int]
    method: str

    def class_of(self, iso3: str) -> int:
        return self.of.get(iso3, NO_DATA)


def classify_fixed(
    values: dict[str, float | None],
    breaks: tuple[float, ...] = FIXED_BREAKS,
    lo: float = 0.0,
    hi: float = 1.0,
) -> Classes:
    """Fixed breaks: class k holds breaks[k-1] <= v < breaks[k]; the top class
    includes ``hi``. A missing value is NO_DATA."""
    edges = (lo, *breaks, hi)
    bins = tuple(
        ClassBin(k, edges[k], edges[k + 1], f"{_fmt(edges[k])}–{_fmt(edges[k + 1])}")
        for k in range(len(edges) - 1)
    )
    of: dict[str, int] = {}
    for iso3, v in values.items():
        if v is None or (isinstance(v, float) and math.isnan(v)):
            of[iso3] = NO_DATA
            continue
        of[iso3] = sum(1 for b in breaks if v >= b)
    return Classes(bins, of, "fixed")


def _fmt(v: float) -> str:
    return f"{v:.2f}"


def map_values(ds: Dataset, year: int, indicator: str, iso3s: list[str]) -> pl.DataFrame:
    """iso3, country, value, status, flags, source_id for the countries drawn.

    ``value`` is what the survey publishes; ``status`` is 'gap' when the survey
    has no value (or no row) for that country and edition, and 'not_measured'
    for a 0 the survey itself flags as no assessed presence or a probable
    missing value. Neither is classed: both are drawn as "no data".
    """
    econ = ds.frame("economies").select("iso3", pl.col("name").alias("econ_name"))
    base = pl.DataFrame({"iso3": iso3s}, schema={"iso3": pl.String})
    sv = (
        ds.frame("egov_survey")
        .filter(pl.col("year") == year)
        .select("iso3", "country", pl.col(indicator).alias("value"), "flags", "source_id")
    )
    df = base.join(sv, on="iso3", how="left").join(econ, on="iso3", how="left")
    zero_flag = [
        bool(
            v == 0
            and any(k.startswith(indicator) or k.startswith("egdi_zero") for k in caveat_keys(f))
        )
        for v, f in zip(df["value"], df["flags"], strict=True)
    ]
    df = df.with_columns(
        pl.coalesce("country", "econ_name", "iso3").alias("country"),
        pl.Series("_zero", zero_flag, dtype=pl.Boolean),
    )
    df = df.with_columns(
        pl.when(pl.col("value").is_null())
        .then(pl.lit("gap"))
        .when(pl.col("_zero"))
        .then(pl.lit("not_measured"))
        .otherwise(pl.lit("value"))
        .alias("status"),
        pl.col("iso3").is_in(list(FOCUS)).alias("focus"),
    )
    return df.select("iso3", "country", "value", "status", "flags", "source_id", "focus").sort(
        ["focus", "iso3"], descending=[True, False]
    )


def classify_frame(df: pl.DataFrame) -> Classes:
    """Fixed classes for a :func:`map_values` frame; gaps and flagged zeros are NO_DATA."""
    values = {
        r["iso3"]: (r["value"] if r["status"] == "value" else None)
        for r in df.iter_rows(named=True)
    }
    return classify_fixed(values)


def map_caveats(year: int) -> tuple[str, ...]:
    return ("readiness_era",) if year in READINESS_ERA else ()
