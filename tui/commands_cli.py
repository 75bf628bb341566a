"""The ``ddx`` subcommands (rankings, country, goals, sources, ...).

Every data command takes ``--data DIR`` (the user's tables over the built-in
ones) and ``--format table|csv|json|parquet`` with ``--out FILE``; the table
is for reading, the others for scripts. Nothing here imports Textual: ``ddx
chart`` draws with the same plotext code the panes use (tui/charts_draw.py).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import polars as pl

from .core.errors import DataError, UsageError
from .core.schema import INDICES
from .core.text import visible as _visible

AddOptions = Callable[[argparse.ArgumentParser], None]
Handler = Callable[[argparse.Namespace], int]


def register(sub: argparse._SubParsersAction, add_data: AddOptions, add_tui: AddOptions) -> None:  # type: ignore[type-arg]
    """Add every subcommand to the ``ddx`` parser.

    Data commands live here; ``demo`` and ``serve`` live beside the code they
    drive (tui/demo.py, tui/serve.py) and register themselves through it.
    """
    _register_data_commands(sub, add_data)

    import importlib

    for module in ("tui.demo", "tui.serve"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        mod.register(sub, add_data, add_tui)


# -- parser ---------------------------------------------------------------------------
def _add_output(
    p: argparse.ArgumentParser, formats: tuple[str, ...] = ("table", "csv", "json", "parquet")
) -> None:
    p.add_argument(
        "--format",
        choices=formats,
        default=None,
        help=f"output format: {', '.join(formats)} (default: table on screen; with --out, from the file's extension)",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        help="write to FILE (atomically) instead of standard output",
    )


def _year(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a survey year such as 2020, got {text!r}")
    return int(text)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}")
    return int(text)


def _register_data_commands(sub: argparse._SubParsersAction, add_data: AddOptions) -> None:  # type: ignore[type-arg]
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
    p.add_argument("--year", type=_year, help="survey edition (default: the latest)")
    p.add_argument("--indicator", choices=INDICES, default="egdi", help="index (default: egdi)")
    p.add_argument(
        "--scope",
        default="central-asia",
        metavar="central-asia|world|REGION",
        help="the five (default), the whole world, or a UN region such as Asia or Europe",
    )
    _add_output(p)

    p = command(
        "country",
        cmd_country,
        "one country's UN E-Government Survey figures across editions",
        "A country's survey figures in every edition (ISO3 code or name, any case).",
    )
    p.add_argument("country", metavar="COUNTRY", help="ISO3 code or name, e.g. KAZ or Kazakhstan")
    _add_output(p)

    p = command("goals", cmd_goals, "the eight goals of digital diplomacy (the article, Table 1)")
    _add_output(p)

    p = command("sources", cmd_sources, "every source a figure can cite")
    _add_output(p)

    p = command(
        "milestones", cmd_milestones, "dated facts the article gives, for all five or one country"
    )
    p.add_argument(
        "country", metavar="COUNTRY", nargs="?", help="ISO3 code or name (default: all five)"
    )
    _add_output(p)

    p = command(
        "chart",
        cmd_chart,
        "print a chart the explorer shows (for slides and notes)",
        "Print one of the explorer's charts as text, sized to the terminal or --width/--height.",
    )
    charts = p.add_subparsers(dest="chart", metavar="CHART", parser_class=type(p))
    charts.required = True

    def chart(name: str, help: str) -> argparse.ArgumentParser:
        c = charts.add_parser(name, help=help, description=help)
        add_data(c)
        c.add_argument("--width", type=_positive, help="columns (default: the terminal's width)")
        c.add_argument(
            "--height", type=_positive, help="rows (default: the terminal's height minus 2)"
        )
        c.add_argument("--ascii", action="store_true", help="plain ASCII markers")
        c.add_argument(
            "--color",
            choices=("auto", "always", "never"),
            default="auto",
            help="colour codes: auto (on a terminal without NO_COLOR), always or never",
        )
        c.add_argument("--indicator", choices=INDICES, default="egdi", help="index (default: egdi)")
        return c

    c = chart(
        "rankings", "Rankings pane: the five's values in one edition, or their rank over time"
    )
    c.add_argument("--year", type=_year, help="survey edition (default: the latest)")
    c.add_argument(
        "--scope",
        default="central-asia",
        metavar="central-asia|world|REGION",
        help="as for `ddx rankings`",
    )
    c.add_argument(
        "--trajectory", action="store_true", help="the five's world rank across editions instead"
    )
    c = chart(
        "country", "Countries pane: a country's UN rank (or index components) across editions"
    )
    c.add_argument("country", metavar="COUNTRY", help="ISO3 code or name")
    c.add_argument(
        "--components",
        action="store_true",
        help="EGDI and its component indices instead of the rank",
    )
    c = chart("compare", "Compare pane: countries' indices side by side (or a scatter of two)")
    c.add_argument(
        "countries", metavar="COUNTRY", nargs="*", help="ISO3 codes or names (default: the five)"
    )
    c.add_argument("--year", type=_year, help="survey edition (default: the latest)")
    c.add_argument(
        "--scatter", action="store_true", help="a scatter of two indices instead of bars"
    )
    c.add_argument("--x", choices=INDICES, help="scatter: the index across (default: the pane's)")
    c.add_argument("--y", choices=INDICES, help="scatter: the index up (default: the pane's)")

    p = command(
        "export",
        cmd_export,
        "write every table and a manifest of sources to a directory",
        "Write every table ddx has (built-in, imported and --data, merged) to DIR, with "
        "manifest.csv naming each file's rows and the source ids its rows cite.",
    )
    p.add_argument(
        "dir", metavar="DIR", type=Path, help="a new or empty directory (or an earlier ddx export)"
    )
    p.add_argument(
        "--format", choices=("csv", "parquet"), default="csv", help="file format (default: csv)"
    )

    p = command(
        "import-un",
        cmd_import_un,
        "import a UN E-Government Data Center export into your data directory",
        "Read a UN E-Government Knowledgebase Data Center export (CSV, header 'Survey Year, "
        "Country Name, E-Government Rank, ...'), check it, say what would change, and save it "
        "to your data directory ($XDG_DATA_HOME/ddx) so the explorer shows it.",
    )
    p.add_argument("file", metavar="FILE", type=Path, help="the exported CSV file")
    p.add_argument(
        "--dry-run", action="store_true", help="only show what would change; write nothing"
    )


# -- output ----------------------------------------------------------------------------
def _utf8_out() -> bool:
    return (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "") in (
        "utf8",
        "utf8sig",
    )


def _gap() -> str:
    return "—" if _utf8_out() else "-"


def _width() -> int:
    return shutil.get_terminal_size((100, 24)).columns


def _write_stdout(text: str, raw: bool = False) -> None:
    """Write ``text``; unless ``raw``, control characters that slipped through
    are shown as escapes (tui/textsafe.py), never sent to the terminal."""
    if not raw:
        from .textsafe import for_terminal

        text = for_terminal(text)
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        enc = getattr(sys.stdout, "encoding", None) or "ascii"
        sys.stdout.write(text.encode(enc, "replace").decode(enc))
    sys.stdout.flush()


def emit(args: argparse.Namespace, frame: pl.DataFrame, table: Callable[[], str]) -> int:
    """Print or write ``frame`` in the chosen format; ``table`` renders the reading view."""
    from .core import export

    fmt = args.format
    out: Path | None = args.out
    if fmt is None:
        fmt = export.format_for(out, "table") if out is not None else "table"
        if out is not None and out.suffix.lower() == ".tsv":
            fmt = "tsv"
    if out is not None:
        _check_writable_target(out)
        data = table() if fmt == "table" else export.render(frame, fmt)
        export.atomic_write(out, data)
        print(_visible(f"wrote {len(frame)} rows to {out}"), file=sys.stderr)
        return 0
    if fmt == "table":
        _write_stdout(table())
    elif fmt == "parquet":
        if sys.stdout.isatty():
            raise UsageError("parquet is binary: give --out FILE or redirect the output to a file")
        sys.stdout.buffer.write(export.to_parquet(frame))
        sys.stdout.buffer.flush()
    else:
        # CSV/JSON to a pipe stay byte for byte; on a terminal, controls are escaped.
        _write_stdout(str(export.render(frame, fmt)), raw=not sys.stdout.isatty())
    return 0


def _inside(path: Path, parent: Path) -> bool:
    try:
        path.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


def protected_dirs(checkout: bool = True) -> list[Path]:
    """Where ddx never writes: its own package (the install), the built-in data
    and styles; with ``checkout``, also a whole source checkout it runs from
    (so the TUI's `e` key never litters a clone; ``--out`` may still go there)."""
    from .paths import data_dir, styles_dir

    package = Path(__file__).resolve().parent
    dirs = [package, data_dir(), styles_dir()]
    root = package.parent
    if checkout and (root / "pyproject.toml").is_file() and (root / "data").is_dir():
        dirs.append(root)
    return dirs


def _check_writable_target(path: Path) -> None:
    for d in protected_dirs(checkout=False):
        if _inside(path, d):
            raise UsageError(
                f"will not write into {d} (ddx's own files); choose another place for {path}"
            )


def _load(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .cli import load_dataset

    return load_dataset(args)


def _caveat_notes(keys: list[str]) -> str:
    from .core.caveats import describe

    seen: list[str] = []
    for k in keys:
        if k not in seen:
            seen.append(k)
    import textwrap

    width = max(40, min(_width(), 100) - 1)
    return "".join(
        textwrap.fill(f"! {k}: {describe(k)}", width, initial_indent="  ", subsequent_indent="    ")
        + "\n"
        for k in seen
    )


# -- commands ----------------------------------------------------------------------------
def _scope(ds, scope: str) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    from .core import queries as q

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
    from .core import queries as q

    year = year if year is not None else q.editions(ds)[-1]
    kind, region = _scope(ds, scope)
    df = q.ranking(ds, year, indicator, kind, region)
    # queries.ranking's columns, with the edition and indicator and the rank first
    return df.select(
        pl.lit(year).alias("year"), pl.lit(indicator).alias("indicator"), "rank", pl.exclude("rank")
    )


def cmd_rankings(args: argparse.Namespace) -> int:
    from .core import queries as q
    from .core.caveats import caveat_keys
    from .textsafe import table as to_table

    ds = _load(args)
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
            width=_width(),
            gap=_gap(),
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
    from .core import queries as q
    from .core.caveats import caveat_keys
    from .textsafe import table as to_table

    ds = _load(args)
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
        body = to_table(view, width=_width(), gap=_gap(), wrap=["note"])
        keys = (
            ["readiness_era"]
            + [k for f in df["flags"] for k in caveat_keys(f)]
            + ["derived_rank", "ranks_relative"]
        )
        import textwrap

        intro = "\n".join(textwrap.fill(x, max(40, _width() - 1)) for x in lines)
        return (
            intro
            + "\n\nUN E-Government Survey, every edition\n"
            + body
            + "\n"
            + _caveat_notes(keys)
        )

    return emit(args, df, table)


def cmd_goals(args: argparse.Namespace) -> int:
    from .core import queries as q
    from .textsafe import table as to_table

    ds = _load(args)
    df = q.goals(ds)
    return emit(
        args,
        df,
        lambda: to_table(
            df.select("position", "name", "summary", "source_id"),
            headers=["#", "goal", "summary", "source"],
            width=_width(),
            gap=_gap(),
            wrap=["name", "summary"],
        ),
    )


def cmd_sources(args: argparse.Namespace) -> int:
    from .core import queries as q
    from .textsafe import table as to_table

    ds = _load(args)
    df = q.sources(ds)
    return emit(
        args,
        df,
        lambda: to_table(
            df.select("source_id", "publisher", "title", "year"),
            width=_width(),
            gap=_gap(),
            wrap=["publisher", "title"],
        ),
    )


def cmd_milestones(args: argparse.Namespace) -> int:
    from .core import queries as q
    from .textsafe import table as to_table

    ds = _load(args)
    iso3 = q.resolve_country(ds, args.country) if args.country else None
    df = q.milestones(ds, iso3)

    def table() -> str:
        view = df.select(
            "iso3",
            pl.when(pl.col("end_date").is_not_null())
            .then(pl.col("date") + pl.lit("–" if _utf8_out() else "-") + pl.col("end_date"))
            .otherwise(pl.col("date"))
            .alias("date"),
            "kind",
            "title",
            "source_id",
        )
        return (
            to_table(view, width=_width(), gap=_gap(), wrap=["title"])
            + "(dates and facts as the article gives them)\n"
        )

    return emit(args, df, table)


def cmd_chart(args: argparse.Namespace) -> int:
    import os

    from . import charts_draw as cd
    from .core import queries as q

    ds = _load(args)
    size = shutil.get_terminal_size((80, 24))
    style = cd.Style(
        width=args.width or size.columns,
        height=args.height or max(10, size.lines - 2),
        ascii=args.ascii,
    )
    if args.chart == "rankings":
        if args.trajectory:
            draw = cd.rankings_trajectory_figure(ds, args.indicator)
        else:
            year = args.year if args.year is not None else q.editions(ds)[-1]
            kind, region = _scope(ds, args.scope)
            draw = cd.rankings_bars_figure(ds, year, args.indicator, kind, region)
    elif args.chart == "country":
        iso3 = q.resolve_country(ds, args.country)
        if args.components:
            draw = cd.country_components_figure(ds, iso3, args.indicator)
        else:
            draw = cd.country_rank_figure(ds, iso3)
    legend = ""
    if args.chart == "compare":
        draw, legend = _compare_draw(ds, args, style)
    color = args.color == "always" or (
        args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    try:
        text = cd.render_text(draw, style, color=color)
    except Exception as exc:  # plotext cannot draw at every size
        raise UsageError(
            f"cannot draw this chart at {style.width}x{style.height} ({type(exc).__name__}); try a larger --width/--height"
        ) from None
    # raw: the chart's colour codes are plotext's own; its texts were made
    # visible on the way in (charts_draw.render_text), the key is made so here.
    legend = _visible(legend)
    _write_stdout(text.rstrip("\n") + "\n" + (legend + "\n" if legend else ""), raw=True)
    return 0


def _compare_draw(ds, args: argparse.Namespace, style):  # type: ignore[no-untyped-def]
    """The Compare pane's chart, drawn by the pane's own functions, and the key
    to its fills or markers (the pane shows it in the table under the chart)."""
    from .charts_draw import draw_grouped_bars, draw_scatter, fill
    from .core import FOCUS
    from .core import compare as cmp
    from .core import queries as q

    year = args.year if args.year is not None else q.editions(ds)[-1]
    if year not in q.editions(ds):
        editions = ", ".join(map(str, q.editions(ds)))
        raise UsageError(f"no survey edition {year}; editions are {editions}")
    chosen = tuple(dict.fromkeys(q.resolve_country(ds, c) for c in args.countries)) or FOCUS
    df = cmp.compare_frame(ds, year, cmp.check_selection(ds, chosen))
    codes = list(df["iso3"])
    if args.scatter:
        x, y = args.x or cmp.DEFAULT_X, args.y or cmp.DEFAULT_Y
        sdf = cmp.scatter_frame(df, x, y)
        title = f"{year}: {cmp.pretty(x)} (x) vs {cmp.pretty(y)} (y)"
        keys = [  # the countries drawn (a country with a gap in x or y is not)
            f"{style.marker(i)} {r['iso3']}"
            for i, r in enumerate(sdf.iter_rows(named=True))
            if r["x"] is not None and r["y"] is not None
        ]
        return (lambda plt, c: draw_scatter(plt, c, sdf, x, y, title)), "  ".join(keys)
    hl = args.indicator
    title = f"{year}: EGDI and its parts, 0-1 (fill = country, key below)"
    keys = [f"{fill(i, style.ascii)} {c}" for i, c in enumerate(codes)]
    return (lambda plt, c: draw_grouped_bars(plt, c, df, hl, title)), "  ".join(keys)


def cmd_export(args: argparse.Namespace) -> int:
    from .core.export import export_all

    ds = _load(args)
    target: Path = args.dir
    _check_writable_target(target)
    written = export_all(ds, target, args.format)
    print(
        _visible(f"wrote {len(written) - 1} tables and manifest.csv to {target}"), file=sys.stderr
    )
    return 0


def cmd_import_un(args: argparse.Namespace) -> int:
    from .core.importer import apply_import, plan_import
    from .paths import data_dir, user_data_dir

    ds = _load(args)
    plan = plan_import(args.file, ds)
    for line in plan.summary():
        _write_stdout(line + "\n")
    target = user_data_dir()
    for d in protected_dirs(checkout=False):
        if _inside(target, d):
            raise DataError(
                target,
                f"the user data directory is inside ddx's own files ({d}); set XDG_DATA_HOME elsewhere",
            )
    if not plan.to_write:
        _write_stdout("nothing to change: the data already has these values\n")
        return 0
    if args.dry_run:
        _write_stdout(
            f"dry run: nothing written (would save editions {', '.join(map(str, plan.to_write))} to {target})\n"
        )
        return 0
    written = apply_import(plan, target, data_dir())
    _write_stdout(
        f"saved editions {', '.join(map(str, plan.to_write))} to {target} "
        f"({', '.join(p.name for p in written)}); `ddx` now shows them\n"
    )
    return 0
