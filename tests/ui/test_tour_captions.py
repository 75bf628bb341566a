"""Each built-in tour step's caption says what is on screen.

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
from tests.ui.test_screen_audit import FIVE, _region_text, _shows
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
    "An early edition": ["2003 · EGDI", "readiness-era index"],
    "E-participation": ["EPI · the five", "rank* derived by ddx", "27*"],
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


def _check_step(app, index: int) -> list[str]:  # type: ignore[no-untyped-def]
    """What on the screen of step ``index`` disagrees with its caption."""
    step = STEPS[index]
    problems: list[str] = []
    if app.demo is None or app.demo.index != index:
        return [f"the tour is not at this step (at {getattr(app.demo, 'index', None)})"]
    lines = screen_text(app).splitlines()
    region = app.query_one("#demo-caption").region
    top = app.query_one("TabBar").region.bottom  # below the tabs and their underline
    pane = _flat(lines[top : region.y])  # below the tabs, above the caption
    caption = _flat(lines[region.y : region.bottom])
    look = step.look

    # The caption is on screen whole, heading and sources line included.
    if " ".join(look.split()) not in caption:
        problems.append(f"caption not shown whole: {caption!r}")
    if step.title not in caption or "Sources" not in caption:
        problems.append(f"title or Sources line missing: {caption!r}")
    if app.active_pane.pane_id != step.pane:
        problems.append(f"pane {app.active_pane.pane_id!r}, the step says {step.pane!r}")

    problems += [f"{phrase!r} not on screen" for phrase in SHOWN[step.title] if phrase not in pane]
    # "the five", "each of the five": all five are visible.
    if re.search(r"\b(the|all|of the) five\b", look, re.I):
        missing = [c for c in FOCUS if c not in pane and NAMES[c] not in pane]
        if missing:
            problems.append(f"the caption speaks of the five; not on screen: {missing}")
    # A country the caption or the step names is on screen.
    for code, name in NAMES.items():
        if (name in look or step.country == code) and name not in pane and code not in pane:
            problems.append(f"{name} not on screen")
    # An index the caption names is the one shown.
    for short in INDICATORS:
        if re.search(rf"\b{short}\b", look) and short not in pane:
            problems.append(f"{short} not on screen")
    # The edition the step shows is on screen where a pane shows one.
    if step.pane in ("rankings", "compare", "map"):
        year = app.editions[0] if step.edition == "earliest" else app.editions[-1]
        if app.edition != year or str(year) not in pane:
            problems.append(f"edition {app.edition} shown, the step shows {year}")
    return [f"step {index + 1} ({step.title}): {p}" for p in problems]


async def test_each_caption_says_what_is_on_screen() -> None:
    """The tour from first step to last, with the keys a teacher uses (Right
    and Space in turn), each step checked on arrival; every disagreement of
    every step is listed, not only the first."""
    app = make_app(options=Options(demo=True))
    problems: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        for index in range(len(STEPS)):
            if index:
                await pilot.press("space" if (index - 1) % 2 else "right")
                await pilot.pause()
                await settled(pilot)
            problems += _check_step(app, index)
    assert not problems, "\n".join(problems)


# -- each number and country a caption states is on its screen, in every language --
STEMS = 5  # a country's name by its first letters: Russian and Uzbek inflect it
FIVE_WORDS = {
    "en": ("five", "central asia"),
    "ru": ("пят", "центральная азия"),
    "uz": ("besh", "markaziy osiyo"),
}


def _claims(look: str, names: dict[str, str]) -> tuple[list[str], list[str]]:
    """The numbers and the countries (ISO3) a caption states."""
    numbers = re.findall(r"\d+(?:[.,]\d+)?", look)
    low = look.lower()
    countries = [code for code, name in names.items() if name[:STEMS].lower() in low]
    return numbers, countries


async def _caption_claims_on_screen(lang: str) -> list[str]:
    from tui import i18n

    i18n.set_language(lang)
    app = make_app(options=Options(demo=True))
    problems: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert app.demo is not None
        for index in range(len(app.demo.steps)):
            app.demo.show(index)
            await pilot.pause()
            await pilot.pause()
            names = {c: i18n.country_name(app.dataset, c, NAMES[c]) for c in FOCUS}
            _title, look = app.demo.step.in_language(lang)
            lines = screen_text(app).splitlines()
            top = app.demo.caption.region.y
            pane = _flat(lines[:top]).lower()
            numbers, countries = _claims(look, names)
            for number in numbers:
                if not re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d])", pane):
                    problems.append(f"{lang} step {index + 1}: {number} not on screen")
            for code in countries:
                if names[code][:STEMS].lower() not in pane and code.lower() not in pane:
                    problems.append(f"{lang} step {index + 1}: {names[code]} not on screen")
            # "the five", "Central Asia": each chart and table of the five shows all five.
            if any(word in look.lower() for word in FIVE_WORDS[lang]):
                pane_now = app.active_pane
                for selector in FIVE.get(pane_now.pane_id, ()):
                    if (
                        selector == "#rank-table"
                        and getattr(pane_now, "scope", "") != "central-asia"
                    ):
                        continue  # a world table lists the five among the others
                    for widget in app.query(selector):
                        if not _shows(app, widget):
                            continue
                        seen = _region_text(lines, widget.region).lower()
                        missing = [
                            c
                            for c in FOCUS
                            if c.lower() not in seen and names[c][:STEMS].lower() not in seen
                        ]
                        if missing:
                            problems.append(
                                f"{lang} step {index + 1}: the caption speaks of the five; "
                                f"{selector} leaves out {missing}"
                            )
    return problems


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
async def test_caption_numbers_and_countries_on_screen(lang: str) -> None:
    """Every number (a goal, a year, a rank) and every country a built-in caption
    names is on the screen above it, at 80x24, in the caption's language."""
    problems = await _caption_claims_on_screen(lang)
    assert not problems, "\n".join(problems)
