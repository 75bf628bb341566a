"""Recording a tour by exploring (``R`` in the explorer): append a step to a
tour file, safely.

The step is appended as text (a new ``[[steps]]`` block at the end), so the
teacher's comments and hand edits stay as they are. Two explorers recording
into the same file take turns (an advisory lock on ``FILE.lock`` beside it),
and the file is replaced in one step (a temp file beside it, fsync,
os.replace): a recorder killed midway leaves the file as it was. A file that
does not read as a tour is never written to. Standard library only.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from pathlib import Path

from ..core.errors import DataError
from .model import Step, dump_header, dump_step, parse_tour, read_source

DEFAULT_TITLE = "Recorded tour"


def default_path() -> Path:
    """``$XDG_DATA_HOME/ddx/tours/recorded.toml`` (default ~/.local/share/ddx/...)."""
    from ..paths import user_data_dir

    return user_data_dir() / "tours" / "recorded.toml"


def write_atomic(path: Path, text: str) -> None:
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        tmp = None
        with contextlib.suppress(OSError):
            dfd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def append_step(path: str | os.PathLike[str], step: Step) -> int:
    """Append ``step`` to the tour at ``path`` (created if missing); the step count."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(path.with_name(path.name + ".lock"), "a")  # noqa: SIM115
    except OSError as exc:
        raise DataError(path, f"cannot write: {exc.strerror or exc}") from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            source = read_source(path)
            try:
                before = len(parse_tour(source, path).steps)
            except DataError as exc:
                if not exc.message.startswith("no steps"):
                    raise
                before = 0  # a header written by hand, no steps yet
            if source and not source.endswith("\n"):
                source += "\n"
            text = source + "\n" + dump_step(step)
        else:
            before = 0
            text = dump_header(DEFAULT_TITLE) + "\n" + dump_step(step)
        # What is written must read back: never leave a file ddx cannot play.
        after = parse_tour(text, path)
        if len(after.steps) != before + 1:
            raise DataError(path, "the step did not append cleanly; nothing was written")
        try:
            write_atomic(path, text)
        except OSError as exc:
            raise DataError(path, f"cannot write: {exc.strerror or exc}") from None
    return before + 1
