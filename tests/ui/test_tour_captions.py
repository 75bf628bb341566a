"""Each built-in tour step's caption says what is on screen (issue 11).

The tour is played in the Pilot at 80x24, step by step with the keys a
teacher uses, and each caption is checked against the pane above it: a
country, an edition or an index the caption names is shown there; a caption
speaking of "the five" is on a screen where all five are visible; and the
phrases each step points at (a chart title, a column, a marker) are there.
"""

from __future__ import annotations

import re

import pytest

from tests.screen import screen_text, settled
from tui.app import Options, make_app
from tui.core import FOCUS
from tui.tour.steps import tour_steps

STEPS = tour_steps()
NAMES = {
    "KAZ": "Kazakhstan",
    "KGZ": "Kyrgyzstan",
    "TJK": "Tajikistan",
    "TKM": "Turkmenistan",
    "UZB": "Uzbekistan",
}
INDICATORS = ("EGDI", "OSI", "TII", "HCI", "EPI")

# What each step's caption points at, as it appears in the pane (by step title).
SHOWN: dict[str, list[str]] = {
    "Eight goals of digital diplomacy": [
        "1. Knowledge management",
        "8. Policy planning",  # all eight goals listed
        "Hanson",
        "own reading",
    ],
    "Public diplomacy": ["2. Public diplomacy", "own reading"],
    "Kazakhstan": ["Kazakhstan (KAZ)", "UN rank", "since", "EGDI", "OSI", "UN e-government rank"],
    "Uzbekistan": ["Uzbekistan (UZB)", "UN rank", "!", "UN e-government rank"],
    "Turkmenistan": ["Turkmenistan (TKM)", "UN e-government rank (1 = best)"],
    "The five in the latest edition": ["Rank", "Value", "sorted by rank", "EGDI 2024, index"],
    "The five across editions": ["World rank by EGDI, 1 = best", "survey edition"],
    "Against the whole world": ["world, 193 countries", "▶ Kazakhstan"],
    "An early edition": ["2003 UN E-Government Survey", "readiness-era index"],
    "E-participation": ["EPI (E-Participation Index)", "rank* derived by ddx", "27*"],
    "Side by side": ["indices side by side", "▶EGDI", "OSI", "TII", "HCI", "EPI"],
    "Programmes over time": ["Programmes and milestones", "Kazakhstan (KAZ)", "source"],
    "The infrastructure underneath": [
        "Individuals using the Internet (% of population)",
        "latest",
    ],
    "The region on a map": ["EGDI 2024, UN groups", "KAZ", "de facto boundaries"],
    "Where every figure comes from": ["article", "Saidova"],
}


def test_every_step_has_its_expectations() -> None:
    assert sorted(SHOWN) == sorted(s.title for s in STEPS)


def _flat(lines: list[str]) -> str:
    text = "\n".join(lines)
    for ch in "│╭╮╰╯─┃":
        text = text.replace(ch, " ")
    return " ".join(text.split())


@pytest.mark.parametrize("index", range(len(STEPS)), ids=[s.title for s in STEPS])
async def test_caption_says_what_is_on_screen(index: int) -> None:
    step = STEPS[index]
    app = make_app(options=Options(demo=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        for i in range(index):
            await pilot.press("space" if i % 2 else "right")
            await pilot.pause()
        await settled(pilot)
        assert app.demo is not None and app.demo.index == index
        lines = screen_text(app).splitlines()
        height = app.query_one("#demo-caption").size.height
        pane = _flat(lines[3 : len(lines) - 1 - height])  # below the tabs, above the caption
        caption = _flat(lines[len(lines) - 1 - height : len(lines) - 1])
        look = step.look

        # The caption is on screen whole, heading and sources line included.
        assert " ".join(look.split()) in caption
        assert step.title in caption and "Sources" in caption
        assert app.active_pane.pane_id == step.pane

        for phrase in SHOWN[step.title]:
            assert phrase in pane, f"{phrase!r} not on screen"
        # "the five", "each of the five": all five are visible.
        if re.search(r"\b(the|all|of the) five\b", look, re.I):
            missing = [c for c in FOCUS if c not in pane and NAMES[c] not in pane]
            assert not missing, f"the caption speaks of the five; not on screen: {missing}"
        # A country the caption or the step names is on screen.
        for code, name in NAMES.items():
            if name in look or step.country == code:
                assert name in pane or code in pane, f"{name} not on screen"
        # An index the caption names is the one shown.
        for short in INDICATORS:
            if re.search(rf"\b{short}\b", look):
                assert short in pane, f"{short} not on screen"
        # The edition the step shows is on screen where a pane shows one.
        if step.pane in ("rankings", "compare", "map"):
            year = app.editions[0] if step.edition == "earliest" else app.editions[-1]
            assert app.edition == year and str(year) in pane
