"""Data is never markup, and never reaches a terminal raw.

Text from the tables (titles, names, notes, citations, paths) is untrusted:

- it is shown as *plain text*: on screen it becomes a Textual ``Content`` (or a
  Rich ``Text`` where a Rich renderable is needed), never a markup string, so
  ``[``, ``[/dim]`` or ``[link=...]`` in a field show as typed;
- any control or bidi character that got past the reader is shown as a visible
  escape (``\\x1b``, ``\\u202e``; :func:`tui.core.text.visible`), never raw.

The screen side builds its lines with :func:`markup` (our markup template, data
filled in as ``$name`` fields, which Textual substitutes as plain text) or
:func:`plain`; the command line pads and wraps table cells by terminal cells
(:func:`cell_width`) and writes through :func:`for_terminal`.

Textual and Rich are imported inside the functions: ``ddx rankings`` and the
other table commands import this module and never load Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .core.text import visible

if TYPE_CHECKING:
    import polars as pl
    from rich.text import Text
    from textual.content import Content

__all__ = [
    "cell_width",
    "for_terminal",
    "lines",
    "markup",
    "plain",
    "safe",
    "table",
    "text",
    "visible",
]


def safe(value: object, allow: str = "\n") -> str:
    """A data value as display text: ``str()`` of it (``""`` for None), with
    every control or bidi character (less ``allow``) as a visible escape."""
    return visible("" if value is None else str(value), allow)


def plain(value: object, style: str = "", allow: str = "\n") -> Content:
    """A data value as Textual content: plain text (no markup), controls visible."""
    from textual.content import Content

    s = safe(value, allow)
    # strip_control_codes=False: nothing is left to strip, and Textual's own
    # stripping would silently delete a character.
    content = Content(s, strip_control_codes=False)
    return content.stylize(style) if style else content


def markup(template: str, **fields: object) -> Content:
    """Our markup ``template`` with ``$name`` fields filled in as plain text.

    ``markup("[b]$title[/b] ($iso3)", title=r["title"], iso3=iso3)``: the tags
    are ours, the fields are data and are never parsed (Textual substitutes
    template variables into the text after parsing the tags). A literal ``$``
    in a template is written ``$$``.
    """
    from textual.content import Content

    return Content.from_markup(template, **{k: safe(v) for k, v in fields.items()})


def lines(parts: Iterable[Content | str]) -> Content:
    """Join lines of content with newlines (``str`` parts are plain text too)."""
    from textual.content import Content

    return Content("\n").join(p if isinstance(p, Content) else plain(p) for p in parts)


def text(value: object, style: str = "", allow: str = "") -> Text:
    """A data value as a Rich ``Text`` (DataTable cells, Rich tables): plain, one line."""
    from rich.text import Text

    # no_wrap, as DataTable does for its own one-line string cells.
    return Text(safe(value, allow), style=style, end="", no_wrap=True)


# -- command line -------------------------------------------------------------------
def cell_width(s: str) -> int:
    """Columns ``s`` takes in a terminal (CJK and most emoji 2, combining marks 0)."""
    from rich.cells import cell_len

    return cell_len(s)


def for_terminal(s: str) -> str:
    """Text about to be written to a terminal: controls other than newline and
    tab (which TSV uses) as visible escapes."""
    return visible(s, "\n\t")


def table(frame: pl.DataFrame, **options: Any) -> str:
    """:func:`tui.core.export.to_table`, cells measured in terminal cells and
    control characters in cells shown as visible escapes."""
    from .core.export import to_table

    return to_table(frame, measure=cell_width, **options)
