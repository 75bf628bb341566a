"""The Ctrl+P command palette: ddx's commands (jump to any pane, country,
edition, indicator or theme by name) and the palette screen that lists them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import suppress
from typing import TYPE_CHECKING, cast

from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.css.query import NoMatches

from .core import FOCUS, INDICES
from .i18n import LANGUAGE_NAMES, LANGUAGES, _, country_names, term
from .textsafe import plain, safe

if TYPE_CHECKING:
    from .app import DDXApp


class DDXCommands(Provider):
    def _commands(self) -> Iterator[tuple[str, str, str]]:
        app = cast("DDXApp", self.app)
        from .core import queries as q
        from .panes import PANES

        for i, spec in enumerate(PANES):
            yield (
                _("Go to {pane} pane").format(pane=spec.label),
                f"app.show_pane({i})",
                _("key {key}").format(key=i + 1),
            )
        names = dict(
            zip(
                q.focus_countries(app.dataset)["iso3"],
                q.focus_countries(app.dataset)["name"],
                strict=True,
            )
        )
        names.update(country_names(app.dataset))
        for iso3 in FOCUS:
            yield (
                _("Country: {name} ({iso3})").format(name=names.get(iso3, iso3), iso3=iso3),
                f"app.goto_country('{iso3}')",
                _("Countries pane"),
            )
        for year in app.editions:
            yield (
                _("Edition: {year} UN E-Government Survey").format(year=year),
                f"app.goto_edition({year})",
                _("Rankings pane"),
            )
        for ind in INDICES:
            name = term(app.dataset, ind, q.INDICATOR_NAMES[ind])
            yield (
                _("Indicator: {short} ({name})").format(short=q.INDICATOR_SHORT[ind], name=name),
                f"app.set_indicator('{ind}')",
                _("applies to Rankings, Countries charts and others"),
            )
        for theme in ("ddx-dark", "ddx-light"):
            yield (
                _("Theme: {theme}").format(theme=theme),
                f"app.switch_theme('{theme}')",
                _("ddx-light is high contrast for projectors"),
            )
        # The same three words in every language, so any of them finds it.
        for lang in LANGUAGES:
            yield (
                f"Language / Язык / Til: {LANGUAGE_NAMES[lang]} ({lang})",
                f"app.set_language('{lang}')",
                _("every word of the explorer and the command line"),
            )
        for pane in app.panes:
            for cmd in pane.palette_commands():
                yield cmd.title, cmd.action, cmd.help

    async def discover(self) -> Hits:
        for title, action, help_text in self._commands():
            yield DiscoveryHit(
                plain(title), self._runner(action), text=safe(title), help=_help(help_text)
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help_text in self._commands():
            shown = safe(title)  # titles hold country names: data, never markup
            score = matcher.match(shown)
            if score > 0:
                # Textual's highlight() reads its text as markup: only for text
                # without a "[" (its offsets would not match escaped text).
                prompt = matcher.highlight(shown) if "[" not in shown else plain(shown)
                yield Hit(score, prompt, self._runner(action), text=shown, help=_help(help_text))

    def _runner(self, action: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await self.app.run_action(action)

        return run


def _help(text: str) -> str:
    """The palette reads help as markup: make every "[" literal, controls visible."""
    return safe(text).replace("[", "\\[")


class DDXCommandPalette(CommandPalette):
    """Textual's palette, minus two crashes the key fuzzer found (Textual 8.2.8):
    PageUp/PageDown typed right after Ctrl+P, before the list is laid out, raised
    KeyError; and a search finishing while the palette closes raised NoMatches."""

    def _watch__list_visible(self) -> None:
        with suppress(NoMatches):  # closing: its list is already gone
            super()._watch__list_visible()

    async def _watch__show_busy(self) -> None:
        with suppress(NoMatches):
            await super()._watch__show_busy()

    def _action_command_list(self, action: str) -> None:
        if action in ("page_up", "page_down"):
            from .widgets.lists import ready_to_page

            command_list = self.query_one(CommandList)
            if command_list.option_count and not ready_to_page(command_list):
                return
        super()._action_command_list(action)
