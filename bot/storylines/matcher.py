"""Storyline matcher: which tracked stories an item is mainly about, with the evidence (pure).

One Aho-Corasick automaton holds every alias, place and keyword of every storyline, so one pass
over an item finds the terms of all storylines at once; the cost of that pass does not grow with
the number of storylines, only the (few) storylines actually hit are scored.

Scoring, per storyline:
* a term weighs by its kind (actor > keyword > place > description phrase), by how specific it
  is inside the storyline set (a name shared by six storylines says little about which one an
  item is about) and by how distinctive it is in recent articles (document frequency, see
  distinct.py: "Beijing" weighs little in a Chinese agency's feed);
* a title that is no headline (a slug, an editing note, one word: titles.py) is treated as
  absent, and the first sentence after the dateline stands in for it;
* a bare one-word name does not count when the item names another person with it ("Kim
  Darroch", "Jonas Marr"), unless the actor's full name is in the item too;
* where it is found counts (title > lead > body), repetition adds a little;
* the storyline's `require` rule says which kinds must co-occur (as different terms);
* an anchor must show in the title or the lead: a principal actor (one of the first listed)
  whom few storylines share, two principal actors together, a keyword few storylines share, or
  a site (not a country or a city) only this storyline lists. A famous name plus a place, or a
  common word ("summit") plus a city, is not a story;
* famous people (whom three or more storylines of the item's time list, such as a head of
  state) cannot be the only "who or where": the item must also name a place of the story or one
  of its less common people; without such a person it needs two telling terms besides, where a
  country and its cities together count half unless the headline names it ("tariffs" and "the
  U.S. president" are not a US-China story);
* the main subject must show in the title or the lead: a passing mention deep in the body is not
  enough;
* who and where are not enough: the item must name what the story is about (a keyword, a
  description phrase or a site), or two of its principal actors, or one in the headline;
* principal actors are the first listed and those the storyline's description names;
* a dated item must be published inside the window (with a little slack); undated items are
  judged by content only: they must name one of the storyline's principal actors and, when
  the people named are in other storylines too, one of its distinctive keywords or sites;
* newsletter round-ups and market reports are about no single story (see genre.py);
* close relatives: when two storylines match, the weaker one is kept only if it has evidence of
  its own, beyond the terms it shares with the stronger one;
* readers' confirmed feedback (feedback.py) scales, for one storyline, the weight of the terms
  its examples named: down for "not about this story", up for "more like this".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from difflib import SequenceMatcher

import ahocorasick

from bot.models import Article, Evidence, Match, Storyline
from bot.storylines.description import described_actors, topic_terms
from bot.storylines.distinct import TermStats
from bot.storylines.feedback import FeedbackWeights
from bot.storylines.genre import genre_reason
from bot.storylines.places import is_country, is_site, place_country
from bot.storylines.scoring import SCORING
from bot.storylines.text import (
    Folded,
    dateline_end,
    first_sentence_end,
    fold,
    fold_term,
    lead_end,
    word_list,
)
from bot.storylines.titles import headline

# The scoring parameters are global and live in data/scoring.toml (see scoring.py); the names
# below are the matcher's own short names for them.
KIND_WEIGHT = SCORING.kind_weight
FIELD_WEIGHT = SCORING.field_weight
# Plural endings a keyword may carry ("militia" → "militias", "tariff" → "tariffs").
KEYWORD_SUFFIXES = ("es", "s")
# Demonym endings a place may carry ("Iraq" → "Iraqis", "Iran" → "Iranian", "Japan" → "Japanese");
# such a hit says less about where the story is than the name itself, hence the lower factor.
PLACE_SUFFIXES = ("ians", "ian", "ans", "an", "ese", "is", "i", "ns", "n")
DEMONYM_FACTOR = SCORING.demonym
COUNTRY_FACTOR = SCORING.country
# Score units: one specific actor named in the title scores 1.0.
SCALE = FIELD_WEIGHT["title"] * KIND_WEIGHT["actor"]
EVIDENCE_PER_TERM = 3
DATE_PRIOR = SCORING.date_prior
PRINCIPAL_ACTORS = SCORING.principal_actors
GENERIC_BELOW = SCORING.generic_below
DISTINCT_FROM = SCORING.distinct_from
FAMOUS_FROM = SCORING.famous_from
TELLING_TERMS = SCORING.telling_terms
TOPIC_TELLING = SCORING.topic_telling
# Spelling similarity from which a word before a surname is the actor's own given name.
SAME_NAME_RATIO = 0.7
# How far back a given name before a surname is looked for (characters).
PREV_WORD_REACH = 40
_OPEN_END = date.max.toordinal() + 1


@dataclass(frozen=True, slots=True)
class _Entry:
    """One storyline's use of a folded pattern."""

    storyline: int
    kind: str
    term: str  # canonical: the actor's name, the place or the keyword as written
    base: float = 1.0  # the kind's weight, lowered for a whole country

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.term)


class _TermHits:
    """What one item shows of one term of one storyline."""

    __slots__ = (
        "kind",
        "term",
        "weight",
        "specificity",
        "sharing",
        "count",
        "best_field",
        "prominent",
        "patterns",
        "spots",
        "taught",
    )

    def __init__(self, kind: str, term: str) -> None:
        self.kind = kind
        self.term = term
        self.weight = 0.0
        self.specificity = 0.0  # among the storylines whose window admits the item's date
        self.sharing = 0  # how many of those storylines list the term
        self.count = 0
        self.best_field = 0.0
        self.prominent = False  # found in the title or the lead
        self.patterns: set[str] = set()
        # (field, folded text, raw text, folded start, folded stop): Evidence is built only for
        # storylines that end up matching.
        self.spots: list[tuple[str, Folded, str, int, int]] = []
        self.taught = 1.0  # the factor readers' feedback gave the term (1: none)

    def contribution(self) -> float:
        repeats = min(self.count - 1, SCORING.repeat_cap)
        return self.weight * (self.best_field + SCORING.repeat * repeats)


@dataclass(frozen=True, slots=True)
class _Candidate:
    index: int
    score: float
    terms: tuple[_TermHits, ...]


@dataclass(frozen=True, slots=True)
class Verdict:
    """One storyline's outcome for one item, with the reason when it did not match."""

    slug: str  # "" when the item as a whole was set aside (a round-up, a market report)
    matched: bool
    score: float
    reason: str = ""
    evidence: tuple[Evidence, ...] = ()
    # Terms weighed down for being common in recent articles: "Beijing ×0.31, China ×0.25".
    common: str = ""
    # Terms readers' feedback reweighed for this storyline: "Hartmann ×0.40".
    taught: str = ""
    # Whether the decision would have gone the other way without that feedback.
    feedback_decided: bool = False

    def line(self) -> str:
        """One readable line: "slug: matched (score 2.10)" or "slug: not matched — reason",
        followed by the terms that counted less for being common in recent articles and those
        readers' feedback reweighed (saying so when the feedback decided).
        """
        note = f"; common in recent articles: {self.common}" if self.common else ""
        if self.taught:
            note += f"; readers' feedback: {self.taught}"
        if self.feedback_decided:
            other = "not matched" if self.matched else "matched"
            note += f" (feedback decided: without it, {other})"
        if self.matched:
            return f"{self.slug}: matched (score {self.score:.2f}){note}"
        return f"{self.slug or 'item'}: not matched - {self.reason}{note}"


def _candidate(index: int, score: float, terms: dict[tuple[str, str], _TermHits]) -> _Candidate:
    return _Candidate(index, score, tuple(sorted(terms.values(), key=lambda t: (t.kind, t.term))))


class Matcher:
    """Matches items against a fixed set of storylines; build once, call `match` many times."""

    def __init__(
        self,
        storylines: Sequence[Storyline],
        min_score: float = SCORING.min_score,
        *,
        window_slack_days: int = SCORING.window_slack_days,
        relative_min_share: float = SCORING.relative_min_share,
        co_subject_share: float = SCORING.co_subject_share,
        lead_share: float = SCORING.lead_share,
        principal_actors: int = PRINCIPAL_ACTORS,
        generic_below: float = GENERIC_BELOW,
        distinct_from: float = DISTINCT_FROM,
        famous_from: int = FAMOUS_FROM,
        stats: TermStats | None = None,
        feedback: FeedbackWeights | None = None,
    ) -> None:
        slugs = [s.slug for s in storylines]
        if len(set(slugs)) != len(slugs):
            dup = sorted({s for s in slugs if slugs.count(s) > 1})
            raise ValueError(f"duplicate storyline slugs: {', '.join(dup)}")
        self.storylines: tuple[Storyline, ...] = tuple(storylines)
        # Document frequency of the terms in recent articles; may grow while the matcher lives.
        self.stats = stats
        self.min_score = min_score
        self.slack = timedelta(days=window_slack_days)
        self.relative_min_share = relative_min_share
        self.co_subject_share = co_subject_share
        self.lead_share = lead_share
        self.generic_below = generic_below
        self.distinct_from = distinct_from
        self.famous_from = famous_from
        self.feedback = feedback
        # The first listed actors, and those the description names, are whom the story is about.
        self._principals = [
            frozenset(a.name for a in s.actors[:principal_actors]) | described_actors(s)
            for s in self.storylines
        ]
        self._entries: dict[str, list[_Entry]] = {}
        for i, s in enumerate(self.storylines):
            for kind, term, pattern in _terms(s):
                entries = self._entries.setdefault(pattern, [])
                if not any(e.storyline == i and e.kind == kind for e in entries):
                    entries.append(_Entry(i, kind, term, KIND_WEIGHT[kind]))
        self._log_n = math.log(len(self.storylines) + 1)
        self._halls = [_hall_conditions(s.require) for s in self.storylines]
        # A date inside a short window says more than one inside a long window: a dated item
        # about Pompeo and Kim in October 2018 is first of all about the October trip, then about
        # the two-year negotiation. A soft, logarithmic prior; undated items get none.
        spans = [_window_days(s) for s in self.storylines]
        longest = max((d for d in spans if d), default=0)
        self._date_prior = [1.0 + DATE_PRIOR * math.log10(longest / d) if d else 1.0 for d in spans]
        # One-word actor aliases ("Kim", "Abe"): "Kim Kardashian" is someone else.
        self._single_names = {
            p
            for p, es in self._entries.items()
            if " " not in p and any(e.kind == "actor" for e in es)
        }
        self._broad = {
            p
            for p, es in self._entries.items()
            if any(e.kind == "place" for e in es) and is_country(p)
        }
        for p in self._broad:
            self._entries[p] = [
                _Entry(e.storyline, e.kind, e.term, e.base * COUNTRY_FACTOR)
                if e.kind == "place"
                else e
                for e in self._entries[p]
            ]
        # Windows widened by the slack, as day ordinals: a dated item is compared in one step.
        slack = self.slack.days
        self._lo = [s.window_start.toordinal() - slack if s.window_start else 0 for s in storylines]
        self._hi = [
            s.window_end.toordinal() + slack if s.window_end else _OPEN_END for s in storylines
        ]
        self._users: dict[str, tuple[int, ...]] = {
            p: tuple(sorted({e.storyline for e in es})) for p, es in self._entries.items()
        }
        # Country or city → its country: "the U.S." and "Washington" are one broad "where".
        self._where = {p: place_country(p) for s in self.storylines for p in s.places}
        self._sites = frozenset(p for s in self.storylines for p in s.places if is_site(p))
        # Date-blind specificity: how telling a term is across the whole storyline set.
        self._overall = {p: self._specificity(p, None) for p in self._entries}
        self._patterns_of: list[set[str]] = [set() for _ in self.storylines]
        for p, es in self._entries.items():
            for e in es:
                self._patterns_of[e.storyline].add(p)
        self._automaton = ahocorasick.Automaton()
        for p in self._entries:
            self._automaton.add_word(p, (p, len(p), p in self._single_names))
        if self._entries:
            self._automaton.make_automaton()

    # ------------------------------------------------------------------ public

    def terms_in(self, title: str | None, text: str | None) -> set[str]:
        """The storyline terms (folded patterns) an item names anywhere, each once: what
        `TermStats` counts.
        """
        found: set[str] = set()
        for _, raw in _fields(title or "", text or ""):
            folded = fold(raw).text
            size = len(folded)
            for end, (pattern, length, _single) in self._automaton.iter(folded):
                start = end - length + 1
                if start and folded[start - 1].isalnum():
                    continue
                if end + 1 < size and folded[end + 1].isalnum():
                    if all(
                        _suffix_end(folded, end + 1, e.kind) is None for e in self._entries[pattern]
                    ):
                        continue
                found.add(pattern)
        return found

    @property
    def feedback(self) -> FeedbackWeights | None:
        """Readers' confirmed examples, as term factors per storyline (None: no feedback)."""
        return self._feedback

    @feedback.setter
    def feedback(self, weights: FeedbackWeights | None) -> None:
        self._feedback = weights
        # Per storyline index, so the scan looks a factor up without going through the slug.
        self._taught: list[Mapping[str, float]] = [
            weights.for_storyline(s.slug) if weights else {} for s in self.storylines
        ]

    def storyline_terms(self, slug: str, title: str | None, text: str | None) -> tuple[str, ...]:
        """The terms (folded patterns) of one storyline an item names: what a feedback example
        about that item and storyline records.
        """
        index = next((i for i, s in enumerate(self.storylines) if s.slug == slug), None)
        if index is None:
            raise KeyError(f"no storyline {slug!r} in this matcher")
        return tuple(sorted(self.terms_in(title, text) & self._patterns_of[index]))

    def distinct(self, pattern: str) -> float:
        """How distinctive a term is in the archive (1 without statistics)."""
        return self.stats.factor(pattern) if self.stats is not None else 1.0

    def match_article(self, article: Article) -> list[Match]:
        """Match a stored article; an article whose date was guessed is judged by content only."""
        published = None if article.published_missing else article.published
        return self.match(article.id, article.title, article.text, published)

    def match(
        self,
        article_id: str,
        title: str | None,
        text: str | None,
        published: datetime | None,
    ) -> list[Match]:
        """The storylines this item is mainly about, best first (ties by slug)."""
        if published is not None and published.tzinfo is None:
            raise ValueError("published must be timezone-aware (UTC)")
        if not self._entries:
            return []
        if genre_reason(title or "", text or "") is not None:
            return []  # round-ups and market reports have no single main subject
        day = published.astimezone(UTC).date() if published is not None else None
        fields = _fields(title or "", text or "")
        hits: dict[int, dict[tuple[str, str], _TermHits]] = {}
        weights: dict[str, tuple[float, float]] = {}  # pattern → specificity, distinctiveness
        prose = _prose(fields)
        others: set[str] = set()
        for field_name, raw in fields:
            self._scan(field_name, raw, hits, day, weights, prose, others)
        _drop_ambiguous(hits, others)
        candidates: list[_Candidate] = []
        for index, terms in hits.items():
            score, reason = self._judge(index, terms, undated=day is None, explain=False)
            if reason is None:
                candidates.append(_candidate(index, score, terms))
        kept = self._drop_shadowed(candidates)
        found = [self._to_match(article_id, c, day) for c in kept]
        taught = {m.slug: note for m, c in zip(found, kept, strict=True) if (note := _taught(c.terms))}
        if not taught:
            return found
        # Readers' feedback weighed in: say so, and whether it decided the match.
        with self._without_feedback():
            plain = {m.slug for m in self.match(article_id, title, text, published)}
        return [
            replace(m, feedback=_feedback_note(taught[m.slug], m.slug not in plain))
            if m.slug in taught
            else m
            for m in found
        ]

    @contextmanager
    def _without_feedback(self) -> Iterator[None]:
        """Judge as if no reader had taught any storyline (to tell what feedback decided)."""
        taught, self._taught = self._taught, [{} for _ in self.storylines]
        try:
            yield
        finally:
            self._taught = taught

    def diagnose(
        self,
        article_id: str,
        title: str | None,
        text: str | None,
        published: datetime | None,
    ) -> list[Verdict]:
        """Like `match`, but also says why each storyline whose terms the item names was not
        matched, and when readers' feedback decided: for people writing storylines. Matched
        verdicts come first.
        """
        verdicts = self._verdicts(article_id, title, text, published)
        if not any(v.taught for v in verdicts):
            return verdicts
        # Decide once more without the feedback: where the outcome differs, feedback decided.
        with self._without_feedback():
            plain = {
                v.slug for v in self._verdicts(article_id, title, text, published) if v.matched
            }
        return [
            replace(v, feedback_decided=True) if v.slug and (v.slug in plain) != v.matched else v
            for v in verdicts
        ]

    def _verdicts(
        self,
        article_id: str,
        title: str | None,
        text: str | None,
        published: datetime | None,
    ) -> list[Verdict]:
        if published is not None and published.tzinfo is None:
            raise ValueError("published must be timezone-aware (UTC)")
        if not self._entries:
            return []
        genre = genre_reason(title or "", text or "")
        if genre is not None:
            return [Verdict("", False, 0.0, f"no storyline for a {genre}")]
        day = published.astimezone(UTC).date() if published is not None else None
        fields = _fields(title or "", text or "")
        hits: dict[int, dict[tuple[str, str], _TermHits]] = {}
        weights: dict[str, tuple[float, float]] = {}
        prose = _prose(fields)
        others: set[str] = set()
        for field_name, raw in fields:
            self._scan(field_name, raw, hits, day, weights, prose, others)
        _drop_ambiguous(hits, others)
        verdicts: list[Verdict] = []
        if day is not None:
            undated: dict[int, dict[tuple[str, str], _TermHits]] = {}
            for field_name, raw in fields:
                self._scan(field_name, raw, undated, None, {}, prose)
            for index in sorted(set(undated) - set(hits)):
                s = self.storylines[index]
                window = f"{s.window_start or '…'}..{s.window_end or '…'}"
                verdicts.append(
                    Verdict(s.slug, False, 0.0, f"published {day} outside the window {window}")
                )
        candidates: list[_Candidate] = []
        for index, terms in hits.items():
            score, reason = self._judge(index, terms, undated=day is None, explain=True)
            candidate = _candidate(index, score, terms)
            if reason is None:
                candidates.append(candidate)
            else:
                evidence = self._to_match(article_id, candidate, day).evidence
                slug, common = self.storylines[index].slug, self._common(terms.values())
                verdicts.append(
                    Verdict(
                        slug,
                        False,
                        round(score, 3),
                        reason,
                        evidence,
                        common,
                        _taught(terms.values()),
                    )
                )
        shadowed: list[tuple[_Candidate, str]] = []
        matched = []
        for c in self._drop_shadowed(candidates, shadowed):
            m = self._to_match(article_id, c, day)
            matched.append(
                Verdict(
                    m.slug, True, m.score, "", m.evidence, self._common(c.terms), _taught(c.terms)
                )
            )
        for c, reason in shadowed:
            m = self._to_match(article_id, c, day)
            verdicts.append(
                Verdict(
                    m.slug,
                    False,
                    m.score,
                    reason,
                    m.evidence,
                    self._common(c.terms),
                    _taught(c.terms),
                )
            )
        return matched + sorted(verdicts, key=lambda v: (-v.score, v.slug))

    # ------------------------------------------------------------------ internals

    def _eligible(self, index: int, day: int | None) -> bool:
        return day is None or self._lo[index] <= day <= self._hi[index]

    def _specificity(self, pattern: str, day: int | None) -> float:
        """How specific a pattern is, from 1 (one storyline uses it) towards 0 (all do).

        An IDF over the storyline set, normalised so a unique term weighs 1 for any set size.
        For a dated item only storylines whose window admits it compete: "Kim" is specific in
        January 2020 even though older Korean storylines list him too.
        """
        users = self._users[pattern]
        if len(users) == 1:
            return 1.0  # a term of one storyline only is fully specific, whatever the date
        df = sum(1 for i in users if self._eligible(i, day)) or len(users)
        return math.log((len(self.storylines) + 1) / df) / self._log_n if self._log_n else 1.0

    def _sharing(self, pattern: str, day: int | None) -> int:
        """How many storylines whose window admits the day list the pattern."""
        return sum(1 for i in self._users[pattern] if self._eligible(i, day)) or 1

    def _scan(
        self,
        field_name: str,
        raw: str,
        hits: dict[int, dict[tuple[str, str], _TermHits]],
        day: date | None,
        weights: dict[str, tuple[float, float]],
        prose: str = "",
        others: set[str] | None = None,
    ) -> None:
        """Record every storyline term found in one field; `prose` is the item's lead and body,
        where a Title Case headline's capitals are checked. One-word names seen as part of
        another person's name ("Kim Darroch") are added to `others`.
        """
        folded = fold(raw)
        text = folded.text
        size = len(text)
        fw = FIELD_WEIGHT[field_name]
        prominent = field_name != "body"
        ordinal = day.toordinal() if day is not None else None
        lo, hi, entries_of, taught_of = self._lo, self._hi, self._entries, self._taught
        title_case: bool | None = None  # decided on the first one-word name
        for end, (pattern, length, single_name) in self._automaton.iter(text):
            start = end - length + 1
            if start and text[start - 1].isalnum():
                continue
            after = end + 1
            whole = after >= size or not text[after].isalnum()
            if single_name and whole:
                if title_case is None:
                    title_case = field_name == "title" and _title_case(raw)
                # In a Title Case headline every word is capitalised, so a capital says nothing
                # there: the item's own prose says whether the next word is a name.
                if self._other_name_follows(folded, raw, after, prose if title_case else None) or (
                    not title_case and self._other_name_precedes(raw, folded.orig(start), prose)
                ):
                    if others is not None:
                        others.add(pattern)
                    continue
            cached = weights.get(pattern)
            if cached is None:
                cached = weights[pattern] = (
                    self._specificity(pattern, ordinal),
                    self.distinct(pattern),
                )
            specificity, distinct = cached
            for entry in entries_of[pattern]:
                index = entry.storyline
                if ordinal is not None and not (lo[index] <= ordinal <= hi[index]):
                    continue
                weight = entry.base * specificity * distinct
                taught = taught_of[index].get(pattern, 1.0) if taught_of[index] else 1.0
                weight *= taught
                if whole:
                    stop = after
                elif entry.kind == "actor":
                    continue
                else:
                    suffix_stop = _suffix_end(text, after, entry.kind)
                    if suffix_stop is None:
                        continue
                    stop = suffix_stop
                    if entry.kind == "place":
                        weight *= DEMONYM_FACTOR
                per = hits.get(index)
                if per is None:
                    per = hits[index] = {}
                th = per.get(entry.key)
                if th is None:
                    th = per[entry.key] = _TermHits(entry.kind, entry.term)
                if weight > th.weight:
                    th.weight = weight
                if taught != 1.0:
                    th.taught = taught
                if specificity > th.specificity:
                    th.specificity = specificity
                    th.sharing = self._sharing(pattern, ordinal)
                th.count += 1
                if fw > th.best_field:
                    th.best_field = fw
                if prominent:
                    th.prominent = True
                th.patterns.add(pattern)
                if len(th.spots) < EVIDENCE_PER_TERM:
                    th.spots.append((field_name, folded, raw, start, stop))

    def _other_name_precedes(self, raw: str, at: int, prose: str) -> bool:
        """True when a one-word name is directly preceded by a given name that is not a title
        or a storyline term ("Jonas Marr" when the storyline's Marr is Ilse Marr).

        A capital opening a sentence says nothing, so there the word must be written as a name
        throughout the item's prose; demonyms ("Iranian") and possessives are no given names.
        """
        m = _PREV_WORD.search(raw, max(0, at - PREV_WORD_REACH), at)
        if m is None:
            return False
        word = m.group(1)
        low = word.lower()
        if low in _NOT_NAMES or low in name_titles() or low.endswith(_DEMONYM_ENDINGS):
            return False
        full = fold_term(raw[m.start(1) : at + len(raw[at:].split(" ", 1)[0])])
        if full in self._entries or self._automaton.match(fold_term(word)):
            return False  # "Ilse Marr" itself, or another storyline term before the name
        if self._spelled_given_name(fold_term(word), fold_term(raw[at:].split(" ", 1)[0])):
            return False  # "Mahmud Abbas" is Mahmoud Abbas spelled another way
        before = raw[: m.start(1)].rstrip()
        if not before or before[-1] in '.!?\n"\u201c:':
            return _written_as_name(word, prose)
        return True

    def _spelled_given_name(self, given: str, alias: str) -> bool:
        """Whether `given` is close in spelling to a word of the full name of an actor whom
        `alias` names (transliterations vary: Mahmoud / Mahmud).
        """
        for e in self._entries.get(alias, ()):
            if e.kind != "actor":
                continue
            for word in fold_term(e.term).split():
                if word != alias and SequenceMatcher(None, word, given).ratio() >= SAME_NAME_RATIO:
                    return True
        return False

    def _other_name_follows(
        self, folded: Folded, raw: str, after: int, prose: str | None = None
    ) -> bool:
        """True when a one-word name is directly followed by another capitalised name that is
        not a storyline term ("Kim Kardashian", "Abe Lincoln"): a different person.

        With `prose` (the name is in a Title Case headline), the next word counts as a name only
        when the item's prose writes it capitalised and never in lower case: "Kim Kardashian
        Arrives" over a text about "Kardashian" is someone else, "Kim Says Talks" is not.
        """
        text = folded.text
        if after >= len(text) or text[after] != " ":
            return False
        m = _NEXT_WORD.match(raw, folded.orig(after - 1) + 1)
        if m is None or m.group(1).lower() in _NOT_NAMES:
            return False
        # "Trump Kim summit": the next word is itself (the start of) a storyline term.
        if self._automaton.match(fold_term(m.group(1))):
            return False
        return prose is None or _written_as_name(m.group(1), prose)

    def _contains(self, outer: int, inner: int) -> bool:
        """Whether storyline `outer`'s window contains storyline `inner`'s (both bounded)."""
        o, i = self.storylines[outer], self.storylines[inner]
        if None in (o.window_start, o.window_end, i.window_start, i.window_end):
            return False
        return bool(o.window_start <= i.window_start and i.window_end <= o.window_end)  # type: ignore[operator]

    def _judge(
        self,
        index: int,
        terms: dict[tuple[str, str], _TermHits],
        *,
        undated: bool,
        explain: bool,
    ) -> tuple[float, str | None]:
        """The storyline's score for this item, and why it does not match (None if it may)."""
        total = early = 0.0
        for t in terms.values():
            c = t.contribution()
            total += c
            if t.prominent:
                early += c
        score = total / SCALE
        if not undated:
            score *= self._date_prior[index]
        # The main subject shows early: most of the weight must come from title and lead.
        if early == 0.0 or early < self.lead_share * total:
            if not explain:
                return score, ""
            share = early / total if total else 0.0
            return score, (
                f"a passing mention: {share:.0%} of its weight is in the title and lead "
                f"(needs {self.lead_share:.0%})"
            )
        if score < self.min_score:
            return (
                score,
                f"score {score:.2f} is below the threshold {self.min_score:g}" if explain else "",
            )
        if not _meets(self._halls[index], terms.values()):
            if not explain:
                return score, ""
            s = self.storylines[index]
            found = ", ".join(f"{t.kind} {t.term}" for t in terms.values())
            return score, f"needs {' + '.join(s.require)} as different terms; found only {found}"
        principals = self._principals[index]
        principal_pair = sum(1 for t in terms.values() if t.prominent and t.term in principals)
        if principal_pair < 2 and not any(self._anchors(index, t) for t in terms.values()):
            if not explain:
                return score, ""
            return score, (
                "no anchor in the title or lead: none of its principal actors "
                f"({', '.join(sorted(principals))}), distinctive keywords or own sites"
            )
        if not any(
            t.kind == "place" or (t.kind == "actor" and self._telling(t)) for t in terms.values()
        ):
            if not explain:
                return score, ""
            return score, "its only people are ones many storylines share, and no place is named"
        # Without a less common person of the story, the item needs two telling terms; a country
        # (or its cities) counts half unless in the headline, so "tariffs", "the U.S." and
        # "Washington" next to a president's name do not make a US-China story.
        telling = self._telling_terms(terms.values())
        if telling < TELLING_TERMS and not any(
            t.kind == "actor" and self._telling(t) for t in terms.values()
        ):
            if not explain:
                return score, ""
            return score, (
                f"no less common person, and too little else: {telling:g} telling terms "
                f"(needs {TELLING_TERMS:g}; a country and its cities count half "
                "unless in the headline)"
            )
        if not self._has_what(index, terms.values()):
            if not explain:
                return score, ""
            return score, (
                "who and where but no what: none of its keywords, description phrases or sites, "
                "no principal actor in the headline and not two of them"
            )
        # Without a date, places and topics fit many episodes of history (Iraq had militias in
        # 2004 and in 2019); the principal people named are what pins the item to this story.
        if undated and principals and not any(t.term in principals for t in terms.values()):
            return score, (
                "undated, and none of the storyline's principal actors is named" if explain else ""
            )
        # Nor can an undated item be told from the other stories its people are in (Abe and Moon
        # met and phoned many times) without a distinctive keyword or site of this storyline.
        if (
            undated
            and any(
                t.kind == "actor" and self._overall_specificity(t) < 1.0 for t in terms.values()
            )
            and not any(
                (t.kind == "keyword" or (t.kind == "place" and t.term in self._sites))
                and self._overall_specificity(t) >= self.distinct_from
                for t in terms.values()
            )
        ):
            return score, (
                "undated, and it names no distinctive keyword or site of the storyline"
                if explain
                else ""
            )
        return score, None

    def _has_what(self, index: int, terms: Iterable[_TermHits]) -> bool:
        """Whether the item says what the story is about, not only who and where: one of its
        keywords, a phrase of its description or a site; or two of its principal actors
        together (their meeting is the what); or one in the headline (the headline's subject
        is what the item is about, "Olmert on surprise visit to Jordan").
        """
        principals = 0
        for t in terms:
            if t.kind in ("keyword", "topic") or (t.kind == "place" and t.term in self._sites):
                return True
            if t.kind == "actor" and t.term in self._principals[index]:
                if t.best_field >= FIELD_WEIGHT["title"]:
                    return True
                principals += 1
        return principals >= 2

    def _common(self, terms: Iterable[_TermHits]) -> str:
        """The found terms that weigh less for being common in recent articles, with their
        factor: what distinctiveness changed in this decision.
        """
        if self.stats is None:
            return ""
        parts = []
        for t in sorted(terms, key=lambda t: t.term):
            factor = max(self.distinct(p) for p in t.patterns)
            if factor < 1.0:
                parts.append(f"{t.term} \u00d7{factor:.2f}")
        return ", ".join(parts)

    def _overall_specificity(self, t: _TermHits) -> float:
        return max(self._overall[p] for p in t.patterns)

    def _telling(self, t: _TermHits) -> bool:
        """Whether an actor is not one whom many storylines of the item's time list (a head of
        state is in the news of every story of the day; a special envoy is not).
        """
        return t.specificity >= self.generic_below and t.sharing < self.famous_from

    def _telling_terms(self, terms: Iterable[_TermHits]) -> float:
        """How many terms say something about the story beyond famous people: a keyword, a
        site or a less common person counts 1; each country named, directly or by one of its
        cities, counts once: half, or 1 when the headline names it.
        """
        count = 0.0
        countries: dict[str, float] = {}
        for t in terms:
            where = self._where.get(t.term) if t.kind == "place" else None
            if t.kind == "actor":
                count += 1.0 if self._telling(t) else 0.0
            elif t.kind == "topic":
                count += TOPIC_TELLING
            elif where is not None:
                # In the headline a country is what the story is about; in the text it is
                # often only whose president or goods ("the U.S. president").
                value = 1.0 if t.best_field >= FIELD_WEIGHT["title"] else 0.5
                countries[where] = max(value, countries.get(where, 0.0))
            else:
                count += 1.0
        return count + sum(countries.values())

    def _anchors(self, index: int, t: _TermHits) -> bool:
        """Whether a term seen in the title or lead ties the item to this storyline: a principal
        actor, a distinctive keyword, or a site (not a whole country) no other storyline lists.
        """
        if not t.prominent:
            return False
        if t.kind == "actor":
            return t.term in self._principals[index] and self._telling(t)
        if t.kind == "keyword":
            return self._overall_specificity(t) >= self.distinct_from
        return self._overall_specificity(t) >= 1.0 and t.term in self._sites

    def _drop_shadowed(
        self,
        candidates: list[_Candidate],
        shadowed: list[tuple[_Candidate, str]] | None = None,
    ) -> list[_Candidate]:
        """Keep the best storyline, and each weaker one if it has evidence of its own, or if it
        is nearly as strong and its substance (two or more of its keywords; one, when its window
        contains the best one's) is there too: an item can be about two stories at once, such as
        one step of a longer negotiation.

        Own evidence means two or more terms that no stronger kept storyline also lists, weighing
        at least `relative_min_share` of its score and including a who or what (not just a where)
        seen in the title or lead: one extra generic word ("sanctions") is not a second story.
        """
        if len(candidates) < 2:
            return candidates
        ordered = sorted(candidates, key=lambda c: (-c.score, self.storylines[c.index].slug))
        kept = [ordered[0]]
        taken: set[str] = set(self._patterns_of[ordered[0].index])
        for c in ordered[1:]:
            own = [t for t in c.terms if not (t.patterns & taken)]
            own_score = sum(t.contribution() for t in own) / SCALE
            keywords = sum(1 for t in c.terms if t.kind == "keyword")
            # An episode belongs to the longer story around it (a trip that prepares a summit
            # is a step in the negotiation): a relative whose window contains the best match's
            # window needs only one of its own keywords to be kept as well.
            arc = self._contains(c.index, kept[0].index)
            co_subject = c.score >= self.co_subject_share * kept[0].score and (
                keywords >= 2 or (arc and keywords >= 1)
            )
            if not co_subject and (
                own_score < self.relative_min_share * c.score
                or len(own) < 2
                or not any(t.kind != "place" and t.prominent for t in own)
            ):
                if shadowed is not None:
                    by = ", ".join(self.storylines[k.index].slug for k in kept)
                    mine = ", ".join(t.term for t in own) or "none"
                    shadowed.append(
                        (
                            c,
                            f"a close relative of {by} with too little of its own (own terms: {mine})",
                        )
                    )
                continue
            kept.append(c)
            taken |= self._patterns_of[c.index]
        return kept

    def _to_match(self, article_id: str, c: _Candidate, day: date | None) -> Match:
        s = self.storylines[c.index]
        evidence: list[Evidence] = []
        order = {"actor": 0, "place": 1, "keyword": 2, "topic": 3}
        for t in sorted(c.terms, key=lambda t: (order[t.kind], -t.contribution(), t.term)):
            for field_name, folded, raw, start, stop in t.spots:
                a, b = folded.span(start, stop)
                evidence.append(Evidence(t.kind, t.term, raw[a:b], field_name, a))
        if day is not None and (s.window_start or s.window_end):
            span = f"{s.window_start or '…'}..{s.window_end or '…'}"
            evidence.append(Evidence("window", span, day.isoformat(), "published"))
        return Match(
            article_id=article_id, slug=s.slug, score=round(c.score, 3), evidence=tuple(evidence)
        )


def match_many(matcher: Matcher, articles: Iterable[Article]) -> dict[str, list[Match]]:
    """Match several stored articles: article id → matches."""
    return {a.id: matcher.match_article(a) for a in articles}


# ---------------------------------------------------------------------- helpers


def _terms(s: Storyline) -> Iterable[tuple[str, str, str]]:
    for actor in s.actors:
        for name in actor.all_names:
            p = fold_term(name)
            if p:
                yield "actor", actor.name, p
    for place in s.places:
        p = fold_term(place)
        if p:
            yield "place", place, p
    for kw in s.keywords:
        p = fold_term(kw)
        if p:
            yield "keyword", kw, p
    for phrase in topic_terms(s):
        p = fold_term(phrase)
        if p:
            yield "topic", phrase, p


def _taught(terms: Iterable[_TermHits]) -> str:
    """The found terms readers' feedback reweighed, with their factor: "Hartmann ×0.40"."""
    return ", ".join(
        f"{t.term} \u00d7{t.taught:.2f}"
        for t in sorted(terms, key=lambda t: t.term)
        if t.taught != 1.0
    )


def _feedback_note(taught: str, decided: bool) -> str:
    """What a match says of readers' feedback: the terms it reweighed, and whether it decided."""
    return taught + (" (it decided: without it, not matched)" if decided else "")


def _drop_ambiguous(hits: dict[int, dict[tuple[str, str], _TermHits]], others: set[str]) -> None:
    """Forget actors found only by a one-word name when the item also names another person
    with that name ("Kim Darroch" beside a bare "Kim"): the bare name counts only next to the
    actor's full name somewhere in the item.
    """
    if not others:
        return
    for index in list(hits):
        per = hits[index]
        for key, t in list(per.items()):
            if t.kind == "actor" and t.patterns <= others:
                del per[key]
        if not per:
            del hits[index]


def _window_days(s: Storyline) -> int:
    """Length of a bounded window in days; 0 when a bound is missing."""
    if s.window_start is None or s.window_end is None:
        return 0
    return (s.window_end - s.window_start).days + 1


def _suffix_end(text: str, after: int, kind: str) -> int | None:
    """When a keyword or place runs on into a longer word, where that word ends if the rest is
    a plural (keywords) or a demonym ending (places); None for any other longer word.
    """
    suffixes = (
        KEYWORD_SUFFIXES
        if kind in ("keyword", "topic")
        else PLACE_SUFFIXES
        if kind == "place"
        else ()
    )
    for suf in suffixes:
        stop = after + len(suf)
        if text.startswith(suf, after) and (stop >= len(text) or not text[stop].isalnum()):
            return stop
    return None


_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december i".split()
)
_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")
_NEXT_WORD = re.compile(r" ([A-Z][a-z]+)\b")
_PREV_WORD = re.compile(r"\b([A-Z][a-z]+) $")
# Endings of nationality words that stand before names ("Iranian", "Japanese", "Israeli").
_DEMONYM_ENDINGS = ("an", "ese", "i", "ish", "ch")


def name_titles() -> frozenset[str]:
    """Titles and roles written before a surname (data/name_titles.txt)."""
    return word_list("name_titles.txt")


def _written_as_name(word: str, prose: str) -> bool:
    """Whether `prose` writes `word` capitalised, and never in lower case."""
    found = re.findall(rf"\b{re.escape(word)}\b", prose, re.IGNORECASE)
    return bool(found) and all(w[0].isupper() for w in found)


def _prose(fields: Sequence[tuple[str, str]]) -> str:
    """The lead and body of an item, where names are written in their usual case."""
    return "\n".join(raw for name, raw in fields if name != "title")


def _title_case(title: str) -> bool:
    """Most longer words capitalised, as in "Kim Says Talks Will Resume"."""
    words = [w for w in _WORD.findall(title) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _fields(title: str, text: str) -> list[tuple[str, str]]:
    """Split an item into (field, text): title, lead and body.

    A title that is no headline (a slug, an editing note, one word: see titles.py) is treated
    as absent, and the first sentence after the dateline stands in for it: agencies write that
    sentence as a headline of its own.
    """
    title = title.strip()
    body = text.strip()
    # Scraped pages often repeat the headline as the first line of the text.
    if title and body.startswith(title):
        body = body[len(title) :].lstrip()
    head = headline(title)
    if not head and body:
        dateline = dateline_end(body)
        stop = first_sentence_end(body, dateline)
        head, body = body[dateline:stop].strip(), (body[:dateline] + body[stop:]).strip()
    cut = lead_end(body)
    out = [("title", head), ("lead", body[:cut]), ("body", body[cut:])]
    return [(name, value) for name, value in out if value]


def _hall_conditions(require: Sequence[str]) -> tuple[tuple[frozenset[str], int], ...]:
    """For each group of require entries: the kinds they accept together and how many terms
    they need. Every require entry is met by a different term exactly when every group can draw
    on at least as many terms as it has entries (Hall's theorem).
    """
    options = [frozenset(entry.split("|")) for entry in require]
    out = []
    for mask in range(1, 1 << len(options)):
        group = [opts for i, opts in enumerate(options) if mask >> i & 1]
        out.append((frozenset().union(*group), len(group)))
    return tuple(out)


def _satisfies(require: Sequence[str], found: Iterable[_TermHits]) -> bool:
    """Whether the found terms meet a require rule such as ("actor", "place|keyword")."""
    return _meets(_hall_conditions(require), found)


def _meets(conditions: Sequence[tuple[frozenset[str], int]], found: Iterable[_TermHits]) -> bool:
    """Whether the found terms meet precomputed Hall conditions (see _hall_conditions)."""
    per_kind: dict[str, int] = {}
    for t in found:
        per_kind[t.kind] = per_kind.get(t.kind, 0) + 1
    if not conditions:
        return bool(per_kind)
    for kinds, need in conditions:
        if sum(per_kind.get(k, 0) for k in kinds) < need:
            return False
    return True
