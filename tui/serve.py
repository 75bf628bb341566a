"""``ddx serve``: the same explorer in a web browser, through textual-serve.

Each browser tab runs its own ``python -m tui ...`` session (with the options
given here) and textual-serve relays it over a websocket. The server listens
on 127.0.0.1 (this machine only) unless ``--host`` says otherwise: anyone who
can reach the address can use the app.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from collections.abc import Callable

from .core.errors import UsageError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def public_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"  # an IPv6 address
    return f"http://{shown}:{port}"


def app_command(args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each browser session."""
    argv = [sys.executable, "-m", "tui"]
    for d in getattr(args, "data", None) or []:
        argv += ["--data", str(d.resolve())]
    if args.ascii:
        argv.append("--ascii")
    if args.no_mouse:
        argv.append("--no-mouse")
    argv += ["--theme", args.theme]
    if args.start:
        argv += ["--start", args.start]
    if getattr(args, "demo", False):
        argv.append("--demo")
        if getattr(args, "interval", None):
            argv += ["--interval", str(args.interval)]
    return shlex.join(argv)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 1-65535, not {port}")
    return port


def _check(args: argparse.Namespace) -> None:
    """Catch bad options once, here, rather than in every browser session."""
    from .cli import _check_start, load_dataset
    from .theme import THEME_ALIASES, THEMES

    if THEME_ALIASES.get(args.theme, args.theme) not in THEMES:
        raise UsageError(f"unknown theme {args.theme!r}; choose dark or light")
    ds = load_dataset(args)
    if args.start:
        _check_start(ds, args.start)


def run_serve(args: argparse.Namespace) -> int:
    try:
        from textual_serve.server import Server
    except ModuleNotFoundError:
        raise UsageError(
            "ddx serve needs textual-serve: pip install 'ddx[serve]' (or textual-serve)"
        ) from None
    _check(args)
    url = args.public_url or public_url(args.host, args.port)
    command = app_command(args)

    class DDXServer(Server):
        async def on_startup(self, app: object) -> None:
            where = "this machine only" if is_loopback(args.host) else "ANYONE who can reach it"
            print(f"ddx: serving the explorer on {url} ({where}); Ctrl+C stops", flush=True)

    server = DDXServer(command, host=args.host, port=args.port, title="ddx", public_url=url)
    try:
        server.serve()
    except OSError as exc:
        raise UsageError(
            f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}"
        ) from None
    return 0


def register(sub: argparse._SubParsersAction, add_data: Callable, add_tui: Callable) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "serve",
        help="serve the explorer to a web browser (textual-serve)",
        description="Serve the explorer to web browsers with textual-serve: each browser "
        "tab gets its own session. Listens on 127.0.0.1 (this machine only) unless --host "
        "is given.",
    )
    add_data(p)
    add_tui(p)
    p.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})"
    )
    p.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the URL browsers use, if not http://HOST:PORT (a proxy)",
    )
    p.add_argument("--demo", action="store_true", help="serve the guided tour (ddx demo)")
    p.set_defaults(handler=run_serve)
