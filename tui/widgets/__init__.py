"""Reusable widgets: keyboard lists and tables, the timeline's Gantt, the map, the
Infrastructure pane's rank tables. (The chart widget is in tui/charts/.)"""
