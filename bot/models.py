"""Plain frozen data shared by every stage: feeds, articles, storylines, matches, extractions.

No behaviour beyond small derived properties; no I/O. Every datetime is aware and in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# ---------------------------------------------------------------- feeds and articles


@dataclass(frozen=True, slots=True)
class FeedSource:
    """A feed as configured: where it lives and what to call it."""

    url: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one conditional GET returned. `body` is None on 304 or failure."""

    url: str
    status: int  # HTTP status; 0 when no response arrived
    body: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    final_url: str | None = None
    error: str | None = None  # human-readable reason when the fetch failed
    retry_after_s: float | None = None  # the server's Retry-After (429/503), in seconds

    @property
    def not_modified(self) -> bool:
        """The server answered 304: the feed has not changed since the last fetch."""
        return self.status == 304

    @property
    def ok(self) -> bool:
        """The fetch succeeded, with a new body (200) or none needed (304)."""
        return self.error is None and self.status in (200, 304)


@dataclass(frozen=True, slots=True)
class RawItem:
    """One feed entry as parsed, before normalisation."""

    guid: str | None
    link: str | None
    title: str | None
    summary_html: str | None
    content_html: str | None
    published: datetime | None  # None when absent or unparseable
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A normalised news item: clean text, canonical link, UTC time, stable id."""

    id: str  # stable: derived from the feed and the item's identity
    feed_url: str
    guid: str | None
    url: str | None  # canonical link
    title: str
    text: str  # clean plain text, paragraphs separated by "\n"
    published: datetime  # UTC; the fetch time when the feed gave none
    published_missing: bool  # True when `published` is the fetch time, not the feed's
    content_hash: str
    fetched_at: datetime
    source_name: str = ""  # the outlet or feed title, for "sources" lists


# ---------------------------------------------------------------- storylines and matches


@dataclass(frozen=True, slots=True)
class Actor:
    """A person or body a storyline follows, with the other names the news uses for them."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str = ""

    @property
    def all_names(self) -> tuple[str, ...]:
        """The name first, then the aliases: every form the matcher looks for."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Storyline:
    """A story a user follows: actors with aliases, places, keywords, a date window."""

    slug: str
    title: str
    description: str = ""
    window_start: date | None = None
    window_end: date | None = None
    actors: tuple[Actor, ...] = ()
    places: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    # What must co-occur for a match, e.g. ("actor", "place|keyword"): each entry is a set of
    # alternatives separated by "|" and every entry must be satisfied.
    require: tuple[str, ...] = ("actor", "place|keyword")
    source: str = ""  # file it was loaded from, for error messages


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason an item matched: which term of which kind was found, and where."""

    kind: str  # "actor" | "place" | "keyword" | "window"
    term: str  # the storyline's canonical term (actor name, place, keyword)
    found: str  # the text as found in the item
    field: str  # "title" | "lead" | "body"
    offset: int = -1  # character offset in that field


@dataclass(frozen=True, slots=True)
class Match:
    """An article matched to a storyline, with its score and the evidence for it."""

    article_id: str
    slug: str
    score: float
    evidence: tuple[Evidence, ...] = ()
    # Readers' feedback that weighed in: the terms it reweighed, and whether it decided the match
    # ("Lena Hartmann ×1.50 (it decided: without it, not matched)"); "" when none did.
    feedback: str = ""

    def explain(self, per_field: int = 4) -> str:
        """One line a person can read: which names were found where, the date window, and
        readers' feedback when it weighed in.

        'title: Mike Pompeo, Pyongyang · lead: Kim Jong Un · body: summit +3 more · in window'
        """
        found: dict[str, list[str]] = {}
        window = ""
        for ev in self.evidence:
            if ev.kind == "window":
                window = ev.term
                continue
            terms = found.setdefault(ev.field, [])
            if ev.term not in terms and not any(ev.term in t for t in found.values()):
                terms.append(ev.term)
        parts = []
        for where in ("title", "lead", "body"):
            terms = found.get(where, [])
            if terms:
                more = f" +{len(terms) - per_field} more" if len(terms) > per_field else ""
                parts.append(f"{where}: {', '.join(terms[:per_field])}{more}")
        if window:
            parts.append(f"published in window {window}")
        if self.feedback:
            parts.append(f"readers' feedback: {self.feedback}")
        return " · ".join(parts)


# ---------------------------------------------------------------- extraction


@dataclass(frozen=True, slots=True)
class Person:
    """A person named in an article, with the role and country the article gives them."""

    name: str  # fullest form in the text
    role: str = ""  # "Secretary of State", "Prime Minister", ...
    country: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """A place named in an article, with its city and country when known."""

    name: str  # as stated
    city: str = ""
    country: str = ""


@dataclass(frozen=True, slots=True)
class Meeting:
    """Who met whom, where, when and how sure the article is that it happened."""

    participants: tuple[str, ...]
    location: str | None
    status: str  # "happened" | "planned" | "reported-past"
    type: str = "meeting"  # meeting | talks | visit | hosting | call | summit | negotiation
    date: date | None = None
    country: str = ""  # the location's country when known
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class TripStop:
    """One place on a traveller's trip, visited or planned."""

    place: str
    status: str  # "happened" | "planned"
    country: str = ""
    date: date | None = None
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Trip:
    """A traveller's stops, in the order the article gives them."""

    traveller: str
    stops: tuple[TripStop, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """Something said, by whom (None when unattributed), to whom, directly or reported."""

    speaker: str | None
    text: str
    kind: str = "direct"  # "direct" | "indirect"
    verb: str = ""  # said, told, warned, ...
    audience: str = ""  # "reporters", "the Washington Post", ...
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article."""

    article_id: str
    meetings: tuple[Meeting, ...] = ()
    trips: tuple[Trip, ...] = ()
    quotes: tuple[Quote, ...] = ()
    people: tuple[Person, ...] = ()
    places: tuple[Place, ...] = ()
    extractor_version: str = ""
    notes: tuple[str, ...] = ()  # reasons for partial or empty results


# ---------------------------------------------------------------- briefings


@dataclass(frozen=True, slots=True)
class SourceRef:
    """An outlet's report of something: for "five outlets, one entry"."""

    title: str
    url: str | None
    source_name: str
    published: datetime


@dataclass(frozen=True, slots=True)
class Event:
    """One meeting as reported by one or more outlets, a plan and its outcome as one."""

    meeting: Meeting
    sources: tuple[SourceRef, ...] = field(default_factory=tuple)
    announced: date | None = None  # the day a plan that then took place was first reported
    background: bool = False  # cited only as context, or dated well before its reports
    quote: Quote | None = None  # the most informative thing said about it, if anything
    quote_source: SourceRef | None = None  # where `quote` was reported
