"""Tests for bot.extract.quotes: direct and indirect quotations with resolved speakers.

These parse text with the spaCy model, shared by one module-scoped fixture, and read speakers
through the package's own people index and resolver, as the pipeline does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.extract.entities import build_people_index
from bot.extract.meeting_rules import rules_off
from bot.extract.quotes import extract_quotes
from bot.extract.text import clean_text
from bot.models import Quote

pytestmark = pytest.mark.slow

@pytest.fixture(scope="module")
def nlp() -> Any:
    from bot.extract.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="module")
def quotes_of(nlp: Any) -> Callable[..., list[Quote]]:
    def run(text: str, **kwargs: Any) -> list[Quote]:
        doc = nlp(clean_text(text))
        return extract_quotes(doc, build_people_index(doc), source_text=text, **kwargs)

    return run


def direct(quotes: list[Quote]) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in quotes if q.kind == "direct"]


def indirect(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.kind == "indirect"]


def test_quote_before_speech_tag_resolves_surname_to_full_name(quotes_of: Callable) -> None:
    """'"...," Halvorsen told reporters' gives the full name, the verb and the audience."""
    text = (
        "Foreign Minister Ingrid Halvorsen arrived in Vienna on Monday.\n"
        '"We came to listen before we speak," Halvorsen told reporters after the session.'
    )
    quotes = quotes_of(text)
    assert direct(quotes) == [("Ingrid Halvorsen", "We came to listen before we speak,")]
    q = [q for q in quotes if q.kind == "direct"][0]
    assert q.verb == "told"
    assert q.audience == "reporters"


def test_split_quote_around_he_said_gives_two_entries_for_same_speaker(
    quotes_of: Callable,
) -> None:
    """A quote split by 'he said' becomes two entries, both attributed to the named speaker."""
    text = (
        "Trade envoy Marcus Delacroix spent two days in Nairobi.\n"
        '"The first round went well," he said, "but the hard questions are still open."'
    )
    assert direct(quotes_of(text)) == [
        ("Marcus Delacroix", "The first round went well,"),
        ("Marcus Delacroix", "but the hard questions are still open."),
    ]


def test_inverted_speech_tag_said_mr_x(quotes_of: Callable) -> None:
    """'"...," said Mr Okafor.' takes the speaker after the verb."""
    text = (
        "Chidi Okafor, the chief negotiator, left the talks early.\n"
        '"There is nothing left to discuss today," said Mr Okafor.'
    )
    assert direct(quotes_of(text)) == [("Chidi Okafor", "There is nothing left to discuss today,")]


def test_colon_introduced_quote_in_next_sentence(quotes_of: Callable) -> None:
    """'X said: "..."' attributes the quote after the colon to X."""
    text = 'Senator Ruth Abernathy said: "This agreement protects our farmers and our ports."'
    assert direct(quotes_of(text)) == [
        ("Ruth Abernathy", "This agreement protects our farmers and our ports.")
    ]


def test_fragment_with_explicit_speaker(quotes_of: Callable) -> None:
    """A fragment in running text goes to the subject of the sentence's reporting verb."""
    text = 'Premier Tomas Lindqvist said the meeting had been "frank and useful" for both sides.'
    assert direct(quotes_of(text)) == [("Tomas Lindqvist", "frank and useful")]


def test_continuation_he_added_follows_latest_named_speaker(quotes_of: Callable) -> None:
    """'he added' after a second speaker resolves to that second speaker, not the first."""
    text = (
        '"We welcome the offer," said Anna Petrova, the deputy minister.\n'
        "Ambassador Kenji Watanabe disagreed with her view.\n"
        '"The offer changes nothing," Watanabe said.\n'
        '"We need guarantees first," he added.'
    )
    assert direct(quotes_of(text)) == [
        ("Anna Petrova", "We welcome the offer,"),
        ("Kenji Watanabe", "The offer changes nothing,"),
        ("Kenji Watanabe", "We need guarantees first,"),
    ]


def test_quote_continued_in_next_paragraph_keeps_speaker(quotes_of: Callable) -> None:
    """An open quote continued by the next paragraph's quote is the same speaker's."""
    text = (
        '"We have come a long way since the spring," said Pedro Duarte, the ministry envoy.\n'
        '"The road is long. The next step is a common text.\n'
        '"Then the leaders can sign it."\n'
        "The talks resume in May."
    )
    found = direct(quotes_of(text))
    assert ("Pedro Duarte", "The road is long. The next step is a common text.") in found
    assert ("Pedro Duarte", "Then the leaders can sign it.") in found


def test_role_in_apposition_resolves_later_role_mention(quotes_of: Callable) -> None:
    """'Lee Min-jun, the spokesman, said ...' lets a later 'the spokesman said' mean Lee."""
    text = (
        "Lee Min-jun, the spokesman for the ministry, said the office welcomed the offer.\n"
        '"We are open to talks at any level," the spokesman said.'
    )
    found = direct(quotes_of(text))
    assert found == [("Lee Min-jun", "We are open to talks at any level,")]


def test_role_resolved_through_people_index(quotes_of: Callable) -> None:
    """'the minister said' resolves through the resolver's role lookup."""
    text = (
        "Defence Minister Olga Brandt flew to Riga on Sunday.\n"
        '"Our commitment stands," the minister said.'
    )
    found = direct(quotes_of(text))
    assert found == [("Olga Brandt", "Our commitment stands,")]


def test_according_to_names_the_speaker(quotes_of: Callable) -> None:
    """'..., according to X' attributes a fragment to X."""
    text = (
        'The two sides will "work out a timetable" this week, according to Farid Haddad, '
        "an adviser to the delegation."
    )
    assert direct(quotes_of(text)) == [("Farid Haddad", "work out a timetable")]


def test_unattributed_quote_is_left_out(quotes_of: Callable) -> None:
    """A quote with no speaker anywhere near it is not reported (no guessing)."""
    text = 'The campaign slogan "A better tomorrow" was printed on every poster in the city.'
    assert direct(quotes_of(text)) == []


def test_title_in_quotes_is_not_speech(quotes_of: Callable) -> None:
    """A Title Case name in marks ("Face the Nation") is not taken as a quotation."""
    text = 'Speaking on "Face the Nation," Governor Ellen Marsh warned of "real danger" ahead.'
    found = direct(quotes_of(text))
    assert ("Ellen Marsh", "real danger") in found
    assert all("Face" not in t for _s, t in found)


def test_indirect_said_that_with_verb(quotes_of: Callable) -> None:
    """'X said (that) clause' gives an indirect quote with the clause and the verb."""
    text = "President Amara Ndiaye said that the border would reopen next week."
    [q] = indirect(quotes_of(text))
    assert q.speaker == "Amara Ndiaye"
    assert q.text == "the border would reopen next week"
    assert q.verb == "said"


def test_indirect_told_outlet_gives_audience(quotes_of: Callable) -> None:
    """'X told the Daily Courier (that) clause' records the outlet as audience."""
    text = (
        "Foreign Minister Helga Strand told the Daily Courier that her government "
        "wanted a slower approach."
    )
    [q] = indirect(quotes_of(text))
    assert q.speaker == "Helga Strand"
    assert q.audience == "the Daily Courier"
    assert q.text == "her government wanted a slower approach"


def test_indirect_with_pronoun_resolves_to_previous_speaker(quotes_of: Callable) -> None:
    """'she warned that ...' after a named speaker is attributed to that speaker."""
    text = (
        "Commissioner Lucia Ferraro met the delegation in Brussels.\n"
        "Ferraro said the offer was serious. Later she warned that time was running out."
    )
    found = [(q.speaker, q.text) for q in indirect(quotes_of(text))]
    assert ("Lucia Ferraro", "the offer was serious") in found
    assert ("Lucia Ferraro", "time was running out") in found


def test_indirect_can_be_switched_off(quotes_of: Callable) -> None:
    """indirect=False returns only direct quotations."""
    text = 'Governor Ellen Marsh said the port would stay open and called it "good news".'
    quotes = quotes_of(text, indirect=False)
    assert quotes
    assert all(q.kind == "direct" for q in quotes)


def test_curly_quotes_keep_original_characters(quotes_of: Callable) -> None:
    """With source_text, quote and evidence strings are substrings of the original article."""
    text = "\u201cIt\u2019s a good start,\u201d said Minister Pavel Novak."
    [q] = quotes_of(text)
    assert q.text == "It\u2019s a good start,"
    assert q.text in text
    assert q.evidence in text


def test_machine_translated_misplaced_marks(quotes_of: Callable) -> None:
    """Spaces on the wrong side of marks and a mark before 'he said' still give the quotes."""
    text = (
        "Minister Hugo Berger spoke on the plane.\n"
        '"We are confident that the plan will work, "Berger told journalists on Friday.\n'
        '"We hope for progress," but first we must listen to everyone, "he said. '
        'It may take a while. "'
    )
    found = direct(quotes_of(text))
    assert found == [
        ("Hugo Berger", "We are confident that the plan will work,"),
        ("Hugo Berger", "We hope for progress,"),
        ("Hugo Berger", "but first we must listen to everyone,"),
        ("Hugo Berger", "It may take a while."),
    ]


def test_quotes_are_in_text_order(quotes_of: Callable) -> None:
    """Direct and indirect quotes come back in the order they appear."""
    text = 'Minister Sara Lind said the visit was overdue. "We should have come sooner," Lind said.'
    quotes = quotes_of(text)
    assert [q.kind for q in quotes] == ["indirect", "direct"]


@pytest.mark.timeout(300)  # a hang fails the test; speed itself is measured by `make bench`
def test_bad_inputs_do_not_crash_and_stay_bounded(quotes_of: Callable, nlp: Any) -> None:
    """Empty text, no punctuation, a never-closing quote and odd Unicode give a list of quotes
    whose words all come from the text."""
    samples = [
        "",
        "   \n\n  ",
        "word " * 3000,
        '"' + "the minister said nothing at all and then " * 400,
        "\u201c\u200b\u0301\ufeff\u202e \u201d said \u00c5\u0308sa.",
        '"""""""""" said he said "',
        "Minister Ada Roth spoke. " + '"Yes," she said, "no" ' * 2000,
    ]
    for text in samples:
        result = quotes_of(text)
        assert isinstance(result, list)
        assert all(word in text for q in result for word in q.text.split()[:1])


def test_empty_doc_gives_no_quotes(nlp: Any) -> None:
    """An empty parsed document yields an empty list."""
    doc = nlp("")
    assert extract_quotes(doc, build_people_index(doc)) == []


def test_role_phrase_resolves_through_title_before_name(quotes_of: Callable) -> None:
    """'the Ruritanian leader said' finds the person written as 'Ruritanian leader X Y'."""
    text = (
        "Ruritanian leader Boris Adamek opened the summit in Lisbon.\n"
        '"Our doors are open," the Ruritanian leader said.'
    )
    assert direct(quotes_of(text)) == [("Boris Adamek", "Our doors are open,")]


def test_condition_after_reported_clause_is_kept(quotes_of: Callable) -> None:
    """'X said A, but only if B' keeps the condition inside the indirect quote."""
    text = (
        "Minister Yara Costa said her country was ready to lift the tariffs, "
        "but only if the other side dropped its quotas first."
    )
    [q] = indirect(quotes_of(text))
    assert q.speaker == "Yara Costa"
    assert q.text.startswith("her country was ready to lift the tariffs")
    assert q.text.endswith("dropped its quotas first")


def test_clause_opening_that_is_dropped_but_determiner_kept(quotes_of: Callable) -> None:
    """'told X that the deal ...' drops 'that'; 'said that deal ...' keeps the determiner."""
    text = (
        "Envoy Nils Brekke told the Evening Ledger that the ceasefire would hold.\n"
        "Brekke said that deal had taken two years."
    )
    texts = [q.text for q in indirect(quotes_of(text))]
    assert "the ceasefire would hold" in texts
    assert "that deal had taken two years" in texts


def test_question_is_not_indirect_speech(quotes_of: Callable) -> None:
    """'was asked whether ...' is not reported as something he said."""
    text = "Senator Paulo Reis was asked whether the fishing treaty could survive the vote."
    assert indirect(quotes_of(text)) == []


def test_she_skips_a_later_speaker_titled_mr(quotes_of: Callable) -> None:
    """'she told reporters' after 'Mr X said' goes back to the woman, not to Mr X."""
    text = (
        "Chancellor Greta Holm met President Arno Falk in Bern on Friday.\n"
        'Mr Falk said the talks had been "very good". '
        '"We agreed on the essentials," she told reporters afterwards.'
    )
    assert direct(quotes_of(text)) == [
        ("Arno Falk", "very good"),
        ("Greta Holm", "We agreed on the essentials,"),
    ]


def test_transcript_label_with_colon_names_speaker(quotes_of: Callable) -> None:
    """'Dupont: "..."' (name, colon, quote) attributes the quote to the labelled name."""
    text = (
        "Senator Lise Dupont opened the hearing on Monday.\n"
        'Dupont: "We have waited too long for this."'
    )
    assert direct(quotes_of(text)) == [("Lise Dupont", "We have waited too long for this.")]


def test_declined_to_say_is_not_indirect_speech(quotes_of: Callable) -> None:
    """'declined to say whether ...' and 'did not say that ...' give no indirect quote."""
    text = (
        "Spokesman Omar Nasser declined to say whether the talks would resume. "
        "Nasser did not say that the offer was withdrawn."
    )
    assert indirect(quotes_of(text)) == []


def test_dateline_is_not_part_of_reported_clause(quotes_of: Callable) -> None:
    """'CITY (Agency) - X will travel ..., the ministry said' drops the dateline."""
    text = (
        "OSLO (Wire Service) - Foreign Minister Eva Lunde will travel to Hanoi next week, "
        "the ministry said on Friday."
    )
    [q] = indirect(quotes_of(text))
    assert q.text.startswith("Foreign Minister Eva Lunde will travel to Hanoi")
    assert "OSLO" not in q.text


def test_the_prime_minister_refers_back_to_the_protagonist(quotes_of: Callable) -> None:
    """'The prime minister said' with no titled holder goes to the latest person before it."""
    text = (
        "Lena Sorensen promised a tough line on trade on Monday.\n"
        '"We will not back down," the prime minister said.'
    )
    assert direct(quotes_of(text)) == [("Lena Sorensen", "We will not back down,")]


def test_title_fallback_skips_person_with_another_role(quotes_of: Callable) -> None:
    """'the minister' does not go to someone the text calls president, though named last."""
    text = (
        "Foreign Minister Maria Keller arrived in Oslo on Sunday. President Thomas Brown "
        "welcomed her at the airport.\n"
        '"This visit matters," the minister said.'
    )
    assert direct(quotes_of(text)) == [("Maria Keller", "This visit matters,")]


def test_colon_at_end_of_previous_paragraph_introduces_quote(quotes_of: Callable) -> None:
    """'X said:' closing one paragraph attributes the quote opening the next one."""
    text = (
        "Speaking after the vote, Senator Walter Hughes said:\n\n"
        '"This is a good day for the country and for our allies."'
    )
    assert direct(quotes_of(text)) == [
        ("Walter Hughes", "This is a good day for the country and for our allies.")
    ]


def test_doc_without_parser_gives_a_list_not_an_error() -> None:
    """A blank pipeline (no parser, no sentences) yields no attributions but does not fail."""
    import spacy

    text = 'Minister Ada Roth said: "We agree."\n"Fine," he said.'
    doc = spacy.blank("en")(text)
    assert extract_quotes(doc, build_people_index(doc), source_text=text) == []


def test_open_paragraph_takes_speaker_named_in_its_continuation(quotes_of: Callable) -> None:
    """'"A.' then '"B," said X.': the open paragraph is X's too, not the earlier speaker's."""
    text = (
        '"The vote was close," said Senator Walter Hughes.\n'
        '"We have to rebuild trust with our neighbours.\n'
        '"That starts this week," said Minister Elena Varga.'
    )
    assert direct(quotes_of(text)) == [
        ("Walter Hughes", "The vote was close,"),
        ("Elena Varga", "We have to rebuild trust with our neighbours."),
        ("Elena Varga", "That starts this week,"),
    ]


def test_it_said_refers_to_an_organisation_not_a_person(quotes_of: Callable) -> None:
    """'It said ...' after a paper and a person speaking goes to the paper."""
    text = (
        "The Morning Ledger said on Tuesday that it had obtained the memo. "
        "Minister Paul Rees said the memo was genuine. "
        "It said the memo listed three meetings."
    )
    found = [(q.speaker, q.text) for q in indirect(quotes_of(text))]
    assert ("Morning Ledger", "the memo listed three meetings") in found


_FUZZ_WORDS = st.sampled_from(
    [
        '"',
        '"',
        ",",
        ".",
        ":",
        "\n",
        "he",
        "said",
        "Mr",
        "Lind",
        "Ada",
        "told",
        "the",
        "minister",
        "reporters",
        "that",
        "we",
        "agree",
        "'",
        "\u201c",
        "\u201d",
        "it",
        "-",
        "added",
    ]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_FUZZ_WORDS, max_size=60))
def test_any_mix_of_marks_and_words_gives_substring_quotes(
    quotes_of: Callable, words: list[str]
) -> None:
    """For any jumble of words and marks, every quote and evidence is a substring of the input."""
    text = " ".join(words)
    for q in quotes_of(text):
        assert q.text
        assert q.text in text
        assert q.evidence in text
        assert q.kind in ("direct", "indirect")
        assert q.speaker


def test_according_to_gives_indirect_speech(quotes_of: Callable) -> None:
    """'According to X, clause' and 'clause, according to X' are X's indirect speech."""
    text = (
        "According to Minister Lena Moravec, the two leaders will meet again in the spring.\n"
        "The agreement is fragile, according to Ambassador Omar Haddad."
    )
    found = [(q.speaker, q.text, q.verb) for q in indirect(quotes_of(text))]
    assert found == [
        ("Lena Moravec", "the two leaders will meet again in the spring", "according to"),
        ("Omar Haddad", "The agreement is fragile", "according to"),
    ]


def test_according_to_plan_is_not_a_source(quotes_of: Callable) -> None:
    """'according to plan' or 'according to the wishes of ...' names no speaker."""
    text = (
        "The harvest went according to plan, and the ferry timetable was drawn up according "
        "to the wishes of the island's fishermen."
    )
    assert indirect(quotes_of(text)) == []


def test_the_statement_said_goes_to_who_issued_it(quotes_of: Callable) -> None:
    """'Ministry X issued a statement ... "...," the statement said' names the issuer."""
    text = (
        "The Norwegian Foreign Ministry issued a statement on Sunday night.\n"
        '"Dialogue remains the only path," the statement said.'
    )
    [q] = quotes_of(text)
    assert q.speaker is not None
    assert "Foreign Ministry" in q.speaker
    assert q.text == "Dialogue remains the only path,"


def test_time_of_saying_is_not_part_of_reported_clause(quotes_of: Callable) -> None:
    """'said on Thursday its ...' leaves 'on Thursday' out of the reported clause."""
    text = "The Evening Ledger said on Thursday its reporters had seen the draft treaty."
    [q] = indirect(quotes_of(text))
    assert q.text == "its reporters had seen the draft treaty"


def test_audience_from_interview_and_speaking_to(quotes_of: Callable) -> None:
    """'said during a conversation with X' and 'Speaking to X, Y said' record X as the audience."""
    text = (
        "Minister Clara Voss said during a long conversation with the Harbour Times that ferry "
        "talks would restart in June.\n"
        'Speaking to students in Graz, Voss said: "We owe you a safer continent."'
    )
    quotes = quotes_of(text)
    audiences = {q.kind: q.audience for q in quotes}
    assert audiences["indirect"] == "the Harbour Times"
    assert audiences["direct"] == "students in Graz"


def test_dateline_city_is_never_the_speaker(quotes_of: Callable) -> None:
    """'Lisbon, Portugal (Wire) President X said ...' gives X, not the dateline's city."""
    text = (
        'Lisbon, Portugal (Wire) Portuguese President Rui Tavares said Tuesday he was "quietly '
        'hopeful" about the talks.'
    )
    assert direct(quotes_of(text)) == [("Rui Tavares", "quietly hopeful")]


def test_as_x_put_it(quotes_of: Callable) -> None:
    """'As Mr Lund put it, "..."' attributes the quote to Lund."""
    text = 'Minister Erik Lund spoke last. As Mr Lund put it, "the door is open but not forever."'
    assert direct(quotes_of(text)) == [("Erik Lund", "the door is open but not forever.")]


def test_the_report_said_goes_to_an_unnamed_issuer(quotes_of: Callable) -> None:
    """'The fisheries ministry published a report ... the report said' names the ministry."""
    text = (
        "The fisheries ministry published a report on Wednesday.\n"
        '"Cod stocks have fallen by a third in ten years," the report said.'
    )
    [q] = quotes_of(text)
    assert q.speaker is not None
    assert "fisheries ministry" in q.speaker
    assert q.text == "Cod stocks have fallen by a third in ten years,"


def test_the_letter_said_goes_to_a_group_that_sent_it(quotes_of: Callable) -> None:
    """An organisation noun phrase issuing a letter is the speaker of 'The letter said ...'."""
    text = (
        "A coalition of mountain guides sent a letter to the regional council on Friday. "
        "The letter said the northern trails were no longer safe in winter."
    )
    [q] = indirect(quotes_of(text))
    assert q.speaker == "A coalition of mountain guides"
    assert q.text == "the northern trails were no longer safe in winter"


def test_he_skips_a_plural_speaker_for_the_man_named_before(quotes_of: Callable) -> None:
    """'officials said ...' then '"...," he told journalists' goes to the man, not the officials."""
    text = (
        "Trade envoy Marcus Delacroix flew to Nairobi on Monday. Kenyan officials said the "
        "visit was long overdue.\n"
        '"We have a great deal to settle," he told journalists on the flight home.'
    )
    assert direct(quotes_of(text)) == [("Marcus Delacroix", "We have a great deal to settle,")]


def test_she_skips_a_plural_speaker_for_the_woman_named_before(quotes_of: Callable) -> None:
    """A plural noun phrase speaking in between is never the antecedent of 'she'."""
    text = (
        "Minister Hana Kovacs reached Zagreb on Monday evening. Senior diplomats said the "
        "customs talks had stalled.\n"
        '"Nothing has stalled at all," she said the next morning.'
    )
    assert direct(quotes_of(text)) == [("Hana Kovacs", "Nothing has stalled at all,")]


def test_it_skips_plural_speakers_for_the_organisation(quotes_of: Callable) -> None:
    """'it said' goes to the embassy that spoke before, not to a plural speaker in between."""
    text = (
        "The Estonian embassy said the visa rules would change in March. Local business "
        "groups said the change came too late.\n"
        '"The new rules are final," it said.'
    )
    assert direct(quotes_of(text)) == [("The Estonian embassy", "The new rules are final,")]


def test_fronted_clause_keeps_its_participle_phrase(quotes_of: Callable) -> None:
    """'A phoned B on Sunday, thanking him for C, Lisbon said' keeps the whole clause."""
    text = (
        "The premier phoned the Danish king on Sunday, thanking him for the loan of two "
        "frigates during the fire season, Lisbon said."
    )
    [q] = indirect(quotes_of(text))
    assert q.speaker == "Lisbon"
    assert q.text == (
        "The premier phoned the Danish king on Sunday, thanking him for the loan of two "
        "frigates during the fire season"
    )


def test_fronted_clause_leaves_out_an_agency_dateline(quotes_of: Callable) -> None:
    """'(Wire Service) - clause, officials said' reports the clause without the dateline."""
    text = "(Wire Service) - E.U. negotiators expect a deal on fishing quotas by Friday, two diplomats said."
    [q] = indirect(quotes_of(text))
    assert q.speaker == "two diplomats"
    assert q.text == "E.U. negotiators expect a deal on fishing quotas by Friday"


def test_coordinated_speakers_stay_whole(quotes_of: Callable) -> None:
    """'The leaders of X and Y', 'X, Y and Z' and 'Oslo and Helsinki' are kept whole."""
    text = (
        "The leaders of Chile and Peru said the old border dispute was finally settled.\n"
        "The presidents of Ghana, Togo and Benin said the coastal railway would open in 2031.\n"
        "Oslo and Helsinki said the Arctic council would meet again in the autumn."
    )
    speakers = [q.speaker for q in indirect(quotes_of(text))]
    assert speakers == [
        "The leaders of Chile and Peru",
        "The presidents of Ghana, Togo and Benin",
        "Oslo and Helsinki",
    ]


def test_three_coordinated_speakers_are_named_once_each(quotes_of: Callable) -> None:
    """'A, B and C said': each member once, not the tail of the list again ("... and C and C")."""
    text = (
        "Ghana, Togo and Benin said the coastal railway would open in 2031.\n"
        "Dario Ferrante, Ines Lowe and Paul Okafor said the ferry fares would stay as they are."
    )
    speakers = [q.speaker for q in indirect(quotes_of(text))]
    assert speakers == ["Ghana, Togo and Benin", "Dario Ferrante, Ines Lowe and Paul Okafor"]


def test_a_person_and_a_role_speaking_together(quotes_of: Callable) -> None:
    """'Minister X and her counterpart said' is one joint speaker, not only the minister."""
    text = "Minister Hana Kovacs and her Czech counterpart said the bridge would reopen in May."
    [q] = indirect(quotes_of(text))
    assert q.speaker == "Hana Kovacs and her Czech counterpart"
    assert q.text == "the bridge would reopen in May"


def test_that_clause_extraposed_past_an_adverbial_is_what_was_said(quotes_of: Callable) -> None:
    """'gave a warning to X on Tuesday that clause': the that-clause of the attitude noun, moved
    past the phrases after it and hung on the verb by the parser, is still the reported clause
    (rule extraposed_clause; without it nothing is reported).
    """
    texts = [
        "Foreign Minister Arne Lund gave a stern warning to Borduria on Tuesday that any incursion "
        "would be answered.",
        "Senator Rita Gale voiced concern to reporters on Monday that the harbour deal would cost jobs.",
    ]
    expected = [
        ("Arne Lund", "any incursion would be answered"),
        ("Rita Gale", "the harbour deal would cost jobs"),
    ]
    for text, want in zip(texts, expected, strict=True):
        assert [(q.speaker, q.text) for q in indirect(quotes_of(text))] == [want]
        assert indirect(quotes_of(text, off=frozenset({"extraposed_clause"}))) == []


def test_that_clause_hung_on_a_written_statement_is_reported(quotes_of: Callable) -> None:
    """'X said in a written statement that clause' reports the clause the parser hung on 'statement'."""
    text = "The port authority said in a written statement that the eastern quay would close for repairs."
    [q] = indirect(quotes_of(text))
    assert q.speaker == "The port authority"
    assert q.text == "the eastern quay would close for repairs"


def test_issuer_named_by_a_title_or_a_pronoun(quotes_of: Callable) -> None:
    """'Minister X issued a statement' gives X; 'It released a statement' gives what 'it' is."""
    text = (
        "Minister Hana Kovacs issued a statement on Friday.\n"
        '"We will not sign this draft," the statement said.\n'
        "The Latvian embassy said on Monday the visa rules would change. It released a "
        "statement on Tuesday.\n"
        '"The new rules are final," the statement said.'
    )
    assert direct(quotes_of(text)) == [
        ("Hana Kovacs", "We will not sign this draft,"),
        ("The Latvian embassy", "The new rules are final,"),
    ]


def test_a_country_with_a_plural_name_is_still_it(quotes_of: Callable) -> None:
    """'The Philippines said ... "...," it said': a plural-looking country name is one body."""
    text = 'The Philippines said the patrol boats had left the shoal. "They are gone," it said.'
    assert direct(quotes_of(text)) == [("Philippines", "They are gone,")]


def test_adding_that_is_a_second_saying_of_the_same_speaker(quotes_of: Callable) -> None:
    """'X said A, adding that B' gives two indirect quotes of X, A without the 'adding' part."""
    text = (
        "The minister said the border would reopen on Friday, adding that trucks would be checked."
    )
    found = [(q.speaker, q.text) for q in indirect(quotes_of(text))]
    assert found == [
        ("The minister", "the border would reopen on Friday"),
        ("The minister", "trucks would be checked"),
    ]


@pytest.fixture(scope="module")
def indexed_quotes_of(nlp: Any) -> Callable[..., list[Quote]]:
    """Quotes read with the package's own people index (roles, titles), as the pipeline does."""
    from bot.extract.entities import build_people_index

    def run(text: str) -> list[Quote]:
        doc = nlp(clean_text(text))
        return extract_quotes(doc, build_people_index(doc), source_text=text)

    return run


def test_a_closing_mark_glued_to_the_speech_tag_still_gives_the_speaker(
    indexed_quotes_of: Callable,
) -> None:
    """'...,"she added' (no space after the mark): the mark is split off and the tag read."""
    text = (
        "Trade Minister Helga Moreau spoke after the talks in Lyon.\n"
        '"We will keep talking," she said. "Our door stays open to every partner,"she added.'
    )
    assert ("Helga Moreau", "Our door stays open to every partner,") in direct(
        indexed_quotes_of(text)
    )


def test_quoted_as_saying_gives_the_subject_of_quoted(indexed_quotes_of: Callable) -> None:
    """'X was quoted by an agency as saying "..."': the speaker is X, not the agency."""
    text = (
        "Envoy Tomas Brennik reached the capital on Sunday.\n"
        '"The border must stay open for aid," Brennik was quoted by the state news agency '
        "as saying."
    )
    assert direct(indexed_quotes_of(text)) == [
        ("Tomas Brennik", "The border must stay open for aid,")
    ]


def test_a_fragment_in_a_participle_clause_belongs_to_the_main_subject(
    indexed_quotes_of: Callable,
) -> None:
    """'After promising "swift progress", X left': the participle borrows the main subject."""
    text = (
        'After promising "swift progress" on Monday, Deputy Minister Arno Velt left the '
        "talks in Geneva without a deal."
    )
    assert direct(indexed_quotes_of(text)) == [("Arno Velt", "swift progress")]


def test_a_verb_whose_final_e_the_lemmatizer_cuts_still_reports(
    indexed_quotes_of: Callable,
) -> None:
    """'He hoped ... would "..."': "hoped" lemmatised as "hop" is still read as "hope"."""
    text = (
        "President Joel Mbeku received the delegation on Friday.\n"
        'He hoped the visit would "open a new chapter between our peoples".'
    )
    assert direct(indexed_quotes_of(text)) == [
        ("Joel Mbeku", "open a new chapter between our peoples")
    ]


def test_the_foreign_minister_is_not_the_prime_minister_named_last(
    indexed_quotes_of: Callable,
) -> None:
    """A role with a qualifier ("the foreign minister") skips people whose role contradicts it."""
    text = (
        "Karel Dvorsky arrived in Bangkok on Thursday for three days of talks.\n"
        "Dvorsky told reporters his country wanted more trade with the region.\n"
        "He met Prime Minister Somchai Prasert on Friday.\n"
        'The foreign minister called the talks "a fair start".'
    )
    assert direct(indexed_quotes_of(text)) == [("Karel Dvorsky", "a fair start")]


def test_the_premier_is_the_prime_minister(indexed_quotes_of: Callable) -> None:
    """"the premier" refers back to a person titled Prime Minister (a synonym in the data)."""
    text = (
        "Visiting Prime Minister Aldo Ferri warned his hosts on Monday about the tariffs.\n"
        'The premier said the measures "hurt both our economies".'
    )
    assert direct(indexed_quotes_of(text)) == [("Aldo Ferri", "hurt both our economies")]


def test_a_person_named_by_age_is_the_protagonist(indexed_quotes_of: Callable) -> None:
    """'..., said the 67-year-old': an age noun refers back like a pronoun."""
    text = (
        "President Amadou Keita toured the new power plant on Friday.\n"
        '"Build the second line quickly," said the 67-year-old.'
    )
    assert direct(indexed_quotes_of(text)) == [("Amadou Keita", "Build the second line quickly,")]


def test_a_name_in_apposition_to_a_role_subject_is_the_antecedent_of_she(
    indexed_quotes_of: Callable,
) -> None:
    """'The minister of culture, Ulla Strand, was due ...' then 'she said': she is Strand."""
    text = (
        "Prime Minister Lars Holm spoke in parliament on Tuesday.\n"
        "The minister of culture, Ulla Strand, was due to leave for Rome on Friday.\n"
        '"We were given no reason for the delay," she said.'
    )
    assert direct(indexed_quotes_of(text)) == [
        ("Ulla Strand", "We were given no reason for the delay,")
    ]


def test_a_request_gives_the_one_asked_and_the_action(indexed_quotes_of: Callable) -> None:
    """'X urged the bank to release funds': indirect speech "the bank to release ..."."""
    quotes = indirect(indexed_quotes_of(
        "President Mara Okonjo urged the World Bank to release the flood relief funds."
    ))
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Mara Okonjo", "the World Bank to release the flood relief funds")
    ]


def test_called_on_someone_to_act_is_a_request_too(indexed_quotes_of: Callable) -> None:
    """'X called on donors to release the funds': the object of "on" is the one asked."""
    quotes = indirect(indexed_quotes_of(
        "Finance Minister Pavel Rusu called on donors to release the promised funds this month."
    ))
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Pavel Rusu", "donors to release the promised funds this month")
    ]


def test_a_reported_clause_with_a_short_quoted_fragment_stays_indirect(
    indexed_quotes_of: Callable,
) -> None:
    """'said the plan would be "a grave error" for the region': the fragment is a direct quote
    and the clause around it is still reported speech."""
    quotes = indexed_quotes_of(
        'Prime Minister Jonas Eklund said the plan would be "a grave error" for the whole region.'
    )
    assert ("Jonas Eklund", "a grave error") in direct(quotes)
    assert [(q.speaker, q.text) for q in indirect(quotes)] == [
        ("Jonas Eklund", 'the plan would be "a grave error" for the whole region')
    ]


def test_the_group_refers_back_to_the_organisation_named_last(
    indexed_quotes_of: Callable,
) -> None:
    """'the group said': a definite body noun takes the organisation named before it."""
    text = (
        "Amnesty International criticised the new press law on Monday.\n"
        'The group said the law was "a blow to every reporter".'
    )
    assert direct(indexed_quotes_of(text)) == [
        ("Amnesty International", "a blow to every reporter")
    ]


def test_a_speech_tag_between_commas_reports_what_follows_it(
    indexed_quotes_of: Callable,
) -> None:
    """'Besides, he said, the jobs were cut.': the tag is parenthetical, the rest was said."""
    text = (
        "Interior Minister Kofi Asante spoke to reporters on Friday.\n"
        "Besides, he said, hundreds of temporary posts have been cut to save money."
    )
    assert [(q.speaker, q.text) for q in indirect(indexed_quotes_of(text))] == [
        ("Kofi Asante", "hundreds of temporary posts have been cut to save money")
    ]


def test_expressed_hope_that_reports_the_clause(indexed_quotes_of: Callable) -> None:
    """'X expressed hope that ...': a noun of attitude with its that-clause is reported speech."""
    quotes = indirect(indexed_quotes_of(
        "Foreign Minister Ingrid Solberg expressed hope that the two sides would resume talks "
        "before the winter."
    ))
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Ingrid Solberg", "the two sides would resume talks before the winter")
    ]


def test_the_chinese_president_is_not_the_president_of_another_country(
    indexed_quotes_of: Callable,
) -> None:
    """A nationality before the role rules out a person the text gives another nationality."""
    text = (
        "Kenyan President Daniel Mwangi met his Chinese counterpart Li Qiang in Beijing on Friday.\n"
        "Li said the two countries had long been friends.\n"
        'The Chinese president said both sides should "open new markets together".'
    )
    assert direct(indexed_quotes_of(text)) == [("Li Qiang", "open new markets together")]


def test_a_dateline_line_is_never_a_speaker(indexed_quotes_of: Callable) -> None:
    """'OSLO, Sept 5, 2020 (Wire)' on its own line is not the organisation "the group" means."""
    text = (
        "OSLO, Sept 5, 2020 (Wire)\n"
        "The Press Freedom Foundation condemned the arrest of three reporters on Saturday.\n"
        'The group said the arrests were "a warning to every newsroom".'
    )
    assert direct(indexed_quotes_of(text)) == [
        ("The Press Freedom Foundation", "a warning to every newsroom")
    ]


def test_word_lists_come_from_the_data_file_and_none_is_empty() -> None:
    """Every list of the [quotes] section of bot/extract/lexicon.toml loads, non-empty, in lower case."""
    from bot.extract import quotes

    words = quotes._load_words()
    assert {"speech_verbs", "opinion_verbs", "request_verbs", "person_titles"} <= set(words)
    for key, values in words.items():
        assert values, key
        assert all(w == w.lower() for w in values), key
    assert "say" in quotes.SPEECH_VERBS
    assert "ask" not in quotes.INDIRECT_VERBS
    from bot.extract import coref

    assert coref.ROLE_SYNONYMS["premier"] == ("prime", "minister")


def test_rule_families_switch_off_by_name_and_unknown_names_are_refused(nlp: Any) -> None:
    """Ablation: a family switched off stops contributing; a misspelt family is an error."""
    from bot.extract.entities import build_people_index
    from bot.extract.quotes import RULE_FAMILIES

    text = "President Mara Okonjo urged the World Bank to release the flood relief funds."
    doc = nlp(clean_text(text))
    people = build_people_index(doc)
    assert "request" in RULE_FAMILIES
    assert len(indirect(extract_quotes(doc, people, source_text=text))) == 1
    assert indirect(extract_quotes(doc, people, source_text=text, off=frozenset({"request"}))) == []
    with pytest.raises(ValueError, match="requests"):
        extract_quotes(doc, people, source_text=text, off=frozenset({"requests"}))


def test_informed_and_pointed_out_report_speech(indexed_quotes_of: Callable) -> None:
    """'X informed the council that ...' and 'X pointed out that ...' are reported speech,
    and a quoted fragment inside such a clause is X's."""
    text = (
        "Envoy Lukas Brenner informed the council that the \"water file\" was closed for now.\n"
        "Brenner pointed out that the ceasefire had held for three weeks."
    )
    quotes = indexed_quotes_of(text)
    assert ("Lukas Brenner", "water file") in direct(quotes)
    reported = [(q.speaker, q.text) for q in indirect(quotes)]
    assert ("Lukas Brenner", "the ceasefire had held for three weeks") in reported


def test_the_agent_of_a_passive_reporting_verb_is_the_speaker(
    indexed_quotes_of: Callable,
) -> None:
    """'a meeting described by Minister X as "decisive"': the by-phrase names who spoke."""
    text = (
        'The talks, described by Foreign Minister Greta Lind as "decisive for the region", '
        "begin in Oslo on Monday."
    )
    assert direct(indexed_quotes_of(text)) == [("Greta Lind", "decisive for the region")]


def test_a_closing_speech_tag_reports_the_sentence_before_it(indexed_quotes_of: Callable) -> None:
    """'A will meet B in Algiers on May 2, a diplomatic source said here Friday.': the tag the
    parser coordinated with the sentence still reports everything before it."""
    text = (
        "ROME, April 18, 2003 (Wire)\n"
        "Former envoy Carlo Benedetti will meet the rebel leaders in Algiers on May 2 to revive "
        "the peace plan, a diplomatic source said here Friday."
    )
    reported = [(q.speaker, q.text) for q in indirect(indexed_quotes_of(text))]
    assert reported == [(
        "a diplomatic source",
        "Former envoy Carlo Benedetti will meet the rebel leaders in Algiers on May 2 to revive "
        "the peace plan",
    )]


def test_a_condition_inside_a_reported_clause_is_not_a_question(
    indexed_quotes_of: Callable,
) -> None:
    """'announced if X, they will Y': the "if" is a condition of what was said, not "whether"."""
    text = "The Farmers Union announced on Monday if prices fall again, they will block the roads."
    reported = [(q.speaker, q.text) for q in indirect(indexed_quotes_of(text))]
    assert reported == [("The Farmers Union", "if prices fall again, they will block the roads")]


def test_borrowed_subject_must_be_able_to_speak(quotes_of: Callable) -> None:
    """'X said recent moves had hurt trust and urged Y to "..."': the quote is X's, not the
    moves' (an inanimate subject inside the reported clause is no speaker); without the
    rule the moves would be credited.
    """
    text = (
        "Foreign Minister Li Wenhao said recent moves by Ruritania had hurt mutual trust and "
        'urged Ruritania to "stop these provocative steps at once."'
    )
    assert direct(quotes_of(text)) == [("Li Wenhao", "stop these provocative steps at once.")]
    # higher_coordinate reaches the same speaker here ("urged" cannot share "had" with "hurt")
    without = direct(quotes_of(text, off=frozenset({"speaking_subject", "higher_coordinate"})))
    assert without == [("recent moves", "stop these provocative steps at once.")]


def test_object_of_prompted_speaks_through_its_infinitive(quotes_of: Callable) -> None:
    """'The rules prompted the minister to say "..."': the minister speaks (object control)."""
    text = (
        "Minister Petra Novak met farmers on Friday. The new rules have angered farmers and "
        'prompted Novak to say that "nothing will change."'
    )
    assert direct(quotes_of(text)) == [("Petra Novak", "nothing will change.")]


def test_agency_quoted_person_as_saying(quotes_of: Callable) -> None:
    """'the agency quoted X as saying': X is the speaker of the quote, not the agency; the
    same holds for the reported clause.
    """
    text = (
        "Defence Minister Pavel Dorn met his counterpart Inga Ozola in Riga on Monday.\n"
        '"Our cooperation is growing," the Baltic news agency quoted Dorn as saying.\n'
        "The agency quoted Ozola as saying that both armies would train together next year."
    )
    quotes = quotes_of(text)
    assert direct(quotes) == [("Pavel Dorn", "Our cooperation is growing,")]
    assert [(q.speaker, q.text) for q in indirect(quotes)] == [
        ("Inga Ozola", "both armies would train together next year")
    ]
    assert direct(quotes_of(text, off=frozenset({"quoted_as"})))[0][0] != "Pavel Dorn"


def test_bare_quote_paragraph_after_reported_speech_keeps_its_speaker(quotes_of: Callable) -> None:
    """A paragraph that is only a quotation, right after a paragraph of reported speech,
    continues that paragraph's speaker; after a paragraph with no speech it stays unattributed.
    """
    text = (
        "Erik Sand met Inga Ozola on Monday. Sand said the talks had gone well.\n"
        '"We have made real progress on the energy link."'
    )
    assert direct(quotes_of(text)) == [
        ("Erik Sand", "We have made real progress on the energy link.")
    ]
    assert direct(quotes_of(text, off=frozenset({"reported_run"}))) == []
    silent = 'Erik Sand met Inga Ozola on Monday.\n"We have made real progress on the energy link."'
    assert direct(quotes_of(silent)) == []


def test_bare_quote_sentence_after_reported_sentence_keeps_its_speaker(quotes_of: Callable) -> None:
    """A sentence that is only a quotation, right after a sentence of reported speech in the
    same paragraph, continues that sentence's speaker; after a sentence with no speech it
    stays unattributed.
    """
    text = (
        "Trade envoy Marta Kovalenko met farmers in Dravnik on Monday. Kovalenko said at the "
        'market that the grain corridor mattered most to growers. "Without the corridor, no '
        'harvest plan can work."'
    )
    quote = "Without the corridor, no harvest plan can work."
    assert direct(quotes_of(text)) == [("Marta Kovalenko", quote)]
    assert direct(quotes_of(text, off=frozenset({"reported_sentence"}))) == []
    silent = (
        "Trade envoy Marta Kovalenko met farmers in Dravnik on Monday. The weather was mild. "
        f'"{quote}"'
    )
    assert direct(quotes_of(silent)) == []


def _people_quotes(nlp: Any, text: str, **kwargs: Any) -> list[tuple[str | None, str]]:
    """Direct quotes with the package's own people index (roles and nationalities read from the text)."""
    from bot.extract.entities import build_people_index

    doc = nlp(clean_text(text))
    return direct(extract_quotes(doc, build_people_index(doc), source_text=text, **kwargs))


def test_the_nationality_leader_is_that_country_head(nlp: Any) -> None:
    """'the Chilean leader' is the Chilean president the text names, not the last subject."""
    text = (
        "Marco Lima met Chilean President Rosa Ortiz on Tuesday. "
        'The Chilean leader said the talks were "very productive."'
    )
    assert _people_quotes(nlp, text) == [("Rosa Ortiz", "very productive.")]


def test_country_before_title_is_no_office_word(nlp: Any) -> None:
    """'the US president' is the president the text calls US; "US" is no part of his office."""
    text = (
        "Indian Prime Minister Raj Mehta met US President John Carter on Monday. "
        'Carter praised Mehta\'s leadership. "Our partnership has never been stronger," the US president said.'
    )
    assert _people_quotes(nlp, text) == [("John Carter", "Our partnership has never been stronger,")]


def test_quote_completing_an_opinion_verb_with_its_own_subject(quotes_of: Callable) -> None:
    """'..., which Ortiz described as "historic"': the word is Ortiz's, though "said" is nearer
    to the sentence's other quote; without the rule the plain speech verb takes it.
    """
    text = (
        "The talks between Marco Lima and Rosa Ortiz lasted three hours. "
        '"We agreed on everything," Lima said after the meeting, which Ortiz described as "historic."'
    )
    assert direct(quotes_of(text)) == [
        ("Marco Lima", "We agreed on everything,"),
        ("Rosa Ortiz", "historic."),
    ]
    assert direct(quotes_of(text, off=frozenset({"own_complement"})))[1] == ("Marco Lima", "historic.")


def test_relative_pronoun_speaks_for_its_noun(quotes_of: Callable) -> None:
    """'Lima, who said ...': the speaker is the noun the relative clause hangs on; he is not
    the antecedent of a later "she" or "he" over the main clause's subject.
    """
    text = (
        'Rosa Ortiz met Marco Lima, who said the visit was "long overdue."\n'
        '"We will meet again in spring," she said.'
    )
    assert direct(quotes_of(text)) == [
        ("Marco Lima", "long overdue."),
        ("Rosa Ortiz", "We will meet again in spring,"),
    ]
    assert ("Marco Lima", "long overdue.") not in direct(quotes_of(text, off=frozenset({"relative_subject"})))


def test_audience_is_a_listener_or_none(quotes_of: Callable) -> None:
    """The object of "told" is the audience only when it can listen (people, press, a
    gathering); 'told a stopover in Alaska' names no audience, the quote keeps its speaker.
    """
    text = (
        'President Olav Brekke flew home on Sunday. "The talks went well," Brekke told a stopover '
        'in Alaska.\n"We are ready," Brekke told state television.'
    )
    quotes = [q for q in quotes_of(text) if q.kind == "direct"]
    assert [(q.speaker, q.audience) for q in quotes] == [
        ("Olav Brekke", ""),
        ("Olav Brekke", "state television"),
    ]
    without = [q.audience for q in quotes_of(text, off=frozenset({"listener"})) if q.kind == "direct"]
    assert without[0] == "a stopover in Alaska"


def test_untagged_surname_subject_is_an_antecedent(quotes_of: Callable) -> None:
    """'Perrin agreed.': a known person's surname as a main-clause subject is the antecedent
    of the next "he", even where the model did not tag it as a person.
    """
    text = (
        "French President Luc Perrin welcomed German Chancellor Greta Vogel to Paris on Friday.\n"
        'Vogel said Europe needed "a new impulse." Perrin agreed. "We are on the same page," he said.'
    )
    assert direct(quotes_of(text)) == [
        ("Greta Vogel", "a new impulse."),
        ("Luc Perrin", "We are on the same page,"),
    ]
    assert direct(quotes_of(text, off=frozenset({"untagged_subject"})))[1][0] == "Greta Vogel"


@pytest.mark.parametrize(
    ("sentence", "fragment"),
    [
        ('termed the talks "fruitful and constructive."', "fruitful and constructive."),
        ('characterised the meeting as "a breakthrough."', "a breakthrough."),
        ('dismissed the plan as "a cynical ploy."', "a cynical ploy."),
        ('underlined that "dialogue is the only way."', "dialogue is the only way."),
        ('reaffirmed that his country "will honour its commitments."', "will honour its commitments."),
        ('voiced hope that the talks would "bear fruit soon."', "bear fruit soon."),
    ],
)
def test_verbs_of_stating_and_judging_carry_quotes(
    quotes_of: Callable, sentence: str, fragment: str
) -> None:
    """Verbs that state or judge ("termed", "underlined", "dismissed as") report the quoted
    words of their subject, as "said" does.
    """
    assert direct(quotes_of(f"Opposition leader Ivo Marek {sentence}")) == [("Ivo Marek", fragment)]


def test_clause_ending_in_colon_introduces_its_subject_quote(quotes_of: Callable) -> None:
    """'X was blunt: "..."' and "X's reply was short: "..."": with no speech verb, the clause
    before the colon gives the speaker (its subject, or whose words the subject names); a
    clause whose subject cannot speak gives none.
    """
    text = (
        'Opposition leader Michael Brown was blunt: "We will not negotiate under threat."\n'
        'Brown\'s reply to the offer was short: "Never."\n'
        'The agenda has one item: "security first."'
    )
    assert direct(quotes_of(text)) == [
        ("Michael Brown", "We will not negotiate under threat."),
        ("Michael Brown", "Never."),
    ]
    assert direct(quotes_of(text, off=frozenset({"colon_clause"}))) == []


def test_role_subject_is_the_antecedent_of_he(nlp: Any) -> None:
    """'The Chinese president will also meet ...' makes the president the antecedent of the
    next "he", not the last person named by name.
    """
    text = (
        "Chinese President Hu Wei will visit Cambodia next week, officials said. Cambodian Prime "
        "Minister Sam Rith told reporters the visit would boost ties.\n"
        "The Chinese president will also meet King Norodom Sihan. "
        '"China is Cambodia\'s best friend," he said in Beijing on Monday.'
    )
    assert _people_quotes(nlp, text) == [("Hu Wei", "China is Cambodia's best friend,")]
    assert _people_quotes(nlp, text, off=frozenset({"role_subject"})) == [
        ("Sam Rith", "China is Cambodia's best friend,")
    ]


def test_they_is_a_group_not_the_last_single_speaker(quotes_of: Callable) -> None:
    """'"...," they said' goes to the last group that spoke, not to the one minister quoted
    after it; without the rule it went to the latest speaker of any kind.
    """
    text = (
        "Western diplomats said the talks were tense. Foreign Minister Michael Brown met Hu Wei "
        'on Monday and said the meeting went well.\n"We do not expect a breakthrough," they said.'
    )
    assert direct(quotes_of(text)) == [("Western diplomats", "We do not expect a breakthrough,")]
    assert direct(quotes_of(text, off=frozenset({"plural_they"}))) == [
        ("Michael Brown", "We do not expect a breakthrough,")
    ]


def test_name_run_stops_at_a_comma(nlp: Any) -> None:
    """'According to Xinhua, Hu said': one entity tag over "Xinhua, Hu" still gives the
    speaker Hu, not "Xinhua, Hu".
    """
    text = (
        "Chinese President Hu Wei met Michael Brown on Monday. "
        'According to Xinhua, Hu said China was "ready to help."'
    )
    assert _people_quotes(nlp, text) == [("Hu Wei", "ready to help.")]


def test_statement_noun_with_owner_and_that_clause(quotes_of: Callable) -> None:
    """"Lind's remarks that ..." and "gave a warning to X on Monday that ..." report what
    the owner or subject said; without the rules neither is read.
    """
    owned = "Farmers cheered Lind's remarks that the quotas would be lifted by spring."
    assert [(q.speaker, q.text) for q in indirect(quotes_of(owned))] == [
        ("Lind", "the quotas would be lifted by spring")
    ]
    assert indirect(quotes_of(owned, off=frozenset({"owned_statement"}))) == []
    extraposed = (
        "Visiting Syldavian Prime Minister Ana Ruiz gave a stern warning to Borduria on Monday "
        "that closing the border would hurt trade."
    )
    assert [(q.speaker, q.text) for q in indirect(quotes_of(extraposed))] == [
        ("Ana Ruiz", "closing the border would hurt trade")
    ]


def test_reported_clause_drops_a_leading_comma(quotes_of: Callable) -> None:
    """'said after the dinner, she would ...': the reported clause starts at "she", not at the comma."""
    text = "Lena Hartmann said after the dinner, she would return to Bergen in the spring."
    assert [q.text for q in indirect(quotes_of(text))] == ["she would return to Bergen in the spring"]


def test_thanked_for_quoted_words(quotes_of: Callable) -> None:
    """'Brown thanked Hu for his "warm hospitality"': the quoted words are Brown's."""
    text = 'Chinese President Hu Wei met Michael Brown on Monday. Brown thanked Hu for his "warm hospitality."'
    assert direct(quotes_of(text)) == [("Michael Brown", "warm hospitality.")]


def test_short_tag_sentence_after_exclamation_or_question(quotes_of: Callable) -> None:
    """A quote closed by "!" or "?" and followed by a short tag sentence ("Brown vowed before
    the crowd.") takes that tag's verb, even an opinion verb; a long sentence about someone
    else after the quote does not lend its verb.
    """
    text = (
        "Michael Brown met Hu Wei on Monday.\n"
        '"We will never surrender!" Brown vowed before the crowd.\n'
        '"Is this fair to our farmers?" Brown wondered aloud.'
    )
    assert direct(quotes_of(text)) == [
        ("Michael Brown", "We will never surrender!"),
        ("Michael Brown", "Is this fair to our farmers?"),
    ]
    # the tag's name alone names the speaker too (families unlisted_tag and orphaned_tag), and
    # the paragraph before holds a saying (plain_saying): all are left out here
    off = frozenset({"short_tag", "unlisted_tag", "orphaned_tag", "plain_saying"})
    assert direct(quotes_of(text, off=off)) == []
    long_text = (
        "Michael Brown met Hu Wei on Monday.\n"
        '"Is this fair?" And Hu later called the meeting with Brown and his team "excellent" '
        "in a long statement."
    )
    assert ("Hu Wei", "Is this fair?") not in direct(quotes_of(long_text))


@pytest.mark.parametrize(
    "text",
    [
        "Visiting Premier Ana Ruiz issued a warning to the island on Friday that its new tariffs "
        "could provoke a trade war.",
        "Visiting Syldavian Prime Minister Ana Ruiz gave a pointed warning to Borduria on Monday "
        "that its plan to close the border could damage its ties with Syldavia.",
    ],
)
def test_a_visiting_title_is_not_the_speaker(quotes_of: Callable, text: str) -> None:
    """'Visiting Premier X warned that ...': the parser reads "Visiting" as a clause; X speaks."""
    assert [q.speaker for q in indirect(quotes_of(text))] == ["Ana Ruiz"]


def test_a_pronoun_already_bound_to_a_speaker_sends_the_other_gender_elsewhere(
    quotes_of: Callable,
) -> None:
    """Once 'he said' is one speaker, a later 'she added' is not that speaker, though no title
    states either gender.
    """
    text = (
        "Prime Minister Eva Kask met President Tomas Rek in Korvi on Monday.\n"
        '"We agreed on the railway," Kask said after the meeting.\n'
        "Rek said the two sides would sign the deal in June.\n"
        '"It is a good day," he said.\n'
        '"And a fair deal," she added.'
    )
    assert direct(quotes_of(text)) == [
        ("Eva Kask", "We agreed on the railway,"),
        ("Tomas Rek", "It is a good day,"),
        ("Eva Kask", "And a fair deal,"),
    ]


def test_the_diplomat_is_the_one_who_spoke_before(quotes_of: Callable) -> None:
    """'the diplomat added' refers back to the latest one who spoke, not to a person who only
    did something in between (rule person_noun_reference).
    """
    text = (
        "Mediator Karl Stein met rebel leader Ivo Dan in Korvi on Monday.\n"
        '"It is a first step," Stein said.\n'
        "Dan left the city on Tuesday.\n"
        '"We still have a long way to go," the diplomat added.'
    )
    assert direct(quotes_of(text))[-1] == ("Karl Stein", "We still have a long way to go,")
    off = direct(quotes_of(text, off=frozenset({"person_noun_reference"})))
    assert off[-1] == ("the diplomat", "We still have a long way to go,")


def test_a_describing_noun_never_names_someone_who_has_not_spoken(quotes_of: Callable) -> None:
    """'the source said' stays unnamed when the only person before it never spoke."""
    text = (
        "Envoy Lars Moe will travel to Korvi next week.\n"
        "Moe will also visit the northern provinces, the source said."
    )
    assert [q.speaker for q in indirect(quotes_of(text))] == ["the source"]


def test_an_inline_dateline_with_a_date_is_never_the_speaker(quotes_of: Callable) -> None:
    """'KORVI, May 2 (Wire) - "...," a source told Wire': the dateline, date included, is no speaker."""
    text = 'KORVI, May 2 (Wire) - "The talks went well," a senior Bordurian official told Wire.'
    assert direct(quotes_of(text)) == [("a senior Bordurian official", "The talks went well,")]


def test_a_closing_tag_read_as_a_relative_clause_still_reports_the_sentence(
    nlp: Any, quotes_of: Callable
) -> None:
    """', a source said here Friday.' hung by the parser on the noun before the comma as a
    relative clause (which needs who/which) is a closing speech tag (rule trailing_tag_misread);
    a true relative clause ('Kask, who said ...') is left to its own reading. The misreading is
    given as a hand-made parse, since the model makes it only on long sentences.
    """
    from spacy.tokens import Doc

    words = "Lars Moe will visit the northern province in May , a Syldavian source said here Friday .".split()
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[True] * 8 + [False] + [True] * 6 + [False, False],
        heads=[1, 3, 3, 3, 6, 6, 3, 3, 7, 6, 12, 12, 13, 6, 13, 13, 3],
        deps="compound nsubj aux ROOT det amod dobj prep pobj punct det amod nsubj relcl advmod npadvmod punct".split(),
        pos="PROPN PROPN AUX VERB DET ADJ NOUN ADP PROPN PUNCT DET ADJ NOUN VERB ADV PROPN PUNCT".split(),
        tags="NNP NNP MD VB DT JJ NN IN NNP , DT JJ NN VBD RB NNP .".split(),
        lemmas="Lars Moe will visit the northern province in May , a Syldavian source say here Friday .".split(),
    )
    people = build_people_index(doc)
    [q] = indirect(extract_quotes(doc, people, source_text=doc.text))
    assert (q.speaker, q.text) == ("a Syldavian source", "Lars Moe will visit the northern province in May")
    off = frozenset({"trailing_tag_misread"})
    assert indirect(extract_quotes(doc, people, source_text=doc.text, off=off)) == []
    relative = quotes_of("Lars Moe met Eva Kask, who said the talks were useful.")
    assert [q.text for q in indirect(relative)] == ["the talks were useful"]


def test_an_inverted_closing_tag_names_the_speaker_after_the_verb(quotes_of: Callable) -> None:
    """'..., reported the Valdor News Agency on Monday.': the speaker follows the verb and the
    parser reads it as the object; the sentence before the tag is what it reported.
    """
    text = (
        "Foreign Minister Arne Lund will travel to Korvi next week for talks on the disputed "
        "river border, reported the Valdor News Agency on Monday."
    )
    [q] = indirect(quotes_of(text))
    assert q.speaker == "the Valdor News Agency"
    assert q.text == (
        "Foreign Minister Arne Lund will travel to Korvi next week for talks on the disputed river border"
    )


def test_a_second_saying_coordinated_inside_the_first_clause_is_its_own(quotes_of: Callable) -> None:
    """'X said A and added that B': A ends before 'and', and B is X's too, even when the parser
    hangs 'added' on A's verb (rule next_saying).
    """
    text = (
        "Asked about the strike, the union chief said her members do not want a long dispute with "
        "the mill and added that most demands can be met by the spring."
    )
    assert [(q.speaker, q.text) for q in indirect(quotes_of(text))] == [
        ("the union chief", "her members do not want a long dispute with the mill"),
        ("the union chief", "most demands can be met by the spring"),
    ]


def test_a_but_clause_with_its_own_subject_is_not_part_of_what_was_said(quotes_of: Callable) -> None:
    """', but it would not name ...' closes the narrator's sentence; ', but only if ...' stays a
    condition of what was said.
    """
    told = indirect(quotes_of(
        "The ministry said the two leaders spoke about grain exports, but it would not name the officials present."))
    assert [q.text for q in told] == ["the two leaders spoke about grain exports"]
    kept = indirect(quotes_of("Lund said the deal would stand, but only if both sides kept the truce."))
    assert [q.text for q in kept] == ["the deal would stand, but only if both sides kept the truce"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"The deficit will narrow next year," said Secretary to the Treasury Anton Kessel.',
         "Anton Kessel"),
        ('"Catches are up," said Director-General of Fisheries at Agri Ruritania Paul Grant.',
         "Paul Grant"),
        ("The UN Special Rapporteur on Water, Manfred Ostrow, said inspectors would not visit the "
         "site.", "Manfred Ostrow"),
    ],
)
def test_a_title_heading_the_phrase_gives_the_name_inside(
        quotes_of: Callable, text: str, speaker: str) -> None:
    """'said Secretary to the Treasury X', 'the Special Rapporteur on Y, X, said': the parser
    heads the phrase by the title; the one person named inside it speaks, not the title.
    """
    assert [q.speaker for q in quotes_of(text)] == [speaker]
    with rules_off(frozenset({"title_complement"})):  # the people index's title over "to the Treasury": a second road
        assert [q.speaker for q in quotes_of(text, off=frozenset({"title_heads_name"}))] != [speaker]


def test_a_title_takes_no_name_from_a_clause_hung_on_it(quotes_of: Callable) -> None:
    """'Minister of Trade X, who met Y, said': X speaks; Y sits in a relative clause."""
    text = ("Ruritanian Minister of Trade and Industry Anton Kessel, who met Lars Dahl on Monday, "
            "said the deal was the first of its kind.")
    assert [q.speaker for q in indirect(quotes_of(text))] == ["Anton Kessel"]


def test_the_demonym_is_the_protagonist(quotes_of: Callable) -> None:
    """'said the Malaysian', 'said the Scot, 42': a nationality word after "the" names the
    person the story is about, as "the 67-year-old" does; "the Kremlin" is no person.
    """
    text = (
        "Top seed Tan Boon Kiat beat Tomas Berg in the final on Sunday.\n"
        '"My legs felt heavy in the third set," said the Malaysian.\n'
        '"He simply served better," said the Scot, 42.\n'
        "The Kremlin said the match would be shown again."
    )
    quotes = quotes_of(text)
    assert direct(quotes) == [("Tan Boon Kiat", "My legs felt heavy in the third set,"),
                              ("Tan Boon Kiat", "He simply served better,")]
    assert [q.speaker for q in indirect(quotes)] == ["Kremlin"]
    assert direct(quotes_of(text, off=frozenset({"demonym_reference"})))[0][0] != "Tan Boon Kiat"


def test_continue_before_an_infinitive_is_no_saying(quotes_of: Callable) -> None:
    """'the premier said Y continues to regard it as "..."': "continues" marks
    aspect there, so the quoted words are the premier's, not Y's.
    """
    text = (
        "Ruritanian Prime Minister Anton Kessel met Paul Grant on Monday.\n"
        "According to Grant, the prime minister said the cabinet continues to regard the levy as "
        '"a fair price for clean rivers".\n'
        '"We will go on," Kessel continued.'
    )
    assert direct(quotes_of(text)) == [
        ("Anton Kessel", "a fair price for clean rivers"),
        ("Anton Kessel", "We will go on,"),
    ]
    assert direct(quotes_of(text, off=frozenset({"aspectual_verb"})))[0][0] == "the cabinet"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('The ministry expects few towns to ask for "emergency grants" this year, spokesman Paul Grant '
         "said.", "Paul Grant"),
        ('The circular did not call for "new checks" at the border, customs chief Ana Ruiz said.',
         "Ana Ruiz"),
    ],
)
def test_a_saying_that_did_not_happen_yields_to_the_speech_tag(
        quotes_of: Callable, text: str, speaker: str) -> None:
    """A quote inside "did not call for" or "expects them to ask for" belongs to the speech tag
    of the sentence: the negated or infinitive verb reports no saying.
    """
    assert [s for s, _ in direct(quotes_of(text))] == [speaker]
    assert [s for s, _ in direct(quotes_of(text, off=frozenset({"unsaid_verb"})))] != [speaker]


def test_the_body_noun_refers_to_its_last_mention(quotes_of: Callable) -> None:
    """'the coalition said' after 'a coalition of river towns' is that unnamed body, not the last
    organisation named; 'the news agency' after 'the Varta news agency' is Varta.
    """
    text = (
        "A coalition of river towns and the Ruritanian water board sued the Korvi Front on Tuesday. "
        '"The pollution has to stop," the coalition said.\n'
        "Fishing quotas will rise next year, according to the state-run Varta news agency.\n"
        "The new limits take effect in March, the news agency added."
    )
    quotes = quotes_of(text)
    assert direct(quotes) == [("the coalition", "The pollution has to stop,")]
    assert [q.speaker for q in indirect(quotes)] == ["Varta", "Varta"]
    assert direct(quotes_of(text, off=frozenset({"unnamed_body"})))[0][0] == "the Korvi Front"


def test_an_agency_dateline_run_into_its_dash_is_never_the_speaker(quotes_of: Callable) -> None:
    """"OSLO, Nov. 30 (Wire)-- Senior diplomats said": the tokenizer keeps "Wire)--" whole; the
    dateline is still no speaker and no part of the speaker's phrase.
    """
    text = (
        "OSLO, Nov. 30, 2005 (Wire)\n"
        'OSLO, Nov. 30 (Wire)-- Senior Ruritanian diplomats said the visit would be "of great '
        'significance".'
    )
    assert direct(quotes_of(text)) == [("Senior Ruritanian diplomats", "of great significance")]


def test_a_phrase_naming_someone_else_is_not_that_person(quotes_of: Callable) -> None:
    """'The legal team for Reyes says': the team speaks, not Reyes."""
    text = (
        "Tom Reyes was jailed for fraud last spring.\n"
        'The legal team for Reyes says the ruling was "a travesty".'
    )
    assert direct(quotes_of(text)) == [("The legal team for Reyes", "a travesty")]
    assert direct(quotes_of(text, off=frozenset({"named_owner"}))) == [("Tom Reyes", "a travesty")]


def test_a_second_saying_goes_with_the_verb_it_can_share_a_tense_with(quotes_of: Callable) -> None:
    """'X acknowledged that Y had left but stressed ...': "stressed" cannot share "had" with
    "left", so it is coordinated with "acknowledged" and X speaks, not Y.
    """
    text = (
        "Ruritanian spokesman Anton Berg spoke to reporters on Monday.\n"
        'Berg acknowledged that Lund had left but stressed the reshuffle had "no link to the audit."'
    )
    assert direct(quotes_of(text)) == [("Anton Berg", "no link to the audit.")]
    assert direct(quotes_of(text, off=frozenset({"higher_coordinate"})))[0][0] != "Anton Berg"


def test_the_company_said_refers_back_to_the_organisation_that_spoke(quotes_of: Callable) -> None:
    """'the company said' after 'Tarnfield Mills said' is Tarnfield Mills (rule 'kind_reference')."""
    text = (
        "Tarnfield Mills said its output of woven cloth fell by a tenth in the quarter.\n"
        "Weavers in the north had placed fewer orders than a year before, the company said on its website."
    )
    assert [q.speaker for q in indirect(quotes_of(text))] == ["Tarnfield Mills", "Tarnfield Mills"]
    without = indirect(quotes_of(text, off=frozenset({"kind_reference"})))
    assert without[1].speaker == "the company"


def test_the_ministry_said_refers_back_to_the_ministry_named_before(quotes_of: Callable) -> None:
    """'the ministry added' is the ministry named before, whose name holds the word."""
    text = (
        "The Ministry of Fisheries said on Friday that trawler catches of cod had halved since spring.\n"
        "Boats from the western ports would be kept in harbour for a month, the ministry added."
    )
    assert indirect(quotes_of(text))[1].speaker == "The Ministry of Fisheries"
    assert indirect(quotes_of(text, off=frozenset({"kind_reference"})))[1].speaker == "the ministry"


def test_the_company_is_not_an_organisation_of_another_kind(quotes_of: Callable) -> None:
    """A ministry that spoke last is no company: 'the company said' keeps its own phrase."""
    text = (
        "The Ministry of Fisheries said on Friday that trawler catches of cod had halved since spring.\n"
        "Weavers in the north had placed fewer orders than a year before, the company said on its website."
    )
    assert indirect(quotes_of(text))[1].speaker == "the company"


def test_subject_of_a_passive_saying_is_not_its_speaker(quotes_of: Callable) -> None:
    """'where complaints are reported': the complaints say nothing (rule 'passive_subject')."""
    text = (
        "Delegates at the Fendrel meeting agreed on eight aims.\n"
        'Among the aims is to give "swift and fair hearings" where complaints of fraud are reported.'
    )
    assert direct(quotes_of(text)) == []
    assert direct(quotes_of(text, off=frozenset({"passive_subject"}))) == [
        ("complaints of fraud", "swift and fair hearings")
    ]


def test_by_phrase_hung_on_the_complement_names_the_speaker(quotes_of: Callable) -> None:
    """'described as "X" by Y' with "by" parsed under the complement: Y speaks ('stray_agent')."""
    text = 'The harbour deal was described as "a fair bargain" by the port director Ilse Varga at a press event.'
    assert direct(quotes_of(text)) == [("Ilse Varga", "a fair bargain")]
    assert direct(quotes_of(text, off=frozenset({"stray_agent"}))) == []


def test_second_saying_keeps_the_first_sayings_subject(quotes_of: Callable) -> None:
    """'the arbiters pleaded ... and said': the arbiters, not an earlier clause's subject
    (rule 'saying_coordinate')."""
    text = (
        "The farmers' union wants lower fuel prices, but in a bid to end the blockade, the arbiters "
        "pleaded for calm on Sunday and said that another round of talks would open in Velmora next week."
    )
    speakers = {q.speaker for q in indirect(quotes_of(text)) if q.text.startswith("another round")}
    assert speakers == {"the arbiters"}
    without = {q.speaker for q in indirect(quotes_of(text, off=frozenset({"saying_coordinate"})))
               if q.text.startswith("another round")}
    assert without != {"the arbiters"}


def test_according_to_phrase_after_a_saying_names_the_reports_source(quotes_of: Callable) -> None:
    """'X said ..., according to a statement': the words are X's, cut before the phrase; the
    statement is no second speaker (rule 'nested_according')."""
    text = (
        "Vera Ostrova said the new dam had doubled the harvest in the valley, "
        "according to a statement from the farm board."
    )
    found = [(q.speaker, q.text) for q in indirect(quotes_of(text))]
    assert found == [("Vera Ostrova", "the new dam had doubled the harvest in the valley")]
    without = [(q.speaker, q.text) for q in indirect(quotes_of(text, off=frozenset({"nested_according"})))]
    assert len(without) == 2


def test_epithet_after_a_quote_names_the_protagonist(quotes_of: Callable) -> None:
    """'said the former world champion' is the person the story is about ('epithet_reference';
    'described_protagonist' reads the same phrase by its word 'former', so both are switched off)."""
    text = (
        "Mira Valko finished third in the downhill at Stellhorn on Sunday.\n"
        '"The snow was soft and I lost speed on the last bend," said the former world champion.'
    )
    assert direct(quotes_of(text)) == [("Mira Valko", "The snow was soft and I lost speed on the last bend,")]
    off = frozenset({"epithet_reference", "described_protagonist"})
    assert direct(quotes_of(text, off=off))[0][0] == "the former world champion"


def test_report_of_a_saying_gives_the_words_to_the_inner_speaker(quotes_of: Callable) -> None:
    """'X told Y that ..., the radio reported': one quote, X's; the radio only carried it
    (rule 'nested_report')."""
    text = (
        "Mayor Tomas Reiner told a visiting delegation on Monday that the bridge would reopen in May, "
        "the local Vesna radio reported."
    )
    assert [(q.speaker, q.text) for q in indirect(quotes_of(text))] == [
        ("Tomas Reiner", "the bridge would reopen in May")
    ]
    without = [q.speaker for q in indirect(quotes_of(text, off=frozenset({"nested_report"})))]
    assert "the local Vesna radio" in without


def test_possessed_role_is_not_its_possessor(quotes_of: Callable) -> None:
    """'X's lawyer said': the lawyer speaks, not X, whom the possessive only names."""
    text = (
        'Coach Milan Hrabal watched training in Pelsk. "He will be fit for the derby," '
        "Hrabal's lawyer said later."
    )
    quote = "He will be fit for the derby,"
    assert direct(quotes_of(text)) == [("Hrabal's lawyer", quote)]
    assert direct(quotes_of(text, off=frozenset({"owned_role"}))) == [("Milan Hrabal", quote)]


def test_name_after_and_is_the_next_verbs_subject(quotes_of: Callable) -> None:
    """'... lost to A and B and Pavel Ostrow admitted:': the parser may hang the name on the
    list before it; it is the subject of the verb that follows, not the first clause's."""
    text = 'Norvik had lost away games to Kelso and Brandt and Pavel Ostrow admitted: "We lacked any spark up front."'
    quote = "We lacked any spark up front."
    assert direct(quotes_of(text)) == [("Pavel Ostrow", quote)]
    assert direct(quotes_of(text, off=frozenset({"conjoined_name"}))) == [("Norvik", quote)]


def test_he_after_an_unnamed_dealer_is_the_dealer(quotes_of: Callable) -> None:
    """A market dealer, trader or broker is a person: a later "he said" is theirs, not the
    named minister's from the paragraph before."""
    text = (
        "Finance Minister Ulla Berg announced the budget on Monday. Shares in Tarsk fell sharply "
        'after the speech, a dealer said. "Nobody trusts the numbers," he said.'
    )
    assert direct(quotes_of(text)) == [("a dealer", "Nobody trusts the numbers,")]


def test_closing_tag_after_quote_mark_misread_as_object(quotes_of: Callable) -> None:
    """'"...," added the former skater, who ...': the parser may read the speaker after the
    closing mark as the verb's object; it is still who speaks."""
    text = (
        'Skater Irena Volk pulled out of the Dravnik open on Monday. "It is a shame for the fans," '
        "added the former skater, who runs a rink in Tarsk these days."
    )
    quote = "It is a shame for the fans,"
    assert direct(quotes_of(text)) == [("Irena Volk", quote)]
    assert direct(quotes_of(text, off=frozenset({"quoted_tag_misread"}))) == []


def test_word_quoted_under_an_announced_saying_is_the_reporters(quotes_of: Callable) -> None:
    """'X said her department would respond "firmly"': "would respond" only announces a saying;
    the quoted word is X's."""
    text = (
        'Transport Minister Ilse Varga said on Monday that her department would respond "firmly" '
        "to the threatened rail strike."
    )
    assert direct(quotes_of(text)) == [("Ilse Varga", "firmly")]
    assert direct(quotes_of(text, off=frozenset({"planned_saying"}))) == [("her department", "firmly")]


def test_typed_quotation_marks_are_read_as_quotation_marks(quotes_of: Callable) -> None:
    """Agency copy that writes ``words'' (backticks to open, two apostrophes to close): the words
    are direct quotes with their speakers, not reported clauses; with the family off they are
    not read as quotations at all."""
    text = (
        "Harbour Minister Tolvan Reese visited the flooded quay on Monday.\n"
        "``We will rebuild the pier before the herring season,'' Reese said. ``No storm lasts for ever.''\n"
        "Deputy mayor Ilsa Marrow told reporters: ``The money is already in the budget.''"
    )
    assert direct(quotes_of(text)) == [
        ("Tolvan Reese", "We will rebuild the pier before the herring season,"),
        ("Tolvan Reese", "No storm lasts for ever."),
        ("Ilsa Marrow", "The money is already in the budget."),
    ]
    assert not any("pier" in q.text for q in indirect(quotes_of(text)))
    assert direct(quotes_of(text, off=frozenset({"typed_marks"}))) == []


def test_lone_closing_apostrophes_without_typed_openings_change_nothing(quotes_of: Callable) -> None:
    """Two apostrophes in a text with no ``typed'' opening are no quotation mark."""
    text = "The Velmar ferry owners'' union said on Monday that fares would rise in spring."
    assert direct(quotes_of(text)) == []


def test_name_inside_a_quotation_is_not_the_antecedent_of_he(quotes_of: Callable) -> None:
    """A person who is the subject of a quoted sentence is talked about, not talking: the "he"
    of the tag after the quotation is still the one who spoke before."""
    text = (
        '"Once the levy is gone, the port dues go with it," said Ravi Menon, a senior dock union member.\n'
        '"Governor Anil Kapoor must tell the harbour board to delay the new levy.\n'
        '"That is the view of every docker I know," he added.'
    )
    assert [s for s, _ in direct(quotes_of(text))] == ["Ravi Menon"] * 3
    assert "Anil Kapoor" in [s for s, _ in direct(quotes_of(text, off=frozenset({"quoted_subject"})))]


def test_speech_tag_left_inside_a_quotation_still_names_the_speaker(quotes_of: Callable) -> None:
    """'"Prices rose, said X.' with the closing mark missing: X, inside the marks, still speaks,
    and a later "he added" is X's."""
    text = (
        "Ferry owners met in Velmar on Monday. Transport Minister Ilse Varga did not attend.\n"
        '"Ferry fares went up in spring, said Oskar Brandt, head of the Velmar ferry line.\n'
        '"We cannot hold them much longer," he added.'
    )
    assert direct(quotes_of(text))[-1] == ("Oskar Brandt", "We cannot hold them much longer,")
