"""The palette's language switch redraws every pane in place: the
pane on screen shows its own text in the new language at once, with its
selection kept, and switching back gives the English text again."""

from __future__ import annotations

from tests.screen import flat, settled
from tui import i18n
from tui.app import make_app
from tui.panes import PANE_IDS

# A phrase of each pane's own text (not the tabs or the key bar), per language.
WORDS = {
    "goals": ("Goal from the article's Table 1", "Цель из таблицы 1", "1-jadvalidagi maqsad"),
    "countries": ("The article rates", "Оценки статьи", "Maqola bahosi"),
    "rankings": ("sorted by rank", "порядок: по месту", "tartib: oʻrin boʻyicha"),
    "sources": ("Licence:", "Лицензия:", "Litsenziya:"),
    "compare": ("indices side by side", "индексы рядом", "indekslar yonma-yon"),
    "timeline": ("Programmes and milestones", "Программы и вехи", "Dasturlar va muhim voqealar"),
    "infrastructure": ("Gaps in the source", "Пробелы в источнике", "Manbadagi boʻshliqlar"),
    "map": ("Central Asia and neighbours", "Центральная Азия и", "Markaziy Osiyo va"),
}


async def test_every_pane_redraws_in_the_new_language_in_place() -> None:
    assert set(WORDS) == set(PANE_IDS)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        for number, pane_id in enumerate(PANE_IDS, start=1):
            await pilot.press(str(number))
            await pilot.pause()
            state = app.active_pane.describe_state()
            en, ru, uz = WORDS[pane_id]
            assert en in flat(app), (pane_id, flat(app))
            for lang, word, gone in (("ru", ru, en), ("uz", uz, ru), ("en", en, uz)):
                app.action_set_language(lang)  # what the palette's entry runs
                await pilot.pause()
                text = flat(app)
                assert word in text and gone not in text, (pane_id, lang, text)
                assert app.active_pane.describe_state() == state, pane_id
            assert i18n.current_language() == "en"


async def test_the_key_bar_and_a_panes_own_keys_follow_the_language() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("3")
        await pilot.pause()
        assert "Scope" in flat(app) and "Help" in flat(app)
        app.action_set_language("ru")
        await pilot.pause()
        text = flat(app)
        assert "Охват" in text and "Справка" in text and "Help" not in text
        await pilot.press("question_mark")
        await pilot.pause()
        text = flat(app)
        assert "Эта вкладка: 3 Рейтинги" in text
        assert "Клавиши" in text and "Keys" not in text


async def test_the_class_tour_speaks_uzbek_and_follows_a_switch() -> None:
    """``ddx demo --lang uz``: the built-in tour's captions in Uzbek (title_uz,
    caption_uz in tui/tour/builtin/class.toml), Russian after a switch."""
    from tui.app import Options

    i18n.set_language("uz")
    app = make_app(options=Options(demo=True, present_year=2026))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        text = flat(app)
        assert "Ekskursiya 1/15" in text and "Raqamli diplomatiyaning sakkiz maqsadi" in text, text
        assert "Eight goals" not in text
        app.action_set_language("ru")
        await pilot.pause()
        text = flat(app)
        assert "Экскурсия 1/15" in text and "Восемь целей цифровой дипломатии" in text
        assert "Источники:" in text  # the sources line stays in view
