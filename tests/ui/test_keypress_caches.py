"""What keeps a keypress within a frame never shows a stale screen: the
Countries pane keeps each country's profile and chart once drawn (per
language, laid out per width), the key bar changes its hints in place, and a
pane not on show catches up with the shared selection when it is shown."""

from __future__ import annotations

from rich.console import Console

from tests.screen import flat, screen_text, settled
from tui.app import make_app
from tui.widgets.keybar import KeyBar
from tui.widgets.map import ChoroplethMap
from tui.widgets.text import PairGrid, Rendered, bullets, hanging


async def test_a_kept_profile_and_chart_follow_the_language() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("2")
        await pilot.pause()
        english = screen_text(app)
        assert "The article rates" in english and "UN e-government rank" in english
        # Every country drawn once in English: each is kept.
        await pilot.press(*["right_square_bracket"] * 5)
        await pilot.pause()
        assert app.country == "KAZ"
        assert screen_text(app) == english
        app.action_set_language("ru")  # what the palette's entry runs
        await pilot.pause()
        russian = flat(app)
        assert "Оценки статьи" in russian and "The article rates" not in russian
        assert "UN e-government rank" not in russian
        # Another country and back: the Russian texts, never the kept English ones.
        await pilot.press("right_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert flat(app) == russian
        app.action_set_language("en")
        await pilot.pause()
        assert screen_text(app) == english


async def test_a_kept_profile_is_laid_out_again_at_a_new_width() -> None:
    fresh = make_app()
    async with fresh.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("2", "right_square_bracket")
        await pilot.pause()
        want = screen_text(fresh)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("2", "right_square_bracket", "left_square_bracket")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("right_square_bracket")  # KGZ again, drawn before at 120
        await pilot.pause()
        await pilot.pause()
        assert screen_text(app) == want


async def test_each_app_keeps_the_profiles_of_its_own_data(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """--data: a table laid over the built-in ones shows, not a profile kept
    by another session (the kept texts belong to one app)."""
    import shutil

    from tui.paths import data_dir

    built_in = make_app()
    async with built_in.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("2")
        await pilot.pause()
        assert "EGDI 0.90093" in flat(built_in)
    src = data_dir() / "egov_survey.csv"
    rows = src.read_text(encoding="utf-8").splitlines()
    changed = [r.replace("0.90093", "0.90111", 1) if r.startswith("KAZ,") else r for r in rows]
    assert changed != rows
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    (folder / "egov_survey.csv").write_text("\n".join(changed) + "\n", encoding="utf-8")
    other = make_app(data=folder)
    async with other.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("2")
        await pilot.pause()
        text = flat(other)
        assert "EGDI 0.90111" in text and "EGDI 0.90093" not in text


async def test_the_key_bar_changes_its_hints_in_place_on_a_tab_switch() -> None:
    """A new bar for every pane was repainted whole and laid the screen out a
    second time after the tab switch's frame; the hint widgets stay and show
    each pane's own keys."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        bar = app.query_one(KeyBar)
        await pilot.press("3")
        await pilot.pause()
        rankings = screen_text(app).splitlines()[-1]
        widgets = list(bar.query("FooterKey"))
        assert "Scope" in rankings and "Chart" in rankings
        await pilot.press("2")
        await pilot.pause()
        countries = screen_text(app).splitlines()[-1]
        assert "Scope" not in countries and "Chart" in countries and "Help" in countries
        await pilot.press("3")
        await pilot.pause()
        assert screen_text(app).splitlines()[-1] == rankings
        assert list(bar.query("FooterKey"))[: len(widgets)] == widgets
        shown = [f"{h.key_display} {h.description}" for h in bar.hints()]
        assert all(hint in rankings for hint in shown), (shown, rankings)


async def test_a_hidden_pane_shows_the_country_chosen_elsewhere() -> None:
    """The Map and the Timeline do not redraw for each country chosen on
    another pane, but show the last one when they are shown."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        for key in ("8", "6", "2"):  # build Map and Timeline, then Countries
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("right_square_bracket", "right_square_bracket")  # TJK
        await pilot.pause()
        assert app.country == "TJK"
        await pilot.press("8")
        await pilot.pause()
        assert app.query_one("#map-view", ChoroplethMap).selected == "TJK"
        await pilot.press("6")
        await pilot.pause()
        selected = app._pane("timeline").selected
        assert selected is not None and selected["iso3"] == "TJK"


def test_a_kept_layout_is_drawn_as_its_table_at_every_width() -> None:
    table = hanging(
        [("2019", "A long milestone title that wraps under itself " * 3), ("2021–2023", "x")],
        justify_label="right",
    )
    grid = PairGrid([("EGDI", "0.9"), ("OSI", "0.93903"), ("UN rank", "24 (▲4 since 2022)")])
    for renderable in (table, grid, bullets(["one", "two " * 30])):
        kept = Rendered(renderable)
        for width in (30, 60, 30, 80, 60):
            console = Console(width=width, record=True, color_system=None)
            console.print(renderable)
            want = console.export_text()
            console = Console(width=width, record=True, color_system=None)
            console.print(kept)
            assert console.export_text() == want, width
