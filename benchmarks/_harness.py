"""Shared helpers for the benchmarks: a pty at 80x24 read through pyte, peak
RSS of a child, percentiles, and the interpreter to run.

Nothing here is imported by the app.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyte

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def compile_package() -> None:
    """Byte-compile ``tui/`` in place, as ``pip install`` does for a wheel.

    An editable checkout has no bytecode until Python writes it on a first run,
    and never when PYTHONDONTWRITEBYTECODE is set (it is on some machines, this
    one included): ddx then compiled its ~30 modules from source on every start
    (~45 ms) while Textual, installed by pip, was compiled. Timing that would
    measure the environment, not the program a user installs."""
    import compileall

    compileall.compile_dir(ROOT / "tui", quiet=1)


def child_env(**extra: str) -> dict[str, str]:
    """A clean terminal environment; imports never read the user's real data."""
    env = dict(os.environ)
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        COLUMNS="80",
        LINES="24",
        PYTHONPATH=str(ROOT),
        XDG_DATA_HOME=env.get("DDX_BENCH_XDG") or tempfile.mkdtemp(prefix="ddx-bench-xdg-"),
    )
    env.pop("NO_COLOR", None)
    env.pop("TEXTUAL", None)
    env.update(extra)
    return env


@dataclass
class PtyRun:
    seconds: float | None  # time from spawn to the predicate first holding; None on timeout
    peak_rss_kib: int | None  # VmHWM of the child just before it was stopped
    screen: str
    bytes_read: int


def _vm_hwm(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def spawn_in_pty(
    argv: Sequence[str],
    *,
    cols: int = 80,
    rows: int = 24,
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
) -> tuple[subprocess.Popen[bytes], int]:
    """Start ``argv`` in its own session on a fresh ``cols`` x ``rows`` pty;
    the process and the pty's master side (stop it with ``_stop``)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    proc = subprocess.Popen(
        list(argv),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env or child_env(),
        cwd=cwd,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    return proc, master


QUIET = 0.005  # run_in_pty: a pause in the output this long ends a frame


def run_in_pty(
    argv: Sequence[str],
    ready: Callable[[str], bool],
    *,
    cols: int = 80,
    rows: int = 24,
    timeout: float = 60.0,
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
) -> PtyRun:
    """Start ``argv`` on a fresh pty and time it until ``ready(screen_text)``.

    The time is when the bytes that made the screen ready arrived, read as
    they come; the screen is parsed (pyte) only once the program pauses
    (``QUIET`` seconds without output). Parsing each chunk as it came put the
    parser's own time (about 1 ms a KiB) between the reads of one frame, and
    on two cores took CPU from the program still drawing, so a program
    drawing a larger first frame was timed later than it drew it.
    """
    screen = pyte.Screen(cols, rows)
    stream = pyte.ByteStream(screen)
    start = time.perf_counter()
    proc, master = spawn_in_pty(argv, cols=cols, rows=rows, env=env, cwd=cwd)
    seconds: float | None = None
    rss: int | None = None
    total = 0
    text = ""
    # (arrival, bytes, the child's peak RSS then) not yet parsed: the peak is
    # read as each chunk comes, so that it is the peak at that frame, not
    # after the parse (when the app may be loading what comes after it).
    unread: list[tuple[float, bytes, int | None]] = []

    def parse() -> None:
        nonlocal seconds, rss, text
        for arrived, chunk, peak in unread:
            stream.feed(chunk)
            text = "\n".join(screen.display)
            if ready(text):
                seconds, rss = arrived - start, peak
                break
        unread.clear()

    try:
        deadline = start + timeout
        while seconds is None and time.perf_counter() < deadline:
            r, _, _ = select.select([master], [], [], QUIET if unread else 0.05)
            if r:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    chunk = b""
                if chunk:
                    unread.append((time.perf_counter(), chunk, _vm_hwm(proc.pid)))
                    total += len(chunk)
                    continue
            parse()
            if seconds is None and not r and proc.poll() is not None:
                break
            if r:  # end of output
                break
        parse()  # what came just before the deadline
        if seconds is None:
            rss = _vm_hwm(proc.pid)
    finally:
        _stop(proc)
        os.close(master)
    return PtyRun(seconds, rss, text, total)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def run_python(
    code_or_argv: Sequence[str], timeout: float = 600.0, env: dict[str, str] | None = None
) -> str:
    """Run a Python child (non-interactive) and return its stdout; raise on failure."""
    out = subprocess.run(
        [PYTHON, *code_or_argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or child_env(),
        cwd=ROOT,
    )
    if out.returncode != 0:
        raise RuntimeError(
            f"{' '.join(code_or_argv)} failed ({out.returncode}):\n{out.stderr[-3000:]}"
        )
    return out.stdout


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    s = sorted(values)
    if not s:
        return float("nan")
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def mib(kib: int | float | None) -> float | None:
    return None if kib is None else kib / 1024
