"""Reusable widgets: keyboard lists and tables, the timeline's Gantt, the map, the
Infrastructure pane's rank tables, the key bar (whole hints only) and text that
wraps with hanging indents. (The chart widget is in tui/charts/.)"""
