"""Where the figures on screen come from, and what to keep in mind reading them."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..core import queries as q
from ..core.caveats import caveat_sources, describe
from ..core.provenance import Provenance
from ..i18n import N_, _
from ..textsafe import lines as join_lines
from ..textsafe import markup, plain

if TYPE_CHECKING:
    from ..app import DDXApp


class ProvenanceScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", N_("Close")),
        Binding("s", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, pane_title: str, items: list[Provenance]) -> None:
        super().__init__()
        self.pane_title = pane_title
        self.items = items

    def compose(self) -> ComposeResult:
        ds = cast("DDXApp", self.app).dataset
        lines = [
            markup(
                "[b]$head[/b]",
                head=_("Sources for what the {pane} pane shows").format(pane=_(self.pane_title)),
            ),
            plain(""),
        ]
        if not self.items:
            lines.append(plain(_("Nothing with a source is selected here.")))
        # Figures that share a source are listed together, the source once.
        groups: list[tuple[str | None, list[Provenance]]] = []
        for item in self.items:
            if groups and groups[-1][0] == item.source_id:
                groups[-1][1].append(item)
            else:
                groups.append((item.source_id, [item]))
        shown: list[str] = []  # every caveat told, for the list of their sources below
        for source_id, items in groups:
            for item in items:
                line = markup("[b]$label[/b]", label=item.label)
                if item.detail:
                    line += markup("  [dim]$detail[/dim]", detail=item.detail)
                lines.append(line)
            src = q.source(ds, source_id)
            if src is None:
                lines.append(plain("  " + _("source: none (a gap in the data)")))
            else:
                lines.append(
                    plain(
                        "  "
                        + _("source [{source_id}]: {citation}").format(
                            source_id=source_id, citation=q.citation(src)
                        )
                    )
                )
                if src.get("url"):
                    lines.append(plain(f"  {src['url']}"))
            caveats: list[str] = []
            for item in items:
                caveats += [k for k in item.caveats if k not in caveats]
            for key in caveats:
                lines.append(plain(f"  ! {_(describe(key))}"))
                if key not in shown:
                    shown.append(key)
            lines.append(plain(""))
        cited = [(k, caveat_sources(k)) for k in shown if caveat_sources(k)]
        if cited:
            lines.append(plain(_("The caveats above rest on these sources:"), "dim"))
            for key, ids in cited:
                lines.append(plain(f"  {key}: {', '.join(ids)}", "dim"))
            lines.append(plain(""))
        lines.append(plain(_("Escape closes this; the Sources pane (4) lists every source.")))
        with VerticalScroll(id="provenance-body"):
            yield Static(join_lines(lines), id="provenance-text")
