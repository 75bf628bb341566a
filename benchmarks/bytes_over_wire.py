"""Bytes written to the terminal per interaction, measured through a real pty.

Runs ``python -m tui`` on a pseudo-terminal (80x24 by default, like an SSH
session), waits for the first frame, then presses keys and counts every byte
the app writes until the output goes quiet. A slow link pays for each of
those bytes, so the budget is per interaction.

    .venv/bin/python benchmarks/bytes_over_wire.py [--repeat 20] [--size 80x24]
                                                   [--budget 4096] [-- EXTRA ddx ARGS]

Prints the median and maximum bytes for a country switch (``]`` on the
Countries pane), an edition switch (``]`` on the Rankings pane), a pane
switch, and the bytes written while idle; exits 1 if a median is over budget.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 4 * 1024  # per country switch at 80x24 (issue 21)


class Session:
    """``python -m tui`` on a pty; counts what it writes."""

    def __init__(self, args: list[str], cols: int, rows: int, env: dict[str, str]) -> None:
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.chdir(ROOT)
                os.execve(sys.executable, [sys.executable, "-m", "tui", *args], env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.buffer = bytearray()

    def read_quiet(self, quiet: float, limit: float = 10.0) -> int:
        """Read until nothing arrives for ``quiet`` seconds; bytes read."""
        got = 0
        end = time.monotonic() + limit
        while time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                break
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            got += len(chunk)
            self.buffer += chunk
        return got

    def wait_for(self, marker: bytes, timeout: float = 20.0) -> None:
        end = time.monotonic() + timeout
        while marker not in self.buffer and time.monotonic() < end:
            self.read_quiet(0.1, limit=0.5)
        if marker not in self.buffer:
            raise SystemExit(f"app did not show {marker!r} within {timeout:.0f} s")

    def press(self, key: str, quiet: float) -> int:
        os.write(self.fd, key.encode())
        return self.read_quiet(quiet)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.write(self.fd, b"q")
        end = time.monotonic() + 5
        while time.monotonic() < end:
            self.read_quiet(0.1, limit=0.2)
            if os.waitpid(self.pid, os.WNOHANG)[0]:
                break
        else:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        with contextlib.suppress(OSError):
            os.close(self.fd)


def measure(
    repeat: int = 20,
    cols: int = 80,
    rows: int = 24,
    extra: list[str] | None = None,
    quiet: float = 0.35,
    env: dict[str, str] | None = None,
) -> dict[str, list[int]]:
    """Bytes per interaction, ``repeat`` times each; also startup and idle."""
    child_env = dict(os.environ)
    child_env.setdefault("TERM", "xterm-256color")
    child_env.setdefault("LANG", "C.UTF-8")
    child_env.update(env or {})
    s = Session(list(extra or []), cols, rows, child_env)
    out: dict[str, list[int]] = {"country": [], "edition": [], "pane": []}
    try:
        s.wait_for(b"Goals")
        out["startup"] = [len(s.buffer) + s.read_quiet(quiet)]
        out["idle (2 s)"] = [s.read_quiet(2.0, limit=2.0)]
        s.press("2", quiet)  # Countries
        for _ in range(repeat):
            out["country"].append(s.press("]", quiet))
        s.press("3", quiet)  # Rankings
        for i in range(repeat):
            # Step back and forth through the editions so every press changes something.
            out["edition"].append(s.press("[" if (i // 4) % 2 == 0 else "]", quiet))
        for i in range(repeat):
            out["pane"].append(s.press("2" if i % 2 == 0 else "3", quiet))
    finally:
        s.close()
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--size", default="80x24", help="COLSxROWS (default 80x24)")
    p.add_argument("--budget", type=int, default=BUDGET, help="bytes per interaction (median)")
    p.add_argument("extra", nargs="*", help="extra ddx arguments, after --")
    args = p.parse_args(argv)
    cols, rows = (int(v) for v in args.size.lower().split("x"))
    res = measure(args.repeat, cols, rows, args.extra)
    print(
        f"bytes written to a {cols}x{rows} pty ({', '.join(args.extra) or 'default options'}),"
        f" median of {args.repeat}; budget {args.budget} B per interaction"
    )
    over = False
    for name, values in res.items():
        med = statistics.median(values)
        line = f"  {name:<16} median {med:>8.0f} B   max {max(values):>8} B"
        if name in ("country", "edition"):
            ok = med <= args.budget
            over |= not ok
            line += "   ok" if ok else "   OVER BUDGET"
        print(line)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
