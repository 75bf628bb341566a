"""No surprises: no network at run time, no pickle or eval of anything (least
of all user files), and ``ddx serve`` listens on loopback unless told otherwise.

The explorer's side of "no network" is checked by the key fuzzer
(test_fuzz.py), which runs its 2,000 keys over every pane, the help screen,
the palette and the demo with the network refused (the ``no_network`` fixture)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui import cli

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "fixtures" / "bad"


def test_no_network_in_the_cli(
    no_network: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commands = [
        ["rankings", "--format", "json"],
        ["country", "UZB"],
        ["goals"],
        ["sources"],
        ["export", str(tmp_path / "out")],
        ["import-un", "--dry-run", str(BAD / "loads_un" / "bom.csv")],
        ["--data", str(BAD / "loads" / "crlf"), "rankings"],
    ]
    available = set(_subcommands())
    for argv in commands:
        name = next(a for a in argv if not a.startswith("-") and "/" not in a)
        if name in available:
            assert cli.main(argv) == 0, argv
    capsys.readouterr()
    assert no_network == []


def _subcommands() -> dict:
    import argparse

    for action in cli.build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


# Reading or running anything but plain data: pickle (and friends), eval/exec,
# dynamic imports of names from files, unsafe YAML.
FORBIDDEN = re.compile(
    r"\bimport (c?pickle|marshal|shelve|dill)\b|\bfrom (c?pickle|marshal|shelve|dill) import\b"
    r"|\bpickle\.|\bread_pickle\b|(?<![.\w])(eval|exec|compile)\(|yaml\.load\(|\bruntime_import\b"
)


def test_no_pickle_or_eval() -> None:
    hits = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if FORBIDDEN.search(code):
                hits.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert hits == []


def test_serve_listens_on_loopback_by_default(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    serve = pytest.importorskip("tui.cli.serve")
    server_mod = pytest.importorskip("textual_serve.server")
    started: list[tuple[str, int]] = []
    monkeypatch.setattr(
        server_mod.Server, "serve", lambda self, *a, **k: started.append((self.host, self.port))
    )
    # No real socket: port 8000 may be taken on the machine running the tests.
    monkeypatch.setattr(serve, "check_bind", lambda host, port: None)
    assert cli.main(["serve"]) == 0
    assert len(started) == 1
    host, _port = started[0]
    assert serve.is_loopback(host), f"ddx serve listens on {host!r} by default"
    assert host == "127.0.0.1"
    # A non-loopback address is the user's explicit choice, and is said out loud.
    assert not serve.is_loopback("0.0.0.0")
