"""The ``ddx`` subcommands (rankings, country, goals, sources, ...)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

AddOptions = Callable[[argparse.ArgumentParser], None]


def register(sub: argparse._SubParsersAction, add_data: AddOptions, add_tui: AddOptions) -> None:  # type: ignore[type-arg]
    """Add every subcommand to the ``ddx`` parser.

    Data commands live here; ``demo`` and ``serve`` live beside the code they
    drive (tui/demo.py, tui/serve.py) and register themselves through it.
    """
    import importlib

    for module in ("tui.demo", "tui.serve"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        mod.register(sub, add_data, add_tui)
