"""Writing the user's files safely: one writer at a time, stage then swap.

Everything ddx writes (an import into the user data directory, ``ddx export``
of every table, a single ``--out`` file) is first written in full into a
hidden staging folder beside where it goes, flushed to disk, and only then
renamed into place. Imports, which change two tables that must agree, are a
generation: a folder of both tables that one symlink, ``imported``, points at;
replacing that link is the one rename that publishes both (``publish_generation``). Two processes writing the same place take turns under a
lock (``fsio.locked``: the one lock of ddx, a ``.lock`` never followed through
a symlink), so neither works from a state the other is about to replace, and
leftovers of a process that was killed are cleared only while holding that
lock, when no live writer can own them.

Standard library only.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from . import fsio
from .errors import DataError
from .fsio import fsync_path
from .fsio import umask as _umask

LOCK_NAME = ".lock"
WAIT_SECONDS = fsio.WAIT_SECONDS  # how long a writer waits for another before giving up


def locked(
    path: Path,
    what: str,
    *,
    timeout: float | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> contextlib.AbstractContextManager[None]:
    """``fsio.locked``: one writer at a time on ``path`` (a ``.lock`` file,
    never followed through a symlink, or a folder), waiting up to
    ``WAIT_SECONDS`` for another, then one DataError."""
    wait = WAIT_SECONDS if timeout is None else timeout
    if on_wait is None:
        return fsio.locked(path, what, timeout=wait)
    return fsio.locked(path, what, timeout=wait, on_wait=on_wait)


# -- staging -----------------------------------------------------------------------------
@contextlib.contextmanager
def staging(parent: Path, prefix: str) -> Iterator[Path]:
    """A new hidden folder in ``parent`` to write into; whatever of it is not
    published is removed when the block ends, however it ends."""
    try:
        work = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    except OSError as exc:
        raise DataError(parent, f"cannot write here: {exc.strerror or exc}") from None
    held = None
    try:
        try:
            held = fsio.hold(work)  # a live writer's, for fsio.remove_killed
        except OSError as exc:
            raise DataError(parent, f"cannot write here: {exc.strerror or exc}") from None
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)
        fsio.release(held)


def remove_stale(parent: Path, prefixes: Sequence[str]) -> None:
    """Remove staging left in ``parent`` by a writer that was killed. Call it
    only while holding the lock for ``parent``: then no live writer owns any."""
    for entry in parent.iterdir():
        if entry.name.startswith(tuple(prefixes)) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


def publish_files(
    work: Path, target: Path, names: Sequence[str], *, new_only: bool = False
) -> list[Path]:
    """Move the files ``names`` from ``work`` into the folder ``target``, in
    that order, each replacing its namesake in one rename, after all are on disk.
    A file replaced keeps its mode (a private file stays private). With
    ``new_only`` nothing is replaced: a name taken by then, even by a dangling
    link, raises FileExistsError (a hard link, not a check before a rename, so
    a file another program made in between is never overwritten)."""
    for name in names:
        fsync_path(work / name)
    default = 0o666 & ~_umask()
    out = []
    for name in names:
        try:
            mode = stat.S_IMODE((target / name).stat().st_mode)
        except OSError:
            mode = default  # as a plain write would have made it
        os.chmod(work / name, mode)
        if new_only:
            os.link(work / name, target / name)
            os.unlink(work / name)
        else:
            os.replace(work / name, target / name)
        out.append(target / name)
    fsync_path(target)  # the renames themselves
    return out


def publish_dir(work: Path, target: Path, *, discard: Callable[[Path], None] | None = None) -> None:
    """Put the folder ``work`` (a sibling of ``target``) in place of ``target``:
    the old one is renamed aside, the new one in, then the old removed by
    ``discard`` (which may leave what it cannot prove is ddx's; default: all of
    it). If the second rename fails the old one goes back; if the process is
    killed between the two, ``recover_dir`` (under the lock) puts it back."""
    for p in work.iterdir():
        fsync_path(p)
    try:  # the folder keeps its permissions; a new one gets the usual ones
        mode = target.stat().st_mode & 0o7777
    except OSError:
        mode = 0o777 & ~_umask()
    os.chmod(work, mode)
    fsync_path(work)
    aside = None
    if target.exists():
        aside = target.parent / f".{target.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
        os.rename(target, aside)
    try:
        os.rename(work, target)
    except OSError:
        if aside is not None:
            os.rename(aside, target)
        raise
    fsync_path(target.parent)
    if aside is not None:
        if discard is None:
            shutil.rmtree(aside, ignore_errors=True)
        else:
            discard(aside)


def old_prefix(target: Path) -> str:
    return f".{target.name}.old-"


def recover_dir(target: Path) -> None:
    """Under the lock: if a swap of ``target`` was killed after the old folder
    was renamed aside and before the new one went in, put the old one back."""
    if target.exists() or target.is_symlink():
        return
    prefix = old_prefix(target)
    olds = [p for p in target.parent.iterdir() if p.name.startswith(prefix) and p.is_dir()]
    if olds:
        newest = max(olds, key=lambda p: p.stat().st_mtime_ns)
        os.rename(newest, target)


# -- import generations ------------------------------------------------------------------
CURRENT = "imported"  # the symlink naming the generation in use
GENERATION = ".imported-"  # generation folders (and stale staging of a killed import)
LEGACY = ("egov_survey.csv", "sources.csv")  # imports before generations: the tables in root


def current_import(root: Path) -> Path | None:
    """The folder of imported tables to lay over the built-in data: the
    generation ``root/imported`` points at (resolved once, so a reader stays on
    one generation however many imports follow), else tables saved in ``root``
    itself by an older ddx, else None."""
    link = root / CURRENT
    if link.is_dir():
        return link.resolve()
    if any((root / name).is_file() for name in LEGACY):
        return root
    return None


def clear_generations(root: Path) -> None:
    """Under the lock: remove every generation folder but the one in use (the
    one before it, which a reader may still be reading, went out of use with
    the last import and goes now), and links a killed import left half made."""
    link = root / CURRENT
    keep = link.resolve() if link.is_symlink() else None
    for entry in root.iterdir():
        if entry.name.startswith(f".{CURRENT}.tmp-") and entry.is_symlink():
            entry.unlink(missing_ok=True)
        elif (
            entry.name.startswith(GENERATION)
            and entry.is_dir()
            and not entry.is_symlink()
            and entry.resolve() != keep
        ):
            shutil.rmtree(entry, ignore_errors=True)


def new_generation(root: Path) -> Path:
    """An empty generation folder to write the tables of an import into."""
    try:
        return Path(tempfile.mkdtemp(prefix=GENERATION, dir=root))
    except OSError as exc:
        raise DataError(root, f"cannot write here: {exc.strerror or exc}") from None


def publish_generation(work: Path, root: Path) -> None:
    """Make the generation ``work`` (a folder in ``root``) the one in use, in
    one rename of the ``imported`` link: a reader sees the old tables or the
    new ones, never a mix, and a writer killed at any point leaves the old
    ones in use (its folder is cleared by the next import). Tables an older
    ddx saved in ``root`` itself are removed once the link is in place."""
    link = root / CURRENT
    if link.exists() and not link.is_symlink():
        raise DataError(link, "is not the link ddx keeps here; move it away and import again")
    for p in work.iterdir():
        fsync_path(p)
    os.chmod(work, 0o777 & ~_umask())
    fsync_path(work)
    tmp = root / f".{CURRENT}.tmp-{os.getpid()}-{secrets.token_hex(4)}"
    os.symlink(work.name, tmp)  # relative: the folder can be moved whole
    try:
        os.replace(tmp, link)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    fsync_path(root)
    for name in LEGACY:
        (root / name).unlink(missing_ok=True)
