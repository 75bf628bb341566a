"""The questions the panes and the CLI ask of the data, answered as frames.

Every answer carries its ``source_id`` (and caveat keys where they apply) so
the UI can always show where a figure came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from .caveats import caveat_keys
from .dataset import Dataset
from .errors import UsageError
from .schema import FOCUS, INDICES, READINESS_INDEX


def N_(text: str) -> str:
    """Marks a text for the message catalogue; the UI translates it (tui/i18n.py)."""
    return text


INDICATOR_NAMES: dict[str, str] = {
    "egdi": "E-Government Development Index",
    "osi": "Online Service Index",
    "tii": "Telecommunication Infrastructure Index",
    "hci": "Human Capital Index",
    "epi": "E-Participation Index",
}
INDICATOR_SHORT = {"egdi": "EGDI", "osi": "OSI", "tii": "TII", "hci": "HCI", "epi": "EPI"}
SCOPES = ("central-asia", "region", "world")


@dataclass(frozen=True)
class Figure:
    """One number on screen, with what it means and where it came from."""

    label: str
    value: float | int | None
    text: str
    year: int | None
    source_id: str | None
    caveats: tuple[str, ...] = field(default=())


def fmt_index(v: float | None) -> str:
    """An index as the source gives it (up to 5 decimals), '—' for a gap."""
    if v is None:
        return "—"
    return f"{v:.5f}".rstrip("0").rstrip(".") if v else "0"


# -- survey editions and rankings ---------------------------------------------
def editions(ds: Dataset) -> list[int]:
    return ds.distinct("egov_survey", "year")  # type: ignore[return-value]


def survey(ds: Dataset) -> pl.DataFrame:
    return ds.frame("egov_survey")


def rank_column(indicator: str) -> tuple[str | None, bool]:
    """Which column holds the published rank, and whether ranks are derived."""
    if indicator == "egdi":
        return "egdi_rank", False
    if indicator == "epi":
        return "epi_rank", True  # derived from EPI values, never published in the sources
    return None, True


def ranking(
    ds: Dataset,
    year: int,
    indicator: str = "egdi",
    scope: str = "central-asia",
    region: str | None = None,
) -> pl.DataFrame:
    """Countries for one edition and indicator, best first.

    Columns: iso3, country, value, rank, rank_derived, region, subregion, flags,
    source_id, focus. ``rank`` is always the *world* rank, whatever the scope.
    """
    if indicator not in INDICES:
        raise UsageError(f"unknown indicator {indicator!r}; choose one of {', '.join(INDICES)}")
    df = ds.where("egov_survey", pl.col("year") == year)
    if df.is_empty():
        have = editions(ds)
        listed = (
            f"editions are {', '.join(map(str, have))}"
            if have
            else "the survey table has no editions"
        )
        raise UsageError(f"no survey edition {year}; {listed}")
    col, derived = rank_column(indicator)
    if col is None:
        rank = pl.col(indicator).rank(method="min", descending=True).cast(pl.Int64)
    else:
        rank = pl.col(col)
    df = df.with_columns(
        pl.col(indicator).alias("value"),
        rank.alias("rank"),
        pl.lit(derived).alias("rank_derived"),
        pl.col("iso3").is_in(list(FOCUS)).alias("focus"),
    )
    if scope == "central-asia":
        df = df.filter(pl.col("focus"))
    elif scope == "region":
        if region is None:
            raise UsageError("scope 'region' needs a region name")
        df = df.filter(pl.col("region").str.to_lowercase() == region.lower())
        if df.is_empty():
            regions_text = ", ".join(regions(ds))
            raise UsageError(f"unknown region {region!r}; regions are {regions_text}")
    elif scope != "world":
        raise UsageError(f"unknown scope {scope!r}; choose central-asia, world or a region")
    return df.select(
        "iso3",
        "country",
        "value",
        "rank",
        "rank_derived",
        "region",
        "subregion",
        "flags",
        "source_id",
        "focus",
    ).sort(["rank", "iso3"], nulls_last=True)


def regions(ds: Dataset) -> list[str]:
    return ds.distinct("egov_survey", "region")  # type: ignore[return-value]


def region_of(ds: Dataset, iso3: str) -> str | None:
    row = ds.where("egov_survey", pl.col("iso3") == iso3).select("region").drop_nulls()
    return row["region"][0] if len(row) else None


def figure_caveats(year: int, flags: str | None, indicator: str | None = None) -> tuple[str, ...]:
    keys = caveat_keys(flags)
    if indicator is not None:
        keys = [k for k in keys if k.startswith(indicator) or k.startswith("egdi_zero")]
    if year in READINESS_INDEX:
        keys.insert(0, "readiness_era")
    return tuple(keys)


# -- time series --------------------------------------------------------------
def series(ds: Dataset, iso3s: list[str], column: str) -> pl.DataFrame:
    """year, iso3, value for survey columns (indices or ranks), sorted by year."""
    return (
        ds.where("egov_survey", pl.col("iso3").is_in(iso3s))
        .select("year", "iso3", pl.col(column).alias("value"))
        .sort(["iso3", "year"])
    )


def components(ds: Dataset, iso3: str) -> pl.DataFrame:
    return ds.where("egov_survey", pl.col("iso3") == iso3).select("year", *INDICES).sort("year")


def indicator_series(ds: Dataset, iso3s: list[str], code: str) -> pl.DataFrame:
    return (
        ds.lazy("indicators")
        .filter(pl.col("indicator_code") == code, pl.col("iso3").is_in(iso3s))
        .select("iso3", "year", "value", "source_id")
        .sort(["iso3", "year"])
        .collect()
    )


def indicator_meta(ds: Dataset) -> pl.DataFrame:
    return ds.frame("indicator_meta")


# -- countries ------------------------------------------------------------------
def focus_countries(ds: Dataset) -> pl.DataFrame:
    return ds.frame("countries").sort("iso3")


# How alike a name must be to a known one to be offered as "did you mean":
# 'Kazakstan', 'Germny', 'Brasil' are (0.83 and up); 'Narnia' is not Armenia (0.77).
SUGGEST_CUTOFF = 0.8


def closest(key: str, candidates: list[str]) -> str | None:
    """The candidate ``key`` is most likely a typo of, or None if none is close."""
    import difflib

    near = difflib.get_close_matches(key, candidates, n=1, cutoff=SUGGEST_CUTOFF)
    return near[0] if near else None


def resolve_country(ds: Dataset, text: str) -> str:
    """ISO3 for a code or name (any case); a helpful error for a typo."""
    econ = ds.frame("economies")
    key = text.strip().lower()
    codes: dict[str, str] = {c.lower(): c for c in econ["iso3"]}
    if key in codes:
        return codes[key]
    names: dict[str, str] = {n.lower(): c for n, c in zip(econ["name"], econ["iso3"], strict=True)}
    if key in names:
        return names[key]
    matches = [n for n in names if n.startswith(key)] if len(key) >= 3 else []
    if len(matches) == 1:
        return names[matches[0]]
    near = closest(key, list(names) + list(codes))
    hint = ""
    if near:
        code = codes.get(near) or names[near]
        hint = f"; did you mean {code} ({econ.filter(pl.col('iso3') == code)['name'][0]})?"
    raise UsageError(f"unknown country {text!r}{hint}")


def country(ds: Dataset, iso3: str) -> dict[str, object]:
    rows = ds.frame("countries").filter(pl.col("iso3") == iso3)
    if rows.is_empty():
        econ = ds.frame("economies").filter(pl.col("iso3") == iso3)
        if econ.is_empty():
            raise UsageError(f"unknown country {iso3!r}")
        return {
            "iso3": iso3,
            "name": econ["name"][0],
            "portal": None,
            "summary": None,
            "source_id": None,
        }
    return rows.row(0, named=True)


def milestones(ds: Dataset, iso3: str | None = None) -> pl.DataFrame:
    df = ds.frame("milestones")
    if iso3 is not None:
        df = df.filter(pl.col("iso3") == iso3)
    return (
        df.with_columns(pl.col("date").is_null().alias("_undated"))
        .sort(["_undated", "date", "milestone_id"])
        .drop("_undated")
    )


def assessments(ds: Dataset, iso3: str) -> pl.DataFrame:
    return ds.frame("assessments").filter(pl.col("iso3") == iso3)


def latest_value(ds: Dataset, iso3: str, code: str) -> Figure:
    meta = ds.frame("indicator_meta").filter(pl.col("indicator_code") == code)
    label = meta["short"][0] if len(meta) else code
    s = indicator_series(ds, [iso3], code).drop_nulls("value")
    if s.is_empty():
        return Figure(label, None, "no data", None, None, ("gap",))
    last = s.row(-1, named=True)
    return Figure(label, last["value"], f"{last['value']:.1f}", last["year"], last["source_id"])


def profile(ds: Dataset, iso3: str, year: int | None = None) -> list[Figure]:
    """The figures shown for a country: latest (or given) edition and its change."""
    df = ds.where("egov_survey", pl.col("iso3") == iso3).sort("year")
    if df.is_empty():
        return []
    if year is not None:
        df = df.filter(pl.col("year") <= year)
        if df.is_empty():  # asked for a year before the country's first edition
            return []
    cur = df.row(-1, named=True)
    prev = df.row(-2, named=True) if len(df) > 1 else None
    y, flags, src = cur["year"], cur["flags"], cur["source_id"]
    figs: list[Figure] = []
    rank_text = f"{cur['egdi_rank']}" if cur["egdi_rank"] is not None else "—"
    if prev is not None and cur["egdi_rank"] is not None and prev["egdi_rank"] is not None:
        delta = prev["egdi_rank"] - cur["egdi_rank"]
        arrow = "▲" if delta > 0 else "▼" if delta < 0 else "="
        rank_text += (
            f" ({arrow}{abs(delta)} since {prev['year']})"
            if delta
            else f" (= since {prev['year']})"
        )
    figs.append(
        Figure(
            N_("UN rank"),
            cur["egdi_rank"],
            rank_text,
            y,
            src,
            ("ranks_relative", *figure_caveats(y, flags, "egdi")),
        )
    )
    for ind in INDICES:
        v = cur[ind]
        figs.append(
            Figure(
                INDICATOR_SHORT[ind],
                v,
                fmt_index(v) if v is not None else "gap",
                y,
                src,
                figure_caveats(y, flags, ind) + (("gap",) if v is None else ()),
            )
        )
    if cur["epi_rank"] is not None:
        figs.append(
            Figure(
                N_("EPI rank*"),
                cur["epi_rank"],
                str(cur["epi_rank"]),
                y,
                src,
                ("derived_rank", "ranks_relative"),
            )
        )
    if ds.has("indicators"):
        figs.append(latest_value(ds, iso3, "IT.NET.USER.ZS"))
    return figs


# -- goals -----------------------------------------------------------------------
def goals(ds: Dataset) -> pl.DataFrame:
    return ds.frame("goals").sort("position")


def goal_milestones(ds: Dataset, goal_id: str) -> pl.DataFrame:
    """Milestones linked to a goal (the project's reading), with country names:
    ``article.goal_actions`` as a frame."""
    from . import article
    from .schema import TABLES

    schema: dict[str, pl.DataType | type[pl.DataType]] = {
        "milestone_id": pl.String,
        "polarity": pl.String,
        "link": pl.String,
        "rationale": pl.String,
        "link_source_id": pl.String,
    }
    schema.update(
        (c.name, c.dtype) for c in TABLES["milestones"].columns if c.name != "milestone_id"
    )
    schema["country"] = pl.String
    return pl.DataFrame(article.goal_actions(ds, goal_id), schema=schema, orient="row")


# -- sources ---------------------------------------------------------------------
def sources(ds: Dataset) -> pl.DataFrame:
    return ds.frame("sources").sort("source_id")


def article_references(ds: Dataset) -> pl.DataFrame:
    if not ds.has("article_references"):
        return pl.DataFrame()
    return ds.frame("article_references").sort("ref_no")


def source(ds: Dataset, source_id: str | None) -> dict[str, object] | None:
    if source_id is None:
        return None
    rows = ds.frame("sources").filter(pl.col("source_id") == source_id)
    return rows.row(0, named=True) if len(rows) else None


def citation(src: dict[str, object]) -> str:
    year = f" ({src['year']})" if src.get("year") else ""
    return f"{src['publisher']}{year}. {src['title']}."
