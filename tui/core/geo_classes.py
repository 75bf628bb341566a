"""The map's classes: each country's value put in one of the UN E-Government
Survey's four EGDI groups, and the legend's bins.

Standard library only; tui/core/geo.py classes a map query's frame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# The UN E-Government Survey's four EGDI groups (low, middle, high, very high);
# ddx applies them to every index, which all run 0-1 (the UN publishes groups
# for the EGDI only).
FIXED_BREAKS = (0.25, 0.5, 0.75)
GROUP_NAMES = ("low", "middle", "high", "very high")
NO_DATA = -1


@dataclass(frozen=True)
class ClassBin:
    index: int
    lo: float
    hi: float
    label: str
    name: str = ""  # the UN group's name for the fixed breaks


@dataclass(frozen=True)
class Classes:
    """Each country's class (``NO_DATA`` for a gap) and the legend's bins."""

    bins: tuple[ClassBin, ...]
    of: dict[str, int]
    method: str

    def class_of(self, iso3: str) -> int:
        return self.of.get(iso3, NO_DATA)


def classify_fixed(
    values: dict[str, float | None],
    breaks: tuple[float, ...] = FIXED_BREAKS,
    lo: float = 0.0,
    hi: float = 1.0,
) -> Classes:
    """Fixed breaks: class k holds breaks[k-1] <= v < breaks[k]; the top class
    includes ``hi``. A missing value is NO_DATA."""
    edges = (lo, *breaks, hi)
    names = GROUP_NAMES if tuple(breaks) == FIXED_BREAKS else ("",) * (len(edges) - 1)
    bins = tuple(
        ClassBin(k, edges[k], edges[k + 1], f"{_fmt(edges[k])}–{_fmt(edges[k + 1])}", names[k])
        for k in range(len(edges) - 1)
    )
    of: dict[str, int] = {}
    for iso3, v in values.items():
        if v is None or (isinstance(v, float) and math.isnan(v)):
            of[iso3] = NO_DATA
            continue
        of[iso3] = sum(1 for b in breaks if v >= b)
    return Classes(bins, of, "fixed")


def _fmt(v: float) -> str:
    return f"{v:.2f}"
