"""An event a gerund of a before-phrase does under a simple past ("thanked the crew before
starting talks") is the next step of the narrated past: held, not planned."""

from __future__ import annotations

import pytest

from tests.unit.conftest import statuses

pytestmark = pytest.mark.slow

OFF = frozenset({"happened_before_gerund_of_past"})


@pytest.mark.parametrize("text", [
    "Premier Ivo Marek thanked the ferry crew before starting talks with Governor Lena Brandt on the fishing quotas.",
    "Before beginning her talks with Premier Ivo Marek, Governor Lena Brandt laid a wreath at the war memorial.",
    "Governor Lena Brandt greeted the crowd before holding talks with Premier Ivo Marek in Vestby.",
])
def test_talks_a_gerund_of_a_past_before_phrase_holds_took_place(meetings_in, text) -> None:
    """The talks are held; with the rule off "before" read them as still ahead."""
    pair = ("Lena Brandt", "Ivo Marek")
    held = {tuple(sorted(p)): s for p, s in statuses(meetings_in, text)}
    read_off = {tuple(sorted(p)): s for p, s in statuses(meetings_in, text, OFF)}
    assert held[tuple(sorted(pair))] == "happened"
    assert read_off[tuple(sorted(pair))] == "planned"


@pytest.mark.parametrize("text", [
    # a date of the event's own
    "Governor Lena Brandt said on Monday before starting talks with Premier Ivo Marek on Saturday that ties were good.",
    # a future host clause
    "Governor Lena Brandt will speak to the press before holding talks with Premier Ivo Marek.",
    # a plan word above the past host
    "Governor Lena Brandt proposed to hold more rounds before opening talks with Premier Ivo Marek.",
    # a noun, not a gerund: named ahead, not told
    "Governor Lena Brandt spoke to the press before her talks with Premier Ivo Marek.",
])
def test_before_phrases_that_do_not_narrate_the_event_stay_planned(meetings_in, text) -> None:
    """A dated event, a future or planned host, or a bare noun after "before" stays planned."""
    found = {tuple(sorted(p)): s for p, s in statuses(meetings_in, text)}
    assert found.get(("Ivo Marek", "Lena Brandt")) == "planned"
