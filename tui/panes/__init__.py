"""The tabbed panes, in tab order. A pane's number key is its position here.

The app draws the tab bar from ``PANES`` and imports a pane's module only
when the pane is built: the first frame waits for the opening pane alone, not
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
    when asked (a language switch in the palette redraws the tabs with them)."""

    pane_id: str
    title: str
    tab_title: str
    module: str
    class_name: str

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
    PaneSpec("goals", N_("Goals"), NP_("tab", "Goals"), "goals", "GoalsPane"),
    PaneSpec("countries", N_("Countries"), NP_("tab", "Countries"), "countries", "CountriesPane"),
    PaneSpec("rankings", N_("Rankings"), NP_("tab", "Rankings"), "rankings", "RankingsPane"),
    PaneSpec("sources", N_("Sources"), NP_("tab", "Sources"), "sources", "SourcesPane"),
    PaneSpec("compare", N_("Compare"), NP_("tab", "Compare"), "compare", "ComparePane"),
    PaneSpec("timeline", N_("Timeline"), NP_("tab", "Timeline"), "timeline", "TimelinePane"),
    PaneSpec(
        "infrastructure",
        N_("Infrastructure"),
        NP_("tab", "Infra"),
        "infrastructure",
        "InfrastructurePane",
    ),
    PaneSpec("map", N_("Map"), NP_("tab", "Map"), "map", "MapPane"),
)
PANE_IDS: tuple[str, ...] = tuple(s.pane_id for s in PANES)


def pane_classes() -> list[type[Pane]]:
    """Every pane class (imports every pane module: for help, not start-up)."""
    return [spec.load() for spec in PANES]


def __getattr__(name: str) -> list[type[Pane]]:
    """``PANE_CLASSES``, as before the registry: imported on first use."""
    if name == "PANE_CLASSES":
        return pane_classes()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["PANES", "PANE_CLASSES", "PANE_IDS", "PaneSpec", "pane_classes"]
