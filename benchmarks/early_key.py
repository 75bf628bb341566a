"""A key pressed early: how long `3` (Rankings) takes to show when it is pressed
at a given time after the explorer's first complete frame, on an 80x24 pty.

The first frame comes before Polars and the other panes (issue 21); they are
imported on a worker thread just after it and built in the background a
moment later. A key pressed in that time waits for what its pane needs; this
prints how long, beside the same key pressed once everything is built.

    python benchmarks/early_key.py [--runs 3] [--delays 0 0.1 0.2 0.4 1.5]
"""

from __future__ import annotations

import argparse
import os
import select
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyte

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import PYTHON, _stop, compile_package, median, spawn_in_pty  # noqa: E402

FIRST = ("Knowledge management", "palette")  # the first complete frame (cold_start.py)
SHOWN = "index 0-1"  # the Rankings pane's chart title


def one(delay: float, timeout: float = 30.0) -> float | None:
    """Milliseconds from pressing `3` ``delay`` s after the first frame to the
    Rankings pane on screen; None if it never showed."""
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    proc, master = spawn_in_pty([PYTHON, "-m", "tui"])

    def text() -> str:
        return "\n".join(screen.display)

    def pump(until: float, done: Callable[[], bool] | None = None) -> bool:
        """Read what the app draws until ``done()`` holds (True) or ``until``."""
        while True:
            left = until - time.perf_counter()
            if left <= 0:
                return done is not None and done()
            r, _, _ = select.select([master], [], [], min(left, 0.005))
            if r:
                chunk = os.read(master, 65536)
                if not chunk:
                    return False
                stream.feed(chunk)
                if done is not None and done():
                    return True

    try:
        if not pump(time.perf_counter() + timeout, lambda: all(s in text() for s in FIRST)):
            return None
        pump(time.perf_counter() + delay)  # keep drawing, as a terminal would
        pressed = time.perf_counter()
        os.write(master, b"3")
        if not pump(pressed + timeout, lambda: SHOWN in text()):
            return None
        return (time.perf_counter() - pressed) * 1000
    finally:
        _stop(proc)
        os.close(master)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--delays", type=float, nargs="+", default=[0.0, 0.1, 0.2, 0.4, 1.5])
    args = parser.parse_args()
    compile_package()
    times: dict[float, list[float]] = {d: [] for d in args.delays}
    for _ in range(args.runs):  # interleaved, so load hits every delay alike
        for delay in args.delays:
            ms = one(delay)
            if ms is not None:
                times[delay].append(ms)
    for delay, ms in times.items():
        shown = ", ".join(f"{m:.0f}" for m in ms) or "never shown"
        mid = f"median {median(ms):.0f} ms" if ms else ""
        print(f"`3` pressed {delay:.1f} s after the first frame: {mid} ({shown})")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
