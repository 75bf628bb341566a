"""Reading table files with the standard library only: file discovery,
decoding (UTF-8, UTF-16 refused with a hint), the one CSV dialect with its one
cell limit, the header check, CSV rows with the line each starts on, and one
clear message for each CSV error. The loader (Polars) and the UN importer build
on these; the rules for values are tui/core/rules.py's.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from .bounded import size_text
from .errors import DataError
from .schema import MAX_CELL, Table
from .text import describe, find_unsafe, quote

# A CSV this big is checked as it streams from disk (loader.read_big_csv), not held whole.
BIG_CSV = 8 * 2**20
# The longest line a big CSV may have: a row of cells at the cell limit fits many
# times over; a file with no line break for this long is refused, not held.
MAX_LINE_BYTES = 32 * 2**20


def _looks_utf16(raw: bytes) -> bool:
    """A UTF-16 byte-order mark, or a NUL in every other byte (ASCII text as UTF-16)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = raw[:4096]
    if len(head) < 4:
        return False
    for parity in (0, 1):
        nuls = head[parity::2].count(0)
        if nuls >= 0.8 * (len(head) // 2) and head[1 - parity :: 2].count(0) == 0:
            return True
    return False


def _decode(path: Path, raw: bytes, first_line: int = 1) -> str:
    """``raw`` (the whole file, or a chunk starting at ``first_line``) as text."""
    if first_line == 1 and _looks_utf16(raw):
        raise DataError(path, "looks like UTF-16; save it as UTF-8", 1, 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + first_line
        col_bytes = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1)
        column = len(raw[exc.start - col_bytes : exc.start].decode("utf-8", "replace")) + 1
        raise DataError(
            path,
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
            line,
            column,
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def scan_big_csv(path: Path, chunk: int = 4 * 2**20) -> tuple[list[str], bool]:
    """Check a big CSV's bytes a chunk at a time (UTF-16, UTF-8 with the line and
    column of a bad byte), never holding the file. Returns the header cells and
    whether every line is one row: no quote anywhere, CR only before LF.

    A chunk is a few MiB, decoded only to be checked as UTF-8 and then dropped;
    quotes and line ends are counted in the bytes."""
    plain, line, carry = True, 1, b""
    header: list[str] | None = None
    try:
        with path.open("rb") as f:
            while True:
                block = f.read(chunk)
                data = carry + block if carry else block
                cut = len(data) if not block else data.rfind(b"\n") + 1
                part, carry = data[:cut], data[cut:]
                del data
                if len(carry) > MAX_LINE_BYTES:  # no line break for megabytes: not a table
                    raise DataError(
                        path,
                        f"a line longer than {size_text(MAX_LINE_BYTES)}; is it a CSV table?",
                        line + part.count(b"\n"),
                        1,
                    )
                if part:
                    text = _decode(path, part, line)
                    if header is None:
                        first = text.split("\n", 1)[0].removeprefix("\ufeff").removesuffix("\r")
                        header = first.split(",")
                    del text
                    plain = plain and b'"' not in part and part.count(b"\r") == part.count(b"\r\n")
                    line += part.count(b"\n")
                if not block:
                    break
    except OSError as exc:
        raise DataError(path, f"cannot read file: {exc.strerror or exc}") from None
    return header or [], plain


_LINE_END = re.compile(r"\r\n|\r|\n")
_UNQUOTED_END = re.compile(r"[,\r\n]")


def _line_offset(text: str, line: int) -> int:
    """Where 1-based ``line`` starts (line ends as the csv module sees them)."""
    if line <= 1:
        return 0
    for n, m in enumerate(_LINE_END.finditer(text), start=2):
        if n == line:
            return m.end()
    return len(text)


def _scan_row(text: str, pos: int) -> Iterator[tuple[int, int, int, bool]]:
    """Walk one CSV row from offset ``pos``: (field number, offset, length, closed)
    for each field; ``closed`` is False for a quote that never closes."""
    field, n = 1, len(text)
    while True:
        if pos < n and text[pos] == '"':
            i = pos + 1
            while True:
                j = text.find('"', i)
                if j < 0:
                    yield field, pos, n - pos, False
                    return
                if text.startswith('"', j + 1):
                    i = j + 2
                    continue
                break
            yield field, pos, j - pos - 1, True
            pos = j + 1
        else:
            m = _UNQUOTED_END.search(text, pos)
            end = m.start() if m else n
            yield field, pos, end - pos, True
            pos = end
        if pos >= n or text[pos] != ",":
            return
        pos += 1
        field += 1


def csv_row_error(path: Path, exc: csv.Error, line: int, text: str) -> DataError:
    """One line for a csv.Error on the row starting at ``line`` of ``text`` (the
    loader and the importer share it): an unclosed quote, a cell over the limit,
    or text after a closing quote."""
    offset = _line_offset(text, line)
    for field, start, length, closed in _scan_row(text, offset):
        if not closed:
            at = line + len(_LINE_END.findall(text, offset, start))
            return DataError(path, f"unclosed quote starting at line {at}", at, field)
        if length > MAX_CELL:
            return DataError(
                path,
                f"cell longer than {MAX_CELL} characters (the limit for one cell)",
                line,
                field,
            )
    if "expected after" in str(exc):
        # e.g. "Kyrgyz"stan: text after a closing quote
        fields = list(_scan_row(text, offset))
        return DataError(
            path,
            'text after the closing \'"\' of a quoted field (write "" for a quote inside it)',
            line,
            fields[-1][0] if fields else 1,
        )
    return DataError(path, f"not valid CSV ({exc})", line, 1)


def csv_reader(text: str) -> Iterator[list[str]]:
    """The one CSV dialect ddx reads: strict, with the one cell limit."""
    csv.field_size_limit(MAX_CELL)
    return csv.reader(io.StringIO(text, newline=""), strict=True)


def read_header(path: Path, text: str, reader: Iterator[list[str]], expect: str) -> list[str]:
    """The header row (line 1), its names checked for unsafe characters."""
    if not text.strip():
        raise DataError(path, f"file is empty; expected a header row: {expect}", 1, 1)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise csv_row_error(path, exc, 1, text) from None
    except StopIteration:
        raise DataError(path, f"expected a header row: {expect}", 1, 1) from None
    return header


def refuse_unsafe_names(path: Path, header: Sequence[str], line: int | None = 1) -> None:
    """Column names are text from the file too: no control or bidi characters."""
    for i, name in enumerate(header, start=1):
        found = find_unsafe(name)
        if found is not None:
            raise DataError(path, f"column name {quote(name)} holds {describe(found[1])}", line, i)


def check_header(
    path: Path, header: list[str], table: Table, line: int | None = 1
) -> dict[str, int]:
    """Map each expected column to its position; complain about the first mismatch.

    ``line`` is where the header is: 1 in a CSV file, None for Parquet (no header line).
    """
    refuse_unsafe_names(path, header, line)
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
    for name in table.absent_optional(header):
        positions[name] = len(positions) + 1  # past the last column: never named in an error
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
            raise csv_row_error(path, exc, start, text) from None
        if not row or is_blank(row):
            continue
        if len(row) != width:
            raise DataError(
                path, f"expected {width} fields, found {len(row)}", start, min(len(row), width) + 1
            )
        yield start, row


_show = quote  # a value from a file, inert and short, for a message


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
