"""People with their roles and places with their countries, read from one parsed document.

Fixes the small model's usual slips with titles, a gazetteer and in-document name resolution
("Secretary of State Lind" tagged ORG is a person; "Lind" tagged GPE is the same person),
never with lists of particular people.
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from bot.extract.lexicon import table, words
from bot.extract.meeting_rules import rule_on
from bot.extract.syntax import columns, entities, span_text, tokens_with
from bot.models import Person, Place

if TYPE_CHECKING:  # spaCy is imported lazily at run time: importing it costs about a second
    from spacy.tokens import Doc

TITLE_WORDS = words("people", "title_words")
HONORIFICS = words("people", "honorifics")
HONORIFICS_PLAIN = frozenset(h.rstrip(".") for h in HONORIFICS)
_FEMALE = words("people", "female_titles")
ROLE_HEADS = words("people", "role_heads")
_ROLE_ABBREVIATIONS = table("role_abbreviations")
# "the pontiff" → the offices it may name, each as its set of words ({"pope"}, {"secretary", "general"})
ROLE_KINDS: dict[str, tuple[frozenset[str], ...]] = {
    word: tuple(frozenset(office.replace("-", " ").split()) for office in offices)
    for word, offices in table("role_kinds").items()
}
ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in table("role_synonyms").items()}
_HEAD_OFFICES = words("people", "head_offices")
_NATION_DETS = words("people", "nation_determiners")
_TITLE_GLUE = words("people", "title_glue")
# Title words proper, without the glue inside a title ("of", "the"): what may open an office's name.
_RANK_TITLES = TITLE_WORDS - _TITLE_GLUE
_RANKS = words("people", "rank_words")
_PAST_MARKERS = words("people", "past_markers")
_NAME_PARTICLES = words("people", "name_particles")
_NAME_RE = re.compile(r"^[A-Z\u00C0-\u024F][\w\u00C0-\u024F'\u2019.-]*$")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def _is_name_token(tok: Any) -> bool:
    return (tok.pos_ == "PROPN" and bool(_NAME_RE.match(tok.text)) and not tok.is_stop
            and tok.text.lower() not in TITLE_WORDS and not _is_credit(tok.text))


def _clean_name(words: list[str]) -> str:
    text = " ".join(words)
    # a caption run into the next line or a counter ("Erik Dahl   1") is not part of a name
    text = re.split(r"\s{2,}|\n|\d", text)[0].strip(" ,.;:-\u2013\u2014")
    text = _POSSESSIVE.sub("", text) if text.endswith(("'s", "\u2019s", "'", "\u2019")) else text
    return _without_modifier_suffix(text) if rule_on("name_modifier_suffix") else text


def _without_modifier_suffix(text: str) -> str:
    """"Ivo Marek-led" → "Ivo Marek": a name hyphened to "-led", "-era", "-style" is a modifier of
    what follows it; with two words or more ("Ivo Marek", "Tosk-Marek") the person is still named, a
    lone word names nobody ("Tosk-era").
    """
    head, sep, suffix = text.rpartition("-")
    if not sep or suffix.lower() not in _NAME_MODIFIER_SUFFIXES:
        return text
    head = head.strip()
    return head if " " in head or "-" in head else ""  # "Tosk-Marek-led": a double-barrelled name


_NAME_MODIFIER_SUFFIXES = words("people", "name_modifier_suffixes")
_NON_PERSON_HEADS = words("people", "non_person_heads")
_ORGANISATION_HEADS = words("people", "organisation_heads")
_THING_HEADS = words("people", "thing_heads")


def _names_an_organisation(doc: Any, start: int, end: int) -> bool:
    """Capitalised words after a title that belong to an organisation or a compound title, not a
    name: "the State Department", "Chief of the General Staff", "Chief Election Commissioner".
    """
    if end <= start:
        return False
    if doc[end - 1].text.lower() in _ORGANISATION_HEADS:
        return True
    return end < len(doc) and doc[end].text.lower() in _RANK_TITLES


def _office_title_before(doc: Any, head: int) -> bool:
    """A title word of rank opens the phrase that ends in the office at `head` ("Chief of the
    Naval Staff", "Secretary of the Defence Council"): the name after it is the holder's.
    """
    for j in range(head - 1, max(-1, head - 6), -1):
        low = doc[j].text.lower()
        if low == "of":
            return j > 0 and doc[j - 1].text.lower() in _RANK_TITLES
        if not doc[j].text[:1].isupper() and low != "the":
            return False
    return False


def _names_a_thing(doc: Any, start: int, end: int) -> bool:
    """An untitled name ending in the head of an agreement, zone or gathering ("the Lisbon Pact")."""
    titled = start > 0 and doc[start - 1].text.lower() in _RANK_TITLES
    return end > start and not titled and doc[end - 1].text.lower() in _THING_HEADS


def _leading_function_words(doc: Any, start: int, end: int) -> int:
    """The first token of a PERSON span after sentence-initial function words ("Neither Lind")."""
    while start < end - 1 and doc[start].is_stop and doc[start].pos_ in ("DET", "CCONJ", "ADV", "PRON", "ADP"):
        start += 1
    return start


def particle_free(word: str) -> str:
    """"al-Assad" → "Assad": a surname joined to its particle is also written and tagged bare."""
    head, sep, rest = word.partition("-")
    if sep and head.lower() in _NAME_PARTICLES and rest[:1].isupper() and "-" not in rest:
        return rest
    return ""


def _particle_joined(word: str) -> bool:
    """"al-Muzini": a surname written with its lower-case particle is a name word all the same."""
    return rule_on("particle_surname_lower_case") and bool(particle_free(word))


def _particle_surname_of(part: str, words: list[str]) -> bool:
    """"Abu Karim" inside "Samir Adel Abu Karim": a surname opening with a particle ("Abu", "van",
    "bin") is the long name's own short form, not a second person run into a caption.
    """
    first = part.split()[0]
    if first.lower() not in _NAME_PARTICLES:
        return False
    return " ".join(words).endswith(part)


def _name_words(name: str) -> set[str]:
    """The words a shorter mention of this person may use: each word of the name, and with
    `particle_surname` on, a particle-joined surname without its particle ("Bashar al-Assad" is
    also "Assad"; news writes "al-Assad said" and "Assad said" alike).
    """
    found = set(name.split())
    if rule_on("particle_surname"):
        found |= {bare for w in found if (bare := particle_free(w))}
    if rule_on("capitalised_particle"):
        # a sentence opening with the surname capitalises its particle: "De Vries said"
        found |= {w.capitalize() for w in found if w in _NAME_PARTICLES}
    if rule_on("particle_surname_lower_case"):
        # and one joined to its surname: "Al-Muzini said" is "Osama al-Muzini"
        found |= {w[:1].upper() + w[1:] for w in found if particle_free(w) and w[:1].islower()}
    return found


@dataclass
class _Mention:
    start: int  # token index in the doc
    end: int
    name: str  # the name as written, titles removed
    role: str
    titles: frozenset[str] = frozenset()  # every title word before it, honorifics included
    nation: str = ""  # the nationality word before the title ("Chilean" in "Chilean President X")
    past: bool = False  # the title is a past one ("former President X")
    body: str = ""  # the organisation written right before the title ("IOC" in "IOC President X")


@dataclass
class PeopleIndex:
    """The people an article names, and how its shorter references map onto them."""

    people: list[Person] = field(default_factory=list)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, full name)
    _by_token: dict[str, list[str]] = field(default_factory=dict)
    _role_words: dict[str, set[str]] = field(default_factory=dict)  # full name → words of its titles
    _nations: dict[str, set[str]] = field(default_factory=dict)  # full name → nationality words
    _bodies: dict[str, set[str]] = field(default_factory=dict)  # full name → organisations before its titles
    _former: set[str] = field(default_factory=set)  # people titled only as "former president"
    _shared: dict[str, str] = field(default_factory=dict)  # a surname several share → its main holder

    def former(self, name: str) -> bool:
        """Whether the text titles this person only as a past holder ("former president X")."""
        return rule_on("former_holder_not_current") and name in self._former

    def resolve(self, mention: str, exclude: frozenset[str] = frozenset()) -> str | None:
        """The full name behind "Lind", "Ms. Lind", "the secretary"; None if unknown or ambiguous.

        `exclude` names people a role reference cannot be (the other parties of an event).
        """
        words = [w for w in re.findall(r"[\w\u00C0-\u024F'\u2019.-]+", mention)]
        words = [_POSSESSIVE.sub("", w) if w.endswith(("'s", "\u2019s")) else w for w in words]
        if not words:
            return None
        lowered = [w.lower().rstrip(".") for w in words]
        named = [w for w, lw in zip(words, lowered, strict=True) if lw not in TITLE_WORDS
                 and (w[:1].isupper() or _particle_joined(w))]
        last = _ROLE_ABBREVIATIONS.get(lowered[-1], lowered[-1])
        if named and lowered[0] in ("the", "a", "an") and last in ROLE_HEADS:
            named = []  # "the Pakistani president": a role with a qualifier, not a name
        elif named and last in ROLE_HEADS and all(
                any(w.lower() in ns for ns in self._nations.values()) for w in named[:-1]) and (
                len(named) == 1 or named[-1].lower().rstrip(".") in _ROLE_ABBREVIATIONS):
            named = []  # a headline's "Russian PM": nationality and office, no name
        if named:
            joined = " ".join(named)
            exact = [p.name for p in self.people if p.name == joined]
            if exact:
                return exact[0]
            candidates: set[str] | None = None
            for word in named:
                found = set(self._by_token.get(word.lower(), ()))
                candidates = found if candidates is None else candidates & found
            if candidates and len(candidates) == 1:
                return next(iter(candidates))
            return self._shared.get(" ".join(named)) if candidates else None
        holders = self.role_holders(mention, exclude)
        return holders[0] if len(holders) == 1 else None

    def role_holders(self, mention: str, exclude: frozenset[str] = frozenset()) -> list[str]:
        """Everyone a role reference ("the prime minister", "the Thai premier") may point to."""
        lowered = [_POSSESSIVE.sub("", w).lower().rstrip(".")
                   for w in re.findall(r"[\w\u00C0-\u024F'\u2019.-]+", mention)]
        if not lowered:
            return []
        head = _ROLE_ABBREVIATIONS.get(lowered[-1], lowered[-1])
        if head not in ROLE_HEADS:
            return []
        return self._role_holders(head, [w for w in lowered[:-1] if w not in _NATION_DETS], exclude)

    def _role_holders(self, head: str, qualifiers: list[str], exclude: frozenset[str]) -> list[str]:
        """The people holding the office `head` names, narrowed by nationality words.

        "the Russian premier" is the person titled prime minister or premier whose title
        follows "Russian"; "the Israeli leader" is the Israeli head of state or government.
        A nationality the mention gives must be the holder's; unknown is not enough.
        """
        if head == "leader":
            holders = [n for n, words in self._role_words.items() if words & _HEAD_OFFICES or head in words]
        else:
            holders = [n for n, words in self._role_words.items() if head in words]
        if not holders and rule_on("role_kind_holders"):
            holders = self._kind_holders(head, qualifiers)
        holders = [n for n in holders if n not in exclude]
        if not set(qualifiers) & _PAST_MARKERS:
            holders = [n for n in holders if not self.former(n)]  # "the president" is no former one
        nations = [q for q in qualifiers if any(q in ns for ns in self._nations.values())]
        if nations:
            holders = [n for n in holders if set(nations) <= self._nations.get(n, set())]
        offices = [q for q in qualifiers if q in TITLE_WORDS and q not in _TITLE_GLUE]
        # "the foreign minister" is not the deputy foreign minister: a rank word must be said
        holders = [n for n in holders if not (self._role_words[n] & _RANKS) - set(qualifiers)]
        if offices:
            # "the foreign minister" is never the prime minister: title words must all fit
            holders = [n for n in holders if set(offices) <= self._role_words[n]]
        elif qualifiers and len(holders) > 1:
            narrowed = [n for n in holders if set(qualifiers) & self._role_words[n]]
            holders = narrowed or holders
        return holders

    def _kind_holders(self, head: str, qualifiers: list[str]) -> list[str]:
        """"The pontiff", "the Ruritanian monarch", "the KFA chief": the people titled by an office
        the word may name, when every other word of the reference is their nationality, one of
        their title words or the organisation written before their title ("KFA president Olaf Brenn").
        """
        # WHY: "the police chief" is not the president named before; "the Ruritanian chief" may be
        return [n for n, words in self._role_words.items() if holds_kind(words, head) and all(
            q in words or q in self._nations.get(n, set()) or q in self._bodies.get(n, set()) for q in qualifiers)]

    def nations(self, name: str) -> frozenset[str]:
        """The nationality words the text writes before this person's titles ("chilean")."""
        return frozenset(self._nations.get(name, ()))

    def titled(self, name: str) -> bool:
        """Whether the text gives this person a title anywhere ("President", "Foreign Minister")."""
        return bool(self._role_words.get(name))

    def is_person(self, span_text: str) -> bool:
        """True when the text names (or unambiguously refers to) a person of this article."""
        return self.resolve(span_text) is not None

    def person_at(self, token_index: int) -> str | None:
        """The full name of the person mentioned at this token, if any."""
        for start, end, name in self.mentions:
            if start <= token_index < end:
                return name
        return None

    def last_people_before(self, token_index: int, count: int) -> list[str]:
        """The `count` distinct titled people mentioned most recently before this token, oldest first.

        Only people the text gives a title count: "the two men" are principals, and a title
        also tells a person from a name the model mistook for one.
        """
        found: list[str] = []
        for start, _end, name in reversed(self.mentions):
            if start < token_index and name not in found and name in self._role_words:
                found.append(name)
                if len(found) == count:
                    break
        return found[::-1]

    def last_person_before(self, token_index: int) -> str | None:
        """The person mentioned most recently before this token: the antecedent of he/she."""
        best = None
        for start, _end, name in self.mentions:
            if start < token_index:
                best = name
            else:
                break
        return best


def _title_before(doc: Any, start: int) -> tuple[int, str]:
    """The title words directly before a name: (first token index, title text)."""
    i = start - 1
    hyphened = rule_on("hyphened_title")
    while i >= 0:
        low = doc[i].text.lower()
        if low in TITLE_WORDS or low in _TITLE_GLUE or hyphened and _title_hyphen(doc, i, start):
            i -= 1
            continue
        opening = _title_complement_start(doc, i) if i == start - 1 and rule_on("title_complement") else -1
        if opening >= 0:
            i = opening  # "Ambassador to Vesk Tomas Brell": the title runs over its place, right before the name
            continue
        break
    first = i + 1
    while first < start and doc[first].text.lower() in _TITLE_GLUE:
        first += 1
    # "Secretary-General" is one title word, written without spaces around its hyphen
    words = str(doc[first:start].text).split() if hyphened else [t.text for t in doc[first:start]]
    while words and words[-1].lower() in _TITLE_GLUE:
        words.pop()
    kept = [w for i, w in enumerate(words) if w.lower().rstrip(".") not in HONORIFICS
            or (w.lower() == "lady" and i > 0 and words[i - 1].lower() == "first")]
    return first, " ".join(kept)


_COMPLEMENT_PREPS = words("people", "title_complement_preps")
_COMPLEMENT_WORDS = 4  # capitalised words a title's place or field may run to ("for the Middle East")


def _title_complement_start(doc: Any, i: int) -> int:
    """"Ambassador to Vesk", "Minister for Europe", "Director of Rail Safety" before a
    name: the index of the title word when the capitalised words ending at `i` are its
    complement (a place or a field after of/for/to), else -1.
    """
    j = i
    joined = 0  # "and" between two fields ("Minister for Water and Power") is not a word of the cap
    while j >= 0 and i - j - joined < _COMPLEMENT_WORDS and doc[j].lower_ not in _COMPLEMENT_PREPS and (
            doc[j].is_title or doc[j].is_upper or doc[j].lower_ == "the" or _joins_fields(doc, j, i)
    ) and doc[j].ent_type_ != "PERSON":
        joined += doc[j].lower_ == "and"
        j -= 1
    if 1 <= j < i and doc[j].lower_ in _COMPLEMENT_PREPS and doc[j - 1].lower_ in _RANK_TITLES:
        return j - 1
    return -1


def _joins_fields(doc: Any, j: int, i: int) -> bool:
    """"and" between two capitalised fields of one title's complement ("for Water and Power")."""
    return (doc[j].lower_ == "and" and 0 < j < i and doc[j - 1].is_title and doc[j + 1].is_title
            and rule_on("title_complement_and"))


def _title_hyphen(doc: Any, i: int, start: int) -> bool:
    """The hyphen inside "Secretary-General" or "vice-president": between two title words, no spaces."""
    # WHY: the tokenizer splits the compound, and the title read back from the name stopped at
    # the hyphen: "Vice-President Ana Tosk" was "President Ana Tosk", "the president" of the text
    return (doc[i].text == "-" and 0 < i < start - 1 and not doc[i - 1].whitespace_ and not doc[i].whitespace_
            and doc[i - 1].lower_ in _RANK_TITLES and doc[i + 1].lower_ in _RANK_TITLES)


def title_terms(role: str) -> set[str]:
    """The lower-case words of a title, a hyphened one also by its parts ("vice-president": vice, president)."""
    terms = {w.lower().rstrip(".") for w in role.split()}
    if rule_on("hyphened_title"):
        terms |= {part for w in terms if "-" in w for part in w.split("-") if part}
    return terms


def _past_title(doc: Any, first: int, start: int) -> bool:
    """A title marked as held no longer: "former President X", "the late King X", "ex-premier X"."""
    if first >= start:
        return False
    before = [t.lower_ for t in doc[max(0, first - 2) : first] if t.text != "-"]
    return bool(before) and before[-1] in _PAST_MARKERS


def _nation_before(doc: Doc, first: int) -> str:
    """The nationality word right before a title: "Chilean" (NORP) or "Chile" in "Chile's"."""
    i = first - 1
    if i >= 1 and doc[i].text in ("'s", "\u2019s"):
        i -= 1
    if i < 0 or not doc[i].text[:1].isupper():
        return ""
    if doc[i].ent_type_ not in ("NORP", "GPE") and not (doc[i].pos_ == "ADJ" and doc[i].ent_type_ == "PERSON"):
        return ""  # a nationality the model folded into the person's name counts too
    return doc[i].text.lower()


def _body_before(doc: Any, first: int) -> str:
    """The organisation named right before a title: "IOC" in "IOC President X", "(CII) president X"."""
    i = first - 1
    if i >= 1 and doc[i].text == ")":
        i -= 1
    if i < 0 or not doc[i].is_alpha:
        return ""
    tok = doc[i]
    return tok.lower_ if tok.ent_type_ == "ORG" or len(tok.text) >= 2 and tok.text.isupper() else ""


def _person_spans(doc: Any) -> list[tuple[int, int]]:
    """Token spans that name a person: PERSON entities plus names right after a title."""
    spans: list[tuple[int, int]] = []
    taken: set[int] = set()
    things: set[str] = set()
    for ent in entities(doc):
        if ent.label_ != "PERSON":
            continue
        start, end = ent.start, ent.end
        inner_titles = [j for j in range(start + 1, end - 1)
                        if doc[j].text.lower() in TITLE_WORDS and doc[j].text.lower() not in _TITLE_GLUE]
        if inner_titles:
            start = inner_titles[-1] + 1  # "Jordanian King Abdullah": the words before the title qualify it
        while start < end and doc[start].text.lower() in TITLE_WORDS:
            start += 1
        start = _leading_function_words(doc, start, end)
        while end > start and not doc[end - 1].text[:1].isalnum():
            end -= 1
        # hyphenated given names the tokenizer splits ("Moon Jae-in", "Kang Kyung-wha")
        while (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
               and not doc[end].whitespace_ and doc[end + 1].is_alpha):
            end += 2
        # photo credits glued to names in scraped captions ("REUTERS Erik Dahl")
        while start < end and _is_credit(doc[start].text):
            start += 1
        while end > start and _is_credit(doc[end - 1].text):
            end -= 1
        if end <= start:
            continue
        if not any(doc[i].text[:1].isupper() for i in range(start, end)):
            continue
        if _looks_like_place(span_text(doc, start, end)) and not _titled(doc, start):
            continue  # the small model tags well-known places as people ("San Jose", "Kyiv")
        if _named_thing(doc, start, end) or rule_on("names_organisation_heads") and _names_a_thing(
                doc, start, end):
            things.add(span_text(doc, start, end))  # stated once to be a thing, it is one everywhere
            continue
        if _named_by_place_kind(doc, start, end):
            things.add(span_text(doc, start, end))  # "the town of Tarvik": a place wherever else it stands
            continue
        if _place_in_context(doc, start, end):
            continue  # judged for this mention only: "shouted at X" does not make X a place
        spans.append((start, end))
        taken.update(range(start, end))
    # Names after a title that the model tagged ORG/GPE/nothing ("Secretary of State Lind").
    # Candidates come from the token arrays: one Python object per token would cost more.
    lowers, pos = _arrays(doc)
    strings = doc.vocab.strings
    title_ids = {strings.add(w) for w in TITLE_WORDS}
    propn = strings.add("PROPN")
    org_ids = {strings.add(w) for w in _ORGANISATION_HEADS}
    candidates = [i for i in range(1, len(lowers)) if pos[i] == propn and (
        lowers[i - 1] in title_ids or lowers[i - 1] in org_ids and i > 2)]
    for i in candidates:
        tok = doc[i]
        if tok.i in taken or not _is_name_token(tok) or tok.lower_ in _ORGANISATION_HEADS or _date_word(tok):
            continue
        before = doc[tok.i - 1].text.lower()
        if before in _ORGANISATION_HEADS and before not in TITLE_WORDS:
            # "Chief of the Naval Staff Ivo Marek": a title ending in an office's name
            if not (rule_on("names_organisation_heads") and _office_title_before(doc, tok.i - 1)):
                continue
        elif before not in TITLE_WORDS or before in _TITLE_GLUE:
            continue
        if tok.i + 1 < len(doc) and (not _is_name_token(doc[tok.i + 1]) or _date_word(doc[tok.i + 1])) \
                and tok.lower_ in _NON_PERSON_HEADS:
            continue  # "the Governor Hotel lobby": a building, not a person
        end = tok.i
        while end < len(doc) and (_is_name_token(doc[end]) or end > tok.i and _particle_opens_name(doc, end)) \
                and end not in taken and not _date_word(doc[end]):
            if doc[end].ent_type_ in ("GPE", "NORP", "LOC") and resolve_place(doc[end].text) \
                    and not _surname_named_like_a_place(doc, end):
                break
            end += 1
        if end == tok.i:
            continue
        if rule_on("names_organisation_heads") and _names_an_organisation(doc, tok.i, end):
            continue  # "the State Department", "Chief Election Commissioner": part of a name or title
        spans.append((tok.i, end))
        taken.update(range(tok.i, end))
    for start, end in _apposed_role_names(doc, taken) if rule_on("apposed_role_name") else ():
        spans.append((start, end))
        taken.update(range(start, end))
    for start, end in _names_after_title_field(doc, taken) if rule_on("name_after_title_field") else ():
        spans.append((start, end))
        taken.update(range(start, end))
    if rule_on("name_run_completed"):
        spans = _complete_names(doc, spans)
    # a name shown once to be a place or an organisation is one everywhere, unless titled
    titled = {span_text(doc, a, b) for a, b in spans if _titled(doc, a)}
    spans = [(a, b) for a, b in spans if (text := span_text(doc, a, b)) not in things or text in titled]
    spans.sort()
    return spans


_THING_NOUNS = words("people", "thing_nouns")
_APPOSED_PERSON_NOUNS = words("people", "apposed_person_nouns")
_NAME_RUN_MAX = 4  # words of a name the model did not tag


def _apposed_role_names(doc: Any, taken: set[int]) -> list[tuple[int, int]]:
    """Names the model did not tag as people that an apposed role noun shows to be one:
    "said Ivo Marek, a spokesman for ...", "the agency's head of operations Ana Tosk". Rare
    names are the ones the model misses; the job written beside them is what news gives instead.
    """
    found: list[tuple[int, int]] = []
    # proper nouns picked from the POS array: most tokens are none, and reading each costs more
    for tok in tokens_with(doc, "POS", ("PROPN",)):
        if tok.i in taken or tok.ent_type_ == "PERSON" or not _apposed_to_role(tok):
            continue
        span = _name_run_ending_at(doc, tok, taken)
        if span is not None:
            found.append(span)
            taken.update(range(*span))
    return found


def _apposed_to_role(tok: Any) -> bool:
    """The token is in apposition to a role noun ("head of X, Ana Tosk") or has one apposed to
    it ("Ana Tosk, a spokeswoman for X").
    """
    def role(t: Any) -> bool:
        return t.pos_ == "NOUN" and t.lemma_.lower() in _APPOSED_PERSON_NOUNS and t.tag_ == "NN"

    if tok.dep_ == "appos" and role(tok.head):
        return True
    return any(c.dep_ == "appos" and role(c) for c in tok.children)


def _name_run_ending_at(doc: Any, tok: Any, taken: set[int]) -> tuple[int, int] | None:
    """The personal name that `tok` ends: two to four capitalised words hanging on it, none a
    title, office, body or place; None when the words are not such a name.
    """
    start = tok.i
    while start > 0 and tok.i - start + 1 < _NAME_RUN_MAX and start - 1 not in taken:
        prev = doc[start - 1]
        if _hyphen_inside_name(doc, start - 1) and start - 2 not in taken:
            start -= 2  # "Tunde-Bakare": a hyphenated name the tokenizer split
            continue
        if prev.head.i != tok.i or prev.dep_ != "compound" or not prev.whitespace_:
            break
        start -= 1
    words = [t for t in doc[start : tok.i + 1] if t.text != "-"]
    if len(words) < 2 or not all(t.is_title and _is_name_token(t) and t.is_alpha for t in words):
        return None
    if any(t.lower_ in _NOT_GIVEN_NAMES or t.ent_type_ in ("NORP", "DATE", "FAC", "EVENT", "LAW")
           for t in words):
        return None
    if resolve_place(doc[start : tok.i + 1].text) is not None or resolve_place(words[0].text) is not None:
        return None  # "the capital, Port Vila"; a surname may share a town's name, a given name seldom
    return start, tok.i + 1


_FIELD_PREPS = words("people", "title_field_preps")
_FIELD_GLUE = words("people", "title_field_glue")
_FIELD_WORDS_MAX = 10  # tokens a title's field may run to ("for Roads, Bridges, Ports and Harbours")


def _names_after_title_field(doc: Any, taken: set[int]) -> list[tuple[int, int]]:
    """Names the model did not tag that follow a title and its field: "Minister for Fisheries and
    Forestry Ivo Marek", "Ambassador in Vesk Ana Mira Tosk". The field's coordinated words keep the
    title from reaching the name, so no title word stands right before it.
    """
    found: list[tuple[int, int]] = []
    lowers, _pos = _arrays(doc)
    strings = doc.vocab.strings
    titles = {strings.add(w) for w in _RANK_TITLES}
    preps = {strings.add(w) for w in _FIELD_PREPS}
    # candidates from the token arrays: one Python object per token would cost more
    for i in [i for i in range(len(lowers) - 2) if lowers[i] in titles and lowers[i + 1] in preps]:
        tok = doc[i]
        if not tok.text[:1].isupper():
            continue
        last = _field_stretch_end(doc, tok.i + 2)
        if last is None or last in taken:
            continue
        span = _field_name_run(doc, tok.i + 1, last, taken)
        if span is not None:
            found.append(span)
            taken.update(range(*span))
    return found


def _field_stretch_end(doc: Any, i: int) -> int | None:
    """The last capitalised word of the stretch of capitalised words and glue ("and", ",", "the")
    that opens at `i`; None when the stretch is empty or runs on too long to be a title's field.
    """
    last = None
    j = i
    while j < len(doc) and j - i < _FIELD_WORDS_MAX + _NAME_RUN_MAX:
        t = doc[j]
        if t.text[:1].isupper() and t.is_alpha:
            last = j
        elif t.lower_ not in _FIELD_GLUE and not _hyphen_inside_name(doc, j):
            break
        j += 1
    else:
        return None
    return last


def _field_name_run(doc: Any, prep: int, last: int, taken: set[int]) -> tuple[int, int] | None:
    """The personal name ending at `last`, after a title's field that opens at `prep`: the words
    the parse makes compounds of the last one, two to four of them, with a field word left
    before them that the parse does not join to the name.
    """
    if not _name_part(doc[last]):
        return None
    start = last
    while start - 1 > prep + 1 and last - start + 1 < _NAME_RUN_MAX and start - 1 not in taken:
        prev = doc[start - 1]
        if prev.dep_ != "compound" or not start <= prev.head.i <= last or not _name_part(prev):
            break
        start -= 1
    # "for Culture and the Arts Ana Tosk": a word after "the" is the field's, whatever its parse
    after_the = last - start >= 2 and doc[start - 1].lower_ == "the"
    start += after_the
    before = doc[start - 1]
    if last == start or before.i <= prep or not before.is_title or not before.is_alpha \
            or not after_the and before.dep_ == "compound" and start <= before.head.i <= last:
        return None  # one word, or the field and the name not told apart by the parse
    if resolve_place(doc[start : last + 1].text) is not None or resolve_place(doc[start].text) is not None:
        return None  # a given name seldom shares a town's name; a middle name may
    return start, last + 1


def _name_part(tok: Any) -> bool:
    """A word that may stand inside a name: capitalised, no title, office, body, place or date."""
    return (tok.is_title and _is_name_token(tok) and tok.lower_ not in _NOT_GIVEN_NAMES
            and tok.ent_type_ not in _NOT_NAME_ENTITIES and not _in_headline(tok))


# Words that end a run of capitalised words before a surname: offices, bodies, groups.
_NOT_GIVEN_NAMES = (_ORGANISATION_HEADS | _NON_PERSON_HEADS | _THING_HEADS | TITLE_WORDS
                    | words("people", "party_nouns") | words("people", "collective_nouns")
                    | words("people", "not_given_names"))
_NOT_NAME_ENTITIES = frozenset({"GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "DATE", "TIME",
                                "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "PRODUCT"})
_GIVEN_NAMES_MAX = 3  # given and middle names written before a surname


def _complete_names(doc: Any, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Full names the model cut or tagged as something else, completed around a surname the
    text also uses alone for a person: "Ana Mira [Tosk]" with the surname untagged, "[Ana]
    Tosk" with the given name tagged as an organisation, "Minister Ana" + "Mira Tosk" split in
    two. A name is written in full once and by surname after, so the lone surname is the
    evidence; the given names must hang on it in the parse.
    """
    lone = {_POSSESSIVE.sub("", doc[a].text) for a, b in spans if b - a == 1}
    spans = _merge_adjacent(doc, sorted(spans))
    taken = {i for a, b in spans for i in range(a, b)}
    out: list[tuple[int, int]] = []
    for a, b in spans:
        # "Ana Mira" + untagged "Tosk": the surname after is one the text uses alone
        while b < len(doc) and b not in taken and _is_name_token(doc[b]) and doc[b - 1].whitespace_ == " " \
                and doc[b].ent_type_ not in _NOT_NAME_ENTITIES and _POSSESSIVE.sub("", doc[b].text) in lone \
                and doc[b - 1].head.i == b and doc[b - 1].pos_ == "PROPN" and not _in_headline(doc[b]):
            taken.add(b)
            b += 1
        if rule_on("titled_name_completed") and _titled(doc, a) and _untagged_last_name(doc, a, b, taken):
            taken.add(b)  # "President Ana Mira Tosk" with "Tosk" untagged: a title heads the whole name
            b += 1
        out.append((a, b))
    starts = {a: b for a, b in out}
    # a surname some full name already ends in is that person's (or ambiguous): not completed anew
    surnames = {_POSSESSIVE.sub("", doc[b - 1].text) for a, b in out if b - a > 1}
    wanted = {doc.vocab.strings.add(w.lower()) for w in lone - surnames if w.lower() not in _NOT_GIVEN_NAMES}
    lowers, pos = _arrays(doc)
    propn = doc.vocab.strings.add("PROPN")
    for i in [i for i, low in enumerate(lowers) if low in wanted and pos[i] == propn]:
        if i in taken and starts.get(i) != i + 1:
            continue  # inside a longer name already
        first = _given_names_before(doc, i, taken)
        if first == i:
            continue
        if i in starts:
            out.remove((i, i + 1))
        out.append((first, i + 1))
        taken.update(range(first, i + 1))
    return _merge_adjacent(doc, sorted(out))


def _untagged_last_name(doc: Any, a: int, b: int, taken: set[int]) -> bool:
    """The word right after the titled name a..b is its last word, which the model left untagged:
    a plain capitalised word (no place, date or body), the head in the parse of the name's
    last word, with no further name word after it and the name no longer than four words.
    """
    if b >= len(doc) or b in taken or b - a >= _NAME_RUN_MAX or doc[b - 1].whitespace_ != " ":
        return False
    tok = doc[b]
    if not _is_name_token(tok) or tok.ent_type_ or tok.lower_ in _NOT_GIVEN_NAMES or _in_headline(tok):
        return False
    if b + 1 < len(doc) and _is_name_token(doc[b + 1]) and doc[b].whitespace_:
        return False  # a longer run of names: not clearly this person's
    return doc[b - 1].head.i == b and doc[b - 1].pos_ == "PROPN" and resolve_place(tok.text) is None


_GIVEN_NAME_RE = re.compile(r"^(?:[A-Z]\.|[A-Z\u00C0-\u00DE][\w\u00C0-\u024F']*[^\W\d_])$")


def _given_name(tok: Any) -> bool:
    """A word that may be a given name: capitalised, or an initial ("J."); no acronym ("PM"),
    title, office, body, place or date; not a sentence's first word or a headline's (where
    any word is capitalised).
    """
    return (bool(_GIVEN_NAME_RE.match(tok.text)) and not (len(tok.text) > 1 and tok.text.isupper())
            and _is_name_token(tok) and tok.ent_type_ not in _NOT_NAME_ENTITIES
            and tok.lower_ not in _NOT_GIVEN_NAMES and not tok.is_sent_start
            and not _in_headline(tok) and resolve_place(tok.text) is None)


def _headline(sent: Any) -> bool:
    """A sentence in title case: most of its words capitalised."""
    alpha = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(alpha) >= 3 and sum(t.text[:1].isupper() for t in alpha) >= 0.85 * len(alpha)


_HEADLINE_KEY = "extract.headline_sentences"


def _in_headline(tok: Any) -> bool:
    """Whether the token's sentence is in title case; each sentence is judged once per document
    (candidate tokens are many, and finding a token's sentence walks it).
    """
    doc = tok.doc
    known = doc.user_data.get(_HEADLINE_KEY)
    if known is None:
        sents = list(doc.sents)
        known = ([s.start for s in sents], [_headline(s) for s in sents])
        doc.user_data[_HEADLINE_KEY] = known
    starts, flags = known
    return bool(flags[bisect.bisect_right(starts, tok.i) - 1])


def _given_names_before(doc: Any, i: int, taken: set[int]) -> int:
    """The first of the given names written right before the surname at `i` ("Ana Mira Tosk",
    "Jean-Paul Tosk"); `i` when there are none.
    """
    first = i
    names = 0
    j = i - 1
    while j >= 0 and names < _GIVEN_NAMES_MAX and j not in taken:
        tok = doc[j]
        if tok.text == "-" and j > 0 and not tok.whitespace_ and not doc[j - 1].whitespace_ \
                and j - 1 not in taken and _given_name(doc[j - 1]) and first < i:
            j -= 1  # a hyphenated given name split by the tokenizer
            continue
        if not _given_name(tok) or tok.whitespace_ != " " and doc[j + 1].text != "-":
            break
        if not first <= tok.head.i <= i:
            break  # not part of this name in the parse
        first = j
        names += 1
        j -= 1
    return first


def _merge_adjacent(doc: Any, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Two name spans with only a space between are one name ("Minister Ana" + "Mira Tosk")."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and out[-1][1] == a and doc[a - 1].whitespace_ == " " and doc[a - 1].head.i >= a \
                and all(_given_name(t) for t in doc[out[-1][0] : a]) and (
                    _is_name_token(doc[a]) or _particle_opens_name(doc, a)):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _hyphen_inside_name(doc: Any, i: int) -> bool:
    """A hyphen with no space either side between two capitalised words ("Tunde-Bakare")."""
    return (doc[i].text == "-" and i > 0 and not doc[i].whitespace_ and not doc[i - 1].whitespace_
            and doc[i - 1].is_title and doc[i - 1].head.i == doc[i].head.i)


def _surname_named_like_a_place(doc: Any, i: int) -> bool:
    """"President Rafael Toledo said": a place's name written right after a title and a given
    name, with no name after it, is the person's surname (the text then uses it alone too).
    """
    if not rule_on("titled_surname_like_a_place") or doc[i].ent_type_ == "NORP" or not doc[i].is_title:
        return False
    if i < 2 or doc[i - 1].whitespace_ != " " or i + 1 < len(doc) and _is_name_token(doc[i + 1]):
        return False
    return _given_name(doc[i - 1]) and doc[i - 2].lower_ in _RANK_TITLES


def _particle_opens_name(doc: Any, i: int) -> bool:
    """"Muqrin" + "bin Saud Tosk": a name part opening with a lower-case particle ("bin", "van",
    "de") continues the given name before it; the model often tags only the part from the particle.
    """
    return (rule_on("particle_name_joined") and doc[i].lower_ in _NAME_PARTICLES
            and i + 1 < len(doc) and _is_name_token(doc[i + 1]))


def _named_thing(doc: Any, start: int, end: int) -> bool:
    """A PERSON-tagged span its own words or an apposition show to be a building, paper or body."""
    root = doc[start:end].root
    for c in root.children:
        if c.dep_ == "appos" and c.lemma_.lower() in _THING_NOUNS:
            return True  # "Kovar Daily, the state newspaper"
    if end - start < 2 or doc[end - 1].text.lower() not in _NON_PERSON_HEADS or _titled(doc, start):
        return False
    # "at Varga Tower", "the Lindqvist Herald"; "Senator Ann Park" or "Tom Hall met" stay people
    return start > 0 and doc[start - 1].lower_ in ("the", "at", "in", "inside", "outside", "near")


_PLACE_KINDS = words("events", "place_kind_nouns")


def _named_by_place_kind(doc: Any, start: int, end: int) -> bool:
    """A name right after "the <kind of place> of" ("the northern town of Tarvik", "the island of
    Saaremeri"): the grammar names a place, whatever the model tagged it.
    """
    if not rule_on("place_kind_of_name_no_person") or start < 2:
        return False
    root = doc[start:end].root
    of = root.head
    return (root.dep_ == "pobj" and of.lower_ == "of" and of.i == start - 1
            and of.head.lemma_.lower() in _PLACE_KINDS and of.head.i < of.i)


def _place_in_context(doc: Any, start: int, end: int) -> bool:
    """One untitled single name after "in"/"at"/"near" that the gazetteer knows as a place."""
    if end - start != 1 or _titled(doc, start):
        return False
    root = doc[start]
    return (root.dep_ == "pobj" and root.head.lower_ in ("in", "at", "near")
            and resolve_place(root.text) is not None)


def _date_word(tok: Any) -> bool:
    """A capitalised day or month the model read as a date: "the president Wednesday" names a
    time after the title, never a person (news puts the day right after its subject).
    """
    return rule_on("date_after_title_no_name") and tok.ent_type_ in ("DATE", "TIME")


def _is_credit(word: str) -> bool:
    return len(word) >= 3 and word.isupper() and word.isalpha()


def _arrays(doc: Any) -> tuple[list[int], list[int]]:
    cols = columns(doc)  # read once per document, not once per caller
    return cols["LOWER"], cols["POS"]


def _titled(doc: Any, start: int) -> bool:
    return start > 0 and doc[start - 1].text.lower() in TITLE_WORDS


def build_people_index(doc: Any) -> PeopleIndex:
    """Every person the document names, with roles, and a resolver for shorter references."""
    raw: list[_Mention] = []
    for start, end in _person_spans(doc):
        name = _clean_name([span_text(doc, start, end)])
        if not name or len(name) > 60:
            continue
        first, role = _title_before(doc, start)
        titles = {t.text.lower().rstrip(".") for t in doc[first:start]} - _TITLE_GLUE - {"-"}
        titles |= {_ROLE_ABBREVIATIONS[w] for w in titles if w in _ROLE_ABBREVIATIONS}
        raw.append(_Mention(start, end, name, role, frozenset(titles), _nation_before(doc, first),
                            _past_title(doc, first, start), _body_before(doc, first) if role else ""))

    # Two names run together by a scraped caption ("Anna Lind Erik Dahl"): keep the one
    # the article also names on its own.
    alone = {m.name for m in raw if 2 <= len(m.name.split()) <= 3}
    for m in raw:
        words = m.name.split()
        if len(words) >= 4:
            parts = [" ".join(words[i:j]) for i in range(len(words))
                     for j in range(i + 2, len(words) + 1) if j - i < len(words)]
            inside = [p for p in parts if p in alone and not (
                rule_on("particle_surname") and _particle_surname_of(p, words))]
            if inside:
                m.name = max(inside, key=len)
    # Fullest forms first: a shorter mention folds into a longer one that contains its words.
    known_words: dict[str, set[str]] = {}

    def words_of(name: str) -> set[str]:
        # asked for every pair of a mention and a full name: worked out once per name
        if name not in known_words:
            known_words[name] = _name_words(name)
        return known_words[name]

    full_names: list[str] = []
    for m in sorted(raw, key=lambda m: -len(m.name.split())):
        name_words = set(m.name.split())
        if any(name_words <= words_of(f) for f in full_names):
            continue
        full_names.append(m.name)
    by_token: dict[str, list[str]] = {}
    for full in full_names:
        for word in sorted(words_of(full)):
            by_token.setdefault(word.lower(), []).append(full)

    first_seen: dict[str, int] = {}
    full_titles: dict[str, set[str]] = {}
    for m in raw:
        if m.name in full_names:
            first_seen.setdefault(m.name, m.start)
            full_titles.setdefault(m.name, set()).update(m.titles)

    held_apart: set[str] = set()  # short forms a titled mention kept apart from the full name
    known_holders: dict[str, list[str]] = {}

    def holders_of(name: str) -> list[str]:
        # the full names a mention's words fit: asked for every mention, and again for shared surnames
        if name not in known_holders:
            words = set(name.split())
            known_holders[name] = [f for f in full_names if words <= words_of(f)]
        return known_holders[name]

    def expand(m: _Mention) -> str:
        holders = holders_of(m.name)
        if len(holders) > 1 and rule_on("shared_surname_latest_full_name"):
            return _shared_surname_holder(m, holders, raw, full_titles) or m.name
        if len(holders) != 1:
            return m.name
        full = holders[0]
        if full == m.name:
            return full
        if not m.titles:
            # a bare surname is someone else when a titled mention of it was kept apart
            return m.name if m.name in held_apart else full
        if first_seen.get(full, 0) < m.start:
            return full
        # A short form met before the full name ("President Dahl" ... "Maria Dahl") folds
        # into it only when their titles do not disagree.
        known = full_titles.get(full, set())
        roles_m = m.titles - HONORIFICS_PLAIN
        if roles_m and known - HONORIFICS_PLAIN and not roles_m & known or (
            ("mr" in m.titles and known & _FEMALE) or (m.titles & _FEMALE and "mr" in known)
        ):
            held_apart.add(m.name)
            return m.name
        return full

    roles: dict[str, str] = {}
    role_words: dict[str, set[str]] = {}
    nations: dict[str, set[str]] = {}
    bodies: dict[str, set[str]] = {}
    order: list[str] = []
    mentions: list[tuple[int, int, str]] = []
    # titled mentions first, so that bare ones know which short forms were kept apart
    expanded = {id(m): expand(m) for m in sorted(raw, key=lambda m: not m.titles)}
    for m in raw:
        full = expanded[id(m)]
        mentions.append((m.start, m.end, full))
        if full not in roles:
            order.append(full)
            roles[full] = ""
        if m.role and len(m.role) > len(roles[full]):
            roles[full] = m.role
        if m.role:
            terms = title_terms(m.role)
            terms |= {_ROLE_ABBREVIATIONS[w] for w in terms if w in _ROLE_ABBREVIATIONS}
            terms = office_words(terms)
            role_words.setdefault(full, set()).update(terms)
            if m.nation:
                nations.setdefault(full, set()).add(m.nation)
            if m.body:
                bodies.setdefault(full, set()).add(m.body)
        elif rule_on("apposed_role_titles"):
            terms, nation = _apposed_role(doc, m.start, m.end)
            if terms:
                role_words.setdefault(full, set()).update(office_words(terms))
                if nation:
                    nations.setdefault(full, set()).add(nation)
    # A name the model tagged as a place elsewhere ("Lind" as GPE) is still the person.
    known_surnames = {f.split()[-1]: f for f in full_names if len(f.split()) > 1}
    if rule_on("particle_surname"):  # "Assad said" for Bashar al-Assad
        known_surnames |= {bare: f for f in full_names if len(f.split()) > 1
                           and (bare := particle_free(f.split()[-1])) and bare not in known_surnames}
    covered = {i for s, e, _ in mentions for i in range(s, e)}
    lowers, pos = _arrays(doc)
    propn = doc.vocab.strings.add("PROPN")
    noun = doc.vocab.strings.add("NOUN")  # a surname the tagger read as a noun ("Ozols, who ...")
    surname_ids = {doc.vocab.strings.add(k.lower()) for k in known_surnames}
    for i in range(len(lowers)):
        if pos[i] not in (propn, noun) or lowers[i] not in surname_ids or i in covered:
            continue
        tok = doc[i]
        if pos[i] == noun and not tok.is_title:
            continue
        surname_of = known_surnames.get(_POSSESSIVE.sub("", tok.text))
        if surname_of and len(by_token.get(tok.text.lower(), [])) <= 1:
            mentions.append((tok.i, tok.i + 1, surname_of))
    if rule_on("name_first_word_alone"):
        covered = {i for s, e, _ in mentions for i in range(s, e)}
        mentions += _first_word_mentions(doc, full_names, by_token, covered)
    mentions.sort()
    people = [Person(name=n, role=roles[n]) for n in order]
    # titled only as a past holder: "the president" of the text is someone else
    titled_now = {expanded[id(m)] for m in raw if m.role and not m.past}
    former = {expanded[id(m)] for m in raw if m.role and m.past} - titled_now
    # a shared surname the text always gives the same person: what a lookup without a place gets
    shared_to: dict[str, set[str]] = {}
    for m in raw:
        if len(holders_of(m.name)) > 1:
            shared_to.setdefault(m.name, set()).add(expanded[id(m)])
    shared = {short: next(iter(fulls)) for short, fulls in shared_to.items() if len(fulls) == 1 and short not in fulls}
    return PeopleIndex(people=people, mentions=mentions, _by_token=by_token, _role_words=role_words,
                       _nations=nations, _bodies=bodies, _former=former, _shared=shared)


def _first_word_mentions(doc: Any, full_names: list[str], by_token: dict[str, list[str]],
                         covered: set[int]) -> list[tuple[int, int, str]]:
    """"Sarn said", "Kesh told reporters" after "Sarn Teodo", "Kesh Varimo": a name's first
    word written alone is the person, when one full name of the text opens with it and no other
    name holds it. The model often misses such short forms or tags them as places or bodies.
    """
    # WHY: names written family name first (East Asian, some African and Indonesian ones) are
    # shortened to their first word, which the surname lookup never tries
    firsts = {f.split()[0]: f for f in full_names if 2 <= len(f.split()) <= 4}
    if not firsts:
        return []
    lowers, _pos = _arrays(doc)
    ids = {doc.vocab.strings.add(w.lower()) for w in firsts}
    found = []
    for i in [i for i, low in enumerate(lowers) if low in ids and i not in covered]:
        tok = doc[i]
        full = firsts.get(_POSSESSIVE.sub("", tok.text))
        if full and len(by_token.get(tok.lower_, [])) == 1 and _stands_alone(doc, tok):
            found.append((i, i + 1, full))
    return found


def _stands_alone(doc: Any, tok: Any) -> bool:
    """The word is a name on its own here: not followed by the rest of the name or another name,
    not a modifier of a noun ("the Sarn-Tosk talks", "Tarvik Accord"), no nationality, and no
    place unless the model tagged it a person ("Tarvik said" for a Tarvik Ulm).
    """
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and (nxt.text == "-" or nxt.is_title and nxt.pos_ == "PROPN"):
        return False
    if tok.i > 0 and doc[tok.i - 1].text == "-" or tok.dep_ == "compound" or tok.pos_ not in ("PROPN", "NOUN"):
        return False
    if tok.lower_ in _NATIONALITIES or tok.lower_ in _NOT_GIVEN_NAMES or not tok.is_title or len(tok.text) < 2:
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS:
        return False
    return tok.ent_type_ == "PERSON" or resolve_place(tok.text) is None


_NATIONALITIES = frozenset(table("nationality_countries"))
_PLACE_PREPS = words("people", "place_preps")


def holds_kind(words: set[str], word: str) -> bool:
    """Whether a title of these words is an office the role word may name ("the monarch": a king)."""
    split = {part for w in words for part in w.split("-")}
    return any(office <= split for office in ROLE_KINDS.get(word, ()))


def spelled_role(word: str) -> str:
    """A role word with its abbreviation spelled out ("pm" → "premier", "gen" → "general")."""
    return str(_ROLE_ABBREVIATIONS.get(word, word))


def office_words(terms: set[str]) -> set[str]:
    """A title's words with the other words for its office, never the office's bare head word:
    "premier" adds prime and pm, "prime minister" adds premier and pm. A premier is no "the
    minister" of a text that also names a fisheries minister.
    """
    out = set(terms)
    for word, full in ROLE_SYNONYMS.items():
        if word in terms or set(full) <= terms:
            out |= {word, *full[:-1]} | {abbr for abbr, spelled in _ROLE_ABBREVIATIONS.items() if spelled == word}
    return out


def _apposed_role(doc: Any, start: int, end: int) -> tuple[set[str], str]:
    """The office an apposition after an untitled name gives it ("Ana Tosk, Ruritania's foreign
    minister, said"): its title words, and the nationality or country before them, so that "the
    foreign minister" and "the Ruritanian minister" later find her.
    """
    root = doc[start:end].root
    apposed = [c for c in root.children if c.dep_ == "appos" and c.i >= end]
    if rule_on("role_apposed_before_name") and root.dep_ == "appos" and root.head.i < start:
        apposed.append(root.head)  # "Chile's foreign minister, Ana Tosk, said"
    for app in apposed:
        if app.tag_ != "NN" or app.lemma_.lower() not in ROLE_HEADS:
            continue
        words = {app.lemma_.lower()} | {t.lower_ for t in app.lefts if t.dep_ in ("amod", "compound")
                                        and t.lower_ in _RANK_TITLES}
        for prep in app.rights:  # "minister of defence", "secretary for trade"
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
                words |= {t.lower_ for t in prep.subtree if t.lower_ in _RANK_TITLES}
        nation = next((t.lower_ for t in app.lefts if t.dep_ in ("amod", "compound", "poss")
                       and t.ent_type_ in ("NORP", "GPE")), "")
        return words, nation
    return set(), ""


def _shared_surname_holder(m: _Mention, holders: list[str], raw: list[_Mention],
                           full_titles: dict[str, set[str]]) -> str | None:
    """A bare surname several named people share ("Dahl" after "Erik Dahl" and "Ana Dahl"): the
    one named in full last before it, as news names a relative in full again before it turns
    back to the surname. One the text mostly calls by given name alone ("Ana") is not it; a
    titled short form ("Minister Dahl") is left as written.
    """
    if len(m.name.split()) != 1 or m.titles - HONORIFICS_PLAIN or any(h.split()[-1] != m.name for h in holders):
        return None
    other_gender = (_FEMALE if "mr" in m.titles else {"mr"} if m.titles & _FEMALE else set())
    by_given = {h for h in holders if sum(o.name == h.split()[0] for o in raw) > sum(o.name == h for o in raw)}
    latest = None
    for other in raw:
        if other.start >= m.start:
            break
        if other.name in holders and other.name not in by_given and not full_titles.get(other.name, set()) & other_gender:
            latest = other.name
    return latest


# ---------------------------------------------------------------- organisations

_NAME_GLUE = frozenset({"of", "on", "for", "and", "the", "-", "&"})


def _capitalised_phrase(tok: Any) -> bool:
    """Every word under `tok` is capitalised or name glue ("Arctic-Pacific Fisheries", "the Balkans")."""
    words = list(tok.subtree)
    return tok.text[:1].isupper() and all(t.text[:1].isupper() or t.lower_ in _NAME_GLUE for t in words)


def organisation_name(tok: Any) -> str:
    """The whole proper name an organisation's head word stands in: "Forum" in "the summit of the
    Forum on Andean Cooperation" is "Forum on Andean Cooperation"; "Bank" in "the Asian
    Development Bank" is "Asian Development Bank". Never runs past lower-case words.
    """
    doc = tok.doc
    left = tok.i
    for c in reversed(list(tok.lefts)):
        if c.dep_ in ("compound", "amod", "nmod") and c.right_edge.i == left - 1 and _capitalised_phrase(c):
            left = c.left_edge.i
        else:
            break
    right = tok.i
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "on", "for") and c.i == right + 1 and any(
                o.dep_ == "pobj" and _capitalised_phrase(o) for o in c.children):
            right = c.right_edge.i
        else:
            break
    while right > tok.i and doc[right].lower_ in _NAME_GLUE:
        right -= 1
    return str(doc[left : right + 1].text)


# ---------------------------------------------------------------- places

_COUNTRY_ALIASES = table("country_aliases")

_gaz_lock = threading.Lock()


def warm_gazetteer() -> None:
    """Build the place gazetteer now rather than on the first place looked up."""
    _gazetteer()


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, str], dict[str, tuple[str, str, int]]]:
    """(country name → canonical country, city name → (city, country, population)); built once."""
    import pycountry

    from bot import gazetteer

    with _gaz_lock:
        code_to_country = {country.code: country.name for country in gazetteer.countries()}
        countries = {name.lower(): name for name in code_to_country.values()}
        for country in pycountry.countries:
            name = code_to_country.get(country.alpha_2)
            if not name:
                continue
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    countries.setdefault(value.lower(), name)
        for alias, name in _COUNTRY_ALIASES.items():
            countries[alias] = name

        def city_keys(city: gazetteer.City) -> list[str]:
            names = [city.name]
            if city.population >= 1_000_000:
                # big cities' other spellings ("Peking"); small ones' alternates are mostly noise
                names += [a for a in city.alternates if _plausible_alternate(city.name, a)]
            return [key for key in (_fold(n.lower()) for n in names) if key not in countries]

        best = gazetteer.most_populous(gazetteer.cities(), city_keys)
        cities = {key: (city.name, code_to_country.get(city.country_code, ""), city.population)
                  for key, city in best.items()}
        for state in gazetteer.us_state_names():
            cities.setdefault(state.lower(), (state, "United States", 1_000_000))
        return countries, cities


def _plausible_alternate(name: str, alternate: str) -> bool:
    """Another spelling of a big city that news English may use ("Peking" for Beijing).

    A multi-word alternate must share a word with the city's own name ("City of Manila"):
    the others are translations made of common words ("White House" for Casablanca) or
    transliterations no English report uses.
    """
    if len(alternate) < 5 or not alternate[:1].isupper() or not alternate.isascii():
        return False
    words = alternate.split()
    return len(words) == 1 or bool(set(words) & set(_fold(name).split()))


def _fold(text: str) -> str:
    """Accents off ("Reykjavík" → "reykjavik"): news English often drops them."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _normal_place(name: str) -> str:
    text = " ".join(name.replace("\u2019", "'").split()).strip(" ,;:")
    text = _POSSESSIVE.sub("", text) if text.endswith(("'s", "'")) else text
    return text


@lru_cache(maxsize=8192)
def resolve_place(name: str) -> Place | None:
    """City and country for a place name ("Pyongyang" → North Korea); None if not a known place."""
    if not name or len(name) > 80:
        return None
    text = _normal_place(name)
    key = text.lower()
    if key.startswith("the "):
        bare = key[4:]
    else:
        bare = key
    countries, cities = _gazetteer()
    keys = tuple(_fold(k) for k in (key, bare, key.rstrip("."), bare.rstrip(".")))
    for k in keys:
        if k in countries:
            return Place(name=text, city="", country=countries[k])
    for k in keys:
        hit = cities.get(k)
        # city names take no article: "the Andes" is a mountain range, not the small town Andes;
        # only a well-known city survives one ("the Bronx")
        if hit and key != bare and not k.startswith("the ") and hit[2] < _ARTICLE_CITY_MIN_POPULATION:
            continue
        if hit:
            return Place(name=text, city=hit[0], country=hit[1])
    return _city_with_its_country(text)


def _city_with_its_country(text: str) -> Place | None:
    """"Aqaba, Jordan": a city named with its country after a comma is that city; None otherwise."""
    head, comma, tail = text.rpartition(",")
    if not comma:
        return None
    country, city = resolve_place(tail), resolve_place(head)
    if not country or not city or country.city or not city.city or city.country != country.country:
        return None
    return Place(name=text, city=city.city, country=country.country)


_ARTICLE_CITY_MIN_POPULATION = 100_000


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Country name (as `resolve_place` gives it) → its capital city, as GeoNames lists it."""
    from bot import gazetteer

    return {country.name: country.capital for country in gazetteer.countries() if country.capital}


def capital_of(country: str) -> str | None:
    """The capital city of a country ("Italy" → "Rome"), or None when the gazetteer has none."""
    return _capitals().get(country)


def looks_like_place(text: str, min_population: int = 100_000) -> bool:
    """A well-known place: a country, or a city big enough that a same-named person is unlikely."""
    countries, cities = _gazetteer()
    key = _fold(_normal_place(text).lower())
    if key in countries:
        return True
    hit = cities.get(key)
    return bool(hit and hit[2] >= min_population)


_looks_like_place = looks_like_place


@lru_cache(maxsize=8192)
def place_contains(outer: str, inner: str) -> bool:
    """True when `inner` is a city inside the country `outer` (Japan contains Tokyo)."""
    a, b = resolve_place(outer), resolve_place(inner)
    if not a or not b:
        return False
    return not a.city and bool(b.city) and a.country == b.country
