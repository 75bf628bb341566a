"""Who may use ``ddx serve``, and how much: the served page's origin, the
token off loopback, the cap on sessions and on a terminal's size, and the URL
browsers are given.

Standard library only (aiohttp is named in type hints alone).
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ...core.errors import UsageError

if TYPE_CHECKING:
    from aiohttp import web

DEFAULT_MAX_SESSIONS = 8
# The biggest terminal a browser may ask for: more than a 4K screen at a small
# font. Textual's web driver takes any size it is sent, and a session's memory
# grows with it (10000x3000 cells took 945 MB).
MAX_WIDTH = 500
MAX_HEIGHT = 200
WILDCARD_HOSTS = ("", "0.0.0.0", "::")


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
    from ...core.text import find_unsafe, visible

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
