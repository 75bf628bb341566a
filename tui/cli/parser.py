"""``ddx``'s command line: the top-level parser, each family of subcommands
registered from its own module, and ``main``.

Bad input never shows a traceback: a DataError or UsageError becomes one line
on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn, cast

from .. import __version__
from ..core.errors import DataError, UsageError
from ..core.text import visible
from ..i18n import _, resolve_language, set_language, translate_argparse
from . import explorer
from .options import add_data_options, add_tui_options

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


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

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse drops an OSError here; a full disk under --help says so (main).
        if message:
            (file or sys.stderr).write(message)


# Every subcommand's name (tests/unit/test_cli.py checks it against the parser).
# Opening the explorer (no command named) builds the parser without them, so
# that their modules are not imported before the explorer's first frame.
COMMANDS = frozenset(
    {
        *("rankings", "country", "sources", "goals", "actions", "conclusion"),
        *("milestones", "chart", "export", "import-un", "demo", "tour", "handout", "serve"),
    }
)


def names_a_command(argv: Sequence[str]) -> bool:
    """Whether ``argv`` may need the subcommands: a command's name anywhere
    (even as an option's value: the full parser then sorts it out), or help."""
    for arg in argv:
        if arg == "--":
            return True
        if arg in COMMANDS or arg in ("-h", "--help"):
            return True
    return False


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
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
    if not with_commands:
        return parser
    from . import actions, figures, handout, import_export, serve, tables, tour

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
    # ``ddx serve`` (tui/cli/serve/): its modules import only the standard
    # library; textual-serve and aiohttp load when it runs.
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


def _tolerant_streams() -> None:
    """A stream whose encoding cannot hold the language's letters (``LC_ALL=C``
    with ``PYTHONUTF8=0``: ASCII) shows them as ``\\u0443`` escapes instead of
    raising; tables keep their own ``?`` stand-ins (output.write_stdout)."""
    for stream in (sys.stdout, sys.stderr):
        enc = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if enc not in ("utf8", "utf8sig") and hasattr(stream, "reconfigure"):
            with contextlib.suppress(OSError, ValueError):  # not a stream we may change
                stream.reconfigure(errors="backslashreplace")


_OUTPUT_ERRORS = (errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EPIPE)


def _os_error_line(exc: OSError) -> str:
    """One line for an OSError no command turned into a DataError: a full disk
    under standard output, a folder that cannot be read."""
    why = exc.strerror or str(exc)
    if exc.filename is not None:
        return visible(f"ddx: {os.fsdecode(exc.filename)}: {why}")
    if exc.errno in _OUTPUT_ERRORS:
        return visible(_("ddx: cannot write the output: {why}").format(why=why))
    return visible(f"ddx: {why}")


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's flush at exit
    finds nothing to write and prints no second error (the recipe of Python's
    signal docs for a broken pipe)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_streams()
    try:
        set_language(resolve_language(_lang_argument(argv)))
    except UsageError as exc:
        print(f"ddx: {exc}", file=sys.stderr)
        return 2
    try:
        translate_argparse()
        parser = build_parser(with_commands=names_a_command(argv))
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version, bad usage: flushed here, not at exit
            sys.stdout.flush()
            raise exc
        if args.command is not None:
            gc.enable()  # paused for the explorer's start only (tui/__main__.py)
        code = explorer.run_tui(args) if args.command is None else int(args.handler(args) or 0)
        sys.stdout.flush()  # a full disk shows here, not in the interpreter's exit
        return code
    except (DataError, UsageError) as exc:
        print(f"ddx: {visible(str(exc), chr(10))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _drop_stdout()
        return 0
    except RecursionError:
        print(_("ddx: input nested too deeply to read"), file=sys.stderr)
        return 2
    except OSError as exc:
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            _drop_stdout()
        print(_os_error_line(exc), file=sys.stderr)
        return 2
