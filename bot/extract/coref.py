"""Who a document's person words are: names, surnames, roles ("the foreign minister"), he/she.

One resolver per parsed document over the people index (bot/extract/entities.py): a name stands
for its fullest form; a role goes to the one person titled so, or to the protagonist it fits;
a pronoun goes to the latest fitting subject, never to a person a title or an earlier pronoun
gives the other gender. Pure; every decision asks `rule_on` so an ablation can measure it.
"""

from __future__ import annotations

from typing import Any

from bot.extract.entities import ROLE_HEADS, TITLE_WORDS, PeopleIndex
from bot.extract.gender import gender_of, pronoun_gender, surname_genders
from bot.extract.lexicon import words
from bot.extract.meeting_rules import rule_on
from bot.extract.syntax import children, np_text

PARTY_NOUNS = words("people", "party_nouns")
COLLECTIVE_NOUNS = words("people", "collective_nouns")
FIRST_PERSON = words("people", "first_person")
PRONOUNS = words("people", "pronouns")
_NAME_PARTICLES = words("people", "name_particles")


class Coref:
    """Turns person tokens into names (or unnamed noun phrases): names, roles, pronouns, one document."""

    def __init__(self, doc: Any, people: PeopleIndex) -> None:
        self.doc = doc
        self.people = people
        self._titled: dict[str, str] | None = None  # "Mrs Berg": stated by a title; read on first use
        self._bound: dict[str, str] = {}  # name → the gender of a pronoun already resolved to it
        self._resolved: dict[int, str | None] = {}  # pronoun token → its antecedent

    def _fits(self, name: str, gender: str) -> bool:
        """Whether a he/she may be this person: not when a title or an earlier pronoun says otherwise."""
        if not gender or not rule_on("pronoun_gender_agreement"):
            return True
        if self._titled is None:
            self._titled = surname_genders(self.doc)  # one pass over the tokens, only when a he/she asks
        known = gender_of(name, self._titled) or self._bound.get(name, "")
        return not known or known == gender

    def _antecedent(self, tok: Any) -> str | None:
        """He/she: the person it refers to; pronouns earlier in the sentence are bound first."""
        if tok.i in self._resolved:
            return self._resolved[tok.i]
        gender = pronoun_gender(tok.lower_)
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

    def _find_antecedent(self, tok: Any, gender: str) -> str | None:
        """The latest subject that names a person of a fitting gender, in this sentence or the three
        before; in the pronoun's own sentence, a person object when no subject fits.
        """
        sent = tok.sent
        own = sent.start
        doc = self.doc
        root = sent.root
        local = _local_subject(tok) if rule_on("object_pronoun_not_own_subject") else None
        # "Fresh from his talks with X, Dahl said ...": a pronoun before the main subject points to it
        for subj in root.children if rule_on("pronoun_before_main_subject") else ():
            if subj.dep_ in ("nsubj", "nsubjpass") and subj.i > tok.i and subj.pos_ != "PRON" and subj != local and not (
                    subj.left_edge.i <= tok.i <= subj.right_edge.i):
                n = self.name(subj)
                if n and (not is_group_name(n) or singular_role(subj)) and self._fits(n, gender):
                    return n
        rejected = False  # a subject of this sentence was passed over for its gender
        for _ in range(4 if rule_on("pronoun_recent_subject") else 0):
            best = None
            here = sent.start == own
            for t in sent:
                if here and t.i >= tok.i:
                    break
                if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in PRONOUNS and t.pos_ != "PRON" \
                        and t.tag_ not in ("NNS", "NNPS") and t != local:  # "he" is never "diplomats"
                    n = self.name(t)
                    if n and (not is_group_name(n) or singular_role(t)) and not self._fits(n, gender):
                        rejected = rejected or here
                    elif n and (not is_group_name(n) or singular_role(t)):
                        best = n
                        if t.head.dep_ == "ROOT" and not here:
                            break  # the main clause's subject is who the next sentence is about
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
        last = self.people.last_person_before(tok.i) if rule_on("pronoun_last_person") else None
        return last if last and self._fits(last, gender) else None

    def _salient_holder(self, tok: Any, phrase: str) -> str | None:
        """"The prime minister" when the text names two: the one last a subject before (news refers
        back to its protagonist this way). When the text titles nobody so, the last subject it
        gives no title at all ("Dahl said ... the minister said").
        """
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or tok.tag_ != "NN" \
                and tok.tag_ != "NNP":
            return None
        holders = self.people.role_holders(phrase)
        if len(holders) == 1 or holders and not rule_on("role_salient_holder"):
            return None
        if not holders and not rule_on("role_untitled_protagonist"):
            return None
        for start, _end, name in reversed(self.people.mentions):
            # an earlier sentence's: in its own clause a person is not "the minister" it meets
            if start < tok.sent.start and self.doc[start:_end].root.dep_ in ("nsubj", "nsubjpass") and (
                    name in holders if holders else not self.people.titled(name)):
                return name
        return None

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
            resolved = self.people.resolve(phrase) or self._salient_holder(tok, phrase)
            if resolved:
                return resolved
        if (head in PARTY_NOUNS or head in COLLECTIVE_NOUNS) and tok.pos_ == "NOUN" and rule_on("party_nouns_unnamed"):
            return phrase
        if head in ROLE_HEADS and rule_on("role_unnamed_holder") and any(
                c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in tok.children):
            return phrase  # an unnamed office holder: "the chancellor", "the Queen"
        return None


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
    return any(w[:1].islower() and w not in _NAME_PARTICLES for w in name.split())


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
    return subs[0] if subs else None
