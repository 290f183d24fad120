"""Terminal status for long work: a live line on a terminal, sparse log lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Status:
    """``update`` rewrites one status line on a TTY (at most 10 times a second). When stderr
    is not a terminal (a log, a pipe), short work prints nothing and long work prints a line
    every few seconds, so logs stay readable and an error stays the only line."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False,
                 interval_s: float = 5.0) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.interval_s = 0.1 if self.tty else interval_s
        self._last = time.monotonic() if not self.tty else 0.0
        self._shown = False

    def update(self, text: str, force: bool = False) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        if (not force or not self.tty) and now - self._last < self.interval_s:
            return
        self._last = now
        if self.tty:
            self.stream.write("\r\x1b[2K" + text)
            self._shown = True
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def done(self, text: str | None = None) -> None:
        if self.quiet:
            return
        if self.tty and self._shown:
            self.stream.write("\r\x1b[2K")
            self._shown = False
        if text:
            self.stream.write(text + "\n")
        self.stream.flush()

    def say(self, text: str) -> None:
        self.done(text)


def bar(fraction: float, width: int = 24) -> str:
    fraction = min(1.0, max(0.0, fraction))
    full = int(fraction * width)
    return "[" + "#" * full + "-" * (width - full) + f"] {fraction * 100:3.0f}%"
