"""Russian and Uzbek a teacher would sign (issue 24): the forms a fluent reader
checks, as tests that fail on a defect of each kind.

- the glossary (data/glossary.csv) is the one source of terms: no catalogue
  message, data translation or tour caption uses a variant it rules out;
- commands, options, file names and code stay as in English, ASCII (a pasted
  ``pip install 'ddx[serve]'`` with U+02BC apostrophes fails);
- Uzbek years take the hyphenated suffix («2017-yil», «{year}-yildan»);
- placeholders (``{n}``, ``%(value)r``, ``%s``) match in every form;
- Russian plural messages have their three forms, and a number is not put
  before a noun that cannot agree with every number;
- the Countries pane, read back in Russian, shows only agreeing rating words.
"""

from __future__ import annotations

import csv
import re
import string
import tomllib
from collections.abc import Iterator

import pytest
from babel.messages.pofile import read_po

from tests.conftest import DATA, ROOT
from tests.screen import settled, widget_text
from tui import i18n

LANGS = ("ru", "uz")
TOUR = ROOT / "tui" / "tour" / "builtin" / "class.toml"
I18N_TABLES = sorted(DATA.glob("*_i18n.csv"))
NOT_TEXT = {"lang", "source_id", "iso3", "goal_id", "milestone_id", "claim_id"}


def catalogue(lang: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(context, English, every translated form) for each message of ``lang``."""
    with i18n.po_path(lang).open("rb") as fh:
        cat = read_po(fh, locale=lang)
    out = []
    for m in cat:
        if not m.id:
            continue
        english = m.id if isinstance(m.id, str) else m.id[0]
        forms = tuple(m.string) if isinstance(m.string, (tuple, list)) else (m.string,)
        out.append((m.context or "", english, tuple(f or "" for f in forms)))
    return out


def data_texts(lang: str) -> Iterator[tuple[str, str]]:
    """(where, text) for each translated text cell of ``lang`` in data/*_i18n.csv."""
    for path in I18N_TABLES:
        with path.open(encoding="utf-8", newline="") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                if row.get("lang") != lang:
                    continue
                for col, text in row.items():
                    if col not in NOT_TEXT and text:
                        yield f"{path.name}:{line}:{col}", text


def tour_texts(lang: str) -> Iterator[tuple[str, str, str]]:
    """(where, English, translation) for the built-in tour's titles and captions."""
    tour = tomllib.loads(TOUR.read_text(encoding="utf-8"))
    if f"title_{lang}" in tour:
        yield "class.toml:title", tour["title"], tour[f"title_{lang}"]
    for i, step in enumerate(tour["steps"], start=1):
        for key in ("title", "caption"):
            if f"{key}_{lang}" in step:
                yield f"class.toml:step {i}:{key}", step.get(key, ""), step[f"{key}_{lang}"]


def every_text(lang: str) -> Iterator[tuple[str, str, str]]:
    """(where, English or '', translation): catalogue, data tables, tour."""
    for ctx, english, forms in catalogue(lang):
        for form in forms:
            yield f"ddx.po:{ctx + '|' if ctx else ''}{english[:50]!r}", english, form
    for where, text in data_texts(lang):
        yield where, "", text
    yield from tour_texts(lang)


# -- the glossary -----------------------------------------------------------------------
def glossary(lang: str) -> list[dict[str, str]]:
    with (DATA / "glossary.csv").open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["lang"] == lang]


def ruled_out(lang: str, texts: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """(where, variant, text) for each use of a variant the glossary rules out:
    everywhere, or (scope 'with term') where the English has the term."""
    found = []
    for row in glossary(lang):
        if not row["avoid"]:
            continue
        key = row["english"].split(" (")[0].lower()
        for variant in row["avoid"].split("|"):
            for where, english, text in texts:
                if row["avoid_scope"] == "with term" and key not in english.lower():
                    continue
                if variant.lower() in text.lower():
                    found.append((where, variant, text))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_no_text_uses_a_variant_the_glossary_rules_out(lang: str) -> None:
    assert ruled_out(lang, list(every_text(lang))) == []


def test_the_glossary_gives_every_term_in_both_languages_with_its_english() -> None:
    ru, uz = ({r["term_id"]: r for r in glossary(lang)} for lang in LANGS)
    assert set(ru) == set(uz) and len(ru) >= 15
    for term_id, row in ru.items():
        assert row["english"] == uz[term_id]["english"], term_id
    # the rule-outs the issue names are there
    avoided = {v for r in glossary("uz") + glossary("ru") for v in r["avoid"].split("|")}
    assert {"э-правительств", "e-ishtirok", "sharh", "bosqich", "обозревател"} <= avoided


def test_the_glossary_check_catches_a_ruled_out_variant() -> None:
    """The check itself, on texts with the defects main f59cd03 shipped."""
    texts = [
        ("x", "UN e-government rank (1 = best)", "Место в ООН по э-правительству"),
        ("y", "Milestones in the article", "Maqoladagi bosqichlar"),
        ("z", "", "Tojikiston konsepsiyasi uch bosqichda"),  # three phases: right
    ]
    assert [v for _, v, _ in ruled_out("ru", texts)] == ["э-правительств"]
    assert [v for _, v, _ in ruled_out("uz", texts)] == ["bosqich"]


# -- commands, options, file names, code: as in English, ASCII ------------------------
CODE = re.compile(
    r"`[^`]+`"  # `ddx rankings`
    r"|pip install '[^']+'"
    r"|(?<![\w-])--[a-z][a-z-]*"  # --width
    r"|\$[A-Z_]+[\w./]*"  # $XDG_DATA_HOME/ddx
    r"|\b[\w-]+\.(?:toml|csv|json|parquet|py)\b"  # lesson.toml
    r"|\b(?:NO_COLOR|DDX_LANG|XDG_DATA_HOME|OSC 52)\b"
)


def code_problems(english: str, translation: str) -> list[str]:
    problems = [f"{c!r} missing" for c in CODE.findall(english) if c not in translation]
    # whatever looks like code in the translation is ASCII
    problems += [f"{c!r} not ASCII" for c in CODE.findall(translation) if not c.isascii()]
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_commands_options_and_file_names_stay_ascii_as_in_english(lang: str) -> None:
    problems = [
        (ctx, english, form, p)
        for ctx, english, forms in catalogue(lang)
        for form in forms
        for p in code_problems(english, form)
    ]
    assert problems == []


def test_the_code_check_catches_a_typographic_apostrophe() -> None:
    english = "ddx serve needs textual-serve: pip install 'ddx[serve]' (or textual-serve)"
    assert code_problems(english, "pip install ʼddx[serve]ʼ kerak") == [
        "\"pip install 'ddx[serve]'\" missing"
    ]
    assert code_problems("use --theme light", "--theme light dan foydalaning") == []


# -- Uzbek years --------------------------------------------------------------------------
YEAR_WITHOUT_HYPHEN = re.compile(
    r"(?:\b(?:1[89]|20)\d\d|\{years?\})(?:\s*[-–]\s*(?:1[89]|20)\d\d)?\s+yil", re.IGNORECASE
)


def test_uzbek_years_take_the_hyphenated_suffix() -> None:
    bad = [(w, t) for w, _, t in every_text("uz") if YEAR_WITHOUT_HYPHEN.search(t)]
    assert bad == []
    assert YEAR_WITHOUT_HYPHEN.search("2017 yil dekabrida")
    assert YEAR_WITHOUT_HYPHEN.search("{year} yildan beri")
    assert YEAR_WITHOUT_HYPHEN.search("2003-2005 yillar")
    assert not YEAR_WITHOUT_HYPHEN.search("2017-yil dekabrida; 2003–2005-yillar")


# -- placeholders ------------------------------------------------------------------------
PERCENT = re.compile(r"%(?:\(\w+\))?[sdr]")


def placeholders(text: str) -> tuple[set[str], list[str]]:
    fields = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None and f != ""}
    return fields, sorted(PERCENT.findall(text))


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_match_in_every_form(lang: str) -> None:
    with i18n.po_path(lang).open("rb") as fh:
        cat = read_po(fh, locale=lang)
    bad = []
    for m in cat:
        if not m.id:
            continue
        ids = (m.id,) if isinstance(m.id, str) else tuple(m.id)
        forms = (m.string,) if isinstance(m.string, str) else tuple(m.string)
        want = placeholders(ids[-1])
        # the singular may leave out {n} ("one row"), never add one
        for i, form in enumerate(forms):
            got = placeholders(form)
            if got != want and not (len(ids) > 1 and i == 0 and got == placeholders(ids[0])):
                bad.append((m.id, form))
    assert bad == []


def test_the_placeholder_check_catches_a_lost_or_renamed_field() -> None:
    assert placeholders("{n} ta qadam") == placeholders("{n} steps")
    assert placeholders("{n} шагов в {out}") != placeholders("{n} steps to {file}")
    assert placeholders("аргумент %(name)s") != placeholders("argument %(argument_name)s")
    assert placeholders("нераспознанные аргументы") != placeholders("unrecognized arguments: %s")


# -- Russian plurals ---------------------------------------------------------------------
# A number before a noun, in a message that is not a plural one: «{n} стран» cannot
# agree with every n (1 страна, 2 страны, 5 стран); ngettext, or «стран: {n}».
NUMBER_NOUN = re.compile(
    r"(?<![Шш]аг\s)\{(?:n|keep|shown|total)\}\s+(?!из\b|и\b|в\b|на\b|с\b|до\b)[а-яё]+"
)


def test_russian_plural_messages_have_three_forms_and_numbers_agree() -> None:
    with i18n.po_path("ru").open("rb") as fh:
        cat = read_po(fh, locale="ru")
    assert cat.num_plurals == 3
    bad = []
    for m in cat:
        if not m.id:
            continue
        if isinstance(m.id, (tuple, list)):
            forms = list(m.string)
            if len(forms) != 3 or not all(forms) or len(set(forms)) < 2:
                bad.append(("forms", m.id, forms))
        elif NUMBER_NOUN.search(m.string or ""):
            bad.append(("number before a noun", m.id, m.string))
    assert bad == []
    i18n.set_language("ru")
    try:
        got = [i18n.ngettext("{n} step", "{n} steps", n).format(n=n) for n in (1, 3, 5, 21, 11)]
    finally:
        i18n.set_language("en")
    assert got == ["1 шаг", "3 шага", "5 шагов", "21 шаг", "11 шагов"]
    # the check itself: «{n} стран» is caught, «стран: {n}» and «Шаг {n}» are not
    assert NUMBER_NOUN.search("Соседи: {short} для {n} стран")
    assert not NUMBER_NOUN.search("стран: {n}; Шаг {n} сохранён; {n} из {total}")


# -- rating words agree with the aspect ---------------------------------------------------
AGREEING = {
    "EGDI": ("очень высокий", "высокий", "средний", "низкий"),
    "Электронное участие": ("очень высокое", "высокое", "среднее", "низкое"),
    "Открытость информации": ("очень высокая", "высокая", "средняя", "низкая"),
}


async def test_the_countries_pane_in_russian_shows_only_agreeing_ratings() -> None:
    from tui.app import make_app

    i18n.set_language("ru")
    app = make_app()
    pairs: list[tuple[str, str]] = []
    try:
        async with app.run_test(size=(120, 50)) as pilot:
            await settled(pilot)
            await pilot.press("2")
            await pilot.pause()
            pane = app.active_pane
            for _ in range(5):
                text = widget_text(app.query_one("#country-assessments"))
                pairs += re.findall(r"([^\n•·]+?):\s+([а-яё ]+?)\s*$", text, re.MULTILINE)
                pane.step(1)
                await pilot.pause()
    finally:
        i18n.set_language("en")
    pairs = [(a.strip(" •-"), lv.strip()) for a, lv in pairs]
    assert len(pairs) >= 10, pairs  # the five's ratings were read
    assert [p for p in pairs if p[1] not in AGREEING.get(p[0], ())] == []


# -- Uzbek letters oʻ and gʻ ----------------------------------------------------------------
WRONG_TURNED_COMMA = re.compile(r"[oOgG]['’ʼ`‘](?=[a-zA-Z])")


def test_uzbek_o_and_g_take_the_turned_comma() -> None:
    """oʻ, gʻ with U+02BB; an ASCII, typographic or U+02BC apostrophe there is
    another letter to a search engine and to a spelling checker."""
    bad = [(w, t) for w, _, t in every_text("uz") if WRONG_TURNED_COMMA.search(t)]
    assert bad == []
    assert WRONG_TURNED_COMMA.search("Qo'shnilar") and WRONG_TURNED_COMMA.search("oʼrin")
    assert not WRONG_TURNED_COMMA.search("Qoʻshnilar maʼlumot")
