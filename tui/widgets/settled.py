"""A widget whose new size needs no second layout of the screen.

Textual lays the whole screen out again whenever a widget's virtual size
changes after a layout, although the layout that changed it already placed
everything. A widget that takes new content of a new size on a key (a
country's profile part) mixes this in so that key costs one layout; a
scrollbar that comes or goes still asks for one."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.geometry import Size


class Settled:
    """Mix in before the widget class: ``class Part(Settled, Static)``."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        updated: bool = super()._size_updated(  # type: ignore[misc]
            size, virtual_size, container_size, layout=False
        )
        return updated
