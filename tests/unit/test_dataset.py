"""The dataset: built-in tables with the user's directories laid over them,
cross-table references, Parquet, and the built-in data validating in full."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import DATA, FIXTURES
from tui.core import DataError, Dataset
from tui.core import queries as q
from tui.core.loader import read_table
from tui.core.schema import REQUIRED, TABLES

TABLES_DIR = FIXTURES / "tables"


def overlay(tmp_path: Path, **files: str) -> Path:
    """A --data directory holding fixture files under their table names."""
    d = tmp_path / "mine"
    d.mkdir(exist_ok=True)
    for table, fixture in files.items():
        shutil.copy(TABLES_DIR / fixture, d / f"{table}.csv")
    return d


def fixture_frame(name: str = "egov_ok.csv", table: str = "egov_survey") -> pl.DataFrame:
    frame = read_table(TABLES_DIR / name, TABLES[table]).frame
    assert frame is not None
    return frame


def survey_row(ds: Dataset, iso3: str, year: int) -> dict[str, object]:
    rows = ds.frame("egov_survey").filter(pl.col("iso3") == iso3, pl.col("year") == year)
    assert rows.height == 1, rows
    return rows.row(0, named=True)


@pytest.fixture(scope="module")
def builtin() -> Dataset:
    ds = Dataset(DATA)
    ds.validate_all()
    return ds


# -- the built-in data -----------------------------------------------------------
def test_builtin_data_validates(builtin: Dataset) -> None:
    for name in TABLES:
        if builtin.has(name):
            assert builtin.frame(name).height > 0, name
    for name in REQUIRED:
        assert builtin.has(name)


def test_every_source_id_in_every_table_exists_in_sources() -> None:
    """Read each file on its own (not through the dataset's checks) and compare."""
    known = set(pl.read_csv(DATA / "sources.csv", infer_schema=False)["source_id"])
    checked = 0
    for name, table in TABLES.items():
        path = DATA / f"{name}.csv"
        if not table.has_source or not path.exists():
            continue
        ids = set(pl.read_csv(path, infer_schema=False)["source_id"])
        assert None not in ids, f"{name}: a row without a source_id"
        assert ids <= known, f"{name}: unknown source ids {sorted(ids - known)}"
        checked += 1
    assert checked >= 10


def test_every_focus_country_and_code_is_known(builtin: Dataset) -> None:
    known = builtin.known_iso3()
    assert {"KAZ", "KGZ", "TJK", "TKM", "UZB"} <= known
    assert set(builtin.frame("countries")["iso3"]) == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}


# -- overlays --------------------------------------------------------------------
def test_user_row_replaces_the_builtin_row_and_new_keys_are_added(
    tmp_path: Path, builtin: Dataset
) -> None:
    mine = overlay(tmp_path, egov_survey="egov_ok.csv")
    mine_rows = fixture_frame()
    kgz = mine_rows.filter(pl.col("iso3") == "KGZ").to_dicts()[0]
    # Change a built-in KGZ 2020 value and add an edition the built-in data lacks.
    changed = mine_rows.with_columns(
        pl.when(pl.col("iso3") == "KGZ").then(pl.lit(0.7)).otherwise(pl.col("egdi")).alias("egdi")
    )
    new = pl.DataFrame([{**kgz, "year": 2026, "source_id": "unegov_2024"}], schema=changed.schema)
    pl.concat([changed, new]).write_csv(mine / "egov_survey.csv")

    ds = Dataset(DATA, [mine])
    ds.validate_all()
    assert survey_row(ds, "KGZ", 2020)["egdi"] == 0.7
    assert survey_row(builtin, "KGZ", 2020)["egdi"] == 0.6749
    assert survey_row(ds, "KGZ", 2026)["egdi_rank"] == 83
    assert survey_row(ds, "KAZ", 2003)["hci"] == 1.03  # replaced by the fixture's row
    assert ds.frame("egov_survey").height == builtin.frame("egov_survey").height + 1
    assert 2026 in q.editions(ds)
    # Tables the overlay does not touch are the built-in ones.
    assert ds.frame("goals").equals(builtin.frame("goals"))


def test_later_overlay_wins(tmp_path: Path) -> None:
    first = overlay(tmp_path, egov_survey="egov_ok.csv")
    second = tmp_path / "second"
    second.mkdir()
    fixture_frame().with_columns(pl.lit(50).alias("egdi_rank")).write_csv(
        second / "egov_survey.csv"
    )
    ds = Dataset(DATA, [first, second])
    assert survey_row(ds, "KAZ", 2020)["egdi_rank"] == 50


def test_unknown_table_file_is_named(tmp_path: Path) -> None:
    mine = overlay(tmp_path, egov_survey="egov_ok.csv")
    (mine / "colours.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        Dataset(DATA, [mine])
    assert info.value.path == str(mine / "colours.csv")
    assert info.value.message == f"unknown table 'colours'; known tables: {', '.join(TABLES)}"
    assert str(info.value).startswith(f"{mine / 'colours.csv'}: unknown table 'colours'")


def test_csv_and_parquet_of_one_table_in_one_directory_is_an_error(tmp_path: Path) -> None:
    mine = overlay(tmp_path, egov_survey="egov_ok.csv")
    fixture_frame().write_parquet(mine / "egov_survey.parquet")
    with pytest.raises(DataError) as info:
        Dataset(DATA, [mine])
    assert str(info.value) == (
        f"{mine / 'egov_survey.parquet'}: egov_survey.csv and egov_survey.parquet are both here; "
        "keep one of them"
    )


def test_hidden_files_are_not_tables(tmp_path: Path) -> None:
    mine = overlay(tmp_path, egov_survey="egov_ok.csv")
    (mine / "._egov_survey.csv").write_bytes(b"\x00\x05\x16\x07 macOS resource fork")
    Dataset(DATA, [mine]).validate_all()


def test_overlay_must_be_a_directory(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not a directory"):
        Dataset(DATA, [tmp_path / "nowhere"])


def test_required_table_missing(tmp_path: Path) -> None:
    for name in ("sources", "economies"):
        shutil.copy(DATA / f"{name}.csv", tmp_path)
    ds = Dataset(tmp_path)
    with pytest.raises(DataError) as info:
        ds.validate_all()
    assert info.value.message == "required table 'egov_survey' not found (expected egov_survey.csv)"


def test_optional_table_missing_is_empty(tmp_path: Path) -> None:
    for name in REQUIRED:
        shutil.copy(DATA / f"{name}.csv", tmp_path)
    ds = Dataset(tmp_path)
    ds.validate_all()
    assert not ds.has("indicators")
    assert ds.frame("indicators").height == 0


# -- references between tables ---------------------------------------------------
REF_CASES = [
    (
        "egov_survey",
        "egov_unknown_iso3.csv",
        3,
        1,
        "column 'iso3': unknown country code 'XKX' (not in economies)",
    ),
    (
        "egov_survey",
        "egov_unknown_source.csv",
        3,
        14,
        "column 'source_id': unknown source 'unegov_2019' (not in sources)",
    ),
    (
        "milestone_goals",
        "milestone_goals_unknown_milestone.csv",
        3,
        1,
        "column 'milestone_id': unknown milestone 'kaz-egov-2009' (not in milestones)",
    ),
    (
        "milestone_goals",
        "milestone_goals_unknown_goal.csv",
        3,
        2,
        "column 'goal_id': unknown goal 'cyber_defence' (not in goals)",
    ),
]


@pytest.mark.parametrize(
    ("table", "fixture", "line", "column", "message"),
    REF_CASES,
    ids=[c[1].removesuffix(".csv") for c in REF_CASES],
)
def test_unknown_reference(
    tmp_path: Path, table: str, fixture: str, line: int, column: int, message: str
) -> None:
    mine = overlay(tmp_path, **{table: fixture})
    ds = Dataset(DATA, [mine])
    with pytest.raises(DataError) as info:
        ds.validate_all()
    err = info.value
    assert (err.path, err.line, err.column, err.message) == (
        str(mine / f"{table}.csv"),
        line,
        column,
        message,
    )


def test_reference_to_a_row_added_by_the_user_is_fine(tmp_path: Path) -> None:
    """A user source (or milestone) defined in the overlay may be cited by the overlay."""
    mine = overlay(tmp_path, milestones="milestones_ok.csv")
    sources = pl.read_csv(DATA / "sources.csv", infer_schema=False).head(0)
    pl.concat(
        [
            sources,
            pl.DataFrame([{"source_id": "my_notes", "publisher": "me", "title": "My notes"}]),
        ],
        how="diagonal",
    ).write_csv(mine / "sources.csv")
    links = pl.DataFrame(
        [
            {
                "milestone_id": "kgz-taza-koom-2017",
                "goal_id": "information",
                "polarity": "serves",
                "link": "foundation",
                "rationale": "why",
                "source_id": "my_notes",
            }
        ]
    )
    links.write_csv(mine / "milestone_goals.csv")
    ds = Dataset(DATA, [mine])
    ds.validate_all()
    assert "my_notes" in ds.source_ids()
    assert "kgz-taza-koom-2017" in set(q.goal_milestones(ds, "information")["milestone_id"])


# -- Parquet ---------------------------------------------------------------------
def test_parquet_with_the_same_columns_loads(tmp_path: Path) -> None:
    mine = tmp_path / "pq"
    mine.mkdir()
    # Columns in another order and a narrower integer type are fine.
    frame = fixture_frame().with_columns(pl.col("egdi_rank").cast(pl.Int32))
    frame.select(reversed(frame.columns)).write_parquet(mine / "egov_survey.parquet")
    ds = Dataset(DATA, [mine])
    ds.validate_all()
    assert survey_row(ds, "KAZ", 2003)["hci"] == 1.03
    assert ds.frame("egov_survey").schema == pl.Schema(TABLES["egov_survey"].polars_schema)


def test_parquet_all_blank_optional_column_loads(tmp_path: Path) -> None:
    mine = tmp_path / "pq"
    mine.mkdir()
    fixture_frame().with_columns(pl.lit(None).alias("flags")).write_parquet(
        mine / "egov_survey.parquet"
    )
    Dataset(DATA, [mine]).validate_all()


@pytest.mark.parametrize(
    ("column", "dtype", "position", "expected"),
    [
        ("egdi", pl.String, 4, "a number from 0 to 1"),
        ("egdi_rank", pl.Float64, 5, "a whole number from 1 to 250"),
        ("country", pl.Int64, 2, "text"),
    ],
)
def test_parquet_column_of_the_wrong_type(
    tmp_path: Path, column: str, dtype: type[pl.DataType], position: int, expected: str
) -> None:
    mine = tmp_path / "pq"
    mine.mkdir()
    frame = fixture_frame()
    if column == "country":
        frame = frame.with_columns(pl.lit(1).alias("country"))
    frame.with_columns(pl.col(column).cast(dtype)).write_parquet(mine / "egov_survey.parquet")
    with pytest.raises(DataError) as info:
        Dataset(DATA, [mine]).validate_all()
    err = info.value
    assert err.message == f"column '{column}' has type {dtype.__name__}; expected {expected}"
    assert err.column == position
    assert str(err) == f"{mine / 'egov_survey.parquet'}: {err.message}"


def test_parquet_bad_value_names_the_row(tmp_path: Path) -> None:
    mine = tmp_path / "pq"
    mine.mkdir()
    frame = fixture_frame()
    frame.with_columns(
        pl.when(pl.col("iso3") == "KGZ").then(pl.lit(5.0)).otherwise(pl.col("egdi")).alias("egdi")
    ).write_parquet(mine / "egov_survey.parquet")
    with pytest.raises(DataError) as info:
        Dataset(DATA, [mine]).validate_all()
    assert (info.value.line, info.value.column) == (3, 4)  # third row, fourth column
    assert info.value.message.startswith("column 'egdi': expected a number from 0 to 1")


def test_parquet_duplicate_key_says_row(tmp_path: Path) -> None:
    mine = tmp_path / "pq"
    mine.mkdir()
    frame = fixture_frame()
    pl.concat([frame, frame.tail(1)]).write_parquet(mine / "egov_survey.parquet")
    with pytest.raises(DataError) as info:
        Dataset(DATA, [mine]).validate_all()
    assert info.value.message == "duplicate key (iso3=KGZ, year=2020); first seen on row 3"
    assert info.value.line == 4


def test_not_a_parquet_file(tmp_path: Path) -> None:
    mine = tmp_path / "pq"
    mine.mkdir()
    (mine / "egov_survey.parquet").write_bytes(b"PAR1 but not really")
    with pytest.raises(DataError, match="not a readable Parquet file"):
        Dataset(DATA, [mine]).validate_all()


# -- an empty survey ---------------------------------------------------------------
def test_queries_on_an_empty_survey_say_there_are_no_editions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A header-only file is refused by the loader; should the survey frame be empty
    anyway (a filtered or future source), the queries say so instead of crashing."""
    ds = Dataset(DATA)
    # through the frames, not the rows checked at build time (tui/core/checked.py)
    monkeypatch.setattr(ds, "_use_checked", False)
    empty = pl.DataFrame(schema=TABLES["egov_survey"].polars_schema)
    real_frame = ds.frame
    monkeypatch.setattr(
        ds, "frame", lambda name: empty if name == "egov_survey" else real_frame(name)
    )
    assert q.editions(ds) == []
    assert q.profile(ds, "KAZ") == []
    assert q.series(ds, ["KAZ"], "egdi").height == 0
    assert q.regions(ds) == []
    with pytest.raises(q.UsageError) as info:
        q.ranking(ds, 2020)
    assert str(info.value) == "no survey edition 2020; the survey table has no editions"


# -- at the command line -----------------------------------------------------------
def test_cli_prints_one_line_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui import cli
    from tui.app import DDXApp

    def never(*_a: object, **_k: object) -> None:
        raise AssertionError("the app must not start on bad data")

    monkeypatch.setattr(DDXApp, "run", never)
    mine = overlay(tmp_path, egov_survey="egov_year_2007.csv")
    assert cli.main(["--data", str(mine)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"ddx: {mine / 'egov_survey.csv'}:3:3: column 'year': 2007 is not a UN E-Government Survey year "
        "(2003, 2004, 2005, or an even year from 2008)\n"
    )


# -- Parquet: NaN and infinity, and the column-statistics path for big files --------
def _indicator_parquet(directory: Path, values: list[float]) -> Path:
    directory.mkdir(exist_ok=True)
    pl.DataFrame(
        {
            "iso3": ["KGZ", "KAZ"],
            "indicator_code": ["IT.NET.USER.ZS"] * 2,
            "year": [2030, 2030],
            "value": values,
            "source_id": ["itu_internet_users"] * 2,
        }
    ).write_parquet(directory / "indicators.parquet")
    return directory


@pytest.mark.parametrize(
    ("values", "row", "got"), [([5.0, float("nan")], 2, "nan"), ([float("inf"), 5.0], 1, "inf")]
)
def test_parquet_nan_and_infinity_are_refused(
    tmp_path: Path, values: list[float], row: int, got: str
) -> None:
    mine = _indicator_parquet(tmp_path / "pq", values)
    with pytest.raises(DataError) as info:
        Dataset(DATA, [mine]).validate_all()
    assert (info.value.line, info.value.column) == (row, 4)
    assert info.value.message == f"column 'value': expected a number of at least 0, got '{got}'"


def test_big_parquet_is_checked_by_column_statistics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core import loader

    monkeypatch.setattr(loader, "ROW_CHECK_LIMIT", 0)  # treat every Parquet file as big
    good = _indicator_parquet(tmp_path / "good", [5.0, 6.0])
    ds = Dataset(DATA, [good])
    ds.validate_all()
    kgz = q.indicator_series(ds, ["KGZ"], "IT.NET.USER.ZS")
    assert kgz.filter(pl.col("year") == 2030)["value"].to_list() == [5.0]

    for values, message in [
        (
            [float("nan"), 5.0],
            "column 'value' has NaN or infinite values; expected a number of at least 0",
        ),
        ([-1.0, 5.0], "column 'value': expected a number of at least 0, smallest value is -1.0"),
    ]:
        bad = _indicator_parquet(tmp_path / "bad", values)
        with pytest.raises(DataError) as info:
            Dataset(DATA, [bad]).validate_all()
        assert info.value.message == message
        assert info.value.line is None


# -- Dataset.records: rows of the checked frame, the loader's words on bad cells ------
def test_records_name_the_bad_cell(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "goals.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[2].split(",")
    cells[1] = "second"  # position is a whole number
    lines[2] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        Dataset(tmp_path / "data").records("goals")
    # the same words as the loader's
    assert str(err.value) == (
        f"{path}:3:2: column 'position': expected a whole number from 1 to 99, got 'second'"
    )


def test_goal_actions_match_a_polars_join(builtin: Dataset) -> None:
    """The Goals pane's plain-row join (tui/core/article.py) against the same
    join written with Polars over the checked frames."""
    from tui.core import article

    names = builtin.frame("countries").select("iso3", pl.col("name").alias("country"))
    for goal in builtin.frame("goals")["goal_id"]:
        want = (
            builtin.frame("milestone_goals")
            .filter(pl.col("goal_id") == goal)
            .select(
                "milestone_id",
                "polarity",
                "link",
                "rationale",
                pl.col("source_id").alias("link_source_id"),
            )
            .join(builtin.frame("milestones"), on="milestone_id", how="inner")
            .join(names, on="iso3", how="left")
            .sort(["iso3", pl.col("date").is_null(), "date", "milestone_id"])
        )
        assert article.goal_actions(Dataset(DATA), goal) == want.to_dicts(), goal


def test_records_refuse_what_the_loader_refuses(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "goals.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    for body, message in (
        ("", "the file has a header but no data rows"),
        ("x,1_000,X,x,,,,article", "expected a whole number from 1 to 99, got '1_000'"),
    ):
        path.write_text(header + "\n" + body + ("\n" if body else ""), encoding="utf-8")
        with pytest.raises(DataError) as err:
            Dataset(tmp_path / "data").records("goals")
        assert message in str(err.value)


def test_editions_from_records_agree(builtin: Dataset) -> None:
    assert Dataset(DATA).distinct("egov_survey", "year") == q.editions(builtin)
