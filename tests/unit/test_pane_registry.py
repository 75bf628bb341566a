"""The tab bar is drawn from tui.panes.PANES before any pane module is
imported; the specs must agree with the pane classes they name."""

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
    # The key bar is the app's own footer, drawn in the first frame.
    assert out == "['tui.widgets.keybar']"


def test_first_screen_is_drawn_before_polars_and_the_other_panes() -> None:
    """The Goals pane opens the explorer, drawn from the built-in rows checked
    at build time (data/checked.json, tui/core/checked.py): Polars (about 0.2 s
    to import) and the other panes (plotext, charts) come just after the first
    frame, and are loaded by the time the other panes are built."""
    code = """
import asyncio, sys
from tui.app import make_app

async def main():
    app = make_app()
    seen = {}
    build_the_rest = app._mount_hidden_panes

    async def after_first_frame():
        # what had been imported by the time the other panes start to build
        seen["polars"] = "polars" in sys.modules
        seen["goals"] = "Knowledge management" in str(
            app.screen.query_one("#goal-summary").render()
        )
        await build_the_rest()

    app._mount_hidden_panes = after_first_frame
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
