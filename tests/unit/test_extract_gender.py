"""Gender read only from gendered titles in the text, by surname."""

from __future__ import annotations

import pytest

from bot.extract.gender import gender_of, surname_genders
from bot.extract.nlp import get_nlp

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def genders():
    nlp = get_nlp()
    return lambda text: surname_genders(nlp(text))


def test_gendered_titles_give_the_surname_a_gender(genders):
    """"Mrs" and "King" before a name mark that surname, and a full name finds it."""
    found = genders("Mrs Ilse Brandt met King Omar Saleh in Oslo. Brandt said the talks went well.")
    assert gender_of("Ilse Brandt", found) == "f"
    assert gender_of("Omar Saleh", found) == "m"


def test_an_untitled_or_unknown_person_has_no_gender(genders):
    """No title means no guess: names alone never give a gender."""
    found = genders("President Ilse Brandt met Omar Saleh in Oslo.")
    assert gender_of("Ilse Brandt", found) == ""
    assert gender_of("Omar Saleh", found) == ""
    assert gender_of("", found) == ""


def test_two_people_sharing_a_surname_with_different_titles_get_none(genders):
    """"Mr Brandt" and "Mrs Brandt" in one text leave the surname without a gender."""
    found = genders("Mr Karl Brandt and Mrs Ilse Brandt arrived in Oslo.")
    assert gender_of("Karl Brandt", found) == ""
