"""Class demo mode: a guided tour through the panes for a projector.

``ddx demo`` (or ``ddx --demo``) opens the explorer with a caption under the
panes. Each step opens a pane in a known state (pane, country, edition,
indicator) and says what to look at; the caption's source line is read from
the pane's own provenance, so it names the sources of what is on screen.
Space or → goes to the next step, ← to the previous one; ``--interval N``
advances by itself every N seconds and starts again after the last step.
``]``, ``[``, ``i`` and ``s`` keep working inside a step.

This module holds the steps and the ``ddx demo`` command and imports no
Textual; the caption and the controller are in tui/screens/demo.py.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import DDXApp

Setup = Callable[["DDXApp"], None]


@dataclass(frozen=True)
class Step:
    """One stop of the tour: a pane in a known state and what to look at."""

    pane: str
    title: str
    look: str
    country: str | None = None
    edition: int | None = None  # None: the latest edition; negative: counted from the end
    indicator: str = "egdi"
    setup: Setup | None = None


def _highlight(selector: str, index: int) -> Setup:
    """Put a pane's list cursor on ``index`` (skipped if the list is not there)."""

    def run(app: DDXApp) -> None:
        for widget in app.query(selector):
            if hasattr(widget, "move_cursor"):
                widget.move_cursor(row=index)
            else:
                widget.highlighted = index  # type: ignore[attr-defined]

    return run


def _scope(scope: str) -> Setup:
    def run(app: DDXApp) -> None:
        pane = app.query_one("#rankings")
        if hasattr(pane, "set_scope"):
            pane.set_scope(scope)

    return run


# The whole tour; steps on panes this build does not have are left out.
TOUR: tuple[Step, ...] = (
    Step(
        "goals",
        "Eight goals of digital diplomacy",
        "The article's Table 1 lists eight goals. Read the first one on the right, "
        "then the country actions the project links to it (its own reading, marked so).",
        setup=_highlight("#goal-list", 0),
    ),
    Step(
        "goals",
        "Public diplomacy",
        "Goal 2: which of the five have actions listed under it, and when did they happen?",
        setup=_highlight("#goal-list", 1),
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
        setup=_scope("central-asia"),
    ),
    Step(
        "rankings",
        "Against the whole world",
        "The same edition, world scope: move down the table to find the five among all "
        "ranked countries.",
        setup=_scope("world"),
    ),
    Step(
        "rankings",
        "An early edition",
        "The earliest edition in the data. 2003-2005 measured e-government 'readiness', "
        "later editions 'development': compare ranks across that break with care.",
        edition=0,
        setup=_scope("central-asia"),
    ),
    Step(
        "rankings",
        "E-participation",
        "EPI, the E-Participation Index. EPI ranks marked * are derived by ddx from the "
        "published values.",
        indicator="epi",
        setup=_scope("central-asia"),
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
        setup=_highlight("#source-table", 0),
    ),
)


def tour_steps(pane_ids: list[str] | None = None) -> list[Step]:
    """The tour for the panes this build has (in tour order)."""
    if pane_ids is None:
        from .panes import PANE_IDS

        pane_ids = list(PANE_IDS)
    return [s for s in TOUR if s.pane in pane_ids]


# -- command line ---------------------------------------------------------------------
def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0 or value != value or value == float("inf"):
        raise argparse.ArgumentTypeError(
            f"the interval must be a positive number of seconds, not {text!r}"
        )
    return value


def _run_demo(args: argparse.Namespace) -> int:
    from .cli import run_tui

    args.demo = True
    return run_tui(args)


def register(sub: argparse._SubParsersAction, add_data: Callable, add_tui: Callable) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "demo",
        help="guided tour of the panes for class (space/→ next, ← back)",
        description="Open the explorer with a guided tour: one caption per step saying what "
        "to look at and where the figures come from. Space or → next step, ← previous, "
        "q quits. Use --theme light on a projector.",
    )
    add_data(p)
    add_tui(p)
    p.add_argument(
        "--interval",
        metavar="SECONDS",
        type=positive_seconds,
        default=None,
        help="advance by itself every SECONDS (starts again after the last step)",
    )
    p.set_defaults(handler=_run_demo, demo=True)
