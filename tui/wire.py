"""Fewer bytes down a slow link: drop colour and style codes the terminal has
already been told.

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

from .ascii import ASCII_TABLE, to_ascii

__all__ = ["ASCII_TABLE", "SGRFilter", "lean_driver", "to_ascii", "transition"]

# One escape sequence (CSI with parameters and intermediates, or a two-byte ESC x).
_TOKEN = re.compile(r"(\x1b\[[0-9;:?<=>!$ ]*[@-~]|\x1b[^\[])")
_SGR = re.compile(r"\x1b\[[0-9;:]*m")
# Sequences that move the cursor or only toggle sync output / cursor visibility:
# they neither draw nor erase, so pending style changes can wait past them.
_HARMLESS = re.compile(r"\x1b\[[0-9;]*[ABCDEFGHdf]|\x1b\[\?(?:25|2026)[hl]")
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
                if part in ("\x1bc", "\x1b8") or part.startswith("\x1b[!"):
                    self.have = None  # reset or restored: the terminal's state is unknown
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
    """``base`` (a Textual terminal driver) writing fewer bytes: redundant style
    codes dropped (unless DDX_SGR_FILTER=0) and, when the app is in ASCII mode,
    drawing characters sent as ASCII. Resizes wake the event loop at once
    (``_resize_wakes_loop``)."""

    class LeanDriver(base):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._sgr = SGRFilter() if sgr_filter_enabled() else None
            self._ascii = bool(getattr(self._app, "ascii_mode", False))

        def write(self, data: str) -> None:
            if self._ascii:
                data = data.translate(ASCII_TABLE)
            if self._sgr is not None:
                data = self._sgr(data)
            super().write(data)

        def start_application_mode(self) -> None:
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
