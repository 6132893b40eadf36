"""The pure parts of operations: the health verdict, the metric families, the listen address and
the JSON log lines (redacted)."""

from __future__ import annotations

import io
import json
import logging
from datetime import UTC, datetime, timedelta

import pytest

from bot.ops.address import parse_listen
from bot.ops.health import assess
from bot.ops.lines import delivery_line, poll_line, summarise_poll
from bot.ops.logs import JsonFormatter, formatter_for
from bot.ops.metrics import Meters
from bot.redact import MASK, install_log_redaction
from tests.unit.test_ops_status import NOW, figures

TOKEN = "4815162342:AAE-invented_secret_part_for_tests02"
STARTED = NOW - timedelta(hours=1)


def test_recent_poll_is_healthy_and_says_why():
    """A poll 4 minutes ago with a 15-minute threshold: healthy, with age and depth reported."""
    health = assess(figures(), NOW, stale_poll_s=900, started_at=STARTED)
    assert health.healthy
    assert health.reasons == ()
    body = health.as_json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["last_poll_age_s"] == 240.0
    assert body["outbox_depth"] == 2
    assert body["last_poll_at"] == "2026-12-06T16:26:00+00:00"


def test_a_stale_last_poll_is_unhealthy_with_its_age():
    """The last poll older than the threshold makes the verdict unhealthy, naming the age."""
    health = assess(figures(last_poll_at=NOW - timedelta(hours=2)), NOW, stale_poll_s=3600, started_at=STARTED)
    assert not health.healthy
    assert health.reasons == ("polling stalled: last poll 7200 s ago, more than 3600 s",)
    assert health.as_json()["status"] == "unhealthy"


def test_before_the_first_poll_the_wait_counts_from_the_start():
    """Never polled: healthy within the threshold after this process started, stale after it."""
    never = figures(last_poll_at=None)
    assert assess(never, NOW, stale_poll_s=900, started_at=NOW - timedelta(seconds=60)).healthy
    late = assess(never, NOW, stale_poll_s=900, started_at=NOW - timedelta(seconds=901))
    assert late.reasons == ("polling stalled: no poll yet, more than 900 s",)


def test_no_feed_to_poll_is_not_a_stalled_poll():
    """Only disabled feeds (or none): an old last poll is no reason for alarm."""
    idle = figures(feeds_by_state={"disabled": 2}, last_poll_at=NOW - timedelta(days=3))
    assert assess(idle, NOW, stale_poll_s=900, started_at=STARTED).healthy


def test_an_unreadable_database_is_unhealthy_and_the_reason_is_redacted():
    """No figures: unhealthy, the driver's reason shown with any token masked."""
    health = assess(
        None, NOW, stale_poll_s=900, started_at=STARTED,
        database_error=f"OperationalError: cannot open /bot{TOKEN}/x.db",
    )
    assert not health.healthy
    assert TOKEN not in json.dumps(health.as_json())
    assert health.reasons[0].startswith("database unreachable: OperationalError: cannot open /bot[token]")
    assert health.as_json()["outbox_depth"] is None


def samples(body: bytes) -> dict[str, float]:
    """Sample name (with labels) → value, from a Prometheus text exposition."""
    out: dict[str, float] = {}
    for line in body.decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            out[name] = float(value)
    return out


async def test_metrics_expose_database_figures_and_process_counters():
    """The figures become gauges and counters with the stored values; the in-process counters
    show what this process counted; the body is Prometheus text."""
    meters = Meters()
    meters.count_poll(["new", "unchanged", "unchanged", "failed"], 1.5)
    meters.telegram_429.inc(3)
    meters.extraction_seconds.observe(0.2)
    meters.count_delivery(sent=5, retried=1, failed=0, dropped=0)
    body, content_type = await meters.exposition(figures(), NOW)
    assert content_type.startswith("text/plain; version=")
    got = samples(body)
    assert got["attache_database_up"] == 1
    assert got['attache_feeds{state="active"}'] == 4
    assert got['attache_feeds{state="backoff"}'] == 0
    assert got["attache_last_poll_timestamp_seconds"] == (NOW - timedelta(minutes=4)).timestamp()
    assert got["attache_items_total"] == 120
    assert got["attache_matches"] == 33
    assert got["attache_messages_sent_total"] == 340
    assert got['attache_outbox_messages{status="pending"}'] == 2
    assert got["attache_outbox_depth"] == 2
    assert got["attache_outbox_oldest_due_seconds"] == 75
    assert got["attache_poll_cycles_total"] == 1
    assert got['attache_feed_polls_total{outcome="unchanged"}'] == 2
    assert got["attache_poll_cycle_seconds_count"] == 1
    assert got["attache_poll_cycle_seconds_sum"] == 1.5
    assert got["attache_telegram_429_total"] == 3
    assert got['attache_deliveries_total{result="sent"}'] == 5
    assert got["attache_extraction_seconds_count"] == 1
    assert got['attache_extraction_seconds_bucket{le="0.25"}'] == 1


async def test_metrics_without_the_database_still_expose_the_process_counters():
    """Figures unavailable: attache_database_up is 0, the database families are absent and the
    process counters are still there."""
    meters = Meters()
    meters.telegram_429.inc()
    got = samples((await meters.exposition(None, NOW))[0])
    assert got["attache_database_up"] == 0
    assert got["attache_telegram_429_total"] == 1
    assert not any(name.startswith("attache_outbox") for name in got)


async def test_two_meters_do_not_share_figures():
    """Each app has its own registry: counting in one leaves the other at zero."""
    one, two = Meters(), Meters()
    one.telegram_429.inc(2)
    assert samples((await two.exposition(None, NOW))[0])["attache_telegram_429_total"] == 0


@pytest.mark.parametrize(
    ("value", "parsed"),
    [("", None), ("  ", None), ("127.0.0.1:9108", ("127.0.0.1", 9108)), ("[::1]:0", ("::1", 0)),
     ("localhost:80", ("localhost", 80))],
)
def test_listen_addresses(value, parsed):
    """Empty means off; HOST:PORT (IPv6 in brackets) is split."""
    assert parse_listen(value) == parsed


@pytest.mark.parametrize("value", ["9108", "127.0.0.1", "127.0.0.1:http", "127.0.0.1:70000", ":9108"])
def test_bad_listen_addresses_are_refused_with_an_example(value):
    """Anything but HOST:PORT with a port number is a clear error."""
    with pytest.raises(ValueError, match="must be HOST:PORT, e.g. 127.0.0.1:9108"):
        parse_listen(value)


def test_json_log_lines_parse_one_by_one_and_never_carry_the_token():
    """Through the installed record factory, a token in the message arguments and in an
    exception's text is masked before the JSON formatter writes it; each line is one object."""
    install_log_redaction()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter_for("json"))
    logger = logging.getLogger("attache.test.jsonlogs")
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        logger.info("GET %s answered %d", f"https://api.example/bot{TOKEN}/getMe", 200)
        try:
            raise RuntimeError(f"connection to /bot{TOKEN}/sendMessage reset")
        except RuntimeError:
            logger.exception("send failed")
        logger.warning('a quote " and a newline\nin one message')
    finally:
        logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    entries = [json.loads(line) for line in lines]
    assert TOKEN.split(":")[1] not in stream.getvalue()
    assert entries[0]["message"] == f"GET https://api.example/bot{MASK}/getMe answered 200"
    assert entries[0]["level"] == "INFO"
    assert entries[0]["logger"] == "attache.test.jsonlogs"
    assert datetime.fromisoformat(entries[0]["time"]).tzinfo == UTC
    assert "RuntimeError: connection to /bot[token]/sendMessage reset" in entries[1]["exception"]
    assert entries[2]["message"] == 'a quote " and a newline\nin one message'


def test_json_formatter_redacts_even_without_the_record_factory():
    """A record made by hand (no factory) is still masked by the formatter itself."""
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "token %s", (TOKEN,), None)
    assert json.loads(JsonFormatter().format(record))["message"] == f"token {MASK}"


def test_an_unknown_log_format_is_refused():
    """Only text and json exist."""
    with pytest.raises(ValueError, match="text, json"):
        formatter_for("yaml")


def test_poll_line_counts_feeds_by_outcome_and_items():
    """Each report outcome lands in one bucket; 304 counts as unchanged, a feed disabled by
    this failure as failed, a feed still backing off as skipped; items are summed."""
    summary = summarise_poll(
        [("new", 3), ("new", 1), ("unchanged", 0), ("not-modified", 0), ("failed", 0),
         ("disabled", 0), ("backing-off", 0)],
        0.8424,
    )
    assert (summary.polled, summary.skipped, summary.items, summary.ms) == (6, 1, 4, 842)
    assert poll_line(summary) == (
        "poll cycle: 6 feeds polled (2 new, 2 unchanged, 2 failed), 4 items, 842 ms; 1 skipped"
    )
    assert poll_line(summarise_poll([], 0.0)) == (
        "poll cycle: 0 feeds polled (0 new, 0 unchanged, 0 failed), 0 items, 0 ms"
    )


def test_delivery_line_names_each_result():
    """Sent, retried, failed and dropped, then milliseconds."""
    assert delivery_line(25, 1, 0, 2, 0.91) == (
        "delivery batch: 25 sent, 1 retried, 0 failed, 2 dropped, 910 ms"
    )
