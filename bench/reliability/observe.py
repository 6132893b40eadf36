"""What the suite watches in its own process: log lines, unhandled exceptions, peak memory.

Every log record is formatted as an operator would see it (after the bot's own filters) and
scanned for the secrets at once, so nothing large is kept; records with a traceback at ERROR or
above, loop exceptions and thread exceptions count as unhandled.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import sys
import threading
from typing import Any

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# PTB's request layer logs a traceback and then raises the same error to its caller, which
# handles it (the sender retries); a traceback left unhandled shows up from the caller instead.
LOG_THEN_RAISE = ("telegram.request",)


class Watcher(logging.Handler):
    """A root log handler that counts leaks and tracebacks; keeps a few examples for the report."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        super().__init__(logging.DEBUG)
        self.secrets = secrets
        self.setFormatter(logging.Formatter(FORMAT))
        self.leaks = 0
        self.unhandled = 0
        self.lines = 0
        self.examples: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
        except Exception:  # a record that cannot even be formatted is a fault of its own
            self.unhandled += 1
            return
        self.lines += 1
        if any(s in line for s in self.secrets):
            self.leaks += 1
            self._example(f"token in log: {record.name} {record.levelname}")
        if record.exc_info and record.levelno >= logging.ERROR and not record.name.startswith(LOG_THEN_RAISE):
            self.unhandled += 1
            self._example(f"traceback logged by {record.name}: {line.splitlines()[0][:300]}")

    def scan_text(self, text: str, where: str) -> None:
        """Lines written by another process (a subprocess's stderr)."""
        for line in text.splitlines():
            if any(s in line for s in self.secrets):
                self.leaks += 1
                self._example(f"token in {where}")
            if line.startswith("Traceback (most recent call last)"):
                self.unhandled += 1
                self._example(f"traceback in {where}")

    def note_exception(self, what: str) -> None:
        self.unhandled += 1
        self._example(what)

    def _example(self, text: str) -> None:
        if len(self.examples) < 20:
            self.examples.append(text)


def install(secrets: tuple[str, ...]) -> Watcher:
    """Route every logger to the watcher (INFO and up, as `attache run` logs) and hook threads."""
    watcher = Watcher(secrets)
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(watcher)
    for noisy in ("httpx", "httpcore", "telegram.ext.ExtBot", "apscheduler", "alembic", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

    def on_thread_error(args: threading.ExceptHookArgs) -> None:
        watcher.note_exception(f"thread {args.thread.name if args.thread else '?'}: {args.exc_type.__name__}")

    threading.excepthook = on_thread_error
    return watcher


def watch_loop(watcher: Watcher) -> None:
    """Exceptions nobody awaited ("Task exception was never retrieved") count as unhandled."""

    def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if isinstance(exc, ConnectionResetError | BrokenPipeError):
            return  # a peer hanging up on a socket the suite tore down on purpose
        watcher.note_exception(f"event loop: {context.get('message')} {exc!r}"[:300])

    asyncio.get_running_loop().set_exception_handler(handler)


def peak_rss_mb() -> float:
    """This process's peak resident set so far (ru_maxrss is in KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def current_rss_mb() -> float:
    """The resident set now, from /proc where it exists (else the peak)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return round(pages * resource.getpagesize() / (1024 * 1024), 1)
    except OSError:
        return peak_rss_mb()
