"""tui/core/export.py: formats that round-trip, a readable table, atomic writes,
and where the TUI's export key puts its file."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import threading
import time
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import DATA, FIXTURES
from tui.core import Dataset, export
from tui.core.errors import DataError, UsageError
from tui.core.schema import TABLES


@pytest.fixture(scope="module")
def frame() -> pl.DataFrame:
    from tui.cli.tables import rankings_frame

    return rankings_frame(Dataset(DATA), 2010, "hci", "world")


def read_back(data: str | bytes, fmt: str, schema: pl.Schema) -> pl.DataFrame:
    """Read what ``export.render`` produced, as the user's own tools would."""
    if fmt == "parquet":
        return pl.read_parquet(io.BytesIO(data if isinstance(data, bytes) else data.encode()))
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    if fmt == "json":
        return pl.read_json(io.StringIO(text), schema=schema)
    return pl.read_csv(io.StringIO(text), schema=schema)


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_formats_round_trip_to_the_same_frame(frame: pl.DataFrame, fmt: str) -> None:
    assert frame["value"].null_count() > 0  # the 2010 HCI gaps survive the trip as gaps
    back = read_back(export.render(frame, fmt), fmt, frame.schema)
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
    with pytest.raises(UsageError, match="holds notes.txt; ddx writes only into a new or empty"):
        export.export_all(ds, other, "csv")
    export.export_all(ds, out, "csv")
    assert (out / "egov_survey.csv").is_file()


# -- `ddx export DIR`: atomic as a whole ---------------------------------------------------------
def _checked(out: Path) -> dict[str, bytes]:
    """The export's files, each checked against the manifest (and nothing else there)."""
    manifest = pl.read_csv(out / "manifest.csv")
    assert sorted(p.name for p in out.iterdir()) == sorted([*manifest["file"], "manifest.csv"])
    for file, sha in zip(manifest["file"], manifest["sha256"], strict=True):
        assert hashlib.sha256((out / file).read_bytes()).hexdigest() == sha, file
    return {p.name: p.read_bytes() for p in out.iterdir()}


def _disk_full_at(n: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The n-th file written runs out of space half way through."""
    real, calls = export.write_file, []

    def write_file(path: Path, data: str | bytes) -> None:
        calls.append(path.name)
        if len(calls) == n:
            real(path, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, data)

    monkeypatch.setattr(export, "write_file", write_file)


def test_disk_full_midway_leaves_the_previous_export_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.cli import main

    out = tmp_path / "dump"
    export.export_all(Dataset(DATA), out, "csv")
    before = _checked(out)
    # New data to export: an imported edition changes egov_survey and sources.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert main(["import-un", str(FIXTURES / "import" / "edition_2026.csv")]) == 0
    newer = Dataset(DATA, [tmp_path / "xdg" / "ddx" / "imported"])
    for n in (1, 3, len(TABLES)):
        _disk_full_at(n, monkeypatch)
        with pytest.raises(DataError, match="cannot write the export: No space left on device"):
            export.export_all(newer, out, "csv")
        assert _checked(out) == before, f"disk full at file {n}"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["dump", "xdg"]  # no staging left
    monkeypatch.undo()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    export.export_all(newer, out, "csv")
    assert _checked(out) != before and b"import_unegov_2026" in _checked(out)["sources.csv"]


def test_re_export_in_another_format_leaves_no_stale_files(tmp_path: Path) -> None:
    out = tmp_path / "dump"
    export.export_all(Dataset(DATA), out, "csv")
    export.export_all(Dataset(DATA), out, "parquet")
    files = _checked(out)
    assert not [name for name in files if name.endswith(".csv") and name != "manifest.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dump"]


def test_a_swap_killed_between_its_renames_is_put_back_by_the_next_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dump"
    export.export_all(Dataset(DATA), out, "csv")
    before = _checked(out)
    # Killed after renaming the old export aside, before renaming the new one in.
    out.rename(tmp_path / ".dump.old-999-dead")
    (tmp_path / ".dump.export-dead").mkdir()
    _disk_full_at(2, monkeypatch)
    with pytest.raises(DataError, match="No space left"):
        export.export_all(Dataset(DATA), out, "parquet")
    assert _checked(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dump"]


def test_two_exports_into_one_folder_take_turns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = export.write_file
    both_in = threading.Barrier(2)

    def slow_write_file(path: Path, data: str | bytes) -> None:
        time.sleep(0.02)
        real(path, data)

    monkeypatch.setattr(export, "write_file", slow_write_file)
    out = tmp_path / "dump"
    errors: list[BaseException] = []

    def run(fmt: str) -> None:
        try:
            both_in.wait()
            export.export_all(Dataset(DATA), out, fmt)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(fmt,)) for fmt in ("csv", "parquet")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    files = _checked(out)  # one whole export, in one format
    assert len({name.rsplit(".", 1)[1] for name in files if name != "manifest.csv"}) == 1
    assert f"waiting for another ddx export to {out}" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dump"]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_an_export_loads_back_with_data(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    out = tmp_path / "dump"
    assert main(["export", str(out), "--format", fmt]) == 0
    builtin, back = Dataset(DATA), Dataset(DATA, [out])
    back.validate_all()
    for name in TABLES:
        assert back.has(name) == builtin.has(name), name
        if builtin.has(name):
            assert back.frame(name).equals(builtin.frame(name)), name
    capsys.readouterr()
    assert main(["rankings", "--scope", "world", "--data", str(out), "--format", "csv"]) == 0
    with_data = capsys.readouterr().out
    assert main(["rankings", "--scope", "world", "--format", "csv"]) == 0
    assert with_data == capsys.readouterr().out and with_data.count("\n") > 190


def test_export_into_dot_swaps_the_real_folder_and_a_symlink_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real, link = tmp_path / "real", tmp_path / "link"
    real.mkdir()
    real.chmod(0o700)
    link.symlink_to(real)
    with pytest.raises(UsageError, match="is a symbolic link"):
        export.export_all(Dataset(DATA), link, "csv")
    assert list(real.iterdir()) == []
    export.export_all(Dataset(DATA), real, "csv")
    assert "egov_survey.csv" in _checked(real)
    assert (real.stat().st_mode & 0o777) == 0o700  # the folder keeps its permissions
    monkeypatch.chdir(real)
    export.export_all(Dataset(DATA), Path("."), "parquet")
    assert "egov_survey.parquet" in _checked(real)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]


def test_an_export_by_an_older_ddx_is_still_recognised(tmp_path: Path) -> None:
    """Its manifest has no made_by column, but exactly the columns ddx wrote
    and every file's sha256: it is swapped like any earlier export."""
    out = tmp_path / "dump"
    export.export_all(Dataset(DATA), out, "csv")
    manifest = pl.read_csv(out / "manifest.csv")
    assert set(manifest["made_by"]) == {"ddx export"}
    legacy = manifest.drop("made_by")
    legacy.write_csv(out / "manifest.csv")
    assert export.foreign_entry(out) is None
    export.export_all(Dataset(DATA), out, "parquet")
    assert "egov_survey.parquet" in _checked(out)
    # Without the marker, only ddx's exact columns will do.
    legacy.with_columns(mine=pl.lit("x")).write_csv(out / "manifest.csv")
    assert export.foreign_entry(out) == "manifest.csv (not the manifest of a ddx export)"


def test_export_under_a_symlinked_parent_folder_works(tmp_path: Path) -> None:
    """Only DIR itself may not be a link; a link on the way to it is the user's path."""
    (tmp_path / "real").mkdir()
    (tmp_path / "via").symlink_to(tmp_path / "real")
    export.export_all(Dataset(DATA), tmp_path / "via" / "dump", "csv")
    assert "egov_survey.csv" in _checked(tmp_path / "real" / "dump")
