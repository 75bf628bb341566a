"""Read one table from CSV or Parquet with its explicit schema, and check it.

Nothing is inferred: every cell is read as text, then cast to the schema's
type, so a bad cell can be reported by line and column instead of surfacing
later as a wrong chart.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from .errors import DataError
from .schema import INDICES, READINESS_ERA, Col, Table, plausible_survey_year

# Parquet tables bigger than this are checked by column statistics rather
# than row by row, so a 20-million-row indicator file opens in seconds.
ROW_CHECK_LIMIT = 2_000_000

# A user table with a header and nothing under it is almost always a failed
# export or a truncated copy; loading it would silently show nothing.
NO_ROWS = "the file has a header but no data rows; add rows or leave the file out"


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


def _decode(path: Path, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col_bytes = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1)
        column = len(raw[exc.start - col_bytes : exc.start].decode("utf-8", "replace")) + 1
        raise DataError(
            path,
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            line,
            column,
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def _unclosed_quote_column(line_text: str) -> int:
    """Field number on a line where a quote opens and is not closed."""
    field, in_quote, start_field = 1, False, 1
    for i, ch in enumerate(line_text):
        if ch == '"':
            if not in_quote:
                start_field = field
            in_quote = (
                not in_quote if not (in_quote and line_text[i + 1 : i + 2] == '"') else in_quote
            )
        elif ch == "," and not in_quote:
            field += 1
    return start_field


def csv_row_error(path: Path, exc: csv.Error, line: int, line_text: str) -> DataError:
    """One line for a csv.Error on a data row (the loader and the importer share it)."""
    if "expected after" in str(exc):
        # e.g. "Kyrgyz"stan: text after a closing quote
        return DataError(
            path,
            'text after the closing \'"\' of a quoted field (write "" for a quote inside it)',
            line,
            _unclosed_quote_column(line_text),
        )
    if "EOF" in str(exc) or "end of data" in str(exc):
        return DataError(
            path,
            "a quoted field opened here is never closed (missing '\"')",
            line,
            _unclosed_quote_column(line_text),
        )
    return DataError(path, f"not valid CSV ({exc})", line, 1)


def check_header(
    path: Path, header: list[str], table: Table, line: int | None = 1
) -> dict[str, int]:
    """Map each expected column to its position; complain about the first mismatch.

    ``line`` is where the header is: 1 in a CSV file, None for Parquet (no header line).
    """
    positions: dict[str, int] = {}
    for i, name in enumerate(header, start=1):
        clean = name.strip()
        if clean in positions:
            raise DataError(path, f"column '{clean}' appears twice in the header", line, i)
        if clean not in table.names:
            raise DataError(
                path,
                f"unexpected column {_show(clean)}; a {table.name} table has exactly: {', '.join(table.names)}",
                line,
                i,
            )
        positions[clean] = i
    for name in table.names:
        if name not in positions:
            raise DataError(
                path,
                f"missing column '{name}'; a {table.name} table has exactly: {', '.join(table.names)}",
                line,
                len(header) + 1,
            )
    return positions


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
    if any(not line.strip() or line.count(",") != commas for line in lines_text[1:]):
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


def iter_rows(
    path: Path,
    text: str,
    reader: Iterator[list[str]],
    width: int,
    is_blank: Callable[[list[str]], bool],
) -> Iterator[tuple[int, list[str]]]:
    """(line, row) for each data row of ``reader`` (header already read): blank
    rows skipped, CSV errors and wrong field counts raised as DataError at the
    line where the row starts. Shared by the loader and the UN importer."""
    while True:
        start = reader.line_num + 1  # type: ignore[attr-defined]
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # Split as the csv module does (\r\n, \r or \n only), so lines agree.
            source_lines = re.split(r"\r\n|\r|\n", text)
            line_text = source_lines[start - 1] if start - 1 < len(source_lines) else ""
            raise csv_row_error(path, exc, start, line_text) from None
        if not row or is_blank(row):
            continue
        if len(row) != width:
            raise DataError(
                path, f"expected {width} fields, found {len(row)}", start, min(len(row), width) + 1
            )
        yield start, row


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
    if not text.strip():
        raise DataError(
            path, f"file is empty; expected a header row: {','.join(table.names)}", 1, 1
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise DataError(path, f"header row is not valid CSV ({exc})", 1, 1) from None
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


def _show(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _cast_column(
    loaded_cells: list[str] | pl.Series, col: Col, report: Callable[[int, str], None]
) -> pl.Series:
    raw = pl.Series(col.name, loaded_cells, dtype=pl.String)
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
    aggs += [_unknown(col, known).sum().alias(f"{col}__unknown") for col, known, _, _ in refs]
    stats = loaded.lazy.select(aggs).collect(engine="streaming").row(0, named=True)
    _raise_unknown(loaded, refs, stats)
    for col in table.columns:
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


def find_table_file(directory: Path, name: str) -> Path | None:
    for ext in (".csv", ".parquet"):
        p = directory / f"{name}{ext}"
        if p.is_file():
            return p
    return None


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


def unknown_files(directory: Path, known: Iterable[str]) -> list[Path]:
    """Table files that name no table. Hidden files (``._x.csv`` left by macOS on a
    USB stick, editor lock files) are not tables and are ignored."""
    names = set(known)
    return sorted(
        p
        for p in directory.iterdir()
        if p.suffix in (".csv", ".parquet") and p.stem not in names and not p.name.startswith(".")
    )


def ambiguous_files(directory: Path, known: Iterable[str]) -> list[Path]:
    """Tables given twice in one directory (as .csv and as .parquet): which one is meant?"""
    return [
        directory / f"{n}.parquet"
        for n in known
        if (directory / f"{n}.csv").is_file() and (directory / f"{n}.parquet").is_file()
    ]
