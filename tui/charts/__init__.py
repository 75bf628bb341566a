"""The charts ddx draws.

``tui.charts.draw`` holds the drawing (plotext and Polars, no Textual): the
draw functions, the figure builders that ask the core for data, and
``render_text`` for ``ddx chart``. ``tui.charts.widget`` holds ``Chart``, the
Textual widget the panes show them in. Importing this package imports
neither, so ``ddx chart`` never loads Textual.
"""
