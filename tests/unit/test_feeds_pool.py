"""ParsePool: results and exceptions come back from worker processes; a worker that dies or
hangs fails its own job only, the pool carries on, and close() stops every worker."""

from __future__ import annotations

import asyncio
import os
import time
from datetime import UTC, datetime

import pytest

from bot.feeds.parse import FeedParseError
from bot.feeds.pool import InThread, ParsePool, ParseWorkerError
from bot.feeds.prepare import ParseJob, Prepared, prepare_all

NOW = datetime(2018, 10, 8, 6, 0, tzinfo=UTC)
RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Desk</title>'
    b"<item><title>Envoys meet at the harbour</title><link>https://h.example/a</link>"
    b"<description>Talks went on late.</description></item>"
    b"<item><title>Ministers leave the port</title><link>https://h.example/b</link></item>"
    b"</channel></rss>"
)


def job(body: bytes = RSS, n: int = 0) -> ParseJob:
    return ParseJob(body, "application/rss+xml", f"https://h.example/{n}.rss", f"https://h.example/{n}.rss", NOW)


def die(code: int) -> int:
    """A parser that crashes its process outright (as a segfault in a C parser would)."""
    os._exit(code)


def hang(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def pid() -> int:
    return os.getpid()


async def alive(process_id: int) -> bool:
    """Whether the process still exists, given a few seconds to be reaped."""
    for _ in range(50):
        try:
            os.kill(process_id, 0)
        except ProcessLookupError:
            return False
        await asyncio.sleep(0.1)
    return True


@pytest.fixture
async def pool():
    pool = ParsePool(workers=2, timeout_s=5.0)
    try:
        yield pool
    finally:
        await pool.close()


async def test_a_job_runs_in_another_process_and_its_articles_come_back(pool: ParsePool):
    """prepare_all in a worker gives the same Articles as in this process (they travel as
    tuples and are rebuilt)."""
    here = prepare_all(job())
    there = await pool.run(prepare_all, job())
    assert isinstance(there, Prepared)
    assert there == here
    assert [a.title for a in there.articles] == ["Envoys meet at the harbour", "Ministers leave the port"]
    assert await pool.run(pid) != os.getpid()


async def test_the_job_s_own_exception_is_raised_as_it_was(pool: ParsePool):
    """A body that is no feed raises FeedParseError from the worker, not a pool error."""
    with pytest.raises(FeedParseError, match="looks like HTML"):
        await pool.run(prepare_all, job(b"<!doctype html><html><body>menu</body></html>"))
    assert pool.restarts == 0


async def test_a_crashing_worker_fails_only_its_own_job(pool: ParsePool):
    """One job kills its process: it fails with ParseWorkerError; the jobs that were in the
    pool with it are run again and succeed; the pool works afterwards."""
    results = await asyncio.gather(
        pool.run(hang, 0.5),
        pool.run(die, 3),
        pool.run(prepare_all, job(n=1)),
        pool.run(hang, 0.2),
        return_exceptions=True,
    )
    assert results[0] == 0.5
    assert isinstance(results[1], ParseWorkerError)
    assert "died" in str(results[1])
    assert isinstance(results[2], Prepared)
    assert len(results[2].articles) == 2
    assert results[3] == 0.2
    assert pool.restarts >= 1
    assert len((await pool.run(prepare_all, job(n=2))).articles) == 2


async def test_a_hanging_worker_is_stopped_after_the_time_limit():
    """A job past timeout_s fails with a message naming the limit; its worker is killed, and
    a job given at the same time still completes."""
    pool = ParsePool(workers=2, timeout_s=1.5)
    try:
        # A guard, not a measurement: a worker left running would take the job's 60 s.
        stuck, fine = await asyncio.wait_for(
            asyncio.gather(pool.run(hang, 60), pool.run(prepare_all, job()), return_exceptions=True),
            timeout=20,
        )
        assert isinstance(stuck, ParseWorkerError)
        assert "did not finish within 1.5 s" in str(stuck)
        assert isinstance(fine, Prepared)
    finally:
        await pool.close()


async def test_close_stops_the_workers_and_refuses_new_jobs():
    """After close() no worker process is left and run() says the pool is closed."""
    pool = ParsePool(workers=2, timeout_s=5.0)
    worker = await pool.run(pid)
    assert pool.started
    await pool.close()
    assert not pool.started
    assert not await alive(worker)
    with pytest.raises(RuntimeError, match="closed"):
        await pool.run(pid)


async def test_in_thread_runs_the_same_job_here():
    """The small-poll path: same result, this process."""
    assert await InThread().run(prepare_all, job()) == prepare_all(job())
    assert await InThread().run(pid) == os.getpid()


def test_a_timeout_must_be_positive():
    """A zero or negative time limit is refused at once."""
    with pytest.raises(ValueError, match="positive"):
        ParsePool(timeout_s=0)
