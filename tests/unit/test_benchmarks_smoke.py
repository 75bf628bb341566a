"""The scale benchmark's --data Parquet path, at a tiny size: the generated
WDI-shaped table loads lazily (never collected whole) and the Countries
figure still comes from it."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest

from tui.core import Dataset, loader
from tui.core import queries as q

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))


def test_scale_table_stays_lazy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scale

    info = scale.generate(tmp_path, rows=50_000, years=range(2020, 2024))
    assert info["rows"] >= 50_000
    # Treat 50k rows as "large" so the lazy path (aggregate checks, no collect) is taken.
    monkeypatch.setattr(loader, "ROW_CHECK_LIMIT", 10_000)
    ds = Dataset(ROOT / "data", [tmp_path])
    ds.validate_all()
    assert "indicators" not in ds._eager  # never materialised
    plan = ds.lazy("indicators").explain()
    assert "parquet" in plan.lower()  # a scan of the file, not an in-memory frame
    fig = q.latest_value(ds, "KAZ", "IT.NET.USER.ZS")
    expected = (
        pl.read_parquet(tmp_path / "indicators.parquet")
        .filter(pl.col("iso3") == "KAZ", pl.col("indicator_code") == "IT.NET.USER.ZS")
        .sort("year")
        .row(-1, named=True)
    )
    assert (fig.value, fig.year, fig.source_id) == (expected["value"], 2023, "itu_internet_users")


def test_scale_table_bad_country_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import scale

    scale.generate(tmp_path, rows=20_000, years=range(2022, 2024))
    path = tmp_path / "indicators.parquet"
    df = pl.read_parquet(path)
    df.with_columns(
        pl.when(pl.int_range(pl.len()) == 7).then(pl.lit("XXX")).otherwise("iso3").alias("iso3")
    ).write_parquet(path)
    monkeypatch.setattr(loader, "ROW_CHECK_LIMIT", 5_000)
    ds = Dataset(ROOT / "data", [tmp_path])
    with pytest.raises(loader.DataError, match="unknown country code 'XXX'"):
        ds.lazy("indicators")


def test_big_csv_streams_and_stays_lazy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """benchmarks/big_csv.py's table at 1 MiB, with the big-CSV threshold below
    it: read by streamed lines, checked, kept lazy; the figure comes from it."""
    import big_csv

    big_csv.generate(tmp_path, 1)
    monkeypatch.setattr(loader, "BIG_CSV", 2**19)
    monkeypatch.setattr(loader, "_CSV_CACHE", {})
    ds = Dataset(ROOT / "data", [tmp_path])
    ds.validate_all()
    assert "indicators" not in ds._eager
    fig = q.latest_value(ds, "KAZ", "IT.NET.USER.ZS")
    expected = (
        pl.read_csv(tmp_path / "indicators.csv")
        .filter(pl.col("iso3") == "KAZ", pl.col("indicator_code") == "IT.NET.USER.ZS")
        .sort("year")
        .row(-1, named=True)
    )
    assert (fig.value, fig.year) == (expected["value"], expected["year"])


def test_big_csv_bad_cell_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import big_csv

    big_csv.generate(tmp_path, 1)
    path = tmp_path / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5000] = lines[5000][:3] + "\u202e" + lines[5000][3:]  # an RLO after the iso3
    path.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(loader, "BIG_CSV", 2**19)
    monkeypatch.setattr(loader, "_CSV_CACHE", {})
    with pytest.raises(loader.DataError) as info:
        Dataset(ROOT / "data", [tmp_path]).lazy("indicators")
    assert str(info.value).startswith(f"{path}:5001:1: column 'iso3': bidi override RLO (\\u202e)")


def test_big_survey_csv_answers_rankings_without_collecting_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """benchmarks/data_rss.py's egov_survey.csv at 1 MiB, the big-CSV threshold
    below it: the rankings, editions and a country's rows are read from it as it
    streams, and the whole table is never held (peak memory stays near the file)."""
    import data_rss

    data_rss.generate(tmp_path, 1)
    monkeypatch.setattr(loader, "BIG_CSV", 2**19)
    monkeypatch.setattr(loader, "_CSV_CACHE", {})
    ds = Dataset(ROOT / "data", [tmp_path])
    ds.validate_all()
    assert ds.is_large("egov_survey")
    years = q.editions(ds)
    assert years[0] == 2003 and years[-1] > 2024
    df = q.ranking(ds, 2024, "egdi", "world")
    want = pl.read_csv(tmp_path / "egov_survey.csv").filter(pl.col("year") == 2024)
    builtin = pl.read_csv(ROOT / "data" / "egov_survey.csv").filter(pl.col("year") == 2024)
    assert len(df) == len(want) + len(builtin)
    assert q.ranking(ds, 2024)["iso3"].sort().to_list() == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    code = want["iso3"][0]
    rows = pl.read_csv(tmp_path / "egov_survey.csv").filter(pl.col("iso3") == code)
    assert q.components(ds, code)["year"].to_list() == sorted(rows["year"].to_list())
    assert "egov_survey" not in ds._eager  # never materialised whole


def test_rows_of_a_big_survey_csv_are_those_of_the_merged_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dataset.where reads a big CSV in chunks: the rows it gives are exactly the
    merged table's (a later file's row replaces an earlier one with its key,
    whether or not it matches), for predicates on the key and off it."""
    import data_rss

    big = tmp_path / "big"
    data_rss.generate(big, 1)
    with (big / "egov_survey.csv").open("a", encoding="utf-8") as f:  # replaces a built-in row
        f.write("KAZ,Kazakhstan,2024,0.5,99,,,,,,Asia,Central Asia,,unegov_2024\n")
    code = pl.read_csv(big / "egov_survey.csv")["iso3"][0]
    later = tmp_path / "later"
    later.mkdir()
    header = (big / "egov_survey.csv").read_text(encoding="utf-8").splitlines()[0]
    (later / "egov_survey.csv").write_text(  # replaces a row of the big file, with no region
        f"{header}\n{code},Later,2024,0.25,7,,,,,,,,,unegov_2024\n", encoding="utf-8"
    )
    monkeypatch.setattr(loader, "BIG_CSV", 2**19)
    monkeypatch.setattr(loader, "_CSV_CACHE", {})
    ds = Dataset(ROOT / "data", [big, later])
    assert ds.is_large("egov_survey")
    for predicate in (
        pl.col("year") == 2024,
        pl.col("iso3").is_in(["KAZ", "UZB", code]),
        pl.col("region") == "Asia",  # the later row has none: its key's older row must go too
        pl.col("egdi_rank") == 99,
    ):
        merged = ds.lazy("egov_survey").filter(predicate).collect().sort(["iso3", "year"])
        assert ds.where("egov_survey", predicate).equals(merged), predicate
    kaz = ds.where("egov_survey", (pl.col("iso3") == "KAZ") & (pl.col("year") == 2024))
    assert kaz["egdi_rank"].to_list() == [99]
    assert ds.distinct("egov_survey", "region") == sorted(
        set(ds.lazy("egov_survey").select("region").collect()["region"].drop_nulls())
    )
