"""Writing the user's files: one lock, one atomic write, one append in place.

Every part of ddx that writes a file goes through here: imports and exports
(``userstore``), ``R`` recording a tour step (``tour/record.py``), the tour
player's state file (``tour/presenter.py``) and ``ddx tour export``.

- ``locked``: an exclusive advisory lock (``fcntl.flock``) on a lock file or a
  folder, held while a block runs; another holder is waited for (said once),
  then one ``DataError``. A lock *file* is opened with ``O_NOFOLLOW`` and must
  be a regular file: a symlink planted as ``.lock`` is refused, and the file it
  points to is never created, truncated or written.
- ``atomic_write``: a whole file, written to a hidden temporary file beside it,
  flushed, then renamed over the old one: a reader sees the old file or the
  new, never half of one. The temporary file's name carries its writer's
  mark (``writer_mark``) and the writer locks it while it exists (``hold``):
  what a writer killed midway left beside the file is removed by the next
  write of that file (``remove_killed``), and only that.
- ``append_locked``: text added at the end of a file *in place*, under a lock
  on the file itself: the file keeps its inode, mode and owner, a symlink the
  user made is written through, a read-only file is refused, and no temporary
  file exists to be left behind by a kill. The added text goes in one write
  and is flushed; if that write fails, the file is cut back to where it was.

Why ``fcntl.flock`` by hand and not the ``filelock`` library: ``filelock``'s
Unix lock also opens with ``O_NOFOLLOW`` now, but it truncates the lock file
and keeps nothing in it, while ddx writes the holder's process id there for
"waiting for another ddx import (process 123)", and ddx's time-out is one
line and exit status 2, not a library's exception. The lock is the dozen
lines of ``locked`` and ``_acquire``, here once. Standard library only.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import socket
import stat
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

WAIT_SECONDS = 60.0  # how long a writer waits for another before giving up
POLL_SECONDS = 0.05
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO planted as a lock file must not hang us


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _open_lock_file(path: Path) -> int:
    """The lock file, created if need be; never through a symlink, and only a
    regular file (a FIFO or device planted there is refused)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _CLOEXEC | _NONBLOCK, 0o666)
    except OSError as exc:
        if exc.errno == errno.ELOOP or path.is_symlink():
            raise DataError(
                path,
                "is a symbolic link; ddx will not lock through it (remove it and try again)",
            ) from None
        raise DataError(path, f"cannot write here: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise DataError(path, "is not a regular file; ddx will not lock it (remove it)")
    return fd


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
    is_dir = path.is_dir()  # a folder is only flocked, never written: a link to one is fine
    if is_dir:
        try:
            fd = os.open(path, os.O_RDONLY | _CLOEXEC)
        except OSError as exc:
            raise DataError(path, f"cannot write here: {exc.strerror or exc}") from None
    else:
        fd = _open_lock_file(path)
    try:
        blame = path if is_dir else path.parent
        if (
            fcntl is not None
            and _acquire(fd, what, wait, on_wait, blame, not is_dir)
            and not is_dir
        ):
            with contextlib.suppress(OSError):  # who holds it, for the waiting message
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def _acquire(
    fd: int, what: str, wait: float, on_wait: Callable[[str], None], blame: Path, holder: bool
) -> bool:
    """Take the lock on ``fd``, waiting up to ``wait`` s (said once through
    ``on_wait``, naming the holder's process if ``holder``: the lock file keeps
    it); then a DataError about ``blame``. False if the file system has no locks."""
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
            who = _holder(fd) if holder else ""
            on_wait(f"ddx: waiting for another ddx {what}{who} to finish ...")
            told = True
        if time.monotonic() >= deadline:
            raise DataError(
                blame,
                f"another ddx {what} is still running after {wait:g} s; "
                "nothing was written, try again when it has finished",
            )
        time.sleep(POLL_SECONDS)


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


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


# -- what a killed writer left ----------------------------------------------------------
def _host_tag() -> str:
    return hashlib.blake2s(socket.gethostname().encode(), digest_size=3).hexdigest()


_MARK = re.compile(r"ddx-(?P<host>[0-9a-f]{6})-(?P<pid>[0-9]+)-")


def writer_mark() -> str:
    """This process's part of a staging name (``ddx-<host>-<pid>-``). A
    single-file write has no lock file to clear its leftovers under (that
    would put a ``.lock`` in the user's folder): its staging is named with
    this mark and locked itself while it is written (``hold``), so that a
    later write tells a killed writer's leftovers (this machine, its
    process gone, nobody holding it) from a live one's, or another
    machine's (never touched)."""
    return f"ddx-{_host_tag()}-{os.getpid()}-"


def hold(path: Path | str) -> int | None:
    """Lock the staging file or folder ``path`` for as long as the returned
    descriptor is open (close it with ``release``): ``remove_killed`` leaves
    what is held alone, even by a writer whose process it cannot see (one
    in another process-id namespace). None where there are no locks."""
    if fcntl is None:
        return None
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | _NONBLOCK)
    try:
        _lock_now(fd)
    except OSError:
        os.close(fd)
        raise
    return fd


def _lock_now(fd: int) -> None:
    """Lock ``fd`` at once, or raise OSError (another holds it)."""
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def release(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)


def _writer_gone(mark: str) -> bool:
    """Whether the mark is this machine's and names a process that is not
    running here (0, or past the range of process ids: never)."""
    found = _MARK.match(mark)
    if found is None or found["host"] != _host_tag():
        return False
    pid = int(found["pid"])
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):  # alive and another user's, or no process id at all
        return False
    return False  # alive (its process id may have been reused: kept all the same)


def remove_killed(
    parent: Path, prefix: str, *, suffix: str = "", holding: Sequence[str] | None = None
) -> None:
    """Remove what a writer killed midway left in ``parent``: each entry
    named ``prefix`` + a writer's mark + ``suffix`` whose writer is gone
    (``_writer_gone``) and that nobody holds (``hold``). ``holding`` None: a
    regular file; else a folder holding nothing but regular files of those
    names (a staging folder: what ddx put there). Everything is opened
    relative to ``parent``, never through a link: an entry swapped for a
    link meanwhile is not followed. Anything else of that name, or that
    cannot be read, is left alone. Nothing is removed where there are no
    locks (and ``os.kill`` would end the process it asks about)."""
    if fcntl is None:
        return
    try:
        parent_fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY | _CLOEXEC)
    except OSError:
        return
    try:
        for name in os.listdir(parent_fd):
            ours = name.startswith(prefix) and name.endswith(suffix)
            if ours and _writer_gone(name[len(prefix) :]):
                with contextlib.suppress(OSError):
                    _remove_unheld(parent_fd, name, holding)
    finally:
        os.close(parent_fd)


def _remove_unheld(parent_fd: int, name: str, holding: Sequence[str] | None) -> None:
    flags = os.O_RDONLY | _NOFOLLOW | _CLOEXEC | _NONBLOCK
    if holding is not None:
        flags |= os.O_DIRECTORY
    fd = os.open(name, flags, dir_fd=parent_fd)
    try:
        st = os.fstat(fd)
        kind = stat.S_ISREG if holding is None else stat.S_ISDIR
        if not kind(st.st_mode) or st.st_uid != os.geteuid():
            return
        try:
            _lock_now(fd)
        except OSError:
            return  # its writer holds it: alive
        if holding is None:
            now = os.stat(name, dir_fd=parent_fd, follow_symlinks=False)
            if (now.st_dev, now.st_ino) == (st.st_dev, st.st_ino):
                os.unlink(name, dir_fd=parent_fd)
            return
        inside = os.listdir(fd)
        if all(
            entry in holding
            and stat.S_ISREG(os.stat(entry, dir_fd=fd, follow_symlinks=False).st_mode)
            for entry in inside
        ):
            for entry in inside:
                os.unlink(entry, dir_fd=fd)
            os.rmdir(name, dir_fd=parent_fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _staged(path: Path, data: str | bytes, mode: int) -> Iterator[str]:
    """A hidden temporary file beside ``path`` holding ``data``, flushed to
    disk with ``mode``: the caller renames or links it into place. It is
    removed on the way out, whatever happened (once renamed, nothing is
    there to remove)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    remove_killed(path.parent, f".{path.name}.", suffix=".tmp")
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.{writer_mark()}", suffix=".tmp", dir=path.parent
    )
    # Open, and so held (``hold``), until it is renamed or removed.
    with os.fdopen(fd, "wb") as f:
        try:
            if fcntl is not None:
                _lock_now(fd)
            f.write(raw)
            f.flush()
            os.fsync(fd)
            os.chmod(tmp, mode)
            yield tmp
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def atomic_write(path: Path, data: str | bytes, *, mode: int | None = None) -> None:
    """Write ``data`` as the whole of ``path``: a hidden temporary file beside
    it, flushed, then renamed over it. The file gets ``mode``, else the mode of
    the file it replaces, else what a plain write would give. Raises OSError
    (the caller says what failed); nothing is left behind on a failure."""
    path = Path(path)
    if mode is None:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError:
            mode = 0o666 & ~umask()
    with _staged(path, data, mode) as tmp:
        os.replace(tmp, path)
    fsync_path(path.parent)


def new_file(path: Path, data: str | bytes) -> None:
    """Write ``data`` as a new file at ``path``, never replacing anything: a
    hidden temporary file beside it, flushed, then hard-linked to the name, so
    a name taken by then (a file, a link, even a dangling one) raises
    FileExistsError and nothing of the user's is touched. Other failures raise
    OSError; nothing is left behind."""
    path = Path(path)
    with _staged(path, data, 0o666 & ~umask()) as tmp:
        os.link(tmp, path)
    fsync_path(path.parent)


def append_locked(
    path: Path, addition: Callable[[str], str], *, timeout: float | None = None
) -> None:
    """Add ``addition(current_text)`` at the end of ``path`` in place (the file
    is created if missing; an empty file reads as ``""``), holding a lock on
    the file itself while it reads, decides and writes. ``addition`` may raise
    to write nothing. A symlink is followed (the user made it: the file it
    names is the one written); a read-only file is refused with a DataError;
    other failures raise DataError too, and leave the file as it was."""
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise DataError(path, f"cannot write: {exc.strerror or exc}") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise DataError(path, "is not a regular file; nothing was written")
    if st is not None and not st.st_mode & 0o222:
        raise DataError(path, "is read-only; nothing was written (make it writable to add to it)")
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | _CLOEXEC | _NONBLOCK, 0o666)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise DataError(path, "is read-only; nothing was written") from None
        raise DataError(path, f"cannot write: {exc.strerror or exc}") from None
    try:
        if fcntl is not None:
            wait = WAIT_SECONDS if timeout is None else timeout
            _acquire(fd, "recording into this file", wait, _say, path, holder=False)
        size = os.fstat(fd).st_size
        raw = b""
        while len(raw) < size:
            chunk = os.pread(fd, size - len(raw), len(raw))
            if not chunk:
                break
            raw += chunk
        try:
            current = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise DataError(path, "not UTF-8 text", line) from None
        data = addition(current).encode("utf-8")
        try:
            written = os.write(fd, data)
            if written != len(data):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            os.fsync(fd)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
            raise DataError(path, f"cannot write: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
