"""Meeting rules switchable by name: the registry matches the code, and switching a rule off works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.extract import meeting_rules
from bot.extract.location import CLAUSE_SOURCES
from bot.extract.meeting_rules import (
    MEETING_RULES,
    all_rules,
    rule_on,
    rules_asked,
    rules_off,
    trigger_rule,
)

RULE_SOURCES = "".join(Path(meeting_rules.__file__).with_name(name).read_text(encoding="utf-8")
                       for name in ("meetings.py", "location.py", "status.py", "dates.py", "coref.py",
                                    "entities.py"))


def test_every_named_rule_is_asked_for_in_the_code_and_every_asked_rule_is_named() -> None:
    """The registry names the same rules as the rule_on("...") calls in meetings.py, location.py,
    status.py, dates.py, coref.py and entities.py together with the place sources location.py asks by name.
    """
    asked = set(re.findall(r'rule_on\("([a-z_]+)"\)', RULE_SOURCES))
    asked |= {name for name, _ in CLAUSE_SOURCES}
    assert asked == set(MEETING_RULES)


def test_every_trigger_word_is_a_rule() -> None:
    """Each trigger verb and noun of the lexicon can be switched off by its own name."""
    names = set(all_rules())
    assert {trigger_rule("meet"), trigger_rule("summit"), trigger_rule("visit")} <= names
    assert len(names) == len(all_rules())  # no name twice


def test_rules_are_on_unless_switched_off_and_come_back_after() -> None:
    """rules_off is scoped to its block, nested blocks add up, and the default is all on."""
    assert rule_on("planned_modal")
    with rules_off(frozenset({"planned_modal"})):
        assert not rule_on("planned_modal")
        with rules_off(frozenset({"noun_between"})):
            assert not rule_on("planned_modal")
            assert not rule_on("noun_between")
        assert rule_on("noun_between")
    assert rule_on("planned_modal")


def test_an_unknown_rule_name_is_an_error() -> None:
    """A misspelt rule is refused rather than silently measuring nothing."""
    with pytest.raises(ValueError, match="unknown meeting rules: plannned_modal"):
        with rules_off(frozenset({"plannned_modal"})):
            pass


def test_rules_asked_records_only_inside_its_block() -> None:
    """Every name asked inside the block is recorded, whether on or off; outside, nothing is."""
    rule_on("noun_between")
    with rules_asked() as asked, rules_off(frozenset({"planned_modal"})):
        rule_on("planned_modal")
        rule_on("noun_between")
    rule_on("the_two_pair")
    assert asked == {"planned_modal", "noun_between"}


@pytest.mark.slow
def test_a_text_asks_about_the_rules_that_can_change_its_meetings(meetings_in) -> None:
    """A plain "will meet" sentence asks about the "meet" trigger and the modal status rule, never
    about the "summit" trigger, which nothing in it matches."""
    with rules_asked() as asked:
        meetings_in("Minister Olga Berg will meet Governor Ann Lutz in Oslo.")
    assert {trigger_rule("meet"), "planned_modal"} <= asked
    assert trigger_rule("summit") not in asked


@pytest.mark.slow
def test_switching_off_a_trigger_word_drops_its_meetings(meetings_in) -> None:
    """"trigger:meet" off leaves the verb "met" unread, the noun trigger still read."""
    text = ("Minister Olga Berg met Governor Ann Lutz in Oslo on Monday.\n"
            "Senator Tom Reed held talks with Mayor Carl Brandt in Bergen.")
    parties = {frozenset(m.participants) for m in meetings_in(text)}
    assert parties == {frozenset({"Olga Berg", "Ann Lutz"}), frozenset({"Tom Reed", "Carl Brandt"})}
    without = {frozenset(m.participants) for m in meetings_in(text, off=frozenset({"trigger:meet"}))}
    assert without == {frozenset({"Tom Reed", "Carl Brandt"})}


@pytest.mark.slow
def test_switching_off_a_status_rule_changes_only_the_status(meetings_in) -> None:
    """"planned_modal" off turns "will meet" from planned into the tense default."""
    text = "Minister Olga Berg will meet Governor Ann Lutz in Oslo."
    assert [m.status for m in meetings_in(text)] == ["planned"]
    assert [m.status for m in meetings_in(text, off=frozenset({"planned_modal"}))] == ["happened"]


@pytest.mark.slow
def test_a_body_summit_and_a_meeting_of_its_ministers_stay_two_events(meetings_in) -> None:
    """"the NORDA summit" and "NORDA farm ministers met": the group's phrase holds the body's name,
    but a summit and a ministers' meeting are two gatherings; with the rule off they merge.
    """
    text = ("The tariff row overshadowed the NORDA summit in Valmora on Friday. "
            "On Monday, NORDA farm ministers met in Tarn but failed to agree.")
    parties = sorted(m.participants for m in meetings_in(text))
    assert parties == [("NORDA",), ("NORDA farm ministers",)]
    merged = meetings_in(text, off=frozenset({"body_not_its_members"}))
    assert [m.participants for m in merged] == [("NORDA farm ministers",)]



def test_a_surname_with_and_without_its_particle_is_one_party() -> None:
    """"Rafiq Al-Tamimi" and later "Tamimi" are one person when events merge; with the rule off the
    short name is no part of the long one.
    """
    from bot.extract.meetings import _same_person

    assert _same_person("Tamimi", "Rafiq Al-Tamimi")
    assert not _same_person("Tamimi", "Rafiq Al-Hadi")
    with rules_off(frozenset({"surname_without_particle"})):
        assert not _same_person("Tamimi", "Rafiq Al-Tamimi")
