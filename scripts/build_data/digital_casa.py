"""The World Bank's Digital CASA programme: the digital_casa table, with the
conflicting KGZ approval dates kept side by side."""

from __future__ import annotations

from pathlib import Path

from .common import blank, num_text, read_ref


def precision_of(date: str | None) -> str:
    if blank(date):
        return "undated"
    n = len(date.split("-"))  # type: ignore[union-attr]
    return {1: "year", 2: "month", 3: "day"}[n]


def build_casa(ref: Path, add_src) -> list[dict]:
    rows = []
    used: set[str] = set()
    for r in read_ref(ref / "digital_casa.csv"):
        iso = r["iso3"].lower()  # type: ignore[union-attr]
        dtype = (r["date_type"] or "").lower()
        project = (r["project"] or "").lower()
        conflict = None
        if r["wb_project_id"]:
            suffix = r["wb_project_id"].lower()
            if "additional financing" in project:
                suffix = "af-" + suffix
            if "pad" in dtype:
                suffix = "pad"
        elif "pad" in dtype:
            suffix = "pad"
        elif "approval" in dtype:
            suffix = "approval-wb"
        elif "participation" in project:
            suffix = "participation"
        elif "discussion" in project:
            suffix = "discussion"
        else:
            suffix = "row"
        row_id = f"dcasa-{iso}-{suffix}"
        i = 2
        while row_id in used:
            row_id = f"dcasa-{iso}-{suffix}-{i}"
            i += 1
        used.add(row_id)
        note = r["note"]
        if note and "Trend/MENAFN" in note:
            conflict = f"{iso}-approval-date"
        rows.append(
            dict(
                row_id=row_id,
                iso3=r["iso3"],
                project=r["project"],
                wb_project_id=r["wb_project_id"],
                instrument=r["instrument"],
                amount_usd_million=num_text(r["amount_usd_million"]),
                date=r["date"],
                precision=precision_of(r["date"]),
                date_type=r["date_type"],
                conflict_group=conflict,
                note=note,
                source_id=add_src(r["source_url"], "digital_casa.csv"),
            )
        )
        if conflict == "kgz-approval-date":
            # The conflicting claim, kept side by side and not resolved.
            rows.append(
                dict(
                    row_id="dcasa-kgz-approval-trend",
                    iso3=r["iso3"],
                    project=r["project"],
                    wb_project_id=None,
                    instrument=None,
                    amount_usd_million=None,
                    date="2018-07-02",
                    precision="day",
                    date_type="Board approval, per Trend/MENAFN (2023-09-05)",
                    conflict_group=conflict,
                    note="Known only through the quotation in the note of the World Bank press-release row (dcasa-kgz-approval-wb); conflicts with its March 2018 approval month. Not resolved.",
                    source_id="trend_menafn_2023",
                )
            )
        if note and "Board voting date" in note and r["iso3"] == "AFG":
            # The board date the PAD row's note gives, as a row of its own, so a list
            # of dates shows the board's (2018-03-28) beside the PAD's (2018-03-01).
            rows.append(
                dict(
                    row_id="dcasa-afg-board",
                    iso3=r["iso3"],
                    project=r["project"],
                    wb_project_id=r["wb_project_id"],
                    instrument=r["instrument"],
                    amount_usd_million=num_text(r["amount_usd_million"]),
                    date="2018-03-28",
                    precision="day",
                    date_type="Board voting date, per the Early Warning System record of P156894",
                    conflict_group=None,
                    note="Known through the note of the PAD row (dcasa-afg-pad), which gives the PAD date 2018-03-01; the board voted on 2018-03-28.",
                    source_id="ews_wb_p156894",
                )
            )
    if not any(r["row_id"] == "dcasa-kgz-approval-trend" for r in rows):
        raise ValueError("the KGZ Trend/MENAFN note was not found in digital_casa.csv")
    return rows


# Rows built from another row's note, not read from a row of the reference table.
DERIVED_ROWS = ("dcasa-kgz-approval-trend", "dcasa-afg-board")
