"""A dependency-free terminal progress bar: one carriage-return line on stderr, only on a TTY."""

import sys
import time


class ProgressBar:
    def __init__(self, label: str, stream=None, width: int = 30):
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.monotonic()
        self.last = -1

    def __call__(self, fraction: float) -> None:
        if not self.enabled:
            return
        percent = max(0, min(100, int(fraction * 100)))
        if percent == self.last:
            return
        self.last = percent
        filled = self.width * percent // 100
        elapsed = time.monotonic() - self.started
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label:<18} [{bar}] {percent:3d}% {elapsed:6.1f}s")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.last >= 0:
            self.stream.write("\n")
            self.stream.flush()
