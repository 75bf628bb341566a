"""tui/core/text.py: the one check for unsafe characters in text read from files."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.core.text import _PY_ONLY, _RANGES, describe, find_unsafe, quote, unsafe_pattern, visible

UNSAFE = (
    [chr(c) for c in range(0x20)]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
# Text that leans on the edges: every unsafe character, their neighbours, backslashes.
EDGY = st.text(
    st.one_of(
        st.sampled_from(UNSAFE + ["\\", "x", "u", " ", "\u2029", "\u2065", "\u206a", "\xa0"]),
        st.characters(),
    )
)


@given(EDGY)
def test_visible_never_holds_a_flagged_character(s: str) -> None:
    assert find_unsafe(visible(s)) is None


def is_unsafe_char(ch: str) -> bool:
    """The table the pattern is built from, read directly: the oracle."""
    return any(lo <= ord(ch) <= hi for lo, hi in _RANGES + _PY_ONLY)


@given(EDGY)
def test_visible_is_identity_on_safe_text(s: str) -> None:
    if find_unsafe(s) is None:
        assert visible(s) == s


@given(EDGY, st.sampled_from(["", "\t", "\t\n"]))
def test_find_unsafe_finds_the_first(s: str, allow: str) -> None:
    found = find_unsafe(s, allow)
    flagged = [i for i, ch in enumerate(s) if is_unsafe_char(ch) and ch not in allow]
    if not flagged:
        assert found is None
    else:
        assert found == (flagged[0], s[flagged[0]])
    assert find_unsafe(visible(s, allow), allow) is None


def test_each_range_and_its_edges() -> None:
    for ch in UNSAFE:
        assert find_unsafe(f"a{ch}b") == (1, ch)
    for ch in ("\xa0", "\u2029", "\u2065", "\u206a", "é", "ї", "\u200b"):
        assert find_unsafe(ch) is None
    assert find_unsafe("a\tb\nc", "\t\n") is None
    assert find_unsafe("a\tb\x1b", "\t\n") == (3, "\x1b")


def test_escapes_and_words() -> None:
    assert visible("x\x1b]52;c;QQ==\x07") == "x\\x1b]52;c;QQ==\\x07"
    assert visible("\u202eabc\x9b\t\n") == "\\u202eabc\\x9b\\t\\n"
    assert visible("a\tb", "\t") == "a\tb"
    assert describe("\x1b") == "ESC (\\x1b)"
    assert describe("\u202e") == "bidi override RLO (\\u202e)"
    assert quote("Kaz\x1b[31m") == "'Kaz\\x1b[31m'"
    assert quote("x" * 50) == "'" + "x" * 37 + "...'"


def test_polars_pattern_agrees() -> None:
    import polars as pl

    s = pl.Series(["ok", "a\x1b", "t\tab", "\u202e", "\x9b", "\u2069", "é\n"])
    for allow in ("", "\t\n"):
        got = s.str.contains(unsafe_pattern(allow)).to_list()
        assert got == [find_unsafe(v, allow) is not None for v in s]
