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


@pytest.fixture
def app():
    """A fresh explorer on the built-in data."""
    from tui.app import make_app

    return make_app()


needs_reference = pytest.mark.skipif(
    not REFERENCE.is_dir(), reason="../shared/reference not present"
)
