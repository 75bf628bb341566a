"""Tours at 80x24: the first step of a teacher's own tour,
tests/fixtures/tours/lesson.toml (Compare, three countries, 2020), with the
presenter line (--notes), its caption holding a '[b]' that must show as
typed; and the built-in tour's Rankings step in English, Russian and Uzbek."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.screen import settled
from tui.app import Options, make_app
from tui.tour.model import load_tour

LESSON = Path(__file__).resolve().parent.parent / "fixtures" / "tours" / "lesson.toml"


async def _step6(pilot) -> None:  # type: ignore[no-untyped-def]
    """The built-in tour's Rankings step (the five, latest edition)."""
    await settled(pilot)
    pilot.app.demo.show(5)
    await pilot.pause()
    await pilot.pause()


VIEWS = ["lesson_step1_notes", "builtin_rankings_en", "builtin_rankings_ru", "builtin_rankings_uz"]


@pytest.mark.parametrize("view", VIEWS)
def test_snapshot(snap_compare, view: str) -> None:  # type: ignore[no-untyped-def]
    """The lesson's first step; the built-in tour's Rankings step in each
    language (the class layout at 80x24: table and bars of all five, the
    caption whole)."""
    if view == "lesson_step1_notes":
        app = make_app(options=Options(demo=True, tour=load_tour(LESSON), notes=True))
        assert snap_compare(app, terminal_size=(80, 24), run_before=settled)
        return
    from tui import i18n

    i18n.set_language(view.rsplit("_", 1)[1])
    app = make_app(options=Options(demo=True))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_step6)
