"""The tabbed panes, in tab order. A pane's number key is its position here."""

from __future__ import annotations

from .base import Pane
from .countries import CountriesPane
from .goals import GoalsPane
from .rankings import RankingsPane
from .sources import SourcesPane

PANE_CLASSES: list[type[Pane]] = [GoalsPane, CountriesPane, RankingsPane, SourcesPane]

__all__ = ["PANE_CLASSES", "Pane"]
