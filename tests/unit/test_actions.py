"""Actions beside results (tui/core/actions.py, ``ddx actions``): every rank is
checked against data/egov_survey.csv read independently with the csv module,
and no result (a rank, a share, a price, a tax) is ever listed as an action."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest

from tests.conftest import DATA
from tui.cli import main
from tui.core import Dataset
from tui.core import actions as act
from tui.core.schema import FOCUS


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return Dataset(DATA)


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _expected(iso3: str) -> dict[str, dict[str, int | float | None]]:
    """Ranks before/after/latest for each action, worked out from the CSV files."""
    survey = sorted(
        (int(r["year"]), int(r["egdi_rank"]), float(r["egdi"]))
        for r in _rows("egov_survey")
        if r["iso3"] == iso3 and r["egdi_rank"]
    )
    net = sorted(
        (int(r["year"]), float(r["value"]))
        for r in _rows("indicators")
        if r["iso3"] == iso3 and r["indicator_code"] == "IT.NET.USER.ZS"
    )
    out: dict[str, dict[str, int | float | None]] = {}
    for m in _rows("milestones"):
        if m["iso3"] != iso3 or m["role"] != "action":
            continue
        want: dict[str, int | float | None] = {
            "rank_latest": survey[-1][1],
            "year_latest": survey[-1][0],
            "egdi_latest": survey[-1][2],
        }
        y = int(m["date"][:4]) if m["date"] and m["kind"] != "plan" else None
        before = [s for s in survey if y is not None and s[0] < y]
        during = [s for s in survey if y is not None and s[0] == y]
        after = [s for s in survey if y is not None and s[0] > y]
        nb = [n for n in net if y is not None and n[0] < y]
        na = [n for n in net if y is not None and n[0] > y]
        want["year_before"], want["rank_before"], want["egdi_before"] = (
            before[-1] if before else (None, None, None)
        )
        want["year_during"], want["rank_during"], want["egdi_during"] = (
            during[0] if during else (None, None, None)
        )
        want["year_after"], want["rank_after"], want["egdi_after"] = (
            after[0] if after else (None, None, None)
        )
        want["internet_year_before"], want["internet_before"] = nb[-1] if nb else (None, None)
        want["internet_year_after"], want["internet_after"] = na[0] if na else (None, None)
        out[m["milestone_id"]] = want
    return out


@pytest.mark.parametrize("iso3", FOCUS)
def test_every_countrys_actions_match_the_survey_csv(ds: Dataset, iso3: str) -> None:
    frame = act.actions_frame(ds, iso3)
    want = _expected(iso3)
    assert sorted(frame["milestone_id"]) == sorted(want)
    assert want, f"{iso3} has no actions"
    for row in frame.iter_rows(named=True):
        for col, value in want[row["milestone_id"]].items():
            assert row[col] == value, (row["milestone_id"], col)


def test_digital_kazakhstan_33_39_24(ds: Dataset) -> None:
    row = (
        act.actions_frame(ds, "KAZ")
        .filter(pl.col("milestone_id") == "kaz-digital-kazakhstan-2017")
        .row(0, named=True)
    )
    assert (row["start"], row["rank_before"], row["rank_after"], row["rank_latest"]) == (
        "2017-12",
        33,
        39,
        24,
    )
    assert (row["year_before"], row["year_after"], row["year_latest"]) == (2016, 2018, 2024)
    assert set(row["rank_source_ids"].split(";")) == {"unegov_2016", "unegov_2018", "unegov_2024"}


def test_cli_actions_kaz_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["actions", "KAZ", "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    df = pl.read_csv(io.StringIO(out))
    for col in (
        "milestone_id",
        "title",
        "start",
        "end",
        "rank_before",
        "rank_after",
        "rank_latest",
    ):
        assert col in df.columns
    dk = df.filter(pl.col("milestone_id") == "kaz-digital-kazakhstan-2017").row(0, named=True)
    assert (dk["rank_before"], dk["rank_after"], dk["rank_latest"]) == (33, 39, 24)


def test_cli_actions_table_says_association_is_not_a_cause(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["actions", "kazakhstan"]) == 0
    out = capsys.readouterr().out
    assert "33 (2016)" in out and "39 (2018)" in out and "24 (2024)" in out
    assert "association in time is not a cause" in " ".join(out.split())


def test_no_result_is_listed_as_an_action(ds: Dataset) -> None:
    roles = {m["milestone_id"]: m["role"] for m in _rows("milestones")}
    kinds = {m["milestone_id"]: m["kind"] for m in _rows("milestones")}
    for iso3 in FOCUS:
        for mid in act.actions_frame(ds, iso3)["milestone_id"]:
            assert roles[mid] == "action"
            assert kinds[mid] not in ("rank", "statistic")
    # the audit's ten results are results
    for mid in (
        "kaz-un-rank-2018", "kaz-un-rank-2020", "kgz-un-rank-2020", "tjk-un-rank-2020",
        "tkm-un-rank-2020", "uzb-un-rank-2020", "kaz-egov-services-2020",
        "tjk-internet-users-2020", "tkm-social-networks",
    ):  # fmt: skip
        assert roles[mid] == "result", mid


def test_the_tjk_concept_runs_2012_2020_and_was_presented_in_2011() -> None:
    ms = {m["milestone_id"]: m for m in _rows("milestones")}
    concept = ms["tjk-egov-concept-2012-2020"]
    assert (concept["date"], concept["end_date"]) == ("2012", "2020")
    assert ms["tjk-egov-concept-presented-2011"]["date"] == "2011"


def test_rank_years_the_article_does_not_state_are_inferred() -> None:
    ms = {m["milestone_id"]: m for m in _rows("milestones")}
    for mid in ("tjk-un-rank-2020", "uzb-un-rank-2020", "tkm-un-rank-2020", "kaz-un-rank-2020"):
        assert ms[mid]["inferred"] == "yes", mid
    for mid in ("kgz-un-rank-2020", "kaz-un-rank-2018"):  # the article gives these years
        assert ms[mid]["inferred"] == "no", mid


def test_the_internet_tax_is_an_action_working_against_the_goals_it_bears_on(
    ds: Dataset,
) -> None:
    ms = {m["milestone_id"]: m for m in _rows("milestones")}
    assert (ms["tjk-internet-tax"]["role"], ms["tjk-internet-tax"]["kind"]) == ("action", "tax")
    links = [r for r in _rows("milestone_goals") if r["milestone_id"] == "tjk-internet-tax"]
    assert {r["goal_id"] for r in links} >= {"internet_freedom"}
    assert all(r["polarity"] == "against" for r in links) and links
    assert any("stall" in r["rationale"] for r in links)
    assert "tjk-internet-tax" in set(act.actions_frame(ds, "TJK")["milestone_id"])


def test_uzbekistans_2020_actions_show_the_2020_edition_87(ds: Dataset) -> None:
    frame = act.actions_frame(ds, "UZB").filter(pl.col("start_year") == 2020)
    assert len(frame) == 2
    for row in frame.iter_rows(named=True):
        assert (row["rank_before"], row["rank_during"], row["rank_after"]) == (81, 87, 69)
        assert (row["year_before"], row["year_during"], row["year_after"]) == (2018, 2020, 2022)


def test_a_plan_is_listed_as_planned_with_no_before_or_after(ds: Dataset) -> None:
    row = (
        act.actions_frame(ds, "TKM")
        .filter(pl.col("milestone_id") == "tkm-edoc-plan-2021")
        .row(0, named=True)
    )
    assert row["status"] == "planned" and "planned" in row["caveats"]
    for col in ("rank_before", "rank_during", "rank_after", "internet_before", "internet_after"):
        assert row[col] is None, col
    assert row["rank_latest"] is not None


def test_cli_actions_uzb_csv_shows_the_2020_edition(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actions", "UZB", "--format", "csv"]) == 0
    df = pl.read_csv(io.StringIO(capsys.readouterr().out))
    for col in ("year_during", "rank_during", "egdi_during", "status"):
        assert col in df.columns
    dated = df.filter(pl.col("start").str.starts_with("2020"))
    assert set(dated["rank_during"]) == {87} and set(dated["year_during"]) == {2020}
    assert set(dated["egdi_during"]) == {0.6665}


def test_cli_actions_table_shows_the_plan_and_the_during_column(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["actions", "TKM"]) == 0
    out = capsys.readouterr().out
    assert "during" in out and "(planned)" in out and "158" in out


def test_conclusion_is_the_articles_and_says_what_we_lack(ds: Dataset) -> None:
    con = act.conclusions(ds)
    assert len(con) >= 4 and set(con["source_id"]) == {"article"}
    speed = con.filter(pl.col("claim_id") == "con-wb-speed-price").row(0, named=True)
    assert speed["related_table"] is None and "no World Bank series" in speed["note"]
    casa = con.filter(pl.col("claim_id") == "con-digital-casa").row(0, named=True)
    assert casa["related_table"] == "digital_casa" and ds.has("digital_casa")


def test_kazakhstan_new_laws_are_recorded() -> None:
    ms = {m["milestone_id"]: m for m in _rows("milestones")}
    laws = ms["kaz-new-laws"]
    assert (laws["iso3"], laws["kind"], laws["role"], laws["date"]) == ("KAZ", "law", "action", "")


def test_sources_list_both_hanson_papers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources", "--format", "csv"]) == 0
    df = pl.read_csv(io.StringIO(capsys.readouterr().out))
    han = df.filter(pl.col("source_id").str.starts_with("hanson_2012"))
    assert set(han["source_id"]) == {"hanson_2012_revolution", "hanson_2012_baked_in"}
    assert set(han["year"]) == {2012} and han["url"].null_count() == 0
    years = dict(zip(df["source_id"], df["year"], strict=True))
    assert years["press_oananews_aze_idi"] == 2014 and years["press_tjnewsgazette_fotn"] == 2022


def test_goals_command_names_hansons_eight_areas(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["goals"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Fergus Hanson" in out and "hanson_2012_revolution" in out
    assert "ddx's note" in out  # ours, kept apart from the article's wording


def test_goals_csv_carries_the_articles_wording_and_ddxs_note_apart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["goals", "--format", "csv"]) == 0
    df = pl.read_csv(io.StringIO(capsys.readouterr().out))
    for col in ("summary", "article_wording", "ddx_note", "note_source_id"):
        assert col in df.columns
    consular = df.filter(pl.col("goal_id") == "consular").row(0, named=True)
    assert "foreign citizens" in consular["article_wording"]
    assert "own citizens abroad" in consular["ddx_note"]
    assert "foreign citizens" not in (consular["ddx_note"] or "").split('"')[0]
    assert consular["note_source_id"] == "melissen_2020"
    assert df["article_wording"].null_count() == 0
    assert set(df["links_direct"] + df["links_foundation"]) != {0}


def test_every_caveat_has_a_source_row_that_exists(ds: Dataset) -> None:
    from tui.core.caveats import CAVEATS, caveat_sources

    known = ds.source_ids()
    for key in CAVEATS:
        assert caveat_sources(key), key
        assert set(caveat_sources(key)) <= known, key


def test_caveats_say_what_the_survey_reports_say() -> None:
    from tui.core.caveats import describe

    assert "from 2008 the index measures" not in describe("readiness_era")
    assert "2010" in describe("readiness_era") and "2008" in describe("readiness_era")
    assert "publish E-Participation rankings" in describe("derived_rank")
    assert "Data Center export" in describe("derived_rank")


def test_official_record_notes_cite_new_sources(capsys: pytest.CaptureFixture[str]) -> None:
    ms = {m["milestone_id"]: m for m in _rows("milestones")}
    want = {
        "tkm-digital-economy-concept-2019": "orient_tm_3103",
        "kgz-digital-kyrgyzstan-2019": "kaktus_383965",
        "kgz-digital-year-2019": "kgz_embassy_india_1493",
        "uzb-egov-decree-2020": "gazeta_uz_2020_04_29",
    }
    for mid, sid in want.items():
        assert ms[mid]["record_source_id"] == sid and ms[mid]["record_note"], mid
        assert ms[mid]["summary"].startswith("According to the article"), mid
    assert "resolution" in ms["uzb-egov-decree-2020"]["record_note"]
    assert main(["sources", "--format", "csv"]) == 0
    listed = set(pl.read_csv(io.StringIO(capsys.readouterr().out))["source_id"])
    assert set(want.values()) | {"adesina_2017", "melissen_2020"} <= listed


def test_adesina_is_identified_and_the_conclusion_knows_tjk_2017() -> None:
    refs = {r["ref_no"]: r for r in _rows("article_references")}
    for no in ("2", "5"):
        assert "10.1080/23311886.2017.1297175" in refs[no]["note"]
        assert refs[no]["note_source_id"] == "adesina_2017"
    casa = next(r for r in _rows("conclusions") if r["claim_id"] == "con-digital-casa")
    assert "2017" in casa["note"] and "no amounts or dates found" not in casa["note"]
    afg = {r["row_id"]: r for r in _rows("digital_casa") if r["iso3"] == "AFG"}
    assert afg["dcasa-afg-board"]["date"] == "2018-03-28"
    assert afg["dcasa-afg-pad"]["date"] == "2018-03-01"
