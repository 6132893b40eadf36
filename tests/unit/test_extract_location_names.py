"""Place names told whole: a capital named after its country's adjective, a country referred back
to by "that country", a name the tagger cut after "of the" or glued to a weekday."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from bot.extract.location import place_of, place_text
from bot.extract.meeting_rules import rules_off
from bot.extract.nlp import get_nlp


@pytest.mark.slow
def test_a_capital_compounded_with_its_name_is_the_city():
    """"the Ruritanian capital Vesk" parsed with "capital" a modifier of the name, and the name
    tagged a nationality, is the named city.
    """
    words = ["Envoys", "met", "in", "the", "Ruritanian", "capital", "Vesk", "on", "Friday", "."]
    doc = Doc(
        get_nlp().vocab, words=words,
        heads=[1, 1, 1, 5, 5, 6, 2, 1, 7, 1],
        deps=["nsubj", "ROOT", "prep", "det", "amod", "compound", "pobj", "prep", "pobj", "punct"],
        pos=["NOUN", "VERB", "ADP", "DET", "ADJ", "NOUN", "PROPN", "ADP", "PROPN", "PUNCT"],
        lemmas=["envoy", "meet", "in", "the", "ruritanian", "capital", "Vesk", "on", "Friday", "."],
        ents=["O", "O", "O", "O", "B-NORP", "O", "B-NORP", "O", "B-DATE", "O"],
    )
    found = place_of(doc[6], doc)
    assert found is not None
    assert found[0] == "Vesk"
    with rules_off(frozenset({"location_capital_compound_name"})):
        assert place_of(doc[6], doc) is None


@pytest.mark.slow
def test_the_visitors_own_country_is_not_the_country_visited(places):
    """"US Senator X will tour the country": the country before the title is the senator's, so
    "the country" refers back to the one named before it.
    """
    text = "Salmon prices in Norway rose in May. US Senator Ana Tosk will tour the country in June."
    assert places(text)[frozenset({"Ana Tosk"})] == "Norway"
    # (home_trip_no_visit off too: a US senator's tour of the US would be a trip at home, no visit)
    off = frozenset({"location_anaphor_not_nationality", "home_trip_no_visit"})
    assert places(text, off=off)[frozenset({"Ana Tosk"})] == "US"


@pytest.mark.slow
def test_that_country_refers_back_as_the_country_does(places):
    """"talks in that country" are in the country named just before."""
    text = ("Trade with Chile doubled last year, and Foreign Minister Ilse Varnik will hold talks with "
            "Prime Minister Erik Dahl in that country next month.")
    pair = frozenset({"Ilse Varnik", "Erik Dahl"})
    assert places(text)[pair] == "Chile"
    assert places(text, off=frozenset({"location_that_country"}))[pair] != "Chile"


def _tagged(text: str, spans: list[tuple[int, int]]) -> Doc:
    """The parsed text with its places tagged as the given token spans, as a tagger might cut them."""
    doc = get_nlp()(text)
    doc.ents = [Span(doc, a, b, label="GPE") for a, b in spans]
    return doc


@pytest.mark.slow
def test_a_name_cut_after_of_the_runs_on():
    """"the Republic of the | Lakes" tagged as two places is one name, from either part."""
    doc = _tagged("Envoy Karl Voss toured the Republic of the Lakes last week.", [(4, 8), (8, 9)])
    assert [t.text for t in doc[4:9]] == ["the", "Republic", "of", "the", "Lakes"]
    assert place_text(doc[5], doc) == "the Republic of the Lakes"
    assert place_text(doc[8], doc) == "the Republic of the Lakes"
    with rules_off(frozenset({"location_of_the_name_runs_on"})):
        assert place_text(doc[5], doc) == "the Republic of the"


@pytest.mark.slow
def test_a_weekday_glued_to_a_place_is_dropped():
    """"Bergen Sunday" tagged as one place is Bergen."""
    doc = _tagged("Envoy Karl Voss opened a dairy in Bergen Sunday with aides.", [(7, 9)])
    assert [t.text for t in doc[7:9]] == ["Bergen", "Sunday"]
    assert place_text(doc[7], doc) == "Bergen"
    with rules_off(frozenset({"location_place_without_weekday"})):
        assert place_text(doc[7], doc) == "Bergen Sunday"
