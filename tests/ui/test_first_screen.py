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


def _sheets(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The stylesheet files the app has read, in the order their rules rank."""
    from pathlib import Path

    return [Path(path).name for path, var in app.stylesheet.source if not var]


@pytest.mark.parametrize(("start", "pane"), [(None, "goals"), ("rankings", "rankings")])
async def test_the_first_frame_reads_only_its_own_stylesheets(
    start: str | None, pane: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first frame is styled from the frame's sheet and the opening
    pane's; the others (every other pane, the dialogs, the tour) are read
    after it, and then rank in the order CSS_PATH gives, as if read at once."""
    from textual.screen import Screen

    from tui.app import STYLESHEETS, Options

    app = make_app(options=Options(start=start))
    first: list[str] = []
    paint = Screen._compositor_refresh

    def first_paint(screen: Screen) -> None:  # type: ignore[type-arg]
        if not first and screen is app.screen:
            first.extend(_sheets(app))
        paint(screen)

    monkeypatch.setattr(Screen, "_compositor_refresh", first_paint)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.active_pane.pane_id == pane
        assert first == ["app.tcss", f"{pane}.tcss"]
        assert _sheets(app) == list(STYLESHEETS)
        # A rule from a sheet read later applies to what the first frame drew
        # already: the help dialog (dialogs.tcss) opens styled.
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        assert app.screen.styles.align_horizontal == "center"


async def test_a_dialog_asked_for_before_the_other_sheets_are_read_is_styled() -> None:
    """The sheets are read on the first of: the frame after the first, a pane
    built, a screen pushed. A dialog pushed first brings them in itself."""
    from tui.app import STYLESHEETS
    from tui.screens.help import HelpScreen

    app = make_app()
    app._read_other_stylesheets = lambda: None  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "dialogs.tcss" not in _sheets(app)
        del app._read_other_stylesheets  # the class's own, as push_screen calls it
        app.push_screen(HelpScreen(None))
        await pilot.pause()
        assert _sheets(app) == list(STYLESHEETS)
        assert app.screen.styles.align_horizontal == "center"


async def test_the_title_bar_shows_the_title_and_opens_the_palette() -> None:
    """ddx's one-widget title bar: Header's look (title and subtitle centred
    between the icon's eight cells and ten empty ones), the language's
    subtitle after a switch, and the command palette on a click on the icon."""
    from textual.command import CommandPalette

    from tests.screen import screen_text

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        title = f"{app.title} — Digital Diplomacy Explorer"
        left = 8 + (80 - 8 - 10 - len(title)) // 2
        assert top == f" ≡{' ' * 6}{' ' * (left - 8)}{title}".ljust(80)
        app.action_set_language("ru")
        await pilot.pause()
        assert "Навигатор по цифровой дипломатии" in screen_text(app).splitlines()[0]
        app.action_set_language("en")
        await pilot.click(offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_the_collector_is_paused_until_the_first_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``ddx`` starts with the cycle collector off (tui/__main__.py): it walked
    the start-up's ~90,000 objects again and again before the first frame.
    The explorer turns it back on once that frame is drawn, with what start-up
    built frozen out of its reach."""
    import gc

    from textual.screen import Screen

    app = make_app()
    at_first_frame: list[bool] = []
    paint = Screen._compositor_refresh

    def first_paint(screen: Screen) -> None:  # type: ignore[type-arg]
        if not at_first_frame and screen is app.screen:
            at_first_frame.append(gc.isenabled())
        paint(screen)

    monkeypatch.setattr(Screen, "_compositor_refresh", first_paint)
    gc.disable()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert at_first_frame == [False]
            assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_command_other_than_the_explorer_runs_with_the_collector_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import gc

    from tui.cli.parser import main

    gc.disable()
    try:
        assert main(["sources"]) == 0
        assert gc.isenabled()
    finally:
        gc.enable()
    assert "adesina_2017" in capsys.readouterr().out


def test_ddx_starts_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The console script (``tui.__main__.main``) pauses the collector before
    anything else; the explorer or the command chosen turns it back on."""
    import gc

    import tui.__main__
    import tui.cli

    seen: list[bool] = []
    monkeypatch.setattr(tui.cli, "main", lambda argv: seen.append(gc.isenabled()) or 0)
    try:
        assert tui.__main__.main() == 0
    finally:
        gc.enable()
    assert seen == [False]
