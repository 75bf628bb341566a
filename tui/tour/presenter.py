"""Following a tour from a second terminal (``ddx tour notes FILE``).

The player (``ddx demo --tour FILE``) writes the step it shows to a small
state file, atomically (``core/fsio.atomic_write``), keyed by the
tour file's real path: ``$XDG_RUNTIME_DIR/ddx/tours/<hash>.json`` (or, with
no runtime folder, ``$XDG_DATA_HOME/ddx/run/``). It removes the file when it
quits. ``follow`` polls that file and prints the presenter notes of each new
step; it ends when the player has quit (file gone, or its process no longer
running), or when no player starts within ``wait`` seconds. Standard library
only, no Textual.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from ..core.fsio import atomic_write
from .model import TourFile


def state_dir() -> Path:
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        return Path(runtime) / "ddx" / "tours"
    data = os.environ.get("XDG_DATA_HOME", "")
    if not os.path.isabs(data):
        data = str(Path.home() / ".local" / "share")
    return Path(data) / "ddx" / "run"


def state_path(tour_path: str | os.PathLike[str]) -> Path:
    real = os.path.realpath(os.fspath(tour_path))
    key = hashlib.sha256(real.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return state_dir() / f"{key}.json"


def write_state(path: str | os.PathLike[str], index: int, total: int) -> None:
    """Say which step is showing; never fails the player (it is a convenience)."""
    path = Path(path)
    data = json.dumps({"pid": os.getpid(), "index": index, "steps": total})
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(path, data, mode=0o600)


def clear_state(path: str | os.PathLike[str]) -> None:
    with contextlib.suppress(OSError):
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("pid") == os.getpid():  # another player may have taken over
            os.unlink(path)


def read_state(path: str | os.PathLike[str]) -> dict[str, int] | None:
    """The player's state, or None if no player is running."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        pid, index = int(data["pid"]), int(data["index"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None  # killed midway: its file is stale
    except PermissionError:
        pass  # running, as another user
    return {"pid": pid, "index": index}


def notes_text(tour: TourFile, index: int) -> str:
    steps = tour.steps
    step = steps[index]
    nxt = steps[index + 1].title if index + 1 < len(steps) else "(the end)"
    lines = [
        f"Step {index + 1}/{len(steps)}: {step.title}",
        f"  caption: {step.look}",
        f"  notes:   {step.notes or '(none)'}",
        f"  next:    {nxt}",
    ]
    return "\n".join(lines)


def follow(
    tour: TourFile,
    out: Callable[[str], None],
    wait: float = 120.0,
    poll: float = 0.25,
) -> int:
    """Print each new step's notes until the player quits. Returns the exit status:
    0 after the player quit, 1 if none started within ``wait`` seconds."""
    path = state_path(tour.path)
    shown: int | None = None
    started = False
    deadline = time.monotonic() + wait
    while True:
        state = read_state(path)
        if state is None:
            if started:
                out("The tour has ended.")
                return 0
            if time.monotonic() > deadline:
                out(f"No tour is playing {tour.path} (waited {wait:g} s).")
                return 1
        else:
            if not started:
                started = True
            index = state["index"]
            if index != shown and 0 <= index < len(tour.steps):
                shown = index
                out(notes_text(tour, index))
        time.sleep(poll)
