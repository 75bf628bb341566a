"""ddx, the Digital Diplomacy Explorer."""

__version__ = "0.1.0"
