"""``ddx`` on the command line.

``parser`` builds the parser and holds ``main``; the subcommands live one
family per module: ``tables`` (rankings, country, goals, sources,
milestones), ``figures`` (``ddx chart``), ``import_export`` (export, import-un), ``actions``
(actions, conclusion), ``explorer`` (``ddx`` itself and ``ddx demo``) and
``serve`` (``ddx serve``, a package of its own).
``options`` and ``output`` hold what they share. Nothing here imports
Textual until the explorer opens.
"""

from .explorer import check_start, run_tui
from .options import data_overlays, load_dataset
from .parser import build_parser, main

__all__ = ["build_parser", "check_start", "data_overlays", "load_dataset", "main", "run_tui"]
