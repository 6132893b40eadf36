"""Storyline matcher: which tracked stories an item is mainly about, with the evidence (pure).

One Aho-Corasick automaton holds every alias, place and keyword of every storyline, so one pass
over an item finds the terms of all storylines at once; the cost of that pass does not grow with
the number of storylines, only the (few) storylines actually hit are scored.

Scoring, per storyline:
* a term weighs by its kind (actor > keyword > place) and by how specific it is inside the
  storyline set (a name shared by six storylines says little about which one an item is about);
* where it is found counts (title > lead > body), repetition adds a little;
* the storyline's `require` rule says which kinds must co-occur (as different terms);
* the main subject must show in the title or the lead: a passing mention deep in the body is not
  enough;
* a dated item must be published inside the window (with a little slack); undated items are
  judged by content only;
* newsletter round-ups and market reports are about no single story (see genre.py);
* close relatives: when two storylines match, the weaker one is kept only if it has evidence of
  its own, beyond the terms it shares with the stronger one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import ahocorasick

from bot.models import Article, Evidence, Match, Storyline
from bot.storylines.genre import genre_reason
from bot.storylines.places import is_country
from bot.storylines.text import Folded, fold, fold_term, lead_end

KIND_WEIGHT = {"actor": 1.0, "keyword": 0.8, "place": 0.6}
FIELD_WEIGHT = {"title": 3.0, "lead": 2.0, "body": 1.0}
# Plural endings a keyword may carry ("militia" → "militias", "tariff" → "tariffs").
KEYWORD_SUFFIXES = ("es", "s")
# Demonym endings a place may carry ("Iraq" → "Iraqis", "Iran" → "Iranian", "Japan" → "Japanese");
# such a hit says less about where the story is than the name itself, hence the lower factor.
PLACE_SUFFIXES = ("ians", "ian", "ans", "an", "ese", "is", "i", "ns", "n")
DEMONYM_FACTOR = 0.5
# A whole country ("Iran", "the U.S.") is a broad "where"; a city or a site pins the story down.
COUNTRY_FACTOR = 0.6
# Score units: one specific actor named in the title scores 1.0.
SCALE = FIELD_WEIGHT["title"] * KIND_WEIGHT["actor"]
EVIDENCE_PER_TERM = 3


@dataclass(frozen=True, slots=True)
class _Entry:
    """One storyline's use of a folded pattern."""

    storyline: int
    kind: str
    term: str  # canonical: the actor's name, the place or the keyword as written


@dataclass(slots=True)
class _TermHits:
    kind: str
    term: str
    weight: float = 0.0
    count: int = 0
    best_field: float = 0.0
    prominent: bool = False  # found in the title or the lead
    patterns: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)

    def contribution(self) -> float:
        return self.weight * (self.best_field + 0.3 * min(self.count - 1, 5))


@dataclass(frozen=True, slots=True)
class _Candidate:
    index: int
    score: float
    terms: tuple[_TermHits, ...]


class Matcher:
    """Matches items against a fixed set of storylines; build once, call `match` many times."""

    def __init__(
        self,
        storylines: Sequence[Storyline],
        min_score: float = 1.0,
        *,
        window_slack_days: int = 3,
        relative_min_share: float = 0.3,
        co_subject_share: float = 0.5,
        lead_share: float = 0.5,
    ) -> None:
        slugs = [s.slug for s in storylines]
        if len(set(slugs)) != len(slugs):
            dup = sorted({s for s in slugs if slugs.count(s) > 1})
            raise ValueError(f"duplicate storyline slugs: {', '.join(dup)}")
        self.storylines: tuple[Storyline, ...] = tuple(storylines)
        self.min_score = min_score
        self.slack = timedelta(days=window_slack_days)
        self.relative_min_share = relative_min_share
        self.co_subject_share = co_subject_share
        self.lead_share = lead_share
        self._entries: dict[str, list[_Entry]] = {}
        for i, s in enumerate(self.storylines):
            for kind, term, pattern in _terms(s):
                entries = self._entries.setdefault(pattern, [])
                if not any(e.storyline == i and e.kind == kind for e in entries):
                    entries.append(_Entry(i, kind, term))
        self._log_n = math.log(len(self.storylines) + 1)
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
        self._users: dict[str, tuple[int, ...]] = {
            p: tuple(sorted({e.storyline for e in es})) for p, es in self._entries.items()
        }
        self._patterns_of: list[set[str]] = [set() for _ in self.storylines]
        for p, es in self._entries.items():
            for e in es:
                self._patterns_of[e.storyline].add(p)
        self._automaton = ahocorasick.Automaton()
        for p in self._entries:
            self._automaton.add_word(p, p)
        if self._entries:
            self._automaton.make_automaton()

    # ------------------------------------------------------------------ public

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
        eligible: dict[int, bool] = {}
        for field_name, raw in fields:
            self._scan(field_name, raw, hits, day, eligible)
        candidates: list[_Candidate] = []
        for index, terms in hits.items():
            s = self.storylines[index]
            found = tuple(sorted(terms.values(), key=lambda t: (t.kind, t.term)))
            if not _satisfies(s.require, found):
                continue
            if not any(t.prominent for t in found):
                continue
            score = sum(t.contribution() for t in found) / SCALE
            prominent_score = sum(t.contribution() for t in found if t.prominent) / SCALE
            # The main subject shows early: most of the weight must come from title and lead.
            if score < self.min_score or prominent_score < self.lead_share * score:
                continue
            candidates.append(_Candidate(index, score, found))
        kept = self._drop_shadowed(candidates)
        return [self._to_match(article_id, c, day) for c in kept]

    # ------------------------------------------------------------------ internals

    def _eligible(self, index: int, day: date | None, cache: dict[int, bool]) -> bool:
        if day is None:
            return True
        ok = cache.get(index)
        if ok is None:
            ok = cache[index] = self._in_window(self.storylines[index], day)
        return ok

    def _specificity(self, pattern: str, day: date | None, cache: dict[int, bool]) -> float:
        """How specific a pattern is, from 1 (one storyline uses it) towards 0 (all do).

        An IDF over the storyline set, normalised so a unique term weighs 1 for any set size.
        For a dated item only storylines whose window admits it compete: "Kim" is specific in
        January 2020 even though older Korean storylines list him too.
        """
        users = self._users[pattern]
        df = sum(1 for i in users if self._eligible(i, day, cache)) or len(users)
        return math.log((len(self.storylines) + 1) / df) / self._log_n if self._log_n else 1.0

    def _scan(
        self,
        field_name: str,
        raw: str,
        hits: dict[int, dict[tuple[str, str], _TermHits]],
        day: date | None,
        eligible: dict[int, bool],
    ) -> None:
        folded = fold(raw)
        text = folded.text
        fw = FIELD_WEIGHT[field_name]
        found = [
            (end - len(pattern) + 1, end, pattern)
            for end, pattern in self._automaton.iter(text)
            if end - len(pattern) + 1 == 0 or not text[end - len(pattern)].isalnum()
        ]
        starts = {start for start, _, _ in found}
        # In a Title Case headline every word is capitalised, so a capital says nothing there.
        check_names = not (field_name == "title" and _title_case(raw))
        for start, end, pattern in found:
            after = end + 1
            if (
                check_names
                and pattern in self._single_names
                and _other_name_follows(folded, raw, after, starts)
            ):
                continue
            specificity = -1.0
            for entry in self._entries[pattern]:
                if not self._eligible(entry.storyline, day, eligible):
                    continue
                if specificity < 0:
                    specificity = self._specificity(pattern, day, eligible)
                stop = _boundary(text, after, entry.kind)
                if stop is None:
                    continue
                factor = 1.0
                if entry.kind == "place":
                    if stop > after:
                        factor *= DEMONYM_FACTOR
                    if pattern in self._broad:
                        factor *= COUNTRY_FACTOR
                weight = KIND_WEIGHT[entry.kind] * specificity * factor
                per = hits.setdefault(entry.storyline, {})
                th = per.get((entry.kind, entry.term))
                if th is None:
                    th = per[(entry.kind, entry.term)] = _TermHits(entry.kind, entry.term)
                th.weight = max(th.weight, weight)
                th.count += 1
                th.best_field = max(th.best_field, fw)
                th.prominent = th.prominent or field_name != "body"
                th.patterns.add(pattern)
                if len(th.evidence) < EVIDENCE_PER_TERM:
                    th.evidence.append(_evidence(entry, folded, raw, start, stop, field_name))

    def _in_window(self, s: Storyline, day: date) -> bool:
        if s.window_start is not None and day < s.window_start - self.slack:
            return False
        return not (s.window_end is not None and day > s.window_end + self.slack)

    def _drop_shadowed(self, candidates: list[_Candidate]) -> list[_Candidate]:
        """Keep the best storyline, and each weaker one if it has evidence of its own, or if it
        is nearly as strong and its substance (two or more of its keywords) is there too: an item
        can be about two stories at once, such as one step of a longer negotiation.

        Own evidence means two or more terms that no stronger kept storyline also lists, weighing
        at least `relative_min_share` of its score and including a who or what (not just a where)
        seen in the title or lead: one extra generic word ("sanctions") is not a second story.
        """
        ordered = sorted(candidates, key=lambda c: (-c.score, self.storylines[c.index].slug))
        kept: list[_Candidate] = []
        for c in ordered:
            taken: set[str] = set()
            for k in kept:
                taken |= self._patterns_of[k.index]
            own = [t for t in c.terms if not (t.patterns & taken)]
            own_score = sum(t.contribution() for t in own) / SCALE
            co_subject = (
                bool(kept)
                and c.score >= self.co_subject_share * kept[0].score
                and sum(1 for t in c.terms if t.kind == "keyword") >= 2
            )
            if (
                kept
                and not co_subject
                and (
                    own_score < self.relative_min_share * c.score
                    or len(own) < 2
                    or not any(t.kind != "place" and t.prominent for t in own)
                )
            ):
                continue
            kept.append(c)
        return kept

    def _to_match(self, article_id: str, c: _Candidate, day: date | None) -> Match:
        s = self.storylines[c.index]
        evidence: list[Evidence] = []
        order = {"actor": 0, "place": 1, "keyword": 2}
        for t in sorted(c.terms, key=lambda t: (order[t.kind], -t.contribution(), t.term)):
            evidence.extend(t.evidence)
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


def _boundary(text: str, after: int, kind: str) -> int | None:
    """End of the hit if the pattern ending before `after` ends a word (allowing a plural for
    keywords and a demonym for places), else None."""
    if after >= len(text) or not text[after].isalnum():
        return after
    suffixes = KEYWORD_SUFFIXES if kind == "keyword" else PLACE_SUFFIXES if kind == "place" else ()
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


def _title_case(title: str) -> bool:
    """Most longer words capitalised, as in "Kim Says Talks Will Resume"."""
    words = [w for w in _WORD.findall(title) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _other_name_follows(folded: Folded, raw: str, after: int, starts: set[int]) -> bool:
    """True when a one-word name is directly followed by another capitalised name that is not a
    known term ("Kim Kardashian", "Abe Lincoln"): the text is about a different person."""
    if after >= len(folded.text) or folded.text[after] != " ":
        return False
    if after + 1 in starts:
        return False  # "Trump Kim summit": the next word is itself a storyline term
    end = folded.origin[after - 1] + 1
    m = _NEXT_WORD.match(raw, end)
    return m is not None and m.group(1).lower() not in _NOT_NAMES


def _evidence(
    entry: _Entry, folded: Folded, raw: str, start: int, stop: int, field_name: str
) -> Evidence:
    a, b = folded.span(start, stop)
    return Evidence(entry.kind, entry.term, raw[a:b], field_name, a)


def _fields(title: str, text: str) -> list[tuple[str, str]]:
    """Split an item into (field, text): title, lead and body."""
    title = title.strip()
    body = text.strip()
    # Scraped pages often repeat the headline as the first line of the text.
    if title and body.startswith(title):
        body = body[len(title) :].lstrip()
    cut = lead_end(body)
    out = [("title", title), ("lead", body[:cut]), ("body", body[cut:])]
    return [(name, value) for name, value in out if value]


def _satisfies(require: Sequence[str], found: Sequence[_TermHits]) -> bool:
    """Every require entry is met by a different term (a small bipartite assignment)."""
    options = [set(entry.split("|")) for entry in require]
    if not options:
        return bool(found)
    # Most constrained entries first keeps the backtracking tiny.
    options.sort(key=len)
    used: set[int] = set()

    def assign(i: int) -> bool:
        if i == len(options):
            return True
        for j, t in enumerate(found):
            if j not in used and t.kind in options[i]:
                used.add(j)
                if assign(i + 1):
                    return True
                used.discard(j)
        return False

    return assign(0)
