"""Sources: every source with citation, link, licence and notes, plus the
caveats that apply across the data."""

from __future__ import annotations

import polars as pl
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from ..core import queries as q
from ..core.caveats import CAVEATS
from ..textsafe import lines as join_lines
from ..textsafe import markup, text
from ..widgets.lists import KeyTable
from .base import Pane, Provenance


class SourcesPane(Pane):
    pane_id = "sources"
    title = "Sources"
    key = "4"
    step_help = "next / previous source"

    def compose(self) -> ComposeResult:
        yield KeyTable(id="source-table", cursor_type="row")
        with VerticalScroll(id="source-detail"):
            yield Static("", id="source-text")

    def on_mount(self) -> None:
        self.frame = q.sources(self.ds)
        table = self.query_one("#source-table", KeyTable)
        # Fixed widths keep the title in view at 80 columns; details are below.
        table.add_column("Id", width=20)
        table.add_column("Publisher", width=20)
        table.add_column("Year", width=4)
        table.add_column("Title")
        for r in self.frame.iter_rows(named=True):
            table.add_row(
                text(r["source_id"]),
                text(r["publisher"]),
                text(r["year"] or ""),
                text(r["title"]),
                key=r["source_id"],
            )
        self._show(0)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "source-table":
            self._show(event.cursor_row)

    def step(self, delta: int) -> bool:
        table = self.query_one("#source-table", KeyTable)
        table.move_cursor(row=(table.cursor_row + delta) % max(1, table.row_count))
        return True

    def _show(self, row: int) -> None:
        if not len(self.frame):
            return
        r = self.frame.row(min(row, len(self.frame) - 1), named=True)
        self.current = r
        lines = [markup("[b]$citation[/b]", citation=q.citation(r))]
        if r["url"]:
            lines.append(markup("Link: $url", url=r["url"]))
        lines.append(
            markup("Licence: $licence", licence=r["licence"] or "not stated by the source")
        )
        if r["note"]:
            lines.append(markup("Note: $note", note=r["note"]))
        lines += [markup(""), markup("[b]Caveats that apply across the data[/b]")]
        lines += [markup("• $caveat", caveat=v) for k, v in CAVEATS.items() if k in _GENERAL]
        refs = q.article_references(self.ds)
        if len(refs):
            lines += [
                markup(""),
                markup(
                    "[b]The article's own references[/b] [dim](as the article lists them)[/dim]"
                ),
            ]
            for n, ref, url in refs.select("ref_no", "reference", "url").iter_rows():
                lines.append(
                    markup("$n. $ref", n=n, ref=ref) + (markup(" $url", url=url) if url else "")
                )
        self.query_one("#source-text", Static).update(join_lines(lines))

    def provenance(self) -> list[Provenance]:
        r = getattr(self, "current", None)
        return [Provenance(f"Source {r['source_id']}", r["source_id"])] if r else []

    def current_frame(self) -> pl.DataFrame:
        return self.frame

    def describe_state(self) -> str:
        r = getattr(self, "current", None)
        return f"source={r['source_id'] if r else None}"


_GENERAL = (
    "readiness_era",
    "egdi_zero_tied_bottom_rank",
    "ranks_relative",
    "derived_rank",
    "gap",
    "conflict",
)
