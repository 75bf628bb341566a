"""The map core (projection, even-odd fill, labels, classes) and the
infrastructure queries, on tiny shapes and on the built-in data."""

from __future__ import annotations

import polars as pl
import pytest

from tui.core import geo, geo_classes, geo_raster, geo_shapes, infra
from tui.core.dataset import Dataset
from tui.paths import data_dir


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return Dataset(data_dir())


def square(iso3: str, part: int, x0: float, y0: float, x1: float, y1: float) -> list[dict]:
    pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    return [dict(iso3=iso3, part=part, seq=i, lon=x, lat=y) for i, (x, y) in enumerate(pts)]


def geometry(rows: list[dict], view: tuple[float, float, float, float]) -> geo_raster.MapGeometry:
    return geo_raster.MapGeometry(geo_shapes.rings_from_frame(pl.DataFrame(rows)), view)


# -- projection and fill ------------------------------------------------------------
def test_unwrap_makes_a_ring_cut_at_the_antimeridian_continuous() -> None:
    assert geo_shapes.unwrap([170.0, 179.0, -179.0, -170.0, 179.5]) == [
        170.0,
        179.0,
        181.0,
        190.0,
        179.5,
    ]


def test_a_square_fills_its_cells_and_nothing_else() -> None:
    # view 0..10 x 0..10 at the equator-ish: kx = cos(5 deg) ~ 1
    g = geometry(square("AAA", 0, 2, 2, 8, 8), (0, 0, 10, 10))
    r = g.raster(20, 10)
    lines = r.lines(water=".")
    filled = sum(line.count("A") for line in lines)
    assert 0 < filled < 20 * 10
    assert lines[0] == "." * 20 and lines[-1] == "." * 20  # top and bottom rows are water
    mid = lines[len(lines) // 2]
    assert mid.startswith(".") and mid.endswith(".") and "A" in mid


def test_a_hole_stored_as_another_part_stays_open() -> None:
    rows = square("AAA", 0, 0, 0, 10, 10) + square("AAA", 1, 3, 3, 7, 7)
    g = geometry(rows, (0, 0, 10, 10))
    r = g.raster(40, 20)
    mid = r.lines(water=".")[10]
    # land, then the hole, then land again: the even-odd rule
    assert mid.strip(".").startswith("A") and "." in mid.strip(".")
    assert r.at(10, 20) is None and r.at(10, 2) == "AAA"


def test_fit_keeps_the_whole_view_and_cells_twice_as_tall() -> None:
    g = geometry(square("AAA", 0, 0, 0, 10, 10), (0, 0, 10, 10))
    left, top, cw, ch = g.fit(40, 10)
    assert ch == pytest.approx(2 * cw)
    assert left <= 0 and left + 40 * cw >= 10 * g.kx - 1e-9
    assert top >= 10 and top - 10 * ch <= 1e-9


def test_labels_sit_inside_their_country() -> None:
    rows = square("AAA", 0, 0, 0, 5, 10) + square("BBB", 0, 5, 0, 10, 10)
    r = geometry(rows, (0, 0, 10, 10)).raster(40, 12)
    for code, (row, col) in r.labels.items():
        assert all(r.at(row, c) == code for c in range(col, col + 3))
    assert set(r.labels) == {"AAA", "BBB"}


def test_half_blocks_double_the_rows_with_square_pixels() -> None:
    g = geometry(square("AAA", 0, 2, 2, 8, 8), (0, 0, 10, 10))
    one, two = g.raster(20, 10), g.raster(20, 10, per_cell=2)
    assert (two.height, two.rows, two.per_cell) == (20, 10, 2) and one.height == 10
    assert two.extent == pytest.approx(one.extent)  # the same ground, twice the rows
    assert sum(line.count("A") for line in two.lines()) == pytest.approx(
        2 * sum(line.count("A") for line in one.lines()), rel=0.25
    )


def test_a_border_line_goes_on_the_larger_side_and_spares_the_smaller() -> None:
    # BBB (small) sits inside AAA's corner; both touch along x = 6.
    rows = square("AAA", 0, 0, 0, 6, 10) + square("BBB", 0, 6, 0, 8, 10)
    r = geometry(rows, (0, 0, 10, 10)).raster(40, 20)
    a, b = r.codes.index("AAA"), r.codes.index("BBB")
    assert r.border, "neighbours must be parted by a line"
    for (y, x), across in r.border.items():
        assert r.cells[y][x] == a and across == {b}  # always on AAA's (larger) side
    # one pixel wide: each row of the shared edge has one line pixel
    assert all(sum(1 for (y, _x) in r.border if y == row) <= 1 for row in range(r.height))


def test_a_country_too_small_for_any_pixel_centre_still_gets_a_pixel() -> None:
    tiny = square("TNY", 0, 5.01, 5.01, 5.02, 5.02)
    rows = square("AAA", 0, 0, 0, 10, 10) + tiny
    r = geometry(rows, (0, 0, 10, 10)).raster(20, 10)
    assert "TNY" in r.shown() and "AAA" in r.shown()
    # an island in the sea, too
    r = geometry(square("BIG", 0, 0, 0, 3, 3) + tiny, (0, 0, 10, 10)).raster(20, 10)
    assert "TNY" in r.shown()


def test_the_view_is_centred_on_the_five(ds: Dataset) -> None:
    rings = geo_shapes.load_rings(ds)
    lon0, lat0, lon1, lat1 = geo_shapes.focus_view(rings)
    boxes = [r.bbox for r in rings if r.iso3 in geo.FOCUS]
    assert lon0 < min(b[0] for b in boxes) and lon1 > max(b[2] for b in boxes)
    assert lat0 < min(b[1] for b in boxes) and lat1 > max(b[3] for b in boxes)
    g = geo_raster.MapGeometry(rings)
    for w, h in ((56, 17), (96, 33)):
        e = g.raster(w, h, per_cell=2).extent
        assert (e[0] + e[2]) / 2 == pytest.approx((lon0 + lon1) / 2)
        assert (e[1] + e[3]) / 2 == pytest.approx((lat0 + lat1) / 2)


def test_map_colours_stay_apart_in_16_and_256_colours() -> None:
    """Classes, "no data", outline, selection and the background remain
    different colours when a terminal rounds them to its palette."""
    from rich.color import Color, ColorSystem

    from tui.theme import THEMES, map_palette

    for theme in THEMES.values():
        pal = map_palette(theme)
        colours = [*pal.values(), theme.background]
        for system in (ColorSystem.STANDARD, ColorSystem.EIGHT_BIT):
            got = [Color.parse(c).downgrade(system).number for c in colours]
            assert len(set(got)) == len(got), (theme.name, system, got)


def test_raster_is_cached_per_size(ds: Dataset) -> None:
    g = geo_raster.MapGeometry(geo_shapes.load_rings(ds))
    assert g.raster(60, 20) is g.raster(60, 20)
    assert g.raster(61, 20) is not g.raster(60, 20)
    assert g.raster(60, 20, per_cell=2) is not g.raster(60, 20)


def test_real_shapes_put_the_five_where_they_belong(ds: Dataset) -> None:
    g = geo_raster.MapGeometry(geo_shapes.load_rings(ds))
    r = g.raster(96, 33)
    shown = set(r.shown())
    assert {"KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "CHN", "RUS", "IRN"} <= shown
    assert {"KAZ", "KGZ", "TJK", "TKM", "UZB"} <= set(r.labels)
    # Kazakhstan lies north of Turkmenistan
    assert r.labels["KAZ"][0] < r.labels["TKM"][0]
    # at 80x24 (a 56x17 map) in half blocks the five are all labelled inside themselves
    r = g.raster(56, 17, per_cell=2)
    for code in geo.FOCUS:
        row, col = r.labels[code]
        assert [r.cell_owner(row, col + j) for j in range(3)] == [code] * 3


# -- classes ----------------------------------------------------------------------------
def test_fixed_classes_and_no_data() -> None:
    c = geo_classes.classify_fixed({"A": 0.1, "B": 0.25, "C": 0.6, "D": 0.75, "E": 1.0, "F": None})
    assert [b.label for b in c.bins] == ["0.00–0.25", "0.25–0.50", "0.50–0.75", "0.75–1.00"]
    assert c.of == {"A": 0, "B": 1, "C": 2, "D": 3, "E": 3, "F": geo_classes.NO_DATA}
    assert c.class_of("ZZZ") == geo_classes.NO_DATA


def test_map_values_2024_and_a_flagged_zero(ds: Dataset) -> None:
    df = geo.map_values(ds, 2024, "egdi", ["KAZ", "AFG"])
    kaz = df.filter(pl.col("iso3") == "KAZ").row(0, named=True)
    assert kaz["value"] == pytest.approx(0.90093) and kaz["status"] == "value"
    assert geo.classify_frame(df).class_of("KAZ") == 3
    old = geo.map_values(ds, 2003, "egdi", ["UZB"]).row(0, named=True)
    assert old["value"] == 0 and old["status"] == "not_measured"
    assert (
        geo.classify_frame(geo.map_values(ds, 2003, "egdi", ["UZB"])).class_of("UZB")
        == geo_classes.NO_DATA
    )


# -- infrastructure -----------------------------------------------------------------------
def test_turkmenistan_internet_series_ends_in_2017(ds: Dataset) -> None:
    latest = infra.latest(ds, "IT.NET.USER.ZS")
    row = latest.filter(pl.col("iso3") == "TKM").row(0, named=True)
    assert row["year"] == 2017 and row["country"] == "Turkmenistan"
    grid = infra.series_grid(ds, "IT.NET.USER.ZS")
    after = grid.filter(pl.col("iso3") == "TKM", pl.col("year") > 2017)
    assert len(after) and after["value"].null_count() == len(after)  # a gap, never filled


def test_gap_years_and_ranges(ds: Dataset) -> None:
    gaps = infra.gap_years(ds, "IT.NET.USER.ZS")
    assert gaps["TJK"] == [1996, 1997, 1998, 2018, 2019]
    assert infra.year_ranges(gaps["TJK"]) == "1996-98, 2018-19"
    assert infra.year_ranges([1999, 2000, 2005]) == "1999-2000, 2005"


def test_casa_conflict_rows_are_both_kept_and_marked(ds: Dataset) -> None:
    df = infra.casa_projects(ds)
    conflicts = infra.casa_conflicts(df)
    assert list(conflicts) == ["kgz-approval-date"]
    assert sorted(conflicts["kgz-approval-date"]["date"].to_list()) == ["2018-03", "2018-07-02"]
    assert df.filter(pl.col("status") == "undated")["iso3"].to_list() == ["UZB"]
    assert df.filter(pl.col("iso3") == "UZB")["date"][0] is None


def test_fotn_scales_are_never_mixed(ds: Dataset) -> None:
    cur, leg = infra.fotn(ds, "current"), infra.fotn(ds, "legacy")
    assert set(cur["scale"]) == {"current"} and set(leg["scale"]) == {"legacy"}
    assert set(infra.fotn_missing(ds)) == {"TJK", "TKM"}
    with pytest.raises(ValueError):
        infra.fotn(ds, "mixed")
