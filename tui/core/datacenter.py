"""Reading a UN E-Government Knowledgebase Data Center export (for ``ddx import-un``).

The UN publishes a new survey every two years; its Data Center exports a CSV
with the header::

    Survey Year, Country Name, E-Government Rank, E-Government Index,
    E-Participation Index, Online Service Index, Human Capital Index,
    Telecommunication Infrastructure Index

Real exports repeat every row, pad names with spaces, write ranks as
"174.0", spell names differently across editions ("Turkey" / "Türkiye"),
leave cells blank and may start with a byte-order mark or use CRLF. All of
that is accepted; anything else is one ``DataError`` naming the file, line and
column. Values are taken as they are: not estimated, rounded or filled.
``epi_rank``, ``region``/``subregion``, flags and ``source_id`` are derived by
the built-in data's rules (``derive``).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .bounded import read_capped
from .csvrows import _decode, _show, csv_reader, iter_rows, read_header, refuse_unsafe_names
from .dataset import Dataset
from .errors import DataError
from .loader import Loaded, check_values
from .queries import closest
from .schema import TABLES
from .text import cell_error, quote

HEADER: tuple[str, ...] = (
    "Survey Year",
    "Country Name",
    "E-Government Rank",
    "E-Government Index",
    "E-Participation Index",
    "Online Service Index",
    "Human Capital Index",
    "Telecommunication Infrastructure Index",
)
FIELD = dict(
    zip(HEADER, ("year", "country", "egdi_rank", "egdi", "epi", "osi", "hci", "tii"), strict=True)
)
VALUES = ("egdi", "egdi_rank", "osi", "tii", "hci", "epi")
SURVEY = TABLES["egov_survey"]
# A Data Center export of every edition is about 250 KB; a file many times that
# is not one, and is refused before it is read (a 2 GB file, /dev/zero).
MAX_EXPORT_BYTES = 16 * 2**20


def import_source_id(year: int) -> str:
    return f"import_unegov_{year}"


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


# -- names -> ISO3 --------------------------------------------------------------------
def name_index(ds: Dataset) -> dict[str, str]:
    """Every known name (any case, spacing collapsed) -> ISO3.

    Later entries win: aliases, then economies' names, then the names the
    survey itself has used (so "Türkiye" and "Turkey" both give TUR).
    """
    index: dict[str, str] = {}
    if ds.has("country_aliases"):
        aliases = ds.frame("country_aliases")
        index.update({_norm(a): c for a, c in zip(aliases["alias"], aliases["iso3"], strict=True)})
    econ = ds.frame("economies")
    index.update({_norm(n): c for n, c in zip(econ["name"], econ["iso3"], strict=True)})
    survey = ds.frame("egov_survey").select("country", "iso3").unique()
    index.update({_norm(n): c for n, c in zip(survey["country"], survey["iso3"], strict=True)})
    index.update({c.casefold(): c for c in econ["iso3"]})
    return index


def _suggest(key: str, index: dict[str, str], ds: Dataset) -> str:
    near = closest(key, list(index))
    if near is None:
        return ""
    econ = ds.frame("economies").filter(pl.col("iso3") == index[near])
    name = econ["name"][0] if len(econ) else index[near]
    return f"; did you mean {name} ({index[near]})?"


# -- reading the export -----------------------------------------------------------------
@dataclass
class Parsed:
    """The export's rows after parsing, before comparison with the data."""

    path: Path
    frame: pl.DataFrame  # egov_survey columns, one row per (iso3, year)
    lines: list[int]  # file line of each row of ``frame``
    data_rows: int = 0
    repeats: int = 0
    placeholders: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    sha256: str = ""


def _header_positions(path: Path, header: list[str]) -> tuple[dict[str, int], list[str]]:
    wanted = {_norm(h): h for h in HEADER}
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for i, cell in enumerate(header, start=1):
        key = _norm(cell.lstrip("\ufeff"))
        if key in wanted:
            name = wanted[key]
            if name in positions:
                raise DataError(path, f"column '{name}' appears twice in the header", 1, i)
            positions[name] = i
        elif key:
            ignored.append(cell.strip())
    for name in HEADER:
        if name not in positions:
            raise DataError(
                path,
                f"missing column '{name}'; a UN E-Government Data Center export has: {', '.join(HEADER)}",
                1,
                len(header) + 1,
            )
    return positions, ignored


def _number(
    path: Path, text: str, line: int, col: int, column: str, *, whole: bool, expect: str
) -> float | int | None:
    s = text.strip()
    if not s:
        return None
    try:
        v = float(s)
    except ValueError:
        v = math.nan
    # A whole number past 2**53 is not a rank or a year, and would overflow the
    # table's 64-bit column (9999999999999999999999 as a Survey Year).
    if not math.isfinite(v) or (whole and (v != int(v) or abs(v) >= 2**53)):
        raise DataError(path, f"column '{column}': expected {expect}, got {_show(text)}", line, col)
    return int(v) if whole else v


def read_export(path: Path, ds: Dataset) -> Parsed:
    """Parse and map an export; every problem is a DataError with file/line/column."""
    path = Path(path)
    raw = read_capped(
        path,
        MAX_EXPORT_BYTES,
        "a UN Data Center export",
        missing="cannot read file: No such file or directory",
    )
    text = _decode(path, raw)
    reader = csv_reader(text)
    header = read_header(path, text, reader, ",".join(HEADER))
    refuse_unsafe_names(path, header)
    pos, ignored = _header_positions(path, header)
    width = len(header)
    index = name_index(ds)
    econ = ds.frame("economies").select("iso3", "region", "subregion")

    rows: dict[tuple[str, int], dict[str, object]] = {}
    first_line: dict[tuple[str, int], int] = {}
    data_rows = repeats = 0
    placeholders: list[str] = []
    blank = lambda row: all(not c.strip() for c in row)  # noqa: E731
    for line, row in iter_rows(path, text, reader, width, blank):
        data_rows += 1
        for i, value in enumerate(row):  # every cell, the ignored columns' too
            message = cell_error(header[i].strip(), value)
            if message is not None:
                raise DataError(path, message, line, i + 1)
        cell = {name: row[pos[name] - 1] for name in HEADER}

        ytext = cell["Survey Year"].strip()
        if not ytext:
            raise DataError(
                path,
                "column 'Survey Year' is blank; expected a survey year",
                line,
                pos["Survey Year"],
            )
        year = _number(
            path,
            ytext,
            line,
            pos["Survey Year"],
            "Survey Year",
            whole=True,
            expect="a survey year such as 2024",
        )
        assert isinstance(year, int)

        name = " ".join(cell["Country Name"].split())
        if not name:
            raise DataError(
                path,
                "column 'Country Name' is blank; expected a country name",
                line,
                pos["Country Name"],
            )
        iso3 = index.get(_norm(name))
        if iso3 is None:
            raise DataError(
                path,
                f"unknown country name {quote(name)}{_suggest(_norm(name), index, ds)} "
                "(teach ddx a new name with a country_aliases.csv: alias,iso3,source_id)",
                line,
                pos["Country Name"],
            )

        rec: dict[str, object] = {"iso3": iso3, "country": name, "year": year}
        rec["egdi_rank"] = _number(
            path,
            cell["E-Government Rank"],
            line,
            pos["E-Government Rank"],
            "E-Government Rank",
            whole=True,
            expect="a whole-number rank (174 or 174.0)",
        )
        for head in HEADER[3:]:
            rec[FIELD[head]] = _number(
                path, cell[head], line, pos[head], head, whole=False, expect="a number from 0 to 1"
            )

        if rec["egdi_rank"] is None and all(
            rec[k] in (None, 0.0) for k in ("egdi", "osi", "tii", "hci", "epi")
        ):
            placeholders.append(f"{name} {year}")  # not assessed (e.g. not yet a member)
            continue
        if rec["egdi"] is None:
            raise DataError(
                path,
                "column 'E-Government Index' is blank; expected a number from 0 to 1",
                line,
                pos["E-Government Index"],
            )
        key = (iso3, year)
        if key in rows:
            old = rows[key]
            diff = [k for k in VALUES if old[k] != rec[k]]
            if not diff:
                repeats += 1
                continue
            head = next(h for h in HEADER if FIELD[h] == diff[0])
            raise DataError(
                path,
                f"{name} ({iso3}) {year} appears again with a different '{head}' "
                f"({_fmt(rec[diff[0]])}; line {first_line[key]} has {_fmt(old[diff[0]])})",
                line,
                pos[head],
            )
        rows[key] = rec
        first_line[key] = line

    if not rows:
        raise DataError(
            path, "no data rows (only a header, or only unassessed placeholder rows)", 2, 1
        )

    frame = pl.DataFrame(
        [rows[k] for k in rows],
        schema={
            "iso3": pl.String,
            "country": pl.String,
            "year": pl.Int64,
            "egdi_rank": pl.Int64,
            "egdi": pl.Float64,
            "epi": pl.Float64,
            "osi": pl.Float64,
            "hci": pl.Float64,
            "tii": pl.Float64,
        },
    ).with_columns(pl.Series("_line", [first_line[k] for k in rows], dtype=pl.Int64))
    frame = derive(frame, econ).sort(["iso3", "year"])
    lines = frame["_line"].to_list()
    frame = frame.drop("_line")
    parsed = Parsed(
        path,
        frame,
        lines,
        data_rows=data_rows,
        repeats=repeats,
        placeholders=placeholders,
        ignored_columns=ignored,
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    _validate(parsed, pos)
    return parsed


def _fmt(v: object) -> str:
    return "blank" if v is None else str(v)


def derive(frame: pl.DataFrame, economies: pl.DataFrame) -> pl.DataFrame:
    """Add what the export does not carry, by the built-in data's rules:
    epi_rank (competition ranking on EPI within an edition, ties share the best
    rank; left blank when the file holds only part of the edition), region/subregion (economies table), flags and source_id."""
    zero_flags = [
        pl.when(pl.col("egdi") == 0).then(pl.lit("egdi_zero_tied_bottom_rank")),
        pl.when((pl.col("year") <= 2010) & (pl.col("hci") == 0)).then(
            pl.lit("hci_zero_possibly_missing")
        ),
        pl.when((pl.col("year") <= 2010) & (pl.col("tii") == 0)).then(
            pl.lit("tii_zero_possibly_missing")
        ),
    ]
    out = (
        frame.with_columns(
            # A rank among a few countries is not a world rank: derive it only
            # when the file holds the whole edition (as many rows as its worst
            # EGDI rank), otherwise leave a gap rather than a misleading number.
            pl.when(pl.len().over("year") >= pl.col("egdi_rank").max().over("year"))
            .then(pl.col("epi").rank(method="min", descending=True).over("year").cast(pl.Int64))
            .otherwise(None)
            .alias("epi_rank"),
            pl.concat_str(zero_flags, separator=";", ignore_nulls=True).alias("flags"),
            pl.format("import_unegov_{}", pl.col("year")).alias("source_id"),
        )
        .with_columns(
            pl.when(pl.col("flags") == "").then(None).otherwise(pl.col("flags")).alias("flags")
        )
        .join(economies, on="iso3", how="left")
    )
    return (
        out.select(*SURVEY.names, "_line") if "_line" in out.columns else out.select(SURVEY.names)
    )


def _validate(parsed: Parsed, pos: dict[str, int]) -> None:
    """The loader's own value rules (ranges, survey years, readiness era, keys)."""
    positions = {FIELD[h]: i for h, i in pos.items()}
    positions["iso3"] = positions["country"]
    loaded = Loaded(SURVEY, parsed.path, parsed.frame, parsed.frame.lazy(), parsed.lines, positions)
    try:
        check_values(loaded, parsed.frame)
    except DataError as exc:
        # Say it in the export's own words: 'E-Government Index', not 'egdi'.
        message = exc.message
        for head, name in FIELD.items():
            message = message.replace(f"column '{name}'", f"column '{head}'")
        raise DataError(exc.path, message, exc.line, exc.column) from None
