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
- at most ``--max-sessions`` sessions run at once, and no browser can make a
  session's terminal bigger than ``MAX_WIDTH`` x ``MAX_HEIGHT`` cells.
"""

from __future__ import annotations

import argparse
import hmac
import ipaddress
import logging
import secrets
import shlex
import socket
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast
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
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--public-url must be an http:// or https:// URL, not {url!r}")
    if parts.query or parts.fragment:
        raise UsageError(f"--public-url takes no ?query or #fragment: {url!r}")
    return url.rstrip("/")


@dataclass
class Guard:
    """Who may use the server, and how much."""

    origins: frozenset[str]
    token: str | None = None
    max_sessions: int = DEFAULT_MAX_SESSIONS
    cookie: str = "ddx-token"
    secure: bool = False  # the cookie only over https
    sessions: int = field(default=0, init=False)

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
        full = guard.sessions >= guard.max_sessions
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
            guard.sessions += 1
            try:
                return await handler(request.clone(rel_url=request.rel_url.with_query(query)))
            finally:
                guard.sessions -= 1
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
            return app

        async def _process_messages(self, websocket: Any, app_service: Any) -> None:
            await super()._process_messages(websocket, cast(Any, SizeCap(app_service)))

        async def on_startup(self, app: object) -> None:
            print(banner, flush=True)

    return DDXServer(command, host=host, port=port, title="ddx", public_url=url)


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
        print(
            "ddx: "
            + _(
                "found no network address for this machine; if browsers cannot open {url}, "
                "pass --public-url"
            ).format(url=url),
            file=sys.stderr,
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
