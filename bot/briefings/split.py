"""Split Telegram HTML into messages of at most 4096 UTF-16 units, never inside a tag or entity.

Cuts prefer item boundaries (blank lines), then line breaks, then sentence ends, then spaces,
and only at places where no tag is open, so the pieces join back to the input. A single block
longer than a message (a huge <pre>, say) is cut where it must be; the open tags are then closed
at the end of one piece and reopened at the start of the next, so each piece still parses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TELEGRAM_LIMIT = 4096

_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|&[#a-zA-Z0-9]+;|[^<&]+|[<&]")
_SEPARATORS = ("\n\n", "\n", ". ", " ")
_BULLETS = frozenset("•·▪◦‣-–—")


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True, slots=True)
class _Boundary:
    pos: int  # character offset where a cut may fall
    units: int  # UTF-16 units before pos
    open_tags: tuple[tuple[str, str], ...]  # (name, full opening tag) still open at pos


def _boundaries(html: str) -> list[_Boundary]:
    """Every character position outside tags and entities, with the tags open there."""
    out: list[_Boundary] = []
    stack: list[tuple[str, str]] = []
    units = 0
    for m in _TOKEN.finditer(html):
        piece = m.group(0)
        if m.group(2):  # a tag: no cut inside it
            name = m.group(2).lower()
            if m.group(1):
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i][0] == name:
                        del stack[i:]
                        break
            elif not m.group(3).rstrip().endswith("/"):
                stack.append((name, piece))
            units += utf16_len(piece)
            out.append(_Boundary(m.end(), units, tuple(stack)))
        elif piece.startswith("&") and len(piece) > 1:  # an entity: atomic
            units += len(piece)
            out.append(_Boundary(m.end(), units, tuple(stack)))
        else:
            start = m.start()
            for offset, ch in enumerate(piece):
                units += 2 if ord(ch) > 0xFFFF else 1
                out.append(_Boundary(start + offset + 1, units, tuple(stack)))
    return out


def _closing(tags: tuple[tuple[str, str], ...]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(tags))


def _opening(tags: tuple[tuple[str, str], ...]) -> str:
    return "".join(tag for _, tag in tags)


def split_message(html: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Cut `html` into pieces of at most `limit` UTF-16 units each (see the module docstring)."""
    if limit < 64:
        raise ValueError("limit must leave room for tags (>= 64)")
    if utf16_len(html) <= limit:
        return [html] if html else []
    bounds = _boundaries(html)
    pieces: list[str] = []
    start = 0
    start_units = 0
    prefix_tags: tuple[tuple[str, str], ...] = ()
    i = 0
    while True:
        prefix = _opening(prefix_tags)
        rest_units = utf16_len(prefix) + (bounds[-1].units - start_units if bounds else 0)
        if rest_units <= limit:
            pieces.append(prefix + html[start:])
            break
        budget = limit - utf16_len(prefix)
        fits: list[int] = []  # indices of boundaries where a cut keeps this piece within budget
        j = i
        while j < len(bounds) and bounds[j].units - start_units + utf16_len(
            _closing(bounds[j].open_tags)
        ) <= budget:
            if bounds[j].pos > start:
                fits.append(j)
            j += 1
        if not fits:
            raise ValueError("a single tag is longer than the message limit")
        # A piece must show something: no cut before the first visible content (a piece that
        # is only "• " or spaces is an empty message to the reader, and Telegram refuses it).
        content = _first_content(html, start)
        fits = [k for k in fits if bounds[k].pos > content] or fits
        # Prefer the best separator in the second half of the window, so pieces stay large.
        half = start_units + budget // 2
        clean = [k for k in fits if not bounds[k].open_tags]
        late = [k for k in clean if bounds[k].units >= half] or clean
        ranked = sorted(late, key=lambda k: (_rank(html, bounds[k].pos), -k))
        k = ranked[0] if ranked and _rank(html, bounds[ranked[0]].pos) < len(_SEPARATORS) else (
            clean[-1] if clean else fits[-1]
        )
        cut = bounds[k]
        pieces.append(prefix + html[start : cut.pos] + _closing(cut.open_tags))
        prefix_tags = cut.open_tags
        start, start_units = cut.pos, cut.units
        i = k + 1
    return pieces


def _first_content(html: str, start: int) -> int:
    """The offset of the first visible character from `start` that is neither white space nor
    a bullet (len(html) if there is none); tags show nothing, an entity shows a character."""
    for m in _TOKEN.finditer(html, start):
        if m.group(2):
            continue
        piece = m.group(0)
        if piece.startswith("&") and len(piece) > 1:
            return m.start()
        for offset, ch in enumerate(piece):
            if not ch.isspace() and ch not in _BULLETS:
                return m.start() + offset
    return len(html)


def is_blank(html: str) -> bool:
    """True when a piece shows only white space and bullets: not worth (or allowed) sending."""
    return _first_content(html, 0) == len(html)


def _rank(html: str, pos: int) -> int:
    """How good a cut at `pos` is: 0 after a blank line ... len(_SEPARATORS) anywhere else."""
    for rank, sep in enumerate(_SEPARATORS):
        if html.endswith(sep, 0, pos):
            return rank
    return len(_SEPARATORS)


def split_for_sending(html: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """The pieces of `html` worth sending: split_message without blank pieces (a piece that is
    only white space or bullets carries nothing, and Telegram refuses an empty text)."""
    return [piece for piece in split_message(html, limit) if not is_blank(piece)]
