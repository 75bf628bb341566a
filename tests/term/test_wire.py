"""tui/wire.py: fewer bytes, same screen. Each stream is played into a pyte
terminal with and without the filter and compared cell by cell."""

from __future__ import annotations

import pyte
import pytest
from fakedriver import RecordingDriver
from hypothesis import given, settings
from hypothesis import strategies as st
from ptyterm import Term

from tui.wire import ASCII_TABLE, SGRFilter, lean_driver, to_ascii, transition


def _screen(data: str, cols: int = 40, rows: int = 6) -> pyte.Screen:
    screen = pyte.Screen(cols, rows)
    pyte.Stream(screen).feed(data)
    return screen


def _same(a: str, b: str) -> bool:
    sa, sb = _screen(a), _screen(b)
    return all(
        sa.buffer[y][x] == sb.buffer[y][x] for y in range(sa.lines) for x in range(sa.columns)
    )


COLOURS = st.sampled_from(
    ["", "31", "97", "39", "38;5;254", "38;2;10;20;30", "44", "100", "49", "48;5;17", "48;2;1;2;3"]
)
ATTRS = st.sampled_from(["", "1", "2", "3", "4", "7", "9", "22", "23", "24", "27", "0"])


@st.composite
def sgr(draw: st.DrawFn) -> str:
    parts = [p for p in (draw(ATTRS), draw(COLOURS), draw(COLOURS)) if p]
    reset = draw(st.booleans())
    return ("\x1b[0m" if reset else "") + ("\x1b[" + ";".join(parts) + "m" if parts else "")


@st.composite
def stream(draw: st.DrawFn) -> str:
    out = []
    for _ in range(draw(st.integers(1, 25))):
        out.append(draw(sgr()))
        if draw(st.integers(0, 4)) == 0:
            out.append(f"\x1b[{draw(st.integers(1, 6))};{draw(st.integers(1, 40))}H")
        out.append(draw(st.text("ab ╭─│", min_size=0, max_size=6)))
        if draw(st.integers(0, 9)) == 0:
            out.append("\x1b[K")  # erase: uses the current background
    return "".join(out)


@settings(max_examples=150, deadline=None)
@given(stream())
def test_filtered_stream_draws_the_same_screen(data: str) -> None:
    f = SGRFilter()
    assert _same(data, f(data))


@settings(max_examples=60, deadline=None)
@given(st.lists(stream(), min_size=2, max_size=4))
def test_state_carries_across_writes(chunks: list[str]) -> None:
    f = SGRFilter()
    assert _same("".join(chunks), "".join(f(c) for c in chunks))


def test_redundant_codes_are_dropped() -> None:
    f = SGRFilter()
    raw = "".join(f"\x1b[38;5;254;48;5;16m{w}\x1b[0m" for w in ("one", " two", " three"))
    out = f(raw)
    assert out.count("\x1b[") == 1 and len(out) < len(raw) / 2
    assert _same(raw, out)


def test_pending_reset_is_flushed_before_leaving() -> None:
    f = SGRFilter()
    out = f("\x1b[1;31mred\x1b[0m") + f("\x1b[?1049l")
    assert out.endswith("\x1b[?1049l")
    assert "\x1b[0m" in out or "\x1b[22;39m" in out


def test_transition_picks_the_shorter_form() -> None:
    assert transition({38: "38;5;1"}, {38: "38;5;2"}) == "\x1b[38;5;2m"
    assert transition({1: "1", 38: "31"}, {38: "31"}) == "\x1b[22m"
    assert transition({1: "1", 2: "2"}, {2: "2"}) in ("\x1b[22;2m", "\x1b[0;2m")


def test_ascii_table_is_one_cell_for_one() -> None:
    assert to_ascii("╭──╮│▁▇█●■▲◆ — ·") == "+--+|_##ox^* - ."
    # Every mapped character stays one cell wide, except the 2-cell emoji.
    assert all(len(v) == 1 for k, v in ASCII_TABLE.items() if k != ord("🔎"))


def test_lean_driver_only_wraps() -> None:
    class App:
        ascii_mode = True

    driver = lean_driver(RecordingDriver)(App())
    driver.write("\x1b[1m╭─╮\x1b[0m")
    assert driver.written == ["\x1b[0;1m+-+"]


PROBE = """
import asyncio, select, signal, sys, threading, time
from tui.wire import _resize_wakes_loop

ran, stop = [], threading.Event()

def reader():  # stands in for Textual's input thread
    while not stop.is_set():
        select.select([], [], [], 0.05)

async def main():
    loop = asyncio.get_running_loop()
    signal.signal(signal.SIGWINCH, lambda *_: ran.append(time.monotonic()))
    if sys.argv[1] == "wake":
        _resize_wakes_loop(loop)
    thread = threading.Thread(target=reader)
    thread.start()
    sent = []

    def send():  # 0.2 s on, when the loop is asleep with one timer left
        sent.append(time.monotonic())
        signal.pthread_kill(thread.ident, signal.SIGWINCH)

    threading.Timer(0.2, send).start()
    done = loop.create_future()
    loop.call_later(1.2, done.set_result, None)  # the loop's only timer
    await done
    stop.set()
    thread.join()
    print(ran[0] - sent[0] if ran else "never")

asyncio.run(main())
"""


def _resize_reaches_handler(mode: str) -> str:
    """SIGWINCH sent to a thread other than the main one while the event loop
    sleeps: seconds until the Python-level handler ran, or "never" (within 1 s).
    In a fresh process: a test process may hold a stale wake-up fd that an
    earlier test's event loop set, which wakes a later loop by accident."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_resize_signal_on_another_thread_wakes_the_loop() -> None:
    """Textual's SIGWINCH handler runs only when the main thread next runs; the
    kernel may deliver the signal to the input thread, and an idle app would
    then redraw at the new size only at the next key."""
    late = _resize_reaches_handler("plain")
    assert late == "never" or float(late) > 0.5  # the fault this guards against
    prompt = _resize_reaches_handler("wake")
    assert prompt != "never" and float(prompt) < 0.5


def test_an_osc_string_goes_through_whole() -> None:
    """Textual sets the mouse pointer's shape with OSC 22: one sequence that
    draws nothing, so no style code goes out for it and the colours the
    terminal has stay known."""
    f = SGRFilter()
    assert f("\x1b]22;default\x07") == "\x1b]22;default\x07"
    out = f("\x1b[1mab\x1b[0m") + f("\x1b]22;pointer\x1b\\") + f("\x1b[1mcd")
    assert "\x1b]22;pointer\x1b\\" in out
    assert _same("\x1b[1mab\x1b[0m\x1b[1mcd", out.replace("\x1b]22;pointer\x1b\\", ""))


@pytest.mark.slow
def test_ctrl_l_draws_over_what_another_program_wrote() -> None:
    """The wire sends only the cells that change, so text another program
    writes over the screen (a `wall` message, a background job) stays until
    those cells change; Ctrl+L draws every cell again, as in curses programs."""
    with Term() as t:
        assert t.wait_for("Knowledge management", timeout=30), t.text()
        t.settle(0.5)
        # Another program's output lands on the terminal, not through ddx, over
        # the title bar (which a pane switch does not change).
        t.stream.feed(b"\x1b[1;3HSTRAY OUTPUT")
        t.send("2")  # a pane switch sends only the cells that change
        assert t.wait_for("survey edition", timeout=30), t.text()
        t.settle(0.5)
        assert "STRAY OUTPUT" in t.lines()[0], t.text()
        t.send("\x0c")  # Ctrl+L
        t.settle(0.5)
        assert "STRAY" not in t.text(), t.text()
        assert "Digital Diplomacy Explorer" in t.lines()[0] and "survey edition" in t.text()
