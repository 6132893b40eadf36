"""Who a document's person words are: names, surnames, roles ("the foreign minister"), he/she.

One resolver per parsed document over the people index (bot/extract/entities.py), read by the
meeting reader (participants) and the quote reader (speakers) alike: a name stands for its
fullest form; a role goes to the one person titled so, or to the protagonist it fits; a pronoun
goes to the latest fitting subject, or, for one who speaks, to the latest speaker it fits; never
to a person a title or an earlier pronoun gives the other gender. Pure; meeting decisions ask
`rule_on` so an ablation can measure them.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from bot.extract.entities import (
    ROLE_HEADS,
    ROLE_SYNONYMS,
    TITLE_WORDS,
    PeopleIndex,
    holds_kind,
    particle_free,
    resolve_place,
    spelled_role,
)
from bot.extract.gender import FEMALE, MALE, gender_of, pronoun_gender, surname_genders
from bot.extract.lexicon import words
from bot.extract.meeting_rules import rule_on
from bot.extract.syntax import children, doc_text, entities, has_the, np_text, span_text

PARTY_NOUNS = words("people", "party_nouns")
_ROLE_OR_PARTY_NOUNS = ROLE_HEADS | PARTY_NOUNS  # joined once, not per token named
COLLECTIVE_NOUNS = words("people", "collective_nouns")
FIRST_PERSON = words("people", "first_person")
PRONOUNS = words("people", "pronouns")
_NAME_PARTICLES = words("people", "name_particles")
# Role words of speakers ("the spokesman", "the premier"), read from the quote lexicon.
SPEAKER_TITLES = words("quotes", "person_titles")
TITLE_MODIFIERS = words("quotes", "title_modifiers")
_GENERIC_HEADS = words("quotes", "generic_heads")
# The words of quotes.SPEECH_VERBS | OPINION_VERBS, read from the lexicon here: quotes imports coref.
_SAYING_VERBS = words("quotes", "speech_verbs") | words("quotes", "opinion_verbs")
_HEAD_OFFICES = words("people", "head_offices")
SPEAKER_LOOKBACK = 50  # speakers looked back over for he/she/it
TITLE_REACH = 400  # tokens back that "the minister" may point to an earlier person


class Coref:
    """Turns person tokens into names (or unnamed noun phrases): names, roles, pronouns, one document."""

    def __init__(self, doc: Any, people: PeopleIndex) -> None:
        self.doc = doc
        self.people = people
        self._titled: dict[str, str] | None = None  # "Mrs Berg": stated by a title; read on first use
        self._bound: dict[str, str] = {}  # name → the gender of a pronoun already resolved to it
        self._resolved: dict[int, str | None] = {}  # pronoun token → its antecedent
        self._counterparts: dict[str, str] | None = None  # read on first use
        # Who has spoken (or is the subject of a main clause), in document order:
        # (token index, name, is a person, is many). A speaker's he/she/it/they look back over it.
        self.speakers: list[tuple[int, str, bool, bool]] = []
        self._spoke: set[int] = set()  # the token indices of those entries that spoke
        self._spoken_by: dict[int, str] = {}  # saying verb → the one person the quote layer found speaking
        # Role words seen in apposition to a name ("Lee, the spokesman, said") → that name.
        self.roles: dict[str, str] = {}
        # Surnames of the people the model found, to recognise them where it missed them.
        self.surnames = {
            parts[-1]
            for ent in entities(doc)
            if ent.label_ == "PERSON" and (parts := strip_possessive(span_text(doc, ent.start, ent.end)).split())
        }
        if rule_on("particle_surname"):  # "Assad" is the surname of "Bashar al-Assad" too
            self.surnames |= {bare for s in self.surnames if (bare := particle_free(s))}
        # Title words written right before a name ("Ruritanian leader Boris Adamek"): each
        # maps to the names it precedes, so "the Ruritanian leader" can find its person.
        self.titles: dict[str, set[str]] = {}
        for ent in entities(doc):
            if ent.label_ != "PERSON" or ent.start == 0:
                continue
            before = doc[ent.start - 1]
            if before.pos_ in ("NOUN", "PROPN") and before.is_alpha and not before.ent_type_:
                name = strip_possessive(span_text(doc, ent.start, ent.end))
                self.titles.setdefault(before.lower_, set()).add(self.resolve_name(name) or name)

    def _fits(self, name: str, gender: str) -> bool:
        """Whether a he/she may be this person: not when a title or an earlier pronoun says otherwise."""
        if not gender or not rule_on("pronoun_gender_agreement"):
            return True
        known = self.stated_gender(name) or self._bound.get(name, "")
        return not known or known == gender

    def _antecedent(self, tok: Any) -> str | None:
        """He/she: the person it refers to; pronouns earlier in the sentence are bound first."""
        gender = pronoun_gender(tok.lower_)
        said = self._speaker_of_pronoun(tok, gender)
        if said:
            self._resolved[tok.i] = said
            return said
        if tok.i in self._resolved:
            return self._resolved[tok.i]
        for t in tok.sent:
            if t.i >= tok.i:
                break
            if t.lower_ in PRONOUNS and t.i not in self._resolved:
                self._antecedent(t)  # "he called her before she met X": he is bound, so she is not him
        found = self._find_antecedent(tok, gender)
        self._resolved[tok.i] = found
        if found and gender:
            self._bound.setdefault(found, gender)
        return found

    def knowing_who_spoke(self, other: Coref) -> Coref:
        """This resolver, told who spoke through each saying verb as `other` (the quote layer's) found."""
        self._spoken_by.update(other._spoken_by)
        return self

    def _speaker_of_pronoun(self, tok: Any, gender: str) -> str | None:
        """The person the quote layer found speaking through this pronoun ("..., he said after
        talks with X"), so meetings and quotes read the pronoun alike; None when it
        did not speak, or is no person the text names, or the quote layer has not told this resolver.
        """
        if tok.dep_ != "nsubj" or not rule_on("pronoun_speaker_shared"):
            return None
        said = self._spoken_by.get(tok.head.i)
        known = self.people.resolve(said) if said else None  # a person the text names, never a group
        return known if known and self._fits(known, gender) else None

    def _find_antecedent(self, tok: Any, gender: str) -> str | None:
        """The latest subject that names a person of a fitting gender, in this sentence or the three
        before; in the pronoun's own sentence, a person object when no subject fits.
        """
        sent = tok.sent
        own = sent.start
        doc = self.doc
        root = sent.root
        local = _local_subject(tok) if rule_on("object_pronoun_not_own_subject") else None
        # "Dahl said ... . Dahl criticised Berg and accused him": him is not Dahl in any sentence
        barred = self.name(local) if local is not None and rule_on("object_pronoun_not_subject_person") else None
        owner = _relative_clause_owner(tok) if rule_on("pronoun_in_who_clause") else None
        if owner is not None:
            # "joined by Dahl, who on his arrival said ...": the who-clause is about its noun's person
            n = self.name(owner)
            if n and not is_group_name(n) and self._fits(n, gender):
                return n
        # "Fresh from his talks with X, Dahl said ...": a pronoun before the main subject points to it
        for subj in root.children if rule_on("pronoun_before_main_subject") else ():
            if subj.dep_ in ("nsubj", "nsubjpass") and subj.i > tok.i and subj.pos_ != "PRON" and subj != local and not (
                    subj.left_edge.i <= tok.i <= subj.right_edge.i):
                n = self.name(subj)
                if n and (not is_group_name(n) or singular_role(subj)) and self._fits(n, gender):
                    return n
        rejected = False  # a subject of this sentence was passed over for its gender
        chained = None  # a subject he/she of this gender in the nearest sentence before, in case no name is in reach
        for _ in range(4 if rule_on("pronoun_recent_subject") else 0):
            best = None
            here = sent.start == own
            for t in sent:
                if here and t.i >= tok.i:
                    break
                if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in PRONOUNS and t.pos_ != "PRON" \
                        and t.tag_ not in ("NNS", "NNPS") and t != local:  # "he" is never "diplomats"
                    n = self.name(t)
                    if barred is not None and n == barred:
                        rejected = rejected or here  # then a person object before the pronoun is the one meant
                        continue
                    if n and (not is_group_name(n) or singular_role(t)) and not self._fits(n, gender):
                        rejected = rejected or here
                    elif n and (not is_group_name(n) or singular_role(t)):
                        best = n
                        if t.head.dep_ == "ROOT" and not here:
                            break  # the main clause's subject is who the next sentence is about
                elif chained is None and not here and _same_subject_pronoun(t, gender):
                    chained = t
            if best:
                return best
            if here and rejected:
                # "he called Berg before she met X": the subject is he, so she is the one he called
                objects = [self.people.person_at(t.i) for t in sent if t.i < tok.i and t.dep_ in ("dobj", "pobj")]
                fitting = [n for n in objects if n and self._fits(n, gender)]
                if fitting:
                    return fitting[-1]
            if sent.start == 0:
                break
            sent = doc[sent.start - 1].sent
            while rule_on("pronoun_reach_skips_marks") and sent.start > 0 and _no_words(sent):
                sent = doc[sent.start - 1].sent  # a closing quotation mark split off is no sentence
        if chained is not None and rule_on("pronoun_chain") and not self._named_between(chained.i, tok.i):
            # "X arrived ... He said ... He added ... He will leave": a run of sentences about one
            # person goes on naming them by pronoun, so the run's he is the earlier he's person
            found = self._antecedent(chained)
            if found and self._fits(found, gender) and self._named(found):
                return found  # only a person the text names: an unnamed "the queen" is too weak a link
        last = self.people.last_person_before(tok.i) if rule_on("pronoun_last_person") else None
        return last if last and self._fits(last, gender) else None

    def _named(self, name: str) -> bool:
        """Whether this is a person the text names (not an unnamed role phrase)."""
        return any(full == name for _s, _e, full in self.people.mentions)

    def _named_between(self, start: int, end: int) -> bool:
        """Whether the text names a person between these two tokens (a new name breaks a he-chain)."""
        return any(start < m_start < end for m_start, _e, _n in self.people.mentions)

    def _salient_holder(self, tok: Any, phrase: str) -> str | None:
        """"The prime minister" when the text names two: the one last a subject before (news refers
        back to its protagonist this way). When the text titles nobody so, the last subject it
        gives no title at all ("Dahl said ... the minister said").
        """
        if not has_the(tok) or tok.tag_ != "NN" \
                and tok.tag_ != "NNP":
            return None
        holders = self.people.role_holders(phrase)
        if len(holders) == 1 or holders and not rule_on("role_salient_holder"):
            return None
        if not holders and rule_on("role_of_a_place_not_protagonist") and _office_of_a_place(tok):
            return None
        if not holders and not rule_on("role_untitled_protagonist"):
            return self._lead_holder(tok)
        for start, _end, name in reversed(self.people.mentions):
            # an earlier sentence's: in its own clause a person is not "the minister" it meets
            if start < tok.sent.start and self.doc[start:_end].root.dep_ in ("nsubj", "nsubjpass") and (
                    name in holders if holders else not self.people.titled(name)):
                return name
        return None if holders else self._lead_holder(tok)

    def _lead_holder(self, tok: Any) -> str | None:
        """The person a role noun opening the story stands for, its title words checked."""
        qualifiers, nationality = title_qualifiers(tok), title_nationality(tok)
        return self.lead_named_next(tok.i, lambda n: self.fits(n, tok.lemma_.lower(), qualifiers, nationality))

    def _apposed_past_of_phrase(self, tok: Any) -> str | None:
        """"the leader of the Ruritanian party, Ivo Marek,": the name apposed to the whole phrase,
        which the parser hangs on the of-phrase's noun or on the verb after it.
        """
        # WHY: a party, a force or a country is no person, so a name set off by commas right
        # after "the <role> of <body>" can only be the role's holder.
        doc = self.doc
        for prep in tok.rights:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for obj in children(prep, "pobj"):
                for app in children(obj, "appos"):
                    hit = self.people.person_at(app.i)
                    if hit and app.i > obj.i and doc[app.left_edge.i - 1].text == ",":  # not "(Name)"
                        return hit
            end = tok.right_edge.i  # "the head of the police here, Colonel X": "here" ends it
            if end + 2 < len(doc) and doc[end + 1].text == ",":
                for start, stop, name in self.people.mentions:
                    if start > end + 1 and all(
                            t.lower_ in TITLE_WORDS or t.text == "-" or t.is_title and t.pos_ == "PROPN"
                            for t in doc[end + 2 : start]) and doc[start:stop].root.dep_ in ("appos", "npadvmod"):
                        return name
                    if start > end + 1:
                        break
        return None

    def lead_named_next(self, token_i: int, fit: Any) -> str | None:
        """"The Ruritanian minister said ... . Ivo Marek told ...": a role opening the story before
        anyone is named is the person the next two sentences first name, as a subject, if they fit.
        """
        # WHY: agency leads give the protagonist's office first and the name a sentence later;
        # only the story's opening subject, before any name, so a role never skips a named person.
        if not rule_on("lead_role_named_next") or not 0 <= token_i < len(self.doc):
            return None
        tok = self.doc[token_i]
        if tok.dep_ not in ("nsubj", "nsubjpass") or not opens_story(self.doc, tok.sent.start):
            return None
        if any(start < token_i for start, _e, _n in self.people.mentions):
            return None
        sent = tok.sent
        end = sent.end
        for _ in range(2):
            if end >= len(self.doc):
                break
            end = self.doc[end].sent.end
        for start, stop, name in self.people.mentions:
            if start < sent.end:
                continue
            if start >= end:
                return None
            if self.doc[start:stop].root.dep_ in ("nsubj", "nsubjpass") and fit(name):
                return name
            return None  # the first person named after the lead is the one it may be, or none
        return None

    # -- names as written, and speakers

    def resolve_name(self, name: str) -> str | None:
        """The people index's full name for `name`, also trying it without leading words
        ("Outgoing Halvorsen" → "Halvorsen"), keeping the text's own spelling when they agree.
        """
        parts = name.split()
        # Leading words are only dropped to reach a person's surname ("Outgoing Halvorsen"),
        # never to turn "the Trade Department" into "Department".
        tries = min(len(parts), 4) if parts and parts[-1] in self.surnames else 1
        for k in range(tries):
            resolved = self.people.resolve(" ".join(parts[k:]))
            if resolved:
                if resolved.replace(" ", "") == name.replace(" ", ""):
                    return name  # the index may space out hyphens: keep "Min-jun"
                return resolved
        return None

    def looks_like_person(self, tok: Any, name: str) -> bool:
        """A name the model may have mis-tagged is a person when a title precedes it or its
        last word is the surname of a person named elsewhere in the text.
        """
        if tok.ent_type_ == "PERSON":
            return True
        parts = name.split()
        if not parts:
            return False
        return parts[0].lower().rstrip(".") in SPEAKER_TITLES or parts[-1] in self.surnames

    def _speaker_fits(self, name: str, gender: str) -> bool:
        """Whether he/she may be this speaker: not when a title or an earlier pronoun says otherwise."""
        known = self.stated_gender(name)
        if not known and rule_on("pronoun_gender_agreement"):
            known = self._bound.get(name, "")  # "he said" bound him: a later "she" is someone else
        return known not in (MALE, FEMALE) or known == gender

    def gender_fits(self, name: str, gender: str) -> bool:
        """Whether a he/she ("m"/"f") may stand for this speaker (see `_speaker_fits`)."""
        return self._speaker_fits(name, gender)

    def stated_gender(self, name: str) -> str:
        """'m' or 'f' when the text gave the person a gendered title ("Mrs Ferraro"), else ''."""
        if self._titled is None:
            self._titled = surname_genders(self.doc)  # one pass over the tokens, only when asked
        return gender_of(name, self._titled)

    def role_of(self, name: str) -> str:
        """The role the people index read for this person ("Prime Minister"), or, for one the text
        names only as someone's counterpart, that someone's role; else ''.
        """
        for person in self.people.people:
            if person.name == name and person.role:
                return str(person.role)
        return self._counterpart_roles().get(name, "")

    def _counterpart_roles(self) -> dict[str, str]:
        """Name → role for "his (Japanese) counterpart <Name>", "<Name>'s counterpart, <Name>":
        a counterpart holds the office of the one whose counterpart they are.
        """
        if self._counterparts is None:
            self._counterparts = {}
            for start, _end, name in self.people.mentions:
                word = _counterpart_before(self.doc, start)
                owner = _counterpart_owner(word) if word is not None else None
                known = self.people.person_at(owner.i) if owner is not None else None
                role = next((str(p.role) for p in self.people.people if p.name == known and p.role), "")
                if role and known != name and rule_on("counterpart_holds_the_role"):
                    self._counterparts.setdefault(name, role)
        return self._counterparts

    def nationals(self, nationality: str) -> set[str]:
        """The people whose mentions the text marks with this nationality ("Japanese Foreign
        Minister X", "his Japanese counterpart X").
        """
        found: set[str] = set()
        for start, _end, name in self.people.mentions:
            if any(t.lower_ == nationality and is_nationality(t) for t in self.doc[max(0, start - 4) : start]):
                found.add(name)
        return found

    def national_holder(self, title: str, qualifiers: frozenset[str], nationality: str) -> str | None:
        """"the Japanese minister": the one person the text marks Japanese whose role fits, when
        exactly one does (a person of unstated nationality is not preferred to a marked one).
        """
        if not nationality or not rule_on("role_marked_nationality"):
            return None
        fitting = [n for n in self.nationals(nationality)
                   if self.role_of(n) and role_fits(self.role_of(n), title, qualifiers)]
        return fitting[0] if len(fitting) == 1 else None

    def nationality_fits(self, name: str, nationality: str) -> bool:
        """Whether "the <nationality> president" may be this person: true unless the text puts
        another nationality word right before one of the person's mentions.
        """
        if not nationality:
            return True
        seen: set[str] = set()
        for start, _end, full in self.people.mentions:
            if full == name:
                seen.update(t.lower_ for t in self.doc[max(0, start - 4) : start] if is_nationality(t))
        return not seen or nationality in seen

    def fits(self, name: str, title: str, qualifiers: frozenset[str], nationality: str) -> bool:
        """Whether this person may be "the <nationality> <qualifiers> <title>"."""
        return role_fits(self.role_of(name), title, qualifiers) and self.nationality_fits(name, nationality)

    def role_holder(self, word: str) -> str | None:
        """The one person a role word ("spokesman", "chancellor-designate") refers to, if any."""
        known = self.roles.get(word)
        if known:
            return known
        holders = self.titles.get(word, set())
        return next(iter(holders)) if len(holders) == 1 else None

    def titled_antecedent(self, token_i: int, title: str, qualifiers: frozenset[str] = frozenset(),
                          nationality: str = "", *, check: bool = True, spoke: bool = False) -> str | None:
        """'the prime minister' with no known holder: the latest nearby speaker or subject whose
        known role, if any, fits the title and its qualifiers (news refers back to its
        protagonist this way; "the foreign minister" is not the prime minister named last).
        `check` False accepts any role; `spoke` takes only those who have spoken.
        """
        # "the president of Ruritania": someone the text never titled is not that office's holder
        pinned = (rule_on("role_of_a_place_not_protagonist") and 0 <= token_i < len(self.doc)
                  and _office_of_a_place(self.doc[token_i]))

        def fit(n: str) -> bool:
            if pinned and not self.role_of(n):
                return False
            return not check or self.fits(n, title, qualifiers, nationality)

        holders = {n for n in self.titles.get(title, ()) if fit(n)}
        end = bisect.bisect_left(self.speakers, (token_i,))
        for k in range(end - 1, max(-1, end - 1 - SPEAKER_LOOKBACK), -1):
            i, name, is_person, plural = self.speakers[k]
            if token_i - i > TITLE_REACH:
                break
            if not is_person or plural or spoke and i not in self._spoke:
                continue
            if holders and name not in holders:
                continue  # the text gives this title to other people, not to this one
            if fit(name):
                return name
        return None if spoke else self.lead_named_next(token_i, fit)

    def note_speaker(self, token_i: int, name: str, is_person: bool, plural: bool = False, *,
                     spoke: bool = False) -> None:
        """Remember one who spoke (`spoke`) or a main clause's subject, for the pronouns after it."""
        bisect.insort(self.speakers, (token_i, name, is_person, plural))
        if spoke:
            self._spoke.add(token_i)
            if is_person and not plural:
                self._spoken_by[token_i] = name

    def last_saying(self, token_i: int) -> tuple[int, str, bool, bool] | None:
        """The latest entry of the speaker list before token_i if it spoke (token, name, is a
        person, is many); None when the latest entry is a subject that did not speak.
        """
        end = bisect.bisect_left(self.speakers, (token_i,))
        if end == 0 or self.speakers[end - 1][0] not in self._spoke:
            return None
        return self.speakers[end - 1]

    def recent_speaker(self, token_i: int, *, person: bool, gender: str = "", thing: bool = False,
                       group: bool = False, unnamed: Sequence[tuple[int, str]] = ()) -> str | None:
        """The speaker a pronoun that speaks stands for: the most recent one before token_i (one
        person for he/she, one non-person for it, many or a body for they), skipping people whose
        stated gender does not fit; with no speaker yet, the last person named before.
        `unnamed`: (token, phrase) of fitting unnamed subjects nearby; a later one wins.
        """
        end = bisect.bisect_left(self.speakers, (token_i,))
        reported = self._named_in_report(token_i) if person and rule_on("speaker_not_named_in_report") else set()
        latest = max(unnamed, default=None)
        for k in range(end - 1, max(-1, end - 1 - SPEAKER_LOOKBACK), -1):
            _i, name, is_person, plural = self.speakers[k]
            if latest is not None and latest[0] > _i:
                return latest[1]  # an unnamed subject told after the last speaker is nearer
            if (thing or person) and plural:
                continue  # "officials said ... he said": he is not the officials
            if name in reported:
                continue  # "Dahl will attend the summit, he said": he is not Dahl
            if (thing or group) and is_person and not plural:
                continue  # "they said" is not the one minister quoted last
            if is_person or not person:
                if gender and not self._speaker_fits(name, gender):
                    continue
                if gender and is_person:
                    self._bound.setdefault(name, gender)
                return name
        if latest is not None:
            return latest[1]
        return self.people.last_person_before(token_i) if person else None

    def _named_in_report(self, token_i: int) -> set[str]:
        """The people named inside the clause a speaking he/she reports ("Dahl will come, he said")."""
        # WHY: had the speaker been Dahl, the report would say "he will come"; a name the reported
        # clause spells out is someone the speaker talks about
        if not 0 <= token_i < len(self.doc):
            return set()
        tok = self.doc[token_i]
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            return set()
        spans = [(c.left_edge.i, c.right_edge.i) for c in tok.head.children
                 if c.dep_ in ("ccomp", "parataxis") and c.i != token_i]
        return {name for start, end, name in self.people.mentions
                if any(lo <= start <= hi for lo, hi in spans) and not _reports_in_turn(self.doc[start:end].root)}

    def name(self, tok: Any) -> str | None:
        """The person (or unnamed party's phrase) a token stands for; None for anything else."""
        doc = self.doc
        if tok.lower_ in PRONOUNS:
            return self._antecedent(tok)
        if tok.pos_ == "PRON" or tok.lower_ in FIRST_PERSON and tok.is_lower:
            return None
        hit = self.people.person_at(tok.i)
        if hit:
            return hit  # a name stands for itself, whatever is apposed to it
        for app in children(tok, "appos"):
            hit = self.people.person_at(app.i)
            if hit:
                return hit  # "the leader, A": the phrase is A
            if _untagged_name(app) and tok.lemma_.lower() in PARTY_NOUNS and rule_on("apposed_proper_name"):
                # "his Latvian counterpart Ivars Berzins" with the name tagged as an organisation
                return " ".join(t.text for t in app.subtree if t.i >= app.left_edge.i and t.pos_ == "PROPN")
        if tok.lemma_.lower() in _ROLE_OR_PARTY_NOUNS and rule_on("apposed_name_after_of_phrase"):
            hit = self._apposed_past_of_phrase(tok)
            if hit:
                return hit
        if tok.tag_ == "VBG" and tok.lemma_.lower() == "visit" and rule_on("visiting_names_the_visitor"):
            # "talks with visiting Foreign Secretary Ines Moreau": the parser heads the phrase by the verb
            guests = children(tok, "dobj")
            return self.name(guests[0]) if guests else None
        if tok.pos_ == "PROPN" and tok.lower_ in TITLE_WORDS and rule_on("title_heads_its_holder"):
            # "Minister for Agriculture and Fisheries Ana Ruiz" parsed with the title as head
            inside = {self.people.person_at(t.i) for t in tok.subtree if t.i > tok.i} - {None}
            if len(inside) == 1:
                return inside.pop()
        if hyphen_pair(tok):
            return self.people.resolve(tok.text) or tok.text
        if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL"):
            return None
        head = tok.lemma_.lower()
        phrase = np_text(tok, doc)
        if tok.tag_ in ("NNS", "NNPS") and phrase.lower().startswith(("a ", "an ")):
            phrase = phrase.split(" ", 1)[1]  # "an EU ministers' meeting": the article is the meeting's
        if head in ROLE_HEADS and rule_on("role_phrase_to_named_person"):
            marked = self.national_holder(head, title_qualifiers(tok), title_nationality(tok)) if (
                tok.tag_ == "NN" and has_the(tok)) else None
            resolved = marked or self.people.resolve(phrase) or self._salient_holder(tok, phrase)
            if resolved:
                return resolved
        if (head in PARTY_NOUNS or head in COLLECTIVE_NOUNS) and tok.pos_ == "NOUN" and rule_on("party_nouns_unnamed"):
            return phrase
        if head in ROLE_HEADS and rule_on("role_unnamed_holder") and any(
                c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in tok.children):
            return phrase  # an unnamed office holder: "the chancellor", "the Queen"
        return None


def _reports_in_turn(tok: Any) -> bool:
    """"Dahl stressed that ..., he said": a name that is itself the subject of a saying verb."""
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in _SAYING_VERBS


def _relative_clause_owner(tok: Any) -> Any:
    """The person noun a who-clause holding this pronoun is attached to ("Dahl, who ... his ..."),
    or None; only a clause that "who" opens, so the noun is its subject.
    """
    t = tok
    while t.head.i != t.i:
        if t.dep_ == "relcl":
            if any(c.lower_ == "who" and c.dep_ in ("nsubj", "nsubjpass") for c in t.children) \
                    and t.head.pos_ == "PROPN":
                return t.head
            return None
        t = t.head
    return None


HEADLINE_CHARS = 200  # the longest first line read as a headline


def opens_story(doc: Any, sent_start: int, skip: Sequence[bool] | None = None) -> bool:
    """Whether the sentence starting at `sent_start` is the story's first: only a headline (one
    line, a blank line after it) or a dateline (no verb) before it; `skip` marks tokens to pass over
    (a quotation's words).
    """
    text = doc_text(doc)
    blank = text.find("\n\n")
    headline_end = blank if 0 < blank <= HEADLINE_CHARS and ". " not in text[:blank] else 0
    return not any(t.pos_ in ("VERB", "AUX") and t.idx >= headline_end and not (skip and skip[t.i])
                   for t in doc[:sent_start])


def _no_words(sent: Any) -> bool:
    """A "sentence" of punctuation only, as the parser splits off a quotation's closing mark."""
    return not any(t.is_alpha for t in sent)


def _same_subject_pronoun(tok: Any, gender: str) -> bool:
    """A he/she of the given gender that is a clause's subject ("He said", "she will leave")."""
    return bool(gender) and tok.dep_ in ("nsubj", "nsubjpass") and pronoun_gender(tok.lower_) == gender


def _office_of_a_place(tok: Any) -> bool:
    """"the president of Ruritania": an office pinned to a named country or city by an of-phrase.
    The protagonist the text named without a title is not it: had the text meant them, it
    would have given them that title when it named them.
    """
    for prep in tok.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return any(o.dep_ == "pobj" and (o.ent_type_ in ("GPE", "LOC") or o.pos_ == "PROPN"
                                             and resolve_place(o.text) is not None) for o in prep.children)
    return False


def hyphen_pair(tok: Any) -> bool:
    """One side of "the Dahl-Berg summit": a capitalised word joined to another by a hyphen."""
    doc = tok.doc
    if tok.pos_ != "PROPN" or tok.ent_type_ in ("GPE", "NORP", "ORG", "LOC") or not tok.is_title:
        return False
    before = tok.i > 1 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].pos_ == "PROPN"
    after = tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].pos_ == "PROPN"
    return bool(before or after)


def singular_role(tok: Any) -> bool:
    """Whether the noun is one unnamed person ("The chancellor"), not a group ("officials")."""
    return tok.tag_ in ("NN", "NNP") and tok.lemma_.lower() in ROLE_HEADS


def is_group_name(name: str) -> bool:
    """An unnamed party ("EU farm ministers", "heads of the three Baltic states"), not a name."""
    return any(w[:1].islower() and w not in _NAME_PARTICLES and not _particle_joined_surname(w) for w in name.split())


def _particle_joined_surname(word: str) -> bool:
    """"al-Tarvi" in "Omar Hadi al-Tarvi": a surname written with its lower-case particle."""
    # WHY: its lower-case first letter is the particle's, not a common noun's; such a person is
    # one named person, a pronoun's antecedent, never an unnamed group
    return rule_on("particle_surname_not_group") and bool(particle_free(word))


def _untagged_name(tok: Any) -> bool:
    """Two or more capitalised words the model did not tag as a person or a place."""
    words = [t for t in tok.subtree if t.pos_ == "PROPN" and t.is_title]
    return len(words) >= 2 and len(words) == len(list(tok.subtree)) and not any(
        t.ent_type_ in ("PERSON", "GPE", "LOC", "NORP", "FAC", "DATE") for t in words)


def _local_subject(tok: Any) -> Any:
    """The subject an object pronoun cannot be: "Kalns greeted him" (him is not Kalns)."""
    if tok.lower_ not in ("him", "her") or tok.dep_ not in ("dobj", "dative", "pobj"):
        return None
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subs and verb.dep_ in ("conj", "advcl", "xcomp") and rule_on("object_pronoun_not_subject_person"):
        # "Dahl criticised Berg and accused him", "..., accusing him of ...": the verb shares
        # its head's subject, and a him/her is never its own clause's subject
        subs = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subs[0] if subs else None


def strip_possessive(text: str) -> str:
    """A name without its possessive ending ("Berg's" → "Berg")."""
    return text[:-2] if text.endswith(("'s", "\u2019s")) else text


def is_nationality(tok: Any) -> bool:
    """A nationality or country word inside a title ("*Chinese* President", "the *US* envoy")."""
    return tok.ent_type_ == "NORP" or tok.ent_type_ == "GPE" and tok.dep_ in ("amod", "compound")


def _role_words(parts: Any) -> set[str]:
    """Lower-case role words with abbreviations and synonyms spelled out ("premier" → prime minister)."""
    out: set[str] = set()
    for word in parts:
        out.update(ROLE_SYNONYMS.get(spelled_role(word), (word,)))  # "pm" is a premier: prime minister
    return out


def role_fits(role: str, title: str, qualifiers: frozenset[str]) -> bool:
    """Whether a person whose known role is `role` may be called "the <qualifiers> <title>";
    an unknown role fits anything.
    """
    if not role:
        return True
    known = _role_words(role.lower().replace("-", " ").split())
    if title in _GENERIC_HEADS and not qualifiers and known & _HEAD_OFFICES:
        return True  # "the Chilean leader" may be its president, premier or king
    if title not in known and rule_on("role_kind_holders") and holds_kind(known, title):
        return _role_words(qualifiers) <= known  # "the pontiff": the pope; "the special envoy": a special representative
    return _role_words([title, *qualifiers]) <= known


def _counterpart_before(doc: Any, start: int) -> Any:
    """The word "counterpart" right before a name ("counterpart X", "counterpart, X"), or None."""
    for i in (start - 1, start - 2):
        if i >= 0 and doc[i].lower_ in ("counterpart", "counterparts"):
            return doc[i]
        if i < 0 or doc[i].text != ",":
            return None
    return None


def _counterpart_owner(word: Any) -> Any:
    """Whose counterpart: the possessor ("Lund's counterpart"), or, for his/her, the subject of
    the clause the phrase stands in ("Lund met his counterpart X").
    """
    poss = next((c for c in word.children if c.dep_ == "poss"), None)
    if poss is None:
        return None
    if poss.pos_ != "PRON":
        return poss
    for head in word.ancestors:
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
    return None


def title_qualifiers(tok: Any) -> frozenset[str]:
    """Title words qualifying a role noun ("the *foreign* minister"); nationalities are left
    out because the text often names a person's office without the country.
    """
    return frozenset(
        c.lower_ for c in tok.lefts
        if c.dep_ in ("amod", "compound") and c.lower_ in TITLE_MODIFIERS | SPEAKER_TITLES
        and c.lower_ not in ("the", "of") and not _names_country(c)
    )


def _names_country(tok: Any) -> bool:
    """"US" in "the US president": a country or body named before a title, not an office word."""
    return tok.ent_type_ in ("GPE", "NORP", "ORG", "LOC") or tok.text.replace(".", "").isupper()


def title_nationality(tok: Any) -> str:
    """The nationality word qualifying a role noun ("the *Chinese* president"), or ''."""
    return next((c.lower_ for c in tok.lefts if is_nationality(c)), "")
