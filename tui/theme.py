"""The app's colours, defined once. Styles refer to them as theme variables."""

from __future__ import annotations

from textual.theme import Theme

# The map's colours (tui/widgets/map.py), as theme variables. Classes 0-3 run
# from the lowest index group to the highest in lightness and hue, and stay
# four different colours when a 16-colour terminal rounds them (magenta, cyan,
# bright green, bright yellow; tests/unit/test_geo.py checks). "outline" draws
# the borders of the five, "selected" the one pointed at; the other borders
# take the map's background. Read by Python only, never named in .tcss (a
# theme without them, e.g. Textual's own, would make the stylesheet fail).
MAP_DARK = {
    "map-c0": "#7B3294",
    "map-c1": "#2C7FB8",
    "map-c2": "#5DC863",
    "map-c3": "#FDE725",
    "map-nodata": "#8C8C8C",
    "map-outline": "#FFFFFF",
    "map-selected": "#FF4040",
}
# On white (projectors) the ramp runs the other way: darker is higher.
MAP_LIGHT = {
    "map-c0": "#FEE08B",
    "map-c1": "#5DC863",
    "map-c2": "#2C7FB8",
    "map-c3": "#7B3294",
    "map-nodata": "#8C8C8C",
    "map-outline": "#000000",
    "map-selected": "#E8112D",
}

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
        **MAP_DARK,
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
        **MAP_LIGHT,
    },
)

THEMES = {t.name: t for t in (DARK, LIGHT)}
THEME_ALIASES = {"dark": "ddx-dark", "light": "ddx-light", "projector": "ddx-light"}


def map_palette(theme: Theme) -> dict[str, str]:
    """The map's colours for ``theme``: its ``map-*`` variables, else ddx's
    dark or light set (for Textual's own themes, chosen in the palette)."""
    base = MAP_DARK if theme.dark else MAP_LIGHT
    own = {k: v for k, v in (theme.variables or {}).items() if k in base}
    return {**base, **own}
