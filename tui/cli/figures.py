"""``ddx chart``: the explorer's charts as text, drawn by the same code as the
panes (tui/charts/figures.py), for slides and notes."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import UsageError
from ..core.schema import INDICES
from ..core.text import visible
from ..i18n import _, ngettext
from .options import AddOptions, command_adder, load_dataset, positive_int, survey_year
from .output import write_stdout
from .tables import resolve_scope

if TYPE_CHECKING:
    from ..charts.style import Draw, Style
    from ..core.dataset import Dataset


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], add_data: AddOptions
) -> None:
    """Add ``ddx chart`` and its charts to the ``ddx`` parser."""

    command = command_adder(sub, add_data)

    p = command(
        "chart",
        cmd_chart,
        _("print a chart the explorer shows (for slides and notes)"),
        _("Print one of the explorer's charts as text, sized to the terminal or --width/--height."),
    )
    charts = p.add_subparsers(dest="chart", metavar="CHART", parser_class=type(p))
    charts.required = True

    def chart(name: str, help: str) -> argparse.ArgumentParser:
        c = charts.add_parser(name, help=help, description=help)
        add_data(c)
        c.add_argument(
            "--width",
            type=_size(MIN_WIDTH, MAX_WIDTH),
            help=_("columns, {lo} to {hi} (default: the terminal's width)").format(
                lo=MIN_WIDTH, hi=MAX_WIDTH
            ),
        )
        c.add_argument(
            "--height",
            type=_size(MIN_HEIGHT, MAX_HEIGHT),
            help=_("rows, {lo} to {hi} (default: the terminal's height minus 2)").format(
                lo=MIN_HEIGHT, hi=MAX_HEIGHT
            ),
        )
        c.add_argument("--ascii", action="store_true", help=_("plain ASCII markers"))
        c.add_argument(
            "--color",
            choices=("auto", "always", "never"),
            default="auto",
            help=_("colour codes: auto (on a terminal without NO_COLOR), always or never"),
        )
        add_figure_output(c)
        c.add_argument(
            "--indicator", choices=INDICES, default="egdi", help=_("index (default: egdi)")
        )
        return c

    c = chart(
        "rankings", _("Rankings pane: the five's values in one edition, or their rank over time")
    )
    c.add_argument("--year", type=survey_year, help=_("survey edition (default: the latest)"))
    c.add_argument(
        "--scope",
        default="central-asia",
        metavar="central-asia|world|REGION",
        help=_("as for `ddx rankings`"),
    )
    c.add_argument(
        "--trajectory", action="store_true", help=_("the five's world rank across editions instead")
    )
    c = chart(
        "country", _("Countries pane: a country's UN rank (or index components) across editions")
    )
    c.add_argument("country", metavar="COUNTRY", help=_("ISO3 code or name"))
    c.add_argument(
        "--components",
        action="store_true",
        help=_("EGDI and its component indices instead of the rank"),
    )
    c = chart("compare", _("Compare pane: countries' indices side by side (or a scatter of two)"))
    c.add_argument(
        "countries", metavar="COUNTRY", nargs="*", help=_("ISO3 codes or names (default: the five)")
    )
    c.add_argument("--year", type=survey_year, help=_("survey edition (default: the latest)"))
    c.add_argument(
        "--scatter", action="store_true", help=_("a scatter of two indices instead of bars")
    )
    c.add_argument(
        "--x", choices=INDICES, help=_("scatter: the index across (default: the pane's)")
    )
    c.add_argument("--y", choices=INDICES, help=_("scatter: the index up (default: the pane's)"))


# The sizes a chart is drawn and read back at in the tests (test_chart_honesty:
# from 40x6) are the least it is drawn at; below them a chart says nothing. The
# most keeps plotext's canvas (a cell a character) to a few megabytes.
MIN_WIDTH, MIN_HEIGHT = 40, 6
MAX_WIDTH, MAX_HEIGHT = 1000, 500


def _size(lo: int, hi: int):  # type: ignore[no-untyped-def]
    """An argparse type: a whole number of cells from ``lo`` to ``hi``."""

    def parse(text: str) -> int:
        value = positive_int(text)
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(
                _("a chart needs {lo} to {hi}, got {value}").format(lo=lo, hi=hi, value=value)
            )
        return value

    return parse


def cmd_chart(args: argparse.Namespace) -> int:
    from ..charts import figures as cf
    from ..charts.style import Style
    from ..core import queries as q

    fmt = figure_format(args)
    ds = load_dataset(args)
    size = shutil.get_terminal_size((80, 24))
    if fmt == "svg":  # a picture for a slide: the explorer's own 80 columns
        size = os.terminal_size((SVG_WIDTH, SVG_HEIGHT + 2))
    style = Style(
        # From the terminal: at least the least size (a chart wider than a
        # narrow terminal wraps, which beats one that says nothing).
        width=args.width or min(max(MIN_WIDTH, size.columns), MAX_WIDTH),
        height=args.height or min(max(10, size.lines - 2), MAX_HEIGHT),
        # the Linux console has no braille or blocks: ASCII there, as in the explorer
        ascii=args.ascii or os.environ.get("TERM") == "linux",
    )
    if args.chart == "rankings":
        if args.trajectory:
            draw = cf.rankings_trajectory_figure(ds, args.indicator)
        else:
            year = args.year if args.year is not None else q.editions(ds)[-1]
            kind, region = resolve_scope(ds, args.scope)
            draw = cf.rankings_bars_figure(ds, year, args.indicator, kind, region)
    elif args.chart == "country":
        iso3 = q.resolve_country(ds, args.country)
        if args.components:
            draw = cf.country_components_figure(ds, iso3, args.indicator)
        else:
            draw = cf.country_rank_figure(ds, iso3)
    if args.chart == "compare":
        draw = _compare_draw(ds, args)
    if fmt == "svg" or args.out is not None:
        return write_figure(args, fmt, ds, draw, style)
    color = args.color == "always" or (
        args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    text = _render(draw, style, color)
    # raw: the chart's colour codes are plotext's own; its texts (the key
    # under the chart too) were made visible on the way in (render_text).
    write_stdout(text.rstrip("\n") + "\n", raw=True)
    return 0


def _compare_draw(ds: Dataset, args: argparse.Namespace) -> Draw:
    """The Compare pane's chart, drawn by the pane's own functions (the key to
    its fills or numbered points is drawn under it)."""
    from ..charts.figures import compare_bars_figure, compare_scatter_figure
    from ..core import FOCUS
    from ..core import compare as cmp
    from ..core import queries as q

    year = args.year if args.year is not None else q.editions(ds)[-1]
    if year not in q.editions(ds):
        editions = ", ".join(map(str, q.editions(ds)))
        raise UsageError(
            _("no survey edition {year}; editions are {editions}").format(
                year=year, editions=editions
            )
        )
    chosen = tuple(dict.fromkeys(q.resolve_country(ds, c) for c in args.countries)) or FOCUS
    df = cmp.compare_frame(ds, year, cmp.check_selection(ds, chosen))
    if args.scatter:
        x, y = args.x or cmp.DEFAULT_X, args.y or cmp.DEFAULT_Y
        return compare_scatter_figure(cmp.scatter_frame(df, x, y), year, x, y)
    return compare_bars_figure(df, year, args.indicator)


def _render(draw: Draw, style: Style, color: bool) -> str:
    """The chart as text, or one line saying why it cannot be drawn at this size."""
    from ..charts import render

    try:
        return render.render_text(draw, style, color=color)
    except MemoryError:
        raise UsageError(
            _(
                "not enough memory to draw this chart at {width}x{height}; try a smaller "
                "--width/--height"
            ).format(width=style.width, height=style.height)
        ) from None
    except Exception as exc:  # plotext cannot draw at every size
        raise UsageError(
            _(
                "cannot draw this chart at {width}x{height} ({error}); try another --width/--height"
            ).format(width=style.width, height=style.height, error=type(exc).__name__)
        ) from None


# -- a chart as a file: text, or an SVG picture with its source line ----------------------
FIGURE_FORMATS = ("text", "svg")
SVG_WIDTH, SVG_HEIGHT = 80, 22


def add_figure_output(c: argparse.ArgumentParser) -> None:
    """--format, --out and --theme of ``ddx chart``."""
    c.add_argument(
        "--format",
        choices=FIGURE_FORMATS,
        default=None,
        help=_(
            "text (default) or svg, a picture with the source line under the chart "
            "(with --out, from the file's extension)"
        ),
    )
    c.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        help=_("write to FILE (atomically) instead of standard output"),
    )
    c.add_argument(
        "--theme",
        choices=("dark", "light"),
        default="dark",
        help=_("svg: dark (default) or light, for projectors and print"),
    )


def figure_format(args: argparse.Namespace) -> str:
    """The format asked for, else the one ``--out``'s extension names."""
    if args.format is not None:
        return str(args.format)
    out: Path | None = args.out
    if out is None:
        return "text"
    ext = out.suffix.lower()
    if ext == ".svg":
        return "svg"
    if ext in (".txt", ".text", ""):
        return "text"
    raise UsageError(
        _("cannot tell a chart format from {out!r}; name it .svg or .txt, or give --format").format(
            out=str(out)
        )
    )


def chart_source_ids(ds, args: argparse.Namespace) -> list[str]:  # type: ignore[no-untyped-def]
    """The sources of the rows the chart draws, in the order of the table of sources."""
    import polars as pl

    from ..core import FOCUS
    from ..core import compare as cmp
    from ..core import queries as q

    if args.chart == "rankings" and not args.trajectory:
        year = args.year if args.year is not None else q.editions(ds)[-1]
        kind, region = resolve_scope(ds, args.scope)
        df = q.ranking(ds, year, args.indicator, kind, region)
        if kind != "central-asia":
            df = df.filter(pl.col("focus"))  # the chart draws the five
    elif args.chart == "rankings":
        df = q.survey(ds).filter(pl.col("iso3").is_in(list(FOCUS)))
    elif args.chart == "country":
        iso3 = q.resolve_country(ds, args.country)
        df = q.survey(ds).filter(pl.col("iso3") == iso3)
    else:
        year = args.year if args.year is not None else q.editions(ds)[-1]
        chosen = tuple(dict.fromkeys(q.resolve_country(ds, c) for c in args.countries)) or FOCUS
        df = cmp.compare_frame(ds, year, cmp.check_selection(ds, chosen))
    ids = {str(i) for i in df["source_id"].drop_nulls().to_list()}
    return [i for i in q.sources(ds)["source_id"].to_list() if i in ids]


def source_line(ds, ids: list[str]) -> str:  # type: ignore[no-untyped-def]
    """The line under a chart: each source by its title and id, then ddx."""
    from ..core import queries as q

    if len(ids) > 2:  # an edition per source: the ids say which; `ddx sources` the rest
        named = [", ".join(ids) + " " + _("(ddx sources cites them in full)")]
    else:
        named = [f"{(q.source(ds, sid) or {}).get('title') or sid} ({sid})" for sid in ids]
    label = ngettext("Source:", "Sources:", len(ids)) if ids else _("Source:")
    return visible(f"{label} {'; '.join(named) or '-'} · ddx")


class _TitleSpy:
    """A plotext figure that remembers the title a draw function gives it."""

    def __init__(self, plt, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
        self._plt, self._seen = plt, seen

    def title(self, label: str) -> None:
        self._seen.append(str(label))
        self._plt.title(label)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._plt, name)


def write_figure(args: argparse.Namespace, fmt: str, ds, draw, style) -> int:  # type: ignore[no-untyped-def]
    """The chart as text or SVG, to ``--out`` (atomically) or standard output."""
    from .output import write_document

    if fmt == "svg":
        from ..svg import figure_svg

        titles: list[str] = []
        ansi = _render(lambda plt, c: draw(_TitleSpy(plt, titles), c), style, color=True)
        line = source_line(ds, chart_source_ids(ds, args))
        title = visible(titles[-1]) if titles else "ddx"
        data = figure_svg(ansi, line, title, style.width, args.theme)
    else:
        data = _render(draw, style, color=False).rstrip("\n") + "\n"
    if args.out is None:
        write_stdout(data, raw=True)
        return 0
    write_document(args.out, data)
    return 0
