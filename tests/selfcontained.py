"""What in an HTML or SVG document would make a viewer fetch something:
any ``src``, a ``<link>`` (stylesheet, font, icon), an ``href`` on an SVG
``<image>``/``<use>``/``<script>``, ``@import`` and ``url(...)`` in a style.
Links a reader may follow (``<a href>``) and ``url(#id)`` inside the file are
fine. The handout, chart SVG and served page tests share it."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.I)
_IMPORT = re.compile(r"@import\s+[^;]*", re.I)
FETCHING_HREF = {"link", "image", "use", "script", "feimage"}


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self.links: list[str] = []
        self.texts: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name == "src" or name.endswith(":href") and tag in FETCHING_HREF:
                self.refs.append(f"<{tag} {name}={value}>")
            elif name == "href" and tag in FETCHING_HREF and not value.startswith("#"):
                self.refs.append(f"<{tag} href={value}>")
            elif name == "href" and tag == "a":
                self.links.append(value)
            elif name == "style":
                self._style(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._style(data)
        else:
            self.texts.append(data)

    def _style(self, css: str) -> None:
        self.refs += [f"@import {m}" for m in _IMPORT.findall(css)]
        self.refs += [f"url({u})" for u in _URL.findall(css) if not u.startswith("#")]


def parse(document: str) -> _Refs:
    p = _Refs()
    p.feed(document)
    p.close()
    return p


def outside_references(document: str) -> list[str]:
    """Everything in ``document`` a viewer would fetch from outside it."""
    return parse(document).refs


def remote(refs: list[str]) -> list[str]:
    return [r for r in refs if re.search(r"(?:https?:)?//", r, re.I)]
