"""Data is never markup, and never reaches the terminal raw.

Every free-text field of every table is filled with hostile text (markup such
as ``[/dim]`` and ``[link=...]``, a lone ``[``, very long words, combining
marks, wide CJK, emoji, Arabic and Hebrew; and, injected after loading so the
reader does not refuse them, control and bidi characters). Every pane, the
help and the sources screen are then opened: nothing may crash, a marker put
in a field must appear on screen exactly as written, and no control
character may reach the rendered screen.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.screen import screen_text, widget_text
from tui.app import DDXApp
from tui.core.dataset import Dataset
from tui.core.schema import TABLES
from tui.core.text import find_unsafe
from tui.paths import data_dir

SIZE = (120, 40)
OSC52 = "\x1b]52;c;aGVsbG8=\x07"
OSC52_SHOWN = "\\x1b]52;c;aGVsbG8=\\x07"

# Free-text columns the explorer shows. Left out: columns that are keys or are
# matched against other tables (indicator_code, itu_idi.edition, alias), and
# those ddx parses (egov_survey.flags: caveat keys; conflict_group: grouping).
NOT_FREE = {
    ("indicator_meta", "indicator_code"),
    ("indicators", "indicator_code"),
    ("itu_idi", "edition"),
    ("country_aliases", "alias"),
    ("egov_survey", "flags"),
    ("digital_casa", "conflict_group"),
}
FREE = [
    (name, c.name)
    for name, t in TABLES.items()
    for c in t.columns
    if c.kind == "str" and not c.choices and not c.pattern and (name, c.name) not in NOT_FREE
]


def marker(table: str, column: str) -> str:
    """A short, distinctive marker for one column: markup that must show as typed."""
    return f"[/dim]Q{FREE.index((table, column))}[b]"


MARKUP = [
    "[/dim]",
    "[b]x",
    "[link=http://x]y[/link]",
    "[",
    "]",
    "\\",
    "[draft",
    "Rated [UNDP] first",
    "[bold red]red[/]",
    "$name",
    "$$",
    "%s {0}",
    "w" * 150,
    "e\u0301\u0302 a\u0308",
    "漢字テスト中文",
    "😀 👍🏽 👨‍👩‍👧",
    "مرحبا بالعالم",
    "שלום עולם",
]
CONTROLS = [
    OSC52,
    "\x1b]0;pwned\x07",
    "\x1b[2J",
    "\x9b2J",
    "\u202e",
    "\u2066x\u2069",
    "\x00",
    "\r",
    "\x08",
    "\x7f",
    "\x85",
]

plain_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs")),
    max_size=12,
)


def hostile(controls: bool) -> st.SearchStrategy[str]:
    pieces = MARKUP + (CONTROLS if controls else [])
    return st.lists(st.sampled_from(pieces) | plain_text, min_size=1, max_size=6).map(" ".join)


def hostile_dataset(fill: str) -> Dataset:
    """The built-in data, every free-text cell replaced with marker + ``fill``.

    Put in after loading (the frames the loader checked are replaced), so
    control characters, which the reader refuses, reach the display side.
    """
    ds = Dataset(data_dir())
    for name in TABLES:
        cols = [c for t, c in FREE if t == name]
        if not ds.has(name):
            continue
        frame = ds.frame(name)
        if cols and len(frame):
            frame = frame.with_columns(
                pl.lit(f"{marker(name, c)} {fill}", dtype=pl.String).alias(c) for c in cols
            )
        # Test-only: the frames a Dataset caches after loading.
        ds._eager[name] = frame
        ds._frames[name] = frame.lazy()
    ds._records.clear()
    return ds


def assert_no_controls(text: str, where: str) -> None:
    bad = find_unsafe(text, "\n")
    assert bad is None, f"{where}: raw {bad[1]!r} at {bad[0]} reached the screen"


async def drive(
    app: DDXApp, expect: dict[str, list[str]], panes: str = "12345678"
) -> dict[str, str]:
    """Open each of ``panes`` (every pane by default), step it, open the sources
    and help screens; check each screen for raw control characters and for the
    ``expect`` strings."""
    shown: dict[str, str] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in panes:
            await pilot.press(key)
            await pilot.pause()
            text = screen_text(app)
            assert_no_controls(text, f"pane {key}")
            shown[key] = text
            await pilot.press("right_square_bracket", "s")
            await pilot.pause()
            text = screen_text(app)
            assert_no_controls(text, f"sources screen of pane {key}")
            shown[f"s{key}"] = text
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert_no_controls(screen_text(app), "help")
        await pilot.press("escape")
        await pilot.pause()
    for where, wanted in expect.items():
        for s in wanted:
            assert s in shown[where], f"{s!r} not shown verbatim on {where}"
    return shown


def on_screen() -> dict[str, list[str]]:
    """Fields whose marker must be on screen verbatim, by pane key (s = sources screen)."""
    return {
        "1": [marker("goals", "name")],  # the goal list and the goal's heading
        "2": [marker("countries", "name")],  # the country heading
        "4": [marker("sources", "title")],  # the source's citation
        "6": [marker("milestones", "title")],  # the timeline's detail line
        "s6": [marker("milestones", "title")],  # the sources screen of the timeline
    }


@pytest.mark.heavy
def test_hostile_text_in_every_field() -> None:
    """Each example fills every free-text field with markup pieces and, after
    them, control characters (an example of each kind in one app session: a
    session drives every pane, so a kind of its own would double the time)."""

    @settings(
        max_examples=2,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(fill=st.tuples(hostile(False), hostile(True)).map(" ".join))
    def check(fill: str) -> None:
        import asyncio

        app = DDXApp(hostile_dataset(fill))
        asyncio.run(drive(app, on_screen()))

    check()


def _rendered(app: DDXApp, selector: str) -> str:
    return str(app.query_one(selector).render())


@pytest.mark.parametrize("controls", [False, True], ids=["markup", "controls"])
async def test_hostile_text_in_goal_links_and_the_actions_view(controls: bool) -> None:
    """The Goals pane's two lists (actions, results, works-against marks) and
    the Timeline's actions view (c) and the article's conclusion at its end:
    markers as written, no control character on screen."""
    fill = " ".join(MARKUP + (CONTROLS if controls else []))
    app = DDXApp(hostile_dataset(fill))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert_no_controls(screen_text(app), "goals")
        links = widget_text(app.query_one("#goal-actions"))
        for m in (marker("milestones", "title"), marker("milestone_goals", "rationale")):
            assert m in links, f"{m!r} not shown verbatim in the goal's links"
        assert_no_controls(links, "goal links")
        await pilot.press("6", "c")
        await pilot.pause()
        assert_no_controls(screen_text(app), "actions view")
        assert marker("countries", "name") in _rendered(app, "#act-head")
        detail = _rendered(app, "#act-detail")
        assert marker("milestones", "title") in detail
        assert_no_controls(detail, "actions view detail")
        await pilot.press("s")
        await pilot.pause()
        assert_no_controls(screen_text(app), "sources screen of the actions view")
        await pilot.press("escape", "end")
        await pilot.pause()
        assert_no_controls(screen_text(app), "the conclusion")
        detail = _rendered(app, "#act-detail")
        for m in (marker("conclusions", "claim"), marker("conclusions", "note")):
            assert m in detail, f"{m!r} not shown verbatim in the conclusion"
        assert_no_controls(detail, "the conclusion")


# -- the cases from the issue, fixed -------------------------------------------------
def _write_milestones(folder: Path, titles: dict[str, str]) -> Path:
    """A --data folder whose milestones table has ``titles`` (by milestone id)."""
    src = data_dir() / "milestones.csv"
    with src.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if r["milestone_id"] in titles:
            r["title"] = titles[r["milestone_id"]]
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "milestones.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return folder


def _kaz_ids() -> list[str]:
    with (data_dir() / "milestones.csv").open(newline="", encoding="utf-8") as f:
        return [r["milestone_id"] for r in csv.DictReader(f) if r["iso3"] == "KAZ"]


async def test_issue_cases_show_as_typed(tmp_path: Path) -> None:
    """A title ending in ' [draft' once crashed every pane at start-up;
    'Rated [UNDP] first' was shown as 'Rated  first'; an OSC 52 sequence in a
    title wrote to the clipboard. The first two are read from a --data folder,
    the third is put in after loading (the reader refuses it)."""
    first, second, third = _kaz_ids()[:3]
    folder = _write_milestones(
        tmp_path / "d", {first: "E-government launched [draft", second: "Rated [UNDP] first"}
    )
    ds = Dataset(data_dir(), [folder])
    frame = ds.frame("milestones")
    frame = frame.with_columns(
        pl.when(pl.col("milestone_id") == third)
        .then(pl.lit(f"Copy me {OSC52} now"))
        .otherwise(pl.col("title"))
        .alias("title")
    )
    ds._eager["milestones"] = frame  # test-only: the frame the Dataset caches
    ds._frames["milestones"] = frame.lazy()
    # The Timeline first: "]" on Countries would choose Kyrgyzstan, and the
    # Timeline then opens on that country's rows.
    shown = await drive(DDXApp(ds), {}, panes="62")
    # Countries opens on Kazakhstan: all three titles in its milestone list.
    for title in (
        "E-government launched [draft",
        "Rated [UNDP] first",
        f"Copy me {OSC52_SHOWN} now",
    ):
        assert title in shown["2"]
    assert "Rated  first" not in shown["2"]
    # Timeline: the item's row in the chart
    assert "E-government launched [draft" in shown["6"]


def test_osc52_title_is_printed_escaped_by_ddx_milestones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read from a --data folder: either the reader refuses the file (a message
    quoting the character escaped) or the table shows it escaped; never raw."""
    from tui.cli import main

    monkeypatch.setenv("COLUMNS", "200")
    folder = _write_milestones(tmp_path / "d", {_kaz_ids()[0]: f"Copy me {OSC52} now"})
    code = main(["milestones", "KAZ", "--data", str(folder)])
    out, err = capsys.readouterr()
    assert find_unsafe(out, "\n") is None and find_unsafe(err, "\n") is None
    if code == 0:
        assert f"Copy me {OSC52_SHOWN} now" in out
    else:
        assert code == 2 and "\\x1b" in err


# -- command-line tables align by terminal cells ---------------------------------------
WIDE = ["漢字テスト", "e\u0301te\u0301", "😀👍", "plain", "مرحبا", "a\u0308\u0308b"]


@pytest.mark.parametrize("width", [200, 30])
def test_cli_table_aligns_by_cells(width: int) -> None:
    from rich.cells import cell_len

    from tui.textsafe import table

    df = pl.DataFrame({"name": WIDE, "n": list(range(len(WIDE))), "tag": ["x"] * len(WIDE)})
    text = table(df, width=width, wrap=["name"])
    lines = text.splitlines()[2:]
    assert len(lines) == len(WIDE)
    # the numbers' right edge and the tag column start at the same cell on every row
    starts = {cell_len(line[: line.rindex("x")]) for line in lines}
    assert len(starts) == 1, text
    for w in WIDE:
        assert w in text


def test_cli_table_wraps_wide_text_by_cells() -> None:
    from rich.cells import cell_len

    from tui.textsafe import table

    long = " ".join(["漢字テスト中文"] * 6) + " " + "字" * 40
    df = pl.DataFrame({"id": ["a"], "title": [long], "src": ["s"]})
    text = table(df, width=40, wrap=["title"])
    body = text.splitlines()[2:]
    assert all(cell_len(line) <= 40 for line in body), text
    assert "".join(body).replace(" ", "").count("字") == 6 + 40


def test_cli_table_shows_controls_escaped() -> None:
    from tui.textsafe import table

    df = pl.DataFrame({"title": [f"a{OSC52}b", "\u202eevil"]})
    text = table(df)
    assert find_unsafe(text, "\n") is None
    assert OSC52_SHOWN in text and "\\u202eevil" in text


# -- the helpers ---------------------------------------------------------------------
@given(value=hostile(controls=True))
@settings(max_examples=200, deadline=None)
def test_markup_fields_are_plain_text(value: str) -> None:
    from tui.core.text import visible
    from tui.textsafe import markup, plain

    content = markup("[b]$a[/b] and [dim]$b[/dim]", a=value, b=value)
    shown = visible(value, "\n")
    assert content.plain == f"{shown} and {shown}"
    assert plain(value).plain == shown
    assert find_unsafe(content.plain, "\n") is None


def test_chart_texts_are_made_visible() -> None:
    from tui.charts.plotsafe import safe_plot

    calls: list[tuple] = []

    class Fake:
        def title(self, *a: object, **k: object) -> None:
            calls.append((a, k))

    safe_plot(Fake()).title(f"t{OSC52}", label=["\u202ex", 3])
    assert calls == [((f"t{OSC52_SHOWN}",), {"label": ["\\u202ex", 3]})]


def test_chart_title_with_brackets_and_controls_in_ddx_chart() -> None:
    """plotext writes titles into its output; ``ddx chart`` shows them escaped."""
    from tui.charts.render import render_text
    from tui.charts.style import Style

    def draw(plt, style) -> None:  # type: ignore[no-untyped-def]
        plt.plot([1, 2], [1, 2], label="[b]Kaz[/b]")
        plt.title(f"[/dim]T {OSC52}")

    text = render_text(draw, Style(width=70, height=12), color=True)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)  # plotext's own colour codes
    assert find_unsafe(plain, "\n") is None
    assert "[/dim]T \\x1b]52" in plain and "[b]Kaz[/b]" in plain
