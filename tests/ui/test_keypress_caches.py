"""What keeps a keypress within a frame never shows a stale screen: the
Countries pane keeps each country's profile and chart once drawn (per
language, laid out per width), the key bar changes its hints in place, and a
pane not on show catches up with the shared selection when it is shown."""

from __future__ import annotations

import pytest
from rich.console import Console

from tests.screen import background_done, flat, press_each, screen_text, settled, styled_screen
from tui.app import DDXApp, make_app
from tui.widgets.keybar import KeyBar
from tui.widgets.map import ChoroplethMap
from tui.widgets.tables import KeyTable
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


async def test_a_tab_switch_lays_the_screen_out_once_with_the_new_key_bar() -> None:
    """The key bar is one widget that draws its hints (tui/widgets/keybar.py):
    a tab switch shows each pane's own keys in the frame of the switch, with
    one layout of the screen (hint widgets of their own were laid out again,
    in a second frame)."""
    from textual.screen import Screen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        for key in ("3", "2", "3", "2"):  # both panes built and drawn once
            await pilot.press(key)
            await pilot.pause()
        layouts = 0
        lay_out = Screen._refresh_layout

        def counting(screen: Screen, *args: object, **kwargs: object) -> None:
            nonlocal layouts
            layouts += 1
            lay_out(screen, *args, **kwargs)  # type: ignore[arg-type]

        Screen._refresh_layout = counting  # type: ignore[method-assign]
        try:
            await pilot.press("3")
            await pilot.pause()
            rankings = screen_text(app).splitlines()[-1]
            assert layouts == 1, layouts
            await pilot.press("2")
            await pilot.pause()
            countries = screen_text(app).splitlines()[-1]
            assert layouts == 2, layouts
        finally:
            Screen._refresh_layout = lay_out  # type: ignore[method-assign]
        assert "Scope" in rankings and "Chart" in rankings
        assert "Scope" not in countries and "Chart" in countries and "Help" in countries
        shown = [f"{h.key_display} {h.description}" for h in app.query_one(KeyBar).hints()]
        assert all(hint in countries for hint in shown), (shown, countries)


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


async def _table_screens(theme_first: bool) -> list[str]:
    """Rankings (a table) shown, left, the theme changed, and shown again, or
    the theme changed first: the screens on the way."""
    app = make_app()
    screens = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        if theme_first:
            app.action_switch_theme("ddx-light")
        for key in ("3", "1", "theme", "3", "tab", "shift+tab"):
            if key == "theme":
                if not theme_first:
                    app.action_switch_theme("ddx-light")
            else:
                await pilot.press(key)
            await pilot.pause()
            screens.append(styled_screen(app))
    return screens


async def test_a_table_kept_across_tab_switches_follows_the_theme_and_focus() -> None:
    """Tables keep what they drew when their pane is left and shown again
    (tui/widgets/tables.py), per focus state; never across a change of theme,
    and the cursor row shows focused or not as the table is."""
    kept = await _table_screens(theme_first=False)
    fresh = await _table_screens(theme_first=True)
    # From the second return on (the first screens differ: the theme differs).
    assert kept[3:] == fresh[3:]
    # Tab moves focus off the table: its cursor row looks blurred, then focused again.
    assert kept[3] != kept[4] and kept[5] == kept[3]


async def test_a_table_widened_fills_its_rows_to_its_new_width() -> None:
    """Compare's list opened narrows the table, Tab focuses it (its rows are
    drawn again in the focused look at that width), Escape closes the list
    and the table widens: each row's colour runs to the table's new edge, as
    when the table is drawn afresh (DataTable fills a row out to the width
    and keeps it without the width)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        for key in ("5", "c", "tab", "escape"):
            await pilot.press(key)
            await pilot.pause()
        table = app.query_one("#cmp-table", KeyTable)
        assert table.has_focus and table.size.width == 80
        assert await _as_drawn_afresh(pilot, table)


async def _as_drawn_afresh(pilot, table: KeyTable) -> bool:  # type: ignore[no-untyped-def]
    """Whether the screen is as it is with ``table`` drawn from nothing."""
    kept = styled_screen(pilot.app)
    table._clear_caches()
    table.refresh()
    await pilot.pause()
    return kept == styled_screen(pilot.app)


async def test_a_list_shown_again_after_a_resize_is_laid_out_again() -> None:
    """Lists keep their laid-out lines when their pane is shown again at the
    same size (tui/widgets/lists.py), not after a resize while hidden."""
    fresh = make_app()
    async with fresh.run_test(size=(60, 18)) as pilot:
        await settled(pilot)
        want = styled_screen(fresh)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("3")
        await pilot.pause()
        await pilot.resize_terminal(60, 18)
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert styled_screen(app) == want


async def test_a_kept_table_follows_a_restyle_of_its_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A class that changes only the cursor's colour (no theme change, the
    table's own style the same) shows on the table's return: what the table
    kept is thrown away when the styles of its parts change."""
    monkeypatch.setattr(DDXApp, "CSS", "KeyTable.-marked > .datatable--cursor { color: red; }")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        # Shown twice, so that it has drawn at its settled size and kept it.
        for key in ("3", "1", "3", "1"):
            await pilot.press(key)
            await pilot.pause()
        table = app.query_one("#rank-table", KeyTable)
        table.add_class("-marked")
        await pilot.press("3")
        await pilot.pause()
        assert await _as_drawn_afresh(pilot, table)


async def test_a_kept_table_takes_the_new_languages_headings() -> None:
    """Tables keep their drawn cells across a tab switch: a new language,
    chosen while the table is hidden or on show, still renames its columns."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        for key in ("4", "1", "4"):
            await pilot.press(key)
            await pilot.pause()
        heading = screen_text(app).splitlines()[4]
        assert "Id" in heading and "Year" in heading, heading
        await pilot.press("1")
        app.action_set_language("ru")
        await pilot.press("4")
        await pilot.pause()
        heading = screen_text(app).splitlines()[4]
        assert "Код" in heading and "Год" in heading, heading
        app.action_set_language("en")  # on show
        await pilot.pause()
        heading = screen_text(app).splitlines()[4]
        assert "Id" in heading and "Year" in heading, heading


async def fresh_explorer_screen(*keys: str) -> str:
    """The screen (with its colours) of a fresh explorer at 80x24 once
    ``keys`` are pressed: what a screen drawn from kept work must equal."""
    fresh = make_app()
    async with fresh.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        return styled_screen(fresh)


@pytest.mark.all_panes
async def test_a_tab_switch_draws_only_what_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Moving focus into the new pane repaints what looks different: the
    widgets that lost and gained focus, their borders. Not the whole screen
    (Textual's screen repaints whole when focus moves), not the switcher
    behind the panes or the slot each pane is built in, and not the Gantt, a
    chart or the map, whose drawing does not change with focus (drawing them
    again cost ~4 ms a visit). The focused part still shows by its heavy
    border, and the screen as drawn is the screen as a fresh explorer draws
    it."""
    from textual._compositor import Compositor
    from textual.widgets import ContentSwitcher

    from tui.app import PaneSlot
    from tui.charts.widget import Chart
    from tui.widgets.gantt import Gantt

    drawn: list[str] = []

    def counting(cls: type, name: str) -> None:
        original = getattr(cls, name)

        def count(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            drawn.append(f"{cls.__name__}.{name}")
            return original(self, *args, **kwargs)

        monkeypatch.setattr(cls, name, count)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await background_done(pilot)
        await press_each(pilot, "16171812")  # every pane in play shown once
        counting(Gantt, "render")
        counting(Chart, "render")
        counting(ChoroplethMap, "render_line")
        counting(ContentSwitcher, "render_line")
        counting(PaneSlot, "render_lines")  # never seen: its pane covers it
        counting(Compositor, "render_full_update")
        await press_each(pilot, "6171812")
        assert drawn == []  # (read before the screen is read back: that renders it whole)
        on_screen = styled_screen(app)
        await pilot.press("1")
        await pilot.pause()
        assert "┏" in screen_text(app) and "┃" in screen_text(app)  # the focused goal list
    assert await fresh_explorer_screen("2") == on_screen


@pytest.mark.all_panes
async def test_a_table_shown_again_draws_its_scrollbars_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A visit to a table draws its scrollbars once, for the background the
    table's focus gives them, not twice: Textual also redid them after each
    layout, in a screen update of its own (its scroll view compares the
    virtual size the layout gives it with the table's own, which always
    differ), ~1 ms of a visit to Sources. They show as a fresh explorer shows
    them."""
    from textual.scrollbar import ScrollBar

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await background_done(pilot)
        await press_each(pilot, "3434")
        drawn: list[str] = []
        original = ScrollBar.render

        def count(self):  # type: ignore[no-untyped-def]
            drawn.append(f"{self.parent.id}")
            return original(self)

        redone: list[str] = []
        scroll_update = KeyTable._scroll_update

        def counted(self, virtual_size):  # type: ignore[no-untyped-def]
            redone.append(f"{self.id}")
            return scroll_update(self, virtual_size)

        monkeypatch.setattr(ScrollBar, "render", count)
        monkeypatch.setattr(KeyTable, "_scroll_update", counted)
        await press_each(pilot, "3434")
        assert drawn == ["source-table", "source-table"]  # two visits to Sources
        assert redone == []  # nothing changed: the scrollbars are as they were
        table = app.query_one("#source-table", KeyTable)
        assert table.show_vertical_scrollbar and table.vertical_scrollbar.display
        monkeypatch.undo()
        on_screen = styled_screen(app)
    assert await fresh_explorer_screen("4") == on_screen


@pytest.mark.all_panes
async def test_the_cycle_collector_seldom_runs_in_a_key() -> None:
    """Keys make and drop thousands of objects; with Python's default
    threshold the collector ran several times in most keys (1-2 ms when it
    walked the older generation). Once the explorer is up it runs every few
    keys at most."""
    import gc

    gc.set_threshold(700, 10, 10)  # Python's default, whatever ran before
    runs: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            runs.append(info["generation"])

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await background_done(pilot)
        await press_each(pilot, "23456781")
        gc.callbacks.append(count)
        try:
            await press_each(pilot, "2345678123456781")
        finally:
            gc.callbacks.remove(count)
    assert len(runs) <= 8, f"{len(runs)} collections in 16 tab switches"


async def test_a_chart_kept_cut_into_lines_follows_the_theme(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A country's chart, once drawn, is kept cut into the screen's lines
    (Textual cut the whole chart again each time: ~2 ms a country): a country
    visited again is not cut again, and shows as a fresh explorer shows it,
    in the theme of the moment (the lines are kept per widget style)."""
    from textual.visual import Visual

    from tui.charts.widget import Chart

    cuts: list[str] = []
    to_strips = Visual.to_strips

    def counting(widget, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(widget, Chart):
            cuts.append(str(widget.id))
        return to_strips(widget, *args, **kwargs)

    monkeypatch.setattr(Visual, "to_strips", staticmethod(counting))

    async def shown(app: DDXApp, pilot, keys: list[str]) -> str:  # type: ignore[no-untyped-def]
        await pilot.press(*keys)
        await pilot.pause()
        return styled_screen(app)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await shown(app, pilot, ["2", *["right_square_bracket"] * 5])  # every country once
        cuts.clear()
        kgz = await shown(app, pilot, ["right_square_bracket"])
        await shown(app, pilot, ["right_square_bracket", "left_square_bracket"])
        assert cuts == []
        app.theme = "ddx-light"
        light = await shown(app, pilot, ["right_square_bracket", "left_square_bracket"])
        assert cuts  # new colours: cut again
    for theme, want in (("ddx-dark", kgz), ("ddx-light", light)):
        fresh = make_app()
        async with fresh.run_test(size=(80, 24)) as pilot:
            await settled(pilot)
            fresh.theme = theme
            assert await shown(fresh, pilot, ["2", "right_square_bracket"]) == want, theme


async def test_text_selected_on_a_kept_chart_shows_and_goes() -> None:
    """Text selected with the mouse on a chart shows on it (Textual draws the
    selection into the chart's lines), and once it is cleared the chart shows
    as before; a chart first drawn while text was selected (the components
    chart, ``c``) does not keep the selection in its kept lines."""
    from textual.geometry import Offset
    from textual.selection import Selection

    from tui.charts.widget import Chart

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("2")
        await pilot.pause()
        chart = app.query_one("#country-chart", Chart)
        plain = styled_screen(app)
        app.screen.selections = {chart: Selection.from_offsets(Offset(0, 0), Offset(200, 200))}
        await pilot.pause()
        assert styled_screen(app) != plain
        await pilot.press("c")  # a chart not drawn before, drawn with the selection on
        await pilot.pause()
        app.screen.selections = {}
        await pilot.pause()
        components = styled_screen(app)
        await pilot.press("c")
        await pilot.pause()
        assert styled_screen(app) == plain
        await pilot.press("c")
        await pilot.pause()
        assert styled_screen(app) == components
    assert await fresh_explorer_screen("2", "c") == components
