"""Tests for bot.extract.text.find_quote_spans: pairing quotation marks, even misplaced ones."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.extract.text import clean_text, find_quote_spans


def quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


def test_balanced_quotes_split_around_speech_tag_give_two_spans() -> None:
    """'"A," she said, "B."' gives the two quoted parts, marks and outer spaces excluded."""
    text = '"The talks were useful," she said, "and we will meet again."'
    assert quoted(text) == ["The talks were useful,", "and we will meet again."]


def test_fragment_inside_running_text() -> None:
    """A short fragment in the middle of a sentence is one span."""
    text = 'The envoy called the visit "a turning point" for the region.'
    assert quoted(text) == ["a turning point"]


def test_closing_mark_spaced_like_an_opener_still_closes() -> None:
    """Machine-translated '..., "Minister Ito said' is read as a closing mark, not a new quote."""
    text = '"We expect a deal by spring, "Minister Ito said on Friday.'
    assert quoted(text) == ["We expect a deal by spring,"]


def test_stray_spaces_inside_marks_are_trimmed() -> None:
    """'" words . "' keeps only the words between the marks."""
    text = 'She said the aim was " to listen and to learn. "'
    assert quoted(text) == ["to listen and to learn."]


def test_mark_misplaced_before_speech_tag_recovers_three_spans() -> None:
    """'"A," B, "he said. C. "': the tag's opener is really a closer; B and C are quoted too."""
    text = (
        '"We will try first," but then we will see what the other side offers, '
        '"he said. Perhaps it takes longer. "'
    )
    assert quoted(text) == [
        "We will try first,",
        "but then we will see what the other side offers,",
        "Perhaps it takes longer.",
    ]
    assert [s.repaired for s in find_quote_spans(text)] == [False, True, True]


def test_missing_closing_mark_at_sentence_end_does_not_swallow_next_quote() -> None:
    """'"A. B. "C."' (first quote never closed) gives A. B. and C as separate spans."""
    text = 'The mayor said: "It went well. We agreed a lot. "I look forward to the next round."'
    assert quoted(text) == ["It went well. We agreed a lot.", "I look forward to the next round."]


def test_unclosed_quote_ends_at_paragraph_end_and_next_paragraph_continues() -> None:
    """A quote left open at a paragraph end closes there; the next paragraph's is a continuation."""
    text = (
        '"We are making progress on trade, but not yet on security.\n'
        '"That will take more time," he said.\n'
        'Other business followed "as usual".'
    )
    spans = find_quote_spans(text)
    assert quoted(text) == [
        "We are making progress on trade, but not yet on security.",
        "That will take more time,",
        "as usual",
    ]
    assert [s.closed for s in spans] == [False, True, True]
    assert [s.continues_previous for s in spans] == [False, True, False]
    assert [s.paragraph for s in spans] == [0, 1, 2]


def test_unbalanced_mark_does_not_lose_other_quotes_of_paragraph() -> None:
    """One stray mark in a paragraph leaves the other quotations of that paragraph intact."""
    text = 'He called it "historic" and "long overdue", then left. The 5" screen was "fine".'
    found = quoted(text)
    assert "historic" in found
    assert "long overdue" in found


def test_orphan_closing_mark_quotes_back_to_sentence_start() -> None:
    """A closer with no opener quotes from the start of its sentence."""
    text = 'Officials met. We will not give up." The meeting ended.'
    assert quoted(text) == ["We will not give up."]


def test_marks_without_words_are_ignored() -> None:
    """Empty or punctuation-only quotations give no span."""
    assert quoted('He said "" and " , " then stopped.') == []


def test_curly_marks_work_after_clean_text() -> None:
    """Curly marks straightened by clean_text pair the same way, at the same offsets."""
    raw = "\u201cWe agree,\u201d he said."
    spans = find_quote_spans(clean_text(raw))
    assert [raw[s.start : s.end] for s in spans] == ["We agree,"]


@given(st.text(alphabet='ab .,"\n', max_size=200))
def test_spans_are_inside_text_ordered_and_disjoint(text: str) -> None:
    """For any text the spans lie inside it, are ordered, do not overlap and hold words."""
    spans = find_quote_spans(text)
    last = 0
    for span in spans:
        assert last <= span.start < span.end <= len(text)
        assert any(c.isalnum() for c in text[span.start : span.end])
        last = span.end


@pytest.mark.timeout(60)  # quadratic pairing would hang here; speed itself is for `make bench`
def test_never_closing_quote_in_one_megabyte_is_bounded() -> None:
    """A 1 MB paragraph with a quote that never closes gives one open span, not a hang."""
    text = '"' + "word and more words, " * 50_000
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert not spans[0].closed


@pytest.mark.timeout(60)
def test_many_marks_without_punctuation_are_bounded() -> None:
    """Thousands of marks in text with no sentence punctuation do not explode."""
    text = 'x "y z' * 20_000
    spans = find_quote_spans(text)
    assert len(spans) <= text.count('"')
    assert spans


def test_quote_later_in_paragraph_after_open_one_is_not_a_continuation() -> None:
    """After a paragraph left open, a quote that starts mid-paragraph is not its continuation."""
    text = '"We are ready to sign today.\nThe envoy later called it "a first step".'
    spans = find_quote_spans(text)
    assert [s.continues_previous for s in spans] == [False, False]


def test_lost_opening_mark_before_speech_tag() -> None:
    """'We will win, "he said.' (opener lost) quotes from the sentence start to the mark."""
    text = 'Talks ended late. We will win this, "he said. Then he left.'
    assert quoted(text) == ["We will win this,"]


def test_misplaced_mark_before_tag_with_more_quotes_after() -> None:
    """The speech-tag repair also works when further balanced quotes follow in the paragraph."""
    text = '"First part," second part, "she said. Third part. " Later she called it "a fair deal".'
    assert quoted(text) == ["First part,", "second part,", "Third part.", "a fair deal"]


def test_quote_starting_with_name_and_verb_is_a_real_quote() -> None:
    """'"He said no," she recalled' and 'She said, "Ilse told me ..."' are ordinary quotes."""
    assert quoted('"He said no," she recalled. "Then he left."') == [
        "He said no,",
        "Then he left.",
    ]
    assert quoted('Pompa said, "Ilse told me everything." Then he left.') == [
        "Ilse told me everything."
    ]
