"""`e` saves the frame behind the current view as CSV (path in a notification);
`y` copies it as TSV to the clipboard (OSC 52)."""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import DATA, ROOT
from tests.screen import flat
from tui.app import DDXApp, make_app


async def test_e_exports_the_rankings_view_to_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("3", "left_square_bracket", "left_square_bracket", "e")  # 2020
        await pilot.pause()
        files = list(tmp_path.glob("*.csv"))
        assert [f.name for f in files] == ["ddx-rankings-2020-egdi-central-asia-rank.csv"]
        df = pl.read_csv(files[0])
        assert dict(zip(df["iso3"], df["rank"], strict=True)) == {
            "KAZ": 29, "KGZ": 83, "TJK": 133, "TKM": 158, "UZB": 87
        }  # fmt: skip
        assert set(df["source_id"]) == {"unegov_2020"}
        assert "Exported CSV" in flat(app) and "5 rows saved to" in flat(app)
        await pilot.press("e")  # a second export never overwrites the first
        await pilot.pause()
        assert len(list(tmp_path.glob("*.csv"))) == 2


async def test_e_inside_ddx_s_own_files_goes_to_the_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sorted(p.name for p in DATA.iterdir())
    monkeypatch.chdir(DATA)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("2", "e")  # Countries: Kazakhstan across editions
        await pilot.pause()
    assert sorted(p.name for p in DATA.iterdir()) == before
    files = list((tmp_path / "ddx" / "exports").glob("*.csv"))
    assert len(files) == 1 and files[0].name.startswith("ddx-countries-kaz")
    assert pl.read_csv(files[0]).filter(pl.col("year") == 2020)["egdi_rank"].item() == 29
    assert not any(ROOT.glob("ddx-*.csv"))


async def test_y_copies_the_view_as_tsv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("3", "y")
        await pilot.pause()
        tsv = app.clipboard
        df = pl.read_csv(io.StringIO(tsv), separator="\t")
        assert len(df) == 5 and "iso3" in df.columns and df["iso3"][0] == "KAZ"
        assert "Copied" in flat(app) and "TSV" in flat(app)
    assert not list(tmp_path.iterdir())  # copying writes no file


async def test_a_view_without_a_frame_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.panes.base import Pane

    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        monkeypatch.setattr(
            type(app.active_pane), "current_frame", Pane.current_frame
        )  # a view with no table
        await pilot.press("e", "y")
        await pilot.pause()
        assert "Nothing to export" in flat(app)
        assert app.clipboard == ""
    assert not list(tmp_path.iterdir())


def _served_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DDXApp:
    """A browser session's explorer (ddx serve) that may save 3 files, its user
    data folder and working directory in ``tmp_path``."""
    import tui.view_actions
    from tui.app import Options

    monkeypatch.setattr(tui.view_actions, "SERVED_EXPORTS", 3)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    return make_app(options=Options(served=True))


async def test_a_browser_session_saves_only_so_many_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ddx serve: anyone with the URL may press `e`; each session saves at most
    SERVED_EXPORTS files on the server and then says so."""
    app = _served_app(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("3")
        for _ in range(5):
            await pilot.press("e")
            await pilot.pause()
        assert len(list((tmp_path / "data" / "ddx" / "exports").glob("*.csv"))) == 3
        assert "Export limit reached" in flat(app) and "with y instead." in flat(app), flat(app)
        said = [n.message for n in app._notifications]
        assert (
            said.count(
                "This browser session has saved its 3 files on the server; copy the view with y instead."
            )
            == 2
        )


async def test_a_reloaded_browser_session_still_stops_at_the_folders_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A session's own count starts again when its page is reloaded (a new
    session): the server's exports folder holds at most SERVED_FOLDER_EXPORTS
    saved views whatever the sessions, and then every session says so."""
    import tui.view_actions

    monkeypatch.setattr(tui.view_actions, "SERVED_FOLDER_EXPORTS", 5)
    exports = tmp_path / "data" / "ddx" / "exports"
    for session in range(3):  # the page loaded three times
        app = _served_app(tmp_path, monkeypatch)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.press("3")
            for _ in range(3):
                await pilot.press("e")
                await pilot.pause()
            if session == 2:
                assert "Export limit reached" in flat(app)
                said = [n.message for n in app._notifications]
                full = (
                    "The server's exports folder is full (5 views); copy the view with y instead."
                )
                assert said.count(full) == 3, said  # the 6th view on was refused
    assert len(list(exports.glob("ddx-*.csv"))) == 5
    assert not list(tmp_path.glob("*.csv"))  # never the working directory
