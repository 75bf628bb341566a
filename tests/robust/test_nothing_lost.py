"""Nothing lost: imports and exports are atomic, an import killed mid-way
leaves the user's data directory as it was, and ddx never writes into its own
install or data/.

The kill tests run ddx through tests/robust/ddx_paused.py, which patches the
child so it says "ddx-test: ... staged" on stderr and pauses just before its
rename; the test kills it with SIGKILL inside that window.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui import cli

ROOT = Path(__file__).resolve().parents[2]
UN_HEADER = (
    "Survey Year,Country Name,E-Government Rank,E-Government Index,E-Participation Index,"
    "Online Service Index,Human Capital Index,Telecommunication Infrastructure Index"
)
# The 2020 survey's rows for three of the five, as the UN Data Center exports them.
UN_2020 = [
    "2020,Kazakhstan ,29.0,0.8375,0.881,0.9235,0.8866,0.7024",
    "2020,Kyrgyzstan ,83.0,0.6749,0.7143,0.6471,0.7873,0.5902",
    "2020,Uzbekistan ,87.0,0.6665,0.8095,0.7824,0.7434,0.4736",
]


def snapshot(directory: Path, hidden: bool = True) -> dict[str, tuple[str, int]]:
    """Every file under ``directory``: sha256 and mode (hidden entries optional)."""
    out: dict[str, tuple[str, int]] = {}
    if not directory.exists():
        return out
    for p in sorted(directory.rglob("*")):
        rel = p.relative_to(directory)
        if not hidden and any(part.startswith(".") for part in rel.parts):
            continue
        if p.is_file():
            out[str(rel)] = (
                hashlib.sha256(p.read_bytes()).hexdigest(),
                stat.S_IMODE(p.stat().st_mode),
            )
        else:
            out[str(rel) + "/"] = ("dir", stat.S_IMODE(p.stat().st_mode))
    return out


PAUSED = Path(__file__).resolve().parent / "ddx_paused.py"


def kill_when_staged(argv: list[str], env: dict[str, str], cwd: Path) -> str:
    """Run ``ddx ARGV`` paused before its rename; SIGKILL it inside the pause."""
    proc = subprocess.Popen(
        [sys.executable, str(PAUSED), "60", *argv],
        cwd=cwd,
        env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    try:
        line = proc.stderr.readline()  # blocks until the child has staged its write
        assert line.startswith("ddx-test: "), f"the child did not reach its write: {line!r}"
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    return line


@pytest.fixture
def xdg(tmp_path: Path) -> Path:
    """The user's data dir for subprocesses (the autouse fixture sets it in-process)."""
    return Path(os.environ["XDG_DATA_HOME"])


def test_interrupted_import_leaves_data_dir_as_it_was(tmp_path: Path, xdg: Path) -> None:
    from tui.core import Dataset
    from tui.core.userstore import current_import
    from tui.paths import data_dir

    user_dir = xdg / "ddx"
    # Earlier state of the user's data: an import (of an altered file, test data only).
    earlier = tmp_path / "earlier.csv"
    earlier.write_text(
        "\n".join([UN_HEADER, UN_2020[0].replace("0.8375", "0.8"), *UN_2020[1:]]) + "\n"
    )
    assert cli.main(["import-un", str(earlier)]) == 0
    in_use = current_import(user_dir)
    assert in_use is not None and in_use.parent == user_dir
    before = snapshot(in_use)
    assert set(before) == {"egov_survey.csv", "sources.csv"}

    export = tmp_path / "export.csv"
    export.write_text("\n".join([UN_HEADER, *UN_2020]) + "\n")
    staged = kill_when_staged(["import-un", str(export)], {"XDG_DATA_HOME": str(xdg)}, tmp_path)
    assert ".imported-" in staged  # killed with both tables written, before the rename

    # The link still names the earlier generation, byte for byte as it was;
    # only the killed import's own folder is left beside it.
    assert current_import(user_dir) == in_use
    assert snapshot(in_use) == before
    leftovers = [p for p in user_dir.iterdir() if p.name not in (".lock", "imported")]
    killed = Path(staged.removeprefix("ddx-test: ").removesuffix(" staged\n"))
    assert sorted(p.name for p in leftovers) == sorted([in_use.name, killed.name])

    ds = Dataset(data_dir(), [in_use])
    kaz = ds.frame("egov_survey").filter(iso3="KAZ", year=2020)
    assert kaz["egdi"].to_list() == [0.8], "the earlier import still shows"

    # The next import (the killed one's lock went with it) clears the killed
    # one's folder and goes through; the earlier generation is out of use but
    # kept for a reader that started on it, until the import after.
    assert cli.main(["import-un", str(export)]) == 0
    now = current_import(user_dir)
    assert now is not None and now != in_use
    names = sorted(p.name for p in user_dir.iterdir())
    assert names == sorted([".lock", "imported", now.name, in_use.name])
    ds = Dataset(data_dir(), [now])
    assert ds.frame("egov_survey").filter(iso3="KAZ", year=2020)["egdi"].to_list() == [0.8375]


def test_interrupted_exports_leave_nothing_half_written(tmp_path: Path, xdg: Path) -> None:
    env = {"XDG_DATA_HOME": str(xdg)}
    # A fresh `ddx export DIR`: killed while writing its first table, DIR never appears.
    out_dir = tmp_path / "exported"
    kill_when_staged(["export", str(out_dir)], env, tmp_path)
    assert not out_dir.exists()
    assert all(p.name.startswith(".") for p in tmp_path.iterdir() if p.name != "exported")

    # `--out FILE` over an earlier file: killed before the rename, the old file stays whole.
    target = tmp_path / "rankings.csv"
    target.write_text("an earlier file the user cares about\n")
    staged = kill_when_staged(["rankings", "--format", "csv", "--out", str(target)], env, tmp_path)
    assert target.read_text() == "an earlier file the user cares about\n"
    visible = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert visible == ["rankings.csv"]
    killed = Path(staged.removeprefix("ddx-test: ").removesuffix(" staged\n"))
    assert killed.parent == tmp_path and killed.name.startswith(".rankings.csv.")
    assert killed.is_dir(), "the killed write's staging is left (nothing could remove it)"

    # Uninterrupted, the same commands write whole files, and the next write
    # of that file removes what the killed one left (no temp files remain).
    assert cli.main(["rankings", "--format", "csv", "--out", str(target)]) == 0
    assert target.read_text().startswith("rank") or "KAZ" in target.read_text()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".rankings.csv.")]
    assert cli.main(["export", str(tmp_path / "exported2")]) == 0
    assert not [p for p in (tmp_path / "exported2").iterdir() if p.name.startswith(".")]

    # A re-export (in another format) killed before its swap: the earlier export stays whole.
    before = snapshot(tmp_path / "exported2")
    kill_when_staged(["export", str(tmp_path / "exported2"), "--format", "parquet"], env, tmp_path)
    assert snapshot(tmp_path / "exported2") == before


def _gone_pid() -> int:
    """The process id of a process that has ended."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_write_removes_only_what_a_killed_write_of_ours_left(tmp_path: Path) -> None:
    """A single-file write (``--out``, a tour file) has no lock in the user's
    folder: what a killed one left is told by its name's writer mark (this
    machine, its process gone). The next write of that file removes exactly
    that: a live writer's staging, another machine's, a folder holding a file
    ddx did not stage, a link, and the user's own look-alike files stay."""
    from tui.core import fsio
    from tui.core.export import atomic_write

    host = fsio.writer_mark().split("-")[1]
    gone, alive = _gone_pid(), os.getppid()
    folder = tmp_path

    def leftover(mark: str, *, file: str | None = "out.csv", tmp: bool = False) -> Path:
        if tmp:
            p = folder / f".out.csv.{mark}abc.tmp"
            p.write_text("half")
            return p
        p = folder / f".out.csv.{mark}abc"
        p.mkdir()
        if file:
            (p / file).write_text("half")
        return p

    killed_dir = leftover(f"ddx-{host}-{gone}-")
    killed_tmp = leftover(f"ddx-{host}-{gone}-", tmp=True)
    kept = [
        leftover(f"ddx-{host}-{alive}-"),  # a live writer's
        leftover(f"ddx-abcdef-{gone}-" if host != "abcdef" else f"ddx-fedcba-{gone}-"),
        leftover(f"ddx-{host}-{gone}-x", file="notes.txt"),  # holds a file ddx did not stage
        leftover(f"ddx-{host}-{alive}-", tmp=True),
    ]
    kept += [  # names no process of this machine could have made: never taken as gone
        leftover(f"ddx-{host}-{10**30}-", tmp=True),
        leftover(f"ddx-{host}-0-", tmp=True),
    ]
    user_file = folder / ".out.csv.backup"
    user_file.write_text("mine")
    link = folder / f".out.csv.ddx-{host}-{gone}-lnk.tmp"
    link.symlink_to(user_file)
    kept += [user_file, link]

    atomic_write(folder / "out.csv", "new\n")
    assert not killed_dir.exists()
    assert killed_tmp.exists(), "a folder write leaves the temporary files of other writers"
    fsio.atomic_write(folder / "out.csv", "newer\n")
    assert not killed_tmp.exists() and not killed_tmp.is_symlink()
    assert (folder / "out.csv").read_text() == "newer\n"
    assert all(p.exists() or p.is_symlink() for p in kept)
    assert user_file.read_text() == "mine"
    names = {p.name for p in folder.iterdir()}
    assert names == {"out.csv", *(p.name for p in kept)}


def test_a_write_leaves_a_held_staging_and_follows_no_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found in review: a writer this process cannot see (another process-id
    namespace: a container sharing the host's name) is alive while it holds
    its staging, whatever its process id says; and a staging folder swapped
    for a link to the user's folder between the look and the removal must
    not take the user's file of that name with it. And where there are no
    locks, nothing is judged (os.kill would end the process it asks about)."""
    from tui.core import fsio
    from tui.core.export import atomic_write

    host, gone = fsio.writer_mark().split("-")[1], _gone_pid()
    shared, docs = tmp_path / "shared", tmp_path / "docs"
    shared.mkdir()
    docs.mkdir()
    (docs / "out.csv").write_text("the user's own\n")

    staging = shared / f".out.csv.ddx-{host}-{gone}-abc"
    staging.mkdir()
    (staging / "out.csv").write_text("half")
    held = fsio.hold(staging)  # its writer, alive elsewhere
    atomic_write(shared / "out.csv", "one\n")
    assert (staging / "out.csv").read_text() == "half", "a held staging was removed"
    fsio.release(held)

    with monkeypatch.context() as patch:
        patch.setattr(fsio, "fcntl", None)
        atomic_write(shared / "out.csv", "two\n")
        assert staging.exists(), "judged without locks"

    kill = os.kill

    def swap_then_kill(pid: int, sig: int) -> None:
        if pid == gone and not staging.is_symlink():
            staging.rename(shared / "elsewhere")
            staging.symlink_to(docs)
        kill(pid, sig)

    with monkeypatch.context() as patch:
        patch.setattr(os, "kill", swap_then_kill)
        atomic_write(shared / "out.csv", "three\n")
    assert (docs / "out.csv").read_text() == "the user's own\n", "a link was followed"
    assert staging.is_symlink() and (shared / "out.csv").read_text() == "three\n"


HEADLESS_RUN = textwrap.dedent(
    """
    import asyncio, sys
    from tui import cli
    from tui.app import make_app
    from tui.panes import PANES

    async def explore():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            for i in range(1, len(PANES) + 1):
                await pilot.press(str(i), "]", "i", "e", "y", "s", "escape", "tab", "down")
            await pilot.press("question_mark", "escape", "ctrl+p", "k", "a", "z", "escape")
            await pilot.resize_terminal(120, 40)
            await pilot.press("1", "e")
            await pilot.pause()
            assert app._exception is None
        print("explored", len(PANES), "panes")

    asyncio.run(explore())
    for argv in (
        ["rankings", "--format", "csv"],
        ["country", "KAZ"],
        ["export", sys.argv[1]],
        ["import-un", sys.argv[2]],
    ):
        rc = cli.main(argv)
        print("rc", rc, argv[0])
        assert rc == 0, argv
    """
)


def _make_read_only(root: Path) -> None:
    for p in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(p.lstat().st_mode)
        p.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _make_writable(root: Path) -> None:
    for p in [root, *root.rglob("*")]:
        p.chmod(stat.S_IMODE(p.lstat().st_mode) | stat.S_IWUSR)


@pytest.mark.heavy
def test_never_writes_to_install_or_data(tmp_path: Path, xdg: Path) -> None:
    """A read-only copy of the install (tui/, data/, styles/): the explorer and
    the CLI run from it, even with the working directory inside it, and every
    file in it is unchanged afterwards (also when run as root, who may write)."""
    install = tmp_path / "install"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in ("tui", "data", "styles"):
        shutil.copytree(ROOT / part, install / part, ignore=ignore)
    export = tmp_path / "un.csv"
    export.write_text("\n".join([UN_HEADER, UN_2020[0].replace("0.8375", "0.8")]) + "\n")
    _make_read_only(install)
    before = snapshot(install)
    try:
        proc = subprocess.run(
            [sys.executable, "-c", HEADLESS_RUN, str(tmp_path / "exported"), str(export)],
            cwd=install / "data",  # the worst place to start it from
            env={
                **os.environ,
                "PYTHONPATH": str(install),
                "PYTHONDONTWRITEBYTECODE": "1",
                "XDG_DATA_HOME": str(xdg),
                "HOME": str(tmp_path / "home"),
            },
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert "explored" in proc.stdout and proc.stdout.count("rc 0") == 4, proc.stdout
        assert snapshot(install) == before, "ddx wrote into its install or data/"
    finally:
        _make_writable(install)
    # It did write: the exports went to the user's data dir, the import beside them.
    assert (xdg / "ddx" / "imported" / "egov_survey.csv").is_file()
    assert list((xdg / "ddx" / "exports").glob("*.csv")), "view exports fall back to the data dir"
    assert (tmp_path / "exported" / "manifest.csv").is_file()


# -- `ddx export DIR` never deletes what ddx did not write ----------------------------------------
def _ddx(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *argv],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _refused_one_line(proc: subprocess.CompletedProcess[str], *parts: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for part in parts:
        assert part in lines[0], lines[0]


def test_export_into_a_users_project_folder_refuses_and_touches_nothing(tmp_path: Path) -> None:
    """The issue's case: a folder with a manifest.csv of the user's own."""
    proj = tmp_path / "proj"
    (proj / "sub").mkdir(parents=True)
    (proj / "sub" / "notes.md").write_text("mine\n")
    (proj / "thesis.docx").write_text("draft\n")
    (proj / "manifest.csv").write_text("name,version\nfoo,1\n")
    before = snapshot(tmp_path)
    proc = _ddx(["export", "proj"], tmp_path)
    _refused_one_line(proc, "proj holds manifest.csv", "nothing was written")
    assert snapshot(tmp_path) == before


def test_export_refuses_a_file_added_to_an_earlier_export(tmp_path: Path) -> None:
    out = tmp_path / "dump"
    assert cli.main(["export", str(out)]) == 0
    (out / "my-notes.txt").write_text("what I found\n")
    before = snapshot(tmp_path)
    proc = _ddx(["export", "dump", "--format", "parquet"], tmp_path)
    _refused_one_line(proc, "dump holds my-notes.txt;")
    assert snapshot(tmp_path) == before
    # Edited in place (same name as ddx's file) or a folder: refused the same way.
    (out / "my-notes.txt").unlink()
    with open(out / "goals.csv", "a") as f:
        f.write("my own row\n")
    before = snapshot(tmp_path)
    _refused_one_line(_ddx(["export", "dump"], tmp_path), "goals.csv (changed since ddx wrote it)")
    assert snapshot(tmp_path) == before


def test_export_to_a_symlink_is_refused_and_its_folder_untouched(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "manifest.csv").write_text("table,file\n")
    (elsewhere / "keep.txt").write_text("keep\n")
    (tmp_path / "link").symlink_to(elsewhere)
    before = snapshot(tmp_path)
    _refused_one_line(_ddx(["export", "link"], tmp_path), "link is a symbolic link")
    assert snapshot(tmp_path) == before and (tmp_path / "link").is_symlink()


def test_re_export_of_a_real_export_still_swaps_whole(tmp_path: Path) -> None:
    out = tmp_path / "dump"
    assert cli.main(["export", str(out)]) == 0
    assert cli.main(["export", str(out), "--format", "parquet"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert "egov_survey.parquet" in names and "egov_survey.csv" not in names
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dump"]


# -- `R` appends in place; no lock is followed through a symlink ----------------------------------
def _step(n: int = 1):  # type: ignore[no-untyped-def]
    from tui.tour.model import Step

    return Step(pane="goals", title=f"step {n}", look=f"caption {n}", row=0)


def _recorded(path: Path) -> int:
    from tui.tour.model import load_tour

    return len(load_tour(path).steps)


def test_record_keeps_the_files_mode_and_owner(tmp_path: Path) -> None:
    from tui.tour.record import append_step

    tour = tmp_path / "notes.toml"
    assert append_step(tour, _step(1)) == 1
    tour.chmod(0o600)  # presenter notes kept private
    if os.geteuid() == 0:
        os.chown(tour, 4321, 4321)
    inode = tour.stat().st_ino
    assert append_step(tour, _step(2)) == 2
    st = tour.stat()
    assert stat.S_IMODE(st.st_mode) == 0o600 and st.st_ino == inode
    if os.geteuid() == 0:
        assert (st.st_uid, st.st_gid) == (4321, 4321)
    assert _recorded(tour) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.toml"]  # no .tmp, no .lock


def test_record_writes_through_the_users_symlink(tmp_path: Path) -> None:
    from tui.tour.record import append_step

    real = tmp_path / "lessons" / "week3.toml"
    real.parent.mkdir()
    append_step(real, _step(1))
    link = tmp_path / "recorded.toml"
    link.symlink_to(real)
    assert append_step(link, _step(2)) == 2
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert _recorded(real) == 2


def test_record_refuses_a_read_only_file_in_one_line(tmp_path: Path) -> None:
    from tui.core.errors import DataError
    from tui.tour.record import append_step

    tour = tmp_path / "final.toml"
    append_step(tour, _step(1))
    tour.chmod(0o444)
    before = snapshot(tmp_path)
    with pytest.raises(DataError) as info:
        append_step(tour, _step(2))
    assert "final.toml" in str(info.value) and "read-only" in str(info.value)
    assert "\n" not in str(info.value)
    assert snapshot(tmp_path) == before


RECORD_PAUSED = textwrap.dedent(
    """
    import os, sys, time
    from tui.tour import record
    from tui.tour.model import Step

    real_fsync = os.fsync
    def paused_fsync(fd):
        sys.stderr.write("ddx-test: writing\\n"); sys.stderr.flush()
        time.sleep(60)
        real_fsync(fd)
    os.fsync = paused_fsync
    record.append_step(sys.argv[1], Step(pane="goals", title="killed", look="midway", row=0))
    """
)


def test_a_recorder_killed_midway_leaves_no_temporary_file(tmp_path: Path) -> None:
    from tui.tour.record import append_step

    tour = tmp_path / "recorded.toml"
    append_step(tour, _step(1))
    proc = subprocess.Popen(
        [sys.executable, "-c", RECORD_PAUSED, str(tour)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    try:
        assert proc.stderr.readline() == "ddx-test: writing\n"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recorded.toml"]
    assert _recorded(tour) in (1, 2)  # as it was, or with the whole step: a tour either way
    assert append_step(tour, _step(3)) == _recorded(tour)


def test_a_symlinked_lock_is_refused_and_its_target_untouched(
    tmp_path: Path, xdg: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("do not truncate me\n")
    user_dir = xdg / "ddx"
    user_dir.mkdir(parents=True, exist_ok=True)
    (user_dir / ".lock").symlink_to(victim)
    export = tmp_path / "un.csv"
    export.write_text("\n".join([UN_HEADER, *UN_2020]) + "\n")
    assert cli.main(["import-un", str(export)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ".lock: is a symbolic link" in err, err
    assert victim.read_text() == "do not truncate me\n"
    assert sorted(p.name for p in user_dir.iterdir()) == [".lock"]


# -- writes that never replace what ddx did not make -----------------------------------
def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # argparse's own refusals
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


def test_tour_export_leaves_a_dangling_link_of_the_users(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    link = tmp_path / "lesson.toml"
    link.symlink_to(tmp_path / "elsewhere.toml")
    code, err = _cli(capsys, "tour", "export", "class", str(link))
    assert code == 2 and "exists; add --force" in err
    assert link.is_symlink() and not (tmp_path / "elsewhere.toml").exists()


def test_out_keeps_a_private_files_mode(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "ranks.csv"
    out.write_text("old\n")
    out.chmod(0o600)
    code, _ = _cli(capsys, "rankings", "--out", str(out))
    assert code == 0 and "Kazakhstan" in out.read_text()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_chart_out_never_replaces_a_link(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    real = tmp_path / "slides.svg"
    real.write_text("mine")
    link = tmp_path / "chart.svg"
    link.symlink_to(real)
    code, err = _cli(capsys, "chart", "rankings", "--out", str(link))
    assert code == 2 and "not a regular file" in err
    assert link.is_symlink() and real.read_text() == "mine"


def test_e_takes_a_new_name_when_its_file_appears_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program (or a second explorer) makes the file between ddx's
    choice of a name and its write: that file stays, ddx's goes to the next."""
    import polars as pl

    from tui.core import export

    choose = export.unique_path
    raced: list[Path] = []

    def racing(directory: Path, stem: str, ext: str) -> Path:
        path = choose(directory, stem, ext)
        if not raced:  # once: the file is made just after the check
            path.write_text("the user's\n")
            raced.append(path)
        return path

    monkeypatch.setattr(export, "unique_path", racing)
    saved = export.export_view(pl.DataFrame({"a": [1]}), "rankings", "", tmp_path)
    assert (tmp_path / "ddx-rankings.csv").read_text() == "the user's\n"
    assert saved != tmp_path / "ddx-rankings.csv" and saved.read_text().startswith("a")
