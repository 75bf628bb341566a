"""Cold start: process start to the first complete frame on an 80x24 pty,
as a ratio to a bare Textual app measured in the same run.

Runs alternate (bare, ddx, bare, ddx, ...) after one untimed warm-up of each so
both see the same warm file cache. A frame counts as complete when the pane
text drawn from the data and the footer are both on the screen (read with
pyte, as a terminal would show it).

    python benchmarks/cold_start.py [--runs 9]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import PYTHON, ROOT, median, run_in_pty  # noqa: E402

BUDGET_RATIO = 1.5
BARE = [PYTHON, str(ROOT / "benchmarks" / "bare_app.py")]
SKELETON = [PYTHON, str(ROOT / "benchmarks" / "skeleton_app.py")]
DDX = [PYTHON, "-m", "tui"]


def bare_ready(text: str) -> bool:
    return "bare textual app ready" in text


def skeleton_ready(text: str) -> bool:
    return "skeleton app ready" in text and "Quit" in text


def ddx_ready(text: str) -> bool:
    # First pane (Goals) list drawn from goals.csv, its detail text, and the footer.
    return "Knowledge management" in text and "Goal from the article" in text and "palette" in text


def measure(runs: int = 9, argv: list[str] | None = None) -> dict[str, object]:
    argv = argv or DDX
    run_in_pty(BARE, bare_ready)  # warm-up, untimed
    run_in_pty(argv, ddx_ready)
    run_in_pty(SKELETON, skeleton_ready)
    bare: list[float] = []
    ddx: list[float] = []
    skeleton: list[float] = []
    for _ in range(runs):
        for cmd, ready, out in (
            (BARE, bare_ready, bare),
            (argv, ddx_ready, ddx),
            (SKELETON, skeleton_ready, skeleton),
        ):
            r = run_in_pty(cmd, ready)
            if r.seconds is None:
                raise RuntimeError(f"no complete frame within the timeout:\n{r.screen}")
            out.append(r.seconds)
    ratio = median(ddx) / median(bare)
    return {
        "runs": runs,
        "bare_s": bare,
        "ddx_s": ddx,
        "skeleton_s": skeleton,
        "bare_median_s": median(bare),
        "ddx_median_s": median(ddx),
        "skeleton_median_s": median(skeleton),
        "skeleton_ratio": median(skeleton) / median(bare),
        "polars_import_s": polars_import_s(runs),
        "ratio": ratio,
        "budget_ratio": BUDGET_RATIO,
        "pass": ratio <= BUDGET_RATIO,
    }


def polars_import_s(runs: int) -> float:
    """Median wall time of ``import polars`` in a fresh interpreter, over and
    above the interpreter's own start (what the data core costs before any data)."""
    import subprocess
    import time

    def timed(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([PYTHON, "-c", code], check=True)
        return time.perf_counter() - start

    timed("import polars")  # warm-up
    with_polars = [timed("import polars") for _ in range(runs)]
    bare = [timed("pass") for _ in range(runs)]
    return median(with_polars) - median(bare)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    r = measure(args.runs)
    if args.json:
        print(json.dumps(r))
    else:
        print(
            f"cold start: ddx {r['ddx_median_s'] * 1000:.0f} ms, bare Textual {r['bare_median_s'] * 1000:.0f} ms, "
            f"ratio {r['ratio']:.2f}x (budget <= {BUDGET_RATIO}x) {'PASS' if r['pass'] else 'FAIL'}"
        )
        print(
            f"  yardsticks: the required widgets with no data {r['skeleton_median_s'] * 1000:.0f} ms "
            f"({r['skeleton_ratio']:.2f}x); import polars alone {r['polars_import_s'] * 1000:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
