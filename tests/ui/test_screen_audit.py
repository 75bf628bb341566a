"""What the class sees is whole and true (issue 22): the built-in tour, every
step, and every pane of the explorer, at 60x18, 80x24 and 120x40, in English,
Russian and Uzbek, read back as text from the screen.

On every screen:
* every tab's number is in view, and each tab's label is whole;
* each chart and table of the five on the pane shows all five (by code or by
  the name in the language);
* at 80x24 and larger no chart says "k of n shown" with n of 5 or fewer;
* no table hides columns to the side, and a cell cut to its column ends with "…";
* in the tour, the caption is on screen whole.

One app per language and mode (tour, explorer), resized through the three
sizes, so the whole audit costs six app starts.
"""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable

from tests.screen import screen_text, settled
from tui import i18n
from tui.app import Options, make_app
from tui.core import FOCUS
from tui.widgets.tabbar import TabBar

SIZES = ((80, 24), (60, 18), (120, 40))
LANGS = ("en", "ru", "uz")
# "k of n shown" as each language writes it: (pattern, group of n).
SHOWN = {
    "en": (r"(\d+) of (\d+) shown", 2),
    "ru": (r"показано (\d+) из (\d+)", 2),
    "uz": (r"(\d+) tadan (\d+) tasi", 1),
}
# Widgets of each pane that show the five (while they are on screen).
FIVE = {
    "countries": ("#country-list",),
    "rankings": ("#rank-bars", "#rank-trajectory", "#rank-table"),
    "compare": ("#cmp-chart", "#cmp-table"),
    "infrastructure": ("#infra-chart",),
}


def _flat(text: str) -> str:
    for ch in "│╭╮╰╯─┃┏┓┗┛━":
        text = text.replace(ch, " ")
    return " ".join(text.split())


def _region_text(lines: list[str], region) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(
        line[region.x : region.right] for line in lines[region.y : region.bottom] if line
    )


def _shows(app, widget) -> bool:  # type: ignore[no-untyped-def]
    """On screen: displayed, with an area, inside the active pane."""
    pane = app.active_pane
    return bool(
        widget.display
        and widget.region.area
        and pane in widget.ancestors
        and all(a.display for a in widget.ancestors_with_self if hasattr(a, "display"))
    )


def audit(app, where: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Every disagreement on the screen now, each prefixed by ``where``."""
    problems: list[str] = []
    lines = screen_text(app).splitlines()
    width, height = app.size
    lang = i18n.current_language()

    # Tabs: every number, every label whole.
    tabs = app.query_one(TabBar)
    bar = lines[tabs.region.y] if tabs.region.area else ""
    for i in range(1, 9):
        if not re.search(rf"(^|\s){i}(\s|$)", bar):
            problems.append(f"tab {i} not in view: {bar.strip()!r}")
    for label in tabs.shown_labels():
        if label not in bar:
            problems.append(f"tab label {label!r} cut: {bar.strip()!r}")

    # The five, in each chart and table of the five on the active pane.
    pane = app.active_pane
    names = {code: i18n.country_name(app.dataset, code, code) for code in FOCUS}
    english = {"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "TJK": "Tajikistan"}
    english |= {"TKM": "Turkmenistan", "UZB": "Uzbekistan"}
    for selector in FIVE.get(pane.pane_id, ()):
        if selector == "#rank-table" and getattr(pane, "scope", "") != "central-asia":
            continue  # a world or region table lists the five among others
        for widget in app.query(selector):
            if not _shows(app, widget):
                continue
            seen = _region_text(lines, widget.region)
            missing = [
                c
                for c in FOCUS
                if c not in seen and names[c] not in seen and english[c] not in seen
            ]
            if missing:
                problems.append(f"{selector} does not show {missing}")

    # No "k of n shown" of the five at 80x24 and larger.
    if width >= 80 and height >= 24:
        pattern, group = SHOWN[lang]
        for m in re.finditer(pattern, "\n".join(lines)):
            if int(m.group(group)) <= 5:
                problems.append(f"chart leaves some of the five out: {m.group(0)!r}")

    # Tables: no hidden columns; a cell wider than its column is cut with "…".
    for table in app.query(DataTable):
        if not _shows(app, table):
            continue
        if table.max_scroll_x > 0:
            problems.append(f"#{table.id} hides columns to the side")
        for key, column in table.columns.items():
            if column.auto_width:
                continue
            for row_key in list(table.rows)[:60]:
                cell = table.get_cell(row_key, key)
                plain = cell.plain if hasattr(cell, "plain") else str(cell)
                if cell_len(plain) > column.width and not plain.endswith("…"):
                    problems.append(f"#{table.id} cell {plain!r} cut without …")

    # The tour's caption is on screen whole.
    if app.demo is not None:
        step = app.demo.step
        _title, look = step.in_language(lang)
        caption = app.demo.caption
        shown = _flat(_region_text(lines, caption.region))
        if " ".join(look.split()) not in shown:
            problems.append(f"caption not whole on screen: {shown!r}")
        if caption.region.bottom > height:
            problems.append("caption runs off the screen")
    return [f"{where}: {p}" for p in problems]


async def _fit(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await pilot.pause()


@pytest.mark.heavy
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("mode", ["tour", "explorer"])
async def test_screen_audit(lang: str, mode: str) -> None:
    i18n.set_language(lang)
    app = make_app(options=Options(demo=mode == "tour"))
    problems: list[str] = []
    async with app.run_test(size=SIZES[0]) as pilot:
        await settled(pilot)
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await _fit(pilot)
            if mode == "tour":
                assert app.demo is not None
                for index in range(len(app.demo.steps)):
                    app.demo.show(index)
                    await _fit(pilot)
                    problems += audit(app, f"{size[0]}x{size[1]} {lang} step {index + 1}")
            else:
                for key in "12345678":
                    await pilot.press(key)
                    await _fit(pilot)
                    problems += audit(app, f"{size[0]}x{size[1]} {lang} pane {key}")
    assert not problems, "\n".join(problems)


async def test_goals_focus_shows_after_tab() -> None:
    """Tab from the goal list into the goal's text: the screen shows where the
    focus went by shape (a heavier bar or border), not by nothing."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        main = app.query_one("#goal-main")
        before = [
            line[main.region.x]
            for line in screen_text(app).splitlines()[main.region.y : main.region.bottom]
        ]
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is main
        after = [
            line[main.region.x]
            for line in screen_text(app).splitlines()[main.region.y : main.region.bottom]
        ]
        assert before != after, f"focus in the goal's text does not show: {after}"
        # and the key bar offers no i there (it changes nothing on Goals)
        assert "Indicator" not in screen_text(app).splitlines()[-1]


async def test_rankings_titles_follow_the_scope() -> None:
    """``v`` through the scopes: the heading names the scope on one line, and
    the bars (always the five) say so in their title, redrawn each time."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("3")
        for scope in ("the five", "UN region", "world", "the five"):
            await _fit(pilot)
            lines = screen_text(app).splitlines()
            head = app.query_one("#rank-head")
            first = lines[head.region.y]
            assert scope in first, first
            bars = _region_text(lines, app.query_one("#rank-bars").region)
            assert "EGDI 2024, index 0-1 (the five)" in bars, bars
            await pilot.press("v")
