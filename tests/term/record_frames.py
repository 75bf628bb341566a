"""Record what Textual hands the terminal driver, write by write, for the
frame differ's tests (tests/term/test_frame_diff.py).

Runs ``python -m tui`` on an 80x24 pty with the driver's ``write`` logged
(before ASCII translation, the differ and the SGR filter), presses keys and
resizes, and stores every write with the terminal's size at that moment as
gzipped JSON in tests/term/frames/. Rerun it when Textual's output changes:

    .venv/bin/python tests/term/record_frames.py
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from ptyterm import Term  # noqa: E402

# Run at the child's start-up (sitecustomize): the app's driver logs its writes.
CHILD = """
import json, os
import tui.wire as wire
log = open(os.environ["DDX_RECORD"], "a")  # the recorder adds its markers too
make = wire.lean_driver

def recording(base):
    cls = make(base)

    class Recording(cls):
        def write(self, data):
            log.write(json.dumps([self._terminal_size(), data]) + "\\n")
            log.flush()
            super().write(data)

    return Recording

wire.lean_driver = recording
"""

SYNC = "\x1b[?2026;2$y"  # the answer of a terminal with synchronized output
# name -> (ddx arguments, steps: a key to press (or a terminal's answer), or
# ("resize", cols, rows))
SCENARIOS: dict[str, tuple[list[str], list[object]]] = {
    "explore": (
        [],
        [
            "2",
            "]",
            "]",
            "]",
            "[",
            "3",
            "[",
            "]",
            "4",
            "5",
            "6",
            "7",
            "8",
            "1",
            "2",
            ("resize", 100, 30),
            "]",
            ("resize", 80, 24),
            "]",
            "q",
        ],
    ),
    "ascii": (["--ascii"], ["2", "]", "]", "3", "[", "1", "q"]),
    # The terminal answers that it has synchronized output (DECRQM 2026):
    # Textual then wraps each frame in ESC[?2026h ... ESC[?2026l, as its own writes.
    "sync": ([], [SYNC, "2", "]", "]", "3", "]", "1", "q"]),
}


def record(name: str, args: list[str], steps: list[object]) -> Path:
    log = HERE / "frames" / f"{name}.jsonl"
    log.write_text("")
    hook = Path(tempfile.mkdtemp())
    (hook / "sitecustomize.py").write_text(CHILD)
    env = {"DDX_RECORD": str(log), "PYTHONPATH": f"{hook}{os.pathsep}{ROOT}"}
    with Term(args, env=env) as t:
        t.wait_for("Knowledge management", timeout=30)
        t.settle(1.0)
        for step in steps:
            # A marker between writes: [null, "step"] (the app is quiet by now).
            with log.open("a") as f:
                f.write(json.dumps([None, "sync" if step == SYNC else str(step)]) + "\n")
            if isinstance(step, tuple):
                t.resize(step[1], step[2])
            else:
                t.send(step)
            t.settle(0.5)
        time.sleep(0.5)
    writes = [json.loads(line) for line in log.read_text().splitlines()]
    log.unlink()
    out = HERE / "frames" / f"{name}.json.gz"
    out.write_bytes(gzip.compress(json.dumps(writes).encode(), mtime=0))
    return out


if __name__ == "__main__":
    for name, (args, steps) in SCENARIOS.items():
        path = record(name, args, steps)
        print(path.relative_to(ROOT), os.path.getsize(path), "bytes")
