"""Scale: a generated, WDI-shaped indicators table of 20 million rows passed
with ``--data``; time to the first frame of the Rankings and Countries panes
and the app's peak RSS, on an 80x24 pty.

The table is ISO3 codes from data/economies.csv x ~1,450 indicator codes x 64
years (1960-2023), value 0-100, source ``itu_internet_users`` (a built-in
source, so no sources.csv is needed), sorted as WDI's long format is (country,
indicator, year) and written as Parquet into a temporary directory, deleted
afterwards. One of the codes is IT.NET.USER.ZS, so the Countries pane's
"Internet users %" figure comes from the big file.

    python benchmarks/scale.py [--rows 20000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import PYTHON, ROOT, mib, run_in_pty  # noqa: E402

BUDGET_S = 3.0
BUDGET_RSS_MIB = 3 * 1024
YEARS = range(1960, 2024)
SOURCE_ID = "itu_internet_users"


def economies() -> list[str]:
    import csv

    with open(ROOT / "data" / "economies.csv", newline="", encoding="utf-8") as fh:
        return [r["iso3"] for r in csv.DictReader(fh)]


def indicator_frame(codes: int, years: range = YEARS):  # type: ignore[no-untyped-def]
    """A WDI-shaped long frame (lazy): every economy x ``codes`` indicator codes
    (the first one real, IT.NET.USER.ZS) x ``years``, with deterministic
    pseudo-random values in 0..100 (no estimate of anything real)."""
    import polars as pl

    names = ["IT.NET.USER.ZS"] + [f"BENCH.IND.{i:04d}" for i in range(1, codes)]
    return (
        pl.LazyFrame({"iso3": economies()})
        .join(pl.LazyFrame({"indicator_code": names}), how="cross")
        .join(pl.LazyFrame({"year": list(years)}, schema={"year": pl.Int64}), how="cross")
        .with_columns(
            (pl.struct("iso3", "indicator_code", "year").hash(7) % 100_000)
            .cast(pl.Float64)
            .truediv(1000)
            .alias("value"),
            pl.lit(SOURCE_ID).alias("source_id"),
        )
        .select("iso3", "indicator_code", "year", "value", "source_id")
    )


def generate(directory: Path, rows: int = 20_000_000, years: range = YEARS) -> dict[str, object]:
    """Write ``directory/indicators.parquet`` with at least ``rows`` rows."""
    import polars as pl

    iso3 = economies()
    n_codes = max(1, math.ceil(rows / (len(iso3) * len(years))))
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "indicators.parquet"
    t0 = time.perf_counter()
    indicator_frame(n_codes, years).sink_parquet(path, row_group_size=1_000_000, statistics=True)
    n = pl.scan_parquet(path).select(pl.len()).collect().item()
    return {
        "path": str(path),
        "rows": n,
        "economies": len(iso3),
        "indicators": n_codes,
        "years": len(years),
        "bytes": path.stat().st_size,
        "generate_s": time.perf_counter() - t0,
    }


def rankings_ready(text: str) -> bool:
    # The table of the five and the bars' title (the heading above them is cut at 80x24).
    return "index 0-1" in text and "Kazakhstan" in text and "palette" in text


def countries_ready(text: str) -> bool:
    return "UN E-Government Survey 20" in text and "Internet users" in text and "palette" in text


def measure(rows: int = 20_000_000, keep: Path | None = None) -> dict[str, object]:
    tmp = keep or Path(tempfile.mkdtemp(prefix="ddx-bench-scale-"))
    try:
        info = generate(tmp, rows)
        out: dict[str, object] = {"table": info}
        for pane, ready in (("rankings", rankings_ready), ("countries", countries_ready)):
            run_in_pty(
                [PYTHON, "-m", "tui", "--data", str(tmp), "--start", pane], ready, timeout=120
            )  # warm cache
            r = run_in_pty(
                [PYTHON, "-m", "tui", "--data", str(tmp), "--start", pane], ready, timeout=120
            )
            if r.seconds is None:
                raise RuntimeError(f"{pane}: no frame within 120 s:\n{r.screen}")
            rss = mib(r.peak_rss_kib)
            out[pane] = {
                "first_frame_s": r.seconds,
                "peak_rss_mib": rss,
                "budget_s": BUDGET_S,
                "budget_rss_mib": BUDGET_RSS_MIB,
                "pass": r.seconds <= BUDGET_S and rss is not None and rss <= BUDGET_RSS_MIB,
            }
        return out
    finally:
        if keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=20_000_000)
    ap.add_argument("--keep", type=Path, help="write the table here and keep it")
    ap.add_argument("--generate-only", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.generate_only:
        print(
            json.dumps(
                generate(args.keep or Path(tempfile.mkdtemp(prefix="ddx-bench-scale-")), args.rows)
            )
        )
        return 0
    r = measure(args.rows, args.keep)
    if args.json:
        print(json.dumps(r))
        return 0
    t = r["table"]
    print(f"scale table: {t['rows']:,} rows, {t['bytes'] / 2**20:.0f} MiB Parquet")  # type: ignore[index]
    for pane in ("rankings", "countries"):
        f = r[pane]
        print(
            f"{pane:10} first frame {f['first_frame_s']:.2f} s (budget <= {BUDGET_S:.0f} s), "  # type: ignore[index]
            f"peak RSS {f['peak_rss_mib']:.0f} MiB (budget <= {BUDGET_RSS_MIB} MiB) "  # type: ignore[index]
            f"{'PASS' if f['pass'] else 'FAIL'}"  # type: ignore[index]
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
