"""Frames out of ddx: a plain-text table, CSV, JSON, Parquet or TSV, and files
written atomically (staged beside the target, then renamed into place: see
userstore.py), so an interrupted write never leaves half a file behind.

One module of about 440 lines for every way a frame leaves ddx: the renderings,
the file writes, the whole dataset with its manifest and the TUI's ``e`` key
share the table of formats and the atomic write.

Polars and the standard library only: the CLI and the TUI both use this.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl

from . import fsio, userstore
from .dataset import MANIFEST, Dataset
from .errors import DataError, UsageError
from .text import visible

FORMATS = ("table", "csv", "json", "parquet")
FILE_FORMATS = ("csv", "json", "parquet")


# -- text renderings -------------------------------------------------------------
def to_csv(frame: pl.DataFrame) -> str:
    """CSV with a header row; a gap is an empty cell."""
    return frame.write_csv()


def to_tsv(frame: pl.DataFrame) -> str:
    """Tab-separated, for pasting into a spreadsheet; tabs/newlines in cells become spaces."""
    clean = frame.with_columns(
        pl.col(c).str.replace_all(r"[\t\r\n]+", " ")
        for c, t in frame.schema.items()
        if t == pl.String
    )
    return clean.write_csv(separator="\t", quote_style="never")


def to_json(frame: pl.DataFrame) -> str:
    """A JSON array of row objects; a gap is ``null``."""
    return frame.write_json() + "\n"


def to_parquet(frame: pl.DataFrame) -> bytes:
    buf = io.BytesIO()
    frame.write_parquet(buf)
    return buf.getvalue()


def _cell(value: object, gap: str) -> str:
    if value is None:
        return gap
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.5f}".rstrip("0").rstrip(".") if value else "0"
    # A control character in a cell is shown as an escape (\x1b), never sent
    # to the terminal; newlines stay (a cell may hold lines).
    return visible(str(value), "\n")


def _prefix(word: str, width: int, measure: Callable[[str], int]) -> str:
    """The longest start of ``word`` that fits ``width`` (at least one character)."""
    n = 1
    while n < len(word) and measure(word[: n + 1]) <= width:
        n += 1
    return word[:n]


def _wrap(text: str, width: int, measure: Callable[[str], int]) -> list[str]:
    """``textwrap.wrap`` by ``measure`` (terminal cells): words kept whole where
    they fit, longer ones broken. ASCII text wraps exactly as textwrap does."""
    if measure is len or text.isascii():
        return textwrap.wrap(text, width)
    out: list[str] = []
    line = ""
    for word in text.split():
        while measure(word) > width:
            if line:
                out.append(line)
                line = ""
            head = _prefix(word, width, measure)
            out.append(head)
            word = word[len(head) :]
        joined = f"{line} {word}" if line else word
        if measure(joined) <= width:
            line = joined
        else:
            out.append(line)
            line = word
    if line:
        out.append(line)
    return out


def to_table(
    frame: pl.DataFrame,
    *,
    headers: Sequence[str] | None = None,
    width: int = 100,
    gap: str = "—",
    wrap: Sequence[str] = (),
    right: Sequence[str] = (),
    measure: Callable[[str], int] = len,
) -> str:
    """An aligned plain-text table. Numbers are right-aligned; the columns named
    in ``wrap`` are wrapped so the table fits ``width`` (never cut off); those in
    ``right`` are right-aligned too. ``measure`` gives a text's width: the CLI
    passes terminal cells (tui/textsafe.py), so CJK, emoji and combining marks
    keep the columns aligned. Control characters in cells are shown escaped."""
    names = list(frame.columns)
    heads = [visible(h) for h in (headers if headers is not None else names)]
    rows = [[_cell(v, gap) for v in row] for row in frame.iter_rows()]
    numeric = [frame.schema[c].is_numeric() or c in right for c in names]
    widths = [
        max([measure(h)] + [max((measure(x) for x in r[i].split("\n")), default=0) for r in rows])
        for i, h in enumerate(heads)
    ]
    wrap_idx = [names.index(c) for c in wrap if c in names]
    sep = "  "
    total = sum(widths) + len(sep) * (len(widths) - 1)
    if wrap_idx and total > width:
        fixed = total - sum(widths[i] for i in wrap_idx)
        room = max(20, (width - fixed) // len(wrap_idx))
        for i in wrap_idx:
            widths[i] = max(measure(heads[i]), min(widths[i], room))
    out: list[str] = []

    def emit(cells: list[str]) -> None:
        parts = [
            _wrap(c, widths[i], measure) or [""] if i in wrap_idx else c.split("\n")
            for i, c in enumerate(cells)
        ]
        for k in range(max(len(p) for p in parts)):
            line = []
            for i, p in enumerate(parts):
                text = p[k] if k < len(p) else ""
                pad = " " * max(0, widths[i] - measure(text))
                line.append(pad + text if numeric[i] else text + pad)
            out.append(sep.join(line).rstrip())

    emit(heads)
    out.append(sep.join("-" * w for w in widths))
    for r in rows:
        emit(r)
    return "\n".join(out) + "\n"


def render(frame: pl.DataFrame, fmt: str) -> str | bytes:
    """The frame in a machine format (csv, json or parquet)."""
    if fmt == "csv":
        return to_csv(frame)
    if fmt == "json":
        return to_json(frame)
    if fmt == "parquet":
        return to_parquet(frame)
    if fmt == "tsv":
        return to_tsv(frame)
    raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


# -- files ---------------------------------------------------------------------------
def write_file(path: Path, data: str | bytes) -> None:
    """Write a new file in a staging folder (the caller flushes and publishes it)."""
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def atomic_write(
    path: Path, data: str | bytes | Callable[[Path], None], *, new_only: bool = False
) -> Path:
    """Write ``data`` (text, bytes, or a function that writes a given path) to
    ``path``: staged in a hidden folder beside it, flushed, then renamed into
    place. On any failure the staging is removed and ``path`` is untouched.
    ``new_only``: never replace; FileExistsError when the name is taken."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(path, f"cannot write here: {exc.strerror or exc}") from None
    # (what a write of this file killed midway left is removed first: fsio.remove_killed)
    fsio.remove_killed(path.parent, f".{path.name}.", holding=[path.name])
    with userstore.staging(path.parent, f".{path.name}.{fsio.writer_mark()}") as work:
        try:
            if callable(data):
                data(work / path.name)
            else:
                write_file(work / path.name, data)
            userstore.publish_files(work, path.parent, [path.name], new_only=new_only)
        except FileExistsError:
            raise
        except OSError as exc:
            raise DataError(path, f"cannot write file: {exc.strerror or exc}") from None
    return path


def write_frame(frame: pl.DataFrame, path: Path, fmt: str | None = None) -> Path:
    """Write a frame atomically; the format defaults to the file's extension."""
    path = Path(path)
    fmt = fmt or format_for(path)
    return atomic_write(path, render(frame, fmt))


def format_for(path: Path, default: str = "csv") -> str:
    ext = Path(path).suffix.lower().lstrip(".")
    return ext if ext in (*FILE_FORMATS, "tsv") else default


def unique_path(directory: Path, stem: str, ext: str) -> Path:
    """``directory/stem.ext``, or ``stem-2.ext``, ``stem-3.ext``... never an existing file."""
    path = directory / f"{stem}.{ext}"
    n = 2
    while path.exists() or path.is_symlink():  # a dangling link is taken too
        path = directory / f"{stem}-{n}.{ext}"
        n += 1
    return path


def slug(text: str) -> str:
    """A short file-name-safe version of a description (``edition=2020 scope=world``)."""
    parts = [p.split("=", 1)[-1] for p in text.split()]
    out = "-".join(p for p in parts if p)
    keep = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in out.lower())
    while "--" in keep:
        keep = keep.replace("--", "-")
    return keep.strip("-")[:60]


# -- the whole dataset ------------------------------------------------------------------
MADE_BY = "ddx export"  # the manifest's marker: every row's ``made_by``
_LEGACY_COLUMNS = ["table", "file", "rows", "source_ids", "sha256", "description"]
_MANIFEST_MAX_BYTES = 1 << 20  # ours is a few KiB; a bigger one is not ours


def export_all(ds: Dataset, target: Path, fmt: str = "csv") -> list[Path]:
    """Every table (built-in and overlays, merged) to ``target``, plus
    ``manifest.csv``: table, file, rows, the source ids its rows cite, sha256,
    and ``made_by`` = ``ddx export``, the marker of a folder ddx wrote.

    ``target`` must be new, empty, or an earlier ddx export that ddx can prove
    is one (``foreign_entry``): anything a user put there is never deleted, and
    the export is refused naming it. A symbolic link is refused too (the swap
    would land in the folder it points to). Atomic as a whole: the export is
    built in a hidden folder beside ``target`` and swapped in for the old one,
    so a failure midway leaves the earlier export as it was, and a re-export in
    another format leaves none of the old files. Two exports into the same
    folder take turns.
    """
    if fmt not in ("csv", "parquet"):
        raise UsageError(f"unknown export format {fmt!r}; choose csv or parquet")
    target = Path(os.path.abspath(target))  # "." and ".." have a name and a parent
    _check_export_target(target)
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(target, f"cannot write here: {exc.strerror or exc}") from None
    stage = f".{target.name}.export-"
    try:
        with userstore.locked(parent, f"export to {target}"):
            userstore.recover_dir(target)
            _check_export_target(target)  # again: another export may have just finished
            userstore.remove_stale(parent, [stage])
            for old in parent.glob(f"{userstore.old_prefix(target)}*"):
                discard_export(old)  # a killed swap's old export, if it is provably one
            with userstore.staging(parent, stage) as work:
                names = _write_tables(ds, work, fmt)
                _check_export_target(target)  # last look before the swap
                userstore.publish_dir(work, target, discard=discard_export)
    except OSError as exc:
        raise DataError(target, f"cannot write the export: {exc.strerror or exc}") from None
    return [target / name for name in names]


def _check_export_target(target: Path) -> None:
    if target.is_symlink():
        raise UsageError(
            f"{target} is a symbolic link (to {os.readlink(target)}); ddx exports only into a "
            "real folder: give that folder's own path. Nothing was written"
        )
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a directory")
    problem = foreign_entry(target) if target.is_dir() else None
    if problem is not None:
        raise UsageError(
            f"{target} holds {problem}; ddx writes only into a new or empty folder or an earlier "
            "ddx export, so nothing was written: choose another folder or move it out"
        )


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _manifest_files(folder: Path) -> dict[str, str] | None:
    """File name -> sha256 from the folder's manifest, if it is one ddx wrote
    (every row marked ``made_by`` = ``ddx export``, or an older ddx's exact
    columns); else None."""
    import csv

    path = folder / MANIFEST
    try:
        st = path.lstat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > _MANIFEST_MAX_BYTES:
            return None
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    if not rows:
        return None
    columns = list(rows[0])
    marked = "made_by" in columns and all(r.get("made_by") == MADE_BY for r in rows)
    if not (marked or columns == _LEGACY_COLUMNS):
        return None
    files: dict[str, str] = {}
    for r in rows:
        name, sha = r.get("file") or "", r.get("sha256") or ""
        if not name or name != Path(name).name or name in (".", "..", MANIFEST) or not sha:
            return None
        files[name] = sha
    return files


def foreign_entry(folder: Path) -> str | None:
    """What in ``folder`` ddx did not write, or None if it is empty or an
    earlier ddx export: a manifest ddx wrote and every other entry a plain
    file it lists, with the sha256 it lists. The first such entry (sorted),
    described for a message: ``thesis.docx``, ``sub/``, ``manifest.csv``."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        return f"entries ddx cannot read ({exc.strerror or exc})"
    if not names:
        return None
    files = _manifest_files(folder)
    if files is None:
        if MANIFEST in names:
            return f"{MANIFEST} (not the manifest of a ddx export)"
        return visible(names[0]) + ("/" if (folder / names[0]).is_dir() else "")
    for name in names:
        if name == MANIFEST:
            continue
        path = folder / name
        shown = visible(name)
        if path.is_symlink():
            return f"{shown} (a symbolic link ddx did not make)"
        if path.is_dir():
            return f"{shown}/"
        if name not in files:
            return shown
        try:
            same = path.is_file() and _sha256(path) == files[name]
        except OSError:
            same = False
        if not same:
            return f"{shown} (changed since ddx wrote it)"
    return None


def discard_export(folder: Path) -> None:
    """Remove an earlier export that was swapped out, file by file, only if it
    is still provably ddx's (``foreign_entry``); otherwise leave it be."""
    if folder.is_symlink() or not folder.is_dir() or foreign_entry(folder) is not None:
        return
    for name in os.listdir(folder):
        with contextlib.suppress(OSError):
            (folder / name).unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()


def _write_tables(ds: Dataset, work: Path, fmt: str) -> list[str]:
    """Every table and the manifest into ``work``; their file names."""
    import hashlib

    from .schema import TABLES

    names: list[str] = []
    manifest: list[dict[str, object]] = []
    for name in TABLES:
        if not ds.has(name):
            continue
        frame = ds.lazy(name).collect()
        data = render(frame, fmt)
        file = f"{name}.{fmt}"
        write_file(work / file, data)
        cited = sorted(set(frame["source_id"].drop_nulls())) if "source_id" in frame.columns else []
        manifest.append(
            {
                "table": name,
                "file": file,
                "rows": len(frame),
                "source_ids": ";".join(cited) if name != "sources" else None,
                "sha256": hashlib.sha256(
                    data.encode("utf-8") if isinstance(data, str) else data
                ).hexdigest(),
                "description": TABLES[name].doc,
                "made_by": MADE_BY,
            }
        )
        names.append(file)
    write_file(work / MANIFEST, to_csv(pl.DataFrame(manifest)))
    return [*names, MANIFEST]


# -- the TUI's `e` key ------------------------------------------------------------------
def _writable_dir(d: Path) -> bool:
    return d.is_dir() and os.access(d, os.W_OK | os.X_OK)


def choose_export_dir(cwd: Path, protected: Sequence[Path], fallback: Path) -> Path:
    """Where a view export goes: the current directory, unless that is inside
    ddx's own files (the install, data/) or not writable; then ``fallback``."""
    here = Path(cwd).resolve()
    for p in protected:
        try:
            here.relative_to(Path(p).resolve())
            return fallback
        except ValueError:
            continue
    return here if _writable_dir(here) else fallback


def count_view_exports(directory: Path) -> int:
    """How many views ``export_view`` saved in ``directory`` (its names: ddx-*.csv)."""
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    return sum(e.name.startswith("ddx-") and e.name.endswith(".csv") for e in entries)


def export_view(frame: pl.DataFrame, name: str, state: str, directory: Path) -> Path:
    """Save a view's frame as CSV in ``directory`` under a new, descriptive name."""
    stem = "-".join(p for p in ("ddx", name, slug(state)) if p)
    try:
        Path(directory).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(
            directory, f"cannot create the export folder: {exc.strerror or exc}"
        ) from None
    data = render(frame, "csv")
    # A fresh name, taken without overwriting: two explorers (or browser
    # sessions) saving the same view at once get -2 and -3, never one file.
    for _ in range(1000):
        try:
            return atomic_write(unique_path(Path(directory), stem, "csv"), data, new_only=True)
        except FileExistsError:
            continue
    raise DataError(directory, "no free file name for the export")
