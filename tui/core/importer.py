"""Import a UN E-Government Knowledgebase Data Center export (``ddx import-un``).

The file is read by datacenter.py; here it is compared with the data, edition
by edition, and saved. What the import adds is exactly what the export says,
and every row cites a source row written beside it describing the imported file.

The result goes to the user's data directory (``$XDG_DATA_HOME/ddx``) as
``egov_survey.csv`` and ``sources.csv`` overlays, written together into a new
generation folder, validated as a whole with the built-in tables, then put in
use by one rename of the ``imported`` link (userstore.py): never into the
install, and never one table new and the other old.
One import at a time: ``ddx import-un`` holds the directory's lock
(userstore.py) from reading the current data to the last rename, so a second
import waits and then builds on what the first saved.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from . import userstore
from .datacenter import HEADER, SURVEY, VALUES, Parsed, derive, name_index, read_export
from .dataset import Dataset
from .errors import DataError
from .loader import read_table
from .schema import TABLES
from .text import visible

__all__ = ["HEADER", "VALUES", "derive", "name_index", "read_export"]

COMPARED = (*VALUES, "epi_rank")
UN_DATA_CENTER = "https://publicadministration.un.org/egovkb/en-us/Data-Center"
SOURCES = TABLES["sources"]


def import_source_id(year: int) -> str:
    return f"import_unegov_{year}"


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
                f"Imported with ddx import-un on {today} from {visible(str(parsed.path.resolve()))} "
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
STAGE = ".import-"  # staging folders of imports before generations (userstore.py)


@contextlib.contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold the user data directory's lock: one import at a time. Plan and apply
    inside it, so an import builds on what the one before it saved."""
    try:
        Path(target).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(
            target, f"cannot create the data directory: {exc.strerror or exc}"
        ) from None
    with userstore.locked(Path(target) / userstore.LOCK_NAME, "import"):
        yield


def _existing(target: Path, name: str) -> pl.DataFrame | None:
    current = userstore.current_import(target)
    p = current / f"{name}.csv" if current is not None else None
    if p is None or not p.is_file():
        return None
    loaded = read_table(p, TABLES[name])
    return loaded.frame if loaded.frame is not None else loaded.lazy.collect()  # a big CSV


def apply_import(plan: ImportPlan, target: Path, builtin: Path | None) -> list[Path]:
    """Merge the plan's editions into ``target`` (the user data dir, whose lock
    the caller holds: see ``locked``): written as a new generation, validated
    with the built-in tables, then put in use by one rename."""
    years = plan.to_write
    if not years:
        return []
    target = Path(target)
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

    # Left by a killed import, or out of use since the last one: under the
    # lock, so no live import owns any of them.
    userstore.remove_stale(target, [STAGE])
    userstore.clear_generations(target)
    work = userstore.new_generation(target)
    try:
        survey.write_csv(work / "egov_survey.csv")
        sources.write_csv(work / "sources.csv")
        check = Dataset(builtin, [work])
        try:
            check.lazy("sources")
            check.lazy("egov_survey")
        except DataError as exc:
            # The staged copy is ours; what the user can act on is their file.
            raise DataError(
                plan.parsed.path, f"cannot be imported: {exc.message} (in the merged data)"
            ) from None
        userstore.publish_generation(work, target)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise DataError(
            target, f"cannot write the imported tables: {exc.strerror or exc}"
        ) from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return [work / "sources.csv", work / "egov_survey.csv"]
