"""The explorer: a thin App that holds the shared selection (country, edition,
indicator), builds the panes and hands keys to the active one. What it does
with the view on screen (export, copy, sources, help, the palette) is in
tui/view_actions.py.

One module of about 450 lines: ``DDXApp`` is one class, its key bindings and
the small actions that change the shared selection; what can live outside it
already does (view_actions, the panes, the tour).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from . import __version__, i18n
from .core import FOCUS, INDICES, Dataset
from .palette import DDXCommands
from .panes import PANE_IDS, PANES
from .paths import data_dir, styles_dir
from .theme import THEME_ALIASES, THEMES
from .view_actions import ViewActions
from .widgets.keybar import KeyBar
from .widgets.tabbar import TabBar
from .widgets.titlebar import TitleBar

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from textual.dom import DOMNode
    from textual.driver import Driver
    from textual.geometry import Size
    from textual.widget import AwaitMount

    from .panes.base import Pane
    from .tour.controller import Tour
    from .tour.model import TourFile
    from .widgets.offscreen import Rehearsal

MIN_WIDTH, MIN_HEIGHT = 60, 18
# Young objects the cycle collector lets pile up before it runs (Python's
# default: 700). A keypress makes and drops some thousands (strips, segments,
# messages), nearly all freed by their reference count at once; at 700 the
# collector ran in every next country and in most tab switches (~1.4 ms a
# key). At 4,000 it runs in about one key of four, for as long. Far more
# (20,000) made it rarer but long: ~8 ms in one next country of sixteen,
# which is where a p95 lies.
YOUNG_OBJECTS_PER_COLLECTION = 4_000

# styles/: the app frame, one file per pane (named by its id), dialogs, the tour.
STYLESHEETS = ("app.tcss", *(f"{spec.pane_id}.tcss" for spec in PANES), "dialogs.tcss", "tour.tcss")


def warm_imports() -> None:
    """Import Polars and every pane's module (plotext, the charts): run on a
    worker thread just after the first frame. Importing Polars takes ~0.15 s,
    most of it loading its library, and leaves the event loop free on another
    thread (its longest pause measured under 7 ms), where on the loop a key
    pressed in that time waited for it."""
    import polars  # noqa: F401

    for spec in PANES:
        spec.load()


def size_classes(width: int, height: int) -> dict[str, bool]:
    """The screen's layout classes for a terminal of this size: they let the
    stylesheets use the room a big terminal gives (styles/*.tcss)."""
    return {
        "-too-small": width < MIN_WIDTH or height < MIN_HEIGHT,
        "-tall": height >= 40,
        "-short": height < 40,
        "-wide": width >= 150,
        "-narrow": width < 110,
        "-low": height < 24,
    }


@dataclass
class Options:
    """What the command line can change about a session."""

    ascii: bool = False
    mouse: bool = True
    theme: str = "ddx-dark"
    start: str | None = None  # e.g. "countries:UZB" or "rankings:2020"
    demo: bool = False
    demo_interval: float | None = None
    served: bool = False  # a browser session of `ddx serve` (python -m tui --served)
    tour: TourFile | None = None  # --tour FILE, checked before the app starts
    notes: bool = False  # --notes: the presenter's notes under the caption
    record: Path | None = None  # --record FILE: where R appends a step
    # The Timeline's "now" (open programmes run to it); None: today. Tests fix it
    # so that what is on screen does not change with the calendar.
    present_year: int | None = None


class PaneSlot(Container):
    """Where a pane is built, one per tab in the switcher (#panes): the pane
    itself comes on first visit or just after the first frame."""


class PaneSwitcher(ContentSwitcher):
    """Textual's ContentSwitcher, except that a switch does not repaint the
    switcher itself (its look, a background behind the panes, does not
    change): the slots shown and hidden repaint their own regions, and the
    switcher was drawn again under them on every tab switch (~0.6 ms)."""

    current: reactive[str | None] = reactive(None, init=False, repaint=False)


class DDXApp(ViewActions):
    TITLE = "ddx"
    SUB_TITLE = "Digital Diplomacy Explorer"
    # The frame, then each pane's rules in tab order, then the dialogs and the
    # tour. Only the frame's and the opening pane's are read before the first
    # frame; the rest just after it (_read_other_stylesheets).
    CSS_PATH = [str(styles_dir() / name) for name in STYLESHEETS]
    COMMANDS = App.COMMANDS | {DDXCommands}
    ENABLE_COMMAND_PALETTE = True
    # Focus is placed by _focus_active; Textual's own auto-focus could land late
    # on the Goals list and pull the tabs back after a number key was pressed.
    AUTO_FOCUS = None
    # Build the panes not on show in the background just after the first frame,
    # so that a user's first visit to each is instant. Tests turn it off
    # (tests/conftest.py): a test then builds only the panes it visits, on the
    # visit (action_show_pane), as a key pressed before the background build
    # got there does.
    build_hidden_panes: ClassVar[bool] = True
    # Then lay each out and draw it off-screen once (tui/widgets/offscreen.py),
    # so that the first visit costs what a return does. Tests compare a pane
    # shown with and without it (tests/ui/test_offscreen.py).
    rehearse_hidden_panes: ClassVar[bool] = True
    # Between two steps of that background work: keys are handled in between,
    # and what a step's widgets queued (a table's new dimensions) is done.
    REHEARSAL_PAUSE: ClassVar[float] = 0.03
    # Rehearse again this long after the last change that every pane is drawn
    # anew for (a new size, language or theme): a window dragged larger sends
    # a resize after another.
    REHEARSE_AGAIN_AFTER: ClassVar[float] = 1.0

    BINDINGS = [
        # 1 ... 8: a pane's number is its place in the registry (tui/panes/__init__.py).
        *(
            Binding(str(n), f"show_pane({n - 1})", spec.title, show=False, id=f"pane{n}")
            for n, spec in enumerate(PANES, start=1)
        ),
        Binding(
            "right_square_bracket", "step(1)", i18n.N_("Prev/Next"), key_display="[ ]", id="next"
        ),
        Binding("left_square_bracket", "step(-1)", i18n.N_("Prev"), show=False, id="prev"),
        Binding("i", "cycle_indicator", i18n.N_("Indicator"), id="indicator"),
        Binding("s", "show_source", i18n.N_("Source"), id="source"),
        Binding("question_mark", "help", i18n.N_("Help"), key_display="?", id="help"),
        Binding("f1", "help", i18n.N_("Help"), show=False, id="help_f1"),
        Binding("q", "quit", i18n.N_("Quit"), id="quit"),
        # The terminal's screen, garbled by another program's output or a
        # hiccup of the link: drawn again whole (the wire sends only changes).
        Binding("ctrl+l", "redraw", i18n.N_("Redraw"), show=False, id="redraw"),
        Binding("e", "export_view", i18n.N_("Export CSV"), show=False, id="export_view"),
        Binding("y", "copy_view", i18n.N_("Copy TSV"), show=False, id="copy_view"),
        # Append the view on screen to a tour file (tui/tour/, ddx --record FILE).
        Binding("R", "record_step", i18n.N_("Record step"), show=False, id="record_step"),
        # Demo mode only (tui/tour/); outside a tour these keys pass through.
        Binding(
            "space,right",
            "demo_step(1)",
            i18n.N_("Next step"),
            show=False,
            priority=True,
            id="demo_next",
        ),
        Binding(
            "left",
            "demo_step(-1)",
            i18n.N_("Previous step"),
            show=False,
            priority=True,
            id="demo_prev",
        ),
    ]

    # repaint=False: a change repaints only the widgets that watch it, not the
    # whole screen (a full repaint costs ~20 KB per key press over SSH).
    country: reactive[str] = reactive("KAZ", init=False, repaint=False)
    edition: reactive[int] = reactive(2024, init=False, repaint=False)
    indicator: reactive[str] = reactive("egdi", init=False, repaint=False)

    def __init__(self, dataset: Dataset, options: Options | None = None) -> None:
        super().__init__()
        self.dataset = dataset
        self.options = options or Options()
        self.ascii_mode = self.options.ascii
        # The editions, once: from the checked survey table (queries.editions agrees).
        self.editions: list[int] = dataset.distinct("egov_survey", "year")  # type: ignore[assignment]
        self.set_reactive(DDXApp.edition, self.editions[-1])
        for theme in THEMES.values():
            self.register_theme(theme)
        self._start_theme(THEME_ALIASES.get(self.options.theme, self.options.theme))
        # Over SSH every frame costs bytes: no animations unless asked for.
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            self.animation_level = "none"
        self.set_class(self.ascii_mode, "-ascii")  # styles/app.tcss: ASCII borders
        self.demo: Tour | None = None
        self._pane_objs: dict[str, Pane] = {}
        self._warm_up: asyncio.Future[None] | None = None  # warm_imports, once started
        self._later_css: list[Path] = []
        self._background_busy = self.build_hidden_panes  # under way or due
        self._rehearse_asked = False  # the panes are to be rehearsed (again)
        self._last_change = 0.0  # of size, language or theme (time.monotonic)
        self._sized_for: Size | None = None  # the terminal's size at the last Resize
        self._asked_for = 0  # panes a key is waiting for to be built
        self._asked_at = 0.0  # when the last of them was built (time.monotonic)
        if not self.options.demo:  # a tour builds every pane at once
            first = {"app.tcss", f"{self._initial_pane_id()}.tcss"}
            self._later_css = [p for p in self.css_path if p.name not in first]
            self.css_path = [p for p in self.css_path if p.name in first]

    def _start_theme(self, name: str) -> None:
        """Start in theme ``name`` without Textual's theme change: setting
        ``self.theme`` here queued a re-parse of every stylesheet and a restyle,
        before the first frame, of CSS not even parsed yet (~10 ms). What the
        change does that matters before the first frame is done here: the
        theme's classes, its ANSI colour filter and its CSS variables."""
        self._validate_theme(name)
        self.set_reactive(App.theme, name)
        theme = self.current_theme
        classes = {c: False for c in self.classes if c.startswith("-theme-")}
        classes |= {f"-theme-{theme.name}": True, "-dark-mode": theme.dark}
        classes["-light-mode"] = not theme.dark
        self.update_classes(classes, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_driver_class(self) -> type[Driver]:
        """The terminal driver, sending fewer bytes and ASCII when asked (tui/wire.py)."""
        from .wire import lean_driver

        driver = super().get_driver_class()
        return lean_driver(driver) if driver.__name__ == "LinuxDriver" else driver

    # -- layout --------------------------------------------------------------
    def get_default_screen(self) -> Screen[None]:
        from .screens.explorer import ExplorerScreen

        return ExplorerScreen(id="_default")

    def compose(self) -> ComposeResult:
        # The size classes before anything is styled: set later (on mount),
        # they restyled every widget a second time before the first frame.
        self.screen.update_classes(size_classes(*self.size), update=False)
        yield TitleBar(icon="≡" if not self.ascii_mode else "=")
        initial = self._initial_pane_id()
        # Panes are built on demand (_pane): the opening one now, the others just
        # after the first frame (_mount_hidden_panes) or when a key asks first.
        yield TabBar(self._tab_labels(), f"tab-{initial}", id="tabs")
        with PaneSwitcher(id="panes", initial=f"tab-{initial}"):
            for spec in PANES:
                with PaneSlot(id=f"tab-{spec.pane_id}"):
                    if spec.pane_id == initial or self.options.demo:
                        yield self._pane(spec.pane_id)
        yield Static("", id="too-small")
        # Whole hints only, the least important dropped first (tui/widgets/keybar.py).
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = f"ddx {__version__}"
        self.sub_title = i18n._("Digital Diplomacy Explorer")
        self._check_size()
        if self.options.start:
            self.apply_start(self.options.start)
        if self.options.demo:
            from .tour.controller import start_tour

            start_tour(self)
        # Focus now, so that the first frame already shows the focused list and
        # the key bar its keys (a focus after the refresh cost two more full
        # frames at start); again after the refresh, for a pane still mounting.
        self._focus_now(self.active_pane)
        self.query_one(KeyBar).show_now()
        self.call_after_refresh(self._focus_active)
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def on_ready(self) -> None:
        """The first frame is out (Textual's Ready event): start what waited
        for it. Not in callbacks after the screen's refresh: a dialog opened
        at once (help pressed in the first instant) left the explorer's
        screen, now under it, with its updates paused and its callbacks never
        run until the dialog closed (Textual 8.2), and no pane was built.

        The other panes (and Polars, which they need) are built a moment after
        the first frame: building them first delayed it by ~0.3 s, and a
        fixed timer alone fired before the first frame on a busy machine."""
        self._resume_collector()
        self._read_other_stylesheets()
        if self.build_hidden_panes:
            self._start_warm_up()
            self.set_timer(0.1, self._start_background)

    def _read_other_stylesheets(self) -> None:
        """Read the stylesheets the first screen does not use (other panes,
        dialogs, the tour): parsing them before the first frame cost ~10 ms,
        and every widget then styled was matched against their rules too. Called
        after the first frame and before anything that could need them (a pane
        built, a screen pushed), whichever comes first. The sheets end in the
        order CSS_PATH gives, as if all were read at start, and what is on the
        screen is styled again with them."""
        if not self._later_css:
            return
        later, self._later_css = self._later_css, []
        sheet = self.stylesheet
        sheet.read_all(later)
        files = [(os.path.abspath(p), "") for p in self.css_path + later]
        order = sorted(files, key=lambda key: self._css_rank(key[0]))
        sheet.source = {key: sheet.source[key] for key in order} | {
            key: css for key, css in sheet.source.items() if key not in files
        }
        self.css_path = [Path(key[0]) for key in order]
        sheet.update(self)  # every node, the screens' too

    @staticmethod
    def _css_rank(path: str) -> int:
        name = Path(path).name
        return STYLESHEETS.index(name) if name in STYLESHEETS else len(STYLESHEETS)

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        self._read_other_stylesheets()  # a dialog's rules, if asked for at once
        return super().push_screen(*args, **kwargs)

    @staticmethod
    def _resume_collector() -> None:
        """Start the cycle collector ``ddx`` paused for the start-up
        (tui/__main__.py), once the first frame is out. What start-up built
        lives as long as the app, so it is frozen out of the collector's
        reach rather than walked by it; the few cycles among it are kept.
        From then on it runs less often (``YOUNG_OBJECTS_PER_COLLECTION``)."""
        gc.set_threshold(YOUNG_OBJECTS_PER_COLLECTION, *gc.get_threshold()[1:])
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def _start_warm_up(self) -> None:
        # The default executor's thread, not a daemon: quitting at once waits
        # for the import to end rather than stop the interpreter under it.
        if self._warm_up is None:
            self._warm_up = asyncio.get_running_loop().run_in_executor(None, warm_imports)

    async def _warmed(self) -> None:
        """Wait, without holding up the event loop, for the imports started
        after the first frame (a pane built meanwhile would wait for them on
        the loop, frozen). A failed import is left to raise where it is used."""
        if self._warm_up is not None and not self._warm_up.done():
            with contextlib.suppress(Exception):
                await asyncio.shield(self._warm_up)

    async def _give_way(self) -> None:
        """Wait while a pane a key asked for is built, and a moment after, for
        its first frame: the background work would otherwise build and draw
        other panes in between (some 100 ms more for the key)."""
        while self._asked_for or time.monotonic() - self._asked_at < self.REHEARSAL_PAUSE * 3:
            await asyncio.sleep(self.REHEARSAL_PAUSE / 3)

    @property
    def background_done(self) -> bool:
        """No background work under way or due: every pane built and
        rehearsed for the present size, language and theme
        (benchmarks/latency.py and the tests wait for it)."""
        return not self._background_busy

    def _start_background(self) -> None:
        """Build and rehearse the other panes in a task of their own. (A
        timer's callback runs in the app's message loop, which then handled no
        key until the callback ended: a key pressed in the first second waited
        for all of it.)"""
        self.run_worker(self._background(build=True), name="background", group="background")

    async def _background(self, build: bool) -> None:
        """Build the hidden panes (``build``), then rehearse them while asked."""
        try:
            if build:
                await self._mount_hidden_panes()
                self._rehearse_asked = self.rehearse_hidden_panes
            await self._rehearse_while_asked()
        finally:
            self._background_busy = False

    async def _mount_hidden_panes(self) -> None:
        """Mount the other panes one by one; keys are handled in between."""
        from textual.css.query import NoMatches
        from textual.widget import MountError

        await self._warmed()
        self._read_other_stylesheets()
        for pane_id in PANE_IDS:
            pane = self._pane(pane_id)
            await self._give_way()
            if pane.is_attached:
                continue
            try:
                tab_pane = self._main.query_one(f"#tab-{pane_id}", PaneSlot)
                if self._leaving or not tab_pane.is_attached:
                    return
                await tab_pane.mount(pane)
            except (MountError, NoMatches, IndexError):
                return  # the app is closing (q pressed at once): nothing to build
        # Everything built so far (Polars, the panes, the catalogues) lives as
        # long as the app: move it out of the collector's reach, so that a full
        # collection no longer walks it all in the middle of a keypress (it
        # took some 50-100 ms every few keys).
        gc.freeze()

    def _rehearse_again(self) -> None:
        """After a change every pane is drawn anew for (a new size, language or
        theme), rehearse the hidden panes again once changes stop coming, so
        that a first visit stays as quick as a return. Background work under
        way picks the request up: it stops its pass and starts again once
        the changes have stopped."""
        if not (self.build_hidden_panes and self.rehearse_hidden_panes):
            return
        self._rehearse_asked = True
        self._last_change = time.monotonic()
        if self._background_busy:
            return
        self._background_busy = True
        self.run_worker(self._background(build=False), name="rehearsal", group="background")

    def _theme_changed(self, _theme: object) -> None:
        self._rehearse_again()

    async def _rehearse_while_asked(self) -> None:
        """Rehearse the hidden panes while asked to, each time once changes
        have stopped coming for REHEARSE_AGAIN_AFTER (a window dragged larger
        sends a resize after another)."""
        while self._rehearse_asked and not self._leaving:
            while (quiet := time.monotonic() - self._last_change) < self.REHEARSE_AGAIN_AFTER:
                await asyncio.sleep(self.REHEARSE_AGAIN_AFTER - quiet)
            self._rehearse_asked = False
            await self._rehearse_panes()
        # What the rehearsals keep lives as long as the app: out of the
        # collector's reach, as the start-up's is. What they threw away (a
        # chart's plotext figure points at itself) is collected first, or it
        # would be kept for good.
        gc.collect()
        gc.freeze()

    async def _rehearse_panes(self) -> None:
        """Lay out and draw each pane not on show off-screen: first its layout,
        to which its widgets react as on show (a table filled for its width),
        then, once what they queued is done, the layout again and its drawing.
        Then each pane's own rehearsals (the Countries pane's other countries).
        One step at a time, keys handled in between; a pane on show is skipped
        (it is drawn for real), and so is everything if the panes are not on
        the screen (a terminal too small)."""
        from .widgets.offscreen import Rehearsal, keep_blurred_styles

        steps: list[tuple[Pane, Callable[[Rehearsal], object], Callable[[], object] | None]] = [
            (pane, work, None)
            for pane in self.panes
            for work in (_lay_out_only, partial(Rehearsal.draw, focused=_first_focusable(pane)))
        ]
        steps += [(pane, _call(step), step) for pane in self.panes for step in pane.rehearsals()]
        for pane, work, on_show in steps:
            await asyncio.sleep(self.REHEARSAL_PAUSE)
            await self._give_way()
            if self._rehearse_asked or self._leaving or not self._rehearse(pane, work, on_show):
                return  # asked again (a new size...): the next pass does it
        await asyncio.sleep(self.REHEARSAL_PAUSE)
        await self._give_way()
        if not (self._rehearse_asked or self._leaving):
            keep_blurred_styles(self.focused)

    def _rehearse(
        self,
        pane: Pane,
        work: Callable[[Rehearsal], object],
        on_show: Callable[[], object] | None = None,
    ) -> bool:
        """Do ``work`` with ``pane`` laid out off-screen, or ``on_show`` if it
        is the pane on show (its widgets have their sizes). False: stop
        rehearsing. A rehearsal is only a head start: what fails in it (an
        error in a pane's drawing) stops it and is left to the visit, which
        does the same work and reports it as ever."""
        try:
            if pane is self.active_pane:
                if on_show is not None:
                    on_show()
                return True
            with self._offscreen(pane) as rehearsal:
                if rehearsal is not None:
                    work(rehearsal)
        except Exception as error:
            from .widgets.sized import forget_sizes

            # What the rehearsal's handlers noted as done at this size is
            # forgotten: the visit does it all again, and reports what fails.
            forget_sizes(pane)
            self.log.warning(f"rehearsing {pane.pane_id} stopped: {error!r}")
            return False
        return True

    @contextlib.contextmanager
    def _offscreen(self, pane: Pane) -> Iterator[Rehearsal | None]:
        """``pane`` laid out off-screen at the size of the pane on show (None
        if it is on show, not built, or the panes are not on the screen)."""
        from textual.errors import NoWidget

        from .widgets.offscreen import offscreen

        switcher = self._main.query_one("#panes", ContentSwitcher)
        shown = switcher.visible_content
        slot = pane.parent
        if not pane.is_mounted or shown is None or slot is shown or not isinstance(slot, PaneSlot):
            yield None
            return
        try:  # the switcher's size: a slot is left out of the layout (app.tcss)
            size = self._main.find_widget(switcher).region.size
        except NoWidget:
            yield None
            return
        with offscreen(slot, size) as rehearsal:
            yield rehearsal

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)
        if self._sized_for not in (None, event.size):  # not the first
            self._rehearse_again()
        self._sized_for = event.size

    def _check_size(self, w: int | None = None, h: int | None = None) -> None:
        if w is None or h is None:
            w, h = self.size
        small = w < MIN_WIDTH or h < MIN_HEIGHT
        # One atomic update: each class change restyles the whole DOM (all panes).
        self._main.update_classes(size_classes(w, h))
        self._label_tabs()
        if small:
            self._main.query_one("#too-small", Static).update(
                i18n._(
                    "ddx needs a terminal of at least {min_w}x{min_h}.\n"
                    "This one is {w}x{h}. Enlarge the window (or reduce the font);\n"
                    "the explorer comes back by itself. Press q to quit."
                ).format(min_w=MIN_WIDTH, min_h=MIN_HEIGHT, w=w, h=h)
            )

    # -- panes ---------------------------------------------------------------
    @property
    def _leaving(self) -> bool:
        """Quitting, or being shut down: the screens are cleared while queued
        callbacks, such as a palette command, may still run, and must then do
        nothing rather than look for widgets that are gone."""
        return bool(getattr(self, "_exit", False) or self._closing or not self._running)

    def _handle_exception(self, error: Exception) -> None:
        """A pane still being built in the background when the app quits can
        find its children gone; that is not a crash worth reporting."""
        from textual.css.query import NoMatches
        from textual.widget import MountError

        if self._leaving and isinstance(error, (NoMatches, MountError)):
            return
        super()._handle_exception(error)

    @property
    def _main(self) -> Screen[None]:
        """The explorer's own screen, even while a dialog or the palette is on top."""
        return self.screen_stack[0]

    def _initial_pane_id(self) -> str:
        start = (self.options.start or "").partition(":")[0]
        return start if start in PANE_IDS else PANE_IDS[0]

    def _pane(self, pane_id: str) -> Pane:
        """The pane object, created (its module imported) on first use."""
        pane = self._pane_objs.get(pane_id)
        if pane is None:
            spec = PANES[PANE_IDS.index(pane_id)]
            pane = self._pane_objs[pane_id] = spec.load()(id=pane_id)
        return pane

    @property
    def panes(self) -> list[Pane]:
        """Every pane, including those not mounted yet (for palette commands)."""
        return [self._pane(pane_id) for pane_id in PANE_IDS]

    @property
    def active_pane(self) -> Pane:
        active = self._main.query_one("#tabs", TabBar).active or f"tab-{PANE_IDS[0]}"
        return self._pane(active.removeprefix("tab-"))

    def _ready_pane(self) -> Pane | None:
        """The active pane once it is mounted; None in the instant before."""
        pane = self.active_pane
        return pane if pane.is_mounted else None

    def _build_pane(self, pane: Pane) -> AwaitMount:
        """Build ``pane`` into its tab (on first visit, or before the background
        build reaches it); awaitable when the caller needs it mounted."""
        self._read_other_stylesheets()
        return self._main.query_one(f"#tab-{pane.pane_id}", PaneSlot).mount(pane)

    async def action_show_pane(self, index: int) -> None:
        if 0 <= index < len(PANE_IDS):
            pane_id = PANE_IDS[index]
            pane = self._pane(pane_id)
            if not pane.is_attached:  # asked for before the background mount got to it
                self._asked_for += 1  # the background work gives way (_give_way)
                try:
                    await self._warmed()
                    if not pane.is_attached:
                        await self._build_pane(pane)
                finally:
                    self._asked_for -= 1
                    self._asked_at = time.monotonic()
            self._switch_to(pane_id)

    def show_pane_id(self, pane_id: str) -> None:
        if pane_id in PANE_IDS:
            self._switch_to(pane_id)

    def _switch_to(self, pane_id: str) -> None:
        pane = self._pane(pane_id)
        if not pane.is_attached:
            self._build_pane(pane)
        elif pane.is_mounted:
            pane.catch_up()  # in the frame that shows it
        self._main.query_one("#panes", ContentSwitcher).current = f"tab-{pane_id}"
        self._main.query_one("#tabs", TabBar).active = f"tab-{pane_id}"
        # Focus into the new pane now, not only after the refresh: a key typed
        # right behind the number (one SSH packet, "6c") would otherwise go to
        # the pane just left. (Widget.focus is deferred; set_focus is not.)
        self._focus_now(pane)
        self.call_after_refresh(self._focus_active)

    def _focus_now(self, pane: Pane) -> None:
        """Focus the first focusable widget of ``pane`` at once, if it is mounted."""
        if pane.is_mounted:
            first = next((w for w in self._main.focus_chain if pane in w.ancestors), None)
            if first is not None:
                self._main.set_focus(first, scroll_visible=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The key bar offers ``i`` only on a pane where it changes what is shown."""
        if action == "cycle_indicator":
            from .panes.base import Pane

            pane = self._ready_pane() if self.screen_stack else None
            if pane is not None and type(pane).cycle_indicator is Pane.cycle_indicator:
                return False
        return True

    @on(TabBar.Activated)
    def _tab_changed(self, event: TabBar.Activated) -> None:
        # A tab chosen on the tab bar itself (arrow keys, a click), perhaps
        # before the background build reached its pane: build it now, and put
        # focus in it, as a number key does.
        if not self.screen_stack or self._leaving:
            return
        pane = self._pane(event.tab_id.removeprefix("tab-"))
        if not pane.is_attached:
            self._build_pane(pane)
        elif pane.is_mounted:
            pane.catch_up()
        self._main.query_one("#panes", ContentSwitcher).current = event.tab_id
        self.refresh_bindings()  # the key bar's i follows the pane (check_action)
        self.call_after_refresh(self._focus_active)

    def _tab_labels(self) -> list[tuple[str, str]]:
        """(tab id, "number name") of every pane, in the current language."""
        return [
            (f"tab-{spec.pane_id}", f"{i} {spec.tab_label}")
            for i, spec in enumerate(PANES, start=1)
        ]

    def _label_tabs(self) -> None:
        """The tab names in the current language (after a switch)."""
        with contextlib.suppress(Exception):  # not composed yet, or closing
            self._main.query_one("#tabs", TabBar).set_labels(
                [label for _id, label in self._tab_labels()]
            )

    def _focus_active(self) -> None:
        pane = self._ready_pane()
        if pane is not None:
            pane.focus_main()

    def action_redraw(self) -> None:
        """Draw the whole screen again, every cell: the driver forgets what it
        sent (tui/wire.py sends only the cells that change) and the screen is
        laid out and repainted in full."""
        forget = getattr(self._driver, "forget_screen", None)
        if callable(forget):
            forget()
        self.screen.refresh(layout=True)

    def action_step(self, delta: int) -> None:
        pane = self._ready_pane()
        if pane is None or not pane.step(delta):
            self.bell()

    def action_cycle_indicator(self) -> None:
        pane = self._ready_pane()
        if pane is None or not pane.cycle_indicator():
            self.bell()

    # -- shared selection ---------------------------------------------------
    def step_country(self, delta: int) -> None:
        i = FOCUS.index(self.country) if self.country in FOCUS else 0
        self.country = FOCUS[(i + delta) % len(FOCUS)]

    def step_edition(self, delta: int) -> None:
        i = (
            self.editions.index(self.edition)
            if self.edition in self.editions
            else len(self.editions) - 1
        )
        self.edition = self.editions[max(0, min(len(self.editions) - 1, i + delta))]

    def next_indicator(self) -> None:
        self.indicator = INDICES[(INDICES.index(self.indicator) + 1) % len(INDICES)]

    def action_goto_country(self, iso3: str) -> None:
        self.country = iso3
        self.show_pane_id("countries")

    def action_goto_edition(self, year: int) -> None:
        self.edition = year
        self.show_pane_id("rankings")

    def action_set_indicator(self, indicator: str) -> None:
        self.indicator = indicator

    def action_rank_scope(self, scope: str) -> None:
        from .panes.rankings import RankingsPane

        self.show_pane_id("rankings")
        pane = self._pane("rankings")
        if isinstance(pane, RankingsPane) and pane.is_mounted:
            pane.set_scope(scope)

    def action_pane_do(self, pane_id: str, action: str, *args: object) -> None:
        """Open a pane and run its ``action_<action>(*args)`` (panes' palette commands)."""
        self.show_pane_id(pane_id)
        pane = self._pane(pane_id) if pane_id in PANE_IDS else None
        if pane is not None and pane.is_mounted:
            getattr(pane, f"action_{action}")(*args)

    def action_demo_step(self, delta: int) -> None:
        """Space/→ and ← in demo mode; elsewhere (or under a dialog) the key passes on."""
        from textual.actions import SkipAction

        if self.demo is None or len(self.screen_stack) > 1:
            raise SkipAction()
        if not self.demo.go(delta):
            self.bell()

    def action_record_step(self) -> None:
        """R: ask for a caption and append the view on screen as a tour step."""
        from .tour.controller import record_view

        if self.options.served:
            # A browser session writes nothing on the server but its own CSV
            # exports: one tour file shared by every visitor would take steps
            # from anyone who has the URL.
            self.notify(
                i18n._("Tours are recorded in ddx on your own machine (ddx demo --record)."),
                title=i18n._("Not recorded in a browser session"),
                severity="warning",
                markup=False,
            )
            return
        if len(self.screen_stack) == 1 and self._ready_pane() is not None:
            record_view(self)

    def action_switch_theme(self, name: str) -> None:
        self.theme = name

    def action_set_language(self, lang: str) -> None:
        """Switch the language (Ctrl+P, "language") in place: the tab titles,
        the header, the key bar and every pane built so far redraw their text;
        the selection and each pane's view stay as they were."""
        i18n.set_language(lang)
        self.sub_title = i18n._("Digital Diplomacy Explorer")
        with self.batch_update():
            for pane in self._pane_objs.values():
                if pane.is_mounted:
                    pane.retranslate()
        self._check_size()
        self.refresh_bindings()
        if self.demo is not None:
            self.demo.update_caption()
        self._rehearse_again()

    def apply_start(self, start: str) -> None:
        """``pane[:ARG]``: open a pane, optionally with a country or an edition."""
        pane, _, arg = start.partition(":")
        self.show_pane_id(pane)
        if arg:
            if arg.isdigit():
                self.edition = int(arg)
            else:
                from .core import queries as q

                self.country = q.resolve_country(self.dataset, arg)


def _call(step: Callable[[], object]) -> Callable[[Rehearsal], object]:
    """``step`` as a rehearsal's work (it needs only the layout)."""
    return lambda _rehearsal: step()


def _lay_out_only(_rehearsal: Rehearsal) -> None:
    """A rehearsal's first step: the layout, to which the widgets react."""


def _first_focusable(pane: Pane) -> Widget | None:
    """The widget a visit to ``pane`` focuses first (as _focus_now finds it in
    the screen's focus chain, which leaves out what is hidden)."""
    for widget in pane.walk_children(Widget):
        if widget.focusable and _displayed_within(widget, pane):
            return widget
    return None


def _displayed_within(widget: Widget, pane: Pane) -> bool:
    """Whether nothing between ``widget`` and ``pane`` is hidden (the pane's
    own tab may be: it is not on show)."""
    node: DOMNode | None = widget
    while node is not None and node is not pane:
        if not node.display:
            return False
        node = node.parent
    return node is pane


def make_app(
    data: Path | None = None, overlays: list[Path] | None = None, options: Options | None = None
) -> DDXApp:
    """Build the app on the built-in data, or on the tables in ``data`` (tests)."""
    ds = Dataset(data if data is not None else data_dir(), overlays or [])
    return DDXApp(ds, options)
