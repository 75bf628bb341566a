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
        # Figures that share a source are listed together, the source once.
        groups: list[tuple[str | None, list[Provenance]]] = []
        for item in self.items:
            if groups and groups[-1][0] == item.source_id:
                groups[-1][1].append(item)
            else:
                groups.append((item.source_id, [item]))
        for source_id, items in groups:
            for item in items:
                detail = f"  [dim]{escape(item.detail)}[/dim]" if item.detail else ""
                lines.append(f"[b]{escape(item.label)}[/b]{detail}")
            src = q.source(ds, source_id)
            if src is None:
                lines.append("  source: none (a gap in the data)")
            else:
                lines.append(
                    f"  source {escape('[' + str(source_id) + ']')}: {escape(q.citation(src))}"
                )
                if src.get("url"):
                    lines.append(f"  {escape(str(src['url']))}")
            caveats: list[str] = []
            for item in items:
                caveats += [k for k in item.caveats if k not in caveats]
            for key in caveats:
                lines.append(f"  ! {escape(describe(key))}")
            lines.append("")
        lines.append("Escape closes this; the Sources pane (4) lists every source.")
        with VerticalScroll(id="provenance-body"):
            yield Static("\n".join(lines), id="provenance-text")
