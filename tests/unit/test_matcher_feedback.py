"""Readers' feedback in the matcher, with invented storylines and items: the pure term weighting
(factors, bounds, one vote per item) and its effect on decisions and their explanations."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.models import Actor, Storyline
from bot.storylines.feedback import (
    HIGHEST,
    LOWEST,
    MORE_LIKE,
    NEGATIVE_FACTOR,
    NOT_ABOUT,
    POSITIVE_FACTOR,
    Example,
    FeedbackWeights,
    term_factor,
)
from bot.storylines.matcher import Matcher

WHEN = datetime(2022, 5, 10, 8, 0, tzinfo=UTC)
GRAIN = Storyline(
    slug="grain-corridor",
    title="The Selva grain corridor",
    actors=(Actor("Hana Lorrit", ("Lorrit",)), Actor("Pavel Oster", ("Oster",))),
    places=("Port Selva",),
    keywords=("grain corridor", "export quota"),
    window_start=date(2022, 5, 1),
    window_end=date(2022, 5, 31),
)
# Matches on Lorrit + Port Selva; whether it is about the corridor is what readers judge.
VISIT = (
    "Lorrit tours Port Selva fish market",
    "PORT SELVA, May 10 - Trade envoy Hana Lorrit toured the fish market of Port Selva on "
    "Tuesday and praised its new cold store.",
)
LATER_VISIT = (
    "Lorrit visits Port Selva shipyard",
    "PORT SELVA, May 12 - Trade envoy Hana Lorrit visited the shipyard of Port Selva on "
    "Thursday and met its apprentices.",
)
CORRIDOR = (
    "Lorrit and Oster agree grain corridor quota in Port Selva",
    "PORT SELVA, May 11 - Hana Lorrit and Pavel Oster agreed the export quota for the grain "
    "corridor on Wednesday.",
)


def example(verdict: str, terms: tuple[str, ...], article_id: str = "a1") -> Example:
    return Example(GRAIN.slug, article_id, verdict, terms)


def test_term_factor_multiplies_per_example_and_stays_within_bounds() -> None:
    """No example leaves a term alone; each one multiplies by its factor; many are clamped."""
    assert term_factor(0, 0) == 1.0
    assert term_factor(1, 0) == pytest.approx(NEGATIVE_FACTOR)
    assert term_factor(0, 1) == pytest.approx(POSITIVE_FACTOR)
    assert term_factor(1, 1) == pytest.approx(NEGATIVE_FACTOR * POSITIVE_FACTOR)
    assert term_factor(50, 0) == LOWEST
    assert term_factor(0, 50) == HIGHEST
    with pytest.raises(ValueError, match="cannot be negative"):
        term_factor(-1, 0)


def test_weights_are_per_storyline_and_one_item_votes_once() -> None:
    """Only the storyline and terms of an example change; the same item judged twice counts
    by its latest verdict; terms of other storylines keep 1."""
    weights = FeedbackWeights(
        [
            example(NOT_ABOUT, ("lorrit", "port selva")),
            example(MORE_LIKE, ("lorrit",), "a2"),
            example(MORE_LIKE, ("port selva",), "a1"),  # a1 again: replaces its first verdict
        ]
    )
    assert weights.factor(GRAIN.slug, "lorrit") == pytest.approx(POSITIVE_FACTOR)
    assert weights.factor(GRAIN.slug, "port selva") == pytest.approx(POSITIVE_FACTOR)
    assert weights.factor(GRAIN.slug, "oster") == 1.0
    assert weights.factor("another-story", "lorrit") == 1.0
    assert len(weights.examples) == 2
    assert not FeedbackWeights()


def test_bad_examples_are_refused_with_the_reason() -> None:
    """An unknown verdict or a missing slug is a clear ValueError, not a silent no-op."""
    with pytest.raises(ValueError, match="verdict must be one of"):
        Example(GRAIN.slug, "a1", "maybe", ())
    with pytest.raises(ValueError, match="needs a storyline slug"):
        Example("", "a1", NOT_ABOUT, ())


def test_not_about_this_story_stops_a_similar_item_and_why_says_feedback_decided() -> None:
    """Before feedback the later visit matches; after one confirmed "not about this story" on
    the first visit it does not, the explanation names the reweighed terms and says feedback
    decided; an item with the story's own substance still matches."""
    matcher = Matcher([GRAIN])
    assert [m.slug for m in matcher.match("b", *LATER_VISIT, WHEN)] == [GRAIN.slug]
    terms = matcher.storyline_terms(GRAIN.slug, *VISIT)
    assert set(terms) >= {"lorrit", "port selva"}
    matcher.feedback = FeedbackWeights([example(NOT_ABOUT, terms)])
    assert matcher.match("b", *LATER_VISIT, WHEN) == []
    [verdict] = matcher.diagnose("b", *LATER_VISIT, WHEN)
    assert not verdict.matched
    assert verdict.feedback_decided
    assert "Hana Lorrit \u00d70.40" in verdict.taught
    assert "feedback decided: without it, matched" in verdict.line()
    assert [m.slug for m in matcher.match("c", *CORRIDOR, WHEN)] == [GRAIN.slug]
    [kept] = matcher.diagnose("c", *CORRIDOR, WHEN)
    assert kept.matched
    assert not kept.feedback_decided


def test_more_like_this_raises_the_terms_of_a_missed_item() -> None:
    """A threshold the visit misses is met once a reader confirmed a like item as the story's;
    the decision says feedback decided."""
    matcher = Matcher([GRAIN], min_score=2.5)  # the visit scores about 1.9
    assert matcher.match("b", *LATER_VISIT, WHEN) == []
    terms = matcher.storyline_terms(GRAIN.slug, *VISIT)
    matcher.feedback = FeedbackWeights([example(MORE_LIKE, terms)])
    assert [m.slug for m in matcher.match("b", *LATER_VISIT, WHEN)] == [GRAIN.slug]
    [verdict] = matcher.diagnose("b", *LATER_VISIT, WHEN)
    assert verdict.matched
    assert verdict.feedback_decided
    assert "feedback decided: without it, not matched" in verdict.line()
    [match] = matcher.match("b", *LATER_VISIT, WHEN)
    assert match.feedback.endswith("(it decided: without it, not matched)")
    assert "readers' feedback: Hana Lorrit \u00d71.50" in match.explain()


def test_a_match_says_when_feedback_weighed_in_and_whether_it_decided() -> None:
    """Without feedback a match says nothing of it; feedback that raised its terms but did not
    change the outcome is named without "it decided"; a storyline nobody taught stays silent."""
    matcher = Matcher([GRAIN])
    [plain] = matcher.match("c", *CORRIDOR, WHEN)
    assert plain.feedback == ""
    assert "feedback" not in plain.explain()
    matcher.feedback = FeedbackWeights([example(MORE_LIKE, ("lorrit",))])
    [taught] = matcher.match("c", *CORRIDOR, WHEN)
    assert taught.feedback == "Hana Lorrit \u00d71.50"
    assert taught.explain().endswith("readers' feedback: Hana Lorrit \u00d71.50")
    assert matcher.match("c", *CORRIDOR, WHEN) == [taught]  # judging without it left no trace
    other = Matcher([GRAIN], feedback=FeedbackWeights([Example("elsewhere", "a9", MORE_LIKE, ("lorrit",))]))
    assert other.match("c", *CORRIDOR, WHEN) == [plain]


def test_storyline_terms_refuses_an_unknown_storyline() -> None:
    """Feedback for a storyline the matcher does not hold is a KeyError naming it."""
    with pytest.raises(KeyError, match="no-such-story"):
        Matcher([GRAIN]).storyline_terms("no-such-story", *VISIT)
