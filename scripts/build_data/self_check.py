"""The self-check: every written file against tui/core/schema.py and the
cross-references between tables (source ids, iso3 codes, known ranks)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from .common import GENERATED, SCHEMA, TABLES


def self_check(out_dir: Path) -> list[str]:
    """Validate every generated file against schema.py and cross-references."""
    errors: list[str] = []
    warnings: list[str] = []
    frames: dict[str, pl.DataFrame] = {}
    for name in GENERATED:
        t = TABLES[name]
        path = out_dir / f"{name}.csv"
        raw = path.read_bytes()
        if b"\r" in raw:
            errors.append(f"{name}: CR line ends")
        header = raw.split(b"\n", 1)[0].decode("utf-8").split(",")
        if header != t.names:
            errors.append(f"{name}: header {header} != schema {t.names}")
            continue
        df = pl.read_csv(path, infer_schema=False)
        try:
            df = df.with_columns(pl.col(c.name).cast(c.dtype, strict=True) for c in t.columns)
        except Exception as e:  # noqa: BLE001
            errors.append(f"{name}: type error: {e}")
            continue
        frames[name] = df
        if df.select(pl.struct(list(t.key)).is_duplicated().any()).item():
            errors.append(f"{name}: duplicate key {t.key}")
        for c in t.columns:
            s = df[c.name]
            if not c.nullable and s.null_count():
                errors.append(f"{name}.{c.name}: {s.null_count()} blanks")
            v = s.drop_nulls()
            bad = pl.Series([], dtype=pl.Boolean)
            if c.lo is not None:
                bad = v < c.lo
                if bad.any():
                    errors.append(f"{name}.{c.name}: {bad.sum()} values below {c.lo}")
            if c.hi is not None:
                over = df.filter(pl.col(c.name) > c.hi)
                if over.height:
                    msg = f"{name}.{c.name}: {over.height} values above {c.hi}"
                    if (
                        name == "egov_survey"
                        and over["year"].is_in(list(SCHEMA.READINESS_ERA)).all()
                    ):
                        warnings.append(
                            msg
                            + " (readiness era 2003-2005 only: "
                            + ", ".join(
                                f"{a} {b}" for a, b in over.select("iso3", "year").iter_rows()
                            )
                            + ")"
                        )
                    else:
                        errors.append(msg)
            if c.choices:
                odd = set(v.to_list()) - set(c.choices)
                if odd:
                    errors.append(f"{name}.{c.name}: values not allowed: {sorted(odd)}")
            if c.pattern is not None:
                odd = [x for x in v.to_list() if not c.pattern.match(str(x))]
                if odd:
                    errors.append(
                        f"{name}.{c.name}: {len(odd)} values not matching pattern, e.g. {odd[:3]}"
                    )
        if "date_precision" in t.rules:
            want = {"year": 4, "month": 7, "day": 10}
            for d, p in df.select("date", "precision").iter_rows():
                if (p == "undated") != (d is None) or (d is not None and len(d) != want.get(p, -1)):
                    errors.append(f"{name}: date {d!r} does not fit precision {p!r}")
        if "survey_year" in t.rules:
            odd = [y for y in df["year"].unique().to_list() if not SCHEMA.plausible_survey_year(y)]
            if odd:
                errors.append(f"{name}: not survey years: {odd}")

    if "sources" in frames:
        ids = set(frames["sources"]["source_id"].to_list())
        for name, df in frames.items():
            if name != "sources":
                odd = set(df["source_id"].to_list()) - ids
                if odd:
                    errors.append(f"{name}: source_id not in sources.csv: {sorted(odd)}")
    if "economies" in frames:
        known = set(frames["economies"]["iso3"].to_list())
        for name, df in frames.items():
            if "iso3" in df.columns:
                odd = set(df["iso3"].to_list()) - known
                if odd:
                    errors.append(f"{name}: iso3 not in economies.csv: {sorted(odd)}")
    eg = frames.get("egov_survey")
    if eg is not None:
        if eg.height != 2308:
            errors.append(f"egov_survey has {eg.height} rows, expected 2308")
        got = dict(eg.filter(pl.col("year") == 2020).select("iso3", "egdi_rank").iter_rows())
        want = {"KAZ": 29, "KGZ": 83, "TJK": 133, "TKM": 158, "UZB": 87}
        for k, v in want.items():
            if got.get(k) != v:
                errors.append(f"egov_survey 2020 egdi_rank {k} = {got.get(k)}, expected {v}")
    for w in warnings:
        print("  note:", w)
    return errors
