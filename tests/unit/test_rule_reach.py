"""`python -m bench.reach`: the records each rule changes on unlabelled items, counted per sentence."""

from __future__ import annotations

import json

import pytest

from bench import reach
from bot.extract.meeting_rules import trigger_rule

ITEMS = [
    {"id": "a", "title": "Talks in Oslo", "published": "2031-03-04T09:00:00Z",
     "text": "Minister Olga Berg met Governor Ann Lutz in Oslo on Monday. "
             "She will meet Mayor Carl Brandt in Bergen next week."},
    {"id": "b", "title": "Harvest report", "published": "2031-03-04T09:00:00Z",
     "text": "Farmers in the valley brought in a record barley harvest this autumn, the co-operative "
             "reported."},
]


def test_the_asking_set_is_empty_and_records_what_is_asked() -> None:
    """The quote layer's switched-off set reads as empty while it records each family asked about."""
    off = reach._AskedFamilies()
    assert "typed_marks" not in off
    assert not off
    assert off.asked == {"typed_marks"}


@pytest.mark.slow
def test_a_trigger_word_reaches_the_meetings_it_reads() -> None:
    """Switching "meet" off removes both meetings of item a: two records in two sentences of one
    article; the harvest report asks about no trigger at all."""
    meetings, _quotes = reach.measure(ITEMS)
    meet = meetings[trigger_rule("meet")].row()
    assert meet == {"asked_in": 1, "records": 2, "sentences": 2, "articles": 1}
    assert meetings[trigger_rule("summit")].row()["records"] == 0


@pytest.mark.slow
def test_a_run_reads_items_and_lists_the_rules_without_reach(tmp_path, capsys) -> None:
    """A run reads a JSONL file of items, prints one line per rule, and its figures list as
    without reach the rules that changed nothing."""
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(item) + "\n" for item in ITEMS), encoding="utf-8")
    figures = reach.run(["--items", str(path)])
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "2 items"
    assert any(line.startswith(trigger_rule("meet")) for line in printed)
    assert figures["items"] == 2
    assert trigger_rule("summit") in figures["meetings"]["no_reach"]
    assert trigger_rule("meet") not in figures["meetings"]["no_reach"]


def test_a_missing_items_file_is_a_clear_error(tmp_path) -> None:
    """A wrong path stops with the path and what to do, not a traceback."""
    with pytest.raises(SystemExit, match="not found"):
        reach.run(["--items", str(tmp_path / "none.jsonl")])


@pytest.mark.slow
def test_the_measured_chain_gives_the_extractors_meetings() -> None:
    """The chain the ablation and the reach run, every rule on, mirrors the extractor: the same
    meetings, with a pronoun that speaks and a name completed by the people index."""
    from bench import chain
    from bot.clock import parse_published
    from bot.extract.pipeline import Extractor

    text = ("Foreign Minister Olga Berg arrived in Oslo on Monday. She met Governor Ann Lutz at the "
            "harbour office, and later told reporters the talks went well. Berg will see Mayor Carl "
            "Brandt in Bergen on Friday, she said.")
    extractor = Extractor()
    published = parse_published("2031-03-04T09:00:00Z")
    art = chain.parse(extractor, "x", "Berg in Oslo", text, published)
    assert art is not None
    expected = extractor.extract("x", "Berg in Oslo", text, published).meetings
    assert expected
    assert tuple(chain.meetings(art)) == expected


@pytest.mark.slow
def test_a_meeting_rule_reaches_the_quotes_it_changes() -> None:
    """A people rule that changes only who a role phrase is ("his Varmish counterpart X", then
    "the Varmish minister said") counts the quote whose speaker it changes."""
    item = {"id": "c", "title": "Ferry treaty", "published": "2031-03-04T09:00:00Z",
            "text": "Foreign Minister Oskar Pellan met his Varmish counterpart Ilse Torvald in Brisk "
                    "on Tuesday.\nThe Varmish minister said the ferry treaty was close."}
    meetings, _quotes = reach.measure([item])
    assert meetings["counterpart_holds_the_role"].row()["records"] == 2  # one speaker out, one in
