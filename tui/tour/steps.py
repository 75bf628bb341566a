"""The class tour's steps: the built-in tour, read from its file.

``ddx demo`` (or ``ddx --demo``) opens the explorer with a caption under the
panes. Each step opens a pane in a known state (country, edition, indicator,
and for some panes a scope, a chart, the countries compared, a view or a
highlighted row) and says what is on screen; the caption's source line is
read from the pane's own provenance, so it names the sources of what is on
screen. Space or → goes to the next step, ← to the previous one;
``--interval N`` advances by itself every N seconds and starts again after
the last step. ``]``, ``[``, ``i`` and ``s`` keep working inside a step.

The built-in tour is a tour file like any teacher's (``builtin/class.toml``,
shipped in the package), read by ``model.py`` and played by the same
controller (tui/tour/controller.py) as ``ddx demo --tour FILE``. Nothing here
imports Textual.
"""

from __future__ import annotations

from .model import Step, load_builtin

__all__ = ["TOUR", "Step", "tour_steps"]

# The whole built-in tour; steps on panes this build does not have are left out.
TOUR: tuple[Step, ...] = load_builtin("class").steps


def tour_steps(pane_ids: list[str] | None = None, steps: tuple[Step, ...] = TOUR) -> list[Step]:
    """The tour for the panes this build has (in tour order)."""
    if pane_ids is None:
        from ..panes import PANE_IDS

        pane_ids = list(PANE_IDS)
    return [s for s in steps if s.pane in pane_ids]
