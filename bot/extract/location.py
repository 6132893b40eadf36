"""Where a meeting takes place: the dateline city, places stated in the clause, a visitor's stay.

Pure: reads parsed sentences and the first line of the text. Each source of a place is one small
function named by the rule that switches it (bot/extract/meeting_rules.py); `place_in_clause` asks
them in a fixed order, and `place_by_stay` fills what the clauses leave open from the article's
visits. Agency copy opens with the city in capitals ("CITY, Month D (AGENCY)"); "here" means it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from bot.extract.coref import is_group_name
from bot.extract.dates import MONTHS, WEEKDAYS
from bot.extract.entities import capital_of, looks_like_place, place_contains, resolve_place
from bot.extract.lexicon import table, words
from bot.extract.meeting_rules import rule_on
from bot.extract.status import dated_by_weekday
from bot.extract.syntax import (
    doc_text,
    entity_bounds,
    governing_chain,
    own_subtree,
    pobjs,
    span_text,
    tokens,
    tokens_with,
)

PLACE_NOUNS = words("events", "place_nouns")
_PLACE_KINDS = words("events", "place_kind_nouns")
_REGION_NOUNS = words("events", "region_nouns")
_VENUE_VERBS = words("events", "venue_verbs")
_ARRIVAL_VERBS = words("events", "arrival_verbs")
_MOTION_PREPS: dict[str, list[str]] = table("motion_preps")
_JOURNEY_NOUNS = words("events", "journey_nouns")
_PLACELESS_TYPES = words("events", "placeless_types")
_HOST_EVENTS = words("events", "host_event_nouns")
_SIDELINES = words("events", "sideline_nouns")
_CLAUSE_PREPS = frozenset(("in", "at", "inside"))
_PLACE_PARTICLES = words("events", "place_particles")
_CAPITAL_NOUNS = words("events", "capital_nouns")
_GATHERINGS = words("events", "restated_gathering_nouns")
_GATHERING_KIN: dict[str, str] = table("restated_gathering_kin")
_STAY_NOUNS = words("events", "stay_nouns")
_STAY_PREPS = words("events", "stay_preps")
_ORGANISATION_HEADS = words("events", "organisation_heads")
_AFTER_MARKS = words("events", "after_marks")
_COUNTRY_NOUNS = words("events", "country_nouns")
_GATHERING_VERBS = words("events", "gathering_verbs")
_OWN_DATE_MODS = words("events", "own_date_mods")
_DEFINITE_DETS = frozenset(("the", "this", "that"))
_INDEFINITE_DETS = frozenset(("a", "an", "another"))
# marks inside a gathering's name: "the Nordic-Baltic (NB) Leaders' Meeting"
_NAME_RUN_MARKS = frozenset(("(", ")", "-", "'", "'s"))
_EARLIER_MODS = words("status", "earlier_noun_mods")

# ---------------------------------------------------------------- the dateline

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
# CITY[, Region], then a month and day or an agency in brackets ("(AFP)", "(Reuters) -").
_DATELINE = re.compile(
    rf"^[ \t]*(?P<city>[A-Z][A-Z.'\- ]*[A-Z.])(?:,[ \t]+(?P<region>[A-Z][A-Za-z.' ]+?))?"
    rf"(?:,[ \t]+(?:{_MONTH_RE})\.?[ \t]+\d{{1,2}}\b|[ \t]*\([A-Za-z][\w .-]*\))",
    re.I,
)


def _title_case(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def dateline_place(text: str) -> str | None:
    """The city of a dateline on the text's first non-blank line, or None without one."""
    stripped = text.lstrip()
    line = stripped.split("\n", 1)[0][:120]
    m = _DATELINE.match(line)
    if not m:
        return None
    city = m.group("city").strip()
    if not city.isupper() or len(city) < 3:
        return None  # a sentence that starts "Monday, April 5" is not a dateline
    return " ".join(_title_case(w) for w in city.split())


def says_here(tok: Any) -> bool:
    """The word governs "here" as a place adverb ("arrived here", "talks here")."""
    return any(c.lower_ == "here" and c.dep_ in ("advmod", "npadvmod", "pobj", "dobj") for c in tok.children)


# ---------------------------------------------------------------- place words


def is_place_token(tok: Any) -> bool:
    """A city, country, region or site ("the state house") by entity type, gazetteer or lexicon."""
    if tok.ent_type_ in ("GPE", "LOC", "FAC"):
        return not _organisation_name(tok)
    if _capital_before_name(tok) is not None:
        return True
    if _country_anaphor(tok) is not None:
        return True
    if tok.ent_type_ == "PERSON" and _known_place_after_preposition(tok):
        return True
    if tok.ent_type_ in ("PERSON", "DATE", "TIME", "NORP", "CARDINAL", "MONEY", "PERCENT"):
        return False
    if tok.pos_ == "PROPN" and looks_like_place(tok.text):
        return True
    if _named_by_of(tok) is not None or _national_capital(tok) or _possessed_place(tok):
        return True
    return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in PLACE_NOUNS and rule_on("place_site_nouns")


def _country_anaphor(tok: Any) -> Any:
    """The country "the South Asian country" or "the nation" refers back to: the latest country
    the text named in this or the two sentences before; else None. News prose names a country
    once and then describes it ("a visit to the Himalayan kingdom").
    """
    if tok.lemma_.lower() not in _COUNTRY_NOUNS or tok.tag_ != "NN" or not rule_on("location_country_anaphor"):
        return None
    if not any(c.dep_ == "det" and _refers_back(c) for c in tok.children) or pobjs(tok, {"of"}):
        return None  # "a country", "his country", "the nation of X": no reference back
    return _country_named_before(tok)


def _refers_back(det: Any) -> bool:
    """"the country" or "that country" (rule location_that_country) points back to a named country."""
    return det.lower_ == "the" or det.lower_ == "that" and rule_on("location_that_country")


def _marks_a_person(tok: Any) -> bool:
    """A country naming a person's side, "US Senator Ana Ruiz" or "Chile's envoy Ana Ruiz": the
    person's own country, not the one a later "will tour the country" goes to.
    """
    if tok.dep_ not in ("compound", "poss", "nmod") or not rule_on("location_anaphor_not_nationality"):
        return False
    head = tok.head
    while head.ent_type_ != "PERSON" and head.dep_ in ("compound", "nmod") and head.head.i != head.i:
        head = head.head
    return bool(head.ent_type_ == "PERSON")


def _country_named_before(tok: Any) -> Any:
    """The latest country the text named in this or the two sentences before `tok`, else None."""
    sents = list(tok.doc.sents) if tok.doc.has_annotation("SENT_START") else []
    start = next((i for i, s in enumerate(sents) if s.start <= tok.i < s.end), 0)
    first = sents[max(0, start - 2)].start if sents else 0
    for t in reversed(tok.doc[first : tok.i]):
        if t.ent_type_ == "GPE" and t.ent_iob_ == "B" and not _marks_a_person(t):
            place = resolve_place(_entity_text(t))
            if place is not None and not place.city:
                return t
    return None


def _national_capital(tok: Any) -> bool:
    """"the Danish capital": a capital marked with its country is a city, told as stated (a
    capital with no country, "foreign capital", may be money).
    """
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in _CAPITAL_NOUNS and bool(_country_marks(tok)) \
        and rule_on("location_national_capital")


def _country_marks(tok: Any) -> list[Any]:
    """The nationality or country words modifying a noun ("Danish" in "the Danish capital")."""
    return [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.ent_type_ in ("NORP", "GPE")]


def _capital_city(tok: Any, doc: Any) -> str | None:
    """"in the Italian capital" with no name of its own: the country's capital city, when the text
    names that city too (its dateline or a sentence); else None (rule national_capital_city).
    """
    # WHY: the place of an event is the city, and "the <Nationality> capital" is news prose's way
    # of not repeating the city's name; a capital the text never names may be one that moved or
    # one news does not call so (a seat of government against the gazetteer's capital), so stays
    if not _national_capital(tok) or not rule_on("national_capital_city"):
        return None
    if any(c.dep_ == "appos" for c in tok.children) or pobjs(tok, {"of"}):
        return None  # "the Danish capital, Nordby", "the capital of Nordby": the name is told
    marks = _country_marks(tok)
    country = _country_of_word(_entity_text(marks[0])) if marks else None
    city = capital_of(country) if country else None
    if not city or not re.search(rf"(?<!\w){re.escape(city)}(?!\w)", doc_text(doc), re.IGNORECASE):
        return None
    return city


def _capital_before_name(tok: Any) -> Any:
    """The capital noun a name is compounded with, "the Danish capital Nordby" parsed with "capital"
    a modifier of the name (often then tagged a nationality): the name is a city; else None.
    """
    if tok.pos_ != "PROPN" or not rule_on("location_capital_compound_name"):
        return None
    return next((c for c in tok.lefts if c.dep_ in ("compound", "nmod") and c.pos_ == "NOUN"
                 and c.lemma_.lower() in _CAPITAL_NOUNS
                 and any(m.dep_ in ("amod", "compound", "nmod") and m.ent_type_ in ("NORP", "GPE")
                         for m in (*c.children, *tok.lefts))), None)


def _known_place_after_preposition(tok: Any) -> bool:
    """A one-word name tagged a person that the gazetteer knows as a place, after "in", "to" or
    "at" ("a visit to Oslo"): people are not visited, nor met in or at.
    """
    return (tok.dep_ == "pobj" and tok.head.lower_ in _CLAUSE_PREPS | {"to"} and tok.ent_iob_ == "B"
            and (tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I")
            and looks_like_place(tok.text) and rule_on("location_place_tagged_person"))


def is_gpe(tok: Any) -> bool:
    """A city or country."""
    return tok.ent_type_ in ("GPE", "LOC") or tok.ent_type_ == "PERSON" and _known_place_after_preposition(tok)


def _is_particle(tok: Any) -> bool:
    """A lower-case word inside a place name: "del" in "Vina del Mar", "al" in "Ras al-Khaimah"."""
    return tok.text.islower() and tok.lower_ in _PLACE_PARTICLES


def _capitalised_name_word(tok: Any) -> bool:
    """A capitalised proper-noun word that no other kind of entity claims."""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.ent_type_ in ("", "GPE", "LOC", "FAC")


def _open_of_phrase(doc: Any, start: int, end: int) -> bool:
    """A span that ends in "of" or "of the": an English name never does, so the name goes on."""
    last = doc[end - 1].lower_
    return end - start > 1 and (last == "of" or last == "the" and end - start > 2 and doc[end - 2].lower_ == "of")


def _of_name_run_on(doc: Any, start: int, end: int) -> tuple[int, int]:
    """A place name the tagger cut after "of the" ("the Republic of the | Lakes") joined with the
    name that follows it; a name that starts right after such a cut span is joined to it.
    """
    if not rule_on("location_of_the_name_runs_on"):
        return start, end
    if end < len(doc) and _open_of_phrase(doc, start, end) and _capitalised_name_word(doc[end]):
        end = entity_bounds(doc[end])[1] if doc[end].ent_iob_ == "B" else end + 1
    if start > 0 and doc[start].ent_iob_ == "B" and doc[start - 1].ent_iob_ in ("B", "I"):
        before = entity_bounds(doc[start - 1])[0]
        if _open_of_phrase(doc, before, start):
            start = before
    return start, end


def _without_weekday(doc: Any, start: int, end: int) -> int:
    """The end of a place span with a weekday the tagger glued to it dropped ("Bergen | Sunday")."""
    while end - start > 1 and doc[end - 1].lower_ in WEEKDAYS and rule_on("location_place_without_weekday"):
        end -= 1
    return end


def _whole_name(doc: Any, start: int, end: int) -> tuple[int, int]:
    """An entity span grown over the name words the tagger left out around a particle: "del Mar"
    → "Vina del Mar", "Santa Cruz de" → "Santa Cruz de la Sierra". English names never begin or
    end with such a particle, so one at an edge means the name goes on.
    """
    if not rule_on("location_place_particles"):
        return start, end
    while start > 0:
        if _is_particle(doc[start]) and _capitalised_name_word(doc[start - 1]):
            start -= 1
        elif start > 1 and _is_particle(doc[start - 1]) and _capitalised_name_word(doc[start - 2]) \
                and doc[start - 2].dep_ == "compound" and doc[start - 2].head.i >= start:
            start -= 2  # "Vina del | Mar": the untagged words are compounds of the name's head
        else:
            break
    while end < len(doc):
        last = doc[end - 1]
        if _is_particle(last) and (_capitalised_name_word(doc[end]) or _is_particle(doc[end])):
            end += 1
        elif end + 1 < len(doc) and _is_particle(doc[end]) and _capitalised_name_word(doc[end + 1]) \
                and last.dep_ == "compound" and last.head.i > end:
            end += 2  # "Rio | de Janeiro": the tagged part is a compound of the name's head
        else:
            break
    return start, end


def _organisation_name(tok: Any) -> bool:
    """A name tagged a place that ends in an organisation's word: "the Nordic Water Cooperation
    (NWC) forum" names who meets, not where (lexicon).
    """
    if tok.ent_type_ not in ("GPE", "LOC", "FAC") or not rule_on("location_not_organisation"):
        return False
    return tok.doc[_entity_bounds(tok)[1] - 1].lower_ in _ORGANISATION_HEADS


def _named_place_modifier(c: Any) -> bool:
    """A place name modifying a noun: "the Lima summit" (not "the Water Cooperation forum")."""
    return c.ent_type_ in ("GPE", "LOC") and c.pos_ == "PROPN" and not _organisation_name(c) \
        or _city_in_gathering_name(c)


def _city_in_gathering_name(c: Any) -> bool:
    """"the Lima Summit" tagged as one name: a well-known city as the first word of a gathering's
    proper name is where it meets, whatever the tagger calls the whole.
    """
    head = c.head
    return c.dep_ == "compound" and c.pos_ == "PROPN" and head.pos_ == "PROPN" and c.i == head.left_edge.i + (
        1 if head.left_edge.lower_ == "the" else 0) and head.lemma_.lower() in _GATHERINGS \
        and c.ent_type_ not in ("PERSON", "NORP") and bool(resolve_place(c.text)) and looks_like_place(c.text) \
        and rule_on("location_city_names_gathering")


def _entity_bounds(tok: Any) -> tuple[int, int]:
    """The entity span the token sits in, grown over particles of a place name."""
    start, end = _of_name_run_on(tok.doc, *_whole_name(tok.doc, *entity_bounds(tok)))
    return start, _without_weekday(tok.doc, start, end)


def place_text(tok: Any, doc: Any) -> str:
    """The stated place: a whole entity span, or the noun phrase of a site ("the state house")."""
    if tok.ent_type_ in ("GPE", "LOC", "FAC"):
        start, end = _entity_bounds(tok)
        # a site noun after the entity belongs to it ("the Union Palace residence")
        if tok.dep_ == "compound" and tok.head.i == end and tok.head.lemma_.lower() in PLACE_NOUNS \
                and rule_on("place_site_nouns"):
            end += 1
        if start > 0 and doc[start - 1].lower_ == "the":
            start -= 1
        return _span_text(doc, start, end)
    left = tok.left_edge.i
    while left < tok.i and doc[left].dep_ in ("poss", "case") and doc[left].lower_ not in ("the",):
        left += 1
    return _span_text(doc, left, tok.i + 1)


def _span_text(doc: Any, start: int, end: int) -> str:
    """A place span's text without the punctuation and possessive marks at its edges."""
    return span_text(doc, start, end).strip(" ,.'")


def _named_by_of(tok: Any) -> Any:
    """The name a kind of place takes after "of": "the port city of Gdansk" → Gdansk; else None."""
    if tok.lemma_.lower() not in _PLACE_KINDS or not rule_on("location_kind_of_name"):
        return None
    # the name is a place by the grammar, whatever the tagger calls it
    return next((o for o in pobjs(tok, {"of"}) if is_gpe(o) or o.pos_ == "PROPN"), None)


def _is_site_noun(tok: Any) -> bool:
    """A common noun of a site ("a factory", "the shrine"), no name of one."""
    return tok.pos_ == "NOUN" and not tok.ent_type_ and tok.lemma_.lower() in PLACE_NOUNS


def _apposed_name(tok: Any) -> Any:
    """The named place apposed to a site or capital noun: "the old shrine, the Ninefold Temple" → Temple,
    "the Danish capital Copenhagen" → Copenhagen; else None.
    """
    if _national_capital(tok):
        # "the Danish capital Copenhagen": the name is a city by the grammar, whatever the tagger says
        return next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if not _is_site_noun(tok) or not rule_on("location_site_by_name"):
        return None
    return next((c for c in tok.children if c.dep_ == "appos" and c.ent_type_ in ("GPE", "LOC", "FAC")), None)


def _named_region(tok: Any) -> bool:
    """A region noun with a proper name compounded before it: "the Tarn region", "Vesk province"."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in _REGION_NOUNS and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)


def _possessed_place(tok: Any) -> bool:
    """A place a named place owns: "east Ruritania's Vesk Province", "Ruritania's Tarn region"
    (rule location_possessed_place). The owner only says where the owned place lies: the owned one
    is the more specific, and the one the text tells.
    """
    if not (tok.ent_type_ in ("GPE", "LOC") or _named_region(tok)) or not rule_on("location_possessed_place"):
        return False
    return any(c.dep_ == "poss" and is_gpe(c) for c in tok.children)


def _owned_place_text(tok: Any, doc: Any) -> str:
    """The owned place without its owner: "Vesk Province" of "east Ruritania's Vesk Province"."""
    if tok.ent_type_ in ("GPE", "LOC"):
        start, end = _entity_bounds(tok)
        if start > tok.left_edge.i:
            return _span_text(doc, start, end)
    owner = max((c for c in tok.children if c.dep_ == "poss"), key=lambda c: c.i)
    return _span_text(doc, owner.right_edge.i + 1, tok.i + 1)


def place_of(tok: Any, doc: Any) -> tuple[str, Any] | None:
    """The most specific stated place in a phrase: "the Jade Pagoda in Hue" → Hue."""
    if _possessed_place(tok):
        return _owned_place_text(tok, doc), tok
    named = _country_anaphor(tok)
    if named is not None:
        return place_text(named, doc), named
    named = _named_by_of(tok)
    if named is not None:
        return place_text(named, doc), named
    capital = _capital_before_name(tok)
    if capital is not None:
        return _span_text(doc, capital.i + 1, tok.i + 1), tok
    city = _capital_city(tok, doc)
    if city is not None:
        return city, tok
    named = _apposed_name(tok)
    if named is not None:
        return place_of(named, doc) or (place_text(named, doc), named)
    candidates = [t for t in own_subtree(tok) if is_gpe(t) and (t.dep_ != "compound" or t.i == tok.i)
                  and not (t.dep_ == "poss" and _possessed_place(t.head))]
    if is_place_token(tok) and tok.ent_type_ not in ("GPE", "LOC"):
        # a site ("10 Downing Street", "the state house") is itself the place
        if not candidates or tok.ent_type_ == "FAC":
            return place_text(tok, doc), tok
    if candidates:
        best = min(candidates, key=lambda t: t.i)
        if best.ent_type_ not in ("GPE", "LOC"):
            return best.text, best
        return place_text(best, doc), best
    if is_place_token(tok):
        return place_text(tok, doc), tok
    return None


def _names_its_owner(tok: Any) -> bool:
    """A site noun with a name among its modifiers: "the NATO headquarters", "Oslo's city hall"."""
    return any(c.dep_ in ("compound", "nmod", "poss") and (c.pos_ == "PROPN" or c.ent_type_)
               for c in tok.children)


def visited_place(verb: Any, obj: Any, doc: Any, here: str | None = None) -> str | None:
    """Where a visit to `obj` is: its stated place, and for a site with no city of its own ("visit
    a plant in <city>") the city or country the clause names.
    """
    found = place_of(obj, doc)
    if found is None:
        return None
    name, where = found
    if where is obj and _is_site_noun(obj) and not _names_its_owner(obj) and rule_on("location_site_by_name"):
        # a common site is somewhere: the clause's city or country says where; a site named by
        # its owner ("the NATO headquarters") is a place in its own right
        around = placement(verb, doc, [], here)
        if around and resolve_place(around[0]):
            return around[0]
    return name


def _entity_text(tok: Any) -> str:
    """The whole entity the token sits in ("Kuala Lumpur"), or the token alone."""
    if not tok.ent_iob_ or tok.ent_iob_ == "O":
        return str(tok.text)
    start, end = _entity_bounds(tok)
    return span_text(tok.doc, start, end)


def _first_place(objs: Sequence[Any], doc: Any) -> str | None:
    """The first place among the objects of "in", "at" or "to"."""
    for o in objs:
        if is_place_token(o):
            found = place_of(o, doc)
            if found:
                return found[0]
    return None


# ---------------------------------------------------------------- sources in the clause


@dataclass(frozen=True, slots=True)
class _Ask:
    tok: Any  # the trigger
    doc: Any
    participants: Sequence[Any]  # tokens of the parties other than the subject
    here: str | None  # the dateline city


def _from_here(a: _Ask) -> str | None:
    """The dateline city, when "here" is in the trigger's clause ("talks here", "arrived here")."""
    if not a.here:
        return None
    return a.here if any(says_here(w) for w in governing_chain(a.tok)[:3]) else None


def _event_noun(tok: Any) -> bool:
    """An event noun: a common one, or a gathering's proper name ("the Lakeside Summit"),
    whose venue clause ("which opened in Tallinn") places it just as a common noun's does.
    """
    return tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and rule_on("location_proper_event_noun")


def _from_trigger_phrase(a: _Ask) -> str | None:
    """The trigger's own place phrase: "met in Oslo", "talks at the palace", "a visit to Rome"."""
    preps = _CLAUSE_PREPS | {"to"} if a.tok.pos_ == "NOUN" else _CLAUSE_PREPS
    return _first_place(pobjs(a.tok, preps), a.doc)


def _from_noun_modifier(a: _Ask) -> str | None:
    """A place name modifying the event noun: "the Lima summit"."""
    if not _event_noun(a.tok):
        return None
    for c in a.tok.children:
        if c.dep_ in ("compound", "amod", "nmod") and _named_place_modifier(c):
            # "the Lima summit": "the" is the summit's; a city inside a gathering's name is its word alone
            return _entity_text(c) if c.ent_type_ in ("GPE", "LOC") else str(c.text)
    return None


def _from_venue_verb(a: _Ask) -> str | None:
    """Where the event noun is said to be held: "the talks are being held in Muscat"."""
    if not _event_noun(a.tok) or a.tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    head = a.tok.head
    for v in [head, *[c for c in head.children if c.dep_ == "xcomp"]]:
        if v.lemma_.lower() in _VENUE_VERBS:
            found = _first_place(pobjs(v, {"in", "at"}), a.doc)
            if found:
                return found
    return None


def _held_at(noun: Any, doc: Any) -> str | None:
    """Where a gathering noun is said to be: "the summit in Cairns", "the Cairns summit", "the forum,
    (to be) held in Lima".
    """
    found = _first_place(pobjs(noun, _CLAUSE_PREPS), doc)
    if found:
        return found
    for c in noun.children:
        if c.dep_ in ("compound", "nmod") and _named_place_modifier(c):
            # "the Cairns summit": "the" is the summit's; a city inside a gathering's name is its word alone
            return _entity_text(c) if c.ent_type_ in ("GPE", "LOC") else str(c.text)
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _VENUE_VERBS:
            found = _first_place(pobjs(c, _CLAUSE_PREPS), doc)
            if found:
                return found
    return None


def _from_venue_participle(a: _Ask) -> str | None:
    """An event noun with its own venue clause: "talks held in Muscat", "a summit, which will take
    place in Lima".
    """
    if not _event_noun(a.tok):
        return None
    for c in a.tok.children:
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _VENUE_VERBS:
            found = _first_place(pobjs(c, _CLAUSE_PREPS), a.doc)
            if found:
                return found
    return None


def _from_host_event(a: _Ask) -> str | None:
    """The place of the gathering a meeting happens at: "met X at (on the sidelines of) the
    summit in Cairns".
    """
    for w in [a.tok, *governing_chain(a.tok)[1:2]]:
        for o in pobjs(w, {"at", "during", "on"}):
            if o.lemma_.lower() in _SIDELINES:
                o = next(iter(pobjs(o, {"of"})), o)
            if o.i != a.tok.i and o.lemma_.lower() in _HOST_EVENTS:
                found = _held_at(o, a.doc)
                if found:
                    return found
    return None


def _from_participant_phrase(a: _Ask) -> str | None:
    """A place inside the counterpart's phrase: "officials in Tbilisi"."""
    for p in a.participants:
        found = _first_place(pobjs(p, {"in", "at"}), a.doc)
        if found:
            return found
    return None


def _place_of_noun_phrase(tok: Any, doc: Any, preps: set[str] | frozenset[str],
                          nouns: set[str] | frozenset[str], place_preps: set[str]) -> str | None:
    """The place a noun phrase under `tok` names: "during a visit to X" (a journey noun after
    during/on, its place after to/in), "on arrival in X" (a stay noun, its place after in/at).
    """
    for o in pobjs(tok, preps):
        if o.lemma_.lower() in nouns:
            found = _first_place(pobjs(o, place_preps), doc)
            if found:
                return found
    return None


def _journey_end(tok: Any, doc: Any) -> str | None:
    """Where "on/during a visit to X" under `tok` goes."""
    return _place_of_noun_phrase(tok, doc, {"during", "on"}, _JOURNEY_NOUNS, {"to", "in"})


def _from_journey(a: _Ask) -> str | None:
    """The destination of the journey the meeting is part of: "met X during a trip to Tunis"."""
    for w in [a.tok, *governing_chain(a.tok)[1:2]]:
        found = _journey_end(w, a.doc)
        if found:
            return found
    return None


def _stay_in(verb: Any, doc: Any) -> str | None:
    """Where a stay phrase under `verb` puts the traveller: "during his stay in X", "on arrival in X"."""
    return _place_of_noun_phrase(verb, doc, _STAY_PREPS, _STAY_NOUNS, {"in", "at"})


def _from_stay_phrase(a: _Ask) -> str | None:
    """The place of a stay the clause is set in: "During her stay in Bergen, X saw Y".

    A stay is not a journey ("a visit to X") but being somewhere: what the traveller does during
    it, or on arriving, happens there.
    """
    for w in [a.tok, *governing_chain(a.tok)[1:3]]:
        found = _stay_in(w, a.doc)
        if found:
            return found
    return None


def _from_governing_clause(a: _Ask) -> str | None:
    """The place of the governing clause: "In Tokyo, X will meet Y", "will fly to Lima for a summit"."""
    chain = governing_chain(a.tok)
    for i, w in enumerate(chain[1:], start=1):
        # a journey's end is where what it is for takes place
        lemma = w.lemma_.lower()
        # "headed for Amman for talks": each journey verb's own destination prepositions (lexicon)
        preps = _CLAUSE_PREPS | {"to", "into", *_MOTION_PREPS.get(lemma, ())} if lemma in _ARRIVAL_VERBS \
            else _CLAUSE_PREPS
        if lemma in _ARRIVAL_VERBS and _left_after(chain[i - 1]):
            continue  # "returned to Oslo after a visit": the journey home is not where the visit was
        # "is due in Lima for a visit": the complement's place is the clause's
        heads = [w, *(c for c in w.children if c.dep_ == "acomp")]
        objs = [o for h in heads for o in pobjs(h, preps)]
        if _crossed_coordination(chain[:i + 1]) and lemma not in _ARRIVAL_VERBS and rule_on("location_conjunct_scope"):
            # "toured a dairy and was later to see X": a site after the first verb is its
            # own; a place before it ("In Bangkok, X held talks and met Y"), a city or country
            # ("met X in Hanoi and was to meet Y") and a journey's end ("arrived in Oslo and
            # met Y") set the scene for both
            objs = [o for o in objs if o.head.i < w.i or is_gpe(o)]
        found = _first_place(objs, a.doc)
        if found:
            return found
    return None


def _left_after(link: Any) -> bool:
    """The link from an event up to a journey verb tells the journey as made after it ("returned
    home after talks", "arrived in Oslo after a summit"): the journey leads away from the event.
    """
    if not rule_on("location_journey_after_event"):
        return False
    if link.dep_ == "prep":
        return link.lower_ in _AFTER_MARKS
    return link.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _AFTER_MARKS for c in link.children)


def _crossed_coordination(chain: Sequence[Any]) -> bool:
    """The chain climbed from a coordinated verb to the first one ("X held talks and met Y")."""
    return any(w.dep_ == "conj" for w in chain[:-1])


def _from_where_clause(a: _Ask) -> str | None:
    """The place named before "where": "..., the capital Hanoi, where X met Y"."""
    for w in governing_chain(a.tok):
        marks = [c.i for c in w.children if c.lower_ == "where" and c.dep_ == "advmod"]
        if marks:
            sent = a.doc[marks[0]].sent
            for i in range(min(marks) - 1, sent.start - 1, -1):
                if a.doc[i].ent_type_ in ("GPE", "LOC", "FAC"):
                    return place_text(a.doc[i], a.doc)
            return None
    return None


# Nearest and most explicit first: "here" and the trigger's own phrase state the venue; a
# participant's or the clause's place only says where the people are.
CLAUSE_SOURCES: tuple[tuple[str, Callable[[_Ask], str | None]], ...] = (
    ("location_here_dateline", _from_here),
    ("location_trigger_phrase", _from_trigger_phrase),
    ("location_noun_modifier", _from_noun_modifier),
    ("location_venue_verb", _from_venue_verb),
    ("location_venue_participle", _from_venue_participle),
    ("location_host_event", _from_host_event),
    ("location_in_participant_phrase", _from_participant_phrase),
    ("location_during_visit", _from_journey),
    ("location_stay_phrase", _from_stay_phrase),
    ("location_governing_clause", _from_governing_clause),
    ("location_where_clause", _from_where_clause),
)


def placement(tok: Any, doc: Any, participants: Sequence[Any], here: str | None = None) -> tuple[str, str] | None:
    """The place the clause of trigger `tok` states, with the name of the source that found it."""
    ask = _Ask(tok, doc, participants, here)
    for name, source in CLAUSE_SOURCES:
        if rule_on(name):
            found = source(ask)
            if found:
                return found, name
    return None


def place_in_clause(tok: Any, doc: Any, participants: Sequence[Any], here: str | None = None) -> str | None:
    """The place the clause of trigger `tok` states (see `placement`), or None."""
    found = placement(tok, doc, participants, here)
    return found[0] if found else None


# ---------------------------------------------------------------- the visitor's stay


class EventLike(Protocol):
    """What `place_by_stay` reads and sets on an event."""

    participants: list[str]
    location: str | None
    status: str
    status_reason: str
    type: str
    motion: bool
    token: int
    from_title: bool


def _under_way(stay: EventLike, here: str | None) -> bool:
    """A stay that has begun and goes on: one where the story is filed (the dateline city or its country)."""
    return bool(here and stay.location) and (stay.location == here or place_contains(stay.location or "", here or ""))


def _stays_of(ev: EventLike, stays: Sequence[EventLike], same: Callable[[str, str], bool],
              here: str | None) -> list[EventLike]:
    """The stays of a party of `ev` it may fall in: of the same status, or under way for a plan."""
    # a stay told before the meeting: "X will tour Norway ... X is to call on the King"
    mine = [s for s in stays if any(same(p, s.participants[0]) for p in ev.participants)]
    same_status = [s for s in mine if s.status == ev.status]
    if same_status:
        return same_status
    # "X arrived here on Monday and will meet Y": a plan made during a stay under way
    return [s for s in mine if ev.status == "planned" and s.status == "happened" and _under_way(s, here)]


def _stay_place(ev: EventLike, options: Sequence[EventLike]) -> str | None:
    """One place for the event: the only one its stays name, else the latest before it."""
    places = {s.location for s in options if s.location}
    if len(places) == 1:
        return places.pop()
    before = [s for s in options if s.token <= ev.token and s.location]
    return max(before, key=lambda s: s.token).location if before else None


def _filed_from_stay(ev: EventLike, place: str | None, here: str | None) -> str | None:
    """A meeting that took place on a visit to the country the story is filed from is in the
    dateline city: "X, on a visit to <country>, met Y" under that city's dateline. The text gives
    the city, and a stay under way is where the reporter is; a plan may still go elsewhere.
    """
    if place and here and ev.status == "happened" and place_contains(place, here) \
            and rule_on("location_stay_dateline_city"):
        return here
    return place


def place_by_stay(events: Sequence[EventLike], same: Callable[[str, str], bool], here: str | None = None) -> None:
    """A meeting with no stated place takes the place of a visit one of its parties is on.

    "X will tour Norway ... X is also to call on the King": the meeting is in Norway. Calls have
    no place, and an earlier leg (reported-past) may have been anywhere, so both are left alone.
    """
    if not rule_on("location_visit_stay"):
        return
    # a stay is in a city or country: a tour of a factory or a shrine is an outing, not a stay
    stays = [ev for ev in events if ev.location and ev.participants and (ev.motion or ev.type == "visit")
             and ev.status != "reported-past" and resolve_place(ev.location)]
    if not stays:
        return
    for ev in events:
        if ev.location or ev.motion or ev.type == "visit" or ev.type in _PLACELESS_TYPES \
                or ev.status == "reported-past":
            continue
        ev.location = _filed_from_stay(ev, _stay_place(ev, _stays_of(ev, stays, same, here)), here)


def _clause_parties(verb: Any) -> list[Any]:
    """The subjects and objects of a verb, with their conjuncts ("A and B told C here")."""
    heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative")]
    heads += pobjs(verb, {"with", "by"})
    return [t for h in heads for t in (h, *h.conjuncts)]


def _holder_of(tok: Any) -> Any:
    """The person a phrase describes: "X, the envoy in Oslo" → X; "X, who is in Oslo" → X."""
    if tok.pos_ in ("VERB", "AUX"):
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
            return tok.head
        return subj
    return tok.head if tok.dep_ == "appos" else tok


def _who(tok: Any) -> Any:
    """The noun a relative pronoun stands for ("X, who was here" → X); other words as they are."""
    if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _visitor(tok: Any) -> list[Any]:
    """The person "visiting" describes: "visiting Minister X", also when parsed as a verb with X its object."""
    if tok.dep_ in ("amod", "compound", "nmod"):
        head = tok.head
        while head.ent_type_ != "PERSON" and head.dep_ == "compound":
            head = head.head
        return [head] if head.ent_type_ == "PERSON" else []
    objs = [o for o in tok.children if o.dep_ == "dobj"]
    if not objs and tok.dep_ == "advcl":
        named = _titled_name_after(tok)
        if named is not None:
            return [named]
        # "Visiting, X said": a participle with no object describes the main clause's subject
        return [c for c in tok.head.children if c.dep_ == "nsubj"]
    return [o for o in objs if o.ent_type_ == "PERSON"]


def _titled_name_after(tok: Any) -> Any:
    """The name a title right after "visiting" leads to: "..., visiting Chilean Foreign Minister X
    said" parsed with "visiting" as a clause of its own and X the main verb's subject.
    """
    if not rule_on("location_visiting_title_name"):
        return None
    for t in tok.doc[tok.i + 1 : tok.i + 8]:
        if t.ent_type_ == "PERSON":
            return t
        if not (t.ent_type_ == "NORP" or t.pos_ == "PROPN" and t.text[:1].isupper() or t.lower_ in ("-", "of")):
            return None  # a title is capitalised words and nationalities; anything else ends it
    return None


def present_here(doc: Any, here: str | None, name: Callable[[Any], str | None]) -> list[str]:
    """The people the text puts in the dateline city: "X said here", "told X here", "X, the envoy in
    <city>", "X, who is in <city>", "visiting X".
    """
    if not here or not rule_on("location_dateline_present"):
        return []
    city = here.lower()
    found: list[Any] = []
    for tok in tokens_with(doc, "LOWER", ("here", "in", "visiting")):  # the only words tried below
        if tok.lower_ == "here" and tok.dep_ in ("advmod", "npadvmod", "pobj"):
            verb = tok.head.head if tok.dep_ == "pobj" else tok.head
            # "said in an interview here", "is on a visit here": the verb the phrase hangs on
            for _ in range(3):
                if verb.pos_ in ("VERB", "AUX") or verb.dep_ not in ("pobj", "dobj", "npadvmod") \
                        or not rule_on("location_here_phrase_verb"):
                    break
                verb = verb.head.head if verb.dep_ == "pobj" else verb.head
            if verb.pos_ in ("VERB", "AUX"):
                found.extend(_who(t) for t in _clause_parties(verb))
        elif tok.lower_ == "in" and tok.dep_ == "prep" and any(
                o.dep_ == "pobj" and _entity_text(o).lower() in (city, "the " + city) for o in tok.children):
            holder = _holder_of(tok.head)
            if holder is not None:
                found.append(holder)
        elif tok.lower_ == "visiting":
            found.extend(_visitor(tok))
    names: list[str] = []
    for t in found:
        n = name(t)
        if n and n not in names:
            names.append(n)
    return names


def _verb_of(tok: Any) -> Any:
    """The verb a phrase hangs on ("said on arrival in X": said), or None."""
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.dep_ == "ROOT":
            return None
        tok = tok.head
    return None


def _stay_traveller(noun: Any) -> Any:
    """The traveller of a stay phrase: the subject of the verb it hangs on ("X said upon arrival")."""
    verb = _verb_of(noun.head.head)
    if verb is None:
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _who(subj) if subj is not None else None


def _city_or_country(tok: Any) -> bool:
    """A city or country by tag, or a proper name the gazetteer knows ("Bergen" tagged an organisation)."""
    return is_gpe(tok) or tok.pos_ == "PROPN" and tok.ent_type_ != "PERSON" and looks_like_place(tok.text)


def _presence_of(tok: Any, doc: Any) -> tuple[Any, str] | None:
    """A person and the place one phrase puts them in now: "X said on arrival in Oslo", "X,
    currently visiting Oslo,", "X, who is in Oslo".
    """
    if tok.lemma_.lower() in _STAY_NOUNS and tok.dep_ == "pobj" and tok.head.lower_ in _STAY_PREPS:
        place = _first_place(pobjs(tok, {"in", "at"}), doc)
        return (_stay_traveller(tok), place) if place else None
    if tok.lower_ == "visiting" and tok.dep_ in ("acl", "relcl"):
        # a visit under way, told of the person ("X, visiting Oslo, met Y"): X is in Oslo
        place = _first_place([c for c in tok.children if c.dep_ == "dobj" and _city_or_country(c)], doc)
        return (_holder_of(tok) if tok.dep_ == "relcl" else tok.head, place) if place else None
    if tok.lower_ == "in" and tok.dep_ == "prep" and tok.head.lemma_ == "be" and tok.head.dep_ == "relcl" \
            and tok.head.tag_ in ("VBZ", "VBP"):
        # "X, who is in Oslo for talks": present tense, so where X is while the news happens
        place = _first_place([o for o in pobjs(tok.head, {"in"}) if _city_or_country(o)], doc)
        return (_holder_of(tok.head), place) if place else None
    return None


# The dependencies `_presence_of` reads a presence at (a stay noun's object, a participle or
# relative clause, "in"): other tokens are never tried.
_PRESENCE_DEPS = ("pobj", "acl", "relcl", "prep")


def stated_presence(doc: Any, name: Callable[[Any], str | None]) -> dict[str, list[str]]:
    """The places the text puts each person in while its news happens, by the person's name."""
    found: dict[str, list[str]] = {}
    for tok in tokens_with(doc, "DEP", _PRESENCE_DEPS):
        hit = _presence_of(tok, doc)
        if hit is None or hit[0] is None:
            continue
        who = name(hit[0])
        if who:
            places = found.setdefault(who, [])
            if not any(p.lower() == hit[1].lower() for p in places):
                places.append(hit[1])
    return found


def place_by_presence(events: Sequence[EventLike], doc: Any, name: Callable[[Any], str | None],
                      same: Callable[[str, str], bool]) -> None:
    """A meeting with no stated place is where the text puts one of its parties at the time.

    "X told reporters on arrival in Tromso ... she saw the mayor": news places a traveller once,
    in a phrase of being there ("on arrival in", "during his stay in", "currently visiting", "who
    is in"), and tells what they do there without the place. Only one place for the parties
    counts; earlier events (reported-past) may have been anywhere, calls have no place, and a
    journey (motion) goes somewhere else.
    """
    if not rule_on("location_stated_presence"):
        return
    open_events = [ev for ev in events if not ev.location and not ev.motion and ev.participants
                   and ev.status != "reported-past" and ev.type not in _PLACELESS_TYPES]
    if not open_events:
        return
    present = stated_presence(doc, name)
    for ev in open_events:
        places = {p.lower(): p for who, where in present.items()
                  if any(same(q, who) for q in ev.participants) for p in where}
        if len(places) == 1:
            ev.location = next(iter(places.values()))


def _is_definite(noun: Any) -> bool:
    """"the meeting", "their summit", "the APEC Summit": a gathering the reader already knows."""
    return noun.pos_ == "PROPN" or any(
        c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in _DEFINITE_DETS
        or c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children)


def _verb_place(verb: Any, doc: Any, here: str | None) -> str | None:
    """Where a verb's clause is: "opened in Lima", "wrapped up here"."""
    if here and says_here(verb):
        return here
    return _first_place(pobjs(verb, {"in", "at"}), doc)


def _gathering_place(noun: Any, doc: Any, here: str | None) -> str | None:
    """The place one mention of a gathering states: "a meeting in Lima", "the summit here", "the
    forum, which opened here", "opened a summit in Lima", "the summit began in Lima".
    """
    if here and says_here(noun):
        return here
    found = _held_at(noun, doc)
    if found:
        return found
    for c in noun.children:
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _GATHERING_VERBS:
            found = _verb_place(c, doc, here)
            if found:
                return found
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and head.lemma_.lower() in _GATHERING_VERBS:
        return _verb_place(head, doc, here)
    return _raised_gathering_place(noun, doc, here)


def _raised_gathering_place(noun: Any, doc: Any, here: str | None) -> str | None:
    """Where a gathering's to-clause puts it: "the forum is to take place in Lima", "the session is
    expected to be held in Lima" (rule location_raised_gathering).
    """
    # WHY: the parser makes the gathering the subject of "is" (or "expected") and hangs the place
    # on the to-clause's verb; grammar makes the two one subject, so the place is the gathering's
    if not rule_on("location_raised_gathering") or noun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    raised = raised_gathering_verb(noun.head)
    return _verb_place(raised, doc, here) if raised is not None else None


def raised_gathering_verb(verb: Any) -> Any:
    """The gathering verb of a to-clause that shares the verb's subject: "(the meeting) is to take
    place", "is expected to be held", "is due to open"; None when there is none.
    """
    for _ in range(3):  # "is expected to be scheduled to open": a short chain of to-clauses
        nxt = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
        if not nxt:
            return None
        verb = nxt[0]
        if verb.lemma_.lower() in _GATHERING_VERBS:
            return verb
    return None


def _gathering_kind(noun: Any) -> str:
    """The word a gathering noun is restated by: its kin's ("talks" for "discussion", "meeting"
    for "gathering") when news names one gathering by both (lexicon), else its own lemma.
    """
    lemma = str(noun.lemma_.lower())
    if rule_on("location_restated_kin"):
        return str(_GATHERING_KIN.get(lemma, lemma))
    return lemma


def _restated_place(tok: Any, doc: Any, here: str | None, skip: Collection[int] = frozenset()) -> str | None:
    """The one place the text states for a gathering at its other mentions by the same word: the
    ones before it, and those after it that are not told as new ("a summit" after "the summit"
    is another gathering), but for the mentions at `skip`;
    of a country and a city in it ("a meeting in Kuwait", "the meeting here"), the city.
    """
    kind = _gathering_kind(tok)
    return _one_gathering_place(tok, doc, here, lambda other: _gathering_kind(other) == kind, skip)


def _one_gathering_place(tok: Any, doc: Any, here: str | None, same: Callable[[Any], bool],
                         skip: Collection[int]) -> str | None:
    """The one place the text gives the gathering `tok` at its other mentions that `same` accepts,
    but for an earlier gathering, a new one told after it and the mentions at `skip`: of a country
    and a city in it, the city; of two places, the dateline city's.
    """
    places: dict[str, str] = {}
    for other in tokens_with(doc, "POS", ("NOUN", "PROPN")):  # a gathering is told by a noun
        if other.i == tok.i or not same(other):
            continue
        if other.i in skip:
            continue  # "next weekend's board meeting" after "the weekly meeting held in X": another one
        if any(c.dep_ == "amod" and c.lower_ in _EARLIER_MODS for c in other.children):
            continue  # "an earlier session there": another, earlier gathering
        if other.i > tok.i and any(c.dep_ == "det" and c.lower_ in _INDEFINITE_DETS for c in other.children):
            continue  # "the forum ... two years on, at a forum in Quito": a new one, not this one
        found = _gathering_place(other, doc, here)
        if found:
            places.setdefault(found.lower().removeprefix("the "), found)
    named = set(places.values())
    inner = [p for p in named if not any(q != p and place_contains(p, q) for q in named)]
    if len(inner) == 1:
        return inner[0]
    return _filed_gathering(inner, here)


def _acronym(tok: Any) -> bool:
    """A proper name in capitals ("NTC", "G9"): the short name of a body that holds gatherings, not
    of a country ("US") the tagger knows as one.
    """
    text = str(tok.text)
    return tok.pos_ == "PROPN" and 2 <= len(text) <= 8 and text.isupper() and any(ch.isalpha() for ch in text) \
        and tok.ent_type_ not in ("GPE", "LOC", "NORP")


def _gathering_acronyms(noun: Any) -> frozenset[str]:
    """The body short names a gathering is named by: "the Nordic Trade Council (NTC) forum",
    "the NTC leaders' meeting" → NTC; a bare name ("on the sidelines of NTC") is its own.
    """
    if _acronym(noun) and noun.ent_type_ == "ORG":
        return frozenset((str(noun.text),))
    if noun.lemma_.lower() not in _GATHERINGS and noun.lemma_.lower() not in _HOST_EVENTS:
        return frozenset()
    # the name run before the noun, read off the words: the parser often breaks a long name apart
    names = set()
    i = noun.i - 1
    while i >= 0 and (noun.doc[i].pos_ == "PROPN" or noun.doc[i].text in _NAME_RUN_MARKS
                      or noun.doc[i].dep_ in ("compound", "poss")):  # "the NTC leaders' summit meetings"
        if _acronym(noun.doc[i]):
            names.add(str(noun.doc[i].text))
        i -= 1
    return frozenset(names)


def _sideline_gatherings(tok: Any) -> list[Any]:
    """The gatherings the trigger's phrase puts it on the sidelines of, wherever the phrase hangs
    ("talks with X on the sidelines of the forum" with the phrase on X).
    """
    return [o for t in tok.subtree if t.lemma_.lower() in _SIDELINES for o in pobjs(t, {"of"})]


def _place_by_body_name(tok: Any, doc: Any, here: str | None, skip: Collection[int] = frozenset()) -> str | None:
    """The one place the text gives a gathering named by the same body's short name, whatever noun
    heads it (rule location_restated_by_body_name): "the NTC forum", "NTC" and "the NTC leaders'
    meeting in Vardo" are one gathering; of a country and a city, the city; of two places, the
    dateline city's.
    """
    names = _gathering_acronyms(tok)
    if not names or not rule_on("location_restated_by_body_name"):
        return None
    return _one_gathering_place(
        tok, doc, here, lambda other: other.lemma_.lower() in _GATHERINGS and bool(names & _gathering_acronyms(other)),
        skip)


def _gathering_dated_ahead(noun: Any) -> bool:
    """Whether a gathering noun carries a date ahead of its own ("next weekend's meeting", "the
    coming session") (rule planned_gathering_not_held_one; lexicon: own_date_mods).
    """
    # WHY: a gathering dated ahead is not one the text tells as already held, so it does not take
    # that one's place ("the committee's weekly meeting held in X ... next weekend's council meeting")
    if not rule_on("planned_gathering_not_held_one"):
        return False
    for c in noun.children:
        if c.dep_ == "amod" and c.lower_ in _OWN_DATE_MODS:
            return True
        if c.dep_ in ("poss", "compound", "npadvmod") and c.ent_type_ == "DATE" and any(
                t.lower_ in _OWN_DATE_MODS for t in c.subtree):
            return True
    return False


def _filed_gathering(places: Sequence[str], here: str | None) -> str | None:
    """Of two or more places the text gives gatherings of one word, the dateline city: "the
    meeting" with no place of its own is the one the story is filed from, the others (a meeting
    a year before elsewhere) are cited around it.
    """
    if not here or not rule_on("location_restated_dateline_first"):
        return None
    return next((p for p in places if p.lower().removeprefix("the ") == here.lower()), None)


def place_by_other_mention(events: Sequence[EventLike], doc: Any, here: str | None) -> None:
    """"the meeting" with no place of its own is where the text's meeting is placed elsewhere.

    News names a gathering once with its place ("a one-day meeting in Lima", "the summit, which
    opened here") and then refers back to it ("at the meeting on Monday"). A definite mention by
    the same word takes the place when the text gives one place for that word, never when it
    places two gatherings of that word in two places.
    """
    if not rule_on("location_restated_gathering"):
        return
    held = {e.token for e in events if e.status in ("happened", "reported-past")}
    for ev in events:
        if ev.location or ev.type in _PLACELESS_TYPES or not 0 <= ev.token < len(doc):
            continue
        trigger = doc[ev.token]
        # first the gathering restated by its word, then one restated by its body's short name
        by_word = [(n, _restated_place) for n in _gatherings_of(trigger)
                   if _gathering_kind(n) in _GATHERINGS and n.pos_ in ("NOUN", "PROPN")]
        by_body = [(n, _place_by_body_name) for n in [*_gatherings_of(trigger), *_sideline_gatherings(trigger)]]
        for noun, place_of_mentions in [*by_word, *by_body]:
            if _is_definite(noun):
                ahead = ev.status == "planned" and _gathering_dated_ahead(noun)
                ev.location = place_of_mentions(noun, doc, here, skip=held if ahead else frozenset())
                if ev.location:
                    break


def _gatherings_of(tok: Any) -> list[Any]:
    """The trigger itself and the gathering it happens at: "talks at (on the sidelines of) the summit"."""
    found = [tok]
    for w in [tok, *governing_chain(tok)[1:2]]:
        for o in pobjs(w, {"at", "during", "on"}):
            if o.lemma_.lower() in _SIDELINES:
                o = next(iter(pobjs(o, {"of"})), o)
            if o.i != tok.i:
                found.append(o)
    return found


def place_by_dateline(events: Sequence[EventLike], doc: Any, here: str | None,
                      name: Callable[[Any], str | None], same: Callable[[str, str], bool]) -> None:
    """The places the whole document gives: a gathering's other mention, a party's stated
    presence, then the dateline city.

    A definite "the meeting" with no place of its own takes the place the text gives the same
    gathering elsewhere (`place_by_other_mention`); a meeting of a party the text puts somewhere
    ("on arrival in X") is there (`place_by_presence`). Then a meeting or visit with no stated place,
    by a party the text puts in the dateline city, is there: agency copy is filed from where its
    news happens, so a party who "said here" or is "the envoy in <city>" meets, and is visiting,
    where the story is filed; so does what a party of the dateline city's country did with no
    stated place ("Chilean President X met Y" under a Santiago dateline): a host at home. Earlier
    events (reported-past) may have been anywhere, and calls have no place, so they stay open;
    a visit goes elsewhere and plans may too, so only meetings that happened take a host's city.
    """
    place_by_other_mention(events, doc, here)
    place_by_presence(events, doc, name, same)
    if not here or not rule_on("location_dateline_present"):
        return
    open_events = [ev for ev in events if not ev.location]
    present = present_here(doc, here, name) if open_events else []
    hosts: list[str] | None = None
    for ev in open_events:
        recent = ev.status == "reported-past" and _of_the_news_week(ev, doc)
        if ev.status == "reported-past" and not recent or ev.type in _PLACELESS_TYPES:
            continue
        if any(same(p, q) for p in ev.participants for q in present):
            ev.location = here
        elif (ev.status == "happened" or recent) and ev.type != "visit" and not ev.from_title \
                and rule_on("location_dateline_local_host"):
            # a headline restates the body's event, which states its own place if it has one
            hosts = local_hosts(doc, here, name) if hosts is None else hosts
            if any(_of_country(p, here) or any(same(p, q) for q in hosts) for p in ev.participants):
                ev.location = here


def _of_the_news_week(ev: EventLike, doc: Any) -> bool:
    """A background meeting dated by a weekday ("met the envoys on Saturday"): one of the days
    just before the news, where the story's people still were, so the dateline places it as it
    places the news; older background may have been anywhere. Only a meeting made background by
    its date (status reason past_meeting_days_before): one made so by its tense or by a phrase
    ("had met on Saturday", "last met on Saturday") is not placed by its weekday.
    """
    if ev.status_reason != "past_meeting_days_before" or not 0 <= ev.token < len(doc):
        return False
    return dated_by_weekday(doc[ev.token])


_NATIONALITIES: dict[str, str] = table("nationality_countries")


def _country_of_word(word: str) -> str | None:
    """The country a nationality or country word marks: "Chilean", "Chile", "Chile's"."""
    word = word.lower().removesuffix("'s").removesuffix("\u2019s").strip()
    place = resolve_place(_NATIONALITIES.get(word, word))
    return place.country if place and not place.city else None


def _of_country(phrase: str, here: str | None) -> bool:
    """An unnamed party marked as of the dateline city's country: "Chilean officials", "a
    delegation from Chile".
    """
    home = resolve_place(here or "")
    if home is None:
        return False
    found = re.findall(r"[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*)?", phrase)
    pieces = [p for f in found for p in (f, *f.split())]
    return any(_country_of_word(p) == home.country for p in pieces)


def _marks_country(tok: Any, country: str) -> bool:
    """A nationality or country word of this country: "Chilean", "South Korean", "Chile's" (also
    inside an organisation's name: "Chile's National Congress", "the Senate of Chile").
    """
    if tok.ent_type_ in ("NORP", "GPE") and _country_of_word(_entity_text(tok)) == country:
        return True
    if _country_of_organisation(tok) == country:
        return True
    return tok.pos_ == "PROPN" and tok.dep_ == "poss" and _country_of_word(tok.text) == country


def _country_of_organisation(tok: Any) -> str | None:
    """The country an organisation's name ends with after "of" ("the Communist Party of Ruritania",
    "the National Assembly of Ruritania"), tagged with the organisation: its officials are of that
    country (rule location_host_by_organisation).
    """
    if tok.pos_ != "PROPN" or tok.dep_ != "pobj" or tok.head.lower_ != "of" or tok.ent_type_ != "ORG" \
            or not rule_on("location_host_by_organisation"):
        return None
    name = " ".join(t.text for t in tok.subtree if t.i == tok.i or t.dep_ == "compound" and t.head.i == tok.i)
    return _country_of_word(name)


_TITLE_RUN_WORDS = words("events", "title_run_words")
_TITLE_RUN_MAX = 10  # words a title before a name may run to ("Vice-Chairman of ... Board")


def _title_run(doc: Any, start: int) -> list[Any]:
    """The title written right before a name, back to the verb or comma before it: "Vice-Chairman of
    Norland's Defence Board" before "Ivo Marek" (at most ten words); its country word marks the holder.
    """
    run: list[Any] = []
    i = start - 1
    while i >= 0 and len(run) < _TITLE_RUN_MAX and not doc[i].is_sent_start and (
            doc[i].pos_ in ("PROPN", "NOUN", "ADJ") or doc[i].lower_ in _TITLE_RUN_WORDS):
        run.append(doc[i])
        i -= 1
    return run


def _untagged_name_start(tok: Any, name: Callable[[Any], str | None]) -> bool:
    """The first word of a name the people index knows though the tagger did not call it a person
    ("Vice Premier Ana Mira" left untagged): a host is asked for there as for a tagged name.
    """
    if tok.pos_ != "PROPN" or tok.ent_type_ in ("PERSON", "GPE", "LOC", "NORP", "DATE", "FAC") \
            or not rule_on("location_host_by_title"):
        return False
    who = name(tok)
    return bool(who) and (tok.i == 0 or name(tok.doc[tok.i - 1]) != who)


def local_hosts(doc: Any, here: str | None, name: Callable[[Any], str | None]) -> list[str]:
    """The people the text marks as of the dateline city's country: a nationality or country word
    just before the name or its title ("Chilean President X", "Chile's envoy X"), or in a phrase
    apposed to it ("X, a senator of Chile").
    """
    home = resolve_place(here or "")
    if home is None:
        return []
    hosts: list[str] = []
    for tok in tokens(doc):
        if (tok.ent_type_ != "PERSON" or tok.ent_iob_ != "B") and not _untagged_name_start(tok, name):
            continue
        near = [t for t in doc[max(0, tok.i - 4) : tok.i]]
        if rule_on("location_host_by_title"):
            near.extend(_title_run(doc, tok.i))
        end = _entity_bounds(tok)[1]
        for app in (c for t in doc[tok.i : end] for c in t.children if c.dep_ == "appos"):
            near.extend(app.subtree)
        if any(_marks_country(t, home.country) for t in near):
            who = name(tok)
            if who is None and end - tok.i > 1 and rule_on("location_host_by_organisation"):
                # the first word of the person's span stands for no one (the people index has no
                # person at "Tove" in "Tove Brekk"): the span's last word is asked instead
                who = name(doc[end - 1])
            if who and who not in hosts:
                hosts.append(who)
    return hosts


def home_trip(ev: EventLike, here: str | None, nations: Callable[[str], frozenset[str]]) -> bool:
    """A lone traveller's visit inside the country the text marks as the traveller's own
    ("Ruritanian President X leaves for Ruritania", "the Ruritanian leader visited a naval academy"
    under a Ruritanian dateline): a trip home or a tour at home, no visit (rule home_trip_no_visit).
    A site written as a common noun is taken to be in the dateline city's country; `nations`
    gives the nationality words the text writes before a person's titles.
    """
    if ev.type != "visit" or len(ev.participants) != 1 or not ev.location:
        return False
    site = ev.location[:1].islower()  # "the naval academy": a site, at the dateline unless named
    place = resolve_place(ev.location) or (resolve_place(here or "") if site else None)
    if place is None or not place.country:
        return False
    party = ev.participants[0]
    if is_group_name(party):
        return _of_country(party, place.country)
    return {_country_of_word(word) for word in nations(party)} == {place.country}


# Only north and south: "the West" and "the East" name blocs of countries, not one country.
_SHORT_COUNTRY = re.compile(r"^(?:the )?(north|south)$", re.IGNORECASE)


def short_country_names(doc_text: str) -> dict[str, str]:
    """"north" → "North Korea" when the text names exactly one country "North <X>" (or its
    adjective, "North Korean"; and so for south): news prose shortens it to "the North".
    """
    named: dict[str, set[str]] = {}
    for match in re.finditer(r"\b(North|South) [A-Z][a-z]+", doc_text):
        # "North Korean leader" names the country by its adjective: Korean → Korea.
        place = resolve_place(match.group(0)) or resolve_place(match.group(0).removesuffix("n"))
        if place is not None and not place.city:
            named.setdefault(match.group(1).lower(), set()).add(place.country)
    return {side: next(iter(countries)) for side, countries in named.items() if len(countries) == 1}


def place_short_countries(events: Sequence[EventLike], doc_text: str) -> None:
    """An event placed in "the North" is placed in the one "North <X>" country the text names;
    with none or several, it keeps the words the text used.
    """
    if not rule_on("location_short_country"):
        return
    sides = [(ev, short.group(1).lower()) for ev in events
             if ev.location and (short := _SHORT_COUNTRY.match(ev.location.strip()))]
    if not sides:
        return
    full = short_country_names(doc_text)
    for ev, side in sides:
        ev.location = full.get(side, ev.location)
