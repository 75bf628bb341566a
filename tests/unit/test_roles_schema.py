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
        ("milestone_goals", "link", "indirect"),
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


def test_schema_defines_link_as_direct_or_foundation() -> None:
    col = TABLES["milestone_goals"].col("link")
    assert col.choices == ("direct", "foundation") and not col.nullable
    assert set(Dataset(DATA).frame("milestone_goals")["link"]) == {"direct", "foundation"}


def test_a_bad_link_is_one_line_with_file_line_and_column(tmp_path: Path) -> None:
    mine = _overlay(tmp_path, "milestone_goals", "link", "sideways")
    with pytest.raises(DataError) as err:
        Dataset(DATA, [mine]).validate_all()
    text = str(err.value)
    assert "\n" not in text and "milestone_goals.csv:2:4" in text
    assert "sideways" in text and "direct, foundation" in text


def test_a_blank_link_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="link"):
        Dataset(DATA, [_overlay(tmp_path, "milestone_goals", "link", "")]).validate_all()


# Domestic programmes, concepts, laws, decrees, themed years, e-government
# launches, portals and e-document exchange: what the article says digital
# diplomacy rests on, not acts of it.
DOMESTIC_KINDS = {"programme", "concept", "law", "decree", "themed_year", "launch", "plan",
                  "presentation", "tax", "statistic"}  # fmt: skip


def test_no_planning_knowledge_or_information_link_from_a_domestic_programme_is_direct() -> None:
    ds = Dataset(DATA)
    kinds = dict(
        zip(ds.frame("milestones")["milestone_id"], ds.frame("milestones")["kind"], strict=True)
    )
    links = ds.frame("milestone_goals").filter(
        pl.col("goal_id").is_in(["policy_planning", "knowledge", "information"])
    )
    assert len(links) >= 20
    for r in links.iter_rows(named=True):
        assert kinds[r["milestone_id"]] in DOMESTIC_KINDS, r["milestone_id"]
        assert r["link"] == "foundation", (r["milestone_id"], r["goal_id"])
        assert r["rationale"].startswith(("Foundation", "Against, as a foundation")), r


def test_every_reason_names_what_in_the_goal_it_relies_on() -> None:
    """A public diplomacy reason speaks of foreign audiences, a planning one of
    international policy: the goal as Hanson's area (and Table 1) defines it."""
    ds = Dataset(DATA)
    for r in ds.frame("milestone_goals").iter_rows(named=True):
        why = r["rationale"]
        if r["goal_id"] == "public_diplomacy":
            assert "foreign" in why, r["milestone_id"]
            assert "audience at home" not in why
        if r["goal_id"] == "policy_planning":
            assert "international policy" in why or "digital diplomacy rests on" in why, r
        if r["goal_id"] == "knowledge":
            assert "abroad" in why, r["milestone_id"]


def test_falls_are_not_read_as_favourable() -> None:
    ds = Dataset(DATA)
    links = {
        (r["milestone_id"], r["goal_id"]): r
        for r in ds.frame("milestone_goals").iter_rows(named=True)
    }
    for mid, fall in (("kaz-un-rank-2018", "33rd"), ("uzb-un-rank-2020", "81st")):
        r = links[(mid, "public_diplomacy")]
        assert r["polarity"] == "against" and "fall from " + fall in r["rationale"]
        assert "favourabl" not in r["rationale"]
    ru = ds.frame("milestone_goals_i18n").filter(pl.col("lang") == "ru")
    assert not ru.filter(
        pl.col("rationale").str.contains("внутри страны")
        & (pl.col("goal_id") == "public_diplomacy")
        & pl.col("rationale").str.contains("публичная дипломатия внутри")
    ).height


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_users_table_without_the_new_note_columns_still_loads(tmp_path: Path, fmt: str) -> None:
    """Columns added later (Table 1's wording, ddx's notes and their sources) may be
    left out of a user's --data file: they read as blank. ``link`` may not."""
    mine = tmp_path / "mine"
    mine.mkdir()
    goals = pl.DataFrame(
        {"goal_id": ["my_goal"], "position": [9], "name": ["My goal"], "summary": ["Mine."],
         "source_id": ["article"]}
    )  # fmt: skip
    ms = Dataset(DATA).frame("milestones").drop("record_note", "record_source_id")
    if fmt == "csv":
        goals.write_csv(mine / "goals.csv")
        ms.head(2).write_csv(mine / "milestones.csv")
    else:
        goals.write_parquet(mine / "goals.parquet")
        ms.head(2).write_parquet(mine / "milestones.parquet")
    ds = Dataset(DATA, [mine])
    ds.validate_all()
    row = ds.frame("goals").filter(pl.col("goal_id") == "my_goal").row(0, named=True)
    assert row["article_wording"] is None and row["ddx_note"] is None
    links = pl.read_csv(DATA / "milestone_goals.csv", infer_schema=False).drop("link")
    links.head(1).write_csv(mine / "milestone_goals.csv")
    with pytest.raises(DataError, match="missing column 'link'"):
        Dataset(DATA, [mine]).validate_all()
