"""The scriptable CLI: what a user types and reads, with exit status 2 and one
line for every kind of bad usage."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import DATA, ROOT
from tui.cli import build_parser, main

FIVE_2020 = {"KAZ": 29, "KGZ": 83, "TJK": 133, "TKM": 158, "UZB": 87}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_rankings_2020_csv_prints_the_five_with_their_ranks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "rankings", "--year", "2020", "--format", "csv")
    assert code == 0 and err == ""
    df = pl.read_csv(io.StringIO(out))
    assert dict(zip(df["iso3"], df["rank"], strict=True)) == FIVE_2020
    assert df["rank"].to_list() == sorted(FIVE_2020.values())  # best first
    assert set(df["source_id"]) == {"unegov_2020"} and set(df["year"]) == {2020}


def test_json_and_parquet_round_trip_to_the_csv_frame(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tui.cli.tables import rankings_frame
    from tui.core import Dataset

    want = rankings_frame(Dataset(DATA), 2020, "egdi", "central-asia")
    _, out, _ = run(capsys, "rankings", "--year", "2020", "--format", "json")
    got = pl.read_json(io.StringIO(out), schema=want.schema)
    assert got.equals(want)
    assert json.loads(out)[0]["iso3"] == "KAZ"
    target = tmp_path / "r.parquet"
    code, _, err = run(
        capsys, "rankings", "--year", "2020", "--out", str(target)
    )  # format from the extension
    assert code == 0 and f"wrote 5 rows to {target}" in err
    assert pl.read_parquet(target).equals(want)
    _, csv_out, _ = run(capsys, "rankings", "--year", "2020", "--format", "csv")
    assert pl.read_csv(io.StringIO(csv_out), schema=want.schema).equals(want)


def test_default_rankings_is_latest_egdi_the_five_as_a_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "rankings")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("UN E-Government Survey 2024: EGDI")
    rows = [ln.split() for ln in lines if ln.strip()[:1].isdigit()]
    assert [r[1] for r in rows] == ["KAZ", "UZB", "KGZ", "TJK", "TKM"]
    assert "ranks_relative" in out  # the caveat stays visible


def test_rankings_scope_region_and_derived_ranks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "rankings",
        "--year",
        "2022",
        "--indicator",
        "epi",
        "--scope",
        "europe",
        "--format",
        "csv",
    )
    df = pl.read_csv(io.StringIO(out))
    assert code == 0 and set(df["region"]) == {"Europe"} and df["rank_derived"].all()
    _, table, _ = run(capsys, "rankings", "--year", "2022", "--indicator", "epi")
    kaz = next(ln.split() for ln in table.splitlines() if " KAZ " in ln)
    assert kaz[:2] == ["15*", "KAZ"]  # derived ranks are starred
    assert "derived_rank" in table


def test_country_by_code_or_name_and_a_typo_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "country", "kaz", "--format", "csv")
    df = pl.read_csv(io.StringIO(out))
    assert (
        code == 0 and len(df) == 12 and df.filter(pl.col("year") == 2020)["egdi_rank"].item() == 29
    )
    code, out, _ = run(capsys, "country", "Uzbekistan")
    assert code == 0 and out.startswith("Uzbekistan (UZB)") and "readiness_era" in out
    code, out, err = run(capsys, "country", "Kazakstan")
    assert code == 2 and out == ""
    assert err == "ddx: unknown country 'Kazakstan'; did you mean KAZ (Kazakhstan)?\n"


def test_goals_sources_milestones(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "goals", "--format", "json")
    assert len(json.loads(out)) == 8
    _, out, _ = run(capsys, "sources", "--format", "csv")
    assert "unegov_2020," in out and out.startswith(
        "source_id,publisher,title,year,url,licence,note"
    )
    _, out, _ = run(capsys, "milestones", "uzb", "--format", "csv")
    assert set(pl.read_csv(io.StringIO(out))["iso3"]) == {"UZB"}
    code, out, _ = run(capsys, "milestones")
    assert code == 0 and {"KAZ", "KGZ", "TJK", "TKM", "UZB"} <= set(out.split())


def test_chart_prints_the_panes_chart(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "chart", "rankings", "--year", "2020", "--width", "60", "--height", "16"
    )
    lines = out.splitlines()
    assert code == 0 and len(lines) == 16 and max(len(ln) for ln in lines) <= 60
    assert "EGDI 2020" in lines[0] and all(c in out for c in FIVE_2020)
    assert "\x1b[" not in out  # no colour codes when not on a terminal
    code, out, _ = run(
        capsys, "chart", "country", "UZB", "--ascii", "--width", "60", "--height", "14"
    )
    assert code == 0 and "UN e-government rank" in out and "o Uzbekistan" in out
    code, out, _ = run(
        capsys,
        "chart",
        "compare",
        "KAZ",
        "Turkey",
        "--indicator",
        "osi",
        "--width",
        "70",
        "--height",
        "16",
    )
    # the Compare pane's grouped bars, the highlighted index marked
    assert code == 0 and "EGDI and its parts" in out and "▶OSI" in out
    # the chart ends with the key to its fills (the line under it)
    assert out.splitlines()[-1].strip() == "█ KAZ  ▓ TUR"
    code, out, _ = run(
        capsys, "chart", "compare", "--scatter", "--ascii", "--width", "70", "--height", "18"
    )
    assert code == 0 and "EGDI (x) vs EPI (y)" in out
    # each point labelled once, whole (no label over another)
    assert all(out.count(c) == 1 for c in FIVE_2020)
    assert out.splitlines()[-1].split() == ["EPI", "EGDI"]  # the axes' indices
    code, _, err = run(capsys, "chart", "compare", "KAZ")
    assert code == 2 and err == "ddx: compare 2 to 8 countries, not 1\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["rankings"],
        ["rankings", "--trajectory"],
        ["country", "KAZ", "--components"],
        ["compare"],
        ["compare", "--scatter"],
    ],
    ids=lambda a: "-".join(a),
)
@pytest.mark.parametrize("color", ["never", "always"])
def test_chart_ascii_is_pure_ascii(
    capsys: pytest.CaptureFixture[str], argv: list[str], color: str
) -> None:
    """--ascii reaches the whole figure (plotext's frame and ticks, markers,
    fills, the key), not only the markers: the drawing layer converts it."""
    args = ["chart", *argv, "--ascii", "--width", "72", "--height", "20", "--color", color]
    code, out, err = run(capsys, *args)
    assert code == 0 and err == ""
    assert out.isascii(), sorted({c for c in out if not c.isascii()})
    assert "+" in out and "|" in out  # the frame is still drawn


def test_export_dir_writes_tables_and_manifest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "export", str(tmp_path / "out"))
    assert code == 0 and "manifest.csv" in err
    assert (tmp_path / "out" / "manifest.csv").is_file() and (
        tmp_path / "out" / "egov_survey.csv"
    ).is_file()
    code, _, err = run(capsys, "export", str(DATA))
    assert code == 2 and err.startswith("ddx: will not write into") and err.count("\n") == 1


SUBCOMMANDS = [
    "rankings",
    "country",
    "goals",
    "sources",
    "milestones",
    "chart",
    "export",
    "import-un",
    "handout",
]


@pytest.mark.parametrize("cmd", SUBCOMMANDS)
def test_every_subcommand_has_help_and_data_option(
    cmd: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main([cmd, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: ddx {cmd}") and "--data DIR" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["rankings", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (["rankings", "--year", "twenty"], "argument --year: expected a survey year such as 2020"),
        (["rankings", "--indicator", "gdp"], "argument --indicator: invalid choice: 'gdp'"),
        (["country"], "the following arguments are required: COUNTRY"),
        (["chart"], "the following arguments are required: CHART"),
        (["chart", "pie"], "invalid choice: 'pie'"),
        (["chart", "rankings", "--width", "0"], "expected a positive whole number"),
        (["import-un"], "the following arguments are required: FILE"),
        (["handout"], "the following arguments are required: --out"),
        (["export", "d", "--format", "json"], "argument --format: invalid choice: 'json'"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and err.rstrip().endswith("(try --help)")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["rankings", "--year", "2021"], "ddx: no survey edition 2021; editions are 2003,"),
        (
            ["rankings", "--scope", "mars"],
            "ddx: unknown scope 'mars'; choose central-asia, world or a region: Africa",
        ),
        (["milestones", "Atlantis"], "ddx: unknown country 'Atlantis'"),
    ],
)
def test_bad_values_are_one_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.startswith(message) and err.count("\n") == 1


def test_data_dir_overlays_and_its_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "goals.csv").write_text(
        "goal_id,position,name,summary,source_id\nmy_goal,9,My goal,Mine.,article\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "goals", "--data", str(mine), "--format", "csv")
    assert code == 0 and "my_goal,9,My goal" in out
    (mine / "goals.csv").write_text(
        "goal_id,position,name,summary,source_id\nmy_goal,x,My goal,Mine.,article\n"
    )
    code, _, err = run(capsys, "goals", "--data", str(mine))
    assert code == 2 and err.count("\n") == 1
    assert (
        err
        == f"ddx: {mine / 'goals.csv'}:2:2: column 'position': expected a whole number from 1 to 99, got 'x'\n"
    )


def test_parser_has_every_subcommand() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(SUBCOMMANDS) <= set(sub.choices)  # type: ignore[arg-type]


@pytest.mark.slow
def test_cli_path_does_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys; from tui.cli import main; "
        "rc = main(['chart', 'rankings', '--width', '60', '--height', '12']); "
        "rc |= main(['rankings', '--format', 'csv']); "
        "rc |= main(['chart', 'compare', '--width', '70', '--height', '16']); "
        "rc |= main(['chart', 'compare', '--scatter', '--width', '70', '--height', '16']); "
        "assert not [m for m in sys.modules if m == 'textual' or m.startswith('textual.')], 'textual imported'; "
        "sys.exit(rc)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr


# -- surprises a new user met (issue 19) ---------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--out", "x.xlsx"], "cannot write .xlsx files (x.xlsx); --out takes .csv, .json"),
        (
            ["--format", "csv", "--out", "y.json"],
            "--format csv contradicts the extension of y.json",
        ),
        (["--out", "missing/dir/x.csv"], "no such folder: missing/dir"),
    ],
)
def test_out_that_says_one_thing_and_would_write_another_is_refused(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "rankings", *argv)
    assert code == 2 and out == "" and err == f"ddx: {message}" + err[len(message) + 5 :]
    assert err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []  # nothing written, no folder made


def test_out_extension_and_format_that_agree_are_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name, argv in (("a.csv", ["--format", "csv"]), ("b.TSV", []), ("c.txt", []), ("d", [])):
        code, _, err = run(capsys, "rankings", *argv, "--out", str(tmp_path / name))
        assert code == 0, err
    assert (tmp_path / "b.TSV").read_text().startswith("year\tindicator")
    assert (tmp_path / "c.txt").read_text().startswith("UN E-Government Survey")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--width", "5"], "argument --width: a chart needs 40 to 1000, got 5"),
        (["--height", "2"], "argument --height: a chart needs 6 to 500, got 2"),
        (["--width", "100000"], "argument --width: a chart needs 40 to 1000, got 100000"),
    ],
)
def test_chart_sizes_it_cannot_draw_honestly_are_refused(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["chart", "rankings", *argv])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and message in err and err.count("\n") == 1


def test_chart_out_of_memory_says_smaller_not_larger(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.charts import render

    def no_memory(*args: object, **kwargs: object) -> str:
        raise MemoryError

    monkeypatch.setattr(render, "render_text", no_memory)
    code, _, err = run(capsys, "chart", "rankings", "--width", "900", "--height", "400")
    assert code == 2
    assert "not enough memory to draw this chart at 900x400; try a smaller" in err
    assert "larger" not in err


def test_did_you_mean_only_for_a_name_that_is_close(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "country", "Narnia")
    assert code == 2 and err == "ddx: unknown country 'Narnia'\n"  # not "Armenia"
    code, _, err = run(capsys, "country", "Germny")
    assert code == 2 and "did you mean DEU (Germany)?" in err


def test_out_over_a_device_a_pipe_or_a_link_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--out renames a new file over its target: over /dev/stdout, a pipe or a
    symbolic link that would replace the thing itself."""
    import os

    mine = tmp_path / "mine.csv"
    mine.write_text("keep\n")
    link = tmp_path / "link.csv"
    link.symlink_to(mine)
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for target in (link, fifo, Path("/dev/null")):
        code, out, err = run(capsys, "rankings", "--format", "csv", "--out", str(target))
        assert code == 2 and out == ""
        assert (
            err
            == f"ddx: {target} is not a regular file; --out writes a file (leave it off to print)\n"
        )
    assert link.is_symlink() and fifo.exists() and mine.read_text() == "keep\n"
    assert Path("/dev/null").is_char_device()


def test_every_subcommand_is_known_before_its_module_loads() -> None:
    """Opening the explorer builds the parser without the subcommands (their
    modules load only when a command is named); the list of names that decides
    it must be the parser's own, or `ddx NEWCOMMAND` would be refused."""
    import argparse

    from tui.cli.parser import COMMANDS, names_a_command

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == COMMANDS
    assert not names_a_command(["--lang", "ru", "--theme", "light"])
    assert names_a_command(["--lang", "ru", "rankings"])
    assert names_a_command(["--help"])


def test_the_explorer_path_imports_no_command_module() -> None:
    """`ddx` with only explorer options imports none of the subcommands' modules."""
    code = (
        "import sys; from tui.cli import parser; "
        "p = parser.build_parser(with_commands=parser.names_a_command(['--lang', 'en'])); "
        "p.parse_args(['--lang', 'en']); "
        "print(sorted(m for m in sys.modules if m.startswith('tui.cli.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    for module in ("tables", "figures", "serve", "tour", "handout", "actions", "import_export"):
        assert f"'tui.cli.{module}'" not in out, out
