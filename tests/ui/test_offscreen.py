"""Panes rehearsed off-screen (tui/widgets/offscreen.py): after the first
frame the explorer lays out and draws each hidden pane where nobody sees it,
and the Countries pane the other countries, so that a first visit is as quick
as a return. What the class then sees must be exactly what it would have seen
without: every cell, colour and attribute, at the size of the rehearsal, and
after a resize, a new language and theme (each rehearsed again)."""

from __future__ import annotations

import asyncio

import pytest

from tests.screen import background_done, styled_screen
from tui.app import DDXApp, make_app
from tui.charts.widget import Chart

pytestmark = [pytest.mark.all_panes, pytest.mark.heavy]

PANE_KEYS = "23456781"
COUNTRY_KEYS = ["right_square_bracket"] * 5


async def _tour(
    monkeypatch: pytest.MonkeyPatch, rehearse: bool, size: tuple[int, int], change: str
) -> tuple[list[str], int]:
    """After ``change`` (none, or a resize to 80x24 then Russian and the light
    theme) every pane, then every country, each shown for the first time
    after the background work; the screens, and how many charts were
    plotted on the way."""
    monkeypatch.setattr(DDXApp, "rehearse_hidden_panes", rehearse)
    monkeypatch.setattr(DDXApp, "REHEARSE_AGAIN_AFTER", 0.1)
    monkeypatch.setattr(DDXApp, "REHEARSAL_PAUSE", 0.01)
    plotted = 0
    plot_now = Chart._plot_now

    def counting(chart: Chart, draw):  # type: ignore[no-untyped-def]
        nonlocal plotted
        plotted += 1
        return plot_now(chart, draw)

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await background_done(pilot)
        if change != "none":
            # Rehearsed again after each change, once changes stop coming (so
            # that, below, no first visit plots a chart). Whether the new pass
            # is still under way after the pause depends on the machine's speed.
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            await background_done(pilot)
            app.action_set_language("ru")
            app.action_switch_theme("ddx-light")
            await pilot.pause()
            await background_done(pilot)
        monkeypatch.setattr(Chart, "_plot_now", counting)
        screens = []
        # On the Countries pane, the sources of what it shows (s) too: the
        # rehearsal of the other countries must leave the pane's own alone.
        for key in [*PANE_KEYS, "2", "s", "escape", *COUNTRY_KEYS]:
            await pilot.press(key)
            await pilot.pause()
            screens.append(styled_screen(app))
        monkeypatch.setattr(Chart, "_plot_now", plot_now)
    return screens, plotted


# At the smallest size the explorer supports (texts sized to fit); and after
# a resize, then a new language and theme, each rehearsed again.
@pytest.mark.parametrize(("size", "change"), [((60, 18), "none"), ((120, 40), "changes")])
async def test_a_rehearsed_pane_shows_as_one_never_rehearsed(
    monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], change: str
) -> None:
    from tui import i18n

    plain, plain_plots = await _tour(monkeypatch, False, size, change)
    i18n.set_language("en")  # the second session starts as the first did
    rehearsed, rehearsed_plots = await _tour(monkeypatch, True, size, change)
    for i, (want, got) in enumerate(zip(plain, rehearsed, strict=True)):
        assert got == want, f"screen {i} differs after the rehearsal"
    assert plain_plots > 0
    # The rehearsals drew them all: no pane's or country's chart is plotted
    # on its first visit.
    assert rehearsed_plots == 0, rehearsed_plots


async def test_a_key_pressed_during_the_background_work_is_not_held_up_by_it() -> None:
    """The panes are built and rehearsed after the first frame in a worker,
    one step at a time: a key pressed meanwhile shows its pane at once, not
    once all of it is done (run from a timer, it held the app's message loop
    for the whole second)."""
    from textual import events

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(500):
            if app.panes[1].is_mounted:  # the background build has begun
                break
            await pilot.pause(0.01)
        assert not app.background_done
        app._driver.send_message(events.Key("3", "3"))
        for _ in range(500):
            if app.active_pane.pane_id == "rankings":
                break
            await asyncio.sleep(0.005)
        assert app.active_pane.pane_id == "rankings"
        assert not app.background_done, "the key waited for the background work"
        await background_done(pilot)


async def _world_ranking_after_a_resize(monkeypatch: pytest.MonkeyPatch, rehearse: bool) -> str:
    monkeypatch.setattr(DDXApp, "rehearse_hidden_panes", rehearse)
    monkeypatch.setattr(DDXApp, "REHEARSE_AGAIN_AFTER", 0.1)
    monkeypatch.setattr(DDXApp, "REHEARSAL_PAUSE", 0.01)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await background_done(pilot)
        for key in ("3", "v", "v", "1"):  # the world's ranking, Kazakhstan centred
            await pilot.press(key)
            await pilot.pause()
        await pilot.resize_terminal(80, 24)  # new columns: the table is filled again
        await pilot.pause()
        await background_done(pilot)
        await pilot.press("3")
        await pilot.pause()
        return styled_screen(app)


async def test_a_table_filled_again_off_screen_shows_its_row_where_it_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A table filled while its pane is hidden (here, laid out again off-screen
    after a resize) scrolls its row into view as if it were on show: Textual
    scrolled it to the top of a window it had no size for."""
    plain = await _world_ranking_after_a_resize(monkeypatch, False)
    rehearsed = await _world_ranking_after_a_resize(monkeypatch, True)
    assert "▶ Kazakhstan" in rehearsed
    assert rehearsed == plain


async def test_a_first_visit_restyles_and_measures_nothing_the_rehearsal_did() -> None:
    """A first visit costs what a return does: the rehearsal has measured the
    pane's texts at their widths (a layout change it made must not throw that
    away: Sources measured its whole text again, ~5 ms) and styled the widget
    the visit focuses in either focus state, kept for the visit to put back
    (tui/focus_look.py); the start pane's list, never rehearsed, keeps its
    blurred look too. So no first visit applies the stylesheet to anything or
    measures a text again."""
    from textual.css.stylesheet import Stylesheet
    from textual.widget import Widget

    applied: list[str] = []
    measured: list[str] = []
    apply, content_height = Stylesheet.apply, Widget.get_content_height

    def counting_apply(sheet: Stylesheet, node, *args, **kwargs):  # type: ignore[no-untyped-def]
        applied.append(f"{type(node).__name__}#{node.id}")
        return apply(sheet, node, *args, **kwargs)

    def counting_height(widget: Widget, container, viewport, width):  # type: ignore[no-untyped-def]
        if not widget.is_container and width and widget._content_height_cache[0] != width:
            measured.append(f"{type(widget).__name__}#{widget.id}")
        return content_height(widget, container, viewport, width)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await background_done(pilot)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Stylesheet, "apply", counting_apply)
            patch.setattr(Widget, "get_content_height", counting_height)
            for key in PANE_KEYS:
                await pilot.press(key)
                await pilot.pause()
                pane = app.active_pane.pane_id
                assert not applied, f"first visit to {pane}: the stylesheet applied to {applied}"
                assert not measured, f"first visit to {pane}: {measured} measured again"
