"""The class tour's steps: the built-in tour, as data.

``ddx demo`` (or ``ddx --demo``) opens the explorer with a caption under the
panes. Each step opens a pane in a known state (country, edition, indicator,
and for some panes a scope or a highlighted row) and says what to look at;
the caption's source line is read from the pane's own provenance, so it names
the sources of what is on screen. Space or → goes to the next step, ← to the
previous one; ``--interval N`` advances by itself every N seconds and starts
again after the last step. ``]``, ``[``, ``i`` and ``s`` keep working inside a
step.

A step is plain data (no callables), so a tour could be read from a file; the
caption and the controller that applies a step are in tui/tour/controller.py,
the ``ddx demo`` command in tui/cli/explorer.py. Nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One stop of the tour: a pane in a known state, and what to look at."""

    pane: str
    title: str  # the caption's heading
    look: str  # the caption: what to look at
    country: str | None = None
    edition: int | None = None  # None: the latest edition; negative: counted from the end
    indicator: str = "egdi"
    scope: str | None = None  # Rankings: central-asia, region or world
    row: int | None = None  # the row to highlight in the pane's main list (Goals, Sources)


# The whole tour; steps on panes this build does not have are left out.
TOUR: tuple[Step, ...] = (
    Step(
        "goals",
        "Eight goals of digital diplomacy",
        "The article's Table 1 lists eight goals. Read the first one on the right, "
        "then the country actions the project links to it (its own reading, marked so).",
        row=0,
    ),
    Step(
        "goals",
        "Public diplomacy",
        "Goal 2: which of the five have actions listed under it, and when did they happen?",
        row=1,
    ),
    Step(
        "countries",
        "Kazakhstan",
        "The figures line is the latest UN E-Government Survey: the rank (1 = best) and "
        "its change since the previous edition, then EGDI and its parts. The chart is the "
        "rank over every edition.",
        country="KAZ",
    ),
    Step(
        "countries",
        "Uzbekistan",
        "Same layout for Uzbekistan: compare its rank and the direction of its change "
        "with Kazakhstan's. A '!' marks a figure with a caveat (press s).",
        country="UZB",
    ),
    Step(
        "countries",
        "Turkmenistan",
        "Where does Turkmenistan sit among the five? A gap in the chart is a gap in the "
        "source, never filled in.",
        country="TKM",
    ),
    Step(
        "rankings",
        "The five in the latest edition",
        "Table and bars: the five by EGDI. Below, each country's world rank across "
        "editions, rank 1 at the top.",
        scope="central-asia",
    ),
    Step(
        "rankings",
        "Against the whole world",
        "The same edition, world scope: move down the table to find the five among all "
        "ranked countries.",
        scope="world",
    ),
    Step(
        "rankings",
        "An early edition",
        "The earliest edition in the data. 2003-2005 measured e-government 'readiness', "
        "later editions 'development': compare ranks across that break with care.",
        edition=0,
        scope="central-asia",
    ),
    Step(
        "rankings",
        "E-participation",
        "EPI, the E-Participation Index. EPI ranks marked * are derived by ddx from the "
        "published values.",
        indicator="epi",
        scope="central-asia",
    ),
    Step(
        "compare",
        "Side by side",
        "Several countries in one edition: EGDI and its parts next to each other, exact "
        "values underneath.",
    ),
    Step(
        "timeline",
        "Programmes over time",
        "National digital programmes and e-government plans as bars over the years; "
        "the selected item's dates and source are underneath.",
    ),
    Step(
        "infrastructure",
        "The infrastructure underneath",
        "Internet users, broadband and mobile subscriptions of the five over time; "
        "] and [ move between the views.",
    ),
    Step(
        "map",
        "The region on a map",
        "Central Asia and its neighbours shaded by the selected index in four classes; "
        "read the legend and the caption on boundaries.",
    ),
    Step(
        "sources",
        "Where every figure comes from",
        "Every figure traces to one of these sources. On any pane, s shows the sources "
        "and caveats of what is on screen.",
        row=0,
    ),
)


def tour_steps(pane_ids: list[str] | None = None) -> list[Step]:
    """The tour for the panes this build has (in tour order)."""
    if pane_ids is None:
        from ..panes import PANE_IDS

        pane_ids = list(PANE_IDS)
    return [s for s in TOUR if s.pane in pane_ids]
