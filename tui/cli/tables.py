"""``ddx rankings``, ``country``, ``goals``, ``sources``, ``milestones``: the
data as a readable table, or CSV, JSON, Parquet for scripts (tui/cli/output.py).

One module of about 500 lines for five short commands: they register together
(in the order ``ddx --help`` lists them), and rankings and country share the
scope, localising and caveat helpers.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..core.errors import UsageError
from ..core.schema import INDICES, READINESS_INDEX
from ..i18n import _, current_language, format_decimal
from .options import AddOptions, command_adder, load_dataset, survey_year
from .output import add_output, emit, gap_text, terminal_width, utf8_out

if TYPE_CHECKING:  # Polars is imported when a command runs, not when ddx starts
    import polars as pl

    from ..core.dataset import Dataset


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], add_data: AddOptions
) -> None:
    command = command_adder(sub, add_data)

    p = command(
        "rankings",
        cmd_rankings,
        _("UN E-Government Survey rankings for one edition and index"),
        _(
            "Countries ranked in one UN E-Government Survey edition by one index, best first. "
            "Ranks are world ranks whatever the scope; EPI/OSI/TII/HCI ranks are derived by ddx "
            "from the values (the UN Data Center export carries only the EGDI rank; the survey "
            "reports also publish E-Participation rankings)."
        ),
    )
    p.add_argument("--year", type=survey_year, help=_("survey edition (default: the latest)"))
    p.add_argument("--indicator", choices=INDICES, default="egdi", help=_("index (default: egdi)"))
    p.add_argument(
        "--scope",
        default="central-asia",
        metavar="central-asia|world|REGION",
        help=_("the five (default), the whole world, or a UN region such as Asia or Europe"),
    )
    add_output(p)

    p = command(
        "country",
        cmd_country,
        _("one country's UN E-Government Survey figures across editions"),
        _("A country's survey figures in every edition (ISO3 code or name, any case)."),
    )
    p.add_argument(
        "country", metavar="COUNTRY", help=_("ISO3 code or name, e.g. KAZ or Kazakhstan")
    )
    add_output(p)

    p = command(
        "goals", cmd_goals, _("the eight goals of digital diplomacy (the article, Table 1)")
    )
    add_output(p)

    p = command("sources", cmd_sources, _("every source a figure can cite"))
    add_output(p)

    p = command(
        "milestones",
        cmd_milestones,
        _("dated facts the article gives, for all five or one country"),
    )
    p.add_argument(
        "country", metavar="COUNTRY", nargs="?", help=_("ISO3 code or name (default: all five)")
    )
    add_output(p)


def _caveat_notes(keys: list[str]) -> str:
    from ..core.caveats import describe

    seen: list[str] = []
    for k in keys:
        if k not in seen:
            seen.append(k)
    import textwrap

    width = max(40, min(terminal_width(), 100) - 1)
    return "".join(
        textwrap.fill(
            f"! {k}: {_(describe(k))}", width, initial_indent="  ", subsequent_indent="    "
        )
        + "\n"
        for k in seen
    )


def resolve_scope(ds: Dataset, scope: str) -> tuple[str, str | None]:
    from ..core import queries as q

    s = scope.strip()
    if s.lower() in ("central-asia", "world"):
        return s.lower(), None
    if s.lower() == "region":
        return "region", q.region_of(ds, "KAZ")
    for r in q.regions(ds):
        if r.lower() == s.lower():
            return "region", r
    raise UsageError(
        _("unknown scope {scope!r}; choose central-asia, world or a region: {regions}").format(
            scope=scope, regions=", ".join(q.regions(ds))
        )
    )


def scope_label(ds: Dataset, scope: str) -> str:
    """The scope in words of the current language (the option's value is a code)."""
    kind, region = resolve_scope(ds, scope)
    if kind == "region":
        return _("UN region {region}").format(region=region)
    return _("the five") if kind == "central-asia" else _("world")


def rankings_frame(ds: Dataset, year: int | None, indicator: str, scope: str) -> pl.DataFrame:
    """The rankings view as a frame: what ``ddx rankings`` prints and the pane exports."""
    import polars as pl

    from ..core import queries as q

    year = year if year is not None else q.editions(ds)[-1]
    kind, region = resolve_scope(ds, scope)
    df = q.ranking(ds, year, indicator, kind, region)
    # queries.ranking's columns, with the edition and indicator and the rank first
    return df.select(
        pl.lit(year).alias("year"), pl.lit(indicator).alias("indicator"), "rank", pl.exclude("rank")
    )


def localised(ds: Dataset, view: pl.DataFrame, decimals: tuple[str, ...] = ()) -> pl.DataFrame:
    """The reading view in the current language: country names from CLDR (and
    the overrides), index values in its notation (Russian ``0,90093``).
    CSV, JSON and Parquet stay as the data is: they are for programs."""
    import polars as pl

    if current_language() == "en":
        return view
    from ..i18n import country_names

    names = country_names(ds)
    if "country" in view.columns and "iso3" in view.columns:
        view = view.with_columns(
            pl.col("iso3").replace_strict(names, default=pl.col("country")).alias("country")
        )
    gap = gap_text()
    return view.with_columns(
        pl.col(c).map_elements(lambda v: format_decimal(v, gap), return_dtype=pl.String)
        for c in decimals
        if c in view.columns
    )


def cmd_rankings(args: argparse.Namespace) -> int:
    import polars as pl

    from ..core import queries as q
    from ..core.caveats import caveat_keys
    from ..i18n import term
    from ..textsafe import table as to_table

    ds = load_dataset(args)
    df = rankings_frame(ds, args.year, args.indicator, args.scope)

    def table() -> str:
        year = int(df["year"][0]) if len(df) else args.year
        short = q.INDICATOR_SHORT[args.indicator]
        derived = bool(df["rank_derived"][0]) if len(df) else False
        star = "*" if derived else ""
        view = df.select(
            (pl.col("rank").cast(pl.String) + pl.lit(star)).alias("rank"),
            "iso3",
            "country",
            "value",
            pl.col("flags").fill_null("").str.replace_all(";", " ").alias("note"),
            "source_id",
        )
        view = localised(ds, view, ("value",))
        head = (
            _(
                "UN E-Government Survey {year}: {short} ({name}), {scope}, "
                "{n} countries (world ranks)"
            ).format(
                year=year,
                short=short,
                name=term(ds, args.indicator, q.INDICATOR_NAMES[args.indicator]),
                scope=scope_label(ds, args.scope),
                n=len(df),
            )
            + "\n\n"
        )
        body = to_table(
            view,
            headers=[_("rank"), "iso3", _("country"), short, _("note"), _("source")],
            width=terminal_width(),
            gap=gap_text(),
            right=["rank", "value"],
            wrap=["country", "note"],
        )
        keys = [k for f in df["flags"] for k in caveat_keys(f)]
        if year in READINESS_INDEX:
            keys.insert(0, "readiness_era")
        if derived:
            keys.append("derived_rank")
        keys.append("ranks_relative")
        return head + body + "\n" + _caveat_notes(keys)

    return emit(args, df, table)


def cmd_country(args: argparse.Namespace) -> int:
    import polars as pl

    from ..core import queries as q
    from ..core.caveats import caveat_keys
    from ..i18n import country_name, translated_rows
    from ..textsafe import table as to_table

    ds = load_dataset(args)
    iso3 = q.resolve_country(ds, args.country)
    info = q.country(ds, iso3)
    df = ds.where("egov_survey", pl.col("iso3") == iso3).sort("year")

    def table() -> str:
        lines = [f"{country_name(ds, iso3, str(info['name']))} ({iso3})"]
        if info.get("portal"):
            lines.append(_("e-government portal: {portal}").format(portal=info["portal"]))
        own = translated_rows(ds, "countries_i18n", "iso3").get(iso3)
        if own:
            lines.append(
                _("{summary} (the article's account, translated by ddx; source: {source})").format(
                    summary=own["summary"], source=f"{info['source_id']}, {own['source_id']}"
                )
            )
        elif info.get("summary"):
            lines.append(
                _("{summary} (the article's account; source: {source})").format(
                    summary=info["summary"], source=info["source_id"]
                )
            )
        if df.is_empty():
            return (
                "\n".join(lines)
                + "\n"
                + _("No UN E-Government Survey figures for this country.")
                + "\n"
            )
        view = df.select(
            "year",
            pl.col("egdi_rank").alias("rank"),
            "egdi",
            "osi",
            "tii",
            "hci",
            "epi",
            pl.col("epi_rank").alias("epi rank*"),
            pl.col("flags").fill_null("").str.replace_all(";", " ").alias("note"),
            "source_id",
        )
        view = localised(ds, view, INDICES)
        body = to_table(
            view,
            headers=[
                _("year"),
                _("rank"),
                "egdi",
                "osi",
                "tii",
                "hci",
                "epi",
                _("epi rank*"),
                _("note"),
                _("source"),
            ],
            width=terminal_width(),
            gap=gap_text(),
            wrap=["note"],
            right=INDICES,
        )
        keys = (
            ["readiness_era"]
            + [k for f in df["flags"] for k in caveat_keys(f)]
            + ["derived_rank", "ranks_relative"]
        )
        import textwrap

        intro = "\n".join(textwrap.fill(x, max(40, terminal_width() - 1)) for x in lines)
        return (
            intro
            + "\n\n"
            + _("UN E-Government Survey, every edition")
            + "\n"
            + body
            + "\n"
            + _caveat_notes(keys)
        )

    return emit(args, df, table)


def cmd_goals(args: argparse.Namespace) -> int:
    import polars as pl

    from ..core import queries as q
    from ..core.article import (
        ADESINA_NOTE,
        LINK_DIRECT,
        LINK_FOUNDATION,
        ORIGIN_NOTE,
        ORIGIN_SOURCES,
        link_counts,
    )
    from ..i18n import translated_rows
    from ..textsafe import table as to_table

    ds = load_dataset(args)
    counts = link_counts(ds)
    df = q.goals(ds)
    df = df.with_columns(
        pl.Series("links_direct", [counts.get(g, {}).get("direct", 0) for g in df["goal_id"]]),
        pl.Series(
            "links_foundation", [counts.get(g, {}).get("foundation", 0) for g in df["goal_id"]]
        ),
    )

    def table() -> str:
        import textwrap

        view = df.select(
            "position",
            "goal_id",
            "name",
            "summary",
            "source_id",
            pl.col("links_direct").cast(pl.String),
            pl.col("links_foundation").cast(pl.String),
        )
        own = translated_rows(ds, "goals_i18n", "goal_id")
        if own:
            # the translation where there is one; its source beside the original's
            view = view.with_columns(
                pl.col("goal_id")
                .replace_strict({k: r["name"] for k, r in own.items()}, default=pl.col("name"))
                .alias("name"),
                pl.col("goal_id")
                .replace_strict(
                    {k: r["summary"] for k, r in own.items()}, default=pl.col("summary")
                )
                .alias("summary"),
                pl.col("goal_id")
                .replace_strict({k: r["source_id"] for k, r in own.items()}, default=None)
                .alias("tr"),
            ).with_columns(
                pl.when(pl.col("tr").is_not_null())
                .then(pl.col("source_id") + pl.lit(", ") + pl.col("tr"))
                .otherwise(pl.col("source_id"))
                .alias("source_id")
            )
        body = to_table(
            view.select(
                "position", "name", "summary", "links_direct", "links_foundation", "source_id"
            ),
            headers=["#", _("goal"), _("summary"), _("direct"), _("foundation"), _("source")],
            width=terminal_width(),
            gap=gap_text(),
            wrap=["name", "summary"],
        )
        wrap = max(40, min(terminal_width(), 100) - 1)

        def para(text: str, indent: str = "") -> str:
            return textwrap.fill(text, wrap, subsequent_indent=indent) + "\n"

        words = [_("The article's words (Table 1, in English; source: article):")]
        notes = []
        own = translated_rows(ds, "goals_i18n", "goal_id")
        for g in df.iter_rows(named=True):
            if g["article_wording"]:
                words.append(f"{g['position']}. {g['name']}: {g['article_wording']}")
            if g["ddx_note"]:
                note = (own.get(str(g["goal_id"])) or {}).get("ddx_note") or g["ddx_note"]
                src = _("Sources: {ids}.").format(ids=g["note_source_id"] or "ddx_reading")
                notes.append(f"{g['position']}. {g['name']}: {note} {src}")
        return (
            body
            + _("(goals as the article's Table 1 gives them, summarised in our words)")
            + "\n"
            + _("Links (ddx's reading, source ddx_reading):")
            + "\n"
            + para("  " + _(LINK_DIRECT), "    ")
            + para("  " + _(LINK_FOUNDATION), "    ")
            + "\n"
            + "".join(para(w, "   ") for w in words)
            + "\n"
            + "".join(para(n, "   ") for n in notes)
            + ("\n" if notes else "")
            + para(
                _(ORIGIN_NOTE) + " " + _("Sources: {ids}.").format(ids=", ".join(ORIGIN_SOURCES))
            )
            + para(_(ADESINA_NOTE) + " " + _("Sources: {ids}.").format(ids="adesina_2017"))
        )

    return emit(args, df, table)


def cmd_sources(args: argparse.Namespace) -> int:
    from ..core import queries as q
    from ..textsafe import table as to_table

    ds = load_dataset(args)
    df = q.sources(ds)
    return emit(
        args,
        df,
        lambda: to_table(
            df.select("source_id", "publisher", "title", "year"),
            headers=[_("source"), _("publisher"), _("title"), _("year")],
            width=terminal_width(),
            gap=gap_text(),
            wrap=["publisher", "title"],
        ),
    )


def cmd_milestones(args: argparse.Namespace) -> int:
    import polars as pl

    from ..core import queries as q
    from ..textsafe import table as to_table

    ds = load_dataset(args)
    iso3 = q.resolve_country(ds, args.country) if args.country else None
    df = q.milestones(ds, iso3)

    def table() -> str:
        from ..core.timeline import KIND_LABEL, ROLE_LABEL
        from ..i18n import code_word, milestone_text

        dash = "–" if utf8_out() else "-"
        rows = list(df.iter_rows(named=True))
        titles = [milestone_text(ds, r, "title") for r in rows]
        words = {"kind": KIND_LABEL, "role": ROLE_LABEL}
        coded = {col: [code_word(str(r[col]), w) for r in rows] for col, w in words.items()}
        view = (
            df.with_columns(
                pl.Series("title", titles, dtype=pl.String),
                *(pl.Series(col, values, dtype=pl.String) for col, values in coded.items()),
            )
            .select(
                "iso3",
                pl.when(pl.col("end_date").is_not_null())
                .then(pl.col("date").fill_null("?") + pl.lit(dash) + pl.col("end_date"))
                .otherwise(pl.col("date"))
                .alias("date"),
                "kind",
                "role",
                "title",
                "source_id",
            )
            .with_columns(
                pl.when(df["inferred"] == "yes")
                .then(pl.col("date") + pl.lit(" " + _("(inferred)")))
                .otherwise(pl.col("date"))
                .alias("date")
            )
        )
        note = _("(dates and facts as the article gives them; '(inferred)': a date ddx inferred)")
        import textwrap

        wrap = max(40, min(terminal_width(), 100) - 1)
        records = "".join(
            textwrap.fill(
                f"! {r['iso3']} {title}: {milestone_text(ds, r, 'record_note')} "
                + _("Sources: {ids}.").format(ids=r["record_source_id"]),
                wrap,
                subsequent_indent="    ",
            )
            + "\n"
            for r, title in zip(rows, titles, strict=True)
            if r.get("record_note")
        )
        return (
            to_table(
                view,
                headers=["iso3", _("date"), _("kind"), _("role"), _("title"), _("source")],
                width=terminal_width(),
                gap=gap_text(),
                wrap=["title"],
            )
            + records
            + note
            + "\n"
        )

    return emit(args, df, table)
