"""``ddx handout``: a tour (the built-in one, or a teacher's file) as one
self-contained HTML file to print or share (tui/handout.py makes it)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from ..core.errors import UsageError
from ..i18n import _
from .options import AddOptions, command_adder, load_dataset


def cmd_handout(args: argparse.Namespace) -> int:
    from ..tour.model import builtin_path, load_tour, vocabulary
    from .output import check_writable_target, write_document

    out: Path = args.out
    if out.suffix.lower() not in (".html", ".htm"):
        raise UsageError(
            _("a handout is one HTML file: name it .html, not {out!r}").format(out=str(out))
        )
    if args.tour is not None and args.name is not None:
        raise UsageError(_("give a built-in tour's name or --tour FILE, not both"))
    check_writable_target(out)
    if out.is_dir():
        raise UsageError(_("{out} is a folder; name a file").format(out=out))
    _check_place(out)
    ds = load_dataset(args)
    vocab = vocabulary(ds)
    source = args.tour if args.tour is not None else builtin_path(args.name or "class")
    tour = load_tour(source, vocab)
    from ..handout import make_handout

    started = time.monotonic()
    page = make_handout(ds, tour, theme=args.theme, notes=args.notes)
    write_document(out, page)
    print(
        _("{n} steps in {seconds:.1f} s").format(
            n=len(tour.steps), seconds=time.monotonic() - started
        ),
        file=sys.stderr,
    )
    return 0


def _check_place(out: Path) -> None:
    """Refuse a place that cannot take the file before the tour is played (seconds)."""
    folder = out.absolute().parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(
            _("cannot write {out}: {folder} is not a folder ddx may write in").format(
                out=out, folder=folder
            )
        )


def register(sub: argparse._SubParsersAction, add_data: AddOptions) -> None:  # type: ignore[type-arg]
    p = command_adder(sub, add_data)(
        "handout",
        cmd_handout,
        _("write a tour as one HTML file to print or share (screens, captions, sources, data)"),
        _(
            "Play a tour headless and write one self-contained HTML file: a title page, "
            "per step the screen, its caption, its sources in full and the data behind "
            "it, and the sources at the end. Prints one step per A4 page."
        ),
    )
    p.add_argument("name", nargs="?", metavar="NAME", help=_("a built-in tour (default: class)"))
    p.add_argument(
        "--tour", metavar="FILE", type=Path, help=_("a tour file (TOML) instead of a built-in tour")
    )
    p.add_argument(
        "--out", metavar="FILE", type=Path, required=True, help=_("the HTML file to write")
    )
    p.add_argument(
        "--theme",
        choices=("dark", "light"),
        default="dark",
        help=_("the screens' theme: dark (default) or light, for print"),
    )
    p.add_argument("--notes", action="store_true", help=_("include the presenter notes"))
