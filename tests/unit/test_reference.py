"""Our curated tables equal the shared reference, value for value.

Skipped when ../shared/reference is not beside the checkout (set DDX_SHARED to
point elsewhere).
"""

from __future__ import annotations

import re

import polars as pl
import pytest

from tests.conftest import DATA, REFERENCE, needs_reference
from tui.core import Dataset
from tui.core import queries as q

pytestmark = needs_reference

INDICES = ["egdi", "osi", "tii", "hci", "epi"]
RANKS = ["egdi_rank", "epi_rank"]
TEXT = ["country", "region", "subregion", "flags"]


def _typed(df: pl.DataFrame) -> pl.DataFrame:
    """Parse the text cells the same way for both files (blank = missing)."""
    return df.with_columns(
        pl.col(pl.String).replace("", None),
    ).with_columns(
        pl.col("year").cast(pl.Int64),
        *[pl.col(c).cast(pl.Float64) for c in INDICES],
        *[pl.col(c).cast(pl.Int64) for c in RANKS],
    )


@pytest.fixture(scope="module")
def ours() -> pl.DataFrame:
    return _typed(pl.read_csv(DATA / "egov_survey.csv", infer_schema=False)).sort("iso3", "year")


@pytest.fixture(scope="module")
def reference() -> pl.DataFrame:
    ref = pl.read_csv(REFERENCE / "un_egov_survey.csv", infer_schema=False)
    return _typed(ref).with_columns(pl.col("epi_rank_derived").cast(pl.Int64)).sort("iso3", "year")


@pytest.fixture(scope="module")
def sources() -> pl.DataFrame:
    return pl.read_csv(DATA / "sources.csv", infer_schema=False)


def test_columns_are_exactly_as_specified() -> None:
    header = (DATA / "egov_survey.csv").read_text(encoding="utf-8").splitlines()[0]
    assert (
        header
        == "iso3,country,year,egdi,egdi_rank,osi,tii,hci,epi,epi_rank,region,subregion,flags,source_id"
    )


def test_survey_has_every_row_of_the_reference(ours: pl.DataFrame, reference: pl.DataFrame) -> None:
    assert ours.height == reference.height == 2308
    assert ours["iso3"].n_unique() == 193
    assert sorted(ours["year"].unique()) == [2003, 2004, 2005, *range(2008, 2025, 2)]
    assert ours.select("iso3", "year").equals(reference.select("iso3", "year"))


@pytest.mark.parametrize("column", [*INDICES, "egdi_rank", *TEXT])
def test_survey_equals_reference_value_for_value(
    ours: pl.DataFrame, reference: pl.DataFrame, column: str
) -> None:
    diff = ours.select("iso3", "year", column).join(
        reference.select("iso3", "year", column), on=["iso3", "year"], how="inner", suffix="_ref"
    )
    assert diff.height == 2308
    bad = diff.filter(~pl.col(column).eq_missing(pl.col(f"{column}_ref")))
    assert bad.is_empty(), bad.head(10)


def test_epi_rank_is_the_references_derived_rank(
    ours: pl.DataFrame, reference: pl.DataFrame
) -> None:
    # The reference's own epi_rank is empty: no source publishes it.
    assert reference["epi_rank"].null_count() == reference.height
    assert ours["epi_rank"].to_list() == reference["epi_rank_derived"].to_list()


def test_epi_rank_is_competition_ranking_of_epi(ours: pl.DataFrame) -> None:
    derived = ours.with_columns(
        pl.col("epi")
        .rank(method="min", descending=True)
        .over("year")
        .cast(pl.Int64)
        .alias("derived")
    )
    assert derived.filter(~pl.col("epi_rank").eq_missing(pl.col("derived"))).is_empty()


def test_source_id_is_the_edition_and_names_the_copy(
    ours: pl.DataFrame, reference: pl.DataFrame, sources: pl.DataFrame
) -> None:
    assert (ours["source_id"] == ("unegov_" + ours["year"].cast(pl.String))).all()
    joined = ours.select("iso3", "year", "source_id").join(
        reference.select("iso3", "year", "source"), on=["iso3", "year"]
    )
    by_id = {r["source_id"]: r for r in sources.iter_rows(named=True)}
    for source_id, ref_source in joined.select("source_id", "source").unique().iter_rows():
        row = by_id[source_id]
        assert row["year"] == source_id.removeprefix("unegov_")
        assert row["publisher"] == "UN DESA"
        # "UN DESA EGOV data via owner/repo@sha:path" -> the note names the same copy.
        copy = re.search(r"via (\S+@[0-9a-f]+)", ref_source)
        assert copy is not None, ref_source
        assert copy.group(1) in row["note"], (source_id, copy.group(1))


def test_2020_egdi_ranks_of_the_five() -> None:
    ds = Dataset(DATA)
    ranks = dict(q.ranking(ds, 2020).select("iso3", "rank").iter_rows())
    assert ranks == {"KAZ": 29, "KGZ": 83, "TJK": 133, "TKM": 158, "UZB": 87}


def test_indicators_equal_the_world_bank_reference(sources: pl.DataFrame) -> None:
    ours = pl.read_csv(DATA / "indicators.csv", infer_schema=False)
    ref = pl.read_csv(REFERENCE / "wb_indicators.csv", infer_schema=False)
    assert ours.height == ref.height
    key = ["iso3", "indicator_code", "year"]
    joined = ours.join(ref, on=key, how="full", suffix="_ref", coalesce=True)
    assert joined.height == ref.height, "rows on one side only"
    # Same numbers (compared as numbers, so 5.0 == 5).
    bad = joined.filter(
        ~pl.col("value").cast(pl.Float64).eq_missing(pl.col("value_ref").cast(pl.Float64))
    )
    assert bad.is_empty(), bad.head(10)
    # Each reference source maps to one source id whose record names that copy.
    by_id = {r["source_id"]: r for r in sources.iter_rows(named=True)}
    pairs = joined.select("source_id", "source").unique()
    assert pairs["source"].n_unique() == pairs.height
    for source_id, ref_source in pairs.iter_rows():
        copy = re.search(r"via (\S+?)@([0-9a-f]+)", ref_source)
        assert copy is not None, ref_source
        record = f"{by_id[source_id]['url']} {by_id[source_id]['note']}"
        assert copy.group(1) in record, (source_id, ref_source)


def test_indicator_codes_have_metadata() -> None:
    codes = set(pl.read_csv(DATA / "indicators.csv", infer_schema=False)["indicator_code"])
    meta = set(pl.read_csv(DATA / "indicator_meta.csv", infer_schema=False)["indicator_code"])
    assert codes == meta == {"IT.CEL.SETS.P2", "IT.NET.BBND.P2", "IT.NET.USER.ZS", "SP.POP.TOTL"}
