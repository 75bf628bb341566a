"""Check every built-in table in full, then write data/checked.json: the
digest of data/ and the rows the first screen reads (tui/core/checked.py), so
that the explorer's start skips a check whose answer is already known.

Run after changing anything in data/ (tests/unit/test_checked.py says so):

    .venv/bin/python -m scripts.check_data
"""

from __future__ import annotations

import sys
from pathlib import Path

from tui.core import Dataset, checked
from tui.core.errors import DataError

DATA = Path(__file__).resolve().parent.parent / "data"


def checked_text(data: Path = DATA) -> str:
    """What checked.json must hold for ``data`` (every table checked first)."""
    ds = Dataset(data)
    ds._use_checked = False  # read through the loader, never from the old file
    ds.validate_all()
    return checked.build(data, {key: ds.records(*key) for key in checked.FIRST_SCREEN})


def main() -> int:
    try:
        text = checked_text()
    except DataError as exc:
        print(f"ddx: {exc}", file=sys.stderr)
        return 2
    (DATA / checked.FILE).write_text(text, encoding="utf-8")
    print(f"wrote {DATA / checked.FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
