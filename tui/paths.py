"""Where the built-in data/ and styles/ live, installed or in a checkout, and
where the user's own data goes (never into the install)."""

from __future__ import annotations

import os
from pathlib import Path

from .core.text import describe, find_unsafe, quote

_PKG = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[0]


def data_dir() -> Path:
    """Built-in tables: the wheel's copy first, then the checkout's data/."""
    return _first_existing(_PKG / "_assets" / "data", _PKG.parent / "data")


def styles_dir() -> Path:
    return _first_existing(_PKG / "_assets" / "styles", _PKG.parent / "styles")


def protected_dirs(checkout: bool = True) -> list[Path]:
    """Where ddx never writes: its own package (the install), the built-in data
    and styles; with ``checkout``, also a whole source checkout it runs from
    (so the TUI's `e` key never litters a clone; ``--out`` may still go there)."""
    package = _PKG
    dirs = [package, data_dir(), styles_dir()]
    root = package.parent
    if checkout and (root / "pyproject.toml").is_file() and (root / "data").is_dir():
        dirs.append(root)
    return dirs


def user_data_dir() -> Path:
    """$XDG_DATA_HOME/ddx (default ~/.local/share/ddx): imports land here.

    A relative XDG_DATA_HOME is ignored, as the XDG Base Directory spec says
    (it would put the user's data wherever ddx happens to be started)."""
    base = os.environ.get("XDG_DATA_HOME", "")
    if not os.path.isabs(base):
        base = str(Path.home() / ".local" / "share")
    # An environment value ddx prints (in messages and "saved ... to DIR"):
    # text from outside, checked where it is read like a cell of a file.
    found = find_unsafe(base)
    if found is not None:
        from .core.errors import UsageError

        raise UsageError(
            f"the user data directory {quote(base, 80)} (from XDG_DATA_HOME or HOME) "
            f"holds {describe(found[1])}; set XDG_DATA_HOME to a plain path"
        )
    return Path(base) / "ddx"
