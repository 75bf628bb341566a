"""tui/core/export.py: formats that round-trip, a readable table, atomic writes,
and where the TUI's export key puts its file."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from tests.conftest import DATA
from tui.core import Dataset, export
from tui.core.errors import DataError, UsageError


@pytest.fixture(scope="module")
def frame() -> pl.DataFrame:
    from tui.cli.tables import rankings_frame

    return rankings_frame(Dataset(DATA), 2010, "hci", "world")


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_formats_round_trip_to_the_same_frame(frame: pl.DataFrame, fmt: str) -> None:
    assert frame["value"].null_count() > 0  # the 2010 HCI gaps survive the trip as gaps
    back = export.read_back(export.render(frame, fmt), fmt, frame.schema)
    assert back.equals(frame)


def test_tsv_has_a_header_and_keeps_gaps_empty() -> None:
    df = pl.DataFrame({"a": ["x\ty", None], "b": [1.5, None]})
    assert export.to_tsv(df) == "a\tb\nx y\t1.5\n\t\n"


def test_table_aligns_numbers_shows_gaps_and_wraps_to_width() -> None:
    df = pl.DataFrame({"n": [1, 100], "name": ["a " * 30, "b"], "v": [0.5, None]})
    text = export.to_table(df, width=40, gap="—", wrap=["name"])
    lines = text.splitlines()
    assert lines[0].split() == ["n", "name", "v"]
    assert all(len(line) <= 40 for line in lines)
    assert (
        lines[2].startswith("  1  a a a")
        and lines[-1].startswith("100  b")
        and lines[-1].endswith("—")
    )


def test_atomic_write_leaves_nothing_behind_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n")

    def boom(p: Path) -> None:
        p.write_text("half")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        export.atomic_write(target, boom)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_atomic_write_reports_an_unwritable_place_as_one_data_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(DataError, match="cannot write here"):
        export.atomic_write(blocker / "sub" / "x.csv", "x")


def test_unique_path_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("")
    (tmp_path / "a-2.csv").write_text("")
    assert export.unique_path(tmp_path, "a", "csv").name == "a-3.csv"
    assert export.slug("edition=2020 indicator=egdi scope=central-asia") == "2020-egdi-central-asia"


def test_view_exports_go_to_cwd_unless_it_is_ddx_s_own(tmp_path: Path) -> None:
    own, fallback = tmp_path / "install", tmp_path / "user" / "exports"
    (own / "data").mkdir(parents=True)
    assert export.choose_export_dir(tmp_path, [own], fallback) == tmp_path.resolve()
    assert export.choose_export_dir(own / "data", [own], fallback) == fallback
    df = pl.DataFrame({"x": [1]})
    p1 = export.export_view(df, "rankings", "edition=2020 indicator=egdi", fallback)
    p2 = export.export_view(df, "rankings", "edition=2020 indicator=egdi", fallback)
    assert (p1.name, p2.name) == ("ddx-rankings-2020-egdi.csv", "ddx-rankings-2020-egdi-2.csv")
    assert p1.read_text() == "x\n1\n"


def test_export_all_writes_every_table_and_a_manifest(tmp_path: Path) -> None:
    ds = Dataset(DATA)
    out = tmp_path / "dump"
    written = export.export_all(ds, out, "parquet")
    names = {p.name for p in out.iterdir()}
    assert "manifest.csv" in names and "egov_survey.parquet" in names
    assert {p.name for p in written} == names
    manifest = pl.read_csv(out / "manifest.csv")
    survey = manifest.filter(pl.col("table") == "egov_survey").row(0, named=True)
    assert survey["rows"] == 2308 and "unegov_2020" in survey["source_ids"].split(";")
    assert pl.read_parquet(out / "egov_survey.parquet").equals(ds.frame("egov_survey"))
    # every cited source is in the exported sources table
    cited = {s for ids in manifest["source_ids"].drop_nulls() for s in ids.split(";")}
    assert cited <= set(pl.read_parquet(out / "sources.parquet")["source_id"])
    # a directory holding other things is refused; an earlier export is refreshed
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(UsageError, match="not empty"):
        export.export_all(ds, other, "csv")
    export.export_all(ds, out, "csv")
    assert (out / "egov_survey.csv").is_file()
