"""Layout snapshots of the Infrastructure (7) and Map (8) panes at 80x24 and
120x40, and of the Map under NO_COLOR (shading instead of half blocks).
Regenerate with ``pytest tests/snapshots/test_snap_infra_map.py
--snapshot-update`` and look at the SVGs before committing them.

Keys are pressed once every pane is mounted (tests.screen.settled).
"""

from __future__ import annotations

import pytest

from tests.screen import settled
from tui.app import make_app

SIZES = {"60x18": (60, 18), "80x24": (80, 24), "120x40": (120, 40)}
CASES = [
    ("infra_internet", ["7"], "80x24"),
    ("infra_internet", ["7"], "120x40"),
    ("infra_casa", ["7", *["right_square_bracket"] * 4], "80x24"),
    ("map_2024", ["8"], "80x24"),
    ("map_2024", ["8"], "120x40"),
    # TII 2024 (four classes on screen) without colour: a shading character per class
    ("map_tii_2024_no_color", ["8", "i", "i"], "80x24"),
    # the map at every size in colour and without it
    ("map_2024_no_color", ["8"], "60x18"),
    ("map_2024_no_color", ["8"], "120x40"),
]


@pytest.mark.parametrize(("view", "press", "size"), CASES, ids=[f"{v}-{s}" for v, _, s in CASES])
def test_snapshot(
    snap_compare, monkeypatch: pytest.MonkeyPatch, view: str, press: list[str], size: str
) -> None:
    if view.endswith("no_color"):
        monkeypatch.setenv("NO_COLOR", "1")  # read (and dropped) by the app when it is made
    assert snap_compare(make_app(), press=press, terminal_size=SIZES[size], run_before=settled)
