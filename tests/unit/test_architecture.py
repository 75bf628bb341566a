"""ARCHITECTURE.md keeps up with the code: every package under tui/ is named
in its map; the app loads every stylesheet in styles/, the frame first."""

from __future__ import annotations

from tests.conftest import ROOT


def test_every_package_is_in_the_architecture_notes() -> None:
    notes = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    packages = sorted(
        p.parent.relative_to(ROOT).as_posix() + "/"
        for p in (ROOT / "tui").rglob("__init__.py")
        if "_assets" not in p.parts
    )
    assert "tui/" in packages and "tui/core/" in packages
    missing = [p for p in packages if f"`{p}" not in notes]
    assert missing == [], f"ARCHITECTURE.md does not name {missing}"


def test_the_app_loads_every_stylesheet_once() -> None:
    from tui.app import STYLESHEETS

    on_disk = sorted(p.name for p in (ROOT / "styles").glob("*.tcss"))
    assert sorted(STYLESHEETS) == on_disk
    assert STYLESHEETS[0] == "app.tcss"  # the frame first, the panes' rules after it
