"""Modal screens: help and provenance."""
