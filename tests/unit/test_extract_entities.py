"""People with roles, in-document name resolution, and places resolved to countries."""

from __future__ import annotations

import pytest

from bot.extract.entities import (
    _gazetteer,
    build_people_index,
    place_contains,
    resolve_place,
    warm_gazetteer,
)
from bot.extract.nlp import get_nlp


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def _index(nlp, text):
    return build_people_index(nlp(text))


@pytest.mark.slow
def test_title_becomes_the_role_and_not_part_of_the_name(nlp):
    """A title before a name ("Prime Minister") is the person's role and not part of the name."""
    people = _index(nlp, "Prime Minister Erik Dahl opened the session in Oslo on Monday.")
    assert [(p.name, p.role) for p in people.people] == [("Erik Dahl", "Prime Minister")]


@pytest.mark.slow
def test_a_long_title_before_a_name_is_a_person(nlp):
    """A multi-word title ("Secretary of State") before a name gives a person with that role."""
    people = _index(nlp, "Secretary of State Anna Lind said the talks would resume.")
    names = {p.name: p.role for p in people.people}
    assert names.get("Anna Lind") == "Secretary of State"


@pytest.mark.slow
def test_surnames_and_honorifics_resolve_to_the_full_name(nlp):
    """A bare surname, "Mr Berg", "Mr. Berg" and a possessive all give the full name."""
    people = _index(nlp, "Foreign Minister Karl Berg arrived on Monday. Mr Berg said little.")
    assert people.resolve("Berg") == "Karl Berg"
    assert people.resolve("Mr. Berg") == "Karl Berg"
    assert people.resolve("Mr Berg's") == "Karl Berg"
    assert people.is_person("Berg")


@pytest.mark.slow
def test_a_role_resolves_when_one_person_holds_it(nlp):
    """"the Chilean president" and "the president" resolve to the one president named."""
    people = _index(
        nlp,
        "President Marta Ruiz of Chile met Prime Minister Erik Dahl. The Chilean president "
        "praised the talks.",
    )
    assert people.resolve("the Chilean president") == "Marta Ruiz"
    assert people.resolve("the president") == "Marta Ruiz"


@pytest.mark.slow
def test_ambiguous_and_unknown_mentions_resolve_to_none(nlp):
    """A shared or unknown surname and an unheld role resolve to None; an empty name is no person.
    """
    people = _index(nlp, "Paul Okoye met Grace Okoye in Lagos. Okoye said nothing.")
    assert people.resolve("Okoye") is None
    assert people.resolve("Dahl") is None
    assert people.resolve("the minister") is None
    assert not people.is_person("")


@pytest.mark.slow
def test_he_resolves_to_the_latest_person_before_it(nlp):
    """last_person_before gives the person named latest before "he"."""
    doc = nlp("Trade Minister Paul Okoye landed in Accra. He met officials there.")
    people = build_people_index(doc)
    he = next(t for t in doc if t.lower_ == "he")
    assert people.last_person_before(he.i) == "Paul Okoye"


@pytest.mark.slow
def test_photo_credits_in_capitals_are_not_part_of_a_name(nlp):
    """A photo credit in capitals ("GETTY") before a name is not taken into the person's name."""
    people = _index(nlp, "GETTY Erik Dahl waves to supporters in Oslo.")
    assert "Erik Dahl" in [p.name for p in people.people]
    assert all("GETTY" not in p.name for p in people.people)


def test_cities_resolve_to_their_country():
    """A city resolves to a place holding that city and its country."""
    place = resolve_place("Pyongyang")
    assert place is not None
    assert place.city == "Pyongyang"
    assert place.country == "North Korea"


def test_common_country_names_resolve():
    """Common short country names ("Britain", "the U.S.") resolve to the country, with no city."""
    assert resolve_place("Britain").country == "United Kingdom"
    assert resolve_place("the U.S.").country == "United States"
    assert resolve_place("Japan").city == ""


def test_a_city_named_with_its_country_resolves_to_the_city():
    """"Oslo, Norway" is the city in that country; a city with another country, or a country
    with a word that is no city, is no place."""
    place = resolve_place("Oslo, Norway")
    assert (place.city, place.country) == ("Oslo", "Norway")
    assert resolve_place("Oslo, Japan") is None
    assert resolve_place("Qwzxv, Norway") is None


def test_short_and_older_country_names_of_agency_copy_resolve():
    """Agency copy's short forms and older names ("the DPRK", "the UAE", "Zaire") are countries."""
    assert resolve_place("the DPRK").country == "North Korea"
    assert resolve_place("the ROK").country == "South Korea"
    assert resolve_place("the UAE").country == "United Arab Emirates"
    assert resolve_place("Zaire").country == "Democratic Republic of the Congo"
    assert resolve_place("Cote d'Ivoire").country == "Ivory Coast"
    assert resolve_place("Bosnia").city == ""


def test_accents_do_not_matter_for_places():
    """A place name written without its accent ("Reykjavik") still resolves to its country."""
    assert resolve_place("Reykjavik").country == "Iceland"


def test_old_city_names_resolve_but_translated_phrases_do_not():
    """A big city's single-word old name is kept ("Peking"); a multi-word alternate that shares
    no word with the city's name is a translation, not a place a report means ("White House"
    is an English rendering of Casablanca's Arabic name)."""
    assert resolve_place("Peking").city == "Beijing"
    assert resolve_place("City of Manila").city == "Manila"
    assert resolve_place("the White House") is None


def test_unknown_places_and_bad_input_give_none():
    """An unknown name, an empty string and an overlong string resolve to no place."""
    assert resolve_place("Qwzxv") is None
    assert resolve_place("") is None
    assert resolve_place("x" * 500) is None


def test_a_country_contains_its_cities_and_not_others():
    """place_contains is true for a country and its city, false for a foreign city or reversed."""
    assert place_contains("Japan", "Tokyo")
    assert not place_contains("Japan", "Seoul")
    assert not place_contains("Tokyo", "Japan")


@pytest.mark.slow
def test_buildings_and_papers_named_after_people_are_not_people(nlp):
    """A building ("Dahl Tower") and a paper ("Oslo Herald") bearing a name are not people."""
    people = _index(nlp, "Erik Dahl left Dahl Tower and spoke to the Oslo Herald on Monday.")
    assert [p.name for p in people.people] == ["Erik Dahl"]


@pytest.mark.slow
def test_first_lady_is_a_role(nlp):
    """"First Lady" before a name is the role, not part of the name."""
    people = _index(nlp, "First Lady Maria Dahl opened the exhibition in Oslo.")
    assert [(p.name, p.role) for p in people.people] == [("Maria Dahl", "First Lady")]


@pytest.mark.slow
def test_a_titled_short_form_with_a_different_title_stays_apart(nlp):
    """"President Dahl" is kept apart from "First Lady Maria Dahl", who has another title."""
    doc = nlp(
        "President Dahl spoke first. Later, First Lady Maria Dahl greeted the guests at the "
        "palace."
    )
    people = build_people_index(doc)
    president = next(t for t in doc if t.text == "Dahl")
    assert people.person_at(president.i) == "Dahl"


@pytest.mark.slow
def test_context_shows_a_name_is_a_paper_or_a_place(nlp):
    """A name set in apposition to "the state-run newspaper" is a paper, not a person."""
    people = _index(
        nlp,
        "In a column on Friday, Kovar Daily, the state-run newspaper of the governing coalition, "
        "attacked Foreign Minister Karl Berg.",
    )
    assert [p.name for p in people.people] == ["Karl Berg"]


@pytest.mark.slow
def test_surnames_that_are_also_nouns_for_places_stay_people(nlp):
    """Titled names whose surnames are also place nouns ("Park", "Hall") stay people."""
    people = _index(nlp, "Senator Grace Park met Mayor Tom Hall in Boston on Monday.")
    assert [p.name for p in people.people] == ["Grace Park", "Tom Hall"]


@pytest.mark.slow
def test_a_building_named_after_someone_is_a_thing_only_after_at_or_the(nlp):
    """"at Varga Tower" is a building, while the titled person of that surname stays a person."""
    people = _index(nlp, "Protesters gathered at Varga Tower on Monday, and Mayor Lena Varga stayed away.")
    assert [p.name for p in people.people] == ["Lena Varga"]


@pytest.mark.slow
def test_a_whole_span_that_is_a_known_city_is_not_a_person(nlp):
    """A name span that is wholly a known city ("Porto Alegre") is not a person."""
    people = _index(nlp, "Senator Grace Park flew home after Porto Alegre hosted the talks.")
    assert [p.name for p in people.people] == ["Grace Park"]


def test_warming_the_gazetteer_builds_the_table_the_place_lookups_read():
    """warm_gazetteer leaves the gazetteer built, so that a later lookup reads the same table."""
    warm_gazetteer()
    assert _gazetteer.cache_info().currsize == 1
    assert resolve_place("Oslo") is not None


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    # an office after a title word is part of an organisation's name
    ("Foreign Minister Tomas Vilks spoke to reporters at the State Department on Monday.", ["Tomas Vilks"]),
    # a word between two title words belongs to a compound title
    ("Chief Election Commissioner Ola Berg told the envoy that the vote would be held in May.", ["Ola Berg"]),
    # a title that ends in an office's name: the holder is the name after it
    ("Chief of the Naval Staff Ivo Marek met President Ana Ruiz in Lima.", ["Ivo Marek", "Ana Ruiz"]),
    ("Chief of the General Staff Ivo Marek met President Ana Ruiz in Lima.", ["Ivo Marek", "Ana Ruiz"]),
])
def test_offices_and_compound_titles_are_not_people(nlp, text, expected):
    """Capitalised office words after a title ("State Department", "General Staff") are no person."""
    assert [p.name for p in _index(nlp, text).people] == expected


@pytest.mark.slow
def test_an_agreement_or_summit_name_is_no_person(nlp):
    """A span ending in the head of an agreement or gathering is a thing, whatever the model tagged."""
    from bot.extract.entities import _names_a_thing

    doc = nlp("Delegates praised the Hanseatic Pact and the First Summit of the Andes.")
    pact = next(t.i for t in doc if t.text == "Pact")
    summit = next(t.i for t in doc if t.text == "Summit")
    assert _names_a_thing(doc, pact - 1, pact + 1)
    assert _names_a_thing(doc, summit - 1, summit + 1)
    assert not _names_a_thing(doc, pact - 1, pact)


@pytest.mark.slow
def test_leading_function_words_are_not_part_of_a_name(nlp):
    """"Neither" opening a sentence is stripped from a name the model ran into it."""
    from bot.extract.entities import _leading_function_words

    doc = nlp("Neither Vilks nor Berg commented.")
    assert _leading_function_words(doc, 0, 2) == 1
    assert _leading_function_words(doc, 1, 2) == 1


@pytest.mark.slow
@pytest.mark.parametrize(("text", "head", "expected"), [
    ("Trawler owners lobbied the Forum on Arctic-Pacific Fisheries in March.", "Forum",
     "Forum on Arctic-Pacific Fisheries"),
    ("Port chiefs met at the annual congress of the Union of Baltic Ports in Riga.", "Union",
     "Union of Baltic Ports"),
    ("Leaders of the Asian Development Bank met in Manila.", "Bank", "Asian Development Bank"),
    # lower-case words end the name
    ("The Council of ministers met in Lima.", "Council", "Council"),
])
def test_organisation_name_takes_the_whole_proper_name(nlp, text, head, expected):
    """An organisation's head word stands for its whole capitalised name, never more."""
    from bot.extract.entities import organisation_name

    doc = nlp(text)
    assert organisation_name(next(t for t in doc if t.text == head)) == expected


@pytest.mark.slow
def test_a_bare_surname_joins_its_particle_joined_full_name(nlp):
    """"Zahrani" after "Karim al-Zahrani" is the same person; with the rule off it stands apart."""
    from bot.extract.meeting_rules import rules_off

    text = ("Interior Minister Karim al-Zahrani toured the border post on Monday. Zahrani said the "
            "crossing would reopen soon.")
    people = _index(nlp, text)
    assert [p.name for p in people.people] == ["Karim al-Zahrani"]
    assert people.resolve("Zahrani") == "Karim al-Zahrani"
    with rules_off(frozenset({"particle_surname"})):
        assert "Zahrani" in [p.name for p in _index(nlp, text).people]


@pytest.mark.slow
def test_a_name_cut_by_the_model_is_completed_around_its_surname(nlp):
    """A name the model split in two ("Bayar" + "Oyunbat") is one person when the text uses the
    surname alone; with the rule off the given name is kept as a person of its own.
    """
    from bot.extract.meeting_rules import rules_off

    text = ("Deputy Governor Bayar Tulga Oyunbat criticised the harbour plan on Tuesday. Oyunbat said "
            "the budget was far too small.")
    people = _index(nlp, text)
    assert [(p.name, p.role) for p in people.people] == [("Bayar Tulga Oyunbat", "Deputy Governor")]
    assert people.resolve("Oyunbat") == "Bayar Tulga Oyunbat"
    with rules_off(frozenset({"name_run_completed"})):
        assert "Bayar" in [p.name for p in _index(nlp, text).people]


@pytest.mark.slow
def test_an_acronym_before_a_surname_is_no_given_name(nlp):
    """"PM Fenner" is the premier named before, not a new person "PM Fenner"."""
    people = _index(nlp, "Premier Lukas Fenner met the union leaders on Friday. Later, PM Fenner said "
                         "the strike was over.")
    assert [p.name for p in people.people] == ["Lukas Fenner"]
    assert people.resolve("Fenner") == "Lukas Fenner"


@pytest.mark.slow
def test_state_councilor_is_a_title(nlp):
    """"State Councilor" is the role, not part of the name."""
    people = _index(nlp, "State Councilor Meng Haoran welcomed the trade mission to the capital.")
    assert [(p.name, p.role) for p in people.people] == [("Meng Haoran", "State Councilor")]


@pytest.mark.slow
def test_a_former_holder_is_not_the_office_holder_of_the_text(nlp):
    """"the president" is the president, not the former president; with the rule off it is ambiguous."""
    from bot.extract.meeting_rules import rules_off

    text = "Former President Olaf Brenner opened the new museum, and President Ines Varga thanked him for the gift."
    assert _index(nlp, text).resolve("the president") == "Ines Varga"
    with rules_off(frozenset({"former_holder_not_current"})):
        assert _index(nlp, text).resolve("the president") is None


@pytest.mark.slow
def test_a_surname_opening_with_a_particle_keeps_the_long_name_whole(nlp):
    """"Abu Karim" is the short form of "Omar Fadi Abu Karim", not a second name run into it."""
    from bot.extract.meeting_rules import rules_off

    text = "The judge sentenced Omar Fadi Abu Karim to six years. Abu Karim told reporters he would appeal."
    people = _index(nlp, text)
    assert [p.name for p in people.people] == ["Omar Fadi Abu Karim"]
    assert people.resolve("Abu Karim") == "Omar Fadi Abu Karim"
    with rules_off(frozenset({"particle_surname"})):
        assert [p.name for p in _index(nlp, text).people] == ["Abu Karim"]


@pytest.mark.slow
def test_an_untagged_name_with_an_apposed_role_is_a_person(nlp):
    """A rare (hyphenated) name the model tags as an organisation is a person when a role noun
    is apposed to it; with the rule off the name is no person at all.
    """
    from bot.extract.meeting_rules import rules_off

    text = "Supplies ran short, said Oyelaran Tunde-Bakare, the agency's regional coordinator."
    assert [p.name for p in _index(nlp, text).people] == ["Oyelaran Tunde-Bakare"]
    with rules_off(frozenset({"apposed_role_name"})):
        assert [p.name for p in _index(nlp, text).people] == []


@pytest.mark.slow
def test_a_name_part_opening_with_a_particle_continues_the_given_name(nlp):
    """"Prince Turki" + "bin Saleh" is one name; with the rule off the given name stands apart."""
    from bot.extract.meeting_rules import rules_off

    text = "Prince Turki bin Saleh opened the new library on Sunday."
    assert [(p.name, p.role) for p in _index(nlp, text).people] == [("Turki bin Saleh", "Prince")]
    with rules_off(frozenset({"particle_name_joined"})):
        assert "Turki bin Saleh" not in [p.name for p in _index(nlp, text).people]


@pytest.mark.slow
def test_a_nobility_title_is_not_part_of_the_name(nlp):
    """"Baroness" is a title before the name, like "Lady", and states a woman."""
    from bot.extract.gender import FEMALE, gender_of, surname_genders

    doc = nlp("Baroness Hellyer warned the panel that the new scheme would cost more than planned.")
    assert [p.name for p in build_people_index(doc).people] == ["Hellyer"]
    assert gender_of("Hellyer", surname_genders(doc)) == FEMALE


@pytest.mark.slow
def test_a_capitalised_particle_opening_a_sentence_is_the_same_name(nlp):
    """"De Wessel" opening a sentence is "Pieter de Wessel", not a second person."""
    from bot.extract.meeting_rules import rules_off

    text = "Mayor Pieter de Wessel opened the new bridge on Monday. De Wessel told reporters the toll would be dropped next year."
    people = _index(nlp, text)
    assert [p.name for p in people.people] == ["Pieter de Wessel"]
    with rules_off(frozenset({"capitalised_particle"})):
        assert [p.name for p in _index(nlp, text).people] == ["Pieter de Wessel", "De Wessel"]


@pytest.mark.slow
def test_a_police_rank_is_a_title_not_part_of_the_name(nlp):
    """"Detective" before a name is the person's title, as "Colonel" is."""
    people = _index(nlp, "The van was found empty, said Detective Rosa Kellerman of the harbour police.")
    assert [(p.name, p.role) for p in people.people] == [("Rosa Kellerman", "Detective")]


@pytest.mark.slow
def test_a_surname_the_model_tags_as_a_place_after_a_title_is_kept(nlp):
    """"President Rafael Toledo" with "Toledo" tagged as a place (as the small model does) is
    still the president's full name; with the rule off the name stops at the given name.
    """
    from spacy.tokens import Span

    from bot.extract.meeting_rules import rules_off

    doc = nlp("The water tariff decree was approved on Friday by President Rafael Toledo, the palace announced.")
    surname = next(t.i for t in doc if t.text == "Toledo")
    doc.set_ents([Span(doc, surname, surname + 1, label="GPE")], default="outside")
    assert [p.name for p in build_people_index(doc).people] == ["Rafael Toledo"]
    with rules_off(frozenset({"titled_surname_like_a_place"})):
        assert [p.name for p in build_people_index(doc).people] == ["Rafael"]


def test_a_titled_name_runs_to_its_untagged_last_word(nlp):
    """"President Amadi Kouyate Sangare" with the last word left untagged by the model is one
    three-word name; with the rule off it is cut to the first two words.
    """
    from bot.extract.meeting_rules import rules_off

    doc = nlp("Ruritanian President Amadi Kouyate Sangare opened the summit in the capital.")
    assert [name for _a, _b, name in build_people_index(doc).mentions] == ["Amadi Kouyate Sangare"]
    with rules_off(frozenset({"titled_name_completed"})):
        assert [name for _a, _b, name in build_people_index(doc).mentions] == ["Amadi Kouyate"]
