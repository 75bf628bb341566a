"""The explorer as a user drives it: keys pressed, what the screen shows."""

from __future__ import annotations

import re

import pytest
from textual import events
from textual.message import Message

from tests.screen import flat, screen_text, settled
from tui.app import DDXApp, Options, make_app
from tui.screens.help import HelpScreen
from tui.screens.provenance import ProvenanceScreen


def rank_rows(text: str) -> dict[str, str]:
    """Country -> rank as shown in the Rankings table."""
    rows = {}
    for m in re.finditer(
        r"[│┃]\s*(\d+\*?)\s+(Kazakhstan|Kyrgyzstan|Tajikistan|Turkmenistan|Uzbekistan)\s", text
    ):
        rows[m.group(2)] = m.group(1)
    return rows


async def test_starts_on_goals_with_all_eight_goals() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "1 Goals" in text and "2 Countries" in text and "3 Rankings" in text
        for name in (
            "Knowledge management",
            "Public diplomacy",
            "Internet freedom",
            "Policy planning",
        ):
            assert name in text
        assert "project's own" in text  # the goal links are marked as our reading


async def test_countries_next_shows_kyrgyzstan_and_its_2024_rank() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "right_square_bracket")
        await pilot.pause()
        text = screen_text(app)
        assert "Kyrgyzstan (KGZ)" in text
        assert "UN rank 78" in text
        assert "2024" in text
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "UN rank 24" in screen_text(app)  # back to Kazakhstan


async def test_countries_wraps_and_j_k_move_the_list() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "left_square_bracket")
        await pilot.pause()
        assert app.country == "UZB"
        assert "Uzbekistan (UZB)" in screen_text(app)
        await pilot.press("k")
        await pilot.pause()
        assert app.country == "TKM"
        await pilot.press("j", "j")
        await pilot.pause()
        assert app.country == "KAZ"


async def test_country_chart_switches_between_rank_and_components() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert "UN e-government rank (1 = best)" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        text = screen_text(app)
        assert "Index components" in text
        assert "EGDI" in text and "OSI" in text


async def test_rankings_two_editions_back_shows_2020_ranks() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "left_square_bracket", "left_square_bracket")
        await pilot.pause()
        text = screen_text(app)
        assert "2020 · EGDI" in flat(app)  # the heading: edition, index, scope first
        assert rank_rows(text) == {
            "Kazakhstan": "29",
            "Uzbekistan": "87",
            "Kyrgyzstan": "83",
            "Tajikistan": "133",
            "Turkmenistan": "158",
        }


async def test_rankings_default_is_latest_egdi_and_i_cycles_indicator() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        text = screen_text(app)
        assert "2024 · EGDI · the five" in text
        await pilot.press("i")
        await pilot.pause()
        text = screen_text(app)
        assert "2024 · OSI · the five" in flat(app)
        assert "rank* derived" in text  # OSI ranks are computed by ddx, and say so
        for _ in range(4):
            await pilot.press("i")
        await pilot.pause()
        assert app.indicator == "egdi"


async def test_rankings_scope_to_region_then_world_highlights_the_five() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "v")
        await pilot.pause()
        assert "UN region Asia" in flat(app)
        await pilot.press("v")
        await pilot.pause()
        assert "world, 193 countries" in flat(app)
        pane = app.query_one("#rankings")
        assert pane.frame.height == 193
        assert pane.frame.filter(pane.frame["focus"]).height == 5
        # The five are marked in the world table.
        table = app.query_one("#rank-table")
        kaz_row = table.get_row("KAZ")
        assert str(kaz_row[1]).startswith("▶")


async def test_rankings_sort_by_name() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "o")
        await pilot.pause()
        text = screen_text(app)
        assert "sorted by name" in flat(app)
        assert text.index("Kazakhstan") < text.index("Kyrgyzstan") < text.index("Tajikistan")


async def test_readiness_era_edition_is_flagged_and_source_key_explains() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        for _ in range(12):
            await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.edition == 2003
        assert "readiness-era index" in flat(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ProvenanceScreen)
        text = flat(app)
        assert "readiness" in text
        assert "no assessed online presence" in text  # TJK and UZB had index 0 in 2003
        assert "unegov_2003" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProvenanceScreen)


async def test_help_opens_with_question_mark_and_f1() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "This pane: 1 Goals" in text and "Everywhere" in text
        await pilot.press("escape", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_number_keys_jump_to_panes_and_footer_lists_keys() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for key, pane in (("2", "countries"), ("3", "rankings"), ("4", "sources"), ("1", "goals")):
            await pilot.press(key)
            await pilot.pause()
            assert app.active_pane.pane_id == pane
        text = screen_text(app).splitlines()[-1]
        assert "Help" in text and "Source" in text


async def test_sources_pane_lists_sources_with_licence() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        text = screen_text(app)
        assert "article" in text and "Licence" in text
        # sources in id order: adesina_2017, article, ddx_reading (the project's own)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert "ddx project" in screen_text(app)


async def test_palette_jumps_to_a_country() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Country: Uzbek")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.active_pane.pane_id == "countries"
        assert app.country == "UZB"
        assert "Uzbekistan (UZB)" in screen_text(app)


async def test_too_small_terminal_says_what_is_needed_and_recovers() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert "at least 60x18" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        text = screen_text(app)
        assert "at least" not in text and "1 Goals" in text


async def test_q_quits() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.all_panes
async def test_hidden_panes_mount_while_a_dialog_is_open() -> None:
    """The other panes mount just after the first frame; help opened in the
    same instant (a key typed ahead over a slow link, arriving as ddx starts)
    must not hold them up until it closes: they live on the explorer's
    screen, whose updates Textual pauses under a dialog. Three sessions: the
    first in a process is slower and could miss the instant."""
    for session in range(3):
        app = make_app()

        def help_at_first_frame(message: Message, app: DDXApp = app) -> None:
            if isinstance(message, events.Ready):  # the first frame is out
                app.action_help()

        async with app.run_test(size=(80, 24), message_hook=help_at_first_frame) as pilot:
            for _ in range(100):  # a condition, not a fixed time: a busy machine is slower
                await pilot.pause(0.1)
                if all(p.is_attached for p in app.panes):
                    break
            assert app._exception is None
            assert isinstance(app.screen, HelpScreen)
            missing = [p.pane_id for p in app.panes if not p.is_attached]
            assert not missing, f"session {session}: not built under the dialog: {missing}"
            await pilot.press("escape", "7")
            await pilot.pause()
            assert app.active_pane.pane_id == "infrastructure"


@pytest.mark.all_panes
async def test_quitting_at_once_does_not_trip_the_background_mount() -> None:
    """q (or a test) ending the app before the other panes are built: the
    delayed mount must find nothing to do, not raise."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", "escape")
    await __import__("asyncio").sleep(0.5)
    assert app._exception is None


async def test_a_key_typed_right_after_a_pane_key_reaches_the_new_pane() -> None:
    """Over SSH keys arrive in bursts: `6c` in one packet must open the actions
    view, not hand `c` to the pane being left."""
    from textual import events

    from tui.panes.timeline import TimelinePane

    app = make_app(options=Options(present_year=2026))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        app.post_message(events.Key("6", "6"))
        app.post_message(events.Key("c", "c"))
        await pilot.pause()
        await pilot.pause()
        assert app.query_one(TimelinePane).view == "actions"
        assert "Actions and UN results" in flat(app)


async def test_a_tab_chosen_on_the_tab_bar_builds_its_pane() -> None:
    """→ on the focused tab bar (or a click) before the background build reached
    the next pane: the pane is built and shown, as its number key would."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        app.query_one("#tabs").focus()
        await pilot.pause()
        await pilot.press("right")
        for _ in range(50):
            await pilot.pause(0.05)
            if app.active_pane.is_mounted:
                break
        assert app.active_pane.pane_id == "countries"
        assert app.active_pane.is_mounted and "Kazakhstan (KAZ)" in screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (60, 18)])
async def test_the_tab_bar_by_click_and_by_arrow(size: tuple[int, int]) -> None:
    """A click on a tab's name (or its number, when the bar is narrow), or on
    the bar under it, shows that pane; ← on the focused bar goes round from the
    first tab to the last. Either way focus goes into the pane shown, as after
    its number key. The active tab is named; at 60 columns the others show
    their numbers only."""
    from tui.widgets.tabbar import TabBar

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        bar = app.query_one(TabBar)
        top = screen_text(app).splitlines()[bar.region.y]
        if size[0] == 80:
            assert "1 Goals 2 Countries 3 Rankings" in top
        else:
            assert top.startswith(" 1 Goals 2 3 4 5 6 7 8")
        x = top.index(" 3") + 1  # the rankings tab's number
        await pilot.click("#tabs", offset=(x, 0))
        await settled(pilot)
        assert app.active_pane.pane_id == "rankings" and app.active_pane.is_mounted
        assert "Rankings" in screen_text(app).splitlines()[bar.region.y]
        x = screen_text(app).splitlines()[bar.region.y].index(" 2") + 1
        await pilot.click("#tabs", offset=(x, 1))  # on the bar under "2"
        await settled(pilot)
        assert app.active_pane.pane_id == "countries"
        assert app.focused is not None and app.active_pane in app.focused.ancestors
        app.query_one("#tabs").focus()
        await pilot.press("left")
        await settled(pilot)
        assert app.active_pane.pane_id == "goals"
        assert app.focused is not None and app.focused.id == "goal-list"
        app.query_one("#tabs").focus()
        await pilot.press("left")
        await settled(pilot)
        assert app.active_pane.pane_id == "map"
        assert app.query_one("#panes").current == "tab-map"
        assert "8 Map" in screen_text(app).splitlines()[bar.region.y]
