"""``ddx chart --format svg``: the explorer's chart as a picture for a slide,
with its title, key and source line, that needs nothing from outside the file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.selfcontained import outside_references
from tui.cli import main

SVG = "{http://www.w3.org/2000/svg}"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def svg_text(svg: str) -> str:
    """The picture's text, line by line as drawn (Rich writes one <text> a span)."""
    root = ET.fromstring(svg)
    lines: dict[float, list[tuple[float, str]]] = {}
    for t in root.iter(f"{SVG}text"):
        if t.get("y") is None or t.get("x") is None:
            continue
        lines.setdefault(float(t.get("y", 0)), []).append(
            (float(t.get("x", 0)), "".join(t.itertext()))
        )
    return "\n".join(
        "".join(s for _, s in sorted(spans)).replace("\xa0", " ")
        for _, spans in sorted(lines.items())
    )


def test_rankings_svg_has_the_chart_its_title_and_its_source(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "egdi-2020.svg"  # svg from the extension
    code, stdout, err = run(capsys, "chart", "rankings", "--year", "2020", "--out", str(out))
    assert code == 0 and stdout == "" and f"wrote {out}" in err
    svg = out.read_text(encoding="utf-8")
    text = svg_text(svg)
    assert "EGDI 2020" in text and "index 0-1" in text
    for iso3 in ("KAZ", "KGZ", "TJK", "TKM", "UZB"):
        assert iso3 in text
    lines = text.splitlines()
    source = [line for line in lines if line.startswith("Source")]
    assert source == ["Source: United Nations E-Government Survey 2020 (unegov_2020) · ddx"]
    # under the chart: the axis label comes before it
    assert lines.index(source[0]) > max(i for i, s in enumerate(lines) if "index 0-1" in s)
    assert outside_references(svg) == []
    assert "monospace" in svg and "@font-face" not in svg


def test_svg_to_stdout_and_the_key_of_a_line_chart(capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, _ = run(capsys, "chart", "rankings", "--trajectory", "--format", "svg")
    assert code == 0 and stdout.startswith("<svg")
    text = svg_text(stdout)
    assert "World rank by EGDI, 1 = best" in text
    key = next(line for line in text.splitlines() if "Kazakhstan" in line)
    for name in ("Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"):
        assert name in key
    # one UN edition a source: all of them named by id
    source = text[text.rindex("Sources:") :].replace("\n", " ")
    assert source.rstrip().endswith("· ddx")
    for year in (2003, 2008, 2020, 2024):
        assert f"unegov_{year}" in source


def test_light_theme_and_russian(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    dark, light = tmp_path / "d.svg", tmp_path / "l.svg"
    assert run(capsys, "chart", "compare", "--scatter", "--out", str(dark))[0] == 0
    assert (
        run(capsys, "chart", "compare", "--scatter", "--theme", "light", "--out", str(light))[0]
        == 0
    )
    assert 'fill="#121820"' in dark.read_text() and 'fill="#ffffff"' in light.read_text()
    ru = tmp_path / "ru.svg"
    assert run(capsys, "--lang", "ru", "chart", "compare", "--scatter", "--out", str(ru))[0] == 0
    text = svg_text(ru.read_text(encoding="utf-8"))
    assert "Источник: United Nations E-Government Survey 2024 (unegov_2024) · ddx" in text
    assert "EGDI (x) и EPI (y)" in text


def test_terminal_themes_match_the_app_themes() -> None:
    from tui.svg import TERMINAL_THEMES
    from tui.theme import DARK, LIGHT

    for name, theme in (("dark", DARK), ("light", LIGHT)):
        term = TERMINAL_THEMES[name]
        assert term.background_color.hex.lower() == str(theme.background).lower()
        assert term.foreground_color.hex.lower() == str(theme.foreground).lower()


@pytest.mark.parametrize(
    "argv",
    [
        ("--format", "png"),
        ("--out", "{tmp}/chart.png"),
        ("--out", "{tmp}/note.txt/chart.svg"),
        ("--out", "{tmp}"),
    ],
    ids=["bad-format", "unknown-extension", "unwritable", "a-folder"],
)
def test_bad_output_is_one_line_and_nothing_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...]
) -> None:
    (tmp_path / "note.txt").write_text("mine")
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(SystemExit) if argv[0] == "--format" else _no_raise() as caught:
        code, _, err = run(capsys, "chart", "rankings", *(a.format(tmp=tmp_path) for a in argv))
    if caught is not None and isinstance(caught, pytest.ExceptionInfo):
        code, err = caught.value.code, capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert (tmp_path / "note.txt").read_text() == "mine"


class _no_raise:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False
