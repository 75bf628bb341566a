"""The small dialog ``R`` opens: type the caption of the step being recorded.

It lives with the tour (not in tui/screens/) because the tour controller
opens it and it checks the caption with the tour file's own rules."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..i18n import N_, _
from .model import MAX_TEXT, bad_char


class RecordScreen(ModalScreen[str | None]):
    """Asks for a caption; dismisses with it (Enter) or None (Escape)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    AUTO_FOCUS = "#record-caption"

    def __init__(self, target: str, describe: str, caption: str = "") -> None:
        super().__init__()
        self.target = target
        self.describe = describe
        self.caption = caption  # in a tour: the step's own caption, to edit

    def compose(self) -> ComposeResult:
        with Vertical(id="record-body"):
            yield Static(
                Content(_("Record this view as a step of {file}").format(file=self.target)),
                id="record-head",
            )
            yield Static(Content(self.describe), id="record-state")
            yield Input(
                self.caption,
                placeholder="caption: what should the class look at?",
                max_length=MAX_TEXT,
                id="record-caption",
            )
            yield Static(Content(_("Enter saves the step · Escape cancels")), id="record-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.query_one("#record-hint", Static).update(
                Content(_("Type a caption first (Escape cancels)."))
            )
            return
        ch = bad_char(text)
        if ch is not None:
            self.query_one("#record-hint", Static).update(
                Content(
                    _("Control character U+{code} is not allowed in a caption.").format(
                        code=f"{ord(ch):04X}"
                    )
                )
            )
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
