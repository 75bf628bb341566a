"""A widget that gains or loses focus takes back the styles it was given in
that state before (tui/focus_look.py) instead of having the stylesheet
applied again: what it takes back must be what the stylesheet gives, on
every pane, in either theme, at every size, and a change to what the rules
match (a class on an ancestor, new rules) must not bring back old styles."""

from __future__ import annotations

from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet

from tests.screen import background_done, press_each, styled_screen
from tui.app import DDXApp, make_app
from tui.focus_look import FocusStylesKept
from tui.widgets.tables import KeyTable

VISITS = "2345678123456781"  # every pane twice: the second visit takes back


def _styles(app: DDXApp) -> dict[str, Any]:
    """Every focus-keeping widget's styles as the screen uses them: its base
    rules and its component classes' rules."""
    return {
        f"{widget.id}": (
            dict(widget.styles.base._rules),
            {name: dict(styles.base._rules) for name, styles in widget._component_styles.items()},
        )
        for widget in app.screen.query("*")
        if isinstance(widget, FocusStylesKept)
    }


async def _restyled_in_full(app: DDXApp, pilot: Any) -> None:
    app.stylesheet.update(app.screen)
    await pilot.pause()


@pytest.mark.all_panes
@pytest.mark.parametrize(("theme", "size"), [("ddx-dark", (80, 24)), ("ddx-light", (60, 18))])
async def test_styles_taken_back_are_the_stylesheets(theme: str, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await background_done(pilot)
        app.theme = theme
        await pilot.pause()
        for pane in VISITS:
            for key in (pane, "tab", "shift+tab"):  # into the pane, then within it
                await pilot.press(key)
                await pilot.pause()
                taken_back, on_screen = _styles(app), styled_screen(app)
                await _restyled_in_full(app, pilot)
                where = f"pane {pane}, {key}"
                assert _styles(app) == taken_back, f"{where}: styles differ from the stylesheet's"
                # (the screen also holds what the styles are drawn with: the
                # scrollbars over a widget's tinted background)
                assert styled_screen(app) == on_screen, f"{where}: the screen differs"


@pytest.mark.all_panes
async def test_a_tab_switch_takes_back_the_focused_widgets_styles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The point of it: once each pane has been visited, a tab switch does
    not match the stylesheet against the widgets that lose and gain focus
    (~1.3 ms each for a table)."""
    applied: list[str] = []
    original = Stylesheet.apply

    def counting(self: Stylesheet, node: Any, **kwargs: Any) -> None:
        applied.append(f"{type(node).__name__}#{node.id}")
        original(self, node, **kwargs)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await background_done(pilot)
        await press_each(pilot, VISITS)
        monkeypatch.setattr(Stylesheet, "apply", counting)
        await press_each(pilot, "345")  # Rankings' table, Sources' table, Compare's list
        assert isinstance(app.focused, FocusStylesKept)
        assert applied == []


@pytest.mark.all_panes
async def test_what_the_rules_match_changing_is_not_undone_by_a_focus_move() -> None:
    """A rule for a focused table under a class: the class set on the pane
    after the table's focused look was kept, the table shows the rule when
    focus comes back. New rules likewise."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await background_done(pilot)
        app.stylesheet.add_source(
            ".-probe KeyTable:focus { border: solid red; }", read_from=("probe", "")
        )
        app.stylesheet.parse()
        app.stylesheet.update(app)
        await press_each(pilot, "3434")  # the Rankings table's looks kept, focused and not
        table = app.query_one("#rank-table", KeyTable)
        assert table.styles.border_top[0] != "solid"
        app.query_one("#rankings").add_class("-probe")
        await pilot.press("3")
        await pilot.pause()
        assert app.focused is table
        assert table.styles.border_top[0] == "solid"
        assert table.styles.border_top[1].rgb == (255, 0, 0)
        await pilot.press("4", "3")
        await pilot.pause()
        assert table.styles.border_top[0] == "solid"
        app.stylesheet.add_source(
            ".-probe KeyTable:focus { border: double green; }", read_from=("probe2", "")
        )
        app.stylesheet.parse()  # new rules; no restyle of the table until focus moves
        await pilot.press("4", "3")
        await pilot.pause()
        assert table.styles.border_top[0] == "double"
