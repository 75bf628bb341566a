"""Where the figures on screen come from, and what to keep in mind reading them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Static

from ..core import queries as q
from ..core.caveats import describe
from ..panes.base import Provenance


class ProvenanceScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("s", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, pane_title: str, items: list[Provenance]) -> None:
        super().__init__()
        self.pane_title = pane_title
        self.items = items

    def compose(self) -> ComposeResult:
        ds = self.app.dataset  # type: ignore[attr-defined]
        lines = [f"[b]Sources for what the {escape(self.pane_title)} pane shows[/b]", ""]
        if not self.items:
            lines.append("Nothing with a source is selected here.")
        seen_caveats: list[str] = []
        for item in self.items:
            src = q.source(ds, item.source_id)
            lines.append(f"[b]{escape(item.label)}[/b]" + (f"  {escape(item.detail)}" if item.detail else ""))
            if src is None:
                lines.append("  source: none (a gap in the data)")
            else:
                lines.append(f"  source [{escape(str(item.source_id))}]: {escape(q.citation(src))}")
                if src.get("url"):
                    lines.append(f"  {escape(str(src['url']))}")
            for key in item.caveats:
                lines.append(f"  [$warning]! {escape(describe(key))}[/]")
                if key not in seen_caveats:
                    seen_caveats.append(key)
            lines.append("")
        lines.append("Escape closes this; the Sources pane (4) lists every source.")
        with VerticalScroll(id="provenance-body"):
            yield Static("\n".join(lines), id="provenance-text")
