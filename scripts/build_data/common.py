"""Shared by every builder: the schema, reading reference CSVs as text, and
writing a table in schema order, sorted by its key (deterministic bytes)."""

from __future__ import annotations

import csv
import importlib.util
import io
import os
import sys
from pathlib import Path

import polars as pl

REPO = Path(__file__).resolve().parents[2]

# --------------------------------------------------------------------------
# schema


def load_schema():
    """Import tui/core/schema.py by path (no need for tui to be importable)."""
    path = REPO / "tui" / "core" / "schema.py"
    spec = importlib.util.spec_from_file_location("_ddx_schema", path)
    assert spec and spec.loader, path
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses need the module registered
    spec.loader.exec_module(mod)
    return mod


SCHEMA = load_schema()
TABLES = SCHEMA.TABLES

GENERATED = (
    "sources",
    "economies",
    "egov_survey",
    "indicators",
    "indicator_meta",
    "internet_freedom",
    "mobile_data_price",
    "digital_casa",
    "itu_idi",
    "map_shapes",
    "country_aliases",
    "economy_codes",
)

# --------------------------------------------------------------------------
# reading / writing helpers


def read_ref(path: Path) -> list[dict[str, str | None]]:
    """Read a reference CSV as text only; empty cells become None."""
    df = pl.read_csv(path, infer_schema=False)
    rows = df.to_dicts()
    for r in rows:
        for k, v in r.items():
            if v is not None and v.strip() == "":
                r[k] = None
    return rows


def blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and v.strip() == "")


def num_text(v: str | None, *, integer: bool = False) -> str | None:
    """Check that a reference cell is a number and return its text unchanged."""
    if blank(v):
        return None
    assert isinstance(v, str)
    s = v.strip()
    if integer:
        if not s.lstrip("-").isdigit():
            raise ValueError(f"not a whole number: {v!r}")
    else:
        float(s)  # raises if not a number
        if "e" in s.lower():
            raise ValueError(f"exponent notation not expected: {v!r}")
    return s


def _sort_key(table_name: str, row: dict) -> tuple:
    t = TABLES[table_name]
    out = []
    for k in t.key:
        v = row.get(k)
        dtype = t.col(k).dtype
        if v is None or v == "":
            out.append((0, 0.0, ""))
        elif dtype in (pl.Int64, pl.Float64):
            out.append((1, float(v), ""))
        else:
            out.append((1, 0.0, str(v)))
    return tuple(out)


def write_table(out_dir: Path, name: str, rows: list[dict]) -> Path:
    cols = TABLES[name].names
    for r in rows:
        extra = set(r) - set(cols)
        missing = set(cols) - set(r)
        if extra or missing:
            raise ValueError(f"{name}: row columns differ from schema: +{extra} -{missing}")
    rows = sorted(rows, key=lambda r: _sort_key(name, r))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(cols)
    for r in rows:
        w.writerow(["" if r[c] is None else str(r[c]) for c in cols])
    data = buf.getvalue().encode("utf-8")
    path = out_dir / f"{name}.csv"
    if not (path.exists() and path.read_bytes() == data):
        tmp = path.with_suffix(".csv.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return path
