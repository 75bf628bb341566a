"""ddx in the class's language: English (default), Russian, Uzbek (Latin script).

Messages are GNU gettext catalogues, ``tui/locale/{ru,uz}/LC_MESSAGES/ddx.po``,
extracted from the code by Babel (``pybabel extract``, configured in
``babel.cfg``) into ``tui/locale/ddx.pot``. They are read at run time by
Babel (``read_po``) and looked up by gettext's own ``GNUTranslations``, plural
rule included (gettext compiles it from the catalogue's ``Plural-Forms``): no
build step and no binary ``.mo`` in the repository. English loads no catalogue
and imports no Babel at all; Russian or Uzbek costs the import of
``babel.messages.pofile`` plus reading the .po, once per process.

The language is chosen by ``--lang``, then ``DDX_LANG``, then the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: the first one set decides, as POSIX
says). An unknown ``--lang``/``DDX_LANG`` is a UsageError; a locale ddx does
not speak (``de_DE.UTF-8``, ``C``) means English. A message with no
translation (or a fuzzy one) falls back to English, for that message alone.

Data texts (goal names, country summaries, index names) are not here but in
translation tables in data/ (``goals_i18n``, ``countries_i18n``, ``glossary``),
each row with its source; country names come from CLDR through Babel, with
``country_name_overrides`` where the country calls itself otherwise.
"""

from __future__ import annotations

import os
import re
import weakref
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .core.errors import UsageError

if TYPE_CHECKING:
    import gettext

    from .core import Dataset

LANGUAGES = ("en", "ru", "uz")
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "uz": "Oʻzbekcha"}
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "ddx"

_current = "en"


def _(message: str) -> str:
    """``message`` in the current language (English when it has no translation)."""
    if _current == "en":
        return message
    return _translations(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The plural form for ``n``, by the catalogue's own ``Plural-Forms`` rule
    (Russian has three: 1, 2-4, 5+)."""
    if _current == "en":
        return singular if n == 1 else plural
    return _translations(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` as translated in ``context`` (``"tab"``: the short tab titles;
    ``"level of e_participation"``: a rating word agreeing with its noun)."""
    if _current == "en":
        return message
    return _translations(_current).pgettext(context, message)


def code_word(code: str, words: Mapping[str, str]) -> str:
    """A table's code (a milestone's kind or role) for reading: the data's own
    code in English, as CSV prints it; its word in ``words``, translated, else."""
    if _current == "en":
        return code
    return _(words.get(code, code))


def NP_(context: str, message: str) -> str:
    """Mark ``message`` in ``context`` for extraction only (``pgettext`` later)."""
    return message


def N_(message: str) -> str:
    """Mark ``message`` for extraction only; translate it later with ``_()``."""
    return message


def check_language(value: str) -> str:
    """``value`` as one of LANGUAGES (``ru_RU``, ``RU`` accepted), or a UsageError."""
    code = value.strip().replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    if code not in LANGUAGES:
        raise UsageError(f"unknown language {value!r}; ddx speaks {', '.join(LANGUAGES)}")
    return code


def language_from_locale(env: Mapping[str, str]) -> str:
    """The language the locale asks for; English for C, POSIX or one ddx does not speak."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            try:
                return check_language(value)
            except UsageError:
                return "en"
    return "en"


def resolve_language(cli: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """--lang, else DDX_LANG, else the locale, else English."""
    env = os.environ if env is None else env
    if cli is not None:  # given, even empty: it must name a language
        return check_language(cli)
    if env.get("DDX_LANG"):
        return check_language(env["DDX_LANG"])
    return language_from_locale(env)


def set_language(lang: str) -> str:
    """Make ``lang`` current for every later ``_()``; returns the code."""
    global _current
    _current = check_language(lang)
    return _current


def current_language() -> str:
    return _current


# -- catalogues ----------------------------------------------------------------------
def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    """``lang``'s catalogue as gettext's own ``GNUTranslations`` (its lookups,
    fallbacks and the plural rule compiled from the catalogue's ``Plural-Forms``
    header), filled from the catalogue Babel's ``read_po`` reads: the same
    entries ``write_mo`` would compile, without the round trip through ``.mo``
    bytes (2-3 ms a start). No catalogue: every message stays English."""
    import gettext

    class BabelCatalogue(gettext.GNUTranslations):
        def _parse(self, catalog: Any) -> None:
            self._info: dict[str, str] = {}
            self._charset = "utf-8"
            self.plural = gettext.c2py(catalog.plural_expr)
            entries: dict[Any, str] = {}
            for m in catalog:
                # fuzzy or unfinished: left out, so the English shows
                if not m.id or m.fuzzy or not m.string:
                    continue
                key = m.id if not m.context else f"{m.context}\x04{m.id}"
                if isinstance(m.id, (tuple, list)):
                    forms = list(m.string)
                    if not all(forms):
                        continue
                    key = m.id[0] if not m.context else f"{m.context}\x04{m.id[0]}"
                    entries.update(((key, i), str(f)) for i, f in enumerate(forms))
                else:
                    entries[key] = str(m.string)
            self._catalog = entries

    path = po_path(lang)
    if not path.is_file():
        return gettext.NullTranslations()
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        # GNUTranslations hands its argument to _parse, here a Babel catalogue
        return BabelCatalogue(cast(Any, read_po(fh, locale=lang, domain=DOMAIN)))


# -- numbers -------------------------------------------------------------------------
def format_decimal(value: float | int | None, gap: str = "") -> str:
    """``value`` with every digit it has, in the current language's notation
    (Russian and Uzbek ``0,90093``); ``gap`` for a missing value."""
    if value is None or value != value:
        return gap
    if _current == "en":
        return str(value)
    from babel.numbers import format_decimal as babel_decimal

    return str(
        babel_decimal(value, locale=_current, decimal_quantization=False, group_separator=False)
    )


def local_decimal(text: str) -> str:
    """A number already written out (``0.90093``, ``92.9 (2023)``) with the current
    language's decimal comma (Russian and Uzbek ``0,90093``); dates and words kept."""
    if _current == "en":
        return text
    return re.sub(r"(?<=\d)\.(?=\d)", ",", text)


# -- names ---------------------------------------------------------------------------
@cache
def _territories(lang: str) -> Mapping[str, str]:
    from babel import Locale

    return dict(Locale.parse(lang).territories)


def cldr_country_name(iso2: str, lang: str | None = None) -> str | None:
    """CLDR's short name for ISO 3166 alpha-2 ``iso2`` in ``lang`` (Babel)."""
    return _territories(lang or _current).get(iso2.upper())


_MEMO: weakref.WeakKeyDictionary[Any, dict[tuple[str, ...], Any]] = weakref.WeakKeyDictionary()


def _memo(ds: Dataset, key: tuple[str, ...], build: Callable[[], Any]) -> Any:
    """``build()`` once per dataset and key: the lookups below run for every
    row a pane draws, and each would otherwise rebuild its whole table."""
    cached = _MEMO.setdefault(ds, {})
    if key not in cached:
        cached[key] = build()
    return cached[key]


def country_names(ds: Dataset, lang: str | None = None) -> dict[str, str]:
    """ISO3 -> name in ``lang`` (default: current) for every economy with one:
    the country's own name where ``country_name_overrides`` has one, else CLDR's.
    English: {} (the tables' own names are English). Read-only (shared)."""
    lang = lang or _current
    if lang == "en":
        return {}
    names: dict[str, str] = _memo(ds, ("names", lang), lambda: _country_names(ds, lang))
    return names


def _country_names(ds: Dataset, lang: str) -> dict[str, str]:
    names: dict[str, str] = {}
    if ds.has("economy_codes"):
        for row in ds.records("economy_codes", ["iso3", "iso2"]):
            name = cldr_country_name(str(row["iso2"]), lang)
            if name:
                names[str(row["iso3"])] = name
    if ds.has("country_name_overrides"):
        for row in ds.records("country_name_overrides", ["iso3", "lang", "name"]):
            if row["lang"] == lang:
                names[str(row["iso3"])] = str(row["name"])
    return names


def country_name(ds: Dataset, iso3: str, default: str | None = None) -> str:
    """One economy's name in the current language (``default``, else the ISO3, if none)."""
    return country_names(ds).get(iso3) or default or iso3


def translated_rows(
    ds: Dataset, table: str, key: str, lang: str | None = None
) -> dict[str, dict[str, Any]]:
    """Rows of a translation table (``goals_i18n`` ...) for ``lang``, by ``key``."""
    lang = lang or _current
    if lang == "en" or not ds.has(table):
        return {}
    rows: dict[str, dict[str, Any]] = _memo(
        ds,
        ("rows", table, key, lang),
        lambda: {str(r[key]): r for r in ds.records(table) if r["lang"] == lang},
    )
    return rows


def milestone_text(ds: Dataset, row: Mapping[str, Any], field: str = "title") -> str:
    """A milestone's ``title`` or ``summary`` in the current language
    (``milestones_i18n``, by ``milestone_id``), else the row's own English."""
    own = translated_rows(ds, "milestones_i18n", "milestone_id").get(str(row.get("milestone_id")))
    value = own.get(field) if own else None
    return str(value) if value else str(row.get(field) or "")


def link_rationale(ds: Dataset, row: Mapping[str, Any]) -> str:
    """Why a milestone bears on a goal (ddx's reading) in the current language
    (``milestone_goals_i18n``, by milestone and goal), else the row's English."""
    lang = _current
    if lang != "en" and ds.has("milestone_goals_i18n"):
        by_pair: dict[tuple[Any, Any], str] = _memo(
            ds,
            ("pairs", lang),
            lambda: {
                (r["milestone_id"], r["goal_id"]): str(r["rationale"])
                for r in ds.records("milestone_goals_i18n")
                if r["lang"] == lang
            },
        )
        own = by_pair.get((row.get("milestone_id"), row.get("goal_id")))
        if own is not None:
            return own
    return str(row.get("rationale") or "")


def term(ds: Dataset, term_id: str, default: str) -> str:
    """A glossary term (an index's name, say) in the current language."""
    row = translated_rows(ds, "glossary", "term_id").get(term_id)
    return str(row["term"]) if row and row.get("term") else default


# -- argparse's own words ------------------------------------------------------------
# argparse translates through gettext's "argparse" domain, which Python ships no
# catalogue for; ddx's catalogue holds the ones its --help and errors show.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def translate_argparse() -> None:
    """Send argparse's own messages (``usage:``, ``options``) through ``_()``."""
    import argparse

    argparse._ = _  # type: ignore[attr-defined]
