"""Layout snapshots. ``press_then_compare`` is the one way a case is taken:
the explorer opened (present year pinned), keys pressed, the screen compared."""

from __future__ import annotations

from collections.abc import Callable

from tests.screen import settled
from tui.app import Options, make_app


def press_then_compare(
    snap_compare: Callable[..., bool], press: list[str], size: tuple[int, int]
) -> bool:
    app = make_app(options=Options(present_year=2026))

    async def open_then_press(pilot) -> None:  # type: ignore[no-untyped-def]
        await settled(pilot)
        await pilot.press(*press)
        await pilot.pause()

    return snap_compare(app, run_before=open_then_press, terminal_size=size)
