"""Import a UN E-Government Knowledgebase Data Center export (``ddx import-un``).

The UN publishes a new survey every two years; its Data Center exports a CSV
with the header::

    Survey Year, Country Name, E-Government Rank, E-Government Index,
    E-Participation Index, Online Service Index, Human Capital Index,
    Telecommunication Infrastructure Index

Real exports repeat every row, pad names with spaces, write ranks as
"174.0", spell names differently across editions ("Turkey" / "Türkiye"),
leave cells blank and may start with a byte-order mark or use CRLF. All of
that is accepted; anything else is one ``DataError`` naming the file, line and
column.

What the import adds is exactly what the export says: values are not
estimated, rounded or filled. ``epi_rank`` is derived (competition ranking on
EPI, as for the built-in editions), ``region``/``subregion`` come from the
economies table, flags are set by the same rules as the built-in data, and
every row cites a source row written beside it describing the imported file.

The result goes to the user's data directory (``$XDG_DATA_HOME/ddx``) as
``egov_survey.csv`` and ``sources.csv`` overlays, staged, validated as a whole
with the built-in tables, then renamed into place: never into the install.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import hashlib
import math
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .csvrows import _decode, _show, csv_reader, iter_rows, read_header, refuse_unsafe_names
from .dataset import Dataset
from .errors import DataError
from .export import fsync_path, slow_write_hook
from .loader import Loaded, check_values, read_table
from .schema import TABLES, text_error
from .text import quote

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
COMPARED = (*VALUES, "epi_rank")
UN_DATA_CENTER = "https://publicadministration.un.org/egovkb/en-us/Data-Center"
SURVEY = TABLES["egov_survey"]
SOURCES = TABLES["sources"]


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
    near = difflib.get_close_matches(key, list(index), n=1, cutoff=0.75)
    if not near:
        return ""
    econ = ds.frame("economies").filter(pl.col("iso3") == index[near[0]])
    name = econ["name"][0] if len(econ) else index[near[0]]
    return f"; did you mean {name} ({index[near[0]]})?"


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
    if not math.isfinite(v) or (whole and v != int(v)):
        raise DataError(path, f"column '{column}': expected {expect}, got {_show(text)}", line, col)
    return int(v) if whole else v


def read_export(path: Path, ds: Dataset) -> Parsed:
    """Parse and map an export; every problem is a DataError with file/line/column."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(path, f"cannot read file: {exc.strerror or exc}") from None
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
            message = text_error(header[i].strip(), value)
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


# -- comparing with the data ---------------------------------------------------------------
@dataclass
class EditionChange:
    year: int
    status: str  # "new", "changed" or "unchanged"
    rows: int
    changed_values: int = 0
    rows_added: int = 0
    rows_kept: int = 0  # rows the data has for this edition that the file lacks
    examples: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.status == "new":
            return f"{self.year}: new edition, {self.rows} countries"
        if self.status == "unchanged":
            return f"{self.year}: {self.rows} countries, unchanged"
        parts = []
        if self.changed_values:
            eg = f" (e.g. {'; '.join(self.examples)})" if self.examples else ""
            parts.append(
                f"{self.changed_values} value{'s' if self.changed_values != 1 else ''} changed{eg}"
            )
        if self.rows_added:
            parts.append(f"{self.rows_added} countries added")
        return f"{self.year}: {self.rows} countries, " + ", ".join(parts)


@dataclass
class ImportPlan:
    parsed: Parsed
    editions: list[EditionChange]
    sources: pl.DataFrame

    @property
    def frame(self) -> pl.DataFrame:
        return self.parsed.frame

    @property
    def to_write(self) -> list[int]:
        return [e.year for e in self.editions if e.status != "unchanged"]

    def summary(self) -> list[str]:
        p = self.parsed
        lines = [
            f"{p.path.name}: {p.data_rows} data rows, {len(p.frame)} country-editions"
            + (f", {p.repeats} exact repeats dropped" if p.repeats else "")
        ]
        if p.placeholders:
            shown = ", ".join(p.placeholders[:6]) + (", ..." if len(p.placeholders) > 6 else "")
            lines.append(
                f"  skipped {len(p.placeholders)} unassessed rows (no rank, every index 0 or blank): {shown}"
            )
        if p.ignored_columns:
            lines.append(f"  ignored columns: {', '.join(p.ignored_columns)}")
        for e in self.editions:
            lines.append("  " + e.describe())
            if e.rows_kept:
                lines.append(
                    f"    ({e.rows_kept} countries in the current data but not in the file are kept as they are)"
                )
        return lines


def _differs(a: pl.Expr, b: pl.Expr) -> pl.Expr:
    return (a != b).fill_null(True) & ~(a.is_null() & b.is_null())


def compare(parsed: Parsed, ds: Dataset) -> list[EditionChange]:
    current = ds.frame("egov_survey")
    out: list[EditionChange] = []
    for year in sorted(parsed.frame["year"].unique()):
        new = parsed.frame.filter(pl.col("year") == year)
        cur = current.filter(pl.col("year") == year)
        if cur.is_empty():
            out.append(EditionChange(year, "new", len(new)))
            continue
        both = new.join(cur, on="iso3", how="left", suffix="_cur")
        added = int(both["year_cur"].is_null().sum())
        kept = len(cur.join(new, on="iso3", how="anti"))
        matched = both.filter(pl.col("year_cur").is_not_null())
        changed = 0
        examples: list[str] = []
        for col in COMPARED:
            diff = matched.filter(_differs(pl.col(col), pl.col(f"{col}_cur")))
            changed += len(diff)
            for r in diff.head(3).iter_rows(named=True):
                if len(examples) < 3:
                    examples.append(
                        f"{r['iso3']} {col} {_fmt_v(r[f'{col}_cur'])} -> {_fmt_v(r[col])}"
                    )
        status = "changed" if changed or added else "unchanged"
        out.append(EditionChange(year, status, len(new), changed, added, kept, examples))
    return out


def _fmt_v(v: object) -> str:
    return "blank" if v is None else f"{v:g}" if isinstance(v, float) else str(v)


def source_rows(parsed: Parsed, years: list[int]) -> pl.DataFrame:
    today = _dt.date.today().isoformat()
    rows = [
        {
            "source_id": import_source_id(y),
            "publisher": "UN DESA",
            "title": f"United Nations E-Government Survey {y} (imported Data Center export)",
            "year": y,
            "url": UN_DATA_CENTER,
            "licence": None,
            "note": (
                f"Imported with ddx import-un on {today} from {parsed.path.resolve()} "
                f"(sha256 {parsed.sha256[:16]}), a UN E-Government Knowledgebase Data Center export. "
                "Values as in the file (exact repeats dropped, names mapped to ISO3). epi_rank derived by ddx "
                "from the EPI values (competition ranking); region/subregion from the economies table."
            ),
        }
        for y in years
    ]
    return pl.DataFrame(rows, schema=SOURCES.polars_schema)


def plan_import(path: Path, ds: Dataset) -> ImportPlan:
    parsed = read_export(path, ds)
    editions = compare(parsed, ds)
    years = [e.year for e in editions if e.status != "unchanged"]
    return ImportPlan(parsed, editions, source_rows(parsed, years))


# -- writing -----------------------------------------------------------------------------------
def _existing(target: Path, name: str) -> pl.DataFrame | None:
    p = target / f"{name}.csv"
    if not p.is_file():
        return None
    return read_table(p, TABLES[name]).frame


def apply_import(plan: ImportPlan, target: Path, builtin: Path | None) -> list[Path]:
    """Merge the plan's editions into ``target`` (the user data dir): staged,
    validated with the built-in tables, then renamed into place."""
    years = plan.to_write
    if not years:
        return []
    target = Path(target)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(
            target, f"cannot create the data directory: {exc.strerror or exc}"
        ) from None
    survey = plan.frame.filter(pl.col("year").is_in(years)).select(SURVEY.names)
    old = _existing(target, "egov_survey")
    if old is not None:
        survey = pl.concat([old.filter(~pl.col("year").is_in(years)), survey])
    survey = survey.sort(list(SURVEY.key))
    sources = plan.sources
    old_src = _existing(target, "sources")
    if old_src is not None:
        sources = pl.concat(
            [old_src.filter(~pl.col("source_id").is_in(sources["source_id"].to_list())), sources]
        )
    sources = sources.sort("source_id")

    for stale in target.glob(".import-*"):  # left by an import that was killed
        shutil.rmtree(stale, ignore_errors=True)
    try:
        staging = Path(tempfile.mkdtemp(prefix=".import-", dir=target))
    except OSError as exc:
        raise DataError(target, f"cannot write here: {exc.strerror or exc}") from None
    try:
        survey.write_csv(staging / "egov_survey.csv")
        sources.write_csv(staging / "sources.csv")
        slow_write_hook(str(staging))
        check = Dataset(builtin, [target, staging])
        check.lazy("sources")
        check.lazy("egov_survey")
        written = []
        # On disk before they replace anything; sources first, so a survey row
        # never cites a missing source even if we stop between the two renames.
        for name in ("sources", "egov_survey"):
            fsync_path(staging / f"{name}.csv")
        for name in ("sources", "egov_survey"):
            dest = target / f"{name}.csv"
            os.replace(staging / f"{name}.csv", dest)
            written.append(dest)
        fsync_path(target)  # the renames themselves
        return written
    except OSError as exc:
        raise DataError(
            target, f"cannot write the imported tables: {exc.strerror or exc}"
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
