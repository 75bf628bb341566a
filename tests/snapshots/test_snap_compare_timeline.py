"""Snapshots of the Compare (5) and Timeline (6) panes (and its actions view) at a
small and a roomy size.

Regenerate with ``pytest tests/snapshots/test_snap_compare_timeline.py
--snapshot-update`` and look at the SVGs in __snapshots__ before committing.
The timeline's "present" is pinned so open-ended bars do not move each year.
"""

from __future__ import annotations

import pytest

from tests.snapshots import press_then_compare

SMALL, ROOMY = (80, 24), (120, 40)
CASES = {
    "compare_bars-80x24": (["5"], SMALL),
    "compare_bars-120x40": (["5"], ROOMY),
    "compare_scatter-80x24": (["5", "v"], SMALL),
    "compare_scatter_neighbours-120x40": (["5", "n", "v"], ROOMY),
    # eight countries: no label over another (China's over Kazakhstan's was
    # drawn as CHNAZ), and the bars' key under the chart lists all eight fills
    "compare_scatter_neighbours-80x24": (["5", "n", "v"], SMALL),
    "compare_bars_neighbours-80x24": (["5", "n"], SMALL),
    "compare_list-80x24": (["5", "n", "c"], SMALL),
    "timeline-80x24": (["6"], SMALL),
    "timeline-120x40": (["6"], ROOMY),
    "timeline_uzbekistan-80x24": (["6", "end"], SMALL),
    # c: each action over the country's UN rank line; Digital Kazakhstan selected
    "timeline_actions-80x24": (["6", "c", "down"], SMALL),
    "timeline_actions-120x40": (["6", "c", "down"], ROOMY),
    "timeline_conclusion-80x24": (["6", "c", "end"], SMALL),
}


@pytest.mark.parametrize("case", list(CASES))
def test_snapshot(snap_compare, case: str) -> None:
    press, size = CASES[case]
    assert press_then_compare(snap_compare, press, size)
