"""Telegram HTML as the Bot API reads it: one tokenizer, the allowed tags, entities and nesting.

`tokens()` is the only place that reads markup; `parse_html()` turns its tokens into plain text
plus message entities (offsets in UTF-16 units, as Telegram counts them) and the splitter walks
the same tokens, so what is cut is exactly what Telegram will parse. Bad markup raises
HtmlParseError with a reason worded like the Bot API's "can't parse entities" description.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from bot.tgtext.units import utf16_len

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
_NO_ATTRS: Mapping[str, str] = MappingProxyType({})


class HtmlParseError(ValueError):
    """Markup Telegram would refuse; the message reads like the Bot API's description."""


@dataclass(frozen=True, slots=True)
class Token:
    """One piece of markup at `source[start:end]`.

    kind "text": characters shown as they are (`value` is them); "char": a character reference
    such as &amp; (`value` is the decoded character; it is never cut); "start"/"end": a tag
    (`value` is its lower-case name; an end tag names the tag it closes, even when written `</>`).
    """

    kind: Literal["text", "char", "start", "end"]
    start: int
    end: int
    value: str
    attrs: Mapping[str, str] = field(default_factory=lambda: _NO_ATTRS)


@dataclass(frozen=True, slots=True)
class Entity:
    """One Telegram message entity: a formatting span of the text, in UTF-16 code units."""
    type: str
    offset: int  # UTF-16 code units
    length: int  # UTF-16 code units
    url: str | None = None
    language: str | None = None
    custom_emoji_id: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The entity as the Bot API writes it, without the fields left unset."""
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
    """Telegram-HTML parsed as Telegram does: the plain text and its entities."""
    text: str
    entities: tuple[Entity, ...] = field(default=())

    @property
    def utf16_length(self) -> int:
        """The text's length in UTF-16 code units, as Telegram counts it."""
        return utf16_len(self.text)


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


def _char_ref(text: str, i: int) -> tuple[str, int] | None:
    """The character a reference at `i` stands for and where it ends, or None when Telegram
    would keep the '&' as a literal character.
    """
    m = _ENTITY_RE.match(text, i)
    if m is None:
        return None
    if m.group(1) is not None or m.group(2) is not None:
        code = int(m.group(1)) if m.group(1) is not None else int(m.group(2), 16)
        if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
            return chr(code), m.end()
        return None
    decoded = _NAMED_ENTITIES.get(m.group(3).lower())
    return (decoded, m.end()) if decoded is not None else None


def _end_tag(text: str, i: int, stack: list[str]) -> Token:
    """The end tag at `i`, checked against the innermost open tag (nesting must be exact)."""
    close = text.find(">", i + 2)
    if close < 0:
        raise HtmlParseError(f"Unclosed end tag at byte offset {_byte_offset(text, i)}")
    name = text[i + 2 : close].strip().lower()
    if not stack:
        raise HtmlParseError(f"Unexpected end tag at byte offset {_byte_offset(text, i)}")
    if name and name != stack[-1]:
        raise HtmlParseError(
            f"Unmatched end tag at byte offset {_byte_offset(text, i)}, "
            f'expected "</{stack[-1]}>", found "</{name}>"'
        )
    return Token("end", i, close + 1, stack.pop())


def _start_tag(text: str, i: int) -> Token:
    """The start tag at `i` with its attributes; only Telegram's tags and attribute rules pass."""
    n = len(text)
    m_name = _TAG_NAME_RE.match(text, i + 1)
    assert m_name is not None  # the pattern also matches the empty string
    name = m_name.group(0).lower()
    where = f"at byte offset {_byte_offset(text, i)}"
    if name not in SUPPORTED_TAGS:
        raise HtmlParseError(f'Unsupported start tag "{name}" {where}')
    j = m_name.end()
    attrs: dict[str, str] = {}
    while True:
        while j < n and text[j].isspace():
            j += 1
        if j >= n:
            raise HtmlParseError(f"Unclosed start tag {where}")
        if text[j] == ">":
            j += 1
            break
        if text[j] == "/" and j + 1 < n and text[j + 1] == ">":
            raise HtmlParseError(f'Unsupported self-closing tag "{name}" {where}')
        m_attr = _ATTR_RE.match(text, j)
        if not m_attr or m_attr.end() == j:
            raise HtmlParseError(
                f'Expected equal sign in declaration of an attribute of the tag "{name}" {where}'
            )
        value = next((g for g in m_attr.group(2, 3, 4) if g is not None), "")
        attrs[m_attr.group(1).lower()] = html.unescape(value)
        j = m_attr.end()
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise HtmlParseError(f'Tag "span" must have class "tg-spoiler" {where}')
    if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
        raise HtmlParseError(f'Tag "tg-emoji" must have a numeric "emoji-id" attribute {where}')
    return Token("start", i, j, name, MappingProxyType(attrs))


def tokens(text: str) -> Iterator[Token]:
    """The tokens of Telegram HTML in order; raise HtmlParseError where Telegram would refuse.

    Every tag must be one Telegram knows, with its required attributes, and tags close in the
    reverse order they opened. The error for a tag left open comes after its last token.
    """
    stack: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "&":
            ref = _char_ref(text, i)
            if ref is None:
                yield Token("text", i, i + 1, "&")  # Telegram keeps a stray '&' as it is
                i += 1
            else:
                yield Token("char", i, ref[1], ref[0])
                i = ref[1]
        elif ch != "<":
            j = i
            while j < n and text[j] not in "<&":
                j += 1
            yield Token("text", i, j, text[i:j])
            i = j
        elif i + 1 < n and text[i + 1] == "/":
            token = _end_tag(text, i, stack)
            yield token
            i = token.end
        else:
            token = _start_tag(text, i)
            stack.append(token.value)
            yield token
            i = token.end
    if stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')


def parse_html(text: str) -> ParsedText:
    """Parse Telegram HTML into text and entities; raise HtmlParseError on markup it refuses."""
    out: list[str] = []
    pos16 = 0  # UTF-16 length of what is in `out`
    opened: list[tuple[Token, int]] = []  # start tags still open, with their offset in `out`
    entities: list[Entity] = []
    for token in tokens(text):
        if token.kind == "start":
            opened.append((token, pos16))
        elif token.kind == "end":
            start, offset = opened.pop()
            entity = _entity_for(start, offset, pos16 - offset)
            if entity is not None:
                entities.append(entity)
        else:
            out.append(token.value)
            pos16 += utf16_len(token.value)
    entities.sort(key=lambda e: (e.offset, -e.length))
    return ParsedText("".join(out), tuple(entities))


def _entity_for(tag: Token, offset: int, length: int) -> Entity | None:
    if length <= 0:
        return None
    kind = _TAG_ENTITY[tag.value]
    if kind == "text_link":
        href = tag.attrs.get("href", "").strip()
        if not href:
            return None  # Telegram shows the text without a link
        return Entity(kind, offset, length, url=href)
    if kind == "code" and tag.attrs.get("class", "").startswith("language-"):
        return Entity(kind, offset, length, language=tag.attrs["class"][9:])
    if kind == "blockquote" and "expandable" in tag.attrs:
        return Entity("expandable_blockquote", offset, length)
    if kind == "custom_emoji":
        return Entity(kind, offset, length, custom_emoji_id=tag.attrs["emoji-id"])
    return Entity(kind, offset, length)


def strip_to_plain(text: str) -> str:
    """Best-effort plain text from possibly broken HTML: drop tags, unescape entities.

    Used when Telegram refused the markup, so it must not fail on anything.
    """
    try:
        return parse_html(text).text
    except HtmlParseError:
        without_tags = re.sub(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>", "", text)
        return html.unescape(without_tags)
