"""A second yardstick for cold start: the widgets issue 3 requires (Header,
a TabbedContent of eight tabs, a list and a text in the first, Footer) with
no data, no Polars and no plotext. The gap between it and the bare app is
what Textual's own widgets cost; the gap between it and ddx is ours.
"""

from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static, TabbedContent, TabPane

TABS = ("Goals", "Countries", "Rankings", "Sources", "Compare", "Timeline", "Infra", "Map")
MARKER = "skeleton app ready"


class SkeletonApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent():
            for i, title in enumerate(TABS, start=1):
                with TabPane(f"{i} {title}"):
                    if i == 1:
                        with Horizontal():
                            yield OptionList(*[f"{n}. goal" for n in range(1, 9)])
                            with VerticalScroll():
                                yield Static(MARKER)
        yield Footer()

    def on_mount(self) -> None:
        self.set_timer(5, self.exit)


if __name__ == "__main__":
    SkeletonApp().run()
