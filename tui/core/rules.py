"""The table rules, applied once: what ``schema.py`` declares for each column
(allowed characters, cell size, required, type, range, choices, pattern) and
for each table (survey years, dates and their precision, unique keys), as
Polars expressions over a LazyFrame with a ``_line`` column (the file line, or
the row number for Parquet).

The same rules run on a small table in memory and on a big CSV streamed from
disk; each gives the first failing line, and the caller reports it by file,
line and column with the cell's value shown inert (text.visible).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from .errors import DataError
from .schema import INDICES, MAX_CELL, READINESS_ERA, Col, Table
from .text import cell_error, quote, unsafe_pattern

TOO_LONG = f"cell longer than {MAX_CELL} characters (the limit for one cell)"
LINE = "_line"


@dataclass(frozen=True)
class Rule:
    column: str
    bad: pl.Expr  # True on a failing row
    message: Callable[[object], str]  # the failing cell's value -> words


def _expected(col: Col, what: str | None = None) -> Callable[[object], str]:
    what = what or col.describe()
    return lambda v: f"column '{col.name}': expected {what}, got {quote(str(v).strip())}"


def _always(words: str) -> Callable[[object], str]:
    return lambda v: words


def _blank(col: Col) -> pl.Expr:
    v = pl.col(col.name).str.strip_chars()
    return v.is_null() | (v == "")


def text_rules(col: Col) -> list[Rule]:
    """Any text from a file: no control or bidi character (less what the column
    allows), no cell over the limit. Parquet string columns get these too."""
    c = pl.col(col.name)
    return [
        Rule(col.name, c.str.contains(unsafe_pattern(col.allow)), _text_message(col)),
        Rule(col.name, c.str.len_chars() > MAX_CELL, lambda v: TOO_LONG),
    ]


def cell_rules(table: Table) -> list[Rule]:
    """Rules on the cells as read (text): the first failure in file order wins."""
    rules: list[Rule] = []
    for col in table.columns:
        c = pl.col(col.name)
        rules += text_rules(col)
        if not col.nullable:
            what = f"column '{col.name}' is blank; expected {col.describe()}"
            rules.append(Rule(col.name, _blank(col), _always(what)))
        if col.kind in ("int", "float"):
            cast = c.str.strip_chars().cast(col.dtype, strict=False)
            rules.append(Rule(col.name, ~_blank(col) & cast.is_null(), _expected(col)))
            if col.kind == "float":
                rules.append(Rule(col.name, cast.is_not_null() & ~cast.is_finite(), _expected(col)))
    return rules


def _text_message(col: Col) -> Callable[[object], str]:
    return lambda v: cell_error(col.name, str(v), col.allow) or ""


def typed(table: Table) -> list[pl.Expr]:
    """Text cells (checked by cell_rules) -> the schema's types; blank -> null."""
    out = []
    for col in table.columns:
        v = pl.col(col.name).str.strip_chars()
        out.append(pl.when(_blank(col)).then(None).otherwise(v).cast(col.dtype).alias(col.name))
    return out


def value_rules(table: Table) -> list[Rule]:
    """Rules on typed values, in this order: per column choices, pattern, range;
    then the table's own rules (survey years)."""
    rules: list[Rule] = []
    readiness = pl.col("year").is_in(list(READINESS_ERA))
    for col in table.columns:
        s = pl.col(col.name)
        if col.choices:
            rules.append(
                Rule(col.name, s.is_not_null() & ~s.is_in(list(col.choices)), _expected(col))
            )
        if col.pattern is not None:
            rules.append(
                Rule(
                    col.name, s.is_not_null() & ~s.str.contains(col.pattern.pattern), _expected(col)
                )
            )
        if col.lo is None and col.hi is None:
            continue
        mask, what = pl.lit(False), col.describe()
        if col.lo is not None:
            mask = mask | (s < col.lo).fill_null(False)
        if col.hi is not None:
            over = (s > col.hi).fill_null(False)
            if "readiness_range" in table.rules and col.name in INDICES:
                # 2003-2005 "readiness" indices were on another footing (2003 HCI exceeds 1).
                over = over & ~readiness
                what += " (only the 2003-2005 readiness indices may exceed 1)"
            mask = mask | over
        rules.append(Rule(col.name, mask, _expected(col, what)))
    if "survey_year" in table.rules:
        y = pl.col("year")
        plausible = readiness | ((y >= 2008) & (y <= 2100) & (y % 2 == 0))
        rules.append(
            Rule(
                "year",
                ~plausible.fill_null(True),
                lambda v: (
                    f"column 'year': {v} is not a UN E-Government Survey year "
                    "(2003, 2004, 2005, or an even year from 2008)"
                ),
            )
        )
    return rules


def _collect(lf: pl.LazyFrame, big: bool) -> pl.DataFrame:
    return lf.collect(engine="streaming") if big else lf.collect()


def first_failure(
    path: Path,
    lf: pl.LazyFrame,
    rules: list[Rule],
    positions: dict[str, int],
    *,
    file_order: bool,
    big: bool = False,
) -> None:
    """Raise for the first failing rule: the earliest (line, column) if
    ``file_order``, else the first rule in list order at its first line."""
    if not rules:
        return
    aggs = [pl.col(LINE).filter(r.bad).min().alias(f"r{i}") for i, r in enumerate(rules)]
    found = _collect(lf.select(aggs), big).row(0)
    hits = [
        (line, positions.get(rules[i].column, 0), i)
        for i, line in enumerate(found)
        if line is not None
    ]
    if not hits:
        return
    line, column, i = min(hits) if file_order else min(hits, key=lambda h: h[2])
    rule = rules[i]
    value = _collect(lf.filter(pl.col(LINE) == line).select(rule.column).head(1), big)[rule.column][
        0
    ]
    raise DataError(path, rule.message(value), line, positions.get(rule.column))


def check_keys(
    path: Path, lf: pl.LazyFrame, table: Table, positions: dict[str, int], unit: str, big: bool
) -> None:
    """Unique keys: the first repeated key, and the line where it was first seen.

    Keys are grouped by a 64-bit hash first (a few bytes a row, so a big file
    streams in little memory); only rows whose hash repeats are compared whole."""
    key = list(table.key)
    h = pl.struct(key).hash(20_240_101)
    twice = lf.group_by(h.alias("_h")).agg(pl.len().alias("_n")).filter(pl.col("_n") > 1)
    hashes = _collect(twice.select("_h"), big)["_h"]
    if hashes.is_empty():
        return
    repeats = (
        lf.filter(h.is_in(hashes.implode()))
        .group_by(key)
        .agg(
            pl.len().alias("_n"),
            pl.col(LINE).min().alias("_first"),
            pl.col(LINE).sort().slice(1, 1).first().alias("_again"),
        )
        .filter(pl.col("_n") > 1)
        .sort("_again")
        .head(1)
    )
    found = _collect(repeats, big)
    if len(found):
        r = found.row(0, named=True)
        shown = ", ".join(f"{k}={r[k]}" for k in key)
        raise DataError(
            path,
            f"duplicate key ({shown}); first seen on {unit} {r['_first']}",
            r["_again"],
            positions.get(key[-1]),
        )


_PRECISION_LEN = {"year": 4, "month": 7, "day": 10}


def _real_date(text: str) -> bool:
    """A YYYY, YYYY-MM or YYYY-MM-DD (already pattern-checked) that is on the calendar."""
    y, m, d = ([int(p) for p in text.split("-")] + [1, 1])[:3]
    try:
        datetime.date(y, m, d)
    except ValueError:
        return False
    return True


def check_precision(path: Path, frame: pl.DataFrame, positions: dict[str, int]) -> None:
    """Dates on the calendar, end not before start, precision matching the date."""

    def fail(line: int, name: str, message: str) -> DataError:
        return DataError(path, message, line, positions.get(name))

    ends = frame["end_date"] if "end_date" in frame.columns else [None] * frame.height
    for line, date, precision, end in zip(
        frame[LINE], frame["date"], frame["precision"], ends, strict=True
    ):
        for name, value in (("date", date), ("end_date", end)):
            if value is not None and not _real_date(value):
                raise fail(line, name, f"column '{name}': {quote(value)} is not a calendar date")
        if date is not None and end is not None:
            n = min(len(date), len(end))
            if end[:n] < date[:n]:
                raise fail(line, "end_date", f"end_date {quote(end)} is before date {quote(date)}")
        if precision == "undated":
            if date is not None:
                raise fail(
                    line, "precision", f"precision 'undated' but date {quote(date)} is given"
                )
        elif date is None:
            raise fail(line, "date", f"date is blank but precision is '{precision}'")
        elif len(date) != _PRECISION_LEN[precision]:
            raise fail(
                line, "precision", f"precision '{precision}' does not match date {quote(date)}"
            )


def check_typed(
    path: Path,
    lf: pl.LazyFrame,
    table: Table,
    positions: dict[str, int],
    unit: str = "line",
    big: bool = False,
) -> None:
    """Every rule on typed values (with ``_line``): values, precision, keys."""
    first_failure(path, lf, value_rules(table), positions, file_order=False, big=big)
    if "date_precision" in table.rules:
        cols = [c for c in ("date", "precision", "end_date") if c in table.names]
        check_precision(path, _collect(lf.select(LINE, *cols), big), positions)
    check_keys(path, lf, table, positions, unit, big)
