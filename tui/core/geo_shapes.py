"""Country shapes for the map: rings read from the map_shapes table and the
view the map is centred on.

Polars and the standard library only. Longitudes are unwrapped across the
antimeridian so that a ring cut there stays one ring (tui/core/geo_raster.py
projects and fills them).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .dataset import Dataset
from .schema import FOCUS

# lon_min, lat_min, lon_max, lat_max: Central Asia and its neighbours, used
# when the shapes lack the five (a --data folder with other shapes).
BASE_VIEW: tuple[float, float, float, float] = (44.0, 32.0, 90.0, 56.0)
VIEW_MARGIN = 1.5  # degrees around the five's bounding box


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


def focus_view(
    rings: list[Ring], codes: tuple[str, ...] = FOCUS, margin: float = VIEW_MARGIN
) -> tuple[float, float, float, float]:
    """The five's bounding box plus ``margin`` degrees: the view the map is
    centred on (BASE_VIEW if the shapes lack them)."""
    boxes = [r.bbox for r in rings if r.iso3 in codes]
    if not boxes:
        return BASE_VIEW
    return (
        min(b[0] for b in boxes) - margin,
        min(b[1] for b in boxes) - margin,
        max(b[2] for b in boxes) + margin,
        max(b[3] for b in boxes) + margin,
    )
