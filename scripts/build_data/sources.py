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
    ]
    rows += [
        unegov_source(y)
        for y in (2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024)
    ]
    return rows
