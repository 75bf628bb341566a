"""Timeline: the five's digital programmes as bars over the years, their other
dated milestones as marks, rasterised to character cells for a text Gantt.

Only what ``data/milestones.csv`` says is drawn. A programme with no end date
is open-ended and drawn to the present year (marked as such); a programme
whose start the article does not give is drawn as its end only; an undated
milestone is listed but given no place on the axis.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from .dataset import Dataset
from .schema import FOCUS

BAR_KINDS = ("programme", "concept", "launch")

# Glyphs by role, (unicode, ascii). Every role differs without colour.
GLYPHS: dict[str, tuple[str, str]] = {
    "bar": ("━", "="),  # a period with a start and an end given
    "bar_start": ("┣", "|"),
    "bar_end": ("┫", "|"),
    "open": ("━", "="),
    "open_end": ("▶", ">"),  # open-ended, drawn to the present
    "end_only": ("┫", "|"),  # start not given by the article
    "mark": ("◆", "*"),  # a dated milestone
    "grid": ("·", "."),
    "tick": ("┬", "+"),
    "rule": ("─", "-"),
}


def N_(text: str) -> str:
    """Marks a text for the message catalogue; the UI translates it (tui/i18n.py)."""
    return text


# A milestone's kind and role in words (the tables hold codes); the UI and
# ``ddx milestones`` translate them.
KIND_LABEL = {
    "programme": N_("programme"),
    "concept": N_("concept"),
    "launch": N_("launch"),
    "law": N_("law"),
    "decree": N_("decree"),
    "themed_year": N_("themed year"),
    "plan": N_("plan"),
    "statistic": N_("figure"),
    "rank": N_("UN rank"),
    "presentation": N_("presentation"),
    "tax": N_("tax"),
}
ROLE_LABEL = {"action": N_("action"), "result": N_("result")}

NOTES = {
    "open": N_("open-ended: no end date in the article; drawn to now"),
    "end_only": N_("start not given by the article; end year only"),
    "undated": N_("no date in the article; not placed on the axis"),
    "inferred": N_("the article does not state this year; ddx inferred it"),
}


def glyph(role: str, ascii_mode: bool) -> str:
    return GLYPHS[role][1 if ascii_mode else 0]


def _pos(date: str | None, where: str = "start") -> float | None:
    """A date as a position in years (the year y is the cell [y, y+1)):
    its ``start``, ``end`` or ``mid`` point at the date's precision."""
    if not date:
        return None
    parts = date.split("-")
    y = float(parts[0])
    first, length = (y, 1.0) if len(parts) == 1 else (y + (int(parts[1]) - 1) / 12, 1 / 12)
    return first + {"start": 0.0, "mid": length / 2, "end": length}[where]


def _when(shape: str, date: str | None, end: str | None) -> str:
    if shape == "bar":
        return f"{date}–{end}"
    if shape == "open":
        return f"{date}→"
    if shape == "end_only":
        return f"?–{end}"
    if shape == "undated":
        return "undated"
    return date or ""


def items(ds: Dataset, present: int, iso3s: tuple[str, ...] = FOCUS) -> pl.DataFrame:
    """One row per milestone of the given countries, in drawing order.

    Columns: milestone_id, iso3, country, kind, title, date, end_date, shape
    (bar, open, end_only, mark, undated), start (position in years, null when
    not given), end (null when not drawn to an end), when (the dates as text,
    marked "(inferred)" where ddx inferred the date), inferred, note, summary,
    source_id.
    """
    ms = ds.frame("milestones").filter(pl.col("iso3").is_in(list(iso3s)))
    names = dict(zip(ds.frame("economies")["iso3"], ds.frame("economies")["name"], strict=True))
    if ds.has("countries"):
        c = ds.frame("countries")
        names.update(zip(c["iso3"], c["name"], strict=True))
    rows: list[dict[str, object]] = []
    for r in ms.iter_rows(named=True):
        date, end = r["date"], r["end_date"]
        if r["kind"] in BAR_KINDS and (date or end):
            shape = "bar" if date and end else "open" if date else "end_only"
        else:
            shape = "mark" if date else "undated"
        if shape == "mark":
            start, stop = _pos(date, "mid"), None
        else:
            start = _pos(date) if shape in ("bar", "open") else None
            stop = (
                _pos(end, "end")
                if shape in ("bar", "end_only")
                else float(present + 1)
                if shape == "open"
                else None
            )
        rows.append(
            {
                "milestone_id": r["milestone_id"],
                "iso3": r["iso3"],
                "country": names.get(r["iso3"], r["iso3"]),
                "kind": r["kind"],
                "title": r["title"],
                "date": date,
                "end_date": end,
                "shape": shape,
                "start": start,
                "end": stop,
                # "*": a date ddx inferred (the legend says so); short, so
                # the title keeps its room in the label column
                "when": _when(shape, date, end) + ("*" if r.get("inferred") == "yes" else ""),
                "inferred": r.get("inferred") == "yes",
                "note": "; ".join(
                    n
                    for n in (
                        NOTES.get(shape, ""),
                        NOTES["inferred"] if r.get("inferred") == "yes" else "",
                    )
                    if n
                ),
                "summary": r["summary"],
                "source_id": r["source_id"],
            }
        )
    schema = {
        "milestone_id": pl.String, "iso3": pl.String, "country": pl.String, "kind": pl.String,
        "title": pl.String, "date": pl.String, "end_date": pl.String, "shape": pl.String,
        "start": pl.Float64, "end": pl.Float64, "when": pl.String, "inferred": pl.Boolean,
        "note": pl.String,
        "summary": pl.String, "source_id": pl.String,
    }  # fmt: skip
    df = pl.DataFrame(rows, schema=schema)
    order = {c: i for i, c in enumerate(iso3s)}
    return (
        df.with_columns(
            pl.col("iso3").replace_strict(order, return_dtype=pl.Int64).alias("_c"),
            pl.coalesce("start", "end").alias("_t"),
            (pl.col("shape") == "undated").alias("_u"),
        )
        .sort(["_c", "_u", "_t", "milestone_id"], nulls_last=True)
        .drop("_c", "_t", "_u")
    )


def span(df: pl.DataFrame, present: int) -> tuple[int, int]:
    """First and last year on the axis: every dated item and the present year."""
    starts = df["start"].drop_nulls().to_list() + df["end"].drop_nulls().to_list()
    if not starts:
        return present - 10, present
    lo = int(min(starts))
    hi = max(int(max(starts) - 1e-9), present)
    return lo, hi


@dataclass(frozen=True)
class Axis:
    lo: int
    hi: int
    width: int

    @property
    def years(self) -> int:
        return self.hi - self.lo + 1

    def col(self, pos: float) -> int:
        c = int((pos - self.lo) / self.years * self.width)
        return max(0, min(self.width - 1, c))

    def step(self) -> int:
        per_year = self.width / self.years
        for step in (1, 2, 5, 10, 20):
            if step * per_year >= 8:
                return step
        return 50

    def ticks(self) -> list[int]:
        s = self.step()
        first = self.lo + (-self.lo % s)
        return list(range(first, self.hi + 1, s))

    def labels(self) -> str:
        """The year labels, each starting at its year's column."""
        line = [" "] * self.width
        for y in self.ticks():
            c = self.col(y)
            text = str(y)
            c = min(c, self.width - len(text))  # the last label may end at the edge
            if c >= 0 and all(ch == " " for ch in line[max(0, c - 1) : c + len(text)]):
                line[c : c + len(text)] = list(text)
        return "".join(line)

    def rule(self, ascii_mode: bool) -> str:
        line = [glyph("rule", ascii_mode)] * self.width
        for y in self.ticks():
            line[self.col(y)] = glyph("tick", ascii_mode)
        return "".join(line)


# The raster's notes, longest first where there is a choice (translated by the UI).
OPEN = N_("open")
NO_START = (N_("start not given by the article"), N_("start not given"), N_("no start"))
NO_DATE = N_("no date in the article")

Segment = tuple[str, str]  # (text, role): role is "", a GLYPHS role, or "note"


def raster(
    row: dict[str, object],
    axis: Axis,
    ascii_mode: bool,
    translate: Callable[[str], str] = lambda text: text,
) -> list[Segment]:
    """One item as character segments exactly ``axis.width`` cells wide; its
    notes ("open", "no start") through ``translate`` (the UI's language)."""
    w = axis.width
    cells: list[Segment] = [(" ", "")] * w
    for y in axis.ticks():  # a faint grid at each labelled year
        cells[axis.col(y)] = (glyph("grid", ascii_mode), "grid")
    shape = str(row["shape"])
    start, end = row["start"], row["end"]

    def put(c: int, text: str, role: str) -> None:
        for i, ch in enumerate(text):
            if 0 <= c + i < w:
                cells[c + i] = (ch, role)

    if shape in ("bar", "open") and isinstance(start, float) and isinstance(end, float):
        a, b = axis.col(start), axis.col(end - 1e-9)
        role = "bar" if shape == "bar" else "open"
        put(a, glyph(role, ascii_mode) * (b - a + 1), role)
        if shape == "bar":
            put(a, glyph("bar_start", ascii_mode), "bar")
            put(b, glyph("bar_end", ascii_mode), "bar")
        else:
            put(a, glyph("bar_start", ascii_mode), "open")
            put(b, glyph("open_end", ascii_mode), "open")
            note = translate(OPEN)
            if b + 2 + len(note) <= w:
                put(b + 2, note, "note")
    elif shape == "end_only" and isinstance(end, float):
        b = axis.col(end - 1e-9)
        put(b, glyph("end_only", ascii_mode), "end_only")
        for text in (translate(t) for t in NO_START):
            if len(text) + 1 <= b:
                put(b - len(text) - 1, text, "note")
                break
    elif shape == "mark" and isinstance(start, float):
        put(axis.col(start), glyph("mark", ascii_mode), "mark")
    else:
        put(0, translate(NO_DATE), "note")
    return _merge(cells)


def _merge(cells: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for ch, role in cells:
        if out and out[-1][1] == role:
            out[-1] = (out[-1][0] + ch, role)
        else:
            out.append((ch, role))
    return out


LEGEND_WORDS = (
    N_("period"),
    N_("open to now ({present})"),
    N_("end only"),
    N_("milestone"),
    N_("date inferred"),
)


def legend(
    ascii_mode: bool, present: int, translate: Callable[[str], str] = lambda text: text
) -> str:
    """The Gantt's key; ``translate`` puts its words in the UI's language."""

    def g(role: str) -> str:
        return glyph(role, ascii_mode)

    period, open_now, end_only, milestone, inferred = (translate(w) for w in LEGEND_WORDS)
    return (
        f"{g('bar_start')}{g('bar') * 2}{g('bar_end')} {period}  "
        f"{g('bar_start')}{g('open') * 2}{g('open_end')} {open_now.format(present=present)}  "
        f"{g('end_only')} {end_only}  {g('mark')} {milestone}  * {inferred}"
    )
