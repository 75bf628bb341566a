"""Reading a user's file whole, but never more than a cap.

A file the user names (a UN export, a tour) may be anything: a 2 GB sparse
file, ``/dev/zero``, a folder. ``read_capped`` looks before it reads: a folder
or a device is refused by its type, a regular file over the cap by its size,
at once; a pipe (``<(curl ...)``) is read up to one byte past the cap. Memory
and time stay bounded by the cap whatever the path is. Standard library only.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import DataError


def size_text(n: int) -> str:
    """``n`` bytes as the unit a person reads: '16 MiB', '512 KiB'."""
    for unit, size in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= size:
            value = n / size
            return (
                f"{value:.0f} {unit}"
                if value >= 10 or value == int(value)
                else f"{value:.1f} {unit}"
            )
    return f"{n} bytes"


def read_capped(path: Path, cap: int, what: str, missing: str = "no such file") -> bytes:
    """The bytes of ``path``, or one DataError naming it: missing, a folder, not
    a file (a device), or larger than ``cap`` bytes (``what`` names the kind of
    file in that message: 'a UN Data Center export')."""
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise DataError(path, missing) from None
    except OSError as exc:
        raise DataError(path, f"cannot read file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise DataError(path, f"is a folder, not {what}")
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        raise DataError(path, "not a regular file (a device or socket); give a file")
    too_big = DataError(
        path, f"larger than {size_text(cap)}, too big for {what}; is it the right file?"
    )
    if st.st_size > cap:
        raise too_big
    try:
        with open(path, "rb") as f:
            raw = f.read(cap + 1)
    except IsADirectoryError:
        raise DataError(path, f"is a folder, not {what}") from None
    except OSError as exc:
        raise DataError(path, f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > cap:
        raise too_big
    return raw
