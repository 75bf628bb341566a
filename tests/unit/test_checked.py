"""data/checked.json: the built-in rows the first screen reads, checked at
build time (tui/core/checked.py). It must match data/ exactly, and be ignored
the moment data/ differs or the user's tables are laid over it."""

from __future__ import annotations

import shutil
from pathlib import Path

from scripts.check_data import checked_text
from tests.conftest import DATA
from tui.core import Dataset, checked


def test_checked_rows_are_up_to_date_with_data() -> None:
    """Fails when data/ changed since the file was written: run
    `python -m scripts.check_data` (the explorer meanwhile reads the tables)."""
    assert (DATA / checked.FILE).read_text(encoding="utf-8") == checked_text(), (
        "data/checked.json is stale: run .venv/bin/python -m scripts.check_data"
    )
    loaded = checked.load(DATA)
    assert loaded is not None and set(loaded) == set(checked.FIRST_SCREEN)


def _copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    return data


def test_a_changed_table_is_read_and_checked_not_taken_from_the_file(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    assert checked.load(data) is not None
    goals = data / "goals.csv"
    text = goals.read_text(encoding="utf-8")
    goals.write_text(text.replace("Knowledge management", "Knowledge keeping", 1), "utf-8")
    assert checked.load(data) is None
    names = [g["name"] for g in Dataset(data).records("goals")]
    assert "Knowledge keeping" in names and "Knowledge management" not in names
    (data / "extra.csv").write_text("x\n1\n", encoding="utf-8")
    goals.write_text(text, encoding="utf-8")
    assert checked.load(data) is None  # a file added to data/ counts too


def test_user_tables_laid_over_are_read_whatever_the_file_says(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    text = (DATA / "goals.csv").read_text(encoding="utf-8")
    (mine / "goals.csv").write_text(
        text.replace("Knowledge management", "Knowledge keeping", 1), "utf-8"
    )
    names = [g["name"] for g in Dataset(DATA, [mine]).records("goals")]
    assert "Knowledge keeping" in names


def test_the_first_screen_reads_only_checked_rows() -> None:
    """No table of the first screen goes through the loader (which would
    import Polars before the first frame): FIRST_SCREEN names them all."""
    ds = Dataset(DATA)
    assert ds.distinct("egov_survey", "year")[-1] == 2024
    from tui.core import article

    for goal in article.goals(ds):
        article.goal_actions(ds, str(goal["goal_id"]))
    assert ds._frames == {}
