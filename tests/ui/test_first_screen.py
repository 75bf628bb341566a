"""The first screen, in every language, is drawn from the rows checked at
build time (data/checked.json): nothing goes through the loader, so neither
Polars nor the full check of the tables comes before the first frame."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from tests.screen import widget_text
from tui import i18n
from tui.app import make_app


@pytest.mark.parametrize("lang", sorted(i18n.LANGUAGES))
async def test_first_screen_reads_no_table_through_the_loader(lang: str) -> None:
    i18n.set_language(lang)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down")  # the next goals, their actions and countries
        await pilot.pause()
        assert app.active_pane.pane_id == "goals"
        goals = app.query_one("#goal-list", OptionList)
        assert goals.option_count == 8 and goals.highlighted == 2
        # the goal's actions are drawn, with the countries' names in the language
        assert widget_text(app.query_one("#goal-actions", Static)).strip()
        read = sorted(app.dataset._frames)
        assert read == [], f"{lang}: read through the loader before any key asked: {read}"


async def test_the_first_frame_is_the_whole_first_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the first frame shows: the goal list focused and the key bar's
    hints, not an empty bar filled in by two more frames after it (Textual's
    Footer waits for the screen's bindings, which come after the first frame;
    over a slow link each of those frames is a whole screen)."""
    from textual.screen import Screen

    from tui.widgets.keybar import KeyBar

    app = make_app()
    first: dict[str, object] = {}
    paint = Screen._compositor_refresh

    def first_paint(screen: Screen) -> None:  # type: ignore[type-arg]
        if not first and screen is app.screen and app.query(KeyBar):
            first["hints"] = [h.key_display for h in app.query_one(KeyBar).hints()]
            first["focus"] = getattr(app.focused, "id", None)
        paint(screen)

    monkeypatch.setattr(Screen, "_compositor_refresh", first_paint)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        later = [h.key_display for h in app.query_one(KeyBar).hints()]
    assert first["focus"] == "goal-list"
    assert "q" in first["hints"] and "?" in first["hints"], first
    assert first["hints"] == later  # the bar it opened with is the bar it keeps
