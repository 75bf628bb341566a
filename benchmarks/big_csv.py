"""Inputs at scale: a big WDI-shaped ``indicators.csv`` passed with ``--data``.

Writes ``indicators.csv`` of about ``--mib`` MiB (ISO3 codes from
data/economies.csv x indicator codes x years 1960-2023, value 0-100, source
``itu_internet_users``, unquoted, as WDI's long format) into a temporary
directory, then runs ``ddx country KAZ --data DIR`` in a subprocess (which
checks every table in full before printing) and reports its wall time and
peak RSS (``getrusage(RUSAGE_CHILDREN).ru_maxrss``) against the file size.

    python benchmarks/big_csv.py [--mib 180] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import PYTHON, ROOT  # noqa: E402
from scale import SOURCE_ID, YEARS, economies, indicator_frame  # noqa: E402

BUDGET_RATIO = 3.0  # peak RSS / file size


def generate(directory: Path, mib: float) -> dict[str, object]:
    """Write ``directory/indicators.csv`` of at least ``mib`` MiB."""
    row_bytes = len(f"KAZ,BENCH.IND.0000,2000,12.345,{SOURCE_ID}\n")
    rows = int(mib * 2**20 / row_bytes) + 1
    n_codes = max(1, -(-rows // (len(economies()) * len(YEARS))))
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "indicators.csv"
    t0 = time.perf_counter()
    indicator_frame(n_codes).sink_csv(path)
    return {
        "path": str(path),
        "bytes": path.stat().st_size,
        "indicators": n_codes,
        "generate_s": time.perf_counter() - t0,
    }


def run(directory: Path) -> dict[str, object]:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [PYTHON, "-m", "tui", "--data", str(directory), "country", "KAZ"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - t0
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    return {
        "returncode": proc.returncode,
        "stderr": proc.stderr.strip()[-300:],
        "seconds": seconds,
        "peak_rss_bytes": peak_kib * 1024,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mib", type=float, default=180)
    ap.add_argument("--keep", type=Path, help="write the table here and keep it")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix="ddx-big-csv-"))
    try:
        made = generate(directory, args.mib)
        r = {**made, **run(directory)}
    finally:
        if args.keep is None:
            shutil.rmtree(directory, ignore_errors=True)
    size = int(r["bytes"])  # type: ignore[call-overload]
    peak = int(r["peak_rss_bytes"])  # type: ignore[call-overload]
    r["ratio"] = peak / size
    r["pass"] = r["returncode"] == 0 and r["ratio"] <= BUDGET_RATIO
    if args.json:
        print(json.dumps(r))
    else:
        print(
            f"big csv: {size / 2**20:.0f} MiB indicators.csv; ddx country KAZ exit {r['returncode']} "
            f"in {r['seconds']:.1f} s, peak RSS {peak / 2**20:.0f} MiB = {r['ratio']:.1f}x the file "
            f"(budget <= {BUDGET_RATIO}x) {'PASS' if r['pass'] else 'FAIL'}"
        )
        if r["returncode"]:
            print(f"  stderr: {r['stderr']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
