"""What the Bot API accepts as a document (sendDocument), as pure checks: an uploaded file of
1 byte to 50 MB, or one sent before by its file_id; the caption is checked as for photos.

Error descriptions are Telegram's own for the same faults.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from bot.telegram.fake.photos import MAX_UPLOAD_BYTES, Upload
from bot.telegram.fake.rules import JSON, bad


@dataclass(frozen=True, slots=True)
class Document:
    """A file as the server keeps it: the bytes the bot uploaded and what Telegram reports."""

    file_id: str
    file_unique_id: str
    file_name: str
    mime_type: str
    data: bytes

    def json(self) -> JSON:
        """The message's `document` field."""
        out: JSON = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }
        if self.file_name:
            out["file_name"] = self.file_name
        if self.mime_type:
            out["mime_type"] = self.mime_type
        return out


def document_from_upload(upload: Upload) -> Document:
    """The document an upload makes, or Telegram's error: empty, or over 50 MB."""
    if not upload.data:
        raise bad("file must be non-empty")
    if len(upload.data) > MAX_UPLOAD_BYTES:
        raise bad("file is too big")
    digest = hashlib.sha256(upload.data).hexdigest()
    return Document(
        f"document-{digest[:32]}", f"d{digest[:15]}", upload.filename or "", upload.content_type,
        upload.data,
    )
