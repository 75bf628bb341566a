"""Writing the user's files safely: one writer at a time, stage then swap.

Everything ddx writes (an import into the user data directory, ``ddx export``
of every table, a single ``--out`` file) is first written in full into a
hidden staging folder beside where it goes, flushed to disk, and only then
renamed into place. Imports, which change two tables that must agree, are a
generation: a folder of both tables that one symlink, ``imported``, points at;
replacing that link is the one rename that publishes both (``publish_generation``). Two processes writing the same place take turns under a
lock (``fcntl.flock``), so neither works from a state the other is about to
replace, and leftovers of a process that was killed are cleared only while
holding that lock, when no live writer can own them.

Standard library only.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .errors import DataError

try:
    import fcntl
except ImportError:  # not POSIX: no advisory locks, writes are still staged and swapped
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".lock"
WAIT_SECONDS = 60.0  # how long a writer waits for another before giving up
POLL_SECONDS = 0.05


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


@contextlib.contextmanager
def locked(
    path: Path,
    what: str,
    *,
    timeout: float | None = None,
    on_wait: Callable[[str], None] = _say,
) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (a lock file, created if need be, or a
    directory) while the block runs. If another process holds it, say so once
    through ``on_wait`` and wait up to ``timeout`` seconds (``WAIT_SECONDS``),
    then raise one DataError. The lock goes with the process: a writer that is
    killed releases it. A file system without locks is written unlocked."""
    path = Path(path)
    wait = WAIT_SECONDS if timeout is None else timeout
    is_dir = path.is_dir()
    try:
        fd = os.open(path, os.O_RDONLY if is_dir else os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise DataError(path, f"cannot write here: {exc.strerror or exc}") from None
    try:
        if fcntl is not None and _acquire(fd, path, what, wait, on_wait, is_dir) and not is_dir:
            with contextlib.suppress(OSError):  # who holds it, for the waiting message
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def _acquire(
    fd: int, path: Path, what: str, wait: float, on_wait: Callable[[str], None], is_dir: bool
) -> bool:
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False  # no locks on this file system
        if not told:
            holder = "" if is_dir else _holder(path)
            on_wait(f"ddx: waiting for another ddx {what}{holder} to finish ...")
            told = True
        if time.monotonic() >= deadline:
            raise DataError(
                path.parent if not is_dir else path,
                f"another ddx {what} is still running after {wait:g} s; "
                "nothing was written, try again when it has finished",
            )
        time.sleep(POLL_SECONDS)


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


# -- staging -----------------------------------------------------------------------------
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


@contextlib.contextmanager
def staging(parent: Path, prefix: str) -> Iterator[Path]:
    """A new hidden folder in ``parent`` to write into; whatever of it is not
    published is removed when the block ends, however it ends."""
    try:
        work = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    except OSError as exc:
        raise DataError(parent, f"cannot write here: {exc.strerror or exc}") from None
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def remove_stale(parent: Path, prefixes: Sequence[str]) -> None:
    """Remove staging left in ``parent`` by a writer that was killed. Call it
    only while holding the lock for ``parent``: then no live writer owns any."""
    for entry in parent.iterdir():
        if entry.name.startswith(tuple(prefixes)) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


def publish_files(work: Path, target: Path, names: Sequence[str]) -> list[Path]:
    """Move the files ``names`` from ``work`` into the folder ``target``, in
    that order, each replacing its namesake in one rename, after all are on disk."""
    for name in names:
        fsync_path(work / name)
    mode = 0o666 & ~_umask()
    out = []
    for name in names:
        os.chmod(work / name, mode)  # as a plain write would have made it
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
