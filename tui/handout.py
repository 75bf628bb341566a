"""``ddx handout``: a tour as one self-contained HTML file for students.

The real explorer plays the tour headless (``App.run_test`` at 80x24, the
same controller as ``ddx demo``), and each step is photographed as SVG
(terminal cells, tui/svg.py) beside its caption, the sources the pane says it
draws on (``s``), cited in full from the table of sources, and the data behind
the view (the frame ``e`` exports). A title page comes first, every source
cited last; print CSS puts one step on an A4 page.

Nothing in the file points outside it: no script, no external stylesheet,
font or image, and a Content-Security-Policy that forbids fetching any (links
to the sources' pages are plain ``<a href>``). Every text from data or a tour
file is HTML-escaped, and only http(s) URLs become links.
"""

from __future__ import annotations

import asyncio
import html
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from . import __version__
from .core.text import visible
from .i18n import _, current_language, ngettext

if TYPE_CHECKING:
    import polars as pl

    from .core.dataset import Dataset
    from .tour.model import TourFile

SIZE = (80, 24)  # the explorer's design size: what a class sees
MAX_ROWS = 30  # rows of a step's data shown; the rest is one `e` away


@dataclass(frozen=True)
class Page:
    """One step, as the handout shows it."""

    title: str
    caption: str
    notes: str
    svg: str
    source_ids: tuple[str, ...]
    frame: pl.DataFrame | None


def offline_screen_svg(svg: str, index: int) -> str:
    """Textual's screenshot with Rich's font download taken out and its ids
    made unique within the page (step ``index``)."""
    from .svg import FONT_STACK, outside_refs

    svg = re.sub(r"@font-face \{.*?\}\s*", "", svg, flags=re.S)
    svg = svg.replace("font-family: Fira Code, monospace;", f"font-family: {FONT_STACK};")
    svg = svg.replace("font-family: arial;", "font-family: Arial, Helvetica, sans-serif;")
    svg = re.sub(r"terminal-\d+", f"ddx-step{index}", svg)
    if outside_refs(svg):
        raise RuntimeError("Textual's screenshot still refers to a file outside it")
    return svg


async def _photograph(ds: Dataset, tour: TourFile, theme: str) -> list[Page]:
    from .app import DDXApp, Options
    from .theme import THEME_ALIASES

    class _Photographer(DDXApp):
        # Each step is photographed once: no head start for later visits
        # (tui/widgets/offscreen.py), which each step would wait for.
        rehearse_hidden_panes = False

    # path="" keeps the presenter's state file (ddx tour notes) out of it.
    options = Options(
        theme=THEME_ALIASES.get(theme, theme),
        mouse=False,
        demo=True,
        tour=replace(tour, path=""),
    )
    app = _Photographer(ds, options)
    pages: list[Page] = []
    lang = current_language()
    async with app.run_test(size=SIZE) as pilot:
        player = app.demo
        assert player is not None
        for i, step in enumerate(player.steps):
            player.show(i)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            pane = app.active_pane
            ids: list[str] = []
            for item in pane.provenance():
                if item.source_id and item.source_id not in ids:
                    ids.append(item.source_id)
            try:
                frame = pane.current_frame()
            except Exception:
                frame = None
            title, look = step.in_language(lang)
            pages.append(
                Page(
                    title=title,
                    caption=look,
                    notes=step.notes,
                    svg=offline_screen_svg(app.export_screenshot(title=title), i + 1),
                    source_ids=tuple(ids),
                    frame=frame,
                )
            )
        await pilot.press("q")
    return pages


def photograph(ds: Dataset, tour: TourFile, theme: str = "dark") -> list[Page]:
    """Play ``tour`` headless and return one Page per step."""
    return asyncio.run(_photograph(ds, tour, theme))


# -- HTML ---------------------------------------------------------------------------------
def esc(value: object) -> str:
    """Untrusted text as HTML text: escaped, control characters shown as escapes."""
    return html.escape(visible(str(value), "\n\t"), quote=True)


def _link(url: object) -> str:
    text = str(url or "")
    if not text:
        return ""
    if re.match(r"https?://", text, flags=re.I):
        return f'<a href="{esc(text)}">{esc(text)}</a>'
    return esc(text)


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def data_table(frame: pl.DataFrame | None) -> str:
    if frame is None or frame.width == 0:
        return "<p class='none'>" + esc(_("No table behind this view.")) + "</p>"
    head = "".join(f"<th>{esc(c)}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(_cell(v))}</td>" for v in row) + "</tr>"
        for row in frame.head(MAX_ROWS).iter_rows()
    )
    note = ""
    if len(frame) > MAX_ROWS:
        note = (
            "<p class='more'>"
            + esc(
                _("{shown} of {n} rows; e on this step in ddx saves them all").format(
                    shown=MAX_ROWS, n=len(frame)
                )
            )
            + "</p>"
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{note}"


def citation(ds: Dataset, source_id: str) -> str:
    """One source in full: publisher, title, year, URL, as the table of sources has them."""
    from .core import queries as q

    src = q.source(ds, source_id)
    if src is None:
        return f"<li><code>{esc(source_id)}</code></li>"
    parts = [f"<code>{esc(source_id)}</code>", esc(src.get("publisher") or "")]
    parts.append(f"<cite>{esc(src.get('title') or '')}</cite>")
    if src.get("year"):
        parts.append(esc(src["year"]))
    line = ". ".join(p for p in parts if p) + "."
    url = _link(src.get("url"))
    return f"<li>{line}{' ' + url if url else ''}</li>"


CSS = """
:root { color-scheme: light; }
body { font-family: Georgia, "DejaVu Serif", serif; margin: 0 auto; max-width: 60rem;
  padding: 1.5rem; color: #111; background: #fff; line-height: 1.4; }
h1, h2, h3 { font-family: Arial, Helvetica, sans-serif; }
h2 { margin: 0 0 .4rem; font-size: 1.3rem; }
h3 { font-size: .95rem; margin: .8rem 0 .3rem; }
section { padding-bottom: 1.5rem; border-bottom: 1px solid #ccc; margin-bottom: 1.5rem; }
figure { margin: .4rem 0; }
figure svg { width: 100%; height: auto; display: block; }
.caption { font-size: 1.05rem; white-space: pre-line; }
.notes { white-space: pre-line; background: #fff7d6; border-left: 4px solid #c9a400;
  padding: .3rem .6rem; }
.step-no { color: #555; font-family: Arial, Helvetica, sans-serif; font-size: .85rem; }
table { border-collapse: collapse; font: .72rem/1.25 "DejaVu Sans Mono", Menlo, Consolas,
  monospace; }
th, td { border: 1px solid #bbb; padding: 1px 4px; text-align: left; vertical-align: top; }
th { background: #eee; }
ul.sources { padding-left: 1.2rem; }
ul.sources li { margin: .2rem 0; }
.more, .none, .meta { color: #555; font-size: .85rem; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  section { border: none; margin: 0; padding: 0; break-after: page; page-break-after: always; }
  section:last-of-type { break-after: auto; }
  figure svg { max-height: 120mm; }
  table { font-size: 6.5pt; }
  a { color: inherit; }
}
"""

# What the file may load: nothing. Inline styles (and the SVGs' own) only.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def render_html(ds: Dataset, tour: TourFile, pages: list[Page], notes: bool = False) -> str:
    """The handout: a title page, one section per step, the sources at the end."""
    lang = current_language()
    n = len(pages)
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(tour.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<section class="title-page">',
        f"<h1>{esc(tour.title)}</h1>",
    ]
    if tour.author:
        by = _("By {author}").format(author=tour.author)
        out.append(f"<p class='meta'>{esc(by)}</p>")
    out.append(
        "<p class='meta'>"
        + esc(
            _(
                "A handout of a ddx tour: {n} steps, each with the screen, what to look at, "
                "its sources and the data behind it. Made with ddx {version}."
            ).format(n=n, version=__version__)
        )
        + "</p>"
    )
    out.append("<ol class='contents'>")
    out += [f"<li><a href='#step-{i}'>{esc(p.title)}</a></li>" for i, p in enumerate(pages, 1)]
    sources_heading = esc(_("Sources"))
    out.append(f"<li><a href='#sources'>{sources_heading}</a></li>")
    out += ["</ol>", "</section>"]
    cited: list[str] = []
    step_of = _("Step {i} of {n}")
    notes_label = esc(_("Notes:"))
    on_screen = esc(_("Sources on this screen"))
    behind = esc(_("The data behind the view"))
    for i, page in enumerate(pages, 1):
        out.append(f'<section class="step" id="step-{i}">')
        out.append(
            f"<p class='step-no'>{esc(step_of.format(i=i, n=n))}</p><h2>{esc(page.title)}</h2>"
        )
        out.append(f"<figure>{page.svg}</figure>")
        out.append(f"<p class='caption'>{esc(page.caption)}</p>")
        if notes and page.notes:
            out.append(f"<p class='notes'><strong>{notes_label}</strong> {esc(page.notes)}</p>")
        out.append(f"<h3>{on_screen}</h3>")
        if page.source_ids:
            out.append("<ul class='sources'>")
            out += [citation(ds, sid) for sid in page.source_ids]
            out.append("</ul>")
        else:
            out.append(
                "<p class='none'>" + esc(_("The pane names no source for this view.")) + "</p>"
            )
        cited += [sid for sid in page.source_ids if sid not in cited]
        out.append(f"<h3>{behind}</h3>")
        out.append(data_table(page.frame))
        out.append("</section>")
    out.append('<section class="sources-page" id="sources">')
    out.append(f"<h2>{sources_heading}</h2>")
    out.append(
        "<p class='meta'>"
        + esc(
            ngettext(
                "The {n} source the screens above draw on, as ddx's table of sources cites it.",
                "The {n} sources the screens above draw on, as ddx's table of sources cites them.",
                len(cited),
            ).format(n=len(cited))
        )
        + "</p>"
    )
    out.append("<ul class='sources'>")
    out += [citation(ds, sid) for sid in cited]
    out += ["</ul>", "</section>", "</body>", "</html>", ""]
    return "\n".join(out)


def make_handout(ds: Dataset, tour: TourFile, theme: str = "dark", notes: bool = False) -> str:
    """The whole handout for ``tour`` as HTML text."""
    return render_html(ds, tour, photograph(ds, tour, theme), notes)
