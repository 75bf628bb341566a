"""The bad-data corpus (tests/fixtures/bad/): every malformed table gets its
own one-line message naming file, line and column, exit status 2, no
traceback and nothing half-written, whether it comes in through the loader,
``ddx --data DIR`` or ``ddx import-un FILE``.

Layout of the corpus:

- ``bad/data/<case>/``: a ``--data`` directory holding one malformed table;
- ``bad/un/<case>.csv``: a malformed UN E-Government Data Center export;
- ``bad/loads/<case>/``: byte-order mark, CRLF and other variants that are
  *not* errors and must load;
- ``bad/loads_un/<case>.csv``: what real UN exports contain and the importer
  accepts (BOM, CRLF, every row repeated, an extra column).

The 50 MB files of junk are generated into tmp_path at test time.
"""

from __future__ import annotations

import os
import random
import string
import subprocess
import sys
from pathlib import Path

import pytest

from tui import cli
from tui.core import Dataset
from tui.core.errors import DataError
from tui.core.schema import TABLES
from tui.paths import data_dir

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "fixtures" / "bad"
HEADER = (
    "iso3, country, year, egdi, egdi_rank, osi, tii, hci, epi, epi_rank, region, subregion, "
    "flags, source_id"
)

# case -> (line, column, message). The file is always <case>/egov_survey.csv
# unless the message names another table.
DATA_CASES: dict[str, tuple[int | None, int | None, str]] = {
    "missing_column": (
        1,
        14,
        f"missing column 'epi_rank'; a egov_survey table has exactly: {HEADER}",
    ),
    "extra_column": (
        1,
        15,
        f"unexpected column 'notes'; a egov_survey table has exactly: {HEADER}",
    ),
    "wrong_type": (3, 4, "column 'egdi': expected a number from 0 to 1, got 'high'"),
    "bad_utf8": (3, 30, "not valid UTF-8 (byte 0xe1); save the file as UTF-8"),
    "empty_file": (
        1,
        1,
        "file is empty; expected a header row: "
        "iso3,country,year,egdi,egdi_rank,osi,tii,hci,epi,epi_rank,region,subregion,flags,source_id",
    ),
    "header_only": (2, 1, "the file has a header but no data rows; add rows or leave the file out"),
    "duplicate_key": (5, 3, "duplicate key (iso3=KAZ, year=2020); first seen on line 2"),
    "unknown_iso3": (3, 1, "column 'iso3': unknown country code 'ZZZ' (not in economies)"),
    "lowercase_iso3": (
        4,
        1,
        "column 'iso3': expected an ISO 3166 alpha-3 code such as KAZ, got 'uzb'",
    ),
    "index_out_of_range": (
        3,
        6,
        "column 'osi': expected a number from 0 to 1 "
        "(only the 2003-2005 readiness indices may exceed 1), got '1.25'",
    ),
    "rank_zero": (4, 5, "column 'egdi_rank': expected a whole number from 1 to 250, got '0'"),
    "rank_negative": (2, 10, "column 'epi_rank': expected a whole number from 1 to 250, got '-26'"),
    "rank_non_numeric": (
        3,
        5,
        "column 'egdi_rank': expected a whole number from 1 to 250, got '83rd'",
    ),
    "implausible_year": (
        4,
        3,
        "column 'year': 2021 is not a UN E-Government Survey year "
        "(2003, 2004, 2005, or an even year from 2008)",
    ),
    "year_out_of_range": (
        2,
        3,
        "column 'year': expected a survey year (2003-2005 or an even year from 2008), got '1999'",
    ),
    "unknown_source": (3, 14, "column 'source_id': unknown source 'unegov_2021' (not in sources)"),
    "unclosed_quote": (3, 2, "unclosed quote starting at line 3"),
    "short_row": (3, 14, "expected 14 fields, found 13"),
    "blank_required": (4, 4, "column 'egdi' is blank; expected a number from 0 to 1"),
    "sources_duplicate": (3, 1, "duplicate key (source_id=my_notes); first seen on line 2"),
    "unknown_table": (
        None,
        None,
        # the list of tables grows; its start is fixed
        "unknown table 'egov'; known tables: " + ", ".join(TABLES),
    ),
    # Text from files is inert: control and bidi characters are refused where
    # read, and the message shows them escaped (tui/core/text.py).
    "esc_osc52_title": (
        3,
        5,
        "column 'title': ESC (\\x1b) at character 19 of "
        "'Digital Kazakhstan\\x1b]52;c;cm0gLXJmIH4K...'",
    ),
    "esc_alias": (
        3,
        1,
        "column 'alias': ESC (\\x1b) at character 7 of 'Kyrgyz\\x1b[2JRepublic'",
    ),
    "c1_csi": (3, 2, "column 'country': C1 CSI (\\x9b) at character 7 of 'Kyrgyz\\x9b31mstan'"),
    "bidi_override": (
        4,
        2,
        "column 'country': bidi override RLO (\\u202e) at character 1 of '\\u202enatsikebzU'",
    ),
    "nul_byte": (2, 13, "column 'flags': NUL (\\x00) at character 5 of 'flag\\x00'"),
    "utf16_bom": (1, 1, "looks like UTF-16; save it as UTF-8"),
    "utf16_no_bom": (1, 1, "looks like UTF-16; save it as UTF-8"),
}
FILE_OF = {
    "sources_duplicate": "sources.csv",
    "unknown_table": "egov.csv",
    "esc_osc52_title": "milestones.csv",
    "esc_alias": "country_aliases.csv",
}
LOADS = ("bom", "crlf", "bom_crlf", "readiness_era")


def expected(directory: Path, case: str) -> str:
    line, column, message = DATA_CASES[case]
    where = str(directory / FILE_OF.get(case, "egov_survey.csv"))
    if line is not None:
        where += f":{line}"
        if column is not None:
            where += f":{column}"
    return f"{where}: {message}"


def load(directory: Path) -> Dataset:
    ds = Dataset(data_dir(), [directory])
    ds.validate_all()
    return ds


def test_corpus_is_complete() -> None:
    on_disk = {p.name for p in (BAD / "data").iterdir() if p.is_dir()}
    assert on_disk == set(DATA_CASES), "every fixture has an expected message, and vice versa"
    assert len(DATA_CASES) + 2 >= 15  # + the two generated 50 MB files of junk
    assert {p.name for p in (BAD / "loads").iterdir()} == set(LOADS)
    # The BOM/CRLF variants must keep their bytes (see bad/.gitattributes).
    assert (BAD / "loads/crlf/egov_survey.csv").read_bytes().count(b"\r\n") == 4
    assert (BAD / "loads/bom/egov_survey.csv").read_bytes().startswith(b"\xef\xbb\xbf")


# -- the loader ----------------------------------------------------------------
@pytest.mark.parametrize("case", sorted(DATA_CASES))
def test_loader_message(case: str) -> None:
    directory = BAD / "data" / case
    with pytest.raises(DataError) as info:
        load(directory)
    assert str(info.value) == expected(directory, case)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("case", LOADS)
def test_loads(case: str) -> None:
    ds = load(BAD / "loads" / case)
    egov = ds.frame("egov_survey")
    kaz = egov.filter(
        (egov["iso3"] == "KAZ") & (egov["year"] == (2003 if case == "readiness_era" else 2020))
    )
    assert kaz["country"].to_list() == ["Kazakhstan"]  # BOM not glued to the first column
    if case == "readiness_era":
        assert kaz["hci"].to_list() == [1.02]
    else:
        assert kaz["egdi_rank"].to_list() == [29]
        assert kaz["source_id"].to_list() == ["unegov_2020"]  # no stray \r on the last column


# -- ddx --data DIR ----------------------------------------------------------------
@pytest.fixture
def no_tui(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """``ddx --data DIR`` checks every table, then opens the explorer: stub the opening."""
    from tui.app import DDXApp

    opened: list[object] = []
    monkeypatch.setattr(DDXApp, "run", lambda self, **kw: opened.append(self))
    return opened


def _subcommand_argv(directory: Path, out: Path) -> list[str] | None:
    """``--data DIR rankings --out FILE`` once the rankings command exists."""
    choices = _subcommands()
    if "rankings" not in choices:
        return None
    argv = ["--data", str(directory), "rankings", "--format", "csv"]
    if "--out" in choices["rankings"].format_usage():
        argv += ["--out", str(out)]
    return argv


def _subcommands() -> dict:
    import argparse

    parser = cli.build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


@pytest.mark.parametrize("case", sorted(DATA_CASES))
def test_data_option(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_tui: list[object]
) -> None:
    directory = BAD / "data" / case
    line = expected(directory, case)
    assert cli.main(["--data", str(directory)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"ddx: {line}\n")
    assert not no_tui, "the explorer must not open on bad data"

    argv = _subcommand_argv(directory, tmp_path / "out.csv")
    if argv is not None:
        assert cli.main(argv) == 2
        out, err = capsys.readouterr()
        assert (out, err) == ("", f"ddx: {line}\n")
        assert list(tmp_path.iterdir()) == [], "no partial output file"


@pytest.mark.parametrize("case", LOADS)
def test_data_option_loads(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_tui: list[object]
) -> None:
    directory = BAD / "loads" / case
    assert cli.main(["--data", str(directory)]) == 0
    assert len(no_tui) == 1
    argv = _subcommand_argv(directory, tmp_path / "out.csv")
    if argv is not None:
        assert cli.main(argv) == 0
        _, err = capsys.readouterr()
        assert "Traceback" not in err
        if "--out" in argv:
            assert "KAZ" in (tmp_path / "out.csv").read_text()


# -- 50 MB of junk ------------------------------------------------------------------
def _junk_text(path: Path, size: int = 50 * 2**20) -> None:
    rng = random.Random(8)
    alphabet = string.ascii_letters + string.digits + " ,;\"'.-_"
    block = "\n".join(
        "".join(rng.choices(alphabet, k=rng.randint(0, 150))) for _ in range(20_000)
    ).encode()
    with path.open("wb") as f:
        written = 0
        while written < size:
            f.write(block)
            written += len(block)


def _junk_bytes(path: Path, size: int = 50 * 2**20) -> None:
    rng = random.Random(8)
    block = rng.randbytes(2**20)
    with path.open("wb") as f:
        for _ in range(size // len(block)):
            f.write(block)


JUNK = {
    "text": (
        _junk_text,
        1,
        1,
        "unexpected column 'zAndj4JCcIBO CH1XKH'; a egov_survey table has exactly: " + HEADER,
    ),
    "bytes": (_junk_bytes, 1, 5, "not valid UTF-8 (byte 0xe5); save the file as UTF-8"),
}


@pytest.fixture(scope="module")
def junk_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    dirs = {}
    for kind, (make, *_rest) in JUNK.items():
        d = tmp_path_factory.mktemp(f"junk_{kind}")
        make(d / "egov_survey.csv")
        assert (d / "egov_survey.csv").stat().st_size >= 50 * 2**20
        dirs[kind] = d
    return dirs


@pytest.mark.parametrize("kind", sorted(JUNK))
def test_junk_50mb(
    kind: str,
    junk_dirs: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    no_tui: list[object],
) -> None:
    directory = junk_dirs[kind]
    _make, line, column, message = JUNK[kind]
    want = f"{directory / 'egov_survey.csv'}:{line}:{column}: {message}"
    assert cli.main(["--data", str(directory)]) == 2
    assert capsys.readouterr() == ("", f"ddx: {want}\n")


# -- real processes: no traceback ---------------------------------------------------------
def _run(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_subprocess_no_traceback(junk_dirs: dict[str, Path], tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "xdg")}
    for directory, want in (
        (
            BAD / "data" / "unclosed_quote",
            expected(BAD / "data" / "unclosed_quote", "unclosed_quote"),
        ),
        (BAD / "data" / "bad_utf8", expected(BAD / "data" / "bad_utf8", "bad_utf8")),
        (junk_dirs["text"], f"{junk_dirs['text'] / 'egov_survey.csv'}:1:1: {JUNK['text'][3]}"),
    ):
        proc = _run("--data", str(directory), env=env)
        assert proc.returncode == 2, proc.stderr
        assert proc.stdout == ""
        assert proc.stderr == f"ddx: {want}\n"
        assert "Traceback" not in proc.stderr
    if _import_available():
        bad = BAD / "un" / "unclosed_quote.csv"
        proc = _run("import-un", str(bad), env=env)
        assert (proc.returncode, proc.stdout) == (2, "")
        line, column, message = UN_CASES["unclosed_quote"]
        assert proc.stderr == f"ddx: {bad}:{line}:{column}: {message}\n"
    assert not (tmp_path / "xdg").exists(), "nothing written to the user's data dir"


# -- ddx import-un FILE --------------------------------------------------------------
UN_HEADER = (
    "Survey Year, Country Name, E-Government Rank, E-Government Index, E-Participation Index, "
    "Online Service Index, Human Capital Index, Telecommunication Infrastructure Index"
)
# The same faults in a UN E-Government Data Center export. (An unknown ISO3 is an
# unknown country name there; the export has no source_id column: the importer
# writes the source row itself.)
UN_CASES: dict[str, tuple[int, int, str]] = {
    "missing_column": (
        1,
        8,
        f"missing column 'E-Government Index'; a UN E-Government Data Center export has: {UN_HEADER}",
    ),
    "wrong_type": (3, 4, "column 'E-Government Index': expected a number from 0 to 1, got 'high'"),
    "bad_utf8": (3, 14, "not valid UTF-8 (byte 0xe1); save the file as UTF-8"),
    "empty_file": (1, 1, "file is empty; expected a header row: " + UN_HEADER.replace(", ", ",")),
    "header_only": (2, 1, "no data rows (only a header, or only unassessed placeholder rows)"),
    "duplicate_key": (
        5,
        4,
        "Kazakhstan (KAZ) 2020 appears again with a different 'E-Government Index' "
        "(0.84; line 2 has 0.8375)",
    ),
    "unknown_country": (
        3,
        2,
        "unknown country name 'Kyrgyzstn'; did you mean Kyrgyzstan (KGZ)? "
        "(teach ddx a new name with a country_aliases.csv: alias,iso3,source_id)",
    ),
    "index_out_of_range": (
        3,
        6,
        "column 'Online Service Index': expected a number from 0 to 1 "
        "(only the 2003-2005 readiness indices may exceed 1), got '1.25'",
    ),
    "rank_zero": (
        4,
        3,
        "column 'E-Government Rank': expected a whole number from 1 to 250, got '0'",
    ),
    "rank_negative": (
        2,
        3,
        "column 'E-Government Rank': expected a whole number from 1 to 250, got '-29'",
    ),
    "rank_non_numeric": (
        3,
        3,
        "column 'E-Government Rank': expected a whole-number rank (174 or 174.0), got '83rd'",
    ),
    "rank_fraction": (
        3,
        3,
        "column 'E-Government Rank': expected a whole-number rank (174 or 174.0), got '83.5'",
    ),
    "implausible_year": (
        4,
        1,
        "column 'Survey Year': 2021 is not a UN E-Government Survey year "
        "(2003, 2004, 2005, or an even year from 2008)",
    ),
    "unclosed_quote": (3, 2, "unclosed quote starting at line 3"),
    "short_row": (3, 8, "expected 8 fields, found 7"),
    "blank_index": (4, 4, "column 'E-Government Index' is blank; expected a number from 0 to 1"),
    "esc_column_name": (1, 9, "column name 'Notes\\x1b[8m' holds ESC (\\x1b)"),
    "esc_cell": (
        3,
        2,
        "column 'Country Name': ESC (\\x1b) at character 11 of 'Kyrgyzstan\\x1b[A '",
    ),
    "c1_csi": (
        4,
        2,
        "column 'Country Name': C1 CSI (\\x9b) at character 6 of 'Uzbek\\x9bistan '",
    ),
}
UN_LOADS = ("bom", "crlf", "repeated_rows", "extra_column")


def _import_available() -> bool:
    return "import-un" in _subcommands()


needs_import = pytest.mark.skipif(not _import_available(), reason="ddx import-un not built yet")


def _user_dir_files() -> dict[str, bytes]:
    from tui.paths import user_data_dir

    d = user_data_dir()
    if not d.is_dir():
        return {}
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


def test_un_corpus_is_complete() -> None:
    assert {p.stem for p in (BAD / "un").glob("*.csv")} == set(UN_CASES)
    assert {p.stem for p in (BAD / "loads_un").glob("*.csv")} == set(UN_LOADS)


@needs_import
@pytest.mark.parametrize("case", sorted(UN_CASES))
def test_import_un_message(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = BAD / "un" / f"{case}.csv"
    line, column, message = UN_CASES[case]
    before = _user_dir_files()
    assert cli.main(["import-un", str(path)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"ddx: {path}:{line}:{column}: {message}\n")
    assert _user_dir_files() == before, "nothing written to the user's data directory"


@needs_import
@pytest.mark.parametrize("case", UN_LOADS)
def test_import_un_tolerates(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = BAD / "loads_un" / f"{case}.csv"
    assert cli.main(["import-un", "--dry-run", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "3 country-editions" in out
    assert "2020: 3 countries" in out
    assert _user_dir_files() == {}, "a dry run writes nothing"


@needs_import
def test_import_un_junk_50mb(
    junk_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """50 MB is no Data Center export (every edition is about 250 KB): refused by
    its size before a byte is read, whatever the junk is."""
    for kind in JUNK:
        path = junk_dirs[kind] / "egov_survey.csv"
        assert cli.main(["import-un", str(path)]) == 2
        out, err = capsys.readouterr()
        assert (out, err) == (
            "",
            f"ddx: {path}: larger than 16 MiB, too big for a UN Data Center export; "
            "is it the right file?\n",
        )
    assert _user_dir_files() == {}


@needs_import
def test_import_un_refuses_an_alias_with_esc(capsys: pytest.CaptureFixture[str]) -> None:
    """An alias file the importer reads names through is read like any table:
    ESC in a name is refused before anything is staged or saved."""
    directory = BAD / "data" / "esc_alias"
    before = _user_dir_files()
    argv = ["import-un", "--data", str(directory), str(BAD / "loads_un" / "bom.csv")]
    assert cli.main(argv) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"ddx: {expected(directory, 'esc_alias')}\n")
    assert "\x1b" not in err
    assert _user_dir_files() == before, "nothing written to the user's data directory"


# -- generated: one cell limit, quoted or not; an unclosed quote with a long tail -------------
def _egov_rows() -> list[str]:
    text = (BAD / "data" / "wrong_type" / "egov_survey.csv").read_text(encoding="utf-8")
    return text.replace("high", "0.6749").splitlines(keepends=True)


def _with_cell(cell: str, tail: int = 0) -> str:
    rows = _egov_rows()
    rows[2] = rows[2].replace(",,unegov", f",{cell},unegov")
    return "".join(rows) + rows[3] * tail


GENERATED = {
    # 10 MB in one unquoted cell: refused at once, not read whole first
    "huge_unquoted_cell": (
        lambda: _with_cell("x" * 10_000_000),
        "3:13: cell longer than 131072 characters (the limit for one cell)",
    ),
    "huge_quoted_cell": (
        lambda: _with_cell('"' + "x," * 100_000 + '"'),
        "3:13: cell longer than 131072 characters (the limit for one cell)",
    ),
    # not 'field larger than field limit': the quote is what is wrong
    "unclosed_quote_long_tail": (
        lambda: _with_cell('"oops', tail=5000),
        "3:13: unclosed quote starting at line 3",
    ),
}


@pytest.mark.parametrize("case", sorted(GENERATED))
def test_generated_cell_limits(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_tui: list[object]
) -> None:
    make, message = GENERATED[case]
    (tmp_path / "egov_survey.csv").write_text(make(), encoding="utf-8")
    assert cli.main(["--data", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"ddx: {tmp_path / 'egov_survey.csv'}:{message}\n")
    assert not no_tui


def test_subprocess_message_is_inert(tmp_path: Path) -> None:
    """A real process: the refusal of an OSC 52 title prints no ESC, no BEL."""
    directory = BAD / "data" / "esc_osc52_title"
    proc = _run("--data", str(directory), env={"XDG_DATA_HOME": str(tmp_path / "xdg")})
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"ddx: {expected(directory, 'esc_osc52_title')}\n"
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    assert not (tmp_path / "xdg").exists()


def test_environment_value_with_esc(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """XDG_DATA_HOME is printed in messages: checked where read, like a cell."""
    monkeypatch.setenv("XDG_DATA_HOME", "/tmp/x\x1b]0;owned\x07")
    assert cli.main(["rankings"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "ddx: the user data directory '/tmp/x\\x1b]0;owned\\x07' (from XDG_DATA_HOME or HOME) "
        "holds ESC (\\x1b); set XDG_DATA_HOME to a plain path\n"
    )


# -- a big CSV is checked as it streams, by the same rules, with the same words ----------------
@pytest.fixture
def stream_every_csv(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every CSV (built-in and the case's) goes the big-file way: streamed lines."""
    from tui.core import loader

    monkeypatch.setattr(loader, "BIG_CSV", 0)
    monkeypatch.setattr(loader, "_CSV_CACHE", {})


@pytest.mark.parametrize("case", sorted(DATA_CASES))
def test_streamed_reader_same_message(case: str, stream_every_csv: None) -> None:
    directory = BAD / "data" / case
    with pytest.raises(DataError) as info:
        load(directory)
    assert str(info.value) == expected(directory, case)


@pytest.mark.parametrize("case", LOADS)
def test_streamed_reader_loads(case: str, stream_every_csv: None) -> None:
    ds = load(BAD / "loads" / case)
    egov = ds.lazy("egov_survey").collect()
    year = 2003 if case == "readiness_era" else 2020
    kaz = egov.filter((egov["iso3"] == "KAZ") & (egov["year"] == year))
    assert kaz["country"].to_list() == ["Kazakhstan"]
    assert kaz["source_id"].to_list() == [
        "unegov_2003" if case == "readiness_era" else "unegov_2020"
    ]


def test_parquet_text_is_checked_like_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_tui: list[object]
) -> None:
    """A Parquet string cell with ESC: the same words, the row as the line."""
    import polars as pl

    frame = pl.read_csv(
        ROOT / "data" / "milestones.csv", schema_overrides={"value": pl.Float64}, infer_schema=False
    ).head(3)
    titles = frame["title"].to_list()
    titles[1] = "bad\x1b[31m"
    frame.with_columns(pl.Series("title", titles)).write_parquet(tmp_path / "milestones.parquet")
    assert cli.main(["--data", str(tmp_path)]) == 2
    path = tmp_path / "milestones.parquet"
    assert capsys.readouterr() == (
        "",
        f"ddx: {path}:2:5: column 'title': ESC (\\x1b) at character 4 of 'bad\\x1b[31m'\n",
    )
