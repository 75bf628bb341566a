"""The Map pane as a user drives it (key 8)."""

from __future__ import annotations

from tests.screen import flat, screen_text
from tui.app import Options, make_app
from tui.core import geo
from tui.panes.map import MapPane
from tui.widgets.map import ASCII_SHADES, UNICODE_SHADES, ChoroplethMap


async def test_legend_labels_and_values_for_2024() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        text = flat(app)
        assert "EGDI 2024" in text
        for label in ("0.75–1.00", "0.50–0.75", "0.25–0.50", "0.00–0.25", "no data"):
            assert label in text
        assert "de facto boundaries" in text
        raw = screen_text(app)
        assert "KAZ █ 0.90093" in raw and "TKM ▒ 0.47569" in raw and "TJK ▓ 0.56055" in raw
        for code in ("KAZ", "UZB", "TKM", "KGZ", "TJK", "AFG", "CHN"):
            assert code in raw  # labels on the map
        view = app.query_one(ChoroplethMap)
        assert view.last_raster is not None and "KAZ" in view.last_raster.labels


async def test_brackets_change_the_edition_and_i_the_indicator() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8", "left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert app.edition == 2020 and "EGDI 2020" in flat(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        pane = app.query_one(MapPane)
        assert app.edition == 2022 and pane.describe_state().startswith(
            "edition=2022 indicator=egdi"
        )
        assert "EGDI 2022" in flat(app) and "UN E-Gov Survey 2022" in flat(app)
        await pilot.press("i")
        await pilot.pause()
        assert app.indicator == "osi" and "OSI 2022" in flat(app)
        frame = pane.current_frame()
        assert set(frame["indicator"]) == {"osi"} and "class" in frame.columns


async def test_flagged_zero_is_drawn_as_no_data_and_explained() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("8", *["left_square_bracket"] * 11)
        await pilot.pause()
        assert app.edition == 2003
        text = flat(app)
        assert "readiness-era index" in text and "UZB · 0, not measured" in text
        pane = app.query_one(MapPane)
        assert pane.fill.class_of("UZB") == geo.NO_DATA
        labels = [p.label for p in pane.provenance()]
        assert any(lab.startswith("No data class") and "UZB" in lab for lab in labels)
        assert any("Natural Earth" in lab for lab in labels)


async def test_classes_use_distinct_shading_and_ascii_mode() -> None:
    """Classes differ by character (so NO_COLOR keeps them apart); --ascii
    uses plain ASCII shading, and marks the Digital CASA conflict in ASCII too."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        drawn = str(app.query_one(ChoroplethMap).render())
        assert sum(ch in drawn for ch in UNICODE_SHADES) >= 3
    app = make_app(options=Options(ascii=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        drawn = str(app.query_one(ChoroplethMap).render())
        assert drawn.isascii() and sum(ch in drawn for ch in ASCII_SHADES) >= 3
        await pilot.press("7", *["right_square_bracket"] * 4)
        await pilot.pause()
        text = screen_text(app)
        assert "! conflict" in text and "⚠" not in text
