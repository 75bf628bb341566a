"""Run the real ``ddx`` in a pseudo-terminal and read it back with pyte.

A tiny terminal emulator for tests: the app is a child process on a pty of a
given size and TERM, every byte it writes is counted and fed to a pyte
screen, keys go in as the bytes a terminal would send.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pyte

ROOT = Path(__file__).resolve().parents[2]

KEYS = {
    "right": "\x1b[C",
    "left": "\x1b[D",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "space": " ",
    "tab": "\t",
    "enter": "\r",
    "escape": "\x1b",
}

# Environment variables that would change how the child draws; each session
# starts from a clean slate and sets only what it is testing.
_SCRUB = (
    "NO_COLOR",
    "COLORTERM",
    "TEXTUAL_COLOR_SYSTEM",
    "TEXTUAL_ANIMATIONS",
    "TEXTUAL",
    "FORCE_COLOR",
    # pytest-xdist sets COLUMNS/LINES in its workers; Textual (shutil) would
    # then take them over the pty's real size and never see a resize.
    "COLUMNS",
    "LINES",
)


class Term:
    """One app session on a pty, rendered into ``self.screen`` (pyte)."""

    def __init__(
        self,
        args: Sequence[str] = (),
        *,
        cols: int = 80,
        rows: int = 24,
        env: Mapping[str, str | None] | None = None,
    ) -> None:
        child_env = {k: v for k, v in os.environ.items() if k not in _SCRUB}
        child_env.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "ESCDELAY": "25"})
        for key, value in (env or {}).items():  # None removes a variable
            if value is None:
                child_env.pop(key, None)
            else:
                child_env[key] = value
        self.cols, self.rows = cols, rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.total = 0
        argv = [sys.executable, "-m", "tui", *args]
        pid, fd = pty.fork()
        if pid == 0:  # child: become the app
            try:
                os.chdir(ROOT)
                os.execve(sys.executable, argv, child_env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self._set_size(cols, rows)

    # -- terminal side ---------------------------------------------------------
    def _set_size(self, cols: int, rows: int) -> None:
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def resize(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.screen.resize(rows, cols)
        self._set_size(cols, rows)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGWINCH)

    def read(self, timeout: float) -> int:
        """Read whatever arrives within ``timeout`` seconds; bytes read."""
        got = 0
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return got
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return got
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # child gone
                return got
            if not chunk:
                return got
            got += len(chunk)
            self.total += len(chunk)
            self.raw += chunk
            self.stream.feed(chunk)

    def settle(self, quiet: float = 0.3, limit: float = 10.0) -> int:
        """Read until nothing arrives for ``quiet`` seconds; bytes read."""
        got = 0
        end = time.monotonic() + limit
        while time.monotonic() < end:
            n = self.read(quiet)
            got += n
            if n == 0:
                break
        return got

    def wait_for(self, text: str, timeout: float = 15.0) -> bool:
        """Read until ``text`` is on screen (then let the frame finish)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if text in self.text():
                self.settle(0.15)
                return True
            self.read(0.1)
        return text in self.text()

    def wait_change(self, before: list[str], timeout: float = 15.0, share: float = 0.5) -> bool:
        """Read until at least ``share`` of the lines between the tab bar and the
        footer differ from ``before`` (a pane switch, not a cursor blink)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            now = self.lines()
            body = list(zip(before[3:-1], now[3:-1], strict=False))
            if body and sum(a != b for a, b in body) >= share * len(body):
                self.settle(0.3)
                return True
            self.read(0.1)
        return False

    def send(self, *keys: str) -> None:
        for key in keys:
            os.write(self.fd, KEYS.get(key, key).encode())

    # -- what is on screen ---------------------------------------------------------
    def lines(self) -> list[str]:
        return list(self.screen.display)

    def text(self) -> str:
        return "\n".join(self.lines())

    def cells(self, needle: str) -> Iterator[pyte.screens.Char]:
        """The screen cells of every occurrence of ``needle``."""
        for y, line in enumerate(self.screen.display):
            x = line.find(needle)
            while x >= 0:
                row = self.screen.buffer[y]
                for i in range(x, x + len(needle)):
                    yield row[i]
                x = line.find(needle, x + 1)

    def alive(self) -> bool:
        try:
            return os.waitpid(self.pid, os.WNOHANG)[0] == 0
        except ChildProcessError:
            return False

    def diagnose(self) -> str:
        """What a failed wait needs to be understood: the pty's size, the child's
        threads and where each waits, the last bytes the app wrote."""
        out = [f"alive={self.alive()} total_bytes={self.total}"]
        with contextlib.suppress(OSError):
            rows, cols, _, _ = struct.unpack(
                "HHHH", fcntl.ioctl(self.fd, termios.TIOCGWINSZ, b"\0" * 8)
            )
            out.append(f"pty size {cols}x{rows}, screen {self.cols}x{self.rows}")
        task_dir = Path(f"/proc/{self.pid}/task")
        for task in sorted(task_dir.glob("*")) if task_dir.exists() else []:
            parts = []
            for name in ("comm", "wchan"):
                with contextlib.suppress(OSError):
                    parts.append((task / name).read_text().strip())
            with contextlib.suppress(OSError, IndexError):
                stat = (task / "stat").read_text()
                parts.append("state=" + stat.rsplit(")", 1)[1].split()[0])
            with contextlib.suppress(OSError):
                status = (task / "status").read_text()
                parts += [
                    ln
                    for ln in status.splitlines()
                    if ln.startswith(("SigPnd", "ShdPnd", "SigBlk", "SigCgt"))
                ]
            out.append(f"task {task.name}: " + " ".join(parts))
        out.append(f"last bytes: {bytes(self.raw[-300:])!r}")
        return "\n".join(out)

    # -- ending -------------------------------------------------------------------------
    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.write(self.fd, b"q")
        end = time.monotonic() + 5
        while time.monotonic() < end:
            self.read(0.1)
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                break
        else:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
        with contextlib.suppress(OSError):
            os.close(self.fd)

    def __enter__(self) -> Term:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
