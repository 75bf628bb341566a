"""Every stored layout snapshot belongs to a test, and every test has one.

syrupy finds unused snapshots itself, but not under pytest-xdist (which runs
the suite); this keeps a renamed or removed view from leaving its old SVG
behind, unnoticed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def test_snapshots_and_tests_match() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-o", "addopts=", str(HERE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    expected = set()
    for node in re.findall(r"^tests/snapshots/(\w+)\.py::(test_snapshot\[.+\])$", out, re.M):
        expected.add(f"{node[0]}/{node[1]}.svg")
    stored = {
        p.relative_to(HERE / "__snapshots__").as_posix()
        for p in (HERE / "__snapshots__").rglob("*.svg")
    }
    assert expected, out
    assert sorted(stored - expected) == [], "snapshots no test takes (delete them)"
    assert sorted(expected - stored) == [], "tests with no stored snapshot"
