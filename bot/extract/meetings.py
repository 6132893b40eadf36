"""Meetings, talks, visits, calls and summits read off dependency parses: who, where, when, status.

Pure and cheap: one walk over the tokens of an already parsed document. Triggers are verbs
(meet, visit, host, hold talks, call, travel to, arrive in) and event nouns (meeting, talks,
summit, visit, trip) with their with/between/of/by arguments. Every rule asks `rule_on(name)`
(bot/extract/meeting_rules.py) so that an ablation can measure it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from bot.extract.coref import (
    COLLECTIVE_NOUNS,
    FIRST_PERSON,
    PARTY_NOUNS,
    Coref,
    hyphen_pair,
    is_group_name,
)
from bot.extract.entities import (
    TITLE_WORDS,
    PeopleIndex,
    organisation_name,
    place_contains,
    resolve_place,
)
from bot.extract.lexicon import table, words
from bot.extract.location import (
    dateline_place,
    home_trip,
    place_by_dateline,
    place_by_stay,
    place_short_countries,
    raised_gathering_verb,
    says_here,
    visited_place,
)
from bot.extract.location import is_gpe as _is_gpe
from bot.extract.location import is_place_token as _is_place_token
from bot.extract.location import place_in_clause as _location
from bot.extract.location import place_of as _place_of
from bot.extract.meeting_rules import rule_on, rules_off, trigger_rule
from bot.extract.status import PLANNED_NOUN_MODS, event_status
from bot.extract.syntax import children, doc_text, entity_bounds, has_the, np_text
from bot.extract.syntax import pobjs as _pobjs
from bot.extract.triggers import Trigger, find_triggers, trigger_types
from bot.models import Meeting

if TYPE_CHECKING:  # spaCy is imported lazily at run time: importing it costs about a second
    from spacy.tokens import Token


VERB_TYPES = trigger_types("verb")
_MOTION_PREPS: dict[str, list[str]] = table("motion_preps")
_MOTION_HEADS = words("events", "motion_heads")
NOUN_TYPES = trigger_types("noun")
MOTION_VERBS = words("events", "motion_verbs")
JOIN_VERBS = words("events", "join_verbs")
EXCLUDED_NOUN_MODS = words("events", "excluded_noun_mods")
_REMOTE_MODS = words("events", "remote_mods")
_MEETING_NOUNS_OF_BODIES = words("events", "meeting_nouns_of_bodies")
_GATHERING_VERBS = words("events", "gathering_verbs")
_OWN_DATE_MODS = words("events", "own_date_mods")
_PHONE_WORDS = ("phone", "telephone")  # the line a call goes over, as noun and as verb
_BODIES_THAT_MEET = words("events", "bodies_that_meet")
_GATHERINGS_OF_MANY = words("events", "gatherings_of_many")


@dataclass
class _Event:
    participants: list[str]
    location: str | None
    status: str
    strength: int  # 2: explicit marker; 1: from tense; 0: default
    status_reason: str  # the status rule that gave the status (status.Status.reason)
    type: str
    token: int  # the trigger's token index
    sent_start: int
    from_title: bool
    motion: bool = False  # a visit/travel by one person: a trip stop
    date: date | None = None
    evidence: str = ""
    sent_end: int = -1  # token index just past the trigger's sentence
    lemma: str = ""  # the trigger word
    further: bool = False  # told as one more event ("also visited X"), not a restatement
    restates: bool = False  # told by a definite event noun of no date of its own: an event told before
    cities: tuple[str, ...] = ()  # a country-wide visit's cities, as told ("Aqaba" of a visit to Jordan)


# ---------------------------------------------------------------- small helpers


def _conjuncts(tok: Any) -> list[Any]:
    """The token and the tokens coordinated with it ("X, Y and Z", "X as well as Y")."""
    out = [tok]
    stack = [tok]
    while stack:
        cur = stack.pop()
        found = [c for c in cur.children if c.dep_ == "conj"]
        if rule_on("as_well_as_list"):
            found.extend(_as_well_as_conjunct(c) for c in cur.children if c.dep_ == "cc")
        for c in found:
            if c is not None and c not in out and c.pos_ in ("NOUN", "PROPN", "PRON"):
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _as_well_as_conjunct(cc: Any) -> Any:
    """The phrase "as well as" joins to the word it hangs on, or None: the parser marks the
    coordinator but often hangs the phrase after it on the verb ("met A as well as B").
    """
    doc = cc.doc
    if cc.lower_ != "as" or cc.i < 2 or doc[cc.i - 1].lower_ != "well" or doc[cc.i - 2].lower_ != "as" \
            or cc.i + 1 >= len(doc):
        return None
    if any(c.dep_ == "conj" and c.i > cc.i for c in cc.head.children):
        return None  # the parser already coordinated the phrase after it
    cur = doc[cc.i + 1]
    for _ in range(8):  # climb to the head of the phrase that follows the coordinator
        if cur.head == cur or cur.head.i <= cc.i:
            break
        cur = cur.head
    if cur.dep_ not in ("npadvmod", "conj", "appos", "dobj", "pobj", "nmod", "dep"):
        return None
    # the phrase hangs on the first conjunct or on a word that governs it, never further out
    return cur if cur.head == cc.head or cur.head.is_ancestor(cc.head) else None


def _with_appos(toks: list[Any], people: PeopleIndex) -> list[Any]:
    """Replace a phrase by the names in apposition to it ("the leaders, A and B" → A, B)."""
    if not rule_on("apposed_names_for_phrase"):
        return toks
    out: list[Any] = []
    seen: set[int] = set()

    def take(t: Any, depth: int) -> None:
        if t.i in seen:
            return
        seen.add(t.i)
        names = [a for a in t.children if a.dep_ == "appos" and people.person_at(a.i)]
        if not names and not people.person_at(t.i):  # "the big three -- A, B and C --": the states
            names = [a for a in t.children if a.dep_ == "appos" and _state_list_member(a)]
        if names and rule_on("names_in_a_list") and people.person_at(t.i) not in (None, *map(
                lambda a: people.person_at(a.i), names)):
            # "A, B and C" read as A with B apposed: two names of two people are a list
            out.append(t)
        elif not names:
            out.append(t)
        # the list goes on through names apposed to names ("A, B, C and D" read as a chain)
        for a in names + _titled_list_members(t, people):
            for x in _conjuncts(a):
                if depth < 6:
                    take(x, depth + 1)
                elif x.i not in seen:
                    seen.add(x.i)
                    out.append(x)

    for t in toks:
        take(t, 0)
    return out


def _party_list(toks: list[Any], people: PeopleIndex) -> list[Any]:
    """A list of parties with the members the parser hung apart: one stranded past an apposed
    title, and names in an apposition ("A, B and C" parsed as A with B apposed).
    """
    return _with_appos(_with_stranded_member(toks, people), people)


def _with_stranded_member(toks: list[Any], people: PeopleIndex) -> list[Any]:
    """The list with the member the parser strands after an apposed phrase: in "talks with A,
    secretary of the X party, and President B" B is read as a conjunct of the verb, not of A.
    """
    extra = _stranded_member(max(toks, key=lambda t: t.i), people) if toks and rule_on("list_member_after_apposition") else None
    return toks if extra is None or extra in toks else [*toks, extra]


def _with_phrases(tok: Any) -> list[Any]:
    """The objects of a word's with-phrases, and of a with-phrase coordinated to one past an
    apposed title ("met with A, secretary of X, and with the B committee").
    """
    out = _pobjs(tok, {"with"})
    if not rule_on("list_member_after_apposition"):
        return out
    # the parser hangs the second "with" on the first or on the word itself
    heads = [tok, *(p for p in children(tok, "prep") if p.lower_ == "with")]
    for c in (c for h in heads for c in children(h, "conj")):
        if c.lower_ == "with" and c.pos_ == "ADP":
            out.extend(children(c, "pobj"))
    return out


def _stranded_member(last: Any, people: PeopleIndex) -> Any:
    """The named person right after a list's last member and ", and" that the parser hangs as a
    conjunct on a verb above the list; None when there is none.
    """
    # WHY: a verb is never coordinated with a name, so a name conjoined to a verb right where
    # the list of names goes on is the list's next member the parser lost past the apposition
    doc = last.doc
    j = last.right_edge.i + 1
    while j < len(doc) and doc[j].text == ",":
        j += 1
    if j + 1 >= len(doc) or doc[j].lower_ != "and" or doc[j].dep_ != "cc":
        return None
    verb = doc[j].head
    if verb.pos_ not in ("VERB", "AUX") or not (verb == last or verb.is_ancestor(last)):
        return None
    for c in verb.children:
        if c.dep_ == "conj" and c.left_edge.i == j + 1 and c.pos_ in ("PROPN", "NOUN") and people.person_at(c.i):
            return c
    return None


def _titled_list_members(tok: Any, people: PeopleIndex) -> list[Any]:
    """A title phrase apposed to a named person but naming another ("A, Chief of Staff B and C"
    parsed as A with "Chief of Staff B" apposed): two people are never one, so it is the list's next member.
    """
    own = people.person_at(tok.i)
    if not own or not rule_on("names_in_a_list"):
        return []
    out = []
    for a in children(tok, "appos"):
        if people.person_at(a.i) or a.pos_ != "PROPN" or a.lower_ not in TITLE_WORDS:
            continue
        inside = {people.person_at(t.i) for t in a.subtree} - {None}
        if inside and own not in inside:
            out.append(a)
    return out


# ---------------------------------------------------------------- participants


def _subject_tokens(verb: Any) -> list[Any]:
    """The subject of a verb, climbing through control and coordination ("is expected to meet")."""
    cur = verb
    for _ in range(6):
        subs = children(cur, "nsubj", "nsubjpass", "csubj")
        if subs and subs[0].lower_ not in ("it", "there"):
            subj = subs[0]
            if subj.lower_ in ("who", "that", "which") and cur.dep_ == "relcl":
                subj = cur.head
            if len(subs) > 1 and all(t.pos_ in ("PROPN", "NOUN") for t in subs) and any(
                    t.dep_ == "cc" for t in subs[0].children) and rule_on("sibling_subjects"):
                # "A and B agreed" parsed as two subjects of one verb: both are
                return sorted({c for t in subs for c in _conjuncts(t)}, key=lambda t: t.i)
            return _conjuncts(subj)
        if subs and cur.dep_ != "ccomp":
            return []  # "it was raining": no agent to find higher up
        if cur.dep_ == "xcomp" and cur.head != cur and rule_on("subject_object_control"):
            objs = children(cur.head, "dobj")
            if objs:
                return _conjuncts(objs[0])  # "invited X to visit Tokyo": X is the one to visit
        if cur.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acomp") and cur.head != cur:
            cur = cur.head
            continue
        if cur.dep_ == "pcomp" and cur.head.head != cur.head:
            cur = cur.head.head
            continue
        if cur.dep_ in ("relcl", "acl") and cur.head.pos_ in ("NOUN", "PROPN"):
            holder = cur.head
            if holder.dep_ == "attr" and rule_on("subject_of_copula_noun"):
                # "X is the first minister to visit Y": the one who visits is the copula's subject
                subs = children(holder.head, "nsubj")
                if subs and subs[0].lower_ in ("who", "that") and holder.head.dep_ == "relcl":
                    return _conjuncts(holder.head.head)  # "X, who is the first minister to visit Y"
                if subs and subs[0].pos_ != "PRON":
                    return _conjuncts(subs[0])
            return _conjuncts(holder)
        if cur.dep_ == "relcl":
            return _conjuncts(cur.head)
        if cur.dep_ == "attr" and cur.head != cur:
            cur = cur.head
            continue
        break
    return []


# ---------------------------------------------------------------- location


# ---------------------------------------------------------------- triggers


class MeetingReader:
    """Reads meeting events from one parsed document. Construct per document."""

    def __init__(self, doc: Any, people: PeopleIndex, published: datetime | None,
                 title_end: int = 0, source: str | None = None,
                 max_sentence_tokens: int = 200, coref: Coref | None = None) -> None:
        self.doc = doc
        self.max_sentence_tokens = max_sentence_tokens
        self.people = people
        self.published = published
        self.title_end = title_end  # char offset where the title (if prepended) ends
        text = doc_text(doc)  # joins every token: compute once
        self.source = source if source is not None and len(source) == len(text) else text
        # the extractor's resolver knows who spoke through each saying verb (quotes are read first)
        self.namer = coref if coref is not None else Coref(doc, people)
        self.events: list[_Event] = []
        self._text = text
        # the parties of the latest event told: "the two" may refer to them
        self._last_parties: list[tuple[str, Any]] = []
        self._quoted_cache: list[tuple[int, int]] | None = None
        self.here = dateline_place(self.source[title_end:])  # where "here" is

    @property
    def _quoted(self) -> list[tuple[int, int]]:
        if self._quoted_cache is None:  # only documents with a trigger pay for quote pairing
            self._quoted_cache = _quoted_ranges(self._text)
        return self._quoted_cache

    def read(self) -> list[_Event]:
        """The events the document's trigger words state, in text order."""
        doc = self.doc
        found = find_triggers(doc)  # one Matcher pass; the rules look at trigger tokens only
        legs = _journey_noun_indices(doc) if rule_on("trip_legs") else []
        if not found and not legs:
            return self.events
        too_long = _long_sentence_mask(doc.to_array("SENT_START"), self.max_sentence_tokens)
        for i, trig in found:
            if not too_long[i] and rule_on(trigger_rule(trig.name)):
                self._token(doc[i], trig)
        for i in legs:
            if not too_long[i]:
                self._trip_legs(doc[i])
        if rule_on("headline_lone_party"):
            self.events = [e for e in self.events if not _headline_lone_party(e)]
        return self.events

    def _trip_legs(self, noun: Any) -> None:
        """One visit per place a journey names as its legs: "a tour that will take her to A, B and
        C", "a tour which also includes A", "earlier stops in A and B" (an earlier leg is behind).
        """
        if self._quoted and _inside(self._quoted, noun.idx):
            return
        legs: list[tuple[Any, Any]] = []  # (the word whose clause dates the leg, the place)
        pronoun_travellers: list[Any] = []
        if noun.lemma_.lower() in _LEG_NOUNS and not any(
                c.lower_ in _SERVICE_STOP_WORDS for c in noun.children if c.dep_ in ("amod", "compound")):
            legs.extend((noun, p) for p in _places_under(noun, {"in", "at", "to"}))
        clauses = children(noun, "relcl", "acl") + [
            v for o in _pobjs(noun, {"to", "of"}) for v in children(o, "relcl")]  # "a visit to A, which included B"
        for verb in clauses:
            if verb.lemma_.lower() not in _ITINERARY_VERBS:
                continue
            pronoun_travellers.extend(c for c in children(verb, "dobj") if c.pos_ == "PRON")
            legs.extend((verb, p) for p in _places_under(verb, {"to"}))
            legs.extend((verb, p) for d in children(verb, "dobj") for p in _conjuncts(d) if _leg_place(p))
        if not legs:
            return
        # "X began a tour that will take him to A": the tour's maker first, "him" only failing that
        travellers = self._journey_travellers(noun) or self._names(pronoun_travellers)
        if len(travellers) != 1:
            return
        earlier = any(c.lower_ in _EARLIER_LEG for c in noun.children if c.dep_ in ("amod", "advmod"))
        for when, place_tok in legs:
            place = _place_of(place_tok, self.doc)
            name = place[0] if place else place_tok.text  # a country the parser took for a person
            for ev in self._emit(when, travellers, [], "visit", name, split=False, motion=True):
                if earlier:  # behind the journey told now; the sentence's date is not the leg's
                    ev.status, ev.strength, ev.date = "reported-past", 2, None

    def _journey_travellers(self, noun: Any, depth: int = 0) -> list[tuple[str, Any]]:
        """Who makes a journey: its possessor ("his tour"), the subject of the verb it hangs on
        ("X began a tour", "X arrived as part of a tour"), or the maker of the journey whose
        clause names it ("X's visit, which included stops in A").
        """
        poss = children(noun, "poss")
        if poss:
            return self._names(poss)
        cur = noun
        for _ in range(4):
            if cur.dep_ not in ("dobj", "pobj", "prep", "attr", "nsubjpass") or cur.head == cur:
                return []
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                break
        else:
            return []
        outer = _journey_of_clause(cur)
        if outer is not None and depth < 2:
            return self._journey_travellers(outer, depth + 1)
        return self._names(_subject_tokens(cur))

    def _token(self, tok: Any, trig: Trigger) -> None:
        if rule_on("skip_inside_quotes") and self._quoted and _inside(self._quoted, tok.idx):
            return  # what someone says inside quotation marks is speech, not a reported event
        if trig.role == "verb":
            self._verb_event(tok, trig.name)
        else:
            self._noun_event(tok, trig.type)

    # -- helpers

    def _names(self, toks: list[Any]) -> list[tuple[str, Any]]:
        out: list[tuple[str, Any]] = []
        for t in _with_appos(toks, self.people):  # "A, B and C" parsed as A with B apposed
            t = _group_leader(t, self.people) or t  # "a delegation led by X" stands for X
            t = _hyphened_title_holder(t, self.people) or t  # "Vice-Chairman of the board X"
            n = self.namer.name(t)
            if n and n != t.text:
                n = _party_phrase_without_place(t, n)
                n = _party_phrase_without_event_count(t, n)
            if n is None:
                n = _state_list_member(t)  # "talks among A, B and C": countries where no person stands
            if n and all(n != m for m, _ in out):
                out.append((n, t))
        return out

    def _emit(self, tok: Any, subjects: list[tuple[str, Any]], objects: list[tuple[str, Any]],
              kind: str, location: str | None, *, split: bool, motion: bool = False,
              lone_party_ok: bool = False) -> list[_Event]:
        made: list[_Event] = []
        if location:
            location = " ".join(location.split())  # a place read across a line break is one line
        if rule_on("skip_first_person") and any(
                t.lower_ in FIRST_PERSON for t in _subject_tokens(tok) if t.pos_ == "PRON"):
            return made
        stated, when = event_status(tok, self.doc, self.published)
        status, strength, status_reason = stated.value, stated.strength, stated.reason
        sent = tok.sent
        evidence = self.source[sent.start_char : sent.end_char].strip()
        from_title = sent.start_char < self.title_end
        if "\n" in evidence:  # a sentence never spans paragraphs; keep the trigger's line
            start = self.source.rfind("\n", sent.start_char, tok.idx) + 1 or sent.start_char
            end = self.source.find("\n", tok.idx, sent.end_char)
            evidence = self.source[max(start, sent.start_char) : end if end != -1 else sent.end_char].strip()
        groups: list[list[str]]
        if split and len(objects) > 1:
            named = [o for o, _ in objects if not is_group_name(o)]
            # "X met A, B and business leaders": the named hosts are the stated meetings
            kept = named if len(named) > 1 else [o for o, _ in objects]
            groups = [[s for s, _ in subjects] + [o] for o in kept]
        else:
            groups = [[s for s, _ in subjects] + [o for o, _ in objects]]
        for names in groups:
            uniq: list[str] = []
            for n in names:
                if n not in uniq:
                    uniq.append(n)
            if not uniq:
                continue
            if len(uniq) == 1 and kind != "visit" and not lone_party_ok and not (
                rule_on("plural_group_alone") and is_group_name(uniq[0]) and any(_is_plural_group(t) for n, t in subjects + objects if n == uniq[0])
            ):
                continue  # one person meeting nobody named is not a stated meeting
            made.append(_Event(
                participants=uniq, location=location, status=status, strength=strength, status_reason=status_reason,
                type=kind, token=tok.i, sent_start=sent.start, from_title=from_title,
                motion=motion, date=when, evidence=evidence,
                sent_end=sent.end, lemma=tok.lemma_.lower(), further=_told_as_further(tok),
                restates=_restates_told_event(tok),
            ))
        self.events.extend(made)
        return made

    def _pair_before(self, tok: Any) -> list[tuple[str, Any]]:
        """The two people "their" refers to: two named earlier in the sentence, else the last pair told."""
        named: list[tuple[str, Any]] = []
        for t in tok.sent:
            if t.i >= tok.i:
                break
            n = self.people.person_at(t.i)
            if n and all(n != m for m, _ in named):
                named.append((n, t))
        if len(named) == 2:
            return named
        return list(self._last_parties) if len(self._last_parties) == 2 and not named else []

    # -- verbs

    def _verb_event(self, tok: Any, lemma: str) -> None:
        if rule_on("negated_or_refused") and _negated(tok) or _unrealised_plan(tok) or _was_to_have(tok):
            return
        if _habitual(tok):
            return  # "the council, which meets twice a year", "often travels abroad": a custom
        kind = VERB_TYPES[lemma]
        visitor = _visiting_attribute_holder(tok, self.people) if lemma in ("visit", "visiting") else None
        if visitor is not None:
            # "Visiting Chilean President X said ...": the attribute tells X's visit under way
            self._emit(tok, self._names([visitor]), [], "visit", None, split=False, motion=True)
            return
        if lemma == "visiting":
            return  # the capitalised participle describes no one named: no event of its own
        subj_toks = _subject_tokens(tok)
        if (tok.dep_ == "amod" or tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") and lemma != "host") \
                and rule_on("skip_participle_modifier"):
            return
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        agent = _passive_agents(tok) if passive else []
        dobj = [c for c in tok.children if c.dep_ in ("dobj", "attr")]
        if lemma == "meet" and any(_fulfilled_need(d) for d in dobj) and rule_on("meet_a_need_no_meeting"):
            return  # "meet demand", "meet its goals": meeting a need is fulfilling it, nobody met
        if lemma == "meet" and _meets_in_contest(tok) and rule_on("meet_in_contest_no_meeting"):
            return  # "could meet X in the quarterfinals": a match, not a meeting
        if not dobj and not _pobjs(tok, {"with"}) and not any(c.dep_ == "auxpass" for c in tok.children) \
                and rule_on("name_right_after_verb"):
            dobj = _name_after_verb(tok, self.people)
        obj_toks: list[Any] = []
        for d in dobj:
            obj_toks.extend(_conjuncts(d))
        with_toks: list[Any] = []
        for o in _with_phrases(tok):
            with_toks.extend(_conjuncts(o))
        with_toks = _party_list(with_toks, self.people)
        obj_toks = _party_list(obj_toks, self.people)

        if lemma in MOTION_VERBS:
            preps = set(_MOTION_PREPS.get(lemma, ("in", "at", "to", "into")))
            dests: list[Token] = []
            for o in _pobjs(tok, preps):
                # a trip goes to a city or country; "landed at the airport" is not a destination
                dests.extend(t for t in _conjuncts(o) if _is_place_token(t) and (
                    _is_gpe(t) or t.ent_type_ != "FAC" and resolve_place(t.text) or _names_its_city(t, self.doc)))
            travellers = self._names(subj_toks)
            if len(travellers) != 1:
                return
            if not dests and self.here and says_here(tok) and rule_on("location_here_dateline") \
                    and not _leaves_from_here(lemma):
                self._emit(tok, travellers, [], "visit", self.here, split=False, motion=True)
                return
            for d in dests:
                place = _place_of(d, self.doc)
                if place:
                    self._emit(tok, travellers, [], "visit", place[0], split=False, motion=True)
            return

        if lemma in ("visit", "tour"):
            guest = _attributive_visitor(tok, self.people)
            if guest is not None:
                # "talks between A and visiting President B" parsed with B as the object: B is the visitor
                self._emit(tok, self._names([guest]), [], "visit", None, split=False, motion=True)
                return
            travellers = self._names(subj_toks)
            if not travellers:
                return
            for o in obj_toks or []:
                person = self.namer.name(o)
                place = _place_of(o, self.doc)
                if person and o.ent_type_ not in ("GPE", "LOC"):
                    loc = _location(tok, self.doc, [o], self.here) or (place[0] if place and place[1] != o else None)
                    self._emit(tok, travellers, [(person, o)], "visit", loc, split=False)
                elif place:
                    self._emit(tok, travellers, [], "visit", visited_place(tok, o, self.doc, self.here) or place[0],
                               split=False, motion=True)
            return

        if lemma in _TALK_VERBS:
            if not with_toks and rule_on("talk_partner_on_topic"):
                # "discuss trade with X": the parser often hangs the partner on the topic
                with_toks = [t for d in dobj for o in _pobjs(d, {"with"}) for t in _conjuncts(o)
                             if self.people.person_at(t.i)]
            if not with_toks and rule_on("talk_partner_deep_in_topic"):
                with_toks = _partner_inside_topic(dobj + _pobjs(tok, _TOPIC_PREPS), self.people)
            obj_toks = []  # "discussed trade": the object is the topic, the partner comes with "with"
            if not with_toks and _by_phone(tok):
                # "talked to X by telephone": a call, with the one talked to as the partner
                with_toks = [t for o in _pobjs(tok, {"to"}) for t in _conjuncts(o) if self.people.person_at(t.i)]
        if lemma == "call" or lemma in _PHONE_WORDS:
            # "called for", "called it" and "so-called" are not calls
            if rule_on("call_not_appeal") and (tok.dep_ in ("amod", "acl") or any(
                    c.dep_ in ("oprd", "xcomp", "ccomp") for c in tok.children)) and not _phoned_to_do(tok, lemma):
                return
            if rule_on("call_not_appeal") and _pobjs(tok, {"for", "on", "off"}) and not dobj:
                return
        if passive and (kind == "hosting" or agent and rule_on("passive_agent_meets")):
            # "X was met at the airport by Y": the agent is a party as much as the subject
            subjects = self._names(agent)
            objects = self._names(subj_toks)
        else:
            subjects = self._names(subj_toks)
            if len(subj_toks) == 1 and rule_on("the_two_pair") and _refers_to_a_pair(subj_toks[0]):
                if len(self._last_parties) == 2:
                    subjects = list(self._last_parties)  # "The two had met before": the pair just named
                else:
                    pair = self.people.last_people_before(subj_toks[0].i, 2)
                    if len(pair) == 2:
                        subjects = [(n, subj_toks[0]) for n in pair]  # "the two men": the last two named
            objects = self._names(obj_toks + with_toks)
            if subjects and lemma == "meet":  # "met villagers and a priest": people by kind
                objects += self._people_by_kind(obj_toks + with_toks, subjects + objects)
            if subjects and kind != "hosting":  # "welcomed the plan": a thing welcomed is no guest
                objects += self._organisation_sides(obj_toks + with_toks, subjects + objects)
            if not subjects and not objects and kind == "meeting" and len(subj_toks) == 1 and _is_body(subj_toks[0]) \
                    and rule_on("body_meets"):
                # "OPEC meets in Vienna": a body meeting is its members' meeting
                self._emit(tok, [(_body_name(subj_toks[0]), subj_toks[0])], [], kind,
                           _location(tok, self.doc, [], self.here), split=False, lone_party_ok=True)
                return
        if (kind == "hosting" or lemma == "call" or lemma in _PHONE_WORDS) and not objects:
            return
        if not subjects:
            return  # "to meet with X" with nobody found on the other side is half an event
        if not objects and len(subjects) < 2:
            # "officials were meeting" (a group) counts; a single person meeting nobody does not
            if not (subjects and rule_on("plural_group_alone") and is_group_name(subjects[0][0])
                    and _is_plural_group(subjects[0][1])):
                return
        if lemma in _TALK_VERBS and not with_toks and len(subjects) < 2:
            return
        # a subject's own "in X" is usually a title ("the EU envoy in Mali"), not the venue
        loc = _location(tok, self.doc, [t for _, t in objects], self.here)
        if kind == "talks" and rule_on("talks_by_phone_call") and any(
                t.lower_ in _PHONE_WORDS for t in tok.subtree):
            kind = "call"
        split = bool(subjects) and _distributive(tok)
        self._emit(tok, subjects, objects, kind, loc, split=split)
        self._last_parties = subjects + objects

    # -- nouns

    def _noun_event(self, tok: Any, kind: str) -> None:
        doc = self.doc
        if tok.dep_ in ("dobj", "nsubj", "nsubjpass") and rule_on("negated_or_refused") and _in_question(tok.head):
            return  # "unclear whether X will hold a summit": asked, not stated
        mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
        if mods & EXCLUDED_NOUN_MODS and rule_on("noun_excluded_modifiers"):
            return
        if tok.dep_ in ("nsubjpass", "dobj") and tok.head.lemma_.lower() in _CALLED_OFF and rule_on("called_off"):
            return  # "the meeting was postponed", "cancelled the summit"; "skipped a meeting" still has one
        if tok.dep_ == "dobj" and _unrealised_plan(tok.head) or _appealed_for(tok):
            return  # "had been due to hold talks" did not come true; "called for talks" wishes them
        if tok.dep_ in ("dobj", "pobj") and _was_to_have(tok.head if tok.dep_ == "dobj" else tok.head.head):
            return  # "was to have flown in for talks": the journey, and so its talks, did not happen
        if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in JOIN_VERBS and _habitual(tok.head):
            return  # "talks are held regularly": a custom, no one event
        if kind == "visit" and _repeated_visits(tok):
            return  # "during her trips to the border villages": one traveller going again and again, no one visit
        if tok.lemma_.lower() == "talk" and tok.tag_ != "NNS" and tok.lower_ != "talks" and not mods & _REMOTE_MODS \
                and rule_on("singular_talk_is_lecture") and not self._talk_with_a_person(tok):
            return  # "a phone talk with X" is a call; "a talk" alone is a lecture
        if mods & _REMOTE_MODS and kind in ("meeting", "call", "talks") and rule_on("remote_noun_is_call"):
            kind = "call"  # "a video conference with X", "phone talks"
        if kind == "call" and not (mods & _REMOTE_MODS):
            return
        with_toks: list[Any] = []
        for o in _pobjs(tok, _call_partner_preps(tok) if kind == "call" else {"with"}):
            with_toks.extend(_conjuncts(o))
        if not with_toks and tok.dep_ == "dobj" and tok.head.lemma_.lower() in JOIN_VERBS and rule_on("with_hung_on_verb"):
            # "held talks on Friday with X": the parser hangs "with" on the verb
            with_toks = [t for o in _pobjs(tok.head, {"with"}) for t in _conjuncts(o)]
        with_toks = _party_list(with_toks, self.people)
        between = []
        for o in _pobjs(tok, {"between", "among"}) if rule_on("noun_between") else ():
            between.extend(_conjuncts(o))
        of_toks = []
        if (kind != "visit" or _traveller_of(tok)) and rule_on("noun_of_parties"):
            for o in _pobjs(tok, {"of"}):
                of_toks.extend(_conjuncts(o))
        by_toks = []
        # "welcomed on arrival by X": the by-phrase of an arrival is the passive verb's agent, not the traveller
        for o in _pobjs(tok, {"by"}) if rule_on("noun_by_parties") and not _traveller_of(tok) else ():
            by_toks.extend(_conjuncts(o))
        poss = [c for c in tok.children if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME")
                and rule_on("noun_possessor")]
        compounds = []
        for c in tok.children:
            if c.dep_ == "compound" and (self.people.person_at(c.i) or hyphen_pair(c) and self._hyphen_side(c)) \
                    and rule_on("noun_name_compound"):
                compounds.append(c)
                compounds.extend(g for g in c.children if g.dep_ == "compound" and hyphen_pair(g) and self._hyphen_side(g))
        # a named summit ("the Bergen Summit", "the APEC CEO Summit") is no body's meeting
        named_event = tok.ent_type_ != ""
        bodies = [(_body_name(c), c) for c in tok.children
                  if kind == "summit" and not named_event and c.dep_ in ("compound", "nmod") and _is_body(c)
                  and rule_on("summit_of_body")
                  and c not in compounds]
        if kind == "summit" and rule_on("summit_of_body") and not (
                named_event and rule_on("place_named_summit_of_no_body") and any(
                    c.dep_ == "compound" and resolve_place(c.text) for c in tok.children)):
            # "the annual summit of the Organization of Alpine Regions": its members meet; in "the
            # Lakeside Summit of the Forum on Trade" the forum is part of the summit's name
            bodies += [(_body_name(o), o) for o in of_toks if _is_body(o) and not self.people.person_at(o.i)]
        objects = self._names(with_toks)
        parties = self._names(between + of_toks + by_toks + compounds)
        if parties:  # "talks between Ann Lutz and the Front": a named side and a state or body
            parties += self._organisation_sides(between, parties)
        if kind == "meeting" and not parties and not with_toks and all(p.lower_ == "its" for p in poss):
            bodies += self._meeting_of_body(tok)
        if not parties:
            parties = bodies  # "the NATO summit": the body's members meet
        # "a board meeting chaired by X", "the summit, attended by A and B": the body and them; a
        # crowd alone ("attended by delegates") names no side the text does not name elsewhere
        attendees = [p for p in self._names(_attendees(tok) + _members_by_clause(tok))
                     if p[0] not in {n for n, _ in parties}]
        if parties or any(self.people.person_at(t.i) for _, t in attendees) or _a_gathering_list(attendees):
            parties = parties + attendees
        holders = self._names(poss)
        if not holders and any(p.lower_ == "their" for p in poss) and rule_on("their_event_pair"):
            holders = self._pair_before(tok)  # "A said he would raise it with B at their summit"
        # the subject of the governing verb joins ("X held talks with Y", "X said during a visit")
        joined: list[tuple[str, Any]] = []
        attended = False  # "X arrived for the summit": one named attendee of a gathering of many
        verb = tok.head
        path_ok = tok.dep_ in ("dobj", "pobj", "nsubjpass", "attr")
        hops = 0
        while verb.pos_ not in ("VERB", "AUX") and verb.head != verb and hops < 3:
            if verb.dep_ not in ("prep", "dobj", "pobj"):
                path_ok = False
            verb = verb.head
            hops += 1
        # "X told Y in a meeting", "made a pledge to Y during talks": Y is the other party
        addressed = _addressees(tok, verb, self.people) if path_ok and not (
            with_toks or between or of_toks or by_toks or compounds or bodies) and kind != "visit" else []
        # "at the foreign ministers' meeting, X said": a group's meeting does not keep X out
        group_holders = bool(holders) and all(is_group_name(n) and _is_plural_group(t) for n, t in holders) \
            and rule_on("speaker_at_group_meeting")
        if path_ok and verb.pos_ in ("VERB", "AUX") and (not holders or group_holders) and not by_toks:
            lemma = verb.lemma_.lower()
            prep = tok.head.lower_ if tok.dep_ == "pobj" else ""
            # "flew in for a summit between A and B": a gathering that names its people is theirs
            attended = _journey_for_gathering(tok, verb, prep) and not any(
                self.people.person_at(t.i) for t in with_toks + between + compounds)
            if attended or (lemma in JOIN_VERBS and tok.dep_ in ("dobj", "attr", "pobj") and prep in ("", "in", "on", "for", "into")
                    and rule_on("holder_of_held_event")) or rule_on("holder_of_event_phrase") and (
                # "speaking after talks with X, Y said": Y was at the talks; "the two sides agreed
                # after a summit in Rome": so were they, unless the summit names its own parties
                (with_toks or kind != "call" and not (between or of_toks or compounds)
                 or kind == "call" and len(_subject_tokens(verb)) >= 2 and rule_on("call_between_subjects"))
                and (prep in ("after", "following", "during", "at", "before", "ahead")
                     or prep == "in" and bool(with_toks or addressed)  # "In talks with X, Y said"; not "progress in talks"
                     or _on_a_journey(tok, prep, kind))
            ) or (prep == "for" and lemma in _MOTION_HEADS and bool(with_toks) and rule_on("journey_for_talks")) or (
                _on_arrival(tok, prep) or _journey_into_event(lemma, prep)
            ):
                # "flew to Rome for talks with X", "headed for Jordan for a meeting with X": the traveller
                agent = _holder_of_passive(verb) if prep in _PASSIVE_EVENT_PREPS else []
                joined = self._names(agent) + self._organisation_sides(agent, []) if agent \
                    else self._names(_subject_tokens(verb))
        # "During the talks, the delegation pressed for ...": one side told at an event named aside
        aside = bool(joined) and tok.dep_ == "pobj" and tok.head.lower_ in _ASIDE_PREPS and not with_toks \
            and rule_on("lone_party_aside")
        own_body = bool(bodies) and parties == bodies  # the meeting is a body's own
        if own_body and any(j[1].i == b[1].i for j in joined for b in bodies):
            # "the guild began its spring session": the guild once, as the holder names it
            parties = bodies = []
        subjects = holders + joined
        if subjects and addressed:
            objects = [o for o in self._names(addressed) if all(o[0] != n for n, _ in subjects)]
        if kind == "visit":
            dests: list[Token] = []
            for o in _pobjs(tok, {"to", "in"}):
                dests.extend(t for t in _conjuncts(o) if _is_place_token(t))
            travellers = subjects + parties
            if not travellers or not objects and self._lone_group_tells_no_event(tok, kind, travellers):
                return
            loc = None
            if dests:
                place = _place_of(dests[0], doc)
                loc = place[0] if place else None
            if loc is None:
                loc = _location(tok, doc, [], self.here)
            self._emit(tok, travellers[:1] if len(travellers) > 1 and not parties else travellers, objects, "visit", loc,
                       split=False, motion=not objects)
            for d in dests[1:] if rule_on("visit_several_destinations") else ():
                place = _place_of(d, doc)
                if place:
                    self._emit(tok, travellers[:1], [], "visit", place[0], split=False, motion=True)
            return
        if subjects or parties:  # "X held talks with the Front": an organisation as the other side
            objects += self._organisation_sides(with_toks, subjects + parties + objects)
        everyone = subjects + parties
        # a summit of one body ("the NATO summit", "a summit of the Arab League") is its members'
        body = kind == "summit" and not subjects and len(parties) == 1 and _is_body(parties[0][1]) \
            and rule_on("summit_of_body") or own_body and kind == "meeting"
        if len(everyone) == 1 and not objects and not (body and kind == "meeting") and (
                aside and _one_side(everyone[0][1]) or _sides_alone(everyone[0][1])):
            # one side of an event told elsewhere ("During the talks, the delegation pressed for ..."), or
            # "the two sides" alone: the pair is named where the event is told, not here
            return
        loc = _location(tok, doc, [t for _, t in parties + objects], self.here)
        if not objects and everyone:
            self._last_parties = everyone
        if not everyone:
            if objects and rule_on("earlier_party_named_later") and has_the(tok):
                self._name_earlier_party(tok, objects, loc)
            return  # "a meeting with X" and nobody known on the other side
        attended = attended and any(j in everyone for j in joined)
        if not objects and len(everyone) == 1 and not (
            is_group_name(everyone[0][0]) and (parties or _is_plural_group(everyone[0][1]))
        ) and not body and not attended:
            return  # one named person "at a meeting" with nobody else is not a stated meeting
        if not objects and self._lone_group_tells_no_event(tok, kind, everyone):
            return
        split = bool(subjects) and len(objects) > 1 and _distributive(tok)
        self._emit(tok, everyone, objects, kind, loc, split=split, lone_party_ok=body or attended)
        if not split:
            self._last_parties = everyone + objects

    def _lone_group_tells_no_event(self, noun: Any, kind: str, parties: list[tuple[str, Any]]) -> bool:
        """An unnamed group alone at an event noun that tells no event of its own: several events
        counted as a habit, or an event the text told before.
        """
        if len(parties) != 1 or not is_group_name(parties[0][0]):
            return False
        return _several_events(noun) or self._restated_event(noun, kind)

    def _restated_event(self, noun: Any, kind: str) -> bool:
        """"the <event>" when the body has told an event of that kind in an earlier sentence ("two
        provincial envoys joined the meeting later", "aides from both ministries attended the talks
        as well"): the event told before, not a new one (rule group_at_restated_event).
        """
        # WHY: the definite article marks the event as known; a group that joins it adds no event,
        # and its record, with nobody named, would stand beside the one the text told with names
        if not rule_on("group_at_restated_event"):
            return False
        if not has_the(noun):
            return False
        start = noun.sent.start
        return any(e.type == kind and e.sent_start < start and not e.from_title for e in self.events)

    def _meeting_of_body(self, tok: Any) -> list[tuple[str, Any]]:
        """The body whose own meeting a meeting noun is: "the OPEC meeting", "a cabinet meeting",
        "the guild opened its spring session" (lexicon: meeting_nouns_of_bodies, bodies_that_meet).
        """
        # WHY: a body named before "meeting" or owning it is who meets, as "the NATO summit" is
        # NATO's members' summit; one with a partner ("a meeting with X") is told by its sides
        if tok.lemma_.lower() not in _MEETING_NOUNS_OF_BODIES or tok.ent_type_ or not rule_on("meeting_of_body"):
            return []  # a named meeting ("the Asia-Europe Meeting") is a forum's name, not a body's meeting
        told = _held_as_told(tok)
        if not told and not _dated_of_its_own(tok):
            return []  # "settled at a council session", "after the last guild session": a body's meeting told aside
        out: list[tuple[str, Any]] = []
        for c in tok.children:
            if c.dep_ == "poss" and c.lower_ == "its":
                owner = _owner_of_its(c)
                if owner is not None:
                    out.append((_body_name(owner) if _is_meeting_body(owner) else owner.text, owner))
            elif c.dep_ in ("compound", "nmod") and _is_meeting_body(c) and not self.people.person_at(c.i) \
                    and not any(g.dep_ in ("cc", "conj") for g in c.children):  # "the A and B Meeting" is a forum's name
                out.append((_body_name(c), c))
        if rule_on("meeting_of_named_body"):
            # "a meeting of the Trade Council next month": the of-phrase names the body as a compound does
            out += [(_body_name(o), o) for o in _pobjs(tok, {"of"}) if _is_meeting_body(o)
                    and not self.people.person_at(o.i) and not any(g.dep_ in ("cc", "conj") for g in o.children)]
        if not told:  # dated aside: only a body by name ("next week's OPEC meeting"), not "a board meeting on Friday"
            out = [(n, t) for n, t in out if t.ent_type_ == "ORG"]
        return out[:1]

    def _hyphen_side(self, tok: Any) -> bool:
        """Whether one side of "the Dahl-Berg talks" may be a party: not when a side is a region
        ("Asia-Pacific", "Euro-Mediterranean") and no side is a person the text names (lexicon).
        """
        if not rule_on("hyphen_pair_named_people"):
            return True
        doc = tok.doc
        sides = [t for t in (doc[tok.i - 2] if tok.i > 1 else None, tok, doc[tok.i + 2] if tok.i + 2 < len(doc) else None)
                 if t is not None and (t is tok or doc[(t.i + tok.i) // 2].text == "-")]
        if not any(t.lower_ in _REGION_HALVES for t in sides):
            return True
        return any(self.people.resolve(t.text) for t in sides)

    def _talk_with_a_person(self, tok: Any) -> bool:
        """"his talk with X", "her long talk with X": a talk with a named person is a
        conversation with that person, not a lecture ("a talk on trade" has no partner).
        """
        return rule_on("talk_with_a_person_is_talks") and any(
            _names_a_person(o, self.people) for o in _pobjs(tok, {"with"}))

    def _people_by_kind(self, toks: list[Any], named: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """The people met that the text names by their kind alone ("met villagers and a priest",
        "met soldiers at the base"): unnamed parties, as "officials" are (lexicon).
        """
        if not rule_on("people_met_by_kind"):
            return []
        seen = {t.i for _, t in named}
        return [(np_text(t, self.doc), t) for t in toks
                if t.i not in seen and t.pos_ == "NOUN" and t.lemma_.lower() in _PEOPLE_BY_KIND
                and self.namer.name(t) is None and not _one_owned_person(t)]

    def _organisation_sides(self, toks: list[Any], named: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        """The other sides of an event that are an organisation by name ("talks with the Front",
        "talks between Ann Lutz and the Front"): with a person or group already a party, the
        organisation the phrase names is the side no person stands for.
        """
        if not rule_on("organisation_as_side"):
            return []
        seen = {t.i for _, t in named}
        out: list[tuple[str, Any]] = []
        for t in toks:
            if t.i in seen or self.namer.name(t) is not None:
                continue
            side = _organisation_side(t)
            if side and all(not _same_person(side, n) for n, _ in named + out):
                out.append((side, t))
        return out

    def _name_earlier_party(self, tok: Any, objects: list[tuple[str, Any]], loc: str | None) -> None:
        """Name the party told by role earlier: "X will meet the rebel leader. The meeting with
        <name> in <town> ...": the definite meeting is the one just told, and the named person is
        its party told by role.
        """
        if len(objects) != 1 or not self.people.person_at(objects[0][1].i):
            return
        name = objects[0][0]
        sent_start = tok.sent.start
        for ev in reversed(self.events):
            if ev.sent_start >= sent_start or sent_start - ev.sent_end > 60 or ev.type == "visit":
                continue
            unnamed = [i for i, p in enumerate(ev.participants) if is_group_name(p) and p[:1].islower()]
            if len(unnamed) != 1 or any(_same_person(name, p) for p in ev.participants):
                return
            ev.participants[unnamed[0]] = name
            ev.location = _better_location(ev.location, loc)
            return


def _addressees(noun: Any, verb: Any, people: PeopleIndex) -> list[Any]:
    """The named people the subject addresses at an event noun that names no party of its own:
    "X told Y in a meeting", "X urged Y during the talks", "X made a pledge to Y at the meeting"
    (rule addressee_at_event, lexicon: addressing_verbs, addressing_to_verbs, addressee_event_preps).
    """
    # WHY: one speaks to someone at a meeting only when both are there; with the noun naming
    # nobody, the addressee is the side the record would otherwise lack (or drop for want of it)
    if noun.dep_ != "pobj" or noun.head.lower_ not in _ADDRESSEE_EVENT_PREPS or verb.pos_ != "VERB" \
            or not rule_on("addressee_at_event"):
        return []
    lemma = verb.lemma_.lower()
    found: list[Any] = []
    if lemma in _ADDRESSING_VERBS:
        found = [t for c in verb.children if c.dep_ in ("dobj", "dative") for t in _conjuncts(c)]
    elif lemma in _ADDRESSING_TO_VERBS:
        found = [t for h in [verb, *children(verb, "dobj")] for p in h.children
                 if p.dep_ in ("prep", "dative") and p.lower_ == "to" for o in children(p, "pobj") for t in _conjuncts(o)]
    return [t for t in found if _names_a_person(t, people)]


_ADDRESSING_VERBS = words("events", "addressing_verbs")
_ADDRESSING_TO_VERBS = words("events", "addressing_to_verbs")
_ADDRESSEE_EVENT_PREPS = words("events", "addressee_event_preps")


def _one_owned_person(tok: Any) -> bool:
    """"Tosk's wife", "her lawyer": one person owned by a possessor is someone the text can name,
    not a party by kind alone (rule people_met_by_kind).
    """
    return tok.tag_ == "NN" and bool(children(tok, "poss"))


_PEOPLE_BY_KIND = words("people_met", "people_by_kind")


def _by_phone(verb: Any) -> bool:
    """"talked to X by telephone", "spoke on the phone to X": a phone phrase on the talk verb."""
    return rule_on("phone_contact_partner") and any(
        o.lower_ in _PHONE_WORDS for o in _pobjs(verb, {"by", "on", "over"}))


def _phoned_to_do(verb: Any, lemma: str) -> bool:
    """"telephoned X to congratulate her": phoning someone with a purpose is a call, as naming
    ("called it a crisis") or appealing ("called on X to") is not; only phone/telephone are meant.
    """
    # WHY: the verbs phone and telephone never name or appeal, so their infinitive is a purpose
    return lemma in _PHONE_WORDS and bool(children(verb, "dobj")) and rule_on("phone_contact_partner")


def _call_partner_preps(noun: Any) -> set[str]:
    """The prepositions of a call's partner: with, from, and to for a call made ("Ana Tosk's evening call to Ivo Marek")."""
    # WHY: a call goes to someone, so the to-phrase of "call" is who was phoned
    if noun.lemma_.lower() == "call" and rule_on("phone_contact_partner"):
        return {"with", "from", "to"}
    return {"with", "from"}


def _repeated_visits(noun: Any) -> bool:
    """Whether a plural visit noun tells one traveller's repeated visits to one place ("her trips
    to the border villages", "his visits to the old fort"), undated and uncounted: a habit, no one
    event. Visits to several places ("visits to A and B") are the stops of a tour, and the visits
    of several travellers ("A and B's respective visits") one each (rule repeated_visits_no_event).
    """
    if noun.tag_ != "NNS" or noun.lemma_.lower() not in _REPEATED_VISIT_NOUNS:
        return False
    owners = [c for c in noun.children if c.dep_ == "poss"]
    places = _pobjs(noun, {"to"})
    if len(owners) != 1 or len(places) != 1 or len(_conjuncts(owners[0])) > 1 or len(_conjuncts(places[0])) > 1:
        return False
    if any(c.lower_ in _ONE_VISIT_EACH for c in noun.children if c.dep_ == "amod"):
        return False  # "A and B's respective visits": the parser may hang only B as the owner
    counted = any(c.dep_ == "nummod" for c in noun.children)
    dated = any(t.ent_type_ in ("DATE", "TIME") for t in noun.subtree)
    return not counted and not dated and rule_on("repeated_visits_no_event")


_REPEATED_VISIT_NOUNS = words("not_meetings", "repeated_visit_nouns")
_ONE_VISIT_EACH = words("not_meetings", "one_visit_each")


def _leaves_from_here(lemma: str) -> bool:
    """Whether "here" on the motion verb is where the journey starts ("is due to leave here
    after lunch"): a departure from the dateline city is no visit to it (rule leave_here_no_visit).
    """
    return lemma in _DEPARTURE_VERBS and rule_on("leave_here_no_visit")


_DEPARTURE_VERBS = words("not_meetings", "departure_verbs")


def _meets_in_contest(verb: Any) -> bool:
    """Whether "meet" tells a match: met in or on a round of a contest ("could meet X in the
    quarterfinals", "may meet again in the semi-finals"); "met after the cup final" is no round played.
    """
    return any(o.lemma_.lower() in _CONTEST_ROUNDS for o in _pobjs(verb, {"in", "on"}))


_CONTEST_ROUNDS = words("not_meetings", "contest_rounds")


def _fulfilled_need(obj: Any) -> bool:
    """Whether an object of "meet" is a need or duty fulfilled, not a person or body met (lexicon)."""
    if obj.lemma_.lower() in _FULFILLED_NOUNS or obj.lower_ in _FULFILLED_NOUNS:
        return True
    return obj.lower_ == "side" and any(o.lemma_.lower() in _FULFILLED_NOUNS for o in _pobjs(obj, {"of"}))


_FULFILLED_NOUNS = words("events", "fulfilled_nouns")
_REGION_HALVES = words("events", "region_halves")
_TALK_VERBS = words("events", "talk_verbs")
_TOPIC_PREPS = words("events", "topic_preps")


def _partner_inside_topic(topics: list[Any], people: PeopleIndex) -> list[Any]:
    """The person a talk verb's partner phrase names when the parser hangs "with" inside the topic's
    own phrase ("discussed a list of questions about the funding of X with his counterpart Y",
    "talked about the ban with Y"), or on the topic with a role noun whose apposed name is the person
    ("with his counterpart Y"). The topic is the verb's object or its about/on/over phrase.
    """
    out: list[Any] = []
    for topic in topics:
        for prep in topic.subtree:
            if prep.dep_ != "prep" or prep.lower_ != "with":
                continue
            for obj in children(prep, "pobj"):
                if _names_a_person(obj, people) and obj not in out:
                    out.append(obj)
    return out


def _names_a_person(tok: Any, people: PeopleIndex) -> bool:
    """A named person, or a role noun with a named person apposed ("his counterpart Y")."""
    return bool(people.person_at(tok.i)) or tok.pos_ == "NOUN" and any(
        people.person_at(a.i) for a in children(tok, "appos"))


_JOURNEY_NOUNS = words("events", "journey_nouns")
_LEG_NOUNS = words("events", "leg_nouns")
_ITINERARY_VERBS = words("events", "itinerary_verbs")
_EARLIER_LEG = words("events", "earlier_leg_words")
_SERVICE_STOP_WORDS = words("events", "service_stop_words")


def _journey_noun_indices(doc: Any) -> list[int]:
    """The tokens that are nouns of a journey ("tour", "trip", "stop"), read off the lemma array."""
    strings = doc.vocab.strings
    wanted = {strings[w] for w in _JOURNEY_NOUNS}  # a str gives its hash without adding it
    lemmas = doc.to_array("LEMMA").tolist()
    return [i for i, h in enumerate(lemmas) if h in wanted and doc[i].pos_ == "NOUN"]


def _journey_of_clause(verb: Any) -> Any:
    """The journey a relative clause tells more of: "a tour, which included ..." or "a visit to A,
    which included ..." (the clause hung on the destination); None when it is no such clause.
    """
    if verb.dep_ != "relcl":
        return None
    head = verb.head
    if head.lemma_.lower() in _JOURNEY_NOUNS:
        return head
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.lemma_.lower() in _JOURNEY_NOUNS:
        return head.head.head
    return None


def _leg_place(tok: Any) -> bool:
    """A city or country a journey goes to (the parser sometimes tags a country as a person)."""
    if _is_place_token(tok):
        return _is_gpe(tok) or tok.ent_type_ != "FAC" and bool(resolve_place(tok.text))
    return tok.pos_ == "PROPN" and bool(resolve_place(tok.text))


def _places_under(tok: Any, preps: set[str]) -> list[Any]:
    """The places after the word's prepositions, with the places coordinated with them."""
    return [p for o in _pobjs(tok, preps) for p in _conjuncts(o) if _leg_place(p)]




def _is_body(tok: Any) -> bool:
    """An organisation or a group of states named before a summit ("NATO", "EU", "APEC")."""
    doc = tok.doc
    if any(0 <= j < len(doc) and doc[j].text == "-" for j in (tok.i - 1, tok.i + 1)):
        return False  # "the Dahl-Berg summit", "the Sino-African summit": the sides, not a body
    if resolve_place(tok.text) or tok.ent_type_ in ("GPE", "LOC", "DATE", "PERSON"):
        return False  # "the Lima summit" is where, not who
    return tok.ent_type_ in ("ORG", "NORP")


def _is_meeting_body(tok: Any) -> bool:
    """A body that holds meetings of its own: an organisation the model names, or a council-like noun (lexicon)."""
    # WHY: a nation's adjective ("a Chinese meeting") names where a meeting is from, not who holds it
    if tok.lemma_.lower() in _BODIES_THAT_MEET and tok.pos_ == "NOUN":
        return True
    return _is_body(tok) and tok.ent_type_ == "ORG"


def _held_as_told(noun: Any) -> bool:
    """Whether a meeting noun is told as held: the subject or object of a verb of holding ("the
    guild opened its session", "the session took place in X"), or with such a clause of its own
    ("the board's monthly session, held in X", "sessions that begin on Friday") (lexicon: gathering_verbs).
    """
    # WHY: a body's meeting named only as a time or a place ("at the coming guild session", "after
    # the OPEC meeting") is background more often than news, and its status cannot be read from it
    if noun.dep_ in ("dobj", "nsubj", "nsubjpass") and noun.head.lemma_.lower() in _GATHERING_VERBS:
        return True
    if noun.dep_ in ("nsubj", "nsubjpass") and _raised_to_gathering(noun.head):
        return True
    return any(c.dep_ in ("acl", "relcl") and (c.lemma_.lower() in _GATHERING_VERBS or _raised_to_gathering(c))
               for c in noun.children)


def _raised_to_gathering(verb: Any) -> bool:
    """Whether a verb's subject is the subject of a gathering verb in its to-clause ("the meeting is
    to take place", "the session is expected to be held", "the talks are due to open").
    """
    # WHY: in "X is to take place" the parser makes X the subject of "is", not of "take"; the
    # to-clause tells that X is held, as "X will take place" does (rule held_by_raising_verb)
    return rule_on("held_by_raising_verb") and raised_gathering_verb(verb) is not None


def _dated_of_its_own(noun: Any) -> bool:
    """Whether a meeting noun carries a date of its own ("next month's OPEC meeting", "the OPEC
    meeting in October", "the next OPEC meeting") (rule body_meeting_with_own_date; lexicon: own_date_mods).
    """
    # WHY: a body's meeting named aside is mostly background ("after the guild session"), but one
    # the text dates is a told event: planned when the date is ahead, reported-past when behind
    if not rule_on("body_meeting_with_own_date"):
        return False
    for c in noun.children:
        if c.dep_ in ("poss", "compound", "nmod", "npadvmod") and c.ent_type_ == "DATE":
            return True
        if c.dep_ == "amod" and c.lower_ in _OWN_DATE_MODS:
            return True
        if c.dep_ == "prep" and c.lower_ in ("in", "on") and any(
                g.dep_ == "pobj" and g.ent_type_ == "DATE" for g in c.children):
            return True
    return False


def _owner_of_its(its: Any) -> Any:
    """What "its" stands for in "<body> opened its meeting", "<body> said this came from its
    meeting": the subject of the verb over it, or of the clause that verb is said in, when a body.
    """
    cur = its.head
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX"):
            subs = children(cur, "nsubj", "nsubjpass")
            if subs and _is_meeting_body(subs[0]):
                return subs[0]
            if subs and subs[0].pos_ != "PRON" or cur.dep_ != "ccomp":
                return None  # another subject owns the clause: "its" is not told here
        if cur.head == cur:
            return None
        cur = cur.head
    return None


def _body_name(tok: Token) -> str:
    """The body's name as written: the whole entity when the model found one."""
    if tok.ent_type_ in ("ORG", "NORP"):
        start, end = tok.i, tok.i + 1
        doc = tok.doc
        while start > 0 and doc[start].ent_iob_ == "I" and doc[start - 1].dep_ == "compound":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I" and (end < tok.head.i or tok.dep_ == "pobj"):
            end += 1  # a compound stops at its head; "a summit of the Organization of X" runs on
        return max(doc[start:end].text, organisation_name(tok), key=len)  # "the Forum on X Cooperation"
    return tok.text


def _organisation_side(tok: Any) -> str | None:
    """The name of an organisation a proper noun stands in, as the model tagged it ("the Front for
    Change" → "Front for Change"); None for anything else.
    """
    if tok.pos_ != "PROPN" or tok.ent_type_.lower() not in _SIDE_ENTITY_TYPES:
        return None
    start, end = entity_bounds(tok)
    name = " ".join(t.text for t in tok.doc[start:end] if t.lower_ != "the")
    return name or None


_SIDE_ENTITY_TYPES = words("events", "side_entity_types")


def _attributive_visitor(tok: Any, people: PeopleIndex) -> Any:
    """The person "visiting" describes when the parser reads the participle as a verb with that
    person as its object ("and visiting President Ivo Kral"): a participle with no subject of its
    own, right before the phrase of a named person, is the person's attribute, not someone else's
    visit to them. None when the participle is no such attribute.
    """
    if tok.lower_ != "visiting" or tok.tag_ != "VBG" or not rule_on("visiting_attribute_names_the_visitor"):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in tok.children):
        return None  # "X is visiting Y", "X, visiting Y, said": a verb of its own
    before = tok.nbor(-1) if tok.i > 0 else None
    if before is None or before.lower_ not in _ATTRIBUTE_OPENERS:
        return None
    for obj in children(tok, "dobj"):
        if obj.left_edge.i == tok.i + 1 and people.person_at(obj.i):
            return obj
    return None


_ATTRIBUTE_OPENERS = words("events", "visiting_attribute_openers")


def _group_leader(tok: Any, people: PeopleIndex) -> Any:
    """The named person who leads a group that is a party: "a delegation led by X", "a team headed
    by X", "members of a delegation led by X". The participle must follow the noun with no comma
    between: "The mission, headed by X, toured the port" is the mission, told with who heads it.
    """
    if not rule_on("delegation_stands_for_leader"):
        return None
    group = tok
    if tok.lemma_.lower() in _MEMBER_NOUNS:
        groups = [o for o in _pobjs(tok, {"of"}) if o.lemma_.lower() in _LED_GROUP_NOUNS]
        group = groups[0] if groups else tok
    if group.lemma_.lower() not in _LED_GROUP_NOUNS or group.pos_ != "NOUN":
        return None
    for verb in children(group, "acl"):
        if verb.tag_ != "VBN" or verb.lemma_.lower() not in _LEADING_VERBS or verb.nbor(-1).is_punct:
            continue
        leaders = [o for o in _pobjs(verb, {"by"}) if _names_a_person(o, people)]  # "by its chairman X" too
        if len(leaders) == 1:
            return leaders[0]
    return None


def _holder_of_passive(verb: Any) -> list[Any]:
    """The by-agent of a passive verb over an event noun ("approved by X after talks with Y")."""
    # WHY: a passive clause turns the doer into its by-phrase; the subject is what was done
    # ("the deal", "the new chief"), so it is no party of the talks the doer held
    if not rule_on("passive_agent_holds_event") or not any(c.dep_ == "auxpass" for c in verb.children):
        return []
    return [t for a in _pobjs(verb, {"by"}) if a.dep_ == "pobj" for t in _conjuncts(a)]


_PASSIVE_EVENT_PREPS = words("events", "passive_event_preps")


def _passive_agents(verb: Any) -> list[Any]:
    """The by-phrase of a passive verb, every coordinated person of it ("was met by A and B")."""
    # WHY: a coordinated agent is one side of several people; keeping only the first drops a
    # host the text names, as the by-phrase of an event noun already keeps them all
    agents = _pobjs(verb, {"by"})
    if not rule_on("passive_agent_conjuncts"):
        return agents
    return [t for a in agents for t in _conjuncts(a)]


_LED_GROUP_NOUNS = words("events", "led_group_nouns")
_LEADING_VERBS = words("events", "leading_verbs")
_MEMBER_NOUNS = words("events", "member_nouns")


def _hyphened_title_holder(tok: Any, people: PeopleIndex) -> Any:
    """The one person named inside a phrase headed by a hyphened title ("Vice-Chairman of the
    board X said"): the title's first half is no person's name (rule hyphen_pair_named_people).
    """
    if tok.lower_ not in TITLE_WORDS or not hyphen_pair(tok) or not rule_on("hyphen_pair_named_people"):
        return None
    doc = tok.doc
    joined = [tok, doc[tok.i + 2]] if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" else [tok]
    inside = [t for h in joined for t in h.subtree if t.i > tok.i and people.person_at(t.i)]
    names = {people.person_at(t.i) for t in inside}
    return inside[-1] if len(names) == 1 else None


def _visiting_attribute_holder(tok: Any, people: PeopleIndex) -> Any:
    """The named person "visiting" is an attribute of ("Visiting Chilean President X said",
    "his visiting Nordic counterpart X"): the participle parsed as a modifier of the name or of the
    title compounded to it. None when it modifies anything else ("visiting hours", "visiting teams").
    """
    if tok.lower_ != "visiting" or tok.dep_ not in ("amod", "compound") or not rule_on("visiting_attribute_is_a_visit"):
        return None  # a compound when the capitalised participle is tagged a proper noun
    head = tok.head
    for _ in range(4):
        if people.person_at(head.i):
            return head
        if head.dep_ != "compound" or head.head == head:
            return None
        head = head.head
    return None


def _party_phrase_without_place(tok: Any, phrase: str) -> str:
    """"the US delegation in Beijing" -> "the US delegation": a party noun phrase ending in where
    its people are ("in"/"at" a place) names the party without it; the place is the location's
    to read (rule party_phrase_drops_place).
    """
    if tok.pos_ != "NOUN" or not rule_on("party_phrase_drops_place") or (
            tok.lemma_.lower() not in PARTY_NOUNS and tok.lemma_.lower() not in COLLECTIVE_NOUNS):
        return phrase
    for prep in tok.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
            continue
        if not any(o.dep_ == "pobj" and (o.ent_type_ in ("GPE", "LOC", "FAC") or _is_place_token(o))
                   for o in prep.children):
            continue
        tail = tok.doc[prep.i : prep.right_edge.i + 1].text
        if phrase.endswith(" " + tail):
            return phrase[: -len(tail) - 1].rstrip(" ,")
    return phrase


_RANGE_MARKS = words("event_count", "range_marks")


def _party_phrase_without_event_count(tok: Any, phrase: str) -> str:
    """"the third foreign ministers' meeting" -> "foreign ministers": the ordinal counts the event."""
    # in "the 11th commanders' conference", "the May 4-5 leaders' meeting" the ordinal or date and
    # the article belong to the event noun the group owns (its 11th conference), never to the group
    if tok.dep_ != "poss" or tok.tag_ not in ("NNS", "NNPS") or not rule_on("event_count_not_party"):
        return phrase
    doc = tok.doc
    last = -1
    for t in doc[tok.left_edge.i : tok.i]:
        if t.ent_type_ in ("ORDINAL", "DATE") or last >= 0 and (t.like_num or t.text in _RANGE_MARKS):
            last = t.i  # "Nov. 18-19": the day range's end runs on untagged
        elif last >= 0 or t.pos_ != "DET":
            break  # only a run of article, ordinal or date words opening the phrase
    if last < 0:
        return phrase
    lead = doc[tok.left_edge.i : last + 1].text
    return phrase[len(lead):].lstrip() if phrase.startswith(lead + " ") else phrase


def _names_its_city(tok: Any, doc: Any) -> bool:
    """"the Iranian capital Tehran", "the capital of Cairo": a place noun with the city's name
    apposed or after "of" goes where that city is (the noun alone is no known place).
    """
    if tok.pos_ != "NOUN" or not rule_on("motion_to_named_capital"):
        return False
    place = _place_of(tok, doc)
    return place is not None and place[1] is not tok and _is_gpe(place[1])


def _traveller_of(tok: Any) -> bool:
    """"the arrival of the delegation": the of-phrase of an arrival is who arrives (the of-phrase of
    a visit is often its length or purpose, "a visit of two days", and names no one).
    """
    return tok.lemma_.lower() in _TRAVELLER_OF_NOUNS and rule_on("arrival_of_traveller")


def _attendees(tok: Any) -> list[Any]:
    """Those a clause on an event noun says attend, chair or host it: 'the meeting was attended by
    A and B', 'a forum attended by A', 'Hosted by B, the summit opened ...'.
    """
    if not rule_on("attended_by_parties"):
        return []
    verbs = [c for c in tok.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in _ATTENDANCE_VERBS]
    if tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in _ATTENDANCE_VERBS:
        verbs.append(tok.head)  # "the meeting was attended by A"
    if tok.dep_ in ("nsubj", "nsubjpass"):  # "Hosted by B, the summit opened"
        verbs += [c for c in tok.head.children
                  if c.dep_ == "advcl" and c.tag_ == "VBN" and c.lemma_.lower() in _ATTENDANCE_VERBS]
    verbs += [c for v in verbs for c in v.children
              if c.dep_ == "conj" and c.tag_ == "VBN" and c.lemma_.lower() in _ATTENDANCE_VERBS]
    return [t for v in verbs for o in _pobjs(v, {"by"})
            for t in (_list_members(o) if rule_on("state_list_parties") else _conjuncts(o))]


_ATTENDANCE_VERBS = words("events", "attendance_verbs")
_STATE_LIST_TYPES = words("events", "state_list_entity_types")
_MEMBER_VERBS = words("events", "gathering_member_verbs")
_EVENT_TURN_NOUNS = words("events", "event_turn_nouns")
_STATE_LIST_PROCESSES = words("events", "state_list_process_nouns")
_GATHERING_LIST_SIZE = 3  # "A and B" is a pair, often a place and a process; three or more are a gathering


def _state_list_member(tok: Any) -> str | None:
    """The name of a country or organisation in a coordinated list of three or more of them ("talks
    among A, B and C", "A, B and C held talks"), or None: such a list names a gathering's parties.
    """
    # WHY: one state beside a person is often the place or the process ("negotiations with X"),
    # but a list of three states or bodies at an event is who meets where the text names no person
    if tok.pos_ != "PROPN" or tok.ent_type_.lower() not in _STATE_LIST_TYPES or not rule_on("state_list_parties"):
        return None
    first = tok
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    if first.dep_ == "pobj" and first.head.head.lemma_.lower() in _STATE_LIST_PROCESSES:
        return None  # "disputes in the negotiations between A and B, C and D": a process, no gathering
    states = [m for m in _list_members(first) if m.pos_ == "PROPN" and m.ent_type_.lower() in _STATE_LIST_TYPES]
    if len(states) < _GATHERING_LIST_SIZE or tok not in states:
        return None
    start, end = entity_bounds(tok)
    name: str = tok.doc[start:end].text
    return name[4:] if name.lower().startswith("the ") else name


def _list_members(first: Any) -> list[Any]:
    """The members of a coordinated list, also those the parser hangs on a word inside a member's
    name ("A, the Republic of B, C and D" read with C a conjunct of B).
    """
    out: list[Any] = []
    stack = [first]
    while stack:
        cur = stack.pop()
        for m in _conjuncts(cur):
            if m in out:
                continue
            out.append(m)
            start, end = entity_bounds(m) if m.ent_type_ else (m.i, m.i + 1)
            stack.extend(c for t in m.doc[start:end] if t != m for c in children(t, "conj") if c not in out)
    return sorted(out, key=lambda t: t.i)


def _members_by_clause(tok: Any) -> list[Any]:
    """The members an event noun's own verb lists: "the talks bring together A, B and C", "a new round
    of talks, involving A, B and C", "the forum includes A, B and C" (lexicon).
    """
    if not rule_on("gathering_members_by_clause"):
        return []
    turn = tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _EVENT_TURN_NOUNS
    noun = tok.head.head if turn else tok  # "a new round of talks, involving ...": the round's clause
    verbs = [c for c in noun.children if c.dep_ in ("acl", "relcl")]
    if noun.dep_ == "nsubj":
        verbs.append(noun.head)
    out: list[Any] = []
    for v in verbs:
        if not _member_verb(v):
            continue
        out.extend(t for d in children(v, "dobj") for t in _list_members(d))
    return out if len(out) >= _GATHERING_LIST_SIZE else []


def _member_verb(verb: Any) -> bool:
    """A verb that lists an event's members: "involve", "include", "bring together" (lexicon)."""
    for phrase in _MEMBER_VERBS:
        lemma, *particle = phrase.split()
        if verb.lemma_.lower() == lemma and all(
                any(c.lower_ == p and c.dep_ in ("advmod", "prt") for c in verb.children) for p in particle):
            return True
    return False


def _a_gathering_list(attendees: list[tuple[str, Any]]) -> bool:
    """Three or more attendees listed for an event with no other party: the gathering is theirs."""
    return len(attendees) >= _GATHERING_LIST_SIZE and rule_on("gathering_members_by_clause")


def _journey_for_gathering(tok: Any, verb: Any, prep: str) -> bool:
    """'X arrived in Oslo for the summit', 'flew in for a conference': the traveller is one of the
    gathering's many attendees, a record of it though no other party is named (lexicon).
    """
    # WHY: a summit of many names few of them; the journey made for it says the traveller attends
    return (
        tok.lemma_.lower() in _GATHERINGS_OF_MANY and verb.lemma_.lower() in _MOTION_HEADS and prep == "for"
        and not _negated(verb) and rule_on("journey_for_gathering")
    )


def _journey_into_event(lemma: str, prep: str) -> bool:
    """'Ivo Marek was heading into a meeting with Ana Tosk', 'going into the session, A and B': a
    journey whose goal is the event takes the traveller to it.
    """
    return prep in ("into", "to") and lemma in _MOTION_HEADS and rule_on("journey_into_event")


def _on_a_journey(tok: Any, prep: str, kind: str) -> bool:
    """'Ana Tosk, on a week-long visit to Vesk, told reporters', 'Tosk signed a deal on a trip
    to Vesk': the subject of the verb an on-phrase of a visit hangs on is the traveller ('on
    arrival' has its own rule).
    """
    return (prep == "on" and kind == "visit" and tok.lemma_.lower() not in _TRAVELLER_OF_NOUNS
            and rule_on("traveller_on_a_visit"))


def _on_arrival(tok: Any, prep: str) -> bool:
    """"X said on (upon) arrival in Y": the one who speaks on arriving is the one who arrived."""
    return prep in _ARRIVAL_PREPS and tok.lemma_.lower() in _TRAVELLER_OF_NOUNS and rule_on("on_arrival_traveller")


_TRAVELLER_OF_NOUNS = words("events", "arrival_nouns")
_ARRIVAL_PREPS = words("events", "arrival_preps")
_ASIDE_PREPS = words("events", "aside_preps")


def _several_events(noun: Any) -> bool:
    """A plural event noun that counts events, undated ("many of the club's meetings took place in
    a barn", "school trips to the old fort by pupils", "luring delegates to convene conferences"):
    with an unnamed group alone at it, a habit or a kind of event, not one event told (rule
    group_at_several_events, lexicon: count_event_nouns).
    """
    # WHY: "talks" and "negotiations" are one event in the plural; "meetings" and "visits" are
    # several, and a group with no name at several events is a generality, not news of one
    return noun.tag_ == "NNS" and noun.lemma_.lower() in _COUNT_EVENT_NOUNS and not _dated_events(noun) \
        and rule_on("group_at_several_events")


def _dated_events(noun: Any) -> bool:
    """Whether the events a plural noun counts are dated ("meetings on Monday and Tuesday", "will
    hold meetings next week"): a series of its own time is news, not a habit.
    """
    toks = list(noun.subtree)
    if noun.dep_ in ("dobj", "nsubjpass", "nsubj") and noun.head.lemma_.lower() in JOIN_VERBS:
        verb = noun.head  # "hold meetings on Monday": the time hangs on the verb of holding
        toks += [t for c in verb.children if c.dep_ in ("npadvmod", "prep", "advmod") for t in c.subtree]
    return any(t.ent_type_ in ("DATE", "TIME") for t in toks)


_COUNT_EVENT_NOUNS = words("events", "count_event_nouns")


def _habitual(verb: Any) -> bool:
    """Whether a frequency modifies the event's verb ("meets regularly", "which meets twice a year",
    "visits every month"): a custom told, no one event (rule habit_no_event, lexicon: habit_adverbs,
    habit_periods, habit_period_every, habit_period_marks).
    """
    # WHY: a habit has no date, place or parties of one occasion; its record would stand for an
    # event the text never tells, while a dated occasion of the habit is told by its own verb
    if not rule_on("habit_no_event"):
        return False
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in _HABIT_ADVERBS:
            return True
        # "meets four times a year" may come parsed with "times" as the verb's object
        counted = c.dep_ in ("npadvmod", "advmod") or c.dep_ == "dobj" and c.lower_ in _HABIT_PERIOD_MARKS
        if counted and any(
                t.lemma_.lower() in _HABIT_PERIODS and _a_frequency(t, c) for t in c.subtree):
            return True  # "twice a year", "every month", "three times a week"
    return False


def _a_frequency(period: Any, phrase: Any) -> bool:
    """"every month", "each year", "twice a year", "three times a week": the period counts a
    frequency; "twice this week", "a year ago" date events instead.
    """
    dets = {c.lower_ for c in period.children if c.dep_ in ("det", "predet")}
    if dets & _HABIT_PERIOD_EVERY:
        return True
    # the count hangs on the period ("twice a year") or the period on the count ("four times a year")
    words_of = [g.lower_ for g in phrase.subtree if g.i != period.i]
    return bool(dets & {"a", "an", "per"}) and any(w in _HABIT_PERIOD_MARKS for w in words_of) and "ago" not in words_of


_HABIT_ADVERBS = words("events", "habit_adverbs")
_HABIT_PERIODS = words("events", "habit_periods")
_HABIT_PERIOD_MARKS = words("events", "habit_period_marks")
_HABIT_PERIOD_EVERY = words("events", "habit_period_every")


def _one_side(tok: Any) -> bool:
    """A singular group noun ("the delegation", "the government"): one side of a meeting, not all of it."""
    return tok.tag_ == "NN" and not _refers_to_a_pair(tok)


def _sides_alone(tok: Any) -> bool:
    """"the two sides", "both sides": parties named elsewhere, never a party on their own."""
    return tok.lemma_.lower() == "side" and tok.tag_ == "NNS" and rule_on("sides_alone_no_party") and any(
        c.lower_ in ("two", "both") for c in tok.children if c.dep_ in ("nummod", "det", "predet", "amod"))


def _headline_lone_party(ev: _Event) -> bool:
    """A headline meeting of one party ("Council to meet on X", "ministers to meet at the summit"):
    a headline shortens the event the text tells with all its parties; alone it names no meeting.
    """
    return ev.from_title and len(ev.participants) == 1 and ev.type != "visit"


def _refers_to_a_pair(tok: Any) -> bool:
    """Whether the word means two people named just before ("the two", "both", "the pair")."""
    if tok.lower_ in ("two", "both") and tok.pos_ in ("NUM", "DET", "PRON"):
        return True
    if not has_the(tok):
        return False
    if tok.lemma_.lower() in ("pair", "duo"):
        return True
    return tok.tag_ == "NNS" and tok.lemma_.lower() in PARTY_NOUNS | _PERSON_NOUNS and any(
        c.dep_ == "nummod" and c.lower_ == "two" for c in tok.children)


_PERSON_NOUNS = words("people", "person_nouns")


def _long_sentence_mask(sent_starts: Any, limit: int) -> list[bool]:
    """Per token: does it sit in a sentence longer than `limit` tokens (a run-on to skip)?"""
    starts = [i for i, v in enumerate(sent_starts.tolist()) if v == 1 or i == 0]
    n = len(sent_starts)
    mask = [False] * n
    for a, b in zip(starts, [*starts[1:], n], strict=True):
        if b - a > limit:
            mask[a:b] = [True] * (b - a)
    return mask


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    try:
        from bot.extract.text import find_quote_spans
    except ImportError:
        return []
    return [(q.start, q.end) for q in find_quote_spans(text)]


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    import bisect

    i = bisect.bisect_right(ranges, (pos, 1 << 62)) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]




_REFUSALS = words("status", "refusals")
_CALLED_OFF = words("status", "called_off")


def _distributive(tok: Any) -> bool:
    """Whether each party met apart: "met A and B separately", "separate meetings with A and B".

    Without such a word, "A met B and C" and "talks with A, B and C" are one meeting of all.
    """
    if not rule_on("n_ary_meetings"):
        return True  # the old reading: one meeting per party after the verb
    return any(c.lower_ in _DISTRIBUTIVE for c in tok.children if c.dep_ in ("advmod", "amod", "npadvmod"))


_DISTRIBUTIVE = words("events", "distributive_words")

def _negated(tok: Any) -> bool:
    """Whether the event did not (and will not) take place: "had not met", "refused to meet"."""
    if _in_question(tok):
        return True
    cur = tok
    for _ in range(3):
        if any(c.dep_ == "neg" for c in cur.children):
            return True
        if cur.dep_ == "conj" and cur.head.pos_ == "VERB":
            cur = cur.head  # "had hoped to meet X and visit Y": the visit shares the plan
            if any(c.dep_ == "neg" for c in cur.children):
                return True
        if cur.dep_ != "xcomp" or cur.head == cur:
            return False
        cur = cur.head
        if cur.lemma_.lower() in _REFUSALS and rule_on("refusal_verbs"):
            return True
    return False


def _unrealised_plan(verb: Any) -> bool:
    """Whether the event is a plan told in the past perfect ("X had expected to meet Y", "had been
    due to hold talks"): a plan that had been made and, as the tense tells, did not come true.
    """
    if not rule_on("past_perfect_plan_unrealised"):
        return False
    cur = verb
    for _ in range(3):
        if cur.dep_ not in ("xcomp", "conj") or cur.head == cur:
            return False
        cur = cur.head
        if cur.lemma_.lower() in _UNREALISED_PLANS and _had_before(cur):
            return True
    return False


def _was_to_have(verb: Any) -> bool:
    """'Dahl was to have met Berg', 'they were to have flown to Oslo': a past 'be to' with a perfect
    infinitive tells a plan that did not come true.
    """
    if verb.dep_ != "xcomp" or verb.head.lemma_ != "be" or verb.head.tag_ != "VBD":
        return False
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    return any(a.lower_ == "to" for a in auxes) and any(a.lower_ == "have" for a in auxes) \
        and rule_on("past_be_to_have_unrealised")


def _had_before(word: Any) -> bool:
    """"had expected", "had been due": the plan word in the past perfect."""
    holders = [word, word.head] if word.dep_ == "acomp" else [word]  # "had been due": "had" on "been"
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for h in holders for c in h.children)


def _appealed_for(noun: Any) -> bool:
    """Whether an event noun is what an appeal asks for ("called for direct talks", "a call for
    talks with X", "pressed for a summit"): a wish, not an event that happened or was set.
    """
    if noun.dep_ != "pobj" or noun.head.lower_ != "for" or not rule_on("appeal_for_event"):
        return False
    return noun.head.head.lemma_.lower() in _APPEALS


_UNREALISED_PLANS = words("status", "unrealised_plans")
_APPEALS = words("status", "appeals")


def _in_question(tok: Any) -> bool:
    """Whether the event sits in an embedded yes/no question ("unclear whether X will meet Y")."""
    cur = tok
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in cur.children):
            return True
        if cur.dep_ not in ("xcomp", "conj") or cur.head == cur:
            return False
        cur = cur.head
    return False


def _is_plural_group(tok: Any) -> bool:
    """Many people: a plural ("officials") or a collective noun ("a delegation", "the committee")."""
    return tok.tag_ in ("NNS", "NNPS") or tok.lemma_.lower() in COLLECTIVE_NOUNS




def _name_after_verb(verb: Any, people: PeopleIndex) -> list[Any]:
    """The person named right after a verb the parser gave no object: "called Chancellor Ulla Berg
    hours before" or "met President Lee Wednesday" (the name hung under a time noun).
    """
    doc = verb.doc
    for i in range(verb.i + 1, min(len(doc), verb.i + 8)):
        t = doc[i]
        if people.person_at(i):
            return [t]
        if _preposition_of_verb(t, verb):
            return []  # "called for Governor X to act": the name is the preposition's, not the verb's
        if not (t.lower_ in TITLE_WORDS or t.ent_type_ in ("NORP", "GPE") or t.pos_ == "DET"):
            return []
    return []


def _preposition_of_verb(tok: Any, verb: Any) -> bool:
    """Whether a word after the verb is a preposition hung on it ("called for", "flew to"), or one
    marking a clause of it: the name after it is not the verb's object (rule
    name_after_verb_not_prepositional).
    """
    # "called for X to act" parsed as a for-to clause: "for" marks the clause X is the subject of
    hung = tok.dep_ == "prep" and tok.head == verb or tok.dep_ == "mark" and tok.head.head == verb
    return hung and tok.pos_ in ("ADP", "SCONJ") and rule_on("name_after_verb_not_prepositional")


# ---------------------------------------------------------------- merging


@lru_cache(maxsize=4096)
def _tokens(name: str, particles: bool = False) -> frozenset[str]:
    """The words of a party's name, titles left out; `particles`: surnames without their particle."""
    words = {w.lower().strip(".'") for w in re.findall(r"[\w'.-]+", name)}
    words = {re.sub(r"'s$", "", w) for w in words}
    if particles:
        words = {_without_particle(w) for w in words}
    kept = {w for w in words if w not in TITLE_WORDS}
    return frozenset(kept or words)


def _without_particle(word: str) -> str:
    """A surname without the particle hyphened to it ("al-hakim" → "hakim"): the text names the
    person both ways ("Rafiq al-Hakim", "Hakim"), so both are one person when events merge.
    """
    head, _, rest = word.partition("-")
    return rest if rest and head in _NAME_PARTICLES else word


def _same_person(a: str, b: str) -> bool:
    particles = rule_on("surname_without_particle")  # outside the cache, so an ablation is seen
    ta, tb = _tokens(a, particles), _tokens(b, particles)
    return bool(ta and tb) and (ta <= tb or tb <= ta)


def _two_gatherings_of_one_body(a: _Event, b: _Event) -> bool:
    """A body's event and another kind of event of a group of its members ("the Union summit" and
    "a meeting of Union trade ministers"): the group's phrase holds the body's name, yet they are
    two gatherings. One kind of event ("the Union summit", "the summit of Union leaders") is one.
    """
    if len(a.participants) != 1 or len(b.participants) != 1 or a.type == b.type:
        return False
    return rule_on("body_not_its_members") and _body_and_its_members(a.participants[0], b.participants[0])


def _body_and_its_members(a: str, b: str) -> bool:
    """Whether one party is a body's name and the other a group phrase holding it ("the Union",
    "Union trade ministers"); a person's name inside a longer one ("Berg", "Ulla Berg") is no such pair.
    """
    particles = rule_on("surname_without_particle")  # outside the cache, so an ablation is seen
    ta, tb = _tokens(a, particles), _tokens(b, particles)
    group_a, group_b = _common_noun_words(a), _common_noun_words(b)
    if group_a == group_b:
        return False
    name, group = (tb, ta) if group_a else (ta, tb)
    return name < group - _ARTICLES  # "the Union" is the Union


_ARTICLES = frozenset({"the", "a", "an"})


def _common_noun_words(name: str) -> bool:
    """Whether a party's phrase has a plain lower-case word ("ministers", "foreign"): a group
    phrase, not a name ("Nuri al-Hakim" and "Ana de Souza" keep their particles).
    """
    return any(w.isalpha() and w.islower() and w not in _NAME_PARTICLES | _ARTICLES for w in name.split())


_NAME_PARTICLES = words("people", "name_particles")


def _same_parties(a: list[str], b: list[str]) -> bool:
    if len(a) != len(b):
        return False
    used: set[int] = set()
    for x in a:
        for j, y in enumerate(b):
            if j not in used and _same_person(x, y):
                used.add(j)
                break
        else:
            return False
    return True


def _better_location(a: str | None, b: str | None, *, ev_first: bool = False) -> str | None:
    """The more specific of two places for one event; else the one stated first (a headline's)."""
    if not a:
        return b
    if not b:
        return a
    if place_contains(a, b):
        return b
    if place_contains(b, a):
        return a
    return b if ev_first else a


@lru_cache(maxsize=4096)
def _same_place(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    ta = {w.lower() for w in a.split()} - {"the", "of", "in", "at", "city"}
    tb = {w.lower() for w in b.split()} - {"the", "of", "in", "at", "city"}
    return bool(ta and tb) and (ta <= tb or tb <= ta) or place_contains(a, b) or place_contains(b, a)


def _headline_roles_only(ev: _Event) -> bool:
    """A headline event with a party the text does not name ("Communist party chief meets ...")."""
    return any(is_group_name(p) for p in ev.participants)


def _one_visit_two_scales(a: _Event, b: _Event) -> bool:
    """One traveller's visit told once by country and once by a city in it ("a visit to Britain",
    "his visit to London"): one visit, unless the later mention is told as a further one ("he also
    flew to Basra").
    """
    if a.type != "visit" or b.type != "visit" or len(a.participants) != 1 or not a.location or not b.location:
        return False
    if a.status != b.status or not rule_on("merge_country_and_city_visit"):
        return False
    later = b if (b.from_title, b.token) > (a.from_title, a.token) else a
    return not later.further and (place_contains(a.location, b.location) or place_contains(b.location, a.location))


def _told_as_further(tok: Any) -> bool:
    """The event is told as one more ("also visited", "made a further trip"), by "also" on the
    trigger or on the verb that governs an event noun.
    """
    # "also plans to tour": "also" on the verb whose complement the trigger is
    heads = [tok, tok.head] if tok.pos_ == "NOUN" or tok.dep_ == "xcomp" else [tok]
    return any(c.lower_ in _FURTHER_WORDS for h in heads for c in h.children if c.dep_ in ("advmod", "amod"))


_FURTHER_WORDS = words("events", "further_words")


def _restates_told_event(tok: Any) -> bool:
    """Whether the trigger is a definite event noun of no date of its own ("The meeting between A
    and B was ..."), or a clause set inside one ("During the talks, A and B agreed ..."): the
    event a text names so is one it has told, not a new one (rule restated_event_joins).
    """
    # WHY: "the" marks the event as known; a date, "next" or "first" would make it another one
    if not rule_on("restated_event_joins"):
        return False
    nouns = [tok] if tok.pos_ == "NOUN" else []
    heads = [tok, tok.head] if tok.dep_ == "xcomp" else [tok]  # "During the talks, A and B are to sign"
    nouns += [o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in _RESTATING_PREPS
              for o in children(p, "pobj") if o.lemma_.lower() in _RESTATING_NOUNS or o.lower_ in _RESTATING_NOUNS]
    return any(_definite_undated(n) for n in nouns)


def _definite_undated(noun: Any) -> bool:
    """"the meeting", "the talks between A and B": definite, with no date or "next" of its own."""
    if not has_the(noun):
        return False
    # a relative clause in the phrase ("between A and B, who are in X for a two-day fair") dates its own verb
    clauses = {t.i for c in noun.subtree if c.dep_ == "relcl" for t in c.subtree}
    return not any(t.ent_type_ in ("DATE", "TIME") or t.lower_ in _NEW_EVENT_MODS or t.lower_ in PLANNED_NOUN_MODS
                   for t in noun.subtree if t.i not in clauses)


_RESTATING_PREPS = words("events", "restating_frame_preps")
_RESTATING_NOUNS = words("events", "restating_frame_nouns")
_NEW_EVENT_MODS = words("events", "new_event_mods")


def _joins_told_event(told: _Event, ev: _Event) -> bool:
    """A body meeting restating an earlier body meeting of its parties: one event, told first there."""
    return (
        ev.restates and told.token < ev.token and "visit" not in (told.type, ev.type)
        and not (ev.from_title or told.from_title) and rule_on("restated_event_joins")
    )


def merge_events(events: list[_Event]) -> list[_Event]:
    """One record per distinct event: the same parties reported twice become one meeting."""
    # body mentions first: the title restates what the body tells in more detail
    ordered = sorted(events, key=lambda e: (e.from_title, e.token))
    kept: list[_Event] = []
    body = [e for e in events if not e.from_title]
    for ev in ordered:
        if ev.from_title and body and _headline_roles_only(ev) and rule_on("headline_roles_restate_body"):
            continue  # "Russian PM visits Slovakia" over a body that names him: the body's event stands
        for k in kept:
            if not _same_parties(k.participants, ev.participants):
                continue
            if len(ev.participants) == 1 and (k.type == "visit") != (ev.type == "visit"):
                continue  # X's visit and the summit X attends on it are two events
            if _two_gatherings_of_one_body(k, ev):
                continue
            nested = _one_visit_two_scales(k, ev)
            if len(ev.participants) == 1 and k.location != ev.location and rule_on("merge_one_traveller_two_stops") and not (
                ev.from_title and _same_place(k.location, ev.location)
            ) and not (not k.location or not ev.location) and not nested:
                continue  # one traveller, two places: two stops
            joined = _joins_told_event(k, ev)
            if k.status != ev.status and not joined:
                continue
            if ev.strength > k.strength and not ev.from_title and k.status == ev.status:
                k.status, k.strength = ev.status, ev.strength
            if nested and not ev.from_title:
                # one visit told at two scales in the body is the visit to the wider place (the
                # country); its city is kept to name the place at both scales (_visit_place)
                wide, narrow = (k.location, ev.location) if place_contains(k.location, ev.location) \
                    else (ev.location, k.location)
                k.location = wide
                k.cities = tuple(dict.fromkeys(c for c in (*k.cities, *ev.cities, narrow) if c))
            else:
                k.location = _better_location(k.location, ev.location, ev_first=ev.from_title or ev.token < k.token)
            k.participants = [max((x, y), key=len) for x, y in _pair(k.participants, ev.participants)]
            k.date = k.date or ev.date
            break
        else:
            kept.append(replace(ev, participants=list(ev.participants)))
    kept.sort(key=lambda e: (e.from_title, e.token))
    return kept


def _pair(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    out = []
    used: set[int] = set()
    for x in a:
        for j, y in enumerate(b):
            if j not in used and _same_person(x, y):
                used.add(j)
                out.append((x, y))
                break
        else:
            out.append((x, x))
    return out


def read_events(doc: Any, people: PeopleIndex, published: datetime | None, *,
                title_end: int = 0, source: str | None = None,
                max_sentence_tokens: int = 200, off: frozenset[str] = frozenset(),
                coref: Coref | None = None) -> list[_Event]:
    """All meeting-like events in a parsed document, before merging (trips use these too).

    `off` names meeting rules (bot/extract/meeting_rules.py) to leave out, to measure what each is
    worth; `coref`, when given, knows who spoke through each saying verb (`Coref.knowing_who_spoke`).
    """
    with rules_off(off):
        reader = MeetingReader(doc, people, published, title_end=title_end, source=source,
                               max_sentence_tokens=max_sentence_tokens, coref=coref)
        events = reader.read()
        place_short_countries(events, doc_text(doc))
        place_by_stay(events, _same_person, reader.here)
        place_by_dateline(events, doc, reader.here, reader.namer.name, _same_person)
        if rule_on("home_trip_no_visit"):
            def nations(party: str) -> frozenset[str]:
                return people.nations(people.resolve(party) or party)

            events = [ev for ev in events if not home_trip(ev, reader.here, nations)]
        return events


def _visit_place(ev: _Event) -> str | None:
    """The place of a visit told by its country and by one city in it is both, as a reader
    writes it: "Aqaba, Jordan"; with two cities or none, the place as told.
    """
    if len(ev.cities) != 1 or not ev.location or not rule_on("visit_city_in_country"):
        return ev.location
    return f"{ev.cities[0]}, {ev.location}"


def to_meetings(events: list[_Event], off: frozenset[str] = frozenset()) -> list[Meeting]:
    """One Meeting per distinct event; `off` as for read_events."""
    with rules_off(off):
        merged = merge_events(events)
        places = [_visit_place(ev) for ev in merged]
    out = []
    for ev, location in zip(merged, places, strict=True):
        place = resolve_place(location) if location else None
        out.append(Meeting(
            participants=tuple(ev.participants),
            location=location,
            status=ev.status,
            type=ev.type,
            date=ev.date,
            country=place.country if place else "",
            evidence=ev.evidence,
        ))
    return out


def extract_meetings(doc: Any, people: PeopleIndex, published: datetime | None, *,
                     title_end: int = 0, source: str | None = None,
                     off: frozenset[str] = frozenset()) -> list[Meeting]:
    """The distinct meetings a parsed document states, with participants, place, date and status."""
    return to_meetings(read_events(doc, people, published, title_end=title_end, source=source, off=off),
                       off=off)
