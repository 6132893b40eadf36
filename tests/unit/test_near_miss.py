"""Near misses, the pure parts: which verdict counts as one, and how it is shown (escaped,
linked, the reason cut to a readable length)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.briefings.nearmiss import MAX_REASON, near_miss_html
from bot.models import Article
from bot.services.feedback import near_miss
from bot.storylines.matcher import Verdict
from bot.tgtext.html import parse_html

ITEM = Article(
    id="f" * 40,
    feed_url="https://wire.example/rss",
    guid="g1",
    url="https://wire.example/a?x=1&y=<2>",
    title="Envoys <meet> & talk",
    text="An invented item.",
    published=datetime(2025, 5, 12, 5, 0, tzinfo=UTC),
    published_missing=False,
    content_hash="h",
    fetched_at=datetime(2025, 5, 12, 5, 5, tzinfo=UTC),
    source_name="Test Wire",
)


def test_a_near_miss_is_a_storyline_not_matched_with_some_score() -> None:
    """Matched, unscored (outside its window) and absent storylines are no near miss."""
    verdicts = [
        Verdict("other", True, 2.0),
        Verdict("story", False, 0.8, "score 0.80 is below the threshold 1"),
        Verdict("dated", False, 0.0, "published 2025-05-12 outside the window"),
    ]
    miss = near_miss(verdicts, "story")
    assert miss is not None
    assert miss.reason.startswith("score 0.80")
    assert near_miss(verdicts, "other") is None
    assert near_miss(verdicts, "dated") is None
    assert near_miss(verdicts, "absent") is None
    assert near_miss([Verdict("", False, 0.0, "no storyline for a round-up")], "") is None


def test_the_near_miss_text_is_valid_telegram_html_with_everything_escaped() -> None:
    """Headline linked, source and date, why not, what it matched instead; markup-looking text
    in titles and reasons is shown as typed."""
    text = near_miss_html("Gulf <tour>", ITEM, "a passing mention: 20% <of> its weight", ["Arctic & co"])
    parsed = parse_html(text)  # Telegram would accept it
    assert "Not matched to Gulf <tour>" in parsed.text
    assert "Envoys <meet> & talk\nTest Wire, 12 May 2025" in parsed.text
    assert "Why not: a passing mention: 20% <of> its weight" in parsed.text
    assert "Matched instead: Arctic & co" in parsed.text
    links = [e for e in parsed.entities if e.type == "text_link"]
    assert [e.url for e in links] == [ITEM.url]


def test_a_long_reason_is_cut_and_nothing_is_linked_without_a_url() -> None:
    """A reason naming many terms is cut with an ellipsis; an item without a link is plain."""
    bare = Article(**{**{f: getattr(ITEM, f) for f in ITEM.__dataclass_fields__}, "url": None})
    text = near_miss_html("Story", bare, "x" * (MAX_REASON * 2), [])
    parsed = parse_html(text)
    assert "x" * (MAX_REASON - 1) + "…" in parsed.text
    assert "x" * MAX_REASON not in parsed.text
    assert "Matched instead" not in parsed.text
    assert not [e for e in parsed.entities if e.type == "text_link"]
