"""The explorer in Russian and Uzbek: the tab bar at 80x24 shows
every title whole, and the palette's language switch redraws it in place."""

from __future__ import annotations

import pytest

from tests.screen import screen_text
from tui import i18n
from tui.app import make_app
from tui.panes import PANES
from tui.widgets.tabbar import TabBar


def _tab_labels(app) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    """Each tab's text as it is on the screen, and the column just after it."""
    tabs = app.query_one(TabBar)
    row = screen_text(app).splitlines()[tabs.region.y]
    return [(row[start:end], tabs.region.x + end) for _id, start, end in tabs.spans()]


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
async def test_every_tab_title_fits_80_columns(lang: str) -> None:
    i18n.set_language(lang)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        labels = _tab_labels(app)
        want = [f"{i} {spec.tab_label}" for i, spec in enumerate(PANES, start=1)]
        assert [label for label, _ in labels] == want
        assert all(right <= 80 for _, right in labels), labels
        text = screen_text(app)  # whole on screen, not cut
        assert all(label in text for label in want), text.splitlines()[:3]
    if lang == "ru":
        assert want[0] == "1 Цели" and app.sub_title == "Навигатор по цифровой дипломатии"


async def test_the_palette_switches_the_language_and_redraws_the_tabs() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _tab_labels(app)[0][0] == "1 Goals"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"язык")
        await pilot.pause(0.3)
        # the three entries (en, ru, uz) match any of the three words; pick Russian
        await pilot.press(*" Русский")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert i18n.current_language() == "ru"
        assert [label for label, _ in _tab_labels(app)][:3] == ["1 Цели", "2 Страны", "3 Рейтинг"]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"til uz")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert i18n.current_language() == "uz"
        assert _tab_labels(app)[0][0] == "1 Maqsadlar"
