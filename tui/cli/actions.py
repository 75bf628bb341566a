"""``ddx actions COUNTRY`` and ``ddx conclusion``: the article's actions set
beside the UN results around them, and the article's conclusion.

Registered from ``tui/cli/parser.py`` like the other families; the frames
come from ``tui/core/actions.py``, the output plumbing from ``output.py`` and
``options.py``, so ``--format``, ``--out`` and ``--data`` behave as in every
other data command.
"""

from __future__ import annotations

import argparse
import textwrap
from typing import TYPE_CHECKING

from ..i18n import N_, _, country_name, local_decimal, milestone_text, translated_rows
from .options import AddOptions, load_dataset
from .output import add_output, emit, gap_text, terminal_width

if TYPE_CHECKING:  # Polars is imported when a command runs, not when ddx starts
    import polars as pl


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], add_data: AddOptions
) -> None:
    """Add ``ddx actions`` and ``ddx conclusion`` to the ``ddx`` parser."""
    p = sub.add_parser(
        "actions",
        help=_("a country's actions (the article) beside its UN ranks before and after"),
        description=_(
            "Each action the article reports for a country (programme, concept, law, decree, "
            "launch, plan, themed year, tax) with its start and end, the country's EGDI world "
            "rank in the latest UN edition before the start year, the edition in the start year "
            "itself, the first edition after it and the latest edition, and internet users (%) "
            "before and after where the data has them. A plan is listed as planned, with no "
            "ranks around it. An association in time is not a cause."
        ),
    )
    add_data(p)
    p.add_argument(
        "country", metavar="COUNTRY", help=_("ISO3 code or name, e.g. KAZ or Kazakhstan")
    )
    add_output(p)
    p.set_defaults(handler=cmd_actions)

    p = sub.add_parser(
        "conclusion",
        help=_("the article's conclusion, claim by claim, with what ddx's tables hold on each"),
    )
    add_data(p)
    add_output(p)
    p.set_defaults(handler=cmd_conclusion)


def _with_year(value: object, year: object) -> str | None:
    if value is None:
        return None
    return f"{value} ({year})"


def _pct(value: object, year: object) -> str | None:
    if value is None:
        return None
    return local_decimal(f"{float(value):.1f} ({year})")  # type: ignore[arg-type]


# The reading view's column headings (English in CSV/JSON, which keep the frame's own).
HEADINGS = (
    N_("start"),
    N_("action"),
    N_("rank before"),
    N_("during"),
    N_("after"),
    N_("latest"),
    N_("net % before"),
    N_("net % after"),
)


def actions_table(
    df: pl.DataFrame, name: str, iso3: str, width: int, gap: str, ds: object = None
) -> str:
    """The reading view of ``actions_frame``: one line per action (titles in the
    current language where ``milestones_i18n`` has them and ``ds`` is given)."""
    import polars as pl

    from ..core import actions as act
    from ..textsafe import table as to_table

    dash = "–" if gap == "—" else "-"
    rows = []
    for r in df.iter_rows(named=True):
        when = r["start"] or _("undated")
        if r["end"]:
            when = f"{r['start'] or '?'}{dash}{r['end']}"
        if r["start_inferred"] == "yes":
            when += " " + _("(inferred)")
        if r["status"] == "planned":
            when += " " + _("(planned)")
        rows.append(
            {
                "start": when,
                "action": milestone_text(ds, r, "title") if ds is not None else r["title"],  # type: ignore[arg-type]
                "rank before": _with_year(r["rank_before"], r["year_before"]),
                # the edition of the start year: the year is the start's own
                "during": None if r["rank_during"] is None else str(r["rank_during"]),
                "after": _with_year(r["rank_after"], r["year_after"]),
                "latest": _with_year(r["rank_latest"], r["year_latest"]),
                "net % before": _pct(r["internet_before"], r["internet_year_before"]),
                "net % after": _pct(r["internet_after"], r["internet_year_after"]),
            }
        )
    view = pl.DataFrame(
        rows,
        schema={
            k: pl.String
            for k in (
                "start", "action", "rank before", "during", "after", "latest", "net % before",
                "net % after",
            )
        },
    )  # fmt: skip
    head = (
        _(
            "{name} ({iso3}): actions the article reports, and the UN E-Government Survey "
            "world rank (EGDI, 1 = best) around each"
        ).format(name=name, iso3=iso3)
        + "\n\n"
    )
    view = view.rename({k: _(k) for k in HEADINGS})
    body = to_table(view, width=width, gap=gap, wrap=[_("action")])
    srcs = sorted(
        {s for c in ("rank_source_ids", "internet_source_id", "record_source_id")
         for v in df[c].drop_nulls()
         for s in str(v).split(";")} | set(df["source_id"].drop_nulls())
    )  # fmt: skip
    rule = _(act.RULE)
    notes = [
        f"! {_(act.CAUSE_CAVEAT)}",
        f"  {rule[:1].upper()}{rule[1:]}",
        "  "
        + _(
            "Actions and their dates are the article's claims; '(inferred)' marks a date ddx "
            "inferred. Internet users: ITU via World Bank."
        ),
        "  " + _("Sources: {ids}").format(ids=", ".join(srcs) if srcs else _("none")),
    ]
    if "planned" in df["status"].to_list():
        from ..core.caveats import describe

        notes.append("  " + _("(planned):") + " " + _(describe("planned")))
    for r in df.iter_rows(named=True):
        if r["record_note"]:
            note = milestone_text(ds, r, "record_note") if ds is not None else r["record_note"]  # type: ignore[arg-type]
            notes.append(f"! {note} " + _("Sources: {ids}").format(ids=r["record_source_id"]))
    if "readiness_era" in ";".join(df["caveats"].drop_nulls()):
        from ..core.caveats import describe

        notes.append(f"! readiness_era: {_(describe('readiness_era'))}")
    wrap = max(40, min(width, 100) - 1)
    tail = "".join(textwrap.fill(n, wrap, subsequent_indent="    ") + "\n" for n in notes)
    return head + body + "\n" + tail


def cmd_actions(args: argparse.Namespace) -> int:
    from ..core import actions as act
    from ..core import queries as q

    ds = load_dataset(args)
    iso3 = q.resolve_country(ds, args.country)
    name = country_name(ds, iso3, str(q.country(ds, iso3)["name"]))
    df = act.actions_frame(ds, iso3)
    return emit(args, df, lambda: actions_table(df, name, iso3, terminal_width(), gap_text(), ds))


def cmd_conclusion(args: argparse.Namespace) -> int:
    from ..core import actions as act

    ds = load_dataset(args)
    df = act.conclusions(ds)

    def table() -> str:
        wrap = max(40, min(terminal_width(), 100) - 1)
        own = translated_rows(ds, "conclusions_i18n", "claim_id")
        head = _("The article's conclusion, in our words (source: article)")
        if own:
            head = _(
                "The article's conclusion, in our words (source: article; translated by ddx: "
                "ddx_translation)"
            )
        out = [head, ""]
        for r in df.iter_rows(named=True):
            mine = own.get(str(r["claim_id"])) or {}
            claim = mine.get("claim") or r["claim"]
            out.append(textwrap.fill(f"{r['position']}. {claim}", wrap, subsequent_indent="   "))
            if r["note"]:
                note = mine.get("note") or r["note"]
                out.append(
                    textwrap.fill(
                        f"ddx: {note}", wrap, initial_indent="   ", subsequent_indent="   "
                    )
                )
        return "\n".join(out) + "\n"

    return emit(args, df, table)
