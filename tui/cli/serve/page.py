"""``ddx serve``'s page without the internet: textual-serve's page template
with its web fonts replaced by the copy textual-serve ships.

Standard library only at import; jinja2 and aiohttp-jinja2 (textual-serve's
own dependencies) load when the server starts.
"""

from __future__ import annotations

import re
from typing import Any

# textual-serve's page asks fonts.googleapis.com for Roboto Mono: in a classroom
# without internet (or behind a firewall that drops packets) the page waits on
# it before it draws. textual-serve ships the font itself (static/fonts/), so
# the page is given a @font-face for that copy instead of the link.
_OUTSIDE_LINK = re.compile(r"<link\b[^>]*\bhref=\"https?://[^\"]*\"[^>]*>\s*", re.I | re.S)
LOCAL_FONT = """<style>
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
        font-weight: 100 700;
        font-style: normal;
      }
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype");
        font-weight: 100 700;
        font-style: italic;
      }
    </style>
"""


def offline_page(template: str) -> str:
    """textual-serve's page template with every stylesheet from another site
    replaced by the font it ships."""
    page = _OUTSIDE_LINK.sub("", template)
    return page.replace("</head>", LOCAL_FONT + "  </head>", 1)


def use_offline_page(app: Any, templates_path: Any) -> None:
    """Render textual-serve's page through ``offline_page`` (its other
    templates, if any, as they are)."""
    import aiohttp_jinja2
    import jinja2

    files = jinja2.FileSystemLoader(templates_path)

    def load(name: str) -> str | None:
        source, _path, _uptodate = files.get_source(jinja2.Environment(), name)
        return offline_page(source) if name == "app_index.html" else source

    aiohttp_jinja2.setup(app, loader=jinja2.FunctionLoader(load))
