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
DDX = [PYTHON, "-m", "tui"]


def bare_ready(text: str) -> bool:
    return "bare textual app ready" in text


def ddx_ready(text: str) -> bool:
    # First pane (Goals) list drawn from goals.csv, its detail text, and the footer.
    return "Knowledge management" in text and "Goal from the article" in text and "palette" in text


def measure(runs: int = 9, argv: list[str] | None = None) -> dict[str, object]:
    argv = argv or DDX
    run_in_pty(BARE, bare_ready)  # warm-up, untimed
    run_in_pty(argv, ddx_ready)
    bare: list[float] = []
    ddx: list[float] = []
    for _ in range(runs):
        b = run_in_pty(BARE, bare_ready)
        d = run_in_pty(argv, ddx_ready)
        if b.seconds is None or d.seconds is None:
            raise RuntimeError(
                "no complete frame within the timeout:\n"
                + (d.screen if d.seconds is None else b.screen)
            )
        bare.append(b.seconds)
        ddx.append(d.seconds)
    ratio = median(ddx) / median(bare)
    return {
        "runs": runs,
        "bare_s": bare,
        "ddx_s": ddx,
        "bare_median_s": median(bare),
        "ddx_median_s": median(ddx),
        "ratio": ratio,
        "budget_ratio": BUDGET_RATIO,
        "pass": ratio <= BUDGET_RATIO,
    }


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
    return 0


if __name__ == "__main__":
    sys.exit(main())
