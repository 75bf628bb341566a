"""Actions and results: each government action the article reports, set beside
the country's UN results around it.

For an action starting in year Y (the year of its ``date``):

* ``rank_before`` is the EGDI world rank in the latest survey edition before Y,
* ``rank_after`` the rank in the first edition after Y,
* ``rank_latest`` the rank in the latest edition,

each with its edition year and EGDI value, and, where the indicators table has
them, the share of internet users in the latest year before Y and the first
year after Y. An edition in Y itself is neither before nor after: a survey
published in the year an action starts measured the years before it.

Nothing here says an action caused a result: an association in time is not a
cause (``CAUSE_CAVEAT``), and every view of this frame says so.

Polars and the standard library only.
"""

from __future__ import annotations

import polars as pl

from .dataset import Dataset
from .schema import READINESS_ERA

INTERNET = "IT.NET.USER.ZS"


def N_(text: str) -> str:
    """Marks a text for the message catalogue; the UI translates it (tui/i18n.py)."""
    return text


CAUSE_SHORT = N_("An association in time is not a cause.")
CAUSE_CAVEAT = N_(
    "An association in time is not a cause: a rank can move for many reasons, "
    "other countries' progress among them, and surveys lag the work they measure."
)
RULE = N_(
    "before = latest UN edition before the start year; after = first edition after it; "
    "an edition in the start year itself is neither."
)

COLUMNS: dict[str, type[pl.DataType]] = {
    "milestone_id": pl.String,
    "iso3": pl.String,
    "kind": pl.String,
    "title": pl.String,
    "start": pl.String,
    "end": pl.String,
    "start_inferred": pl.String,
    "start_year": pl.Int64,
    "year_before": pl.Int64,
    "rank_before": pl.Int64,
    "egdi_before": pl.Float64,
    "year_after": pl.Int64,
    "rank_after": pl.Int64,
    "egdi_after": pl.Float64,
    "year_latest": pl.Int64,
    "rank_latest": pl.Int64,
    "egdi_latest": pl.Float64,
    "internet_year_before": pl.Int64,
    "internet_before": pl.Float64,
    "internet_year_after": pl.Int64,
    "internet_after": pl.Float64,
    "caveats": pl.String,
    "source_id": pl.String,
    "rank_source_ids": pl.String,
    "internet_source_id": pl.String,
}


def start_year(date: str | None) -> int | None:
    """The year of a YYYY, YYYY-MM or YYYY-MM-DD date; None when undated."""
    return int(date[:4]) if date else None


def country_actions(ds: Dataset, iso3: str) -> pl.DataFrame:
    """The country's actions (``role == "action"``), by start date, undated last."""
    ms = ds.frame("milestones").filter((pl.col("iso3") == iso3) & (pl.col("role") == "action"))
    return (
        ms.with_columns(pl.col("date").is_null().alias("_u"))
        .sort(["_u", "date", "milestone_id"])
        .drop("_u")
    )


def rank_series(ds: Dataset, iso3: str) -> list[dict[str, object]]:
    """The country's survey editions with an EGDI rank, oldest first."""
    return (
        ds.where("egov_survey", (pl.col("iso3") == iso3) & pl.col("egdi_rank").is_not_null())
        .select("year", "egdi_rank", "egdi", "flags", "source_id")
        .sort("year")
        .to_dicts()
    )


def internet_series(ds: Dataset, iso3: str) -> list[dict[str, object]]:
    if not ds.has("indicators"):
        return []
    return (
        ds.lazy("indicators")
        .filter((pl.col("iso3") == iso3) & (pl.col("indicator_code") == INTERNET))
        .select("year", "value", "source_id")
        .sort("year")
        .collect()
        .to_dicts()
    )


def _before(rows: list[dict[str, object]], year: int) -> dict[str, object] | None:
    earlier = [r for r in rows if int(r["year"]) < year]  # type: ignore[call-overload]
    return earlier[-1] if earlier else None


def _after(rows: list[dict[str, object]], year: int) -> dict[str, object] | None:
    return next((r for r in rows if int(r["year"]) > year), None)  # type: ignore[call-overload]


def actions_frame(ds: Dataset, iso3: str) -> pl.DataFrame:
    """One row per action of the country with the UN results around it (see the
    module docstring); gaps stay gaps (null), never filled in."""
    ranks = rank_series(ds, iso3)
    net = internet_series(ds, iso3)
    latest = ranks[-1] if ranks else None
    out: list[dict[str, object]] = []
    for m in country_actions(ds, iso3).iter_rows(named=True):
        y = start_year(m["date"])
        before = _before(ranks, y) if y is not None else None
        after = _after(ranks, y) if y is not None else None
        nb = _before(net, y) if y is not None else None
        na = _after(net, y) if y is not None else None
        used = [r for r in (before, after, latest) if r is not None]
        caveats: list[str] = []
        for r in used:
            if int(r["year"]) in READINESS_ERA and "readiness_era" not in caveats:  # type: ignore[call-overload]
                caveats.append("readiness_era")
            for f in str(r["flags"] or "").split(";"):
                if f.startswith("egdi") and f not in caveats:
                    caveats.append(f)
        if y is None:
            caveats.append("no_start")
        out.append(
            {
                "milestone_id": m["milestone_id"],
                "iso3": iso3,
                "kind": m["kind"],
                "title": m["title"],
                "start": m["date"],
                "end": m["end_date"],
                "start_inferred": m["inferred"],
                "start_year": y,
                "year_before": before["year"] if before else None,
                "rank_before": before["egdi_rank"] if before else None,
                "egdi_before": before["egdi"] if before else None,
                "year_after": after["year"] if after else None,
                "rank_after": after["egdi_rank"] if after else None,
                "egdi_after": after["egdi"] if after else None,
                "year_latest": latest["year"] if latest else None,
                "rank_latest": latest["egdi_rank"] if latest else None,
                "egdi_latest": latest["egdi"] if latest else None,
                "internet_year_before": nb["year"] if nb else None,
                "internet_before": nb["value"] if nb else None,
                "internet_year_after": na["year"] if na else None,
                "internet_after": na["value"] if na else None,
                "caveats": ";".join(caveats) or None,
                "source_id": m["source_id"],
                "rank_source_ids": ";".join(dict.fromkeys(str(r["source_id"]) for r in used))
                or None,
                "internet_source_id": ";".join(
                    dict.fromkeys(str(r["source_id"]) for r in (nb, na) if r is not None)
                )
                or None,
            }
        )
    return pl.DataFrame(out, schema=COLUMNS, orient="row")


def conclusions(ds: Dataset) -> pl.DataFrame:
    """The article's conclusion, claim by claim (empty when the table is absent)."""
    if not ds.has("conclusions"):
        return pl.DataFrame(
            schema={"claim_id": pl.String, "position": pl.Int64, "claim": pl.String,
                    "related_table": pl.String, "note": pl.String, "source_id": pl.String}
        )  # fmt: skip
    return ds.frame("conclusions").sort("position")
