"""People and their roles: what is no name after a title, and which named person a shorter
reference stands for. Every sentence here is invented.
"""

from __future__ import annotations

import pytest

from bot.extract.entities import build_people_index
from bot.extract.meeting_rules import rules_off
from bot.extract.nlp import get_nlp


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def _names(nlp, text):
    return [p.name for p in build_people_index(nlp(text)).people]


@pytest.mark.slow
def test_a_day_after_a_title_is_no_name(nlp):
    """"The president Thursday named ...": the day after the title is a date, not a president."""
    text = "Marisol Quent was sworn in last month. The president Thursday named a new cabinet for Velmora."
    assert _names(nlp, text) == ["Marisol Quent"]
    with rules_off(frozenset({"date_after_title_no_name"})):
        assert "Thursday" in _names(nlp, text)


@pytest.mark.slow
def test_a_court_after_a_title_word_is_no_person(nlp):
    """"Supreme Court": "Court" after the title word "supreme" heads a body's name."""
    assert _names(nlp, "The Ostravian Supreme Court on Monday upheld the fines against the ferry operators.") == []


@pytest.mark.slow
def test_a_shared_surname_is_the_person_last_named_in_full(nlp):
    """Two Halvorsens named in full: the bare surname after them is the one named last."""
    text = ("Peter Halvorsen, a fisherman from Tromso, has looked after the girl since March. "
            "Her father, Anders Halvorsen, wrote to the court on Friday. "
            "Halvorsen said he wanted his daughter home before the winter.")
    people = build_people_index(nlp(text))
    assert people.mentions[-1][2] == "Anders Halvorsen"
    assert people.resolve("Halvorsen") == "Anders Halvorsen"
    with rules_off(frozenset({"shared_surname_latest_full_name"})):
        assert build_people_index(nlp(text)).resolve("Halvorsen") != "Anders Halvorsen"


@pytest.mark.slow
def test_a_surname_with_its_particle_is_the_full_name(nlp):
    """"al-Tayeb" and a sentence-opening "Al-Tayeb" are the Karim al-Tayeb named before."""
    text = ("Interior Minister Karim al-Tayeb arrived in the port city on Sunday for two days of talks. "
            "Al-Tayeb said the fishing dispute could be settled by spring.")
    people = build_people_index(nlp(text))
    assert [p.name for p in people.people] == ["Karim al-Tayeb"]
    assert people.resolve("al-Tayeb") == "Karim al-Tayeb"
    with rules_off(frozenset({"particle_surname_lower_case"})):
        people = build_people_index(nlp(text))
        assert people.resolve("al-Tayeb") is None
        assert "Al-Tayeb" in [p.name for p in people.people]


@pytest.mark.slow
def test_a_name_after_a_kind_of_place_and_of_is_no_person(nlp):
    """"the port of Sidi Hamza" names a place even when the model tags it a person."""
    text = "The ferry left the port of Sidi Hamza with forty passengers."
    assert _names(nlp, text) == []
    with rules_off(frozenset({"place_kind_of_name_no_person"})):
        assert _names(nlp, text) == ["Sidi Hamza"]


_APPOSED = ("Anna Kovacs, Hungary's foreign minister, arrived in Lisbon on Tuesday. "
            "Antonio Reis, a retired banker, greeted her at the airport. "
            "The foreign minister said the visit would last two days.")


@pytest.mark.slow
def test_an_apposed_office_titles_the_name_before_it(nlp):
    """"Anna Kovacs, Hungary's foreign minister,": "the foreign minister" later is her."""
    assert build_people_index(nlp(_APPOSED)).resolve("the foreign minister") == "Anna Kovacs"
    with rules_off(frozenset({"apposed_role_titles"})):
        assert build_people_index(nlp(_APPOSED)).resolve("the foreign minister") is None


@pytest.mark.slow
def test_a_role_speaker_is_the_holder_an_apposition_names(nlp):
    """The quote reader gives "The foreign minister said" to the apposition's holder, not to the
    untitled banker who was the last subject."""
    from bot.extract.pipeline import Extractor

    extractor = Extractor(nlp=nlp)
    speakers = [q.speaker for q in extractor.extract("t", None, _APPOSED, None).quotes]
    assert speakers == ["Anna Kovacs"]
    with rules_off(frozenset({"apposed_role_titles"})):
        assert [q.speaker for q in extractor.extract("t", None, _APPOSED, None).quotes] != ["Anna Kovacs"]


@pytest.mark.slow
def test_an_office_the_name_is_apposed_to_titles_it(nlp):
    """"Hungary's foreign minister, Anna Kovacs,": the office before the name titles her too."""
    text = ("Hungary's foreign minister, Anna Kovacs, arrived in Lisbon on Tuesday. "
            "Antonio Reis, a retired banker, greeted her at the airport. "
            "The foreign minister said the visit would last two days.")
    assert build_people_index(nlp(text)).resolve("the foreign minister") == "Anna Kovacs"
    with rules_off(frozenset({"role_apposed_before_name"})):
        assert build_people_index(nlp(text)).resolve("the foreign minister") is None


def test_one_role_synonym_table_serves_the_index_and_the_resolver():
    """"premier" and "prime minister" name one office, read from one table by both modules."""
    from bot.extract import coref, entities

    assert coref.ROLE_SYNONYMS is entities.ROLE_SYNONYMS
    assert entities.office_words({"premier"}) == {"premier", "prime", "pm"}  # never the bare "minister"
    assert {"premier", "pm"} <= entities.office_words({"prime", "minister"})
    assert coref.role_fits("Premier", "minister", frozenset({"prime"}))


@pytest.mark.slow
def test_the_premier_is_the_one_titled_prime_minister(nlp):
    """A person titled "Prime Minister" is who "the premier" points to."""
    people = build_people_index(nlp("Prime Minister Orla Venn met Defence Minister Kasimir Dorr in Tarvik on Monday."))
    assert people.resolve("the premier") == "Orla Venn"


@pytest.mark.slow
def test_a_premier_is_not_the_minister(nlp):
    """"the minister" beside a premier is the one titled minister: a premier gets prime and pm, not "minister"."""
    people = build_people_index(nlp("Premier Ana Tosk met Fisheries Minister Ivo Marek in Nordby on Monday."))
    assert people.resolve("the minister") == "Ivo Marek"
    assert people.resolve("the premier") == "Ana Tosk"
    assert people.resolve("the PM") == "Ana Tosk"


@pytest.mark.slow
def test_a_kind_of_office_finds_the_one_titled_so(nlp):
    """"the pontiff", "the monarch", "the envoy" when nobody is titled by the word itself."""
    text = ("Pope Anselm IV flew to Tarvik, where Queen Ilsa of Norvania and special representative "
            "Marta Quell met him.")
    people = build_people_index(nlp(text))
    assert people.resolve("the pontiff") == "Anselm IV"
    assert people.resolve("the monarch") == "Ilsa"
    assert people.resolve("the envoy") == "Marta Quell"
    with rules_off(frozenset({"role_kind_holders"})):
        people = build_people_index(nlp(text))
        assert people.resolve("the pontiff") is None
        assert people.resolve("the envoy") is None


@pytest.mark.slow
def test_a_kind_of_office_keeps_its_other_words(nlp):
    """"the KFA chief" is the KFA's president, never "the police chief" nor another body's president."""
    text = ("Kelvar Football Association (KFA) president Olaf Brenn and league president Ivo Tamm "
            "met on Tuesday.")
    people = build_people_index(nlp(text))
    assert people.resolve("the KFA chief") == "Olaf Brenn"
    assert people.resolve("the police chief") is None
    with rules_off(frozenset({"role_kind_holders"})):
        assert build_people_index(nlp(text)).resolve("the KFA chief") is None  # nobody is titled "chief"


@pytest.mark.slow
def test_a_kind_of_office_speaks_for_its_holder(quotes_of):
    """'the pontiff said' after 'Pope Anselm IV': the pope speaks; a special representative is 'the special envoy'."""
    text = ('Pope Anselm IV arrived in Tarvik on Monday. "We come in peace," the pontiff said. '
            'Special representative Marta Quell met the mayor later. "The talks went well," the special envoy said.')
    assert [q.speaker for q in quotes_of(text) if q.kind == "direct"] == ["Anselm IV", "Marta Quell"]
    with rules_off(frozenset({"role_kind_holders"})):
        assert [q.speaker for q in quotes_of(text) if q.kind == "direct"] == ["the pontiff", "the special envoy"]


@pytest.mark.slow
def test_a_hyphened_title_is_the_whole_title(nlp):
    """'Vice-President Olaf Brenn' is no president of the text; 'Secretary-General' is one title."""
    text = ("Ruritanian Vice-President Olaf Brenn met President Ivo Tamm and UN Secretary-General "
            "Ana Lode in Nordby on Tuesday.")
    people = build_people_index(nlp(text))
    roles = {p.name: p.role for p in people.people}
    assert roles["Olaf Brenn"] == "Vice-President"
    assert roles["Ana Lode"] == "Secretary-General"
    assert people.resolve("the president") == "Ivo Tamm"
    assert people.resolve("the UN chief") == "Ana Lode"
    with rules_off(frozenset({"hyphened_title"})):
        people = build_people_index(nlp(text))
        assert people.resolve("the president") is None  # two "presidents" now


@pytest.mark.slow
def test_a_speaking_he_is_not_the_person_his_report_names(quotes_of):
    """'Brenn will also address the parliament, he said' after the spokesman spoke: he is the spokesman."""
    text = ("Prime Minister Olaf Brenn will visit Norvania next week, ministry spokesman Ivo Tamm said on Monday. "
            "According to Tamm, Brenn will meet President Karin Lode in Varnes. "
            "Brenn will also address the parliament, he said.")
    assert [q.speaker for q in quotes_of(text)][-1] == "Ivo Tamm"
    with rules_off(frozenset({"speaker_not_named_in_report"})):
        assert [q.speaker for q in quotes_of(text)][-1] == "Olaf Brenn"


@pytest.mark.slow
def test_a_name_reporting_in_turn_may_be_the_speaking_he(quotes_of):
    """'Tamm stressed that ..., he said': a name that is itself the subject of a saying verb stays a candidate."""
    text = ("Ministry spokesman Ivo Tamm spoke to reporters on Monday. "
            "Tamm stressed that the border would stay open, he said.")
    assert [q.speaker for q in quotes_of(text)][-1] == "Ivo Tamm"


@pytest.mark.slow
def test_a_name_hyphened_to_led_is_the_person_without_it(nlp):
    """'the Prime Minister Ivo Marek-led government': the person is Ivo Marek; 'Tosk-era' names nobody."""
    text = ("Parliament backed the Prime Minister Ivo Marek-led government on Thursday. "
            "Marek told reporters the reform would go ahead.")
    assert _names(nlp, text) == ["Ivo Marek"]
    with rules_off(frozenset({"name_modifier_suffix"})):
        assert _names(nlp, text) == ["Ivo Marek-led"]
    from bot.extract.entities import _without_modifier_suffix

    assert _without_modifier_suffix("Tosk-era") == ""
    assert _without_modifier_suffix("Tosk-Marek-led") == "Tosk-Marek"  # one double-barrelled word names a person
    assert _without_modifier_suffix("Ivo Marek-Led") == "Ivo Marek"
    assert _without_modifier_suffix("Pak Sol-gyon") == "Pak Sol-gyon"


@pytest.mark.slow
def test_a_title_runs_over_its_place_before_the_name(nlp):
    """'Ambassador to Ruritania Tomas Brell', 'Special Representative for Norvania Karl Voss': the whole is the title."""
    text = ("Ambassador to Ruritania Tomas Brell met UN Special Representative for Norvania Karl Voss on Monday. "
            "A spokesman for Norvanian President Ivo Tamm welcomed the talks.")
    people = build_people_index(nlp(text))
    roles = {p.name: p.role for p in people.people}
    assert roles["Tomas Brell"] == "Ambassador to Ruritania"
    assert roles["Karl Voss"] == "Special Representative for Norvania"
    assert roles["Ivo Tamm"] == "President"  # the spokesman's "for" is no title of Tamm's
    assert people.resolve("the UN envoy") == "Karl Voss"
    with rules_off(frozenset({"title_complement"})):
        roles = {p.name: p.role for p in build_people_index(nlp(text)).people}
        assert roles["Tomas Brell"] == ""


@pytest.mark.slow
def test_church_and_court_titles_head_role_phrases(nlp):
    """'the judge', 'the archbishop': the one person the text titles so."""
    people = build_people_index(nlp("Judge Ana Tosk and Archbishop Karl Voss met in Nordby on Monday."))
    assert people.resolve("the judge") == "Ana Tosk"
    assert people.resolve("the archbishop") == "Karl Voss"
    assert people.resolve("the abbot") is None  # an office word the lexicon does not know heads no role phrase


@pytest.mark.slow
def test_the_judge_as_a_party_is_the_titled_judge(nlp):
    """'The judge later met Mayor Ivo Marek' after 'Judge Ana Tosk': the party is Ana Tosk."""
    from bot.extract.coref import Coref

    doc = nlp("Judge Ana Tosk opened the trial in Nordby on Monday. The judge later met Mayor Ivo Marek.")
    judge = next(t for t in doc if t.text == "judge")
    assert Coref(doc, build_people_index(doc)).name(judge) == "Ana Tosk"
    with rules_off(frozenset({"role_phrase_to_named_person"})):
        assert Coref(doc, build_people_index(doc)).name(judge) != "Ana Tosk"


@pytest.mark.slow
def test_an_administration_or_a_council_after_a_title_word_is_no_person(nlp):
    """'the State Water Administration', 'the Supreme Rivers Council': bodies, not people titled 'State'."""
    text = ("The State Water Administration said on Monday that the dam was safe. "
            "The Supreme Rivers Council met in Nordby.")
    assert _names(nlp, text) == []
    with rules_off(frozenset({"names_organisation_heads"})):
        assert _names(nlp, text) != []


@pytest.mark.slow
def test_title_field_joined_by_and(nlp):
    """'Minister for Fishing and Forests Ivo Marek': a title's field may join two fields by 'and'."""
    text = "Deputy Premier Ana Tosk met Minister for Labour and Social Welfare Karl Voss in Lunden on Monday."
    roles = {p.name: p.role for p in build_people_index(nlp(text)).people}
    assert roles["Karl Voss"] == "Minister for Labour and Social Welfare"
    assert roles["Ana Tosk"] == "Deputy Premier"
    with rules_off(frozenset({"title_complement_and"})):
        roles = {p.name: p.role for p in build_people_index(nlp(text)).people}
        assert not roles["Karl Voss"]
