"""The timeline and a person's page are built from extractions alone: no database, no clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from bot.briefings.person import StoryMaterial, person_view
from bot.briefings.timeline import timeline_view
from bot.briefings.views import events_in, host_of, source_of
from bot.models import Article, Extraction, Meeting, Quote, Storyline, Trip, TripStop

STORY = Storyline(
    slug="envoy-tour",
    title="Envoy's lake tour",
    window_start=date(2031, 5, 1),
    window_end=date(2031, 5, 20),
)


def _article(n: int, outlet: str, day: int) -> Article:
    return Article(
        id=f"a{n}",
        feed_url="file:///feed.xml",
        guid=f"g{n}",
        url=f"https://www.{outlet.lower()}.example/{n}",
        title=f"Invented report {n}",
        text="Invented text.",
        published=datetime(2031, 5, day, 9, 0, tzinfo=UTC),
        published_missing=False,
        content_hash=f"h{n}",
        fetched_at=datetime(2031, 5, day, 9, 5, tzinfo=UTC),
        source_name=outlet,
    )


def _visit(place: str, status: str = "happened", when: date | None = None) -> Meeting:
    return Meeting(("Ana Velk",), place, status, type="visit", date=when)


def test_a_stop_and_a_lone_visit_there_are_one_entry_with_every_outlet_once() -> None:
    """Two outlets report the same stop and one reports the visit too: the timeline holds one
    stop entry, dated the earliest day given, citing each outlet once."""
    first, second = _article(1, "Daily", 5), _article(2, "Herald", 6)
    trip = Trip("Ana Velk", (TripStop("Lakeport", "happened", date=date(2031, 5, 4)),))
    later = Trip("Ana Velk", (TripStop("Lakeport", "happened", date=date(2031, 5, 6)),))
    items = [
        (first, Extraction("a1", meetings=(_visit("Lakeport"),), trips=(trip,))),
        (second, Extraction("a2", trips=(later,))),
    ]
    view = timeline_view(STORY.slug, STORY, events_in(items))
    assert view.storyline_title == "Envoy's lake tour"
    [entry] = view.entries
    assert (entry.kind, entry.when, entry.text) == ("stop", date(2031, 5, 4), "Ana Velk visited Lakeport")
    assert [s.source_name for s in entry.sources] == ["Daily", "Herald"]


def test_entries_outside_the_window_are_background_but_plans_after_it_stay() -> None:
    """A visit that happened a month after the window is left out; a planned one then is kept;
    the entries come in date order."""
    items = [
        (_article(1, "Daily", 10), Extraction("a1", meetings=(
            _visit("Northgate", "happened", date(2031, 6, 30)),
            _visit("Southgate", "planned", date(2031, 6, 30)),
            Meeting(("Ana Velk", "Ori Tamm"), "Lakeport", "happened", type="talks",
                    date=date(2031, 5, 9)),
        ))),
    ]
    view = timeline_view(STORY.slug, STORY, events_in(items))
    assert [(e.when, e.text) for e in view.entries] == [
        (date(2031, 5, 9), "Ana Velk held talks with Ori Tamm in Lakeport"),
        (date(2031, 6, 30), "Ana Velk is due to visit Southgate"),
    ]


def test_an_unknown_storyline_is_titled_by_its_slug_and_keeps_every_date() -> None:
    """Without the storyline there is no window: nothing is left out."""
    items = [(_article(1, "Daily", 10), Extraction("a1", meetings=(
        _visit("Northgate", "happened", date(2040, 1, 1)),)))]
    view = timeline_view("gone", None, events_in(items))
    assert view.storyline_title == "gone"
    assert len(view.entries) == 1


def test_a_person_page_uses_the_fullest_name_and_lists_a_quote_once() -> None:
    """Asked for "Velk": the page is titled "Ana Velk", has her meeting with its storyline's
    title, and a quote found in two storylines' articles appears once; others' quotes do not."""
    article = _article(1, "Daily", 10)
    extraction = Extraction(
        "a1",
        meetings=(Meeting(("Ana Velk", "Ori Tamm"), "Lakeport", "happened", type="talks"),),
        quotes=(Quote("Velk", "The water is rising."), Quote("Ori Tamm", "We disagree.")),
    )
    items = [(article, extraction)]
    events = events_in(items)
    page = person_view("Velk", [
        StoryMaterial("Envoy's lake tour", events, items),
        StoryMaterial("Lake water talks", [], items),
    ])
    assert page.name == "Ana Velk"
    assert [title for title, _ in page.events] == ["Envoy's lake tour"]
    assert [q.text for q, _ in page.quotes] == ["The water is rising."]


def test_a_source_is_named_by_its_outlet_or_else_by_its_host() -> None:
    """An article without an outlet name is cited by its link's host, without "www."."""
    article = replace(_article(1, "", 10), url="https://www.lake-news.example/1")
    assert source_of(article).source_name == "lake-news.example"
    assert source_of(_article(2, "Daily", 10)).source_name == "Daily"
    assert host_of("https://www.Lake-News.example:8443/x") == "lake-news.example"
    assert host_of("https://xn--mnchen-3ya.example/") == "münchen.example"
    assert host_of(None) == ""
    assert host_of("not a link") == ""
