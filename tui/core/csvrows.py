"""Reading table files with the standard library only: file discovery, the
header check, and CSV rows with the line each starts on. The loader (Polars)
builds on these; ``read_records`` serves a small built-in table before Polars
is imported, so the first screen does not wait for it (see Dataset.records).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from .errors import DataError
from .schema import Table


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


def _show(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def find_table_file(directory: Path, name: str) -> Path | None:
    for ext in (".csv", ".parquet"):
        p = directory / f"{name}{ext}"
        if p.is_file():
            return p
    return None


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


# A user table with a header and nothing under it is almost always a failed
# export or a truncated copy; loading it would silently show nothing.
NO_ROWS = "the file has a header but no data rows; add rows or leave the file out"

_INT = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_BAD = object()


def _number(value: str, kind: str) -> object:
    """``value`` as the schema's number (None for a text column); _BAD where the
    loader would refuse it (no '1_000', 'nan', 'inf' or non-ASCII digits)."""
    if kind == "int":
        return int(value) if _INT.fullmatch(value) else _BAD
    if kind == "float":
        return float(value) if _FLOAT.fullmatch(value) else _BAD
    return None


def read_records(
    path: Path, table: Table, columns: Sequence[str] | None = None
) -> list[dict[str, object]]:
    """The rows of a CSV table as dicts, typed by the schema (blank -> None);
    only ``columns`` if given.

    Checks what the reader meets (UTF-8, CSV syntax, header, field counts,
    numbers); the value rules (ranges, references) are the loader's, which
    runs when the table is first needed as a frame."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(path, f"cannot read file: {exc.strerror or exc}") from None
    text = _decode(path, raw)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except (csv.Error, StopIteration):
        raise DataError(path, f"expected a header row: {','.join(table.names)}", 1, 1) from None
    positions = check_header(path, header, table)
    order = [h.strip() for h in header]
    wanted = set(columns) if columns is not None else set(order)
    kinds = {c.name: c.kind for c in table.columns}
    blank = lambda row: len(row) == 1 and not row[0].strip()  # noqa: E731
    rows: list[dict[str, object]] = []
    for line, row in iter_rows(path, text, reader, len(header), blank):
        record: dict[str, object] = {}
        for name, cell in zip(order, row, strict=True):
            if name not in wanted:
                continue
            value = cell.strip()  # as the loader keeps it
            if not value:
                record[name] = None
                continue
            number = _number(value, kinds[name])
            if number is _BAD:
                raise DataError(
                    path,
                    f"column '{name}': expected {table.col(name).describe()}, got {_show(value)}",
                    line,
                    positions[name],
                )
            record[name] = value if number is None else number
        rows.append(record)
    if not rows:
        raise DataError(path, NO_ROWS, 2, 1)
    return rows
