"""Reusable widgets: keyboard lists and tables, the timeline's Gantt, the map, the
Infrastructure pane's rank tables, the title, tab and key bars, text that
wraps with hanging indents, and the off-screen rehearsal of a hidden pane.
(The chart widget is in tui/charts/.)"""
