"""Bad input and a failing machine give one line on stderr and exit status 2,
never a traceback (issue 19): a tour nested too deep or too long, standard
output on a full disk, a folder that cannot be read, a file name that is not
UTF-8, a number too big for its column, a locale that cannot spell the
language, a file too big to be what it claims."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import FIXTURES, ROOT
from tui.cli import main

EDITION_2026 = FIXTURES / "import" / "edition_2026.csv"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.endswith("\n"), err
    return err


def ddx(*argv: str, env: dict[str, str] | None = None, **kw: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *argv],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output="stdout" not in kw,
        text=True,
        timeout=60,
        **kw,  # type: ignore[arg-type]
    )


# -- tours ----------------------------------------------------------------------------
def test_a_tour_nested_500_deep_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("format = 1\nx = " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    code, _, err = run(capsys, "tour", "check", str(deep))
    assert code == 2
    assert "nested too deeply" in one_line(err) and str(deep) in err


def test_a_tour_of_200000_steps_is_refused_by_its_size(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    huge = tmp_path / "huge.toml"
    step = '[[steps]]\npane = "goals"\ncaption = "c"\n'
    huge.write_text('format = 1\ntitle = "t"\n' + step * 200_000, encoding="utf-8")
    code, _, err = run(capsys, "tour", "check", str(huge))
    assert code == 2 and "larger than 1 MiB" in one_line(err)
    # Under the size cap, the number of steps is capped too.
    many = tmp_path / "many.toml"
    many.write_text('format = 1\ntitle = "t"\n' + step * 501, encoding="utf-8")
    code, _, err = run(capsys, "tour", "check", str(many))
    assert code == 2 and "501 steps; a tour may have at most 500" in one_line(err)


# -- standard output that cannot be written ------------------------------------------------
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("argv", [("rankings",), ("--help",)])
def test_output_to_a_full_disk_is_one_line(argv: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        proc = ddx(*argv, stdout=full, stderr=subprocess.PIPE)
    assert proc.returncode == 2
    # One line, and no second error from the interpreter's flush at exit.
    assert "cannot write the output: No space left on device" in one_line(proc.stderr)


def test_a_write_error_at_flush_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The error may come at the last flush, after the command's own writes."""
    import errno

    class Full:
        encoding = "utf-8"

        def write(self, s: str) -> int:
            return len(s)

        def flush(self) -> None:
            raise OSError(errno.EIO, "Input/output error")

        def isatty(self) -> bool:
            return False

        def fileno(self) -> int:
            raise ValueError("no descriptor")

    monkeypatch.setattr(sys, "stdout", Full())
    code = main(["goals", "--format", "csv"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot write the output: Input/output error" in one_line(err)


# -- folders and file names ---------------------------------------------------------------
def test_an_unreadable_data_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Tests run as root, who may read any folder: the refusal is simulated.
    locked = tmp_path / "locked"
    locked.mkdir()
    real = Path.iterdir

    def iterdir(self: Path):  # type: ignore[no-untyped-def]
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    code, _, err = run(capsys, "--data", str(locked), "rankings")
    assert code == 2
    assert f"{locked}: cannot read the folder: Permission denied" in one_line(err)


def _edition(year: int) -> bytes:
    return EDITION_2026.read_bytes().replace(b"2026,", f"{year},".encode())


def test_a_file_name_that_is_not_utf8_imports_and_shows_the_byte(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    name = os.fsdecode(b"EGOV \xff \x1b]0;PWNED\x07.csv")
    path = tmp_path / name
    path.write_bytes(_edition(2030))
    code, out, err = run(capsys, "import-un", str(path))
    assert code == 0, err
    assert "EGOV \\xff \\x1b]0;PWNED\\x07.csv: " in out and "\x1b" not in out + err
    bad = tmp_path / os.fsdecode(b"bad \xff\x9b2J.csv")
    bad.write_bytes(b"Survey Year,Country Name\n2030,Kazakhstan\n")
    code, out, err = run(capsys, "import-un", str(bad))
    assert code == 2 and "bad \\xff\\x9b2J.csv:1:3: missing column" in one_line(err)
    assert "\x9b" not in err


def test_a_survey_year_too_big_for_any_column_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "year.csv"
    path.write_bytes(EDITION_2026.read_bytes().replace(b"2026,", b"9999999999999999999999,", 1))
    code, _, err = run(capsys, "import-un", "--dry-run", str(path))
    assert code == 2
    assert "column 'Survey Year': expected a survey year" in one_line(err)
    assert "9999999999999999999999" in err


def test_help_in_a_locale_that_cannot_spell_russian() -> None:
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    proc = ddx("--lang", "ru", "--help", env=env)
    assert proc.returncode == 0 and proc.stderr == ""
    assert "\\u0438\\u0441\\u043f" in proc.stdout  # 'исп', as escapes, not a crash


# -- files too big to be what they claim ----------------------------------------------------
def test_import_refuses_a_2gb_sparse_file_at_once(tmp_path: Path) -> None:
    sparse = tmp_path / "EGOV_DATA.csv"
    with sparse.open("wb") as f:
        f.truncate(2 * 2**30)
    probe = (
        "import sys, time\n"
        "from tui.cli import main\n"
        # CPU seconds, not wall: a loaded machine must not fail it, reading 2 GB would
        "t = time.process_time()\n"
        f"code = main(['import-un', '--dry-run', {str(sparse)!r}])\n"
        # VmHWM, this process's own peak: ru_maxrss keeps the parent's (the
        # pytest worker's) peak across fork and exec
        "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
        "print(code, time.process_time() - t, hwm)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    code, seconds, kib = proc.stdout.split()
    assert int(code) == 2 and "larger than 16 MiB" in one_line(proc.stderr)
    assert float(seconds) < 2.0 and int(kib) < 200 * 1024


def test_import_refuses_a_device_without_reading_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import-un", "--dry-run", "/dev/zero")
    assert code == 2 and "/dev/zero: not a regular file" in one_line(err)


# -- imported tables are checked at start, as --data is ---------------------------------------
def test_a_bad_table_in_the_import_folder_is_one_line_before_the_explorer_opens(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.app import DDXApp
    from tui.paths import user_data_dir

    imported = user_data_dir() / "imported"
    imported.mkdir(parents=True)
    rows = (ROOT / "data" / "itu_idi.csv").read_text(encoding="utf-8")
    (imported / "itu_idi.csv").write_text(rows + "KAZ,2023,1\x1b,x,itu\n", encoding="utf-8")
    opened: list[bool] = []
    monkeypatch.setattr(DDXApp, "run", lambda self, **kw: opened.append(True))
    code, _, err = run(capsys)
    assert code == 2 and opened == []
    assert f"{imported.resolve() / 'itu_idi.csv'}:" in one_line(err)
    code, _, err = run(capsys, "rankings")  # not only the explorer: every command
    assert code == 2 and "itu_idi.csv:" in one_line(err)


def test_a_staged_import_that_fails_its_check_names_the_users_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The tables an import stages are checked before they are put in use; if
    that check fails, the message names the file the user gave, not ddx's
    hidden staging folder."""
    from tui.core import importer

    real = importer.source_rows

    def bad_note(parsed, years):  # type: ignore[no-untyped-def]
        return real(parsed, years).with_columns(note=pl.lit("a note with \x1b in it"))

    monkeypatch.setattr(importer, "source_rows", bad_note)
    path = tmp_path / "EGOV_DATA_2030.csv"
    path.write_bytes(_edition(2030))
    code, _, err = run(capsys, "import-un", str(path))
    assert code == 2 and one_line(err).startswith(f"ddx: {path}: cannot be imported: ")
    assert ".imported-" not in err and "ESC (\\x1b)" in err
