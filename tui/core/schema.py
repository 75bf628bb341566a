"""The shape of every table in ``data/``: one place that the loader, the
validator, the importer and the docs all read, so they cannot drift apart.

One module of about 580 lines on purpose: it is declarations, one ``Table``
per data file, and having them all in one place is the point.

Each table is a CSV (UTF-8, header row) or, for user data passed with
``--data``, a Parquet file with the same columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

# Survey editions are 2003-2005 (yearly) and every even year from 2008.
READINESS_ERA = (2003, 2004, 2005)
# Editions whose headline index was still the e-government readiness index: the 2008
# report still ranks "e-government readiness"; the EGDI by name and method is from 2010.
READINESS_INDEX = (*READINESS_ERA, 2008)
INDICES = ("egdi", "osi", "tii", "hci", "epi")
FOCUS = ("KAZ", "KGZ", "TJK", "TKM", "UZB")


def plausible_survey_year(year: int) -> bool:
    """A UN E-Government Survey edition year (2003-2005, then even years)."""
    return year in READINESS_ERA or (2008 <= year <= 2100 and year % 2 == 0)


# Control characters prose columns may hold; the check itself is text.cell_error.
PROSE = "\t\n"
MAX_CELL = 128 * 1024  # characters in one cell, quoted or not, CSV or Parquet
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ISO3_RE = re.compile(r"^[A-Z]{3}$")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


@dataclass(frozen=True)
class Col:
    """One column: its type, whether it may be blank, and its allowed values."""

    name: str
    kind: str  # "str", "int" or "float" (no Polars here: see dtype)
    nullable: bool = False
    lo: float | None = None
    hi: float | None = None
    choices: tuple[str, ...] | None = None
    pattern: re.Pattern[str] | None = None
    expect: str = ""  # human words for the expected value, used in errors
    # Control characters a cell may hold: "" (none) for ids, names and numbers;
    # PROSE (tab, newline) for multi-line text. ESC, C1 and bidi: never.
    allow: str = ""
    # A column added after users' files were written: a file may leave it out and
    # reads as if every cell were blank (so it must be nullable).
    optional: bool = False

    @property
    def dtype(self) -> type[pl.DataType]:
        """The Polars type (imported here, so the schema loads without Polars)."""
        import polars as pl

        return {"int": pl.Int64, "float": pl.Float64}.get(self.kind, pl.String)

    def describe(self) -> str:
        if self.expect:
            return self.expect
        if self.choices:
            return "one of " + ", ".join(self.choices)
        kind = {"int": "a whole number", "float": "a number"}.get(self.kind, "text")
        if self.lo is not None and self.hi is not None:
            return f"{kind} from {self.lo:g} to {self.hi:g}"
        if self.lo is not None:
            return f"{kind} of at least {self.lo:g}"
        return kind


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Col, ...]
    key: tuple[str, ...]
    doc: str
    iso3_cols: tuple[str, ...] = ()
    has_source: bool = True
    # extra row-level rules, implemented in validate.py by name
    rules: tuple[str, ...] = field(default=())

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def absent_optional(self, header: list[str]) -> list[str]:
        """The optional columns a file's header leaves out (read as blank)."""
        have = {h.strip() for h in header}
        return [c.name for c in self.columns if c.optional and c.name not in have]

    @property
    def polars_schema(self) -> dict[str, pl.DataType | type[pl.DataType]]:
        return {c.name: c.dtype for c in self.columns}

    def col(self, name: str) -> Col:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


S, I, F = "str", "int", "float"  # noqa: E741
SRC = Col("source_id", S, pattern=ID_RE, expect="a source id (lower-case letters, digits, _ . -)")


def _note_source(name: str) -> Col:
    """The source a ddx note cites: blank when there is no note, and optional,
    so a user's table from before the notes still loads."""
    return Col(name, S, nullable=True, pattern=ID_RE, expect=SRC.expect, optional=True)


ISO3 = Col("iso3", S, pattern=ISO3_RE, expect="an ISO 3166 alpha-3 code such as KAZ")
DATE = dict(pattern=DATE_RE, expect="a date YYYY, YYYY-MM or YYYY-MM-DD")
PRECISION = ("year", "month", "day", "undated")
ROLES = ("action", "result")  # milestones.role
POLARITIES = ("serves", "against")  # milestone_goals.polarity
# milestone_goals.link: "direct", an act of digital diplomacy as Hanson's areas define it
# (foreign-facing communication, consular service, crisis response, policy abroad), or
# what foreign audiences see of the country; "foundation", a domestic capability the
# article argues digital diplomacy rests on (national strategies, e-government).
LINKS = ("direct", "foundation")

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "sources",
            (
                Col("source_id", S, pattern=ID_RE, expect=SRC.expect),
                Col("publisher", S),
                Col("title", S),
                Col("year", I, nullable=True, lo=1900, hi=2100),
                Col("url", S, nullable=True),
                Col("licence", S, nullable=True),
                Col("note", S, nullable=True, allow=PROSE),
            ),
            key=("source_id",),
            has_source=False,
            doc="Every source a figure or text can cite.",
        ),
        Table(
            "goals",
            (
                Col("goal_id", S, pattern=ID_RE, expect="a goal id"),
                Col("position", I, lo=1, hi=99),
                Col("name", S),
                Col("summary", S, allow=PROSE),
                # The article's own words in Table 1, quoted as the article gives them.
                Col("article_wording", S, nullable=True, allow=PROSE, optional=True),
                # ddx's note where the goal's origin (Hanson's area) differs from the
                # article's wording, and the source the note cites.
                Col("ddx_note", S, nullable=True, allow=PROSE, optional=True),
                _note_source("note_source_id"),
                SRC,
            ),
            key=("goal_id",),
            doc="The eight goals of digital diplomacy (article, Table 1).",
        ),
        Table(
            "article_references",
            (
                Col("ref_no", I, lo=1, hi=999),
                Col("reference", S),
                Col("url", S, nullable=True),
                # ddx's note identifying the work where the article's entry is unclear
                Col("note", S, nullable=True, allow=PROSE, optional=True),
                _note_source("note_source_id"),
                SRC,
            ),
            key=("ref_no",),
            doc="The article's own reference list, as the article gives it.",
        ),
        Table(
            "economies",
            (
                ISO3,
                Col("name", S),
                Col(
                    "m49",
                    S,
                    nullable=True,
                    pattern=re.compile(r"^\d{3}$"),
                    expect="a 3-digit M49 code",
                ),
                Col("region", S, nullable=True),
                Col("subregion", S, nullable=True),
                SRC,
            ),
            key=("iso3",),
            doc="Every economy any table may name; the list of known ISO3 codes.",
        ),
        Table(
            "countries",
            (
                ISO3,
                Col("name", S),
                Col("portal", S, nullable=True),
                Col("summary", S, allow=PROSE),
                SRC,
            ),
            key=("iso3",),
            iso3_cols=("iso3",),
            doc="The five focus countries and what the article says of each.",
        ),
        Table(
            "milestones",
            (
                Col("milestone_id", S, pattern=ID_RE, expect="a milestone id"),
                ISO3,
                Col(
                    "kind",
                    S,
                    choices=(
                        "programme",
                        "concept",
                        "law",
                        "decree",
                        "themed_year",
                        "launch",
                        "plan",
                        "statistic",
                        "rank",
                        "presentation",
                        "tax",
                    ),
                ),
                # An action a government took, or a result that bears on it
                # (a rank, a share, a price, a tax as a condition).
                Col("role", S, choices=ROLES),
                Col("title", S),
                Col("date", S, nullable=True, **DATE),  # type: ignore[arg-type]
                Col("precision", S, choices=PRECISION),
                # "yes": the article does not state this date; ddx inferred it.
                Col("inferred", S, choices=("no", "yes")),
                Col("end_date", S, nullable=True, **DATE),  # type: ignore[arg-type]
                Col("value", F, nullable=True),
                Col("unit", S, nullable=True),
                Col("summary", S, allow=PROSE),
                # ddx's dated note where the official record differs from the article
                # (the article's claim stays the article's), and the source it cites.
                Col("record_note", S, nullable=True, allow=PROSE, optional=True),
                _note_source("record_source_id"),
                SRC,
            ),
            key=("milestone_id",),
            iso3_cols=("iso3",),
            rules=("date_precision",),
            doc="Dated facts the article gives for each country.",
        ),
        Table(
            "milestone_goals",
            (
                Col("milestone_id", S, pattern=ID_RE, expect="a milestone id"),
                Col("goal_id", S, pattern=ID_RE, expect="a goal id"),
                Col("polarity", S, choices=POLARITIES),
                Col("link", S, choices=LINKS),
                Col("rationale", S, allow=PROSE),
                SRC,
            ),
            key=("milestone_id", "goal_id"),
            rules=("milestone_goal_refs",),
            doc="Which goal each milestone serves or works against: the project's own reading.",
        ),
        Table(
            "conclusions",
            (
                Col("claim_id", S, pattern=ID_RE, expect="a claim id"),
                Col("position", I, lo=1, hi=99),
                Col("claim", S, allow=PROSE),
                Col("related_table", S, nullable=True),
                Col("note", S, nullable=True, allow=PROSE),
                SRC,
            ),
            key=("claim_id",),
            doc="The article's conclusion, claim by claim, in our words, with what our "
            "tables hold on each.",
        ),
        Table(
            "assessments",
            (
                ISO3,
                Col("aspect", S, choices=("egdi", "e_participation", "info_openness")),
                Col("level", S, choices=("very high", "high", "average", "low")),
                Col("claim", S, allow=PROSE),
                SRC,
            ),
            key=("iso3", "aspect"),
            iso3_cols=("iso3",),
            doc="The article's qualitative assessments of each country.",
        ),
        Table(
            "egov_survey",
            (
                ISO3,
                Col("country", S),
                Col(
                    "year",
                    I,
                    lo=2003,
                    hi=2100,
                    expect="a survey year (2003-2005 or an even year from 2008)",
                ),
                Col("egdi", F, lo=0, hi=1),
                Col("egdi_rank", I, nullable=True, lo=1, hi=250),
                Col("osi", F, nullable=True, lo=0, hi=1),
                Col("tii", F, nullable=True, lo=0, hi=1),
                Col("hci", F, nullable=True, lo=0, hi=1),
                Col("epi", F, nullable=True, lo=0, hi=1),
                Col("epi_rank", I, nullable=True, lo=1, hi=250),
                Col("region", S, nullable=True),
                Col("subregion", S, nullable=True),
                Col("flags", S, nullable=True),
                SRC,
            ),
            key=("iso3", "year"),
            iso3_cols=("iso3",),
            rules=("survey_year", "readiness_range"),
            doc="UN E-Government Survey, every country and edition 2003-2024.",
        ),
        Table(
            "indicator_meta",
            (
                Col("indicator_code", S),
                Col("name", S),
                Col("unit", S),
                Col("short", S),
                Col("note", S, nullable=True, allow=PROSE),
                SRC,
            ),
            key=("indicator_code",),
            doc="Names and units of the World Bank / ITU indicators.",
        ),
        Table(
            "indicators",
            (
                ISO3,
                Col("indicator_code", S),
                Col("year", I, lo=1960, hi=2100),
                Col("value", F, lo=0),
                SRC,
            ),
            key=("iso3", "indicator_code", "year"),
            iso3_cols=("iso3",),
            doc="World Bank / ITU indicators, long (WDI-shaped) format.",
        ),
        Table(
            "internet_freedom",
            (
                ISO3,
                Col("edition_year", I, lo=2009, hi=2100),
                Col("total_score", I, nullable=True, lo=0, hi=100),
                Col("scale", S, choices=("current", "legacy")),
                Col("obstacles_to_access", I, nullable=True, lo=0, hi=100),
                Col("limits_on_content", I, nullable=True, lo=0, hi=100),
                Col("violations_of_user_rights", I, nullable=True, lo=0, hi=100),
                Col("status", S, nullable=True, choices=("Free", "Partly Free", "Not Free")),
                Col("note", S, nullable=True, allow=PROSE),
                SRC,
            ),
            key=("iso3", "edition_year", "scale"),
            iso3_cols=("iso3",),
            doc="Freedom House, Freedom on the Net (legacy scale: lower = freer).",
        ),
        Table(
            "mobile_data_price",
            (
                ISO3,
                Col("year", I, lo=2000, hi=2100),
                Col("usd_per_gb", F, lo=0),
                Col("rank", I, nullable=True, lo=1, hi=300),
                Col("n_countries", I, nullable=True, lo=1, hi=300),
                Col("note", S, nullable=True, allow=PROSE),
                SRC,
            ),
            key=("iso3", "year"),
            iso3_cols=("iso3",),
            doc="Cable.co.uk mobile data price per GB, as quoted by the press.",
        ),
        Table(
            "digital_casa",
            (
                Col("row_id", S, pattern=ID_RE, expect="a row id"),
                ISO3,
                Col("project", S),
                Col("wb_project_id", S, nullable=True),
                Col("instrument", S, nullable=True),
                Col("amount_usd_million", F, nullable=True, lo=0),
                Col("date", S, nullable=True, **DATE),  # type: ignore[arg-type]
                Col("precision", S, choices=PRECISION),
                Col("date_type", S, nullable=True),
                Col("conflict_group", S, nullable=True),
                Col("note", S, nullable=True, allow=PROSE),
                SRC,
            ),
            key=("row_id",),
            iso3_cols=("iso3",),
            rules=("date_precision",),
            doc="World Bank Digital CASA projects; conflicting dates kept side by side.",
        ),
        Table(
            "itu_idi",
            (
                ISO3,
                Col("edition", S),
                Col("rank", I, nullable=True, lo=1, hi=300),
                Col("n_countries", I, nullable=True, lo=1, hi=300),
                Col("note", S, nullable=True, allow=PROSE),
                SRC,
            ),
            key=("iso3", "edition"),
            iso3_cols=("iso3",),
            doc="ITU ICT Development Index ranks (no index values were found).",
        ),
        Table(
            "map_shapes",
            (
                ISO3,
                Col("part", I, lo=0),
                Col("seq", I, lo=0),
                Col("lon", F, lo=-180, hi=180),
                Col("lat", F, lo=-90, hi=90),
                SRC,
            ),
            key=("iso3", "part", "seq"),
            iso3_cols=("iso3",),
            doc="Country outlines (Natural Earth 1:50m) around Central Asia, lon/lat rings.",
        ),
    )
}

TABLES["country_aliases"] = Table(
    "country_aliases",
    (
        Col("alias", S),
        ISO3,
        SRC,
    ),
    key=("alias",),
    iso3_cols=("iso3",),
    doc="Other names an economy goes by in the sources (e.g. Turkey / Türkiye, Czech Republic / "
    "Czechia), each from the source that uses it; the importer maps names to ISO3 with them.",
)

# -- translations: ddx in Russian and Uzbek --------------------------------------------
LANGS = ("ru", "uz")  # the languages a translation row may be in (English is the tables' own)
LANG = Col("lang", S, choices=LANGS)
TABLES["economy_codes"] = Table(
    "economy_codes",
    (
        ISO3,
        Col("iso2", S, pattern=re.compile(r"^[A-Z]{2}$"), expect="an ISO 3166 alpha-2 code"),
        SRC,
    ),
    key=("iso3",),
    iso3_cols=("iso3",),
    doc="ISO 3166-1 alpha-2 code of each economy that has one (pycountry, at build time): the key "
    "to CLDR's country names, which ddx shows in Russian and Uzbek.",
)
TABLES["country_name_overrides"] = Table(
    "country_name_overrides",
    (ISO3, LANG, Col("name", S), SRC, Col("note", S, nullable=True, allow=PROSE)),
    key=("iso3", "lang"),
    iso3_cols=("iso3",),
    doc="A country's name in a language where the name it uses for itself differs from CLDR's.",
)


def _translation(
    name: str, keys: tuple[Col, ...], texts: tuple[Col, ...], doc: str, rule: str = "i18n_refs"
) -> Table:
    """A translation table: the translated row's key, the language, the texts
    in that language and their source; every key must exist (``rule``)."""
    return Table(
        name,
        (*keys, LANG, *texts, SRC),
        key=(*(c.name for c in keys), "lang"),
        iso3_cols=tuple(c.name for c in keys if c.name == "iso3"),
        rules=(rule,),
        doc=doc,
    )


def _id(name: str, what: str) -> Col:
    return Col(name, S, pattern=ID_RE, expect=what)


TABLES["goals_i18n"] = _translation(
    "goals_i18n",
    (_id("goal_id", "a goal id"),),
    (
        Col("name", S),
        Col("summary", S, allow=PROSE),
        Col("ddx_note", S, nullable=True, allow=PROSE, optional=True),
    ),
    "Each goal's name, summary and ddx's note in Russian and Uzbek.",
)
TABLES["countries_i18n"] = _translation(
    "countries_i18n",
    (ISO3,),
    (Col("summary", S, allow=PROSE),),
    "Each focus country's summary in Russian and Uzbek.",
)
TABLES["glossary"] = Table(
    "glossary",
    (
        Col("term_id", S, pattern=ID_RE, expect="a term id such as egdi"),
        LANG,
        Col("term", S),
        Col("abbreviation", S, nullable=True),
        Col("english", S),
        # variants not to use ('|' between them): everywhere, or only where the
        # English text has the term (a word with another, right, sense too)
        Col("avoid", S, nullable=True),
        Col("avoid_scope", S, nullable=True, choices=("everywhere", "with term")),
        SRC,
    ),
    key=("term_id", "lang"),
    doc=(
        "ddx's terms in Russian and Uzbek, one per concept (the UN indices' names and "
        "the words every pane uses), each with its English, the abbreviation ddx shows, "
        "and the variants ruled out (tests/unit/test_i18n_forms.py checks them)."
    ),
)
TABLES["milestones_i18n"] = _translation(
    "milestones_i18n",
    (_id("milestone_id", "a milestone id"),),
    (
        Col("title", S),
        Col("summary", S, allow=PROSE),
        Col("record_note", S, nullable=True, allow=PROSE, optional=True),
    ),
    "Each milestone's title, summary and ddx's note on the official record in Russian and Uzbek.",
)
TABLES["conclusions_i18n"] = _translation(
    "conclusions_i18n",
    (_id("claim_id", "a claim id"),),
    (Col("claim", S, allow=PROSE), Col("note", S, nullable=True, allow=PROSE)),
    "The article's conclusion, claim by claim, and ddx's note on each, in Russian and Uzbek.",
)
TABLES["milestone_goals_i18n"] = _translation(
    "milestone_goals_i18n",
    (_id("milestone_id", "a milestone id"), _id("goal_id", "a goal id")),
    (Col("rationale", S, allow=PROSE),),
    "Why each milestone serves (or works against) a goal, ddx's reading, in Russian and Uzbek.",
    rule="i18n_pair_refs",
)
# A translation table keyed by two columns: the table it translates and the key pair.
TRANSLATES_PAIRS = {"milestone_goals_i18n": ("milestone_goals", ("milestone_id", "goal_id"))}
# A translation table: the table it translates, and the key column both share.
TRANSLATES = {
    "goals_i18n": ("goals", "goal_id"),
    "countries_i18n": ("countries", "iso3"),
    "milestones_i18n": ("milestones", "milestone_id"),
    "conclusions_i18n": ("conclusions", "claim_id"),
}

# Tables the app cannot start without; the others may be absent from a --data dir.
REQUIRED = ("sources", "economies", "egov_survey")
