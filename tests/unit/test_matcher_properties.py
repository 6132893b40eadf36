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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab K-\u2014\n\t\u00e9\u00c9\u2019.'"), max_size=40))
def test_folded_text_maps_back_to_the_original(text: str) -> None:
    """Every folded character comes from an original character that folds to it, in order, and
    folding never leaves double, leading or trailing spaces."""
    from bot.storylines.text import _fold_char, fold

    folded = fold(text)
    origins = [folded.orig(i) for i in range(len(folded.text))]
    assert origins == sorted(set(origins))
    for i, o in enumerate(origins):
        assert _fold_char(text[o]) == folded.text[i]
    assert "  " not in folded.text
    assert folded.text == folded.text.strip(" ")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sets(st.sampled_from(["actor", "place", "keyword"]), min_size=1).map("|".join),
        max_size=4,
    ),
    st.lists(st.sampled_from(["actor", "place", "keyword"]), max_size=5),
)
def test_require_rule_agrees_with_brute_force(require: list[str], kinds: list[str]) -> None:
    """The co-occurrence check says yes exactly when some assignment gives every require entry
    its own term of an allowed kind."""
    from itertools import permutations

    from bot.storylines.matcher import _satisfies, _TermHits

    found = [_TermHits(kind, f"term{i}") for i, kind in enumerate(kinds)]
    if not require:
        expected = bool(found)
    else:
        expected = any(
            all(found[j].kind in entry.split("|") for entry, j in zip(require, pick, strict=True))
            for pick in permutations(range(len(found)), len(require))
        )
    assert _satisfies(require, found) == expected


@settings(max_examples=100, deadline=None)
@given(storyline_sets(), texts, texts, dates)
def test_diagnose_matches_exactly_what_match_returns(
    storylines: list[Storyline], title: str, text: str, published: datetime | None
) -> None:
    """The matched verdicts of diagnose() are the matches of match(), in the same order."""
    m = Matcher(storylines, min_score=0.5)
    matched = [(v.slug, v.score) for v in m.diagnose("i", title, text, published) if v.matched]
    assert matched == [(x.slug, x.score) for x in m.match("i", title, text, published)]
