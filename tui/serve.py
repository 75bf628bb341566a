"""``ddx serve``: the same explorer in a web browser, through textual-serve.

Each browser tab runs its own ``python -m tui --served ...`` session (with the
options given here) and textual-serve relays it over a websocket. The server
listens on 127.0.0.1 (this machine only) unless ``--host`` says otherwise.

What stands between a browser and a session (``DDXServer``, a textual-serve
``Server`` with one aiohttp middleware; textual-serve's own code is untouched):

- the websocket's Origin must be the served page's own origin (the public URL,
  plus localhost/127.0.0.1/[::1] when listening on loopback), so another web
  page the user visits cannot open sessions and type into them;
- off loopback (or with ``--require-token``) every request needs a random
  token, given in the printed URL and then kept in a cookie for the page's own
  requests (the page's websocket URL cannot carry it);
- at most ``--max-sessions`` session processes are alive at once (processes,
  not sockets: one still ending counts), and no browser can make a session's
  terminal bigger than ``MAX_WIDTH`` x ``MAX_HEIGHT`` cells;
- what a browser types is capped (``InputCap``): a websocket message of more
  than ``MAX_WS_MESSAGE`` bytes closes the socket, a stdin message of more
  than ``MAX_STDIN_CHARS`` characters is dropped, and so is what goes over
  ``STDIN_CHARS_PER_SECOND`` or ``MESSAGES_PER_SECOND``;
- sessions end (``session_socket``, ``end_process``): each runs in its own process group, asked to
  quit when its socket closes, then SIGTERM, then SIGKILL after a short grace,
  however busy it is; when the server stops (Ctrl+C, SIGTERM) every session
  is ended the same way, and on Linux a session also gets SIGKILL from the
  kernel if the server dies without a word (``prctl(PR_SET_PDEATHSIG)``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hmac
import ipaddress
import logging
import os
import re
import secrets
import shlex
import signal
import socket
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .core.errors import UsageError
from .i18n import _

if TYPE_CHECKING:
    from aiohttp import web

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 8
# The biggest terminal a browser may ask for: more than a 4K screen at a small
# font. Textual's web driver takes any size it is sent, and a session's memory
# grows with it (10000x3000 cells took 945 MB).
MAX_WIDTH = 500
MAX_HEIGHT = 200
WILDCARD_HOSTS = ("", "0.0.0.0", "::")
# What a browser may send. A key is a few bytes and a mouse move about ten, a
# paste of a caption or a search a few hundred; a million-character message
# once kept a session at 100% CPU and 2.6 GB for minutes.
MAX_WS_MESSAGE = 64 * 1024  # bytes of one websocket message; more closes the socket
MAX_STDIN_CHARS = 1024  # one stdin message longer than this is dropped whole
STDIN_CHARS_PER_SECOND = 2048  # and stdin over this rate (bursts of twice it) too
MESSAGES_PER_SECOND = 100  # messages of any kind (bursts of twice it)
# How a session ends once its socket has closed: asked to quit, then SIGTERM
# to its process group, then SIGKILL; each step waits this long.
QUIT_GRACE = 1.0
TERM_GRACE = 1.5
CLOSE_GRACE = 2.0  # for a browser to answer the socket's closing

log = logging.getLogger("ddx.serve")


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def reachable_name(host: str = "0.0.0.0") -> str:
    """What other machines can call this one when listening on all addresses
    (``--host 0.0.0.0`` / ``::``): an address this machine's name resolves to
    that is neither loopback nor link-local (of the family listened on), else
    the bare name; ``--public-url`` overrides either."""
    name = socket.gethostname()
    family = {"0.0.0.0": socket.AF_INET, "::": socket.AF_INET6}.get(host, socket.AF_UNSPEC)
    try:
        infos = socket.getaddrinfo(name, None, family, socket.SOCK_STREAM)
    except OSError:
        return name
    for info in infos:
        address = str(info[4][0])
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            continue
        if not (ip.is_loopback or ip.is_link_local or ip.is_unspecified):
            return address
    return name


def _is_address(host: str | None) -> bool:
    try:
        ipaddress.ip_address(host or "")
    except ValueError:
        return False
    return True


def public_url(host: str, port: int) -> str:
    """The URL browsers use when ``--public-url`` is not given."""
    shown = reachable_name(host) if host in WILDCARD_HOSTS else host
    return f"http://{_bracketed(shown)}:{port}"


def origin_of(url: str) -> str:
    """A URL's origin as a browser sends it in the Origin header."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    default = {"http": 80, "https": 443}.get(scheme)
    where = _bracketed(host) + (f":{port}" if port and port != default else "")
    return f"{scheme}://{where}"


def check_public_url(url: str) -> str:
    """The ``--public-url`` as given, less a trailing slash; a UsageError (one
    line, the URL shown escaped) for anything a browser could not open as it
    is printed: a bad scheme, host or port, a space or a control character."""
    from .core.text import find_unsafe, visible

    # A byte that is not UTF-8 arrives as a lone surrogate (U+DC80-DCFF): shown as \x9b.
    try:
        raw = url.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = url.encode("utf-8", "surrogatepass")
    shown = visible(raw.decode("utf-8", "backslashreplace"))
    if find_unsafe(url) or any(ch.isspace() or "\ud800" <= ch <= "\udfff" for ch in url):
        raise UsageError(f"--public-url holds a space or control character: '{shown}'")
    try:
        parts = urlsplit(url)
        port = parts.port  # checks the port is a number in 0-65535
    except ValueError as exc:
        raise UsageError(f"--public-url is not a URL ({exc}): '{shown}'") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--public-url must be an http:// or https:// URL, not '{shown}'")
    if port == 0:
        raise UsageError(f"--public-url has port 0: '{shown}'")
    if parts.query or parts.fragment:
        raise UsageError(f"--public-url takes no ?query or #fragment: '{shown}'")
    return url.rstrip("/")


@dataclass
class Guard:
    """Who may use the server, and how much."""

    origins: frozenset[str]
    token: str | None = None
    max_sessions: int = DEFAULT_MAX_SESSIONS
    cookie: str = "ddx-token"
    secure: bool = False  # the cookie only over https
    # Session processes alive (started and not yet reaped), and sockets
    # admitted whose process is being started: together, what the cap counts.
    live: set[Any] = field(default_factory=set, init=False)
    starting: int = field(default=0, init=False)

    @property
    def sessions(self) -> int:
        return len(self.live) + self.starting

    def full(self) -> bool:
        return self.sessions >= self.max_sessions

    def has_token(self, request: web.Request) -> bool:
        if self.token is None:
            return True
        given = request.query.get("token") or request.cookies.get(self.cookie) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    def origin_ok(self, origin: str | None) -> bool:
        # Browsers always send Origin on a websocket; a client without one is
        # not a browser page and is refused too (it could send any Origin, but
        # then it has to mean it).
        return origin is not None and origin.lower().rstrip("/") in self.origins


def guard_for(host: str, port: int, url: str, *, require_token: bool, max_sessions: int) -> Guard:
    origins = {origin_of(url)}
    if is_loopback(host):
        origins |= {f"http://{h}:{port}" for h in ("127.0.0.1", "localhost", "[::1]")}
    # A token whenever the server is not for this machine only: a non-loopback
    # address, or a public URL elsewhere (a proxy in front of a loopback server).
    needs = require_token or not is_loopback(host) or not is_loopback(urlsplit(url).hostname)
    return Guard(
        origins=frozenset(origins),
        token=secrets.token_urlsafe(24) if needs else None,
        max_sessions=max_sessions,
        cookie=f"ddx-token-{port}",  # cookies are per host, not per port
        secure=url.startswith("https:"),
    )


def clamp_size(width: object, height: object) -> tuple[int, int] | None:
    """A terminal size a browser asked for, within bounds; None if it is not one."""
    try:
        w, h = int(width), int(height)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return None
    return min(max(w, 1), MAX_WIDTH), min(max(h, 1), MAX_HEIGHT)


class SizeCap:
    """Stands in for textual-serve's AppService while it relays a browser's
    messages: a resize is clamped (a bad one is dropped), all else passes."""

    def __init__(self, service: Any) -> None:
        self._service = service

    def __getattr__(self, name: str) -> Any:
        return getattr(self._service, name)

    async def set_terminal_size(self, width: object, height: object) -> None:
        size = clamp_size(width, height)
        if size is not None:
            await self._service.set_terminal_size(*size)


class InputCap:
    """How much a browser may send a session: token buckets on messages and on
    stdin characters (``allow``), and a cap on one stdin message. What goes
    over is dropped (and logged once): keys cost a session CPU however they
    arrive, and a browser has no reason to send more."""

    def __init__(
        self,
        *,
        chars_per_second: float = STDIN_CHARS_PER_SECOND,
        messages_per_second: float = MESSAGES_PER_SECOND,
        max_chars: int = MAX_STDIN_CHARS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rates = (messages_per_second, chars_per_second)
        self.tokens = [2 * messages_per_second, 2 * chars_per_second]
        self.max_chars = max_chars
        self.clock = clock
        self.last = clock()
        self.dropped = 0

    def allow(self, chars: int = 0) -> bool:
        """May a message carrying ``chars`` characters of stdin pass now?"""
        now = self.clock()
        elapsed, self.last = max(0.0, now - self.last), now
        for i, rate in enumerate(self.rates):
            self.tokens[i] = min(2 * rate, self.tokens[i] + elapsed * rate)
        if chars > self.max_chars or self.tokens[0] < 1 or self.tokens[1] < chars:
            self.dropped += 1
            return False
        self.tokens[0] -= 1
        self.tokens[1] -= chars
        return True


async def relay_messages(websocket: Any, service: Any, cap: InputCap) -> None:
    """textual-serve's loop over a browser's messages, with ``cap`` on what it
    sends and every resize clamped (``SizeCap``); malformed messages dropped."""
    from aiohttp import WSMsgType

    service = SizeCap(service)
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = message.json()
            kind = envelope[0]
        except (ValueError, TypeError, IndexError, KeyError):
            continue
        data = envelope[1] if len(envelope) > 1 else None
        chars = len(data) if kind == "stdin" and isinstance(data, str) else 0
        if not cap.allow(chars):
            if cap.dropped == 1:
                log.warning("ddx: a browser sent more than a session takes; dropping the excess")
            continue
        if kind == "stdin" and isinstance(data, str):
            await service.send_bytes(data.encode("utf-8", "replace"))
        elif kind == "resize" and isinstance(data, dict):
            await service.set_terminal_size(data.get("width"), data.get("height"))
        elif kind == "ping":
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()


def _parent_death_signal() -> Callable[[], None] | None:
    """On Linux, a function for the child between fork and exec that asks the
    kernel to SIGKILL it when the server dies (prctl PR_SET_PDEATHSIG), so no
    session outlives a server killed without a chance to end them; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()
    pr_set_pdeathsig = 1

    def die_with_parent() -> None:
        prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the server died before the line above
            os._exit(1)

    return die_with_parent


async def spawn_session(command: str, env: dict[str, str]) -> asyncio.subprocess.Process:
    """Start one session: its own process group (so it and anything it starts
    are signalled together, and Ctrl+C at the server's terminal is the
    server's to handle), killed by the kernel if the server dies (Linux)."""
    return await asyncio.create_subprocess_exec(
        *shlex.split(command),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
        start_new_session=True,
        preexec_fn=_parent_death_signal(),
    )


def _signal_group(process: Any, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


async def end_process(process: Any, service: Any = None) -> None:
    """End a session's process, however busy: ask it to quit (``service``),
    then SIGTERM its group, then SIGKILL; returns once it is reaped."""
    if service is not None and process.returncode is None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(service.send_meta({"type": "quit"}), QUIT_GRACE)
            await asyncio.wait_for(process.wait(), QUIT_GRACE)
    for sig, grace in ((signal.SIGTERM, TERM_GRACE), (signal.SIGKILL, None)):
        if process.returncode is not None:
            break
        _signal_group(process, sig)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), grace)


def kill_all(guard: Guard) -> None:
    """SIGKILL every session's process group now (the server is exiting)."""
    for process in list(guard.live):
        if process.returncode is None:
            _signal_group(process, signal.SIGKILL)


def app_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each browser session."""
    argv = [sys.executable, "-m", "tui", "--served"]
    for d in getattr(args, "data", None) or []:
        argv += ["--data", str(d.resolve())]
    if args.ascii:
        argv.append("--ascii")
    if args.no_mouse:
        argv.append("--no-mouse")
    argv += ["--theme", args.theme]
    from .i18n import current_language

    if current_language() != "en":  # each browser session in the language ddx serve chose
        argv += ["--lang", current_language()]
    if args.start:
        argv += ["--start", args.start]
    tour = getattr(args, "tour", None)
    if getattr(args, "demo", False) or tour is not None:
        argv.append("--demo")
        if getattr(args, "interval", None):
            argv += ["--interval", str(args.interval)]
        if tour is not None:
            argv += ["--tour", str(tour.resolve())]
            if getattr(args, "notes", False):
                argv.append("--notes")
    return shlex.join(argv)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 1-65535, not {port}")
    return port


def _sessions(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def _check(args: argparse.Namespace) -> None:
    """Catch bad options once, here, rather than in every browser session."""
    from .cli import check_start, load_dataset
    from .theme import THEME_ALIASES, THEMES

    if THEME_ALIASES.get(args.theme, args.theme) not in THEMES:
        raise UsageError(
            _("unknown theme {theme!r}; choose dark or light").format(theme=args.theme)
        )
    ds = load_dataset(args)
    if args.start:
        check_start(ds, args.start)
    if getattr(args, "tour", None) is not None:
        from .tour.model import load_tour, vocabulary

        load_tour(args.tour, vocabulary(ds))


def check_bind(host: str, port: int) -> None:
    """Bind (and let go of) every address aiohttp will listen on, so a port in
    use or a bad host is one line before anything says "serving"."""
    try:
        infos = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
        for family, kind, proto, _canonname, address in dict.fromkeys(infos):
            with socket.socket(family, kind, proto) as s:
                # As asyncio's create_server does, so the test means the same.
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if family == socket.AF_INET6:
                    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                s.bind(address)
    except OSError as exc:
        raise UsageError(
            _("cannot listen on {host}:{port}: {why}").format(
                host=host, port=port, why=exc.strerror or exc
            )
        ) from None


def make_server(command: str, host: str, port: int, url: str, guard: Guard, banner: str) -> Any:
    """A textual-serve Server behind ``guard``."""
    from aiohttp import web
    from textual_serve.server import Server

    def refuse(status: type[web.HTTPException], text: str, request: web.Request) -> None:
        log.warning(
            "ddx: refused %s %s from %s: %s", request.method, request.path, request.remote, text
        )
        raise status(text=f"ddx: {text}\n")

    @web.middleware
    async def guard_requests(
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        if not guard.has_token(request):
            refuse(
                web.HTTPForbidden,
                "this server needs its token: open the URL `ddx serve` printed",
                request,
            )
        route = request.match_info.route.name  # textual-serve's names for its routes
        full = guard.full()
        busy = f"the server is full (--max-sessions {guard.max_sessions}); try again later"
        if route == "websocket":
            origin = request.headers.get("Origin")
            if not guard.origin_ok(origin):
                refuse(web.HTTPForbidden, f"no sessions for pages from {origin}", request)
            if full:
                refuse(web.HTTPServiceUnavailable, busy, request)
            size = clamp_size(
                request.query.get("width", "80"), request.query.get("height", "24")
            ) or (80, 24)
            query = {**request.query, "width": str(size[0]), "height": str(size[1])}
            return await handler(request.clone(rel_url=request.rel_url.with_query(query)))
        if route == "index" and full:
            refuse(web.HTTPServiceUnavailable, busy, request)
        response = await handler(request)
        if guard.token is not None and request.query.get("token"):
            # The page's own requests (its websocket, scripts) carry the
            # token as a cookie; its URL never leaves in a Referer.
            response.set_cookie(
                guard.cookie,
                guard.token,
                httponly=True,
                samesite="Strict",
                secure=guard.secure,
            )
            response.headers["Referrer-Policy"] = "no-referrer"
        return response

    class DDXServer(Server):
        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(guard_requests)
            use_offline_page(app, self.templates_path)
            return app

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            return await session_socket(self, guard, request)

        async def on_startup(self, app: object) -> None:
            say(banner)

        async def on_shutdown(self, app: object) -> None:
            await end_all_sessions(guard)

        def serve(self, debug: bool = False) -> None:
            try:
                super().serve(debug)
            finally:
                kill_all(guard)

    return DDXServer(command, host=host, port=port, title="ddx", public_url=url)


def session_service(server: Any, guard: Guard, websocket: Any) -> Any:
    """textual-serve's AppService for one browser tab, its process started by
    ``spawn_session`` and counted in ``guard.live`` until reaped."""
    from textual_serve.app_service import AppService

    class SessionService(AppService):
        async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
            env = self._build_environment(width=width, height=height)
            self._process = process = await spawn_session(self.command, env)
            guard.live.add(process)
            self._stdin = process.stdin
            return process

    return SessionService(
        server.command,
        write_bytes=websocket.send_bytes,
        write_str=websocket.send_str,
        close=websocket.close,
        download_manager=server.download_manager,
        debug=server.debug,
    )


async def session_socket(server: Any, guard: Guard, request: web.Request) -> web.WebSocketResponse:
    """One browser tab: its websocket (messages capped), its session process,
    and the end of that process within seconds of the socket closing."""
    from aiohttp import web

    if guard.full():  # checked again: the middleware's check and this are one step
        raise web.HTTPServiceUnavailable(text="ddx: the server is full; try again later\n")
    guard.starting += 1
    # timeout: how long closing waits for the browser's reply (aiohttp: 10 s),
    # which a stopping server would otherwise wait for each silent tab.
    websocket = web.WebSocketResponse(
        heartbeat=15, max_msg_size=MAX_WS_MESSAGE, timeout=CLOSE_GRACE
    )
    service = None
    try:
        await websocket.prepare(request)
        service = session_service(server, guard, websocket)
        width, height = clamp_size(
            request.query.get("width", "80"), request.query.get("height", "24")
        ) or (80, 24)
        try:
            await service.start(width, height)
        finally:
            guard.starting -= 1
        await relay_while_alive(websocket, service)
    except asyncio.CancelledError:
        pass
    except Exception as error:  # noqa: BLE001 (textual-serve logs and goes on, as here)
        log.exception(error)
    finally:
        if service is None:
            guard.starting -= 1
        else:
            await asyncio.shield(end_session(service, guard))
        with contextlib.suppress(Exception):
            await websocket.close()
    return websocket


async def relay_while_alive(websocket: Any, service: Any) -> None:
    """Relay the browser's messages (capped) until the socket closes or the
    session's process ends (killed, or the server stopping): then the socket
    is closed too, not left open until the browser's heartbeat fails."""
    relay = asyncio.ensure_future(relay_messages(websocket, service, InputCap()))
    ended = asyncio.ensure_future(service._process.wait())
    try:
        await asyncio.wait({relay, ended}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        ended.cancel()
        if not relay.done():
            with contextlib.suppress(Exception):
                await websocket.close()
            relay.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await relay


async def end_session(service: Any, guard: Guard) -> None:
    """A browser tab has gone: its process ends (``end_process``), its
    downloads are cancelled, and it stops counting against the cap."""
    process = service._process
    with contextlib.suppress(Exception):
        await service._download_manager.cancel_app_downloads(app_service_id=service.app_service_id)
    if process is not None:
        try:
            await end_process(process, service)
        finally:
            guard.live.discard(process)
    task = service._task
    if task is not None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, QUIT_GRACE)


async def end_all_sessions(guard: Guard) -> None:
    """The server is stopping: end every session at once."""
    await asyncio.gather(*(end_process(p) for p in list(guard.live)), return_exceptions=True)


def say(text: str, stream: Any = None) -> None:
    """Print a line that may hold a URL or host name the user or the network
    gave: untrusted text, so through ddx's one escaping path (tui/textsafe.py)."""
    from .textsafe import for_terminal

    print(for_terminal(text), file=stream or sys.stdout, flush=True)


# -- a page that needs no internet ---------------------------------------------------------
# textual-serve's page asks fonts.googleapis.com for Roboto Mono: in a classroom
# without internet (or behind a firewall that drops packets) the page waits on
# it before it draws. textual-serve ships the font itself (static/fonts/), so
# the page is given a @font-face for that copy instead of the link.
_OUTSIDE_LINK = re.compile(r"<link\b[^>]*\bhref=\"https?://[^\"]*\"[^>]*>\s*", re.I | re.S)
LOCAL_FONT = """<style>
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
        font-weight: 100 700;
        font-style: normal;
      }
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype");
        font-weight: 100 700;
        font-style: italic;
      }
    </style>
"""


def offline_page(template: str) -> str:
    """textual-serve's page template with every stylesheet from another site
    replaced by the font it ships."""
    page = _OUTSIDE_LINK.sub("", template)
    return page.replace("</head>", LOCAL_FONT + "  </head>", 1)


def use_offline_page(app: Any, templates_path: Any) -> None:
    """Render textual-serve's page through ``offline_page`` (its other
    templates, if any, as they are)."""
    import aiohttp_jinja2
    import jinja2

    files = jinja2.FileSystemLoader(templates_path)

    def load(name: str) -> str | None:
        source, _path, _uptodate = files.get_source(jinja2.Environment(), name)
        return offline_page(source) if name == "app_index.html" else source

    aiohttp_jinja2.setup(app, loader=jinja2.FunctionLoader(load))


def run_serve(args: argparse.Namespace) -> int:
    try:
        from textual_serve.server import Server  # noqa: F401
    except ModuleNotFoundError:
        raise UsageError(
            _("ddx serve needs textual-serve: pip install 'ddx[serve]' (or textual-serve)")
        ) from None
    _check(args)
    given = args.public_url
    url = check_public_url(given) if given else public_url(args.host, args.port)
    guard = guard_for(
        args.host,
        args.port,
        url,
        require_token=args.require_token,
        max_sessions=args.max_sessions,
    )
    check_bind(args.host, args.port)
    if not given and args.host in WILDCARD_HOSTS and not _is_address(urlsplit(url).hostname):
        say(
            "ddx: "
            + _(
                "found no network address for this machine; if browsers cannot open {url}, "
                "pass --public-url"
            ).format(url=url),
            sys.stderr,
        )
    shown = f"{url}/?token={guard.token}" if guard.token else url
    if guard.token is None:
        who = _("this machine only")
    elif is_loopback(args.host):
        who = _("anyone with this URL")
    else:
        who = _("anyone with this URL who can reach it")
    banner = "ddx: " + _(
        "serving the explorer on {url} ({who}; up to {n} sessions); Ctrl+C stops"
    ).format(url=shown, who=who, n=guard.max_sessions)
    server = make_server(app_command(args), args.host, args.port, url, guard, banner)
    try:
        server.serve()
    except OSError as exc:
        raise UsageError(
            _("cannot listen on {host}:{port}: {why}").format(
                host=args.host, port=args.port, why=exc.strerror or exc
            )
        ) from None
    return 0


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    add_data: Callable[[argparse.ArgumentParser], None],
    add_tui: Callable[[argparse.ArgumentParser], None],
) -> None:
    p = sub.add_parser(
        "serve",
        help=_("serve the explorer to a web browser (textual-serve)"),
        description=_(
            "Serve the explorer to web browsers with textual-serve: each browser "
            "tab gets its own session. Listens on 127.0.0.1 (this machine only) unless --host "
            "is given; then the printed URL carries a secret token that browsers need."
        ),
    )
    add_data(p)
    add_tui(p)
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=_("address to listen on (default {host})").format(host=DEFAULT_HOST),
    )
    p.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=_("port (default {port})").format(port=DEFAULT_PORT),
    )
    p.add_argument(
        "--public-url",
        metavar="URL",
        help=_(
            "the URL browsers use, if not http://HOST:PORT (a proxy; for --host 0.0.0.0 "
            "the default uses this machine's name)"
        ),
    )
    p.add_argument(
        "--max-sessions",
        metavar="N",
        type=_sessions,
        default=DEFAULT_MAX_SESSIONS,
        help=_("browser sessions at once (default {n})").format(n=DEFAULT_MAX_SESSIONS),
    )
    p.add_argument(
        "--require-token",
        action="store_true",
        help=_("require the URL's token on loopback too (a machine shared with others)"),
    )
    p.add_argument("--demo", action="store_true", help=_("serve the guided tour (ddx demo)"))
    from pathlib import Path

    from .cli.explorer import positive_seconds

    # SUPPRESS: `ddx --tour F serve` keeps the top-level value.
    p.add_argument(
        "--tour",
        metavar="FILE",
        type=Path,
        default=argparse.SUPPRESS,
        help=_("serve this tour file (ddx demo --tour FILE)"),
    )
    p.add_argument(
        "--notes",
        action="store_true",
        default=argparse.SUPPRESS,
        help=_("with --tour: show the presenter notes line"),
    )
    p.add_argument(
        "--interval",
        metavar="SECONDS",
        type=positive_seconds,
        default=argparse.SUPPRESS,
        help=_("with --demo or --tour: advance every SECONDS"),
    )
    p.set_defaults(handler=run_serve)
