"""A teacher's tour files in the explorer: an exported built-in tour plays the
same screens as the built-in one, a recorded tour replays to the screens it
was recorded from, the presenter line, per-step timers, untrusted text."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.screen import screen_text, settled
from tui.app import DDXApp, Options, make_app
from tui.cli import main
from tui.tour import model
from tui.tour.model import load_tour, vocabulary

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "tours" / "lesson.toml"


def tour_app(
    path: Path | None = None, *, record: Path | None = None, notes: bool = False
) -> DDXApp:
    app = make_app(options=Options(demo=True, record=record, notes=notes))
    if path is not None:
        app.options.tour = load_tour(path, vocabulary(app.dataset))
    return app


def caption_text(app: DDXApp) -> str:
    return str(app.query_one("#demo-caption").render())


def pane_lines(app: DDXApp) -> list[str]:
    """The screen above the caption (tabs and the pane), without the caption and footer."""
    lines = screen_text(app).splitlines()
    height = app.query_one("#demo-caption").size.height
    return lines[: len(lines) - 1 - height]


async def play(app: DDXApp) -> list[str]:
    """Every step's whole screen, first to last."""
    screens = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert app.demo is not None
        for i in range(len(app.demo.steps)):
            if i:
                await pilot.press("space")
            await settled(pilot)
            screens.append(screen_text(app))
    return screens


@pytest.mark.heavy
async def test_an_exported_tour_plays_the_same_screens(tmp_path: Path) -> None:
    target = tmp_path / "class.toml"
    assert main(["tour", "export", "class", str(target)]) == 0
    builtin = await play(tour_app())
    exported = await play(tour_app(target))
    assert len(builtin) == len(exported) == len(model.load_builtin("class").steps)
    for i, (a, b) in enumerate(zip(builtin, exported, strict=True)):
        assert a == b, f"step {i + 1} differs"


def step_country_changed(app: DDXApp) -> bool:
    step = app.demo.step  # type: ignore[union-attr]
    return step.country is not None and step.country != app.country


@pytest.mark.heavy
async def test_a_recorded_tour_replays_to_the_same_screens(tmp_path: Path) -> None:
    """Explore inside the built-in tour (change the edition, the scope, the chart,
    the countries), press R at each view, keep the caption; the file replays to
    the same panes in the same state."""
    target = tmp_path / "recorded.toml"
    app = tour_app(record=target)
    # (keys to press on the step, after moving to it)
    plan = {
        2: ["right_square_bracket", "c"],  # Countries: next country, components chart
        5: ["left_square_bracket", "v"],  # Rankings: previous edition, region scope
        6: ["i"],  # Rankings trajectory: OSI
        10: ["n"],  # Compare: with neighbours
        12: ["right_square_bracket", "right_square_bracket"],  # Infrastructure: mobile
        13: ["left_square_bracket", "i"],  # Map: 2022, OSI
    }
    seen: list[tuple[str, list[str]]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert app.demo is not None
        for i in range(len(app.demo.steps)):
            if i:
                await pilot.press("space")
                await settled(pilot)
            if i not in plan and i not in (0, 14):
                continue
            await pilot.press(*plan.get(i, []))
            await settled(pilot)
            seen.append((app.active_pane.describe_state(), pane_lines(app)))
            await pilot.press("R")
            await pilot.pause()
            assert app.screen.__class__.__name__ == "RecordScreen"
            field = app.screen.query_one(Input)
            if step_country_changed(app):
                # Another country than the step's: no caption offered, type one.
                assert field.value == ""
                field.value = app.demo.step.look
            else:
                assert field.value == app.demo.step.look  # the step's own, to edit
            await pilot.press("enter")
            await settled(pilot)
    recorded = load_tour(target)
    assert len(recorded.steps) == len(seen)
    assert recorded.title == "Recorded tour"
    replay = tour_app(target)
    async with replay.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        for i, (state, lines) in enumerate(seen):
            if i:
                await pilot.press("space")
                await settled(pilot)
            assert replay.active_pane.describe_state() == state, f"recorded step {i + 1}"
            assert pane_lines(replay) == lines, f"recorded step {i + 1}"


async def test_record_outside_a_tour_and_cancel(tmp_path: Path) -> None:
    target = tmp_path / "new" / "mine.toml"
    app = make_app(options=Options(record=target))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("3", "v", "v", "R")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not target.exists()
        await pilot.press("R", "enter")  # an empty caption is not saved
        await pilot.pause()
        assert not target.exists() and "Type a caption" in screen_text(app)
        await pilot.press(*"World [view]", "enter")
        await settled(pilot)
        messages = [n.message for n in app._notifications]
        assert f"Step 1 saved to {target}" in messages, messages
    step = load_tour(target).steps[0]
    assert (step.pane, step.scope, step.look, step.country) == (
        "rankings",
        "world",
        "World [view]",
        "KAZ",
    )
    assert step.edition == app.editions[-1]


async def test_a_browser_session_records_nothing_on_the_server() -> None:
    """``ddx serve``: every visitor's session would append to one tour file on
    the teacher's machine; R says where tours are recorded instead."""
    from tui.tour.record import default_path

    app = make_app(options=Options(served=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("R")
        await pilot.pause()
        assert len(app.screen_stack) == 1, "no caption dialog"
        messages = [n.message for n in app._notifications]
        assert any("Tours are recorded in ddx on your own machine" in m for m in messages)
    assert not default_path().exists()
    assert not default_path().parent.exists()


async def test_a_file_caption_is_never_markup_and_notes_show(tmp_path: Path) -> None:
    app = tour_app(FIXTURE, notes=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        text = screen_text(app)
        assert "[b]not bold[/b]: KAZ, UZB and RUS side by side in 2020" in text
        assert "Notes: Ask: which part explains the gap?" in text
        assert "next: OSI in 2022" in text
        assert "(auto: 45 s)" in text
        assert app.active_pane.describe_state().startswith(
            "edition=2020 view=bars countries=KAZ,UZB,RUS"
        )


async def test_step_seconds_advance_and_stop_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "quick.toml"
    path.write_text(
        'format = 1\ntitle = "Quick"\n'
        + "".join(
            f'[[steps]]\npane = "{p}"\ncaption = "{p}"\nseconds = 0.05\n'
            for p in ("goals", "sources", "map")
        )
    )
    app = tour_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.demo is not None
        for _ in range(100):
            await pilot.pause(0.03)
            if app.demo.index == 2:
                break
        await pilot.pause(0.2)
        assert app.demo.index == 2  # the last step stays: no --interval, no loop
        assert app.active_pane.pane_id == "map"


async def test_the_player_tells_tour_notes_which_step(tmp_path: Path) -> None:
    from tui.tour import presenter

    path = tmp_path / "lesson.toml"
    path.write_text(FIXTURE.read_text())
    state = presenter.state_path(path)
    app = tour_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert presenter.read_state(state) == {"pid": presenter.os.getpid(), "index": 0}
        await pilot.press("space")
        await pilot.pause()
        assert presenter.read_state(state)["index"] == 1  # type: ignore[index]
    assert not state.exists()  # the player quit: tour notes ends
