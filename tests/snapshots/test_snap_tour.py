"""A teacher's own tour at 80x24: the first step of tests/fixtures/tours/lesson.toml
(Compare, three countries, 2020) with the presenter line (--notes). Its caption
holds a '[b]' that must show as typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.screen import settled
from tui.app import Options, make_app
from tui.tour.model import load_tour

LESSON = Path(__file__).resolve().parent.parent / "fixtures" / "tours" / "lesson.toml"


@pytest.mark.parametrize("view", ["lesson_step1_notes"])
def test_snapshot(snap_compare, view: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app(options=Options(demo=True, extra={"tour": load_tour(LESSON), "notes": True}))
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled)


async def _step6(pilot) -> None:  # type: ignore[no-untyped-def]
    """The built-in tour's Rankings step (the five, latest edition)."""
    await settled(pilot)
    pilot.app.demo.show(5)
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("lang", ["en", "ru", "uz"])
def test_builtin_tour_rankings(snap_compare, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The class layout at 80x24: table and bars of all five, the caption whole."""
    from tui import i18n

    i18n.set_language(lang)
    app = make_app(options=Options(demo=True))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_step6)
