"""``ddx serve``'s sessions: one process per browser tab, what a browser may
send it, and how it ends (asked to quit, then SIGTERM, then SIGKILL, and on
Linux killed by the kernel if the server dies).

Standard library only at import; textual-serve and aiohttp load inside the
functions that run when a tab connects.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shlex
import signal
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .guard import Guard, clamp_size

if TYPE_CHECKING:
    from aiohttp import web

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
