"""Layout snapshots of the four core panes at a small and a roomy size.

Regenerate with ``pytest tests/snapshots --snapshot-update`` and look at the
SVGs in __snapshots__ before committing them.
"""

from __future__ import annotations

import pytest

from tests.screen import settled
from tui.app import make_app

VIEWS = {
    "goals": ["1"],
    "countries": ["2"],
    "countries_components": ["2", "right_square_bracket", "c"],
    "rankings": ["3"],
    "rankings_trajectory": ["3", "c"],
    "rankings_world": ["3", "v", "v"],
    "sources": ["4"],
    "help": ["question_mark"],
    "source_key": ["2", "s"],
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_snapshot(snap_compare, view: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), press=VIEWS[view], terminal_size=size, run_before=settled)
