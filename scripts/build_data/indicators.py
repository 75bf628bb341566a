"""World Bank / ITU indicators: the indicators and indicator_meta tables."""

from __future__ import annotations

from pathlib import Path

from .common import num_text, read_ref

IND_SOURCE = {
    "SP.POP.TOTL": "wb_population",
    "IT.NET.USER.ZS": "itu_internet_users",
    "IT.NET.BBND.P2": "itu_ict_adoption",
    "IT.CEL.SETS.P2": "itu_ict_adoption",
}

IND_META = {
    "SP.POP.TOTL": dict(
        unit="people",
        short="Population",
        note="World Bank WDI via datahub.io datasets/population; 1995-2024, no gaps for the five Central Asian countries. No second source was compared.",
    ),
    "IT.NET.USER.ZS": dict(
        unit="% of population",
        short="Internet users %",
        note="ITU via World Bank, OWID export; 1995-2023. KAZ and UZB to 2023; KGZ and TJK to 2022 (TJK gaps 2018-19); TKM only to 2017; early gaps 1996-97 (KGZ) and 1996-98 (TJK, TKM). Vintage revisions: 272 of 4,800 values differ from an older World Bank file (e.g. KGZ 2016 40.5 vs 37.0, 2017 50.8 vs 38.2) and KGZ 2018/2019 read 62.8/64.1 against 42.8/51.0 in a 2023 OWID copy.",
    ),
    "IT.NET.BBND.P2": dict(
        unit="subscriptions per 100 people",
        short="Fixed broadband /100",
        note="ITU via World Bank, OWID export; 1998-2021, stops at 2021 (KAZ, UZB) or 2020 (KGZ, TJK, TKM): no newer WDI file was found. TJK gaps 2004-06 and 2018; TKM from 2008, gap 2018. Values typically 1-2% off a 2023 OWID copy (likely population-denominator revisions); UZB 2019 is 9.34 here vs 13.94 there.",
    ),
    "IT.CEL.SETS.P2": dict(
        unit="subscriptions per 100 people",
        short="Mobile subs /100",
        note="ITU via World Bank, OWID export; 1995-2021, stops at 2021 (KAZ, UZB) or 2020 (KGZ, TJK, TKM): no newer WDI file was found. Values typically 1-2% off a 2023 OWID copy (vintage revisions, e.g. KAZ 2020 128.0 vs 129.4).",
    ),
}


def build_indicators(ref: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """indicators rows, indicator_meta rows, and (iso3, name, source_id) names seen."""
    rows, names, seen_names = [], {}, []
    for r in read_ref(ref / "wb_indicators.csv"):
        code = r["indicator_code"]
        if code not in IND_SOURCE:
            raise ValueError(f"unknown indicator {code}")
        val = num_text(r["value"])
        if val is None:
            raise ValueError(f"blank value in wb_indicators for {r['iso3']} {code} {r['year']}")
        rows.append(
            dict(
                iso3=r["iso3"],
                indicator_code=code,
                year=int(num_text(r["year"], integer=True)),  # type: ignore[arg-type]
                value=val,
                source_id=IND_SOURCE[code],
            )
        )
        names.setdefault(code, set()).add(r["indicator_name"])
        seen_names.append(dict(iso3=r["iso3"], name=r["country"], source_id=IND_SOURCE[code]))
    meta = []
    for code, ns in names.items():
        if len(ns) != 1:
            raise ValueError(f"{code} has several names: {ns}")
        meta.append(
            dict(indicator_code=code, name=ns.pop(), **IND_META[code], source_id=IND_SOURCE[code])
        )
    return rows, meta, seen_names
