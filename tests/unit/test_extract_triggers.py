"""Trigger words beyond meet/visit: discuss, consult, calls on, phone talks, and "the two men"."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def meetings(meetings_in):
    return lambda text: {frozenset(m.participants): m for m in meetings_in(text)}


def test_discussing_with_someone_is_talks_and_the_topic_is_no_party(meetings):
    """"discuss <topic> with X" gives talks between the subject and X only."""
    found = meetings("Premier Ivo Marek would discuss the border dispute with President Raul Ortega in Quito.")
    assert set(found) == {frozenset({"Ivo Marek", "Raul Ortega"})}
    assert found[frozenset({"Ivo Marek", "Raul Ortega"})].type == "talks"


def test_discussions_and_consulting_with_someone_are_talks(meetings):
    """The noun "discussions with X" and the verb "consult with X" are talks triggers."""
    found = meetings(
        "Minister Olga Berg said she was pleased with her discussions with Governor Ann Lutz on Monday.\n"
        "Senator Tom Reed will consult with Mayor Carl Brandt on Friday."
    )
    assert frozenset({"Olga Berg", "Ann Lutz"}) in found
    assert found[frozenset({"Tom Reed", "Carl Brandt"})].status == "planned"


def test_discussing_alone_or_a_topic_gives_nothing(meetings):
    """"discussed the budget" with no partner is not a meeting."""
    assert meetings("Minister Olga Berg discussed the budget on Monday.") == {}


def test_calling_on_someone_to_act_is_no_call(meetings):
    """"called on X to resign" is an appeal, not a call."""
    assert meetings("Senator Ann Lutz called on President Raul Ortega to resign.") == {}


def test_phone_talk_and_a_telephone_call_from_someone_are_calls(meetings):
    """"a phone talk with X" and "had a telephone call with X" give calls."""
    found = meetings(
        "During a phone talk with Prime Minister Carl Brandt, President Raul Ortega said the talks went well.\n"
        "Governor Ann Lutz had a telephone call with Senator Tom Reed on Monday."
    )
    assert found[frozenset({"Carl Brandt", "Raul Ortega"})].type == "call"
    assert found[frozenset({"Ann Lutz", "Tom Reed"})].type == "call"


def test_the_speaker_in_a_meeting_with_someone_took_part(meetings):
    """"In a meeting with X, Y said": Y is the other party."""
    found = meetings("In a meeting with Governor Ann Lutz on Monday, Mayor Tom Reed said the plan was ready.")
    assert frozenset({"Ann Lutz", "Tom Reed"}) in found


def test_the_two_men_are_the_last_two_titled_people(meetings):
    """"the two men met" names the two titled people told just before."""
    found = meetings(
        "Prime Minister Ivo Marek arrived in Riga on Monday, where President Juris Kalns greeted him.\n"
        "The two men met at the castle on Tuesday."
    )
    assert frozenset({"Ivo Marek", "Juris Kalns"}) in found




def test_the_matcher_finds_verb_and_noun_triggers_in_any_case():
    """find_triggers gives each trigger token once, with its role: a verb, a plural noun, and a
    capitalised noun whose lemma keeps its capital ("the Lima Summit").
    """
    from bot.extract.nlp import get_nlp
    from bot.extract.triggers import find_triggers

    doc = get_nlp()("Ana Ruiz met Ivo Marek before the talks at the Lima Summit.")
    found = [(doc[i].text, t.role, t.type) for i, t in find_triggers(doc)]
    assert found == [("met", "verb", "meeting"), ("talks", "noun", "talks"), ("Summit", "noun", "summit")]


def test_a_malformed_trigger_file_is_a_clear_error(tmp_path, monkeypatch):
    """An unknown role is refused when the file is read, not silently skipped."""
    from bot.extract import triggers

    bad = tmp_path / "triggers.toml"
    bad.write_text('[[trigger]]\nname = "meet"\ntype = "meeting"\nrole = "adverb"\n'
                   'pattern = [{ LEMMA = "meet" }]\n', encoding="utf-8")
    monkeypatch.setattr(triggers, "_PATH", bad)
    triggers.triggers.cache_clear()
    try:
        with pytest.raises(ValueError, match="bad trigger"):
            triggers.triggers()
    finally:
        triggers.triggers.cache_clear()


@pytest.mark.parametrize("text", [
    "Chancellor Petra Vogel and President Raul Ortega spoke by telephone on Saturday.",
    "Chancellor Petra Vogel spoke on the phone with President Raul Ortega on Saturday.",
])
def test_speaking_by_phone_is_a_call(meetings, text):
    """The multi-word pattern "spoke by telephone" / "spoke on the phone with X" gives a call."""
    found = meetings(text)
    assert found[frozenset({"Petra Vogel", "Raul Ortega"})].type == "call"


def test_being_greeted_by_someone_is_a_hosting_and_greeting_news_is_nothing(meetings):
    """"X was greeted by Y" gives Y hosting X, and "greeted the news" names nobody met."""
    found = meetings("President Raul Ortega was greeted by Foreign Minister Ana Ruiz.\n"
                     "Chancellor Petra Vogel greeted the news with relief.")
    assert set(found) == {frozenset({"Ana Ruiz", "Raul Ortega"})}
    assert found[frozenset({"Ana Ruiz", "Raul Ortega"})].type == "hosting"
