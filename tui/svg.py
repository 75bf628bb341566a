"""Terminal cells as a standalone SVG (Rich's export), for slides and handouts.

``ddx chart --format svg`` and ``ddx handout`` both draw through here. Rich's
own SVG template asks a CDN for the Fira Code font (``@font-face`` with
``url(https://...)``); a picture on a slide or in a handout opened offline must
not, so the template below is Rich's with those rules taken out and the font
named with a stack of common monospace fonts ending in ``monospace``. Imports
Rich only (no Textual), so ``ddx chart`` stays light.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.terminal_theme import TerminalTheme
from rich.text import Text

# Fira Code first (Rich's cell metrics are measured for it), then what most
# systems have; every cell still lines up with any monospace font.
FONT_STACK = (
    '"Fira Code", "DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, '
    '"Liberation Mono", "Noto Sans Mono", monospace'
)


def _offline_format() -> str:
    from rich._export_format import CONSOLE_SVG_FORMAT

    # Rich's template is a str.format string: its literal braces are doubled.
    fmt = re.sub(r"@font-face \{\{.*?\}\}\s*", "", CONSOLE_SVG_FORMAT, flags=re.S)
    fmt = fmt.replace("font-family: Fira Code, monospace;", f"font-family: {FONT_STACK};")
    fmt = fmt.replace("font-family: arial;", "font-family: Arial, Helvetica, sans-serif;")
    if outside_refs(fmt) or FONT_STACK not in fmt:
        raise RuntimeError("Rich's SVG template changed: tui/svg.py must be updated")
    return fmt


# url(#id) names a clip path inside the SVG; anything else would be fetched.
_OUTSIDE = re.compile(r"url\(\s*[\"']?(?!#)|@import", re.I)


def outside_refs(text: str) -> list[str]:
    """What in ``text`` (CSS or SVG) would make a viewer fetch a file."""
    return _OUTSIDE.findall(text)


SVG_FORMAT = _offline_format()


def _theme(background: str, foreground: str, normal: list[str], bright: list[str]) -> TerminalTheme:
    def rgb(h: str) -> tuple[int, int, int]:
        return int(h[1:3], 16), int(h[3:5], 16), int(h[5:7], 16)

    return TerminalTheme(
        rgb(background), rgb(foreground), [rgb(c) for c in normal], [rgb(c) for c in bright]
    )


# The background and text of ddx's two themes (tui/theme.py; the test
# tests/unit/test_figure_svg.py checks they agree). The 16 ANSI colours the
# charts use: a dark terminal's, and for print a light terminal's, darker so
# that cyan and yellow lines stay legible on white.
TERMINAL_THEMES = {
    "dark": _theme(
        "#121820",
        "#E6E6E6",
        ["#000000", "#E0584F", "#7FD1AE", "#F0C05A", "#4FA3E0", "#C678DD", "#56C8D8", "#D0D0D0"],
        ["#808080", "#F06A5A", "#9BE8C4", "#FFD97A", "#79BDF2", "#E09CF0", "#8BE3EE", "#FFFFFF"],
    ),
    "light": _theme(
        "#FFFFFF",
        "#000000",
        ["#000000", "#B00020", "#006B3C", "#8A5A00", "#0B4F9C", "#8E24AA", "#00707A", "#5A5A5A"],
        ["#404040", "#D32F2F", "#1B8A4B", "#9C6A00", "#1565C0", "#A23BC0", "#00838F", "#303030"],
    ),
}


def console(width: int) -> Console:
    """A recording console of ``width`` cells that writes nowhere."""
    import io

    return Console(
        width=width,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
        highlight=False,
        emoji=False,
        markup=False,
    )


def export(con: Console, title: str, theme: str = "dark", unique_id: str | None = None) -> str:
    """What ``con`` recorded, as SVG that needs nothing from outside the file."""
    return con.export_svg(
        title=title, theme=TERMINAL_THEMES[theme], code_format=SVG_FORMAT, unique_id=unique_id
    )


_BACKGROUND = re.compile(r"\x1b\[(?:48;5;\d+|48;2;\d+;\d+;\d+|4[0-7]|10[0-7])m")


def figure_svg(ansi: str, source_line: str, title: str, width: int, theme: str = "dark") -> str:
    """A chart drawn as text with ANSI colours (``render_text(color=True)``),
    with the source line under it, as an SVG of ``width`` cells."""
    # plotext paints its text labels on a white background (its "clear"
    # theme's canvas): on the picture's own background they stand bare.
    ansi = _BACKGROUND.sub("", ansi)
    con = console(width)
    con.print(Text.from_ansi(ansi.rstrip("\n"), no_wrap=True), crop=True, overflow="crop")
    con.print(Text(""))
    con.print(Text(source_line, style="dim"), overflow="fold")
    con.print(Text(""))  # room below the last line's underscores (the picture's clip)
    return export(con, title, theme)
