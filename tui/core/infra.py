"""Infrastructure questions: internet and subscription series for the five, the
price of mobile data, the World Bank's Digital CASA projects, Freedom on the
Net and ITU IDI ranks.

Polars and the standard library only. Every frame carries ``source_id``; a
year with no value is a *gap* (null), never filled in.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from .dataset import Dataset
from .schema import FOCUS

# The three series the Infrastructure pane draws, in the order `i` cycles them.
SERIES_CODES = ("IT.NET.USER.ZS", "IT.NET.BBND.P2", "IT.CEL.SETS.P2")
SERIES_FALLBACK = {
    "IT.NET.USER.ZS": (
        "Internet users %",
        "Individuals using the Internet (% of population)",
        "% of population",
    ),
    "IT.NET.BBND.P2": (
        "Fixed broadband /100",
        "Fixed broadband subscriptions (per 100 people)",
        "per 100 people",
    ),
    "IT.CEL.SETS.P2": (
        "Mobile subs /100",
        "Mobile cellular subscriptions (per 100 people)",
        "per 100 people",
    ),
}
FOTN_SCALES = ("current", "legacy")


@dataclass(frozen=True)
class SeriesMeta:
    code: str
    short: str
    name: str
    unit: str
    note: str | None
    source_id: str | None


def names(ds: Dataset) -> dict[str, str]:
    """ISO3 -> short name, focus countries' names first, then every economy."""
    out = dict(zip(ds.frame("economies")["iso3"], ds.frame("economies")["name"], strict=True))
    if ds.has("countries"):
        out.update(zip(ds.frame("countries")["iso3"], ds.frame("countries")["name"], strict=True))
    return out


def _with_names(ds: Dataset, df: pl.DataFrame) -> pl.DataFrame:
    econ = pl.DataFrame(
        {"iso3": list(names(ds)), "country": list(names(ds).values())},
        schema={"iso3": pl.String, "country": pl.String},
    )
    return df.join(econ, on="iso3", how="left").with_columns(
        pl.col("country").fill_null(pl.col("iso3"))
    )


# -- series -------------------------------------------------------------------
def series_meta(ds: Dataset, code: str) -> SeriesMeta:
    short, name, unit = SERIES_FALLBACK.get(code, (code, code, ""))
    if ds.has("indicator_meta"):
        m = ds.frame("indicator_meta").filter(pl.col("indicator_code") == code)
        if len(m):
            r = m.row(0, named=True)
            return SeriesMeta(code, r["short"], r["name"], r["unit"], r["note"], r["source_id"])
    return SeriesMeta(code, short, name, unit, None, None)


def series_long(ds: Dataset, code: str, iso3s: tuple[str, ...] = FOCUS) -> pl.DataFrame:
    """iso3, year, value, source_id: the rows the source has (no gap rows)."""
    if not ds.has("indicators"):
        return pl.DataFrame(
            schema={
                "iso3": pl.String,
                "year": pl.Int64,
                "value": pl.Float64,
                "source_id": pl.String,
            }
        )
    return (
        ds.lazy("indicators")
        .filter(pl.col("indicator_code") == code, pl.col("iso3").is_in(list(iso3s)))
        .select("iso3", "year", "value", "source_id")
        .drop_nulls("value")
        .sort(["iso3", "year"])
        .collect()
    )


def series_grid(ds: Dataset, code: str, iso3s: tuple[str, ...] = FOCUS) -> pl.DataFrame:
    """Every (iso3, year) from the first to the last year any of them has, with
    null where that country has no value: the gaps a chart must leave open."""
    long = series_long(ds, code, iso3s)
    if long.is_empty():
        return long
    lo, hi = int(long["year"].min()), int(long["year"].max())  # type: ignore[arg-type]
    years = pl.DataFrame({"year": list(range(lo, hi + 1))})
    countries = pl.DataFrame({"iso3": list(iso3s)})
    return (
        countries.join(years, how="cross")
        .join(long, on=["iso3", "year"], how="left")
        .sort(["iso3", "year"])
    )


def latest(ds: Dataset, code: str, iso3s: tuple[str, ...] = FOCUS) -> pl.DataFrame:
    """iso3, country, year, value, source_id of each country's latest value
    (null year and value when the country has none)."""
    long = series_long(ds, code, iso3s)
    last = long.group_by("iso3").agg(pl.all().sort_by("year").last())
    base = pl.DataFrame({"iso3": list(iso3s)})
    df = base.join(last, on="iso3", how="left")
    return _with_names(ds, df).select("iso3", "country", "year", "value", "source_id")


def gap_years(ds: Dataset, code: str, iso3s: tuple[str, ...] = FOCUS) -> dict[str, list[int]]:
    """Years missing *inside* each country's own first..last range."""
    long = series_long(ds, code, iso3s)
    out: dict[str, list[int]] = {}
    for iso3 in iso3s:
        years = long.filter(pl.col("iso3") == iso3)["year"].to_list()
        if years:
            have = set(years)
            out[iso3] = [y for y in range(min(years), max(years) + 1) if y not in have]
        else:
            out[iso3] = []
    return out


def year_ranges(years: list[int]) -> str:
    """[1996, 1997, 1998, 2018] -> '1996-98, 2018'."""
    if not years:
        return ""
    parts: list[str] = []
    start = prev = years[0]
    for y in years[1:] + [None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        if start == prev:
            parts.append(str(start))
        else:
            tail = str(prev)[2:] if str(prev)[:2] == str(start)[:2] else str(prev)
            parts.append(f"{start}-{tail}")
        if y is not None:
            start = prev = y
    return ", ".join(parts)


# -- mobile data price ------------------------------------------------------
def mobile_price(ds: Dataset) -> pl.DataFrame:
    """iso3, country, year, usd_per_gb, rank, n_countries, note, source_id."""
    df = ds.frame("mobile_data_price") if ds.has("mobile_data_price") else None
    if df is None:
        df = pl.DataFrame(
            schema={
                "iso3": pl.String,
                "year": pl.Int64,
                "usd_per_gb": pl.Float64,
                "rank": pl.Int64,
                "n_countries": pl.Int64,
                "note": pl.String,
                "source_id": pl.String,
            }
        )
    return (
        _with_names(ds, df)
        .select("iso3", "country", "year", "usd_per_gb", "rank", "n_countries", "note", "source_id")
        .sort(["iso3", "year"])
    )


# -- Digital CASA -----------------------------------------------------------
def casa_projects(ds: Dataset) -> pl.DataFrame:
    """Digital CASA rows with a ``status``: 'conflict' (rows sharing a
    conflict_group: all kept, none preferred), 'undated', or ''.

    Sorted by country, then date (undated last), then row_id.
    """
    if not ds.has("digital_casa"):
        return pl.DataFrame()
    df = ds.frame("digital_casa")
    sizes = df.filter(pl.col("conflict_group").is_not_null()).group_by("conflict_group").len()
    df = df.join(sizes.rename({"len": "_n"}), on="conflict_group", how="left")
    df = df.with_columns(
        pl.when(pl.col("_n").fill_null(0) > 1)
        .then(pl.lit("conflict"))
        .when(pl.col("date").is_null() | (pl.col("precision") == "undated"))
        .then(pl.lit("undated"))
        .otherwise(pl.lit(""))
        .alias("status"),
        pl.col("date").is_null().alias("_undated"),
    ).drop("_n")
    return _with_names(ds, df).sort(["iso3", "_undated", "date", "row_id"]).drop("_undated")


def casa_conflicts(df: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """conflict_group -> its rows, for the groups with more than one row."""
    if df.is_empty():
        return {}
    out: dict[str, pl.DataFrame] = {}
    for group in df.filter(pl.col("status") == "conflict")["conflict_group"].unique(
        maintain_order=True
    ):
        out[group] = df.filter(pl.col("conflict_group") == group)
    return out


# -- Freedom on the Net and ITU IDI ------------------------------------------
def fotn(ds: Dataset, scale: str) -> pl.DataFrame:
    """Freedom on the Net rows on ONE scale (never mixed): iso3, country,
    edition_year, total_score, status, note, source_id."""
    if scale not in FOTN_SCALES:
        raise ValueError(f"unknown scale {scale!r}")
    if not ds.has("internet_freedom"):
        return pl.DataFrame()
    df = ds.frame("internet_freedom").filter(pl.col("scale") == scale)
    return (
        _with_names(ds, df)
        .select(
            "iso3", "country", "edition_year", "total_score", "scale", "status", "note", "source_id"
        )
        .sort(["iso3", "edition_year"])
    )


def fotn_wide(df: pl.DataFrame) -> tuple[list[int], list[tuple[str, str, dict[int, int | None]]]]:
    """Editions, and per country (iso3, name, {edition: score}) for a table."""
    if df.is_empty():
        return [], []
    editions = sorted(set(df["edition_year"].to_list()))
    rows = []
    for iso3 in df["iso3"].unique(maintain_order=True):
        sub = df.filter(pl.col("iso3") == iso3)
        rows.append(
            (
                iso3,
                sub["country"][0],
                dict(zip(sub["edition_year"], sub["total_score"], strict=True)),
            )
        )
    return editions, rows


def fotn_missing(ds: Dataset, iso3s: tuple[str, ...] = FOCUS) -> list[str]:
    """Focus countries with no Freedom on the Net row at all."""
    if not ds.has("internet_freedom"):
        return list(iso3s)
    have = set(ds.frame("internet_freedom")["iso3"])
    return [c for c in iso3s if c not in have]


def idi_ranks(ds: Dataset) -> pl.DataFrame:
    """iso3, country, edition, rank, n_countries, note, source_id; the five first."""
    if not ds.has("itu_idi"):
        return pl.DataFrame()
    df = _with_names(ds, ds.frame("itu_idi"))
    return (
        df.with_columns((~pl.col("iso3").is_in(list(FOCUS))).alias("_other"))
        .sort(["edition", "_other", "iso3"])
        .drop("_other")
        .select("iso3", "country", "edition", "rank", "n_countries", "note", "source_id")
    )


def idi_wide(
    df: pl.DataFrame,
) -> tuple[list[str], list[tuple[str, str, dict[str, dict[str, object]]]]]:
    """Editions, and per country (iso3, name, {edition: row}) for a table."""
    if df.is_empty():
        return [], []
    editions = sorted(set(df["edition"].to_list()))
    rows = []
    for iso3 in df["iso3"].unique(maintain_order=True):
        sub = df.filter(pl.col("iso3") == iso3)
        rows.append((iso3, sub["country"][0], {r["edition"]: r for r in sub.iter_rows(named=True)}))
    return editions, rows
