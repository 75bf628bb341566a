"""``ddx serve``: loopback by default, the page is answered, and a browser
session (the websocket) really runs the explorer."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tui.cli import build_parser
from tui.serve import app_command, is_loopback, public_url

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_are_loopback() -> None:
    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.port == 8000
    assert is_loopback(args.host) and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_urls() -> None:
    assert public_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert public_url("::1", 9000) == "http://[::1]:9000"


def test_session_command_carries_the_options(tmp_path: Path) -> None:
    args = build_parser().parse_args(
        [
            "serve",
            "--ascii",
            "--theme",
            "light",
            "--start",
            "countries:UZB",
            "--data",
            str(tmp_path),
        ]
    )
    cmd = app_command(args)
    assert cmd.startswith(f"{sys.executable} -m tui") or cmd.startswith(f"'{sys.executable}'")
    for part in ("--ascii", "--theme light", "--start countries:UZB", f"--data {tmp_path}"):
        assert part in cmd


@pytest.mark.parametrize("port", ["0", "70000", "http"])
def test_bad_port_is_one_line(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["serve", "--port", port])
    assert exc.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_bad_start_fails_before_serving() -> None:
    from tui.cli import main

    assert main(["serve", "--start", "nowhere", "--port", str(_free_port())]) == 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _read_line(proc: subprocess.Popen[bytes], timeout: float) -> str:
    assert proc.stdout is not None
    end = time.monotonic() + timeout
    buf = b""
    while time.monotonic() < end and b"\n" not in buf:
        ready, _, _ = select.select([proc.stdout], [], [], 0.2)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                break
            buf += chunk
    return buf.decode(errors="replace")


async def _browser_session(url: str, timeout: float) -> str:
    """What a browser tab receives over the websocket, until the explorer is drawn."""
    import aiohttp

    seen = ""
    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(f"{url}/ws?width=80&height=24") as ws,
    ):
        await ws.send_json(["resize", {"width": 80, "height": 24}])
        end = time.monotonic() + timeout
        while time.monotonic() < end and "Goals" not in seen:
            try:
                msg = await ws.receive(timeout=max(0.1, end - time.monotonic()))
            except TimeoutError:
                break
            if msg.type == aiohttp.WSMsgType.BINARY:
                seen += msg.data.decode("utf-8", "replace")
            elif msg.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
        await ws.send_json(["stdin", "q"])
    return seen


@pytest.mark.slow
def test_serve_answers_on_loopback() -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    try:
        line = _read_line(proc, timeout=30)
        url = f"http://127.0.0.1:{port}"
        assert url in line and "this machine only" in line, line
        page = b""
        for _ in range(50):  # the site may start a moment after the banner
            try:
                with urllib.request.urlopen(url + "/", timeout=5) as resp:
                    assert resp.status == 200
                    page = resp.read()
                break
            except OSError:
                time.sleep(0.1)
        assert b"<html" in page.lower() and f"ws://127.0.0.1:{port}/ws".encode() in page
        # Loopback only: the port is not open on another address of this machine.
        other = socket.gethostbyname(socket.gethostname())
        if not other.startswith("127."):
            with socket.socket() as s, pytest.raises(OSError):
                s.settimeout(1)
                s.connect((other, port))
        # A browser tab: the websocket starts a session that draws the explorer.
        seen = asyncio.run(_browser_session(url, timeout=30))
        assert "Goals" in seen and "Countries" in seen
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def test_serve_without_textual_serve_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from tui.core.errors import UsageError
    from tui.serve import run_serve

    real_import = builtins.__import__

    def no_serve(name: str, *a: object, **k: object):  # type: ignore[no-untyped-def]
        if name.startswith("textual_serve"):
            raise ModuleNotFoundError(name)
        return real_import(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_serve)
    with pytest.raises(UsageError, match="textual-serve"):
        run_serve(argparse.Namespace())
