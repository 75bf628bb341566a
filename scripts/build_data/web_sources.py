"""Source rows for the web pages (source_url cells) cited by the small
hand-built reference tables: Freedom on the Net, ITU IDI, mobile data prices
and Digital CASA."""

from __future__ import annotations

import hashlib
from urllib.parse import urlparse

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
        None,
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
        None,
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
