"""Tour files (tui/tour/model.py, record.py, presenter.py) and ``ddx tour``:
reading, every validation error with its line, writing back, recording
safely, the built-in tour as a file. No Textual."""

from __future__ import annotations

import multiprocessing
import os
import tomllib
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.errors import DataError
from tui.tour import model, presenter, record
from tui.tour.dump import dump_header, dump_step
from tui.tour.model import (
    Step,
    TourFile,
    Vocabulary,
    load_builtin,
    parse_tour,
)

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "tours" / "lesson.toml"
VOCAB = Vocabulary(
    editions=(2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024),
    countries={
        "KAZ": "Kazakhstan",
        "KGZ": "Kyrgyzstan",
        "TJK": "Tajikistan",
        "TKM": "Turkmenistan",
        "UZB": "Uzbekistan",
    },
)
HEAD = 'format = 1\ntitle = "T"\n\n'
STEP = '[[steps]]\npane = "countries"\ncountry = "KAZ"\ncaption = "c"\n'


def test_fixture_reads() -> None:
    tour = model.load_tour(FIXTURE, VOCAB)
    assert tour.title.startswith("Lesson 3: [draft]") and tour.author == "A. Teacher"
    first = tour.steps[0]
    assert first.pane == "compare" and first.countries == ("KAZ", "UZB", "RUS")
    assert first.edition == 2020 and first.seconds == 45.0 and first.notes.startswith("Ask")
    assert tour.steps[2].title == "Countries"  # no title: the pane's name
    assert tour.steps[2].chart == "components"


# (source, the message, the line it names)
BAD = [
    (HEAD + STEP.replace('"countries"', '"charts"', 1), "unknown pane 'charts' in step 1", 5),
    (HEAD + STEP.replace('"KAZ"', '"FRA"'), "unknown country 'FRA' in step 1", 6),
    (HEAD + STEP + "edition = 2026\n".replace("2026", "2026"), "'edition' does not apply", 8),
    (
        HEAD
        + STEP.replace("countries", "rankings", 1).replace('country = "KAZ"', "edition = 2026"),
        "edition 2026 in step 1 is not in the data; import it with ddx import-un",
        6,
    ),
    (
        HEAD
        + STEP.replace("countries", "rankings", 1).replace('country = "KAZ"', "edition = 2007"),
        "no survey edition 2007 in step 1",
        6,
    ),
    (
        HEAD + STEP.replace("countries", "map", 1).replace('country = "KAZ"', 'indicator = "gdp"'),
        "'indicator' in step 1: expected one of egdi, osi, tii, hci, epi, got 'gdp'",
        6,
    ),
    (HEAD + STEP + "colour = 3\n", "unknown key 'colour' in step 1", 8),
    (HEAD + STEP + "seconds = -2\n", "'seconds' in step 1: expected a positive number", 8),
    (HEAD + STEP + 'seconds = "10"\n', "'seconds' in step 1: expected a positive number", 8),
    (
        HEAD + STEP.replace('caption = "c"', "caption = 3"),
        "'caption' in step 1: expected a string, got an integer",
        7,
    ),
    (HEAD + STEP.replace('caption = "c"\n', ""), "missing 'caption' in step 1", 4),
    (HEAD + STEP.replace('"c"', '"a\\u0007b"'), "control character U+0007", 7),
    (HEAD + STEP.replace('"c"', '"a\\u202Eb"'), "control character U+202E", 7),
    (HEAD + STEP + 'chart = "pie"\n', "'chart' in step 1: expected one of rank, components", 8),
    (
        HEAD
        + STEP.replace("countries", "compare", 1).replace('country = "KAZ"', 'countries = ["KAZ"]'),
        "'countries' in step 1: expected 2 to 8 countries, got 1",
        6,
    ),
    (HEAD + STEP + STEP.replace("KAZ", "Mars"), "unknown country 'Mars' in step 2", 10),
    ('format = 2\ntitle = "T"\n' + STEP, "'format': expected 1, got 2", 1),
    ('title = "T"\n' + STEP, "missing 'format'", None),
    ('format = 1\ntitle = "T"\nsubtitle = "x"\n' + STEP, "unknown key 'subtitle'", 3),
    ('format = 1\ntitle = "T"\n', "no steps", None),
    # the tour's own title per language, checked like the steps' ones
    ('format = 1\ntitle = "T"\ntitle_ru = 3\n\n' + STEP, "'title_ru': expected a string", 3),
    ('format = 1\ntitle = "T"\ntitle_uz = "a\\u0007"\n\n' + STEP, "control character", 3),
    ('format = 1\ntitle = "T"\ntitle_kk = "x"\n\n' + STEP, "unknown key 'title_kk'", 3),
    (HEAD + STEP + "caption = 'again'\n", "not valid TOML", 8),
    (HEAD + "[[steps]\n", "not valid TOML", 4),
    (
        HEAD + STEP.replace("countries", "goals", 1).replace('country = "KAZ"', "row = 0"),
        "'row' in step 1: expected a row number",
        6,
    ),
]


@pytest.mark.parametrize(("source", "message", "line"), BAD, ids=[b[1][:40] for b in BAD])
def test_every_error_names_the_line(source: str, message: str, line: int | None) -> None:
    with pytest.raises(DataError) as info:
        parse_tour(source, "lesson.toml", VOCAB)
    err = info.value
    assert message in err.message, err.message
    assert err.line == line, (err.line, str(err))
    assert str(err).startswith("lesson.toml:" if line else "lesson.toml: ")
    assert "\n" not in str(err)


def test_compare_candidates_agree_with_the_core() -> None:
    from tui.core import compare

    assert model.COMPARE_CANDIDATES == compare.CANDIDATES
    assert (model.MIN_COMPARE, model.MAX_COMPARE) == (compare.MIN_COUNTRIES, compare.MAX_COUNTRIES)


def test_a_name_is_accepted_for_a_country() -> None:
    tour = parse_tour(HEAD + STEP.replace('"KAZ"', '"uzbekistan"'), "t.toml", VOCAB)
    assert tour.steps[0].country == "UZB"


def dump_tour(tour: TourFile) -> str:
    """A whole tour as TOML, from the parts ``R`` writes a file with."""
    return "\n".join(
        [
            dump_header(tour.title, tour.author, tour.language, tour.titles),
            *map(dump_step, tour.steps),
        ]
    )


def test_dump_reads_back_the_same() -> None:
    tour = model.load_tour(FIXTURE, VOCAB)
    again = parse_tour(dump_tour(tour), "again.toml", VOCAB)
    assert again.steps == tour.steps and again.title == tour.title
    builtin = load_builtin("class", VOCAB)
    back = parse_tour(dump_tour(builtin), "b.toml", VOCAB)
    assert back.steps == builtin.steps and back.titles == builtin.titles
    assert builtin.title_in("uz") != builtin.title_in("en") == builtin.title


@pytest.mark.parametrize(
    "text", ['quote " back \\ slash', "tab\tnew\nline", "[b]markup[/b] ü 日本", "'''", 'a"""b']
)
def test_strings_are_escaped(text: str) -> None:
    step = Step(pane="goals", title=text, look=text, notes=text)
    out = tomllib.loads(HEAD + dump_step(step))
    assert out["steps"][0]["caption"] == text and out["steps"][0]["title"] == text


def test_builtin_tour_is_a_file_in_the_package() -> None:
    assert model.builtin_names() == ["class"]
    path = model.builtin_path("class")
    assert path.parent == Path(model.__file__).parent / "builtin"
    from tui.tour.steps import TOUR

    assert load_builtin("class").steps == TOUR


def test_record_appends_and_keeps_hand_edits(tmp_path: Path) -> None:
    target = tmp_path / "tours" / "mine.toml"
    step = Step(pane="countries", title="Kyrgyzstan", look='say "hi" [x]', country="KGZ")
    assert record.append_step(target, step) == 1
    text = target.read_text()
    target.write_text(text.replace("Recorded tour", "My lesson") + "# my own comment\n")
    assert record.append_step(target, step) == 2
    text = target.read_text()
    assert "# my own comment" in text and 'title = "My lesson"' in text
    tour = model.load_tour(target, VOCAB)
    assert [s.look for s in tour.steps] == ['say "hi" [x]'] * 2
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_record_refuses_a_broken_file_and_leaves_it(tmp_path: Path) -> None:
    target = tmp_path / "broken.toml"
    target.write_text("format = 1\ntitle = \n")
    with pytest.raises(DataError) as info:
        record.append_step(target, Step(pane="goals", title="g", look="c"))
    assert "broken.toml:2" in str(info.value)
    assert target.read_text() == "format = 1\ntitle = \n"


def _append_many(path: str, n: int) -> None:
    for i in range(n):
        record.append_step(path, Step(pane="goals", title=f"p{os.getpid()}", look=f"s{i}", row=0))


def test_two_recorders_at_once_lose_nothing(tmp_path: Path) -> None:
    target = tmp_path / "shared.toml"
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_append_many, args=(str(target), 15)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    assert len(model.load_tour(target).steps) == 30


def test_presenter_state_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    tour = model.load_tour(FIXTURE, VOCAB)
    path = presenter.state_path(FIXTURE)
    assert path.parent == tmp_path / "ddx" / "tours"
    assert presenter.read_state(path) is None
    presenter.write_state(path, 1, 3)
    assert presenter.read_state(path) == {"pid": os.getpid(), "index": 1}
    assert "Step 2/3: OSI in 2022" in presenter.notes_text(tour, 1)
    assert "next:    Countries" in presenter.notes_text(tour, 1)
    presenter.clear_state(path)
    assert not path.exists()
    # A player killed midway leaves a file whose process is gone: not running.
    path.write_text('{"pid": 999999999, "index": 0, "steps": 3}')
    assert presenter.read_state(path) is None


def test_follow_prints_each_step_then_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    tour = model.load_tour(FIXTURE, VOCAB)
    path = presenter.state_path(FIXTURE)
    printed: list[str] = []
    script = iter([0, 0, 2, None])

    def out(text: str) -> None:
        printed.append(text)

    def fake_sleep(_: float) -> None:
        nxt = next(script)
        if nxt is None:
            presenter.clear_state(path)
        else:
            presenter.write_state(path, nxt, 3)

    monkeypatch.setattr(presenter.time, "sleep", fake_sleep)
    assert presenter.follow(tour, out, wait=5) == 0
    assert [p.splitlines()[0] for p in printed] == [
        "Step 1/3: Three countries in 2020",
        "Step 3/3: Countries",
        "The tour has ended.",
    ]
    printed.clear()
    assert presenter.follow(tour, out, wait=0, poll=0) == 1
    assert "No tour is playing" in printed[0]


# -- the command line ---------------------------------------------------------------------------
def test_tour_check_ok_and_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["tour", "check", str(FIXTURE)]) == 0
    assert capsys.readouterr().out == "ok: 3 steps\n"
    bad = tmp_path / "bad.toml"
    bad.write_text(HEAD + STEP.replace('"KAZ"', '"FRA"'))
    assert main(["tour", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{bad}:6:1: unknown country 'FRA'" in err
    assert main(["tour", "check", str(tmp_path / "missing.toml")]) == 2
    assert "no such tour file" in capsys.readouterr().err
    (tmp_path / "latin1.toml").write_bytes(b'format = 1\ntitle = "\xe9"\n')
    assert main(["tour", "check", str(tmp_path / "latin1.toml")]) == 2
    assert "latin1.toml:2: not UTF-8" in capsys.readouterr().err


def test_tour_export_refuses_to_overwrite(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "lesson.toml"
    assert main(["tour", "export", "class", str(target)]) == 0
    assert target.read_text() == model.builtin_path("class").read_text()
    capsys.readouterr()
    target.write_text("mine")
    assert main(["tour", "export", "class", str(target)]) == 2
    assert "exists; add --force" in capsys.readouterr().err
    assert target.read_text() == "mine"
    assert main(["tour", "export", "class", str(target), "--force"]) == 0
    assert main(["tour", "check", str(target)]) == 0
    assert main(["tour", "export", "nope", str(tmp_path / "x.toml")]) == 2
    assert "no built-in tour 'nope'" in capsys.readouterr().err


def test_demo_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and lines[0].split("\t")[0] == "class" and "steps)" in lines[0]
    # each language its own title (title_ru, title_uz at the tour file's top)
    assert main(["--lang", "ru", "demo", "--list"]) == 0
    ru = capsys.readouterr().out
    assert "Цифровая дипломатия в Центральной Азии" in ru and "шагов)" in ru
    assert main(["--lang", "uz", "demo", "--list"]) == 0
    assert "Markaziy Osiyoda raqamli diplomatiya" in capsys.readouterr().out


def test_a_bad_tour_is_refused_before_the_explorer_opens(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.app

    def boom(*a: object, **k: object) -> None:
        raise AssertionError("the explorer opened")

    monkeypatch.setattr(tui.app.DDXApp, "run", boom)
    bad = tmp_path / "bad.toml"
    bad.write_text(
        HEAD + STEP.replace("countries", "rankings", 1).replace('country = "KAZ"', "edition = 2026")
    )
    assert main(["demo", "--tour", str(bad)]) == 2
    err = capsys.readouterr().err
    assert (
        err
        == f"ddx: {bad}:6:1: edition 2026 in step 1 is not in the data; import it with ddx import-un (editions are 2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024)\n"
    )
    assert main(["--record", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_serve_passes_the_tour_on(tmp_path: Path) -> None:
    from tui.cli import build_parser
    from tui.cli.serve import app_command

    args = build_parser().parse_args(
        ["serve", "--tour", str(FIXTURE), "--notes", "--interval", "5", "--theme", "light"]
    )
    cmd = app_command(args)
    assert f"--demo --interval 5.0 --tour {FIXTURE.resolve()} --notes" in cmd
    assert "--theme light" in cmd
    args = build_parser().parse_args(["demo", "--tour", "x.toml", "--notes", "--record", "r.toml"])
    assert args.tour == Path("x.toml") and args.notes and args.record == Path("r.toml")
