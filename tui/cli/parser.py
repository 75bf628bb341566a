"""``ddx``'s command line: the top-level parser, each family of subcommands
registered from its own module, and ``main``.

Bad input never shows a traceback: a DataError or UsageError becomes one line
on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn, cast

from .. import __version__, serve
from ..core.errors import DataError, UsageError
from ..core.text import visible
from ..i18n import _, resolve_language, set_language, translate_argparse
from . import actions, explorer, figures, handout, import_export, tables, tour
from .options import add_data_options, add_tui_options


class _Parser(argparse.ArgumentParser):
    """argparse, but one line on stderr and exit 2 for bad usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(
            2,
            visible(
                _("{prog}: error: {message} (try --help)").format(prog=self.prog, message=message)
            )
            + "\n",
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ddx",
        description=_(
            "ddx, the Digital Diplomacy Explorer: Central Asian e-government and digital "
            "diplomacy against the world, from sourced data. Without a command, opens the explorer."
        ),
    )
    parser.add_argument("--version", action="version", version=f"ddx {__version__}")
    add_data_options(parser, top=True)
    add_tui_options(parser, top=True)

    parser.add_argument(
        "--demo", action="store_true", help=_("guided tour for class (same as `ddx demo`)")
    )
    parser.add_argument(
        "--interval",
        metavar="SECONDS",
        type=explorer.positive_seconds,
        help=_("demo: advance every SECONDS"),
    )
    explorer.add_tour_options(parser, top=True)
    # A browser session started by `ddx serve` (hidden: not for people).
    parser.add_argument("--served", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(command=None)
    # Each subcommand is a _Parser; the register functions need only an ArgumentParser.
    sub = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser),
    )
    tables.register(sub, add_data_options)
    figures.register(sub, add_data_options)
    import_export.register(sub, add_data_options)
    actions.register(sub, add_data_options)
    explorer.register(sub, add_data_options, add_tui_options)
    tour.register(sub, add_data_options)
    handout.register(sub, add_data_options)
    # ``ddx serve`` (tui/serve.py, the command line's layer): its module imports
    # only the standard library; textual-serve and aiohttp load when it runs.
    serve.register(sub, add_data_options, add_tui_options)
    return parser


def _lang_argument(argv: Sequence[str]) -> str | None:
    """The last ``--lang X`` / ``--lang=X`` before a lone ``--``: read before the
    parser is built, so its help texts are in that language."""
    value = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
    return value


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        set_language(resolve_language(_lang_argument(argv)))
    except UsageError as exc:
        print(f"ddx: {exc}", file=sys.stderr)
        return 2
    translate_argparse()
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
