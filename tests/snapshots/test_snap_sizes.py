"""Every pane at the smallest supported size, 60x18 (the other snapshot files
hold each pane at 80x24 and 120x40, under the same view names), and the help:
opened from a pane and scrolled to its end.

Regenerate with ``pytest tests/snapshots/test_snap_sizes.py --snapshot-update``
and look at the SVGs before committing them. The timeline's "present" is
pinned so open-ended bars do not move each year.
"""

from __future__ import annotations

import pytest

from tests.snapshots import press_then_compare

SMALLEST, SMALL = (60, 18), (80, 24)
CASES = {
    "goals-60x18": (["1"], SMALLEST),
    "countries-60x18": (["2"], SMALLEST),
    "rankings-60x18": (["3"], SMALLEST),
    "sources-60x18": (["4"], SMALLEST),
    "compare_bars-60x18": (["5"], SMALLEST),
    "timeline-60x18": (["6"], SMALLEST),
    "infra_internet-60x18": (["7"], SMALLEST),
    "map_2024-60x18": (["8"], SMALLEST),
    # the two line charts that were piles of markers: braille lines, a key
    "rankings_trajectory-60x18": (["3", "c"], SMALLEST),
    "countries_components-60x18": (["2", "right_square_bracket", "c"], SMALLEST),
    "help_countries-80x24": (["2", "question_mark"], SMALL),
    "help_end-80x24": (["2", "question_mark", "end"], SMALL),
}


@pytest.mark.parametrize("case", list(CASES))
def test_snapshot(snap_compare, case: str) -> None:
    press, size = CASES[case]
    assert press_then_compare(snap_compare, press, size)
