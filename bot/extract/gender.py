"""Gender only where the text states it: a gendered title ("Mrs Ferraro"), person noun ("the widow") or pronoun (he, she).

The quote reader sends he/she only to a person the text allows; one list of gendered titles
(lexicon `[people]`) serves it and the people index.
"""

from __future__ import annotations

from typing import Any

from bot.extract.lexicon import words
from bot.extract.syntax import columns, tokens

MALE, FEMALE = "m", "f"
_TITLES = {
    **dict.fromkeys(words("people", "male_titles"), MALE),
    **dict.fromkeys(words("people", "female_titles"), FEMALE),
}
_NOUNS = {
    **dict.fromkeys(words("people", "male_person_nouns"), MALE),
    **dict.fromkeys(words("people", "female_person_nouns"), FEMALE),
}


def _surname(text: str) -> str:
    return text[:-2] if text.endswith(("'s", "\u2019s")) else text


def surname_genders(doc: Any) -> dict[str, str]:
    """Surname → "m" / "f" for the people a gendered title introduces; "?" when two disagree."""
    genders: dict[str, str] = {}
    n = len(doc)
    toks, pos = tokens(doc), columns(doc)["POS"]
    propn = doc.vocab.strings["PROPN"]
    # a title counts only right before a proper noun: the other words are not looked up
    for t in [toks[i] for i in range(n - 1) if pos[i + 1] == propn]:
        gender = _TITLES.get(t.lower_.rstrip("."))
        if gender:
            j = t.i + 1
            while j + 1 < n and doc[j + 1].pos_ == "PROPN" and doc[j + 1].is_title:
                j += 1
            surname = _surname(doc[j].text)
            if genders.get(surname, gender) != gender:
                gender = "?"  # two people share the surname: say nothing
            genders[surname] = gender
    return genders


def gender_of(name: str, genders: dict[str, str]) -> str:
    """The person's gender by title: "m" or "f" when the text gave a gendered title, else ""."""
    parts = name.split()
    found = genders.get(parts[-1], "") if parts else ""
    return found if found in (MALE, FEMALE) else ""


_PRONOUNS = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE,
             "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}


def pronoun_gender(word: str) -> str:
    """"m" for he/him/his, "f" for she/her, "" for any other word."""
    return _PRONOUNS.get(word.lower(), "")


def noun_gender(lemma: str) -> str:
    """"m" for a person noun that states a man ("king", "spokesman"), "f" for a woman ("widow"),
    "" for any other word.
    """
    return _NOUNS.get(lemma.lower(), "")
