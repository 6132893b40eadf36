"""What the Bot API accepts as a photo, as pure checks: the upload (size, image, dimensions) and the
caption (Telegram HTML, at most 1,024 UTF-16 units after parsing, tgtext as the oracle).

Error descriptions are Telegram's own for the same faults.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from typing import Any

from bot.telegram.fake.rules import JSON, bad, parsed_text
from bot.tgtext.units import MAX_CAPTION_UTF16, utf16_len

MAX_PHOTO_BYTES = 10 * 1024 * 1024  # a photo uploaded with multipart/form-data
MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # any file a bot uploads; above it the HTTP layer answers 413
MAX_SIDES_SUM = 10_000  # width + height
MAX_SIDE_RATIO = 20.0


@dataclass(frozen=True, slots=True)
class Upload:
    """A file part of a multipart/form-data request."""

    data: bytes
    filename: str = ""
    content_type: str = ""


@dataclass(frozen=True, slots=True)
class Photo:
    """A photo as the server keeps it: the bytes the bot uploaded and what Telegram reports."""

    file_id: str
    file_unique_id: str
    width: int
    height: int
    data: bytes

    def sizes_json(self) -> list[JSON]:
        """The message's `photo` field: its sizes (here only the original)."""
        return [{
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "width": self.width,
            "height": self.height,
            "file_size": len(self.data),
        }]


def upload_for(params: JSON, field: str = "photo") -> Upload | str:
    """The uploaded file a request names in `field` (directly or as ``attach://name``), or the
    string it gives instead (a file_id or a URL)."""
    value: Any = params.get(field)
    if isinstance(value, str) and value.startswith("attach://"):
        value = params.get(value.removeprefix("attach://"))
    if isinstance(value, Upload):
        return value
    if isinstance(value, str) and value.strip():
        return value
    raise bad(f"there is no {field} in the request")


def photo_from_upload(upload: Upload) -> Photo:
    """A photo the upload makes, or the error Telegram gives for it: too big, not an image, or
    dimensions out of bounds (width + height over 10,000, or sides more than 20 times apart)."""
    if not upload.data:
        raise bad("file must be non-empty")
    if len(upload.data) > MAX_PHOTO_BYTES:
        raise bad("PHOTO_SAVE_FILE_INVALID")
    width, height = image_size(upload.data)
    if width + height > MAX_SIDES_SUM or max(width, height) / min(width, height) > MAX_SIDE_RATIO:
        raise bad("PHOTO_INVALID_DIMENSIONS")
    digest = hashlib.sha256(upload.data).hexdigest()
    return Photo(f"photo-{digest[:32]}", f"u{digest[:15]}", width, height, upload.data)


def image_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a well-formed image; IMAGE_PROCESS_FAILED for anything else, a
    decompression bomb included."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.verify()  # a truncated or corrupt file fails here, as Telegram's decoder would
                width, height = image.size
    except Exception:
        raise bad("IMAGE_PROCESS_FAILED") from None
    if width < 1 or height < 1:
        raise bad("IMAGE_PROCESS_FAILED")
    return width, height


def caption(params: JSON) -> tuple[str, tuple[JSON, ...]]:
    """The caption a user sees and its entities; empty when there is none."""
    text = params.get("caption")
    if text is None or text == "":
        return "", ()
    if not isinstance(text, str):
        raise bad("caption must be a string")
    plain, entities = parsed_text(text, params.get("parse_mode"), params.get("caption_entities"))
    if utf16_len(plain) > MAX_CAPTION_UTF16:
        raise bad("message caption is too long")
    return plain, entities
