"""Map rasterising: how long the Map pane takes to turn the country shapes
into cells, one shading character per cell and in half blocks (two pixels a
cell), at 80x24 and 200x60. Prints figures; asserts nothing.

    python benchmarks/map_raster.py [--runs 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.core import geo_raster, geo_shapes  # noqa: E402
from tui.core.dataset import Dataset  # noqa: E402
from tui.paths import data_dir  # noqa: E402


def best_of(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    g = geo_raster.MapGeometry(geo_shapes.load_rings(Dataset(data_dir())))
    print(f"{'size':>8} {'per cell':>9} {'best ms':>8}")
    for w, h in ((80, 24), (200, 60)):
        for per_cell in (1, 2):
            t = best_of(args.runs, lambda w=w, h=h, p=per_cell: g._rasterise(w, h, per_cell=p))
            print(f"{w:>4}x{h:<3} {per_cell:>9} {t * 1000:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
