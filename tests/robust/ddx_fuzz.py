"""Key and resize fuzzing of the explorer, shared by tests/robust/test_fuzz.py
(Hypothesis chooses, ~2,000 keys per CI run) and benchmarks/fuzz_long.py
(a seeded random.Random chooses, 10,000+ keys, crashes counted).

A session drives the real app headless through the Pilot: random bound keys
(read from the app, its panes, widgets and screens at run time), arbitrary
printable keys, Tab/Shift+Tab, Escape, Enter and arrows, the help screen, the
command palette (Ctrl+P, type, Escape or Enter) and random resizes between
20x8 and 250x80. After every step the invariants hold:

- no exception in the app, and it is still running;
- the app still answers (a pause completes within a few seconds);
- the selected country, edition and indicator are valid ones;
- the main screen shows the pane named by the active tab.
"""

from __future__ import annotations

import asyncio
import os
import random
import string
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

MIN_SIZE, MAX_SIZE = (20, 8), (250, 80)
ANSWER_TIMEOUT = 30.0  # generous: CI runs the fuzz beside other tests on two cores
PAUSE_EVERY = 20  # steps between full Pilot pauses (idle waits)
# Printable keys a user might hit: ASCII, plus a few letters of the region's scripts.
PRINTABLE = string.ascii_letters + string.digits + string.punctuation + " " + "әғқңөұүіжшчёЎўҚқҒғҲҳ"
ALWAYS = (
    "tab",
    "shift+tab",
    "escape",
    "enter",
    "up",
    "down",
    "left",
    "right",
    "pageup",
    "pagedown",
    "home",
    "end",
    "space",
    "backspace",
    "ctrl+p",
    "question_mark",
    "f1",
)
# What a step does, weighted by repetition. (A resize, the help screen or the
# palette costs ~10 plain keys of CPU: fewer of them keeps a CI run under a minute.)
# Keys dominate; a resize relays out every pane and costs ~15 keys of time.
STEP_KINDS = ("key",) * 22 + ("text",) * 2 + ("pane",) * 2 + ("resize", "palette", "help")


def fuzz_seed() -> int:
    """DDX_FUZZ_SEED if set (to replay a CI run), else a fresh random seed."""
    value = os.environ.get("DDX_FUZZ_SEED", "").strip()
    return int(value) if value else random.SystemRandom().randrange(2**32)


class Chooser(Protocol):
    def choice(self, options: Sequence[T]) -> T: ...

    def integer(self, lo: int, hi: int) -> int: ...

    def text(self, max_size: int) -> str: ...


class RandomChooser:
    """Choices from a seeded random.Random (the long benchmark run)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def choice(self, options: Sequence[T]) -> T:
        return self.rng.choice(list(options))

    def integer(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def text(self, max_size: int) -> str:
        return "".join(self.rng.choices(PRINTABLE, k=self.rng.randint(1, max_size)))


class HypothesisChooser:
    """Choices drawn from Hypothesis (the CI test): replayable from its seed."""

    def __init__(self, data: Any) -> None:
        from hypothesis import strategies as st

        self.st = st
        self.data = data

    def choice(self, options: Sequence[T]) -> T:
        return self.data.draw(self.st.sampled_from(list(options)))  # type: ignore[no-any-return]

    def integer(self, lo: int, hi: int) -> int:
        return self.data.draw(self.st.integers(lo, hi))  # type: ignore[no-any-return]

    def text(self, max_size: int) -> str:
        return self.data.draw(  # type: ignore[no-any-return]
            self.st.text(alphabet=PRINTABLE, min_size=1, max_size=max_size)
        )


@dataclass
class Stats:
    keys: int = 0
    resizes: int = 0
    steps: int = 0
    sessions: int = 0
    quits: int = 0  # quit requests (recorded, not obeyed, so the session goes on)
    screenshots: int = 0
    crashes: list[str] = field(default_factory=list)
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds by kind of step
    bound_keys: int = 0


class InvariantBroken(AssertionError):
    pass


def bound_keys(app: Any) -> list[str]:
    """Every key bound anywhere: the app, every widget on screen, every screen class."""
    from textual.command import CommandPalette
    from textual.screen import Screen

    from tui.screens.help import HelpScreen
    from tui.screens.provenance import ProvenanceScreen

    keys: set[str] = set()

    def add(bindings_map: Any) -> None:
        for key in bindings_map.key_to_bindings:
            keys.add(key)

    add(app._bindings)
    for node in app.screen.walk_children(with_self=True):
        add(node._bindings)
    from tui.panes import pane_classes

    # Screens not open now, and panes not mounted yet (all but the first are lazy).
    classes: list[Any] = [HelpScreen, ProvenanceScreen, CommandPalette, Screen, *pane_classes()]
    for cls in classes + _extra_screens():
        if cls._merged_bindings:
            keys.update(cls._merged_bindings.key_to_bindings)
    return sorted(keys | set(ALWAYS))


def _extra_screens() -> list[Any]:
    """Other modal screens of the app (whatever tui/screens/ holds today, and
    the tour's caption dialog)."""
    import importlib
    import pkgutil

    from textual.screen import Screen

    import tui.screens

    found = []
    names = [f"tui.screens.{info.name}" for info in pkgutil.iter_modules(tui.screens.__path__)]
    for name in [*names, "tui.tour.dialog"]:
        try:
            mod = importlib.import_module(name)
        except Exception:  # a screen module being written by someone else
            continue
        for value in vars(mod).values():
            if (
                isinstance(value, type)
                and issubclass(value, Screen)
                and value.__module__ == mod.__name__
            ):
                found.append(value)
    return found


def check_invariants(app: Any, where: str, strict: bool = True) -> bool:
    """Raise InvariantBroken if one does not hold. False (when not ``strict``)
    if the active tab's pane is still being mounted."""
    from textual.widgets import ContentSwitcher

    from tui.app import PaneSlot
    from tui.core import FOCUS, INDICES
    from tui.i18n import current_language
    from tui.panes import PANES
    from tui.panes.base import Pane
    from tui.widgets.tabbar import TabBar

    if app._exception is not None:
        raise InvariantBroken(f"{where}: the app raised {app._exception!r}")
    if not app.is_running:
        raise InvariantBroken(f"{where}: the app stopped running")
    if app.country not in FOCUS:
        raise InvariantBroken(f"{where}: country {app.country!r} is not one of {FOCUS}")
    if app.edition not in app.editions:
        raise InvariantBroken(f"{where}: edition {app.edition!r} is not one of {app.editions}")
    if app.indicator not in INDICES:
        raise InvariantBroken(f"{where}: indicator {app.indicator!r} is not one of {INDICES}")
    main = app.screen_stack[0]
    tabs = main.query_one("#tabs", TabBar)
    active = tabs.active
    ids = [f"tab-{spec.pane_id}" for spec in PANES]
    if active not in ids:
        raise InvariantBroken(f"{where}: active tab {active!r} is not a pane")
    switcher = main.query_one("#panes", ContentSwitcher)
    if switcher.current != active:
        raise InvariantBroken(
            f"{where}: tab {active!r} is active but {switcher.current!r} is shown"
        )
    shown = [p.id for p in switcher.query_children(PaneSlot) if p.display]
    if shown != [active]:
        raise InvariantBroken(f"{where}: tab {active!r} is active but panes {shown} are displayed")
    index = ids.index(active)
    cls = PANES[index].load()
    label = tabs.shown_labels()[index]  # the active tab is always named in full
    # The tab reads the pane's title in the language now current (the fuzzer
    # may have switched it through the palette).
    expected = f"{index + 1} {PANES[index].tab_label}"
    if label != expected:
        raise InvariantBroken(
            f"{where}: active tab reads {label!r}, expected {expected!r} "
            f"(language {current_language()!r})"
        )
    panes = list(switcher.get_child_by_id(active).query(Pane))
    if not panes:
        # Panes other than the first are mounted lazily, just after their tab
        # is chosen: the caller pauses and asks again, strictly.
        if strict:
            raise InvariantBroken(f"{where}: tab {label!r} shows no pane")
        return False
    if type(panes[0]) is not cls:
        raise InvariantBroken(f"{where}: tab {label!r} holds a {type(panes[0]).__name__}")
    return True


def patch_app(app: Any, stats: Stats) -> None:
    """Record, don't obey, the two things a fuzzer must not do: quit, write screenshots."""

    def quit_() -> None:
        stats.quits += 1

    def screenshot(*_args: object, **_kw: object) -> None:
        stats.screenshots += 1

    app.action_quit = quit_
    app.action_screenshot = screenshot
    app.deliver_screenshot = screenshot


async def run_session(
    app: Any,
    chooser: Chooser,
    n_keys: int,
    stats: Stats,
    log: list[str],
    size: tuple[int, int] = (80, 24),
) -> None:
    """Drive one app until ``n_keys`` keys have been sent; raise on a broken invariant."""
    patch_app(app, stats)
    stats.sessions += 1
    await _session(app, chooser, n_keys, stats, log, size)


async def _session(
    app: Any, chooser: Chooser, n_keys: int, stats: Stats, log: list[str], size: tuple[int, int]
) -> None:
    app.animation_level = "none"
    async with app.run_test(size=size) as pilot:
        keys = bound_keys(app)
        stats.bound_keys = max(stats.bound_keys, len(keys))
        check_invariants(app, "at start")
        sent = 0

        async def press(*names: str) -> None:
            nonlocal sent
            for name in names:
                log.append(name)
                await send_key(app, pilot, name)
                sent += 1
                stats.keys += 1

        while sent < n_keys:
            kind = chooser.choice(STEP_KINDS)
            started = time.process_time()
            if kind == "key":
                await press(chooser.choice(keys))
            elif kind == "text":
                await press(*chooser.text(6))
            elif kind == "resize":
                w, h = choose_size(chooser)
                log.append(f"resize:{w}x{h}")
                await pilot.resize_terminal(w, h)
                stats.resizes += 1
            elif kind == "palette":
                await press("ctrl+p", *chooser.text(5))
                ending = chooser.choice(("escape", "enter", "down enter", "backspace escape"))
                await press(*ending.split())
            elif kind == "help":
                await press(chooser.choice(("question_mark", "f1")))
                await press(chooser.choice(keys), chooser.choice(("escape", "question_mark", "q")))
            else:  # jump to a pane by number, including numbers with no pane
                await press(str(chooser.integer(1, 9)))
            stats.steps += 1
            stats.cpu[kind] = stats.cpu.get(kind, 0.0) + time.process_time() - started
            where = f"step {stats.steps} ({kind}), last keys {log[-8:]}"
            if stats.steps % PAUSE_EVERY == 0:
                await answers(pilot, where)
                # Panes mounted since (lazily) bring their own keys.
                keys = sorted(set(keys) | set(bound_keys(app)))
                stats.bound_keys = max(stats.bound_keys, len(keys))
            if not check_invariants(app, where, strict=False):
                await answers(pilot, where)
                check_invariants(app, where)
        # Leave cleanly: close whatever is open, then the invariants once more.
        for _ in range(4):
            if len(app.screen_stack) == 1:
                break
            await pilot.press("escape")
        check_invariants(app, "at the end")


async def answers(pilot: Any, where: str) -> None:
    """The app still answers: a full Pilot pause (an idle wait) completes."""
    try:
        await asyncio.wait_for(pilot.pause(), ANSWER_TIMEOUT)
    except TimeoutError:
        raise InvariantBroken(f"{where}: the app did not answer in {ANSWER_TIMEOUT:g} s") from None


def choose_size(chooser: Chooser) -> tuple[int, int]:
    """A terminal size between 20x8 and 250x80: anywhere in the range, one of its
    corners, or (most often, as rendering a big screen costs up to 10x more
    per key) a size people actually use, 60x18 to 132x45."""
    where = chooser.choice(("any", "corner", "usual", "usual", "usual"))
    if where == "corner":
        return chooser.choice(
            [(w, h) for w in (MIN_SIZE[0], MAX_SIZE[0]) for h in (MIN_SIZE[1], MAX_SIZE[1])]
        )
    lo, hi = (MIN_SIZE, MAX_SIZE) if where == "any" else ((60, 18), (132, 45))
    return chooser.integer(lo[0], hi[0]), chooser.integer(lo[1], hi[1])


async def send_key(app: Any, pilot: Any, key: str) -> None:
    """What ``pilot.press`` does, minus its two 20 ms idle sleeps per key: post
    the key, then wait until the app and every widget on screen has processed
    everything queued (which is what makes the next check meaningful)."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    char: str | None
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    app.post_message(events.Key(key, char))
    # key -> app -> screen -> focused widget, bubbling back up through its parents
    for _ in range(3):
        if not await settle(app):
            break


async def settle(app: Any) -> bool:
    """Wait until the nodes a key passes through (the app, the screen, the
    focused widget and its parents) have processed what is queued now. Cheaper
    than the Pilot's wait on every widget, which the periodic pause still does."""
    screen = app.screen
    nodes = {app, screen}
    if screen.focused is not None:
        nodes.update(screen.focused.ancestors_with_self)
    pending = 0
    all_done = asyncio.Event()

    def one_done() -> None:
        nonlocal pending
        pending -= 1
        if pending == 0:
            all_done.set()

    for node in nodes:
        if node.call_later(one_done):
            pending += 1
    if not pending:
        return True
    waits = [
        asyncio.ensure_future(all_done.wait()),
        asyncio.ensure_future(app._exception_event.wait()),
    ]
    finished, unfinished = await asyncio.wait(
        waits, timeout=ANSWER_TIMEOUT, return_when=asyncio.FIRST_COMPLETED
    )
    for task in unfinished:
        task.cancel()
    if not finished:
        raise InvariantBroken(f"the app did not answer a key within {ANSWER_TIMEOUT:g} s")
    return all_done.is_set()


def pane_ids() -> list[str]:
    from tui.panes import PANE_IDS

    return list(PANE_IDS)


def make_fuzz_app(dataset: Any = None, start: str | None = None, demo: bool = False) -> Any:
    """The explorer on the built-in data (one Dataset may be shared by sessions)."""
    from tui.app import DDXApp, Options
    from tui.core import Dataset
    from tui.i18n import set_language
    from tui.paths import data_dir

    # Each session starts in English: a session that switched language through
    # the palette must not leave the next one (or Hypothesis's replay) in Uzbek.
    set_language("en")
    ds = dataset if dataset is not None else Dataset(data_dir())
    # Demo sessions advance the tour by themselves every second (some forty
    # times a session, under the keys); at 0.3 s the redraws took twice the
    # CPU of the keys themselves, for no more kinds of state.
    return DDXApp(ds, Options(start=start, demo=demo, demo_interval=1.0 if demo else None))


def demo_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("tui.tour") is not None
