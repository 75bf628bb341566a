"""tui/core is Polars and the standard library only: no Textual, no UI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import tui.core

CORE = Path(tui.core.__file__).resolve().parent
ROOT = CORE.parent.parent

SCRIPT = """
import importlib, json, pkgutil, sys
import tui.core
names = sorted(m.name for m in pkgutil.walk_packages(tui.core.__path__, "tui.core."))
for name in names:
    importlib.import_module(name)
tops = {m.split(".")[0] for m in sys.modules}
third = sorted(t for t in tops - set(sys.stdlib_module_names) if not t.startswith("_"))
ui = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich", "textual_plotext", "plotext"))
app = sorted(m for m in sys.modules if m.startswith("tui.") and not m.startswith("tui.core"))
print(json.dumps({"modules": names, "ui": ui, "app": app, "third": third}))
"""


def test_importing_every_core_module_leaves_textual_out() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    result = json.loads(out)
    on_disk = {f"tui.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__"}
    assert on_disk <= set(result["modules"]), "walk_packages missed a module"
    assert {"tui.core.loader", "tui.core.dataset", "tui.core.queries", "tui.core.schema"} <= on_disk
    assert "textual" not in result["ui"]
    assert result["ui"] == []
    # Third-party code: Polars (and what Polars itself pulls in), nothing else.
    assert set(result["third"]) <= {"polars", "tui", "typing_extensions"}, result["third"]
    # Nothing from the UI side of the package either (tui.paths etc. are not core).
    assert result["app"] == []
