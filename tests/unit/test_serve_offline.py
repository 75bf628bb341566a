"""The page ``ddx serve`` gives a browser asks nothing of the internet: its
font comes from the server (textual-serve ships it), not fonts.googleapis.com.
The real-browser check is tests/browser/test_offline_browser.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.selfcontained import outside_references, remote

textual_serve = pytest.importorskip("textual_serve")
TEMPLATE = Path(textual_serve.__file__).parent / "templates" / "app_index.html"


def test_the_page_template_has_no_outside_link_and_its_font_is_shipped() -> None:
    from tui.cli.serve.page import offline_page

    original = TEMPLATE.read_text(encoding="utf-8")
    assert remote(outside_references(original))  # what it fixes: Google Fonts
    page = offline_page(original).replace(
        "{{ config.static.url }}", "http://127.0.0.1:8000/static/"
    )
    refs = outside_references(page)
    assert all(r.count("http://127.0.0.1:8000/static/") == 1 for r in refs if "//" in r), refs
    assert "googleapis" not in page
    fonts = re.findall(r'url\("http://127\.0\.0\.1:8000/static/(fonts/[^"]+)"\)', page)
    assert fonts and all((TEMPLATE.parent.parent / "static" / f).is_file() for f in fonts)
    assert "Roboto Mono" in page  # the family textual.js asks xterm.js for
