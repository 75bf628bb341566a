"""The tabbed panes, in tab order: the one place a pane is declared.

Everything that needs to know the panes reads ``PANES``: the tab bar, the
number keys (a pane's key is its position here), the help, ``--start``, each
pane class's title (tui/panes/base.py), and the tour file's vocabulary
(tui/tour/model.py: which panes a step may name and what state it may set).
This module imports no Textual, so the command line and the tour checker
read it without loading the UI; the app imports a pane's module only when
the pane is built, so the first frame waits for the opening pane alone, not
for every pane's charts and their libraries (plotext among them).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from ..i18n import N_, NP_, _, pgettext

if TYPE_CHECKING:
    from .base import Pane


@dataclass(frozen=True)
class PaneSpec:
    """What the tab bar, the number keys and --start need before the pane exists.

    ``title`` and ``tab_title`` are English, marked for the message catalogue;
    ``label`` and ``tab_label`` are them in the current language, looked up
    when asked (a language switch in the palette redraws the tabs with them).
    ``tour_keys`` is the state a tour step may set on the pane (beside the keys
    every step has), ``charts`` the values of its ``chart`` key and ``views``
    those of its ``view`` key."""

    pane_id: str
    title: str
    tab_title: str
    module: str
    class_name: str
    tour_keys: tuple[str, ...] = ()
    charts: tuple[str, ...] = ()
    views: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return _(self.title)

    @property
    def tab_label(self) -> str:
        return pgettext("tab", self.tab_title)

    def load(self) -> type[Pane]:
        cls: type[Pane] = getattr(import_module(f"{__name__}.{self.module}"), self.class_name)
        return cls


PANES: tuple[PaneSpec, ...] = (
    PaneSpec("goals", N_("Goals"), NP_("tab", "Goals"), "goals", "GoalsPane", tour_keys=("row",)),
    PaneSpec(
        "countries",
        N_("Countries"),
        NP_("tab", "Countries"),
        "countries",
        "CountriesPane",
        tour_keys=("country", "chart", "indicator"),
        charts=("rank", "components"),
    ),
    PaneSpec(
        "rankings",
        N_("Rankings"),
        NP_("tab", "Rankings"),
        "rankings",
        "RankingsPane",
        tour_keys=("edition", "indicator", "scope", "chart", "country"),
        charts=("bars", "trajectory"),
    ),
    PaneSpec(
        "sources",
        N_("Sources"),
        NP_("tab", "Sources"),
        "sources",
        "SourcesPane",
        tour_keys=("row",),
    ),
    PaneSpec(
        "compare",
        N_("Compare"),
        NP_("tab", "Compare"),
        "compare",
        "ComparePane",
        tour_keys=("edition", "indicator", "countries", "chart"),
        charts=("bars", "scatter"),
    ),
    PaneSpec(
        "timeline",
        N_("Timeline"),
        NP_("tab", "Timeline"),
        "timeline",
        "TimelinePane",
        tour_keys=("country",),
    ),
    PaneSpec(
        "infrastructure",
        N_("Infrastructure"),
        NP_("tab", "Infra"),
        "infrastructure",
        "InfrastructurePane",
        tour_keys=("view",),
        views=("internet", "broadband", "mobile", "price", "casa", "fotn", "idi"),
    ),
    PaneSpec(
        "map",
        N_("Map"),
        NP_("tab", "Map"),
        "map",
        "MapPane",
        tour_keys=("edition", "indicator"),
    ),
)
PANE_IDS: tuple[str, ...] = tuple(s.pane_id for s in PANES)


def pane_spec(pane_id: str) -> PaneSpec:
    """The registry's entry for ``pane_id`` (KeyError for an unknown one)."""
    for spec in PANES:
        if spec.pane_id == pane_id:
            return spec
    raise KeyError(pane_id)


def pane_classes() -> list[type[Pane]]:
    """Every pane class (imports every pane module: for help, not start-up)."""
    return [spec.load() for spec in PANES]


__all__ = ["PANES", "PANE_IDS", "PaneSpec", "pane_classes", "pane_spec"]
