"""Prometheus metrics: durable figures read from the database at scrape time, plus in-process
counters for what the database does not keep (poll cycles, 429s, extraction time).

Each `Meters` has a private registry (never the library's global one), so several apps in one
process (tests, the demo) keep separate figures.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import choose_encoder
from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, Metric

from bot.ops.figures import Figures

OUTBOX_STATUSES = ("pending", "sending", "sent", "failed", "dropped")
FEED_STATES = ("active", "backoff", "disabled")
# spaCy on one article takes tens of milliseconds to seconds; the tail is long documents.
EXTRACTION_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
POLL_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)


def figure_families(figures: Figures | None, now: datetime) -> list[Metric]:
    """The database figures as metric families; with no figures (database unreachable) only
    `attache_database_up 0`.
    """
    up = GaugeMetricFamily("attache_database_up", "1 when the database answered this scrape")
    up.add_metric([], 0.0 if figures is None else 1.0)
    if figures is None:
        return [up]
    f = figures
    feeds = GaugeMetricFamily("attache_feeds", "Feeds by polling state", labels=["state"])
    for state in sorted(set(FEED_STATES) | set(f.feeds_by_state)):
        feeds.add_metric([state], f.feeds_by_state.get(state, 0))
    last_poll = GaugeMetricFamily(
        "attache_last_poll_timestamp_seconds",
        "Unix time of the latest poll of any feed by any instance (0: never)",
    )
    last_poll.add_metric([], f.last_poll_at.timestamp() if f.last_poll_at else 0.0)
    items = CounterMetricFamily("attache_items", "Feed items stored")
    items.add_metric([], f.items)
    matches = GaugeMetricFamily("attache_matches", "Item-storyline matches stored")
    matches.add_metric([], f.matches)
    extractions = GaugeMetricFamily("attache_extractions", "Extractions cached")
    extractions.add_metric([], f.extractions)
    sent = CounterMetricFamily("attache_messages_sent", "Messages Telegram accepted")
    sent.add_metric([], f.outbox_by_status.get("sent", 0))
    outbox = GaugeMetricFamily("attache_outbox_messages", "Outbox rows by status", labels=["status"])
    for status in sorted(set(OUTBOX_STATUSES) | set(f.outbox_by_status)):
        outbox.add_metric([status], f.outbox_by_status.get(status, 0))
    depth = GaugeMetricFamily("attache_outbox_depth", "Messages waiting to be sent")
    depth.add_metric([], f.outbox_depth)
    overdue = GaugeMetricFamily(
        "attache_outbox_oldest_due_seconds", "How long the longest-waiting due message has waited"
    )
    overdue.add_metric([], max(0.0, (now - f.oldest_due_at).total_seconds()) if f.oldest_due_at else 0.0)
    chats = GaugeMetricFamily("attache_chats_active", "Chats the bot delivers to")
    chats.add_metric([], f.chats_active)
    storylines = GaugeMetricFamily("attache_storylines", "Storylines tracked")
    storylines.add_metric([], f.storylines)
    return [up, feeds, last_poll, items, matches, extractions, sent, outbox, depth, overdue, chats, storylines]


class _FiguresCollector:
    """Yields the figures of the current scrape; `Meters.exposition` sets them first."""

    def __init__(self) -> None:
        self.families: list[Metric] = []

    def describe(self) -> Iterable[Metric]:
        return []  # names vary with the data (labels); nothing to check at registration

    def collect(self) -> Iterable[Metric]:
        return list(self.families)


class Meters:
    """The app's metrics: a private registry, in-process instruments and the figures collector."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.poll_cycles = Counter("attache_poll_cycles", "Poll cycles run by this process", registry=r)
        self.feed_polls = Counter(
            "attache_feed_polls", "Feeds polled by this process, by outcome", ["outcome"], registry=r
        )
        self.poll_seconds = Histogram(
            "attache_poll_cycle_seconds", "Duration of a poll cycle", buckets=POLL_BUCKETS, registry=r
        )
        self.telegram_429 = Counter(
            "attache_telegram_429", "Bot API answers 429 Too Many Requests to this process", registry=r
        )
        self.deliveries = Counter(
            "attache_deliveries", "Outbox messages handled by this process, by result", ["result"], registry=r
        )
        self.extraction_seconds = Histogram(
            "attache_extraction_seconds",
            "Time to extract meetings, trips and quotes from one article (cache misses only)",
            buckets=EXTRACTION_BUCKETS,
            registry=r,
        )
        self._figures = _FiguresCollector()
        r.register(self._figures)
        self._lock = asyncio.Lock()

    def count_poll(self, outcomes: Sequence[str], seconds: float) -> None:
        """One poll cycle: each feed's outcome and how long the whole cycle took."""
        self.poll_cycles.inc()
        self.poll_seconds.observe(seconds)
        for outcome in outcomes:
            self.feed_polls.labels(outcome).inc()

    def count_delivery(self, sent: int, retried: int, failed: int, dropped: int) -> None:
        """One delivery batch's results."""
        for result, n in (("sent", sent), ("retried", retried), ("failed", failed), ("dropped", dropped)):
            if n:
                self.deliveries.labels(result).inc(n)

    async def exposition(
        self, figures: Figures | None, now: datetime, accept: str = ""
    ) -> tuple[bytes, str]:
        """(body, content type) for a scrape, in the format the `Accept` header asks for."""
        encoder, content_type = choose_encoder(accept)
        async with self._lock:  # two scrapes at once must not swap each other's figures
            self._figures.families = figure_families(figures, now)
            try:
                return encoder(self.registry), content_type
            finally:
                self._figures.families = []

