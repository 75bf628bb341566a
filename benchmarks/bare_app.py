"""The yardstick for cold start: a bare Textual app, one Static, mount, exit.

The benchmark stops it as soon as its frame is on the pty; on its own it exits
shortly after the first refresh.
"""

from textual.app import App, ComposeResult
from textual.widgets import Static

MARKER = "bare textual app ready"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(MARKER)

    def on_mount(self) -> None:
        self.set_timer(5, self.exit)


if __name__ == "__main__":
    BareApp().run()
