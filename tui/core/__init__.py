"""The data core: Polars and the standard library only (a test checks that no
Textual module is imported from here)."""

from .dataset import Dataset
from .errors import DataError, UsageError
from .schema import FOCUS, INDICES, TABLES

__all__ = ["FOCUS", "INDICES", "TABLES", "DataError", "Dataset", "UsageError"]
