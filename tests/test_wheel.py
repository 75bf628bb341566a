"""The wheel installs into a fresh venv and runs from anywhere, on its own data.

Builds the wheel (pip wheel, hatchling backend), makes a new venv without the
system site-packages, installs the wheel with its dependencies (pinned by
constraints.txt, so pip mostly reuses its cache), then from a directory
outside the checkout runs ``ddx --version``, ``ddx --help`` and a headless
start of the explorer, and checks that the tables were read from the
installed package (tui/_assets/data), not from the checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import tui
from tui.app import STYLESHEETS

ROOT = Path(__file__).resolve().parent.parent

HEADLESS = r"""
import asyncio, io, json, sys
from pathlib import Path

from rich.console import Console

import tui, tui.paths
from tui.app import DDXApp, make_app
from tui.tour import model


def screen_text(app):
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


async def main():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        text = screen_text(app)
        await pilot.press("q")
    print(json.dumps({
        "tui": tui.__file__,
        "data_dir": str(tui.paths.data_dir()),
        "styles_dir": str(tui.paths.styles_dir()),
        "css": [str(p) for p in DDXApp.CSS_PATH],
        "builtin": str(app.dataset.builtin),
        "screen": text,
        "tour": str(model.builtin_path("class")),
        "tour_steps": len(model.load_builtin("class").steps),
    }))


asyncio.run(main())
"""


def run(
    cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_checkout(tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    }
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")  # no user imports laid over the data
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"

    # 1. Build the wheel.
    dist = tmp_path / "dist"
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        ROOT,
        env,
    )
    wheels = list(dist.glob("ddx-*.whl"))
    assert len(wheels) == 1, wheels
    wheel = wheels[0]
    names = set(zipfile.ZipFile(wheel).namelist())
    data_files = {f"tui/_assets/data/{p.name}" for p in (ROOT / "data").glob("*.csv")}
    assert data_files and data_files <= names, sorted(data_files - names)
    style_files = {f"tui/_assets/styles/{p.name}" for p in (ROOT / "styles").glob("*.tcss")}
    assert "tui/_assets/styles/app.tcss" in style_files and style_files <= names
    assert not any(n.startswith(("tests/", "data/")) for n in names)
    tours = {
        f"tui/tour/builtin/{p.name}" for p in (ROOT / "tui" / "tour" / "builtin").glob("*.toml")
    }
    assert "tui/tour/builtin/class.toml" in tours and tours <= names, sorted(tours - names)

    # 2. A fresh venv (no system or project site-packages), the wheel and its dependencies.
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path, env)
    python = venv / "bin" / "python"
    run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
         "-c", str(ROOT / "constraints.txt"), str(wheel)],
        tmp_path,
        env,
        timeout=300,
    )  # fmt: skip

    # 3. Run it from a directory that is not the checkout.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    ddx = str(venv / "bin" / "ddx")
    version = run([ddx, "--version"], elsewhere, env)
    assert version.stdout.strip() == f"ddx {tui.__version__}"
    helptext = run([ddx, "--help"], elsewhere, env).stdout
    assert helptext.startswith("usage: ddx")
    assert "--data DIR" in helptext
    assert (
        run([str(python), "-m", "tui", "--version"], elsewhere, env).stdout.strip()
        == f"ddx {tui.__version__}"
    )

    out = run([str(python), "-c", HEADLESS], elsewhere, env).stdout
    result = json.loads(out.strip().splitlines()[-1])
    site = next(venv.glob("lib/python*/site-packages"))
    installed = site / "tui"
    assert Path(result["tui"]).parent == installed
    assert Path(result["data_dir"]) == installed / "_assets" / "data"
    assert Path(result["styles_dir"]) == installed / "_assets" / "styles"
    assert result["css"] == [str(installed / "_assets" / "styles" / n) for n in STYLESHEETS]
    assert {Path(p).name for p in result["css"]} == {
        p.name for p in (ROOT / "styles").glob("*.tcss")
    }
    assert Path(result["builtin"]) == installed / "_assets" / "data"
    # The built-in class tour is read from the installed package.
    assert Path(result["tour"]) == installed / "tour" / "builtin" / "class.toml"
    assert result["tour_steps"] > 10
    for key in ("tui", "data_dir", "styles_dir", "builtin", "tour"):
        assert str(ROOT) not in result[key]
    # The explorer drew the rankings from the installed tables.
    screen = result["screen"]
    for name in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"):
        assert name in screen, screen
