"""Quotes as briefings show them: no dangling comma from "…," he said, cut at a word."""

from __future__ import annotations

import pytest

from bot.briefings.views import quote_text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("We will keep talking,", "We will keep talking"),  # the comma before "she said"
        ("  The door stays open:  ", "The door stays open"),
        ("Talks went well.", "Talks went well."),  # a full stop is the speaker's and stays
        ("Is this the end?", "Is this the end?"),
    ],
)
def test_the_reporting_comma_is_dropped_and_end_marks_kept(raw, shown):
    """Only the punctuation news prose puts before the reporting clause is removed."""
    assert quote_text(raw) == shown


def test_long_quotes_are_cut_at_a_word_within_the_limit():
    """A long quote ends with "..." after a whole word, and never exceeds the limit."""
    raw = "the delegations agreed to meet again, " * 20
    shown = quote_text(raw, limit=60)
    assert len(shown) <= 60
    assert shown.endswith("...")
    assert raw.startswith(shown[:-3])
    assert not shown[:-3].endswith((" ", ","))


def test_the_briefing_templates_use_it():
    """The rendered direct quote carries no trailing comma inside the quotation marks."""
    from bot.briefings.render import environment

    html = environment().from_string('{{ "We will be back," | quoted(280) }}').render()
    assert html == "We will be back"
