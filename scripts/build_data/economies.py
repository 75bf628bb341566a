"""The economies table (one row per iso3 any table uses) and country_aliases."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import pycountry


def read_unu_countries(ref: Path) -> dict[str, dict]:
    path = ref / "raw" / "UNU-EGOV_datasets" / "countries-data_EN.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        out = {}
        for r in csv.DictReader(f, delimiter=";"):
            code = (r.get("COUNTRY CODE") or "").strip()
            if code:
                out[code] = r
    return out


def m49(iso3: str) -> str | None:
    c = pycountry.countries.get(alpha_3=iso3)
    return c.numeric if c is not None else None


# When an economy is not a UN member, its name comes from the first of these
# sources that names it.
NAME_PREFERENCE = ("itu_internet_users", "itu_ict_adoption", "wb_population", "natural_earth")


def build_economies(ref: Path, name_candidates: Iterable[dict]) -> list[dict]:
    unu = read_unu_countries(ref)
    by_iso: dict[str, dict[str, str]] = {}
    for c in name_candidates:
        by_iso.setdefault(c["iso3"], {}).setdefault(c["source_id"], c["name"])
    rows = []
    for iso3 in sorted(by_iso):
        if iso3 in unu:
            u = unu[iso3]
            rows.append(
                dict(
                    iso3=iso3,
                    name=u["COMMON NAME"].strip(),
                    m49=m49(iso3),
                    region=u["REGION"].strip() or None,
                    subregion=u["SUB-REGION"].strip() or None,
                    source_id="unu_egov_countries",
                )
            )
            continue
        names = by_iso[iso3]
        src = next((s for s in NAME_PREFERENCE if s in names), sorted(names)[0])
        rows.append(
            dict(
                iso3=iso3,
                name=names[src],
                m49=m49(iso3),
                region=None,
                subregion=None,
                source_id=src,
            )
        )
    return rows


def build_aliases(ref: Path, name_candidates: Iterable[dict], economies: list[dict]) -> list[dict]:
    """Other names of each economy, from the sources that use them: every name a
    source gives (survey editions, indicator files, Natural Earth), UNU-EGOV's
    common and official names, and ISO 3166 names (pycountry). An alias equal
    to the economy's own name is left out; one that two economies share is
    left out as ambiguous. ``ddx import-un`` maps country names with these."""
    own = {e["iso3"]: e["name"] for e in economies}
    cands: list[tuple[str, str, str]] = []
    for c in name_candidates:
        cands.append((c["name"], c["iso3"], c["source_id"]))
    for iso3, u in sorted(read_unu_countries(ref).items()):
        for field in ("COMMON NAME", "OFFICIAL NAME"):
            cands.append(((u.get(field) or ""), iso3, "unu_egov_countries"))
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        for field in ("name", "official_name", "common_name"):
            cands.append((getattr(c, field, None) or "", c.alpha_3, "iso3166"))
    by_alias: dict[str, dict] = {}
    clash: set[str] = set()
    for name, iso3, src in cands:
        alias = " ".join(name.split())
        key = alias.casefold()
        if not alias or iso3 not in own or key == own[iso3].casefold():
            continue
        if key in by_alias:
            if by_alias[key]["iso3"] != iso3:
                clash.add(key)
            continue
        by_alias[key] = dict(alias=alias, iso3=iso3, source_id=src)
    return [r for k, r in by_alias.items() if k not in clash]


def build_economy_codes(economies: list[dict]) -> list[dict]:
    """ISO 3166-1 alpha-2 of every economy pycountry knows (one it does not gets no row):
    the key Babel's CLDR country names are looked up by."""
    rows = []
    for e in economies:
        c = pycountry.countries.get(alpha_3=e["iso3"])
        if c is not None:
            rows.append(dict(iso3=e["iso3"], iso2=c.alpha_2, source_id="iso3166"))
    return rows
