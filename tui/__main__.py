"""``python -m tui`` and the ``ddx`` console script."""

from __future__ import annotations

import gc
import sys


def main() -> int:
    # No cycle collection until the explorer's first frame is drawn (the app
    # resumes it: DDXApp._resume_collector) or a command other than the
    # explorer is chosen (cli.parser.main). Start-up allocates some 90,000
    # long-lived objects the collector tracks (modules, classes, styles) and
    # almost no garbage, yet it walked them over and over: 30-45 ms before the first frame,
    # a full collection of ~24 ms among it.
    gc.disable()
    from .cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
