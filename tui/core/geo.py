"""The map's query: the selected survey indicator and edition for every
country drawn, with gaps and flagged zeros marked, and its classes.

Polars and the core; the shapes, raster and classes are in tui/core/geo_shapes.py,
geo_raster.py and geo_classes.py.
"""

from __future__ import annotations

import polars as pl

from .caveats import caveat_keys
from .dataset import Dataset
from .geo_classes import Classes, classify_fixed
from .schema import FOCUS, READINESS_INDEX


def map_values(ds: Dataset, year: int, indicator: str, iso3s: list[str]) -> pl.DataFrame:
    """iso3, country, value, status, flags, source_id for the countries drawn.

    ``value`` is what the survey publishes; ``status`` is 'gap' when the survey
    has no value (or no row) for that country and edition, and 'not_measured'
    for a 0 the survey itself flags as no assessed presence or a probable
    missing value. Neither is classed: both are drawn as "no data".
    """
    econ = ds.frame("economies").select("iso3", pl.col("name").alias("econ_name"))
    base = pl.DataFrame({"iso3": iso3s}, schema={"iso3": pl.String})
    sv = ds.where("egov_survey", pl.col("year") == year).select(
        "iso3", "country", pl.col(indicator).alias("value"), "flags", "source_id"
    )
    df = base.join(sv, on="iso3", how="left").join(econ, on="iso3", how="left")
    zero_flag = [
        bool(
            v == 0
            and any(k.startswith(indicator) or k.startswith("egdi_zero") for k in caveat_keys(f))
        )
        for v, f in zip(df["value"], df["flags"], strict=True)
    ]
    df = df.with_columns(
        pl.coalesce("country", "econ_name", "iso3").alias("country"),
        pl.Series("_zero", zero_flag, dtype=pl.Boolean),
    )
    df = df.with_columns(
        pl.when(pl.col("value").is_null())
        .then(pl.lit("gap"))
        .when(pl.col("_zero"))
        .then(pl.lit("not_measured"))
        .otherwise(pl.lit("value"))
        .alias("status"),
        pl.col("iso3").is_in(list(FOCUS)).alias("focus"),
    )
    return df.select("iso3", "country", "value", "status", "flags", "source_id", "focus").sort(
        ["focus", "iso3"], descending=[True, False]
    )


def classify_frame(df: pl.DataFrame) -> Classes:
    """Fixed classes for a :func:`map_values` frame; gaps and flagged zeros are NO_DATA."""
    values = {
        r["iso3"]: (r["value"] if r["status"] == "value" else None)
        for r in df.iter_rows(named=True)
    }
    return classify_fixed(values)


def map_caveats(year: int) -> tuple[str, ...]:
    return ("readiness_era",) if year in READINESS_INDEX else ()
