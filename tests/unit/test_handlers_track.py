"""/track input parsing and the admin URL check: pure functions behind the conversation."""

from __future__ import annotations

from datetime import date

import pytest

from bot.models import Actor
from bot.telegram.handlers.admin import check_feed_url
from bot.telegram.handlers.common import BadArgument
from bot.telegram.handlers.track import (
    Draft,
    TrackInputError,
    parse_actors,
    parse_terms,
    parse_title,
    parse_window,
    slugify,
)


def test_parse_actors_reads_names_and_bracketed_aliases():
    """'Name (alias / alias), Name' gives actors with aliases; duplicates collapse."""
    actors = parse_actors("Maria Okafor (Okafor / Minister Okafor), Jonas Berg; Jonas Berg")
    assert actors == (
        Actor("Maria Okafor", aliases=("Okafor", "Minister Okafor")),
        Actor("Jonas Berg"),
    )


@pytest.mark.parametrize("text", ["A", "x (y", "(only alias)", ", ".join(f"P{i}x" for i in range(13))])
def test_parse_actors_refuses_unreadable_input(text):
    """Too short, unbalanced brackets, no name, or too many people: a message to retry."""
    with pytest.raises(TrackInputError):
        parse_actors(text)


def test_parse_title_normalises_spaces_and_checks_length():
    """Titles are trimmed to single spaces and must be 3 to 80 characters."""
    assert parse_title("  Talks   in  Oslo ") == "Talks in Oslo"
    with pytest.raises(TrackInputError):
        parse_title("ab")
    with pytest.raises(TrackInputError):
        parse_title("x" * 81)


def test_parse_terms_splits_on_commas_and_newlines():
    """Places and keywords come as a comma or line separated list."""
    assert parse_terms("Geneva, Vienna\nOslo") == ("Geneva", "Vienna", "Oslo")
    with pytest.raises(TrackInputError):
        parse_terms("x, Geneva")


def test_parse_window_needs_two_real_dates_in_order():
    """Two ISO dates, the first not after the second; anything else is refused."""
    assert parse_window("from 2018-10-05 to 2018-10-09") == (date(2018, 10, 5), date(2018, 10, 9))
    for bad in ("2018-10-05", "2018-02-30 2018-03-01", "2018-10-09 2018-10-05", "soon"):
        with pytest.raises(TrackInputError):
            parse_window(bad)


def test_slugify_gives_short_unique_valid_slugs():
    """Slugs are lower-case ASCII with hyphens, at most 36 characters, unique among known ones."""
    assert slugify("Pompeo's Asia trip, Oct 2018", {}) == "pompeo-s-asia-trip-oct-2018"
    assert slugify("Café talks", {"cafe-talks": 1}) == "cafe-talks-2"
    assert slugify("!!!", {}) == "storyline"
    assert len(slugify("word " * 40, {})) <= 36


def test_draft_require_rule_follows_what_was_given():
    """People plus places/keywords need both; only people or only terms need just those."""
    both = Draft(1, "T", actors=(Actor("A B"),), places=("Oslo",)).storyline("t")
    assert both.require == ("actor", "place|keyword")
    people = Draft(1, "T", actors=(Actor("A B"),)).storyline("t")
    assert people.require == ("actor",)
    terms = Draft(1, "T", keywords=("summit",)).storyline("t")
    assert terms.require == ("place|keyword",)


@pytest.mark.parametrize(
    "url",
    ["", "file:///etc/passwd", "javascript:alert(1)", "https://", "http://a b/", "ftp://x.org/f", "https://x.org/" + "a" * 2100],
)
def test_check_feed_url_refuses_anything_but_one_http_url(url):
    """Only http(s) URLs with a host and no spaces may be added from a chat."""
    with pytest.raises(BadArgument):
        check_feed_url(url)


def test_check_feed_url_accepts_http_and_https():
    """Ordinary feed URLs pass unchanged (trimmed)."""
    assert check_feed_url(" https://news.example/rss.xml ") == "https://news.example/rss.xml"
    assert check_feed_url("http://127.0.0.1:8080/feed") == "http://127.0.0.1:8080/feed"


def test_may_untrack_lets_only_the_owner_or_an_admin_delete():
    """The owner chat deletes its own; a shared /track storyline only a bot admin; a storyline
    from the files nobody (it would come back at the next start)."""
    from bot.telegram.handlers.ownership import may_untrack

    assert may_untrack(5, 5, bot_admin=False, from_track=True) == ""
    assert "Only the chat" in may_untrack(5, 6, bot_admin=False, from_track=True)
    assert "Only the chat" in may_untrack(5, 6, bot_admin=True, from_track=True)  # still private
    assert may_untrack(None, 6, bot_admin=True, from_track=True) == ""
    assert "Only the chat" in may_untrack(None, 6, bot_admin=False, from_track=True)
    assert "storyline files" in may_untrack(None, 6, bot_admin=True, from_track=False)


def test_storyline_visible_hides_private_storylines_from_other_chats():
    """No owner: every chat sees it; an owner: only that chat."""
    from bot.services.storylines import storyline_visible

    owners = {"mine": 5}
    assert storyline_visible(owners, "shared", 6)
    assert storyline_visible(owners, "mine", 5)
    assert not storyline_visible(owners, "mine", 6)
