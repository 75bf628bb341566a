"""The data core: Polars and the standard library only (a test checks that no
Textual module is imported from here). Importing it does not import Polars:
that waits until a table is first loaded (see Dataset.records)."""

from .dataset import Dataset
from .errors import DataError, UsageError
from .schema import FOCUS, INDICES, TABLES

__all__ = ["FOCUS", "INDICES", "TABLES", "DataError", "Dataset", "UsageError"]
