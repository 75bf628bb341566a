"""Opening the explorer: ``ddx`` itself (its options checked, ASCII chosen
when the terminal needs it) and ``ddx demo``, the class tour (tui/tour/)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import UsageError
from ..i18n import _, current_language, ngettext
from .options import load_dataset

if TYPE_CHECKING:
    from ..core.dataset import Dataset


def run_tui(args: argparse.Namespace) -> int:
    from ..app import DDXApp, Options
    from ..theme import THEME_ALIASES, THEMES

    theme = THEME_ALIASES.get(args.theme, args.theme)
    if theme not in THEMES:
        raise UsageError(
            _("unknown theme {theme!r}; choose dark or light").format(theme=args.theme)
        )
    # The Linux console's font has box drawing but few of the chart markers.
    ascii_mode = args.ascii or not _utf8_locale() or os.environ.get("TERM") == "linux"
    ds = load_dataset(args)
    tour = None
    tour_path = getattr(args, "tour", None)
    if tour_path is not None:
        # The whole file is checked before the explorer opens.
        from ..tour.model import load_tour, vocabulary

        tour = load_tour(tour_path, vocabulary(ds))
    # --notes: the built-in tour has no notes, but the next step's title
    notes = bool(getattr(args, "notes", False))
    record = getattr(args, "record", None)
    if record is not None:
        record = check_record_target(record)
    options = Options(
        ascii=ascii_mode,
        mouse=not args.no_mouse,
        theme=theme,
        start=args.start,
        demo=getattr(args, "demo", False)
        or getattr(args, "interval", None) is not None
        or tour_path is not None
        or notes,
        demo_interval=getattr(args, "interval", None),
        served=getattr(args, "served", False),
        tour=tour,
        notes=notes,
        record=record,
    )
    if args.start:
        check_start(ds, args.start)
    app = DDXApp(ds, options)
    app.run(mouse=options.mouse)
    return app.return_code or 0


def check_record_target(path: Path) -> Path:
    """``--record FILE``: not inside ddx's own files, and a tour if it exists."""
    from ..core.errors import DataError
    from ..tour.model import load_tour
    from .output import check_writable_target

    path = path.expanduser()
    check_writable_target(path)
    if path.is_dir():
        raise UsageError(f"--record {path}: is a folder; name a tour file such as lesson.toml")
    if path.exists():
        try:
            load_tour(path)
        except DataError as exc:
            if not exc.message.startswith("no steps"):
                raise
    return path.resolve()


def check_start(ds: Dataset, start: str) -> None:
    from ..core import queries as q
    from ..panes import PANE_IDS

    pane, _sep, arg = start.partition(":")
    ids = list(PANE_IDS)
    if pane not in ids:
        raise UsageError(
            _("unknown pane {pane!r} in --start; panes are {panes}").format(
                pane=pane, panes=", ".join(ids)
            )
        )
    if arg:
        if arg.isdigit():
            if int(arg) not in q.editions(ds):
                raise UsageError(
                    _("no survey edition {year}; editions are {editions}").format(
                        year=arg, editions=", ".join(map(str, q.editions(ds)))
                    )
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


# -- ddx demo ----------------------------------------------------------------------
def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a number of seconds: {text!r}").format(text=text)
        ) from None
    if not value > 0 or value != value or value == float("inf"):
        raise argparse.ArgumentTypeError(
            _("the interval must be a positive number of seconds, not {text!r}").format(text=text)
        )
    return value


def _run_demo(args: argparse.Namespace) -> int:
    if getattr(args, "list", False):
        return list_tours()
    args.demo = True
    return run_tui(args)


def list_tours() -> int:
    """``ddx demo --list``: one built-in tour a line, its name first."""
    from ..tour.model import builtin_names, load_builtin

    for name in builtin_names():
        tour = load_builtin(name)
        n = len(tour.steps)
        steps = ngettext("{n} step", "{n} steps", n).format(n=n)
        print(f"{name}\t{tour.title_in(current_language())} ({steps})")
    return 0


def add_tour_options(p: argparse.ArgumentParser, top: bool = False) -> None:
    """--tour, --notes and --record, on ``ddx``, ``ddx demo`` and ``ddx serve``."""

    def d(value: object) -> object:
        return value if top else argparse.SUPPRESS

    p.add_argument(
        "--tour",
        metavar="FILE",
        type=Path,
        default=d(None),
        help=_("play a tour file (TOML) instead of the built-in tour"),
    )
    p.add_argument(
        "--notes",
        action="store_true",
        default=d(False),
        help=_("presenter view: show each step's notes and the next step's title"),
    )
    p.add_argument(
        "--record",
        metavar="FILE",
        type=Path,
        default=d(None),
        help=_(
            "R appends the view on screen to this tour file "
            "(default $XDG_DATA_HOME/ddx/tours/recorded.toml)"
        ),
    )


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    add_data: Callable[[argparse.ArgumentParser], None],
    add_tui: Callable[[argparse.ArgumentParser], None],
) -> None:
    p = sub.add_parser(
        "demo",
        help=_("guided tour of the panes for class (space/→ next, ← back)"),
        description=_(
            "Open the explorer with a guided tour: one caption per step saying what "
            "to look at and where the figures come from. Space or → next step, ← previous, "
            "q quits. Use --theme light on a projector."
        ),
    )
    add_data(p)
    add_tui(p)
    p.add_argument(
        "--interval",
        metavar="SECONDS",
        type=positive_seconds,
        default=None,
        help=_("advance by itself every SECONDS (starts again after the last step)"),
    )
    add_tour_options(p)
    p.add_argument(
        "--list", action="store_true", help=_("list the built-in tours, one a line, name first")
    )
    p.set_defaults(handler=_run_demo, demo=True)
