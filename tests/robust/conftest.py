"""Robustness tests: print the fuzz seed and figures in the terminal summary,
so they show in CI's log even with ``pytest -q``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ddx_fuzz  # noqa: E402

FUZZ_REPORT: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in FUZZ_REPORT:
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def fuzz_report() -> list[str]:
    return FUZZ_REPORT


@pytest.fixture(scope="session")
def fuzz_seed() -> int:
    return ddx_fuzz.fuzz_seed()
