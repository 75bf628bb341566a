"""All tables, built-in and the user's, loaded once each and only when asked for.

User directories (``--data DIR`` and the import directory) are laid over the
built-in tables: a user row replaces the built-in row with the same key, and
new keys are added. Tables are read on first use so start-up pays only for
what the first screen shows; ``validate_all`` forces every table (the CLI and
the tests use it).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .csvrows import ambiguous_files, find_table_file, unknown_files
from .errors import DataError
from .schema import REQUIRED, TABLES, TRANSLATES, TRANSLATES_PAIRS, Table

# ``ddx export`` writes this beside the tables; a folder it wrote loads back
# with ``--data``, so it is not taken for an unknown table.
MANIFEST = "manifest.csv"

if TYPE_CHECKING:  # Polars is imported when a table is first loaded, not before
    import polars as pl

    from .loader import Loaded, Ref


class Dataset:
    def __init__(self, builtin: Path | None, overlays: Sequence[Path] = ()) -> None:
        self.builtin = builtin
        self.overlays = [Path(p) for p in overlays]
        self._frames: dict[str, pl.LazyFrame] = {}
        self._eager: dict[str, pl.DataFrame] = {}
        self._missing: set[str] = set()
        self._large: set[str] = set()  # tables kept lazy: never collected whole
        # A large table's files in overlay order: a checked big CSV by its path
        # (read again in chunks), anything else as its frame.
        self._parts: dict[str, list[Path | pl.LazyFrame]] = {}
        # One pass over a large table at a time: Polars holds about the file's
        # size while it streams a CSV, so two panes asking at once would double it.
        self._stream_lock = threading.Lock()
        self._records: dict[tuple[str, tuple[str, ...] | None], list[dict[str, object]]] = {}
        # Rows checked at build time (tui/core/checked.py): built-in data only.
        self._checked: dict[tuple[str, tuple[str, ...] | None], list[dict[str, object]]] | None
        self._checked = None
        self._use_checked = not self.overlays and builtin is not None
        for d in self.overlays:
            if not d.is_dir():
                raise DataError(d, "not a directory (expected a folder of ddx tables)")
            try:
                strays = [p for p in unknown_files(d, TABLES) if p.name != MANIFEST]
            except OSError as exc:  # a folder the user may not read
                raise DataError(d, f"cannot read the folder: {exc.strerror or exc}") from None
            if strays:
                raise DataError(
                    strays[0],
                    f"unknown table '{strays[0].stem}'; known tables: {', '.join(TABLES)}",
                )
            twice = ambiguous_files(d, TABLES)
            if twice:
                name = twice[0].stem
                raise DataError(
                    twice[0], f"{name}.csv and {name}.parquet are both here; keep one of them"
                )

    # -- files ---------------------------------------------------------------
    def _files(self, name: str) -> list[Path]:
        """Files for a table, built-in first, then each overlay in order."""
        dirs = ([self.builtin] if self.builtin else []) + self.overlays
        found = [find_table_file(d, name) for d in dirs]
        return [p for p in found if p is not None]

    def has(self, name: str) -> bool:
        if name in self._frames:
            return True
        if name in self._missing:
            return False
        ok = bool(self._files(name))
        if not ok:
            self._missing.add(name)
        return ok

    # -- loading -------------------------------------------------------------
    def records(self, name: str, columns: Sequence[str] | None = None) -> list[dict[str, object]]:
        """A small table's rows as dicts (only ``columns`` if given), from the
        checked frame: one reading, one set of rules (tui/core/rules.py). Cached:
        a key press on the Goals pane asks again without new work. Before the
        table is read, the built-in rows checked at build time answer for it
        when data/ is what was checked (tui/core/checked.py)."""
        key = (name, tuple(columns) if columns is not None else None)
        rows = self._records.get(key)
        if rows is None and self._use_checked and name not in self._frames:
            # (a table already read is answered from its frame)
            rows = self._checked_rows().get(key)
        if rows is None:
            if columns is not None and self.is_large(name):
                import polars as pl

                with self._stream_lock:
                    frame = self._where_large(name, pl.lit(True), columns)
            else:
                frame = self.frame(name)
            rows = (frame.select(columns) if columns is not None else frame).to_dicts()
            self._records[key] = rows
        return rows

    def _checked_rows(self) -> dict[tuple[str, tuple[str, ...] | None], list[dict[str, object]]]:
        """The built-in rows checked at build time (tui/core/checked.py), read
        once; empty when data/ differs from what was checked, or with overlays."""
        if self._checked is None:
            from . import checked

            assert self.builtin is not None
            self._checked = checked.load(self.builtin) or {}
        return self._checked

    def distinct(self, name: str, column: str) -> list[object]:
        """The sorted distinct values of a column (blanks left out)."""
        if self.is_large(name):
            # Not as records: a dict a row of a big table is hundreds of MiB.
            key = (name, (column, "distinct"))
            if key not in self._records:
                import polars as pl

                with self._stream_lock:
                    frame = self._where_large(name, pl.lit(True), [column])
                self._records[key] = [{column: v} for v in frame[column].unique().drop_nulls()]
            values = {r[column] for r in self._records[key]}
        else:
            values = {r[column] for r in self.records(name, [column])}
        return sorted(v for v in values if v is not None)  # type: ignore[type-var]

    def lazy(self, name: str) -> pl.LazyFrame:
        if name not in self._frames:
            self._frames[name] = self._load(name)
        return self._frames[name]

    def is_large(self, name: str) -> bool:
        """Whether ``name`` is kept lazy (a big CSV or Parquet file among its
        files): ask it for the rows a question needs (``where``), not the whole.
        The built-in tables, when data/ is what was checked at build time, are
        small: answered without reading them (the first frame reads no table)."""
        if self._use_checked and name not in self._frames:
            return False
        self.lazy(name)
        return name in self._large

    def where(self, name: str, predicate: pl.Expr) -> pl.DataFrame:
        """The rows of ``name`` that ``predicate`` keeps. A large table is
        filtered as it streams from disk, so memory holds only those rows."""
        if self.is_large(name):
            with self._stream_lock:
                return self._where_large(name, predicate)
        return self.frame(name).filter(predicate)

    def _where_large(
        self, name: str, predicate: pl.Expr, columns: Sequence[str] | None = None
    ) -> pl.DataFrame:
        """``where`` on a large table, file by file in overlay order: a row is
        kept if it matches and no later file has a row with its key (matching or
        not), as the merged table has it. A big CSV is read in chunks. With
        ``columns``, only those (and the key) are kept."""
        import polars as pl

        from .loader import iter_big_csv

        table = TABLES[name]
        key = list(table.key)
        wanted = {*key, *(columns or table.names)}
        keep = [n for n in table.names if n in wanted]
        kept = pl.DataFrame(schema=table.polars_schema).select(keep)
        for part in self._parts[name]:
            if isinstance(part, Path):
                earlier, found = kept, []
                for chunk in iter_big_csv(part, table):
                    earlier = earlier.join(chunk.select(key), on=key, how="anti")
                    found.append(_compact(chunk.filter(predicate).select(keep)))
            else:
                keys = part.select(key).collect(engine="streaming")
                earlier = kept.join(keys, on=key, how="anti")
                found = [part.filter(predicate).select(keep).collect(engine="streaming")]
            kept = pl.concat([earlier, *found], how="vertical")
        kept = kept.sort(key)
        return kept if columns is None else kept.select(columns)

    def frame(self, name: str) -> pl.DataFrame:
        """The whole table in memory (small tables); cached."""
        if name not in self._eager:
            self._eager[name] = self.lazy(name).collect()
        return self._eager[name]

    def _load(self, name: str) -> pl.LazyFrame:
        import polars as pl

        from .loader import is_big_csv, read_table

        table = TABLES[name]
        files = self._files(name)
        if not files:
            if name in REQUIRED:
                raise DataError(
                    self.builtin or "data",
                    f"required table '{name}' not found (expected {name}.csv)",
                )
            return pl.LazyFrame(schema=table.polars_schema)
        merged: pl.LazyFrame | None = None
        large = False
        parts: list[Path | pl.LazyFrame] = []
        for path in files:
            # A big Parquet or CSV file checks its references in its streaming pass.
            refs = self._refs(table) if path.suffix == ".parquet" or is_big_csv(path) else []
            loaded = read_table(path, table, refs)
            if loaded.frame is None:
                large = True  # kept lazy: never collected whole, whatever the file size
            else:
                self._check_refs(loaded)
            lf = loaded.lazy
            big_csv = loaded.frame is None and path.suffix == ".csv"
            parts.append(path if big_csv else lf)
            if merged is None:
                merged = lf
            else:
                keep = merged.join(lf.select(table.key), on=list(table.key), how="anti")
                merged = pl.concat([lf, keep], how="vertical")
        assert merged is not None
        if not large and all(read_is_small(p) for p in files):
            return merged.sort(list(table.key)).collect().lazy()
        self._large.add(name)
        self._parts[name] = parts
        return merged

    def _refs(self, table: Table) -> list[Ref]:
        """The reference checks a table's rows must pass: (column, known, what, where)."""
        refs: list[Ref] = []
        if table.has_source:
            refs.append(("source_id", self.source_ids(), "source", "sources"))
        for col in ("note_source_id", "record_source_id"):  # a note's own source
            if col in table.names:
                refs.append((col, self.source_ids(), "source", "sources"))
        if table.iso3_cols:
            known = self.known_iso3()
            refs += [(col, known, "country code", "economies") for col in table.iso3_cols]
        if "milestone_goal_refs" in table.rules:
            refs.append(
                (
                    "milestone_id",
                    set(self.frame("milestones")["milestone_id"]),
                    "milestone",
                    "milestones",
                )
            )
            refs.append(("goal_id", set(self.frame("goals")["goal_id"]), "goal", "goals"))
        if "i18n_refs" in table.rules:
            # every row translates a row that exists
            base, key = TRANSLATES[table.name]
            refs.append((key, set(self.frame(base)[key]), base.rstrip("s"), base))
        return refs

    def _check_refs(self, loaded: Loaded) -> None:
        for col, known, what, where in self._refs(loaded.table):
            self._check_in(loaded, col, known, what, where)
        if "i18n_pair_refs" in loaded.table.rules:
            self._check_pairs(loaded)

    def _check_pairs(self, loaded: Loaded) -> None:
        """Every row of a two-column translation table translates a row that exists."""
        base, cols = TRANSLATES_PAIRS[loaded.table.name]
        known = set(self.frame(base).select(cols).iter_rows())
        frame = loaded.frame if loaded.frame is not None else loaded.lazy.collect()
        for i, row in enumerate(frame.select(cols).iter_rows()):
            if row not in known:
                message = (
                    f"columns {', '.join(cols)}: unknown {base.rstrip('s').replace('_', ' ')} "
                    f"{'/'.join(map(str, row))!r} (not in {base})"
                )
                if loaded.frame is None:
                    raise DataError(loaded.path, message)
                raise loaded.error(i, cols[0], message)

    def _check_in(self, loaded: Loaded, col: str, known: set[str], what: str, where: str) -> None:
        import polars as pl

        if loaded.frame is None:
            values = loaded.lazy.select(pl.col(col).unique()).collect(engine="streaming")[col]
            bad = [v for v in values if v is not None and v not in known]
            if bad:
                raise DataError(
                    loaded.path, f"column '{col}': unknown {what} {bad[0]!r} (not in {where})"
                )
            return
        s = loaded.frame[col]
        mask = ~s.is_in(list(known)) & s.is_not_null()
        idx = mask.arg_true()
        if len(idx):
            i = int(idx[0])
            raise loaded.error(i, col, f"column '{col}': unknown {what} {s[i]!r} (not in {where})")

    def source_ids(self) -> set[str]:
        return set(self.frame("sources")["source_id"])

    def known_iso3(self) -> set[str]:
        return set(self.frame("economies")["iso3"])

    def validate_tables_in(self, directory: Path) -> None:
        """Load every table that has a file in ``directory`` (one overlay), merged
        as it will be shown: its errors now, not when a view first asks."""
        for name in TABLES:
            if find_table_file(Path(directory), name) is not None:
                self.lazy(name)

    def validate_all(self) -> None:
        for name in TABLES:
            if self.has(name) or name in REQUIRED:
                self.lazy(name)


def _compact(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` in buffers of its own. A filtered frame's text still points
    into the whole chunk it came from (Polars' string views), so keeping a few
    rows of each chunk would keep every chunk; a round trip through Arrow IPC
    copies out only the rows kept."""
    import io

    import polars as pl

    buffer = io.BytesIO()
    frame.write_ipc(buffer)
    buffer.seek(0)
    return pl.read_ipc(buffer)


def read_is_small(path: Path) -> bool:
    from .csvrows import BIG_CSV

    return path.stat().st_size < (BIG_CSV if path.suffix == ".csv" else 64 * 1024 * 1024)
