"""The actions view (Timeline pane, c) and the Goals pane's two lists: actions
apart from results, and every "works against" link shown as such."""

from __future__ import annotations

import csv

from tests.conftest import DATA
from tests.screen import flat, open_pane, settled, widget_text
from tui.app import Options, make_app
from tui.core import article
from tui.panes.actions_view import CONCLUSION, ActionsView
from tui.panes.goals import GoalsPane
from tui.panes.timeline import TimelinePane

PRESENT = 2026


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _goal_text(app) -> str:  # type: ignore[no-untyped-def]
    return widget_text(app.query_one("#goal-actions"))


async def test_goals_pane_lists_actions_and_results_apart_and_marks_against_links() -> None:
    links = _rows("milestone_goals")
    milestones = {m["milestone_id"]: m for m in _rows("milestones")}
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        pane = app.query_one(GoalsPane)
        for goal in article.goals(app.dataset):
            pane.goal_id = str(goal["goal_id"])
            pane._show()
            await pilot.pause()
            text = _goal_text(app)
            acts_at = text.find("Country actions (")
            res_at = text.find("Results that bear on it")
            assert 0 <= acts_at < res_at, goal["goal_id"]
            for link in (x for x in links if x["goal_id"] == goal["goal_id"]):
                m = milestones[link["milestone_id"]]
                at = text.find(m["title"])
                assert at >= 0, (goal["goal_id"], m["title"])
                # a result is never listed among the actions, an action never among results
                if m["role"] == "result":
                    assert at > res_at, m["milestone_id"]
                else:
                    assert acts_at < at < res_at, m["milestone_id"]
                line = text[at:].splitlines()[0]
                assert ("works against this goal" in line) == (link["polarity"] == "against")
        assert "Fergus Hanson" in flat(app) and "ddx's note" in flat(app)


async def test_internet_freedom_shows_the_tax_working_against_it() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        pane = app.query_one(GoalsPane)
        pane.goal_id = "internet_freedom"
        pane._show()
        await pilot.pause()
        text = _goal_text(app)
        line = next(ln for ln in text.splitlines() if "5% tax on internet services" in ln)
        assert "works against this goal" in line
        # a measure the government took: an action, not a result
        assert "Country actions (1)" in text
        acts, res = text.find("Country actions ("), text.find("Results that bear on it")
        assert acts < text.find("5% tax on internet services") < res


async def test_inferred_years_say_so_in_the_goals_pane() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        pane = app.query_one(GoalsPane)
        pane.goal_id = "public_diplomacy"
        pane._show()
        await pilot.pause()
        text = _goal_text(app)
        line = next(ln for ln in text.splitlines() if "ranking: 133rd" in ln)
        assert "2020 (inferred)" in line
        line = next(ln for ln in text.splitlines() if "ranking: 83rd" in ln)
        assert "inferred" not in line


async def test_actions_view_shows_ranks_around_digital_kazakhstan() -> None:
    app = make_app(options=Options(present_year=PRESENT))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, "6")
        await pilot.press("c")
        await pilot.pause()
        pane = app.query_one(TimelinePane)
        assert pane.view == "actions"
        view = app.query_one(ActionsView)
        assert view.current == "kaz-egov-2008"
        await pilot.press("down")
        await pilot.pause()
        assert pane.describe_state() == "view=actions item=kaz-digital-kazakhstan-2017"
        text = flat(app)
        assert "An association in time is not a cause" in text
        assert "before 33 (2016)" in text and "after 39 (2018)" in text
        assert "latest 24 (2024)" in text
        # ] steps the list; the app's country follows the selection
        for _ in range(3):
            await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.current.startswith("kgz-") and app.country == "KGZ"
        # the export frame is the actions frame
        assert "rank_before" in pane.current_frame().columns
        # c goes back to the Gantt
        await pilot.press("c")
        await pilot.pause()
        assert pane.view == "timeline" and "Programmes and milestones" in flat(app)


async def test_country_changed_while_the_actions_view_mounts() -> None:
    """A tour's step can set the country between c and the view's first frame:
    the view opens on that country's first action."""
    import asyncio

    app = make_app(options=Options(present_year=PRESENT))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, "6")
        pane = app.query_one(TimelinePane)
        toggling = asyncio.ensure_future(pane.action_toggle_view())
        while not app.query(ActionsView):  # the view is in the DOM, not yet mounted
            await asyncio.sleep(0)
        assert not app.query_one(ActionsView).is_mounted
        app.country = "UZB"
        await toggling
        await pilot.pause()
        view = app.query_one(ActionsView)
        assert view.current.startswith("uzb-") and app.country == "UZB"
        assert "Uzbekistan (UZB)" in flat(app)


async def test_actions_view_ends_with_the_articles_conclusion() -> None:
    app = make_app(options=Options(present_year=PRESENT))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot, "6")
        await pilot.press("c", "end")
        await pilot.pause()
        view = app.query_one(ActionsView)
        assert view.current == CONCLUSION
        text = flat(app)
        assert "The article's conclusion" in text and "good ICT infrastructure" in text
        assert "An association in time is not a cause" in text
        detail = str(app.query_one("#act-detail").render())  # scrolls below the fold
        assert "Digital CASA" in detail
        assert "no World Bank series on internet speed" in " ".join(detail.split())


async def test_inferred_years_say_so_in_the_timeline() -> None:
    from tui.widgets.gantt import Gantt

    app = make_app(options=Options(present_year=PRESENT))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, "6")
        pane = app.query_one(TimelinePane)
        ids = pane.current_frame()["milestone_id"].to_list()
        app.query_one(Gantt).selected = ids.index("uzb-un-rank-2020")
        await pilot.pause()
        text = flat(app)
        # the row marks the year with "*", the legend says what it means, and
        # the detail under the chart says it in words
        assert "2020*" in text and "* date inferred" in text and "ddx inferred it" in text
        app.query_one(Gantt).selected = ids.index("kgz-un-rank-2020")
        await pilot.pause()
        assert "inferred" not in str(app.query_one("#tl-detail").render())


async def test_goals_pane_tells_the_two_kinds_of_link_apart_and_says_what_foundation_means() -> (
    None
):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        pane = app.query_one(GoalsPane)
        pane.goal_id = "policy_planning"
        pane._show()
        await pilot.pause()
        text = flat(app)
        assert "foundation: a domestic capability" in text
        assert "direct: bears on the goal as Hanson's area defines it" in text
        lines = _goal_text(app).splitlines()
        digital = next(ln for ln in lines if "Digital Kazakhstan" in ln)
        assert "(foundation)" in digital
        pane.goal_id = "public_diplomacy"
        pane._show()
        await pilot.pause()
        lines = _goal_text(app).splitlines()
        assert "(direct)" in next(ln for ln in lines if "ranking: 87th" in ln)
        assert "works against" in next(ln for ln in lines if "ranking: 87th" in ln)


async def test_goals_pane_shows_the_articles_wording_and_ddxs_consular_note() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        pane = app.query_one(GoalsPane)
        pane.goal_id = "consular"
        pane._show()
        await pilot.pause()
        text = " ".join(widget_text(app.query_one("#goal-words")).split())
        assert "The article's words (Table 1, in English):" in text
        assert "with foreign citizens;" in text
        assert "own citizens abroad" in text and "melissen_2020" in text
        assert "Adesina (2017" in text and "cannot be told" in text


async def test_actions_view_shows_the_edition_of_the_start_year_and_plans_apart() -> None:
    app = make_app(options=Options(present_year=PRESENT))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot, "6")
        await pilot.press("c")
        await pilot.pause()
        view = app.query_one(ActionsView)
        ids = [r["milestone_id"] for r in view.rows]
        for target in ("uzb-egov-decree-2020", "tkm-edoc-plan-2021"):
            view.query_one("#act-list").highlighted = ids.index(target)
            await pilot.pause()
            text = " ".join(widget_text(view.query_one("#act-detail")).split())
            if target.startswith("uzb"):
                assert "before 81 (2018)" in text and "during 87 (2020)" in text
                assert "after 69 (2022)" in text
                assert "resolution" in text and "gazeta_uz_2020_04_29" in text
                assert "(foundation)" in text and "foundation = a domestic capability" in text
            else:
                assert "Planned: the article says when it was to start" in text
                assert "before " not in text.split("Planned:")[1].split("Latest")[0]
        assert "An association in time is not a cause" in flat(app)


async def test_timeline_shows_the_articles_date_and_ddxs_note_on_the_official_record() -> None:
    app = make_app(options=Options(present_year=PRESENT))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot, "6")
        pane = app.query_one(TimelinePane)
        index = pane.frame["milestone_id"].to_list().index("tkm-digital-economy-concept-2019")
        pane._show_detail(index)
        await pilot.pause()
        text = " ".join(widget_text(app.query_one("#tl-detail")).split())
        assert "Concept of Digital Economy" in text and "According to the article" in text
        assert "end of November 2018" in text and "orient_tm_3103" in text
