"""The import contracts in pyproject.toml ([tool.importlinter]) hold: every part
of tui sits in one layer and imports nothing above it, the core is pure,
widgets sit below panes, panes know nothing of the command line, and the chart
drawing layer needs no Textual. See ARCHITECTURE.md."""

from __future__ import annotations

import ast
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


def _contract(contract_id: str) -> dict[str, list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    found: dict[str, list[str]] = next(c for c in contracts if c["id"] == contract_id)
    return found


def _parts_of_tui() -> set[str]:
    return {
        f"tui.{p.stem if p.suffix == '.py' else p.name}"
        for p in (ROOT / "tui").iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()
    }


def test_every_part_of_tui_is_in_a_layer() -> None:
    """A new module or package of tui has a place in the layers, so nothing it
    imports escapes the contract."""
    placed = {
        name.strip()
        for layer in _contract("layers")["layers"]
        for name in layer.replace("|", ":").split(":")
    }
    assert _parts_of_tui() == placed, sorted(_parts_of_tui() ^ placed)


def test_no_module_of_tui_hides_an_import_from_the_linter() -> None:
    """``importlib.import_module`` and ``__import__`` are invisible to lint-imports;
    only the pane registry uses it, for the pane modules of its own package."""
    hidden = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = ast.unparse(node.func)
                if name.endswith(("import_module", "__import__")):
                    hidden.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno} {name}")
    assert [h.split(":")[0] for h in hidden] == ["tui/panes/__init__.py"], hidden


def test_core_contract_names_every_other_part_of_tui() -> None:
    """A new module or package beside tui/core is forbidden to it too."""
    core = _contract("core-pure")
    parts = _parts_of_tui()
    parts.discard("tui.core")
    assert parts <= set(core["forbidden_modules"]), sorted(parts - set(core["forbidden_modules"]))
