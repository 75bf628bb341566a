"""Text shown is our own words: no hand-written text shares a run of 8 or more
consecutive words with the article. Quoted names ("Digital Kazakhstan", a
themed year's official name) are the article's own words by design and are
checked apart: they must be in quotation marks."""

from __future__ import annotations

import csv
import re

import pytest

from tests.conftest import DATA, SHARED
from tui.core.article import ORIGIN_NOTE, ORIGIN_SHORT

ARTICLE = SHARED / "seed" / "article-digital-diplomacy-central-asia.txt"
RUN = 8
HAND_WRITTEN = {
    "goals": ("name", "summary"),
    "countries": ("summary",),
    "milestones": ("title", "summary"),
    "milestone_goals": ("rationale",),
    "assessments": ("claim",),
    "conclusions": ("claim", "note"),
}
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


def texts() -> list[tuple[str, str]]:
    out = [("article.ORIGIN_NOTE", ORIGIN_NOTE), ("article.ORIGIN_SHORT", ORIGIN_SHORT)]
    for table, cols in HAND_WRITTEN.items():
        with open(DATA / f"{table}.csv", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                key = next(iter(row.values()))
                out += [(f"{table}:{key}:{c}", row[c]) for c in cols if row[c]]
    return out


@pytest.mark.skipif(not ARTICLE.is_file(), reason="the article is not present")
def test_no_hand_written_text_copies_8_words_from_the_article() -> None:
    article = runs(ARTICLE.read_text(encoding="utf-8"))
    copied = []
    for where, text in texts():
        for part in QUOTED.split(text):  # quoted names are checked apart, not run together
            hit = runs(part) & article
            if hit:
                copied.append(f"{where}: {' '.join(sorted(hit)[0])}")
    assert not copied, "\n".join(copied)


def test_the_check_catches_a_copied_run() -> None:
    text = "As early as 2020, 83 percent of public services in Kazakhstan were moved."
    article = runs("As early as 2020, 83 percent of public services in Kazakhstan were transferred")
    assert runs(text) & article
