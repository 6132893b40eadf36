"""Attributed quotations from a parsed document: direct quotes in marks and reported speech.

Works on the spaCy `Doc` already parsed from cleaned text (see `bot.extract.text.clean_text`):
quotation marks are paired on characters, then each quotation is tied to a reporting verb of its
sentence and that verb's subject; pronouns and roles are resolved to names. One linear pass per
concern over the tokens, no second parse. Pure: no model loading; the word lists are read once
from the [quotes] section of lexicon.toml.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.extract import lexicon
from bot.extract.coref import (
    SPEAKER_LOOKBACK,
    TITLE_REACH,
    Coref,
    opens_story,
    strip_possessive,
    title_nationality,
    title_qualifiers,
)
from bot.extract.entities import PeopleIndex
from bot.extract.gender import noun_gender, pronoun_gender
from bot.extract.meeting_rules import rule_on
from bot.extract.syntax import columns, doc_text, entities, entity_bounds, span_text, tokens
from bot.extract.text import QuoteSpan, find_quote_spans, paragraph_spans
from bot.models import Quote

if TYPE_CHECKING:  # spaCy is imported lazily at run time: importing it costs about a second
    from spacy.tokens import Doc, Token


def _load_words() -> dict[str, frozenset[str]]:
    """Every word list of the lexicon's [quotes] section, as frozensets by name."""
    return {k: frozenset(v) for k, v in lexicon.table("quotes").items() if isinstance(v, list)}


def _phrasal(verb: Any) -> str:
    """"point out" for "pointed out": the lemma with its particle, or the lemma alone."""
    prt = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
    return f"{verb.lemma_.lower()} {prt}" if prt else verb.lemma_.lower()


# Word lists live in the [quotes] section of lexicon.toml (read once); the decisions that use
# them live here.
_WORDS = _load_words()
# SPEECH_VERBS plainly introduce speech; OPINION_VERBS may carry a quotation too ("called the
# meeting "excellent"") but only win when no plain speech verb is near. Indirect speech is read
# from verbs that take a reported clause.
SPEECH_VERBS = _WORDS["speech_verbs"]
OPINION_VERBS = _WORDS["opinion_verbs"]
INDIRECT_VERBS = (SPEECH_VERBS | _WORDS["indirect_extra_verbs"]) - _WORDS["indirect_excluded_verbs"]
_BODY_NOUNS = _WORDS["body_nouns"]
_EXPRESSING_VERBS = _WORDS["expressing_verbs"]
_ATTITUDE_NOUNS = _WORDS["attitude_nouns"]
_STATEMENT_NOUNS = _ATTITUDE_NOUNS | _WORDS["statement_nouns"]
_REQUEST_VERBS = _WORDS["request_verbs"]
_STANCE_ADJECTIVES = _WORDS["stance_adjectives"]
_STANCE_LINKS = _WORDS["stance_links"]
_HOPE_BELIEF_VERBS = _WORDS["hope_belief_verbs"]
_FOLLOW_ON_VERBS = _WORDS["follow_on_verbs"]
_AUDIENCE_OBJECT_VERBS = _WORDS["audience_object_verbs"]
_PHRASAL_SPEECH_VERBS = _WORDS["phrasal_speech_verbs"]
_QUOTING_VERBS = _WORDS["quoting_verbs"]
_FRAGMENT_STANCE_VERBS = _WORDS["fragment_stance_verbs"]
_ASPECTUAL_VERBS = _WORDS["aspectual_verbs"]
_NAMED_KIND_NOUNS = _WORDS["named_kind_nouns"]
_UNNAMED_KIND_NOUNS = _WORDS["unnamed_kind_nouns"]
_OTHER_KIND_WORDS = _WORDS["other_kind_words"]
_EPITHET_NOUNS = _WORDS["epithet_nouns"]
_EPITHET_ADJECTIVES = _WORDS["epithet_adjectives"]
_ANONYMOUS_NOUNS = _WORDS["anonymous_nouns"]
_NAMING_PARTICIPLES = _WORDS["naming_participles"]
_NAME_GIVING_VERBS = _WORDS["name_giving_verbs"]
_GIVEN_NAME_NOUNS = _WORDS["given_name_nouns"]
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Clauses that borrow the subject of the verb they hang on ("..., he said, adding that ...").
# A preposition on the way up passes its clause's subject down too: "After predicting ...,
# Lind refused", "Lind was quoted as saying ...".
_BORROWING_DEPS = frozenset({"advcl", "conj", "xcomp", "pcomp", "acl", "relcl", "ccomp", "prep"})
_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
_OTHER_PRONOUNS = frozenset({"it", "they", "them"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "you"})
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
_LABEL_CUES = _WORDS["label_cues"]
_PERSON_TITLES = _WORDS["person_titles"]
_TITLE_MODIFIERS = _WORDS["title_modifiers"]
_DESCRIBING_NOUNS = _WORDS["person_nouns"]  # "diplomat", "official": what a person is, not an office
_PERSON_NOUNS = _PERSON_TITLES | _DESCRIBING_NOUNS
# What may speak for a person without being that person ("Lund's office said").
_OWNED_BODY_NOUNS = _WORDS["owned_body_nouns"]
_ROLE_OR_BODY_NOUNS = _PERSON_NOUNS | _OWNED_BODY_NOUNS  # what possessed_person leaves to owned_role and owned_body
# What a name's apposition may call a person besides titles and describing nouns ("a deputy").
_APPOSED_PERSON_NOUNS = _PERSON_NOUNS | _WORDS["apposed_person_nouns"]
_SOURCE_NOUNS = _WORDS["source_nouns"]
_ISSUING_VERBS = _WORDS["issuing_verbs"]
_DOCUMENT_NOUNS = _WORDS["document_nouns"]
# Words that make a name an organisation's ("the Norvex Bank", "Vesk Daily"), never a person's.
_ORGANISATION_WORDS = (_NAMED_KIND_NOUNS | _UNNAMED_KIND_NOUNS | _OTHER_KIND_WORDS | _BODY_NOUNS
                       | _SOURCE_NOUNS | _WORDS["collective_nouns"])
_TO_AUDIENCE_VERBS = _WORDS["to_audience_verbs"]
_INTERVIEW_NOUNS = _WORDS["interview_nouns"]
_SETTING_NOUNS = _INTERVIEW_NOUNS | _DOCUMENT_NOUNS | _WORDS["setting_extra_nouns"]
# Heads of noun phrases that can speak (see _can_speak).
_SPEAKING_NOUNS = (
    _PERSON_NOUNS | _BODY_NOUNS | _SOURCE_NOUNS | _DOCUMENT_NOUNS | _WORDS["collective_nouns"]
)
# Heads of noun phrases that can listen: speakers, the press and gatherings ("told a rally").
_LISTENER_NOUNS = _SPEAKING_NOUNS | _INTERVIEW_NOUNS | _WORDS["listener_nouns"]
_PRONOUN_SENTENCES = 3  # sentences before a pronoun's own in which its unnamed antecedent may stand
# Short words left in lower case inside a Title Case name ("Letters from the Coast").
_TITLE_SMALL_WORDS = frozenset("a an the of and in on for to at by with from".split())
_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
_NP_LEFT_DEPS = frozenset(
    {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "predet", "npadvmod"}
)
_MAX_PHRASE_TOKENS = 12
# Dependents that open a clause inside a noun phrase (see _phrase_tokens).
_PHRASE_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "parataxis"})
# "would respond", "'ll respond": a saying announced. The one list of modals is the status layer's.
_MODAL_WORDS = lexicon.words("status", "planned_modals")
_FRAGMENT_WORDS = 3  # fewest words of a quoted fragment read as its holder's words (see _stance_fragment)
_SAME_NAME_RATIO = 0.85  # likeness of two spellings of one surname ("Brekkestad", "Brekestad")
_SHORT_TAG = 6  # words of a sentence that is only a speech tag ("Brown vowed before the crowd.")
_WINDOW_TOKENS = 60  # how far from a quote its reporting verb is looked for
_CLAUSE_TOKENS = 120  # longest reported clause taken as indirect speech
# A tag closing a quotation ('"...," the port chief said') sits right after it: its verb comes
# within this many tokens of the quoted words' end (closing mark and comma, then a subject of up
# to three words), so a speech verb further on is no tag of this quotation ...
_CLOSING_TAG_REACH = 6
# ... and only punctuation, at most this many tokens (the closing mark, the comma, one more mark or
# stop), stands between the quoted words and the tag: more is a clause of its own.
_CLOSING_TAG_GAP = 3
_CLAUSE_TAILS = _WORDS["clause_tails"]
_REPORTED_STATE_WORDS = _WORDS["reported_state_words"]
# Typewriter-style marks: some agency copy writes a quotation as ``words'' (two backticks to
# open, two apostrophes to close) instead of "words". Read in a text that opens one this way.
_TYPED_OPEN = "``"
_TYPED_CLOSE = "''"
_MARK_TOKENS = frozenset({'"', "`", "``", "''"})
# What closes quoted words before a speech tag: '"...," she said', '"...?" she asked'.
_TAG_CLOSERS = frozenset({",", "?", "!"})
# Rule families that can be switched off by name, so `make ablation` can show what each wins
# and loses on the evaluation sets. All are on in normal use.
RULE_FAMILIES = frozenset(
    """
    apposed_antecedent role_check body_reference age_reference issuer colon_label continuation
    according_to request attitude_clause parenthetical_tag split_clause condition_tail
    fronted_clause fragment_in_clause label_quotes setting_clause denial next_saying
    clause_trims trailing_tag speaking_subject
    quoted_as reported_run own_complement relative_subject listener untagged_subject
    colon_clause role_subject plural_they extraposed_clause owned_statement
    short_tag person_noun_reference trailing_tag_misread title_heads_name demonym_reference
    aspectual_verb unsaid_verb unnamed_body named_owner
    higher_coordinate kind_reference passive_subject stray_agent saying_coordinate
    nested_according epithet_reference nested_report reported_sentence owned_role
    conjoined_name quoted_tag_misread planned_saying typed_marks quoted_subject
    split_tag comma_name apposed_person participle_opener quoted_title inverted_tag
    apposed_to_title kind_mistagged organisation_subject owned_body governing_subject
    possessed_role apposed_holder closing_name role_named_by_next_speaker
    lowercase_common complementizer_start complementizer_tag according_coordination
    stance_clause subject_before_tag closing_tag orphan_complementizer appended_subject
    speaker_outside_clause joined_clause capitalised_epithet deed_introduced
    noun_reference_check given_name unnamed_subject unlisted_tag quoted_by orphaned_tag stance_fragment
    plain_saying untagged_sayer place_tagged_subject possessed_person forward_holder
    described_protagonist unnamed_body_pronoun
    """.split()
)


@dataclass
class _Speaker:
    name: str | None  # resolved name or the text's noun phrase; None when unknown
    is_person: bool = False
    plural: bool = False  # "officials", "Lisbon and Madrid": never the antecedent of he/she/it


@dataclass
class _Attribution:
    verb: Any  # the reporting verb token
    speaker: _Speaker
    audience: str


def _possessor(tok: Any) -> Any:
    """The possessor hung on a noun ("Lind" in "Lind's lawyer"), or None."""
    return next((c for c in tok.children if c.dep_ == "poss"), None)


class _Context:
    """Per-document state: token masks, paragraph lookup; who is who is the document's `Coref`."""

    def __init__(self, doc: Any, coref: Coref, spans: Sequence[QuoteSpan],
                 off: frozenset[str] = frozenset()) -> None:
        self.off = off  # rule families switched off (see RULE_FAMILIES)
        self.doc = doc
        self.coref = coref
        self.people = coref.people
        self.n = len(doc)
        toks = tokens(doc)
        # The rules below read a few kinds of token (subjects, appositions, issuing verbs): they
        # are picked from the token arrays, as reading attributes token by token costs more.
        cols = columns(doc)
        rows = list(zip(cols["IDX"], cols["DEP"], cols["LEMMA"], strict=True))
        strings = doc.vocab.strings
        subject_deps = {strings.add(d) for d in _SUBJECT_DEPS}
        appos = strings.add("appos")
        issuing: dict[int, bool] = {}  # lemma id → an issuing verb's lemma
        for _idx, _dep, lemma in rows:
            if lemma not in issuing:
                issuing[lemma] = strings[lemma].lower() in _ISSUING_VERBS
        subjects = [toks[i] for i, (_idx, dep, _lemma) in enumerate(rows) if dep in subject_deps]
        self.starts = [idx for idx, _dep, _lemma in rows]
        self.in_quote = [False] * self.n
        for span in spans:
            a, b = self.token_range(span.start, span.end)
            self.in_quote[a:b] = [True] * (b - a)
        text = doc_text(doc)
        typed = _TYPED_OPEN in text and "typed_marks" not in off
        for t in toks if '"' in text or typed else ():
            if t.text == '"' or typed and _is_mark(t):
                self.in_quote[t.i] = True
        self.quoted_before = [0] * (self.n + 1)  # prefix counts: any quoted token in a range
        for i, quoted in enumerate(self.in_quote):
            self.quoted_before[i + 1] = self.quoted_before[i] + quoted
        paragraphs = paragraph_spans(text)
        self.par_starts = [a for a, _b in paragraphs]
        self.par_ends = [b for _a, b in paragraphs]
        # Tokens that can never be a speaker: quoted words and datelines ("OSLO (Wire) -"),
        # which the parser likes to make the subject of the first "said".
        self.blocked = list(self.in_quote)
        for start, end in zip(self.par_starts, self.par_ends, strict=True):
            a, _ = self.token_range(start, start + 1)
            _, b = self.token_range(end - 1, end)
            for i in range(a, b if _dateline_line(doc, a, b) else _dateline_end(doc, a)):
                self.blocked[i] = True
        self.sent_start = [0] * self.n
        self.sent_end = [0] * self.n
        self.sentence_of = [0] * self.n  # token → its sentence's number
        for k, (start, end) in enumerate(_sentence_bounds(doc)):
            self.sent_start[start:end] = [start] * (end - start)
            self.sent_end[start:end] = [end] * (end - start)
            self.sentence_of[start:end] = [k] * (end - start)
        # People named as the subject of a main clause: the usual antecedents of he/she. (A
        # subject inside reported speech, "said Mr X was unfit", is not; nor is one inside a
        # quotation of several sentences, '"We talked. Mr X agreed," he said': the quoted
        # words are the speaker's, and "he" is still the one who says them.)
        self.subject_bodies: list[tuple[int, str]] = []  # (token, name): organisations as subjects
        for ent in entities(doc):
            ent_root = ent.root  # spaCy walks the span to find it: read once
            root = ent_root
            if root.dep_ == "appos" and root.head.dep_ in _SUBJECT_DEPS and self.on("apposed_antecedent"):
                root = root.head  # "The minister, Ulla Berg, was due ...": the subject's name
            if self.on("quoted_subject") and _quoted_subject(self, ent_root):
                continue
            if ent.label_ not in ("PERSON", "ORG"):
                continue  # only people and organisations are noted as subjects
            ent_name = strip_possessive(span_text(doc, ent.start, ent.end))
            if (
                ent.label_ == "PERSON"
                and not (self.on("demonym_reference") and _definite_demonym(root))
                and root.dep_ in _SUBJECT_DEPS
                and (
                    root.head.dep_ == "ROOT"
                    or root.head.head.dep_ == "ROOT"
                    and root.head.dep_ == "conj"
                )
            ):
                coref.note_speaker(ent_root.i, coref.resolve_name(ent_name) or _untitled(ent_name), True)
            elif (
                self.on("organisation_subject")
                and ent.label_ == "ORG"
                and ent_root.dep_ == "nsubj"
                and _main_clause(ent_root.head)
                and not self.blocked[ent_root.i]
                and self.people.person_at(ent_root.i) is None
                and not coref.looks_like_person(ent_root, ent_name)
            ):
                # "Norvex reported a loss on Monday. ... the company said": an organisation that is
                # a main clause's subject is what a later "the company" may refer back to
                self.subject_bodies.append((ent_root.i, ent_name))
        # A known person's name the model did not tag ("Perrin agreed.") is as much the
        # subject of a main clause as a tagged one; so is one it took for a place ("Kasparia
        # looked tired" after "Tamara Kasparia"): the people index knows the surname.
        for t in subjects if self.on("untagged_subject") else ():
            if (
                t.pos_ == "PROPN"
                and t.dep_ in _SUBJECT_DEPS
                and (t.ent_type_ in ("", "ORG", "NORP") or t.ent_type_ == "GPE" and self.on("place_tagged_subject"))
                and not self.blocked[t.i]
                and _main_clause(t.head)
            ):
                name = _name_run(t)
                resolved = coref.resolve_name(name)
                if resolved and coref.looks_like_person(t, name):
                    coref.note_speaker(t.i, resolved, True)
        # "The Chinese president will also meet ...": a role that the people index resolves to
        # one person is as much a main-clause subject as the name.
        for t in subjects if self.on("role_subject") else ():
            if (
                t.dep_ in _SUBJECT_DEPS
                and t.pos_ == "NOUN"
                and t.lemma_.lower() in _PERSON_TITLES
                and _definite(t)
                and not self.blocked[t.i]
                and _main_clause(t.head)
            ):
                holder = self.people.resolve(_noun_phrase(t, self.in_quote))
                if holder:
                    coref.note_speaker(t.i, holder, True)
        # "The minister of trade, Ulla Berg, was due ...": a role subject with its name in
        # apposition is a person even when the model tagged the name as something else.
        appositions = [toks[i] for i, (_idx, dep, _lemma) in enumerate(rows) if dep == appos]
        for t in appositions if self.on("apposed_antecedent") else ():
            head = t.head
            if (
                t.pos_ == "PROPN"
                and t.ent_type_ not in ("PERSON", "GPE", "LOC", "NORP")
                and head.dep_ in _SUBJECT_DEPS
                and head.head.dep_ == "ROOT"
                and head.lemma_.lower() in _PERSON_NOUNS
            ):
                name = _name_run(t)
                if len(name.split()) >= 2:
                    coref.note_speaker(t.i, coref.resolve_name(name) or name, True)
        self.organisations = sorted(
            (ent.start, strip_possessive(span_text(doc, ent.start, ent.end))) for ent in entities(doc)
            if ent.label_ == "ORG" and not self.in_quote[ent.start] and not self.blocked[ent.start]
        )
        # Organisations named in their own right, not as a word of another name ("ZTE President
        # Yin Yimin"): whom "the company" may refer to besides the one that spoke.
        self.named_bodies = [
            (ent.start, strip_possessive(span_text(doc, ent.start, ent.end))) for ent in entities(doc)
            if ent.label_ == "ORG" and ent.root.dep_ != "compound" and not self.in_quote[ent.start]
            and not self.blocked[ent.start]
        ]
        # Who put out a statement or report ("the ministry released a report"), so that "the report
        # said" can be given to its issuer. The issuer is any subject: a name, an unnamed body
        # ("The health ministry released a report"), a role or a pronoun, read like a speaker.
        self.issuers: list[tuple[int, str, int]] = []  # (token, document word, issuer token)
        issuing_verbs = [toks[i] for i, (_idx, _dep, lemma) in enumerate(rows) if issuing[lemma]]
        for t in issuing_verbs:
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            subj = next(iter(_subjects(t, self.blocked)), None)
            if obj is None or subj is None or obj.lemma_.lower() not in _DOCUMENT_NOUNS:
                continue
            if subj.lemma_.lower() not in _DOCUMENT_NOUNS and subj.pos_ in (
                "PROPN",
                "NOUN",
                "PRON",
            ):
                self.issuers.append((t.i, obj.lemma_.lower(), subj.i))
        self._cache: dict[int, _Attribution | None] = {}
        self._apposed: dict[str, list[tuple[str, set[str]]]] | None = None  # read on first use
        # Unnamed main-clause subjects ("A 52-year-old woman appealed ..."): (token, speaker,
        # the noun's gender), read on first use, for a later he/she/they that no name explains.
        self._unnamed: list[tuple[int, _Speaker, str]] | None = None

    # -- positions

    def any_quoted(self, a: int, b: int) -> bool:
        return self.quoted_before[b] - self.quoted_before[a] > 0

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Token indices [a, b) covering characters [start, end)."""
        a = max(0, bisect.bisect_right(self.starts, start) - 1)
        if a < self.n and self.doc[a].idx + len(self.doc[a].text) <= start:
            a += 1
        b = bisect.bisect_left(self.starts, end)
        return a, max(a, b)

    def paragraph_bounds(self, token_i: int) -> tuple[int, int]:
        """Token range of the paragraph holding this token."""
        char = self.starts[token_i]
        p = max(0, bisect.bisect_right(self.par_starts, char) - 1)
        if not self.par_starts:
            return 0, self.n
        a, _ = self.token_range(self.par_starts[p], self.par_starts[p] + 1)
        _, b = self.token_range(self.par_ends[p] - 1, self.par_ends[p])
        return a, b

    # -- speakers

    def on(self, family: str) -> bool:
        """Whether a rule family is in use (all are, unless switched off for an ablation)."""
        return family not in self.off

    def fits(self, name: str, title: str, qualifiers: frozenset[str], nationality: str) -> bool:
        """Whether this person may be "the <nationality> <qualifiers> <title>"."""
        return not self.on("role_check") or self.coref.fits(name, title, qualifiers, nationality)

    def latest_organisation(self, token_i: int) -> str | None:
        """The organisation named last before token_i outside quotations: what "the group" or
        "the agency" refers back to.
        """
        k = bisect.bisect_left(self.organisations, (token_i,)) - 1
        return self.organisations[k][1] if k >= 0 and token_i - self.organisations[k][0] <= TITLE_REACH else None

    def owner_dropped(self, tok: Any, phrase: str) -> str:
        """The phrase without an of/for phrase naming a person ("the lawyer for Tom Reyes", "the
        grandmother of X"): its head is someone else, never that person.
        """
        for prep in tok.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for") and any(
                    self.people.person_at(t.i) for t in prep.subtree):
                return _phrase_text([t for t in self.doc[tok.left_edge.i : tok.i + 1] if not self.blocked[t.i]])
        return phrase

    def possessor_dropped(self, tok: Any, phrase: str) -> str:
        """The phrase without the possessor of a person's role ("the prime minister's spokesman",
        "Lund's lawyer"): the role is someone else's, so the possessor is never the one named.
        """
        owner = _possessor(tok)
        if owner is None or owner.pos_ == "PRON" or tok.lemma_.lower() not in _PERSON_NOUNS:
            return phrase
        return self._after_possessor(owner, tok)

    def person_possessor_dropped(self, tok: Any, phrase: str) -> str:
        """The phrase without a named person who possesses its head ("Ivo Lind's father", "Lind's
        colleague", "Lind's deputy"): the head is someone of that person's, never the person.
        """
        # WHY: the names in "X's <noun>" are the possessor's alone, so looking the whole phrase
        # up finds X; the head is a relative, a colleague or a subordinate (offices and camps are
        # owned_body's; the role nouns possessor_dropped's)
        owner = _possessor(tok)
        if (owner is None or owner.pos_ != "PROPN" or tok.pos_ != "NOUN"
                or tok.lemma_.lower() in _ROLE_OR_BODY_NOUNS
                or self.people.person_at(owner.i) is None):
            return phrase
        return self._after_possessor(owner, tok)

    def _after_possessor(self, owner: Any, tok: Any) -> str:
        """The words of a phrase after its possessor, up to its head ("Lind's top deputy" -> "top deputy")."""
        return _phrase_text([t for t in self.doc[owner.right_edge.i + 1 : tok.i + 1] if not self.blocked[t.i]])

    def governing_subject(self, tok: Any, *, plural: bool) -> _Speaker | None:
        """An "it" or "they" no earlier speaker explains, read from its own sentence: the subject of
        a verb above the pronoun ("The board said it had agreed to ...", "the crews carrying out
        what they called ..."), when that subject is a body or a group that can speak and agrees
        in number.
        """
        head = tok.head
        while head.i != head.head.i and self.sent_start[head.i] == self.sent_start[tok.i]:
            head = head.head
            subject = next((c for c in head.children if c.dep_ == "nsubj" and c.i != tok.i), None)
            if subject is None or subject.pos_ == "PRON" or self.blocked[subject.i]:
                continue
            many = subject.tag_ in ("NNS", "NNPS")
            if many != plural or not _can_speak(subject) or subject.ent_type_ == "PERSON":
                return None
            found = self.speaker_from(subject)
            return found if found.name and not found.is_person or plural and found.name else None
        return None

    def apposed_roles(self) -> dict[str, list[tuple[str, set[str]]]]:
        """Role word → (person, the words of the role's phrase) for every role set off by commas against a
        named person, anywhere outside quotations ("Ana Ruiz, the trade minister, ...", "the
        envoy, Jonas Ekdal, ..."), so that a role phrase before or after it can find its holder.
        """
        if self._apposed is None:
            self._apposed = {}
            for t in tokens(self.doc):
                if t.dep_ != "appos" or self.in_quote[t.i] or self.in_quote[t.head.i]:
                    continue
                role, named = (t, t.head) if _role_noun(t) else (t.head, t) if _role_noun(t.head) else (None, None)
                person = self.people.person_at(named.i) if named is not None and named.pos_ == "PROPN" else None
                if role is not None and person:
                    entry = (person, _role_words(role))
                    self._apposed.setdefault(role.lemma_.lower(), []).append(entry)
        return self._apposed

    def apposed_holder(self, tok: Any) -> str | None:
        """The one person the text apposes this role word to, in a phrase holding every word of
        this one ("the minister" may be "Ana Ruiz, the trade minister"; "the trade minister" is not
        "Ana Ruiz, the foreign minister", nor "the head of Ruritania" the head of a bank); None
        when there is no such person or more than one.
        """
        words = _role_words(tok)
        found = {name for name, known in self.apposed_roles().get(tok.lemma_.lower(), ())
                 if words <= known}
        return found.pop() if len(found) == 1 else None

    def closing_name(self, tok: Any) -> str | None:
        """The person whose name closes a role's phrase after a comma or a role word ("an analyst
        at Norbank, Ivo Lind", "its founder and managing director Ivo Lind"): an apposition the
        parser hung on a word of the phrase; None when it apposes another person or a role
        ("a spokesman for the minister, Ivo Lind") or any other person is named in the phrase.
        """
        if not _role_noun(tok):
            return None
        words = [t for t in _phrase_tokens(tok) if not self.blocked[t.i] and t.pos_ != "PUNCT"]
        last = max(words, key=lambda t: t.i)
        person = self.people.person_at(last.i)
        if last.dep_ not in ("conj", "appos") or last.pos_ != "PROPN" or last.i <= tok.i or not person:
            return None
        owner = last.head  # "a spokesman for the minister, Ana Ruiz": the name is the minister's
        if owner.i != tok.i and (owner.lemma_.lower() in _PERSON_NOUNS | _PERSON_TITLES
                                 or self.people.person_at(owner.i)):
            return None
        k = last.i
        while k > tok.i + 1 and self.doc[k - 1].pos_ == "PROPN" and self.doc[k - 1].dep_ == "compound":
            k -= 1
        before = self.doc[k - 1]
        if before.text != "," and before.lemma_.lower() not in _PERSON_NOUNS:
            return None
        if _inner_apposition(tok) is not None:
            return None  # a name set off on both sides inside the phrase is comma_name's to read
        if any(self.people.person_at(t.i) not in (None, person) for t in words):
            return None
        return person

    def unnamed_before(self, tok: Any) -> bool:
        """Whether an unnamed one of this role came before ("an official said ... the official
        added"): the definite phrase refers back to that one, not to a named holder.
        """
        word = tok.lemma_.lower()
        return any(
            t.lemma_.lower() == word and not self.in_quote[t.i]
            and any(d.lower_ in _INDEFINITE_OPENERS for d in t.lefts)
            for t in self.doc[: tok.i]
        )

    def named_only_later(self, name: str, tok: Any) -> bool:
        """Whether a role phrase past the story's lead would point forward: the text names this
        holder for the first time more than two sentences after the phrase, and has named
        someone else before it.
        """
        # WHY: a role phrase looks back to someone already in the story; only a lead may name
        # its holder later (see lead_named_next and _name_lede_roles), and mid-story a holder
        # titled so further on is someone else ("a police spokesman said" is no spokesman of a
        # ministry that the text quotes paragraphs later)
        if any(c.dep_ == "poss" for c in tok.children):
            return False  # "his lawyer said ... lawyer Ana Ruiz": a possessed role is tied to its owner
        first = min((start for start, _end, who in self.people.mentions if who == name), default=-1)
        if first < 0 or self.sentence_of[first] - self.sentence_of[tok.i] <= _NEXT_SPEAKER_SENTENCES:
            return False  # named as the story goes on ("A general said ... General Ivo Lind told"): one person
        return any(start < tok.i and who != name for start, _end, who in self.people.mentions)

    def possessed_role_holder(self, tok: Any, qualifiers: frozenset[str], nationality: str) -> str | None:
        """'his lawyer', 'the mayor's spokesman' with the one person the text titles or apposes
        with that role word, before or after ("lawyer Ines Vidal", "Vidal, the lawyer"); None when
        the text gives the role to no one or to several, or the holder is the possessor.
        """
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        word = tok.lemma_.lower()
        if owner is None or not _role_noun(tok):
            return None
        holder = self.coref.role_holder(word)
        if holder is None and self.on("apposed_holder"):
            holder = self.apposed_holder(tok)
        if holder is None or word in _PERSON_TITLES and not self.fits(holder, word, qualifiers, nationality):
            return None
        if owner.pos_ == "PROPN" and _untitled(_name_run(owner)).split()[-1:] == holder.split()[-1:]:
            return None  # "Vidal's lawyer" is never Vidal
        return holder

    def owned_body(self, tok: Any, phrase: str) -> str | None:
        """A person's office, staff or camp as speaker ("Lund's office said"): the phrase with the
        owner's full name ("Eva Lund's office"), never the owner alone; None when the head is
        a person ("Lund's lawyer") or the owner no person the text names.
        """
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if (owner is None or owner.pos_ != "PROPN" or tok.pos_ != "NOUN" or tok.tag_ != "NN"
                or tok.lemma_.lower() in _PERSON_NOUNS or tok.lemma_.lower() not in _OWNED_BODY_NOUNS):
            return None
        name = self.people.person_at(owner.i)
        if name is None:
            return None
        written = strip_possessive(self.doc[owner.left_edge.i : owner.i + 1].text)
        return phrase.replace(written, name, 1) if written in phrase else phrase

    def body_antecedent(self, tok: Any) -> str | None:
        """What "the coalition" refers back to: the organisation named at the noun's last earlier
        mention ("the Korvi news agency", "the Union of Farmers"); None when that mention named
        none ("a coalition of river towns": the phrase stands for itself); with no earlier mention,
        the organisation named last.
        """
        word = tok.lemma_.lower()
        for j in range(tok.i, max(-1, tok.i - TITLE_REACH), -1):
            earlier = self.doc[j]
            if (self.in_quote[j] or earlier.lemma_.lower() != word or earlier.tag_ not in ("NN", "NNP")
                    or self.blocked[j]):
                continue  # "rights groups" (many) is not what "the group" refers back to
            if earlier.dep_ == "appos" and earlier.head.ent_type_ == "ORG":
                earlier = earlier.head  # "Oxfam, the aid group": the apposed organisation
            elif _headline_noun(earlier):
                continue  # "Press group condemns arrests": a headline names no one
            named = _organisation_in(earlier)
            if named is not None or j < tok.i:
                return named  # the phrase's own name ("the Varta news agency"), else the last mention's
        return self.latest_organisation(tok.i)

    def kind_antecedent(self, tok: Any) -> str | None:
        """The organisation "the ministry" or "the company" refers back to, or None.

        A ministry, bank or committee carries its kind in its name ("the Ministry of Trade"):
        the latest organisation named or heard before whose name holds the word. A company or a
        paper seldom does ("Norvex", "The Daily Courier"): the latest named organisation that
        spoke, unless its name shows another kind ("the Trade Ministry" is no company).
        """
        word: str = tok.lemma_.lower()
        end = bisect.bisect_left(self.coref.speakers, (tok.i,))
        heard = [(i, name) for i, name, is_person, plural in
                 self.coref.speakers[max(0, end - SPEAKER_LOOKBACK) : end]
                 if not is_person and not plural and _is_named(name)]
        if self.subject_bodies:
            heard = sorted(heard + [(i, name) for i, name in self.subject_bodies if i < tok.i])
        if word in _UNNAMED_KIND_NOUNS:
            if not heard or tok.i - heard[-1][0] > TITLE_REACH:
                return None
            last, name = heard[-1]
            if any(last < i < tok.i and other != name for i, other in self.named_bodies):
                return None  # another organisation named since: "the company" may be that one
            return None if _kind_words(name) & _OTHER_KIND_WORDS else name
        named: list[tuple[int, str]] = [(i, name) for i, name in self.organisations if i < tok.i]
        for i, name in sorted(heard + named, reverse=True):
            if tok.i - i > TITLE_REACH:
                break
            if word in _kind_words(name):
                return name
        return None

    def titled_antecedent(self, token_i: int, title: str, qualifiers: frozenset[str] = frozenset(),
                          nationality: str = "") -> str | None:
        """'the prime minister' with no known holder: the protagonist it fits (see Coref)."""
        return self.coref.titled_antecedent(token_i, title, qualifiers, nationality,
                                            check=self.on("role_check"))

    def title_holder(self, tok: Any) -> str | None:
        """The one person named inside a title the parser made the head of the speaker's phrase
        ("Minister of Trade and Industry Ana Ruiz said", "Secretary to the Treasury Ana Ruiz",
        "the Special Envoy on Water, Ana Ruiz, said"), or None.
        """
        if tok.ent_type_ == "PERSON":
            return None
        if tok.lower_ in _PERSON_TITLES:
            words = [t for c in tok.children if c.dep_ not in _PHRASE_CLAUSE_DEPS | {"conj", "cc"}
                     for t in _phrase_tokens(c)]
        else:  # another capitalised head ("the Special Rapporteur"): only a name apposed to it
            words = [t for c in tok.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"
                     for t in _phrase_tokens(c)]
        inside = {self.people.person_at(t.i) for t in words
                  if t.i > tok.i and not self.in_quote[t.i]} - {None}
        return inside.pop() if len(inside) == 1 else None

    def issuer_of(self, tok: Any) -> _Speaker | None:
        """The latest earlier issuer of the document this noun names ("the statement")."""
        word = tok.lemma_.lower()
        for i, noun, issuer in reversed(self.issuers):
            if i < tok.i and noun == word:
                speaker = self.speaker_from(self.doc[issuer])
                return speaker if speaker.name else None
        return None

    def unnamed_subjects(self) -> list[tuple[int, _Speaker, str]]:
        """Main-clause subjects that are noun phrases able to speak and name no one ("the
        delegation", "a 38-year-old woman"), with the phrase and the gender its noun states, by token.
        """
        if self._unnamed is None:
            self._unnamed = []
            for t in tokens(self.doc):
                if (t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN" and not self.blocked[t.i]
                        and _main_clause(t.head) and _can_speak(t)):
                    speaker = self.speaker_from(t)
                    if speaker.name and not _names_someone(speaker.name):  # names are noted as subjects
                        self._unnamed.append((t.i, speaker, noun_gender(t.lemma_)))
        return self._unnamed

    def unnamed_antecedents(self, tok: Any, *, plural: bool, gender: str = "") -> list[tuple[int, str]]:
        """The unnamed people a speaking he/she (one, of its gender) or they (many) may stand for:
        main-clause subjects in its sentence (before it) or the three before, with no person
        named in a later sentence before the pronoun (but as a possessor).
        """
        # WHY: news often names no one for its protagonist ("A 52-year-old woman appealed ...
        # '...,' she told the paper"); the pronoun is that phrase, not a person named in passing
        # or further back. Bodies ("it") are left out: "the group" mostly refers back to a name.
        if not self.on("unnamed_subject"):
            return []
        here = self.sentence_of[tok.i]
        found = []
        for i, speaker, said_gender in self.unnamed_subjects():
            if (i >= tok.i or here - self.sentence_of[i] > _PRONOUN_SENTENCES or not speaker.name
                    or not speaker.is_person or speaker.plural != plural):
                continue
            if gender and (said_gender or self.coref.stated_gender(speaker.name) or gender) != gender:
                continue
            if gender and any(c.dep_ in ("dobj", "dative") and pronoun_gender(c.lower_) == gender
                              for c in self.doc[i].head.children):
                continue  # "A lawyer asked her ... She replied": she is the one asked
            # a possessor ("rounded up by Ivo Marek's police") names no new protagonist
            named_since = any(self.sentence_of[i] < self.sentence_of[start] and start < tok.i
                              and self.doc[start:end].root.dep_ != "poss"
                              for start, end, _name in self.people.mentions)
            if not named_since:
                found.append((i, speaker.name))
        return found

    def unnamed_body(self, tok: Any, *, plural: bool) -> _Speaker:
        """The unnamed body an "it" or "they" with no other antecedent stands for: the latest
        main-clause subject in its sentence or the ones before that is a body able to speak ("the
        port authority", "the observer mission"), none named since; else no one.
        """
        # WHY: the quotation was lost for want of a speaker when the only body before it was
        # unnamed ('The port authority issued a statement. "...," it said'); "they" may stand
        # for one body as for many, "it" only for one
        if not self.on("unnamed_body_pronoun"):
            return _Speaker(None)
        here = self.sentence_of[tok.i]
        bodies = [(i, speaker.name) for i, speaker, _gender in self.unnamed_subjects()
                  if i < tok.i and here - self.sentence_of[i] <= _PRONOUN_SENTENCES and speaker.name
                  and not speaker.is_person and (plural or not speaker.plural)]
        if not bodies:
            return _Speaker(None)
        i, name = bodies[-1]  # the latest, in text order
        if any(self.sentence_of[i] < self.sentence_of[start] and start < tok.i
               for start, _end, _name in self.people.mentions):
            return _Speaker(None)  # a person named since is the likelier antecedent
        return _Speaker(name, False, plural=plural)

    def untagged_sayer(self, tok: Any, gender: str) -> str | None:
        """The name that spoke last, in the main clause of the pronoun's sentence or of the one
        before, when the tagger did not take it for a person ('"...," Brekke said. / He added
        ...'): a he/she right after a named speaker goes on with that speaker.
        """
        # WHY: the small model tags many a surname as a place or an organisation (or misses it),
        # so the speaker is kept as no person and he/she skipped it for someone named before;
        # a name that has just spoken in its sentence's main clause is who the next he/she is
        last = self.coref.last_saying(tok.i)
        if last is None:
            return None
        verb_i, name, is_person, plural = last
        if is_person or plural or not _is_named(name) or _kind_words(name) & _ORGANISATION_WORDS:
            return None
        verb = self.doc[verb_i]
        subject = _subject_of(verb, self.blocked, off=self.off)
        if subject is None or subject.pos_ != "PROPN" or not _main_clause(verb):
            return None
        if any(subject.i < start < verb_i for start, _end, _who in self.people.mentions):
            return None  # "Undaunted, Dahl said": a person named before the verb is who spoke
        own = self.sent_start[tok.i]
        if self.sent_start[verb_i] != own and not (own > 0 and self.sent_start[own - 1] == self.sent_start[verb_i]):
            return None  # only the pronoun's sentence or the one right before it
        if gender and not self.coref.gender_fits(name, gender):
            return None
        before = self.coref.recent_speaker(tok.i, person=True, gender=gender)
        if before and _misspelt(name, before.split()[-1]):
            return before  # "Mohammad Brekkestad ... Brekestad said": one person, a letter dropped
        return name

    def remember(self, token_i: int, speaker: _Speaker) -> None:
        """A speaker is whom a later he/she/it/they may stand for."""
        if speaker.name:
            self.coref.note_speaker(token_i, speaker.name, speaker.is_person, speaker.plural, spoke=True)

    def attribution(self, verb: Any) -> _Attribution | None:
        """Speaker and audience of a reporting verb; cached so each verb is read once."""
        if verb.i in self._cache:
            return self._cache[verb.i]
        subject = _subject_of(verb, self.blocked, off=self.off)
        result: _Attribution | None = None
        if subject is not None:
            speaker = self.speaker_from(subject)
            if (speaker.name and speaker.is_person and subject.pos_ == "NOUN" and self.on("forward_holder")
                    and self.named_only_later(speaker.name, subject)):
                speaker = _Speaker(_noun_phrase(subject, self.blocked) or None, True)
            if speaker.name and speaker.is_person:
                # "Lee Min-jun, the spokesman for ..., said" parsed as two subjects.
                for other in _subjects(verb, self.blocked)[1:]:
                    if other.pos_ == "NOUN":
                        self.coref.roles.setdefault(other.lemma_.lower(), speaker.name)
            result = _Attribution(verb, speaker, _audience_of(verb, self.in_quote, off=self.off))
            if subject.lower_ not in _RELATIVE_PRONOUNS:
                # A relative clause's speaker ("X, who said ...") is not whom a later "he" means.
                self.remember(verb.i, speaker)
        self._cache[verb.i] = result
        return result

    def attributions(self) -> list[tuple[int, _Attribution]]:
        """Every reporting verb read so far with its attribution, by token index."""
        return [(i, att) for i, att in self._cache.items() if att is not None]

    def speaker_from(self, tok: Any, *, alone: bool = False) -> _Speaker:
        low = tok.lower_
        if low in _RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and self.on("relative_subject"):
            # "Lima, who said ...": the relative pronoun stands for the noun its clause hangs on.
            named = tok.head.head
            if named.i != tok.i and not self.blocked[named.i]:
                return self.speaker_from(named)
        if tok.pos_ == "PRON" or low in _PERSONAL_PRONOUNS | _OTHER_PRONOUNS | _FIRST_PERSON:
            if low in _PERSONAL_PRONOUNS:
                gender = "f" if low in ("she", "her") else "m"
                sayer = self.untagged_sayer(tok, gender) if self.on("untagged_sayer") else None
                if sayer is not None:
                    return _Speaker(sayer, True)
                unnamed = self.unnamed_antecedents(tok, plural=False, gender=gender)
                return _Speaker(self.coref.recent_speaker(tok.i, person=True, gender=gender, unnamed=unnamed), True)
            if low == "it":
                # "it said": an organisation, a paper, a statement, never a person.
                found = self.coref.recent_speaker(tok.i, person=False, thing=True)
                if found is None and self.on("governing_subject"):
                    return self.governing_subject(tok, plural=False) or self.unnamed_body(tok, plural=False)
                return _Speaker(found, False)
            if low in _OTHER_PRONOUNS:
                group = self.on("plural_they")
                unnamed = self.unnamed_antecedents(tok, plural=True)
                found = self.coref.recent_speaker(tok.i, person=False, group=group, unnamed=unnamed)
                if found is None and self.on("governing_subject"):
                    return self.governing_subject(tok, plural=True) or self.unnamed_body(tok, plural=True)
                return _Speaker(found, False, plural=group)
            return _Speaker(None)
        for child in tok.children:
            # "the spokesman, Lee Min-jun, said": the apposed name is the speaker.
            if child.dep_ == "appos" and child.pos_ == "PROPN" and tok.pos_ != "PROPN":
                named = self.speaker_from(child)
                if named.name:
                    self.coref.roles[tok.lemma_.lower()] = named.name
                    return named
        if self.on("apposed_to_title") and tok.pos_ == "PROPN" and tok.lower_ in _PERSON_TITLES:
            for child in tok.children:
                # "The Finance Secretary of Ruritania, Ana Ruiz, said", the title capitalised:
                # the name apposed to it speaks, and is a person whatever its entity tag
                if (child.dep_ == "appos" and child.pos_ == "PROPN" and child.i > tok.i
                        and self.doc[child.left_edge.i - 1].text == ","):
                    named = self.speaker_from(child)
                    if named.name:
                        return _Speaker(named.name, True)
        if self.on("described_protagonist") and _described_protagonist(tok) and not self.unnamed_before(tok):
            # "the devout Methodist told", "the outgoing treasurer said": the one the story is about
            described = self.coref.recent_speaker(tok.i, person=True)
            if described:
                return _Speaker(described, True)
        named_after_title = _name_after_quoted_title(tok) if self.on("quoted_title") else None
        if named_after_title is not None and not self.blocked[named_after_title.i]:
            return self.speaker_from(named_after_title)  # 'dissident "trade minister" Ana Ruiz said'
        if self.on("comma_name") and tok.pos_ == "NOUN" and tok.lemma_.lower() in _PERSON_NOUNS:
            inner = _inner_apposition(tok)
            if inner is not None and not self.blocked[inner.i]:
                named = self.speaker_from(inner)
                if named.name:
                    return named
        given = _given_name(tok) if self.on("given_name") else None
        if given is not None and not self.blocked[given.i]:
            # "said a ferry passenger named Tomas": the name the phrase gives is who speaks
            run = _name_run(given)
            return _Speaker(self.coref.resolve_name(run) or run, True)
        if self.on("demonym_reference") and _definite_demonym(tok):
            # "said the Malaysian": news names its protagonist by nationality, like a pronoun
            return _Speaker(self.coref.recent_speaker(tok.i, person=True) or _noun_phrase(tok, self.in_quote),
                            True)
        if self.on("kind_reference") and self.on("kind_mistagged") and _mistagged_kind_noun(tok):
            # "The Commission noted", "the daily wrote" read as a name or an adjective
            named = self.kind_antecedent(tok)
            if named is not None:
                return _Speaker(named, False)
        if self.on("capitalised_epithet") and _capitalised_epithet(tok):
            # "said the eight-time Grand Prix winner", the parser heading it by "Prix": a deed
            named = _epithet_holder(self, tok.i)
            if named:
                return _Speaker(named, True)
        if (tok.pos_ == "PROPN" or tok.ent_type_ in _NAME_ENTS) and not (
                self.on("lowercase_common") and _lowercase_name(tok)):
            holder = self.title_holder(tok) if self.on("title_heads_name") else None
            if holder is not None:
                return _Speaker(holder, True)
            name = _name_run(tok)
            resolved = self.coref.resolve_name(name)
            if (
                resolved
                and tok.ent_type_ in ("ORG", "GPE", "NORP", "FAC")
                and set(resolved.split()) < set(name.split())
            ):
                resolved = None  # "the Trade Department" is not a person called "Department"
            if resolved is None and not tok.ent_type_ and " " not in name:
                # A capitalised role used as a name: "The Chancellor-designate said".
                title = name.lower()
                resolved = self.coref.role_holder(title) or (
                    self.titled_antecedent(tok.i, title)
                    if title in _PERSON_TITLES and _definite(tok)
                    else None
                )
            is_person = resolved is not None or self.coref.looks_like_person(tok, name) or (
                self.on("apposed_person") and _apposed_role(tok))
            full = resolved or (_untitled(name) if is_person else name)
            for child in tok.children:
                if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
                    self.coref.roles.setdefault(child.lemma_.lower(), full)
            others = [] if alone else _conjuncts(tok, self.in_quote)
            if others:
                # "Lisbon and Madrid said": one joint speaker, named whole. Each member is named
                # alone: the chain of conjuncts is already the whole list ("A, B and C" is not
                # "A, B and C and C").
                speakers = [_Speaker(full, is_person)] + [self.speaker_from(o, alone=True) for o in others]
                if all(sp.name for sp in speakers):
                    names = [sp.name or "" for sp in speakers]
                    joined = ", ".join(names[:-1]) + " and " + names[-1]
                    return _Speaker(joined, all(sp.is_person for sp in speakers), plural=True)
            # "Democrats" are many; "the Philippines" or "the United Nations" is one body.
            plural = tok.tag_ == "NNPS" and tok.ent_type_ not in ("GPE", "ORG", "FAC", "LOC")
            return _Speaker(full, is_person, plural=plural)
        if (tok.lemma_.lower() in _BODY_NOUNS and tok.tag_ == "NN" and _definite(tok)
                and self.on("body_reference")):
            body = self.body_antecedent(tok) if self.on("unnamed_body") else self.latest_organisation(tok.i)
            if body is not None:
                return _Speaker(body, False)
        if self.on("kind_reference") and _bare_kind_noun(tok):
            # "the company said" after "Norvex said": the organisation of that kind named before
            named = self.kind_antecedent(tok)
            if named is not None:
                return _Speaker(named, False)
        if self.on("epithet_reference") and _epithet(tok):
            # "said the former Olympic champion": news names its protagonist by a deed, as by age
            named = _epithet_holder(self, tok.i)
            if named:
                return _Speaker(named, True)
        if _definite(tok) and _is_age_noun(tok) and self.on("age_reference"):
            # "said the 67-year-old": news names its protagonist by age, like a pronoun.
            return _Speaker(self.coref.recent_speaker(tok.i, person=True), True)
        closing = self.closing_name(tok) if self.on("closing_name") else None
        if closing is not None:
            return _Speaker(closing, True)  # "said an analyst at Norbank, Ivo Lind": Lind speaks
        phrase = _noun_phrase(tok, self.blocked)  # never a dateline's words ("(Wire)-- Senior officials")
        plural = tok.tag_ in ("NNS", "NNPS") or bool(_conjuncts(tok, self.in_quote))
        owned = self.owned_body(tok, phrase) if self.on("owned_body") else None
        if owned is not None:
            return _Speaker(owned, False)  # "Lund's office said": the office speaks, not Lund
        looked_up = self.owner_dropped(tok, phrase) if self.on("named_owner") else phrase
        if self.on("owned_role"):
            looked_up = self.possessor_dropped(tok, looked_up)
        if self.on("possessed_person"):
            looked_up = self.person_possessor_dropped(tok, looked_up)
        resolved = None if plural else self.people.resolve(looked_up)
        qualifiers = title_qualifiers(tok)
        nationality = title_nationality(tok)
        if resolved and tok.lower_ in _PERSON_TITLES and not self.fits(
            resolved, tok.lower_, qualifiers, nationality
        ):
            resolved = None  # "the foreign minister" is not the one prime minister named
        marked = None if plural or not _definite(tok) or tok.lower_ not in _PERSON_TITLES else (
            self.coref.national_holder(tok.lower_, qualifiers, nationality))
        if marked:
            return _Speaker(marked, True)  # "the Japanese minister": the minister marked Japanese
        if resolved and self.on("forward_holder") and self.named_only_later(resolved, tok):
            resolved = None
        if resolved:
            return _Speaker(resolved, True)
        if not plural and self.on("possessed_role"):
            holder = self.possessed_role_holder(tok, qualifiers, nationality)
            if holder is not None:
                return _Speaker(holder, True)
        if not plural and any(t.lower_ in ("the", "this") for t in tok.lefts):
            issuer = self.issuer_of(tok) if self.on("issuer") else None
            if issuer is not None:
                return issuer
            # "the spokesman" after "Lee, the spokesman for ..., said": same person.
            known = self.coref.role_holder(tok.lemma_.lower()) or self.coref.role_holder(tok.lower_)
            if known is not None and tok.lower_ in _PERSON_TITLES and not self.fits(
                known, tok.lower_, qualifiers, nationality
            ):
                known = None
            if known is not None and self.on("forward_holder") and self.named_only_later(known, tok):
                known = None
            if known is None and tok.lower_ in _PERSON_TITLES:
                known = self.titled_antecedent(tok.i, tok.lower_, qualifiers, nationality)
            elif known is None and tok.lower_ in _DESCRIBING_NOUNS and self.on("person_noun_reference"):
                # "the diplomat added": news refers back to one who spoke by what they are
                known = self.coref.titled_antecedent(tok.i, tok.lower_, check=False, spoke=True)
                if known and self.on("noun_reference_check") and not _may_be_called(self, known, tok):
                    known = None
            if (known is None and self.on("apposed_holder") and _role_noun(tok)
                    and not self.unnamed_before(tok)):
                # "the envoy said ... The envoy, Jonas Ekdal, later ...": the role's one named holder
                known = self.apposed_holder(tok)
                if known is not None and tok.lower_ in _PERSON_TITLES and not self.fits(
                        known, tok.lower_, qualifiers, nationality):
                    known = None
            if known:
                return _Speaker(known, True)
        # "the trade commissioner said": a person, and so a candidate for a later "he".
        return _Speaker(phrase or None, tok.lemma_.lower() in _PERSON_NOUNS, plural=plural)


# ---------------------------------------------------------------- token helpers

_REPORTING_LEMMAS = SPEECH_VERBS | OPINION_VERBS | INDIRECT_VERBS


def _lemma(tok: Token) -> str:
    """The token's lemma, repaired where the lemmatizer cut a verb's final e ("hoped" → "hop")."""
    lemma = tok.lemma_.lower()
    if (
        lemma not in _REPORTING_LEMMAS
        and lemma + "e" in _REPORTING_LEMMAS
        and tok.lower_.startswith(lemma + "e")
    ):
        return lemma + "e"
    return lemma


def _subjects(verb: Any, in_quote: list[bool]) -> list[Any]:
    """The verb's own subjects outside quotations, named ones first."""
    found = [_participle_title(c) for c in verb.children if c.dep_ in _SUBJECT_DEPS and not in_quote[c.i]]
    found.sort(key=lambda t: (t.pos_ != "PROPN" and t.ent_type_ != "PERSON", t.i))
    return found


def _participle_title(subject: Any) -> Any:
    """The person behind a participle the parser took for a clause: in "Visiting Premier X
    warned ...", "Visiting" comes out as a clausal subject whose object is X; X is who speaks.
    """
    if subject.dep_ == "csubj" and subject.tag_ == "VBG":
        named = next((c for c in subject.children if c.dep_ == "dobj" and c.pos_ == "PROPN"), None)
        if named is not None:
            return named
    return subject


def _past_opening_participle(subjects: list[Any]) -> list[Any]:
    """The subjects with an opening participle the parser took for one set aside: "Visiting
    former premier, Ana Ruiz, said" is the premier's (the participle's object, a person noun);
    "Met at the quay by X, the bishop said" is the bishop's (a capitalised first word with a
    preposition of its own and no entity tag is no name).
    """
    found = []
    for subject in subjects:
        person = next((c for c in subject.children if c.dep_ == "dobj" and c.pos_ == "NOUN"
                       and c.lemma_.lower() in _PERSON_NOUNS), None)
        found.append(person if subject.dep_ == "csubj" and subject.tag_ == "VBG" and person is not None
                     else subject)
    first = found[0]
    if (len(found) > 1 and first.is_sent_start and first.pos_ == "PROPN" and not first.ent_type_
            and any(c.dep_ == "prep" and c.i == first.i + 1 for c in first.children)
            and any(t.text == "," for t in first.doc[first.i : found[1].i])):
        found = found[1:] + [first]
    return found


def _dateline_end(doc: Any, a: int) -> int:
    """End of a dateline opening the paragraph at token a ("OSLO, Norway (Wire)",
    "VIENNA (Agency) -", "RIGA -"), or a when there is none.
    """
    toks = tokens(doc)  # the same tokens, without making one per index read
    limit = min(len(doc), a + 10)
    for i in range(a, limit):
        tok = toks[i]
        if _DATELINE_CLOSE.fullmatch(tok.text) and tok.text != ")" and i > a and toks[i - 1].text == "(":
            # "(Wire)--" kept as one token: the agency closes the dateline with its dash
            if all(t.ent_type_ in ("GPE", "LOC", "ORG", "DATE") or t.is_punct or t.pos_ == "PROPN"
                   or t.like_num for t in toks[a:i]):
                return i + 1
        if tok.text == ")" and i > a:
            opened = any(toks[j].text == "(" for j in range(a, i))
            if opened and all(
                t.ent_type_ in ("GPE", "LOC", "ORG", "DATE") or t.is_punct or t.pos_ == "PROPN"
                or t.like_num  # "OSLO, May 2 (Wire) -": the date is part of the dateline
                for t in toks[a:i]
            ):
                end = i + 1
                if end < len(doc) and toks[end].text in ("-", "\u2013", "\u2014"):
                    end += 1
                return end
        if tok.text in ("-", "\u2013", "\u2014") and i > a and toks[a].is_upper and toks[a].is_alpha:
            if all(t.is_upper or t.is_punct for t in toks[a:i]):
                return i + 1
        if tok.is_sent_end or "\n" in tok.text:
            break
    return a


# An agency name with its closing bracket and dash run into one token ("Wire)--").
_DATELINE_CLOSE = re.compile(r"[A-Za-z][\w .-]*\)(?:-+|\u2013|\u2014)?")


def _dateline_line(doc: Any, a: int, b: int) -> bool:
    """A paragraph that is only a dateline ("OSLO, Sept 5, 2020 (Wire)"): a short line opening
    with a capitalised place word and closing with the agency in brackets.
    """
    toks = tokens(doc)
    words: list[Any] = []
    for i in range(max(a, 0), min(b, len(toks))):  # a long paragraph is no dateline: stop at its 13th word
        if not toks[i].is_space:
            if len(words) == 12:
                return False
            words.append(toks[i])
    return (
        2 <= len(words)
        and words[0].is_upper
        and words[0].is_alpha
        and words[-1].text == ")"
        and any(t.text == "(" for t in words)
    )


def _adjacent_name(verb: Any) -> Any | None:
    """A name ending right before the verb ("..., Amara Ndiaye, called for"): the parser
    sometimes leaves such a speaker unattached.
    """
    doc = verb.doc
    i = verb.i - 1
    skipped = 0
    while i >= 0 and skipped < 3 and (doc[i].is_punct or doc[i].pos_ == "ADV"):
        if _is_mark(doc[i]) or "\n" in doc[i].text:
            return None
        i -= 1
        skipped += 1
    if i >= 0 and (
        doc[i].ent_type_ == "PERSON" or doc[i].ent_type_ == "ORG" and doc[i].pos_ == "PROPN"
    ):
        return doc[i]
    return None


def _subject_of(
    verb: Any, in_quote: list[bool], depth: int = 0, *, off: frozenset[str] = frozenset()
) -> Any | None:
    """The token that names who speaks through this verb (`off`: rule families left out).

    A subject borrowed from another clause must be able to speak: in "X said recent moves had
    hurt trust and urged Y to ...", "urged" is X's, not the moves'.
    """
    animate = "speaking_subject" not in off
    if verb.lower_ == "according":
        for to in verb.children:
            if to.lower_ == "to":
                for obj in to.children:
                    if obj.dep_ == "pobj" and _can_be_source(obj):
                        return obj
        return None
    if depth == 0 and verb.pos_ == "NOUN":
        # "X's comments that ...": the owner of the statement speaks.
        return next((c for c in verb.children if c.dep_ == "poss" and not in_quote[c.i]), None)
    if depth == 0 and "quoted_by" not in off and _lemma(verb) in _QUOTING_VERBS:
        quoted = _quoted_one(verb, in_quote)
        if quoted is not None:
            return quoted
    if depth == 0:
        agent = _passive_agent(verb, in_quote)
        if agent is not None:
            return agent  # "described by local media as ...": the agent is who speaks
        if "quoted_as" not in off:
            quoted = _quoted_person(verb, in_quote)
            if quoted is not None:
                return quoted
    subjects = _subjects(verb, in_quote)
    if subjects and "participle_opener" not in off:
        subjects = _past_opening_participle(subjects)
    if depth == 0 and subjects and "passive_subject" not in off and _reported_subject(verb, subjects[0]):
        # "where abuses are reported", "reporters were told": what is said, or who hears it;
        # the one who speaks is a "by" phrase the parser hung lower ('described as "X" by Y')
        stray = _stray_agent(verb) if "stray_agent" not in off else None
        return stray if stray is not None and not in_quote[stray.i] else None
    if subjects and (depth == 0 or not animate or _can_speak(subjects[0])):
        return subjects[0]
    if depth == 0 and not subjects and "conjoined_name" not in off:
        named = _conjoined_name(verb)
        if named is not None and not in_quote[named.i]:
            return named
    if depth == 0 and not subjects and "saying_coordinate" not in off:
        first = _coordinate_sayer(verb, in_quote)
        if first is not None:
            return first
    if depth == 0 and not subjects and "trailing_tag_misread" not in off:
        inverted = _inverted_subject(verb, quoted="quoted_tag_misread" not in off)
        if inverted is not None and not in_quote[inverted.i]:
            return inverted
    if depth == 0 and not subjects and "inverted_tag" not in off:
        tagged = _speaker_after_tag(verb)
        if tagged is not None and not in_quote[tagged.i]:
            return tagged
    if animate and depth == 0 and not subjects:
        controller = _object_controller(verb, in_quote)
        if controller is not None:
            return controller
    if depth == 0 and not subjects and "higher_coordinate" not in off:
        outer = _higher_coordinate(verb)
        if outer is not None and not in_quote[outer.i]:
            # "X acknowledged that Y had left but stressed ...": the one stressing is X
            return _subject_of(outer, in_quote, depth + 1, off=off)
    if depth == 0 and not subjects and "next_saying" not in off and verb.i > 0 and _coordinated_saying(verb.doc[verb.i - 1]):
        # "X said A and noted that B" with "noted" hung on A's verb: the one noting is X
        outer = next((t for t in verb.ancestors if _lemma(t) in SPEECH_VERBS and t.i < verb.i
                      and not in_quote[t.i]), None)
        if outer is not None and outer.i != verb.head.i:
            return _subject_of(outer, in_quote, depth + 1, off=off)
    if depth == 0 and verb.tag_ == "VBG" and verb.lemma_.lower() in _FOLLOW_ON_VERBS:
        # "X said the border would reopen, adding that ...": the parser may hang "adding" on
        # the reported clause, but whoever adds is whoever said it.
        for ancestor in verb.ancestors:
            if ancestor.lemma_.lower() in SPEECH_VERBS and not in_quote[ancestor.i]:
                return _subject_of(ancestor, in_quote, depth + 1, off=off)
    if depth < 3 and verb.dep_ in _BORROWING_DEPS and verb.head.i != verb.i:
        borrowed = _subject_of(verb.head, in_quote, depth + 1, off=off)
        if borrowed is not None:
            return borrowed
    if depth == 0 and "comma_name" not in off:
        named = _apposed_name(verb)
        if named is not None and not in_quote[named.i]:
            return named
    if depth == 0 and not subjects and "appended_subject" not in off:
        appended = _appended_subject(verb)
        if appended is not None and not in_quote[appended.i]:
            return appended
    return _adjacent_name(verb) if depth == 0 else None


def _apposed_name(verb: Any) -> Any | None:
    """The name before a subjectless verb whose apposition ends right before it ("In the port,
    Gen. Ana Ruiz, head of the navy, said ..."): the parser hung the name on a fronted phrase,
    but a name and its apposition set off by commas just before the verb are its subject.
    """
    doc = verb.doc
    i = verb.i - 1
    if i < 1 or doc[i].text != ",":
        return None
    tok = doc[i - 1]
    while tok.dep_ != "appos" and tok.head.i < tok.i and tok.head.i != tok.i:
        tok = tok.head
    name = tok.head
    if tok.dep_ != "appos" or name.i >= tok.i or name.ent_type_ != "PERSON" or name.pos_ != "PROPN":
        return None
    if tok.left_edge.i < 1 or doc[tok.left_edge.i - 1].text != "," or name.dep_ in _SUBJECT_DEPS:
        return None
    if any(t.is_sent_start or t.pos_ in ("VERB", "AUX") for t in doc[name.i + 1 : i]):
        return None
    return name


def _appended_subject(verb: Any) -> Any | None:
    """The speaker of a closing tag that the parser hung on the reported clause as an apposition
    of its last noun ("A will meet B in May, a source close to the board said"): a phrase that
    can speak, set off by a comma and ending right before a subjectless saying whose reported
    clause comes before it.
    """
    doc = verb.doc
    if _lemma(verb) not in SPEECH_VERBS or any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if clause is None or verb.i < 2:
        return None
    tok = doc[verb.i - 1]
    while tok.dep_ != "appos" and tok.head.i < verb.i and tok.head.i != tok.i and tok.i > clause.left_edge.i:
        tok = tok.head
    if tok.dep_ != "appos" or tok.right_edge.i != verb.i - 1 or not _can_speak(tok):
        return None
    start = tok.left_edge.i
    if start < 1 or doc[start - 1].text != "," or not clause.left_edge.i <= tok.head.i <= clause.right_edge.i:
        return None
    if any(t.text == "," or t.dep_ == "conj" for t in doc[start:verb.i]):
        return None  # a list or a phrase of its own clauses, not one speaker's name
    name = tok.head
    if (name.pos_ == "PROPN" and name.ent_type_ == "PERSON" and name.i == start - 2
            and not any(c.dep_ == "det" for c in tok.children)):
        # "..., Gen. Ana Ruiz, head of the navy told": a bare role apposed to the name; with an
        # article ("..., the bakery of Ana Ruiz, a police spokesman said") the phrase is a speaker
        return name
    return tok


def _inner_apposition(tok: Any) -> Any | None:
    """The name closing a speaker's phrase that the parser apposed to a noun inside it ("The
    envoy to the river commission, Ana Ruiz, said": Ana Ruiz is the envoy, not the commission).
    Only when the inner noun cannot be a person and the phrase has no apposition of its own.
    """
    if any(c.dep_ == "appos" for c in tok.children):
        return None
    doc = tok.doc
    for name in tok.subtree:
        if name.i <= tok.i or name.dep_ != "appos" or name.ent_type_ != "PERSON" or name.pos_ != "PROPN":
            continue
        owner = name.head
        end = name.right_edge.i + 1
        if (owner.i == tok.i or owner.pos_ != "NOUN" or owner.lemma_.lower() in _PERSON_NOUNS
                or name.left_edge.i < 1 or doc[name.left_edge.i - 1].text != ","):
            continue
        if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].i == tok.head.i:
            return name
    return None


def _name_after_quoted_title(tok: Any) -> Any | None:
    """The person named after a title in quotation marks that the parser apposed to the word
    before it ('Dissident "trade minister" Ana Ruiz said': Ana Ruiz, not "Dissident").
    """
    if tok.ent_type_ == "PERSON":
        return None
    doc = tok.doc
    for title in tok.children:
        opening = title.left_edge.i if _is_mark(doc[title.left_edge.i]) else title.left_edge.i - 1
        if title.dep_ != "appos" or opening < 1 or not _is_mark(doc[opening]):
            continue
        for name in title.children:
            if name.dep_ == "appos" and name.ent_type_ == "PERSON" and name.pos_ == "PROPN" and name.i > title.i:
                return name
    return None


def _apposed_role(tok: Any) -> bool:
    """Whether a name has a person's role in apposition ("Ana Ruiz, a deputy of the Greens,
    said"): a person, whatever entity type the model gave the name.
    """
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in _APPOSED_PERSON_NOUNS
               for c in tok.children)


def _conjoined_name(verb: Any) -> Any | None:
    """The name right before a coordinated verb with no subject of its own, after "and"/"but"
    ("... lost to A and B and Dupont admitted: ..."): a borrowed subject is never written
    between the conjunction and the verb, so the name is this verb's subject, which the parser
    hung on the list before it.
    """
    doc = verb.doc
    if verb.dep_ != "conj" or verb.i < 2:
        return None
    name = doc[verb.i - 1]
    if name.ent_type_ != "PERSON" or name.pos_ != "PROPN" or name.dep_ in _SUBJECT_DEPS:
        return None
    j = name.i
    while j > 0 and doc[j - 1].ent_type_ == "PERSON" and doc[j - 1].pos_ == "PROPN":
        j -= 1
    return name if j > 0 and doc[j - 1].lower_ in ("and", "but") else None


def _reported_subject(verb: Any, subject: Any) -> bool:
    """Whether the subject of a passive saying with no "by" phrase is what is said or who hears
    it ("the plan was announced", "officials were told"), never who speaks. A subject that
    speaks through a later verb ("X was quoted as saying") is read from that verb instead.
    """
    return subject.dep_ == "nsubjpass" and any(c.dep_ == "auxpass" for c in verb.children)


def _coordinate_sayer(verb: Any, in_quote: list[bool]) -> Any | None:
    """The subject of the saying a second saying is coordinated with: in "the mediators called
    for calm and said ...", whoever does the first saying does the second, whatever noun names
    them. Borrowing further up passes over subjects that may not speak, as the "moves" in
    "X said moves had hurt trust and urged ...", whose verb is no saying.
    """
    head = verb.head
    if verb.dep_ != "conj" or _lemma(head) not in _REPORTING_LEMMAS or head.i == verb.i:
        return None
    first = next(iter(_subjects(head, in_quote)), None)
    if first is None or _reported_subject(head, first):
        return None
    return first


def _stray_agent(verb: Any) -> Any | None:
    """The "by" phrase of a passive saying that the parser hung on its complement rather than on
    the verb ('was hailed "a triumph" by the press', 'described as "fair" by Y'): the speaker,
    if it can speak. Only within the verb's own clause, never inside a clause of its own.
    """
    for tok in verb.subtree:
        if tok.i <= verb.i or tok.lower_ != "by" or tok.dep_ not in ("prep", "agent"):
            continue
        if any(a.dep_ in _PHRASE_CLAUSE_DEPS | {"ccomp", "xcomp", "conj"}
               for a in tok.ancestors if a.i != verb.i and verb.is_ancestor(a)):
            continue
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if obj is not None and _can_speak(obj):
            return obj
    return None


def _higher_coordinate(verb: Any) -> Any | None:
    """The speech verb a second saying is really coordinated with: in "X said that Y had resigned
    but insisted ...", the parser joins "insisted" to "had resigned", yet a finite verb cannot
    share that clause's "had": it goes with "said", whose subject speaks. None otherwise.
    """
    head = verb.head
    if (verb.dep_ != "conj" or verb.tag_ != "VBD" or _lemma(verb) not in _REPORTING_LEMMAS
            or any(c.dep_ in ("aux", "auxpass") for c in verb.children)
            or head.dep_ != "ccomp" or head.tag_ not in ("VB", "VBN")
            or not any(c.dep_ in ("aux", "auxpass") for c in head.children)):
        return None
    outer = head.head
    return outer if _lemma(outer) in SPEECH_VERBS | INDIRECT_VERBS and outer.i < verb.i else None


def _quoted_person(verb: Any, in_quote: list[bool]) -> Any | None:
    """'The agency quoted X as saying ...': X speaks through "saying", not the agency."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or prep.head.i == prep.i:
        return None
    quoting = prep.head
    if quoting.lemma_.lower() not in _QUOTING_VERBS:
        return None
    obj = next((c for c in quoting.children if c.dep_ == "dobj" and c.i < verb.i), None)
    return obj if obj is not None and not in_quote[obj.i] else None


def _quoted_one(verb: Any, in_quote: list[bool]) -> Any | None:
    """Who a quoting verb with no "as saying" quotes: the subject of the passive ("X was quoted by
    the daily"), the object of the active ("the agency quoted X"); None when it has neither.
    """
    # WHY: "quoted" makes its quoted one the speaker and the quoting paper only the source
    # (as in "quoted X as saying"); read as a plain passive it would give the words to the paper
    if any(c.lower_ == "as" for c in verb.children):
        return None  # "quoted X as saying": X speaks through "saying"
    role = "nsubjpass" if any(c.dep_ == "auxpass" for c in verb.children) else "dobj"
    found = next((c for c in verb.children if c.dep_ == role and not in_quote[c.i]), None)
    return found if found is not None and _can_speak(found) else None


def _quoting_tag(ctx: _Context, verb: Any, b: int) -> bool:
    """A quoting verb in the tag closing a quotation ('"...," X was quoted by the daily.')."""
    return (ctx.on("quoted_by") and _lemma(verb) in _QUOTING_VERBS and verb.pos_ == "VERB"
            and _closes_quotation(verb, b) and _quoted_one(verb, ctx.blocked) is not None)


def _object_controller(verb: Any, in_quote: list[bool]) -> Any | None:
    """The object that is the subject of a to-infinitive hung on it ("prompted the minister to
    say"): object control, so the one who speaks is the object, not the subject of the clause.
    """
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    return obj if obj is not None and not in_quote[obj.i] and _can_speak(obj) else None


def _can_speak(tok: Any) -> bool:
    """Whether a token may name a speaker: a pronoun, a name (person, organisation, country),
    a person or role noun, a body or collective noun, a document, or "the 67-year-old"; not an
    inanimate noun phrase ("recent moves", "the new rules").
    """
    if tok.pos_ in ("PRON", "PROPN") or tok.ent_type_ in _NAME_ENTS:
        return True
    return tok.lemma_.lower() in _SPEAKING_NOUNS or tok.lower_ in _SPEAKING_NOUNS or _is_age_noun(tok)


def _main_clause(verb: Any) -> bool:
    """Whether a verb heads its sentence, or is coordinated with the verb that does."""
    return bool(verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _role_noun(tok: Any) -> bool:
    """A singular common noun naming a person's role or kind ("minister", "envoy", "official")."""
    return bool(tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.lemma_.lower() in _PERSON_NOUNS)


def _role_words(tok: Any) -> set[str]:
    """The lower-case words of a role's phrase, without articles, pronouns and punctuation."""
    return {t.lower_ for t in _phrase_tokens(tok) if t.pos_ not in ("DET", "PRON", "PUNCT", "PART")}


def _is_age_noun(tok: Any) -> bool:
    """"the 67-year-old": a person named by age ("old" after "year" and a hyphen)."""
    doc = tok.doc
    return (
        tok.lower_ == "old"
        and tok.i >= 2
        and doc[tok.i - 1].text == "-"
        and doc[tok.i - 2].lower_ in ("year", "years")
    )


def _definite_demonym(tok: Any) -> bool:
    """"the Malaysian", "the Scot": one capitalised word of nationality after "the" and nothing
    else, which names a person (a name takes no article; "the Kremlin" is a place or body).
    """
    return (
        tok.tag_ == "NNP"
        and tok.ent_type_ in ("NORP", "PERSON")
        and tok.is_title
        and [c.lower_ for c in tok.lefts] == ["the"]
        and not any(c.dep_ in ("compound", "appos") and c.pos_ == "PROPN" for c in tok.children)
    )


def _passive_agent(verb: Any, in_quote: list[bool]) -> Any | None:
    """The "by" phrase of a passive reporting verb ("was described by officials as")."""
    if not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) and verb.dep_ != "acl":
        return None
    for agent in verb.children:
        if agent.dep_ == "agent":
            obj = next((c for c in agent.children if c.dep_ == "pobj" and not in_quote[c.i]), None)
            if obj is not None:
                return obj
    return None


def _can_be_source(tok: Any) -> bool:
    """Whether "according to <tok>" names who said something (not "according to plan")."""
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in _NAME_ENTS:
        return True
    lemma = tok.lemma_.lower()
    return lemma in _PERSON_NOUNS or lemma in _SOURCE_NOUNS


def _untitled(name: str) -> str:
    """A person's name without the titles in front ("Foreign Minister Eva Lunde" → "Eva
    Lunde"); the name itself when nothing else would be left.
    """
    words = name.split()
    k = 0
    while k < len(words) - 1 and (
        words[k].lower().rstrip(".") in _PERSON_TITLES or words[k].lower() in _TITLE_MODIFIERS
    ):
        k += 1
    return " ".join(words[k:])


def _definite(tok: Any) -> bool:
    """True when the token is introduced by "the"/"this" ("The Chancellor-designate said")."""
    return any(t.lower_ in ("the", "this") for t in tok.lefts) or (
        tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("the", "this")
    )


def _epithet(tok: Any) -> bool:
    """"the former Olympic champion", "the Vantor midfielder": one person after "the", named by
    a deed or a sport, with no "of" phrase or name of their own ("the winner of the vote").
    """
    return (
        (tok.tag_ == "NN" or tok.dep_ in _SUBJECT_DEPS)  # "forward" may come out as an adverb
        and tok.lower_ in _EPITHET_NOUNS
        and (_definite(tok) or tok.left_edge.lower_ == "the")  # "the" may hang on a compound
        and not any(c.dep_ == "appos" or c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights)
    )


def _described_protagonist(tok: Any) -> bool:
    """"the outgoing treasurer", "the devout Methodist": one person after "the", qualified by a
    word that tells what that person is known as, with no "of" phrase or name of their own.
    """
    # WHY: news names the person it has just introduced by such a description instead of a
    # pronoun; read as a phrase, the speaker was a bare title or a word ("Methodist", "winger")
    if tok.tag_ not in ("NN", "NNP") or tok.lemma_.lower() in _NOT_DESCRIBED_HEADS:
        return False
    left = [t for t in tok.subtree if t.i < tok.i]
    if not left or left[0].lower_ != "the" or any(t.pos_ in ("PROPN", "NUM") and t.is_title for t in left[1:]):
        return False
    if any(c.dep_ in ("appos", "relcl", "acl") or c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights):
        return False
    # "one-time" comes as three tokens: join the hyphenated words back
    words = " ".join(t.lower_ for t in left[1:]).replace(" - ", "-").split()
    return any(w in _EPITHET_ADJECTIVES for w in words)


# Documents, bodies and sources are never a person who gives a name in passing.
_NO_GIVEN_NAME_HEADS = _SETTING_NOUNS | _BODY_NOUNS | _SOURCE_NOUNS
# Heads a described protagonist never has: documents, bodies, sources, kinds of organisation.
_NOT_DESCRIBED_HEADS = _NO_GIVEN_NAME_HEADS | _NAMED_KIND_NOUNS | _UNNAMED_KIND_NOUNS


def _given_name(tok: Any) -> Any | None:
    """The name a person noun phrase gives its head ("a rider named Tomas", "a driver who gave her name as Lind")."""
    # WHY: news quotes passers-by it names only in passing: the phrase then names who speaks, and
    # the name, not the noun phrase, is how the text gives that person
    if tok.pos_ != "NOUN" or tok.lemma_.lower() in _NO_GIVEN_NAME_HEADS:
        return None
    for clause in tok.rights:
        if clause.dep_ == "acl" and clause.lower_ in _NAMING_PARTICIPLES:
            named = [c for c in clause.rights if c.dep_ in ("oprd", "dobj", "attr")]
            named += [p for c in clause.rights if c.dep_ == "prep" and c.lower_ == "as"
                      for p in c.children if p.dep_ == "pobj"]
        elif clause.dep_ == "relcl" and clause.lemma_.lower() in _NAME_GIVING_VERBS:
            nouns = [c for c in clause.children if c.dep_ == "dobj" and c.lemma_.lower() in _GIVEN_NAME_NOUNS]
            # "as Tomas" hangs on the name noun or, as often, on the verb that gives it
            holders = [*nouns, clause] if nouns else []
            named = [p for h in holders for c in h.rights if c.dep_ == "prep" and c.lower_ == "as"
                     for p in c.children if p.dep_ == "pobj"]
        else:
            continue
        name = next((n for n in named if n.pos_ == "PROPN" and n.ent_type_ not in ("DATE", "TIME")), None)
        if name is not None:
            return name
    return None


def _capitalised_epithet(tok: Any) -> bool:
    """A capitalised word heading "the ... <Club> midfielder": the phrase's next common noun an epithet."""
    # WHY: the parser heads "the one-time Varnes and Oslund midfielder" or "the three-time Coastal
    # Cup winner" by a capitalised word; the phrase still names a person by a deed, not a body
    first = tok.left_edge.i
    if not tok.is_title or tok.lower_ in _EPITHET_NOUNS or "the" not in (
            tok.doc[first].lower_, tok.doc[max(first - 1, 0)].lower_):  # "the" may hang on the verb
        return False
    words = [t for t in tok.subtree if t.i > tok.i and t.dep_ not in _PHRASE_CLAUSE_DEPS]
    clause = next((t.left_edge.i for t in tok.subtree if t.i > tok.i and t.dep_ in _PHRASE_CLAUSE_DEPS), None)
    noun = next((t for t in words if t.pos_ == "NOUN" and (clause is None or t.i < clause)), None)
    return noun is not None and noun.lower_ in _EPITHET_NOUNS


def _epithet_holder(ctx: _Context, token_i: int) -> str | None:
    """The latest person introduced by a deed ("former star Ivo Lind") before token_i, else the latest speaker."""
    # WHY: "the one-time Varnes midfielder" is the player the story is about, not the club chairman
    # quoted on him just before: news refers back by a deed to one it introduced by a deed
    end = bisect.bisect_left(ctx.coref.speakers, (token_i,)) if ctx.on("deed_introduced") else 0
    for _i, name, is_person, plural in reversed(ctx.coref.speakers[max(0, end - SPEAKER_LOOKBACK):end]):
        if is_person and not plural and any(name in ctx.coref.titles.get(w, ()) for w in _EPITHET_NOUNS):
            return name
    return ctx.coref.recent_speaker(token_i, person=True)


def _lowercase_name(tok: Any) -> bool:
    """A word in lower case the tagger took for a proper noun ("the foreign ministry", "the
    deputy secretary general"): a common noun, as English writes every name with a capital.
    """
    # WHY: read as a name, the bare word ("ministry", "general") was the speaker, its phrase and
    # what it refers back to ("the former Ruritania midfielder") lost
    if tok.pos_ != "PROPN" or not tok.is_alpha or not tok.text.islower() or tok.ent_type_:
        return False
    # a name's own lower-case part ("Sung-hoo", "al-Tarvi") is joined to it by a hyphen
    doc = tok.doc
    return not (tok.i > 0 and doc[tok.i - 1].text == "-" or tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-")


def _bare_kind_noun(tok: Any) -> bool:
    """"the company", "the ministry": a kind of organisation after "the" alone, with no word of
    its own that would name or narrow it ("the health ministry", "the company's board").
    """
    return (
        tok.tag_ == "NN"
        and tok.lemma_.lower() in _NAMED_KIND_NOUNS | _UNNAMED_KIND_NOUNS
        and [c.lower_ for c in tok.lefts] == ["the"]
        and not any(c.dep_ in ("prep", "appos", "compound", "amod") for c in tok.rights)
    )


def _mistagged_kind_noun(tok: Any) -> bool:
    """A kind of organisation after "the" alone as a subject, which the tagger took for a proper
    noun ("The Commission noted") or an adjective ("the daily wrote"): read as "the commission".
    """
    return (
        tok.tag_ in ("NNP", "JJ")
        and tok.dep_ in _SUBJECT_DEPS
        and tok.lower_ in _NAMED_KIND_NOUNS | _UNNAMED_KIND_NOUNS
        and [c.lower_ for c in tok.lefts] == ["the"]
        and not any(c.dep_ in ("prep", "appos", "compound", "amod") for c in tok.rights)
    )


_NAME_OPENERS = frozenset("the a an his her its their our this that".split())


def _misspelt(name: str, surname: str) -> bool:
    """Whether a one-word name is the surname written with a letter dropped, added or changed."""
    return name != surname and difflib.SequenceMatcher(None, name.lower(), surname.lower()).ratio() >= _SAME_NAME_RATIO


def _is_named(name: str) -> bool:
    """A name ("Norvex", "The Daily Courier"), not a phrase the text used ("The company")."""
    words = name.split()
    if words and words[0].lower() in _NAME_OPENERS:
        words = words[1:]
    return bool(words) and words[0][:1].isupper()


def _kind_words(name: str) -> set[str]:
    """The lower-case words of an organisation's name, to read its kind from."""
    return {w.lower().strip(".,'") for w in name.split()}


def _sentence_bounds(doc: Any) -> list[tuple[int, int]]:
    """Sentence token ranges; the paragraphs stand in when the pipeline sets no boundaries."""
    if doc.has_annotation("SENT_START"):
        return [(sent.start, sent.end) for sent in doc.sents]
    bounds: list[tuple[int, int]] = []
    start = 0
    for tok in doc:
        if "\n" in tok.text and tok.i + 1 > start:
            bounds.append((start, tok.i + 1))
            start = tok.i + 1
    if start < len(doc):
        bounds.append((start, len(doc)))
    return bounds


def _phrase_text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    a, b = tokens[0].i, tokens[-1].i + 1
    return span_text(doc, a, b).strip(" ,;:-")


def _name_run(tok: Token) -> str:
    """The proper-noun run around tok ("Lee Min - jun", "Gen Okafor") as written."""
    doc = tok.doc
    if tok.ent_type_ in _NAME_ENTS:
        a, end = entity_bounds(tok)
        b = end - 1
        # A name holds no comma: "According to Xinhua, Hu said" tagged as one entity is two.
        a = max([a] + [j + 1 for j in range(a, tok.i) if doc[j].text == ","])
        b = min([b] + [j - 1 for j in range(tok.i + 1, b + 1) if doc[j].text == ","])
        b = _bracket_closed(doc, a, b)
        return strip_possessive(span_text(doc, a, b + 1))
    a = b = tok.i
    while a > 0 and _joins_name(doc, a - 1):
        a -= 1
    while b + 1 < len(doc) and _joins_name(doc, b + 1):
        b += 1
    # Hyphenated words stay whole whatever their case: "chancellor-designate", "Min-jun".
    if doc[a].text == "-" and a >= 1 and doc[a - 1].is_alpha and not doc[a - 1].whitespace_:
        a -= 1
    while a >= 2 and doc[a - 1].text == "-" and not doc[a - 2].whitespace_ and doc[a - 2].is_alpha:
        if doc[a - 1].whitespace_:
            break
        a -= 2
    while (
        b + 2 < len(doc)
        and doc[b + 1].text == "-"
        and not doc[b].whitespace_
        and not doc[b + 1].whitespace_
        and doc[b + 2].is_alpha
    ):
        b += 2
    while a <= b and not doc[a].is_alpha:
        a += 1
    return span_text(doc, a, b + 1) if a <= b else tok.text


def _joins_name(doc: Any, i: int) -> bool:
    tok = doc[i]
    if tok.pos_ == "PROPN" and tok.text[:1].isupper():
        return True
    # Hyphenated given names split by the tokenizer: "Min", "-", "jun".
    return tok.text == "-" and not tok.whitespace_ and i > 0 and not doc[i - 1].whitespace_


def _noun_phrase(tok: Any, in_quote: list[bool]) -> str:
    """A short noun phrase for an unnamed speaker: "the Ruritanian trade ministry"."""
    left: list[Any] = []
    for child in tok.lefts:
        if child.dep_ in _NP_LEFT_DEPS:
            left.extend(t for t in child.subtree)
    right: list[Any] = []
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "in", "from"):
            right.extend(t for t in child.subtree)
            break
    # "The minister and her deputy said": the coordinated heads are one speaker.
    for other in _conjuncts(tok, in_quote):
        right.extend(t for t in other.subtree if t.i > tok.i)
        right.extend(c for c in other.head.children if c.dep_ in ("cc", "punct") and c.i > tok.i)
    tokens = sorted({*left, tok, *right}, key=lambda t: t.i)
    # Keep the contiguous part around the head; stop at commas (except those of a list,
    # "Angola, Namibia and Zambia") and quoted words.
    start = tokens.index(tok)
    lo = start
    while lo > 0 and tokens[lo - 1].i == tokens[lo].i - 1 and tokens[lo - 1].text != ",":
        lo -= 1
    hi = start
    while (
        hi + 1 < len(tokens)
        and tokens[hi + 1].i == tokens[hi].i + 1
        and (tokens[hi + 1].text != "," or _list_comma(tokens[hi + 1]))
        and hi - lo < _MAX_PHRASE_TOKENS
    ):
        hi += 1
    picked = [t for t in tokens[lo : hi + 1] if not in_quote[t.i]]
    if picked:
        end = _bracket_closed(tok.doc, picked[0].i, picked[-1].i)
        picked = [t for t in picked if t.i <= end] + [t for t in tok.doc[picked[-1].i + 1 : end + 1]]
    return _phrase_text(picked)


def _bracket_closed(doc: Any, a: int, b: int) -> int:
    """The last token of the span a..b with its brackets balanced: the ")" just after it taken
    in ("the Society for Mountain Rescue (SMR)"), else the unclosed bracket and what follows left out.
    """
    # WHY: the entity tagger and the parser often leave the closing bracket of an abbreviation
    # out of a name, and the speaker came out as "the Society for Mountain Rescue (SMR"
    opened = [j for j in range(a, b + 1) if doc[j].text == "("]
    if len(opened) <= sum(1 for j in range(a, b + 1) if doc[j].text == ")"):
        return b
    if b + 1 < len(doc) and doc[b + 1].text == ")" and len(opened) == 1:
        return b + 1
    return max(a, opened[-1] - 1)


def _headline_noun(noun: Any) -> bool:
    """A singular noun heading its phrase with no determiner ("Rights group condemns ..."): only
    headlines write so; prose says "the group", "a group", or uses it as a modifier.
    """
    return noun.tag_ == "NN" and noun.dep_ != "compound" and not any(
        c.dep_ in ("det", "poss") for c in noun.children)


def _organisation_in(noun: Any) -> str | None:
    """The organisation named inside a noun phrase before its head: "the Varta news agency",
    "the UN refugee agency"; None for an unnamed body ("a coalition of river towns").
    """
    named = [t for t in noun.subtree if t.i < noun.i and (
        t.ent_type_ == "ORG" or t.pos_ == "PROPN" and t.dep_ == "compound")]
    if noun.ent_type_ == "ORG":
        named.append(noun)
    if not named:
        return None
    ent = next((e for e in entities(noun.doc) if e.start <= named[-1].i < e.end), None)
    return strip_possessive(ent.text) if ent is not None else _name_run(named[-1])


def _phrase_tokens(tok: Any) -> list[Any]:
    """The tokens of tok's phrase without the clauses hung on it ("who met X", "saying ..."):
    a name in such a clause is someone else.
    """
    found = [tok]
    for child in tok.children:
        if child.dep_ not in _PHRASE_CLAUSE_DEPS:
            found.extend(_phrase_tokens(child))
    return found


def _conjuncts(tok: Any, in_quote: list[bool]) -> list[Any]:
    """Heads coordinated with tok by "and" ("Lisbon and Madrid", "Angola, Namibia and
    Zambia"), in text order; none when the coordination is "or" or runs into a quotation.
    """
    found: list[Any] = []
    head = tok
    while True:
        nxt = next((c for c in head.children if c.dep_ == "conj" and c.i > head.i), None)
        if nxt is None or in_quote[nxt.i]:
            break
        found.append(nxt)
        head = nxt
    if not found:
        return []
    words = {c.lower_ for t in [tok, *found] for c in t.children if c.dep_ == "cc"}
    return found if "and" in words else []


def _list_comma(comma: Token) -> bool:
    """True for the comma of a list ("Angola, Namibia and Zambia"), not one closing a phrase."""
    doc = comma.doc
    nxt = doc[comma.i + 1] if comma.i + 1 < len(doc) else None
    if nxt is None:
        return False
    while nxt.dep_ in ("compound", "amod", "det") and nxt.head.i > nxt.i:
        nxt = nxt.head
    return nxt.dep_ == "conj" and nxt.head.i < comma.i


def _audience_phrase(tok: Any, in_quote: list[bool], off: frozenset[str]) -> str:
    """The audience a verb's object or "to" phrase names (only a listener, unless switched off)."""
    return _object_phrase(tok, in_quote) if "listener" in off else _listener(tok, in_quote)


def _audience_of(verb: Any, in_quote: list[bool], depth: int = 0,
                 off: frozenset[str] = frozenset()) -> str:
    """Who was spoken to: "told reporters", "spoke in a conversation with the Harbour Times"."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if in_quote[child.i]:
            continue
        if lemma in _AUDIENCE_OBJECT_VERBS and child.dep_ in ("dobj", "dative", "iobj"):
            if child.pos_ in ("NOUN", "PROPN") or child.ent_type_:
                found = _audience_phrase(child, in_quote, off)
                if found:
                    return found
        if child.dep_ == "prep" and child.lower_ == "to" and lemma in _TO_AUDIENCE_VERBS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found = _audience_phrase(obj, in_quote, off)
                    if found:
                        return found
        if child.dep_ == "prep" and child.lower_ in ("in", "during"):
            # "spoke in a conversation with the Harbour Times"
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in _INTERVIEW_NOUNS:
                    for prep in obj.children:
                        if prep.dep_ == "prep" and prep.lower_ in ("with", "to", "on"):
                            target = next((c for c in prep.children if c.dep_ == "pobj"), None)
                            if target is not None and not in_quote[target.i]:
                                found = _audience_phrase(target, in_quote, off)
                                if found:
                                    return found
        if child.dep_ == "advcl" and child.lemma_.lower() in ("speak", "talk") and depth == 0:
            # "Speaking to reporters, X said"
            found = _audience_of(child, in_quote, depth + 1, off)
            if found:
                return found
    return ""


def _listener(tok: Any, in_quote: list[bool]) -> str:
    """The audience phrase for a listener ("reporters", "state television", "a news conference",
    "Ms Berg"), or '' when the object is no listener ("a refuelling stop in Alaska").
    """
    if in_quote[tok.i]:
        return ""
    if not (tok.pos_ in ("PRON", "PROPN") or tok.ent_type_ in _NAME_ENTS
            or tok.lemma_.lower() in _LISTENER_NOUNS or tok.lower_ in _LISTENER_NOUNS):
        return ""
    if tok.pos_ == "PRON":
        return str(tok.text)
    return _object_phrase(tok, in_quote)


def _object_phrase(tok: Any, in_quote: list[bool]) -> str:
    """The object noun with its modifiers, without any clause that follows it."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in _NAME_ENTS:
        left = [t for c in tok.lefts if c.dep_ in _NP_LEFT_DEPS for t in c.subtree]
        tokens = sorted({*left, tok}, key=lambda t: t.i)
        run = _name_run(tok)
        phrase = _phrase_text([t for t in tokens if not in_quote[t.i]])
        return phrase if len(phrase) >= len(run) else run
    return _noun_phrase(tok, in_quote)


# ---------------------------------------------------------------- direct quotes


def _is_label(ctx: _Context, a: int, b: int) -> bool:
    """Quoted words that name something (a show, a "so-called" term) rather than report speech."""
    doc = ctx.doc
    before = a - 2 if a >= 2 else -1
    if before >= 0 and doc[before].lower_ in _LABEL_CUES:
        return True
    words = [t for t in doc[a:b] if t.is_alpha]
    if not words or len(words) > 10:
        return False
    if ctx.on("quoted_title") and _title_before_name(doc, a, b, words):
        return True
    ends_clause = doc[b - 1].text in (".", "!", "?")
    # Title Case without closing punctuation: a title ("Morning Round"), not speech.
    capitalised = all(t.text[:1].isupper() or t.lower_ in _TITLE_SMALL_WORDS for t in words)
    return (
        not ends_clause
        and len(words) >= 2
        and capitalised
        and words[0].text[:1].isupper()
        and words[-1].text[:1].isupper()
    )


def _title_before_name(doc: Any, a: int, b: int, words: list[Any]) -> bool:
    """A short quotation right before a person's name with nothing between ('dissident "trade
    minister" Ana Ruiz'): a title held in doubt, not speech.
    """
    after = b + 1 if b < len(doc) and _is_mark(doc[b]) else b
    return (len(words) <= 4 and not doc[b - 1].is_punct and after < len(doc)
            and doc[after].ent_type_ == "PERSON" and doc[after].pos_ == "PROPN")


def _quote_window(ctx: _Context, a: int, b: int) -> tuple[int, int]:
    """Token range to search for the reporting verb: the quote's sentences, in its paragraph."""
    pa, pb = ctx.paragraph_bounds(a)
    lo = ctx.sent_start[a]
    hi = ctx.sent_end[b - 1]
    after = b + 1 if b < ctx.n and _is_mark(ctx.doc[b]) else b
    if after < ctx.n and ctx.sent_end[after] > hi:
        # The speech tag after a closing mark may have been split into the next sentence; only
        # a short tag ("Ndiaye said.", "shouted Ndiaye.", "Ndiaye vowed.") is taken, not a whole
        # new sentence about someone else.
        tag = ctx.doc[after : min(after + 4, ctx.sent_end[after])]
        short = sum(1 for t in ctx.doc[after : ctx.sent_end[after]] if t.is_alpha) <= _SHORT_TAG
        lemmas = _REPORTING_LEMMAS if short and ctx.on("short_tag") else SPEECH_VERBS
        if ctx.on("split_tag") and _runs_on(ctx.doc[after]):
            lemmas = _REPORTING_LEMMAS  # '"Out!" crowds shouted as ...': one sentence, split by its mark
        if any(_lemma(t) in lemmas and not ctx.in_quote[t.i] for t in tag):
            hi = ctx.sent_end[after]
    opener = a - 1
    colon = opener - 1
    while colon > 0 and ctx.doc[colon].text == "`":
        colon -= 1  # the first backtick of a ``typed'' opening mark
    while colon > 0 and ctx.doc[colon].is_space:
        colon -= 1  # 'He said:' may end the previous paragraph
    if opener > 0 and _is_mark(ctx.doc[opener]) and ctx.doc[colon].text == ":":
        lo = min(lo, ctx.sent_start[colon])
        pa = min(pa, lo)
    # The speech tag sits close to its quote; the cap keeps run-on text linear.
    lo = max(lo, pa, a - _WINDOW_TOKENS)
    hi = min(hi, pb, b + _WINDOW_TOKENS)
    return lo, hi


def _runs_on(tok: Any) -> bool:
    """Whether the words after a closing mark go on with the quotation's sentence: they open in
    lower case ('"Go home!" the crowd chanted'), which no new sentence does, so a sentence break
    the parser put after the mark is not one.
    """
    return bool(tok.is_alpha and tok.text[:1].islower())


def _nearest_verb(ctx: _Context, a: int, b: int, lo: int, hi: int) -> Any | None:
    """The reporting verb outside quotations closest to tokens [a, b) within [lo, hi).

    A plain speech verb ("said") beats an opinion verb ("described") at any distance, unless
    the quotation is the opinion verb's own complement and the verb names its subject: in
    'X said after the talks, which Y described as "historic"', the word is Y's.
    """
    best: Any | None = None
    best_key: tuple[bool, int, bool, bool, int] | None = None
    toks = tokens(ctx.doc)
    tagged = ctx.on("closing_tag") and any(
        not ctx.in_quote[i] and _lemma(toks[i]) in SPEECH_VERBS and toks[i].pos_ in ("VERB", "AUX")
        and _closes_quotation(toks[i], b) for i in range(b, min(hi, b + _CLOSING_TAG_REACH)))
    governors = _governors(ctx, a, b)
    close = _governors(ctx, a, b, depth=2, words=True) if ctx.on("own_complement") else set()
    cols = columns(ctx.doc)
    pos, lowers = cols["POS"], cols["LOWER"]
    strings = ctx.doc.vocab.strings
    verb_ids, according = {strings["VERB"], strings["AUX"]}, strings["according"]
    for i in range(lo, hi):
        if ctx.in_quote[i] or pos[i] not in verb_ids and lowers[i] != according:
            continue  # only a verb or "according to" reports: the other words are not read
        tok = toks[i]
        if tok.lower_ == "according" and i + 1 < ctx.n and toks[i + 1].lower_ == "to":
            tier = 0
        elif tok.pos_ not in ("VERB", "AUX"):
            continue
        else:
            lemma = _lemma(tok)
            if lemma in SPEECH_VERBS or _quoting_tag(ctx, tok, b):
                tier = 0
            elif lemma in OPINION_VERBS:
                tier = 1
            else:
                continue
        if tok.dep_ in ("acl", "relcl", "amod") and tier == 0 and tok.tag_ in ("VBG", "VBN"):
            continue  # "a memo suggesting ...": a participle describing a noun
        if ctx.on("aspectual_verb") and _aspectual(tok):
            continue  # "the cabinet continues to regard it as ...": no saying
        # "did not call for", "expects them to ask for": a saying that did not happen comes last
        unsaid = ctx.on("unsaid_verb") and _unsaid(tok) or ctx.on("planned_saying") and _planned_saying(tok)
        tier += 2 if unsaid else 0
        d = a - i if i < a else i - b + 1
        # The verb whose clause holds the quote wins over one that merely sits nearer.
        subject = _subject_of(tok, ctx.blocked, off=ctx.off)
        own = not unsaid and i in close and any(
            c.dep_ in _SUBJECT_DEPS and not ctx.blocked[c.i] for c in tok.children
        )
        if own and tagged and _lemma(tok) in _HOPE_BELIEF_VERBS:
            # A tag closing the quotation ('..., "...," said X.') names its speaker before a verb
            # of hope or belief that merely holds the quotation in its clause ("they hope to hold '...'").
            own = False
        key = (not own, tier, subject is None, i not in governors, d)
        if best_key is None or key < best_key:
            best, best_key = tok, key
    return best


def _unsaid(verb: Any) -> bool:
    """A speech verb that reports no saying: negated ("did not call for") or a to-infinitive
    ("expects few towns to ask for ..."), an act only expected, wanted or
    refused. Any actual saying near the quote comes first.
    """
    return _denied(verb) or verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _planned_saying(verb: Any) -> bool:
    """A speech verb under a modal inside what someone else is reported to say ("X said his
    ministry would respond 'appropriately'"): a saying only announced, so the quoted words are
    the reporter's, whose verb comes first.
    """
    if not any(c.dep_ == "aux" and c.lower_ in _MODAL_WORDS for c in verb.children):
        return False
    return any(_lemma(t) in SPEECH_VERBS and t.i < verb.i for t in verb.ancestors)


def _aspectual(verb: Any) -> bool:
    """A verb that reports speech alone ('"...," he continued') but only marks aspect before a
    to-infinitive ("continues to regard"): then the quote belongs to another verb.
    """
    return _lemma(verb) in _ASPECTUAL_VERBS and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in verb.children
    )


def _governors(ctx: _Context, a: int, b: int, depth: int = 6, *, words: bool = False) -> set[int]:
    """Token indices of the heads above the quoted words [a, b), a few levels up (with
    `words`, above its words only, not the punctuation the parser hangs elsewhere).
    """
    found: set[int] = set()
    toks = tokens(ctx.doc)
    for i in range(a, min(b, a + _WINDOW_TOKENS)):
        if words and toks[i].is_punct:
            continue
        head = toks[i].head
        if a <= head.i < b:
            continue
        for _ in range(depth):
            if head.i in found:
                break
            found.add(head.i)
            if head.head.i == head.i:
                break
            head = head.head
    return found


def _standalone(ctx: _Context, a: int, b: int, lo: int, hi: int) -> bool:
    """True when the quote's sentence holds nothing but the quote (and punctuation)."""
    return all(ctx.in_quote[i] or not ctx.doc[i].is_alpha for i in range(lo, hi) if not a <= i < b)


@dataclass
class _DirectCandidate:
    span: QuoteSpan
    a: int  # token range of the quoted words
    b: int
    lo: int  # token range searched for its reporting verb
    hi: int
    verb: Any | None


def _direct_candidates(ctx: _Context, spans: Sequence[QuoteSpan]) -> list[_DirectCandidate]:
    found: list[_DirectCandidate] = []
    for span in spans:
        a, b = ctx.token_range(span.start, span.end)
        if b <= a or ctx.on("label_quotes") and _is_label(ctx, a, b):
            continue
        lo, hi = _quote_window(ctx, a, b)
        found.append(_DirectCandidate(span, a, b, lo, hi, _nearest_verb(ctx, a, b, lo, hi)))
    return found


def _direct_quotes(
    ctx: _Context, candidates: Sequence[_DirectCandidate], source: str
) -> list[tuple[int, Quote]]:
    # Pass 1: each quote's own attribution (reporting verb, or a 'Name:' label).
    found: list[tuple[_Speaker, str, str]] = []
    for cand in candidates:
        attribution = ctx.attribution(cand.verb) if cand.verb is not None else None
        if attribution is not None and attribution.speaker.name:
            found.append((attribution.speaker, _verb_text(attribution.verb), attribution.audience))
            continue
        labelled = _colon_label(ctx, cand.a) if ctx.on("colon_label") else None
        if (labelled is None or not labelled.name) and ctx.on("colon_clause"):
            labelled = _colon_clause(ctx, cand.a)
        if (labelled is None or not labelled.name) and ctx.on("unlisted_tag"):
            labelled = _unlisted_tag(ctx, cand.a, cand.b)
        if (labelled is None or not labelled.name) and ctx.on("orphaned_tag"):
            labelled = _orphaned_tag(ctx, cand.a, cand.b)
        if (labelled is None or not labelled.name) and ctx.on("stance_fragment"):
            labelled = _stance_fragment(ctx, cand.a, cand.b)
        if labelled is not None and labelled.name:
            ctx.remember(cand.a, labelled)
            found.append((labelled, "", ""))
        else:
            found.append((_Speaker(None), "", ""))
    # Pass 2: a paragraph left open and continued by the next one belongs to whoever the
    # continuation names ('"A.' / '"B," he said.').
    for k in range(len(candidates) - 2 if ctx.on("continuation") else -1, -1, -1):
        cand, nxt = candidates[k], candidates[k + 1]
        if found[k][0].name or cand.span.closed or not nxt.span.continues_previous:
            continue
        if found[k + 1][0].name:
            found[k] = (found[k + 1][0], "", "")
    # Pass 3: an unattributed quote that runs on from the previous paragraph, or stands alone
    # right after an attributed one, is the same speaker's.
    quotes: list[tuple[int, Quote]] = []
    prev: tuple[int, _Speaker] | None = None  # (paragraph, speaker) of the last quote
    for cand, (speaker, verb_text, audience) in zip(candidates, found, strict=True):
        span, a, b, lo, hi = cand.span, cand.a, cand.b, cand.lo, cand.hi
        if not speaker.name and prev is not None and ctx.on("continuation"):
            p_par, p_speaker = prev
            same_run = span.continues_previous or (
                span.paragraph - p_par <= 1 and _standalone(ctx, a, b, lo, hi)
            )
            if same_run:
                speaker, verb_text, audience = p_speaker, "", ""
        if not speaker.name and ctx.on("reported_sentence") and _standalone(ctx, a, b, lo, hi):
            # A bare quotation sentence right after a sentence of reported speech in the same
            # paragraph goes on with its speaker ('X told the press that Y. "Z."').
            speaker = _sentence_reporter(ctx, lo) or speaker
        if not speaker.name and ctx.on("reported_run") and _standalone(ctx, a, b, lo, hi):
            # A bare quotation paragraph right after a paragraph of reported speech goes on
            # with that speaker ('X said the talks went well.' / '"We made progress."').
            speaker = _last_reporter(ctx, span.paragraph - 1, read=_opens_paragraph(ctx, lo)) or speaker
        if speaker.name:
            prev = (span.paragraph, speaker)
            quotes.append(
                (
                    span.start,
                    Quote(
                        speaker=speaker.name,
                        text=source[span.start : span.end],
                        kind="direct",
                        verb=verb_text,
                        audience=audience,
                        evidence=_evidence(ctx, source, lo, hi),
                    ),
                )
            )
        elif not _standalone(ctx, a, b, lo, hi):
            prev = None
    return quotes


_NEXT_SPEAKER_SENTENCES = 2  # how far after a role phrase its holder's own words may come


def _unnamed_role(ctx: _Context, att: _Attribution) -> Any | None:
    """The subject of a saying whose speaker stayed a role phrase ("the league's chief", "Ruritania's
    trade minister", "their lawyer"): one person the text has not named there; else None.
    """
    speaker = att.speaker
    if not speaker.name or not speaker.is_person or speaker.plural or _names_someone(speaker.name):
        return None
    subject = _subject_of(att.verb, ctx.blocked, off=ctx.off)
    if subject is None or not _role_noun(subject):
        return None
    word = subject.lemma_.lower()
    if word in _ANONYMOUS_NOUNS:
        return None  # "the source" is one the text will not name
    # Only one the text singles out: "the"/"this" or a possessor ("Ruritania's", "their"); "an
    # official ... Ivo Marek said" are often two people.
    singled = any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                  for c in subject.children)
    # The first mention of its kind: "the official" after "an official said" is that one.
    first = not any(t.lemma_.lower() == word and not ctx.in_quote[t.i] for t in ctx.doc[: subject.i])
    return subject if singled and first and _in_lead(ctx, subject) else None


def _in_lead(ctx: _Context, tok: Any) -> bool:
    """Whether the token's sentence opens the story: nothing before it but a headline and a dateline."""
    # WHY: only the lead names an office before its holder; later in a story a role phrase and
    # the next person quoted are as often two people as one
    return opens_story(ctx.doc, ctx.sent_start[tok.i], ctx.blocked)


def _names_someone(speaker: str) -> bool:
    """Whether a speaker is a name ("Ana Tosk"), not a phrase the text used ("a Ruritanian source")."""
    words = speaker.split()
    if not words or words[0].lower() in _NAME_OPENERS or not words[0][:1].isupper():
        return False
    last = words[-1]  # "Omar al-Tarvi" ends in a particle's name; "Ruritania's trade minister" in a role
    return last.lower() not in _PERSON_NOUNS and (last[:1].isupper() or "-" in last)


def _may_be_called(ctx: _Context, speaker: str, noun: Any) -> bool:
    """Whether an earlier speaker may be "the <noun>": not when the phrase names its own person."""
    # WHY: "the fire chief of Velmar Colonel Ana Ruiz told" names who speaks, whoever spoke before;
    # and "the source" is one the text will not name, never a named speaker
    if any(ctx.people.person_at(t.i) for t in _phrase_tokens(noun) if t.i > noun.i):
        return False
    return not (_names_someone(speaker) and noun.lower_ in _ANONYMOUS_NOUNS)


def _first_named_after(ctx: _Context, name: str, token_i: int) -> bool:
    """Whether the text names this person for the first time after token_i."""
    return not any(start < token_i and who == name for start, _end, who in ctx.people.mentions)


def _known_roles(ctx: _Context, name: str) -> set[str]:
    """The person words the text gives this person: its titles before the name ("analyst Ivo
    Marek"), roles set off by commas ("Ivo Marek, an analyst") and the people index's role.
    """
    known = {word for word, names in ctx.coref.titles.items() if name in names}
    known |= {word for word, held in ctx.apposed_roles().items() if any(who == name for who, _w in held)}
    known |= set(ctx.coref.role_of(name).lower().replace("-", " ").split())
    return known & _PERSON_NOUNS


def _holder_fits(ctx: _Context, name: str, role: Any) -> bool:
    """Whether the person the text names may hold the role phrase's office: no other title when the
    phrase is a title ("the foreign minister" is not "the opposition leader"), and no other kind
    of person ("an analyst") whatever the phrase.
    """
    word = role.lemma_.lower()
    known = _known_roles(ctx, name)
    if word in _PERSON_TITLES and known & _PERSON_TITLES:
        # "the foreign minister" is not "Prime Minister Ivo Marek": the title's words all held
        return ctx.fits(name, word, title_qualifiers(role), title_nationality(role))
    return word in known or not known & _DESCRIBING_NOUNS


def _name_lede_roles(ctx: _Context) -> None:
    """A role phrase that speaks first and the person who speaks right after it, named there for
    the first time, are one: 'The league's chief said ... ' / 'Ana Tosk, the league's president,
    said ...'. The role phrase's sayings are given to that person.
    """
    # WHY: agency copy opens with a role ("the league's chief said ...") and names its
    # holder in the next sentence, quoting them; the role phrase is the same person, and the
    # reader (and a gold annotator) reads the lead as that person's words.
    ordered = sorted(ctx.attributions(), key=lambda item: item[0])
    for k, (i, att) in enumerate(ordered):
        role = _unnamed_role(ctx, att)
        if role is None:
            continue
        phrase = att.speaker.name
        same = [att]
        for j, other in ordered[k + 1:]:
            if other.speaker.name == phrase:
                same.append(other)
                continue
            sentences = len({ctx.sent_start[t] for t in range(i, j + 1)}) - 1
            name = other.speaker.name
            if (
                other.speaker.is_person and not other.speaker.plural and name
                and _names_someone(name) and sentences <= _NEXT_SPEAKER_SENTENCES
                and _first_named_after(ctx, name, role.i) and _holder_fits(ctx, name, role)
            ):
                for said in same:
                    said.speaker = _Speaker(name, True)
            break


def _sentence_reporter(ctx: _Context, lo: int) -> _Speaker | None:
    """The speaker of the last main-clause reporting verb in the sentence right before token lo
    (the start of a bare quotation's sentence), when that sentence is in the same paragraph.
    """
    pa, _ = ctx.paragraph_bounds(lo)
    end = lo
    while end > pa and _is_mark(ctx.doc[end - 1]):
        end -= 1  # the opening mark the parser left at the end of the previous sentence
    if end <= pa:
        return None
    start = max(ctx.sent_start[end - 1], pa)
    _read_sayings(ctx, start, end)
    found = [
        (i, att.speaker) for i, att in ctx.attributions()
        if start <= i < end and att.speaker.name and _main_clause(att.verb)
    ]
    return max(found, key=lambda item: item[0])[1] if found else None


def _last_reporter(ctx: _Context, paragraph: int, *, read: bool = False) -> _Speaker | None:
    """The speaker of the last reporting verb of a paragraph (by index), if it has one (`read`:
    also of the sayings no quotation asked for).
    """
    if not 0 <= paragraph < len(ctx.par_starts):
        return None
    a, _ = ctx.token_range(ctx.par_starts[paragraph], ctx.par_starts[paragraph] + 1)
    _, b = ctx.token_range(ctx.par_ends[paragraph] - 1, ctx.par_ends[paragraph])
    if read:
        _read_sayings(ctx, a, b)
    found = [(i, att.speaker) for i, att in ctx.attributions() if a <= i < b and att.speaker.name]
    return max(found, key=lambda item: item[0])[1] if found else None


def _opens_paragraph(ctx: _Context, lo: int) -> bool:
    """Whether the sentence starting at token lo opens its paragraph (but for marks and spaces)."""
    pa, _ = ctx.paragraph_bounds(lo)
    return all(_is_mark(t) or t.is_space or t.is_punct for t in ctx.doc[pa:lo])


def _read_sayings(ctx: _Context, a: int, b: int) -> None:
    """Read the speaker of every reporting verb in tokens [a, b) that no quotation asked for yet
    ("X said this in an interview.", "X denied the reports."), so a bare quotation after them
    may go on with that speaker.
    """
    # WHY: a saying with no quotation or reported clause of its own ("said this", "denied
    # reports") is never read, yet the bare quotation after it is that speaker's
    if not ctx.on("plain_saying"):
        return
    for tok in ctx.doc[a:b]:
        if (not ctx.in_quote[tok.i] and tok.pos_ == "VERB" and _lemma(tok) in _REPORTING_LEMMAS
                and tok.dep_ not in ("acl", "relcl", "amod")):
            ctx.attribution(tok)


def _colon_clause(ctx: _Context, a: int) -> _Speaker | None:
    """The speaker of a clause that ends in a colon before a quotation and has no speech verb
    ('X was blunt: "..."', 'X had a message for Y: "..."', "X's reply was short: "...""):
    the clause's subject, or the person whose words its subject names.
    """
    doc = ctx.doc
    i = a - 1
    while i >= 0 and _is_mark(doc[i]):
        i -= 1
    if i < 1 or doc[i].text != ":" or ctx.in_quote[i - 1]:
        return None
    verb = doc[i - 1]  # up to the head of the clause before the colon, not into the quotation
    while verb.head.i < i and verb.head.i != verb.i and ctx.sent_start[verb.head.i] == ctx.sent_start[i - 1]:
        verb = verb.head
    subject = _subject_of(verb, ctx.blocked, off=ctx.off)
    if subject is None:
        return None
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    if owner is not None and subject.pos_ == "NOUN" and _can_speak(owner):
        subject = owner  # "X's reply was short:"
    if not _can_speak(subject) or subject.pos_ == "NOUN" and subject.lemma_.lower() not in _PERSON_NOUNS:
        return None
    speaker = ctx.speaker_from(subject)
    return speaker if speaker.name else None


def _tag_start(ctx: _Context, a: int, b: int) -> int | None:
    """The first token of the closing tag after a quotation that opens its sentence and ends in
    a tag closer ('"...," X said', '"...?" X asked', '"...", X said'); None if there is none.
    """
    doc = ctx.doc
    # an opening ``typed'' mark counts as punctuation ("``" is no punctuation token to the model)
    if any(not (t.is_punct or t.is_space or _is_mark(t)) for t in doc[ctx.sent_start[a] : a]):
        return None  # 'In a note marked "secret", Ruiz ...': the quotation is inside a phrase
    closed = doc[b - 1].text in _TAG_CLOSERS
    i = b
    while i < min(ctx.n, b + 2) and _is_mark(doc[i]):
        i += 1
    if i < ctx.n and i > b and not closed and doc[i].text == ",":
        closed, i = True, i + 1  # 'stability", Ana Ruiz'
    return i if closed and b < i < ctx.n else None


def _unlisted_tag(ctx: _Context, a: int, b: int) -> _Speaker | None:
    """The person a closing tag with no listed speech verb names ('"...," Ruiz.', '"...," Ruiz
    reflected by phone.', '"...," shrugged Ana Ruiz, a farmer.'): after a quotation that opens its
    sentence, a person's name right after the closing punctuation and mark, with at most one verb
    and no object, before it or after it, and then the sentence's end, a comma or the verb's
    prepositional phrase.
    """
    # WHY: agency copy may drop the tag's verb ('"...," Ruiz.') or use one no list holds
    # ("analysed", "charged"); a person's name where the tag stands still names who spoke
    doc = ctx.doc
    tag = _tag_start(ctx, a, b)
    if tag is None:
        return None
    i = tag
    verb = doc[i] if doc[i].tag_ == "VBD" and doc[i].pos_ == "VERB" else None
    i += verb is not None
    start = i
    while i < ctx.n and _joins_name(doc, i) and not ctx.blocked[i]:
        i += 1
    if i == start or i >= ctx.n:
        return None
    name = span_text(doc, start, i)
    resolved = ctx.coref.resolve_name(name)
    if resolved is None and not (all(t.ent_type_ == "PERSON" for t in doc[start:i]) or _apposed_role(doc[i - 1])):
        return None
    tok = doc[i]
    if verb is None and tok.tag_ in ("VBD", "VBN") and tok.pos_ == "VERB":
        verb, i = tok, i + 1  # "Ruiz added by telephone", the past read as a participle
        tok = doc[i] if i < ctx.n else tok
    if verb is not None and any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.i > verb.i for c in verb.children):
        return None  # "Ruiz won the race": a clause of its own
    ends = i >= ctx.n or tok.is_sent_start or tok.text in (".", ",") or "\n" in tok.text
    if not ends and not (verb is not None and tok.pos_ == "ADP"):
        return None
    return _Speaker(resolved or _untitled(name), True)


def _stance_fragment(ctx: _Context, a: int, b: int) -> _Speaker | None:
    """The person whose verb of stance or claim holds a quoted fragment in its clause ('Ruiz
    blamed the delay on "a flood of late orders"', 'Ruiz set out "three rules for a calm port"'):
    a fragment of a few words under the verb, through its objects, phrases and subjectless
    clauses, with a person as the verb's subject.
    """
    # WHY: agency copy quotes a phrase of someone's statement inside its own sentence about what
    # they blamed, cited or forecast; by the annotation conventions the fragment is a direct
    # quote, and the one who blamed or cited is who said it
    if sum(1 for t in ctx.doc[a:b] if t.is_alpha) < _FRAGMENT_WORDS:
        return None  # one or two words: as often a label or a scare quote as speech
    verb = _holding_verb(ctx, a, b)
    if verb is None or _denied(verb):
        return None
    subject = _subject_of(verb, ctx.blocked, off=ctx.off)
    if subject is None or ctx.in_quote[subject.i]:
        return None
    speaker = ctx.speaker_from(subject)
    return speaker if speaker.name and speaker.is_person and not speaker.plural else None


def _holding_verb(ctx: _Context, a: int, b: int) -> Any | None:
    """The verb of stance or claim above the quoted words [a, b), reached through nouns,
    prepositions and verbs without a subject of their own outside the quotation; else None.
    """
    doc = ctx.doc
    tok = next((t.head for t in doc[a:b] if not t.is_punct and not a <= t.head.i < b), None)
    while tok is not None and ctx.sent_start[tok.i] == ctx.sent_start[a]:
        if ctx.in_quote[tok.i]:
            return None
        if tok.pos_ in ("VERB", "AUX"):
            if _phrasal(tok) in _FRAGMENT_STANCE_VERBS or _lemma(tok) in _FRAGMENT_STANCE_VERBS:
                return tok
            if any(c.dep_ in _SUBJECT_DEPS and not ctx.in_quote[c.i] for c in tok.children):
                return None  # a clause with a subject of its own: its verb holds the fragment
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


_TAG_PHRASE_TOKENS = 16  # longest speaker phrase of a closing tag, with its apposition


def _orphaned_tag(ctx: _Context, a: int, b: int) -> _Speaker | None:
    """The speaker phrase of a closing tag that the parser hung inside the quotation ('"...," a
    clerk, speaking by phone, said.', '"...?" a guard here asked.', '"...," the union's spokesman,
    Ivo Marek, told reporters.'): a noun phrase right after the closing punctuation and mark, with
    anything after it set off by commas, then a listed speech verb in the past with no subject.
    """
    # WHY: a tag's subject may be read as the quotation's object or apposition, or its verb as a
    # participle on the noun; the words between the closing mark and "said" still name who spoke
    doc = ctx.doc
    start = _tag_start(ctx, a, b)
    if start is None:
        return None
    verb = None
    comma = False
    for j in range(start, min(ctx.n, start + _TAG_PHRASE_TOKENS)):
        t = doc[j]
        if ctx.in_quote[j] or _is_mark(t) or "\n" in t.text:
            return None
        if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBN") and _lemma(t) in SPEECH_VERBS:
            verb = t
            break
        comma = comma or t.text == ","
        if t.pos_ in ("VERB", "AUX") and not (comma and t.tag_ in ("VBG", "VBN")):
            return None  # a clause of its own, not a speaker's phrase ("the vote showed ...")
    if verb is None or verb.i == start or any(
            c.dep_ in _SUBJECT_DEPS and not ctx.in_quote[c.i] and not start <= c.i < verb.i
            for c in verb.children):
        return None  # a subject outside the tag is the verb's own speaker, read by the verb's rules
    head = None
    for t in doc[start : verb.i]:
        if t.pos_ in ("NOUN", "PROPN"):
            head = t
        elif t.pos_ not in ("DET", "ADJ", "NUM", "PART") and t.tag_ != "POS":
            break  # the phrase's head ends its first run ("a detective", "the board's chairman")
    if head is None or doc[start].pos_ == "PRON":
        return None  # the tag's place makes any noun phrase there its speaker ("a detective")
    speaker = ctx.speaker_from(head)
    return speaker if speaker.name else None


def _colon_label(ctx: _Context, a: int) -> _Speaker | None:
    """The name in 'Dupont: "..."', the transcript style with no reporting verb: one to four
    capitalised words that open their sentence and end in a colon.
    """
    doc = ctx.doc
    i = a - 1
    while i >= 0 and _is_mark(doc[i]):
        i -= 1
    if i < 1 or doc[i].text != ":":
        return None
    start = ctx.sent_start[i - 1]
    words = doc[start:i]
    if not 1 <= len(words) <= 4 or not all(t.text[:1].isupper() for t in words):
        return None
    if all(t.is_upper and len(t) > 3 for t in words):  # "BREAKING:", "UPDATE:"
        return None
    name = strip_possessive(words.text)
    resolved = ctx.coref.resolve_name(name)
    return _Speaker(
        resolved or name, resolved is not None or ctx.coref.looks_like_person(words[-1], name)
    )


def _evidence(ctx: _Context, source: str, lo: int, hi: int) -> str:
    if hi <= lo:
        return ""
    first, last = ctx.doc[lo], ctx.doc[hi - 1]
    return source[first.idx : last.idx + len(last.text)].strip()


# ---------------------------------------------------------------- indirect speech


@dataclass
class _IndirectCandidate:
    verb: Any
    a: int  # token range of the reported clause
    b: int


def _indirect_candidates(ctx: _Context) -> list[_IndirectCandidate]:
    found: list[_IndirectCandidate] = []
    doc = ctx.doc
    # Only "according", nouns and verbs open a reported clause: they are picked from the token
    # arrays, as reading the attributes of every token costs more than the rules below.
    strings = doc.vocab.strings
    kinds = {strings.add("NOUN"), strings.add("VERB"), strings.add("AUX")}
    according_id = strings.add("according")
    cols = columns(doc)
    rows = zip(cols["POS"], cols["LOWER"], strict=True)
    toks = tokens(doc)
    openers = [toks[i] for i, (pos, lower) in enumerate(rows) if pos in kinds or lower == according_id]
    for verb in openers:
        if verb.lower_ == "according" and not ctx.in_quote[verb.i]:
            according = _according_clause(ctx, verb) if ctx.on("according_to") else None
            if according is not None and ctx.on("nested_according") and _reports_a_saying(ctx, verb):
                according = None  # "X said ..., according to a statement": the words are X's
            if according is not None:
                found.append(according)
            continue
        if verb.pos_ == "NOUN" and ctx.on("owned_statement"):
            owned = _owned_statement(ctx, verb)
            if owned is not None:
                found.append(owned)
            continue
        if ctx.in_quote[verb.i] or verb.pos_ not in ("VERB", "AUX"):
            continue
        request = (_requested_action(ctx, verb) if ctx.on("request") else None) or (
            _stated_content(ctx, verb) if ctx.on("attitude_clause") else None
        ) or (_stance_clause(ctx, verb) if ctx.on("stance_clause") else None)
        if request is not None:
            found.append(request)
            continue
        if _lemma(verb) not in INDIRECT_VERBS and _phrasal(verb) not in _PHRASAL_SPEECH_VERBS:
            continue
        parenthetical = _parenthetical_clause(ctx, verb) if ctx.on("parenthetical_tag") else None
        if parenthetical is None and ctx.on("trailing_tag"):
            parenthetical = _trailing_tag_clause(ctx, verb)
        if parenthetical is not None:
            found.append(parenthetical)
            continue
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        clause = clauses[0] if clauses else (
            _clause_under_setting(verb) if ctx.on("setting_clause") else None
        )
        if clause is None and ctx.on("orphan_complementizer"):
            orphan = _orphan_clause(ctx, verb)
            if orphan is not None:
                found.append(orphan)
            continue
        if clause is None or ctx.in_quote[clause.i]:
            continue
        if ctx.on("nested_report") and clause.i < verb.i and _inner_saying(ctx, clause):
            continue  # "X told Y that ..., the radio reported": the words are X's, read from "told"
        a, b = clause.left_edge.i, clause.right_edge.i + 1
        if len(clauses) > 1 and clause.i > verb.i and ctx.on("split_clause"):
            # "noted [A has X] and [B would Y]": a coordination the parser split in two.
            b = max(b, max(c.right_edge.i for c in clauses if c.i > verb.i) + 1)
        if a < verb.i < b:
            continue  # the verb sits inside its own clause: a parse we cannot trust
        if a > verb.i and ctx.on("inverted_tag") and _closes_quotation(verb):
            continue  # '"...," said Vantor captain Ana Ruiz': the words after the tag name its speaker
        appended = _appended_subject(verb) if clause.i < verb.i and ctx.on("appended_subject") else None
        if verb.i < a and ctx.on("complementizer_start"):
            a = _after_complementizer(clause, a, b)
        # "that" introducing the clause goes; "that deal" (a determiner) stays; so does a comma
        # the parser left at its start ("said after the summit, he would ...").
        while a < b and (doc[a].lower_ in ("that", "whether") and not _determiner_that(ctx, doc[a])
                         or doc[a].text in (",", ";")):
            a += 1
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children):
            continue  # "asked whether he thought ...": a question, not a statement
        if _is_question(clause) or ctx.on("denial") and _denied(verb):
            continue  # "declined to say whether ...", "did not say that ..."
        if verb.i < a:
            b = _condition_tail(ctx, b) if ctx.on("condition_tail") else b
        else:
            a, b = _fronted_clause(ctx, verb, a, b) if ctx.on("fronted_clause") else (a, b)
        outside = clause.i < verb.i and ctx.on("speaker_outside_clause")
        candidate = _finish_clause(ctx, verb, a, b, shortest=3, trims=True, appended=appended, outside=outside)
        if candidate is not None:
            found.append(candidate)
        quoted = candidate is None and ctx.quoted_before[b] > ctx.quoted_before[a]
        joined = _joined_clause(ctx, verb, clause, quoted) if ctx.on("joined_clause") else None
        if joined is not None:
            found.append(joined)
    return found


def _joined_clause(ctx: _Context, verb: Any, clause: Any, quoted: bool) -> _IndirectCandidate | None:
    """'X said A, and she was pleased with B': a pronoun's joined clause of state is reported too."""
    # The joined verb or its auxiliary is a state or modal ("was", "would", "had"); narrative
    # ("and she then left") is not. A clause joined to a first clause left out as `quoted` (it
    # holds a quoted fragment, which gives the direct quote only) is taken the same way.
    if clause.i < verb.i or _denied(verb) or _wh_clause(clause):
        return None  # "did not say ...", "explained why the mill closed": no statement to join
    heads = (verb, clause) if quoted else (verb,)
    conj = next((c for h in heads for c in h.children if c.dep_ == "conj"
                 and c.i > (clause.right_edge.i if h is verb else clause.i)), None)
    if conj is None or ctx.in_quote[conj.i] or _lemma(conj) in _REPORTING_LEMMAS:
        return None
    subject = next((c for c in conj.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ not in _PERSONAL_PRONOUNS:
        return None
    words = {_lemma(conj)} | {_lemma(c) for c in conj.children if c.dep_ in ("aux", "auxpass")}
    if not words & _REPORTED_STATE_WORDS:
        return None
    a, b = subject.left_edge.i, conj.right_edge.i + 1
    b = _clause_end(ctx, a, b)
    if b is None:
        return None
    return _IndirectCandidate(verb, a, b)


def _wh_clause(clause: Any) -> bool:
    """A clause opened by a wh-word ("explained why the mill closed"): a question, not a statement."""
    return bool(clause.doc[clause.left_edge.i].tag_ in ("WP", "WP$", "WRB", "WDT"))


def _finish_clause(ctx: _Context, verb: Any, a: int, b: int, *, shortest: int, trims: bool = False,
                   appended: Any | None = None, outside: bool = False) -> _IndirectCandidate | None:
    """The reported clause [a, b) of `verb`, ended as every reported clause is: before a next
    saying and a nested "according to"; with `trims` (rule clause_trims) after a dateline or time
    phrase at its start; before the speaker's phrase hung inside it - the `appended` subject
    (rule appended_subject), else with `outside` (rule speaker_outside_clause) the verb's own
    subject after a comma -; and without the punctuation at its end. None when it is shorter than
    `shortest` tokens, longer than _CLAUSE_TOKENS, mostly a quotation or not within the verb's
    paragraph.
    """
    doc = ctx.doc
    if ctx.on("next_saying"):
        b = _before_next_saying(ctx, a, b)
    if trims and ctx.on("clause_trims"):
        a = _after_dateline(doc, a, b)
        a = _after_time_phrase(doc, a, b)
    if ctx.on("nested_according"):
        b = _before_source(doc, a, b)
    # who speaks is no part of what was said
    end = _end_before_phrase(ctx, appended.left_edge.i, a, b) if appended is not None else None
    if end is None and outside:
        end = _before_speaker(ctx, verb, a, b)
    clause_end = _clause_end(ctx, a, b if end is None else end, shortest=shortest)
    if clause_end is None:
        return None
    pa, pb = ctx.paragraph_bounds(verb.i)
    return _IndirectCandidate(verb, a, clause_end) if pa <= a and clause_end <= pb else None


def _clause_end(ctx: _Context, a: int, b: int, shortest: int = 3) -> int | None:
    """Where a reported clause [a, b) ends without its closing punctuation; None when what is left
    is shorter than `shortest` tokens, longer than _CLAUSE_TOKENS or mostly a quotation.
    """
    doc = ctx.doc
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    if b - a < shortest or b - a > _CLAUSE_TOKENS or _mostly_quoted(ctx, a, b):
        return None
    return b


def _end_before_phrase(ctx: _Context, start: int, a: int, b: int, *, after_comma: bool = False) -> int | None:
    """Where a reported clause [a, b) ends when a speaker's phrase opening at `start` sits inside
    it ("A will open in May, a source said"): before the phrase and the comma before it. With
    `after_comma` only a phrase set off by a comma is cut. None when the phrase is not inside.
    """
    if a < start < b and (not after_comma or ctx.doc[start - 1].text == ","):
        return start - 1
    return None


def _before_speaker(ctx: _Context, verb: Any, a: int, b: int) -> int | None:
    """End of a reported clause before its closing tag's speaker when the parser hung the speaker's
    name inside the clause ("A will open in May, Ana Ruiz, head of the port, said"): who speaks is
    no part of what was said. None when there is no such speaker.
    """
    speaker = _subject_of(verb, ctx.blocked, off=ctx.off)
    if speaker is None or speaker.i > verb.i:
        return None
    return _end_before_phrase(ctx, int(min(t.i for t in _phrase_tokens(speaker))), a, b, after_comma=True)


def _orphan_clause(ctx: _Context, verb: Any) -> _IndirectCandidate | None:
    """'X reminded her that apart from A, B also needs C.': a "that" right after a saying (or its
    listener) that the parser hung elsewhere, leaving the saying without a clause; in English the
    complementizer opens the reported clause, which runs to the end of the sentence.
    """
    doc = ctx.doc
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # "Stressing that ..., the council urged": a participle's clause ends before the main one
    j = verb.i + 1
    listener = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i == j), None)
    if listener is not None:
        j = listener.right_edge.i + 1
    if j >= ctx.n or doc[j].lower_ != "that" or doc[j].tag_ != "IN" or ctx.in_quote[j] or _denied(verb):
        return None
    return _finish_clause(ctx, verb, j + 1, ctx.sent_end[verb.i], shortest=4)


def _mostly_quoted(ctx: _Context, a: int, b: int) -> bool:
    """A reported clause is still reported speech when a short quoted fragment sits inside it
    ('asked them to drop "the old quarrel"'); a clause that is mostly a quotation is the
    direct quote's alone.
    """
    quoted = ctx.quoted_before[b] - ctx.quoted_before[a]
    if not ctx.on("fragment_in_clause"):
        return quoted > 0
    return quoted > 0 and (quoted * 2 >= b - a or ctx.in_quote[a])


def _is_question(clause: Token) -> bool:
    """"asked whether ...", "did not say if ...": the clause itself opens with whether/if. An
    "if" of a condition inside the clause ("said if talks fail, they will ...") is no question.
    """
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children):
        return True
    first = clause.doc[clause.left_edge.i]
    return first.lower_ == "whether" or first.lower_ == "if" and first.head.i == clause.i


def _trailing_tag_clause(ctx: _Context, verb: Any) -> _IndirectCandidate | None:
    """'A will meet B in Algiers, a source said here Friday.': a speech tag closing its
    sentence that the parser coordinated with the clause it reports instead of taking that
    clause as its object; what precedes the tag was said.
    """
    if ctx.in_quote[verb.i] or verb.head.i > verb.i or verb.dep_ not in ("conj", "parataxis") and not (
            _misread_relative(verb) and ctx.on("trailing_tag_misread")):
        return None
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is None and ctx.on("trailing_tag_misread"):
        subject = _inverted_subject(verb)  # "..., reported the Korvi News Agency on Monday."
    if subject is None or any(c.dep_ == "ccomp" or c.dep_ == "dobj" and c.i != subject.i
                              for c in verb.children):
        return None
    doc = ctx.doc
    tag = min(subject.left_edge.i, verb.i)
    start, end = ctx.sent_start[verb.i], ctx.sent_end[verb.i]
    if tag <= start or doc[tag - 1].text != ",":
        return None
    rest = [t for t in doc[max(verb.i, subject.right_edge.i) + 1 : end] if not (t.is_punct or t.is_space)]
    if len(rest) > 6 or any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None  # more than "here Friday" follows: not a closing tag
    a, b = _after_dateline(doc, start, tag - 1), tag - 1
    while a < b and (doc[a].is_punct or doc[a].is_space):
        a += 1
    b = _clause_end(ctx, a, b, shortest=4)
    if b is None:
        return None
    return _IndirectCandidate(verb, a, b)


def _misread_relative(verb: Any) -> bool:
    """", a source said here Friday." read as a relative clause of the noun before the comma:
    a relative clause after a comma opens with who/which, so one whose subject is a plain noun
    phrase is a closing speech tag.
    """
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    return (verb.dep_ == "relcl" and subject is not None and subject.lower_ not in _RELATIVE_PRONOUNS
            and subject.left_edge.i > 0 and verb.doc[subject.left_edge.i - 1].text == ","
            and not any(t.tag_ in ("WDT", "WP", "WP$") for t in verb.subtree))


def _inverted_subject(verb: Any, *, quoted: bool = False) -> Any | None:
    """"..., said the ministry." / "..., reported the agency on Monday.": a closing speech tag with
    the speaker after the verb, which the parser reads as its object. With `quoted`, also after
    the comma and closing mark of a quotation ('"...," added the former player').
    """
    doc = verb.doc
    before = verb.i - 1
    after_mark = quoted and before > 0 and _is_mark(doc[before])
    if after_mark:
        before -= 1  # the comma sits inside the closing mark
    if before < 0 or doc[before].text != "," or verb.tag_ != "VBD" or _lemma(verb) in _AUDIENCE_OBJECT_VERBS:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.left_edge.i != verb.i + 1 or obj.pos_ == "PRON" or not _can_speak(obj) and not (
            after_mark and _epithet(obj)):
        return None
    if after_mark and obj.pos_ != "PROPN" and not _epithet(obj):
        # After a quotation only a name or an epithet is taken: a bare role ("added the press
        # secretary") is too often resolved to the wrong holder of a like title.
        return None
    return obj


_INDEFINITE_OPENERS = frozenset({"a", "an", "one", "another"})


def _closes_quotation(verb: Any, end: int | None = None) -> bool:
    """A finite speech verb right after a quotation's closing mark and comma ('"...," said'): it reports
    the quotation, and what follows it is its speaker, never a reported clause.

    With `end`, where a known quotation's words end, the tag is read from the quotation: the verb
    may also follow its subject ('"...," X said') and be of any form, the comma may sit inside the
    marks, and a few marks may stand between (at most _CLOSING_TAG_GAP tokens).
    """
    doc = verb.doc
    if end is None:
        return (verb.tag_ in ("VBD", "VBZ") and verb.i >= 2 and _is_mark(doc[verb.i - 1])
                and doc[verb.i - 2].text in (",", "!", "?"))
    if verb.i < end:
        return False
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.i < verb.i), None)
    tag = subject.left_edge.i if subject is not None and subject.i > end else verb.i
    between = doc[end:tag]
    comma = any(t.text == "," for t in doc[max(end - 1, 0):tag])  # the comma may sit inside the marks
    return len(between) <= _CLOSING_TAG_GAP and comma and all(t.is_punct or _is_mark(t) for t in between)


def _speaker_after_tag(verb: Any) -> Any | None:
    """Who speaks in a tag after a quotation that the parser left without subject ('"...,"
    said late on Friday Ana Ruiz', '"...," said Vantor captain Ana Ruiz' with the title read as a
    verb, '"...," said one striking nurse'): the first person named before the tag's next
    comma, else a noun phrase opened by a/an/one/another (an unnamed speaker, resolved to no one).
    """
    doc = verb.doc
    if not _closes_quotation(verb) or _lemma(verb) not in SPEECH_VERBS:
        return None
    end = min(len(doc), verb.i + 9)
    words = []
    for tok in doc[verb.i + 1 : end]:
        if tok.is_punct or tok.is_space or tok.is_sent_start:
            break
        words.append(tok)
    named = next((t for t in words if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"), None)
    if named is not None:
        return doc[entity_bounds(named)[1] - 1]
    if not words or words[0].lower_ not in _INDEFINITE_OPENERS:
        return None
    head = None
    for tok in words[1:]:
        if tok.pos_ in ("ADP", "VERB", "AUX", "SCONJ", "PRON") and head is not None:
            break
        if tok.pos_ == "NOUN":
            head = tok
    return head


def _parenthetical_clause(ctx: _Context, verb: Any) -> _IndirectCandidate | None:
    """'Besides, he said, the jobs were cut.': a speech tag set off by commas inside the clause
    it reports (the parser hangs it on that clause as parataxis); what follows the tag is
    what was said.
    """
    if verb.dep_ != "parataxis" or verb.head.i <= verb.i or ctx.in_quote[verb.head.i]:
        return None
    tag_end = max(t.i for t in verb.subtree) + 1
    doc = ctx.doc
    if tag_end >= ctx.n or doc[tag_end - 1].text != ",":
        return None
    start = min(t.i for t in verb.subtree)
    if start == 0 or doc[start].text != "," and doc[start - 1].text != ",":
        return None
    a, b = tag_end, verb.head.right_edge.i + 1
    b = _clause_end(ctx, a, b)
    if b is None:
        return None
    if ctx.sent_start[a] != ctx.sent_start[verb.i]:
        return None
    first = ctx.sent_start[verb.i]
    while first < start and (doc[first].is_punct or doc[first].is_space):
        first += 1  # the sentence's first word, after any opening marks
    subject = _subject_before_tag(verb.head, start, first) if ctx.on("subject_before_tag") else None
    if subject is not None and not ctx.any_quoted(subject.left_edge.i, a):
        a = subject.left_edge.i  # "The new road, she said, will open": the road is what was said of
    return _IndirectCandidate(verb, a, b)


def _subject_before_tag(clause: Any, tag: int, first: int) -> Any | None:
    """The reported clause's own subject when it stands before a speech tag set off by commas
    ("The new road, she said, will open in May"): a noun phrase ending right before the tag's comma,
    not a relative pronoun ("which, she said, ...") nor a fronted phrase ("Since May, she said, ...").
    """
    doc = clause.doc
    subject = next((c for c in clause.children if c.dep_ in _SUBJECT_DEPS and c.i < tag), None)
    if subject is None or subject.tag_ in ("WDT", "WP", "WP$") or subject.lower_ in _RELATIVE_PRONOUNS - {"that"}:
        return None
    end = subject.right_edge.i + 1
    if end > tag or any(not (t.is_punct or t.is_space) for t in doc[end:tag]):
        return None  # only the tag's comma stands between the subject and the tag
    if subject.left_edge.i != clause.left_edge.i or subject.left_edge.i != first:
        return None  # the subject must open the sentence, with no words of the narrator's before it
    return subject


def _stated_content(ctx: _Context, verb: Any) -> _IndirectCandidate | None:
    """'X expressed hope that the talks resume', 'X gave a warning that ...': a verb of
    expressing, a noun of attitude or statement and its that-clause, which is what X said.
    """
    if ctx.in_quote[verb.i] or _lemma(verb) not in _EXPRESSING_VERBS or _denied(verb):
        return None
    noun = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if noun is None or noun.lemma_.lower() not in _ATTITUDE_NOUNS:
        return None
    clause = _that_clause(noun)
    if clause is None and ctx.on("extraposed_clause"):
        # "gave a stern warning to Borduria on Tuesday that ...": the clause hung on the verb
        clause = _that_clause(verb, after=noun.i)
    if clause is None:
        return None
    return _clause_candidate(ctx, verb, clause)


def _stance_clause(ctx: _Context, verb: Any) -> _IndirectCandidate | None:
    """'The council was confident that the bridge would hold', 'X remained adamant that ...': a
    subject, a linking verb, an adjective of firm stance and its that-clause, which is what the
    subject holds and says. Under a saying ("said he was sure that ...") the saying reports it.
    """
    if _lemma(verb) not in _STANCE_LINKS or verb.dep_ in ("ccomp", "xcomp", "advcl", "relcl") or _denied(verb):
        return None
    adjective = next((c for c in verb.children if c.dep_ == "acomp"), None)
    if adjective is None or adjective.lower_ not in _STANCE_ADJECTIVES:
        return None
    clause = _that_clause(adjective) or _that_clause(verb, after=adjective.i)
    if clause is None or not _subjects(verb, ctx.blocked):
        return None
    return _clause_candidate(ctx, verb, clause)


def _that_clause(head: Any, after: int = -1) -> Any | None:
    """The that-clause hung on a noun or verb ("a warning that ..."), after token `after`."""
    return next(
        (c for c in head.children if c.dep_ in ("acl", "ccomp", "advcl") and c.i > after
         and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)),
        None,
    )


def _owned_statement(ctx: _Context, noun: Any) -> _IndirectCandidate | None:
    """"X's comments that ...", "his warning that ...": a noun of statement with its owner and
    its that-clause; what X said is the clause.
    """
    if ctx.in_quote[noun.i] or noun.pos_ != "NOUN" or noun.lemma_.lower() not in _STATEMENT_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = _that_clause(noun)
    if owner is None or clause is None or not _can_speak(owner) or ctx.in_quote[owner.i]:
        return None
    return _clause_candidate(ctx, noun, clause)


def _determiner_that(ctx: _Context, tok: Any) -> bool:
    """A clause-initial "that" that is a determiner ("that deal"), not the complementizer."""
    # The parser sometimes labels the complementizer "det" of the subject's noun while the
    # tagger reads it as a subordinating conjunction (IN); a determiner is tagged DT.
    if ctx.on("complementizer_tag") and tok.tag_ == "IN":
        return False
    return bool(tok.dep_ == "det")


def _after_complementizer(clause: Any, a: int, b: int) -> int:
    """Where a that-clause starts: at its "that" when words hang before it ("said on Sunday that ...")."""
    # The parser often hangs an adverb, a listener or a setting of the saying ("told the Tarvik
    # gazette that ...") on the clause's verb, left of its "that", or takes such words for the
    # reported clause itself, with the true that-clause beneath; in English the complementizer
    # opens the clause, so nothing before it is the reported words.
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if mark is None and not any(c.dep_ in _SUBJECT_DEPS for c in clause.children):
        mark = next((t for t in clause.doc[a:b] if t.dep_ == "mark" and t.lower_ == "that"
                     and t.head.dep_ == "ccomp" and _setting_before(clause, t.head)), None)
    return mark.i if mark is not None and mark.i > a else a


def _setting_before(words: Any, clause: Any) -> bool:
    """Subjectless words before a that-clause are the saying's setting, not a clause of their own."""
    # A second clause of the same verb ("told the assembly convened in May, that ...") or a
    # clause under a name, even one mistagged as a bare verb ("in an interview to station Kanal
    # Nord that ..."): the words before are the saying's setting. A verb's own that-clause
    # ("the plan, ..., showed that ...") is nested reported speech and stays whole.
    if clause.head.i == words.head.i and clause.i > words.i:
        return True
    return clause.head.i == words.i and (
        words.pos_ not in ("VERB", "AUX") or all(c.i == clause.i for c in words.children))


def _clause_candidate(ctx: _Context, verb: Any, clause: Any) -> _IndirectCandidate | None:
    """The reported clause [that] ... as a candidate, unless too short, long or quoted."""
    a, b = clause.left_edge.i, clause.right_edge.i + 1
    if verb.i < a and ctx.on("complementizer_start"):
        a = _after_complementizer(clause, a, b)
    while a < b and ctx.doc[a].lower_ == "that":
        a += 1
    b = _clause_end(ctx, a, b)
    if b is None:
        return None
    return _IndirectCandidate(verb, a, b)


def _requested_action(ctx: _Context, verb: Any) -> _IndirectCandidate | None:
    """'X urged the UN to send observers': the one asked and the action, reported as
    "the UN to send observers" (verbs of request with an object and a to-infinitive).
    """
    if ctx.in_quote[verb.i] or _lemma(verb) not in _REQUEST_VERBS or _denied(verb):
        return None
    target = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if target is None:  # "called on donors to ..."
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("on", "upon"):
                target = next((c for c in prep.children if c.dep_ == "pobj"), None)
    action = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if target is None or action is None or not target.i < action.i:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in action.children):
        return None
    a, b = target.left_edge.i, action.right_edge.i + 1
    b = _clause_end(ctx, a, b)
    if b is None:
        return None
    pa, pb = ctx.paragraph_bounds(verb.i)
    if a < pa or b > pb:
        return None
    return _IndirectCandidate(verb, a, b)


def _before_next_saying(ctx: _Context, a: int, b: int) -> int:
    """End a reported clause before ", adding that ..." that the parser hung inside it: that
    is a new speech act, reported on its own.
    """
    doc = ctx.doc
    for i in range(a + 1, b):
        tok = doc[i]
        if tok.tag_ == "VBG" and tok.lemma_.lower() in _FOLLOW_ON_VERBS and doc[i - 1].text == ",":
            return i - 1
        if _coordinated_saying(tok):
            return i  # "said A and noted that B": B is a second saying, A ends before "and"
    return b


def _coordinated_saying(tok: Any) -> bool:
    """"and" opening a second speech verb with its own that-clause and no subject of its own
    ("... and noted that ..."), which the parser may hang inside the first reported clause.
    """
    if tok.lower_ != "and" or tok.i + 1 >= len(tok.doc):
        return False
    verb = tok.doc[tok.i + 1]
    return (verb.tag_ == "VBD" and _lemma(verb) in INDIRECT_VERBS and verb.dep_ == "conj"
            and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children)
            and any(c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children) for c in verb.children))


def _fronted_clause(ctx: _Context, verb: Any, a: int, b: int) -> tuple[int, int]:
    """The whole reported clause before a speech tag ("A met B on Sunday, thanking him for
    C, officials said"): from its sentence's start to the tag, whatever the parser hung on
    the reporting verb in between (a participle, a time phrase).
    """
    tag = verb.i
    for subj in verb.children:
        if subj.dep_ in _SUBJECT_DEPS and subj.i < verb.i:
            tag = min(tag, subj.left_edge.i)
    while (
        tag > b
        and ctx.doc[tag - 1].dep_ in ("advmod", "aux", "neg")
        and ctx.doc[tag - 1].head.i == verb.i
    ):
        tag -= 1  # "officials later said", "officials have said"
    if tag < b:
        return a, b
    start = ctx.sent_start[verb.i]
    if start > a or ctx.any_quoted(start, tag) or ctx.sent_start[tag - 1] != start:
        return a, b
    return start, tag


def _clause_under_setting(verb: Any) -> Any | None:
    """A "that" clause the parser hung on the setting of the saying instead of on the verb
    ("said during a call with the envoy that ...", "wrote in an open letter that ...").
    """
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "on"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or obj.lemma_.lower() not in _SETTING_NOUNS:
                continue
            for clause in obj.subtree:
                if clause.dep_ in ("acl", "relcl", "ccomp") and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
                ):
                    return clause
    return None


def _verb_text(verb: Any) -> str:
    return "according to" if verb.lower_ == "according" else verb.text


def _according_clause(ctx: _Context, according: Any) -> _IndirectCandidate | None:
    """'According to X, clause.' or 'Clause, according to X.': the clause around the phrase."""
    doc = ctx.doc
    head = according.head
    if according.dep_ != "prep" or head.i == according.i or head.pos_ not in ("VERB", "AUX"):
        return None
    a, b = head.left_edge.i, head.right_edge.i + 1
    pa, pb = according.left_edge.i, according.right_edge.i + 1
    if pa > a and pb >= b - 2 and ctx.on("according_coordination"):
        a = _first_conjunct(head).left_edge.i
    if pa <= a:
        a = pb  # the phrase opens the sentence
    elif pb >= b - 2:
        b = pa  # the phrase closes it (before the full stop)
    else:
        return None
    while a < b and (doc[a].is_punct or doc[a].is_space):
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    if b - a < 4 or b - a > _CLAUSE_TOKENS or ctx.any_quoted(a, b):
        return None
    return _IndirectCandidate(according, a, b)


def _first_conjunct(head: Any) -> Any:
    """The first of coordinated clauses a closing "according to" phrase hangs on the last of
    ("the dam burst and the town flooded, according to the radio"): the source vouches for all.
    """
    while head.dep_ == "conj" and head.head.i < head.i and head.head.pos_ in ("VERB", "AUX"):
        head = head.head
    return head


def _inner_saying(ctx: _Context, clause: Any) -> bool:
    """Whether a reported clause is itself a saying with a speaker and words of its own ("[X told
    the envoy that ...], the radio reported"): the inner speaker's words are the quote; the outer
    verb only names where the report came from, as "according to" does.
    """
    return (
        _lemma(clause) in ("say", "tell")  # a plain saying, not "should insist that"
        and clause.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "ccomp" for c in clause.children)
        and bool(_subjects(clause, ctx.blocked))
    )


def _before_source(doc: Any, a: int, b: int) -> int:
    """End of a reported clause before a closing ", according to ..." ("said the dam had helped,
    according to a statement"): the phrase names where the report came from, not what was said.
    """
    for i in range(a + 3, b - 1):
        if (doc[i].lower_ == "according" and doc[i + 1].lower_ == "to" and doc[i - 1].text == ","
                and doc[i].right_edge.i >= b - 2):  # the phrase closes the clause
            return i - 1
    return b


def _reports_a_saying(ctx: _Context, according: Any) -> bool:
    """Whether an "according to" phrase is the source of someone's saying ("Lund said the vote
    was fair, according to a statement"): the clause it hangs on is, or sits under, a reporting
    verb with a subject of its own. The reported words are then that subject's, read from the
    verb; the phrase only says where the report came from.
    """
    head = according.head
    for verb in [head, *head.ancestors]:
        if (_lemma(verb) in SPEECH_VERBS | INDIRECT_VERBS and verb.pos_ in ("VERB", "AUX")
                and any(c.dep_ == "ccomp" for c in verb.children)  # "claimed 104 lives" reports nothing
                and _subjects(verb, ctx.blocked)):
            return True
    return False


def _denied(verb: Any) -> bool:
    """True for speech that did not happen: "did not say", "declined to say"."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in ("decline", "refuse", "fail")


def _after_dateline(doc: Any, a: int, b: int) -> int:
    """Skip a dateline ("VIENNA (Agency) -") that the parser put inside the clause."""
    for i in range(a, min(b, a + 10)):
        if doc[i].text in ("-", "\u2013", "\u2014") and i > a and doc[a].is_upper:
            return i + 1
        # "(Agency) -" with the city left out.
        if doc[i].text == ")" and doc[a].text == "(" and i + 1 < b:
            dash = doc[i + 1].text in ("-", "\u2013", "\u2014")
            return i + 2 if dash else a
    return a


def _after_time_phrase(doc: Doc, a: int, b: int) -> int:
    """Skip "on Thursday" that the parser hung on the reported clause ("said on Thursday its
    ..."): it dates the saying, not what was said.
    """
    tok = doc[a] if a < b else None
    if tok is None or tok.dep_ != "prep" or tok.i > 0 and doc[tok.i - 1].text == ",":
        return a
    end = tok.right_edge.i + 1
    if end < b and all(t.ent_type_ in ("DATE", "TIME") for t in doc[a + 1 : end]) and end > a + 1:
        return end
    return a


def _condition_tail(ctx: _Context, b: int) -> int:
    """Extend a reported clause over a trailing ", but only if ..." that the parser hung on the
    reporting verb: the condition is part of what was said.
    """
    doc = ctx.doc
    i = b
    if i < ctx.n and doc[i].text == ",":
        i += 1
    if i >= ctx.n or doc[i].lower_ not in _CLAUSE_TAILS or i == b and doc[i].lower_ == "as":
        return b
    if doc[i].lower_ == "but" and i + 1 < ctx.n and doc[i + 1].dep_ in _SUBJECT_DEPS:
        return b  # ", but it gave no details": the narrator's own clause, not a condition
    end = min(ctx.sent_end[b - 1] if b > 0 else b, b + _CLAUSE_TOKENS)
    k = i
    while k < end and not ctx.in_quote[k]:
        tok = doc[k]
        if tok.tag_ == "VBG" and tok.lemma_.lower() in SPEECH_VERBS:
            break  # ", adding that ...": a new speech act
        k += 1
    return k


def _indirect_quote(ctx: _Context, cand: _IndirectCandidate, source: str) -> Quote | None:
    attribution = ctx.attribution(cand.verb)
    if attribution is None or not attribution.speaker.name:
        return None
    doc = ctx.doc
    first, last = doc[cand.a], doc[cand.b - 1]
    lo, hi = ctx.sent_start[cand.verb.i], ctx.sent_end[cand.verb.i]
    return Quote(
        speaker=attribution.speaker.name,
        text=source[first.idx : last.idx + len(last.text)],
        kind="indirect",
        verb=_verb_text(cand.verb),
        audience=attribution.audience,
        evidence=_evidence(ctx, source, lo, hi),
    )


# ---------------------------------------------------------------- entry point


def _quoted_subject(ctx: _Context, tok: Any) -> bool:
    """Whether a name is the subject of a sentence inside a quotation ('"We talked. Mr X agreed,"
    he said'): the speaker's words, not the narrative's. A speech tag that a misplaced mark left
    inside the quotation ('"Prices rose, said Mr X.') still names whoever speaks.
    """
    if not ctx.in_quote[tok.i]:
        return False
    verb = tok.head
    return not (_lemma(verb) in SPEECH_VERBS and verb.tag_ == "VBD")


def _typed_marks_straightened(text: str) -> str:
    """The text with ``typed'' quotation marks read as straight ones, offsets kept: the opening
    pair becomes a space and a mark, the closing pair a mark and a space, so the words quoted
    start and end where they did. Only in a text that opens a quotation this way (a lone "''" in
    other prose stays as it is).
    """
    if _TYPED_OPEN not in text:
        return text
    return text.replace(_TYPED_OPEN, ' "').replace(_TYPED_CLOSE, '" ')


def _is_mark(tok: Any) -> bool:
    """A quotation-mark token: a straight mark or a piece of a ``typed'' one."""
    return bool(tok.text in _MARK_TOKENS)


def extract_quotes(
    doc: Any,
    people: PeopleIndex,
    *,
    source_text: str | None = None,
    indirect: bool = True,
    off: frozenset[str] = frozenset(),
    coref: Coref | None = None,
) -> list[Quote]:
    """Direct and indirect quotations of `doc`, each with a resolved speaker, in text order.

    `doc` is the spaCy parse of cleaned text. `source_text`, when given and of the same length
    (as `clean_text` guarantees), is where quote and evidence strings are cut from, so they stay
    substrings of the original article. Quotations whose speaker cannot be found are left out.
    `off` names rule families (RULE_FAMILIES) to leave out, to measure what each is worth.
    """
    text = doc_text(doc)
    if not text or len(doc) == 0:
        return []
    source = source_text if source_text is not None and len(source_text) == len(text) else text
    unknown = off - RULE_FAMILIES
    if unknown:
        raise ValueError(f"unknown quote rule families: {', '.join(sorted(unknown))}")
    spans = find_quote_spans(text if "typed_marks" in off else _typed_marks_straightened(text))
    ctx = _Context(doc, coref if coref is not None else Coref(doc, people), spans, off)
    direct = _direct_candidates(ctx, spans)
    reported = _indirect_candidates(ctx) if indirect else []
    # Speakers are resolved in text order, so "he" finds the latest speaker before it.
    verbs = [c.verb for c in direct if c.verb is not None] + [c.verb for c in reported]
    for verb in sorted(verbs, key=lambda v: v.i):
        ctx.attribution(verb)
    # The people layer's reading of the same construction ("lead_role_named_next") switches
    # this one off with it, so that each ablation shows the construction whole.
    if ctx.on("role_named_by_next_speaker") and rule_on("lead_role_named_next"):
        _name_lede_roles(ctx)
    positioned = _direct_quotes(ctx, direct, source)
    for cand in reported:
        quote = _indirect_quote(ctx, cand, source)
        if quote is not None:
            positioned.append((doc[cand.a].idx, quote))
    positioned.sort(key=lambda item: item[0])
    return [q for _pos, q in positioned]
