"""The questions the panes ask, answered from the built-in data."""

from __future__ import annotations

import polars as pl
import pytest

from tests.conftest import DATA
from tui.core import Dataset, UsageError
from tui.core import queries as q

FIVE = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
EDITIONS = [2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return Dataset(DATA)


def ranks(frame: pl.DataFrame) -> dict[str, int]:
    return dict(frame.select("iso3", "rank").iter_rows())


# -- rankings --------------------------------------------------------------------
def test_editions(ds: Dataset) -> None:
    assert q.editions(ds) == EDITIONS


def test_ranking_2020_the_five(ds: Dataset) -> None:
    r = q.ranking(ds, 2020)
    assert ranks(r) == {"KAZ": 29, "KGZ": 83, "TJK": 133, "TKM": 158, "UZB": 87}
    assert r["iso3"].to_list() == ["KAZ", "KGZ", "UZB", "TJK", "TKM"]  # best first
    assert r["focus"].all()
    assert not r["rank_derived"].any()  # EGDI ranks are the UN's own
    assert set(r["source_id"]) == {"unegov_2020"}


def test_ranking_2024_kgz_is_78(ds: Dataset) -> None:
    r = q.ranking(ds, 2024)
    assert ranks(r)["KGZ"] == 78
    assert r.filter(pl.col("iso3") == "KGZ")["value"].item() == 0.7316


def test_ranking_world_and_region_keep_the_world_rank(ds: Dataset) -> None:
    world = q.ranking(ds, 2020, scope="world")
    assert world.height == 193
    assert world["rank"].head(3).to_list() == [1, 2, 3]
    assert world["iso3"][0] == "DNK"
    asia = q.ranking(ds, 2020, scope="region", region="asia")  # any case
    assert set(asia["region"]) == {"Asia"}
    assert set(FIVE) <= set(asia["iso3"])
    assert ranks(asia)["KGZ"] == 83  # still the world rank
    assert asia["rank"].is_sorted()


def test_epi_ranks_are_derived_and_say_so(ds: Dataset) -> None:
    r = q.ranking(ds, 2020, "epi")
    assert r["rank_derived"].all()
    # Published EPI ranks the reference checked the derivation against.
    assert ranks(r)["KAZ"] == 26
    assert ranks(r)["UZB"] == 46


def test_component_index_ranks_are_computed_from_values(ds: Dataset) -> None:
    r = q.ranking(ds, 2020, "osi", scope="world")
    assert r["rank_derived"].all()
    best = r.sort("value", descending=True)
    assert best["rank"][0] == 1
    assert r["rank"].is_sorted()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"year": 2021},
            "no survey edition 2021; editions are 2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, "
            "2018, 2020, 2022, 2024",
        ),
        (
            {"year": 2020, "indicator": "edgi"},
            "unknown indicator 'edgi'; choose one of egdi, osi, tii, hci, epi",
        ),
        (
            {"year": 2020, "scope": "galaxy"},
            "unknown scope 'galaxy'; choose central-asia, world or a region",
        ),
        ({"year": 2020, "scope": "region"}, "scope 'region' needs a region name"),
        (
            {"year": 2020, "scope": "region", "region": "Atlantis"},
            "unknown region 'Atlantis'; regions are Africa, Americas, Asia, Europe, Oceania",
        ),
    ],
)
def test_ranking_bad_usage(ds: Dataset, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError) as info:
        q.ranking(ds, **kwargs)  # type: ignore[arg-type]
    assert str(info.value) == message


# -- countries -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("kaz", "KAZ"),
        ("Kyrgyzstan", "KGZ"),
        (" uzbek ", "UZB"),
        ("tajik", "TJK"),
        ("TKM", "TKM"),
        ("france", "FRA"),
    ],
)
def test_resolve_country(ds: Dataset, text: str, iso3: str) -> None:
    assert q.resolve_country(ds, text) == iso3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kazakstan", "unknown country 'kazakstan'; did you mean KAZ (Kazakhstan)?"),
        ("Kyrgystan", "unknown country 'Kyrgystan'; did you mean KGZ (Kyrgyzstan)?"),
        ("xx", "unknown country 'xx'"),
    ],
)
def test_resolve_country_suggests(ds: Dataset, text: str, message: str) -> None:
    with pytest.raises(UsageError) as info:
        q.resolve_country(ds, text)
    assert str(info.value) == message


def test_profile_latest_edition(ds: Dataset) -> None:
    figs = {f.label: f for f in q.profile(ds, "KGZ")}
    rank = figs["UN rank"]
    assert (rank.value, rank.year, rank.source_id) == (78, 2024, "unegov_2024")
    assert rank.text == "78 (▲3 since 2022)"
    assert figs["EGDI"].text == "0.7316"
    assert figs["EPI rank*"].value == 94
    assert "derived_rank" in figs["EPI rank*"].caveats
    # Every figure carries its source.
    assert all(f.source_id for f in figs.values() if f.value is not None)


def test_profile_for_a_given_year(ds: Dataset) -> None:
    figs = {f.label: f for f in q.profile(ds, "KAZ", 2020)}
    assert (figs["UN rank"].value, figs["UN rank"].year) == (29, 2020)
    early = {f.label: f for f in q.profile(ds, "KAZ", 2003)}
    assert early["UN rank"].text == "83"  # no earlier edition to compare with
    assert "readiness_era" in early["EGDI"].caveats


def test_profile_before_the_first_edition_is_empty(ds: Dataset) -> None:
    assert q.profile(ds, "KAZ", 2001) == []
    assert q.profile(ds, "XKX") == []


def test_country(ds: Dataset) -> None:
    kaz = q.country(ds, "KAZ")
    assert kaz["name"] == "Kazakhstan" and kaz["source_id"]
    assert q.country(ds, "FRA")["name"] == "France"  # not a focus country: name only
    with pytest.raises(UsageError, match="unknown country 'XYZ'"):
        q.country(ds, "XYZ")


def test_milestones_are_dated_in_order_with_sources(ds: Dataset) -> None:
    ms = q.milestones(ds, "KAZ")
    assert ms.height >= 3
    assert set(ms["iso3"]) == {"KAZ"}
    dated = ms["date"].drop_nulls().to_list()
    assert dated == sorted(dated)
    assert ms["source_id"].null_count() == 0
    assert "kaz-digital-kazakhstan-2017" in ms["milestone_id"].to_list()


# -- series ----------------------------------------------------------------------
def test_series_for_countries_and_an_indicator(ds: Dataset) -> None:
    s = q.series(ds, ["KAZ", "UZB"], "egdi_rank")
    assert s.columns == ["year", "iso3", "value"]
    kaz = s.filter(pl.col("iso3") == "KAZ")
    assert kaz["year"].to_list() == EDITIONS
    assert dict(kaz.select("year", "value").iter_rows())[2020] == 29
    assert s.filter(pl.col("iso3") == "UZB", pl.col("year") == 2020)["value"].item() == 87


def test_indicator_series(ds: Dataset) -> None:
    s = q.indicator_series(ds, ["KGZ"], "IT.NET.USER.ZS")
    assert s.height > 10
    assert s["year"].is_sorted()
    assert set(s["source_id"]) == {"itu_internet_users"}
    fig = q.latest_value(ds, "KGZ", "IT.NET.USER.ZS")
    assert (fig.year, fig.source_id) == (s["year"][-1], "itu_internet_users")


# -- goals -----------------------------------------------------------------------
def test_goals_are_the_eight_in_order(ds: Dataset) -> None:
    g = q.goals(ds)
    assert g.height == 8
    assert g["position"].to_list() == list(range(1, 9))
    assert g["goal_id"][0] == "knowledge"


def test_goal_milestones(ds: Dataset) -> None:
    gm = q.goal_milestones(ds, "information")
    assert "kaz-egov-2008" in gm["milestone_id"].to_list()
    assert gm["country"].null_count() == 0
    assert set(gm["link_source_id"]) == {"ddx_reading"}  # the project's reading, said so
    assert gm["source_id"].null_count() == 0  # and the fact's own source
    for goal in q.goals(ds)["goal_id"]:
        q.goal_milestones(ds, goal)  # every goal answers, even with no links
    assert q.goal_milestones(ds, "no_such_goal").height == 0


def test_sources_and_citation(ds: Dataset) -> None:
    src = q.source(ds, "unegov_2020")
    assert src is not None
    assert q.citation(src) == "UN DESA (2020). United Nations E-Government Survey 2020."
    assert q.source(ds, "nope") is None
    assert q.source(ds, None) is None
