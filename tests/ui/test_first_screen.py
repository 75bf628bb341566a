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
