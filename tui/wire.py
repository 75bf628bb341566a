"""Fewer bytes down a slow link: send only the cells that change, and drop
colour and style codes the terminal has already been told.

Textual repaints whole regions whenever a layout changes: a country switch
writes the whole profile twice (about 8 KB) to change some 300 cells.
:class:`FrameDiffer` keeps a copy of what the screen shows and sends only the
runs of cells that differ, as curses does (a country switch at 80x24: about
0.8 KB; a frame that changes nothing: no bytes at all). It runs in ``write``,
on the event loop's thread, about 1 ms a whole 80x24 frame, and the filter
after it then reads a fraction of the text (benchmarks/frame_diff_cost.py).
Set ``DDX_FRAME_DIFF=0`` to turn it off.

Textual writes every run of text as ``ESC[0m ESC[<full style>m text``, so a
screen of short runs (tables, charts, markup) repeats the same style codes
over and over. :class:`SGRFilter` keeps track of the attributes the terminal
has and the ones the next text wants, and emits only the difference, right
before text is written. What appears on the terminal is identical (the tests
compare both streams cell by cell in a terminal emulator); only fewer bytes
cross the link. Set ``DDX_SGR_FILTER=0`` to turn it off.

In ASCII mode (``--ascii``, a non-UTF-8 locale, the Linux console) the same
driver sends box drawing, blocks, braille and typographic arrows and dashes
as ASCII (tui/ascii.py), one cell for one, whichever widget drew them: the
UI's chrome. Charts are ASCII already: the drawing layer converts them
(tui/charts/render.py), so ``ddx chart --ascii`` prints the same.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
from collections.abc import Callable

from .ascii import ASCII_TABLE, to_ascii

__all__ = ["ASCII_TABLE", "FrameDiffer", "SGRFilter", "lean_driver", "to_ascii", "transition"]

# One escape sequence (an OSC string up to BEL or ST; CSI with parameters and
# intermediates; or a two-byte ESC x).
_TOKEN = re.compile(r"(\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;:?<=>!$ ]*[@-~]|\x1b[^\[])")
_SGR = re.compile(r"\x1b\[[0-9;:]*m")
# Sequences that move the cursor, only toggle sync output / cursor visibility, or
# are OSC strings (pointer shape, title): they neither draw nor erase, so
# pending style changes can wait past them.
_HARMLESS = re.compile(r"\x1b\[[0-9;]*[ABCDEFGHdf]|\x1b\[\?(?:25|2026)[hl]|\x1b\].*", re.S)
# Attribute -> the code that turns it off (22 turns off both bold and dim).
_OFF = {1: 22, 2: 22, 3: 23, 4: 24, 21: 24, 5: 25, 6: 25, 7: 27, 8: 28, 9: 29, 53: 55}
_COLOUR_OFF = {38: "39", 48: "49", 58: "59"}

State = dict[object, str]


def apply_sgr(params: str, state: State) -> None:
    """Update ``state`` (attribute key -> its code) with one SGR's parameters."""
    if ":" in params:  # sub-parameters (curly underline...): keep verbatim
        state[("raw", params)] = params
        return
    codes = [int(c) if c else 0 for c in params.split(";")] if params else [0]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            state.clear()
        elif c in (38, 48, 58) and i + 1 < len(codes) and codes[i + 1] in (2, 5):
            n = 3 if codes[i + 1] == 5 else 5
            state[c] = ";".join(map(str, codes[i : i + n]))
            i += n - 1
        elif 30 <= c <= 37 or 90 <= c <= 97:
            state[38] = str(c)
        elif 40 <= c <= 47 or 100 <= c <= 107:
            state[48] = str(c)
        elif c in (39, 49, 59):
            state.pop(c - 1, None)
        elif c in _OFF.values():
            for on, off in _OFF.items():
                if off == c:
                    state.pop(on, None)
        else:
            state[c] = str(c)
        i += 1


def _full(want: State) -> str:
    return "\x1b[0" + "".join(";" + v for v in want.values()) + "m"


def transition(have: State, want: State) -> str:
    """The shortest SGR taking the terminal from ``have`` to ``want``."""
    codes: list[str] = []
    for key in have:
        if key in want:
            continue
        if key in _COLOUR_OFF:
            codes.append(_COLOUR_OFF[key])
        elif key in _OFF:
            off = str(_OFF[key])
            if off not in codes:
                codes.append(off)
        else:  # no code turns it off: start from a reset
            return _full(want)
    for key, code in want.items():
        # 22 also clears bold/dim, so re-assert whichever of them stays on.
        if have.get(key) != code or (key in (1, 2) and "22" in codes):
            codes.append(code)
    diff = "\x1b[" + ";".join(codes) + "m"
    full = _full(want)
    return diff if len(diff) < len(full) else full


class SGRFilter:
    """A stateful filter over everything written to one terminal."""

    def __init__(self) -> None:
        self.have: State | None = None  # None: unknown, the next text gets a reset
        self.want: State = {}

    def reset(self) -> None:
        self.have = None

    def __call__(self, data: str) -> str:
        out: list[str] = []
        for i, part in enumerate(_TOKEN.split(data)):
            if not part:
                continue
            if i % 2:  # an escape sequence
                if _SGR.fullmatch(part):
                    apply_sgr(part[2:-1], self.want)
                    continue
                if not _HARMLESS.fullmatch(part):
                    self._sync(out)  # it may draw or erase with the current style
                out.append(part)
                if not part.startswith(("\x1b[", "\x1b]")) or part.startswith("\x1b[!"):
                    # reset, restored, or an escape of unknown length: the
                    # terminal's colours are unknown
                    self.have = None
            else:
                if part.strip("\r\n"):
                    self._sync(out)
                out.append(part)
        return "".join(out)

    def _sync(self, out: list[str]) -> None:
        if self.have is None:
            out.append(_full(self.want))
        elif self.have != self.want:
            out.append(transition(self.have, self.want))
        self.have = dict(self.want)


TAIL = ""  # the right half of a wide character: joined into text, it adds nothing
BSU, ESU = "\x1b[?2026h", "\x1b[?2026l"  # begin / end synchronized update
# What a Textual frame is made of; anything else in a write is not modelled.
_FRAME_TOKEN = re.compile(
    r"\x1b\[(\d*)(?:;(\d*))?H"  # 1, 2: cursor position (CUP)
    r"|\x1b\[([0-9;:]*)m"  # 3: SGR
    r"|([^\x00-\x1f\x7f-\x9f]+)"  # 4: text (no C0 or C1 controls, no ESC)
    r"|(\n)"  # 5: line feed (between the lines of a region)
    r"|([\s\S])"  # 6: anything else
)
# Writes that change neither a cell, the cursor nor the colours: modes Textual
# sets and resets (cursor, mouse, focus, paste, wrap, sync), mode queries, the
# kitty keyboard protocol, the mouse pointer's shape (OSC 22). Anything else (alternate screen, clear, reset...)
# outside a frame makes every cell unknown.
_QUIET = re.compile(
    r"(?:\x1b\[\?(?:1|7|12|25|1000|1002|1003|1004|1005|1006|1015|1016|2004|2026|2048)[hl]"
    r"|\x1b\[\?\d+\$p|\x1b\[[<>=]?\d*u|\x1b\]22;[^\x07\x1b]*(?:\x07|\x1b\\))*"
)
_C1 = re.compile("[\x80-\x9f]")
_RUN_GAP = 4  # unchanged cells worth resending rather than skipping with a cursor move


def _next_style(style: str | None, params: str) -> str | None:
    """The SGR parameters since the last reset, after one more SGR: a key for
    "what text looks like now" (equal keys, equal look; None: unknown)."""
    if params in ("", "0"):
        return ""
    if style is None:
        return params if params.startswith(("0;", ";")) else None
    return f"{style};{params}" if style else params


def _sgr(style: str) -> str:
    return f"\x1b[0;{style}m" if style else "\x1b[0m"


def _cup(y: int, x: int) -> str:
    return f"\x1b[{y + 1};{x + 1}H" if x else f"\x1b[{y + 1}H"


_WIDTH: dict[str, int] = {}


def _mark(c: str) -> bool:
    """A combining mark: drawn in the cell of the character before it."""
    import unicodedata

    return unicodedata.category(c) in ("Mn", "Me")


_CELLS: dict[str, list[str] | None] = {}  # the same runs of box drawing come in every frame


def _cells(text: str) -> list[str] | None:
    """``text`` as terminal cells (a wide character, then TAIL; a combining mark
    joined to its base), or None where a terminal might place it differently
    from Rich (emoji sequences, a mark with no base in this text). The list
    returned is shared: read it, never change it."""
    try:
        return _CELLS[text]
    except KeyError:
        pass
    if len(_CELLS) > 4096:
        _CELLS.clear()
    cells = _CELLS[text] = _measure(text)
    return cells


def _measure(text: str) -> list[str] | None:
    from rich.cells import get_character_cell_size, split_graphemes

    try:
        widths = [_WIDTH[c] for c in text]
    except KeyError:
        for c in text:
            if c not in _WIDTH:
                _WIDTH[c] = get_character_cell_size(c)
        widths = [_WIDTH[c] for c in text]
    if widths.count(1) == len(text) and max(text) < "\U0001f000":
        return list(text)
    cells: list[str] = []
    spans, _total = split_graphemes(text)
    for start, end, width in spans:
        g = text[start:end]
        # Rich and a terminal agree on a grapheme only when it is one character
        # and combining marks ("e" + U+0301), not on an emoji sequence (joiners,
        # variation selectors, skin tones: one cell pair to Rich, more to wcwidth).
        # Regional indicators (flags) too: one cell each to Rich, two to wcwidth.
        if (
            any(not _mark(c) for c in g[1:])
            or (width == 0 and not _mark(g[0]))
            or "\U0001f1e6" <= g[0] <= "\U0001f1ff"
        ):
            return None
        if width != sum(widths[start:end]):
            return None
        if width == 0:
            if not cells:
                return None
            i = len(cells) - 1 if cells[-1] != TAIL else len(cells) - 2
            cells[i] += g
        elif width == 1:
            cells.append(g)
        elif width == 2:
            cells += (g, TAIL)
        else:
            return None
    return cells


class FrameDiffer:
    """Send only the cells that change, as curses does.

    Textual repaints whole regions: a country switch relayouts the pane and
    writes it twice (the second time when the static texts learn their new
    height), so most of what it sends is already on the screen. The differ
    keeps a shadow of the screen (each cell's text and SGR; None: unknown),
    reads each frame (cursor moves, SGR, text) into it and writes only the runs
    of cells that differ, merging runs a few cells apart when resending them is
    cheaper than moving the cursor. A write it does not model in full (a clear,
    the alternate screen, a control character, a position off the screen, a
    size other than the one it drew for) goes out unchanged and every cell
    becomes unknown, so the next frame is sent whole. ``size`` returns the
    terminal's (columns, rows), or None when unknown. Set ``DDX_FRAME_DIFF=0``
    to turn it off.
    """

    def __init__(self, size: Callable[[], tuple[int, int] | None]) -> None:
        self._size_of = size
        self.size: tuple[int, int] | None = None
        self._chars: list[list[str | None]] = []
        self._styles: list[list[str | None]] = []
        self.style: str | None = ""  # SGR since the last reset, in the stream as written
        self.cursor: tuple[int | None, int | None] = (None, None)
        self._held = False  # a begin-sync waiting to see whether the frame draws anything
        self._autowrap = True

    def reset(self) -> None:
        self.size = None
        self._chars, self._styles = [], []
        self.style, self.cursor, self._held, self._autowrap = "", (None, None), False, True

    def __call__(self, data: str) -> str:
        if data == BSU:
            self._held = True
            return ""
        if data == ESU and self._held:
            self._held = False  # nothing changed in between: the pair is dropped too
            return ""
        out = self._frame(data)
        if self._held and out:
            self._held = False
            out = BSU + out
        return out

    def _pass(self, data: str) -> str:
        """``data`` unchanged; every cell and the cursor now unknown."""
        self.size = None
        self._wrap_mode(data)
        style = self.style
        # The colours as the SGR filter will read them (its tokens); after a
        # cursor restore (which restores colours too) or a C1 control, unknown.
        for i, part in enumerate(_TOKEN.split(data)):
            if i % 2 and _SGR.fullmatch(part):
                style = _next_style(style, part[2:-1])
            elif (not part.startswith(("\x1b[", "\x1b]"))) if i % 2 else _C1.search(part):
                style = None
        self.style, self.cursor = style, (None, None)
        return data

    def _wrap_mode(self, data: str) -> None:
        """Follow autowrap (Textual turns it off): with it on, where the cursor
        is after the last column depends on the terminal."""
        on = max(data.rfind("\x1b[?7h"), data.rfind("\x1bc"))
        off = data.rfind("\x1b[?7l")
        if on != off:
            self._autowrap = on > off

    def _frame(self, data: str) -> str:
        if _QUIET.fullmatch(data):
            self._wrap_mode(data)
            return data
        size = self._size_of()
        if size is None:
            return self._pass(data)
        w, h = size
        if size != self.size:  # resized (a terminal may crop, reflow or clear) or reset
            self.size, self.cursor = size, (None, None)
            self._chars = [[None] * w for _ in range(h)]
            self._styles = [[None] * w for _ in range(h)]
        chars, styles = self._chars, self._styles
        style = self.style
        y, x = self.cursor
        dirty: dict[int, bytearray] = {}
        for m in _FRAME_TOKEN.finditer(data):
            kind = m.lastindex
            if kind == 4:  # text
                if y is None or x is None or style is None:
                    return self._pass(data)
                text = m.group(4)
                cells = list(text) if text.isascii() else _cells(text)
                if cells is None:
                    return self._pass(data)
                n = len(cells)
                end = x + n
                if end > w:
                    return self._pass(data)
                rc, rs = chars[y], styles[y]
                if rc[x:end] != cells or rs[x:end].count(style) != n:
                    d = dirty.get(y)
                    if d is None:
                        d = dirty[y] = bytearray(w)
                    # Half of a wide character overwritten: the other half is
                    # whatever this terminal makes of it.
                    if x and rc[x] == TAIL:
                        if d[x - 1]:
                            return self._pass(data)
                        rc[x - 1] = rs[x - 1] = None
                    if end < w and rc[end] == TAIL:
                        if d[end]:
                            return self._pass(data)
                        rc[end] = rs[end] = None
                    for i in range(n):
                        if rc[x + i] != cells[i] or rs[x + i] != style:
                            d[x + i] = 1
                    rc[x:end] = cells
                    rs[x:end] = [style] * n
                if end == w:  # at the last column: what follows depends on the terminal
                    if self._autowrap:  # (a mark may wrap, even scroll): not modelled
                        return self._pass(data)
                    x = None
                else:
                    x = end
            elif kind == 3:
                style = _next_style(style, m.group(3))
            elif kind == 5:
                if y is None or y >= h - 1:  # would scroll
                    return self._pass(data)
                y, x = y + 1, None
            elif kind == 6:
                return self._pass(data)
            else:  # 1 or 2: a cursor position
                y, x = int(m.group(1) or 1) - 1, int(m.group(2) or 1) - 1
                if not (0 <= y < h and 0 <= x < w):
                    return self._pass(data)
        out: list[str] = []
        oy, ox = self.cursor
        ostyle = self.style
        for row in sorted(dirty):
            d, rc, rs = dirty[row], chars[row], styles[row]
            a = d.find(1)
            while a != -1:
                if rc[a] == TAIL:
                    a -= 1
                b = _run_end(d, rc, a, w)
                while b < w:  # take in the next run over a short, cheap gap
                    a2 = d.find(1, b)
                    if a2 == -1 or a2 - b > _RUN_GAP or not _cheap_gap(rc, rs, b, a2):
                        break
                    b = _run_end(d, rc, a2, w)
                if oy != row or ox != a:
                    if oy == row and ox is not None and ox < a:
                        out.append("\x1b[C" if a - ox == 1 else f"\x1b[{a - ox}C")
                    else:
                        out.append(_cup(row, a))
                i = a
                while i < b:
                    s = rs[i]
                    j = i + 1
                    while j < b and rs[j] == s:
                        j += 1
                    if s != ostyle:
                        out.append(_sgr(s))  # type: ignore[arg-type]
                        ostyle = s
                    out.append("".join(rc[i:j]))  # type: ignore[arg-type]
                    i = j
                oy, ox = row, (b if b < w else None)
                a = d.find(1, b) if b < w else -1
        if (oy, ox) != (y, x):
            if y is None or x is None:
                return self._pass(data)
            out.append(_cup(y, x))
        if ostyle != style:  # leave the colours as the stream as written left them
            if style is None:
                return self._pass(data)
            out.append(_sgr(style))
        self.style, self.cursor = style, (y, x)
        return "".join(out)


def _run_end(d: bytearray, rc: list[str | None], a: int, w: int) -> int:
    """End of the changed run starting at ``a``, taking in a wide character's right half."""
    b = d.find(0, a + 1)
    if b == -1:
        return w
    return b + 1 if b < w and rc[b] == TAIL else b


def _cheap_gap(rc: list[str | None], rs: list[str | None], b: int, a2: int) -> bool:
    """Whether resending the unchanged cells b..a2 costs no more than skipping them."""
    cost = 0
    prev = rs[b - 1]
    for i in range(b, a2 + 1):
        if i < a2:
            c = rc[i]
            if c is None:
                return False
            cost += len(c.encode())
        if rs[i] != prev:
            cost += 6  # about one SGR change
            prev = rs[i]
    n = a2 - b
    return cost <= (3 if n == 1 else 4 if n < 10 else 5)


def frame_diff_enabled() -> bool:
    return os.environ.get("DDX_FRAME_DIFF", "1").strip().lower() not in ("0", "no", "off", "false")


def sgr_filter_enabled() -> bool:
    return os.environ.get("DDX_SGR_FILTER", "1").strip().lower() not in ("0", "no", "off", "false")


def _resize_wakes_loop(loop: asyncio.AbstractEventLoop) -> None:
    """Have the event loop itself run Textual's SIGWINCH handler.

    Textual installs it with ``signal.signal``, and Python runs such a handler
    only in the main thread, the next time that thread runs. The kernel may hand
    the signal to any thread of the process (the input reader, the writer,
    Polars' pool); then the loop, asleep with nothing scheduled, would redraw
    at the new size only when a key wakes it. The loop's own signal handling
    writes to its wake-up pipe from whichever thread gets the signal
    (tests/term/test_wire.py shows both)."""
    handler = signal.getsignal(signal.SIGWINCH)
    if not callable(handler):
        return
    with contextlib.suppress(RuntimeError, ValueError):  # not the main thread
        loop.add_signal_handler(signal.SIGWINCH, handler, signal.SIGWINCH, None)


def lean_driver(base: type) -> type:
    """``base`` (a Textual terminal driver) writing fewer bytes: only the cells
    that change (unless DDX_FRAME_DIFF=0), redundant style codes dropped
    (unless DDX_SGR_FILTER=0) and, when the app is in ASCII mode,
    drawing characters sent as ASCII. Resizes wake the event loop at once
    (``_resize_wakes_loop``)."""

    class LeanDriver(base):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._sgr = SGRFilter() if sgr_filter_enabled() else None
            self._diff = FrameDiffer(self._terminal_size) if frame_diff_enabled() else None
            self._ascii = bool(getattr(self._app, "ascii_mode", False))

        def _terminal_size(self) -> tuple[int, int] | None:
            """The size the terminal has now (a resize makes the differ start over)."""
            try:
                return tuple(os.get_terminal_size(self._file.fileno()))  # type: ignore[return-value]
            except (AttributeError, ValueError, OSError):
                return None

        def write(self, data: str) -> None:
            if self._ascii:
                data = data.translate(ASCII_TABLE)
            if self._diff is not None:
                data = self._diff(data)
            if self._sgr is not None:
                data = self._sgr(data)
            if data:
                super().write(data)

        def forget_screen(self) -> None:
            """Forget what the terminal shows: the next frame goes out whole
            (Ctrl+L, after something else wrote over the screen)."""
            if self._diff is not None:
                self._diff.reset()
            if self._sgr is not None:
                self._sgr.reset()

        def start_application_mode(self) -> None:
            if self._diff is not None:
                self._diff.reset()
            if self._sgr is not None:
                self._sgr.reset()
            super().start_application_mode()
            _resize_wakes_loop(self._loop)

        def stop_application_mode(self) -> None:
            with contextlib.suppress(RuntimeError, ValueError):  # not the main thread
                self._loop.remove_signal_handler(signal.SIGWINCH)
            super().stop_application_mode()

    LeanDriver.__name__ = LeanDriver.__qualname__ = f"Lean{base.__name__}"
    return LeanDriver
