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

The package, by concern: ``guard`` (who may connect: the origin, the token,
the session cap, the URLs), ``sessions`` (one session process per browser
tab, the caps on what a browser sends, how a session ends), ``page`` (the
page without the internet) and ``server`` (textual-serve's Server behind the
guard); here, the subcommand's options and ``run_serve``. Every module
imports only the standard library at its top: textual-serve and aiohttp load
when the server starts.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from collections.abc import Callable
from urllib.parse import urlsplit

from ...core.errors import UsageError
from ...i18n import _
from .guard import (
    DEFAULT_MAX_SESSIONS,
    WILDCARD_HOSTS,
    check_public_url,
    guard_for,
    is_loopback,
    public_url,
)
from .server import check_bind, make_server, say

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _is_address(host: str | None) -> bool:
    try:
        ipaddress.ip_address(host or "")
    except ValueError:
        return False
    return True


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
    from ...i18n import current_language

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
    from ...theme import THEME_ALIASES, THEMES
    from .. import check_start, load_dataset

    if THEME_ALIASES.get(args.theme, args.theme) not in THEMES:
        raise UsageError(
            _("unknown theme {theme!r}; choose dark or light").format(theme=args.theme)
        )
    ds = load_dataset(args)
    if args.start:
        check_start(ds, args.start)
    if getattr(args, "tour", None) is not None:
        from ...tour.model import load_tour, vocabulary

        load_tour(args.tour, vocabulary(ds))


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

    from ..explorer import positive_seconds

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
