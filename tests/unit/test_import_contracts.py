"""The import contracts in pyproject.toml ([tool.importlinter]) hold: the core
is pure, widgets sit below panes, panes know nothing of the command line, and
the chart drawing layer needs no Textual. See ARCHITECTURE.md."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import ROOT


def test_lint_imports_passes() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "lint-imports not installed: pip install -c constraints.txt -e '.[test]'"
    # PYTHONPATH: the checkout's tui is the one analysed, installed or not.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [exe, "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_core_contract_names_every_other_part_of_tui() -> None:
    """A new module or package beside tui/core is forbidden to it too."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    core = next(c for c in contracts if c["id"] == "core-pure")
    parts = {
        f"tui.{p.stem if p.suffix == '.py' else p.name}"
        for p in (ROOT / "tui").iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()
    }
    parts.discard("tui.core")
    assert parts <= set(core["forbidden_modules"]), sorted(parts - set(core["forbidden_modules"]))
