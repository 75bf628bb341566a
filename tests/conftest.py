"""Shared fixtures: the app on built-in data, paths to the shared reference."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("DDX_SHARED", ROOT.parent / "shared"))
REFERENCE = SHARED / "reference"


@pytest.fixture(autouse=True)
def _isolate_user_data(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never read or write the real ~/.local/share/ddx during tests."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg")))
    # Where a playing tour says which step it shows (tui/tour/presenter.py).
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path_factory.mktemp("run")))


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Every test starts in English whatever the machine's locale (DDX_LANG=en,
    inherited by subprocesses), and a test that switches language cannot leak it."""
    from tui import i18n

    monkeypatch.setenv("DDX_LANG", "en")
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def _only_visited_panes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """An explorer in a test builds only the panes the test visits (the first
    on show, the others when their key is pressed), not all eight in the
    background as for a user: most tests need one pane, and building the other
    seven was most of their time. ``@pytest.mark.all_panes`` keeps the user's
    behaviour for a test about it. Subprocesses (tests/term) are not affected."""
    from tui.app import DDXApp

    if request.node.get_closest_marker("all_panes") is None:
        monkeypatch.setattr(DDXApp, "build_hidden_panes", False)


def pytest_configure(config: pytest.Config) -> None:
    """Byte-compile ``tui/`` once, before any worker starts (as pip does for a
    wheel): the tests start ddx in a few hundred subprocesses, and under
    PYTHONDONTWRITEBYTECODE each compiled every module from source again."""
    if not hasattr(config, "workerinput"):  # the controller (or a run with -n0)
        import compileall
        import contextlib

        with contextlib.suppress(OSError):  # a read-only checkout: compiled at each start
            compileall.compile_dir(ROOT / "tui", quiet=1)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (pyproject.toml): one worker more than the cores. Some tests
    wait (on a terminal session, a subprocess, a browser, the Pilot's idle
    pauses); with one worker per core those waits left a quarter of the CPU
    idle. PYTEST_XDIST_AUTO_NUM_WORKERS still sets the number outright."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS", "").strip().isdigit():
        return int(os.environ["PYTEST_XDIST_AUTO_NUM_WORKERS"])
    return len(os.sched_getaffinity(0)) + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that take several seconds (marked ``slow`` or ``heavy``) run
    first: the workers take tests in this order as they come free, so the long
    ones no longer start near the end while the other workers have finished."""
    items.sort(
        key=lambda item: (
            item.get_closest_marker("slow") is None and item.get_closest_marker("heavy") is None
        )
    )


needs_reference = pytest.mark.skipif(
    not REFERENCE.is_dir(), reason="../shared/reference not present"
)


# -- the key fuzz's figures in the terminal summary (tests/robust/test_fuzz.py) --
# Here, not in tests/robust/: with pytest-xdist only the root conftest is loaded
# in the controller, which is where the reports arrive and the summary is printed.
FUZZ_REPORT: list[str] = []
FUZZ_KEYS: list[int] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Collect the fuzz figures from the test reports (with pytest-xdist these
    arrive from the workers; printing in the test itself would be swallowed)."""
    if report.when != "call":
        return
    props = dict(report.user_properties)
    if "fuzz_summary" in props:
        FUZZ_REPORT.append(str(props["fuzz_summary"]))
        FUZZ_KEYS.append(int(props.get("fuzz_keys", 0)))  # type: ignore[call-overload]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in FUZZ_REPORT:
        terminalreporter.write_line(line)
    if FUZZ_KEYS:
        terminalreporter.write_line(
            f"ddx fuzz: {sum(FUZZ_KEYS)} keys in all, {len(FUZZ_KEYS)} sessions"
        )
