"""One error type for bad input, so every entry point can print it as one line."""

from __future__ import annotations

from pathlib import Path

from .text import visible


class DataError(Exception):
    """A problem in a data file, located as precisely as the format allows.

    ``line`` and ``column`` are 1-based (the header is line 1; column is the
    field number). For Parquet files ``line`` is the 1-based row number.

    The path and message are shown through ``text.visible``: a file name or a
    quoted cell holding ESC or a bidi override prints as ``\\x1b`` /
    ``\\u202e``, never as the character itself, and always on one line.
    """

    def __init__(
        self,
        path: str | Path,
        message: str,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.path = str(path)
        self.message = message
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return visible(f"{where}: {self.message}")


class UsageError(Exception):
    """A bad value given by the user on the command line (unknown country, year...)."""

    def __str__(self) -> str:
        # The bad value is echoed back: shown inert, like a DataError's.
        return visible(super().__str__())
