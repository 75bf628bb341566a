"""The pane registry (tui.panes.PANES) is the one place a pane is declared:
the tab bar is drawn from it before any pane module is imported, and the
number keys, the pane classes' titles and the tour file's vocabulary are
read from it."""

from __future__ import annotations

import subprocess
import sys

from tui.panes import PANE_IDS, PANES


def test_specs_match_the_pane_classes() -> None:
    assert len(set(PANE_IDS)) == len(PANES) == 8
    for spec in PANES:
        cls = spec.load()
        assert cls.pane_id == spec.pane_id
        assert cls.title == spec.title
        assert (cls.tab_title or cls.title) == spec.tab_title


def test_a_pane_added_to_the_registry_gets_a_key_and_a_place_in_tours() -> None:
    """Adding a pane is one entry in the registry: the app gives it the next
    number key, the tour checker accepts steps on it, the help counts it."""
    code = """
import tui.panes as p
extra = p.PaneSpec("extra", "Extra", "Extra", "goals", "GoalsPane", tour_keys=("row",))
p.PANES = (*p.PANES, extra)
p.PANE_IDS = (*p.PANE_IDS, "extra")
from tui.app import DDXApp
from tui.screens.help import GENERAL
from tui.tour import model
keys = [b for b in DDXApp.BINDINGS if (b.id or "").startswith("pane")]
print(keys[-1].key, keys[-1].action, keys[-1].description)
print(model.PANES[-1], model.PANE_KEYS["extra"], GENERAL[0][0])
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["9 show_pane(8) Extra", "extra ('row',) 1 … 9"]


def test_the_tour_vocabulary_needs_no_textual() -> None:
    """``ddx tour check`` reads the registry's plain data, not the UI."""
    code = (
        "import sys, tui.tour.model\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"


def test_starting_the_app_module_imports_no_pane_or_chart_library() -> None:
    """What the first frame does not need stays off the start-up path (`ddx`
    goes through the command line's modules first)."""
    code = (
        "import sys, tui.cli, tui.app\n"
        "print(sorted(m for m in sys.modules if m.startswith("
        "('plotext', 'textual_plotext', 'tui.panes.', 'tui.widgets.', 'polars'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    # The title, tab and key bars are the app's own, drawn in the first frame.
    bars = ["keybar", "tabbar", "titlebar"]
    assert out == str([f"tui.widgets.{name}" for name in bars])


def test_first_screen_is_drawn_before_polars_and_the_other_panes() -> None:
    """The Goals pane opens the explorer, drawn from the built-in rows checked
    at build time (data/checked.json, tui/core/checked.py): Polars (about 0.2 s
    to import) and the other panes (plotext, charts) come just after the first
    frame (imported on a worker thread), and are loaded by the time the other
    panes are built."""
    code = """
import asyncio, sys
from tui.app import make_app

async def main():
    app = make_app()
    seen = {}
    warm_up = app._start_warm_up

    def after_first_frame():
        # what had been imported by the time the first frame was drawn and the
        # imports for the other panes start (on a worker thread)
        seen["polars"] = "polars" in sys.modules
        seen["goals"] = "Knowledge management" in str(
            app.screen.query_one("#goal-summary").render()
        )
        warm_up()

    app._start_warm_up = after_first_frame
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            await pilot.pause(0.1)
            built = app._pane_objs.values()  # (app.panes would build them all)
            if len(built) == 8 and all(p.is_mounted for p in built):
                break
        print(seen.get("polars"), seen.get("goals"), "polars" in sys.modules)

asyncio.run(main())
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    assert out == ["False", "True", "True"]
