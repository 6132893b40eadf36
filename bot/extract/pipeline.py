"""The extractor: clean text, one spaCy pass, then cheap rule passes for people, quotes, meetings, trips.

Bad input (empty, huge, not English, no sentences, broken quotes, odd Unicode) gives an empty or
partial `Extraction` with the reason in `notes`, in bounded time; it never raises.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.extract.coref import Coref
from bot.extract.entities import build_people_index, resolve_place
from bot.extract.meetings import read_events, to_meetings
from bot.extract.nlp import DEFAULT_MODEL, get_nlp
from bot.extract.syntax import entities, parsed_from
from bot.extract.trips import build_trips
from bot.models import Extraction, Place, Quote

log = logging.getLogger(__name__)

# Bump when a rule change alters output, so cached extractions are recomputed.
EXTRACTOR_VERSION = "1.5"

# A sentence this long is a run-on without punctuation: the rules skip it to stay linear.
MAX_SENTENCE_TOKENS = 200
_ENGLISH_FUNCTION_WORDS = frozenset(
    # words frequent in English prose and rare as words of other Latin-script languages
    "the of and to is that for with was by from has are said his which were have".split()
)
_WORD = re.compile(r"[^\W\d_]+")

Item = tuple[str, str | None, str, datetime | None]


@dataclass(frozen=True, slots=True)
class _Prepared:
    article_id: str
    published: datetime | None
    original: str  # title + text as given (evidence is cut from here)
    cleaned: str  # same length, boilerplate blanked, quotes straightened
    title_end: int
    notes: tuple[str, ...]
    skip: bool


def _clean(text: str) -> str:
    try:
        from bot.extract.text import clean_text
    except ImportError:  # cleaning is optional: the rules cope with raw text
        return text
    return clean_text(text)


def _english_enough(text: str) -> bool:
    words = _WORD.findall(text[:20_000].lower())
    if len(words) < 8:
        return True  # too short to judge: a headline or a one-line summary
    latin = sum(1 for w in words if w.isascii())
    if latin < 0.6 * len(words):
        return False
    if len(words) < 40:
        return True  # a sentence or two can lack every function word and still be English
    function = sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS)
    return function >= 0.05 * len(words)


class Extractor:
    """Turns articles into `Extraction`s. The model loads on first use, not at construction."""

    def __init__(self, model_name: str = DEFAULT_MODEL, batch_size: int = 2,
                 max_chars: int = 200_000, *, nlp: Any = None) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if max_chars < 100:
            raise ValueError("max_chars must be at least 100")
        self.model_name = model_name
        self.batch_size = batch_size
        self.max_chars = max_chars
        self._nlp = nlp

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline, loaded on first use."""
        if self._nlp is None:
            self._nlp = get_nlp(self.model_name)
        return self._nlp

    # -- public API

    def extract(self, article_id: str, title: str | None, text: str,
                published: datetime | None) -> Extraction:
        """Everything one article states: meetings, trips, quotes, people, places."""
        return next(self.extract_many([(article_id, title, text, published)]))

    def extract_many(self, items: Iterable[Item]) -> Iterator[Extraction]:
        """Extractions in input order; parsing is batched with `nlp.pipe`."""
        batch: list[_Prepared] = []
        for item in items:
            batch.append(self._prepare(*item))
            if len(batch) >= self.batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    # -- steps

    def _prepare(self, article_id: Any, title: Any, text: Any, published: Any) -> _Prepared:
        notes: list[str] = []
        aid = str(article_id)
        if not isinstance(text, str):
            notes.append(f"text is {type(text).__name__}, not a string")
            text = ""
        if title is not None and not isinstance(title, str):
            notes.append("title ignored: not a string")
            title = None
        if published is not None and (not isinstance(published, datetime) or published.tzinfo is None):
            notes.append("published ignored: not an aware datetime")
            published = None
        title = (title or "").strip()
        body = text
        # Some sources repeat the headline as the first line; do not read it twice.
        if title and not body.lstrip().startswith(title):
            original = f"{title}\n\n{body}"
            title_end = len(title)
        else:
            original = body
            title_end = len(body) - len(body.lstrip()) + len(title) if title else 0
        if len(original) > self.max_chars:
            cut = original.rfind("\n", 0, self.max_chars)
            cut = cut if cut > self.max_chars // 2 else self.max_chars
            notes.append(f"text truncated from {len(original)} to {cut} characters")
            original = original[:cut]
        cleaned = _clean(original)
        skip = False
        if not cleaned.strip():
            notes.append("empty text")
            skip = True
        elif not _english_enough(cleaned):
            notes.append("text does not look like English; nothing extracted")
            skip = True
        for note in notes:
            log.info("article %s: %s", aid, note)
        return _Prepared(aid, published, original, cleaned, title_end, tuple(notes), skip)

    def _run(self, batch: list[_Prepared]) -> Iterator[Extraction]:
        todo = [p for p in batch if not p.skip]
        docs: dict[int, Any] = {}
        if todo:
            try:
                for p, doc in zip(todo, self.nlp.pipe([p.cleaned for p in todo], batch_size=self.batch_size), strict=True):
                    docs[id(p)] = doc
            except Exception as exc:  # one bad text must not sink the batch: retry one by one
                log.warning("batch parse failed (%s); parsing one by one", exc)
                for p in todo:
                    try:
                        docs[id(p)] = self.nlp(p.cleaned)
                    except Exception as one_exc:  # noqa: BLE001 - reported in notes
                        log.warning("article %s: parse failed: %s", p.article_id, one_exc)
        for p in batch:
            doc = docs.get(id(p))
            if doc is None:
                notes = p.notes if p.skip else (*p.notes, "parse failed")
                yield Extraction(article_id=p.article_id, extractor_version=EXTRACTOR_VERSION, notes=notes)
                continue
            yield self._from_doc(p, doc)

    def _from_doc(self, p: _Prepared, doc: Any) -> Extraction:
        notes = list(p.notes)
        parsed_from(doc, p.cleaned)  # the layers read the text often; joining the tokens is slow
        try:
            if _longest_sentence(doc) > MAX_SENTENCE_TOKENS:
                notes.append(f"sentences over {MAX_SENTENCE_TOKENS} tokens skipped by the rules")
            people = build_people_index(doc)
            # quotes first, so a pronoun that speaks is the same person in the meetings it takes
            # part in; the meeting layer's resolver learns only who spoke, not the quote layer's
            # other readings
            speaking = Coref(doc, people)
            quotes = self._quotes(doc, people, p.original, notes, speaking)
            events = read_events(doc, people, p.published, title_end=p.title_end, source=p.original,
                                 max_sentence_tokens=MAX_SENTENCE_TOKENS,
                                 coref=Coref(doc, people).knowing_who_spoke(speaking))
            meetings = to_meetings(events)
            trips = build_trips(events)
            places = _places(doc)
        except Exception as exc:  # a rule bug must cost one article, not the run
            log.exception("article %s: extraction failed", p.article_id)
            return Extraction(article_id=p.article_id, extractor_version=EXTRACTOR_VERSION,
                              notes=(*notes, f"extraction failed: {type(exc).__name__}: {exc}"))
        return Extraction(
            article_id=p.article_id,
            meetings=tuple(meetings),
            trips=tuple(trips),
            quotes=tuple(quotes),
            people=tuple(people.people),
            places=tuple(places),
            extractor_version=EXTRACTOR_VERSION,
            notes=tuple(notes),
        )

    @staticmethod
    def _quotes(doc: Any, people: Any, source: str, notes: list[str], coref: Coref) -> list[Quote]:
        try:
            from bot.extract.quotes import extract_quotes
        except ImportError:
            notes.append("quote extraction not available")
            return []
        try:
            return list(extract_quotes(doc, people, source_text=source, coref=coref))
        except Exception as exc:  # quotes are one part; meetings still stand
            log.exception("quote extraction failed")
            notes.append(f"quote extraction failed: {type(exc).__name__}")
            return []


def _longest_sentence(doc: Any) -> int:
    starts = [i for i, v in enumerate(doc.to_array(["SENT_START"]).tolist()) if v == 1 or i == 0]
    bounds = [*starts, len(doc)]
    return max((b - a for a, b in zip(bounds, bounds[1:], strict=False)), default=0)


def _places(doc: Any) -> list[Place]:
    seen: set[str] = set()
    out: list[Place] = []
    for ent in entities(doc):
        if ent.label_ not in ("GPE", "LOC"):
            continue
        place = resolve_place(ent.text)
        if place is None or place.name in seen:
            continue
        if place.city and ent.start > 0 and doc[ent.start - 1].lower_ == "the" \
                and resolve_place("the " + ent.text) is None:
            continue  # "the Andes": a name with an article is no small town of that name
        seen.add(place.name)
        out.append(place)
    return out
