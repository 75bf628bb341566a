"""The title bar at the top: the app's title and subtitle centred between an
icon on the left (a click on it opens the command palette) and an empty right
end, drawn as Textual's Header draws them when it shows no clock.

One widget, where Header composes four (itself, the icon, the title and the
clock's space): every widget on the first screen costs about a millisecond or
two to style, lay out and draw before the first frame (ARCHITECTURE.md,
start-up). The title is the app's, so a language switch redraws it. Left out:
Header's click on the title that made it three lines tall, and the icon's
hover colour and tooltip."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual import events

ICON_WIDTH = 8  # Header's icon: eight cells, the icon one cell in
RIGHT_WIDTH = 10  # Header's clock space, empty without the clock


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, icon: str) -> None:
        super().__init__()
        self.icon = icon

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._title_changed, init=False)
        self.watch(self.app, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    def render(self) -> Content:
        width = self.size.width
        middle = max(0, width - ICON_WIDTH - RIGHT_WIDTH)
        icon = " " + self.icon
        title = self.app.format_title(self.app.title, self.app.sub_title)
        title = title.truncate(middle, ellipsis=True)
        left = (middle - title.cell_length) // 2
        right = max(0, width - ICON_WIDTH - left - title.cell_length)
        return Content.assemble(
            icon + " " * max(0, ICON_WIDTH - cell_len(icon)), " " * left, title, " " * right
        )

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH:
            event.stop()
            await self.run_action("app.command_palette")
