"""UN E-Government Survey: one source row per edition and the egov_survey table."""

from __future__ import annotations

from pathlib import Path

from .common import blank, num_text, read_ref

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
    "from the Survey. epi_rank is in no Data Center file used here (the survey reports "
    "themselves publish E-Participation rankings): ddx derives it from the "
    "EPI values by competition ranking (ties share the best rank). Licence: none stated in "
    "the copy used. Read via the reference gathered for ddx (PROVENANCE.md), not the live site."
)


def unegov_source(year: int) -> dict:
    if year in (2003, 2004, 2005):
        title = (
            f"United Nations E-Government Survey {year} (Global E-Government Readiness "
            f"Report / survey era; headline index: E-Government Readiness Index)"
        )
    elif year == 2008:
        title = (
            "United Nations E-Government Survey 2008 (headline index still the E-Government "
            "Readiness Index; the EGDI by name dates from 2010)"
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
