"""Countries: the five, one at a time: figures, the article's account, milestones
and charts of the UN rank and the index components over time."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import polars as pl
from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.visual import visualize
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..charts.figures import country_components_figure, country_rank_figure
from ..charts.widget import Chart, Draw
from ..core import FOCUS
from ..core import queries as q
from ..i18n import (
    N_,
    NP_,
    _,
    current_language,
    local_decimal,
    milestone_text,
    pgettext,
    translated_rows,
)
from ..textsafe import plain, safe
from ..widgets.lists import KeyList
from ..widgets.settled import Settled
from ..widgets.text import PairGrid, Rendered, bullets, hanging
from .base import Pane, Provenance

# The article's rating words (assessments.level), one set per aspect rated: in
# Russian the word agrees with the aspect's noun («высокий EGDI», «высокое
# электронное участие», «высокая открытость»), so each is its own message.
_LEVEL_MESSAGES = (
    NP_("level of egdi", "very high"),
    NP_("level of egdi", "high"),
    NP_("level of egdi", "average"),
    NP_("level of egdi", "low"),
    NP_("level of e_participation", "very high"),
    NP_("level of e_participation", "high"),
    NP_("level of e_participation", "average"),
    NP_("level of e_participation", "low"),
    NP_("level of info_openness", "very high"),
    NP_("level of info_openness", "high"),
    NP_("level of info_openness", "average"),
    NP_("level of info_openness", "low"),
)
_RATED = ("egdi", "e_participation", "info_openness")


def level_word(aspect: str, level: str) -> str:
    """The article's rating ``level`` of ``aspect`` in the current language,
    agreeing with the aspect's noun (the data's own word if it is not one of
    the four)."""
    if aspect not in _RATED or level not in _LEVEL_MESSAGES:
        return level
    return pgettext(f"level of {aspect}", level)


class _Part(Settled, Static):
    pass


class _Scroll(Settled, VerticalScroll):
    pass


@dataclass(frozen=True)
class _Profile:
    """What the profile shows of one country, in one language."""

    figures: list[q.Figure]
    head: Text
    summary: RenderableType
    figures_text: RenderableType
    assessments: RenderableType
    milestones: RenderableType


class CountriesPane(Pane):
    pane_id = "countries"
    step_help = N_("previous / next country")
    indicator_help = N_("highlight an index in the components chart")

    BINDINGS = [
        Binding("c", "toggle_chart", N_("Chart"), id="country_chart"),
        # Home/End move the profile, wherever focus is in the pane: in the
        # five-country list they would select Kazakhstan / Uzbekistan instead.
        Binding(
            "home",
            "profile_edge(0)",
            N_("Top"),
            key_display="Home",
            show=False,
            priority=True,
            id="country_top",
        ),
        Binding(
            "end",
            "profile_edge(1)",
            N_("Bottom"),
            key_display="End",
            show=False,
            priority=True,
            id="country_end",
        ),
    ]

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="country-side"):
                lst = KeyList(id="country-list")
                lst.border_title = _("Countries")
                yield lst
                yield _Part("", id="country-assessments")
            main = _Scroll(id="country-main")
            main.border_title = _("Profile")
            # On the border, not in the text: it stays in view and leaves the
            # chart room to show whole at 80x24.
            main.border_subtitle = _("s: sources, caveats (!)")
            with main:
                yield _Part("", id="country-head")
                yield _Part("", id="country-figures")
                yield Chart(id="country-chart")
                yield _Part("", id="country-summary")
                yield _Part("", id="country-milestones")

    def on_mount(self) -> None:
        self.chart_kind = "rank"
        self._profiles: dict[tuple[str, str], _Profile] = {}
        self._draws: dict[tuple[str, ...], Draw] = {}
        self._fill_list()
        self._show_current()
        self.follow("country", self._show_current)
        self.follow("indicator", self._draw_chart)

    def _fill_list(self) -> None:
        names = q.focus_countries(self.ds)
        lst = self.query_one("#country-list", KeyList)
        keep = lst.highlighted
        lst.clear_options()
        lst.add_options(
            [
                Option(plain(f"{self.country_label(c, n)} ({c})"), id=c)
                for c, n in zip(names["iso3"], names["name"], strict=True)
            ]
        )
        if keep is not None:
            lst.highlighted = keep

    def retranslate(self) -> None:
        self.query_one("#country-list", KeyList).border_title = _("Countries")
        main = self.query_one("#country-main", VerticalScroll)
        main.border_title = _("Profile")
        main.border_subtitle = _("s: sources, caveats (!)")
        self._fill_list()
        self._show(self.ddx.country)

    # -- selection ---------------------------------------------------------
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # A highlight the list has already moved on from is stale: acting on it
        # would set the country back, and with two countries queued (] ] typed
        # fast) the list and the app's country chased each other for ever.
        if (
            event.option_list.id == "country-list"
            and event.option.id
            and event.option_index == event.option_list.highlighted
            and event.option.id != self.ddx.country
        ):
            self.ddx.country = event.option.id

    def step(self, delta: int) -> bool:
        self.ddx.step_country(delta)
        return True

    def cycle_indicator(self) -> bool:
        self.ddx.next_indicator()
        if self.chart_kind != "components":
            self.chart_kind = "components"
            self._draw_chart()
        return True

    def action_profile_edge(self, end: int) -> None:
        main = self.query_one("#country-main", VerticalScroll)
        if end:
            main.scroll_end(animate=False, immediate=True)
        else:
            main.scroll_home(animate=False, immediate=True)

    def action_toggle_chart(self) -> None:
        self.chart_kind = "components" if self.chart_kind == "rank" else "rank"
        self._draw_chart()

    # -- drawing ---------------------------------------------------------------
    def _show_current(self) -> None:
        self._show(self.ddx.country)

    def _show(self, iso3: str) -> None:
        lst = self.query_one("#country-list", KeyList)
        idx = lst.get_option_index(iso3) if iso3 in FOCUS else None
        if idx is not None and lst.highlighted != idx:
            lst.highlighted = idx
        # Each country opens at the top of its profile (also via Ctrl+P, [ and ]).
        self.query_one("#country-main", VerticalScroll).scroll_home(animate=False, immediate=True)
        profile = self._profile(iso3)
        self.figures = profile.figures
        self.query_one("#country-head", Static).update(profile.head)
        self.query_one("#country-summary", Static).update(profile.summary)
        self.query_one("#country-figures", Static).update(profile.figures_text)
        self.query_one("#country-assessments", Static).update(profile.assessments)
        self.query_one("#country-milestones", Static).update(profile.milestones)
        self._draw_chart()

    def _profile(self, iso3: str) -> _Profile:
        """A country's profile texts in the current language, made once per
        country and language (the data of a session does not change): ] and [
        then neither query the tables nor lay the tables out again, and each
        text is laid out once per width (``Rendered``)."""
        key = (iso3, current_language())
        found = self._profiles.get(key)
        if found is not None:
            return found
        info = q.country(self.ds, iso3)
        head = Text.assemble((safe(self.country_label(iso3, info["name"])), "bold"), f" ({iso3})")
        if info.get("portal"):
            head.append("  " + _("e-government portal: {url}").format(url=safe(info["portal"])))
        summary: RenderableType = ""
        own = translated_rows(self.ds, "countries_i18n", "iso3").get(iso3)
        text = (own or {}).get("summary") or info.get("summary")
        if text:
            summary = Text.assemble(
                (_("In the article"), "bold"),
                "\n",
                safe(text),
                (" " + _("(the article's account)"), "dim"),
            )
        figures = q.profile(self.ds, iso3)
        found = self._profiles[key] = _Profile(
            figures=figures,
            head=head,
            summary=summary,
            # The tables (pairs, rows that hang) are what costs to lay out.
            figures_text=_kept(self._figures_text(figures)),
            assessments=_kept(self._assessments_text(iso3)),
            milestones=_kept(self._milestones_text(iso3)),
        )
        return found

    def _figures_text(self, figures: list[q.Figure]) -> RenderableType:
        """The profile: a grid of label/value pairs, never split across lines."""
        if not figures:
            return Text(_("No UN E-Government Survey figures for this country."))
        year = figures[0].year
        pairs = []
        for f in figures:
            mark = "!" if any(k != "ranks_relative" for k in f.caveats) else ""
            when = f" ({f.year})" if f.year != year and f.year is not None else ""
            pairs.append((_(f.label), f"{_figure_text(f.text)}{when}{mark}"))
        # The rank, the five indices, then the rest: each a grid of its own, so
        # the short index pairs line up in columns beside each other.
        indices = [i for i, f in enumerate(figures) if f.label in q.INDICATOR_SHORT.values()]
        lo, hi = (indices[0], indices[-1] + 1) if indices else (len(pairs), len(pairs))
        groups = [pairs[:lo], pairs[lo:hi], pairs[hi:]]
        return Group(
            Text(_("UN E-Government Survey {year}").format(year=year)),
            *(PairGrid(g) for g in groups if g),
        )

    def _assessments_text(self, iso3: str) -> RenderableType:
        rows = q.assessments(self.ds, iso3)
        if rows.is_empty():
            return plain("")
        labels = {
            "egdi": "EGDI",
            "e_participation": _("E-participation"),
            "info_openness": _("Info openness"),
        }
        levels = [
            level_word(str(a), str(lv)) for a, lv in zip(rows["aspect"], rows["level"], strict=True)
        ]
        # One aspect a line; a level that wraps hangs under the aspect's text.
        return Group(
            Text(_("The article rates"), style="bold"),
            bullets(
                Text.assemble(f"{safe(labels.get(a, a))}: ", (safe(lv), "bold"))
                for a, lv in zip(rows["aspect"], levels, strict=True)
            ),
        )

    def _milestones_text(self, iso3: str) -> RenderableType:
        ms = q.milestones(self.ds, iso3)
        if ms.is_empty():
            return ""
        rows = []
        for r in ms.iter_rows(named=True):
            when = r["date"] or _("undated")
            if r["end_date"]:
                when += f"–{r['end_date']}"
            if r["inferred"] == "yes":
                when += " " + _("(inferred)")
            rows.append((when, milestone_text(self.ds, r, "title")))
        # The date in its own column: a long title wraps under itself, not under the date.
        return Group(
            Text(_("Milestones in the article"), style="bold"),
            hanging(rows, justify_label="right"),
        )

    def _draw_chart(self) -> None:
        self.query_one("#country-chart", Chart).show(
            *self._figure(self.chart_kind, self.ddx.country)
        )

    def _figure(self, kind: str, iso3: str) -> tuple[Draw, tuple[str, ...]]:
        """A chart's drawing and its key; the figure (its data queried) once
        per key: the chart keeps what it drew per key and size."""
        key: tuple[str, ...]
        if kind == "rank":
            key = ("rank", iso3, current_language())
        else:
            key = ("comp", iso3, self.ddx.indicator, current_language())
        draw = self._draws.get(key)
        if draw is None:
            draw = self._draws[key] = (
                country_rank_figure(self.ds, iso3)
                if kind == "rank"
                else country_components_figure(self.ds, iso3, self.ddx.indicator)
            )
        return draw, key

    def rehearsals(self) -> list[Callable[[], object]]:
        """The other countries, made ready at the pane's sizes: ] and [ then
        show a country as fast the first time as the next (its profile queried
        and written, its tables laid out, its chart plotted)."""
        return [partial(self._rehearse, iso3) for iso3 in FOCUS]

    def _rehearse(self, iso3: str) -> None:
        if iso3 == self.ddx.country:
            return
        profile = self._profile(iso3)  # kept: what follows is kept per width and size
        parts = {
            "#country-figures": profile.figures_text,
            "#country-assessments": profile.assessments,
            "#country-milestones": profile.milestones,
        }
        for part_id, text in parts.items():
            if isinstance(text, Rendered):  # laid out as the part will measure it
                part = self.query_one(part_id, Static)
                visualize(part, text).get_height(part.styles, part.size.width)  # type: ignore[arg-type]  # as Widget does
        self.query_one("#country-chart", Chart).prepare(*self._figure(self.chart_kind, iso3))

    # -- pane protocol ---------------------------------------------------------
    def provenance(self) -> list[Provenance]:
        iso3 = self.ddx.country
        items = [
            Provenance(
                f"{_(f.label)}: {_figure_text(f.text)}",
                f.source_id,
                f.caveats,
                f"({f.year})" if f.year else "",
            )
            for f in self.figures
        ]
        items.append(
            Provenance(_("Country summary, milestones and ratings"), "article", ("article_claim",))
        )
        chart = (
            _("UN rank across editions")
            if self.chart_kind == "rank"
            else _("index components across editions")
        )
        srcs = sorted(set(self.ds.where("egov_survey", pl.col("iso3") == iso3)["source_id"]))
        items.append(
            Provenance(
                _("Chart: {chart}").format(chart=chart),
                srcs[-1] if srcs else None,
                ("readiness_era", "ranks_relative"),
                _("one source per edition; see Sources pane"),
            )
        )
        return items

    def current_frame(self) -> pl.DataFrame:
        return q.components(self.ds, self.ddx.country).join(
            q.series(self.ds, [self.ddx.country], "egdi_rank").select(
                "year", pl.col("value").alias("egdi_rank")
            ),
            on="year",
        )

    def describe_state(self) -> str:
        return f"country={self.ddx.country} chart={self.chart_kind}"


def _kept(renderable: RenderableType) -> RenderableType:
    """The tables kept laid out per width (``Rendered``); a bare text as it is."""
    return Rendered(renderable) if isinstance(renderable, Group) else renderable


def _figure_text(value: str) -> str:
    """A profile figure's text (tui/core/queries.py, English) in the current
    language: its words ("gap", "since 2022") translated, its numbers kept."""
    if value in ("gap", "no data"):
        return _(value)
    value = local_decimal(value)
    since = re.search(r"since (\d{4})", value)
    if since:
        value = value.replace(since.group(0), _("since {year}").format(year=since.group(1)))
    return value


__all__ = ["CountriesPane"]
