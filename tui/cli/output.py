"""Output shared by every command: ``--format``/``--out``, ``emit`` (print or
write a frame in the chosen format), and where ddx never writes."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import UsageError
from ..core.text import visible
from ..i18n import _, ngettext

if TYPE_CHECKING:  # Polars is imported when a command runs, not when ddx starts
    import polars as pl


def add_output(
    p: argparse.ArgumentParser, formats: tuple[str, ...] = ("table", "csv", "json", "parquet")
) -> None:
    p.add_argument(
        "--format",
        choices=formats,
        default=None,
        help=_(
            "output format: {formats} (default: table on screen; with --out, from the file's "
            "extension)"
        ).format(formats=", ".join(formats)),
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        help=_("write to FILE (atomically) instead of standard output"),
    )


def utf8_out() -> bool:
    return (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "") in (
        "utf8",
        "utf8sig",
    )


def gap_text() -> str:
    return "—" if utf8_out() else "-"


def terminal_width() -> int:
    return shutil.get_terminal_size((100, 24)).columns


def write_stdout(text: str, raw: bool = False) -> None:
    """Write ``text``; unless ``raw``, control characters that slipped through
    are shown as escapes (tui/textsafe.py), never sent to the terminal."""
    if not raw:
        from ..textsafe import for_terminal

        text = for_terminal(text)
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        enc = getattr(sys.stdout, "encoding", None) or "ascii"
        sys.stdout.write(text.encode(enc, "replace").decode(enc))
    sys.stdout.flush()


def emit(args: argparse.Namespace, frame: pl.DataFrame, table: Callable[[], str]) -> int:
    """Print or write ``frame`` in the chosen format; ``table`` renders the reading view."""
    from ..core import export

    fmt = args.format
    out: Path | None = args.out
    if fmt is None:
        fmt = export.format_for(out, "table") if out is not None else "table"
        if out is not None and out.suffix.lower() == ".tsv":
            fmt = "tsv"
    if out is not None:
        check_writable_target(out)
        data = table() if fmt == "table" else export.render(frame, fmt)
        export.atomic_write(out, data)
        print(
            visible(
                ngettext("wrote {n} row to {out}", "wrote {n} rows to {out}", len(frame)).format(
                    n=len(frame), out=out
                )
            ),
            file=sys.stderr,
        )
        return 0
    if fmt == "table":
        write_stdout(table())
    elif fmt == "parquet":
        if sys.stdout.isatty():
            raise UsageError(
                _("parquet is binary: give --out FILE or redirect the output to a file")
            )
        sys.stdout.buffer.write(export.to_parquet(frame))
        sys.stdout.buffer.flush()
    else:
        # CSV/JSON to a pipe stay byte for byte; on a terminal, controls are escaped.
        write_stdout(str(export.render(frame, fmt)), raw=not sys.stdout.isatty())
    return 0


def inside(path: Path, parent: Path) -> bool:
    try:
        path.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


def protected_dirs(checkout: bool = True) -> list[Path]:
    """Where ddx never writes: its own package (the install), the built-in data
    and styles; with ``checkout``, also a whole source checkout it runs from
    (so the TUI's `e` key never litters a clone; ``--out`` may still go there)."""
    from ..paths import data_dir, styles_dir

    package = Path(__file__).resolve().parent.parent  # tui/, not tui/cli/
    dirs = [package, data_dir(), styles_dir()]
    root = package.parent
    if checkout and (root / "pyproject.toml").is_file() and (root / "data").is_dir():
        dirs.append(root)
    return dirs


def check_writable_target(path: Path) -> None:
    for d in protected_dirs(checkout=False):
        if inside(path, d):
            raise UsageError(
                _(
                    "will not write into {dir} (ddx's own files); choose another place for {path}"
                ).format(dir=d, path=path)
            )
