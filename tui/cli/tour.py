"""``ddx tour``: a teacher's own tours. ``export`` writes a built-in tour as a
file to start from, ``check`` reads a tour file as ``ddx demo --tour`` would
(without opening the explorer), ``notes`` follows a tour playing in another
terminal and prints each step's presenter notes (tui/tour/presenter.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.errors import UsageError
from ..i18n import _, current_language, ngettext
from .options import AddOptions, load_dataset
from .output import write_stdout


def _check(args: argparse.Namespace) -> int:
    from ..tour.model import load_tour, vocabulary

    tour = load_tour(args.file, vocabulary(load_dataset(args)))
    n = len(tour.steps)
    write_stdout(ngettext("ok: {n} step", "ok: {n} steps", n).format(n=n) + "\n")
    return 0


def _export(args: argparse.Namespace) -> int:
    from ..core.fsio import atomic_write, new_file
    from ..tour.model import builtin_path, read_source
    from .output import check_writable_target

    source = read_source(builtin_path(args.name))
    target: Path = args.file
    check_writable_target(target)
    if target.is_dir():
        raise UsageError(
            _("{target} is a folder; name the tour file, e.g. {example}").format(
                target=target, example=target / "lesson.toml"
            )
        )
    exists = _("{target} exists; add --force to replace it").format(target=target)
    if (target.exists() or target.is_symlink()) and not args.force:
        raise UsageError(exists)
    if not target.parent.is_dir():
        raise UsageError(_("no such folder: {folder}").format(folder=target.parent))
    try:
        if args.force:
            atomic_write(target, source)
        else:  # taken without overwriting: a file made meanwhile is never replaced
            new_file(target, source)
    except FileExistsError:
        raise UsageError(exists) from None
    except OSError as exc:
        raise UsageError(
            _("cannot write {target}: {why}").format(target=target, why=exc.strerror or exc)
        ) from None
    # The file name is the user's text: through the one escaping path (write_stdout).
    write_stdout(
        _(
            "wrote {target}: the built-in tour {name!r}; edit it, then ddx tour check {target}"
        ).format(target=target, name=args.name)
        + "\n"
    )
    return 0


def _notes(args: argparse.Namespace) -> int:
    from ..tour.model import load_tour, vocabulary
    from ..tour.presenter import follow

    tour = load_tour(args.file, vocabulary(load_dataset(args)))
    write_stdout(
        _("Following {title!r} ({n} steps); Ctrl+C stops.").format(
            title=tour.title_in(current_language()), n=len(tour.steps)
        )
        + "\n"
    )

    def out(text: str) -> None:
        write_stdout(f"\n{text}\n")  # names the tour file: escaped, never raw

    return follow(tour, out, wait=args.wait)


def _wait(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a number of seconds: {text!r}").format(text=text)
        ) from None
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(
            _("expected 0 or more seconds, not {text!r}").format(text=text)
        )
    return value


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], add_data: AddOptions
) -> None:
    p = sub.add_parser(
        "tour",
        help=_("your own tours: export a built-in one, check a file, follow one's notes"),
        description=_(
            "Tours for class as TOML files: `ddx tour export class lesson.toml` "
            "writes the built-in tour to start from, `ddx tour check lesson.toml` checks a "
            "file, `ddx demo --tour lesson.toml` plays it."
        ),
    )
    tsub = p.add_subparsers(dest="tour_command", metavar="ACTION", required=True)
    e = tsub.add_parser(
        "export", help=_("write a built-in tour as a file (ddx demo --list names them)")
    )
    e.add_argument("name", help=_("a built-in tour, e.g. class"))
    e.add_argument("file", type=Path, help=_("the tour file to write (.toml)"))
    e.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    e.set_defaults(handler=_export)
    c = tsub.add_parser("check", help=_("check a tour file without opening the explorer"))
    add_data(c)
    c.add_argument("file", type=Path)
    c.set_defaults(handler=_check)
    n = tsub.add_parser(
        "notes",
        help=_("follow a tour playing in another terminal: print each step's presenter notes"),
    )
    add_data(n)
    n.add_argument("file", type=Path, help=_("the tour file being played (ddx demo --tour FILE)"))
    n.add_argument(
        "--wait",
        metavar="SECONDS",
        type=_wait,
        default=120.0,
        help=_("how long to wait for the tour to start (default 120)"),
    )
    n.set_defaults(handler=_notes)
