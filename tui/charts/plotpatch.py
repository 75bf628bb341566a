"""plotext made deterministic, applied once when any chart module is imported
(tui/charts/style.py imports this): without it the same chart draws differently
from one run to the next, and snapshots and ``ddx chart`` output would drift."""

from __future__ import annotations

from collections.abc import Iterable

import plotext._utility as _plotext_utility


def _unique_in_order(data: Iterable[object]) -> list[object]:
    return list(dict.fromkeys(data))


# plotext removes duplicate points with list(set(...)), whose order follows
# Python's per-process string hashing: the same chart then draws differently
# from one run to the next (which of two overlapping markers wins, which tick
# labels survive). Its own commented-out alternative keeps the order.
_plotext_utility.no_duplicates = _unique_in_order
