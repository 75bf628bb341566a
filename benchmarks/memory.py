"""Memory: peak RSS of the app on the built-in data after visiting every pane
(and its help and sources screens), in a fresh child process at 80x24.

    python benchmarks/memory.py
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import run_python  # noqa: E402

BUDGET_MIB = 100.0

CHILD = r"""
import asyncio, json, resource
from tui.app import make_app
from tui.panes import PANES

async def main():
    app = make_app()
    visited = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for i in range(1, len(PANES) + 1):
            await pilot.press(str(i))
            await pilot.pause()
            visited.append(app.active_pane.pane_id)
            await pilot.press("s")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    return visited

visited = asyncio.run(main())
# Where the resident memory is now: the Polars library's code pages, the heap
# and anonymous mappings (Python objects, Polars buffers), everything else.
parts = {"polars_so": 0, "anon_heap": 0, "other": 0}
where = "other"
with open("/proc/self/smaps") as smaps:
    for line in smaps:
        fields = line.split()
        if fields and "-" in fields[0] and not fields[0].endswith(":"):
            path = fields[5] if len(fields) > 5 else ""
            where = ("polars_so" if "polars" in path and ".so" in path
                     else "anon_heap" if path in ("", "[heap]") else "other")
        elif fields and fields[0] == "Rss:":
            parts[where] += int(fields[1])
print(json.dumps({"visited": visited, "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "rss_now_kib": parts}))
"""


def measure() -> dict[str, object]:
    out = json.loads(run_python(["-c", CHILD]).strip().splitlines()[-1])
    peak = out["peak_rss_kib"] / 1024
    return {
        "visited": out["visited"],
        "peak_rss_mib": peak,
        "rss_now_mib": {k: v / 1024 for k, v in out["rss_now_kib"].items()},
        "budget_mib": BUDGET_MIB,
        "pass": peak <= BUDGET_MIB,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    r = measure()
    if args.json:
        print(json.dumps(r))
    else:
        print(
            f"peak RSS after {len(r['visited'])} panes: {r['peak_rss_mib']:.1f} MiB "  # type: ignore[arg-type]
            f"(budget <= {BUDGET_MIB:.0f} MiB) {'PASS' if r['pass'] else 'FAIL'}"
        )
        parts = r["rss_now_mib"]
        print(
            f"  resident at the end: Polars library code {parts['polars_so']:.1f} MiB, "  # type: ignore[index]
            f"heap and anonymous {parts['anon_heap']:.1f} MiB, other {parts['other']:.1f} MiB"  # type: ignore[index]
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
