"""The Infrastructure pane's two rank tables as Rich renderables: Freedom on
the Net (two scales, shown apart) and the ITU ICT Development Index."""

from __future__ import annotations

import polars as pl
from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..core import infra
from ..core.dataset import Dataset
from ..i18n import _
from ..textsafe import safe, text

FOTN_STATUS = {"Free": "F", "Partly Free": "PF", "Not Free": "NF"}


# -- Freedom on the Net ---------------------------------------------------------------
def _box(ascii_mode: bool) -> box.Box:
    return box.ASCII if ascii_mode else box.SIMPLE_HEAD


def _fotn_table(
    fotn: dict[str, pl.DataFrame], scale: str, ascii_mode: bool, names: dict[str, str]
) -> Group:
    editions, rows = infra.fotn_wide(fotn[scale])
    by_row = (
        {(r["iso3"], r["edition_year"]): r for r in fotn[scale].iter_rows(named=True)}
        if len(fotn[scale])
        else {}
    )
    if scale == "current":
        title = _("CURRENT scale (2019 on): 0-100, HIGHER = freer")
    else:
        title = _("LEGACY scale (before 2019): 0-100, LOWER = freer; not comparable with the above")
    table = Table(box=_box(ascii_mode), pad_edge=False, show_edge=False)
    table.add_column(_("Country"), no_wrap=True)
    for e in editions:
        table.add_column(str(e), justify="right")
    for iso3, name, _scores in rows:
        cells = []
        for e in editions:
            r = by_row.get((iso3, e))
            if r is None:
                cells.append("")
                continue
            score = "—" if r["total_score"] is None else str(r["total_score"])
            status = FOTN_STATUS.get(r["status"] or "", "")
            cells.append(f"{score} {status}".strip())
        table.add_row(text(names.get(iso3, name)), *cells)
    return Group(Text(title, style="bold"), table)


def fotn_renderable(
    ds: Dataset, fotn: dict[str, pl.DataFrame], names: dict[str, str], ascii_mode: bool
) -> RenderableType:
    """Freedom on the Net: the current and legacy scales as two tables, never one axis."""
    parts: list[RenderableType] = [
        Text(
            _("Freedom House, Freedom on the Net. Two scales, shown apart, never on one axis."),
            style="dim",
        )
    ]
    for scale in infra.FOTN_SCALES:
        if len(fotn[scale]):
            parts.append(_fotn_table(fotn, scale, ascii_mode, names))
    missing = infra.fotn_missing(ds)
    foot = _("F Free · PF Partly Free · NF Not Free · — score not in the stored source.")
    if missing:
        foot += " " + _("No scores stored for {names}.").format(
            names=", ".join(names.get(c, c) for c in missing)
        )
    parts.append(Text(safe(foot), style="dim"))
    return Group(*parts)


# -- ITU IDI ----------------------------------------------------------------------------
def idi_renderable(
    idi: pl.DataFrame, ascii_mode: bool, names: dict[str, str] | None = None
) -> RenderableType:
    """ITU ICT Development Index: world ranks by edition."""
    names = names or {}
    editions, rows = infra.idi_wide(idi)
    table = Table(box=_box(ascii_mode), pad_edge=False, show_edge=False)
    table.add_column(_("Country"), no_wrap=True)
    for e in editions:
        table.add_column(e, justify="right", no_wrap=True)
    for _iso3, name, cells in rows:
        out = []
        for e in editions:
            r = cells.get(e)
            if r is None:
                out.append("")
            elif r["rank"] is None:
                out.append(_("not included") if "not included" in str(r["note"] or "") else "—")
            else:
                out.append(
                    _("{rank} of {n}").format(rank=r["rank"], n=r["n_countries"])
                    if r["n_countries"]
                    else str(r["rank"])
                )
        table.add_row(text(names.get(_iso3, name)), *(text(c) for c in out))
    return Group(
        Text(
            _("ITU ICT Development Index: world ranks only (no index values were found)"),
            style="bold",
        ),
        table,
        Text(
            _(
                "Rank 1 = most developed. The 2013 edition is identified by matching ranks in "
                "the press (see s for each note and source). Blank: no stored figure."
            ),
            style="dim",
        ),
    )
