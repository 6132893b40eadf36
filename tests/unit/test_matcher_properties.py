"""Property tests: matching is deterministic and does not depend on the order of storylines."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.models import Actor, Storyline
from bot.storylines.matcher import Matcher

NAMES = ["Anna Berg", "Berg", "Tomas Vale", "Petra Lund", "Ola Strand", "Ivo Rask", "Kim"]
PLACES = ["Lakeside", "Northland", "Southmark", "Riverton", "Port Grey"]
KEYWORDS = ["water treaty", "flood", "quota", "harbour", "summit", "evacuation"]
FILLER = [
    "the",
    "minister",
    "said",
    "on",
    "Monday",
    "talks",
    "were",
    "held",
    "after",
    "a",
    "long",
    "delay",
]
WORDS = NAMES + PLACES + KEYWORDS + FILLER


@st.composite
def storyline_sets(draw: st.DrawFn) -> list[Storyline]:
    n = draw(st.integers(min_value=1, max_value=6))
    out = []
    for i in range(n):
        actors = draw(st.lists(st.sampled_from(NAMES), min_size=0, max_size=3, unique=True))
        places = draw(st.lists(st.sampled_from(PLACES), min_size=0, max_size=3, unique=True))
        keywords = draw(st.lists(st.sampled_from(KEYWORDS), min_size=1, max_size=3, unique=True))
        start = date(2021, 1, 1 + draw(st.integers(0, 20)))
        out.append(
            Storyline(
                slug=f"story-{i}",
                title=f"Story {i}",
                window_start=start,
                window_end=date(2021, 6, 30),
                actors=tuple(Actor(a) for a in actors),
                places=tuple(places),
                keywords=tuple(keywords),
                require=("actor|place", "actor|keyword"),
            )
        )
    return out


texts = st.lists(st.sampled_from(WORDS), min_size=0, max_size=60).map(" ".join)
dates = st.one_of(
    st.none(),
    st.datetimes(
        min_value=datetime(2020, 12, 1),  # noqa: DTZ001 (hypothesis wants naive bounds)
        max_value=datetime(2021, 8, 1),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
)


@settings(max_examples=150, deadline=None)
@given(storyline_sets(), texts, texts, dates, st.randoms(use_true_random=False))
def test_matching_is_deterministic_and_order_independent(
    storylines: list[Storyline], title: str, text: str, published: datetime | None, rnd
) -> None:
    """Shuffling the storylines, or matching twice, gives exactly the same matches and evidence."""
    first = Matcher(storylines, min_score=0.5).match("item", title, text, published)
    again = Matcher(storylines, min_score=0.5).match("item", title, text, published)
    shuffled = list(storylines)
    rnd.shuffle(shuffled)
    other = Matcher(shuffled, min_score=0.5).match("item", title, text, published)
    assert first == again
    assert first == other
    scores = [m.score for m in first]
    assert scores == sorted(scores, reverse=True)
