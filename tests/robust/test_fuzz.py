"""Key and resize fuzzing (Hypothesis chooses; see ddx_fuzz.py for the
session and its invariants). At least 2,000 keys per run, in four sessions
of ~500 keys (two exploring from a random pane, two in demo mode) that
pytest-xdist spreads over the workers, across every pane, the help screen and the palette, with
random resizes from 20x8 to 250x80. Each part's seed is printed in the
terminal summary and in any failure; replay a part with
``DDX_FUZZ_SEED=<seed> pytest tests/robust/test_fuzz.py -k <part>``.
``DDX_FUZZ_KEYS`` changes the number of keys (default 2000).
"""

from __future__ import annotations

import asyncio
import math
import os
import random
import time
from pathlib import Path

import ddx_fuzz as fz
import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

KEYS = int(os.environ.get("DDX_FUZZ_KEYS", "2000"))
# Four parts, one app session each, so pytest-xdist spreads them over the
# workers: "explore" sessions open on a pane Hypothesis picks; "demo" sessions
# run the demo tour, whose timer moves the panes under the keys. Together they
# send KEYS keys.
PARTS = ("explore-1", "demo-1", "explore-2", "demo-2")


@pytest.fixture
def quiet_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Anything the app might write (exports, screenshots) lands in tmp_path."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


@pytest.mark.heavy
@pytest.mark.parametrize("part", PARTS)
def test_fuzz_keys_and_resizes(
    part: str,
    fuzz_seed: int,
    record_property,
    quiet_home: Path,
    no_network: list[str],
) -> None:
    from tui.core import Dataset
    from tui.paths import data_dir

    dataset = Dataset(data_dir())
    stats = fz.Stats()
    in_demo = part.startswith("demo") and fz.demo_available()
    n_keys = math.ceil(KEYS / len(PARTS))
    started = time.monotonic()
    replay = (
        f"seed {fuzz_seed}; replay with DDX_FUZZ_SEED={fuzz_seed} "
        f"pytest tests/robust/test_fuzz.py -k {part}"
    )
    print(f"ddx fuzz ({part}): {replay}")
    record_property("fuzz_seed", fuzz_seed)

    @settings(
        max_examples=1,
        deadline=None,
        database=None,
        phases=[Phase.generate],  # the example is a whole app session: no shrinking
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @seed(fuzz_seed + PARTS.index(part))
    @given(
        start=st.sampled_from(fz.pane_ids()),
        # Sessions open at a usual size; the resizes (ddx_fuzz.choose_size) then
        # go anywhere from 20x8 to 250x80, corners included.
        size=st.tuples(st.integers(60, 132), st.integers(18, 45)),
        steps_seed=st.integers(0, 2**64 - 1),
    )
    def session(start: str, size: tuple[int, int], steps_seed: int) -> None:
        # Hypothesis picks the session's opening pane, terminal size and the seed
        # of its key sequence. (Drawing every key from Hypothesis makes its first,
        # "simplest" example one key pressed 400 times; a seeded sequence is a
        # real fuzz from the first example on, and as replayable.)
        app = fz.make_fuzz_app(dataset, start=start, demo=in_demo)
        chooser = fz.RandomChooser(random.Random(f"{fuzz_seed}:{steps_seed}"))
        log: list[str] = []
        try:
            asyncio.run(fz.run_session(app, chooser, n_keys, stats, log, size=size))
        except Exception as exc:
            mode = "demo" if in_demo else f"start={start}"
            raise AssertionError(
                f"fuzz failure ({mode}, size={size}, steps_seed={steps_seed}, {replay}): "
                f"{exc!r}; last keys: {log[-20:]}"
            ) from exc

    session()
    elapsed = time.monotonic() - started
    summary = (
        f"ddx fuzz ({part}{', demo mode' if in_demo else ''}): {replay}: "
        f"{stats.keys} keys ({stats.bound_keys} distinct bound keys), "
        f"{stats.resizes} resizes, {stats.quits} quit requests and {stats.screenshots} "
        f"screenshots recorded, in {elapsed:.0f} s "
        f"(CPU s by step: {', '.join(f'{k} {v:.1f}' for k, v in sorted(stats.cpu.items()))})"
    )
    print(summary)
    # Shown in the terminal summary (tests/conftest.py), from xdist workers too.
    record_property("fuzz_summary", summary)
    record_property("fuzz_keys", stats.keys)
    record_property("fuzz_resizes", stats.resizes)
    assert stats.keys >= n_keys, summary
    assert no_network == [], "the explorer tried the network"
    assert stats.resizes > 0, summary


# -- crashes the fuzzer found, pinned ----------------------------------------------------
@pytest.mark.parametrize("page", ["pageup", "pagedown"])
async def test_palette_page_keys_typed_ahead(page: str) -> None:
    """Ctrl+P then PageUp/PageDown before the palette is drawn (keys arriving in
    one burst, as over SSH) raised KeyError in Textual 8.2.8's OptionList."""
    from textual import events

    from tui.app import make_app

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("ctrl+p", page, page, "escape"):
            app.post_message(events.Key(key, None))
        for _ in range(40):  # the palette closes within a few frames, later on a busy machine
            await pilot.pause()
            if len(app.screen_stack) == 1:
                break
        assert app._exception is None
        assert len(app.screen_stack) == 1


@pytest.mark.skipif(not fz.demo_available(), reason="no demo mode yet")
async def test_every_demo_caption_renders() -> None:
    """A step's text with '[ ' in it ("] and [ move between the views") broke the
    caption's markup: MarkupError in the middle of a class."""
    from tui.app import Options, make_app

    app = make_app(options=Options(demo=True))
    async with app.run_test(size=(80, 24)) as pilot:
        tour = app.demo
        assert tour is not None
        for i in range(len(tour.steps)):
            tour.show(i)
            await pilot.pause()
            assert app._exception is None
            assert f"Tour {i + 1}/{len(tour.steps)}" in str(tour.caption.render())


async def test_palette_reopened_while_closing() -> None:
    """Enter on a palette command, then Ctrl+P before the old palette is gone:
    two screens with the id '--command-palette' (DuplicateIds) in Textual's own
    action_command_palette."""
    from tui.app import make_app

    app = make_app()
    async with app.run_test(size=(82, 42)) as pilot:
        await pilot.press("ctrl+p", *"2020")
        await pilot.pause(0.3)
        for key in ("down", "enter", "ctrl+p", "escape"):
            await fz.send_key(app, pilot, key)
        await pilot.pause()
        assert app._exception is None


async def test_palette_search_finishing_while_it_closes() -> None:
    """A palette search that finishes after Enter has removed the palette's
    list (seen at 250x80 in demo mode) raised NoMatches from a worker."""
    from textual.command import CommandList

    from tui.app import make_app

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        await palette.query_one(CommandList).remove()  # as when it closes
        palette._list_visible = not palette._list_visible  # type: ignore[attr-defined]
        palette._show_busy = not palette._show_busy  # type: ignore[attr-defined]
        await pilot.pause()
        assert app._exception is None


async def test_pane_switch_queued_as_the_app_shuts_down() -> None:
    """A palette command (show a pane) still queued when the session ends runs
    while Textual clears the screens: it must not look for the tabs that are
    gone (NoMatches('#tab-goals')), nor may a pane mounted in that instant."""
    from tui.app import make_app
    from tui.panes import PANES

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for index in range(len(PANES)):
            app.call_later(app.run_action, f"show_pane({index})")
    assert app._exception is None


async def test_countries_typed_ahead_settle() -> None:
    """`] ]` arriving in one burst on the Countries pane left two stale list
    highlights queued; each set the country back, and the list and the app's
    country chased each other for ever (the fuzzer's run slowed to a crawl)."""
    from textual import events

    from tui.app import make_app

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        first = app.country
        changes: list[str] = []
        app.active_pane.watch(app, "country", lambda c: changes.append(c), init=False)
        for key in ("right_square_bracket", "right_square_bracket"):
            app.post_message(events.Key(key, None))
        for _ in range(10):
            await pilot.pause()
        assert app._exception is None
        assert len(changes) == 2, f"the country kept changing: {changes[:12]}"
        assert changes[0] != first and changes[1] not in (first, changes[0])


@pytest.mark.parametrize("page", ["pageup", "pagedown"])
async def test_theme_palette_page_keys_typed_ahead(page: str) -> None:
    """Ctrl+P, "theme", Enter opens Textual's theme palette; PageUp typed before
    it was drawn raised KeyError (found in demo mode by the fuzzer): it is now
    ddx's palette, which waits for its list."""
    from textual import events

    from tui.app import make_app
    from tui.palette import DDXCommandPalette

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.search_themes()
        assert isinstance(app.screen_stack[-1], DDXCommandPalette)
        for key in (page, page, "escape"):
            app.post_message(events.Key(key, None))
        for _ in range(40):
            await pilot.pause()
            if len(app.screen_stack) == 1:
                break
        assert app._exception is None
        assert len(app.screen_stack) == 1
