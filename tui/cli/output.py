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
from ..paths import protected_dirs

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
    if not utf8_out():
        # A letter the stream cannot hold becomes "?", one cell wide, so a table
        # stays aligned (the stream's own fallback, a \\u escape, would not).
        enc = getattr(sys.stdout, "encoding", None) or "ascii"
        text = text.encode(enc, "replace").decode(enc)
    sys.stdout.write(text)
    sys.stdout.flush()


def emit(args: argparse.Namespace, frame: pl.DataFrame, table: Callable[[], str]) -> int:
    """Print or write ``frame`` in the chosen format; ``table`` renders the reading view."""
    from ..core import export

    fmt = args.format
    out: Path | None = args.out
    if out is not None:
        fmt = out_format(out, fmt)
        check_writable_target(out)
        check_out_folder(out)
    elif fmt is None:
        fmt = "table"
    if out is not None:
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


# What each extension of --out means; a file without one takes --format (or the table).
OUT_EXTENSIONS = {
    ".csv": "csv",
    ".json": "json",
    ".parquet": "parquet",
    ".tsv": "tsv",
    ".txt": "table",
}


def out_format(out: Path, fmt: str | None) -> str:
    """The format to write ``--out`` in: ``--format`` or the file's extension,
    which must agree. An extension ddx does not write (``x.xlsx``) or one that
    contradicts ``--format`` (``--format csv --out y.json``) is refused, rather
    than a file whose name says one thing and whose bytes another."""
    ext = out.suffix.lower()
    by_name = OUT_EXTENSIONS.get(ext)
    known = ", ".join(OUT_EXTENSIONS)
    if ext and by_name is None:
        raise UsageError(
            _("cannot write {ext} files ({out}); --out takes {known}").format(
                ext=ext, out=out, known=known
            )
        )
    if fmt is None:
        return by_name or "table"
    if ext and by_name != fmt:
        raise UsageError(
            _(
                "--format {fmt} contradicts the extension of {out}; drop one or make them agree"
            ).format(fmt=fmt, out=out)
        )
    return fmt


def check_out_folder(out: Path) -> None:
    """``--out`` goes into a folder that exists: a typo in a path is refused,
    never made into new folders."""
    parent = out.parent
    if not parent.is_dir():
        raise UsageError(_("no such folder: {folder}").format(folder=parent))
    # The file is written beside its target and renamed over it: over a device
    # (--out /dev/stdout), a pipe or a link that would replace the thing itself.
    if out.is_symlink() or (out.exists() and not out.is_file()):
        raise UsageError(
            _("{out} is not a regular file; --out writes a file (leave it off to print)").format(
                out=out
            )
        )


def inside(path: Path, parent: Path) -> bool:
    try:
        path.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


def check_writable_target(path: Path) -> None:
    for d in protected_dirs(checkout=False):
        if inside(path, d):
            raise UsageError(
                _(
                    "will not write into {dir} (ddx's own files); choose another place for {path}"
                ).format(dir=d, path=path)
            )


def write_document(out: Path, data: str) -> None:
    """A document ddx made (a chart's SVG or text, a handout) written to ``out``
    atomically (staged beside it, then renamed), with one line on stderr."""
    from ..core import export

    check_writable_target(out)
    if out.is_dir():
        raise UsageError(_("{out} is a folder; name a file").format(out=out))
    check_out_folder(out)  # a link or a device is not replaced by a file
    export.atomic_write(out, data)
    print(visible(_("wrote {out}").format(out=out)), file=sys.stderr)
