"""Read one table from CSV or Parquet with its explicit schema, and check it
with the table rules (tui/core/rules.py).

One module of about 460 lines: the CSV, big-CSV and Parquet paths share
``Loaded`` and one set of cell checks, so a bad cell reads the same from each.

Nothing is inferred: every cell is read as text, checked, then cast to the
schema's type, so a bad cell can be reported by line and column instead of
surfacing later as a wrong chart. A big CSV is checked as it streams and kept
lazy (read_big_csv), as is a large Parquet table (_check_large).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from . import rules
from .bounded import size_text
from .csvrows import (
    BIG_CSV,
    NO_ROWS,
    _decode,
    _show,
    check_header,
    csv_reader,
    iter_rows,
    read_header,
    scan_big_csv,
)
from .errors import DataError
from .rules import LINE
from .schema import MAX_CELL, Table
from .text import cell_error, unsafe_pattern

# Parquet tables bigger than this are checked by column statistics rather
# than row by row, so a 20-million-row indicator file opens in seconds.
ROW_CHECK_LIMIT = 2_000_000


@dataclass
class Loaded:
    """A table and where each row came from, for error messages."""

    table: Table
    path: Path
    frame: pl.DataFrame | None  # None when kept lazy (large Parquet, big CSV)
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
    for name in table.absent_optional(header):
        cells[name] = pl.Series(name, [""] * frame.height, dtype=pl.String)
    return cells, list(range(2, frame.height + 2)), positions


# A CSV with quotes (or bare CRs) is read whole by the careful reader, at many
# times its size in memory; past this it is refused rather than read.
MAX_CAREFUL_CSV = 64 * 2**20


def _read_csv_cells(
    path: Path, table: Table
) -> tuple[dict[str, list[str]] | dict[str, pl.Series], list[int], dict[str, int]]:
    try:
        if path.stat().st_size > MAX_CAREFUL_CSV:
            raise DataError(
                path,
                f"over {size_text(MAX_CAREFUL_CSV)} with quotes or bare carriage returns; "
                "a CSV this big is read as it streams only when every line is one row "
                "without quotes: save it so, or as Parquet",
            )
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
    for name in table.absent_optional(header):
        cells[name] = [""] * len(lines)
    return cells, lines, positions


def _raw_frame(
    cells: dict[str, list[str]] | dict[str, pl.Series], lines: list[int]
) -> pl.DataFrame:
    columns = [pl.Series(name, values, dtype=pl.String) for name, values in cells.items()]
    return pl.DataFrame([*columns, pl.Series(LINE, lines, dtype=pl.Int64)])


def check_cells(
    path: Path, raw: pl.LazyFrame, table: Table, positions: dict[str, int], big: bool = False
) -> pl.LazyFrame:
    """The cell rules on text as read, then the typed LazyFrame (with ``_line``)."""
    rules.first_failure(path, raw, rules.cell_rules(table), positions, file_order=True, big=big)
    return raw.select(*rules.typed(table), pl.col(LINE))


def check_values(loaded: Loaded, frame: pl.DataFrame) -> None:
    """Ranges, choices, patterns, survey years, dates, unique keys (typed frame)."""
    lines = loaded.lines if loaded.lines is not None else range(1, frame.height + 1)
    lf = frame.lazy().with_columns(pl.Series(LINE, list(lines), dtype=pl.Int64))
    rules.check_typed(loaded.path, lf, loaded.table, loaded.positions, loaded.unit)


def is_big_csv(path: Path) -> bool:
    try:
        return path.stat().st_size > BIG_CSV
    except OSError:
        return False


def read_big_csv(path: Path, table: Table, refs: Sequence[Ref] = ()) -> Loaded | None:
    """A big CSV whose every line is one row, checked as it streams from disk by
    the same rules and kept lazy: memory stays a fraction of the file. None
    (read it whole) if it has quotes or bare CRs."""
    header, plain = scan_big_csv(path)
    if not plain:
        return None
    positions = check_header(path, header, table)
    order, width = [h.strip() for h in header], len(header)
    lines = (
        pl.scan_lines(path, name="_text", row_index_name=LINE, row_index_offset=1)
        .with_columns(pl.col(LINE).cast(pl.Int64), pl.col("_text").str.strip_suffix("\r"))
        .filter((pl.col(LINE) > 1) & (pl.col("_text").str.strip_chars() != ""))
    )
    n = pl.col("_text").str.count_matches(",", literal=True) + 1
    stats = lines.select(
        pl.len().alias("rows"), pl.col(LINE).filter(n != width).min().alias("bad")
    ).collect(engine="streaming")
    rows, bad = stats.row(0)
    if bad is not None:
        k = lines.filter(pl.col(LINE) == bad).select(n).collect(engine="streaming").item()
        raise DataError(path, f"expected {width} fields, found {k}", bad, min(k, width) + 1)
    if not rows:
        raise DataError(path, NO_ROWS, 2, 1)
    split = pl.col("_text").str.split_exact(",", width - 1)
    raw = lines.select(
        *[split.struct.field(f"field_{i}").alias(name) for i, name in enumerate(order)],
        *[pl.lit("", dtype=pl.String).alias(name) for name in table.absent_optional(header)],
        pl.col(LINE),
    )
    typed = check_cells(path, raw, table, positions, big=True)
    rules.check_typed(path, typed, table, positions, big=True)
    unknown = [
        rules.Rule(
            col,
            _unknown(col, known),
            _unknown_message_for(col, what, where),
        )
        for col, known, what, where in refs
    ]
    rules.first_failure(path, typed, unknown, positions, file_order=True, big=True)
    return Loaded(table, path, None, typed.drop(LINE), None, positions)


def iter_big_csv(path: Path, table: Table, chunk: int = 8 * 2**20) -> Iterator[pl.DataFrame]:
    """A big CSV that ``read_big_csv`` has checked, read again a few MiB of lines
    at a time and typed the same way, for a question that needs only some of its
    rows (``Dataset.where``): memory holds a chunk, not the file (Polars' own
    scan holds about the whole file while it streams)."""
    names = {n: pl.String for n in table.names}
    with path.open("rb") as f:
        first = f.readline().decode("utf-8").removeprefix("\ufeff").rstrip("\r\n")
        order = [h.strip() for h in first.split(",")]
        carry = b""
        while True:
            block = f.read(chunk)
            data = carry + block if carry else block
            cut = len(data) if not block else data.rfind(b"\n") + 1
            part, carry = data[:cut], data[cut:]
            del data
            lines = [
                line[:-1] if line.endswith(b"\r") else line
                for line in part.split(b"\n")
                if line.strip()
            ]
            del part
            if lines:
                raw = pl.read_csv(
                    io.BytesIO(b"\n".join(lines) + b"\n"),
                    has_header=False,
                    new_columns=order,
                    schema={n: names[n] for n in order},
                    quote_char=None,
                )
                del lines
                yield raw.select(rules.typed(table))
            if not block:
                return


def _unknown_message(col: str, what: str, value: object, where: str) -> str:
    return f"column '{col}': unknown {what} {_show(value)} (not in {where})"


def _unknown_message_for(col: str, what: str, where: str) -> Callable[[object], str]:
    return lambda v: _unknown_message(col, what, v, where)


def read_csv(path: Path, table: Table, refs: Sequence[Ref] = ()) -> Loaded:
    if is_big_csv(path):
        big = read_big_csv(path, table, refs)
        if big is not None:
            return big
    cells, lines, positions = _read_csv_cells(path, table)
    typed = check_cells(path, _raw_frame(cells, lines).lazy(), table, positions).collect()
    rules.check_typed(path, typed.lazy(), table, positions)
    frame = typed.drop(LINE)
    return Loaded(table, path, frame, frame.lazy(), typed[LINE].to_list(), positions)


def _check_text(loaded: Loaded, frame: pl.DataFrame) -> None:
    """Parquet string columns: the text rules of a CSV cell (row numbers as lines)."""
    text = [
        r
        for col in loaded.table.columns
        if frame.schema[col.name] == pl.String
        for r in rules.text_rules(col)
    ]
    lf = frame.lazy().with_row_index(LINE, offset=1).with_columns(pl.col(LINE).cast(pl.Int64))
    rules.first_failure(loaded.path, lf, text, loaded.positions, file_order=True)


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
    absent = set(table.absent_optional(header))
    for col in table.columns:
        if col.name in absent:
            continue
        found = schema[col.name]
        # An all-blank column may be stored with the Null type; blanks are checked below.
        if found != pl.Null and not any(found == ok for ok in _NUMERIC_OK[col.dtype]):
            raise DataError(
                path,
                f"column '{col.name}' has type {found}; expected {col.describe()}",
                None,
                positions[col.name],
            )
    lazy = pl.scan_parquet(path).select(
        [
            pl.lit(None, dtype=c.dtype).alias(c.name)
            if c.name in absent
            else pl.col(c.name).cast(c.dtype)
            for c in table.columns
        ]
    )
    n = lazy.select(pl.len()).collect().item()
    if n == 0:
        raise DataError(path, NO_ROWS, 1)
    if n <= ROW_CHECK_LIMIT:
        frame = lazy.collect()
        loaded = Loaded(table, path, frame, frame.lazy(), None, positions)
        _check_text(loaded, frame)
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
            raise DataError(loaded.path, cell_error(col.name, value, col.allow) or "")
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
    """Read and check one file. ``refs`` are checked here only for a table kept
    lazy (a large Parquet or a big CSV, in its streaming pass); the caller
    checks the rest."""
    if path.suffix == ".parquet":
        return read_parquet(path, table, refs)
    if is_big_csv(path):
        return read_csv(path, table, refs)  # never cached: refs depend on the Dataset
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
