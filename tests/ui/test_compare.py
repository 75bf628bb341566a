"""Compare pane (5): countries side by side in one edition, as a user sees it."""

from __future__ import annotations

from tests.screen import flat, open_pane, screen_text
from tui.app import Options, make_app
from tui.core import FOCUS
from tui.panes.compare import ComparePane
from tui.screens.provenance import ProvenanceScreen


def row(text: str, label: str) -> list[str]:
    """The cells of the table row (under the header) whose first cell is ``label``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:1] == ["Index"])
    for line in lines[start + 1 :]:
        cells = line.split()
        if cells and cells[0].lstrip("▶>") == label:
            return cells[1:]
    raise AssertionError(f"no row {label!r} in:\n{text}")


def header(text: str) -> list[str]:
    for line in text.splitlines():
        if " Index " in f" {line} ":
            return line.split(" Index ", 1)[1].split()[1::2]  # skip the fill/marker glyphs
    raise AssertionError(f"no table header in:\n{text}")


async def test_compare_shows_2024_values_of_the_five() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, "5")
        await pilot.pause()
        text = screen_text(app)
        assert "2024 · indices side by side · 5 countries" in text
        assert header(text) == list(FOCUS)
        assert row(text, "EGDI") == ["0.90093", "0.7316", "0.56055", "0.47569", "0.7999"]
        assert row(text, "EPI")[3] == "0.0411"
        assert row(text, "rank") == ["24", "78", "123", "145", "63"]
        # The grouped bars are on screen with every index as a group.
        for ind in ("EGDI", "OSI", "TII", "HCI", "EPI"):
            assert ind in text
        assert app.query_one(ComparePane).describe_state().startswith("edition=2024 view=bars")
        # [ and ] step the edition.
        await pilot.press("left_square_bracket")
        await pilot.pause()
        text = screen_text(app)
        assert app.edition == 2022
        assert "2022 · indices side by side" in text
        assert row(text, "EGDI")[0] == "0.8628"
        await pilot.press("right_square_bracket", "i")  # back to 2024; i marks OSI
        await pilot.pause()
        text = screen_text(app)
        assert row(text, "EGDI")[0] == "0.90093"
        assert app.indicator == "osi" and "▶OSI" in text
        # s: the source of every figure, one key away.
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ProvenanceScreen)
        text = flat(app)
        assert "Kazakhstan: EGDI 0.90093" in text
        assert "unegov_2024" in text


async def test_neighbours_palette_and_the_two_to_eight_limit() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, "5")
        await pilot.press("n")
        await pilot.pause()
        text = screen_text(app)
        assert header(text) == [*FOCUS, "AFG", "RUS", "CHN"]
        assert "8 countries" in text
        assert row(text, "EGDI")[5] == "0.20827"  # Afghanistan 2024
        pane = app.query_one(ComparePane)
        pane.action_add("TUR")  # refused: at most eight
        await pilot.pause()
        assert len(pane.selection) == 8 and "TUR" not in pane.selection
        await pilot.press("n")
        await pilot.pause()
        assert header(screen_text(app)) == list(FOCUS)
        titles = [c.title for c in pane.palette_commands()]
        assert "Compare: add Türkiye (TUR)" in titles
        assert "Compare: remove Kazakhstan (KAZ)" in titles
        await app.run_action("app.pane_do('compare', 'add', 'TUR')")
        await pilot.pause()
        text = screen_text(app)
        assert header(text)[-1] == "TUR"
        assert row(text, "EGDI")[-1] == "0.89131"
        await app.run_action("app.pane_do('compare', 'remove', 'TUR')")
        await pilot.pause()
        assert "TUR" not in header(screen_text(app))
        for c in ("KAZ", "KGZ", "TJK"):
            pane.action_remove(c)
        await pilot.pause()
        assert pane.selection == ("TKM", "UZB")
        pane.action_remove("UZB")  # refused: at least two
        await pilot.pause()
        assert pane.selection == ("TKM", "UZB")


async def test_checklist_toggles_countries_by_keyboard() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, "5")
        await pilot.press("c")
        await pilot.pause()
        text = screen_text(app)
        assert "[x] Kyrgyzstan (KGZ)" in text and "[ ] Afghanistan (AFG)" in text
        await pilot.press("space")  # KAZ is highlighted first: off
        await pilot.pause()
        assert app.query_one(ComparePane).selection == ("KGZ", "TJK", "TKM", "UZB")
        for _ in range(5):
            await pilot.press("down")
        await pilot.press("space")  # Afghanistan: on
        await pilot.pause()
        text = screen_text(app)
        assert "[x] Afghanistan (AFG)" in text and "[ ] Kazakhstan (KAZ)" in text
        assert "AFG" in header(text)
        await pilot.press("escape")  # the list goes, the chart has the room again
        await pilot.pause()
        assert "Afghanistan (AFG)" not in screen_text(app)


async def test_scatter_defaults_to_egdi_vs_epi_with_caption() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, "5")
        await pilot.press("v")
        await pilot.pause()
        text = screen_text(app)
        assert "EGDI vs EPI" in text
        assert row(text, "x") == ["EGDI", "0.90093", "0.7316", "0.56055", "0.47569", "0.7999"]
        assert row(text, "y")[:2] == ["EPI", "0.8493"]
        assert "stand-in for the article's Figure 3.3" in flat(app)
        for iso3 in FOCUS:  # every point is labelled
            assert text.count(iso3) >= 2
        await pilot.press("i")  # y-axis moves on, x stays EGDI
        await pilot.pause()
        assert row(screen_text(app), "y")[:2] == ["OSI", "0.93903"]
        assert app.indicator == "osi"
        await pilot.press("x")
        await pilot.pause()
        assert row(screen_text(app), "x")[0] == "TII"


async def test_readiness_era_in_ascii_mode() -> None:
    app = make_app(options=Options(ascii=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, "5")
        app.edition = 2005
        await pilot.pause()
        text = screen_text(app)
        assert "readiness-era index" in text
        assert "# KAZ" in text and "= KGZ" in text
        assert "█" not in text
        prov = app.query_one(ComparePane).provenance()
        assert any("readiness_era" in p.caveats for p in prov)
        frame = app.query_one(ComparePane).current_frame()
        assert frame.filter(frame["iso3"] == "TKM")["egdi"][0] == 0  # as the source gives it
