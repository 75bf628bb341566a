"""Reusable widgets: charts, keyboard lists, figure cards."""
