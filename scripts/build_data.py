#!/usr/bin/env python3
"""Regenerate the reference-derived tables in ``data/`` from ``shared/reference``.

Usage (from the repository root)::

    python scripts/build_data.py [--reference ../shared/reference] [--out data]

Writes sources, economies, egov_survey, indicators, indicator_meta,
internet_freedom, mobile_data_price, digital_casa, itu_idi, map_shapes and
country_aliases.
The hand-written tables (goals, countries, milestones, milestone_goals,
assessments) are never created, modified or deleted here.

Rules this script keeps:

* Numbers are facts. Numeric cells are passed through as the exact text found
  in the reference (no float round trip, no re-formatting); a blank stays
  blank. The only computed numbers are the map coordinates, which are derived
  geometry (decoded, simplified and rounded), not statistics.
* Output is deterministic: rows are sorted by each table's key, files are
  UTF-8 with LF line ends, so a rerun gives identical bytes.
* Column names and order come from ``tui/core/schema.py``; the self-check at
  the end validates every written file against it.

Dependencies: the standard library, polars and pycountry.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import io
import json
import math
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlparse

import polars as pl
import pycountry

REPO = Path(__file__).resolve().parents[1]

# --------------------------------------------------------------------------
# schema


def load_schema():
    """Import tui/core/schema.py by path (no need for tui to be importable)."""
    path = REPO / "tui" / "core" / "schema.py"
    spec = importlib.util.spec_from_file_location("_ddx_schema", path)
    assert spec and spec.loader, path
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses need the module registered
    spec.loader.exec_module(mod)
    return mod


SCHEMA = load_schema()
TABLES = SCHEMA.TABLES

GENERATED = (
    "sources",
    "economies",
    "egov_survey",
    "indicators",
    "indicator_meta",
    "internet_freedom",
    "mobile_data_price",
    "digital_casa",
    "itu_idi",
    "map_shapes",
    "country_aliases",
)

# --------------------------------------------------------------------------
# reading / writing helpers


def read_ref(path: Path) -> list[dict[str, str | None]]:
    """Read a reference CSV as text only; empty cells become None."""
    df = pl.read_csv(path, infer_schema=False)
    rows = df.to_dicts()
    for r in rows:
        for k, v in r.items():
            if v is not None and v.strip() == "":
                r[k] = None
    return rows


def blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and v.strip() == "")


def num_text(v: str | None, *, integer: bool = False) -> str | None:
    """Check that a reference cell is a number and return its text unchanged."""
    if blank(v):
        return None
    assert isinstance(v, str)
    s = v.strip()
    if integer:
        if not s.lstrip("-").isdigit():
            raise ValueError(f"not a whole number: {v!r}")
    else:
        float(s)  # raises if not a number
        if "e" in s.lower():
            raise ValueError(f"exponent notation not expected: {v!r}")
    return s


def _sort_key(table_name: str, row: dict) -> tuple:
    t = TABLES[table_name]
    out = []
    for k in t.key:
        v = row.get(k)
        dtype = t.col(k).dtype
        if v is None or v == "":
            out.append((0, 0.0, ""))
        elif dtype in (pl.Int64, pl.Float64):
            out.append((1, float(v), ""))
        else:
            out.append((1, 0.0, str(v)))
    return tuple(out)


def write_table(out_dir: Path, name: str, rows: list[dict]) -> Path:
    cols = TABLES[name].names
    for r in rows:
        extra = set(r) - set(cols)
        missing = set(cols) - set(r)
        if extra or missing:
            raise ValueError(f"{name}: row columns differ from schema: +{extra} -{missing}")
    rows = sorted(rows, key=lambda r: _sort_key(name, r))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(cols)
    for r in rows:
        w.writerow(["" if r[c] is None else str(r[c]) for c in cols])
    data = buf.getvalue().encode("utf-8")
    path = out_dir / f"{name}.csv"
    if not (path.exists() and path.read_bytes() == data):
        tmp = path.with_suffix(".csv.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return path


# --------------------------------------------------------------------------
# sources

UN_DATA_CENTER = "https://publicadministration.un.org/egovkb/en-us/Data-Center"

KOHEI = (
    "KoheiTakata/E-government@5f534452c9b02a7fbee45bda18b10cc23b116f6b:data/EGOV_DATA.csv "
    "(file commit 8495d3c, 2022-03-21), a verbatim UN DESA E-Government Knowledgebase "
    "Data Center export in which every row appears twice; exact duplicates were removed"
)
UNU_EGDI = "UNU-EGOV/datasets@3b9c43567eb9f749e7497b0491449b24a91e5248:egdi/egdi-{year}.csv"
PLURALITY = (
    "pluralitybook/plurality@86158859464aee75633acd854c656928121a7fd8:"
    "figs/data/egovernment/EGOV_DATA_2022.csv (file commit d7cb784), a verbatim UN Data "
    "Center export; that repository is licensed CC0-1.0, the data's own terms are UN DESA's"
)
MARYLIA = (
    "MaryliaCruzS/Estadistica1CienciaPolitica@a1f17e3a3090cf0ead465be6b16821efb5a63f5d:"
    "EGOV_DATA_2024.csv (file commit c22aa0b), a re-headed copy of the UN export; its Region "
    "column was discarded because it contains errors (e.g. Nicaragua = Europe, Fiji = Asia)"
)
COMMON_EGOV = (
    "Country names mapped to ISO3 with the UNU-EGOV name-code pairs (plus Türkiye = TUR). "
    "Numbers rounded to at most 5 decimals, which only strips float artefacts such as "
    "0.17969000000000002. region/subregion come from UNU-EGOV countries-data_EN.csv, not "
    "from the Survey. epi_rank is not published in any source file: ddx derives it from the "
    "EPI values by competition ranking (ties share the best rank). Licence: none stated in "
    "the copy used. Read via the reference gathered for ddx (PROVENANCE.md), not the live site."
)


def unegov_source(year: int) -> dict:
    if year in (2003, 2004, 2005):
        title = (
            f"United Nations E-Government Survey {year} (Global E-Government Readiness "
            f"Report / survey era; headline index: E-Government Readiness Index)"
        )
    else:
        title = f"United Nations E-Government Survey {year}"
    if year == 2012:
        how = f"Copy obtained from {UNU_EGDI.format(year=year)} (UNU-EGOV's README names the UN Data Center as its source; 2012 is missing from the KoheiTakata export)."
    elif year == 2022:
        how = f"Copy obtained from {PLURALITY}."
    elif year == 2024:
        how = f"Copy obtained from {MARYLIA}. Cross-checked for 13 focus countries against aaravgupta10/Neutrosophic-human-development-index (0 mismatches)."
    else:
        how = f"Copy obtained from {KOHEI}."
        if year in (2010, 2014, 2016, 2018):
            how += f" Cross-checked against {UNU_EGDI.format(year=year)}: identical"
            how += (
                " except that where the UN export has 0 and UNU-EGOV a blank (HCI/TII of KIR, MHL, FSM, MCO, NRU, PRK, SOM, TUV, SMR) the value was set blank and flagged."
                if year == 2010
                else "."
            )
    if year in (2003, 2004, 2005):
        how += " Placeholder rows with no rank and all zeros were dropped: SSD (not yet a UN member) and MNE (then surveyed together with Serbia). 191 countries."
        how += " 2003-2005 index values follow the readiness methodology (2003 HCI values are 2-decimal and can exceed 1, e.g. TUV 1.03)."
    elif year in (2008, 2010):
        how += " The placeholder row for SSD (not yet a UN member; no rank, all zeros) was dropped. 192 countries."
    else:
        how += " 193 countries."
    return dict(
        source_id=f"unegov_{year}",
        publisher="UN DESA",
        title=title,
        year=year,
        url=UN_DATA_CENTER,
        licence=None,
        note=f"{how} {COMMON_EGOV}",
    )


def fixed_sources() -> list[dict]:
    rows = [
        dict(
            source_id="article",
            publisher="Saidova Nigina Sirojiddin qizi, University of World Economy and Diplomacy, Tashkent",
            title="Goals of development of digital diplomacy and actions-results in this regard in Central Asian countries",
            year=None,
            url=None,
            licence=None,
            note="The year is not stated in our copy; the article cites the UN E-Government Survey 2020 as the latest. Licence not stated.",
        ),
        dict(
            source_id="ddx_reading",
            publisher="ddx project",
            title="The project's own reading of the article: links between country actions and goals",
            year=None,
            url=None,
            licence=None,
            note="Interpretation by the ddx project, not a statement of the article's author.",
        ),
        dict(
            source_id="unu_egov_countries",
            publisher="UNU-EGOV (United Nations University Operating Unit on Policy-Driven Electronic Governance)",
            title="UNU-EGOV/datasets: countries-data_EN.csv (country codes, common names, UN M49-style region and sub-region)",
            year=None,
            url="https://github.com/UNU-EGOV/datasets",
            licence=None,
            note="Read from UNU-EGOV/datasets@3b9c43567eb9f749e7497b0491449b24a91e5248:countries/countries-data_EN.csv (semicolon-separated, UTF-8 with BOM). Used for names, region and subregion of the 193 UN members. No licence file in the repository.",
        ),
        dict(
            source_id="iso3166",
            publisher="ISO (via the pycountry Python package)",
            title="ISO 3166-1 country codes (alpha-3 and numeric)",
            year=None,
            url="https://pypi.org/project/pycountry/",
            licence=None,
            note=f"ISO 3166-1 numeric codes looked up with pycountry {pycountry.__version__} (package licence LGPL-2.1); used for economies.m49 and to map Natural Earth numeric ids to ISO3. The codes themselves are ISO's; no licence stated for them.",
        ),
        dict(
            source_id="wb_population",
            publisher="World Bank (via datahub.io core datasets)",
            title="Population, total (SP.POP.TOTL)",
            year=None,
            url="https://github.com/datasets/population",
            licence="ODC-PDDL-1.0",
            note="World Bank WDI SP.POP.TOTL as packaged by datasets/population@425fc447a53a26c767a15a7de60c4cc2478a0595:data/population.csv (licence ODC-PDDL-1.0 per its datapackage.json, which says version 2023-03-30 although the data run to 2024). Years before 1995 and aggregates dropped; no second source compared.",
        ),
        dict(
            source_id="itu_internet_users",
            publisher="ITU via World Bank (Our World in Data grapher export)",
            title="Individuals using the Internet (% of population), IT.NET.USER.ZS",
            year=None,
            url="https://github.com/sberkayuguz/dsa-210-project",
            licence="CC BY 4.0 (as published by OWID / World Bank)",
            note="OWID grapher export share-of-individuals-using-the-internet.csv read from sberkayuguz/dsa-210-project@a848d7944073ba86916a7afd4f847f5f8ec6e5f2 (re-saved with ';' separators, uploaded 2025-11-30; download date not documented). No licence file in that repo; CC BY 4.0 is the term published by OWID and the World Bank. Values differ from older WB/OWID vintages (revisions).",
        ),
        dict(
            source_id="itu_ict_adoption",
            publisher="ITU via World Bank (Our World in Data grapher export)",
            title="Fixed broadband subscriptions and mobile cellular subscriptions (per 100 people), IT.NET.BBND.P2 and IT.CEL.SETS.P2",
            year=None,
            url="https://github.com/vicho-bece/internetusers-for-years",
            licence="CC BY 4.0 (as published by OWID / World Bank)",
            note="OWID export ict-adoption-per-100-people.csv read from vicho-bece/internetusers-for-years@30153f39eb7375fb7e24213af3b6b0a866dc3fec (committed 2024-06-02). No licence file in that repo; CC BY 4.0 is the term published by OWID and the World Bank.",
        ),
        dict(
            source_id="natural_earth",
            publisher="Natural Earth (via npm world-atlas 2.0.2)",
            title="Natural Earth Admin 0 countries, 1:50m, v4.1.0 (TopoJSON countries-50m.json)",
            year=None,
            url="https://www.naturalearthdata.com/",
            licence="Public domain (Natural Earth); world-atlas package ISC",
            note="countries-50m.json from the npm package world-atlas 2.0.2, copied unchanged into the reference; converted by scripts/build_data.py (arcs decoded, rings simplified with Douglas-Peucker 0.05 deg, tiny islands dropped, coordinates rounded to 3 decimals). Natural Earth draws de facto boundaries.",
        ),
        dict(
            source_id="trend_menafn_2023",
            publisher="Trend News Agency / MENAFN",
            title="Report dated 2023-09-05 giving 2018-07-02 as the approval date of Digital CASA - Kyrgyz Republic",
            year=2023,
            url=None,
            licence=None,
            note="Known only through a quotation in the note of the reference's digital_casa.csv (KGZ row sourced to timesca.com); the article itself was not read. Conflicts with the World Bank press release (March 2018). Licence unknown.",
        ),
        dict(
            source_id="hanson_2012_revolution",
            publisher="Lowy Institute for International Policy",
            title="Revolution@State: The Spread of Ediplomacy (Fergus Hanson; Lowy Institute Analysis)",
            year=2012,
            url="http://lowyinstitute.org/publications/revolutionstate-spread-ediplomacy",
            licence=None,
            note="Fergus Hanson, published March 2012. Seen: the publisher's page, in a stored copy; the paper also appears on brookings.edu (articles/revolution-state-the-spread-of-ediplomacy/, dated 2012-03-27). It maps how the US State Department uses ediplomacy, in eight program areas: knowledge management, public diplomacy, internet freedom, information management, consular, disaster response, external resources and policy planning. The article's Table 1 lists the same eight as goals of digital diplomacy without citing Hanson; that match is ddx's note, not the article's claim. Read via the reference gathered for ddx (ediplomacy_framework.csv). Licence not stated.",
        ),
        dict(
            source_id="hanson_2012_baked_in",
            publisher="Foreign Policy at Brookings",
            title="Baked In and Wired: eDiplomacy@State (Fergus Hanson; Foreign Policy Paper Number 30)",
            year=2012,
            url="https://www.brookings.edu/articles/conclusions-and-recommendations-for-ediplomacy-state/",
            licence=None,
            note="Fergus Hanson, published October 2012. Seen: part 6 of the paper (its conclusions and recommendations) as published on brookings.edu; the landing page of the whole paper was not seen; press coverage is dated 2012-10-30. The second paper of the series: it defines ediplomacy as using the internet and new ICTs to help meet diplomatic objectives, and concentrates on public diplomacy, internet freedom and knowledge management, the three areas with the most resources at State. Read via the reference gathered for ddx (ediplomacy_framework.csv). Licence not stated.",
        ),
    ]
    rows += [
        unegov_source(y)
        for y in (2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024)
    ]
    return rows


FH = "Freedom House (Freedom on the Net)"
PRESS = "Press quotation read from a stored copy of the page; licence not stated (copyrighted article, figures quoted only)."


def _press(sid, publisher, title, year, original, extra=""):
    note = f"Original publisher: {original}. {PRESS}"
    if extra:
        note += " " + extra
    return dict(source_id=sid, publisher=publisher, title=title, year=year, licence=None, note=note)


# One entry per source_url found in the small hand-built reference tables.
WEB_SOURCES: dict[str, dict] = {
    "https://freedomhouse.org/report/freedom-net/2012/kazakhstan": dict(
        source_id="fh_fotn_2012_kaz",
        publisher="Freedom House",
        title="Freedom on the Net 2012: Kazakhstan (country report)",
        year=2012,
        licence=None,
        note="Freedom House's own country report page, read from a stored copy; the stored excerpt gives the status but not the score. Licence not stated in our copy.",
    ),
    "https://freedomhouse.org/report/freedom-net/2015/kazakhstan": dict(
        source_id="fh_fotn_2015_kaz",
        publisher="Freedom House",
        title="Freedom on the Net 2015: Kazakhstan (country report)",
        year=2015,
        licence=None,
        note="Freedom House's own country report page, read from a stored copy; scores on the pre-2019 scale (0 = best). Licence not stated in our copy.",
    ),
    "https://24.kg/english/100468_Internet_in_Kyrgyzstan_becomes_less_free/": _press(
        "press_24kg_100468",
        "24.kg",
        "Freedom on the Net figures as quoted by 24.kg: Internet in Kyrgyzstan becomes less free",
        None,
        FH,
        "Scores on the pre-2019 scale (lower = freer). Publication year not in the URL.",
    ),
    "https://thediplomat.com/2019/11/kazakhstan-sinks-in-freedom-of-the-net-2019-report": _press(
        "press_diplomat_2019_11",
        "The Diplomat",
        "Freedom on the Net figures as quoted by The Diplomat: Kazakhstan sinks in Freedom on the Net 2019 report",
        2019,
        FH,
        "Also restates the 2018 scores of KAZ and UZB on the current scale.",
    ),
    "https://24.kg/english/134305_Internet_in_Kyrgyzstan_repeatedly_recognized_as_partly_free/": _press(
        "press_24kg_134305",
        "24.kg",
        "Freedom on the Net figures as quoted by 24.kg: Internet in Kyrgyzstan repeatedly recognized as partly free",
        None,
        FH,
        "Publication year not in the URL.",
    ),
    "https://m.kun.uz/en/news/2021/09/25/freedom-house-leaves-uzbekistan-in-the-list-of-countries-without-free-internet": _press(
        "press_kunuz_2021_09_25",
        "kun.uz",
        "Freedom on the Net figures as quoted by kun.uz: Freedom House leaves Uzbekistan in the list of countries without free internet",
        2021,
        FH,
    ),
    "https://tajikistannewsgazette.com/in-central-asia-only-kyrgyzstan-was-designated-as-partially-free-by-freedom-houses-report/": _press(
        "press_tjnewsgazette_fotn",
        "Tajikistan News Gazette",
        "Freedom on the Net figures as quoted by Tajikistan News Gazette: In Central Asia only Kyrgyzstan was designated as partially free",
        2022,
        FH,
        "Edition year (2022) inferred from the article text (released Oct 18, 12th consecutive year of decline).",
    ),
    "https://statista.com/statistics/1416269/freedom-on-the-net-score-in-kazakhstan": _press(
        "statista_1416269",
        "Statista",
        "Freedom on the Net score in Kazakhstan (Statista statistic 1416269)",
        None,
        FH,
        "Statistics-portal republication rather than press.",
    ),
    "https://qalampir.uz/en/news/dune-mamlakatlaridagi-internet-erkinligi-darazhasi-yangilandi-uzbekiston-k-aysi-pogonadi-108487": _press(
        "press_qalampir_108487",
        "qalampir.uz",
        "Freedom on the Net figures as quoted by qalampir.uz: internet freedom levels of world countries updated (Uzbekistan)",
        None,
        FH,
    ),
    "https://en.orda.kz/kazakhstan-again-labeled-a-not-free-country-for-internet-freedom-9264": _press(
        "press_orda_9264",
        "Orda.kz",
        "Freedom on the Net figures as quoted by Orda.kz: Kazakhstan again labeled a not free country for internet freedom",
        None,
        FH,
    ),
    "https://24.kg/english/350837_Kyrgyzstan_-_only_country_in_Central_Asia_with_partly_free_internet/": _press(
        "press_24kg_350837",
        "24.kg",
        "Freedom on the Net figures as quoted by 24.kg: Kyrgyzstan - only country in Central Asia with partly free internet",
        None,
        FH,
        "Publication year not in the URL.",
    ),
    "https://en.inform.kz/amp/kazakhstan-ranks-52nd-in-ict-development-index_a3086395/": _press(
        "press_inform_kz_a3086395",
        "Kazinform (inform.kz)",
        "ICT Development Index ranks as quoted by Kazinform: Kazakhstan ranks 52nd in ICT Development Index",
        None,
        "ITU (Measuring the Information Society Report)",
    ),
    "https://businessinvestorguide.com/belarus/belarus-tops-ict-development-rankings-among-post-soviet-states/": _press(
        "press_bizinvestorguide_idi",
        "Business Investor Guide",
        "ICT Development Index ranks as quoted by businessinvestorguide.com: Belarus tops ICT development rankings among post-Soviet states",
        None,
        "ITU (Measuring the Information Society Report)",
        "The edition is not stated on the page; identified as IDI 2013 (MISR 2014) by matching ranks with other reports.",
    ),
    "http://www.oananews.org/content/news/general/itu-again-ranks-azerbaijan-among-most-dynamic-countries-ict-development": _press(
        "press_oananews_aze_idi",
        "OANA (oananews.org, AzerTAc)",
        "ICT Development Index ranks as quoted by AzerTAc via oananews.org: ITU again ranks Azerbaijan among most dynamic countries in ICT development",
        2014,
        "ITU (Measuring the Information Society Report)",
        "Dated 2014-11-25 per the reference notes.",
    ),
    "https://www.gizbot.com/internet/news/india-offers-cheapest-mobile-data-plans-world-report-058128.html": _press(
        "press_gizbot_058128",
        "Gizbot",
        "Cable.co.uk mobile data prices as quoted by Gizbot: India offers cheapest mobile data plans in the world",
        None,
        "Cable.co.uk (worldwide mobile data pricing)",
        "Publication year not in the URL.",
    ),
    "https://kun.uz/en/news/2021/04/22/uzbekistan-ranks-21-in-terms-of-mobile-data-affordability": _press(
        "press_kunuz_2021_04_22",
        "kun.uz",
        "Cable.co.uk mobile data prices as quoted by kun.uz: Uzbekistan ranks 21 in terms of mobile data affordability",
        2021,
        "Cable.co.uk (worldwide mobile data pricing)",
    ),
    "https://kun.uz/en/news/2022/07/25/uzbekistan-among-top-20-countries-in-terms-of-mobile-internet-affordability": _press(
        "press_kunuz_2022_07_25",
        "kun.uz",
        "Cable.co.uk mobile data prices as quoted by kun.uz: Uzbekistan among top 20 countries in terms of mobile internet affordability",
        2022,
        "Cable.co.uk (worldwide mobile data pricing)",
    ),
    "https://docslib.org/doc/8776089/kyrgyz-republic": dict(
        source_id="docslib_8776089",
        publisher="docslib.org",
        title="World Bank Project Appraisal Document, Digital CASA - Kyrgyz Republic (Report PAD2338), copy hosted on docslib.org",
        year=2018,
        licence=None,
        note="Original publisher: World Bank. Third-party copy of the PAD, read from a stored copy of the page. Licence not stated.",
    ),
    "https://timesca.com/?p=13643": _press(
        "press_timesca_13643",
        "The Times of Central Asia",
        "Digital CASA Kyrgyzstan financing as reported by The Times of Central Asia",
        None,
        "World Bank (press release)",
    ),
    "https://ewsdata.rightsindevelopment.org/projects/WB-P181416/": dict(
        source_id="ews_wb_p181416",
        publisher="Early Warning System (rightsindevelopment.org)",
        title="Project record WB-P181416: Digital CASA - Kyrgyz Republic Additional Financing",
        year=None,
        licence=None,
        note="Original publisher: World Bank (project data). Third-party project database page read from a stored copy. Licence not stated.",
    ),
    "https://docslib.org/doc/9810761/afghanistan-public-disclosure-authorized-for-a": dict(
        source_id="docslib_9810761",
        publisher="docslib.org",
        title="World Bank Project Appraisal Document, Afghanistan Digital CASA Project (Report PAD2021), copy hosted on docslib.org",
        year=2018,
        licence=None,
        note="Original publisher: World Bank. Third-party copy of the PAD, read from a stored copy of the page. Licence not stated.",
    ),
    "https://asiaplustj.info/en/news/tajikistan/society/20191031/tajikistan-goes-to-high-speed-internet-due-to-alternative-networks": _press(
        "press_asiaplus_20191031",
        "Asia-Plus",
        "Digital CASA in Tajikistan as reported by Asia-Plus: Tajikistan goes to high-speed internet due to alternative networks",
        2019,
        "World Bank (Digital CASA programme)",
    ),
    "https://samenacouncil.org/samena_daily_news?news=66764": _press(
        "press_samena_66764",
        "SAMENA Telecommunications Council",
        "Digital CASA discussions with Uzbekistan as reported in SAMENA daily news (item 66764)",
        None,
        "World Bank (Digital CASA programme)",
    ),
}


def web_source(url: str, table: str) -> dict:
    """The source row for a source_url; unknown urls get a generic, stable row."""
    if url in WEB_SOURCES:
        return {**WEB_SOURCES[url], "url": url}
    host = urlparse(url).netloc.removeprefix("www.").removeprefix("m.")
    sid = "web_" + "".join(ch if ch.isalnum() else "_" for ch in host.lower()) + "_"
    sid += hashlib.sha1(url.encode()).hexdigest()[:6]
    print(f"  warning: no curated source entry for {url} ({table}); using {sid}")
    return dict(
        source_id=sid,
        publisher=host,
        title=f"Web page cited in the reference table {table}",
        year=None,
        url=url,
        licence=None,
        note="Read from a stored copy of the page. Licence not stated.",
    )


# --------------------------------------------------------------------------
# tables


def build_egov(ref: Path) -> list[dict]:
    rows = []
    for r in read_ref(ref / "un_egov_survey.csv"):
        year = int(num_text(r["year"], integer=True))  # type: ignore[arg-type]
        rows.append(
            dict(
                iso3=r["iso3"],
                country=r["country"],
                year=year,
                egdi=num_text(r["egdi"]),
                egdi_rank=num_text(r["egdi_rank"], integer=True),
                osi=num_text(r["osi"]),
                tii=num_text(r["tii"]),
                hci=num_text(r["hci"]),
                epi=num_text(r["epi"]),
                # no source publishes an EPI rank; the reference derives one
                epi_rank=num_text(r["epi_rank_derived"], integer=True),
                region=r["region"],
                subregion=r["subregion"],
                flags=r["flags"],
                source_id=f"unegov_{year}",
            )
        )
        if not blank(r["epi_rank"]):
            raise ValueError("reference now has a published epi_rank: revisit build_egov")
    return rows


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


def build_fotn(ref: Path, add_src) -> list[dict]:
    rows = []
    for r in read_ref(ref / "freedom_on_the_net.csv"):
        sc = r["scale"] or ""
        edition = int(num_text(r["edition_year"], integer=True))  # type: ignore[arg-type]
        if "lower=freer" in sc:
            scale = "legacy"
        elif sc:
            scale = "current"
        else:
            # No score and so no scale given (KAZ 2012, status only): editions
            # before 2019 were published on the legacy scale.
            scale = "legacy" if edition < 2019 else "current"
        rows.append(
            dict(
                iso3=r["iso3"],
                edition_year=edition,
                total_score=num_text(r["total_score"], integer=True),
                scale=scale,
                obstacles_to_access=num_text(r["obstacles_to_access"], integer=True),
                limits_on_content=num_text(r["limits_on_content"], integer=True),
                violations_of_user_rights=num_text(r["violations_of_user_rights"], integer=True),
                status=r["status"],
                note=r["note"],
                source_id=add_src(r["source_url"], "freedom_on_the_net.csv"),
            )
        )
    return rows


def build_mobile(ref: Path, add_src) -> list[dict]:
    return [
        dict(
            iso3=r["iso3"],
            year=int(num_text(r["edition_year"], integer=True)),  # type: ignore[arg-type]
            usd_per_gb=num_text(r["usd_per_gb"]),
            rank=num_text(r["rank"], integer=True),
            n_countries=num_text(r["n_countries"], integer=True),
            note=r["note"],
            source_id=add_src(r["source_url"], "mobile_data_price_cable.csv"),
        )
        for r in read_ref(ref / "mobile_data_price_cable.csv")
    ]


def precision_of(date: str | None) -> str:
    if blank(date):
        return "undated"
    n = len(date.split("-"))  # type: ignore[union-attr]
    return {1: "year", 2: "month", 3: "day"}[n]


def build_casa(ref: Path, add_src) -> list[dict]:
    rows = []
    used: set[str] = set()
    for r in read_ref(ref / "digital_casa.csv"):
        iso = r["iso3"].lower()  # type: ignore[union-attr]
        dtype = (r["date_type"] or "").lower()
        project = (r["project"] or "").lower()
        conflict = None
        if r["wb_project_id"]:
            suffix = r["wb_project_id"].lower()
            if "additional financing" in project:
                suffix = "af-" + suffix
            if "pad" in dtype:
                suffix = "pad"
        elif "pad" in dtype:
            suffix = "pad"
        elif "approval" in dtype:
            suffix = "approval-wb"
        elif "participation" in project:
            suffix = "participation"
        elif "discussion" in project:
            suffix = "discussion"
        else:
            suffix = "row"
        row_id = f"dcasa-{iso}-{suffix}"
        i = 2
        while row_id in used:
            row_id = f"dcasa-{iso}-{suffix}-{i}"
            i += 1
        used.add(row_id)
        note = r["note"]
        if note and "Trend/MENAFN" in note:
            conflict = f"{iso}-approval-date"
        rows.append(
            dict(
                row_id=row_id,
                iso3=r["iso3"],
                project=r["project"],
                wb_project_id=r["wb_project_id"],
                instrument=r["instrument"],
                amount_usd_million=num_text(r["amount_usd_million"]),
                date=r["date"],
                precision=precision_of(r["date"]),
                date_type=r["date_type"],
                conflict_group=conflict,
                note=note,
                source_id=add_src(r["source_url"], "digital_casa.csv"),
            )
        )
        if conflict == "kgz-approval-date":
            # The conflicting claim, kept side by side and not resolved.
            rows.append(
                dict(
                    row_id="dcasa-kgz-approval-trend",
                    iso3=r["iso3"],
                    project=r["project"],
                    wb_project_id=None,
                    instrument=None,
                    amount_usd_million=None,
                    date="2018-07-02",
                    precision="day",
                    date_type="Board approval, per Trend/MENAFN (2023-09-05)",
                    conflict_group=conflict,
                    note="Known only through the quotation in the note of the World Bank press-release row (dcasa-kgz-approval-wb); conflicts with its March 2018 approval month. Not resolved.",
                    source_id="trend_menafn_2023",
                )
            )
    if not any(r["row_id"] == "dcasa-kgz-approval-trend" for r in rows):
        raise ValueError("the KGZ Trend/MENAFN note was not found in digital_casa.csv")
    return rows


def build_idi(ref: Path, add_src) -> list[dict]:
    rows = []
    for r in read_ref(ref / "itu_idi.csv"):
        urls = [u.strip() for u in (r["source_url"] or "").split(" ; ") if u.strip()]
        note = r["note"]
        if len(urls) > 1:
            also = "also " + "; ".join(urls[1:])
            note = f"{note}; {also}" if note else also
        if not blank(r["idi_value"]):
            raise ValueError("reference now has IDI values: add a column to the schema first")
        rows.append(
            dict(
                iso3=r["iso3"],
                edition=r["edition"],
                rank=num_text(r["rank"], integer=True),
                n_countries=num_text(r["n_countries"], integer=True),
                note=note,
                source_id=add_src(urls[0], "itu_idi.csv"),
            )
        )
    return rows


# --------------------------------------------------------------------------
# map shapes (TopoJSON -> lon/lat rings)
#
# Each Polygon ring (outer boundary AND holes) becomes its own `part`; parts
# are numbered from 0 within a country. Holes are therefore treated as parts
# like any other ring, and the renderer uses even-odd fill so that a hole
# drawn inside its outer ring comes out empty.

BOX = (25.0, 15.0, 105.0, 60.0)  # lon_min, lat_min, lon_max, lat_max
DP_TOLERANCE = 0.05  # degrees
MIN_AREA = 0.05  # square degrees; smaller rings (islands, slivers) are dropped
DECIMALS = 3


def topo_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Decode quantized, delta-encoded arcs to absolute lon/lat."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def topo_ring(idx: list[int], arcs) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in idx:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]  # negative index: reversed arc ~i
        pts.extend(a[1:] if pts else a)  # arcs share their end points
    return pts


def geometry_rings(geom: dict, arcs) -> list[list[tuple[float, float]]]:
    if geom["type"] == "Polygon":
        polys = [geom["arcs"]]
    elif geom["type"] == "MultiPolygon":
        polys = geom["arcs"]
    else:
        return []
    return [topo_ring(ring, arcs) for poly in polys for ring in poly]


def ring_area(pts) -> float:
    return (
        abs(
            sum(
                x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True)
            )
        )
        / 2
    )


def _seg_hits_box(p, q, box) -> bool:
    """Liang-Barsky: does segment p-q touch the closed box?"""
    x0, y0 = p
    dx, dy = q[0] - x0, q[1] - y0
    t0, t1 = 0.0, 1.0
    for pk, qk in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if pk == 0:
            if qk < 0:
                return False
        else:
            t = qk / pk
            if pk < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
    return True


def _point_in_ring(pt, ring) -> bool:
    x, y = pt
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            inside = not inside
    return inside


def rings_hit_box(rings, box) -> bool:
    for ring in rings:
        if any(_seg_hits_box(p, q, box) for p, q in zip(ring, ring[1:], strict=False)):
            return True
    corner = (box[0], box[1])  # box lying wholly inside the country
    return sum(_point_in_ring(corner, r) for r in rings) % 2 == 1


def _dp(pts, tol) -> list:
    """Douglas-Peucker on an open polyline (iterative)."""
    n = len(pts)
    if n < 3:
        return list(pts)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = pts[a], pts[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, idx = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            if norm == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if d > best:
                best, idx = d, i
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack.append((a, idx))
            stack.append((idx, b))
    return [p for p, k in zip(pts, keep, strict=True) if k]


def simplify_ring(ring, tol) -> list[tuple[float, float]]:
    """Simplify a closed ring, split at its first point and the point farthest from it."""
    pts = list(ring)
    if pts[0] != pts[-1]:
        pts.append(pts[0])
    x0, y0 = pts[0]
    far = max(range(len(pts)), key=lambda i: (pts[i][0] - x0) ** 2 + (pts[i][1] - y0) ** 2)
    if far in (0, len(pts) - 1):
        return pts
    return _dp(pts[: far + 1], tol)[:-1] + _dp(pts[far:], tol)


def round_ring(ring) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for x, y in ring:
        p = (round(x, DECIMALS) + 0.0, round(y, DECIMALS) + 0.0)  # +0.0 drops -0.0
        if not out or out[-1] != p:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def build_map(ref: Path) -> tuple[list[dict], dict[str, str]]:
    topo = json.loads((ref / "geo" / "countries-50m.json").read_text(encoding="utf-8"))
    arcs = topo_arcs(topo)
    rows = []
    skipped = []
    seen: dict[str, str] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        rings = geometry_rings(geom, arcs)
        if not rings or not rings_hit_box(rings, BOX):
            continue
        gid = geom.get("id")
        name = geom.get("properties", {}).get("name", "?")
        c = pycountry.countries.get(numeric=gid) if gid else None
        if c is None:
            skipped.append(f"{name} (id {gid})")
            continue
        iso3 = c.alpha_3
        if iso3 in seen:
            raise ValueError(f"two geometries map to {iso3}")
        seen[iso3] = name
        largest = max(range(len(rings)), key=lambda i: ring_area(rings[i]))
        part = 0
        for i, ring in enumerate(rings):
            if ring_area(ring) < MIN_AREA and i != largest:
                continue  # tiny island or sliver; a country's largest ring is always kept
            pts = round_ring(simplify_ring(ring, DP_TOLERANCE))
            if len(pts) < 4 and i == largest:
                pts = round_ring(ring)  # very small country: keep its outline unsimplified
            if len(pts) < 4:
                continue
            for seq, (lon, lat) in enumerate(pts):
                rows.append(
                    dict(
                        iso3=iso3,
                        part=part,
                        seq=seq,
                        lon=repr(lon),
                        lat=repr(lat),
                        source_id="natural_earth",
                    )
                )
            part += 1
    print(
        f"  map: {len(seen)} countries intersect lon {BOX[0]:g}..{BOX[2]:g}, lat {BOX[1]:g}..{BOX[3]:g}"
    )
    if skipped:
        print(
            "  map: skipped (no ISO 3166-1 numeric mapping): " + ", ".join(sorted(skipped, key=str))
        )
    return rows, seen


# --------------------------------------------------------------------------
# economies


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


# --------------------------------------------------------------------------
# self-check


def self_check(out_dir: Path) -> list[str]:
    """Validate every generated file against schema.py and cross-references."""
    errors: list[str] = []
    warnings: list[str] = []
    frames: dict[str, pl.DataFrame] = {}
    for name in GENERATED:
        t = TABLES[name]
        path = out_dir / f"{name}.csv"
        raw = path.read_bytes()
        if b"\r" in raw:
            errors.append(f"{name}: CR line ends")
        header = raw.split(b"\n", 1)[0].decode("utf-8").split(",")
        if header != t.names:
            errors.append(f"{name}: header {header} != schema {t.names}")
            continue
        df = pl.read_csv(path, infer_schema=False)
        try:
            df = df.with_columns(pl.col(c.name).cast(c.dtype, strict=True) for c in t.columns)
        except Exception as e:  # noqa: BLE001
            errors.append(f"{name}: type error: {e}")
            continue
        frames[name] = df
        if df.select(pl.struct(list(t.key)).is_duplicated().any()).item():
            errors.append(f"{name}: duplicate key {t.key}")
        for c in t.columns:
            s = df[c.name]
            if not c.nullable and s.null_count():
                errors.append(f"{name}.{c.name}: {s.null_count()} blanks")
            v = s.drop_nulls()
            bad = pl.Series([], dtype=pl.Boolean)
            if c.lo is not None:
                bad = v < c.lo
                if bad.any():
                    errors.append(f"{name}.{c.name}: {bad.sum()} values below {c.lo}")
            if c.hi is not None:
                over = df.filter(pl.col(c.name) > c.hi)
                if over.height:
                    msg = f"{name}.{c.name}: {over.height} values above {c.hi}"
                    if (
                        name == "egov_survey"
                        and over["year"].is_in(list(SCHEMA.READINESS_ERA)).all()
                    ):
                        warnings.append(
                            msg
                            + " (readiness era 2003-2005 only: "
                            + ", ".join(
                                f"{a} {b}" for a, b in over.select("iso3", "year").iter_rows()
                            )
                            + ")"
                        )
                    else:
                        errors.append(msg)
            if c.choices:
                odd = set(v.to_list()) - set(c.choices)
                if odd:
                    errors.append(f"{name}.{c.name}: values not allowed: {sorted(odd)}")
            if c.pattern is not None:
                odd = [x for x in v.to_list() if not c.pattern.match(str(x))]
                if odd:
                    errors.append(
                        f"{name}.{c.name}: {len(odd)} values not matching pattern, e.g. {odd[:3]}"
                    )
        if "date_precision" in t.rules:
            want = {"year": 4, "month": 7, "day": 10}
            for d, p in df.select("date", "precision").iter_rows():
                if (p == "undated") != (d is None) or (d is not None and len(d) != want.get(p, -1)):
                    errors.append(f"{name}: date {d!r} does not fit precision {p!r}")
        if "survey_year" in t.rules:
            odd = [y for y in df["year"].unique().to_list() if not SCHEMA.plausible_survey_year(y)]
            if odd:
                errors.append(f"{name}: not survey years: {odd}")

    if "sources" in frames:
        ids = set(frames["sources"]["source_id"].to_list())
        for name, df in frames.items():
            if name != "sources":
                odd = set(df["source_id"].to_list()) - ids
                if odd:
                    errors.append(f"{name}: source_id not in sources.csv: {sorted(odd)}")
    if "economies" in frames:
        known = set(frames["economies"]["iso3"].to_list())
        for name, df in frames.items():
            if "iso3" in df.columns:
                odd = set(df["iso3"].to_list()) - known
                if odd:
                    errors.append(f"{name}: iso3 not in economies.csv: {sorted(odd)}")
    eg = frames.get("egov_survey")
    if eg is not None:
        if eg.height != 2308:
            errors.append(f"egov_survey has {eg.height} rows, expected 2308")
        got = dict(eg.filter(pl.col("year") == 2020).select("iso3", "egdi_rank").iter_rows())
        want = {"KAZ": 29, "KGZ": 83, "TJK": 133, "TKM": 158, "UZB": 87}
        for k, v in want.items():
            if got.get(k) != v:
                errors.append(f"egov_survey 2020 egdi_rank {k} = {got.get(k)}, expected {v}")
    for w in warnings:
        print("  note:", w)
    return errors


# --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--reference",
        type=Path,
        default=REPO.parent / "shared" / "reference",
        help="the shared reference folder (default: ../shared/reference)",
    )
    ap.add_argument(
        "--out", type=Path, default=REPO / "data", help="output folder (default: data/)"
    )
    args = ap.parse_args(argv)
    ref: Path = args.reference.resolve()
    out: Path = args.out.resolve()
    if not (ref / "un_egov_survey.csv").is_file():
        ap.error(f"no un_egov_survey.csv in {ref}")
    out.mkdir(parents=True, exist_ok=True)
    print(f"reference: {ref}\noutput:    {out}")

    sources: dict[str, dict] = {s["source_id"]: s for s in fixed_sources()}
    url_ids: dict[str, str] = {}

    def add_src(url: str | None, table: str) -> str:
        if blank(url):
            raise ValueError(f"{table}: a row has no source_url")
        url = url.strip()  # type: ignore[union-attr]
        if url not in url_ids:
            s = web_source(url, table)
            if s["source_id"] in sources:
                raise ValueError(f"source id clash: {s['source_id']}")
            sources[s["source_id"]] = s
            url_ids[url] = s["source_id"]
        return url_ids[url]

    egov = build_egov(ref)
    indicators, meta, ind_names = build_indicators(ref)
    fotn = build_fotn(ref, add_src)
    mobile = build_mobile(ref, add_src)
    casa = build_casa(ref, add_src)
    idi = build_idi(ref, add_src)
    shapes, shape_names = build_map(ref)

    # Name candidates per economy, each with the source it came from. UN
    # members take the UNU-EGOV common name; others the first source in
    # NAME_PREFERENCE that names them.
    names = [dict(iso3=r["iso3"], name=r["country"], source_id=r["source_id"]) for r in egov]
    names += ind_names
    for fname, rows in (
        ("freedom_on_the_net.csv", fotn),
        ("mobile_data_price_cable.csv", mobile),
        ("digital_casa.csv", [r for r in casa if r["source_id"] != "trend_menafn_2023"]),
        ("itu_idi.csv", idi),
    ):
        for src_row, row in zip(read_ref(ref / fname), rows, strict=True):
            names.append(
                dict(iso3=src_row["iso3"], name=src_row["country"], source_id=row["source_id"])
            )
    names += [dict(iso3=k, name=v, source_id="natural_earth") for k, v in shape_names.items()]
    economies = build_economies(ref, names)
    aliases = build_aliases(ref, names, economies)

    tables = {
        "sources": list(sources.values()),
        "economies": economies,
        "egov_survey": egov,
        "indicators": indicators,
        "indicator_meta": meta,
        "internet_freedom": fotn,
        "mobile_data_price": mobile,
        "digital_casa": casa,
        "itu_idi": idi,
        "map_shapes": shapes,
        "country_aliases": aliases,
    }
    print("\nwritten:")
    for name in GENERATED:
        p = write_table(out, name, tables[name])
        print(
            f"  {p.relative_to(out.parent) if out.parent in p.parents else p}: {len(tables[name]):>6} rows, {p.stat().st_size:>8,} bytes"
        )

    errors = self_check(out)
    if errors:
        print("\nSELF-CHECK FAILED:")
        for e in errors:
            print("  -", e)
        return 1
    print(
        "\nself-check passed: schema, keys, source ids, iso3 codes, 2308 survey rows, 2020 ranks."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
