"""Tour files: reading and checking a tour as TOML (no Textual here).

One module of about 500 lines: the keys and values a tour may hold (the
vocabulary below) and the reader that checks them, naming each key's line,
change together.

A tour file is what a teacher writes (or records in the explorer, ``R``)::

    format = 1
    title = "E-government in Central Asia"
    author = "A. Teacher"          # optional
    language = "en"                # optional

    [[steps]]
    pane = "countries"
    country = "KAZ"
    title = "Kazakhstan"           # optional: the caption's heading
    caption = "Its rank over every edition, 1 = best."
    notes = "Ask: why the jump in 2012?"   # optional, presenter notes
    seconds = 30                   # optional, advance after 30 s

Every key a step may carry, and on which panes, is in ``PANE_KEYS``. A file
is checked completely before the explorer opens: a problem is a DataError
naming the file, the line (and column) of the offending key, and what was
expected. Text from the file is never markup, and control characters are
refused. Writing a tour back is in tui/tour/dump.py.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.bounded import read_capped
from ..core.errors import DataError
from ..core.schema import FOCUS, INDICES
from ..panes import PANE_IDS, pane_spec
from ..panes import PANES as PANE_SPECS

FORMAT = 1
BUILTIN_DIR = Path(__file__).resolve().parent / "builtin"

# The panes, their charts and views: the pane registry's plain data (no Textual).
PANES = PANE_IDS
SCOPES = ("central-asia", "region", "world")
CHARTS = {spec.pane_id: spec.charts for spec in PANE_SPECS if spec.charts}
VIEWS = pane_spec("infrastructure").views
# Countries the Compare pane can show (tui/core/compare.py: the five and neighbours).
COMPARE_CANDIDATES = FOCUS + ("AFG", "AZE", "MNG", "RUS", "CHN", "PAK", "TUR", "IND")
MIN_COMPARE, MAX_COMPARE = 2, 8

# A caption and title may also be given per language (``caption_ru``,
# ``title_uz``): shown when the explorer speaks it, else the plain one; the
# tour's own title too (``title_ru`` at the top: ``ddx demo --list`` shows it).
CAPTION_LANGS = ("ru", "uz")
TOP_KEYS = (
    "format",
    "title",
    *(f"title_{lang}" for lang in CAPTION_LANGS),
    "author",
    "language",
    "steps",
)
LANG_KEYS = tuple(f"{k}_{lang}" for lang in CAPTION_LANGS for k in ("title", "caption"))
COMMON_KEYS = ("pane", "title", "caption", "notes", "seconds", *LANG_KEYS)
# The state each pane can be put in; any other key on that pane is refused.
PANE_KEYS: dict[str, tuple[str, ...]] = {spec.pane_id: spec.tour_keys for spec in PANE_SPECS}
STEP_KEYS = COMMON_KEYS + tuple(dict.fromkeys(k for keys in PANE_KEYS.values() for k in keys))
# Text fields longer than this are surely not a caption.
MAX_TEXT = 2000
# A tour is a lesson: the built-in one is 12 KB and 15 steps. Past these it is
# surely not a tour, and reading on would only cost time and memory.
MAX_TOUR_BYTES = 2**20
MAX_STEPS = 500


@dataclass(frozen=True)
class Step:
    """One stop of a tour: a pane in a known state, and what to look at."""

    pane: str
    title: str  # the caption's heading
    look: str  # the caption: what to look at
    country: str | None = None
    edition: int | str | None = None  # a year, "latest" (None) or "earliest"
    indicator: str = "egdi"
    scope: str | None = None  # Rankings: central-asia, region or world
    row: int | None = None  # 0-based row to highlight (Goals, Sources)
    chart: str | None = None  # Countries, Rankings, Compare: the chart shown
    countries: tuple[str, ...] | None = None  # Compare: the countries compared
    view: str | None = None  # Infrastructure: the view shown
    notes: str = ""  # presenter notes (ddx demo --notes, ddx tour notes)
    seconds: float | None = None  # advance by itself after this long
    # (lang, title, caption) for each language the file translates the step into
    translations: tuple[tuple[str, str, str], ...] = ()

    def in_language(self, lang: str) -> tuple[str, str]:
        """The step's title and caption in ``lang`` where the file gives them."""
        for code, title, look in self.translations:
            if code == lang:
                return title or self.title, look or self.look
        return self.title, self.look


@dataclass(frozen=True)
class TourFile:
    """A whole tour: its title, author, language and steps."""

    title: str
    steps: tuple[Step, ...]
    author: str = ""
    language: str = ""
    path: str = ""
    # (lang, title) for each language the file gives the tour's title in
    titles: tuple[tuple[str, str], ...] = ()

    def title_in(self, lang: str) -> str:
        """The tour's title in ``lang`` where the file gives one, else the plain one."""
        return next((t for code, t in self.titles if code == lang and t), self.title)


@dataclass(frozen=True)
class Vocabulary:
    """What the data has: a step naming anything else is refused."""

    editions: tuple[int, ...] = ()
    countries: Mapping[str, str] = field(default_factory=dict)  # iso3 -> name


def vocabulary(ds: Any) -> Vocabulary:
    """The editions and country names of a Dataset (imports Polars)."""
    from ..core import queries as q

    names = q.focus_countries(ds)
    return Vocabulary(
        editions=tuple(q.editions(ds)),
        countries=dict(zip(names["iso3"], names["name"], strict=True)),
    )


# -- untrusted text -------------------------------------------------------------------
_BAD_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def bad_char(text: str) -> str | None:
    """The first control or bidirectional-override character in ``text``, if any."""
    m = _BAD_CHARS.search(text)
    return m.group() if m else None


# -- where a key is in the source -------------------------------------------------------
_HEADER = re.compile(r"^\s*\[")
_STEPS_HEADER = re.compile(r"^\s*\[\[\s*(?:steps|\"steps\"|'steps')\s*\]\]")


class Locator:
    """Maps (step index, key) to a line and column of the source, by scanning
    the ``[[steps]]`` headers and the ``key =`` lines inside each block."""

    def __init__(self, source: str) -> None:
        self.lines = source.splitlines()
        self.headers = [i for i, line in enumerate(self.lines) if _STEPS_HEADER.match(line)]
        first_table = next((i for i, s in enumerate(self.lines) if _HEADER.match(s)), None)
        self.top_end = len(self.lines) if first_table is None else first_table

    def _find(self, key: str | None, start: int, end: int) -> tuple[int, int] | None:
        if key is None:
            return None
        pat = re.compile(rf"^(\s*)(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*=")
        for i in range(start, min(end, len(self.lines))):
            m = pat.match(self.lines[i])
            if m:
                return i + 1, len(m.group(1)) + 1
        return None

    def top(self, key: str | None) -> tuple[int | None, int | None]:
        found = self._find(key, 0, self.top_end)
        return found if found else (None, None)

    def step(self, index: int, key: str | None) -> tuple[int | None, int | None]:
        if index < len(self.headers):
            start = self.headers[index]
            end = next(
                (i for i in range(start + 1, len(self.lines)) if _HEADER.match(self.lines[i])),
                len(self.lines),
            )
            found = self._find(key, start + 1, end)
            return found if found else (start + 1, None)
        # steps = [{...}] written inline: point at `steps`.
        return self.top("steps")


# -- reading ------------------------------------------------------------------------------
_TYPE_NAMES = {
    bool: "true/false",
    int: "an integer",
    float: "a number",
    str: "a string",
    list: "an array",
    dict: "a table",
}


def _type_name(value: object) -> str:
    for t, name in _TYPE_NAMES.items():
        if type(value) is t:
            return name
    return type(value).__name__


class _Reader:
    def __init__(self, path: str, source: str, vocab: Vocabulary | None) -> None:
        self.path = path
        self.loc = Locator(source)
        self.vocab = vocab

    def fail(self, message: str, index: int | None = None, key: str | None = None) -> DataError:
        line, col = self.loc.top(key) if index is None else self.loc.step(index, key)
        return DataError(self.path, message, line, col)

    def text(self, table: Mapping[str, Any], key: str, index: int | None, required: bool) -> str:
        where = "" if index is None else f" in step {index + 1}"
        if key not in table:
            if required:
                raise self.fail(f"missing {key!r}{where} (expected a string)", index, None)
            return ""
        value = table[key]
        if not isinstance(value, str):
            raise self.fail(
                f"{key!r}{where}: expected a string, got {_type_name(value)}", index, key
            )
        ch = bad_char(value)
        if ch is not None:
            raise self.fail(
                f"{key!r}{where}: control character U+{ord(ch):04X} is not allowed in text",
                index,
                key,
            )
        if len(value) > MAX_TEXT:
            raise self.fail(f"{key!r}{where}: longer than {MAX_TEXT} characters", index, key)
        if required and not value.strip():
            raise self.fail(f"{key!r}{where}: expected some text, got an empty string", index, key)
        return value

    def read(self, data: Mapping[str, Any]) -> TourFile:
        for key in data:
            if key not in TOP_KEYS:
                raise self.fail(
                    f"unknown key {key!r}; a tour file has {', '.join(TOP_KEYS)}", None, key
                )
        if "format" not in data:
            raise self.fail("missing 'format' (expected format = 1 at the top)")
        fmt = data["format"]
        if type(fmt) is not int or fmt != FORMAT:
            raise self.fail(
                f"'format': expected {FORMAT}, got {fmt!r} (a newer ddx may read it)",
                None,
                "format",
            )
        title = self.text(data, "title", None, required=True)
        titles = tuple(
            (lang, self.text(data, f"title_{lang}", None, required=False))
            for lang in CAPTION_LANGS
            if f"title_{lang}" in data
        )
        author = self.text(data, "author", None, required=False)
        language = self.text(data, "language", None, required=False)
        steps = data.get("steps")
        if steps is None:
            raise self.fail("no steps: add at least one [[steps]] table")
        if not isinstance(steps, list) or not all(isinstance(s, dict) for s in steps):
            raise self.fail("'steps': expected [[steps]] tables", None, "steps")
        if not steps:
            raise self.fail("no steps: add at least one [[steps]] table", None, "steps")
        if len(steps) > MAX_STEPS:
            raise self.fail(
                f"{len(steps)} steps; a tour may have at most {MAX_STEPS}", MAX_STEPS, None
            )
        return TourFile(
            title=title,
            titles=titles,
            author=author,
            language=language,
            steps=tuple(self.step(i, s) for i, s in enumerate(steps)),
            path=self.path,
        )

    def step(self, i: int, s: Mapping[str, Any]) -> Step:
        n = f"step {i + 1}"
        for key in s:
            if key not in STEP_KEYS:
                raise self.fail(
                    f"unknown key {key!r} in {n}; a step has {', '.join(STEP_KEYS)}", i, key
                )
        pane = self.text(s, "pane", i, required=True)
        if pane not in PANES:
            raise self.fail(
                f"unknown pane {pane!r} in {n}; panes are {', '.join(PANES)}", i, "pane"
            )
        allowed = PANE_KEYS[pane]
        for key in s:
            if key not in COMMON_KEYS and key not in allowed:
                takes = ", ".join(allowed) if allowed else "no state"
                raise self.fail(
                    f"{key!r} does not apply to pane {pane!r} in {n} (it takes {takes})", i, key
                )
        caption = self.text(s, "caption", i, required=True)
        title = self.text(s, "title", i, required=False) or pane.capitalize()
        notes = self.text(s, "notes", i, required=False)
        kw: dict[str, Any] = {}
        translations = tuple(
            (
                lang,
                self.text(s, f"title_{lang}", i, False),
                self.text(s, f"caption_{lang}", i, False),
            )
            for lang in CAPTION_LANGS
            if f"title_{lang}" in s or f"caption_{lang}" in s
        )
        if translations:
            kw["translations"] = translations
        if "seconds" in s:
            v = s["seconds"]
            if type(v) not in (int, float) or not (0 < v < math.inf):
                raise self.fail(
                    f"'seconds' in {n}: expected a positive number of seconds, got {v!r}",
                    i,
                    "seconds",
                )
            kw["seconds"] = float(v)
        if "country" in s:
            kw["country"] = self.country(s["country"], i, "country", FOCUS, "one of the five")
        if "countries" in s:
            v = s["countries"]
            if not isinstance(v, list):
                raise self.fail(
                    f"'countries' in {n}: expected an array of ISO3 codes, got {_type_name(v)}",
                    i,
                    "countries",
                )
            codes = tuple(
                self.country(c, i, "countries", COMPARE_CANDIDATES, "one Compare can show")
                for c in v
            )
            if len(set(codes)) != len(codes):
                raise self.fail(f"'countries' in {n}: a country is named twice", i, "countries")
            if not MIN_COMPARE <= len(codes) <= MAX_COMPARE:
                raise self.fail(
                    f"'countries' in {n}: expected {MIN_COMPARE} to {MAX_COMPARE} countries, "
                    f"got {len(codes)}",
                    i,
                    "countries",
                )
            kw["countries"] = codes
        if "edition" in s:
            kw["edition"] = self.edition(s["edition"], i)
        if "indicator" in s:
            v = s["indicator"]
            if not isinstance(v, str) or v.lower() not in INDICES:
                raise self.fail(
                    f"'indicator' in {n}: expected one of {', '.join(INDICES)}, got {v!r}",
                    i,
                    "indicator",
                )
            kw["indicator"] = v.lower()
        kw.update(self.choice(s, i, "scope", SCOPES))
        if "chart" in s:
            kw.update(self.choice(s, i, "chart", CHARTS[pane]))
        kw.update(self.choice(s, i, "view", VIEWS))
        if "row" in s:
            v = s["row"]
            if type(v) is not int or v < 1:
                raise self.fail(
                    f"'row' in {n}: expected a row number, 1 or more, got {v!r}", i, "row"
                )
            kw["row"] = v - 1
        return Step(pane=pane, title=title, look=caption, notes=notes, **kw)

    def choice(
        self, s: Mapping[str, Any], i: int, key: str, options: Sequence[str]
    ) -> dict[str, str]:
        if key not in s:
            return {}
        v = s[key]
        if not isinstance(v, str) or v.lower() not in options:
            raise self.fail(
                f"{key!r} in step {i + 1}: expected one of {', '.join(options)}, got {v!r}", i, key
            )
        return {key: v.lower()}

    def country(self, v: object, i: int, key: str, allowed: Iterable[str], what: str) -> str:
        allowed = tuple(allowed)
        if not isinstance(v, str):
            raise self.fail(
                f"{key!r} in step {i + 1}: expected an ISO3 code such as KAZ, got {_type_name(v)}",
                i,
                key,
            )
        code = v.strip().upper()
        if code not in allowed:
            names = self.vocab.countries if self.vocab else {}
            by_name = {str(n).lower(): c for c, n in names.items()}
            if v.strip().lower() in by_name and by_name[v.strip().lower()] in allowed:
                return by_name[v.strip().lower()]
            raise self.fail(
                f"unknown country {v!r} in step {i + 1}: expected {what} ({', '.join(allowed)})",
                i,
                key,
            )
        return code

    def edition(self, v: object, i: int) -> int | str:
        n = f"step {i + 1}"
        if isinstance(v, str) and v.lower() in ("latest", "earliest"):
            return v.lower()
        if type(v) is not int:
            raise self.fail(
                f"'edition' in {n}: expected a survey year such as 2020, or \"latest\" or "
                f'"earliest", got {v!r}',
                i,
                "edition",
            )
        eds = self.vocab.editions if self.vocab else ()
        if eds and v not in eds:
            listed = ", ".join(map(str, eds))
            if v > max(eds):
                msg = (
                    f"edition {v} in {n} is not in the data; import it with ddx import-un "
                    f"(editions are {listed})"
                )
            else:
                msg = f"no survey edition {v} in {n}; editions are {listed}"
            raise self.fail(msg, i, "edition")
        return v


def parse_tour(source: str, path: str | Path, vocab: Vocabulary | None = None) -> TourFile:
    """Read and check a tour; a DataError (file, line, column, what was expected) if bad.

    Without ``vocab`` the editions are not checked against the data."""
    path = str(path)
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.14 has exc.lineno/colno; before, they are only in the message.
        text = str(exc)
        m = re.search(r"\s*\(at line (\d+), column (\d+)\)$", text)
        line = getattr(exc, "lineno", None) or (int(m.group(1)) if m else None)
        col = getattr(exc, "colno", None) or (int(m.group(2)) if m else None)
        msg = getattr(exc, "msg", None) or (text[: m.start()] if m else text)
        raise DataError(path, f"not valid TOML: {msg}", line, col) from None
    except RecursionError:
        # tomllib reads nested arrays and tables by recursion.
        raise DataError(path, "not valid TOML for a tour: values nested too deeply") from None
    return _Reader(path, source, vocab).read(data)


def read_source(path: str | Path) -> str:
    """A tour file's text; a DataError if it cannot be read or is not UTF-8."""
    raw = read_capped(Path(path), MAX_TOUR_BYTES, "a tour file", missing="no such tour file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(path, "not UTF-8 text", line) from None
    return text.removeprefix("\ufeff")


def load_tour(path: str | Path, vocab: Vocabulary | None = None) -> TourFile:
    return parse_tour(read_source(path), path, vocab)


# -- built-in tours ---------------------------------------------------------------------------
def builtin_names() -> list[str]:
    return sorted(p.stem for p in BUILTIN_DIR.glob("*.toml"))


def builtin_path(name: str) -> Path:
    from ..core.errors import UsageError

    if name not in builtin_names():
        raise UsageError(
            f"no built-in tour {name!r}; built-in tours are {', '.join(builtin_names())}"
        )
    return BUILTIN_DIR / f"{name}.toml"


def load_builtin(name: str = "class", vocab: Vocabulary | None = None) -> TourFile:
    return load_tour(builtin_path(name), vocab)
