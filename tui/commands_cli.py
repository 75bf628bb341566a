"""The ``ddx`` subcommands (rankings, country, goals, sources, ...)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

AddOptions = Callable[[argparse.ArgumentParser], None]


def register(sub: argparse._SubParsersAction, add_data: AddOptions, add_tui: AddOptions) -> None:  # type: ignore[type-arg]
    """Add every subcommand to the ``ddx`` parser."""
