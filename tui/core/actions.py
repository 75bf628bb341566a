"""Actions and results: each government action the article reports, set beside
the country's UN results around it.

For an action starting in year Y (the year of its ``date``):

* ``rank_before`` is the EGDI world rank in the latest survey edition before Y,
* ``rank_during`` the rank in the edition of Y itself, where there is one,
* ``rank_after`` the rank in the first edition after Y,
* ``rank_latest`` the rank in the latest edition,

each with its edition year and EGDI value, and, where the indicators table has
them, the share of internet users in the latest year before Y and the first
year after Y. The edition of Y is shown on its own, not hidden: a survey
published in the year an action starts mostly measured the years before it,
so it is neither before nor after, but a reader must see it (UZB's 2020
actions: 81 before, 87 during, 69 after).

A ``plan`` (the article says what was to start, not that it did) has no
before, during or after: its ``status`` is ``planned``. An action with no
date is ``undated``; the others are ``dated``.

Nothing here says an action caused a result: an association in time is not a
cause (``CAUSE_CAVEAT``), and every view of this frame says so.

Polars and the standard library only.
"""

from __future__ import annotations

import polars as pl

from .dataset import Dataset
from .schema import READINESS_INDEX

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
    "before = latest UN edition before the start year; during = the edition in the start "
    "year itself, which mostly measured the years before; after = first edition after it."
)
PLANNED = "plan"  # milestones.kind of an action that was announced, not started

COLUMNS: dict[str, type[pl.DataType]] = {
    "milestone_id": pl.String,
    "iso3": pl.String,
    "kind": pl.String,
    "title": pl.String,
    "start": pl.String,
    "end": pl.String,
    "start_inferred": pl.String,
    "start_year": pl.Int64,
    "status": pl.String,
    "year_before": pl.Int64,
    "rank_before": pl.Int64,
    "egdi_before": pl.Float64,
    "year_during": pl.Int64,
    "rank_during": pl.Int64,
    "egdi_during": pl.Float64,
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
    "record_note": pl.String,
    "record_source_id": pl.String,
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


def _during(rows: list[dict[str, object]], year: int) -> dict[str, object] | None:
    return next((r for r in rows if int(r["year"]) == year), None)  # type: ignore[call-overload]


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
        status = "undated" if y is None else "planned" if m["kind"] == PLANNED else "dated"
        at = y if status == "dated" else None  # a plan is set beside no edition
        before = _before(ranks, at) if at is not None else None
        during = _during(ranks, at) if at is not None else None
        after = _after(ranks, at) if at is not None else None
        nb = _before(net, at) if at is not None else None
        na = _after(net, at) if at is not None else None
        used = [r for r in (before, during, after, latest) if r is not None]
        caveats: list[str] = []
        for r in used:
            if int(r["year"]) in READINESS_INDEX and "readiness_era" not in caveats:  # type: ignore[call-overload]
                caveats.append("readiness_era")
            for f in str(r["flags"] or "").split(";"):
                if f.startswith("egdi") and f not in caveats:
                    caveats.append(f)
        if y is None:
            caveats.append("no_start")
        elif status == "planned":
            caveats.append("planned")
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
                "status": status,
                "year_before": before["year"] if before else None,
                "rank_before": before["egdi_rank"] if before else None,
                "egdi_before": before["egdi"] if before else None,
                "year_during": during["year"] if during else None,
                "rank_during": during["egdi_rank"] if during else None,
                "egdi_during": during["egdi"] if during else None,
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
                "record_note": m.get("record_note"),
                "record_source_id": m.get("record_source_id"),
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
