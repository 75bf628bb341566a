"""The tabbed panes, in tab order. A pane's number key is its position here."""

from __future__ import annotations

from .base import Pane
from .compare import ComparePane
from .countries import CountriesPane
from .goals import GoalsPane
from .infrastructure import InfrastructurePane
from .map import MapPane
from .rankings import RankingsPane
from .sources import SourcesPane
from .timeline import TimelinePane

PANE_CLASSES: list[type[Pane]] = [
    GoalsPane,
    CountriesPane,
    RankingsPane,
    SourcesPane,
    ComparePane,
    TimelinePane,
    InfrastructurePane,
    MapPane,
]

__all__ = ["PANE_CLASSES", "Pane"]
