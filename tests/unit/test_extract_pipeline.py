"""The extractor end to end, and bad input: bounded, no crash, reasons in `notes`."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.extract.pipeline import EXTRACTOR_VERSION, Extractor

pytestmark = pytest.mark.slow

PUBLISHED = datetime(2021, 3, 10, 12, tzinfo=UTC)

ARTICLE = (
    "Foreign Secretary Anna Lind arrived in Oslo on Monday and is expected to hold a meeting "
    "with Prime Minister Erik Dahl there.\n"
    '"We want a clear plan," Lind told reporters. She said the talks would cover fishing rights.'
)


@pytest.fixture(scope="module")
def extractor():
    return Extractor(max_chars=20_000)


def test_an_article_gives_meetings_trips_people_places_and_the_version(extractor):
    """An article gives meetings, the trip, people, places with countries, the version, no notes."""
    result = extractor.extract("a1", "Lind arrives in Oslo", ARTICLE, PUBLISHED)
    assert result.article_id == "a1"
    assert result.extractor_version == EXTRACTOR_VERSION
    assert {m.participants for m in result.meetings} >= {("Anna Lind", "Erik Dahl")}
    assert any(t.traveller == "Anna Lind" for t in result.trips)
    assert {"Anna Lind", "Erik Dahl"} <= {p.name for p in result.people}
    assert "Norway" in {p.country for p in result.places}
    assert result.notes == ()


def test_evidence_is_cut_from_the_original_text(extractor):
    """Each meeting's evidence is an exact slice of the original text, curly quotes included."""
    text = ARTICLE.replace('"We want a clear plan,"', "\u201cWe want a clear plan,\u201d")
    result = extractor.extract("a1", None, text, PUBLISHED)
    assert result.meetings
    assert all(m.evidence in text for m in result.meetings)


def test_a_headline_repeated_as_the_first_line_is_read_once(extractor):
    """A headline repeated as the body's first line does not give the meeting twice."""
    title = "Lind arrives in Oslo to meet Dahl"
    result = extractor.extract("a1", title, f"{title}\n\n{ARTICLE}", PUBLISHED)
    pairs = [m for m in result.meetings if set(m.participants) == {"Anna Lind", "Erik Dahl"}]
    assert len(pairs) == 1


def test_extract_many_keeps_input_order_across_batches(extractor):
    """extract_many gives one result per item, in input order across batches, empty texts too."""
    items = [(f"id{i}", None, ARTICLE if i % 2 else "", PUBLISHED) for i in range(11)]
    results = list(Extractor(batch_size=3, nlp=extractor.nlp).extract_many(items))
    assert [r.article_id for r in results] == [f"id{i}" for i in range(11)]
    assert all(r.meetings for r in results[1::2])


def test_empty_text_is_an_empty_result_with_a_reason(extractor, caplog):
    """Blank text gives an empty result with the note "empty text", which is also logged."""
    with caplog.at_level(logging.INFO, logger="bot.extract.pipeline"):
        result = extractor.extract("e", None, "   \n ", PUBLISHED)
    assert result.meetings == ()
    assert result.quotes == ()
    assert result.notes == ("empty text",)
    assert "empty text" in caplog.text


def test_a_huge_article_is_truncated_with_a_note(extractor):
    """An article of about 1 MB is truncated with a note and still gives meetings."""
    text = (ARTICLE + "\n") * 5_000  # about 1 MB
    result = extractor.extract("big", None, text, PUBLISHED)
    assert any("truncated" in note for note in result.notes)
    assert result.meetings


def test_non_english_text_is_skipped_with_a_note(extractor):
    """German and Russian texts give no meetings and a note that the text is not English."""
    text = "Der Außenminister traf sich am Montag mit seinem Amtskollegen in Berlin. " * 5
    result = extractor.extract("de", None, text, PUBLISHED)
    assert result.meetings == ()
    assert any("English" in note for note in result.notes)
    cyrillic = "Министр встретился с коллегой в Москве в понедельник. " * 5
    assert any("English" in n for n in extractor.extract("ru", None, cyrillic, PUBLISHED).notes)


def test_text_without_punctuation_is_handled(extractor):
    """A long run-on text with no punctuation gives a result carrying a "skipped" note."""
    words = ("the minister met officials in the capital and said talks would continue " * 400).split()
    result = extractor.extract("run-on", None, " ".join(words), PUBLISHED)
    assert result.article_id == "run-on"
    assert any("skipped" in note for note in result.notes)


def test_an_unclosed_quote_does_not_lose_the_meeting(extractor):
    """A quotation left open does not swallow the meeting told on the next line."""
    text = 'Lind said: "We will see.\nPrime Minister Erik Dahl met Foreign Secretary Anna Lind in Oslo.'
    result = extractor.extract("q", None, text, PUBLISHED)
    assert any(set(m.participants) == {"Erik Dahl", "Anna Lind"} for m in result.meetings)


def test_odd_unicode_does_not_crash(extractor):
    """Accents, a combining mark, a zero-width space and an emoji give a result without raising."""
    text = "Pr\u00e9sident Jos\u00e9 \u00d1u\u00f1ez met \u200bMinister Zo\u00eb \u0141ukasz\u0301 in Krak\u00f3w \U0001f600 on Monday."
    result = extractor.extract("u", None, text, PUBLISHED)
    assert result.article_id == "u"


def test_wrong_types_become_notes_not_exceptions(extractor):
    """A non-string title, a missing text and a string date become notes, not exceptions."""
    result = extractor.extract("w", 42, None, "yesterday")  # type: ignore[arg-type]
    assert "empty text" in result.notes
    assert any("title" in n for n in result.notes)
    assert any("published" in n for n in result.notes)


def test_bad_settings_are_refused():
    """A batch size below 1 and max_chars below 100 are refused with a ValueError saying so."""
    with pytest.raises(ValueError, match="batch_size must be at least 1"):
        Extractor(batch_size=0)
    with pytest.raises(ValueError, match="max_chars must be at least 100"):
        Extractor(max_chars=10)

_NEWSY = st.lists(
    st.sampled_from([
        "Minister Anna Lind", "met", "will meet", "talks with", "in Oslo", "on Monday", ",", ".",
        '"', "he said", "\u201c", "\u2019s", "\n", "visit to", "Kim Jong-un", "the", "\u00e9t\u00e9",
        "\U0001f600", "\u200b", "-", "summit between", "and", "President", "(Reuters)",
    ]),
    max_size=60,
).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(max_size=400), _NEWSY))
def test_any_text_gives_an_extraction_and_never_raises(extractor, text):
    """Any text, random or news-like, gives a result; each meeting has parties and a known status.
    """
    result = extractor.extract("h", None, text, PUBLISHED)
    assert result.article_id == "h"
    for meeting in result.meetings:
        assert meeting.participants
        assert meeting.status in ("happened", "planned", "reported-past")
