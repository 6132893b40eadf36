"""Tests for the speakers bot.extract.quotes gives quotations when the parser misplaces a name or a
sentence break: each rule family is checked on invented text, and switched off by name.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import speakers

pytestmark = pytest.mark.slow


def test_name_and_apposition_before_a_subjectless_verb_speak(quotes_of: Callable) -> None:
    """'In the port of X, General Y, head of the navy, said ...': the parser hangs the name on the
    fronted phrase; the name and its apposition just before the verb are its subject."""
    text = (
        "Colonel Arvid Lenk inspected the bridges on Monday.\n"
        "In the eastern town of Velmar, General Tomas Okonye, head of the border guard, said the "
        "bridges would stay shut.\n"
        'He added that "no convoy will cross before Friday."'
    )
    assert speakers(quotes_of(text)) == ["Tomas Okonye"]
    assert speakers(quotes_of(text, off=frozenset({"comma_name"}))) != ["Tomas Okonye"]


def test_name_apposed_to_a_noun_inside_the_speakers_phrase_is_the_speaker(quotes_of: Callable) -> None:
    """'The spokesman for the council, X, said': X is the spokesman, not the council."""
    text = (
        "Major Arvid Lenk toured the depots on Monday.\n"
        "The spokesman for the six-party fisheries council, Amina Toure, said that catch limits would hold.\n"
        '"Nobody will be left without work," she said.'
    )
    assert speakers(quotes_of(text)) == ["Amina Toure"]
    assert speakers(quotes_of(text, off=frozenset({"comma_name"}))) != ["Amina Toure"]


def test_lower_case_words_after_a_closing_mark_carry_its_tag(quotes_of: Callable) -> None:
    """'"Out, X!" marchers shouted as ...': the parser ends the sentence at the mark, yet no
    sentence opens in lower case; the tag is the quotation's, even with a long sentence after."""
    text = (
        "Port owners met union leaders on Monday.\n"
        '"We will not go back to work!" the dockers vowed as talks with the port owners broke down '
        "for a third day."
    )
    assert speakers(quotes_of(text)) == ["the dockers"]
    assert speakers(quotes_of(text, off=frozenset({"split_tag"}))) == []


def test_a_name_with_a_person_in_apposition_is_a_person_for_she(quotes_of: Callable) -> None:
    """'X, a widow from the valley, told ...' makes X a person whatever the name's tag, so a
    later "she said" is hers, not an earlier man's."""
    text = (
        "Police detained a man named Piotr Sall on Friday.\n"
        "Marit Haugen-Strand, a widow from the valley, told the inquiry that the dam had cracked years ago.\n"
        'Later she said the owners "knew everything."'
    )
    assert speakers(quotes_of(text)) == ["Marit Haugen-Strand"]
    # untagged_sayer reads the same she from the saying right before it: both are left out
    assert speakers(quotes_of(text, off=frozenset({"apposed_person", "untagged_sayer"}))) != ["Marit Haugen-Strand"]


def test_an_opening_participle_is_not_the_speaker(quotes_of: Callable) -> None:
    """'Visiting former minister, X, said ...': the participle the parser made the subject
    takes the person it governs, whose apposed name speaks."""
    text = "Visiting Norvish fisheries chief, Oskar Lindqvist, told reporters in Dunmore that the herring quota would not change."
    assert speakers(quotes_of(text), "indirect") == ["Oskar Lindqvist"]
    assert speakers(quotes_of(text, off=frozenset({"participle_opener"})), "indirect") == ["Visiting"]


def test_a_capitalised_participle_with_a_phrase_of_its_own_is_no_name() -> None:
    """'Greeted at the quay by X, the bishop said': with two subjects, a first word with no
    entity tag and a preposition of its own gives way to the subject after the comma (the parse
    is built by hand, as the model parses this sentence either way)."""
    import spacy
    from spacy.tokens import Doc

    from bot.extract.quotes import _subject_of

    words = ["Greeted", "at", "the", "quay", "by", "Ilse", "Varga", ",", "the", "bishop", "said", "it",
             "was", "calm", "."]
    heads = [10, 0, 3, 1, 3, 6, 4, 10, 9, 10, 10, 12, 10, 12, 10]
    deps = ["nsubj", "prep", "det", "pobj", "prep", "compound", "pobj", "punct", "det", "nsubj", "ROOT",
            "nsubj", "ccomp", "acomp", "punct"]
    pos = ["PROPN", "ADP", "DET", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "PRON",
           "AUX", "ADJ", "PUNCT"]
    tags = ["NNP", "IN", "DT", "NN", "IN", "NNP", "NNP", ",", "DT", "NN", "VBD", "PRP", "VBD", "JJ", "."]
    ents = ["O"] * 5 + ["B-PERSON", "I-PERSON"] + ["O"] * 8
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
              sent_starts=[True] + [False] * 14, ents=ents)
    unquoted = [False] * len(doc)
    assert _subject_of(doc[10], unquoted).text == "bishop"
    assert _subject_of(doc[10], unquoted, off=frozenset({"participle_opener"})).text == "Greeted"


def test_a_quoted_title_before_a_name_is_no_quotation_and_the_name_speaks(quotes_of: Callable) -> None:
    """'Self-styled "harbour governor" X warned ...': the marks hold a title in doubt, not speech; the
    speaker is the name after it."""
    text = ('Self-styled "harbour governor" Anton Sulu warned the traders on Sunday that the levy would '
            '"double by winter."\n'
            '"The bridge stays ours until the thaw," he added.')
    got = [(q.speaker, q.text) for q in quotes_of(text) if q.kind == "direct"]
    assert got == [("Anton Sulu", "double by winter."),
                   ("Anton Sulu", "The bridge stays ours until the thaw,")]
    without = quotes_of(text, off=frozenset({"quoted_title"}))
    assert "harbour governor" in [q.text for q in without if q.kind == "direct"]


def test_a_name_after_a_subjectless_tag_speaks(quotes_of: Callable) -> None:
    """'"...," said on Thursday X, the fire chief': the tag after the closing mark has no subject in
    the parse; the first person named in it speaks, and the words after it are no reported clause."""
    text = '"Every pump in the valley is running," said on Thursday Edvin Holt, the fire chief.'
    got = quotes_of(text)
    assert speakers(got) == ["Edvin Holt"]
    assert not any("Edvin Holt" in q.text for q in got)
    assert speakers(quotes_of(text, off=frozenset({"inverted_tag"}))) == []


def test_a_name_apposed_to_a_capitalised_title_speaks(quotes_of: Callable) -> None:
    """'Norvish Secretary of State for Fisheries, X, warned': the title is capitalised (a proper
    noun to the parser) and the name apposed to it speaks, not an earlier holder of a title."""
    text = ('"No trawler was checked in the whole season," said Ilse Marrow, head of the Vantish harbour board.\n'
            "Norvish Secretary of State for Fisheries, Tomasz Wendt, warned shipowners on Friday that the "
            'channel "will silt up by March."')
    assert speakers(quotes_of(text)) == ["Ilse Marrow", "Tomasz Wendt"]
    assert speakers(quotes_of(text, off=frozenset({"apposed_to_title"}))) == ["Ilse Marrow", "Secretary"]


def test_the_company_refers_back_to_the_organisation_that_was_a_subject(quotes_of: Callable) -> None:
    """'Kellan Pumps Inc. blamed ... "...", the company said': the organisation named as a
    main clause's subject is what "the company" refers back to, though it did not speak before."""
    text = ("Kellan Pumps Inc. blamed dearer steel for a steep slide in its autumn earnings.\n"
            'Its new valve line remains "a bright spot", the company said in a filing.')
    assert speakers(quotes_of(text)) == ["Kellan Pumps Inc."]
    assert speakers(quotes_of(text, off=frozenset({"organisation_subject"}))) == ["the company"]


def test_a_kind_noun_the_tagger_misread_still_refers_back(quotes_of: Callable) -> None:
    """'The Commission noted', 'the daily wrote' tagged as a proper noun or an adjective still
    refer back to the ministry or daily named before."""
    ministry = ("The Harbour Ministry of Velmar announced new fees on Monday.\n"
                '"The fees will fund the new quay," The Ministry said.')
    assert speakers(quotes_of(ministry)) == ["The Harbour Ministry of Velmar"]
    assert speakers(quotes_of(ministry, off=frozenset({"kind_mistagged"}))) == ["Ministry"]
    daily = ("The Dunmore Post daily reported on Friday that the quay will close.\n"
             '"Ferries will run again in May," the daily reported, quoting a harbour clerk.')
    assert speakers(quotes_of(daily)) == ["Dunmore Post"]
    assert speakers(quotes_of(daily, off=frozenset({"kind_mistagged"}))) == ["the daily"]


def test_a_persons_office_speaks_as_the_office(quotes_of: Callable) -> None:
    """'..., Lundqvist's office said': the office speaks for her, with her full name, and is not
    the minister herself."""
    text = ("Harbour Minister Eva Lundqvist fell ill on a visit to Velmar last week.\n"
            "The fever \"came on without warning\", Lundqvist's office said on Tuesday.")
    assert speakers(quotes_of(text)) == ["Eva Lundqvist's office"]
    assert speakers(quotes_of(text, off=frozenset({"owned_body"}))) == ["Eva Lundqvist"]


def test_chanting_and_echoing_carry_a_quotation(quotes_of: Callable) -> None:
    """"chant" and "echo" are verbs that may carry a quotation, as "shout" is."""
    crowd = '"We want our wages," the miners chanted outside the pit gate in Dunmore.'
    assert [q.speaker for q in quotes_of(crowd) if q.kind == "direct"] == ["the miners"]
    papers = ('The Velmar Courier called the new toll "a tax on the poor."\n'
              '"The toll will empty the valley," the Dunmore Herald echoed.')
    assert [q.speaker for q in quotes_of(papers) if q.kind == "direct"] == ["Velmar Courier", "Dunmore Herald"]


def test_an_unexplained_it_is_the_body_governing_it(quotes_of: Callable) -> None:
    """'The Authority suspended routes for what it described as "..."': no earlier speaker explains
    "it", so the subject of the verb above it, a body that can speak, is who describes."""
    text = ('The Velmar Transit Authority suspended two bus routes for what it described as '
            '"repeated safety lapses" by the operator.')
    assert speakers(quotes_of(text)) == ["The Velmar Transit Authority"]
    assert speakers(quotes_of(text, off=frozenset({"governing_subject"}))) == []
