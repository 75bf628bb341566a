"""Recording a tour by exploring (``R`` in the explorer): append a step to a
tour file, in place.

The step is appended as text (a new ``[[steps]]`` block at the end), so the
teacher's comments and hand edits stay as they are. The file is opened and
added to where it is (``core/fsio.append_locked``): it keeps its mode (a
0600 file of presenter notes stays private) and owner, a symlink the user
made is written through, a read-only file is refused, and two explorers
recording into one file take turns under a lock on the file itself. The step
goes in one write, flushed; there is no temporary file for a kill to leave
behind, and a failed write is cut back. A file that does not read as a tour,
or would not read as one with the step added, is never written to. Standard
library only.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import DataError
from ..core.fsio import append_locked
from .dump import dump_header, dump_step
from .model import Step, parse_tour

DEFAULT_TITLE = "Recorded tour"


def default_path() -> Path:
    """``$XDG_DATA_HOME/ddx/tours/recorded.toml`` (default ~/.local/share/ddx/...)."""
    from ..paths import user_data_dir

    return user_data_dir() / "tours" / "recorded.toml"


def append_step(path: str | os.PathLike[str], step: Step) -> int:
    """Append ``step`` to the tour at ``path`` (created if missing); the step count."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(path, f"cannot write: {exc.strerror or exc}") from None
    count = 0

    def addition(source: str) -> str:
        nonlocal count
        source = source.removeprefix("\ufeff")
        if not source.strip():  # new, or left empty by a recorder killed as it began
            before, text = 0, dump_header(DEFAULT_TITLE) + "\n" + dump_step(step)
        else:
            try:
                before = len(parse_tour(source, path).steps)
            except DataError as exc:
                if not exc.message.startswith("no steps"):
                    raise
                before = 0  # a header written by hand, no steps yet
            text = ("" if source.endswith("\n") else "\n") + "\n" + dump_step(step)
        # What is written must read back: never leave a file ddx cannot play.
        after = parse_tour(source + text, path)
        if len(after.steps) != before + 1:
            raise DataError(path, "the step did not append cleanly; nothing was written")
        count = before + 1
        return text

    append_locked(path, addition)
    return count
