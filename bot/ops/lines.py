"""The INFO log's one line per poll cycle and per delivery batch: pure summaries of the reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Feed report outcomes (bot.services.poller.OUTCOMES) by what an operator asks about them.
POLLED_NEW = ("new",)
POLLED_UNCHANGED = ("unchanged", "not-modified")
POLLED_FAILED = ("failed", "disabled")


@dataclass(frozen=True, slots=True)
class PollSummary:
    """One poll cycle: feeds by outcome, new items stored, duration."""

    new: int
    unchanged: int
    failed: int
    skipped: int  # reported but not fetched (backing off, or disabled before the cycle)
    items: int
    ms: int

    @property
    def polled(self) -> int:
        """Feeds fetched in the cycle, whatever came of it."""
        return self.new + self.unchanged + self.failed


def summarise_poll(outcomes: Iterable[tuple[str, int]], seconds: float) -> PollSummary:
    """`outcomes`: (outcome, new items) per feed report of the cycle."""
    new = unchanged = failed = skipped = items = 0
    for outcome, count in outcomes:
        items += count
        if outcome in POLLED_NEW:
            new += 1
        elif outcome in POLLED_UNCHANGED:
            unchanged += 1
        elif outcome in POLLED_FAILED:
            failed += 1
        else:
            skipped += 1
    return PollSummary(new, unchanged, failed, skipped, items, round(seconds * 1000))


def poll_line(s: PollSummary) -> str:
    """E.g. "poll cycle: 12 feeds polled (3 new, 8 unchanged, 1 failed), 17 items, 842 ms"."""
    line = (
        f"poll cycle: {s.polled} feeds polled ({s.new} new, {s.unchanged} unchanged, "
        f"{s.failed} failed), {s.items} items, {s.ms} ms"
    )
    if s.skipped:
        line += f"; {s.skipped} skipped"
    return line


def delivery_line(sent: int, retried: int, failed: int, dropped: int, seconds: float) -> str:
    """E.g. "delivery batch: 25 sent, 1 retried, 0 failed, 0 dropped, 910 ms"."""
    return (
        f"delivery batch: {sent} sent, {retried} retried, {failed} failed, {dropped} dropped, "
        f"{round(seconds * 1000)} ms"
    )
