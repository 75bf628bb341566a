"""Test-only: run ``ddx ARGS`` so that it pauses just before it publishes a
staged write (tui/core/userstore.py), after saying on stderr
``ddx-test: <staging> staged``; a test kills it inside that pause.

    python tests/robust/ddx_paused.py SECONDS ddx-args...

The pause is patched in here, in the child process: ddx itself has no hook.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tui import cli  # noqa: E402
from tui.core import userstore  # noqa: E402


def paused(publish: Callable[..., object], seconds: float) -> Callable[..., object]:
    def wrapper(work: Path, *args: object, **kwargs: object) -> object:
        sys.stderr.write(f"ddx-test: {work} staged\n")
        sys.stderr.flush()
        time.sleep(seconds)
        return publish(work, *args, **kwargs)

    return wrapper


if __name__ == "__main__":
    seconds = float(sys.argv[1])
    userstore.publish_files = paused(userstore.publish_files, seconds)  # type: ignore[assignment]
    userstore.publish_dir = paused(userstore.publish_dir, seconds)  # type: ignore[assignment]
    userstore.publish_generation = paused(  # type: ignore[assignment]
        userstore.publish_generation, seconds
    )
    sys.exit(cli.main(sys.argv[2:]))
