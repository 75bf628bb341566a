"""``ddx rankings``, ``country``, ``goals``, ``sources``, ``milestones``: the
data as a readable table, or CSV, JSON, Parquet for scripts (tui/cli/output.py)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

import polars as pl

from ..core.errors import UsageError
from ..core.schema import INDICES
from .options import load_dataset, survey_year
from .output import add_output, emit, gap_text, terminal_width, utf8_out

AddOptions = Callable[[argparse.ArgumentParser], None]
Handler = Callable[[argparse.Namespace], int]


def register(sub: argparse._SubParsersAction, add_data: AddOptions) -> None:  # type: ignore[type-arg]
    def command(
        name: str, handler: Handler, help: str, description: str = ""
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=description or help)
        add_data(p)
        p.set_defaults(handler=handler)
        return p

    p = command(
        "rankings",
        cmd_rankings,
        "UN E-Government Survey rankings for one edition and index",
        "Countries ranked in one UN E-Government Survey edition by one index, best first. "
        "Ranks are world ranks whatever the scope; EPI/OSI/TII/HCI ranks are derived by ddx "
        "from the values (the UN publishes only the EGDI rank).",
    )
    p.add_argument("--year", type=survey_year, help="survey edition (default: the latest)")
    p.add_argument("--indicator", choices=INDICES, default="egdi", help="index (default: egdi)")
    p.add_argument(
        "--scope",
        default="central-asia",
        metavar="central-asia|world|REGION",
        help="the five (default), the whole world, or a UN region such as Asia or Europe",
    )
    add_output(p)

    p = command(
        "country",
        cmd_country,
        "one country's UN E-Government Survey figures across editions",
        "A country's survey figures in every edition (ISO3 code or name, any case).",
    )
    p.add_argument("country", metavar="COUNTRY", help="ISO3 code or name, e.g. KAZ or Kazakhstan")
    add_output(p)

    p = command("goals", cmd_goals, "the eight goals of digital diplomacy (the article, Table 1)")
    add_output(p)

    p = command("sources", cmd_sources, "every source a figure can cite")
    add_output(p)

    p = command(
        "milestones", cmd_milestones, "dated facts the article gives, for all five or one country"
    )
    p.add_argument(
        "country", metavar="COUNTRY", nargs="?", help="ISO3 code or name (default: all five)"
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
        textwrap.fill(f"! {k}: {describe(k)}", width, initial_indent="  ", subsequent_indent="    ")
        + "\n"
        for k in seen
    )


def resolve_scope(ds, scope: str) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
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
        f"unknown scope {scope!r}; choose central-asia, world or a region: {', '.join(q.regions(ds))}"
    )


def rankings_frame(ds, year: int | None, indicator: str, scope: str) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    """The rankings view as a frame: what ``ddx rankings`` prints and the pane exports."""
    from ..core import queries as q

    year = year if year is not None else q.editions(ds)[-1]
    kind, region = resolve_scope(ds, scope)
    df = q.ranking(ds, year, indicator, kind, region)
    # queries.ranking's columns, with the edition and indicator and the rank first
    return df.select(
        pl.lit(year).alias("year"), pl.lit(indicator).alias("indicator"), "rank", pl.exclude("rank")
    )


def cmd_rankings(args: argparse.Namespace) -> int:
    from ..core import queries as q
    from ..core.caveats import caveat_keys
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
        head = (
            f"UN E-Government Survey {year}: {short} ({q.INDICATOR_NAMES[args.indicator]}), "
            f"{args.scope}, {len(df)} countries (world ranks)\n\n"
        )
        body = to_table(
            view,
            headers=["rank", "iso3", "country", short, "note", "source"],
            width=terminal_width(),
            gap=gap_text(),
            right=["rank"],
            wrap=["country", "note"],
        )
        keys = [k for f in df["flags"] for k in caveat_keys(f)]
        if year in (2003, 2004, 2005):
            keys.insert(0, "readiness_era")
        if derived:
            keys.append("derived_rank")
        keys.append("ranks_relative")
        return head + body + "\n" + _caveat_notes(keys)

    return emit(args, df, table)


def cmd_country(args: argparse.Namespace) -> int:
    from ..core import queries as q
    from ..core.caveats import caveat_keys
    from ..textsafe import table as to_table

    ds = load_dataset(args)
    iso3 = q.resolve_country(ds, args.country)
    info = q.country(ds, iso3)
    df = q.survey(ds).filter(pl.col("iso3") == iso3).sort("year")

    def table() -> str:
        lines = [f"{info['name']} ({iso3})"]
        if info.get("portal"):
            lines.append(f"e-government portal: {info['portal']}")
        if info.get("summary"):
            lines.append(f"{info['summary']} (the article's account; source: {info['source_id']})")
        if df.is_empty():
            return "\n".join(lines) + "\nNo UN E-Government Survey figures for this country.\n"
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
        body = to_table(view, width=terminal_width(), gap=gap_text(), wrap=["note"])
        keys = (
            ["readiness_era"]
            + [k for f in df["flags"] for k in caveat_keys(f)]
            + ["derived_rank", "ranks_relative"]
        )
        import textwrap

        intro = "\n".join(textwrap.fill(x, max(40, terminal_width() - 1)) for x in lines)
        return (
            intro
            + "\n\nUN E-Government Survey, every edition\n"
            + body
            + "\n"
            + _caveat_notes(keys)
        )

    return emit(args, df, table)


def cmd_goals(args: argparse.Namespace) -> int:
    from ..core import queries as q
    from ..core.article import ORIGIN_NOTE, ORIGIN_SOURCES
    from ..textsafe import table as to_table

    ds = load_dataset(args)
    df = q.goals(ds)

    def table() -> str:
        import textwrap

        body = to_table(
            df.select("position", "name", "summary", "source_id"),
            headers=["#", "goal", "summary", "source"],
            width=terminal_width(),
            gap=gap_text(),
            wrap=["name", "summary"],
        )
        wrap = max(40, min(terminal_width(), 100) - 1)
        return (
            body
            + "(goals as the article's Table 1 gives them, summarised in our words)\n\n"
            + textwrap.fill(f"{ORIGIN_NOTE} Sources: {', '.join(ORIGIN_SOURCES)}.", wrap)
            + "\n"
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
            width=terminal_width(),
            gap=gap_text(),
            wrap=["publisher", "title"],
        ),
    )


def cmd_milestones(args: argparse.Namespace) -> int:
    from ..core import queries as q
    from ..textsafe import table as to_table

    ds = load_dataset(args)
    iso3 = q.resolve_country(ds, args.country) if args.country else None
    df = q.milestones(ds, iso3)

    def table() -> str:
        dash = "–" if utf8_out() else "-"
        view = df.select(
            "iso3",
            pl.when(pl.col("end_date").is_not_null())
            .then(pl.col("date").fill_null("?") + pl.lit(dash) + pl.col("end_date"))
            .otherwise(pl.col("date"))
            .alias("date"),
            "kind",
            "role",
            "title",
            "source_id",
        ).with_columns(
            pl.when(df["inferred"] == "yes")
            .then(pl.col("date") + pl.lit(" (inferred)"))
            .otherwise(pl.col("date"))
            .alias("date")
        )
        note = "(dates and facts as the article gives them; '(inferred)': a date ddx inferred)\n"
        return to_table(view, width=terminal_width(), gap=gap_text(), wrap=["title"]) + note

    return emit(args, df, table)
