"""Text from files is untrusted: the one check for characters that act on a
terminal or reorder what it shows, and the one way to show them harmlessly.

Refused in every text ddx reads (table cells, UN export cells and column
names, file names echoed in messages):

- C0 controls U+0000-U+001F (ESC, NUL, BEL, CR...), except tab and newline
  where a column allows them (``allow``);
- DEL and the C1 controls U+007F-U+009F (U+009B is a one-byte CSI);
- bidi embeddings, overrides and isolates U+202A-U+202E, U+2066-U+2069
  ("Trojan Source": text that reads differently from what it is).

``find_unsafe`` finds the first one; ``visible`` rewrites each as a visible
escape (``\\x1b``, ``\\u202e``) for messages that quote file content and for
the display. Pure functions of the standard library: no Polars, no Textual.
"""

from __future__ import annotations

import re

# The same class as a Python regex and (UNSAFE_PATTERN) as a Rust-regex
# pattern for Polars' ``str.contains``; both are built from these ranges.
_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x1F),
    (0x7F, 0x9F),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
)
# Lone surrogates: never in text decoded as UTF-8, but a file name that is not
# UTF-8 reaches Python as one (U+DC80-U+DCFF for each undecodable byte), and no
# terminal or UTF-8 stream can take it. Python-side only: Rust strings, hence
# Polars' patterns, cannot hold them.
_PY_ONLY: tuple[tuple[int, int], ...] = ((0xD800, 0xDFFF),)

_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "backspace",
    0x09: "tab",
    0x0A: "newline",
    0x0D: "carriage return",
    0x1B: "ESC",
    0x7F: "DEL",
    0x9B: "C1 CSI",
    0x9D: "C1 OSC",
    0x202A: "bidi embedding LRE",
    0x202B: "bidi embedding RLE",
    0x202C: "bidi pop PDF",
    0x202D: "bidi override LRO",
    0x202E: "bidi override RLO",
    0x2066: "bidi isolate LRI",
    0x2067: "bidi isolate RLI",
    0x2068: "bidi isolate FSI",
    0x2069: "bidi pop PDI",
}


def _class(allow: str = "", rust: bool = False) -> str:
    """A character class of the unsafe characters less ``allow``."""
    keep = {ord(c) for c in allow}
    parts: list[str] = []

    def fmt(o: int) -> str:
        return f"\\x{{{o:x}}}" if rust else f"\\U{o:08x}"

    for lo, hi in _RANGES if rust else _RANGES + _PY_ONLY:
        run: list[int] = [o for o in range(lo, hi + 1) if o not in keep]
        # coalesce consecutive code points into ranges
        i = 0
        while i < len(run):
            j = i
            while j + 1 < len(run) and run[j + 1] == run[j] + 1:
                j += 1
            a, b = run[i], run[j]
            parts.append(fmt(a) if a == b else f"{fmt(a)}-{fmt(b)}")
            i = j + 1
    return "[" + "".join(parts) + "]"


_CACHE: dict[str, re.Pattern[str]] = {}


def _regex(allow: str) -> re.Pattern[str]:
    rx = _CACHE.get(allow)
    if rx is None:
        rx = _CACHE[allow] = re.compile(_class(allow))
    return rx


def unsafe_pattern(allow: str = "") -> str:
    """The unsafe characters (less ``allow``) as a Rust-regex class for Polars."""
    return _class(allow, rust=True)


UNSAFE_PATTERN = unsafe_pattern()


def find_unsafe(s: str, allow: str = "") -> tuple[int, str] | None:
    """(index, char) of the first unsafe character of ``s``, or None if it is safe.

    ``allow`` lists control characters this text may hold (e.g. "\\t\\n" for a
    multi-line summary); bidi controls and ESC can never be allowed in practice
    but the parameter does not forbid it.
    """
    m = _regex(allow).search(s)
    return (m.start(), m.group()) if m else None


_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def escape_char(ch: str) -> str:
    """``\\t``, ``\\n``, ``\\r``; else ``\\x1b`` below 256, ``\\u202e`` above."""
    o = ord(ch)
    if ch in _SHORT:
        return _SHORT[ch]
    if 0xDC80 <= o <= 0xDCFF:  # an undecodable byte of a file name: the byte
        return f"\\x{o - 0xDC00:02x}"
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def visible(s: str, allow: str = "") -> str:
    """``s`` with every unsafe character (less ``allow``) as a visible escape.

    Identity on safe text; the result never holds a character ``find_unsafe``
    flags. Backslashes are left as they are (so safe text is unchanged): the
    result is for showing, not for reading back.
    """
    rx = _regex(allow)
    if rx.search(s) is None:
        return s
    return rx.sub(lambda m: escape_char(m.group()), s)


def describe(ch: str) -> str:
    """Words for an unsafe character: 'ESC (\\x1b)', 'bidi override RLO (\\u202e)'."""
    o = ord(ch)
    if 0xD800 <= o <= 0xDFFF:
        return f"a byte that is not UTF-8 ({escape_char(ch)})"
    name = _NAMES.get(o) or ("control character" if o < 0x20 else "C1 control character")
    return f"{name} ({escape_char(ch)})"


def quote(value: object, limit: int = 40) -> str:
    """A value from a file, inert and short, in quotes for a one-line message."""
    text = str(value)
    text = text if len(text) <= limit else text[: limit - 3] + "..."
    return f"'{visible(text)}'"


def cell_error(column: str, value: str, allow: str = "") -> str | None:
    """Why a cell from a file is refused as text (a control or bidi character),
    or None. Every reader applies it to every cell, before any other rule."""
    found = find_unsafe(value, allow)
    if found is None:
        return None
    i, ch = found
    return f"column '{column}': {describe(ch)} at character {i + 1} of {quote(value)}"
