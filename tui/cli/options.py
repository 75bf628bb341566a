"""Options every command shares: ``--data`` (and how it becomes a Dataset,
imports first), the explorer's options, and argument types."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import LANGUAGES, _

if TYPE_CHECKING:
    from ..core.dataset import Dataset

AddOptions = Callable[[argparse.ArgumentParser], None]
Handler = Callable[[argparse.Namespace], int]


def command_adder(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    add_data: AddOptions,
) -> Callable[..., argparse.ArgumentParser]:
    """``command(name, handler, help, description="")``: a subcommand that takes
    ``--data`` and runs ``handler``; one definition for every command family."""

    def command(
        name: str, handler: Handler, help: str, description: str = ""
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=description or help)
        add_data(p)
        p.set_defaults(handler=handler)
        return p

    return command


def add_data_options(p: argparse.ArgumentParser, top: bool = False) -> None:
    # On subcommands the default is SUPPRESS, so `ddx --data D rankings` keeps D
    # instead of the subcommand's empty default overwriting it.
    p.add_argument(
        "--data",
        metavar="DIR",
        action="append",
        type=Path,
        default=[] if top else argparse.SUPPRESS,
        help=_("load your own tables (same schema) over the built-in ones; may be repeated"),
    )
    # Read before the parser is built (parser.main: the help texts are in it);
    # declared here so every command accepts it and --help lists it.
    p.add_argument(
        "--lang",
        metavar="|".join(LANGUAGES),
        default=None if top else argparse.SUPPRESS,
        help=_("language: en (default), ru or uz; else DDX_LANG, else the locale"),
    )


def add_tui_options(p: argparse.ArgumentParser, top: bool = False) -> None:
    def d(value: object) -> object:
        return value if top else argparse.SUPPRESS

    p.add_argument(
        "--ascii",
        action="store_true",
        default=d(False),
        help=_("plain ASCII chart markers and boxes"),
    )
    p.add_argument(
        "--no-mouse",
        action="store_true",
        default=d(False),
        help=_("turn mouse tracking off (slow links)"),
    )
    p.add_argument(
        "--theme", default=d("dark"), help=_("dark (default) or light (high contrast, projectors)")
    )
    p.add_argument(
        "--start",
        metavar="PANE[:ARG]",
        default=d(None),
        help=_("open on a pane, e.g. countries:UZB or rankings:2020"),
    )


def survey_year(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(
            _("expected a survey year such as 2020, got {text!r}").format(text=text)
        )
    return int(text)


def positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            _("expected a positive whole number, got {text!r}").format(text=text)
        )
    return int(text)


def data_overlays(args: argparse.Namespace) -> list[Path]:
    """User directories laid over the built-in data: imports first, then --data."""
    from ..core.userstore import current_import
    from ..paths import user_data_dir

    overlays: list[Path] = []
    imported = current_import(user_data_dir())
    if imported is not None:
        overlays.append(imported)
    overlays.extend(args.data)
    return overlays


def load_dataset(args: argparse.Namespace, check_all: bool = True) -> Dataset:
    from ..core import Dataset
    from ..paths import data_dir

    overlays = data_overlays(args)
    ds = Dataset(data_dir(), overlays)
    if check_all and args.data:
        # The user's own files are checked in full before anything is drawn.
        ds.validate_all()
    elif check_all and len(overlays) > len(args.data):
        # So are the imported ones (the import folder comes first): a bad file
        # there is one line now, not a traceback when its view opens.
        ds.validate_tables_in(overlays[0])
    return ds
