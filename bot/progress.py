"""A small progress bar for terminal work: a live bar on a terminal, a few plain lines otherwise."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """`with Progress("Extracting", total) as p: p.advance()` — writes to stderr."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None, width: int = 28) -> None:
        self.label = label
        self.total = max(total, 0)
        self.done = 0
        self.stream = stream or sys.stderr
        self.width = width
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last_pct = -1

    def __enter__(self) -> Progress:
        self._draw()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live:
            self.stream.write("\n")
            self.stream.flush()

    def advance(self, n: int = 1) -> None:
        """Count `n` more items done and redraw."""
        self.done = min(self.done + n, self.total) if self.total else self.done + n
        self._draw()

    def _draw(self) -> None:
        pct = 100 if not self.total else int(100 * self.done / self.total)
        if self.live:
            filled = self.width * pct // 100
            bar = "█" * filled + "·" * (self.width - filled)
            self.stream.write(f"\r{self.label:<12} [{bar}] {self.done}/{self.total}")
            self.stream.flush()
        elif pct // 25 != self._last_pct // 25 or self.done == self.total:
            # Without a terminal, a line at 0/25/50/75/100 % keeps logs readable.
            if pct != self._last_pct:
                self.stream.write(f"{self.label}: {self.done}/{self.total}\n")
        self._last_pct = pct
