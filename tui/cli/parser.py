"""``ddx``'s command line: the top-level parser, each family of subcommands
registered from its own module, and ``main``.

Bad input never shows a traceback: a DataError or UsageError becomes one line
on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .. import __version__
from ..core.errors import DataError, UsageError
from ..core.text import visible
from . import actions, chart, explorer, import_export, tables, tour
from .options import add_data_options, add_tui_options


class _Parser(argparse.ArgumentParser):
    """argparse, but one line on stderr and exit 2 for bad usage."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, visible(f"{self.prog}: error: {message} (try --help)") + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ddx",
        description="ddx, the Digital Diplomacy Explorer: Central Asian e-government and digital "
        "diplomacy against the world, from sourced data. Without a command, opens the explorer.",
    )
    parser.add_argument("--version", action="version", version=f"ddx {__version__}")
    add_data_options(parser, top=True)
    add_tui_options(parser, top=True)

    parser.add_argument(
        "--demo", action="store_true", help="guided tour for class (same as `ddx demo`)"
    )
    parser.add_argument(
        "--interval",
        metavar="SECONDS",
        type=explorer.positive_seconds,
        help="demo: advance every SECONDS",
    )
    explorer.add_tour_options(parser, top=True)
    # A browser session started by `ddx serve` (hidden: not for people).
    parser.add_argument("--served", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(command=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    tables.register(sub, add_data_options)
    chart.register(sub, add_data_options)
    import_export.register(sub, add_data_options)
    actions.register(sub, add_data_options)
    explorer.register(sub, add_data_options, add_tui_options)
    tour.register(sub, add_data_options)
    # ``ddx serve`` lives beside the code it drives (tui/serve.py) and registers
    # itself; a build without it has no such command.
    try:
        serve = importlib.import_module("tui.serve")
    except ModuleNotFoundError as exc:
        if exc.name != "tui.serve":
            raise
    else:
        serve.register(sub, add_data_options, add_tui_options)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return explorer.run_tui(args)
        return int(args.handler(args) or 0)
    except (DataError, UsageError) as exc:
        print(f"ddx: {visible(str(exc), chr(10))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
