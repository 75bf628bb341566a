"""Command line: ``ddx`` opens the explorer; subcommands print or export data.

Bad input never shows a traceback: a DataError or UsageError becomes one line
on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.errors import DataError, UsageError
from .core.text import visible


class _Parser(argparse.ArgumentParser):
    """argparse, but one line on stderr and exit 2 for bad usage."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, visible(f"{self.prog}: error: {message} (try --help)") + "\n")


def _add_data_options(p: argparse.ArgumentParser, top: bool = False) -> None:
    # On subcommands the default is SUPPRESS, so `ddx --data D rankings` keeps D
    # instead of the subcommand's empty default overwriting it.
    p.add_argument(
        "--data",
        metavar="DIR",
        action="append",
        type=Path,
        default=[] if top else argparse.SUPPRESS,
        help="load your own tables (same schema) over the built-in ones; may be repeated",
    )


def _add_tui_options(p: argparse.ArgumentParser, top: bool = False) -> None:
    def d(value: object) -> object:
        return value if top else argparse.SUPPRESS

    p.add_argument(
        "--ascii", action="store_true", default=d(False), help="plain ASCII chart markers and boxes"
    )
    p.add_argument(
        "--no-mouse",
        action="store_true",
        default=d(False),
        help="turn mouse tracking off (slow links)",
    )
    p.add_argument(
        "--theme", default=d("dark"), help="dark (default) or light (high contrast, projectors)"
    )
    p.add_argument(
        "--start",
        metavar="PANE[:ARG]",
        default=d(None),
        help="open on a pane, e.g. countries:UZB or rankings:2020",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ddx",
        description="ddx, the Digital Diplomacy Explorer: Central Asian e-government and digital "
        "diplomacy against the world, from sourced data. Without a command, opens the explorer.",
    )
    parser.add_argument("--version", action="version", version=f"ddx {__version__}")
    _add_data_options(parser, top=True)
    _add_tui_options(parser, top=True)
    from .demo import positive_seconds

    parser.add_argument(
        "--demo", action="store_true", help="guided tour for class (same as `ddx demo`)"
    )
    parser.add_argument(
        "--interval", metavar="SECONDS", type=positive_seconds, help="demo: advance every SECONDS"
    )
    parser.set_defaults(command=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    from . import commands_cli

    commands_cli.register(sub, _add_data_options, _add_tui_options)
    return parser


def data_overlays(args: argparse.Namespace) -> list[Path]:
    """User directories laid over the built-in data: imports first, then --data."""
    from .paths import user_data_dir

    overlays: list[Path] = []
    imported = user_data_dir()
    if imported.is_dir() and any(imported.glob("*.csv")):
        overlays.append(imported)
    overlays.extend(args.data)
    return overlays


def load_dataset(args: argparse.Namespace, check_all: bool = True):  # type: ignore[no-untyped-def]
    from .core import Dataset
    from .paths import data_dir

    ds = Dataset(data_dir(), data_overlays(args))
    if check_all and args.data:
        # The user's own files are checked in full before anything is drawn.
        ds.validate_all()
    return ds


def run_tui(args: argparse.Namespace) -> int:
    from .app import DDXApp, Options
    from .theme import THEME_ALIASES, THEMES

    theme = THEME_ALIASES.get(args.theme, args.theme)
    if theme not in THEMES:
        raise UsageError(f"unknown theme {args.theme!r}; choose dark or light")
    # The Linux console's font has box drawing but few of the chart markers.
    ascii_mode = args.ascii or not _utf8_locale() or os.environ.get("TERM") == "linux"
    ds = load_dataset(args)
    options = Options(
        ascii=ascii_mode,
        mouse=not args.no_mouse,
        theme=theme,
        start=args.start,
        demo=getattr(args, "demo", False) or getattr(args, "interval", None) is not None,
        demo_interval=getattr(args, "interval", None),
    )
    if args.start:
        _check_start(ds, args.start)
    app = DDXApp(ds, options)
    app.run(mouse=options.mouse)
    return app.return_code or 0


def _check_start(ds, start: str) -> None:  # type: ignore[no-untyped-def]
    from .core import queries as q
    from .panes import PANE_IDS

    pane, _, arg = start.partition(":")
    ids = list(PANE_IDS)
    if pane not in ids:
        raise UsageError(f"unknown pane {pane!r} in --start; panes are {', '.join(ids)}")
    if arg:
        if arg.isdigit():
            if int(arg) not in q.editions(ds):
                raise UsageError(
                    f"no survey edition {arg}; editions are {', '.join(map(str, q.editions(ds)))}"
                )
        else:
            q.resolve_country(ds, arg)


def _utf8_locale() -> bool:
    def utf8(value: str) -> bool:
        return "utf-8" in value.lower() or "utf8" in value.lower()

    env = os.environ
    for var in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = env.get(var)
        if value:
            # Python itself sets LC_CTYPE=C.UTF-8 when the locale is C or missing
            # (PEP 538); then LANG, if set, is what the user's terminal uses.
            if (
                var == "LC_CTYPE"
                and value == "C.UTF-8"
                and env.get("LANG")
                and not utf8(env["LANG"])
            ):
                continue
            return utf8(value)
    return (sys.stdout.encoding or "").lower().replace("-", "") == "utf8"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return run_tui(args)
        return int(args.handler(args) or 0)
    except (DataError, UsageError) as exc:
        print(f"ddx: {visible(str(exc), chr(10))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
