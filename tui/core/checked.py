"""The rows the first screen reads from the built-in tables, checked once at
build time instead of at every start.

Reading a table through the loader (tui/core/loader.py) checks it in full,
and needs Polars (about 0.2 s to import) and the tables its rows refer to.
For the built-in data/ that check gives the same answer every time, so
``python -m scripts.check_data`` runs it once, then writes ``checked.json``
beside the tables: the SHA-256 of every table file and the rows of
``FIRST_SCREEN`` (what the app and the Goals pane read before the first
frame). At start ``Dataset.records`` takes those rows from here when data/ is
byte for byte what was checked, so the first frame is drawn before Polars is
imported. Anything else (a changed or added file, ``--data``, imported
editions) is read and checked as always; tests/unit/test_checked.py fails when
the file is stale.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

FILE = "checked.json"
FORMAT = 1
# (table, columns or None for every column): what DDXApp and the Goals pane
# ask Dataset.records for before the first frame, in every language.
FIRST_SCREEN: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("egov_survey", ("year",)),
    ("goals", None),
    ("goals_i18n", None),
    ("milestones", None),
    ("milestones_i18n", None),
    ("milestone_goals", None),
    ("milestone_goals_i18n", None),
    ("countries", None),
    ("countries_i18n", None),
    ("country_name_overrides", ("iso3", "lang", "name")),
    ("economy_codes", ("iso3", "iso2")),  # country names from CLDR (tui/i18n.py)
)

Key = tuple[str, tuple[str, ...] | None]
Rows = list[dict[str, object]]


def digest(data: Path) -> dict[str, str]:
    """SHA-256 of every table file in ``data`` (the check covers them all:
    a row's references reach into other tables)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(data.iterdir())
        if p.suffix in (".csv", ".parquet") and p.is_file()
    }


def build(data: Path, records: dict[Key, Rows]) -> str:
    """The file's text: the digest of ``data`` and the rows (already checked)."""
    body = {
        "format": FORMAT,
        "files": digest(data),
        "records": [
            {"table": name, "columns": list(cols) if cols is not None else None, "rows": rows}
            for (name, cols), rows in records.items()
        ],
    }
    return json.dumps(body, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def load(data: Path) -> dict[Key, Rows] | None:
    """The checked rows, or None when data/ is not what was checked (or the
    file is missing or unreadable): the caller then reads the tables."""
    try:
        body = json.loads((data / FILE).read_text(encoding="utf-8"))
        if body.get("format") != FORMAT or body.get("files") != digest(data):
            return None
        return {
            (str(r["table"]), tuple(r["columns"]) if r["columns"] is not None else None): r["rows"]
            for r in body["records"]
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
