"""Read what the user sees: the composed screen as plain text lines."""

from __future__ import annotations

import io

from rich.console import Console
from textual.app import App
from textual.content import Content


def screen_text(app: App) -> str:
    """The whole screen (including modal screens over it) as plain text."""
    return _composed(app, styles=False)


def styled_screen(app: App) -> str:
    """The whole screen with every cell's colours and attributes (as ANSI):
    two screens are equal only if they look the same, cell for cell."""
    return _composed(app, styles=True)


def _composed(app: App, styles: bool) -> str:
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor" if styles else None,
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(update)
    return console.export_text(styles=styles)


async def background_done(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the explorer's work after the first frame is done: every
    pane built and rehearsed off-screen (``@pytest.mark.all_panes``)."""
    for _ in range(400):
        if pilot.app.background_done:
            break
        await pilot.pause(0.02)
    assert pilot.app.background_done, "the background work did not end"
    await pilot.pause()


def widget_text(widget, width: int = 300) -> str:  # type: ignore[no-untyped-def]
    """What a Static shows (Content or a Rich renderable), laid out ``width``
    cells wide: wide enough that an item's text stays on one line."""
    console = Console(
        width=width, file=io.StringIO(), color_system=None, record=True, legacy_windows=False
    )
    content = widget.content
    console.print(str(content) if isinstance(content, Content) else content)
    return console.export_text(styles=False)


def flat(app: App) -> str:
    """Screen text with borders and line breaks folded to single spaces, for
    phrases that may wrap at small sizes."""
    text = screen_text(app)
    for ch in "│╭╮╰╯─┃┏┓┗┛━▁▂▃▄▅▆▇█":
        text = text.replace(ch, " ")
    return " ".join(text.split())


async def settled(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the pane on show is mounted (and, under
    ``@pytest.mark.all_panes``, every pane: the hidden ones mount just after
    the first frame), so a snapshot starts from the same state however fast
    the machine is."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause()
        # (tests/conftest.py: unless marked, only the panes a test visits are built)
        waiting = app.panes if app.build_hidden_panes else [app.active_pane]
        if all(p.is_attached for p in waiting) and app.active_pane.is_mounted:
            break
    await pilot.pause()


async def press_each(pilot, keys: str) -> None:  # type: ignore[no-untyped-def]
    """Press each key of ``keys`` (one-character keys), letting the app handle
    each before the next, as a user pressing them one by one."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def open_pane(pilot, key: str) -> None:  # type: ignore[no-untyped-def]
    """Press a pane's number key once and check its tab is the one showing
    (a key typed at start-up must not be undone by late focus)."""
    from tui.panes import PANE_IDS

    want = f"tab-{PANE_IDS[int(key) - 1]}"
    await pilot.press(key)
    await pilot.pause()
    active = pilot.app.query_one("#tabs").active
    assert active == want, f"pane key {key} showed {active}, not {want}"
