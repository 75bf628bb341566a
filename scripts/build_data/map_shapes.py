"""Natural Earth country outlines (TopoJSON) as lon/lat rings: the map_shapes table."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pycountry

# Each Polygon ring (outer boundary AND holes) becomes its own `part`; parts
# are numbered from 0 within a country. Holes are therefore treated as parts
# like any other ring, and the renderer uses even-odd fill so that a hole
# drawn inside its outer ring comes out empty.

BOX = (25.0, 15.0, 105.0, 60.0)  # lon_min, lat_min, lon_max, lat_max
DP_TOLERANCE = 0.05  # degrees
MIN_AREA = 0.05  # square degrees; smaller rings (islands, slivers) are dropped
DECIMALS = 3


def topo_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Decode quantized, delta-encoded arcs to absolute lon/lat."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def topo_ring(idx: list[int], arcs) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in idx:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]  # negative index: reversed arc ~i
        pts.extend(a[1:] if pts else a)  # arcs share their end points
    return pts


def geometry_rings(geom: dict, arcs) -> list[list[tuple[float, float]]]:
    if geom["type"] == "Polygon":
        polys = [geom["arcs"]]
    elif geom["type"] == "MultiPolygon":
        polys = geom["arcs"]
    else:
        return []
    return [topo_ring(ring, arcs) for poly in polys for ring in poly]


def ring_area(pts) -> float:
    return (
        abs(
            sum(
                x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True)
            )
        )
        / 2
    )


def _seg_hits_box(p, q, box) -> bool:
    """Liang-Barsky: does segment p-q touch the closed box?"""
    x0, y0 = p
    dx, dy = q[0] - x0, q[1] - y0
    t0, t1 = 0.0, 1.0
    for pk, qk in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if pk == 0:
            if qk < 0:
                return False
        else:
            t = qk / pk
            if pk < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
    return True


def _point_in_ring(pt, ring) -> bool:
    x, y = pt
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            inside = not inside
    return inside


def rings_hit_box(rings, box) -> bool:
    for ring in rings:
        if any(_seg_hits_box(p, q, box) for p, q in zip(ring, ring[1:], strict=False)):
            return True
    corner = (box[0], box[1])  # box lying wholly inside the country
    return sum(_point_in_ring(corner, r) for r in rings) % 2 == 1


def _dp(pts, tol) -> list:
    """Douglas-Peucker on an open polyline (iterative)."""
    n = len(pts)
    if n < 3:
        return list(pts)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = pts[a], pts[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, idx = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            if norm == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if d > best:
                best, idx = d, i
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack.append((a, idx))
            stack.append((idx, b))
    return [p for p, k in zip(pts, keep, strict=True) if k]


def simplify_ring(ring, tol) -> list[tuple[float, float]]:
    """Simplify a closed ring, split at its first point and the point farthest from it."""
    pts = list(ring)
    if pts[0] != pts[-1]:
        pts.append(pts[0])
    x0, y0 = pts[0]
    far = max(range(len(pts)), key=lambda i: (pts[i][0] - x0) ** 2 + (pts[i][1] - y0) ** 2)
    if far in (0, len(pts) - 1):
        return pts
    return _dp(pts[: far + 1], tol)[:-1] + _dp(pts[far:], tol)


def round_ring(ring) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for x, y in ring:
        p = (round(x, DECIMALS) + 0.0, round(y, DECIMALS) + 0.0)  # +0.0 drops -0.0
        if not out or out[-1] != p:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def build_map(ref: Path) -> tuple[list[dict], dict[str, str]]:
    topo = json.loads((ref / "geo" / "countries-50m.json").read_text(encoding="utf-8"))
    arcs = topo_arcs(topo)
    rows = []
    skipped = []
    seen: dict[str, str] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        rings = geometry_rings(geom, arcs)
        if not rings or not rings_hit_box(rings, BOX):
            continue
        gid = geom.get("id")
        name = geom.get("properties", {}).get("name", "?")
        c = pycountry.countries.get(numeric=gid) if gid else None
        if c is None:
            skipped.append(f"{name} (id {gid})")
            continue
        iso3 = c.alpha_3
        if iso3 in seen:
            raise ValueError(f"two geometries map to {iso3}")
        seen[iso3] = name
        largest = max(range(len(rings)), key=lambda i: ring_area(rings[i]))
        part = 0
        for i, ring in enumerate(rings):
            if ring_area(ring) < MIN_AREA and i != largest:
                continue  # tiny island or sliver; a country's largest ring is always kept
            pts = round_ring(simplify_ring(ring, DP_TOLERANCE))
            if len(pts) < 4 and i == largest:
                pts = round_ring(ring)  # very small country: keep its outline unsimplified
            if len(pts) < 4:
                continue
            for seq, (lon, lat) in enumerate(pts):
                rows.append(
                    dict(
                        iso3=iso3,
                        part=part,
                        seq=seq,
                        lon=repr(lon),
                        lat=repr(lat),
                        source_id="natural_earth",
                    )
                )
            part += 1
    print(
        f"  map: {len(seen)} countries intersect lon {BOX[0]:g}..{BOX[2]:g}, lat {BOX[1]:g}..{BOX[3]:g}"
    )
    if skipped:
        print(
            "  map: skipped (no ISO 3166-1 numeric mapping): " + ", ".join(sorted(skipped, key=str))
        )
    return rows, seen
