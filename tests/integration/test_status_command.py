"""`attache status` as a real process on a real SQLite file: after `attache poll` (another process)
it reports the poll the database recorded, not "never"."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Post</title>
<item><title>Envoys meet in a harbour city</title><link>https://post.example/a</link>
<guid>https://post.example/a</guid><pubDate>Sun, 06 Dec 2026 08:00:00 GMT</pubDate>
<description>Two envoys met for talks on Sunday.</description></item>
<item><title>Ministers plan a second round</title><link>https://post.example/b</link>
<guid>https://post.example/b</guid><pubDate>Sun, 06 Dec 2026 09:00:00 GMT</pubDate>
<description>A second round of talks is planned.</description></item>
</channel></rss>"""


def feed_config(tmp_path: Path, *, missing_feed: bool = False, extra: str = "") -> Path:
    """A config on a SQLite file in `tmp_path` reading FEED from a local file (and, with
    `missing_feed`, a second feed whose file does not exist); `extra` adds TOML tables."""
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED, encoding="utf-8")
    sources = [f'{{ url = "{feed.as_uri()}" }}']
    if missing_feed:
        sources.append(f'{{ url = "{(tmp_path / "gone.xml").as_uri()}" }}')
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path / "attache.db"}"\n'
        f'[feeds]\nallow_private = true\nsources = [{", ".join(sources)}]\n{extra}',
        encoding="utf-8",
    )
    return config


def attache(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_status_after_a_poll_reports_the_recorded_poll(tmp_path: Path):
    """Before any poll: "Last poll: never". After `attache poll` in another process: the last
    poll time stored in the database, both feed items, and the feed counted as active."""
    config = feed_config(tmp_path)
    db = tmp_path / "attache.db"
    before = attache("status", "--config", str(config))
    assert before.returncode == 0, before.stderr
    assert "Last poll: never" in before.stdout
    assert "Feeds: 1 active" in before.stdout

    polled = attache("poll", "--fetch-only", "--config", str(config))
    assert polled.returncode == 0, polled.stderr
    after = attache("status", "--config", str(config))
    assert after.returncode == 0, after.stderr

    with sqlite3.connect(db) as conn:
        (stored,) = conn.execute("SELECT last_polled_at FROM feeds").fetchone()
    when = datetime.fromisoformat(stored).replace(tzinfo=UTC)
    lines = after.stdout.splitlines()
    assert lines[0] == "Status"
    last = next(line for line in lines if line.startswith("Last poll: "))
    assert last.endswith(f" ago ({when:%Y-%m-%d %H:%M:%S} UTC)"), last
    assert "Feeds: 1 active" in lines
    assert "Items: 2 stored, 2 new in the last 24 h" in lines
    assert "Outbox: 0 waiting; 0 sent, 0 failed, 0 dropped" in lines


def test_json_logs_of_a_real_poll_parse_line_by_line(tmp_path: Path):
    """`attache poll` with `[log] format = "json"`: every stderr line is one JSON object, among
    them the poll-cycle summary and the failing feed's line; no plain-text line slips through."""
    config = feed_config(tmp_path, missing_feed=True, extra='[log]\nformat = "json"\n')
    done = attache("poll", "--fetch-only", "--config", str(config))
    assert done.returncode == 0, done.stderr
    entries = [json.loads(line) for line in done.stderr.splitlines()]
    messages = [e["message"] for e in entries]
    assert any(
        m.startswith("poll cycle: 2 feeds polled (1 new, 0 unchanged, 1 failed), 2 items, ")
        for m in messages
    ), messages
    assert any("gone.xml: failure 1" in m for m in messages)
    assert {e["level"] for e in entries} <= {"INFO", "WARNING"}
