"""The shipped seed storyline matches the seed article, and explains why, with or without its
date; the Chile-Argentina demo storyline does not take it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.storylines.definitions import load_storylines
from bot.storylines.matcher import Matcher

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_ac77d770c9ce3aec.txt"


def _seed() -> tuple[str, str]:
    lines = SEED.read_text(encoding="utf-8").strip().split("\n", 1)
    return lines[0].strip(), lines[1]


def test_seed_article_matches_the_pompeo_storyline_with_evidence() -> None:
    """Published on 6 October 2018, the seed article is about Pompeo's Asia trip only; the
    evidence names Pompeo and Kim in the title and Tokyo early on."""
    matcher = Matcher(load_storylines(REPO / "seeds" / "storylines"))
    title, text = _seed()
    published = datetime(2018, 10, 6, 9, 30, tzinfo=UTC)
    [match] = matcher.match("seed", title, text, published)
    assert match.slug == "pompeo-asia-trip-2018"
    where = {(e.term, e.field) for e in match.evidence}
    assert ("Mike Pompeo", "title") in where
    assert ("Kim Jong Un", "title") in where
    assert ("Tokyo", "lead") in where
    assert "published in window 2018-09-20..2018-10-31" in match.explain()


def test_seed_article_is_matched_by_content_when_undated_and_not_out_of_window() -> None:
    """Without a date the content decides (it matches); dated a year later it does not."""
    matcher = Matcher(load_storylines(REPO / "seeds" / "storylines"))
    title, text = _seed()
    assert [m.slug for m in matcher.match("seed", title, text, None)] == ["pompeo-asia-trip-2018"]
    assert matcher.match("seed", title, text, datetime(2019, 10, 6, tzinfo=UTC)) == []
