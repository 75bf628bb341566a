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


def N_(text: str) -> str:
    """Marks a text for the message catalogue; the UI translates it (tui/i18n.py)."""
    return text


# Where the article's eight goals come from: ddx's note, not the article's claim
# (the article's Table 1 names no source). Our words; sources in sources.csv.
ORIGIN_NOTE = N_(
    "ddx's note: the article does not say where its eight goals come from. They are, "
    "name for name, the eight areas in which Fergus Hanson found the US State Department "
    "using ediplomacy (Lowy Institute, March 2012; Brookings, October 2012)."
)

# The same, short enough for the Goals pane at 80 columns.
ORIGIN_SHORT = N_(
    "ddx's note: the eight goals are the eight areas of ediplomacy Fergus Hanson found "
    "at the US State Department (2012); the article does not cite him (s: sources)."
)
ORIGIN_SOURCES = ("hanson_2012_revolution", "hanson_2012_baked_in")

# Whether Table 1 follows the paper behind the article's references 2 and 5
# (Adesina 2017) or Hanson directly: what of that paper could be read here does not say.
ADESINA_NOTE = N_(
    "ddx's note: the article's references 2 and 5 are one paper, Adesina (2017, Cogent "
    "Social Sciences). Whether Table 1 follows it or Hanson directly cannot be told from "
    "what of the paper could be read (its abstract)."
)
ADESINA_SOURCE = "adesina_2017"

# The two kinds of link (milestone_goals.link), in words a reader sees.
LINK_DIRECT = N_(
    "direct: bears on the goal as Hanson's area defines it, the state's work abroad or "
    "what foreign audiences see"
)
LINK_FOUNDATION = N_(
    "foundation: a domestic capability (a national strategy, e-government) that the "
    "article argues digital diplomacy rests on; not itself an act of digital diplomacy"
)


def goals(ds: Dataset) -> list[Row]:
    """The eight goals in the article's order (Table 1)."""
    return sorted(ds.records("goals"), key=lambda g: int(g["position"]))  # type: ignore[call-overload]


def goal_actions(ds: Dataset, goal_id: str) -> list[Row]:
    """Milestones linked to a goal (the project's reading of the article), each
    with the link's polarity (``serves`` or ``against``), rationale and source
    and the country's name; by country, then date, undated last. A milestone's
    ``role`` says whether it is an action or a result bearing on the goal."""
    milestones = {m["milestone_id"]: m for m in ds.records("milestones")}
    names = {c["iso3"]: c["name"] for c in ds.records("countries")}
    rows: list[Row] = []
    for link in ds.records("milestone_goals"):
        m = milestones.get(link["milestone_id"])
        if link["goal_id"] != goal_id or m is None:
            continue
        row: Row = {
            "milestone_id": link["milestone_id"],
            "polarity": link["polarity"],
            "link": link.get("link"),
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


def milestone_links(ds: Dataset, milestone_id: str) -> list[Row]:
    """A milestone's links to goals (goal id, polarity, link kind), in the goals' order."""
    order = {str(g["goal_id"]): int(g["position"]) for g in goals(ds)}  # type: ignore[call-overload]
    rows = [dict(r) for r in ds.records("milestone_goals") if r["milestone_id"] == milestone_id]
    return sorted(rows, key=lambda r: order.get(str(r["goal_id"]), 99))


def link_counts(ds: Dataset) -> dict[str, dict[str, int]]:
    """Per goal, how many links are ``direct`` and how many ``foundation``."""
    out: dict[str, dict[str, int]] = {}
    for r in ds.records("milestone_goals"):
        kinds = out.setdefault(str(r["goal_id"]), {"direct": 0, "foundation": 0})
        kind = str(r.get("link") or "foundation")
        kinds[kind] = kinds.get(kind, 0) + 1
    return out


def split_by_role(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """``goal_actions`` rows as (actions, results)."""
    return (
        [r for r in rows if r["role"] == "action"],
        [r for r in rows if r["role"] != "action"],
    )
