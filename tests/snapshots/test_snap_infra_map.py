"""Layout snapshots of the Infrastructure (7) and Map (8) panes at 80x24 and
120x40. Regenerate with ``pytest tests/snapshots/test_snap_infra_map.py
--snapshot-update`` and look at the SVGs before committing them.

Each press list starts with "_" (a short pause): on a loaded machine the
start-up focus of the Goals list can otherwise land after the pane key and
pull the Goals tab back.
"""

from __future__ import annotations

import pytest

from tui.app import make_app

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
CASES = [
    ("infra_internet", ["_", "7"], "80x24"),
    ("infra_internet", ["_", "7"], "120x40"),
    ("infra_casa", ["_", "7", *["right_square_bracket"] * 4], "80x24"),
    ("map_2024", ["_", "8"], "80x24"),
    ("map_2024", ["_", "8"], "120x40"),
]


@pytest.mark.parametrize(("view", "press", "size"), CASES, ids=[f"{v}-{s}" for v, _, s in CASES])
def test_snapshot(snap_compare, view: str, press: list[str], size: str) -> None:
    assert snap_compare(make_app(), press=press, terminal_size=SIZES[size])
