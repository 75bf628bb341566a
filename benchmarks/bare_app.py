"""The yardstick for cold start: a bare Textual app as issue 21 defines it
(Header, one Static, Footer), mount, exit.

The benchmark stops it as soon as its frame (the Static and the footer's
palette hint) is on the pty; on its own it exits shortly after.
"""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

MARKER = "bare textual app ready"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(MARKER)
        yield Footer()

    def on_mount(self) -> None:
        self.set_timer(5, self.exit)


if __name__ == "__main__":
    BareApp().run()
