"""The Infrastructure pane as a user drives it (key 7)."""

from __future__ import annotations

from tests.screen import flat, screen_text
from tui.app import make_app
from tui.panes.infrastructure import InfrastructurePane
from tui.screens.provenance import ProvenanceScreen


async def test_turkmenistan_internet_series_ends_in_2017() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("7")
        await pilot.pause()
        pane = app.query_one(InfrastructurePane)
        assert pane.describe_state() == "view=internet indicator=IT.NET.USER.ZS"
        text = flat(app)
        assert "Turkmenistan: latest 2017" in text
        assert "Kazakhstan: latest 2023" in text
        assert "Gaps in the source" in text and "TJK 1996-98, 2018-19" in text
        frame = pane.current_frame()
        tkm = frame.filter((frame["iso3"] == "TKM") & (frame["year"] > 2017))
        assert tkm["value"].null_count() == len(tkm) > 0


async def test_i_and_brackets_switch_the_series_and_views() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("7", "i")
        await pilot.pause()
        pane = app.query_one(InfrastructurePane)
        assert pane.describe_state() == "view=broadband indicator=IT.NET.BBND.P2"
        assert "Fixed broadband" in flat(app)
        await pilot.press("right_square_bracket")
        assert pane.describe_state() == "view=mobile indicator=IT.CEL.SETS.P2"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert pane.describe_state() == "view=price"
        text = flat(app)
        assert "Turkmenistan 2022 14.27 227" in text
        await pilot.press("i")  # back to the last series
        assert pane.describe_state() == "view=mobile indicator=IT.CEL.SETS.P2"
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert pane.describe_state().startswith("view=idi")  # wraps around


async def test_casa_shows_the_conflict_and_the_undated_row() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("7", *["right_square_bracket"] * 4)
        await pilot.pause()
        assert app.query_one(InfrastructurePane).describe_state() == "view=casa"
        text = screen_text(app)
        assert text.count("⚠ conflict") >= 3  # the summary line and both rows
        assert "2018-03 vs 2018-07-02" in flat(app) and "neither preferred" in flat(app)
        assert "undated     UZB" in text
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ProvenanceScreen)
        assert "Sources disagree" in flat(app)


async def test_freedom_on_the_net_scales_apart() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7", *["left_square_bracket"] * 2)
        await pilot.pause()
        text = flat(app)
        assert "CURRENT scale" in text and "HIGHER = freer" in text
        assert "LEGACY scale" in text and "LOWER = freer" in text
        assert "Kazakhstan 38 NF 32 NF" in text
        items = app.query_one(InfrastructurePane).provenance()
        legacy = [p for p in items if "legacy scale" in p.label]
        assert legacy and all("legacy_fotn_scale" in p.caveats for p in legacy)
        assert not any(
            "legacy_fotn_scale" in p.caveats for p in items if "current scale" in p.label
        )
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Kazakhstan 53 of 166 52 of 176" in flat(app)
