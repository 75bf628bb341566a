"""``ddx serve``: loopback by default, the page is answered, and a browser
session (the websocket) really runs the explorer; only for the served page's
own origin, with the token when one is needed, a bounded number of sessions of
bounded size, exports kept out of the server's working directory, and bind
errors reported before anything says "serving"."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.processes import stop_group
from tui.cli import build_parser
from tui.cli.serve import app_command
from tui.cli.serve.guard import (
    MAX_HEIGHT,
    MAX_WIDTH,
    check_public_url,
    clamp_size,
    guard_for,
    is_loopback,
    origin_of,
    public_url,
)
from tui.cli.serve.server import check_bind
from tui.cli.serve.sessions import SizeCap
from tui.core.errors import UsageError

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_are_loopback() -> None:
    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.port == 8000
    assert is_loopback(args.host) and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_urls() -> None:
    assert public_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert public_url("::1", 9000) == "http://[::1]:9000"
    assert origin_of("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"
    assert origin_of("HTTPS://Ddx.Example.org:443/ddx") == "https://ddx.example.org"
    assert origin_of("http://[::1]:9000") == "http://[::1]:9000"
    assert check_public_url("https://ddx.example.org/") == "https://ddx.example.org"
    for bad in ("ddx.example.org", "ftp://x", "http://x/?token=1"):
        with pytest.raises(UsageError):
            check_public_url(bad)


def test_all_addresses_point_browsers_at_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """--host 0.0.0.0 / :: : the page's websocket must not point at 127.0.0.1."""

    def addresses(name: str, port: object, family: int = 0, *a: object) -> list[tuple]:
        assert name == "classroom-pc"
        found = [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.1.1", 0)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.1.5", 0)),
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("fe80::1", 0, 0, 2)),
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("2001:db8::5", 0, 0, 0)),
        ]
        return [f for f in found if family in (0, f[0])]

    monkeypatch.setattr(socket, "gethostname", lambda: "classroom-pc")
    monkeypatch.setattr(socket, "getaddrinfo", addresses)
    assert public_url("0.0.0.0", 8000) == "http://192.168.1.5:8000"
    assert public_url("::", 8000) == "http://[2001:db8::5]:8000"
    assert public_url("192.168.1.5", 8000) == "http://192.168.1.5:8000"
    # Only loopback known (or no answer): the name, and --public-url can say better.
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: addresses(*a, **k)[:1])
    assert public_url("0.0.0.0", 8000) == "http://classroom-pc:8000"


def test_who_needs_a_token_and_which_origins_may_connect() -> None:
    local = guard_for(
        "127.0.0.1", 8000, "http://127.0.0.1:8000", require_token=False, max_sessions=8
    )
    assert local.token is None
    assert local.origin_ok("http://localhost:8000") and local.origin_ok("http://[::1]:8000")
    assert not local.origin_ok("http://localhost:8001") and not local.origin_ok(None)
    assert not local.origin_ok("http://evil.example") and not local.origin_ok("null")
    forced = guard_for(
        "127.0.0.1", 8000, "http://127.0.0.1:8000", require_token=True, max_sessions=8
    )
    assert forced.token and len(forced.token) >= 32
    lan = guard_for("0.0.0.0", 8000, "http://192.168.1.5:8000", require_token=False, max_sessions=8)
    assert lan.token and lan.token != forced.token
    assert lan.origins == {"http://192.168.1.5:8000"}  # not the loopback aliases
    # A loopback server behind a proxy is not for this machine only.
    proxied = guard_for("::1", 8000, "https://ddx.example.org", require_token=False, max_sessions=8)
    assert proxied.token and proxied.secure
    assert proxied.origin_ok("https://ddx.example.org") and proxied.origin_ok("http://[::1]:8000")


def test_terminal_size_is_capped() -> None:
    assert clamp_size(10000, 3000) == (MAX_WIDTH, MAX_HEIGHT) == (500, 200)
    assert clamp_size("120", "40") == (120, 40)
    assert clamp_size(-5, 0) == (1, 1)
    assert clamp_size("wide", 3) is None and clamp_size(float("inf"), 3) is None
    assert clamp_size(None, 3) is None

    sizes: list[tuple[int, int]] = []

    class Service:
        async def set_terminal_size(self, width: int, height: int) -> None:
            sizes.append((width, height))

        async def blur(self) -> str:
            return "blurred"

    capped = SizeCap(Service())
    asyncio.run(capped.set_terminal_size(10000, 3000))
    asyncio.run(capped.set_terminal_size({}, 3))  # not a size: dropped
    assert sizes == [(500, 200)]
    assert asyncio.run(capped.blur()) == "blurred"


def test_bad_host_is_one_line() -> None:
    # 192.0.2.1 is a documentation address: not this machine's, nothing is contacted.
    with pytest.raises(UsageError, match=r"cannot listen on 192\.0\.2\.1:8000"):
        check_bind("192.0.2.1", 8000)


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
    for part in (
        "--served",
        "--ascii",
        "--theme light",
        "--start countries:UZB",
        f"--data {tmp_path}",
    ):
        assert part in cmd


@pytest.mark.parametrize(
    "option", [("--port", "0"), ("--port", "70000"), ("--port", "http"), ("--max-sessions", "0")]
)
def test_bad_port_is_one_line(option: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["serve", *option])
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


@contextlib.contextmanager
def _server(*options: str, cwd: Path = ROOT, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """``ddx serve`` in its own process group, stopped (SIGTERM, then SIGKILL)
    however the test ends; yields the process and its first line."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", *options],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", **(env or {})},
        start_new_session=True,
    )
    try:
        yield proc, _read_line(proc, timeout=30)
    finally:
        stop_group(proc)


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET, retried while the site starts a moment after the banner."""
    for _ in range(50):
        try:
            with urllib.request.urlopen(
                urllib.request.Request(url, headers=headers or {}), timeout=5
            ) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"no answer from {url}")


async def _refused(url: str, headers: dict[str, str]) -> int:
    """The HTTP status a websocket handshake is refused with (0: it was accepted)."""
    import aiohttp

    async with aiohttp.ClientSession() as http:
        try:
            async with http.ws_connect(url, headers=headers):
                return 0
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


class _Tab:
    """A browser tab's websocket: what it was sent, as text."""

    def __init__(self, ws) -> None:  # type: ignore[no-untyped-def]
        self.ws = ws
        self.seen = ""

    async def until(self, text: str, timeout: float) -> bool:
        import aiohttp

        end = time.monotonic() + timeout
        while time.monotonic() < end and text not in self.seen:
            try:
                msg = await self.ws.receive(timeout=max(0.1, end - time.monotonic()))
            except TimeoutError:
                break
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.seen += msg.data.decode("utf-8", "replace")
            elif msg.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
        return text in self.seen


async def _browser_session(url: str, timeout: float) -> str:
    """What a browser tab receives over the websocket, until the explorer is drawn."""
    import aiohttp

    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(f"{url}/ws?width=80&height=24", headers={"Origin": url}) as ws,
    ):
        await ws.send_json(["resize", {"width": 80, "height": 24}])
        tab = _Tab(ws)
        await tab.until("Goals", timeout)
        await ws.send_json(["stdin", "q"])
    return tab.seen


@pytest.mark.slow
def test_serve_answers_on_loopback() -> None:
    port = _free_port()
    with _server("--port", str(port)) as (_proc, line):
        url = f"http://127.0.0.1:{port}"
        assert url in line and "this machine only" in line and "token" not in line, line
        status, _, page = _get(url + "/")
        assert status == 200
        assert b"<html" in page.lower() and f"ws://127.0.0.1:{port}/ws".encode() in page
        # Loopback only: the port is not open on another address of this machine.
        other = socket.gethostbyname(socket.gethostname())
        if not other.startswith("127."):
            with socket.socket() as s, pytest.raises(OSError):
                s.settimeout(1)
                s.connect((other, port))
        # Another web page the user visits may not open a session here.
        for origin in ({"Origin": "http://evil.example"}, {"Origin": "null"}, {}):
            assert asyncio.run(_refused(f"{url}/ws", origin)) == 403, origin
        # A browser tab of the page itself: the websocket starts a session that
        # draws the explorer.
        seen = asyncio.run(_browser_session(url, timeout=30))
        assert "Goals" in seen and "Countries" in seen


def _rows_and_columns(screen: str) -> tuple[int, int]:
    """The furthest row the session moved the cursor to, and its widest row."""
    rows = [int(r) for r in re.findall(r"\x1b\[(\d+);\d+H", screen)]
    drawn = re.split(r"\x1b\[\d+;\d+H", screen)
    widths = [len(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", d).rstrip("\n")) for d in drawn]
    return max(rows), max(widths)


@pytest.mark.slow
def test_serve_guards_its_sessions(tmp_path: Path) -> None:
    """A token, the Origin, one session at most, a capped terminal, and the
    session's export under $XDG_DATA_HOME/ddx/exports, not the server's cwd."""
    import aiohttp

    cwd, data_home = tmp_path / "cwd", tmp_path / "data"
    cwd.mkdir()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    options = ("--port", str(port), "--require-token", "--max-sessions", "1")
    with _server(*options, cwd=cwd, env={"XDG_DATA_HOME": str(data_home)}) as (_proc, line):
        found = re.search(rf"{re.escape(url)}/\?token=([\w-]+) ", line)
        assert found and "up to 1 session" in line, line
        token = found.group(1)
        # The page: without the token, 403; with it, the page and a cookie for
        # the page's own requests.
        assert _get(url + "/")[0] == 403
        assert _get(url + "/?token=wrong")[0] == 403
        status, headers, page = _get(f"{url}/?token={token}")
        assert status == 200 and f"ws://127.0.0.1:{port}/ws".encode() in page
        assert f"ddx-token-{port}={token}" in headers["Set-Cookie"]
        assert "HttpOnly" in headers["Set-Cookie"] and "SameSite=Strict" in headers["Set-Cookie"]
        assert _get(url + "/static/js/textual.js")[0] == 403
        assert (
            _get(url + "/static/js/textual.js", {"Cookie": f"ddx-token-{port}={token}"})[0] == 200
        )
        # The websocket: the token and the page's own origin, both.
        good = {"Origin": url}
        assert asyncio.run(_refused(f"{url}/ws", good)) == 403
        assert asyncio.run(_refused(f"{url}/ws?token=wrong", good)) == 403
        assert (
            asyncio.run(_refused(f"{url}/ws?token={token}", {"Origin": "http://evil.example"}))
            == 403
        )
        assert asyncio.run(_refused(f"{url}/ws?token={token}", {})) == 403

        async def session() -> str:
            cookie = {"Cookie": f"ddx-token-{port}={token}", **good}
            async with (
                aiohttp.ClientSession() as http,
                http.ws_connect(f"{url}/ws?width=10000&height=3000", headers=cookie) as ws,
            ):
                tab = _Tab(ws)
                assert await tab.until("Goals", 30), tab.seen[-500:]
                # Asked for 10000x3000 on connecting: the session got 500x200.
                assert _rows_and_columns(tab.seen) == (200, 500)
                # The second session at once is refused, and so is the page.
                assert await _refused(f"{url}/ws?token={token}", good) == 503
                status, _, text = await asyncio.to_thread(_get, f"{url}/?token={token}")
                assert status == 503 and b"--max-sessions 1" in text
                # Nor can a resize message grow it past 500x200.
                tab.seen = ""
                await ws.send_json(["resize", {"width": 80, "height": 24}])
                assert await tab.until("\x1b[24;1H", 20)
                tab.seen = ""
                await ws.send_json(["resize", {"width": 100000, "height": 30000}])
                assert await tab.until("\x1b[200;1H", 20)
                await ws.send_json(["stdin", "e"])
                assert await tab.until("saved to", 20), tab.seen[-500:]
                assert _rows_and_columns(tab.seen) == (200, 500)
                await ws.send_json(["stdin", "q"])
                return tab.seen

        seen = asyncio.run(session())
        exports = list((data_home / "ddx" / "exports").glob("ddx-*.csv"))
        assert len(exports) == 1 and list(cwd.iterdir()) == []
        assert f"saved to exports/{exports[0].name}"[:40] in seen
        assert str(tmp_path) not in seen  # no server paths shown to the browser


def test_port_in_use_is_one_line_before_serving(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tui.cli.serve
    from tui.cli import main

    def never(*args: object) -> None:
        raise AssertionError("a server was made (and would say 'serving')")

    monkeypatch.setattr(tui.cli.serve, "make_server", never)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert "serving" not in out
    assert err == f"ddx: cannot listen on 127.0.0.1:{port}: Address already in use\n"


def test_serve_without_textual_serve_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from tui.cli.serve import run_serve
    from tui.core.errors import UsageError

    real_import = builtins.__import__

    def no_serve(name: str, *a: object, **k: object):  # type: ignore[no-untyped-def]
        if name.startswith("textual_serve"):
            raise ModuleNotFoundError(name)
        return real_import(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_serve)
    with pytest.raises(UsageError, match="textual-serve"):
        run_serve(argparse.Namespace())


# -- sessions that end ------------------------------------------------------------------------
def _sessions_of(server_pid: int) -> set[int]:
    """Every process descended from the server (its browser sessions)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            # pid (comm) state ppid ...: comm may hold spaces and parentheses.
            parents[int(entry)] = int(stat[stat.rindex(b")") + 2 :].split()[1])
    found: set[int] = set()
    todo = [server_pid]
    while todo:
        pid = todo.pop()
        kids = {p for p, pp in parents.items() if pp == pid}
        found |= kids
        todo += kids
    return found


def _alive(pids: set[int]) -> set[int]:
    out = set()
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                if f.read().split(b") ", 1)[1][:1] != b"Z":
                    out.add(pid)
        except OSError:
            pass
    return out


def _kill_strays(pids: set[int]) -> None:
    for pid in _alive(pids):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


async def _open_session(url: str, http):  # type: ignore[no-untyped-def]
    """A browser tab's websocket, once the explorer is drawn (retried while the
    site starts listening a moment after the banner)."""
    import aiohttp

    for _ in range(50):
        try:
            ws = await http.ws_connect(f"{url}/ws?width=80&height=24", headers={"Origin": url})
            break
        except aiohttp.ClientConnectorError:
            await asyncio.sleep(0.1)
    else:
        raise AssertionError(f"no answer from {url}")
    tab = _Tab(ws)
    assert await tab.until("Goals", 60), tab.seen[-300:]
    return ws


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
@pytest.mark.slow
def test_a_flooded_session_ends_soon_after_its_socket_closes_and_the_cap_holds() -> None:
    """A browser sends a burst of keys and one 1,000,000-character message,
    then goes: its session process ends within 10 s, and while it lives it
    counts against --max-sessions 1 (no second session runs beside it)."""
    import aiohttp

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with _server("--port", str(port), "--max-sessions", "1") as (proc, line):
        assert "up to 1 session" in line, line
        started: set[int] = set()
        try:

            async def flood() -> float:
                async with aiohttp.ClientSession() as http:
                    ws = await _open_session(url, http)
                    started.update(_sessions_of(proc.pid))
                    assert started, "no session process"
                    with contextlib.suppress(Exception):
                        for _ in range(50):  # more keys than a session can take at once
                            await ws.send_json(["stdin", "j" * 1000])
                        await ws.send_json(["stdin", "j" * 1_000_000])
                        await asyncio.sleep(0.5)
                    await ws.close()
                    return time.monotonic()

            closed = asyncio.run(flood())
            seen_at_once = 0
            while _alive(started) and time.monotonic() < closed + 10:
                status = asyncio.run(_refused(f"{url}/ws", {"Origin": url}))
                # A second session only once the first has ended.
                assert status == 503 or not _alive(started), status
                seen_at_once = max(seen_at_once, len(_alive(_sessions_of(proc.pid))))
                time.sleep(0.2)
            assert not _alive(started), (
                f"session still running {time.monotonic() - closed:.1f} s after its socket closed"
            )
            assert seen_at_once <= 1
            # And the server takes a new session.
            for _ in range(50):
                if asyncio.run(_refused(f"{url}/ws", {"Origin": url})) == 0:
                    break
                time.sleep(0.2)
            else:
                raise AssertionError("the server never took a new session")
        finally:
            _kill_strays(started)


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_every_session_ends_when_the_server_stops(how: signal.Signals) -> None:
    """Stopped with SIGTERM (as a service manager does) or killed outright,
    ``ddx serve`` leaves no session process behind."""
    import aiohttp

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with _server("--port", str(port)) as (proc, _line):
        sessions: set[int] = set()
        try:

            async def open_and_stop() -> None:
                async with aiohttp.ClientSession() as http:
                    ws = await _open_session(url, http)
                    sessions.update(_sessions_of(proc.pid))
                    assert sessions
                    os.kill(proc.pid, how)  # the server alone, not its process group
                    await asyncio.to_thread(proc.wait, 15)
                    await ws.close()

            asyncio.run(open_and_stop())
            end = time.monotonic() + 10
            while _alive(sessions) and time.monotonic() < end:
                time.sleep(0.1)
            assert not _alive(sessions), f"sessions left running after {how.name}"
        finally:
            _kill_strays(sessions)


def test_input_is_capped_per_message_and_per_second() -> None:
    from tui.cli.serve.sessions import InputCap

    now = [0.0]
    cap = InputCap(chars_per_second=100, messages_per_second=10, max_chars=50, clock=lambda: now[0])
    assert not cap.allow(51)  # one message too long: dropped whole
    assert [cap.allow(50) for _ in range(5)] == [True, True, True, True, False]  # 200 chars a burst
    now[0] += 1.0  # a second later, a second's worth again
    assert cap.allow(50) and cap.allow(50) and not cap.allow(50)
    now[0] += 10.0
    assert sum(cap.allow(0) for _ in range(30)) == 20  # messages of any kind: 2 s' worth at most
    assert cap.dropped == 1 + 1 + 1 + 10


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1",
        "http://x:99999",
        "http://a b",
        "http://ex\x9b2Jample.com",
        "http://ex\udc9b2J",
    ],
)
def test_bad_public_url_is_one_line_with_no_raw_control(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    assert main(["serve", "--public-url", url, "--port", str(_free_port())]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("ddx: --public-url") and err.count("\n") == 1, err
    assert not any("\x80" <= ch <= "\x9f" or "\ud800" <= ch <= "\udfff" for ch in err), err
