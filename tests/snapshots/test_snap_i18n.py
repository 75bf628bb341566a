"""Every pane in Russian and Uzbek at 80x24: Russian runs 20-30%
longer than English, so each view is pinned whole, with the help and the
Timeline's actions view; nothing may be cut mid-word and the tabs must fit.

Regenerate with ``pytest tests/snapshots/test_snap_i18n.py --snapshot-update``
and look at each SVG (rendered to PNG) before committing it.
"""

from __future__ import annotations

import pytest

from tests.snapshots import press_then_compare
from tui import i18n

VIEWS = {
    "goals": ["1"],
    "countries": ["2"],
    "rankings": ["3"],
    "sources": ["4"],
    "compare": ["5"],
    "timeline": ["6"],
    "infra": ["7"],
    "map": ["8"],
    "help": ["question_mark"],
    "timeline_actions": ["6", "c", "down"],
}


@pytest.mark.parametrize("lang", ["ru", "uz"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_snapshot(snap_compare, view: str, lang: str) -> None:
    i18n.set_language(lang)  # the conftest puts English back after the test
    assert press_then_compare(snap_compare, VIEWS[view], (80, 24))
