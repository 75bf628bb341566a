"""CPU cost of the frame differ (tui/wire.py) per frame, on the event loop.

The differ runs inside the driver's ``write``, on the event loop's thread,
before the frame is queued for the writer thread: its time is added to every
keypress. This renders real whole-screen frames of the Countries pane with
Textual's compositor (headless, at 80x24 and 200x60, two countries) and times,
best and median of N runs:

* the first frame (every cell unknown: all of it goes out),
* a whole frame with the next country (the common case: Textual repaints the
  pane, few cells change),
* the same frame again (nothing changes),

each through the differ alone and, beside it, the SGR filter on the raw frame
(what the driver did before the differ) and on the differ's output; then the
driver's whole ``write`` over a recorded session (tests/term/frames/), with
and without the differ.

    .venv/bin/python benchmarks/frame_diff_cost.py [--runs 50]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUDGET_MS = 2.0  # per whole 80x24 frame (on an idle core)


async def frames(cols: int, rows: int) -> tuple[str, str]:
    """Two whole frames as Textual writes them: the Countries pane, two countries."""
    from tui.app import make_app

    app = make_app()
    out = []
    async with app.run_test(size=(cols, rows)) as pilot:
        await pilot.press("2")
        for key in ("", "]"):
            if key:
                await pilot.press(key)
            await pilot.pause(0.3)
            update = app.screen._compositor.render_full_update()
            # App._display ends each frame with the cursor's place.
            out.append(update.render_segments(app.console) + "\x1b[1;1H")
    return out[0], out[1]


def timed(runs: int, setup, fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Best and median milliseconds of ``fn(setup())``."""
    ts = []
    for _ in range(runs):
        arg = setup()
        t0 = time.perf_counter()
        fn(arg)
        ts.append((time.perf_counter() - t0) * 1000)
    return min(ts), statistics.median(ts)


def report(cols: int, rows: int, runs: int) -> float:
    """Print the figures at one size; the median ms of a first whole frame."""
    from tui.wire import FrameDiffer, SGRFilter

    a, b = asyncio.run(frames(cols, rows))

    def fresh(*shown: str) -> FrameDiffer:
        d = FrameDiffer(lambda: (cols, rows))
        d("\x1b[?7l")  # Textual turns autowrap off at start
        for f in shown:
            d(f)
        return d

    cases = {
        "first frame": (fresh, lambda d: d(a)),
        "next country": (lambda: fresh(a), lambda d: d(b)),
        "same again": (lambda: fresh(a), lambda d: d(a)),
    }
    print(f"{cols}x{rows}: frame {len(a.encode()):,} B raw")
    first = 0.0
    for name, (setup, fn) in cases.items():
        best, med = timed(runs, setup, fn)
        first = first or med
        sent = len(fn(setup()).encode())
        print(f"  differ, {name:<13} {best:6.2f} / {med:6.2f} ms   {sent:>7,} B out")
    best, med = timed(runs, SGRFilter, lambda f: f(b))
    print(f"  SGR filter, raw frame      {best:6.2f} / {med:6.2f} ms   (the driver before)")
    diffed = fresh(a)(b)
    best, med = timed(runs, SGRFilter, lambda f: f(diffed))
    print(f"  SGR filter, differ's out   {best:6.2f} / {med:6.2f} ms")
    return first


def recorded(runs: int) -> None:
    """The driver's whole ``write`` (differ and SGR filter) over the frames of a
    recorded session (tests/term/frames/explore.json.gz), with and without the
    differ: ms per country switch (two frames) and for the whole session."""
    import gzip
    import json
    import os

    from tui.wire import lean_driver

    writes = json.loads(gzip.decompress((ROOT / "tests/term/frames/explore.json.gz").read_bytes()))

    class Base:
        def __init__(self, app: object) -> None:
            self._app = app

        def write(self, data: str) -> None:
            pass

    def play(diff: bool) -> tuple[float, float]:
        os.environ["DDX_FRAME_DIFF"] = "1" if diff else "0"
        size = [(80, 24)]

        class Driver(lean_driver(Base)):  # type: ignore[misc]
            def _terminal_size(self) -> tuple[int, int]:
                return size[0]

        driver = Driver(type("App", (), {"ascii_mode": False})())
        step, pane, country, total = "", "", [], 0.0
        for s, data in writes:
            if s is None:
                step = data
                pane = step if step.isdigit() else pane
                if step in ("[", "]") and pane == "2":  # on the Countries pane
                    country.append(0.0)
                continue
            size[0] = tuple(s)
            t0 = time.perf_counter()
            driver.write(data)
            dt = (time.perf_counter() - t0) * 1000
            total += dt
            if step in ("[", "]") and pane == "2":
                country[-1] += dt
        return statistics.median(country), total

    print("driver write time over a recorded 80x24 session (median of runs)")
    for diff in (False, True):
        got = [play(diff) for _ in range(max(3, runs // 10))]
        c = statistics.median(g[0] for g in got)
        t = statistics.median(g[1] for g in got)
        name = "with the differ" if diff else "without (SGR filter only)"
        print(f"  {name:<26} {c:6.2f} ms per country switch, {t:6.1f} ms the whole session")
    os.environ.pop("DDX_FRAME_DIFF", None)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=50)
    args = p.parse_args(argv)
    print(f"ms per whole frame, best / median of {args.runs} (budget {BUDGET_MS} ms at 80x24)")
    first = report(80, 24, args.runs)
    report(200, 60, args.runs)
    recorded(args.runs)
    ok = first <= BUDGET_MS
    print(f"first whole 80x24 frame: median {first:.2f} ms, " + ("ok" if ok else "OVER BUDGET"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
