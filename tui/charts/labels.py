"""Titles and keys plotext will really draw: plotext silently drops a centred
string that does not fit, so a title is cut with "…" and a key is tried in
shorter forms until one fits (or the caller draws fewer series)."""

from __future__ import annotations

from collections.abc import Sequence


def fit_text(text: str, width: int) -> str:
    """``text``, or its start and "…" when it is wider than ``width`` cells."""
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)].rstrip() + "…"


def fits_centred(text: str, width: int, ytick_width: int, left: int = 0) -> bool:
    """Whether plotext draws ``text`` centred on the canvas (the title, the x
    label): it drops a string that would leave the figure or touch another
    one (``left``: columns already taken at the start of the row)."""
    canvas = width - ytick_width - 2
    col = ytick_width + 1 + canvas // 2 - len(text) // 2
    return col - 1 >= (left if left else -1) and col + len(text) <= width


def key_text(
    entries: Sequence[tuple[str, str]],
    width: int,
    ytick_width: int,
    lead: str = "",
    left: int = 0,
    bare: bool = True,
) -> str | None:
    """The key as one line under the chart (marker and name per series drawn),
    in the longest form that fits: with ``lead`` (the x axis's unit), then
    (``bare``) without it, then with tighter spacing. ``None`` when no form fits."""
    forms = [
        "  ".join(f"{m} {name}" for m, name in entries),
        " ".join(f"{m}{name}" for m, name in entries),
    ]
    for form in forms:
        for text in ([f"{lead}: {form}"] if lead else []) + ([form] if bare or not lead else []):
            if fits_centred(text, width, ytick_width, left):
                return text
    return None
