"""Sources: every source with citation, link, licence and notes, plus the
caveats that apply across the data."""

from __future__ import annotations

import polars as pl
from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from ..core import queries as q
from ..core.caveats import CAVEATS
from ..i18n import N_, _, current_language
from ..textsafe import safe, text
from ..widgets.tables import KeyTable
from ..widgets.text import bullets, hanging
from .base import Pane, Provenance


class SourcesPane(Pane):
    pane_id = "sources"
    step_help = N_("previous / next source")

    def compose(self) -> ComposeResult:
        # The list on the left, the selected source in full beside it: the
        # list has the pane's height, so many sources show at 80x24. The pane
        # lays them out itself (sources.tcss): a container between would be
        # drawn and cut into pieces behind them on every visit.
        yield KeyTable(id="source-table", cursor_type="row")
        with VerticalScroll(id="source-detail"):
            yield Static("", id="source-text")

    def on_mount(self) -> None:
        self.frame = q.sources(self.ds)
        self.columns: tuple[tuple[str, int], ...] = ()
        self._fill()
        self._show(0)

    def _columns_for(self, width: int) -> tuple[tuple[str, int], ...]:
        return COLUMNS if width >= 120 else COLUMNS_NARROW

    def _fill(self) -> bool:
        """Columns for the pane's width, every cell cut with "…" to its column
        (the detail beside the list gives each in full); True if they changed."""
        columns = self._columns_for(self.size.width or self.app.size.width)
        if columns == self.columns:
            return False
        self.columns = columns
        table = self.query_one("#source-table", KeyTable)
        row = table.cursor_row
        table.clear(columns=True)
        for label, width in columns:
            table.add_column(_(label), width=width, key=label)
        field = {"Id": "source_id", "Publisher": "publisher", "Year": "year", "Title": "title"}
        for r in self.frame.iter_rows(named=True):
            cells = []
            for label, width in columns:
                cell = text(r[field[label]] or "")
                cell.truncate(width, overflow="ellipsis")
                cells.append(cell)
            table.add_row(*cells, key=r["source_id"])
        if row:
            table.move_cursor(row=row, animate=False)
        return True

    def on_resize(self) -> None:
        if not self.resized():
            return
        # Below 80 columns the detail goes under the list (beside it, its
        # label column would leave a word a line).
        self.set_class(self.size.width < 80, "-stacked")
        if getattr(self, "frame", None) is not None:
            self._fill()

    def retranslate(self) -> None:
        table = self.query_one("#source-table", KeyTable)
        table.relabel({label: Text(_(label)) for label, _width in self.columns})
        self._show(table.cursor_row)

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
        # Labels, bullets and reference numbers in a column of their own, so
        # wrapped text hangs under its first line (tui/widgets/text.py).
        fields = []
        if r["url"]:
            fields.append((_("Link:"), str(r["url"])))
        fields.append((_("Licence:"), str(r["licence"] or _("not stated by the source"))))
        if r["note"]:
            # The source's note stays as written (in English): the label says so.
            label = _("Note:") if current_language() == "en" else _("Note (in English):")
            fields.append((label, str(r["note"])))
        parts: list[RenderableType] = [
            Text(safe(q.citation(r)), style="bold"),
            hanging(fields, label_style=""),
            Text(),
            Text(_("Caveats that apply across the data"), style="bold"),
            bullets(_(v) for k, v in CAVEATS.items() if k in _GENERAL),
        ]
        refs = q.article_references(self.ds)
        if len(refs):
            parts += [
                Text(),
                Text.assemble(
                    (_("The article's own references"), "bold"),
                    (" " + _("(as the article lists them)"), "dim"),
                ),
                hanging(
                    (
                        (f"{n}.", f"{text} {url}" if url else str(text))
                        for n, text, url in refs.select("ref_no", "reference", "url").iter_rows()
                    ),
                    label_style="",
                    justify_label="right",
                ),
            ]
        self.query_one("#source-text", Static).update(Group(*parts))

    def provenance(self) -> list[Provenance]:
        r = getattr(self, "current", None)
        return [Provenance(_("Source {id}").format(id=r["source_id"]), r["source_id"])] if r else []

    def current_frame(self) -> pl.DataFrame:
        return self.frame

    def describe_state(self) -> str:
        r = getattr(self, "current", None)
        return f"source={r['source_id'] if r else None}"


COLUMNS = ((N_("Id"), 22), (N_("Publisher"), 16), (N_("Year"), 4), (N_("Title"), 24))
COLUMNS_NARROW = ((N_("Id"), 22), (N_("Year"), 4))

_GENERAL = (
    "readiness_era",
    "egdi_zero_tied_bottom_rank",
    "ranks_relative",
    "derived_rank",
    "gap",
    "conflict",
)
