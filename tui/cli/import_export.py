"""``ddx export`` and ``ddx import-un``: every table out to a directory, a UN
Data Center export in to the user's data directory (never into the install)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.errors import DataError
from ..core.text import visible
from ..i18n import _
from ..paths import protected_dirs
from .options import AddOptions, command_adder, load_dataset
from .output import check_writable_target, inside, write_stdout


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], add_data: AddOptions
) -> None:
    """Add ``ddx export`` and ``ddx import-un`` to the ``ddx`` parser."""

    command = command_adder(sub, add_data)

    p = command(
        "export",
        cmd_export,
        _("write every table and a manifest of sources to a directory"),
        _(
            "Write every table ddx has (built-in, imported and --data, merged) to DIR, with "
            "manifest.csv naming each file's rows and the source ids its rows cite."
        ),
    )
    p.add_argument(
        "dir",
        metavar="DIR",
        type=Path,
        help=_("a new or empty directory (or an earlier ddx export)"),
    )
    p.add_argument(
        "--format", choices=("csv", "parquet"), default="csv", help=_("file format (default: csv)")
    )

    p = command(
        "import-un",
        cmd_import_un,
        _("import a UN E-Government Data Center export into your data directory"),
        _(
            "Read a UN E-Government Knowledgebase Data Center export (CSV, header 'Survey Year, "
            "Country Name, E-Government Rank, ...'), check it, say what would change, and save it "
            "to your data directory ($XDG_DATA_HOME/ddx) so the explorer shows it."
        ),
    )
    p.add_argument("file", metavar="FILE", type=Path, help=_("the exported CSV file"))
    p.add_argument(
        "--dry-run", action="store_true", help=_("only show what would change; write nothing")
    )


def cmd_export(args: argparse.Namespace) -> int:
    from ..core.export import export_all

    ds = load_dataset(args)
    target: Path = args.dir
    check_writable_target(target)
    written = export_all(ds, target, args.format)
    print(
        visible(
            _("wrote {n} tables and manifest.csv to {target}").format(
                n=len(written) - 1, target=target
            )
        ),
        file=sys.stderr,
    )
    return 0


def cmd_import_un(args: argparse.Namespace) -> int:
    from ..core.importer import apply_import, locked, plan_import
    from ..paths import data_dir, user_data_dir

    ds = load_dataset(args)
    plan = plan_import(args.file, ds)
    target = user_data_dir()
    for d in protected_dirs(checkout=False):
        if inside(target, d):
            raise DataError(
                target,
                _(
                    "the user data directory is inside ddx's own files ({dir}); set XDG_DATA_HOME "
                    "elsewhere"
                ).format(dir=d),
            )
    written: list[Path] = []
    if plan.to_write and not args.dry_run:
        with locked(target):  # one import at a time: plan again on the data as it is now
            plan = plan_import(args.file, load_dataset(args))
            written = apply_import(plan, target, data_dir())
    for line in plan.summary():
        write_stdout(line + "\n")
    if not plan.to_write:
        write_stdout(_("nothing to change: the data already has these values") + "\n")
        return 0
    if args.dry_run:
        write_stdout(
            _("dry run: nothing written (would save editions {years} to {target})").format(
                years=", ".join(map(str, plan.to_write)), target=target
            )
            + "\n"
        )
        return 0
    write_stdout(
        _("saved editions {years} to {target} ({files}); `ddx` now shows them").format(
            years=", ".join(map(str, plan.to_write)),
            target=target,
            files=", ".join(p.name for p in written),
        )
        + "\n"
    )
    return 0
