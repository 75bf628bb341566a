"""The screens around the figures, as a new user at 80x24 meets them: the help,
the key bar, the Countries profile, wrapped text and the Timeline's titles."""

from __future__ import annotations

import re

from rich.console import Console

from tests.screen import screen_text, settled, styled_screen
from tui.app import Options, make_app
from tui.screens.help import HelpBody, HelpScreen
from tui.widgets.gantt import Gantt, fit_titles, shorten
from tui.widgets.keybar import KeyBar, choose
from tui.widgets.text import PairGrid, bullets, hanging

PANE_KEYS = "12345678"


def lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    return screen_text(app).splitlines()


# -- help ------------------------------------------------------------------------
async def test_help_opens_on_the_current_panes_keys_and_scrolls_at_once() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("3", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one(HelpBody)
        assert app.focused is body  # no Tab needed
        text = screen_text(app)
        assert "This pane: 3 Rankings" in text
        for key, words in (("v", "scope"), ("o", "sort by rank"), ("c", "rank trajectory")):
            assert re.search(rf"│ {key}\s+.*{words}", text), (key, text)
        assert body.max_scroll_y > 0
        await pilot.press("j")
        await pilot.pause()
        assert body.scroll_y == 1
        await pilot.press("k", "down", "down")
        await pilot.pause()
        assert body.scroll_y == 2
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 2
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        assert "closes this help" in screen_text(app)
        await pilot.press("pageup")
        await pilot.pause()
        assert body.scroll_y < body.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert body.scroll_y == 0
        for close in ("escape", "q", "question_mark"):
            assert isinstance(app.screen, HelpScreen)
            await pilot.press(close)
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen), close
            if close != "question_mark":
                await pilot.press("question_mark")
                await pilot.pause()


async def test_help_names_every_panes_own_keys() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("5", "question_mark")
        await pilot.pause()
        static = app.screen.query_one("#help-text")
        console = Console(width=100, record=True, file=None, color_system=None)
        with console.capture() as cap:
            console.print(static.content)  # type: ignore[attr-defined]
        full = cap.get()
        assert full.index("This pane: 5 Compare") < full.index("Everywhere")
        for words in (
            "add / remove the neighbouring countries",  # n
            "scatter: change the x-axis",  # x
            "show / hide the country checklist",  # c
            "switch the chart: UN rank / index components",  # Countries c
            "scope: the five, their UN region, the world",  # Rankings v
            "sort by rank, name or value",  # Rankings o
            "top of the profile",  # Countries Home
        ):
            assert words in full, words


# -- the key bar -------------------------------------------------------------------
def test_choose_drops_the_least_important_whole() -> None:
    # (importance, width) in bar order: the bar shows the most important that fit.
    hints = [(10, 8), (20, 14), (30, 12), (0, 7), (50, 7)]
    assert choose(hints, 100) == {0, 1, 2, 3, 4}
    assert choose(hints, 30) == {0, 1, 3}
    assert choose(hints, 7) == {3}
    assert choose(hints, 3) == set()


async def test_key_bar_never_cuts_a_hint_on_any_pane_at_60_80_120() -> None:
    app = make_app(options=Options(present_year=2026))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        for width in (60, 80, 120):
            await pilot.resize_terminal(width, 24)
            for key in PANE_KEYS:
                await pilot.press(key)
                for _ in range(3):
                    await pilot.pause()
                bar = app.query_one(KeyBar)
                hints = list(bar.hints())
                bottom = lines(app)[-1]
                shown = [f"{h.key_display} {h.description}" for h in hints]
                assert "? Help" in shown, (width, key, bottom)
                for hint in shown:
                    assert hint in bottom, (width, key, hint, bottom)
                for h in hints:
                    assert h.region.right <= width, (width, key, h.description)
                regions = sorted((h.region.x, h.region.right) for h in hints)
                for (_, right), (left, _) in zip(regions, regions[1:], strict=False):
                    assert right <= left, (width, key, bottom)  # no hint drawn over another


async def test_key_bar_is_not_redrawn_when_its_hints_stay_the_same() -> None:
    """Bindings are announced again on every focus change; a bar redrawn
    for nothing costs bytes over SSH. Tab between the Goals pane's two parts
    keeps the same hints and the bar is not redrawn; a pane with other keys
    gets other hints."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        bar = app.query_one(KeyBar)
        before = list(bar.hints())
        assert before
        redrawn = 0
        refresh = bar.refresh

        def counting(*args: object, **kwargs: object) -> object:
            nonlocal redrawn
            redrawn += 1
            return refresh(*args, **kwargs)  # type: ignore[arg-type]

        bar.refresh = counting  # type: ignore[method-assign]
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause()
        assert list(bar.hints()) == before
        assert redrawn == 0, redrawn
        await pilot.press("3")  # Rankings: its own keys (c, v, o) on the bar
        for _ in range(3):
            await pilot.pause()
        assert redrawn > 0
        after = [f"{h.key_display} {h.description}" for h in bar.hints()]
        assert after != [f"{h.key_display} {h.description}" for h in before], after


async def test_a_click_on_a_key_bar_hint_presses_its_key() -> None:
    """The key bar draws its hints itself: a click on one presses its key
    (? opens the help, ^p the palette), a click between hints does nothing,
    and the pointer over a hint lights it."""
    from textual.command import CommandPalette

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        bar = app.query_one(KeyBar)
        hints = {h.key_display: h.region for h in bar.hints()}
        bottom, look = lines(app)[-1], styled_screen(app).splitlines()[-1]
        await pilot.hover(KeyBar, offset=(hints["?"].x + 1, 0))
        await pilot.pause()
        assert lines(app)[-1] == bottom  # the same text, lit
        assert styled_screen(app).splitlines()[-1] != look
        await pilot.click(KeyBar, offset=(hints["?"].x + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        gap = hints["^p"].x - 2  # between the last hint and the palette's
        assert not any(r.x <= gap < r.right for r in hints.values())
        await pilot.click(KeyBar, offset=(gap, 0))
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen | CommandPalette)
        await pilot.click(KeyBar, offset=(hints["^p"].x + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


# -- the Countries profile ---------------------------------------------------------
async def test_profile_pairs_are_never_split_at_any_width() -> None:
    app = make_app()
    async with app.run_test(size=(60, 18)) as pilot:
        await settled(pilot)
        await pilot.press("2")
        for size in ((60, 18), (80, 24), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            text = screen_text(app)
            for pair in ("EGDI 0.90093", "OSI 0.93903", "TII 0.92353", "HCI 0.84029", "EPI 0.8493"):
                assert pair in text, (size, pair, text)
            assert "UN rank 24 (▲4 since 2022)" in text, size


async def test_each_country_opens_at_the_top_of_its_profile() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("2")
        await pilot.pause()
        main = app.query_one("#country-main")
        await pilot.press("end")  # from the list: the profile's bottom, not Uzbekistan
        await pilot.pause()
        assert app.country == "KAZ"
        assert main.scroll_y == main.max_scroll_y > 0
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.country == "KGZ" and main.scroll_y == 0
        await pilot.press("end")
        await pilot.pause()
        assert main.scroll_y > 0
        app.action_goto_country("UZB")  # what Ctrl+P "Uzbekistan" runs
        await pilot.pause()
        await pilot.pause()
        assert app.country == "UZB" and main.scroll_y == 0
        assert "EGDI" in screen_text(app)
        await pilot.press("end", "home")  # the profile's top, not Kazakhstan
        await pilot.pause()
        assert app.country == "UZB" and main.scroll_y == 0


async def test_the_focused_part_of_countries_shows_by_shape() -> None:
    app = make_app(options=Options())
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("2")
        await pilot.pause()
        text = screen_text(app)
        assert "┏━ Countries" in text and "╭─ Profile" in text  # the list has focus
        await pilot.press("tab")
        await pilot.pause()
        text = screen_text(app)
        assert app.focused is app.query_one("#country-main")
        assert "╭─ Countries" in text and "┏━ Profile" in text
        await pilot.press("end")  # scrolls the focused profile
        await pilot.pause()
        main = app.query_one("#country-main")
        assert main.scroll_y == main.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert main.scroll_y == 0 and app.country == "KAZ"


# -- wrapped text hangs ------------------------------------------------------------
def render(renderable, width: int) -> list[str]:  # type: ignore[no-untyped-def]
    console = Console(width=width, color_system=None, record=True)
    with console.capture() as cap:
        console.print(renderable)
    return cap.get().splitlines()


def test_hanging_rows_and_bullets_wrap_under_their_text() -> None:
    out = render(hanging([("2017-12", "Digital Kazakhstan programme launched by the state")]), 30)
    assert out[0].startswith("2017-12 Digital")
    assert len(out) > 1 and all(line.startswith(" " * 8) for line in out[1:]), out
    out = render(bullets(["Ranks are relative; EPI ranks are derived by ddx from values"]), 24)
    assert out[0].startswith("• Ranks")
    assert all(line.startswith("  ") and line.strip() for line in out[1:]), out
    # Data is never markup: a [ in a title is a character.
    assert "[b]x[/b]" in render(hanging([("a", "[b]x[/b]")]), 30)[0]


def test_pair_grid_keeps_pairs_whole_and_uses_the_width() -> None:
    grid = PairGrid(
        [("EGDI", "0.90093"), ("OSI", "0.93903"), ("TII", "0.92353"), ("HCI", "0.84029")]
    )
    assert grid.columns_for(100) == 4
    assert grid.columns_for(30) == 2
    assert grid.columns_for(5) == 1
    for width in (12, 30, 60):
        text = "\n".join(render(grid, width))
        for pair in ("EGDI 0.90093", "OSI 0.93903", "TII 0.92353", "HCI 0.84029"):
            assert pair in text, (width, text)


async def test_assessment_and_milestone_lines_hang() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("2")
        await pilot.pause()
        side = [line[:22] for line in lines(app)]
        i = next(n for n, line in enumerate(side) if "• E-participation:" in line)
        assert side[i + 1].startswith("   very high"), side[i : i + 2]


async def test_goal_names_and_their_links_hang_at_80_columns() -> None:
    """A goal's name, an action and its reason wrap under their own first
    word, not back under the number or the bullet (80 columns; tall enough
    to show every link of the first goal at once)."""
    app = make_app()
    async with app.run_test(size=(80, 60)) as pilot:
        await settled(pilot)
        screen = lines(app)
        i = next(n for n, line in enumerate(screen) if "4. Consular communication" in line)
        at = screen[i].index("4. Consular")
        assert screen[i + 1][at : at + 6] == "   res", screen[i : i + 2]  # under "Consular"
        j = next(n for n, line in enumerate(screen) if "• Kazakhstan 2017-12" in line)
        at = screen[j].index("• Kazakhstan")
        assert screen[j + 1][at:].startswith("  Kazakhstan"), screen[j : j + 2]
        k = next(n for n, line in enumerate(screen) if "  why:" in line)
        at = screen[k].index("  why:")
        assert screen[k + 1][at : at + 2] == "  " and screen[k + 1][at:].strip(), screen[k : k + 2]
        # Which side has focus shows by shape: the list's border is heavy while
        # it has focus and light once Tab has moved on to the goal's text (which
        # has no border of its own: the tour's first step needs its rows).
        assert next(line for line in screen if line.startswith(("┏", "╭"))).startswith("┏")
        await pilot.press("tab")
        await pilot.pause()
        assert next(line for line in lines(app) if line.startswith(("┏", "╭"))).startswith("╭")


# -- Timeline titles ---------------------------------------------------------------
def test_shorten_keeps_the_part_that_tells_titles_apart() -> None:
    assert shorten("UN e-government ranking: 39th", 40) == "UN e-government ranking: 39th"
    assert shorten("UN e-government ranking: 39th", 20) == "UN e-government ran…"
    cut = shorten("UN e-government ranking: 39th", 20, keep_end=True)
    assert len(cut) == 20 and cut.startswith("UN e-gov") and cut.endswith("…: 39th")
    cut = shorten("UN e-government ranking: 158th of 193", 20, keep_end=True)
    assert cut.endswith(": 158th of 193")
    cut = shorten("Presidential decree accelerating the connection of services", 20, keep_end=True)
    assert len(cut) <= 20 and cut.startswith("Presidenti") and cut.endswith("services")
    assert shorten("abc", 2) == "a…"
    titles = ["UN e-government ranking: 39th", "UN e-government ranking: 29th", "Taza Koom adopted"]
    fitted = fit_titles(titles, 20)
    assert fitted[0].endswith(": 39th") and fitted[1].endswith(": 29th")
    assert fitted[2] == "Taza Koom adopted"
    assert fit_titles(["Presidential decree accelerating the connection"], 20) == [
        "Presidential decree…"
    ]


async def test_timeline_rows_stay_distinguishable_at_80x24_and_60x18() -> None:
    app = make_app(options=Options(present_year=2026))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("6")
        await pilot.pause()
        for size in ((80, 24), (60, 18)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            gantt = app.query_one(Gantt)
            lw = gantt.label_width()
            assert lw - 13 > 18 if size == (80, 24) else True  # more than the old 18
            seen: list[str] = []
            # Walk every row into view, a screenful of rows at a time.
            for _ in range(len(gantt.items)):
                region = gantt.content_region
                screen = lines(app)
                for y in range(region.y + 2, region.bottom):
                    raw = screen[y][region.x : region.x + lw]
                    if raw.startswith(("  ", "▸ ")) and raw.strip():  # an item, not a heading
                        seen.append(raw[2:].rstrip())
                if gantt.selected == len(gantt.items) - 1:
                    break
                await pilot.press(*["down"] * max(1, region.height - 4))
                await pilot.pause()
            labels = set(seen)
            titles = [label[11:] for label in labels]
            assert len(titles) == len(set(titles)), (size, sorted(titles))
            assert len(labels) == len(gantt.items), (size, sorted(labels))
            await pilot.press("home")
            await pilot.pause()
