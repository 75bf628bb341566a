"""The Map pane as a user drives it (key 8), read back from what the map
widget paints at 80x24."""

from __future__ import annotations

import polars as pl
import pytest
from rich.style import Style

from tests.screen import flat, screen_text, settled, styled_screen
from tui.app import Options, make_app
from tui.core import FOCUS, geo_classes, geo_raster
from tui.panes.map import MapPane
from tui.widgets.map import (
    ASCII_NO_DATA,
    ASCII_SHADES,
    FULL,
    HALF_LOWER,
    HALF_UPPER,
    UNICODE_NO_DATA,
    UNICODE_SHADES,
    ChoroplethMap,
)

Triplet = tuple[int, int, int]


def painted(view: ChoroplethMap) -> list[list[tuple[str, Style]]]:
    """The widget's rendered rows, a (character, style) per cell."""
    rows = []
    for y in range(view.size.height):
        cells: list[tuple[str, Style]] = []
        for seg in view.render_line(y):
            cells += [(ch, seg.style or Style()) for ch in seg.text]
        rows.append(cells)
    return rows


def rgb(colour) -> Triplet | None:  # type: ignore[no-untyped-def]
    return None if colour is None else tuple(colour.get_truecolor())  # type: ignore[return-value]


def pixels_read_back(view: ChoroplethMap) -> dict[tuple[int, int], Triplet | None]:
    """Half-block mode: each pixel's colour as painted (None for water); the
    pixels under a label are left out."""
    out: dict[tuple[int, int], Triplet | None] = {}
    for r, row in enumerate(painted(view)):
        for c, (ch, st) in enumerate(row):
            fg, bg = rgb(st.color), rgb(st.bgcolor)
            if ch == " ":
                top, bottom = None, None
            elif ch == FULL:
                top, bottom = fg, fg
            elif ch == HALF_UPPER:
                top, bottom = fg, bg
            elif ch == HALF_LOWER:
                top, bottom = None, fg
            else:
                continue  # a label
            out[(2 * r, c)], out[(2 * r + 1, c)] = top, bottom
    return out


def in_crop(app, raster: geo_raster.Raster) -> set[str]:  # type: ignore[no-untyped-def]
    """Countries with a shape vertex inside what the map shows."""
    lon0, lat0, lon1, lat1 = raster.extent
    shapes = app.dataset.frame("map_shapes")
    return set(
        shapes.filter(pl.col("lon").is_between(lon0, lon1), pl.col("lat").is_between(lat0, lat1))[
            "iso3"
        ]
    )


async def open_map(pilot, *keys: str) -> tuple[MapPane, ChoroplethMap]:  # type: ignore[no-untyped-def]
    await settled(pilot)
    await pilot.press("8", *keys)
    await pilot.pause()
    app = pilot.app
    return app.query_one(MapPane), app.query_one(ChoroplethMap)


async def test_legend_labels_and_values_for_2024() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _pane, view = await open_map(pilot)
        text = flat(app)
        assert "EGDI 2024" in text
        for label in ("0.75–1.00", "0.50–0.75", "0.25–0.50", "0.00–0.25", "no data"):
            assert label in text
        assert "de facto boundaries" in text and "border of the five" in text
        raw = screen_text(app)
        assert "KAZ █ 0.90093" in raw and "TKM █ 0.47569" in raw and "TJK █ 0.56055" in raw
        raster = view.last_raster
        assert raster is not None and raster.per_cell == 2  # half blocks: two pixels a cell
        assert raster.height == 2 * view.size.height


async def test_the_five_are_labelled_inside_the_map_at_80x24() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _pane, view = await open_map(pilot)
        raster = view.last_raster
        assert raster is not None
        rows = painted(view)
        for code in FOCUS:
            r, c = raster.labels[code]
            assert "".join(ch for ch, _ in rows[r][c : c + 3]) == code
            # over its own country (or, if too small for three cells, beside it)
            assert code in {raster.cell_owner(r, c + j) for j in range(3)}
        # the five are labelled in reverse: their labels stand out from the neighbours'
        kaz = rows[raster.labels["KAZ"][0]][raster.labels["KAZ"][1]][1]
        afg = rows[raster.labels["AFG"][0]][raster.labels["AFG"][1]][1]
        assert kaz.bold and kaz.bgcolor != afg.bgcolor


@pytest.mark.parametrize(("indicator_presses", "name"), [(0, "EGDI"), (2, "TII")])
async def test_every_country_with_a_value_in_the_crop_is_drawn(
    indicator_presses: int, name: str
) -> None:
    """Read back from the painted rows: every country with a value and a shape
    in the crop has at least one pixel in its class's colour. (TII 2024 once
    left Georgia and Azerbaijan blank: a same-shade border rule ate them.)"""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane, view = await open_map(pilot, *["i"] * indicator_presses)
        assert f"{name} 2024" in flat(app)
        raster = view.last_raster
        assert raster is not None
        read = pixels_read_back(view)
        palette = view.palette()
        valued = set(pane.frame.filter(pl.col("status") == "value")["iso3"])
        want = in_crop(app, raster) & valued
        assert {"GEO", "AZE", "ARM", *FOCUS} <= want
        index = {c: i for i, c in enumerate(raster.codes)}
        for code in sorted(want):
            colour = rgb(view.class_colour(pane.fill.class_of(code), palette).rich_color)
            own = [p for p, i in _pixels(raster) if i == index[code]]
            assert own, f"{code} has no pixel"
            assert any(read.get(p) == colour for p in own), f"{code} not drawn in its class colour"


def _pixels(raster: geo_raster.Raster):  # type: ignore[no-untyped-def]
    for r, row in enumerate(raster.cells):
        for c, i in enumerate(row):
            yield (r, c), i


async def test_borders_part_neighbours_of_one_class() -> None:
    """Kazakhstan, Russia and China share the top EGDI class in 2024: lines
    part them, and Kazakhstan (pointed at by default) is outlined."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane, view = await open_map(pilot)
        assert {pane.fill.class_of(c) for c in ("KAZ", "RUS", "CHN")} == {3}
        raster = view.last_raster
        assert raster is not None
        index = {c: i for i, c in enumerate(raster.codes)}
        read = pixels_read_back(view)
        selected = rgb(view.palette()["map-selected"].rich_color)
        for other in ("RUS", "CHN"):
            line = [
                p
                for p, across in raster.border.items()
                if {raster.cells[p[0]][p[1]], *across} >= {index["KAZ"], index[other]}
            ]
            assert line and all(read.get(p, selected) == selected for p in line)


async def test_no_color_shades_each_class_with_its_own_character(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane, view = await open_map(pilot, "i", "i")  # TII 2024: four classes on screen
        assert app.no_color and not view.half_blocks
        assert "no colour: shading" in flat(app)
        raster = view.last_raster
        assert raster is not None and raster.per_cell == 1
        labels = {(r, c + j) for r, c in raster.labels.values() for j in range(3)}
        classes_of: dict[str, set[int]] = {}
        for r, row in enumerate(painted(view)):
            for c, (ch, _st) in enumerate(row):
                if ch == " " or (r, c) in labels:
                    continue
                code = raster.at(r, c)
                assert code is not None
                classes_of.setdefault(ch, set()).add(pane.fill.class_of(code))
        # every class shown has a character of its own, and no character two classes
        assert all(len(ks) == 1 for ks in classes_of.values()), classes_of
        assert len(classes_of) >= 4
        assert set(classes_of) <= {*UNICODE_SHADES, UNICODE_NO_DATA}
        for code in ("GEO", "AZE", "ARM"):  # small neighbours keep their cells
            assert code in raster.shown()


async def test_ascii_mode_is_plain_ascii_with_a_character_per_class() -> None:
    app = make_app(options=Options(ascii=True))
    async with app.run_test(size=(80, 24)) as pilot:
        _pane, view = await open_map(pilot, "i", "i")
        drawn = "".join(ch for row in painted(view) for ch, _ in row)
        assert drawn.isascii() and sum(ch in drawn for ch in ASCII_SHADES) >= 3
        for part in ("#map-legend", "#map-head"):
            shown = str(app.query_one(part).render()).replace("·", "")
            assert shown.isascii(), shown
        assert ASCII_NO_DATA not in "".join(ASCII_SHADES)
        await pilot.press("7", *["right_square_bracket"] * 4)
        await pilot.pause()
        text = screen_text(app)
        assert "! conflict" in text and "⚠" not in text


async def test_brackets_change_the_edition_and_wrap_at_the_ends() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane, _view = await open_map(pilot)
        first, last = app.editions[0], app.editions[-1]
        assert app.edition == last
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.edition == first and f"EGDI {first}" in flat(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.edition == last
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert app.edition == 2020 and "EGDI 2020" in flat(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert pane.describe_state().startswith("edition=2022 indicator=egdi")
        assert "EGDI 2022" in flat(app) and "UN E-Gov Survey 2022" in flat(app)
        await pilot.press("i")
        await pilot.pause()
        assert app.indicator == "osi" and "OSI 2022" in flat(app)
        frame = pane.current_frame()
        assert set(frame["indicator"]) == {"osi"} and "class" in frame.columns


async def test_arrows_and_clicks_point_at_one_of_the_five() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane, view = await open_map(pilot)
        assert app.country == "KAZ" and view.selected == "KAZ"
        await pilot.press("down")
        await pilot.pause()
        assert app.country == "KGZ" and view.selected == "KGZ"
        assert pane.describe_state().endswith("selected=KGZ")
        raster = view.last_raster
        assert raster is not None
        r, c = raster.labels["KGZ"]
        label = painted(view)[r][c][1]
        assert label.underline and rgb(label.bgcolor) == rgb(
            view.palette()["map-selected"].rich_color
        )
        await pilot.press("up", "up")
        await pilot.pause()
        assert app.country == "UZB"  # wraps
        r, c = raster.labels["TJK"]
        await pilot.click(view, offset=(c + 1, r))
        await pilot.pause()
        assert app.country == "TJK"


async def test_source_screen_names_ddx_for_the_breaks_and_the_survey_for_values() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane, _view = await open_map(pilot)
        item = next(p for p in pane.provenance() if "class breaks" in p.label)
        assert item.label.startswith("ddx's class breaks: 0.25 / 0.50 / 0.75")
        assert item.source_id == "unegov_2024" and "project_reading" not in item.caveats
        await pilot.press("s")
        await pilot.pause()
        text = flat(app)
        assert "ddx's class breaks" in text and "Class breaks chosen by ddx" in text
        assert "United Nations E-Government Survey 2024" in text
        assert "reading of the article" not in text


async def test_flagged_zero_is_drawn_as_no_data_and_explained() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane, _view = await open_map(pilot, "right_square_bracket")
        assert app.edition == 2003
        text = flat(app)
        assert "readiness-era index" in text and "UZB █ 0, not measured" in screen_text(app)
        assert pane.fill.class_of("UZB") == geo_classes.NO_DATA
        labels = [p.label for p in pane.provenance()]
        assert any(lab.startswith("No data class") and "UZB" in lab for lab in labels)
        assert any("Natural Earth" in lab for lab in labels)


@pytest.mark.parametrize("shown", [True, False])
async def test_the_legend_takes_the_new_themes_colours(shown: bool) -> None:
    """The legend's swatches are the theme's map colours: after a change of
    theme, on the Map pane or while it is hidden, the legend and the map
    look as in a session started in that theme (before, the legend kept the
    old theme's colours beside a map drawn in the new ones: a wrong key)."""

    async def look(theme: str, switch_to: str | None) -> str:
        app = make_app(options=Options(start="map", theme=theme, present_year=2026))
        async with app.run_test(size=(80, 24)) as pilot:
            await settled(pilot)
            if switch_to is not None:
                if not shown:
                    await pilot.press("1")
                app.action_switch_theme(switch_to)
                await pilot.pause()
                if not shown:
                    await pilot.press("8")
                await pilot.pause()
            return styled_screen(app)

    assert await look("ddx-dark", "ddx-light") == await look("ddx-light", None)


async def test_an_edition_chosen_on_another_pane_shows_on_the_map_as_in_a_fresh_session() -> None:
    """At 60x18 the caption is shortened and the legend's last line counts
    what does not fit. Made while the Map pane is hidden (its widgets have no
    size on the screen then), they were made for no width: the long caption
    cut at the edge and legend lines dropped without a word."""

    async def look(start: str, keys: list[str]) -> str:
        app = make_app(options=Options(start=start, present_year=2026))
        async with app.run_test(size=(60, 18)) as pilot:
            await settled(pilot)
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            return styled_screen(app)

    fresh = await look("map:2022", [])
    assert "+3 more: enlarge" in fresh and "Shapes: Natural Earth (de facto)" in fresh
    assert await look("map", ["3", "left_square_bracket", "8"]) == fresh
