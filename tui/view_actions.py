"""What the app does with the view on screen: export it as CSV (``e``), copy
it as TSV (``y``), show its sources (``s``), and the dialogs over it (help,
the Ctrl+P palette). ``DDXApp`` (tui/app.py) inherits these actions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from .i18n import _, ngettext

if TYPE_CHECKING:
    from collections.abc import Sequence

    import polars as pl
    from textual.command import CommandListItem
    from textual.widget import AwaitMount

    from .app import Options
    from .panes.base import Pane

# Files one browser session of `ddx serve` may save on the server with `e`,
# and files of ddx's the server's exports folder may hold before every session
# stops saving there: a session's count starts again when its page is
# reloaded, the folder's does not.
SERVED_EXPORTS = 20
SERVED_FOLDER_EXPORTS = 200


class ViewActions(App[None]):
    """The actions on the current view; the app supplies the panes."""

    _served_exports = 0  # files this browser session saved (ddx serve)

    if TYPE_CHECKING:
        options: Options

        @property
        def active_pane(self) -> Pane: ...

        def _ready_pane(self) -> Pane | None: ...

    # -- screens -------------------------------------------------------------
    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from .palette import DDXCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            # No fixed id: a palette still closing (its command just ran) would
            # clash with the new one (DuplicateIds, found by the key fuzzer).
            self.push_screen(DDXCommandPalette())

    def search_themes(self) -> None:
        """Textual's "Theme" command, in ddx's palette (the fuzzer found Textual's
        own raising KeyError on PageUp typed before its list was drawn)."""
        from textual.theme import ThemeProvider

        from .palette import DDXCommandPalette

        self.push_screen(
            DDXCommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…"))
        )

    def search_commands(
        self, commands: Sequence[CommandListItem], placeholder: str = "Search for commands…"
    ) -> AwaitMount:
        """Textual's command lists (e.g. its "Keys" command), in ddx's palette."""
        from textual.command import SimpleProvider

        from .palette import DDXCommandPalette

        return self.push_screen(
            DDXCommandPalette(
                # Textual's hint names Provider classes, but it takes an instance
                # too: its own search_commands passes this same SimpleProvider.
                providers=[SimpleProvider(self.screen, list(commands))],  # type: ignore[list-item]
                placeholder=placeholder,
            )
        )

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            # Opened on the keys of the pane it was asked from.
            pane = self._ready_pane()
            self.push_screen(HelpScreen(pane.pane_id if pane is not None else None))

    # -- export (e) and copy (y) the frame behind the current view ----------------
    def _view_frame(self) -> pl.DataFrame | None:
        pane = self._ready_pane()
        frame = pane.current_frame() if pane is not None else None
        if frame is None or frame.is_empty():
            self.notify(_("Nothing to export in this view."), severity="warning")
            return None
        return frame

    def action_export_view(self) -> None:
        from .core import export
        from .core.errors import DataError
        from .paths import protected_dirs, user_data_dir
        from .textsafe import safe

        frame = self._view_frame()
        if frame is None:
            return
        pane = self.active_pane
        # A browser session (ddx serve) always saves under the user data folder,
        # never the server's working directory, and shows no server paths; and
        # only so many files, as anyone with the URL may press `e`.
        served = self.options.served
        folder = user_data_dir() / "exports"
        if served and (limit := self._served_limit(folder)):
            self.notify(limit, title=_("Export limit reached"), severity="warning", markup=False)
            return
        if not served:
            folder = export.choose_export_dir(Path.cwd(), protected_dirs(), folder)
        try:
            path = export.export_view(frame, pane.pane_id, pane.describe_state(), folder)
        except DataError as exc:
            message = f"exports: {exc.message}" if served else str(exc)
            self.notify(safe(message), title=_("Export failed"), severity="error", markup=False)
            return
        if served:
            self._served_exports += 1
        shown = Path("exports", path.name) if served else path
        self.notify(
            safe(
                ngettext("{n} row saved to {path}", "{n} rows saved to {path}", len(frame)).format(
                    n=len(frame), path=shown
                )
            ),
            title=_("Exported CSV"),
            timeout=8,
            markup=False,
        )

    def _served_limit(self, folder: Path) -> str | None:
        """What a browser session says when it may not save another file
        (None: it may): its own count, or the folder's, which a reloaded page
        (a new session) does not start again."""
        from .core import export

        if self._served_exports >= SERVED_EXPORTS:
            return _(
                "This browser session has saved its {n} files on the server; "
                "copy the view with y instead."
            ).format(n=SERVED_EXPORTS)
        if export.count_view_exports(folder) >= SERVED_FOLDER_EXPORTS:
            return _(
                "The server's exports folder is full ({n} views); copy the view with y instead."
            ).format(n=SERVED_FOLDER_EXPORTS)
        return None

    def action_copy_view(self) -> None:
        from .core import export

        frame = self._view_frame()
        if frame is None:
            return
        self.copy_to_clipboard(export.to_tsv(frame))
        self.notify(
            ngettext(
                "{n} row copied as TSV (via OSC 52: the terminal must allow clipboard access).",
                "{n} rows copied as TSV (via OSC 52: the terminal must allow clipboard access).",
                len(frame),
            ).format(n=len(frame)),
            title=_("Copied"),
        )

    def action_show_source(self) -> None:
        from .screens.provenance import ProvenanceScreen

        pane = self._ready_pane()
        if isinstance(self.screen, ProvenanceScreen) or pane is None:
            return
        self.push_screen(ProvenanceScreen(pane.title, pane.provenance()))
