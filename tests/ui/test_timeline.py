"""Timeline pane (6): the five's programmes as bars, milestones as marks."""

from __future__ import annotations

from tests.screen import flat, open_pane, screen_text
from tui.app import Options, make_app
from tui.panes.timeline import TimelinePane
from tui.screens.provenance import ProvenanceScreen
from tui.widgets.gantt import Gantt

PRESENT = 2026


def line_of(text: str, phrase: str) -> str:
    for line in text.splitlines():
        if phrase in line:
            return line
    raise AssertionError(f"{phrase!r} not on screen:\n{text}")


async def test_programmes_and_their_years_are_on_screen() -> None:
    app = make_app(options=Options(present_year=PRESENT))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot, "6")
        await pilot.pause()
        text = screen_text(app)
        assert "Programmes and milestones of the five, 2008-2030" in text
        # Kazakhstan: e-government since 2008, open-ended, drawn to now; Digital Kazakhstan 2017.
        egov = line_of(text, "E-government launched")
        assert "2008→" in egov and "┣" in egov and "▶ open" in egov
        assert "2017-12→" in line_of(text, "Digital Kazakhstan")
        # Kyrgyzstan: Taza Koom 2017; Digital Kyrgyzstan 2019-2023, a closed period.
        assert "2017→" in line_of(text, "Taza Koom")
        dk = line_of(text, "Digital Kyrgyzstan")
        assert "2019–2023" in dk and "┫" in dk and "open" not in dk
        # Tajikistan's concept, 2011 (presented) to 2020; Turkmenistan's to 2025.
        # Tajikistan's concept runs 2012-2020; it was presented in 2011 (a mark of its own).
        assert "2012–2020" in line_of(text, "E-government formation concept, 2")
        assert "◆" in line_of(text, "E-government formation concept pr")
        assert "2019–2025" in line_of(text, "Concept of Digital Econ")
        # Dated milestones are marks.
        assert "◆" in line_of(text, "UN e-government ranking: 39th")
        # The titles take the room the axis leaves (half the width).
        assert "2019       Year of Digital Development and Digitization" in text
        axis = line_of(text, "2010")
        for year in ("2020", "2025", "2030"):
            assert year in axis
        # Digital Uzbekistan-2030: the start is not invented.
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(app)
        uzb = line_of(text, "Digital Uzbekistan-2030")
        assert "?–2030" in uzb and "start not given by the article" in uzb
        assert "Kazakhstan (KAZ)" not in text  # scrolled down to Uzbekistan
        assert "Uzbekistan (UZB)" in text


async def test_brackets_and_arrows_move_the_selection_and_show_its_source() -> None:
    app = make_app(options=Options(present_year=PRESENT))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, "6")
        await pilot.pause()
        pane = app.query_one(TimelinePane)
        assert pane.describe_state() == "item=kaz-egov-2008 (1/25) present=2026"
        text = flat(app)
        assert "Kazakhstan: E-government launched" in text
        assert "open-ended: no end date in the article; drawn to now" in text
        assert "source [article]" in text
        await pilot.press("right_square_bracket", "right")
        await pilot.pause()
        assert pane.describe_state().startswith("item=kaz-un-rank-2018 (3/25)")
        assert "▸ 2018" in screen_text(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert pane.describe_state().startswith("item=kaz-digital-kazakhstan-2017")
        for _ in range(10):  # past the bottom of the view: it scrolls
            await pilot.press("down")
        await pilot.pause()
        text = screen_text(app)
        assert "2019–2023" in text and "Kazakhstan (KAZ)" not in text
        assert "Tajikistan: E-government formation concept, 2012-2020" in flat(app)
        assert app.country == "TJK"  # the shared selection follows
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ProvenanceScreen)
        assert "2012–2020" in flat(app)


async def test_choosing_a_country_elsewhere_jumps_to_its_items() -> None:
    app = make_app(options=Options(present_year=PRESENT))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, "6")
        app.country = "TKM"
        await pilot.pause()
        assert (
            app.query_one(TimelinePane)
            .describe_state()
            .startswith("item=tkm-digital-economy-concept-2019")
        )
        frame = app.query_one(TimelinePane).current_frame()
        assert frame.height == 25 and set(frame["shape"]) == {
            "bar",
            "open",
            "end_only",
            "mark",
            "undated",
        }


async def test_ascii_mode_draws_with_ascii_only() -> None:
    app = make_app(options=Options(ascii=True, present_year=PRESENT))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, "6")
        await pilot.pause()
        plain = app.query_one(Gantt).render().plain
        assert "|=====" in plain and "> open" in plain and "+" in plain
        assert not any(ch in plain for ch in "━┣┫▶◆▸·┬─")
