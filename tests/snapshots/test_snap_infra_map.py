"""Layout snapshots of the Infrastructure (7) and Map (8) panes at 80x24 and
120x40. Regenerate with ``pytest tests/snapshots/test_snap_infra_map.py
--snapshot-update`` and look at the SVGs before committing them."""

from __future__ import annotations

import pytest

from tui.app import make_app

VIEWS = {
    "infra_internet": ["7"],
    "infra_casa": ["7", *["right_square_bracket"] * 4],
    "map_2024": ["8"],
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_snapshot(snap_compare, view: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), press=VIEWS[view], terminal_size=size)
