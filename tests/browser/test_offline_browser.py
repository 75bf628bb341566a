"""A real browser (headless Chromium, driven by Playwright) opens the handout
and the ``ddx serve`` page with every request that leaves this machine
aborted, and the explorer is drawn: a classroom without internet works.

Skipped, saying why, where Chromium or Playwright is missing (``.ci/run``
installs Debian's ``chromium``; Playwright comes with the test extra)."""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import socket
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.processes import stop_group
from tui.cli import main

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL = ("file:", "data:", "about:", "blob:", "http://127.0.0.1:", "ws://127.0.0.1:")

try:
    from playwright.sync_api import sync_playwright
except ModuleNotFoundError:  # pragma: no cover - the test extra has it
    sync_playwright = None

pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group("browser"),
    pytest.mark.skipif(sync_playwright is None, reason="playwright is not installed"),
    pytest.mark.skipif(
        not os.access(CHROMIUM, os.X_OK),
        reason="no Chromium at /usr/bin/chromium (apt-get install chromium; .ci/run does)",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _server(*options: str):  # type: ignore[no-untyped-def]
    """``ddx serve`` in its own process group, stopped however the test ends;
    yields the process and its first line (the banner with the URL)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", *options],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"},
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        line, end = b"", time.monotonic() + 30
        while time.monotonic() < end and b"\n" not in line:
            if select.select([proc.stdout], [], [], 0.2)[0]:
                chunk = os.read(proc.stdout.fileno(), 4096)
                if not chunk:
                    break
                line += chunk
        yield proc, line.decode(errors="replace")
    finally:
        stop_group(proc)


def png_pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows of RGB(A) bytes of a PNG (8-bit, not interlaced,
    as Chromium writes its screenshots)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 4
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", data)
            assert depth == 8 and interlace == 0 and color in (2, 6)
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += data
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytes(width * channels)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b, c = prev[x], prev[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, [r if channels == 3 else bytes(_rgb(r)) for r in rows]


def _rgb(row: bytes) -> bytearray:
    out = bytearray()
    for i in range(0, len(row), 4):
        out += row[i : i + 3]
    return out


def inked_rows(png: bytes, dark: bool) -> int:
    """How many pixel rows carry text-like ink: light pixels on a dark page,
    dark pixels on a light one."""
    _, _, rows = png_pixels(png)
    count = 0
    for row in rows:
        lum = [sum(row[i : i + 3]) for i in range(0, len(row), 3)]
        ink = sum(1 for v in lum if (v > 450 if dark else v < 200))
        count += ink > 4
    return count


def _browse(check):  # type: ignore[no-untyped-def]
    """Run ``check(page, blocked)`` in a fresh headless Chromium whose requests
    off this machine are aborted (and listed in ``blocked``)."""
    assert sync_playwright is not None
    blocked: list[str] = []

    def route(r) -> None:  # type: ignore[no-untyped-def]
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 700})
            page.route("**/*", route)
            check(page, blocked)
        finally:
            browser.close()


LESSON = """\
format = 1
title = "Offline lesson"

[[steps]]
pane = "rankings"
title = "The five"
caption = "Who leads in the latest edition?"
"""


def test_handout_opens_offline_with_its_screens_drawn(tmp_path: Path) -> None:
    tour = tmp_path / "lesson.toml"
    tour.write_text(LESSON, encoding="utf-8")
    out = tmp_path / "lesson.html"
    assert main(["handout", "--tour", str(tour), "--out", str(out)]) == 0

    def check(page, blocked) -> None:  # type: ignore[no-untyped-def]
        page.goto(out.as_uri())
        page.wait_for_load_state("load")
        screen = page.locator("figure svg").first
        assert "Rankings" in (screen.text_content() or "")
        box = screen.bounding_box()
        assert box is not None and box["width"] > 500 and box["height"] > 200
        clip = {"x": box["x"], "y": box["y"], "width": 480, "height": 300}
        shot = page.screenshot(path=str(tmp_path / "handout.png"), clip=clip)
        assert inked_rows(shot, dark=True) > 60  # the screen's text, drawn
        assert blocked == []

    _browse(check)


def test_served_page_draws_the_explorer_offline(tmp_path: Path) -> None:
    port = _free_port()
    with _server("--port", str(port)) as (_proc, banner):
        url = f"http://127.0.0.1:{port}/"
        assert url.rstrip("/") in banner, banner

        def check(page, blocked) -> None:  # type: ignore[no-untyped-def]
            seen: list[str] = []

            def on_socket(ws) -> None:  # type: ignore[no-untyped-def]
                def frame(payload) -> None:  # type: ignore[no-untyped-def]
                    data = payload if isinstance(payload, bytes) else payload.encode()
                    seen.append(data.decode("utf-8", "replace"))

                ws.on("framereceived", frame)

            page.on("websocket", on_socket)
            page.goto(url)
            end = time.monotonic() + 30
            while time.monotonic() < end and "Knowledge management" not in "".join(seen):
                page.wait_for_timeout(100)
            assert "Knowledge management" in "".join(seen), "the explorer never drew"
            page.wait_for_function("document.body.classList.contains('-first-byte')")
            page.wait_for_timeout(300)  # the terminal fades in (0.3 s)
            clip = {"x": 0, "y": 0, "width": 480, "height": 300}
            shot = page.screenshot(path=str(tmp_path / "serve.png"), clip=clip)
            assert inked_rows(shot, dark=True) > 100  # rows of text across the page
            assert blocked == [], blocked

        _browse(check)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-n0", "-q"]))
