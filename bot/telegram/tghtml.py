"""Telegram-HTML parsing as the Bot API does it: markup → plain text + entities, or a parse error.

Used by the fake Bot API server to reject what Telegram would reject, and by delivery to turn a
message Telegram refused into plain text. Offsets are UTF-16 code units, as Telegram counts them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

MAX_MESSAGE_UTF16 = 4096

# tag → entity type; a `span` is only accepted with class="tg-spoiler".
_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "tg-emoji": "custom_emoji",
}
SUPPORTED_TAGS = frozenset(_TAG_ENTITY)

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,4}));")
_TAG_NAME_RE = re.compile(r"[a-zA-Z0-9-]*")
_ATTR_RE = re.compile(
    r"""\s*([a-zA-Z_][a-zA-Z0-9_:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"""
)


class HtmlParseError(ValueError):
    """Markup Telegram would refuse; the message reads like the Bot API's description."""


@dataclass(frozen=True, slots=True)
class Entity:
    type: str
    offset: int  # UTF-16 code units
    length: int  # UTF-16 code units
    url: str | None = None
    language: str | None = None
    custom_emoji_id: str | None = None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"type": self.type, "offset": self.offset, "length": self.length}
        if self.url is not None:
            out["url"] = self.url
        if self.language is not None:
            out["language"] = self.language
        if self.custom_emoji_id is not None:
            out["custom_emoji_id"] = self.custom_emoji_id
        return out


@dataclass(frozen=True, slots=True)
class ParsedText:
    text: str
    entities: tuple[Entity, ...] = field(default=())

    @property
    def utf16_length(self) -> int:
        return utf16_len(self.text)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: characters outside the BMP count twice."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


@dataclass(slots=True)
class _Open:
    tag: str
    offset: int
    attrs: dict[str, str]


def parse_html(text: str) -> ParsedText:
    """Parse Telegram HTML; raise HtmlParseError with a Bot-API-style reason on bad markup."""
    out: list[str] = []
    pos16 = 0  # UTF-16 length of what is in `out`
    stack: list[_Open] = []
    entities: list[Entity] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "&":
            m = _ENTITY_RE.match(text, i)
            decoded: str | None = None
            if m:
                if m.group(1) is not None or m.group(2) is not None:
                    code = int(m.group(1)) if m.group(1) is not None else int(m.group(2), 16)
                    if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                        decoded = chr(code)
                else:
                    decoded = _NAMED_ENTITIES.get(m.group(3).lower())
            if decoded is not None and m is not None:
                out.append(decoded)
                pos16 += utf16_len(decoded)
                i = m.end()
            else:
                # Telegram keeps an unrecognised '&' as a literal character.
                out.append("&")
                pos16 += 1
                i += 1
            continue
        if ch != "<":
            j = i
            while j < n and text[j] not in "<&":
                j += 1
            chunk = text[i:j]
            out.append(chunk)
            pos16 += utf16_len(chunk)
            i = j
            continue
        begin = i
        if i + 1 < n and text[i + 1] == "/":
            close = text.find(">", i + 2)
            if close < 0:
                raise HtmlParseError(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
            name = text[i + 2 : close].strip().lower()
            if not stack:
                raise HtmlParseError(
                    f'Unexpected end tag at byte offset {_byte_offset(text, begin)}'
                )
            top = stack[-1]
            if name and name != top.tag:
                raise HtmlParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
                    f'expected "</{top.tag}>", found "</{name}>"'
                )
            stack.pop()
            entity = _entity_for(top, pos16 - top.offset)
            if entity is not None:
                entities.append(entity)
            i = close + 1
            continue
        m_name = _TAG_NAME_RE.match(text, i + 1)
        assert m_name is not None  # the pattern also matches the empty string
        name = m_name.group(0).lower()
        if name not in SUPPORTED_TAGS:
            raise HtmlParseError(
                f'Unsupported start tag "{name}" at byte offset {_byte_offset(text, begin)}'
            )
        j = m_name.end()
        attrs: dict[str, str] = {}
        while True:
            while j < n and text[j].isspace():
                j += 1
            if j >= n:
                raise HtmlParseError(
                    f"Unclosed start tag at byte offset {_byte_offset(text, begin)}"
                )
            if text[j] == ">":
                j += 1
                break
            if text[j] == "/" and j + 1 < n and text[j + 1] == ">":
                raise HtmlParseError(
                    f'Unsupported self-closing tag "{name}" at byte offset {_byte_offset(text, begin)}'
                )
            m_attr = _ATTR_RE.match(text, j)
            if not m_attr or m_attr.end() == j:
                raise HtmlParseError(
                    f'Expected equal sign in declaration of an attribute of the tag "{name}" '
                    f"at byte offset {_byte_offset(text, begin)}"
                )
            value = next((g for g in m_attr.group(2, 3, 4) if g is not None), "")
            attrs[m_attr.group(1).lower()] = html.unescape(value)
            j = m_attr.end()
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise HtmlParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(text, begin)}'
            )
        if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise HtmlParseError(
                f'Tag "tg-emoji" must have a numeric "emoji-id" attribute at byte offset '
                f"{_byte_offset(text, begin)}"
            )
        stack.append(_Open(name, pos16, attrs))
        i = j
    if stack:
        raise HtmlParseError(
            f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"'
        )
    entities.sort(key=lambda e: (e.offset, -e.length))
    return ParsedText("".join(out), tuple(entities))


def _entity_for(opened: _Open, length: int) -> Entity | None:
    if length <= 0:
        return None
    kind = _TAG_ENTITY[opened.tag]
    if kind == "text_link":
        href = opened.attrs.get("href", "").strip()
        if not href:
            return None  # Telegram shows the text without a link
        return Entity(kind, opened.offset, length, url=href)
    if kind == "code" and opened.attrs.get("class", "").startswith("language-"):
        return Entity(kind, opened.offset, length, language=opened.attrs["class"][9:])
    if kind == "blockquote" and "expandable" in opened.attrs:
        return Entity("expandable_blockquote", opened.offset, length)
    if kind == "custom_emoji":
        return Entity(kind, opened.offset, length, custom_emoji_id=opened.attrs["emoji-id"])
    return Entity(kind, opened.offset, length)


def strip_to_plain(text: str) -> str:
    """Best-effort plain text from possibly broken HTML: drop tags, unescape entities.

    Used when Telegram refused the markup, so it must not fail on anything.
    """
    try:
        return parse_html(text).text
    except HtmlParseError:
        without_tags = re.sub(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>", "", text)
        return html.unescape(without_tags)
