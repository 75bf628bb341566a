"""A stand-in for Textual's LinuxDriver under tui.wire's lean driver: it keeps
what would reach the writer thread, so tests read the bytes ddx sends."""

from __future__ import annotations


class RecordingDriver:
    def __init__(self, app: object) -> None:
        self._app = app
        self.written: list[str] = []

    def write(self, data: str) -> None:
        self.written.append(data)

    def start_application_mode(self) -> None:
        pass
