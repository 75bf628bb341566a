"""The charts ddx draws.

The drawing (plotext and Polars, no Textual), one module a concern:
``style`` (what a draw function draws on; applies ``plotpatch``), ``ticks``
and ``labels`` (axes, titles and keys plotext really draws), ``lines``,
``bars`` and ``scatter`` (the draw functions), ``figures`` (the builders that
ask the core for data), ``actions`` (the Actions chart) and ``render``
(``render_text`` for ``ddx chart``, ``ascii_figure`` for ``--ascii``).
``tui.charts.widget`` holds ``Chart``, the Textual widget the panes show them
in. Importing this package imports none of them, so ``ddx chart`` never loads
Textual.
"""
