"""What the ``s`` key lists: a figure (or block of text) on screen, its source
and caveat keys. Plain data, so the panes that make it and the dialog that
shows it depend on it, not on each other."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Provenance:
    """A figure (or block of text) on screen, its source and caveat keys."""

    label: str
    source_id: str | None
    caveats: tuple[str, ...] = field(default=())
    detail: str = ""
