"""The fixed rows of sources.csv: the article, the project's own reading, and the
datasets behind the economies, indicators and map, plus one row per UN Survey
edition. (Rows for the web pages the reference tables cite: web_sources.py.)"""

from __future__ import annotations

import pycountry

from .un_survey import unegov_source


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
            source_id="ddx_translation",
            publisher="ddx project",
            title="ddx project's own translations",
            year=None,
            url=None,
            licence=None,
            note="Russian and Uzbek (Latin script) texts translated by the ddx project from the English texts beside them (goals, country summaries, milestones and their links to the goals, the article's conclusion, the glossary of terms, the explorer's own words). Drafted with machine assistance; checked by automated form and glossary tests (ruled-out variants, ASCII commands, Uzbek hyphenated years, placeholders, Russian plurals, agreement of rating words) and by a fluent, not native, reviewer's pass over the defect kinds of issue 24; not yet reviewed by a native-speaking teacher. Not the article author's words nor an official translation. No UN or government translation of the terms was found (the UN's own Russian edition of the survey included), so the glossary's terms are cited as ddx's.",
        ),
        dict(
            source_id="kg_constitution_ru",
            publisher="Kyrgyz Republic",
            title="Constitution of the Kyrgyz Republic (Конституция Кыргызской Республики), official Russian text",
            year=2021,
            url="https://archive.slovo.kg/?p=119995",
            licence=None,
            note="Adopted by referendum on 11 April 2021, in force by the law of 5 May 2021. Article 1(1) names the state «Кыргызская Республика (Кыргызстан)»: its Russian short name is «Кыргызстан», where CLDR's is «Киргизия». Seen in an excerpt of a third-party copy of the Russian text (archive.slovo.kg) and of an English rendering (isito.kg: 'Kyrgyz Republic (Kyrgyzstan)'); the official publication was not read. Licence not stated (an official text).",
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
            title="ISO 3166-1 country codes (alpha-2, alpha-3 and numeric)",
            year=None,
            url="https://pypi.org/project/pycountry/",
            licence=None,
            note=f"ISO 3166-1 numeric codes looked up with pycountry {pycountry.__version__} (package licence LGPL-2.1); used for economies.m49, to map Natural Earth numeric ids to ISO3, and for economy_codes.iso2 (alpha-2, the key to CLDR's country names). The codes themselves are ISO's; no licence stated for them.",
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
        # The note names the converter by its former path, scripts/build_data.py
        # (now the package scripts/build_data/): kept so that data/ stays byte for byte.
        dict(
            source_id="natural_earth",
            publisher="Natural Earth (via npm world-atlas 2.0.2)",
            title="Natural Earth Admin 0 countries, 1:50m, v4.1.0 (TopoJSON countries-50m.json)",
            year=None,
            url="https://www.naturalearthdata.com/",
            licence="Public domain (Natural Earth); world-atlas package ISC",
            note="countries-50m.json from the npm package world-atlas 2.0.2, copied unchanged into the reference; converted by scripts/build_data (arcs decoded, rings simplified with Douglas-Peucker 0.05 deg, tiny islands dropped, coordinates rounded to 3 decimals). Natural Earth draws de facto boundaries.",
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
        dict(
            source_id="ews_wb_p156894",
            publisher="Early Warning System (rightsindevelopment.org)",
            title="Project record P156894: Afghanistan Digital CASA Project (board voting date)",
            year=None,
            url="https://ewsdata.rightsindevelopment.org/projects/p156894-afghanistan-digital-casa-project/",
            licence=None,
            note="Known only through the note of the reference's digital_casa.csv (AFG row, sourced to the PAD on docslib.org), which gives the board voting date 2018-03-28 from this page; the page itself was not read here. Licence not stated.",
        ),
        dict(
            source_id="unegov_2008_report",
            publisher="UN DESA",
            title="United Nations e-Government Survey 2008: From e-Government to Connected Governance (the report)",
            year=2008,
            url="https://publicadministration.un.org/egovkb/en-us/Reports/UN-E-Government-Survey-2008",
            licence=None,
            note="Read here: the UN's page for the report, which says the survey assessed the 192 Member States with a composite index of e-readiness and lists the top ten of its E-Participation Index (the page now heads the main top ten 'E-Government Development Index'); and the report as quoted by beSpacific (bespacific.com), which speaks of 'this year's global e-government readiness rankings'. Used for the caveats: 2008 still published a readiness index and ranking, and the survey reports publish E-Participation rankings. Licence not stated.",
        ),
        dict(
            source_id="unegov_2010_report",
            publisher="UN DESA",
            title="United Nations E-Government Survey 2010: Leveraging E-Government at a Time of Financial and Economic Crisis (the report)",
            year=2010,
            url="https://www.un-ilibrary.org/democracy-and-governance/united-nations-e-government-survey-2010_55bd1362-en",
            licence=None,
            note="Read here: the UN iLibrary page of the report, whose chapter 'Measuring e-government' names the 'United Nations e-government development index'; and IDFI's report of its launch (idfi.ge, 2010-05-20), which gives its E-Government Development and E-Participation rankings (Kazakhstan 18th in e-participation). Used for the caveats: the EGDI by name dates from 2010, and the survey reports publish E-Participation rankings. Licence not stated.",
        ),
        dict(
            source_id="melissen_2020",
            publisher="Asia & the Pacific Policy Studies (via Leiden University)",
            title="Consular diplomacy's first challenge: Communicating assistance to nationals abroad (Jan Melissen)",
            year=2020,
            url="https://www.universiteitleiden.nl/en/research/research-output/governance-and-global-affairs/consular-diplomacys-first-challenge-communicating-assistance-to-nationals-abroad",
            licence=None,
            note="Jan Melissen, 2020-04-21 (Asia & the Pacific Policy Studies 7(2), 217-228, doi 10.1002/app5.298). Read here: the abstract on Leiden University's page, which describes consular work as providing information and assistance to nationals abroad. Cited for ddx's note that the consular goal concerns a state's own citizens abroad. Licence not stated.",
        ),
        dict(
            source_id="adesina_2017",
            publisher="Cogent Social Sciences (Taylor & Francis)",
            title="Foreign policy in an era of digital diplomacy (Olubukola S. Adesina), Cogent Social Sciences 3: 1297175",
            year=2017,
            url="https://www.tandfonline.com/doi/full/10.1080/23311886.2017.1297175",
            licence=None,
            note="Olubukola S. Adesina (University of Ibadan), published 2017-03-01, doi 10.1080/23311886.2017.1297175: the paper behind the article's references 2 and 5. Read here: the abstract and public interest statement (informahealthcare.com and studyres.com copies); whether its body lists Hanson's eight areas, and so whether the article's Table 1 follows it, could not be seen. Licence not stated.",
        ),
        dict(
            source_id="orient_tm_3103",
            publisher="Orient (orient.tm), Turkmenistan",
            title="Turkmenistan starts to implement the Concept of the development of the digital economy",
            year=2019,
            url="https://orient.tm/en/post/3103/turkmenistan-starts-to-implement-the-concept-of-the-development-of-the-digital-economy",
            licence=None,
            note="Dated 2019-01-04. Read here (an excerpt): the Digital Economy Development Concept for 2019-2025 was approved by a presidential decree at the end of November 2018, to be carried out in three phases (2019, 2020-2023, 2024-2025). Also read: turkmenistan.ru (2018-12-01) and Today.Az/Trend (2018-12-03) report the approval by presidential decree. Licence not stated.",
        ),
        dict(
            source_id="kaktus_383965",
            publisher="Kaktus.media, Kyrgyzstan",
            title="Власти взяли курс на цифровизацию. Будут действовать резко и решительно",
            year=None,
            url="https://kaktus.media/doc/383965_vlasti_vziali_kyrs_na_cifrovizaciu._bydyt_deystvovat_rezko_i_reshitelno.html",
            licence=None,
            note="Read here (an excerpt): on 14 December, at a Security Council meeting on digital development, the president's adviser Dastan Dogoev presented the concept of Kyrgyzstan's digital transformation for 2019-2023. The excerpt shows no year and does not say the concept was approved. Licence not stated.",
        ),
        dict(
            source_id="kgz_embassy_india_1493",
            publisher="Embassy of the Kyrgyz Republic in India",
            title="2019 the Year of Development of Regions and Digitalization in Kyrgyzstan",
            year=2019,
            url="http://www.kgzembind.in/?p=1493",
            licence=None,
            note="Read here: President Sooronbai Jeenbekov stated on 9 January that 2019 would be declared the Year of Development of Regions and Digitalization of the Country. Also read: 24.kg (24.kg/english/105673), 'President declares 2019 Year of Regional Development and Digitalization'. Licence not stated.",
        ),
        dict(
            source_id="gazeta_uz_2020_04_29",
            publisher="Gazeta.uz",
            title="Raqamli iqtisodiyot va elektron hukumatni keng joriy etish chora-tadbirlari to'g'risida (report of the presidential resolution)",
            year=2020,
            url="https://www.gazeta.uz/oz/2020/04/29/akt/",
            licence=None,
            note="Dated 2020-04-29 (Uzbek). Read here: President Shavkat Mirziyoyev signed on 28 April the resolution (qaror) 'On measures for the wide introduction of the digital economy and e-government', and its tasks (e-government services to reach 60% by 2022, among others). The number PP-4699 is not in the part read; the official text on lex.uz was not found here. Licence not stated.",
        ),
    ]
    rows += [
        unegov_source(y)
        for y in (2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024)
    ]
    return rows
