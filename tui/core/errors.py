"""One error type for bad input, so every entry point can print it as one line."""

from __future__ import annotations

from pathlib import Path


class DataError(Exception):
    """A problem in a data file, located as precisely as the format allows.

    ``line`` and ``column`` are 1-based (the header is line 1; column is the
    field number). For Parquet files ``line`` is the 1-based row number.
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
        return f"{where}: {self.message}"


class UsageError(Exception):
    """A bad value given by the user on the command line (unknown country, year...)."""
