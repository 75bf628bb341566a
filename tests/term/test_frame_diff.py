"""tui/wire.py's frame differ: only changed cells go out, the screen is the same.

Recorded sessions of the real app (tests/term/frames/, made by
tests/term/record_frames.py: start-up, a country switch, pane switches, a
resize, ASCII mode, synchronized output) and generated Textual-shaped frames with hostile text (wide
and combining characters, emoji sequences, control characters, sequences the
differ does not model, resizes) are played through the driver's whole pipeline
with the differ and without it into two pyte terminals, compared cell by cell
and by cursor after every write.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyte
import pytest
from fakedriver import RecordingDriver
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.wire import BSU, ESU, FrameDiffer, lean_driver

FRAMES = Path(__file__).resolve().parent / "frames"
Write = tuple[tuple[int, int] | None, str]  # (terminal size, data); size None: a step marker


def _recorded(name: str) -> list[Write]:
    return [
        (tuple(s) if s else None, d)
        for s, d in json.loads(gzip.decompress((FRAMES / f"{name}.json.gz").read_bytes()))
    ]


class _Player:
    """The LeanDriver over one pyte terminal, at the recorded terminal size."""

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, diff: bool, ascii_mode: bool, size: tuple[int, int]
    ) -> None:
        monkeypatch.setenv("DDX_FRAME_DIFF", "1" if diff else "0")
        app = type("App", (), {"ascii_mode": ascii_mode})()
        self.size = size
        player = self

        class Driver(lean_driver(RecordingDriver)):  # type: ignore[misc]
            def _terminal_size(self) -> tuple[int, int]:
                return player.size

        self.driver = Driver(app)
        self.screen = pyte.Screen(*size)
        self.stream = pyte.Stream(self.screen)
        self.bytes = 0

    def play(self, size: tuple[int, int], data: str) -> int:
        if size != self.size:
            self.size = size
            self.screen.resize(size[1], size[0])
            # Terminals differ in what a resize keeps (cropped, reflowed, blank):
            # assume nothing is kept, so a differ that trusted the old cells fails.
            self.screen.buffer.clear()
        before = len(self.driver.written)
        self.driver.write(data)
        out = "".join(self.driver.written[before:])
        self.stream.feed(out)
        n = len(out.encode())
        self.bytes += n
        return n


def _assert_same(a: pyte.Screen, b: pyte.Screen, where: str) -> None:
    assert (a.columns, a.lines) == (b.columns, b.lines)
    for y in range(a.lines):
        ra, rb = a.buffer[y], b.buffer[y]
        for x in range(a.columns):
            assert ra[x] == rb[x], f"{where}: cell {x},{y}: {ra[x]} != {rb[x]}"
    assert (a.cursor.x, a.cursor.y) == (b.cursor.x, b.cursor.y), where


def _play_both(
    monkeypatch: pytest.MonkeyPatch, writes: list[Write], ascii_mode: bool = False
) -> list[list]:
    """Both pipelines, compared after every write: [step, bytes plain, bytes diffed] a step."""
    first = next(s for s, _ in writes if s)
    plain = _Player(monkeypatch, False, ascii_mode, first)
    diffed = _Player(monkeypatch, True, ascii_mode, first)
    steps = [["start-up", 0, 0]]
    for i, (size, data) in enumerate(writes):
        if size is None:
            steps.append([data, 0, 0])
            continue
        steps[-1][1] += plain.play(size, data)
        steps[-1][2] += diffed.play(size, data)
        _assert_same(plain.screen, diffed.screen, f"write {i} (step {steps[-1][0]!r})")
    return steps


def _after(steps: list[list], pane: str, key: str) -> list[tuple[int, int]]:
    """(plain, diffed) bytes of each press of ``key`` while on ``pane`` (its number key)."""
    found, on = [], None
    for name, plain, diffed in steps:
        if name.isdigit():
            on = name
        elif name == key and on == pane:
            found.append((plain, diffed))
    return found


def test_recorded_session_shows_the_same_screen_in_far_fewer_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Start-up, country and edition switches, every pane, a resize to 100x30
    and back: the same screen after every write, and the differ's gain where
    Textual repaints what is already there."""
    steps = _play_both(monkeypatch, _recorded("explore"))
    countries = _after(steps, "2", "]") + _after(steps, "2", "[")
    assert len(countries) == 6
    for plain, diffed in countries:
        # A country switch at 80x24 repaints the whole profile twice (about
        # 7 KB); only the cells that change go out.
        assert plain > 4096 and diffed <= 4096, countries
    editions = _after(steps, "3", "]") + _after(steps, "3", "[")
    assert editions and all(diffed < plain / 4 for plain, diffed in editions), editions
    # After each resize every cell is sent again: at least one whole screen.
    for name, _plain, diffed in steps:
        if name.startswith("('resize'"):
            assert diffed > 3000, (name, diffed)
    total_plain = sum(s[1] for s in steps)
    total_diffed = sum(s[2] for s in steps)
    assert total_diffed < total_plain * 0.5, (total_plain, total_diffed)


def test_recorded_ascii_session_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """In ASCII mode the drawing characters are translated first, then diffed."""
    steps = _play_both(monkeypatch, _recorded("ascii"), ascii_mode=True)
    countries = _after(steps, "2", "]")
    assert len(countries) == 2
    for plain, diffed in countries:
        assert diffed <= 4096 < plain, countries


def test_recorded_session_with_synchronized_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal that has synchronized output gets each frame between
    ESC[?2026h and ESC[?2026l (Textual's own writes): the same screen, and a
    repaint that changes nothing (the second one of a country switch) sends
    nothing, not even the pair."""
    writes = _recorded("sync")
    steps = _play_both(monkeypatch, writes)
    countries = _after(steps, "2", "]")
    assert len(countries) == 2
    for plain, diffed in countries:
        assert diffed <= 4096 < plain, countries
    plain = _Player(monkeypatch, False, False, (80, 24))
    diffed = _Player(monkeypatch, True, False, (80, 24))
    for size, data in writes:
        if size:
            plain.play(size, data)
            diffed.play(size, data)
    begun = [sum(w.count(BSU) for w in p.driver.written) for p in (plain, diffed)]
    ended = [sum(w.count(ESU) for w in p.driver.written) for p in (plain, diffed)]
    assert begun[0] == ended[0] > 10
    assert begun[1] == ended[1] < begun[0], (begun, ended)


def test_frame_diff_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = "\x1b[1;1H\x1b[1mab\x1b[0m\x1b[1;1H"
    sent = {}
    for diff in (True, False):
        player = _Player(monkeypatch, diff, False, (80, 24))
        player.play((80, 24), frame)
        player.play((80, 24), frame)
        sent[diff] = player.driver.written
    assert sent[True] == ["\x1b[1H\x1b[0;1mab\x1b[1H"]  # the same frame again: nothing
    assert sent[False] == ["\x1b[1;1H\x1b[0;1mab\x1b[1;1H", "\x1b[1;1Hab\x1b[1;1H"]


def _differ(size: tuple[int, int] = (20, 4)) -> FrameDiffer:
    return FrameDiffer(lambda: size)


def test_an_unchanged_frame_sends_nothing_not_even_its_sync() -> None:
    d = _differ()
    frame = "\x1b[2;3H\x1b[31mhello\x1b[0m\x1b[1;1H"
    assert d(BSU) + d(frame) + d(ESU) == BSU + "\x1b[2;3H\x1b[0;31mhello\x1b[1H" + "\x1b[0m" + ESU
    assert d(BSU) + d(frame) + d(ESU) == ""


def test_one_changed_cell_is_one_move_and_one_character() -> None:
    d = _differ()
    d("\x1b[2;1H\x1b[31mhello world\x1b[0m\x1b[1;1H")
    assert d("\x1b[2;1H\x1b[31mhello_world\x1b[0m\x1b[1;1H") == "\x1b[2;6H\x1b[0;31m_\x1b[1H\x1b[0m"


def test_near_changes_are_sent_as_one_run() -> None:
    d = _differ()
    d("\x1b[1;1Habcdefgh\x1b[1;1H")
    # b and d changed: resending the c between costs less than a cursor move.
    assert d("\x1b[1;1HaBcDefgh\x1b[1;1H") == "\x1b[CBcD\x1b[1H"
    # Far apart: the cursor skips forward on the line.
    assert d("\x1b[1;1HABcDefgH\x1b[1;1H") == "A\x1b[6CH\x1b[1H"


def test_a_wide_character_goes_whole() -> None:
    d = _differ()
    d("\x1b[1;1Ha漢b\x1b[1;1H")
    assert d("\x1b[1;1Ha字b\x1b[1;1H") == "\x1b[C字\x1b[1H"
    # The style of a wide character changed: both of its cells are its own.
    assert d("\x1b[1;1Ha\x1b[1m字\x1b[0mb\x1b[1;1H") == "\x1b[C\x1b[0;1m字\x1b[1H\x1b[0m"


def test_what_it_does_not_model_goes_through_and_the_next_frame_is_whole() -> None:
    d = _differ()
    frame = "\x1b[1;1Habc\x1b[1;1H"
    d(frame)
    assert d("\x1b[2J") == "\x1b[2J"  # a clear screen: every cell unknown
    assert d(frame) == "\x1b[1Habc\x1b[1H"
    odd = "\x1b[1;1Ha\x07bc\x1b[1;1H"  # a control character inside a frame
    assert d(odd) == odd
    assert d(frame) == "\x1b[1Habc\x1b[1H"


def test_a_resize_makes_every_cell_unknown() -> None:
    size = [20, 4]
    d = FrameDiffer(lambda: (size[0], size[1]))
    frame = "\x1b[1;1Habc\x1b[1;1H"
    d(frame)
    assert d(frame) == ""
    size[0] = 30
    assert d(frame) == "\x1b[1Habc\x1b[1H"


# -- generated frames -------------------------------------------------------------------
# Text as Textual might hand it over from hostile data: wide CJK, combining marks,
# emoji, box drawing, braille; and in some frames emoji with modifiers and
# joiners, flags, a lone mark and what should never come (control characters, a
# lone escape): those go through unchanged. (Not C1 controls: a terminal may
# read U+009B as CSI and swallow what follows, which no filter can model;
# tui/textsafe.py keeps them off the screen.)
SAFE = ["a", "b", " ", "─", "│", "⣿", "漢", "字", "e\u0301", "a\u0308", "😀"]
# Where Rich and wcwidth (pyte, many terminals) disagree on widths, and controls.
HOSTILE = [*SAFE, "\u0308", "👍🏽", "👨\u200d👩", "🇺🇿", "❤\ufe0f", "\x07", "\t", "\x1b", "\r"]
SGRS = st.sampled_from(["", "1", "31", "38;5;254;48;5;16", "7", "0;4", "38;2;1;2;3"])


@st.composite
def frame(draw: st.DrawFn, cols: int, rows: int) -> str:
    if draw(st.integers(0, 15)) == 0:
        return draw(
            st.sampled_from(["\x1b[2J", "\x1b[?1049h", "\x1bc", "\x1b[?25l", BSU, ESU, "\x1b[3;1r"])
        )
    hostile = draw(st.integers(0, 7)) == 0
    text = st.lists(st.sampled_from(HOSTILE if hostile else SAFE), max_size=5).map("".join)
    edge = 1 if hostile else 0  # one past the edge, too
    out = []
    for _ in range(draw(st.integers(1, 6))):
        y, x = draw(st.integers(0, rows - 1 + edge)), draw(st.integers(0, cols - 1 + edge))
        out.append(f"\x1b[{y + 1};{x + 1}H")
        room = cols - x  # Textual never writes past the edge; a hostile frame may
        for _ in range(draw(st.integers(1, 3))):
            sgr, piece = draw(SGRS), draw(text)
            if not hostile:
                while cell_len(piece) > room:
                    piece = piece[:-1]
                room -= cell_len(piece)
            out.append(f"\x1b[{sgr}m{piece}\x1b[0m" if sgr else piece)
        if draw(st.integers(0, 5)) == 0:
            out.append("\n")
    out.append(f"\x1b[{draw(st.integers(1, rows))};{draw(st.integers(1, cols))}H")
    return "".join(out)


@st.composite
def session(draw: st.DrawFn) -> list[Write]:
    cols, rows = draw(st.sampled_from([(16, 4), (12, 3)]))
    writes: list[Write] = [((cols, rows), "\x1b[?7l")]
    for _ in range(draw(st.integers(1, 12))):
        if draw(st.integers(0, 12)) == 0:
            cols, rows = draw(st.sampled_from([(16, 4), (12, 3), (20, 5)]))
        writes.append(((cols, rows), draw(frame(cols, rows))))
    return writes


@settings(max_examples=150, deadline=None)
@given(session())
def test_generated_frames_show_the_same_screen(writes: list[Write]) -> None:
    with pytest.MonkeyPatch.context() as mp:
        _play_both(mp, writes)


@settings(max_examples=50, deadline=None)
@given(session())
def test_generated_frames_show_the_same_screen_in_ascii(writes: list[Write]) -> None:
    with pytest.MonkeyPatch.context() as mp:
        _play_both(mp, writes, ascii_mode=True)
