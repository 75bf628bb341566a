"""Read one table from CSV or Parquet with its explicit schema, and check it.

Nothing is inferred: every cell is read as text, then cast to the schema's
type, so a bad cell can be reported by line and column instead of surfacing
later as a wrong chart.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from .csvrows import (
    MAX_CELL,
    NO_ROWS,
    _decode,
    _show,
    check_header,
    csv_reader,
    iter_rows,
    read_header,
)
from .errors import DataError
from .schema import INDICES, READINESS_ERA, Col, Table, plausible_survey_year, text_error
from .text import unsafe_pattern

# Parquet tables bigger than this are checked by column statistics rather
# than row by row, so a 20-million-row indicator file opens in seconds.
ROW_CHECK_LIMIT = 2_000_000


@dataclass
class Loaded:
    """A table and where each row came from, for error messages."""

    table: Table
    path: Path
    frame: pl.DataFrame | None  # None when kept lazy (large Parquet)
    lazy: pl.LazyFrame
    lines: list[int] | None  # file line of each row (CSV) or None (Parquet rows)
    positions: dict[str, int]  # column name -> 1-based field number in the file

    @property
    def unit(self) -> str:
        """What ``line`` counts in messages: file lines (CSV) or rows (Parquet)."""
        return "line" if self.lines is not None else "row"

    def line_of(self, row: int) -> int:
        return self.lines[row] if self.lines is not None else row + 1

    def error(self, row: int, column: str, message: str) -> DataError:
        return DataError(self.path, message, self.line_of(row), self.positions.get(column))


def _read_csv_fast(
    path: Path, text: str, table: Table
) -> tuple[dict[str, pl.Series], list[int], dict[str, int]] | None:
    """Polars' own reader for the plain case: no quotes, no blank lines, every
    line with the right number of commas. Then row i is line i + 2 exactly and
    every later check reports the same line and column as the careful reader.
    Anything else returns None and goes the careful (csv module) way."""
    if '"' in text or "\r" in text:
        return None
    body = text[:-1] if text.endswith("\n") else text
    lines_text = body.split("\n")
    header = lines_text[0].split(",")
    if len(lines_text) < 2:
        return None
    commas = len(header) - 1
    if any(
        not line.strip() or line.count(",") != commas or len(line) > MAX_CELL
        for line in lines_text[1:]
    ):
        return None
    positions = check_header(path, header, table)
    order = [h.strip() for h in header]
    try:
        frame = pl.read_csv(
            io.StringIO(body),
            has_header=False,
            skip_rows=1,
            new_columns=order,
            schema={name: pl.String for name in order},
        )
    except Exception:  # any surprise: let the careful reader find and name it
        return None
    if frame.height != len(lines_text) - 1:
        return None
    cells = {name: frame[name] for name in order}
    return cells, list(range(2, frame.height + 2)), positions


def _read_csv_cells(
    path: Path, table: Table
) -> tuple[dict[str, list[str]] | dict[str, pl.Series], list[int], dict[str, int]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(path, f"cannot read file: {exc.strerror or exc}") from None
    text = _decode(path, raw)
    fast = _read_csv_fast(path, text, table) if text.strip() else None
    if fast is not None:
        return fast
    reader = csv_reader(text)
    header = read_header(path, text, reader, ",".join(table.names))
    positions = check_header(path, header, table)
    width = len(header)
    order = [h.strip() for h in header]
    cells: dict[str, list[str]] = {name: [] for name in order}
    lines: list[int] = []
    blank = lambda row: len(row) == 1 and not row[0].strip()  # noqa: E731
    for start, row in iter_rows(path, text, reader, width, blank):
        lines.append(start)
        for name, value in zip(order, row, strict=True):
            cells[name].append(value)
    if not lines:
        raise DataError(path, NO_ROWS, 2, 1)
    return cells, lines, positions


def _cast_column(
    loaded_cells: list[str] | pl.Series, col: Col, report: Callable[[int, str], None]
) -> pl.Series:
    raw = pl.Series(col.name, loaded_cells, dtype=pl.String)
    unsafe = raw.str.contains(unsafe_pattern(col.allow)).arg_true()
    if len(unsafe):
        i = int(unsafe[0])
        report(i, text_error(col.name, raw[i], col.allow) or "")
    stripped = raw.str.strip_chars()
    blank = (stripped == "").fill_null(True)  # the fast reader gives null for ""
    if not col.nullable:
        bad = blank.arg_true()
        if len(bad):
            report(int(bad[0]), f"column '{col.name}' is blank; expected {col.describe()}")
    values = pl.when(blank).then(None).otherwise(stripped)
    series = pl.select(values.alias(col.name)).to_series()
    if col.dtype in (pl.Int64, pl.Float64):
        cast = series.cast(col.dtype, strict=False)
        failed = (series.is_not_null() & cast.is_null()).arg_true()
        if len(failed):
            i = int(failed[0])
            report(i, f"column '{col.name}': expected {col.describe()}, got {_show(series[i])}")
        if col.dtype == pl.Float64:
            nonfinite = (cast.is_not_null() & ~cast.is_finite()).arg_true()
            if len(nonfinite):
                i = int(nonfinite[0])
                report(i, f"column '{col.name}': expected {col.describe()}, got {_show(series[i])}")
        return cast
    return series


def check_values(loaded: Loaded, frame: pl.DataFrame) -> None:
    """Ranges, choices, patterns, unique keys and the table's own rules."""
    table = loaded.table
    readiness = None
    if "readiness_range" in table.rules:
        readiness = frame["year"].is_in(list(READINESS_ERA))
    for col in table.columns:
        s = frame[col.name]
        if col.choices:
            bad = (s.is_not_null() & ~s.is_in(list(col.choices))).arg_true()
            if len(bad):
                i = int(bad[0])
                raise loaded.error(
                    i,
                    col.name,
                    f"column '{col.name}': expected {col.describe()}, got {_show(s[i])}",
                )
        if col.pattern is not None:
            ok = s.str.contains(col.pattern.pattern)
            bad = (s.is_not_null() & ~ok).arg_true()
            if len(bad):
                i = int(bad[0])
                raise loaded.error(
                    i,
                    col.name,
                    f"column '{col.name}': expected {col.describe()}, got {_show(s[i])}",
                )
        if col.lo is not None or col.hi is not None:
            mask = pl.Series([False] * len(s), dtype=pl.Boolean)
            if col.lo is not None:
                mask = mask | (s < col.lo).fill_null(False)
            if col.hi is not None:
                over = (s > col.hi).fill_null(False)
                if readiness is not None and col.name in INDICES:
                    # 2003-2005 "readiness" indices were on another footing (2003 HCI exceeds 1).
                    over = over & ~readiness
                mask = mask | over
            bad = mask.arg_true()
            if len(bad):
                i = int(bad[0])
                what = col.describe()
                if readiness is not None and col.name in INDICES:
                    what += " (only the 2003-2005 readiness indices may exceed 1)"
                raise loaded.error(
                    i, col.name, f"column '{col.name}': expected {what}, got {_show(s[i])}"
                )
    if "survey_year" in table.rules:
        years = frame["year"]
        bad = (~years.map_elements(plausible_survey_year, return_dtype=pl.Boolean)).arg_true()
        if len(bad):
            i = int(bad[0])
            raise loaded.error(
                i,
                "year",
                f"column 'year': {years[i]} is not a UN E-Government Survey year "
                "(2003, 2004, 2005, or an even year from 2008)",
            )
    if "date_precision" in table.rules:
        _check_precision(loaded, frame)
    # The first row whose key was already seen, and the row where it was first seen.
    repeats = (
        frame.select(table.key)
        .with_row_index("row")
        .with_columns(pl.col("row").min().over(list(table.key)).alias("first"))
        .filter(pl.col("row") != pl.col("first"))
    )
    if len(repeats):
        i, first = int(repeats["row"][0]), int(repeats["first"][0])
        key = ", ".join(f"{k}={frame[k][i]}" for k in table.key)
        raise loaded.error(
            i,
            table.key[-1],
            f"duplicate key ({key}); first seen on {loaded.unit} {loaded.line_of(first)}",
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


def _check_precision(loaded: Loaded, frame: pl.DataFrame) -> None:
    ends = frame["end_date"] if "end_date" in frame.columns else pl.Series([None] * frame.height)
    for i, (date, precision, end) in enumerate(
        zip(frame["date"], frame["precision"], ends, strict=True)
    ):
        for name, value in (("date", date), ("end_date", end)):
            if value is not None and not _real_date(value):
                raise loaded.error(i, name, f"column '{name}': {value!r} is not a calendar date")
        if date is not None and end is not None:
            n = min(len(date), len(end))
            if end[:n] < date[:n]:
                raise loaded.error(i, "end_date", f"end_date {end!r} is before date {date!r}")
        if precision == "undated":
            if date is not None:
                raise loaded.error(
                    i, "precision", f"precision 'undated' but date {date!r} is given"
                )
        elif date is None:
            raise loaded.error(i, "date", f"date is blank but precision is '{precision}'")
        elif len(date) != _PRECISION_LEN[precision]:
            raise loaded.error(
                i, "precision", f"precision '{precision}' does not match date {date!r}"
            )


def read_csv(path: Path, table: Table) -> Loaded:
    cells, lines, positions = _read_csv_cells(path, table)
    errors: list[DataError] = []

    columns: list[pl.Series] = []
    for col in table.columns:

        def report(row: int, message: str, _c: Col = col) -> None:
            raise DataError(path, message, lines[row], positions[_c.name])

        try:
            columns.append(_cast_column(cells[col.name], col, report))
        except DataError as exc:
            errors.append(exc)
    if errors:
        raise min(errors, key=lambda e: (e.line or 0, e.column or 0))
    frame = pl.DataFrame(columns, schema=table.polars_schema)
    loaded = Loaded(table, path, frame, frame.lazy(), lines, positions)
    check_values(loaded, frame)
    return loaded


def _check_text(loaded: Loaded, s: pl.Series, col: Col) -> None:
    """A Parquet string column: the text rule and the cell limit of a CSV cell."""
    if s.dtype != pl.String:
        return
    for bad, message in (
        (s.str.contains(unsafe_pattern(col.allow)), None),
        (
            s.str.len_chars() > MAX_CELL,
            f"cell longer than {MAX_CELL} characters (the limit for one cell)",
        ),
    ):
        idx = bad.fill_null(False).arg_true()
        if len(idx):
            i = int(idx[0])
            raise loaded.error(i, col.name, message or text_error(col.name, s[i], col.allow) or "")


_NUMERIC_OK = {
    pl.Int64: (pl.Int8, pl.Int16, pl.Int32, pl.Int64, pl.UInt8, pl.UInt16, pl.UInt32),
    pl.Float64: (pl.Float32, pl.Float64, pl.Int8, pl.Int16, pl.Int32, pl.Int64),
    pl.String: (pl.String, pl.Categorical),
}


def read_parquet(path: Path, table: Table, refs: Sequence[Ref] = ()) -> Loaded:
    try:
        schema = pl.read_parquet_schema(path)
    except Exception as exc:  # polars raises several types for a corrupt file
        raise DataError(path, f"not a readable Parquet file ({type(exc).__name__})") from None
    header = list(schema)
    positions = check_header(path, header, table, line=None)
    for col in table.columns:
        found = schema[col.name]
        # An all-blank column may be stored with the Null type; blanks are checked below.
        if found != pl.Null and not any(found == ok for ok in _NUMERIC_OK[col.dtype]):  # type: ignore[index]
            raise DataError(
                path,
                f"column '{col.name}' has type {found}; expected {col.describe()}",
                None,
                positions[col.name],
            )
    lazy = pl.scan_parquet(path).select(
        [pl.col(c.name).cast(c.dtype) for c in table.columns]  # type: ignore[arg-type]
    )
    n = lazy.select(pl.len()).collect().item()
    if n == 0:
        raise DataError(path, NO_ROWS, 1)
    if n <= ROW_CHECK_LIMIT:
        frame = lazy.collect()
        loaded = Loaded(table, path, frame, frame.lazy(), None, positions)
        for col in table.columns:
            _check_text(loaded, frame[col.name], col)
            if not col.nullable and frame[col.name].null_count():
                i = int(frame[col.name].is_null().arg_true()[0])
                raise loaded.error(
                    i, col.name, f"column '{col.name}' is blank; expected {col.describe()}"
                )
            if col.dtype == pl.Float64:
                # NaN and infinity cannot come from a CSV cell but can from Parquet.
                nonfinite = (
                    frame[col.name].is_not_null() & ~frame[col.name].is_finite()
                ).arg_true()
                if len(nonfinite):
                    i = int(nonfinite[0])
                    got = _show(frame[col.name][i])
                    raise loaded.error(
                        i, col.name, f"column '{col.name}': expected {col.describe()}, got {got}"
                    )
        check_values(loaded, frame)
        return loaded
    loaded = Loaded(table, path, None, lazy, None, positions)
    _check_large(loaded, refs)
    return loaded


# A reference check: column, the values it may take, and words for the message
# ("country code", "economies") -> "unknown country code 'XXX' (not in economies)".
Ref = tuple[str, "set[str]", str, str]


def _unknown(col: str, known: set[str]) -> pl.Expr:
    return pl.col(col).is_not_null() & ~pl.col(col).is_in(sorted(known))


def _raise_unknown(loaded: Loaded, refs: Sequence[Ref], stats: dict[str, object]) -> None:
    for col, known, what, where in refs:
        if stats.get(f"{col}__unknown"):
            first = loaded.lazy.filter(_unknown(col, known)).select(col).head(1).collect()[col][0]
            raise DataError(
                loaded.path, f"column '{col}': unknown {what} {first!r} (not in {where})"
            )


def _check_large(loaded: Loaded, refs: Sequence[Ref] = ()) -> None:
    """Column-level checks on a big lazy table: one streaming pass of aggregates.

    ``refs`` (column, known values, what, where) are checked in the same pass, so a
    20-million-row file is read once, not once per reference check.
    """
    table = loaded.table
    aggs: list[pl.Expr] = []
    for col in table.columns:
        if not col.nullable:
            aggs.append(pl.col(col.name).null_count().alias(f"{col.name}__nulls"))
        if col.lo is not None:
            aggs.append(pl.col(col.name).min().alias(f"{col.name}__min"))
        if col.hi is not None:
            aggs.append(pl.col(col.name).max().alias(f"{col.name}__max"))
        if col.dtype == pl.Float64:
            aggs.append((~pl.col(col.name).is_finite()).sum().alias(f"{col.name}__nonfinite"))
        if col.dtype == pl.String:
            c = pl.col(col.name)
            aggs.append(
                c.str.contains(unsafe_pattern(col.allow)).sum().alias(f"{col.name}__unsafe")
            )
            aggs.append(c.str.len_chars().max().alias(f"{col.name}__longest"))
    aggs += [_unknown(col, known).sum().alias(f"{col}__unknown") for col, known, _, _ in refs]
    stats = loaded.lazy.select(aggs).collect(engine="streaming").row(0, named=True)
    _raise_unknown(loaded, refs, stats)
    for col in table.columns:
        if stats.get(f"{col.name}__unsafe"):
            c = pl.col(col.name)
            first = loaded.lazy.filter(c.str.contains(unsafe_pattern(col.allow))).select(c)
            value = first.head(1).collect()[col.name][0]
            raise DataError(loaded.path, text_error(col.name, value, col.allow) or "")
        if (stats.get(f"{col.name}__longest") or 0) > MAX_CELL:
            raise DataError(
                loaded.path,
                f"column '{col.name}': a cell longer than {MAX_CELL} characters (the limit for one cell)",
            )
        if stats.get(f"{col.name}__nulls"):
            raise DataError(
                loaded.path, f"column '{col.name}' has blank cells; expected {col.describe()}"
            )
        if stats.get(f"{col.name}__nonfinite"):
            raise DataError(
                loaded.path,
                f"column '{col.name}' has NaN or infinite values; expected {col.describe()}",
            )
        lo, hi = stats.get(f"{col.name}__min"), stats.get(f"{col.name}__max")
        if col.lo is not None and lo is not None and lo < col.lo:
            raise DataError(
                loaded.path,
                f"column '{col.name}': expected {col.describe()}, smallest value is {lo}",
            )
        if col.hi is not None and hi is not None and hi > col.hi:
            raise DataError(
                loaded.path,
                f"column '{col.name}': expected {col.describe()}, largest value is {hi}",
            )


def read_table(path: Path, table: Table, refs: Sequence[Ref] = ()) -> Loaded:
    """Read and check one file. ``refs`` are checked here only for a large lazy
    Parquet table (in its single streaming pass); the caller checks the rest."""
    if path.suffix == ".parquet":
        return read_parquet(path, table, refs)
    try:
        st = path.stat()
        key = (str(path.resolve()), st.st_mtime_ns, st.st_size, table.name)
    except OSError:
        return read_csv(path, table)  # let the reader report it
    hit = _CSV_CACHE.get(key)
    if hit is None:
        hit = read_csv(path, table)
        if len(_CSV_CACHE) >= 64:
            _CSV_CACHE.pop(next(iter(_CSV_CACHE)))
        _CSV_CACHE[key] = hit
    return hit


# A file read and checked once per process (frames are immutable, so sharing
# is safe); a changed file has a new mtime or size and is read again. Several
# Datasets in one process (the test suite, for one) then share the work.
_CSV_CACHE: dict[tuple[str, int, int, str], Loaded] = {}
