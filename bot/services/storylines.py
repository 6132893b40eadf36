"""The storylines the bot tracks, and which chat may see which: one catalog for the whole app.

Reads like a mapping (slug → Storyline). Owners (who made a private storyline with /track) are
read from storage once and kept until a storyline is added, removed, shared or moves with a
migrated group; every match and every subscriber list asks for them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from bot.models import Storyline
from bot.storage.ports import StorylineRepository

MIN_PREFIX = 3  # a shorter prefix names too many storylines to take on trust
MAX_SUGGESTIONS = 5


@dataclass(frozen=True, slots=True)
class SlugLookup:
    """What a typed storyline name refers to: one slug, or none with close candidates."""

    slug: str | None
    suggestions: tuple[str, ...] = ()


def find_slug(text: str, known: Iterable[str]) -> SlugLookup:
    """The slug `text` names: exactly, or as the only slug it begins (at least MIN_PREFIX
    characters); otherwise the slugs it begins or resembles, for "did you mean".
    """
    query = text.strip().lower()
    slugs = sorted(known)
    if query in slugs:
        return SlugLookup(query)
    if not query:
        return SlugLookup(None)
    starting = [s for s in slugs if s.startswith(query)]
    if len(starting) == 1 and len(query) >= MIN_PREFIX:
        return SlugLookup(starting[0])
    if starting:
        return SlugLookup(None, tuple(starting[:MAX_SUGGESTIONS]))
    # A misspelt name compares best with the slugs' beginnings of the same length as well.
    heads = {s[: len(query)]: s for s in slugs}
    close = difflib.get_close_matches(query, slugs, n=MAX_SUGGESTIONS, cutoff=0.6)
    for head in difflib.get_close_matches(query, list(heads), n=MAX_SUGGESTIONS, cutoff=0.75):
        if heads[head] not in close:
            close.append(heads[head])
    return SlugLookup(None, tuple(close[:MAX_SUGGESTIONS]))


def storyline_visible(owners: Mapping[str, int], slug: str, chat_id: int) -> bool:
    """A storyline is seen by every chat unless a chat owns it (made it with /track, unshared)."""
    owner = owners.get(slug)
    return owner is None or owner == chat_id


class StorylineCatalog(Mapping[str, Storyline]):
    """Tracked storylines by slug, with their owners.

    `version` changes whenever the set of storylines does (the matcher is rebuilt then);
    `terms_version` only when one is added (its terms are counted afresh).
    """

    def __init__(self, repo: StorylineRepository, storylines: Mapping[str, Storyline]) -> None:
        self._repo = repo
        self._by_slug = dict(storylines)
        self._owners: dict[str, int] | None = None
        self.version = 0
        self.terms_version = 0

    def __getitem__(self, slug: str) -> Storyline:
        return self._by_slug[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_slug)

    def __len__(self) -> int:
        return len(self._by_slug)

    def title(self, slug: str) -> str:
        """The storyline's title, or its slug when it is no longer tracked."""
        story = self._by_slug.get(slug)
        return story.title if story else slug

    async def owners(self) -> dict[str, int]:
        """Slug → owner chat of every private storyline (a copy: callers may keep it)."""
        if self._owners is None:
            self._owners = await self._repo.owners()
        return dict(self._owners)

    def forget_owners(self) -> None:
        """Owners changed in storage behind the catalog's back (a group migrated): re-read them."""
        self._owners = None

    async def owner(self, slug: str) -> int | None:
        """The chat that owns a private storyline, or None for a shared one."""
        return (await self.owners()).get(slug)

    async def visible(self, chat_id: int) -> dict[str, Storyline]:
        """The storylines `chat_id` may see: shared ones and its own private ones."""
        owners = await self.owners()
        return {
            slug: story
            for slug, story in self._by_slug.items()
            if storyline_visible(owners, slug, chat_id)
        }

    async def count_owned(self, chat_id: int) -> int:
        """How many private storylines the chat owns."""
        return sum(owner == chat_id for owner in (await self.owners()).values())

    async def add(self, storyline: Storyline, owner_chat_id: int | None = None) -> None:
        """Track a new storyline from now on, private to `owner_chat_id` when given."""
        await self._repo.add(storyline, owner_chat_id)
        self._by_slug[storyline.slug] = storyline
        self._owners = None
        self.version += 1
        self.terms_version += 1

    async def replace(self, storyline: Storyline) -> None:
        """A new definition for a tracked storyline, same slug and owner; its subscriptions and
        matches stay, and it is matched by the new definition from now on.
        """
        if storyline.slug not in self._by_slug:
            raise KeyError(storyline.slug)
        await self._repo.add(storyline, await self.owner(storyline.slug))
        self._by_slug[storyline.slug] = storyline
        self._owners = None
        self.version += 1
        self.terms_version += 1

    async def remove(self, slug: str) -> bool:
        """Stop tracking a storyline; its subscriptions and matches go with it."""
        removed = await self._repo.remove(slug)
        self._owners = None
        if self._by_slug.pop(slug, None) is not None:
            self.version += 1
        return removed

    async def share(self, slug: str) -> bool:
        """Make a private storyline visible to every chat; False when the slug is unknown."""
        shared = await self._repo.set_owner(slug, None)
        self._owners = None
        return shared
