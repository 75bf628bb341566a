"""The app's colours, defined once. Styles refer to them as theme variables."""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="ddx-dark",
    primary="#4FA3E0",
    secondary="#E0A84F",
    accent="#7FD1AE",
    foreground="#E6E6E6",
    background="#121820",
    surface="#1B2430",
    panel="#243041",
    warning="#F0C05A",
    error="#F06A5A",
    success="#7FD1AE",
    dark=True,
    variables={
        "focus-row": "#2F4A66",
        "highlight-five": "#E0A84F",
        "caveat": "#F0C05A",
    },
)

# High contrast for projectors: near-black on white, saturated accents.
LIGHT = Theme(
    name="ddx-light",
    primary="#0B4F9C",
    secondary="#9C4A00",
    accent="#006B3C",
    foreground="#000000",
    background="#FFFFFF",
    surface="#F2F2F2",
    panel="#E0E0E0",
    warning="#8A5A00",
    error="#B00020",
    success="#006B3C",
    dark=False,
    variables={
        "focus-row": "#BFD7F2",
        "highlight-five": "#9C4A00",
        "caveat": "#8A5A00",
    },
)

THEMES = {t.name: t for t in (DARK, LIGHT)}
THEME_ALIASES = {"dark": "ddx-dark", "light": "ddx-light", "projector": "ddx-light"}
