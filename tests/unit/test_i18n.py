"""ddx in Russian and Uzbek: the language choice, the catalogues
kept complete and in step with the code, the translation tables, the command
line in three languages, and the explorer's tab bar."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from babel.messages.pofile import read_po

from tests.conftest import DATA, ROOT
from tui import i18n
from tui.cli import main
from tui.core import Dataset
from tui.core.errors import DataError, UsageError
from tui.core.schema import FOCUS, LANGS, TABLES, TRANSLATES, TRANSLATES_PAIRS

LOCALE = ROOT / "tui" / "locale"
POT = LOCALE / "ddx.pot"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _ids(path: Path) -> set[tuple[str | None, str]]:
    with path.open("rb") as fh:
        cat = read_po(fh)
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in cat if m.id}


def missing_translations(ds: Dataset) -> list[str]:
    """Rows of the translated tables with no row in some language, as
    ``"goals_i18n: knowledge (uz)"``. The built-in data has none; a --data
    table's new rows may, and they show in English."""
    missing: list[str] = []
    for name, (base, key) in TRANSLATES.items():
        if not (ds.has(name) and ds.has(base)):
            continue
        have = {(r[key], r["lang"]) for r in ds.records(name, [key, "lang"])}
        for value in ds.frame(base)[key]:
            missing += [f"{name}: {value} ({lang})" for lang in LANGS if (value, lang) not in have]
    for name, (base, cols) in TRANSLATES_PAIRS.items():
        if not (ds.has(name) and ds.has(base)):
            continue
        pairs = {(*(r[c] for c in cols), r["lang"]) for r in ds.records(name, [*cols, "lang"])}
        for row in ds.frame(base).select(cols).iter_rows():
            missing += [
                f"{name}: {'/'.join(row)} ({lang})" for lang in LANGS if (*row, lang) not in pairs
            ]
    return missing


# -- the catalogues -------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_every_message_has_a_finished_translation(lang: str) -> None:
    with POT.open("rb") as fh:
        template = read_po(fh)
    with i18n.po_path(lang).open("rb") as fh:
        cat = read_po(fh, locale=lang)
    problems = []
    for m in template:
        if not m.id:
            continue
        t = cat.get(m.id, context=m.context)
        strings = (
            list(t.string)
            if t is not None and isinstance(t.string, (tuple, list))
            else [t and t.string]
        )
        if t is None or t.fuzzy or not all(strings):
            problems.append(m.id)
        elif "{" in (m.id if isinstance(m.id, str) else m.id[0]):
            # the same {placeholders}, or .format() fails in that language
            import string

            def fields(text: str) -> set[str]:
                return {f for _, f, _, _ in string.Formatter().parse(text) if f}

            ids = m.id if isinstance(m.id, tuple) else (m.id,)
            if any(fields(s) != fields(ids[-1]) for s in strings):
                problems.append(("placeholders", m.id))
    assert problems == [], f"{lang}: untranslated, fuzzy or broken: {problems}"


def test_the_template_is_in_step_with_the_code(tmp_path: Path) -> None:
    out = tmp_path / "fresh.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "N_",
            "-k",
            "NP_:1c,2",
            "--no-location",
            "--sort-output",
            "--project",
            "ddx",
            "-o",
            str(out),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    fresh, kept = _ids(out), _ids(POT)
    assert fresh - kept == set(), "new messages: re-extract (babel.cfg says how)"
    assert kept - fresh == set(), "messages no longer in the code: re-extract"
    for lang in LANGS:
        assert _ids(i18n.po_path(lang)) == kept, f"{lang}: pybabel update the catalogue"


def test_a_missing_translation_falls_back_to_english_for_that_message_only() -> None:
    i18n.set_language("ru")
    assert i18n._("no such message in the catalogue") == "no such message in the catalogue"
    assert i18n._("rank") == "место"
    assert i18n.ngettext("wrote {n} row to {out}", "wrote {n} rows to {out}", 5).startswith(
        "записано"
    )
    assert i18n.ngettext("wrote {n} row to {out}", "wrote {n} rows to {out}", 2).startswith(
        "записаны"
    )


# -- choosing the language --------------------------------------------------------------
@pytest.mark.parametrize(
    ("cli", "env", "want"),
    [
        (None, {}, "en"),
        (None, {"LANG": "ru_RU.UTF-8"}, "ru"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),  # a locale ddx does not speak: English
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {"LC_ALL": "uz_UZ.UTF-8", "LANG": "ru_RU.UTF-8"}, "uz"),  # LC_ALL beats LANG
        (None, {"LC_MESSAGES": "uz_UZ.UTF-8", "LANG": "ru_RU.UTF-8"}, "uz"),
        (None, {"LC_ALL": "ru_RU.UTF-8", "LC_MESSAGES": "uz_UZ.UTF-8"}, "ru"),
        (None, {"DDX_LANG": "uz", "LC_ALL": "ru_RU.UTF-8"}, "uz"),  # DDX_LANG beats the locale
        ("en", {"DDX_LANG": "uz", "LC_ALL": "ru_RU.UTF-8"}, "en"),  # --lang beats all
        ("RU", {}, "ru"),
    ],
)
def test_the_language_is_chosen_by_lang_then_ddx_lang_then_the_locale(
    cli: str | None, env: dict[str, str], want: str
) -> None:
    assert i18n.resolve_language(cli, env) == want


def test_an_unknown_language_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(capsys, "--lang", "xx", "rankings")
    assert (code, out) == (2, "")
    assert err == "ddx: unknown language 'xx'; ddx speaks en, ru, uz\n"
    monkeypatch.setenv("DDX_LANG", "klingon")
    code, out, err = run(capsys, "goals")
    assert code == 2 and err == "ddx: unknown language 'klingon'; ddx speaks en, ru, uz\n"
    with pytest.raises(UsageError):
        i18n.set_language("fr")


# -- the command line in three languages ---------------------------------------------
def test_the_locale_gives_russian_names_and_numbers(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DDX_LANG")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    code, out, err = run(capsys, "rankings")
    assert code == 0 and err == ""
    assert "Казахстан" in out and "0,90093" in out and "Кыргызстан" in out
    assert "Киргизия" not in out  # CLDR's name; the country's own wins (overrides)
    assert "место" in out and "Индекс развития электронного правительства" in out
    # The scope in words, not the option's code.
    assert "Центральная Азия, стран: 5" in out.splitlines()[0] and "central-asia" not in out


def test_uzbek_rankings_and_english_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "uz", "rankings")
    assert code == 0 and "Qozogʻiston" in out and "0,90093" in out
    code, out, _ = run(capsys, "rankings", "--lang", "uz")  # after the command too
    assert "Qozogʻiston" in out
    code, out, _ = run(capsys, "rankings")
    assert "Kazakhstan" in out and "0.90093" in out and "place" not in out


def test_machine_formats_stay_as_the_data_is(capsys: pytest.CaptureFixture[str]) -> None:
    _, ru, _ = run(capsys, "--lang", "ru", "rankings", "--format", "csv")
    _, en, _ = run(capsys, "rankings", "--format", "csv")
    assert ru == en


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("ru", ("Управление знаниями", "цель", "ddx_translation")),
        ("uz", ("Bilimlarni boshqarish", "maqsad", "ddx_translation")),
        ("en", ("Knowledge management", "goal")),
    ],
)
def test_goals_in_three_languages(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    words: tuple[str, ...],
) -> None:
    monkeypatch.setenv("COLUMNS", "120")  # a goal's name whole in its cell
    code, out, _ = run(capsys, "--lang", lang, "goals")
    assert code == 0
    for w in words:
        assert w in out


def test_country_summary_and_errors_are_translated(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "ru", "country", "KGZ")
    assert code == 0 and out.startswith("Кыргызстан (KGZ)") and "«Таза Коом»" in out
    code, out, err = run(capsys, "--lang", "ru", "rankings", "--scope", "Mars")
    assert code == 2 and err.startswith("ddx: неизвестный охват 'Mars'")
    with pytest.raises(SystemExit) as exc:
        main(["--lang", "uz", "rankings", "--year", "abc"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "tadqiqot yili kutilgan edi" in err and err.count("\n") == 1


@pytest.mark.parametrize(("lang", "word"), [("ru", "параметры"), ("uz", "parametrlar")])
def test_help_is_translated(capsys: pytest.CaptureFixture[str], lang: str, word: str) -> None:
    for argv in (
        [],
        ["rankings"],
        ["country"],
        ["goals"],
        ["sources"],
        ["milestones"],
        ["export"],
        ["import-un"],
        ["demo"],
        ["chart"],
        ["chart", "compare"],
    ):
        with pytest.raises(SystemExit) as exc:
            main(["--lang", lang, *argv, "--help"])
        assert exc.value.code == 0
        out = capsys.readouterr().out
        assert word in out and "--lang" in out, argv


def test_demo_accepts_lang() -> None:
    from tui.cli import build_parser

    args = build_parser().parse_args(["demo", "--lang", "uz"])
    assert args.lang == "uz" and args.demo


# -- the translation tables ------------------------------------------------------------
def test_every_translation_table_is_declared_and_valid() -> None:
    ds = Dataset(DATA)
    for name in (
        "goals_i18n",
        "countries_i18n",
        "milestones_i18n",
        "conclusions_i18n",
        "milestone_goals_i18n",
        "glossary",
        "country_name_overrides",
        "economy_codes",
    ):
        assert name in TABLES and ds.has(name)
        ds.frame(name)  # loads and validates: schema, sources, ids
    assert missing_translations(ds) == []
    glossary = ds.frame("glossary")
    assert {"egdi", "osi", "tii", "hci", "epi"} <= set(glossary["term_id"])
    assert set(glossary["lang"]) == set(LANGS)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("ru", ("Запущена", "место", "Источники:")),  # single words: the table wraps
        ("uz", ("tushirildi", "oʻrin", "Manbalar:")),
    ],
)
def test_milestones_actions_and_the_conclusion_in_russian_and_uzbek(
    capsys: pytest.CaptureFixture[str], lang: str, words: tuple[str, ...]
) -> None:
    code, out, _ = run(capsys, "--lang", lang, "actions", "KAZ")
    assert code == 0 and all(w in out for w in words), out
    code, out, _ = run(capsys, "--lang", lang, "milestones", "KAZ")
    assert code == 0 and words[0] in out
    code, out, _ = run(capsys, "--lang", lang, "conclusion")
    assert code == 0 and "ddx_translation" in out and "ICT" not in out
    _, csv_out, _ = run(capsys, "--lang", lang, "actions", "KAZ", "--format", "csv")
    _, csv_en, _ = run(capsys, "actions", "KAZ", "--format", "csv")
    assert csv_out == csv_en  # machine formats keep the data's own words


def test_a_translation_of_a_row_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    pl.DataFrame(
        {
            "goal_id": ["no_such_goal"],
            "lang": ["ru"],
            "name": ["x"],
            "summary": ["y"],
            "ddx_note": [None],
            "source_id": ["ddx_translation"],
        }
    ).write_csv(tmp_path / "goals_i18n.csv")
    with pytest.raises(DataError, match="no_such_goal"):
        Dataset(DATA, [tmp_path]).frame("goals_i18n")


def test_a_rationale_for_a_link_that_does_not_exist_is_refused_and_a_new_one_listed(
    tmp_path: Path,
) -> None:
    # a real milestone and a real goal, but not linked: refused, naming the pair
    pl.DataFrame(
        {
            "milestone_id": ["kaz-egov-2008"],
            "goal_id": ["internet_freedom"],
            "lang": ["ru"],
            "rationale": ["x"],
            "source_id": ["ddx_translation"],
        }
    ).write_csv(tmp_path / "milestone_goals_i18n.csv")
    with pytest.raises(DataError, match="kaz-egov-2008/internet_freedom"):
        Dataset(DATA, [tmp_path]).frame("milestone_goals_i18n")
    (tmp_path / "milestone_goals_i18n.csv").unlink()
    links = pl.read_csv(DATA / "milestone_goals.csv").head(1)
    links.with_columns(pl.lit("internet_freedom").alias("goal_id")).write_csv(
        tmp_path / "milestone_goals.csv"
    )
    missing = missing_translations(Dataset(DATA, [tmp_path]))
    assert f"milestone_goals_i18n: {links['milestone_id'][0]}/internet_freedom (uz)" in missing


def test_a_language_ddx_does_not_have_is_refused(tmp_path: Path) -> None:
    pl.DataFrame(
        {"iso3": ["KAZ"], "lang": ["fr"], "summary": ["y"], "source_id": ["ddx_translation"]}
    ).write_csv(tmp_path / "countries_i18n.csv")
    with pytest.raises(DataError, match="lang"):
        Dataset(DATA, [tmp_path]).frame("countries_i18n")


def test_a_row_with_no_translation_is_listed_and_shows_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pl.DataFrame(
        {
            "goal_id": ["new_goal"],
            "position": [9],
            "name": ["A new goal"],
            "summary": ["Not yet translated."],
            "article_wording": [None],
            "ddx_note": [None],
            "note_source_id": [None],
            "source_id": ["ddx_reading"],
        }
    ).write_csv(tmp_path / "goals.csv")
    ds = Dataset(DATA, [tmp_path])
    assert missing_translations(ds) == ["goals_i18n: new_goal (ru)", "goals_i18n: new_goal (uz)"]
    code, out, _ = run(capsys, "--lang", "ru", "--data", str(tmp_path), "goals")
    assert code == 0 and "A new goal" in out and "Управление знаниями" in out


def test_country_names_come_from_cldr_with_the_countrys_own_where_it_differs() -> None:
    ds = Dataset(DATA)
    ru = i18n.country_names(ds, "ru")
    uz = i18n.country_names(ds, "uz")
    assert [ru[c] for c in FOCUS] == [
        "Казахстан",
        "Кыргызстан",
        "Таджикистан",
        "Туркменистан",
        "Узбекистан",
    ]
    assert i18n.cldr_country_name("KG", "ru") == "Киргизия"  # why the override exists
    assert [uz[c] for c in FOCUS] == [
        "Qozogʻiston",
        "Qirgʻiziston",
        "Tojikiston",
        "Turkmaniston",
        "Oʻzbekiston",
    ]
    overrides = ds.frame("country_name_overrides")
    for row in overrides.iter_rows(named=True):
        assert (
            i18n.cldr_country_name(
                ds.frame("economy_codes").filter(pl.col("iso3") == row["iso3"])["iso2"][0],
                row["lang"],
            )
            != row["name"]
        ), "an override that CLDR already agrees with"


def test_numbers_in_each_language() -> None:
    assert i18n.format_decimal(0.90093) == "0.90093"
    i18n.set_language("ru")
    assert i18n.format_decimal(0.90093) == "0,90093"
    assert i18n.format_decimal(None, "—") == "—"
    i18n.set_language("uz")
    assert i18n.format_decimal(0.5) == "0,5"


def test_the_explorers_start_errors_are_translated(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--lang", "ru", "--start", "nowhere")
    assert code == 2 and err.startswith("ddx: неизвестная вкладка 'nowhere' в --start")


def test_ddx_serve_passes_the_language_to_each_session() -> None:
    from tui.cli import build_parser
    from tui.cli.serve import app_command

    args = build_parser().parse_args(["serve"])
    assert "--lang" not in app_command(args)
    i18n.set_language("uz")
    assert "--lang uz" in app_command(args)


def test_chart_compare_speaks_russian_and_writes_its_ticks_whole(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`ddx chart compare` had an English title in every language, and Russian
    and Uzbek ticks read `,25` (English's short `.25` with a comma)."""
    import re

    code, out, _ = run(
        capsys, "chart", "compare", "--lang", "ru", "--width", "70", "--height", "16"
    )
    assert code == 0
    assert "EGDI и составляющие" in out and "легенда ниже" in out and "parts" not in out
    assert "0,25┤" in out and "0,75┤" in out and " 0,5┤" in out
    assert not re.search(r"(?<![0-9]),[0-9]", out)  # no decimal comma without its zero
    code, out, _ = run(capsys, "chart", "compare", "--scatter", "--lang", "uz", "--width", "70")
    assert code == 0 and "2024: EGDI (x) va EPI (y)" in out and "0,25" in out
    code, out, _ = run(capsys, "chart", "compare", "--width", "70", "--height", "16")
    assert "EGDI and its parts" in out and ".25┤" in out and "0.25" not in out


def test_chart_keys_name_countries_in_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    """`ddx chart` keys printed the tables' English names under a Russian chart."""
    args = ["--width", "80", "--height", "18"]
    code, out, _ = run(capsys, "chart", "rankings", "--trajectory", "--lang", "ru", *args)
    assert code == 0 and "●Казахстан" in out and "✚Узбекистан" in out and "Kazakhstan" not in out
    code, out, _ = run(capsys, "chart", "country", "KAZ", "--lang", "uz", *args)
    assert code == 0 and "Qozogʻiston" in out and "Kazakhstan" not in out
    code, out, _ = run(capsys, "chart", "country", "KAZ", *args)
    assert "Kazakhstan" in out


def test_milestones_table_speaks_the_language_and_its_note_names_the_label(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Kind and role were the tables' codes (`programme action`) in a Russian
    table, and the note explained a label, '(inferred)', the table never showed."""
    for lang, label in (("ru", "(по контексту)"), ("uz", "(kontekstdan)")):
        code, out, _ = run(capsys, "milestones", "--lang", lang)
        assert code == 0
        assert "programme" not in out and " action " not in out and " result " not in out
        assert f"«{label}»" in out.splitlines()[-1] and f" {label}" in out
    code, out, _ = run(capsys, "milestones", "--lang", "ru", "KAZ")
    assert "программа" in out and "действие" in out and "результат" in out
    code, out, _ = run(capsys, "milestones", "KAZ")  # English: the data's own codes
    assert "programme" in out and " action " in out and "'(inferred)'" in out


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ru", "Примечание ddx: статья не говорит"), ("uz", "ddx izohi: maqola oʻzining")],
)
def test_goals_origin_note_speaks_the_language(
    capsys: pytest.CaptureFixture[str], lang: str, words: str
) -> None:
    """`ddx goals --lang ru|uz` printed where the eight goals come from in English."""
    code, out, _ = run(capsys, "goals", "--lang", lang)
    assert code == 0 and words in out.replace("\n", " ")
    assert "does not say where its eight goals come from" not in out
