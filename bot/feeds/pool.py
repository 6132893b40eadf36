"""Where the CPU-bound part of polling runs: worker processes sized to the cores, or a thread.

Parsing in threads shares the event loop's GIL; worker processes do not. A worker that crashes
or hangs on a hostile body must cost only its own feed: the pool is then replaced, and every
job that was in it runs again alone in a fresh process, so only the job that fails there too
fails (with ParseWorkerError).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

log = logging.getLogger(__name__)

# Far above any honest feed (10 MB parse in a few seconds on a slow core); a job queued behind
# another waits at most one job's time, since no more than two per worker are handed over.
DEFAULT_TIMEOUT_S = 60.0
# Imported once in the fork server, so each worker starts with feedparser loaded.
PRELOAD = ("bot.feeds.prepare",)


class ParseWorkerError(RuntimeError):
    """A job's worker process died or ran past the time limit; the job was given up."""


class JobRunner(Protocol):
    """Runs a picklable function with picklable arguments somewhere off the event loop."""

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(*args)'s result; an exception fn raises is raised here."""
        ...


class PoolRunner(JobRunner, Protocol):
    """A JobRunner of its own processes, which says whether they can run in parallel now."""

    def has_idle_cores(self) -> bool:
        """Whether at least one core is idle, so that a worker would not wait for its turn."""
        ...


class InThread:
    """Jobs in a thread of this process: no start-up and no pickling, for small polls."""

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(*args) in a worker thread."""
        return await asyncio.to_thread(fn, *args)


def worker_count() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on every platform
        return max(1, os.cpu_count() or 1)


def spare_cores() -> float:
    """Cores the rest of the machine leaves idle: ours minus the one-minute load average."""
    try:
        return worker_count() - os.getloadavg()[0]
    except OSError:  # no load average to be had: assume the cores are ours
        return float(worker_count())


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group; the parent decides when workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class ParsePool:
    """A ProcessPoolExecutor started on first use, replaced when a worker dies or hangs."""

    def __init__(self, workers: int | None = None, timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        if timeout_s <= 0:
            raise ValueError(f"timeout_s must be positive, got {timeout_s}")
        self.workers = workers or worker_count()
        self.timeout_s = timeout_s
        self.restarts = 0
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(list(PRELOAD))
        self._executor: ProcessPoolExecutor | None = None
        # Bounded hand-over: a job's time limit then starts about when it starts running.
        self._slots = asyncio.Semaphore(self.workers * 2)
        self._alone_slots = asyncio.Semaphore(self.workers)
        self._closed = False

    def has_idle_cores(self) -> bool:
        """True when a core is idle. Workers on busy cores run no faster than a thread (they
        queue for the same cores) and add pickling and process switches: measured on a
        saturated 2-core machine, a 500-feed poll took 1.2-2.0 times bare feedparser's time in
        workers against 1.0-1.3 in a thread.
        """
        return spare_cores() >= 1.0

    @property
    def started(self) -> bool:
        """True while worker processes are up."""
        return self._executor is not None

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(*args) in a worker process; ParseWorkerError when it crashes or hangs there."""
        async with self._slots:
            executor = self._running()
            try:
                future: Future[T] = executor.submit(fn, *args)
                return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout_s)
            except (TimeoutError, BrokenProcessPool) as exc:
                why = "timed out" if isinstance(exc, TimeoutError) else "lost a worker"
                self._replace(executor, why)
        return await self._alone(fn, *args)

    def _running(self) -> ProcessPoolExecutor:
        if self._closed:
            raise RuntimeError("the parse pool is closed")
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.workers, mp_context=self._context, initializer=_ignore_interrupts
            )
        return self._executor

    def _replace(self, executor: ProcessPoolExecutor, why: str) -> None:
        """Stop `executor` (killing a hung worker); the next job starts a new one."""
        if self._executor is not executor:
            return  # another job's failure replaced it already
        self._executor = None
        self.restarts += 1
        log.warning("parse pool %s: its workers are replaced and its jobs run again alone", why)
        _stop(executor)

    async def _alone(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(*args) in a process of its own: a crash or hang there is this job's own."""
        async with self._alone_slots:
            if self._closed:
                raise RuntimeError("the parse pool is closed")
            executor = ProcessPoolExecutor(
                1, mp_context=self._context, initializer=_ignore_interrupts
            )
            try:
                future: Future[T] = executor.submit(fn, *args)
                return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout_s)
            except TimeoutError:
                raise ParseWorkerError(
                    f"parsing did not finish within {self.timeout_s:g} s; the parser was stopped"
                ) from None
            except BrokenProcessPool:
                raise ParseWorkerError("the parser process died on this feed") from None
            finally:
                _stop(executor)

    async def close(self) -> None:
        """Stop the workers; a job still running is stopped with them."""
        self._closed = True
        executor, self._executor = self._executor, None
        if executor is not None:
            await asyncio.to_thread(_shut_down, executor)


def _processes(executor: ProcessPoolExecutor) -> list[Any]:
    # The executor has no public way to stop one stuck worker; its process table is the way in.
    return list((getattr(executor, "_processes", None) or {}).values())


def _stop(executor: ProcessPoolExecutor) -> None:
    for process in _processes(executor):
        if process.is_alive():
            process.kill()
    executor.shutdown(wait=False, cancel_futures=True)


def _shut_down(executor: ProcessPoolExecutor, grace_s: float = 5.0) -> None:
    """Let idle workers exit; kill one that does not within `grace_s`."""
    processes = _processes(executor)
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(grace_s)
        if process.is_alive():
            process.kill()
            process.join(grace_s)
    executor.shutdown(wait=True)
