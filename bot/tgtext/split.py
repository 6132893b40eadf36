"""Split Telegram HTML into messages of at most 4096 UTF-16 units, never inside a tag or entity.

Cuts prefer item boundaries (blank lines), then line breaks, then sentence ends, then spaces,
and only at places where no tag is open, so the pieces join back to the input. A single block
longer than a message (a huge <pre>, say) is cut where it must be; the open tags are then closed
at the end of one piece and reopened at the start of the next, so each piece still parses.
The markup is read by `tgtext.html.tokens`, so input Telegram would refuse raises HtmlParseError.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from bot.tgtext.html import Token, tokens
from bot.tgtext.units import MAX_MESSAGE_UTF16, char_units, utf16_len

_SEPARATORS = ("\n\n", "\n", ". ", " ")
_BULLETS = frozenset("•·▪◦‣-–—")
_MIN_LIMIT = 64  # room for the tags a piece must close and the next reopen

OpenTags = tuple[tuple[str, str], ...]  # (name, full opening tag) of each tag open, outermost first


@dataclass(frozen=True, slots=True)
class _Boundary:
    pos: int  # character offset where a cut may fall
    units: int  # UTF-16 units before pos
    open_tags: OpenTags  # tags still open at pos
    closing_units: int  # UTF-16 units of the end tags a cut at pos must add


class _Markup:
    """The tokens of one text, with a fast way to find the token at a character offset."""

    def __init__(self, html: str) -> None:
        self.html = html
        self.tokens: list[Token] = list(tokens(html))
        self._ends = [t.end for t in self.tokens]

    def boundaries(self) -> list[_Boundary]:
        """Every character position outside tags and entities, with the tags open there."""
        out: list[_Boundary] = []
        stack: list[tuple[str, str]] = []
        open_tags: OpenTags = ()
        closing_units = 0
        units = 0
        for t in self.tokens:
            if t.kind == "text":
                for offset, ch in enumerate(t.value, start=t.start + 1):
                    units += char_units(ch)
                    out.append(_Boundary(offset, units, open_tags, closing_units))
                continue
            if t.kind in ("start", "end"):
                if t.kind == "start":
                    stack.append((t.value, self.html[t.start : t.end]))
                else:
                    stack.pop()
                # The open tags change only at a tag: computed here once, shared by the run after it.
                open_tags = tuple(stack)
                closing_units = utf16_len(_closing(open_tags))
            units += utf16_len(self.html[t.start : t.end])
            out.append(_Boundary(t.end, units, open_tags, closing_units))
        return out

    def first_content(self, start: int) -> int:
        """The offset of the first visible character from `start` that is neither white space
        nor a bullet (len(html) if there is none); tags show nothing, an entity shows a character.
        """
        for t in self.tokens[bisect_right(self._ends, start) :]:
            if t.kind == "char":
                return t.start
            if t.kind == "text":
                for offset in range(max(start, t.start), t.end):
                    ch = self.html[offset]
                    if not ch.isspace() and ch not in _BULLETS:
                        return offset
        return len(self.html)


def _closing(tags: OpenTags) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(tags))


def _opening(tags: OpenTags) -> str:
    return "".join(tag for _, tag in tags)


def split_message(html: str, limit: int = MAX_MESSAGE_UTF16) -> list[str]:
    """Cut `html` into pieces of at most `limit` UTF-16 units each (see the module docstring)."""
    if limit < _MIN_LIMIT:
        raise ValueError(f"limit must leave room for tags (>= {_MIN_LIMIT})")
    if utf16_len(html) <= limit:
        return [html] if html else []
    markup = _Markup(html)
    bounds = markup.boundaries()
    pieces: list[str] = []
    start = 0
    start_units = 0
    prefix_tags: OpenTags = ()
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
        while j < len(bounds) and bounds[j].units - start_units + bounds[j].closing_units <= budget:
            if bounds[j].pos > start:
                fits.append(j)
            j += 1
        if not fits:
            raise ValueError("a single tag is longer than the message limit")
        # A piece must show something: no cut before the first visible content (a piece that
        # is only "• " or spaces is an empty message to the reader, and Telegram refuses it).
        content = markup.first_content(start)
        fits = [k for k in fits if bounds[k].pos > content] or fits
        k = _best_cut(html, bounds, fits, start_units + budget // 2)
        cut = bounds[k]
        pieces.append(prefix + html[start : cut.pos] + _closing(cut.open_tags))
        prefix_tags = cut.open_tags
        start, start_units = cut.pos, cut.units
        i = k + 1
    return pieces


def _best_cut(html: str, bounds: Sequence[_Boundary], fits: list[int], half: int) -> int:
    """The boundary to cut at: the best separator outside every tag in the second half of the
    window (so pieces stay large), else the last place outside tags, else the last that fits.
    """
    clean = [k for k in fits if not bounds[k].open_tags]
    late = [k for k in clean if bounds[k].units >= half] or clean
    ranked = sorted(late, key=lambda k: (_rank(html, bounds[k].pos), -k))
    if ranked and _rank(html, bounds[ranked[0]].pos) < len(_SEPARATORS):
        return ranked[0]
    return clean[-1] if clean else fits[-1]


def is_blank(html: str) -> bool:
    """True when a piece shows only white space and bullets: not worth (or allowed) sending."""
    return _Markup(html).first_content(0) == len(html)


def _rank(html: str, pos: int) -> int:
    """How good a cut at `pos` is: 0 after a blank line ... len(_SEPARATORS) anywhere else."""
    for rank, sep in enumerate(_SEPARATORS):
        if html.endswith(sep, 0, pos):
            return rank
    return len(_SEPARATORS)


def split_for_sending(html: str, limit: int = MAX_MESSAGE_UTF16) -> list[str]:
    """The pieces of `html` worth sending: split_message without blank pieces (a piece that is
    only white space or bullets carries nothing, and Telegram refuses an empty text).
    """
    return [piece for piece in split_message(html, limit) if not is_blank(piece)]
