"""Dateline places and "here": where an agency story was filed and what its "here" means."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.extract.entities import build_people_index
from bot.extract.location import dateline_place
from bot.extract.meetings import extract_meetings
from bot.extract.nlp import get_nlp


@pytest.mark.parametrize(("text", "place"), [
    ("OSLO, March 3 , 2021 (AFP)\nThe minister spoke.", "Oslo"),
    ("SAN JOSE, Costa Rica, Nov. 4 , 2020 (Xinhua)\nText.", "San Jose"),
    ("\n  LIMA (Reuters) - The talks began.", "Lima"),
    ("PORT-AU-PRINCE, Dec 5 , 2019\nText.", "Port-Au-Prince"),
])
def test_dateline_city_is_read_from_the_first_line(text, place):
    """The all-caps city before the date or the agency is the dateline place."""
    assert dateline_place(text) == place


@pytest.mark.parametrize("text", [
    "",
    "Monday, April 5, the ministers met.",
    "The president met the press (briefly) on Monday.",
    "OSLO\nno date or agency follows the city",
])
def test_text_without_a_dateline_gives_none(text):
    """Ordinary first lines, capitalised words and a bare city line are no dateline."""
    assert dateline_place(text) is None


@pytest.mark.slow
def test_here_and_visits_to_the_dateline_city_take_its_name():
    """"arrived here" is a visit to the dateline city and "talks here" are held there; a later
    meeting of the visitor with no stated place falls in the stay under way.
    """
    text = (
        "VALLETTA, May 4 , 2021 (AFP)\n"
        "Foreign Minister Ines Halvorsen arrived here on Tuesday.\n"
        "She held talks here with Prime Minister Carl Brandt on Wednesday.\n"
        "Halvorsen also met opposition leader Mark Zerafa on Thursday."
    )
    nlp = get_nlp()
    doc = nlp(text)
    found = extract_meetings(doc, build_people_index(doc), datetime(2021, 5, 7, tzinfo=UTC))
    got = {frozenset(m.participants): m.location for m in found}
    assert got == {
        frozenset({"Ines Halvorsen"}): "Valletta",
        frozenset({"Ines Halvorsen", "Carl Brandt"}): "Valletta",
        frozenset({"Ines Halvorsen", "Mark Zerafa"}): "Valletta",
    }


@pytest.mark.slow
def test_a_planned_visit_places_the_meetings_planned_on_it(places):
    """Meetings told after "will visit <country>" with no place of their own take the country, and
    that without the stay rule they stay unplaced.
    """
    text = (
        "Chilean President Rosa Tamayo will visit Norway next month, officials said on Friday.\n"
        "Tamayo is scheduled to hold talks with Prime Minister Olav Brekke.\n"
        "She is also expected to meet King Erik Dahl."
    )
    got = places(text)
    assert got[frozenset({"Rosa Tamayo", "Olav Brekke"})] == "Norway"
    assert got[frozenset({"Rosa Tamayo", "Erik Dahl"})] == "Norway"
    assert places(text, off=frozenset({"location_visit_stay"}))[frozenset({"Rosa Tamayo", "Olav Brekke"})] is None


@pytest.mark.slow
def test_calls_and_earlier_meetings_do_not_take_the_stay(places):
    """A phone call made during a visit and a meeting told as background (years ago) get no place
    from the visit: a call joins two places, an old meeting was elsewhere.
    """
    text = (
        "Chilean President Rosa Tamayo arrived in Oslo on Thursday for a three-day visit.\n"
        "Tamayo held a telephone conversation with Argentine President Luis Ferro on Friday.\n"
        "Tamayo first met Prime Minister Olav Brekke in 2009."
    )
    got = places(text)
    assert got[frozenset({"Rosa Tamayo"})] == "Oslo"
    assert got.get(frozenset({"Rosa Tamayo", "Luis Ferro"}), None) is None
    assert got[frozenset({"Rosa Tamayo", "Olav Brekke"})] is None


@pytest.mark.slow
def test_a_site_visit_is_no_stay(places):
    """A visit to a site (a factory) does not place a later meeting: an outing, not a stay."""
    text = (
        "Trade Minister Oda Ravnsborg visited a car factory on Monday.\n"
        "Ravnsborg will hold talks with Finance Minister Erik Dahl on Tuesday."
    )
    assert places(text)[frozenset({"Oda Ravnsborg", "Erik Dahl"})] is None


@pytest.mark.slow
def test_a_stay_under_way_is_one_where_the_story_is_filed(places):
    """A plan takes the place of a stay that has begun only when the stay is in the dateline city:
    "arrived here" yes, a visit elsewhere the week before no.
    """
    here = places(
        "TOKYO, May 6 , 2021 (AFP)\n"
        "Foreign Minister Jan Kowal arrived here on Monday.\n"
        "Kowal will hold talks with Prime Minister Ken Sato on Friday."
    )
    assert here[frozenset({"Jan Kowal", "Ken Sato"})] == "Tokyo"
    elsewhere = places(
        "SEOUL, May 6 , 2021 (AFP)\n"
        "Foreign Minister Jan Kowal visited Japan on Monday.\n"
        "Kowal will hold talks with Prime Minister Ken Sato on Friday."
    )
    assert elsewhere[frozenset({"Jan Kowal", "Ken Sato"})] is None


@pytest.mark.slow
def test_due_in_a_place_for_a_visit_places_the_visit(places):
    """"is due in <country> for a visit": the visit is there, and planned."""
    got = places("Agriculture Minister Oda Ravnsborg is due in Morocco for a visit to the grain ports.")
    assert got[frozenset({"Oda Ravnsborg"})] == "Morocco"


@pytest.mark.slow
@pytest.mark.parametrize(("text", "rule", "place"), [
    ("Foreign Minister Jan Kowal met Prime Minister Ken Sato on the sidelines of the G20 summit in Osaka "
     "on Friday.", "location_host_event", "Osaka"),
    ("Foreign Minister Jan Kowal will hold talks with Prime Minister Ken Sato at the UN General Assembly "
     "in New York.", "location_host_event", "New York"),
    ("Foreign Minister Jan Kowal will meet Prime Minister Ken Sato during the Osaka summit.",
     "location_host_event", "Osaka"),
    ("Foreign Minister Jan Kowal will attend talks with Prime Minister Ken Sato to be held in Geneva "
     "next week.", "location_venue_participle", "Geneva"),
])
def test_a_meeting_takes_the_place_of_its_gathering_or_venue_clause(places, text, rule, place):
    """The meeting is placed by the named source, and left unplaced without it."""
    pair = frozenset({"Jan Kowal", "Ken Sato"})
    assert places(text)[pair] == place
    assert places(text, off=frozenset({rule}))[pair] is None


@pytest.mark.slow
def test_a_place_after_the_first_of_two_verbs_is_not_the_seconds(places):
    """"held talks at <site> and was to meet Y": the meeting with Y does not take the site of the
    first verb, while a fronted "In <city>," still spans both verbs (and, by the golden article 15,
    so does a city after the first verb).
    """
    after = places(
        "Foreign Minister Jan Kowal held talks at the central bank on Tuesday and was to meet "
        "Prime Minister Ken Sato the next day."
    )
    assert after[frozenset({"Jan Kowal", "Ken Sato"})] is None
    fronted = places(
        "In Osaka, Foreign Minister Jan Kowal toured a shipyard and then met Prime Minister Ken Sato."
    )
    assert fronted[frozenset({"Jan Kowal", "Ken Sato"})] == "Osaka"


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "OSLO, March 3 (Wire) -",
    "OSLO, March 3 (Wire)\n\n\n",
    "Talks were held here on Monday between Prime Minister Erik Dahl and President Ana Ruiz.",
])
def test_a_bare_dateline_or_a_here_without_one_places_nothing_and_raises_nothing(places, text):
    """A dateline with no story after it gives no meeting, and "here" with no dateline never becomes
    a place.
    """
    assert all(place is None for place in places(text).values())


@pytest.mark.slow
def test_the_north_is_the_north_country_the_text_names(places):
    """ "visited the North" after the text names one "North <X>" country is a visit to that
    country; with no such country named, the words stay as written."""
    named = places("South Korea and North Korea agreed on a hotline. Envoy Ana Ruiz visited the South on Monday.")
    assert named[frozenset({"Ana Ruiz"})] == "South Korea"
    alone = places("Envoy Ana Ruiz visited the North on Monday.")
    assert alone[frozenset({"Ana Ruiz"})] == "the North"
    off = places("South Korea and North Korea agreed on a hotline. Envoy Ana Ruiz visited the South on Monday.",
                 off=frozenset({"location_short_country"}))
    assert off[frozenset({"Ana Ruiz"})] == "the South"


def test_short_country_names_need_exactly_one_country_per_side():
    """Only north and south, only countries, and only when one country of that side is named."""
    from bot.extract.location import short_country_names

    assert short_country_names("Talks between North Korea and South Korea.") == {
        "north": "North Korea", "south": "South Korea"}
    assert short_country_names("South Sudan and South Korea signed a deal.") == {}
    assert short_country_names("The North Korean leader spoke.") == {"north": "North Korea"}
    assert short_country_names("Settlers in the West Bank. North Carolina voted.") == {}
def _places(text: str, published: datetime) -> dict[frozenset[str], str | None]:
    nlp = get_nlp()
    doc = nlp(text)
    found = extract_meetings(doc, build_people_index(doc), published)
    return {frozenset(m.participants): m.location for m in found}


@pytest.mark.slow
def test_meeting_of_a_party_said_to_be_here_is_in_the_dateline_city():
    """A party who "told reporters here" met, with no place stated, in the dateline city."""
    text = (
        "TALLINN, June 9 , 2022 (AFP)\n"
        "Envoy Marta Kessler told reporters here on Thursday that the talks had gone well.\n"
        "Kessler met Interior Minister Jonas Ruud on Thursday morning."
    )
    got = _places(text, datetime(2022, 6, 9, tzinfo=UTC))
    assert got[frozenset({"Marta Kessler", "Jonas Ruud"})] == "Tallinn"


@pytest.mark.slow
def test_resident_of_the_dateline_city_and_visiting_name_place_their_meetings():
    """"X, the envoy in <dateline city>" and "Visiting X ..." put X there: X's meetings with no
    stated place are held in that city.
    """
    text = (
        "VADUZ, June 9 , 2022 (AFP)\n"
        "Peter Aldous, the special envoy in Vaduz, said the plan was sound.\n"
        "He spoke after a meeting with Prime Minister Olga Brandt.\n"
        "Visiting Trade Minister Hugo Falk warned on Thursday that tariffs would rise.\n"
        "Falk met Finance Minister Nora Lind on Thursday."
    )
    got = _places(text, datetime(2022, 6, 9, tzinfo=UTC))
    assert got[frozenset({"Peter Aldous", "Olga Brandt"})] == "Vaduz"
    assert got[frozenset({"Hugo Falk", "Nora Lind"})] == "Vaduz"


@pytest.mark.slow
def test_dateline_gives_no_place_to_calls_earlier_meetings_or_absent_parties():
    """Calls, meetings dated long before and meetings of parties the text does not put "here"
    keep no place.
    """
    text = (
        "TALLINN, June 9 , 2022 (AFP)\n"
        "Envoy Marta Kessler said here on Thursday that the talks had gone well.\n"
        "Kessler telephoned Foreign Minister Ruth Hale on Wednesday.\n"
        "Kessler had met Interior Minister Jonas Ruud in 2015.\n"
        "Opposition leader Erik Sand met union chief Lena Moss on Wednesday."
    )
    got = _places(text, datetime(2022, 6, 9, tzinfo=UTC))
    assert got[frozenset({"Marta Kessler", "Ruth Hale"})] is None
    assert got[frozenset({"Marta Kessler", "Jonas Ruud"})] is None
    assert got[frozenset({"Erik Sand", "Lena Moss"})] is None


@pytest.mark.parametrize("sentence", [
    "Both delegations flew to Vilnius for a week of budget talks.",
    "The ministers held their budget talks in Vilnius last spring.",
])
def test_known_place_after_a_preposition_is_a_place_whatever_its_tag(sentence):
    """A one-word gazetteer place after "to" or "in" counts as a place even when tagged a person."""
    from spacy.tokens import Span

    from bot.extract.location import is_place_token

    doc = get_nlp()(sentence)
    tok = next(t for t in doc if t.text == "Vilnius")
    doc.ents = [Span(doc, tok.i, tok.i + 1, label="PERSON")]
    assert tok.ent_type_ == "PERSON"
    assert is_place_token(tok)


def test_a_person_tagged_name_in_a_with_phrase_stays_a_person():
    """"talks with Vilnius"-like phrases are not place phrases: only in/to/at make the name a place."""
    from spacy.tokens import Span

    from bot.extract.location import is_place_token

    doc = get_nlp()("The minister held talks with Jordan on Monday.")
    tok = next(t for t in doc if t.text == "Jordan")
    doc.ents = [Span(doc, tok.i, tok.i + 1, label="PERSON")]
    assert not is_place_token(tok)


@pytest.mark.slow
def test_kind_of_place_takes_the_name_after_of():
    """"the port city of <city>" is the city, not the country the phrase also names."""
    got = _places("Foreign Minister Maria Lopez will hold talks in France's port city of Marseille on Friday "
                  "with her counterpart John Carter.", datetime(2022, 6, 9, tzinfo=UTC))
    assert got[frozenset({"Maria Lopez", "John Carter"})] == "Marseille"


@pytest.mark.slow
def test_here_inside_a_phrase_puts_the_verbs_parties_here():
    """"said in an interview here": the speaker is in the dateline city, so a meeting of theirs with
    no stated place is held there.
    """
    text = (
        "TALLINN, June 9 , 2022 (AFP)\n"
        "Envoy Marta Kessler said in an interview here on Thursday that the talks had gone well.\n"
        "Kessler met Interior Minister Jonas Ruud on Thursday morning."
    )
    got = _places(text, datetime(2022, 6, 9, tzinfo=UTC))
    assert got[frozenset({"Marta Kessler", "Jonas Ruud"})] == "Tallinn"


@pytest.mark.parametrize(("sentence", "name"), [
    ("The trade fair opens on May 9 in Vina del Mar, Chile.", "Vina del Mar"),
    ("Talks were held in Dar es Salaam on Monday.", "Dar es Salaam"),
    ("The two ministers met in Rio de Janeiro on Monday.", "Rio de Janeiro"),
])
def test_a_place_name_keeps_its_lower_case_particles(sentence, name):
    """A name the tagger starts or ends at "del", "es" or "de" is read whole."""
    from bot.extract.location import place_text

    doc = get_nlp()(sentence)
    tok = next(t for t in doc if t.text == name.split()[-1])
    assert place_text(tok, doc) == name


def test_a_name_with_an_article_is_no_small_town_of_that_name():
    """"the Andes" is a mountain range, not the small town Andes; big cities keep their article."""
    from bot.extract.entities import resolve_place

    assert resolve_place("the Andes") is None
    place = resolve_place("the Hague")
    assert place is not None
    assert place.city == "The Hague"


@pytest.mark.slow
def test_a_visited_site_is_placed_by_its_name_or_its_city(places):
    """"the oldest palace, the Ninefold Palace" is the named palace; "visit a plant in <city>" is in
    the city; a site with no city stated, or named by its owner ("the NATO headquarters"), stays the site.
    """
    named = places("Trade Minister Oda Ravnsborg on Monday visited the country's oldest palace, the Ninefold Palace.")
    assert named[frozenset({"Oda Ravnsborg"})] == "the Ninefold Palace"
    city = "In Valparaiso, Trade Minister Oda Ravnsborg will visit a factory on Monday."
    assert places(city)[frozenset({"Oda Ravnsborg"})] == "Valparaiso"
    assert places(city, off=frozenset({"location_site_by_name"}))[frozenset({"Oda Ravnsborg"})] == "a factory"
    assert places("Trade Minister Oda Ravnsborg visited a car factory on Monday.")[frozenset({"Oda Ravnsborg"})] \
        == "a car factory"
    owned = places("In Lisbon, Trade Minister Oda Ravnsborg visited the NATO headquarters on Monday.")
    assert owned[frozenset({"Oda Ravnsborg"})] == "the NATO headquarters"


@pytest.mark.slow
def test_a_site_visit_told_as_further_is_not_the_country_visit(places):
    """"also plans to tour a plant in <city>": a second visit, not the country visit again."""
    text = (
        "Agriculture Minister Oda Ravnsborg will be in Morocco from Friday for a two-day visit.\n"
        "Ravnsborg also plans to tour a fertiliser plant in Safi on Sunday."
    )
    nlp = get_nlp()
    doc = nlp(text)
    found = extract_meetings(doc, build_people_index(doc), datetime(2021, 5, 7, tzinfo=UTC))
    assert sorted(m.location or "" for m in found if m.participants == ("Oda Ravnsborg",)) == ["Morocco", "Safi"]


@pytest.mark.slow
def test_a_capital_marked_with_its_country_is_the_place(places):
    """"in the Danish capital" places the talks there, as stated; a named capital gives its name;
    capital that is money is no place.
    """
    stated = places("Foreign Minister Ilse Varnik will hold talks with Prime Minister Erik Dahl in the Danish capital "
                    "on Monday.")
    assert stated[frozenset({"Ilse Varnik", "Erik Dahl"})] == "the Danish capital"
    named = places("Foreign Minister Ilse Varnik met Prime Minister Erik Dahl in the Danish capital Copenhagen on Monday.")
    assert named[frozenset({"Ilse Varnik", "Erik Dahl"})] == "Copenhagen"
    money = places("Foreign Minister Ilse Varnik met Prime Minister Erik Dahl to discuss foreign capital on Monday.")
    assert money[frozenset({"Ilse Varnik", "Erik Dahl"})] is None


@pytest.mark.slow
def test_a_meeting_on_a_visit_to_the_dateline_country_is_in_the_dateline_city(places):
    """A stay in the country the story is filed from places a meeting that took place in the
    dateline city, not in the whole country; without the rule the country stays.
    """
    text = (
        "KORSVIK, May 6 , 2021 (AFP)\n"
        "Trade Minister Ilse Vormann began a three-day visit to Norway on Monday.\n"
        "Vormann held talks with Fisheries Minister Arne Tolle on Tuesday."
    )
    pair = frozenset({"Ilse Vormann", "Arne Tolle"})
    assert places(text.replace("KORSVIK", "BERGEN"))[pair] == "Bergen"
    assert places(text.replace("KORSVIK", "BERGEN"), off=frozenset({"location_stay_dateline_city"}))[pair] == "Norway"


@pytest.mark.slow
def test_the_meeting_takes_the_place_the_text_gives_it_elsewhere(places):
    """"a two-day meeting in <city>" then "talks at the meeting on Monday": the definite mention is
    the same gathering, and the talks held at it take its place.
    """
    text = (
        "Grain exporters gathered on Sunday ahead of a two-day meeting in Tromso.\n"
        "Farm Minister Ilse Vormann will hold talks with Trade Minister Arne Tolle at the meeting on Monday."
    )
    pair = frozenset({"Ilse Vormann", "Arne Tolle"})
    assert places(text)[pair] == "Tromso"
    assert places(text, off=frozenset({"location_restated_gathering"}))[pair] is None


@pytest.mark.slow
def test_two_places_for_one_gathering_word_place_nothing(places):
    """When the text places two meetings in two cities, "the meeting" takes neither."""
    text = (
        "Grain exporters met in Tromso last week and will hold another meeting in Bodo in June.\n"
        "Farm Minister Ilse Vormann will hold talks with Trade Minister Arne Tolle at the meeting on Monday."
    )
    assert places(text)[frozenset({"Ilse Vormann", "Arne Tolle"})] is None


@pytest.mark.slow
def test_a_later_indefinite_gathering_is_another_one(places):
    """"the summit" told before "in 2009, at a summit in Tromso": the later one is a new gathering,
    whose place is not the first one's.
    """
    text = (
        "Farm Minister Ilse Vormann will hold talks with Trade Minister Arne Tolle at the summit on Monday.\n"
        "In 2009, at a summit in Tromso, the two ministers signed a fisheries pact."
    )
    assert places(text)[frozenset({"Ilse Vormann", "Arne Tolle"})] is None


@pytest.mark.slow
def test_a_host_of_the_dateline_country_met_in_the_dateline_city(places):
    """A meeting that happened with no stated place, with a party marked as of the dateline city's
    country, is in that city; a party of another country does not place it.
    """
    text = (
        "SANTIAGO, May 6 , 2021 (AFP)\n"
        "Chilean Interior Minister Tomas Arrieta met Norwegian Trade Minister Ilse Vormann on Thursday "
        "to discuss salmon quotas."
    )
    pair = frozenset({"Tomas Arrieta", "Ilse Vormann"})
    assert places(text)[pair] == "Santiago"
    assert places(text, off=frozenset({"location_dateline_local_host"}))[pair] is None
    abroad = text.replace("Chilean", "Peruvian")
    assert places(abroad)[pair] is None


@pytest.mark.slow
def test_the_alpine_country_is_the_country_named_before(places):
    """"a visit to the Alpine country" refers back to the country the text named last."""
    text = (
        "Trade between Norway and Austria rose last year.\n"
        "Norwegian Trade Minister Ilse Vormann will make a visit to the Alpine country next week."
    )
    assert places(text)[frozenset({"Ilse Vormann"})] == "Austria"
    assert places(text, off=frozenset({"location_country_anaphor"})).get(frozenset({"Ilse Vormann"})) != "Austria"


@pytest.mark.slow
def test_visiting_before_a_titled_name_puts_the_name_here(places):
    """"..., visiting Norwegian Trade Minister X promised" with "visiting" parsed as a clause of its
    own: the titled name after it is the visitor, whose visit is in the dateline city.
    """
    text = (
        "BERN, May 6 , 2021 (AFP)\n"
        "Opening a salmon fair with her Swiss host Anna Keller, visiting Norwegian Trade Minister "
        "Ilse Vormann promised lower tariffs."
    )
    assert places(text)[frozenset({"Ilse Vormann"})] == "Bern"
    assert places(text, off=frozenset({"location_visiting_title_name"}))[frozenset({"Ilse Vormann"})] is None


@pytest.mark.slow
def test_a_stay_phrase_places_the_clause_it_sets(places):
    """"During her stay in Bergen, X will hold talks with Y": the stay's place is the talks', not
    the country of a tour the text told before.
    """
    text = (
        "ZURICH, May 6 , 2021 (AFP)\n"
        "Swiss Finance Minister Anna Keller will visit Sweden and Norway next month.\n"
        "During her stay in Bergen, Keller is expected to hold talks with harbour chief "
        "Lars Dybvik on ferry tariffs."
    )
    pair = frozenset({"Anna Keller", "Lars Dybvik"})
    assert places(text)[pair] == "Bergen"
    assert places(text, off=frozenset({"location_stay_phrase"}))[pair] != "Bergen"


@pytest.mark.slow
def test_a_party_placed_by_a_presence_phrase_meets_there(places):
    """"X said on arrival in Tromso ... X will meet Y": the meeting is where X was put; "X, currently
    visiting Tromso, is to meet Y" likewise; two places for the parties place nothing.
    """
    text = (
        "OSLO, May 6 , 2021 (AFP)\n"
        "Swiss Finance Minister Anna Keller said on arrival in Tromso that ferry tariffs were too high.\n"
        "Keller will meet harbour chief Lars Dybvik on Friday to discuss the fees."
    )
    pair = frozenset({"Anna Keller", "Lars Dybvik"})
    assert places(text)[pair] == "Tromso"
    assert places(text, off=frozenset({"location_stated_presence"}))[pair] != "Tromso"
    visiting = (
        "OSLO, May 6 , 2021 (AFP)\n"
        "Swiss Finance Minister Anna Keller, currently visiting Bergen, is scheduled to meet harbour chief "
        "Lars Dybvik on Friday to discuss ferry tariffs."
    )
    assert places(visiting)[pair] == "Bergen"
    assert places(visiting, off=frozenset({"location_stated_presence"}))[pair] != "Bergen"
    two = text.replace("Keller will meet", "Keller, who is in Narvik for a fair, will meet")
    assert places(two)[pair] != "Tromso"


@pytest.mark.slow
def test_an_organisations_name_tagged_a_place_is_no_place(places):
    """A summit named for a <region> Water Cooperation body: the name is the body's, not a place."""
    text = (
        "Finance Minister Anna Keller will hold talks with Lars Dybvik on the sidelines of the "
        "South Asia Water Cooperation summit next week."
    )
    pair = frozenset({"Anna Keller", "Lars Dybvik"})
    assert places(text)[pair] is None
    assert places(text, off=frozenset({"location_not_organisation"}))[pair] == "the South Asia Water Cooperation"


@pytest.mark.slow
def test_a_gathering_placed_by_its_to_clause_places_talks_on_its_sidelines(places):
    """"the forum is to take place in Bergen": the to-clause's place is the forum's, so talks on its
    sidelines are there too, as when the place is put on "is expected to be held".
    """
    talks = (
        "Finance Minister Anna Keller will hold talks with harbour chief Lars Dybvik on the sidelines "
        "of the coming Northern Rim Trade forum, officials said on Wednesday.\n"
    )
    pair = frozenset({"Anna Keller", "Lars Dybvik"})
    for placed in ("The Northern Rim Trade forum is to take place in Bergen next month.",
                   "The forum is expected to be held in Bergen next month."):
        assert places(talks + placed)[pair] == "Bergen"
        assert places(talks + placed, off=frozenset({"location_raised_gathering"}))[pair] is None


@pytest.mark.slow
def test_a_gathering_restated_by_a_kindred_word_keeps_its_place(places):
    """A two-day gathering placed in Bergen, later called the meeting: one gathering by two words."""
    text = (
        "Nordic finance ministers ended a two-day gathering in Bergen on Monday.\n"
        "On the sidelines of the meeting, Finance Minister Anna Keller held talks with harbour chief Lars Dybvik."
    )
    pair = frozenset({"Anna Keller", "Lars Dybvik"})
    assert places(text)[pair] == "Bergen"
    assert places(text, off=frozenset({"location_restated_kin"}))[pair] is None


@pytest.mark.slow
def test_a_journey_made_after_the_event_does_not_place_it(places):
    """"returned to Zurich after a two-day visit with Y": Zurich is where the journey home ends."""
    text = "Finance Minister Anna Keller returned to Zurich on Friday after a two-day visit with harbour chief Lars Dybvik."
    pair = frozenset({"Anna Keller", "Lars Dybvik"})
    assert places(text)[pair] is None
    assert places(text, off=frozenset({"location_journey_after_event"}))[pair] == "Zurich"


@pytest.mark.slow
def test_a_gathering_named_by_a_bodys_short_name_keeps_its_place_whatever_its_noun(places):
    """"the NTC forum", "NTC" and "the NTC leaders' meeting in Halvik": one gathering named by its
    body, so talks on its sidelines are in Halvik, whichever noun or none the text uses there.
    """
    told = "The Nordic Trade Council (NTC) leaders' meeting is to take place in Halvik next month.\n"
    pair = frozenset({"Anna Keller", "Lars Dybvik"})
    for talks in (
        "Finance Minister Anna Keller will hold talks with harbour chief Lars Dybvik on the sidelines "
        "of the coming NTC forum, officials said on Wednesday.\n",
        "Finance Minister Anna Keller said her talks with harbour chief Lars Dybvik on the sidelines "
        "of NTC would focus on fisheries.\n",
    ):
        assert places(told + talks)[pair] == "Halvik"
        assert places(told + talks, off=frozenset({"location_restated_by_body_name"}))[pair] is None
