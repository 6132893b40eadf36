"""`python -m bench.reliability` (`make reliability`): every part, then one JSON line of figures.

Exits 1 when any fault count is above zero, 2 when the suite itself could not run a part.
Traffic stays on 127.0.0.1; each part has a time budget, so the run is bounded.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bench.reliability import botapi, feeds, killing, observe, pgdb, storm, updates
from bench.reliability.leaks import rows_holding

# What must be zero. The rest of the line is measurement (times, memory, tallies).
FAULTS = (
    "crashes", "unhandled_exceptions", "internal_urls_accepted", "token_leaks", "lost",
    "duplicates", "xxe_leaks", "uncounted_failures", "unanswered",
)
# Seconds per part; together under six minutes, so a hung part cannot hold CI.
BUDGET_S = {"feeds": 60, "updates": 75, "storm": 80, "kill-sqlite": 65, "kill-postgresql": 65}


async def _part(name: str, job: Callable[[], Awaitable[dict[str, Any]]], watcher: observe.Watcher,
                totals: dict[str, Any]) -> dict[str, Any]:
    """Run one part within its budget; a part that raises or overruns counts as a crash."""
    print(f"== {name}", file=sys.stderr, flush=True)
    started = time.monotonic()
    try:
        async with asyncio.timeout(BUDGET_S[name]):
            figures = await job()
    except Exception as exc:
        totals["crashes"] += 1
        watcher.note_exception(f"{name}: {type(exc).__name__}: {exc}"[:300])
        figures = {}
    print(f"{name}: {round(time.monotonic() - started, 1)} s {figures}", file=sys.stderr, flush=True)
    totals["crashes"] += figures.get("crashes", 0)
    return figures


async def main() -> dict[str, Any]:
    watcher = observe.install(botapi.SECRETS)
    observe.watch_loop(watcher)
    totals: dict[str, Any] = dict.fromkeys(FAULTS, 0)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="attache-reliability-") as name:
        tmp = Path(name)
        f = await _part("feeds", lambda: feeds.run(tmp, watcher), watcher, totals)
        u = await _part("updates", lambda: updates.run(tmp, watcher), watcher, totals)
        s = await _part("storm", lambda: storm.run(tmp, watcher), watcher, totals)
        ks = await _part(
            "kill-sqlite",
            lambda: killing.run_backend("sqlite", f"sqlite+aiosqlite:///{tmp / 'kill.db'}", tmp, watcher),
            watcher, totals,
        )

        async def on_postgres() -> dict[str, Any]:
            async with pgdb.fresh_database() as url:  # a server that does not answer fails the run
                return await killing.run_backend("postgresql", url, tmp, watcher)

        kp = await _part("kill-postgresql", on_postgres, watcher, totals)
        updates_db = sum((await rows_holding(u["db_url"], botapi.SECRETS)).values()) if u else 0
    kills = (ks, kp)
    totals.update(
        feeds_tried=f.get("feeds_tried", 0),
        poll_wall_s=f.get("poll_wall_s"),
        first_briefing_s=f.get("first_briefing_s"),
        peak_rss_mb=f.get("peak_rss_mb"),
        rss_baseline_mb=f.get("rss_baseline_mb"),
        updates_sent=u.get("updates_sent", 0),
        internal_urls_accepted=f.get("internal_urls_accepted", 0) + u.get("internal_feeds_added", 0),
        xxe_leaks=f.get("xxe_leaks", 0),
        uncounted_failures=f.get("uncounted_failures", 0),
        unanswered=u.get("callbacks_unanswered", 0) + u.get("bot_silent_after", 0),
        lost=f.get("control_items_lost", 0) + s.get("lost", 0) + sum(k.get("lost", 0) for k in kills),
        duplicates=s.get("duplicates", 0) + sum(k.get("duplicates", 0) for k in kills),
        token_leaks=watcher.leaks + updates_db + u.get("token_in_messages", 0)
        + s.get("token_in_messages", 0) + s.get("token_in_db", 0) + int(s.get("status_holds_token", False))
        + sum(k.get("token_in_messages", 0) + k.get("token_in_db", 0) for k in kills),
        rejected_429=s.get("rejected_429", 0),
        stored_title_max_chars=f.get("stored_title_max_chars"),
        stored_url_max_chars=f.get("stored_url_max_chars"),
        suite_s=round(time.monotonic() - started, 1),
    )
    totals["unhandled_exceptions"] = watcher.unhandled
    for example in watcher.examples:
        print(f"fault: {example}", file=sys.stderr)
    return totals


if __name__ == "__main__":
    figures = asyncio.run(main())
    print(json.dumps(figures, sort_keys=True))
    raise SystemExit(1 if any(figures[k] for k in FAULTS) else 0)
