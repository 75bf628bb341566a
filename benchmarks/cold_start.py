"""Cold start: process start to the first complete frame on an 80x24 pty,
as a ratio to a bare Textual app (Header, Static, Footer: issue 21) measured
in the same run, and beside VisiData given data/egov_survey.csv when it is
installed (``vd`` on PATH, in /tmp/vdvenv, or DDX_VISIDATA=/path/to/vd;
skipped with a note otherwise). Peak RSS is read at the first frame.

ddx's bytecode is compiled first (``compile_package``), as pip does when it
installs a wheel: an editable checkout under PYTHONDONTWRITEBYTECODE would
otherwise compile every module from source on every start.

Beside them, for information: the bare app started with the cycle collector
paused as ``ddx`` pauses it until its first frame (tui/__main__.py), which is
saves the bare app some 10 ms and ddx, which builds more before its first
frame, some 30-40 ms.

Runs are interleaved (bare, ddx, skeleton, VisiData, bare, ddx, ...) after one
untimed warm-up of each, so all see the same warm file cache and the same
load: on a busy machine the ratios stay fair when the times do not. A frame
counts as complete when the pane text drawn from the data and the footer are
both on the screen (read with pyte, as a terminal would show it).

    python benchmarks/cold_start.py [--runs 9]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import PYTHON, ROOT, compile_package, median, run_in_pty  # noqa: E402

BUDGET_RATIO = 1.2
BUDGET_RSS_MIB = 100.0  # peak RSS at the first frame
BARE = [PYTHON, str(ROOT / "benchmarks" / "bare_app.py")]
SKELETON = [PYTHON, str(ROOT / "benchmarks" / "skeleton_app.py")]
# The bare app with the cycle collector paused as ddx pauses it (tui/__main__.py),
# for information: what the same pause gives an app that builds little.
BARE_NO_GC = [
    PYTHON,
    "-c",
    "import gc, runpy; gc.disable(); "
    f"runpy.run_path({str(ROOT / 'benchmarks' / 'bare_app.py')!r}, run_name='__main__')",
]
DDX = [PYTHON, "-m", "tui"]


def bare_ready(text: str) -> bool:
    return "bare textual app ready" in text and "palette" in text


def skeleton_ready(text: str) -> bool:
    return "skeleton app ready" in text and "Quit" in text


def visidata() -> str | None:
    """VisiData's ``vd``, if installed (a yardstick; not a dependency of ddx)."""
    for cand in (
        os.environ.get("DDX_VISIDATA", ""),
        shutil.which("vd") or "",
        "/tmp/vdvenv/bin/vd",
    ):
        if cand and os.access(cand, os.X_OK):
            return cand
    return None


def vd_ready(text: str) -> bool:
    # The sheet's column header, its first rows and its status line are drawn.
    return "egdi" in text and "Afghanistan" in text and "egov_survey" in text


def ddx_ready(text: str) -> bool:
    # First pane (Goals) list drawn from goals.csv, its detail text, and the footer.
    return "Knowledge management" in text and "Goal from the article" in text and "palette" in text


def measure(runs: int = 9, argv: list[str] | None = None) -> dict[str, object]:
    argv = argv or DDX
    vd = visidata()
    programs: list[tuple[str, list[str], object]] = [
        ("bare", BARE, bare_ready),
        ("ddx", argv, ddx_ready),
        ("skeleton", SKELETON, skeleton_ready),
        ("bare_no_gc", BARE_NO_GC, bare_ready),
    ]
    if vd is not None:
        programs.append(("visidata", [vd, str(ROOT / "data" / "egov_survey.csv")], vd_ready))
    compile_package()  # ddx as installed: its bytecode compiled, as Textual's is
    for _name, cmd, ready in programs:  # warm-up, untimed
        run_in_pty(cmd, ready)  # type: ignore[arg-type]
    times: dict[str, list[float]] = {name: [] for name, _c, _r in programs}
    rss: dict[str, list[float]] = {name: [] for name, _c, _r in programs}
    for _ in range(runs):
        for name, cmd, ready in programs:
            r = run_in_pty(cmd, ready)  # type: ignore[arg-type]
            if r.seconds is None:
                raise RuntimeError(f"{name}: no complete frame within the timeout:\n{r.screen}")
            times[name].append(r.seconds)
            if r.peak_rss_kib is not None:
                rss[name].append(r.peak_rss_kib / 1024)
    med = {name: median(v) for name, v in times.items()}
    ratio = med["ddx"] / med["bare"]
    ddx_rss = max(rss["ddx"]) if rss["ddx"] else float("nan")
    return {
        "runs": runs,
        "bare_s": times["bare"],
        "ddx_s": times["ddx"],
        "skeleton_s": times["skeleton"],
        "visidata_s": times.get("visidata"),
        "bare_median_s": med["bare"],
        "ddx_median_s": med["ddx"],
        "skeleton_median_s": med["skeleton"],
        "visidata_median_s": med.get("visidata"),
        "visidata": vd,
        "skeleton_ratio": med["skeleton"] / med["bare"],
        "bare_no_gc_median_s": med["bare_no_gc"],
        "ratio_to_bare_no_gc": med["ddx"] / med["bare_no_gc"],
        "visidata_ratio": med["ddx"] / med["visidata"] if "visidata" in med else None,
        "rss_first_frame_mib": {name: max(v) if v else None for name, v in rss.items()},
        "polars_import_s": polars_import_s(runs),
        "ratio": ratio,
        "budget_ratio": BUDGET_RATIO,
        "budget_rss_mib": BUDGET_RSS_MIB,
        "pass": ratio <= BUDGET_RATIO,
        "rss_pass": ddx_rss <= BUDGET_RSS_MIB,
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
        rss = r["rss_first_frame_mib"]
        print(
            f"  peak RSS at the first frame: ddx {rss['ddx']:.0f} MiB "
            f"(budget <= {BUDGET_RSS_MIB:.0f} MiB) {'PASS' if r['rss_pass'] else 'FAIL'}, "
            f"bare Textual {rss['bare']:.0f} MiB"
            + (f", VisiData {rss['visidata']:.0f} MiB" if r["visidata"] else "")
        )
        if r["visidata"]:
            print(
                f"  VisiData ({r['visidata']}, data/egov_survey.csv): "
                f"{r['visidata_median_s'] * 1000:.0f} ms; ddx is {r['visidata_ratio']:.2f}x VisiData"
            )
        else:
            print("  VisiData: not installed, skipped (pip install visidata; or DDX_VISIDATA=PATH)")
        print(
            f"  yardsticks: the required widgets with no data {r['skeleton_median_s'] * 1000:.0f} ms "
            f"({r['skeleton_ratio']:.2f}x); import polars alone {r['polars_import_s'] * 1000:.0f} ms"
        )
        print(
            f"  the bare app with the collector paused as ddx pauses it: "
            f"{r['bare_no_gc_median_s'] * 1000:.0f} ms; ddx is {r['ratio_to_bare_no_gc']:.2f}x that"
        )
        print(f"  load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
