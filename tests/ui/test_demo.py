"""Class demo mode: the tour from the first step to the last, by keyboard and
by itself, with a caption naming what to look at and the sources."""

from __future__ import annotations

import argparse

import pytest

from tui.app import Options, make_app
from tui.cli.explorer import positive_seconds
from tui.panes import PANE_IDS
from tui.tour.steps import TOUR, tour_steps


def caption(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.query_one("#demo-caption").render())


async def test_tour_first_to_last_and_back() -> None:
    app = make_app(options=Options(demo=True))
    steps = tour_steps()
    assert [s.pane for s in steps] == [s.pane for s in TOUR if s.pane in PANE_IDS]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen: list[str] = []
        for i, step in enumerate(steps):
            assert app.demo is not None and app.demo.index == i
            # The step's pane is on screen, in the step's state, with its caption.
            assert app.active_pane.pane_id == step.pane
            if step.country:
                assert app.country == step.country
            assert app.indicator == step.indicator
            text = caption(app)
            assert f"Tour {i + 1}/{len(steps)}" in text
            assert step.title in text
            assert "Source" in text
            seen.append(step.pane)
            await pilot.press("space" if i % 2 else "right")
            await pilot.pause()
        # Past the last step nothing moves; the caption says it is the last.
        assert app.demo.index == len(steps) - 1
        assert "last step" in caption(app)
        assert set(seen) == {s.pane for s in steps}
        for _ in range(len(steps) - 1):
            await pilot.press("left")
        await pilot.pause()
        assert app.demo.index == 0 and app.active_pane.pane_id == steps[0].pane


async def test_caption_sources_come_from_the_pane() -> None:
    app = make_app(options=Options(demo=True, start="countries:UZB"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # --start picks the first step on that pane and its argument wins.
        assert app.demo is not None and app.demo.step.pane == "countries"
        assert app.country == "UZB"
        ids = {p.source_id for p in app.active_pane.provenance() if p.source_id}
        text = caption(app)
        assert any(i in text for i in ids)


async def test_interval_advances_by_itself_and_starts_again() -> None:
    app = make_app(options=Options(demo=True, demo_interval=0.05))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.demo is not None
        n = len(app.demo.steps)
        seen = set()
        for _ in range(200):
            await pilot.pause(0.02)
            seen.add(app.demo.index)
            if len(seen) == n and app.demo.index < n - 1:
                break
        assert seen == set(range(n))  # every step shown, and it wrapped around


async def test_keys_pass_through_outside_demo_and_under_dialogs() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert app.demo is None
        before = app.country
        await pilot.press("right", "space", "left")
        assert app.active_pane.pane_id == "countries" and app.country == before
    app = make_app(options=Options(demo=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.press("right")
        assert app.demo is not None and app.demo.index == 0  # the help dialog had the key
        await pilot.press("escape", "right")
        await pilot.pause()
        assert app.demo.index == 1


async def test_demo_in_ascii_and_light_theme() -> None:
    app = make_app(options=Options(demo=True, ascii=True, theme="ddx-light"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = caption(app)
        assert "space/right next" in text and "→" not in text
        assert app.theme == "ddx-light"


def test_interval_must_be_positive() -> None:
    assert positive_seconds("2.5") == 2.5
    for bad in ("0", "-1", "nan", "inf", "soon"):
        with pytest.raises(argparse.ArgumentTypeError):
            positive_seconds(bad)


def test_demo_command_line() -> None:
    from tui.cli import build_parser

    args = build_parser().parse_args(["demo", "--interval", "3", "--start", "rankings:2020"])
    assert args.demo is True and args.interval == 3.0 and args.start == "rankings:2020"
    args = build_parser().parse_args(["--demo", "--theme", "light"])
    assert args.demo is True and args.command is None


async def test_start_on_a_country_without_its_own_step() -> None:
    app = make_app(options=Options(demo=True, start="countries:TJK"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.demo is not None and app.demo.step.pane == "countries"
        assert app.country == "TJK"
        text = caption(app)
        assert "Tajikistan" in text and "Kazakhstan" not in text.splitlines()[0]
