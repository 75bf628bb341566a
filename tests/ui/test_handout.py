"""``ddx handout``: a tour as one HTML file a student can print or open offline:
each step's screen (photographed from the real app), caption, sources in full
and the data behind it, and nothing fetched from outside the file."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.selfcontained import outside_references, parse
from tui.cli import main
from tui.core import Dataset
from tui.core import queries as q
from tui.tour.model import load_builtin

pytestmark = pytest.mark.xdist_group("handout")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sections(page: str) -> dict[str, str]:
    """Each <section id=...>'s HTML."""
    return dict(re.findall(r'<section class="[^"]*" id="([^"]+)">(.*?)</section>', page, re.S))


def text_of(fragment: str) -> str:
    """The visible text of an HTML fragment (tags dropped, entities read)."""
    return " ".join("".join(parse(fragment).texts).split())


@pytest.fixture(scope="module")
def builtin_handout(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("handout") / "class.html"
    assert main(["handout", "--out", str(out)]) == 0
    assert [p.name for p in out.parent.iterdir()] == ["class.html"]  # no staging left
    return out.read_text(encoding="utf-8")


def test_every_step_has_its_screen_caption_sources_and_data(builtin_handout: str) -> None:
    page = builtin_handout
    steps = load_builtin("class").steps
    parts = sections(page)
    ds = Dataset(DATA)
    cited: set[str] = set()
    for i, step in enumerate(steps, 1):
        body = parts[f"step-{i}"]
        words = text_of(body)
        assert f"Step {i} of {len(steps)}" in words
        assert " ".join(step.title.split()) in words
        assert " ".join(step.look.split()) in words, step.look
        # the screen, as the explorer drew it (text cells, not an image)
        # (the tour bar: a tour plays without the title bar)
        screen = html.unescape(body).replace("\xa0", " ")
        assert body.count("<svg") == 1 and f"Tour {i}/{len(steps)}" in screen
        ids = re.findall(r"<li><code>([^<]+)</code>", body)
        assert ids, f"step {i} cites no source"
        for sid in ids:
            src = q.source(ds, sid)
            assert src is not None
            assert " ".join(str(src["title"]).split()) in words
            if src.get("url"):
                assert f'<a href="{html.escape(str(src["url"]))}">' in body
        cited |= set(ids)
        assert "The data behind the view" in words
    # a screen of the latest edition names its source, and shows its table
    latest = parts[f"step-{[s.title for s in steps].index('The five in the latest edition') + 1}"]
    assert "unegov_2024" in latest and "<td>KAZ</td>" in latest
    # the sources page lists every source the steps cite
    assert set(re.findall(r"<li><code>([^<]+)</code>", parts["sources"])) == cited
    assert outside_references(page) == []
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "@page { size: A4" in page and "break-after: page" in page


HOSTILE = """\
format = 1
title = "Lesson <b>1</b> & \\"more\\""
author = "A. <i>Teacher</i>"

[[steps]]
pane = "rankings"
title = "</section><script>alert(1)</script>"
caption = "Who leads? <img src=http://evil.example/x.png> [b]not markup[/b] & that's all"
notes = "Ask first. <link rel=stylesheet href=https://evil.example/a.css>"

[[steps]]
pane = "countries"
country = "UZB"
title = "Uzbekistan"
caption = "Its rank over time."
caption_uz = "Uning oʻrni vaqt oʻtishi bilan."
"""


def test_text_from_a_tour_file_is_never_html(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tour = tmp_path / "lesson.toml"
    tour.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "lesson.html"
    code, _, err = run(
        capsys,
        "--lang",
        "uz",
        "handout",
        "--tour",
        str(tour),
        "--out",
        str(out),
        "--notes",
        "--theme",
        "light",
    )
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "evil.example/a.css>" not in page
    assert outside_references(page) == []
    words = text_of(page)
    assert "Who leads? <img src=http://evil.example/x.png> [b]not markup[/b] & that's all" in words
    assert "</section><script>alert(1)</script>" in words
    assert "Ask first. <link rel=stylesheet" in words  # --notes: shown, as text
    assert "Uning oʻrni vaqt oʻtishi bilan." in words  # the step's Uzbek caption
    assert "2 qadamdan 1-qadam" in words  # the page's own words in Uzbek
    assert 'lang="uz"' in page and "#ffffff" in page.lower()  # light screens
    # without --notes the notes stay out (the page, drawn from the same steps)
    from tui.handout import Page, render_html
    from tui.tour.model import load_tour

    lesson = load_tour(tour)
    pages = [Page(s.title, s.look, s.notes, "<svg></svg>", (), None) for s in lesson.steps]
    assert "Ask first" not in render_html(Dataset(DATA), lesson, pages)
    assert "Ask first" in render_html(Dataset(DATA), lesson, pages, notes=True)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (("nosuch", "--out", "{tmp}/h.html"), "no built-in tour 'nosuch'"),
        (("--tour", "{tmp}/missing.toml", "--out", "{tmp}/h.html"), "no such tour file"),
        (("--out", "{tmp}/h.pdf"), "name it .html"),
        (("--out", "{tmp}/mine.txt/h.html"), "mine.txt"),
        (("--out", "{tmp}/old.html", "--tour", "{tmp}/mine.txt"), "mine.txt"),
    ],
    ids=["unknown-tour", "missing-file", "not-html", "unwritable", "bad-tour-file"],
)
def test_bad_handout_is_one_line_and_nothing_lost(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...], says: str
) -> None:
    (tmp_path / "mine.txt").write_text("not a tour [[")
    (tmp_path / "old.html").write_text("the user's own")
    before = sorted(p.name for p in tmp_path.iterdir())
    code, _, err = run(capsys, "handout", *(a.format(tmp=tmp_path) for a in argv))
    assert code == 2 and says in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert (tmp_path / "old.html").read_text() == "the user's own"
