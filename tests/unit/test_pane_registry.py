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
    """What the first frame does not need stays off the start-up path."""
    code = (
        "import sys, tui.app\n"
        "print(sorted(m for m in sys.modules if m.startswith("
        "('plotext', 'textual_plotext', 'tui.panes.', 'tui.widgets.'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"
