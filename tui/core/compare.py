"""Compare: two to eight countries side by side in one survey edition.

The grouped bars (EGDI, OSI, TII, HCI, EPI per country) and the scatter of two
indices are both drawn from :func:`compare_frame`; a country absent from an
edition stays in the frame as a row of gaps, never a row of zeros.
"""

from __future__ import annotations

import polars as pl

from .dataset import Dataset
from .errors import UsageError
from .queries import INDICATOR_SHORT, figure_caveats
from .schema import FOCUS, INDICES

# Neighbours a lecturer reaches for, in the order the issue names them.
NEIGHBOURS: tuple[str, ...] = ("AFG", "AZE", "MNG", "RUS", "CHN", "PAK", "TUR", "IND")
# The one-key "with neighbours" set: the five and three of their neighbours (8 = the maximum).
NEAR: tuple[str, ...] = ("AFG", "RUS", "CHN")
CANDIDATES: tuple[str, ...] = FOCUS + NEIGHBOURS
MIN_COUNTRIES, MAX_COUNTRIES = 2, 8

# The scatter's default pair: the nearest sourced stand-in for the article's
# Figure 3.3, which our copy of the article does not contain. Its caption speaks
# of indicators of digital-diplomacy development and of each country's image.
# EGDI measures e-government development; the E-Participation Index measures how
# far a government engages people online, the outward-facing side closest to
# digital diplomacy that the UN data hold. No sourced measure of a country's
# image exists in our data, and the EPI is not one.
DEFAULT_X, DEFAULT_Y = "egdi", "epi"


def N_(text: str) -> str:
    """Marks a text for the message catalogue; the UI translates it (tui/i18n.py)."""
    return text


SCATTER_CAPTION = N_(
    "Nearest sourced stand-in for the article's Figure 3.3 (not in our copy): EGDI vs "
    "E-Participation, a measure of online engagement, not of image."
)

COLUMNS = ("iso3", "country", "year", *INDICES, "egdi_rank", "flags", "source_id", "in_edition")


def names(ds: Dataset, iso3s: list[str] | tuple[str, ...]) -> dict[str, str]:
    """Display names: the latest survey name (Türkiye, not Turkey) unless it is long
    (Russian Federation: the economies list's Russia), else the economies list."""
    latest = (
        ds.where("egov_survey", pl.col("iso3").is_in(list(iso3s)))
        .sort("year")
        .group_by("iso3")
        .agg(pl.col("country").last())
    )
    out = {c: n for c, n in zip(latest["iso3"], latest["country"], strict=True) if len(n) <= 16}
    econ = ds.frame("economies").filter(pl.col("iso3").is_in(list(iso3s)))
    for iso3, name in zip(econ["iso3"], econ["name"], strict=True):
        out.setdefault(iso3, name)
    return {c: out.get(c, c) for c in iso3s}


def check_selection(ds: Dataset, iso3s: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The selection as a tuple, or a UsageError saying what is wrong with it."""
    sel = tuple(dict.fromkeys(iso3s))
    if not MIN_COUNTRIES <= len(sel) <= MAX_COUNTRIES:
        raise UsageError(f"compare {MIN_COUNTRIES} to {MAX_COUNTRIES} countries, not {len(sel)}")
    known = ds.known_iso3()
    bad = [c for c in sel if c not in known]
    if bad:
        raise UsageError(f"unknown country code {bad[0]!r}")
    return sel


def toggle(selection: tuple[str, ...], iso3: str) -> tuple[str, ...]:
    """Add or remove one country, keeping 2 to 8; a UsageError explains a refusal."""
    if iso3 in selection:
        if len(selection) <= MIN_COUNTRIES:
            raise UsageError(
                f"keep at least {MIN_COUNTRIES} countries; add another before removing {iso3}"
            )
        return tuple(c for c in selection if c != iso3)
    if len(selection) >= MAX_COUNTRIES:
        raise UsageError(f"at most {MAX_COUNTRIES} countries; remove one before adding {iso3}")
    return (*selection, iso3)


def with_neighbours(selection: tuple[str, ...]) -> tuple[str, ...]:
    """The five and Afghanistan, Russia, China (eight in all)."""
    del selection
    return FOCUS + NEAR


def compare_frame(ds: Dataset, year: int, iso3s: list[str] | tuple[str, ...]) -> pl.DataFrame:
    """One row per chosen country, in the order chosen, for one edition.

    Columns: iso3, country, year, egdi, osi, tii, hci, epi, egdi_rank, flags,
    source_id, in_edition. A country the edition does not cover keeps its row,
    with every value null and ``in_edition`` false.
    """
    order = pl.DataFrame({"iso3": list(iso3s), "_order": list(range(len(iso3s)))})
    rows = ds.where("egov_survey", pl.col("year") == year).select(
        "iso3", "country", *INDICES, "egdi_rank", "flags", "source_id"
    )
    label = names(ds, iso3s)
    df = order.join(rows, on="iso3", how="left").with_columns(
        pl.col("egdi").is_not_null().alias("in_edition"),
        pl.lit(year).cast(pl.Int64).alias("year"),
        pl.col("iso3").replace_strict(label, default=pl.col("iso3")).alias("country"),
    )
    return df.sort("_order").select(COLUMNS)


def scatter_frame(df: pl.DataFrame, x: str, y: str) -> pl.DataFrame:
    """iso3, country, x, y, source_id; both axes must be survey indices."""
    for ind in (x, y):
        if ind not in INDICES:
            raise UsageError(f"unknown indicator {ind!r}; choose one of {', '.join(INDICES)}")
    return df.select(
        "iso3", "country", pl.col(x).alias("x"), pl.col(y).alias("y"), "source_id", "flags"
    )


def row_caveats(
    year: int, row: dict[str, object], indicators: tuple[str, ...] = INDICES
) -> tuple[str, ...]:
    """Caveat keys for one country's figures on screen (edition era, flags, gaps)."""
    keys: list[str] = []
    flags = row.get("flags")
    for ind in indicators:
        for k in figure_caveats(year, flags if isinstance(flags, str) else None, ind):
            if k not in keys:
                keys.append(k)
    if any(row.get(ind) is None for ind in indicators) and "gap" not in keys:
        keys.append("gap")
    return tuple(keys)


def pretty(indicator: str) -> str:
    return INDICATOR_SHORT.get(indicator, indicator.upper())
