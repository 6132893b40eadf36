"""The extraction cache: one Extraction per (content hash, extractor version), stored as JSON."""

from __future__ import annotations

from sqlalchemy import select

from bot.models import Extraction
from bot.storage.base import Repo
from bot.storage.codec import extraction_from_json, extraction_to_json
from bot.storage.schema import extractions


def _check_key(content_hash: str, version: str) -> None:
    if not isinstance(content_hash, str) or not content_hash:
        raise ValueError(f"an extraction needs a non-empty content hash, got {content_hash!r}")
    if not isinstance(version, str):
        raise ValueError(f"the extractor version must be a string, got {version!r}")


class ExtractionRepo(Repo):
    """Cached extraction results; a new extractor version misses the cache by design."""

    async def get(self, content_hash: str, version: str) -> Extraction | None:
        _check_key(content_hash, version)
        stmt = select(extractions.c.data).where(
            extractions.c.content_hash == content_hash, extractions.c.version == version
        )
        async with self._engine.connect() as conn:
            data = (await conn.execute(stmt)).scalar_one_or_none()
        return extraction_from_json(data) if data is not None else None

    async def put(self, content_hash: str, version: str, extraction: Extraction) -> None:
        """Cache `extraction`, replacing any earlier result for the same key."""
        _check_key(content_hash, version)
        if not isinstance(extraction, Extraction):
            raise TypeError(f"expected an Extraction, got {type(extraction).__name__}")
        data = extraction_to_json(extraction)
        stmt = self._insert(extractions).values(
            content_hash=content_hash,
            version=version,
            article_id=extraction.article_id,
            data=data,
            created_at=self._now(),
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["content_hash", "version"],
            set_={"article_id": stmt.excluded.article_id, "data": stmt.excluded.data},
        )
        async with self._write() as conn:
            await conn.execute(stmt)
