"""Schema rules for milestones.role, milestones.inferred and
milestone_goals.polarity: allowed values, and refused otherwise."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from tests.conftest import DATA
from tui.core import Dataset
from tui.core.errors import DataError
from tui.core.schema import TABLES


def test_schema_defines_role_inferred_and_polarity() -> None:
    ms = TABLES["milestones"]
    assert ms.col("role").choices == ("action", "result") and not ms.col("role").nullable
    assert ms.col("inferred").choices == ("no", "yes") and not ms.col("inferred").nullable
    links = TABLES["milestone_goals"]
    assert links.col("polarity").choices == ("serves", "against")
    assert not links.col("polarity").nullable


def test_builtin_roles_and_polarities_are_valid() -> None:
    ds = Dataset(DATA)
    ms = ds.frame("milestones")
    assert set(ms["role"]) == {"action", "result"}
    assert set(ds.frame("milestone_goals")["polarity"]) == {"serves", "against"}


def _overlay(tmp_path: Path, table: str, column: str, value: str) -> Path:
    mine = tmp_path / "mine"
    mine.mkdir()
    df = pl.read_csv(DATA / f"{table}.csv", infer_schema=False)
    df.head(1).with_columns(pl.lit(value).alias(column)).write_csv(mine / f"{table}.csv")
    return mine


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("milestones", "role", "outcome"),
        ("milestones", "inferred", "maybe"),
        ("milestone_goals", "polarity", "neutral"),
    ],
)
def test_a_value_outside_the_choices_is_refused(
    tmp_path: Path, table: str, column: str, value: str
) -> None:
    ds = Dataset(DATA, [_overlay(tmp_path, table, column, value)])
    with pytest.raises(DataError) as err:
        ds.validate_all()
    assert column in str(err.value) and value in str(err.value)


def test_a_blank_role_is_refused(tmp_path: Path) -> None:
    ds = Dataset(DATA, [_overlay(tmp_path, "milestones", "role", "")])
    with pytest.raises(DataError, match="role"):
        ds.validate_all()
