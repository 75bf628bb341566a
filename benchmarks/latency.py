"""Interaction latency: keypress to its frame, driven by Textual's Pilot at 80x24.

Each timed press posts the key event (as ``pilot.press`` does); the clock
stops once the key has been handled and the frame showing it is drawn: the
event loop is run until no task is ready (every message pump has handled its
queue), workers are waited for, and the repaint the screen's update timer
would do (at most 1/60 s later) is forced, again while a repaint queued more
work. Each key is checked to have done its work when the clock stops (the
tab shown, the country changed). Between presses ``pilot.pause()`` lets the
app go idle (untimed): ``pilot.press`` itself sleeps at least 2 x 20 ms in
``wait_for_idle``, a sampling floor that is not the app's work, so it is not
used for timing.

    python benchmarks/latency.py [--presses 50]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import median, percentile  # noqa: E402

BUDGET_P95_MS = 16.0  # one frame at 60 Hz (issue 21)


def _screen_dirty(screen) -> bool:  # type: ignore[no-untyped-def]
    return bool(
        screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or screen._recompose_required
        or screen._dirty_widgets
        or screen._callbacks
    )


async def _quiet(loop: asyncio.AbstractEventLoop) -> None:
    """Return when every task is blocked: nothing is ready to run, so every
    message pump has handled what was queued (a queued message wakes its pump,
    which is then ready). Cheap: it never posts a message itself."""
    while True:
        await asyncio.sleep(0)
        if not loop._ready:  # type: ignore[attr-defined]
            return


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Until the key is handled and its frame is drawn: run the app until no
    task is ready, wait for workers, then do the repaint the screen's update
    timer would do (at most 1/60 s later), and again while that repaint queued
    more work (callbacks after a refresh, a recompose)."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    for _ in range(1000):
        await _quiet(loop)
        if any(not w.is_finished for w in app.workers):
            await app.workers.wait_for_complete()
            continue
        screen = app.screen
        if not _screen_dirty(screen):
            return
        screen._on_timer_update()
    raise RuntimeError("the app did not settle after 1000 rounds")


async def timed_press(pilot, key: str) -> float:  # type: ignore[no-untyped-def]
    from textual import events
    from textual.app import _character_to_key
    from textual.keys import _get_unicode_name_from_key

    app = pilot.app
    k = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(k))
    except KeyError:
        char = k if len(k) == 1 else None
    event = events.Key(k, char)
    event.set_sender(app)
    t0 = time.perf_counter()
    app._driver.send_message(event)
    await _settle(pilot)
    dt = time.perf_counter() - t0
    await pilot.pause()
    return dt * 1000


def _pane_keys() -> list[str]:
    from tui.panes import PANES

    return [str(i) for i in range(1, len(PANES) + 1)]


async def run(presses: int = 50, quick: bool = False) -> dict[str, dict[str, float]]:
    """Every figure; ``quick``: the tab switch and the next country only."""
    from tui.app import make_app
    from tui.core import FOCUS

    app = make_app()
    results: dict[str, list[float]] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # Steady state: the other panes are built and rehearsed off-screen in
        # the background after the first frame (~1 s); a key pressed before
        # then builds its pane, which is start-up work, not a keypress's. The
        # first visit to each pane and country is still timed: it is the
        # first press of each below.
        for _ in range(600):
            if app.background_done:
                break
            await pilot.pause(0.05)
        keys = _pane_keys()

        # Tab switch: cycle through every pane (1, 2, ..., N, 1, ...).
        # Each timed key is checked to have done its work when the clock stops.
        ts = []
        for i in range(presses):
            n = (i + 1) % len(keys)
            ts.append(await timed_press(pilot, keys[n]))
            assert app.active_pane is app.panes[n], (n, app.active_pane.pane_id)
        results["tab switch"] = ts
        # The first visit of each pane after start (the Goals pane was on show).
        results[FIRST_PANES] = ts[: len(keys) - 1]

        await pilot.press("2")
        await pilot.pause()
        ts = []
        for _ in range(presses):
            before = app.country
            ts.append(await timed_press(pilot, "]"))
            assert app.country != before, before
        results["next country"] = ts
        results[FIRST_COUNTRIES] = ts[: len(FOCUS) - 1]  # the country on show was drawn
        if quick:
            results[BARE_TAB_SWITCH] = await bare_tab_switch(presses)
            return _figures(results)

        await pilot.press("3")
        await pilot.pause()
        ts, direction = [], "["
        for _ in range(presses):
            eds = app.editions
            if direction == "[" and app.edition == eds[0]:
                direction = "]"
            elif direction == "]" and app.edition == eds[-1]:
                direction = "["
            ts.append(await timed_press(pilot, direction))
        results["next edition"] = ts

        results["indicator change"] = [await timed_press(pilot, "i") for _ in range(presses)]

        ts = []
        for _ in range(presses):
            ts.append(await timed_press(pilot, "question_mark"))
            assert type(app.screen).__name__ == "HelpScreen", type(app.screen).__name__
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ != "HelpScreen"
        results["open help"] = ts
    results[BARE_TAB_SWITCH] = await bare_tab_switch(presses)
    return _figures(results)


BARE_TAB_SWITCH = "tab switch, bare Textual app"
# Subsets of the presses above, for information: the first time each pane or
# country is shown after start, drawn before in the background (ARCHITECTURE.md,
# rehearsals) or, without that, for the first time then.
FIRST_PANES = "  of which first visits"
FIRST_COUNTRIES = "  of which first countries"
INFORMATION = (FIRST_PANES, FIRST_COUNTRIES)


async def bare_tab_switch(presses: int) -> list[float]:
    """The yardstick: the same tab switch in a bare Textual app (Header, eight
    tabs each holding a five-line OptionList and a paragraph, Footer), timed
    the same way: what the framework itself costs for a key that changes the
    whole pane."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Footer, Header, OptionList, Static, TabbedContent, TabPane

    class Bare(App[None]):
        BINDINGS = [Binding(str(n), f"show({n})", f"Pane {n}") for n in range(1, 9)]

        def compose(self) -> ComposeResult:
            yield Header()
            with TabbedContent():
                for n in range(1, 9):
                    with TabPane(f"{n} Pane", id=f"t{n}"):
                        yield OptionList(*[f"option {i}" for i in range(5)])
                        yield Static(f"Paragraph {n}: " + "words to wrap " * 30)
            yield Footer()

        def action_show(self, n: int) -> None:
            self.query_one(TabbedContent).active = f"t{n}"

    # As a bare app runs: with Python's collector settings, not those ddx
    # sets once it is up (tui/app.py, YOUNG_OBJECTS_PER_COLLECTION), which
    # last in this process.
    import gc

    kept = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        return await _bare_presses(Bare(), presses)
    finally:
        gc.set_threshold(*kept)


async def _bare_presses(app, presses: int) -> list[float]:  # type: ignore[no-untyped-def]
    from textual.widgets import TabbedContent

    ts = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for i in range(presses):
            n = (i + 1) % 8 + 1
            ts.append(await timed_press(pilot, str(n)))
            assert app.query_one(TabbedContent).active == f"t{n}"
    return ts


def _figures(results: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    return {
        name: {
            "n": len(v),
            "median_ms": median(v),
            "p95_ms": percentile(v, 95),
            "max_ms": max(v),
            "budget_p95_ms": BUDGET_P95_MS,
            "pass": percentile(v, 95) <= BUDGET_P95_MS,
            "yardstick": name == BARE_TAB_SWITCH,
            "information": name in INFORMATION,
        }
        for name, v in results.items()
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--presses", type=int, default=50)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--quick", action="store_true", help="the tab switch and next country only")
    args = ap.parse_args()
    os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp(prefix="ddx-bench-xdg-"))
    r = asyncio.run(run(args.presses, args.quick))
    if args.json:
        print(json.dumps(r))
    else:
        for name, f in r.items():
            if f["yardstick"]:
                verdict = "(information: the framework's own cost)"
            elif f["information"]:
                verdict = f"(information: max {f['max_ms']:.1f} ms, n={f['n']})"
            else:
                verdict = (
                    f"(budget p95 <= {BUDGET_P95_MS:.0f} ms) {'PASS' if f['pass'] else 'FAIL'}"
                )
            print(
                f"{name:28} median {f['median_ms']:6.1f} ms  p95 {f['p95_ms']:6.1f} ms  {verdict}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
