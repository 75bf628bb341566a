"""The article's goals and the country actions linked to each, as plain rows.

Rows from Dataset.records (the checked frames as dicts), so the Goals pane,
which opens the explorer, needs no query engine. ``queries.goal_milestones`` builds its
frame from ``goal_actions``, so there is one reading of the links, not two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dataset import Dataset

Row = dict[str, object]


def goals(ds: Dataset) -> list[Row]:
    """The eight goals in the article's order (Table 1)."""
    return sorted(ds.records("goals"), key=lambda g: int(g["position"]))  # type: ignore[call-overload]


def goal_actions(ds: Dataset, goal_id: str) -> list[Row]:
    """Milestones linked to a goal (the project's reading of the article), each
    with the link's rationale and source and the country's name; by country,
    then date, undated last."""
    milestones = {m["milestone_id"]: m for m in ds.records("milestones")}
    names = {c["iso3"]: c["name"] for c in ds.records("countries")}
    rows: list[Row] = []
    for link in ds.records("milestone_goals"):
        m = milestones.get(link["milestone_id"])
        if link["goal_id"] != goal_id or m is None:
            continue
        row: Row = {
            "milestone_id": link["milestone_id"],
            "rationale": link["rationale"],
            "link_source_id": link["source_id"],
        }
        row.update((k, v) for k, v in m.items() if k != "milestone_id")
        row["country"] = names.get(m["iso3"])
        rows.append(row)
    # milestone_id last: the same order whether the rows came from the file or a frame
    rows.sort(
        key=lambda r: (
            str(r["iso3"]),
            r["date"] is None,
            str(r["date"] or ""),
            str(r["milestone_id"]),
        )
    )
    return rows
