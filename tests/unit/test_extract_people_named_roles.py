"""People: role phrases that stand for a person the text names, particle surnames and object
pronouns. Every sentence here is invented (Ruritania, Tarvik and their people do not exist).
"""

from __future__ import annotations

import pytest

from bot.extract.meeting_rules import rules_off

LEAD_OFF = frozenset({"lead_role_named_next"})

LEAD_SPEAKER = (
    "TARVIK, March 3 (Wire)\n"
    "Ruritania will double its grain exports to its eastern neighbours next year, "
    "the Ruritanian farm minister said on Tuesday.\n"
    "Ivo Marek added at a farm near Tarvik that the harvest had been the best in a decade."
)

LEAD_PARTY = (
    "The Ruritanian trade envoy held talks with the mayor of Tarvik on Monday.\n"
    "Ana Tosk told reporters that the talks had gone well."
)


def _speaker_of(quotes, start):
    return next(q.speaker for q in quotes if q.text.startswith(start))


@pytest.mark.slow
def test_a_role_opening_the_story_is_the_person_named_next(quotes_of):
    """"..., the Ruritanian farm minister said. Ivo Marek added ...": the lead's minister is Marek."""
    assert _speaker_of(quotes_of(LEAD_SPEAKER), "Ruritania will") == "Ivo Marek"
    with rules_off(LEAD_OFF):
        assert _speaker_of(quotes_of(LEAD_SPEAKER), "Ruritania will") == "the Ruritanian farm minister"


@pytest.mark.slow
def test_a_party_opening_the_story_is_the_person_named_next(meetings_in):
    """"The Ruritanian trade envoy held talks ... . Ana Tosk told ...": the envoy is the one named next."""
    parties = [m.participants for m in meetings_in(LEAD_PARTY)]
    assert parties
    assert "The Ruritanian trade envoy" not in parties[0]
    assert any(p.endswith("Tosk") for p in parties[0])
    with rules_off(LEAD_OFF):
        assert "The Ruritanian trade envoy" in meetings_in(LEAD_PARTY)[0].participants


@pytest.mark.slow
def test_a_role_the_next_person_cannot_hold_stays_unnamed(quotes_of):
    """The person named next is titled prime minister: "the foreign minister" is someone else."""
    text = LEAD_SPEAKER.replace("Ivo Marek added", "Prime Minister Ivo Marek added").replace("farm", "foreign")
    assert _speaker_of(quotes_of(text), "Ruritania will") == "the Ruritanian foreign minister"


@pytest.mark.slow
def test_a_role_after_the_opening_is_not_read_forward(quotes_of):
    """Only the story's opening role is named by the next sentence, not one told later."""
    text = (
        "Ruritania opened its new grain port on Monday.\n"
        "Exports would double next year, the Ruritanian farm minister said on Tuesday.\n"
        "Ivo Marek added at a farm near Tarvik that the harvest had been the best in a decade."
    )
    assert _speaker_of(quotes_of(text), "Exports would") == "the Ruritanian farm minister"


APPOSED_OFF = frozenset({"apposed_name_after_of_phrase"})


@pytest.mark.slow
def test_a_name_apposed_to_a_role_with_an_of_phrase_is_its_holder(meetings_in):
    """"received the head of the RTM trade mission, Dr Ivo Marek,": the parser hangs the name on
    "mission", but a mission is no person, so the head is Marek.
    """
    text = "On Monday Governor Ana Tosk received the head of the RTM trade mission, Dr Ivo Marek, in Tarvik."
    assert "Ivo Marek" in meetings_in(text)[0].participants
    assert "the head of the RTM trade mission" in meetings_in(text, off=APPOSED_OFF)[0].participants


@pytest.mark.slow
def test_a_name_after_a_role_phrase_hung_on_the_verb_is_its_holder(meetings_in):
    """"welcomed by the chief of the customs post there, Colonel Ana Tosk,": the name the parser
    hangs on the verb is the chief's.
    """
    text = ("After his train came in, Ivo Marek was welcomed by the chief of the customs post there, "
            "Colonel Ana Tosk, as a band played.")
    assert set(meetings_in(text)[0].participants) == {"Ana Tosk", "Ivo Marek"}
    assert "the chief of the customs post there" in meetings_in(text, off=APPOSED_OFF)[0].participants


def _pronoun_names(text, word, off=frozenset()):
    from bot.extract.coref import Coref
    from bot.extract.entities import build_people_index
    from bot.extract.nlp import get_nlp

    with rules_off(off):
        doc = get_nlp()(text)
        coref = Coref(doc, build_people_index(doc))
        return [coref.name(t) for t in doc if t.lower_ == word]


@pytest.mark.slow
def test_a_surname_with_a_lower_case_particle_is_one_person():
    """"Sheikh Omar Hadi al-Tarvi ... said he would stay": "al-" does not make the name a group."""
    text = ("Prime Minister Ivo Marek arrived in Tarvik on Monday. Sheikh Omar Hadi al-Tarvi, the oil "
            "minister, said he would stay in the city until Friday.")
    assert _pronoun_names(text, "he") == ["Omar Hadi al-Tarvi"]
    assert _pronoun_names(text, "he", frozenset({"particle_surname_not_group"})) == ["Ivo Marek"]


@pytest.mark.slow
def test_an_object_pronoun_is_not_the_subject_its_verb_shares():
    """"Marek ... criticised Brenn ... and accused him": him is Brenn, not the shared subject Marek."""
    text = ("Prime Minister Ivo Marek said the border would stay open. Marek also sharply criticised "
            "President Luka Brenn over the tariffs and accused him of stalling the talks.")
    assert _pronoun_names(text, "him") == ["Luka Brenn"]
    assert _pronoun_names(text, "him", frozenset({"object_pronoun_not_subject_person"})) == ["Ivo Marek"]
