"""What each Infrastructure view shows and cites, apart from the pane that
switches between them (tui/panes/infrastructure.py): the line under the series
chart, the price and Digital CASA tables' rows and notes, and the provenance
list (`s`) of every view. Functions of the data and the names only, so the
pane is left with its widgets, its keys and which view is showing."""

from __future__ import annotations

import re

import polars as pl
from rich.text import Text
from textual.content import Content

from ..core import infra
from ..i18n import N_, _, local_decimal
from ..textsafe import lines as join_lines
from ..textsafe import markup, plain, text
from .base import Provenance

# The series' short names and units (indicator_meta, the World Bank's words).
META_WORDS = (
    N_("Internet users %"),
    N_("Fixed broadband /100"),
    N_("Mobile subs /100"),
    N_("Individuals using the Internet (% of population)"),
    N_("Fixed broadband subscriptions (per 100 people)"),
    N_("Mobile cellular subscriptions (per 100 people)"),
)
PRICE_COLUMNS = (N_("Country"), N_("Year"), N_("US$ per GB"), N_("World rank"), N_("Source"))
CASA_COLUMNS = (N_("Date"), N_("Ctry"), N_("US$ m"), N_("Status"), N_("Project"), N_("Date type"))
STATUS_WORDS = {"undated": N_("undated")}
SCALE_WORDS = {"current": N_("current"), "legacy": N_("legacy")}

Names = dict[str, str]
Cells = tuple[Text | str, ...]


# series ---------------------------------------------------------------------------
def latest_text(latest: pl.DataFrame, gaps: dict[str, list[int]], names: Names) -> Content:
    """Each country's latest value under the chart, then the source's gaps."""
    cells = []
    for r in latest.iter_rows(named=True):
        country = names.get(r["iso3"], r["country"])
        if r["year"] is None:
            cells.append(plain(_("{country}: no data").format(country=country)))
        else:
            cells.append(
                markup(
                    "[b]$head[/b] ($value)",
                    head=_("{country}: latest {year}").format(country=country, year=r["year"]),
                    value=local_decimal(f"{r['value']:.1f}"),
                )
            )
    lines = [plain(" · ").join(cells)]
    gap_list = [f"{c} {infra.year_ranges(ys)}" for c, ys in gaps.items() if ys]
    if gap_list:
        lines.append(
            markup(
                "[dim]$what $gaps[/dim]",
                what=_("Gaps in the source (a break in a line):"),
                gaps="; ".join(gap_list),
            )
        )
    return join_lines(lines)


def series_provenance(
    latest: pl.DataFrame, gaps: dict[str, list[int]], meta: infra.SeriesMeta, names: Names
) -> list[Provenance]:
    items: list[Provenance] = []
    for r in latest.iter_rows(named=True):
        country_gaps = gaps.get(r["iso3"], [])
        cav: tuple[str, ...] = ("gap",) if country_gaps or r["year"] is None else ()
        country = names.get(r["iso3"], r["country"])
        short = _(meta.short)
        if r["year"] is None:
            items.append(
                Provenance(
                    _("{country}: {short}: no data").format(country=country, short=short),
                    None,
                    ("gap",),
                )
            )
            continue
        detail = _("latest {year}").format(year=r["year"]) + (
            "; " + _("gaps {years}").format(years=infra.year_ranges(country_gaps))
            if country_gaps
            else ""
        )
        value = local_decimal(f"{r['value']:.1f}")
        items.append(
            Provenance(
                f"{country}: {short} {value} ({r['year']})",
                r["source_id"],
                cav,
                detail,
            )
        )
    items.append(
        Provenance(
            _("Series: {name}").format(name=_(meta.name)),
            meta.source_id,
            (),
            meta.note or "",
        )
    )
    return items


# price ------------------------------------------------------------------------------
def price_rows(price: pl.DataFrame, names: Names) -> list[Cells]:
    rows: list[Cells] = []
    for r in price.iter_rows(named=True):
        rank = "—" if r["rank"] is None else str(r["rank"])
        if r["rank"] is not None and r["n_countries"] is not None:
            rank = _("{rank} of {n}").format(rank=rank, n=r["n_countries"])
        rows.append(
            (
                text(names.get(r["iso3"], r["country"])),
                str(r["year"]),
                local_decimal(f"{r['usd_per_gb']:g}"),
                rank,
                text(r["source_id"]),
            )
        )
    return rows


def price_note(price: pl.DataFrame, row: int, names: Names) -> Content:
    """The highlighted row's note over where the prices come from."""
    head = _(
        "Cable.co.uk worldwide mobile data pricing, as quoted in the press (the Cable.co.uk "
        "files themselves were not stored). Rank 1 = cheapest."
    )
    note = plain(head, "dim")
    if len(price) and 0 <= row < len(price):
        r = price.row(row, named=True)
        note = (
            markup(
                "[b]$country $year[/b]: $note\n",
                country=names.get(r["iso3"], r["country"]),
                year=r["year"],
                note=r["note"] or _("no note"),
            )
            + note
        )
    return note


def price_provenance(price: pl.DataFrame, names: Names) -> list[Provenance]:
    return [
        Provenance(
            _("{country} {year}: US$ {price} per GB").format(
                country=names.get(r["iso3"], r["country"]),
                year=r["year"],
                price=local_decimal(f"{r['usd_per_gb']:g}"),
            ),
            r["source_id"],
            (),
            r["note"] or "",
        )
        for r in price.iter_rows(named=True)
    ]


# Digital CASA -----------------------------------------------------------------------
def conflict_mark(ascii_mode: bool) -> str:
    return ("! " if ascii_mode else "⚠ ") + _("conflict")


def casa_rows(casa: pl.DataFrame, mark: str) -> list[Cells]:
    rows: list[Cells] = []
    for r in casa.iter_rows(named=True):
        status = (
            mark
            if r["status"] == "conflict"
            else (_(STATUS_WORDS[r["status"]]) if r["status"] in STATUS_WORDS else r["status"])
        )
        amount = (
            "—"
            if r["amount_usd_million"] is None
            else local_decimal(f"{r['amount_usd_million']:g}")
        )
        rows.append(
            (
                text(r["date"] or _("undated")),
                text(r["iso3"]),
                amount,
                text(status),
                text(r["project"]),
                text(r["date_type"] or ""),
            )
        )
    return rows


def casa_conflicts(casa: pl.DataFrame, mark: str) -> Content:
    """Above the table: the sources' conflicting dates, both kept, and the undated."""
    lines = []
    for rows in infra.casa_conflicts(casa).values():
        dates = " vs ".join(d or _("undated") for d in rows["date"])
        what = (
            f"{rows['iso3'][0]} "
            + re.split(r"[,(]", rows["date_type"][0] or "date")[0].strip().lower()
        )
        lines.append(
            plain(
                _("{mark}: {what} {dates}; both shown, neither preferred.").format(
                    mark=mark, what=what, dates=dates
                )
            )
        )
    undated = casa.filter(pl.col("status") == "undated") if len(casa) else casa
    if len(undated):
        lines.append(
            plain(
                _("undated: {codes} (no date in the stored sources)").format(
                    codes=", ".join(undated["iso3"])
                )
            )
        )
    return join_lines(lines)


def casa_note(casa: pl.DataFrame, row: int) -> Content:
    if not len(casa) or not 0 <= row < len(casa):
        return plain(_("No Digital CASA rows."))
    r = casa.row(row, named=True)
    bits = [markup("[b]$project[/b]", project=r["project"])]
    for key in ("wb_project_id", "instrument", "note"):
        if r[key]:
            bits.append(plain(r[key]))
    bits.append(plain(_("source: {id}").format(id=r["source_id"])))
    return plain(" · ").join(bits)


def casa_provenance(casa: pl.DataFrame) -> list[Provenance]:
    items: list[Provenance] = []
    rows = list(casa.iter_rows(named=True)) if len(casa) else []
    rows.sort(key=lambda r: r["status"] != "conflict")  # conflicts first, order kept
    for r in rows:
        cav = (
            ("conflict",)
            if r["status"] == "conflict"
            else ("gap",)
            if r["status"] == "undated"
            else ()
        )
        amount = (
            _("no amount")
            if r["amount_usd_million"] is None
            else _("US$ {amount}m").format(amount=local_decimal(f"{r['amount_usd_million']:g}"))
        )
        items.append(
            Provenance(
                f"{r['project']}: {amount}, {r['date'] or _('undated')}",
                r["source_id"],
                cav,
                r["note"] or "",
            )
        )
    return items


# Freedom on the Net and ITU IDI (drawn by tui/widgets/infra_tables.py) -------------
def fotn_provenance(fotn: dict[str, pl.DataFrame], names: Names) -> list[Provenance]:
    items: list[Provenance] = []
    for scale in infra.FOTN_SCALES:
        for r in fotn[scale].iter_rows(named=True):
            cav: tuple[str, ...] = ("legacy_fotn_scale",) if scale == "legacy" else ()
            if r["total_score"] is None:
                cav += ("gap",)
            score = "—" if r["total_score"] is None else r["total_score"]
            items.append(
                Provenance(
                    _("{country} FOTN {year} ({scale} scale): {score}").format(
                        country=names.get(r["iso3"], r["country"]),
                        year=r["edition_year"],
                        scale=_(SCALE_WORDS.get(scale, scale)),
                        score=score,
                    ),
                    r["source_id"],
                    cav,
                    r["note"] or "",
                )
            )
    return items


def idi_provenance(idi: pl.DataFrame, names: Names) -> list[Provenance]:
    return [
        Provenance(
            _("{country} {edition}: rank {rank}").format(
                country=names.get(r["iso3"], r["country"]),
                edition=r["edition"],
                rank=r["rank"] or "—",
            ),
            r["source_id"],
            ("gap",) if r["rank"] is None else (),
            r["note"] or "",
        )
        for r in idi.iter_rows(named=True)
    ]
