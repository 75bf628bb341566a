"""`ddx import-un`: real UN Data Center exports give the reference values, what
real exports contain is accepted, and each malformed file gives one line."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import DATA, FIXTURES, REFERENCE, ROOT, needs_reference
from tui.cli import main
from tui.core import Dataset
from tui.core.errors import DataError
from tui.core.importer import VALUES, plan_import, read_export

IMPORT = FIXTURES / "import"
RAW = REFERENCE / "raw"


@pytest.fixture(scope="module")
def builtin() -> Dataset:
    return Dataset(DATA)


def _user_dir(tmp: Path) -> Path:
    return tmp / "ddx"


def _listing(user_dir: Path) -> list[str]:
    """What the user data dir holds, a generation folder's random name as ``.imported-*``."""
    return sorted(
        ".imported-*" if p.name.startswith(".imported-") else p.name for p in user_dir.iterdir()
    )


def _generation(user_dir: Path) -> list[str]:
    """The tables in the generation in use."""
    return sorted(p.name for p in (user_dir / "imported").iterdir())


# -- the real exports -------------------------------------------------------------------
@needs_reference
@pytest.mark.parametrize(
    ("export", "editions"),
    [
        (
            "KoheiTakata_E-government/EGOV_DATA.csv",
            [2003, 2004, 2005, 2008, 2010, 2014, 2016, 2018, 2020],
        ),
        ("pluralitybook_plurality/EGOV_DATA_2022.csv", [2022]),
    ],
)
def test_verbatim_exports_give_the_reference_values(
    builtin: Dataset, export: str, editions: list[int]
) -> None:
    parsed = read_export(RAW / export, builtin)
    got = parsed.frame
    assert sorted(got["year"].unique()) == editions
    ref = builtin.frame("egov_survey").filter(pl.col("year").is_in(editions))
    # Same country-editions, edition by edition (the unassessed placeholder rows,
    # SSD before 2011 and MNE 2003-05, are skipped as the reference dropped them).
    for year in editions:
        assert sorted(got.filter(pl.col("year") == year)["iso3"]) == sorted(
            ref.filter(pl.col("year") == year)["iso3"]
        ), year
    both = got.join(ref, on=["iso3", "year"], suffix="_ref")
    assert len(both) == len(ref)

    # The reference blanked the cells where the UN export has 0 but UNU-EGOV a
    # blank (2010 HCI/TII of KIR, MHL, FSM, MCO, NRU, PRK, SOM, TUV, SMR; see
    # PROVENANCE.md) and flagged them "*_blank_in_UNU_zero_in_UN_export". The
    # importer keeps what the export says (0) and flags it "possibly missing".
    blanked = 0
    for col in (*VALUES, "epi_rank"):
        a, b = pl.col(col), pl.col(f"{col}_ref")
        zero_for_blank = (
            (a == 0) & b.is_null() & (pl.col("year") == 2010) & pl.lit(col in ("hci", "tii"))
        )
        blanked += both.filter(zero_for_blank).height
        same = (a == b) | (a.is_null() & b.is_null()) | zero_for_blank
        diff = both.filter(~same.fill_null(False))
        assert diff.is_empty(), (
            f"{export} {col}: {diff.select('iso3', 'year', col, f'{col}_ref').head(5)}"
        )
    assert blanked == (11 if 2010 in editions else 0)
    for col in ("country", "region", "subregion"):
        assert both.filter(pl.col(col) != pl.col(f"{col}_ref")).is_empty(), col
    # Flags follow the reference's rules, except the cross-source flags above.
    cross = both["flags_ref"].fill_null("").str.contains("blank_in_UNU")
    flags = both.filter(~cross)
    assert (flags["flags"].fill_null("") == flags["flags_ref"].fill_null("")).all()


@needs_reference
def test_kohei_export_summary_counts_repeats_and_placeholders(builtin: Dataset) -> None:
    plan = plan_import(RAW / "KoheiTakata_E-government/EGOV_DATA.csv", builtin)
    p = plan.parsed
    assert p.data_rows == 3474 and p.repeats == 1729 and len(p.frame) == 1729
    assert len(p.placeholders) == 16  # SSD 2003-2010 and MNE 2003-05, each repeated
    status = {e.year: e.status for e in plan.editions}
    assert status[2010] == "changed" and all(
        s == "unchanged" for y, s in status.items() if y != 2010
    )
    assert plan.to_write == [2010]
    assert any("11 values changed" in line for line in plan.summary())


@needs_reference
def test_reimporting_an_unchanged_edition_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import-un", str(RAW / "pluralitybook_plurality/EGOV_DATA_2022.csv")]) == 0
    out = capsys.readouterr().out
    assert "2022: 193 countries, unchanged" in out
    assert "nothing to change" in out


# -- what real exports contain ----------------------------------------------------------------
def test_tolerates_bom_crlf_repeats_spaces_float_ranks_blanks_and_name_variants(
    builtin: Dataset,
) -> None:
    parsed = read_export(IMPORT / "edition_2026.csv", builtin)
    df = parsed.frame
    assert parsed.data_rows == 12 and parsed.repeats == 6  # "Turkey" repeats "Türkiye"
    assert df["iso3"].to_list() == ["KAZ", "KGZ", "TJK", "TKM", "TUR", "UZB"]
    row = df.filter(pl.col("iso3") == "KAZ").row(0, named=True)
    assert (row["country"], row["egdi_rank"], row["egdi"]) == ("Kazakhstan", 28, 0.8628)
    assert (row["region"], row["subregion"], row["source_id"]) == (
        "Asia",
        "Central Asia",
        "import_unegov_2026",
    )
    tkm = df.filter(pl.col("iso3") == "TKM").row(0, named=True)
    assert tkm["epi"] is None and tkm["epi_rank"] is None  # a blank stays a gap
    # Six countries of an edition whose ranks reach 28 and beyond are not the
    # whole edition: a rank "among these six" would read as a world rank, so
    # the derived EPI rank stays a gap (full exports derive it: see the
    # reference-equality test below, which compares epi_rank too).
    assert df["epi_rank"].null_count() == len(df)


def test_import_writes_the_user_data_dir_and_the_explorer_shows_the_edition(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    fixture = IMPORT / "edition_2026.csv"
    before = {p: p.stat().st_mtime_ns for p in DATA.iterdir()}

    assert main(["import-un", str(fixture), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2026: new edition, 6 countries" in out and "dry run: nothing written" in out
    assert not _user_dir(tmp_path).exists()

    assert main(["import-un", str(fixture)]) == 0
    assert "saved editions 2026" in capsys.readouterr().out
    # One generation folder and the link to it; no temp files or staging left;
    # the lock file stays (removing it would race).
    assert _listing(_user_dir(tmp_path)) == [".imported-*", ".lock", "imported"]
    assert _generation(_user_dir(tmp_path)) == ["egov_survey.csv", "sources.csv"]
    assert {p: p.stat().st_mtime_ns for p in DATA.iterdir()} == before  # data/ untouched

    # The CLI (which lays the user dir over the built-in data) now has 2026 ...
    assert main(["rankings", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("2026,egdi,28,KAZ,Kazakhstan,0.8628,")
    assert lines[1].endswith(",import_unegov_2026,true")
    # ... and the imported rows cite a source describing the file.
    assert main(["sources", "--format", "csv"]) == 0
    src = [
        ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("import_unegov_2026,")
    ]
    assert len(src) == 1 and "edition_2026.csv" in src[0] and "sha256" in src[0]

    # Importing it again changes nothing.
    assert main(["import-un", str(fixture)]) == 0
    assert "2026: 6 countries, unchanged" in capsys.readouterr().out


async def test_explorer_shows_the_imported_edition(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["import-un", str(IMPORT / "edition_2026.csv")]) == 0
    from textual.widgets import Static

    from tui.app import DDXApp
    from tui.cli import build_parser, load_dataset

    app = DDXApp(load_dataset(build_parser().parse_args([])))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        head = str(app.query_one("#rank-head", Static).render())
        assert "2026" in head and "UN E-Government Survey" in head
        assert app.editions[-1] == 2026


# -- malformed input: one line each, exit 2, nothing written ------------------------------------------
BAD = {
    "header_renamed.csv": r":1:10: missing column 'Country Name'; a UN E-Government Data Center export has: Survey Year",
    "rank_fraction.csv": r":3:3: column 'E-Government Rank': expected a whole-number rank \(174 or 174\.0\), got '81\.5'$",
    "index_text.csv": r":4:4: column 'E-Government Index': expected a number from 0 to 1, got 'n/a'$",
    "index_over_one.csv": r":3:4: column 'E-Government Index': expected a number from 0 to 1 .*got '1\.6977'$",
    "unknown_country.csv": r":3:2: unknown country name 'Kazakstan'; did you mean Kazakhstan \(KAZ\)\?",
    "conflicting_repeat.csv": r":4:4: Kazakhstan \(KAZ\) 2022 appears again with a different 'E-Government Index' "
    r"\(0\.86281; line 2 has 0\.8628\)$",
    "not_survey_year.csv": r":2:1: column 'Survey Year': 2023 is not a UN E-Government Survey year",
    "short_row.csv": r":3:6: expected 8 fields, found 5$",
    "blank_egdi.csv": r":3:4: column 'E-Government Index' is blank; expected a number from 0 to 1$",
    "latin1.csv": r":2:8: not valid UTF-8 \(byte 0xfc\); save the file as UTF-8$",
    "empty.csv": r":1:1: file is empty; expected a header row: Survey Year,Country Name,",
    "header_only.csv": r":2:1: no data rows",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_malformed_export_gives_one_line_and_exit_2(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path = IMPORT / name
    assert main(["import-un", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"ddx: {path}:")
    assert re.search(BAD[name], err.rstrip("\n")), err
    assert not _user_dir(tmp_path).exists()


def test_missing_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["import-un", str(tmp_path / "nope.csv")]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith(f"ddx: {tmp_path / 'nope.csv'}: cannot read file") and err.count("\n") == 1
    )


def test_a_new_name_can_be_taught_with_a_country_aliases_table(
    builtin: Dataset, tmp_path: Path
) -> None:
    overlay = tmp_path / "mine"
    overlay.mkdir()
    (overlay / "country_aliases.csv").write_text(
        "alias,iso3,source_id\nKazakstan,KAZ,article\n", encoding="utf-8"
    )
    ds = Dataset(DATA, [overlay])
    parsed = read_export(IMPORT / "unknown_country.csv", ds)
    assert parsed.repeats == 1 and parsed.frame["iso3"].to_list() == ["KAZ"]
    with pytest.raises(DataError):
        read_export(IMPORT / "unknown_country.csv", builtin)


# -- two processes, one disk ---------------------------------------------------------------------
def test_xdg_data_home_counts_only_when_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.paths import user_data_dir

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert user_data_dir() == tmp_path / "xdg" / "ddx"
    default = tmp_path / "home" / ".local" / "share" / "ddx"
    for relative in ("xdg", "./data", "", "~/x"):  # the XDG spec: relative paths are ignored
        monkeypatch.setenv("XDG_DATA_HOME", relative)
        assert user_data_dir() == default, relative


def test_an_import_waits_for_the_one_running_then_refuses_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.core import userstore

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr(userstore, "WAIT_SECONDS", 0.3)
    user_dir = _user_dir(tmp_path)
    user_dir.mkdir()
    (user_dir / ".import-abc").mkdir()  # staging of the import that holds the lock
    with userstore.locked(user_dir / userstore.LOCK_NAME, "import"):
        assert main(["import-un", str(IMPORT / "edition_2026.csv")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"ddx: waiting for another ddx import (process {os.getpid()}) to finish ..."
    assert err[1:] == [
        f"ddx: {user_dir}: another ddx import is still running after 0.3 s; "
        "nothing was written, try again when it has finished"
    ]
    # Nothing written, and the running import's staging was left alone.
    assert sorted(p.name for p in user_dir.iterdir()) == [".import-abc", ".lock"]
    # Once it has finished, the next import goes through and clears the leftover.
    assert main(["import-un", str(IMPORT / "edition_2026.csv")]) == 0
    assert _listing(user_dir) == [".imported-*", ".lock", "imported"]
    assert _generation(user_dir) == ["egov_survey.csv", "sources.csv"]


def _import_pair(xdg: Path) -> dict[int, subprocess.Popen[str]]:
    """`ddx import-un edition_2026.csv & ddx import-un edition_2028.csv`."""
    env = {**os.environ, "XDG_DATA_HOME": str(xdg), "PYTHONPATH": str(ROOT)}
    return {
        year: subprocess.Popen(
            [sys.executable, "-m", "tui", "import-un", str(IMPORT / f"edition_{year}.csv")],
            cwd=xdg.parent,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for year in (2026, 2028)
    }


@pytest.mark.slow
def test_two_imports_started_together_keep_both_editions(tmp_path: Path) -> None:
    """Two imports adding different editions, started together, 21 times, three
    pairs at a time: the second waits for the first and builds on what it saved,
    or (after the wait) refuses in one line; never do both say "saved" with one
    edition lost. In every other run the test holds the lock until both wait
    for it, so that those two then race for it as it comes free."""
    from tui.core import userstore

    outcomes: dict[str, int] = {}
    for first in range(0, 21, 3):
        wave: list[tuple[Path, dict[int, subprocess.Popen[str]], dict[int, str] | None]] = []
        with contextlib.ExitStack() as held:
            for run in range(first, first + 3):
                user_dir = tmp_path / f"run{run}" / "ddx"
                if run % 2:
                    user_dir.mkdir(parents=True)
                    held.enter_context(userstore.locked(user_dir / userstore.LOCK_NAME, "test"))
                wave.append((user_dir, _import_pair(user_dir.parent), {} if run % 2 else None))
            for _, procs, seen in wave:
                if seen is not None:  # held: wait until both wait
                    for year, proc in procs.items():
                        assert proc.stderr is not None
                        seen[year] = proc.stderr.readline()
                        assert seen[year].startswith("ddx: waiting for another ddx import ("), seen
        for user_dir, procs, seen in wave:
            results = {}
            for year, proc in procs.items():
                out, err = proc.communicate(timeout=120)
                results[year] = (proc.returncode, out, (seen or {}).get(year, "") + err)
            for year, (rc, out, err) in results.items():
                if rc == 0:
                    assert f"saved editions {year}" in out, err
                else:  # refused after waiting: one clear line
                    assert rc == 2 and err.splitlines()[-1].endswith(
                        "another ddx import is still running after 60 s; "
                        "nothing was written, try again when it has finished"
                    ), err
            saved = sorted(pl.read_csv(user_dir / "imported" / "egov_survey.csv")["year"].unique())
            codes = sorted(rc for rc, _, _ in results.values())
            if codes == [0, 0]:
                assert saved == [2026, 2028], f"{user_dir}: both said saved, on disk: {saved}"
                waited = sum("waiting for another ddx import" in r[2] for r in results.values())
                outcome = f"both saved, {waited} waited"
            else:
                assert codes == [0, 2], f"{user_dir}: {results}"
                outcome = "one refused"
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            # The link, the lock, the generation in use and (after two saves)
            # the one before it; nothing else left behind.
            kept = [".imported-*"] * (2 if codes == [0, 0] else 1)
            assert _listing(user_dir) == [*kept, ".lock", "imported"], "leftovers"
    print(outcomes)


def test_tables_an_older_ddx_saved_are_shown_then_moved_into_a_generation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before generations, imports were saved in the data dir itself: those are
    still laid over the built-in data, and the next import carries them into
    its generation and removes them, in the one rename that publishes it."""
    from tui.core.userstore import current_import

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["import-un", str(IMPORT / "edition_2026.csv")]) == 0
    user_dir = _user_dir(tmp_path)
    generation = user_dir / "imported"
    for name in ("egov_survey.csv", "sources.csv"):  # as an older ddx left them
        (user_dir / name).write_bytes((generation / name).read_bytes())
    shutil.rmtree(generation.resolve())
    generation.unlink()
    assert current_import(user_dir) == user_dir
    capsys.readouterr()
    assert main(["rankings", "--year", "2026", "--format", "csv"]) == 0
    assert "import_unegov_2026" in capsys.readouterr().out

    assert main(["import-un", str(IMPORT / "edition_2028.csv")]) == 0
    assert _listing(user_dir) == [".imported-*", ".lock", "imported"]
    saved = pl.read_csv(user_dir / "imported" / "egov_survey.csv")["year"].unique().sort()
    assert saved.to_list()[-2:] == [2026, 2028]


def test_a_reader_stays_on_the_generation_it_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The explorer resolves the link once: an import while it runs does not
    mix the new tables into the old (it sees the new ones when restarted)."""
    from tui.core.userstore import current_import

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["import-un", str(IMPORT / "edition_2026.csv")]) == 0
    opened = current_import(_user_dir(tmp_path))
    assert opened is not None
    reader = Dataset(DATA, [opened])
    assert main(["import-un", str(IMPORT / "edition_2028.csv")]) == 0
    assert current_import(_user_dir(tmp_path)) != opened
    years = reader.frame("egov_survey")["year"].unique().to_list()
    assert 2026 in years and 2028 not in years


def test_the_readme_sample_export_dry_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The sample the README offers to try import-un on ships in the checkout, reads,
    and a dry run writes nothing."""
    from tui.paths import user_data_dir

    sample = ROOT / "examples" / "EGOV_DATA_2022_sample.csv"
    assert f"ddx import-un {sample.relative_to(ROOT)} --dry-run" in (ROOT / "README.md").read_text(
        encoding="utf-8"
    )
    assert main(["import-un", str(sample), "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("EGOV_DATA_2022_sample.csv: 8 data rows, 8 country-editions\n")
    assert "dry run: nothing written" in out
    assert not user_data_dir().exists() or not any(user_data_dir().iterdir())


@needs_reference
def test_the_sample_export_is_rows_of_the_verbatim_2022_export() -> None:
    sample = (ROOT / "examples" / "EGOV_DATA_2022_sample.csv").read_bytes()
    raw = (RAW / "pluralitybook_plurality" / "EGOV_DATA_2022.csv").read_bytes()
    lines = sample.split(b"\r\n")
    assert lines[-1] == b"" and len(lines) == 10  # header, 8 rows, CRLF after the last
    assert set(lines) <= set(raw.split(b"\r\n"))
