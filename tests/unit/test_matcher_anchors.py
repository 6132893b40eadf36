"""Matcher anchors on invented texts: a famous name or a common word next to a city is not a
story; principal actors, distinctive keywords and sites are; Title Case headlines are read with
the help of the item's own prose."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.models import Actor, Storyline
from bot.storylines.matcher import Matcher

WHEN = datetime(2021, 3, 20, 9, 0, tzinfo=UTC)
WINDOW = {"window_start": date(2021, 3, 1), "window_end": date(2021, 4, 30)}
PRESIDENT = Actor("Ada Varga", ("Varga", "President Varga"))


def _story(slug: str, actors: tuple[Actor, ...], places=(), keywords=()) -> Storyline:
    return Storyline(
        slug=slug, title=slug, actors=actors, places=places, keywords=keywords, **WINDOW
    )


# Three stories of the same weeks; President Varga is in all of them.
TRIP = _story(
    "envoy-trip",
    (Actor("Ivo Rask", ("Rask",)), Actor("Lena Kim", ("Kim",)), PRESIDENT, Actor("Otto Moss")),
    places=("Tokyo", "Japan", "Harbour Gate"),
    keywords=("summit", "security pact"),
)
TRADE = _story(
    "steel-talks",
    (Actor("Petra Lund", ("Lund",)), PRESIDENT),
    places=("Northland", "Riverton"),
    keywords=("tariffs", "steel quota", "summit"),
)
ARMS = _story(
    "arms-summit",
    (Actor("Yuri Sokol", ("Sokol",)), PRESIDENT),
    places=("Geneva",),
    keywords=("arms control", "summit"),
)
ALL = [TRIP, TRADE, ARMS]


def slugs(matches: list) -> list[str]:
    return [m.slug for m in matches]


def test_common_word_and_city_without_anchor_do_not_match() -> None:
    """ "summit" (listed by three storylines) plus a city is no anchor; a principal actor is."""
    m = Matcher(ALL)
    assert m.match("a", "Designers gather for fashion summit in Tokyo", "Crowds came.", WHEN) == []
    hit = m.match("b", "Rask arrives in Tokyo for the summit", "Talks begin on Monday.", WHEN)
    assert slugs(hit) == ["envoy-trip"]


def test_famous_person_alone_is_not_the_who() -> None:
    """A head of state listed by every storyline of the time, plus a distinctive keyword, is not
    enough; with a place of the story or a less common person it is."""
    m = Matcher(ALL)
    text = "The president said duties would rise next month."
    assert m.match("a", "Varga announces tariffs on bicycles", text, WHEN) == []
    assert slugs(m.match("b", "Varga announces tariffs on Northland steel", text, WHEN)) == [
        "steel-talks"
    ]
    verdicts = m.diagnose("c", "Varga announces tariffs", text, WHEN)
    [reason] = [v.reason for v in verdicts if v.slug == "steel-talks"]
    assert "many storylines share" in reason


def test_two_principal_actors_together_anchor_a_story() -> None:
    """A storyline whose principal is famous is anchored by two of its principals together."""
    m = Matcher(ALL)
    assert m.match("a", "Varga to meet Ness in Oslo for a summit", "", WHEN) == []
    both = m.match("b", "Varga and Sokol meet in Geneva", "The summit lasted four hours.", WHEN)
    assert slugs(both) == ["arms-summit"]


def test_site_only_one_storyline_lists_is_an_anchor_but_a_city_is_not() -> None:
    """A site (not a country or city) of one storyline anchors it; a city does not."""
    m = Matcher(ALL)
    moss = "Otto Moss said the ceremony would be short."
    assert slugs(m.match("a", "Crowds gather at Harbour Gate", moss, WHEN)) == ["envoy-trip"]
    assert m.match("b", "Crowds gather in Tokyo", moss, WHEN) == []


def test_title_case_headline_checks_the_next_word_in_the_prose() -> None:
    """In a Title Case headline, "Kim Kardashian" is someone else when the text writes
    "Kardashian" as a name; "Kim Says" stays Kim because the text writes "says" in lower case."""
    m = Matcher([TRIP], min_score=0.0)

    def kims(title: str, text: str) -> set[str]:
        return {
            e.found
            for x in m.match("k", title, text, WHEN)
            for e in x.evidence
            if e.term == "Lena Kim"
        }

    title = "Kim Kardashian Arrives In Tokyo For Security Pact Gala"
    assert kims(title, "Kardashian greeted fans at the airport, then went shopping.") == set()
    assert kims("Security Pact Is Close, Kim Says In Tokyo", "Kim says the text is ready.") == {
        "Kim"
    }


def test_undated_item_needs_a_principal_actor() -> None:
    """Without a date, a secondary actor and a place of the story are not enough; a principal
    actor is."""
    m = Matcher(ALL)
    assert m.match("a", "Otto Moss visits Japan", "A security pact was discussed.", None) == []
    hit = m.match("b", "Rask visits Japan", "A security pact was discussed.", None)
    assert slugs(hit) == ["envoy-trip"]


def test_a_country_and_its_capital_count_once_beside_a_famous_name() -> None:
    """With only a famous person for a "who", "the U.S.", "the United States" and "Washington"
    are one country (half a telling term): a keyword beside them is not enough; naming the other
    country too is."""
    deal = _story(
        "bike-deal",
        (Actor("Petra Lund", ("Lund",)), PRESIDENT),
        places=("United States", "U.S.", "Washington", "China"),
        keywords=("trade deal",),
    )
    m = Matcher([*ALL, deal])
    text = "U.S. makers cheered in Washington, where the United States trade office sat."
    assert m.match("a", "Varga seeks trade deal with bicycle makers", text, WHEN) == []
    reasons = [v.reason for v in m.diagnose("a", "Varga seeks trade deal", text, WHEN)]
    assert any("no less common person" in r for r in reasons)
    with_china = m.match("b", "Varga seeks trade deal with China", text, WHEN)
    assert slugs(with_china) == ["bike-deal"]


def test_undated_item_with_people_of_several_stories_needs_a_distinctive_term() -> None:
    """Without a date, a principal shared with another storyline leaves the item ambiguous: a
    keyword or site of this storyline that few others list settles it."""
    visit = _story(
        "rask-visit",
        (Actor("Ivo Rask", ("Rask",)), Actor("Otto Moss", ("Moss",))),
        places=("Japan", "Harbour Gate"),
        keywords=("state visit",),
    )
    talks = _story(
        "rask-talks",
        (Actor("Ivo Rask", ("Rask",)), Actor("Lena Kim", ("Kim",))),
        places=("Japan",),
        keywords=("water treaty",),
    )
    m = Matcher([visit, talks])
    assert m.match("a", "Rask and Moss meet in Japan", "They spoke for an hour.", None) == []
    hit = m.match("b", "Rask and Moss meet in Japan", "The state visit ends today.", None)
    assert slugs(hit) == ["rask-visit"]
    dated = m.match("c", "Rask and Moss meet in Japan", "They spoke for an hour.", WHEN)
    assert slugs(dated) == ["rask-visit"]
