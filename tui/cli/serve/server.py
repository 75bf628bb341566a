"""``ddx serve``'s server: textual-serve's ``Server`` with the guard as an
aiohttp middleware, its sessions from ``sessions`` and its page from ``page``;
and the checks and the line printed before it starts.

Standard library only at import; textual-serve and aiohttp load in
``make_server``.
"""

from __future__ import annotations

import logging
import socket
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from ...core.errors import UsageError
from ...i18n import _
from .guard import Guard, clamp_size
from .page import use_offline_page
from .sessions import end_all_sessions, kill_all, session_socket

if TYPE_CHECKING:
    from aiohttp import web

log = logging.getLogger("ddx.serve")


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


def say(text: str, stream: Any = None) -> None:
    """Print a line that may hold a URL or host name the user or the network
    gave: untrusted text, so through ddx's one escaping path (tui/textsafe.py)."""
    from ...textsafe import for_terminal

    print(for_terminal(text), file=stream or sys.stdout, flush=True)
