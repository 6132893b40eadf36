"""What a template is given: small frozen views built from stored data, and the phrases they use."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from urllib.parse import urlsplit

from bot.events import merge_events, told_in, worth_showing
from bot.models import Article, Event, Extraction, Match, Meeting, Quote, SourceRef, Trip

TYPE_VERBS = {
    "visit": ("visited", "is due to visit"),
    "call": ("spoke by phone with", "is due to call"),
    "hosting": ("hosted", "is due to host"),
    "summit": ("held a summit with", "is due to hold a summit with"),
    "talks": ("held talks with", "is due to hold talks with"),
    "negotiation": ("negotiated with", "is due to negotiate with"),
}
_STATUS_INDEX = {"happened": 0, "planned": 1, "reported-past": 2}


def meeting_phrase(m: Meeting) -> str:
    """'Mike Pompeo met Kim Jong Un in Pyongyang' / 'Mike Pompeo is due to visit Seoul' /
    'Moon Jae-in met Kim Jong Un earlier' (told as background).
    """
    idx = _STATUS_INDEX.get(m.status, 0)
    verbs = TYPE_VERBS.get(m.type) or ("met", "is due to meet")
    verb = verbs[1] if idx == 1 else verbs[0]
    earlier = " earlier" if idx == 2 and not m.date else ""  # a date says when
    first, *others = m.participants or ("(someone)",)
    where = f" in {m.location}" if m.location else ""
    if m.type == "visit" and not others:
        return f"{first} {verb} {m.location or 'an unnamed place'}{earlier}"
    if not others:  # one party named, e.g. "the foreign ministers of Chile and Argentina"
        kind = m.type if m.type in TYPE_VERBS or m.type == "meeting" else "meeting"
        phrase = (f"{kind.capitalize()} of", f"Planned {kind} of", f"Earlier {kind} of")[idx]
        return f"{phrase} {_mid_sentence(first)}{where}"
    return f"{first} {verb} {_join([_mid_sentence(o) for o in others])}{where}{earlier}"


_ARTICLES = ("The ", "A ", "An ")


def _mid_sentence(party: str) -> str:
    """A group that opened the reporter's sentence ("The foreign ministers", "A joint
    commission") takes a small article after "Meeting of" or "met".
    """
    for article in _ARTICLES:
        if party.startswith(article):
            return article.lower() + party[len(article):]
    return party


def source_of(article: Article) -> SourceRef:
    """How an article is cited: its title and link, under its outlet's name (or its host's)."""
    return SourceRef(
        title=article.title,
        url=article.url,
        source_name=article.source_name or host_of(article.url) or "feed",
        published=article.published,
    )


def host_of(url: str | None) -> str:
    """The host a link points to, without "www." ("" when there is none)."""
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # a malformed link names no outlet
        return ""
    try:  # an internationalised name is shown as written, not in its xn-- form
        host = host.encode("ascii").decode("idna")
    except UnicodeError:
        pass
    return host.removeprefix("www.")


def events_in(items: Iterable[tuple[Article, Extraction | None]]) -> list[Event]:
    """The meetings and trip stops the articles report, merged across outlets and from plan to
    outcome (one event, all its sources, the best thing said about it).
    """
    extracted = [(source_of(article), extraction) for article, extraction in items if extraction]
    return merge_events(
        ((m, source) for source, extraction in extracted for m in told_in(extraction)),
        {source: extraction.quotes for source, extraction in extracted},
    )


def _as_background(m: Meeting) -> Meeting:
    """An event merged as background is shown as background, whatever its reports said."""
    return m if m.status == "reported-past" else replace(m, status="reported-past")


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def short_date(d: date | datetime | None) -> str:
    """A day as briefings print it ("Sun 7 Oct 2018"); empty for no date."""
    if d is None:
        return ""
    return f"{d:%a} {d.day} {d:%b %Y}"


def quote_text(text: str, limit: int = 280) -> str:
    """A quote's words as briefings show them: without the comma (or colon) that stood before
    "he said" in the report, and cut at a word to at most `limit` characters, with "...".
    """
    words = text.strip().rstrip(",:;").rstrip()
    if len(words) <= limit:
        return words
    cut = words[: limit - 3].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "..."


@dataclass(frozen=True, slots=True)
class BriefingView:
    """One matched item for one storyline."""

    storyline_title: str
    slug: str
    article: Article
    match: Match
    extraction: Extraction | None
    extraction_note: str = ""  # said plainly when the item was not (or could not be) extracted
    show_why: bool = True  # the chat's option: the "Why it matched" line
    # Its events as merged with later outlets' reports (bot.briefings.updates); none at first.
    events: tuple[Event, ...] = ()

    @property
    def sources(self) -> tuple[SourceRef, ...]:
        """Every outlet that reported its events, its own article first (just that one at first)."""
        own = source_of(self.article)
        out, seen = [own], {own.url or own.title}
        for s in sorted((s for e in self.events for s in e.sources), key=lambda s: s.published):
            if (s.url or s.title) not in seen:
                out.append(s)
                seen.add(s.url or s.title)
        return tuple(out)

    def announced_on(self, m: Meeting) -> date | None:
        """The day a plan that has since taken place was first reported (merged events only)."""
        return next((e.announced for e in self.events if e.meeting == m), None)

    @property
    def happened(self) -> list[Meeting]:
        """The meetings reported as having taken place."""
        return [m for m in self._meetings if m.status == "happened"]

    @property
    def background(self) -> list[Meeting]:
        """Earlier meetings the item cites as background, kept apart from the news."""
        return [m for m in self._meetings if m.status == "reported-past"]

    @property
    def planned(self) -> list[Meeting]:
        """The meetings reported as planned."""
        return [m for m in self._meetings if m.status == "planned"]

    @property
    def _meetings(self) -> tuple[Meeting, ...]:
        if self.events:  # as the outlets now tell them: a plan since reported as done is done
            return tuple(e.meeting if not e.background else _as_background(e.meeting) for e in self.events)
        meetings = self.extraction.meetings if self.extraction else ()
        return tuple(m for m in meetings if worth_showing(m))

    @property
    def quotes(self) -> list[Quote]:
        """Up to four quotes with a named speaker, direct ones first."""
        if not self.extraction:
            return []
        named = [q for q in self.extraction.quotes if q.speaker]
        direct = [q for q in named if q.kind == "direct"]
        return (direct + [q for q in named if q.kind != "direct"])[:4]

    @property
    def trips(self) -> tuple[Trip, ...]:
        """The trips the article reports."""
        return self.extraction.trips if self.extraction else ()


@dataclass(frozen=True, slots=True)
class DigestSection:
    """What is new in one storyline since the chat's last digest."""

    storyline_title: str
    slug: str
    events: tuple[Event, ...] = ()  # newest first, background last (events.newest_first)
    other_items: tuple[tuple[Article, Match], ...] = ()  # matched items with no meeting
    left_out: int = 0  # events cut to keep the digest short: "+N more — /timeline <slug>"
    others_left_out: int = 0  # items cut likewise: "+N more — /latest <slug>"

    @property
    def news(self) -> tuple[Event, ...]:
        """The events that are news, background left out."""
        return tuple(e for e in self.events if not e.background)

    @property
    def background(self) -> tuple[Event, ...]:
        """Earlier events the items cite as context, shown after the news."""
        return tuple(e for e in self.events if e.background)


@dataclass(frozen=True, slots=True)
class DigestView:
    """A chat's digest: one section per storyline, since the last one, at the chat's local time."""

    sections: tuple[DigestSection, ...]
    since: datetime | None
    local_time: datetime


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated line of a timeline: a meeting or a trip stop, with its sources."""

    when: date | None
    kind: str  # "meeting" | "stop"
    text: str
    status: str
    sources: tuple[SourceRef, ...] = field(default_factory=tuple)
    event: Event | None = None  # for its announcement day, background mark and quote


@dataclass(frozen=True, slots=True)
class TimelineView:
    """A storyline's events in date order."""

    storyline_title: str
    slug: str
    entries: tuple[TimelineEntry, ...]


@dataclass(frozen=True, slots=True)
class PersonView:
    """One person's events and quotes across the storylines a chat can see."""

    name: str
    events: tuple[tuple[str, Event], ...]  # (storyline title, event)
    quotes: tuple[tuple[Quote, SourceRef], ...]


@dataclass(frozen=True, slots=True)
class FollowUpView:
    """What a follow-up says: the events that gained outlets, and those outlets."""

    storyline_title: str
    slug: str
    events: tuple[Event, ...]
    new_sources: tuple[SourceRef, ...]
