"""Frames out of ddx: a plain-text table, CSV, JSON, Parquet or TSV, and files
written atomically (a temp file beside the target, then ``os.replace``), so an
interrupted write never leaves half a file behind.

Polars and the standard library only: the CLI and the TUI both use this.
"""

from __future__ import annotations

import io
import os
import tempfile
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl

from .dataset import Dataset
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


def read_back(data: str | bytes, fmt: str, schema: pl.Schema | None = None) -> pl.DataFrame:
    """Read what ``render`` produced (used by tests and by ``--format`` round trips)."""
    if fmt == "parquet":
        return pl.read_parquet(io.BytesIO(data if isinstance(data, bytes) else data.encode()))
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    if fmt == "json":
        return pl.read_json(io.StringIO(text), schema=schema)
    if fmt == "csv":
        return pl.read_csv(io.StringIO(text), schema=schema)
    raise UsageError(f"cannot read back format {fmt!r}")


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
def slow_write_hook(what: str) -> None:
    """For tests only: with ``DDX_TEST_SLOW_WRITE=SECONDS`` a write says so on
    stderr and pauses just before its rename, so a test can kill the process
    inside the window (tests/robust/test_nothing_lost.py). Inert otherwise."""
    delay = os.environ.get("DDX_TEST_SLOW_WRITE")
    if delay:
        import sys
        import time

        sys.stderr.write(f"ddx-test: {what} staged\n")
        sys.stderr.flush()
        time.sleep(float(delay))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def fsync_path(path: Path) -> None:
    """Flush a file, or a directory's entries, to disk. A file that cannot be
    flushed raises OSError (the caller reports it); a directory that cannot be
    opened for it (some platforms and file systems) is passed over."""
    if path.is_dir():
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: str | bytes | Callable[[Path], None]) -> Path:
    """Write ``data`` (text, bytes, or a function that writes a given path) to
    ``path`` through a temp file in the same directory, then rename it into
    place. On any failure the temp file is removed and ``path`` is untouched."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise DataError(path, f"cannot write here: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        if callable(data):
            os.close(fd)
            data(tmp)
        else:
            with os.fdopen(fd, "wb") as f:
                f.write(data.encode("utf-8") if isinstance(data, str) else data)
                f.flush()
                os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
        slow_write_hook(str(path))
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DataError(path, f"cannot write file: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
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
    while path.exists():
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
def _sha256(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def export_all(ds: Dataset, target: Path, fmt: str = "csv") -> list[Path]:
    """Every table (built-in and overlays, merged) to ``target``, plus
    ``manifest.csv``: table, file, rows, the source ids its rows cite, sha256.

    A new directory is built beside its final name and renamed into place; an
    existing one (empty, or an earlier ddx export) gets each file atomically.
    """
    import shutil

    from .schema import TABLES

    if fmt not in ("csv", "parquet"):
        raise UsageError(f"unknown export format {fmt!r}; choose csv or parquet")
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a directory")
    fresh = not target.exists()
    if not fresh and any(target.iterdir()) and not (target / "manifest.csv").is_file():
        raise UsageError(
            f"{target} is not empty and holds no earlier ddx export; choose a new or empty directory"
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = (
            Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
            if fresh
            else target
        )
    except OSError as exc:
        raise DataError(target, f"cannot write here: {exc.strerror or exc}") from None
    written: list[Path] = []
    manifest: list[dict[str, object]] = []
    try:
        for name in TABLES:
            if not ds.has(name):
                continue
            frame = ds.lazy(name).collect()
            path = write_frame(frame, work / f"{name}.{fmt}", fmt)
            cited = (
                sorted(set(frame["source_id"].drop_nulls())) if "source_id" in frame.columns else []
            )
            manifest.append(
                {
                    "table": name,
                    "file": path.name,
                    "rows": len(frame),
                    "source_ids": ";".join(cited) if name != "sources" else None,
                    "sha256": _sha256(path),
                    "description": TABLES[name].doc,
                }
            )
            written.append(path)
        written.append(write_frame(pl.DataFrame(manifest), work / "manifest.csv", "csv"))
        if fresh:
            os.chmod(work, 0o777 & ~_umask())
            os.rename(work, target)
            written = [target / p.name for p in written]
    except OSError as exc:
        raise DataError(target, f"cannot write the export: {exc.strerror or exc}") from None
    finally:
        if fresh and work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return written


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


def export_view(frame: pl.DataFrame, name: str, state: str, directory: Path) -> Path:
    """Save a view's frame as CSV in ``directory`` under a new, descriptive name."""
    stem = "-".join(p for p in ("ddx", name, slug(state)) if p)
    try:
        Path(directory).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(
            directory, f"cannot create the export folder: {exc.strerror or exc}"
        ) from None
    return write_frame(frame, unique_path(Path(directory), stem, "csv"), "csv")
