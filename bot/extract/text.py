"""Text preparation before parsing: boilerplate out, quotation marks straightened and paired.

`clean_text` never changes the length of the text, so every offset into the cleaned text is an
offset into the original as well: evidence and quote strings can be cut from either.
`find_quote_spans` pairs the quotation marks of cleaned text on characters alone (no model),
coping with the misplaced and unbalanced marks of machine-translated text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Curly, low-9, angle and full-width marks, each mapped one-for-one to its straight form.
_DOUBLE_MARKS = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e\u301f\uff02"
_SINGLE_MARKS = "\u2018\u2019\u201a\u201b\u2032\u2039\u203a\uff07"
# Spaces of every width become a plain space; invisible format characters become a space too
# (rather than vanishing) so that no offset moves.
_SPACES = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
)
_LINE_BREAKS = "\u2028\u2029\u0085\u000b\u000c"

_TRANSLATE: dict[int, str] = {}
_TRANSLATE.update({ord(c): '"' for c in _DOUBLE_MARKS})
_TRANSLATE.update({ord(c): "'" for c in _SINGLE_MARKS})
_TRANSLATE.update({ord(c): " " for c in _SPACES})
_TRANSLATE.update({ord(c): "\n" for c in _LINE_BREAKS})
# Other C0/C1 control characters (tab and newline excepted) carry no text.
_TRANSLATE.update({i: " " for i in range(0x20) if chr(i) not in "\t\n\r"})
_TRANSLATE.update({i: " " for i in range(0x7F, 0xA0) if i != 0x85})

# Markers that scrapers and CMS exports leave in article bodies. Bracketed ad/embed slots may sit
# anywhere; the phrases only count when they stand alone on a line or end the text.
_BRACKET_MARKERS = re.compile(
    r"\[(?:ad[_ ]?\d*|advertisement|embedded content|caption|gallery|video|related)\]",
    re.IGNORECASE,
)
_LINE_MARKERS = re.compile(
    r"(?im)^[ \t]*(?:source link|advertisement|story continues below(?: advertisement)?|"
    r"continue reading(?: the main story)?|share this article|read more|"
    r"click here to (?:subscribe|read more)[^\n]*|sign up for [^\n]{0,60}newsletter[^\n]*)"
    r"[ \t]*[.:]?[ \t]*$"
)
# Caption and player labels that scraped pages leave glued to the prose ("Image copyright
# Wire Agency Image caption ..."). Only the label words go; the caption text itself stays.
_INLINE_LABELS = re.compile(
    r"\b(?:Image copyright|Image caption|Media caption|Media playback is unsupported on your "
    r"device|Play slideshow|Replay More Videos|(?:JUST|MUST) WATCHED?)\b"
)
# "Source link" glued to the end of the last paragraph ("...[ad_2]Source link").
_TRAILING_SOURCE_LINK = re.compile(r"(?i)source link\s*\Z")


def _blank(match: re.Match[str]) -> str:
    """Spaces of the same length, keeping newlines so paragraph boundaries survive."""
    return re.sub(r"[^\n]", " ", match.group(0))


def clean_text(text: str) -> str:
    r"""Strip boilerplate and normalise quotation marks and spaces; the result has len(text).

    Curly quotes become straight ones, exotic spaces become plain spaces, CR and CRLF line ends
    become newlines (CRLF as " \n"), and scraper markers such as "[ad_1]" or a trailing
    "Source link" are overwritten by spaces. Anything that is not a `str` raises TypeError.
    """
    if not isinstance(text, str):
        raise TypeError(f"clean_text expects str, got {type(text).__name__}")
    if not text:
        return text
    # CRLF → " \n" and lone CR → "\n": one character for one.
    out = text.replace("\r\n", " \n").replace("\r", "\n")
    out = out.translate(_TRANSLATE)
    out = _BRACKET_MARKERS.sub(_blank, out)
    out = _LINE_MARKERS.sub(_blank, out)
    out = _INLINE_LABELS.sub(_blank, out)
    out = _TRAILING_SOURCE_LINK.sub(_blank, out)
    return out


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph: text separated by one or more newlines."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group(0).strip():
            spans.append((m.start(), m.end()))
    return spans


# ---------------------------------------------------------------- quotation-mark pairing

# Reporting verbs that may directly follow a closing mark ("...," he said). Used only to spot a
# closing mark written with the space on the wrong side, as machine translation often does.
_SPEECH_VERBS = (
    r"said|says|say|added|adds|told|tells|asked|asks|warned|warns|wrote|writes|continued|"
    r"continues|insisted|insists|explained|explains|stressed|stresses|noted|notes|replied|"
    r"replies|declared|declares|argued|argues|claimed|claims|recalled|recalls|concluded|"
    r"concludes|admitted|admits|added|announced|announces|urged|urges|remarked|observed"
)
_ATTRIBUTION_AFTER = re.compile(
    r"\s*(?:he|she|they|it|we|i|(?:(?:[A-Z][\w'.-]*|of|the)\s+){0,4}[A-Z][\w'.-]*)\s+"
    rf"(?:{_SPEECH_VERBS})\b[^\"\n]{{0,60}}?(?:[.,;:!?]|$)",
)
_TAG_PRONOUN = re.compile(r"(?:he|she|they|we|it)\s", re.ASCII)
_SPEECH_BEFORE = re.compile(rf"\b(?:{_SPEECH_VERBS})\s*,?\s*$", re.IGNORECASE)


def _misplaced_tag(text: str, i: int, lo: int, hi: int) -> re.Match[str] | None:
    """The speech tag glued after the mark at i ('..., "he said.'), when it is one.

    A quotation may itself start with a name and a verb ('She said, "Ilse told me ..."'), so a
    capitalised tag only counts after a comma that no speech verb introduces; a lower-case
    pronoun tag ("he said") never opens a real quotation.
    """
    tag = _ATTRIBUTION_AFTER.match(text, i + 1, hi)
    if tag is None or i + 1 >= hi or text[i + 1].isspace():
        return None
    if _TAG_PRONOUN.match(text, i + 1, hi):
        return tag
    before = text[max(lo, i - 40) : i].rstrip()
    if before.endswith(",") and not _SPEECH_BEFORE.search(before):
        return tag
    return None


_LEFT_OPEN = set(" \t\n([{\u2014\u2013-/")
_RIGHT_CLOSE = set(" \t\n.,;:!?)]}\u2014\u2013-")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Offsets of the words of one quotation (marks excluded, surrounding spaces trimmed)."""

    start: int
    end: int
    paragraph: int  # index into paragraph_spans(text)
    closed: bool = True  # False when the paragraph ended before a closing mark
    continues_previous: bool = False  # the previous paragraph's quotation ran on into this one
    repaired: bool = False  # marks were misplaced; the span is where the words are


def _shape(text: str, i: int, lo: int, hi: int) -> str:
    """'O' looks like an opening mark, 'C' like a closing one, 'A' when the spacing is silent."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    left_open = before in _LEFT_OPEN
    right_close = after in _RIGHT_CLOSE or after == '"'
    if left_open and not right_close:
        return "O"
    if right_close and not left_open:
        return "C"
    return "A"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _has_words(text: str, start: int, end: int) -> bool:
    return any(c.isalnum() for c in text[start:end])


def _sentence_start(text: str, lo: int, i: int) -> int:
    """Offset just after the last sentence end (or colon) before i, not before lo."""
    j = i - 1
    while j > lo:
        if text[j] in ".!?:" and text[j + 1].isspace():
            return j + 1
        j -= 1
    return lo


# The latest text paired and its quotations: the meeting and the quote readers both ask for the
# same document's, one after the other.
_last_paired: tuple[str, tuple[QuoteSpan, ...]] = ("", ())


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Pair the straight double quotation marks of (cleaned) text, paragraph by paragraph.

    Marks alternate open/close within a paragraph, corrected by their spacing: a mark that looks
    like an opener while a quotation is open, and is followed by a closer, starts a new quotation
    (the previous one lost its closing mark); a mark directly followed by "he said" closes a
    quotation even when spaced like an opener. A paragraph that ends inside a quotation closes it
    there, so one stray mark never swallows the rest of the article. Linear in the text length.
    """
    global _last_paired
    held = _last_paired
    if held[0] == text:
        return list(held[1])
    spans: list[QuoteSpan] = []
    open_at_end = False
    for p_index, (lo, hi) in enumerate(paragraph_spans(text)):
        para_spans, open_at_end = _pair_paragraph(text, lo, hi, p_index, open_at_end)
        spans.extend(para_spans)
    _last_paired = (text, tuple(spans))
    return spans


class _Paragraph:
    """Collects the quotations of one paragraph."""

    def __init__(self, text: str, lo: int, p_index: int, carried: bool) -> None:
        self.text = text
        self.lo = lo
        self.p_index = p_index
        self.carried = carried
        self.spans: list[QuoteSpan] = []

    def emit(self, a: int, b: int, *, closed: bool = True, fixed: bool = False) -> None:
        a, b = _trimmed(self.text, a, b)
        if b > a and _has_words(self.text, a, b):
            # Only a quotation that opens the paragraph continues the previous one.
            opens_paragraph = self.text[self.lo : a].strip() in ('"', "")
            first = self.carried and not self.spans and opens_paragraph
            self.spans.append(QuoteSpan(a, b, self.p_index, closed, first, fixed))
        self.carried = False


def _pair_paragraph(
    text: str, lo: int, hi: int, p_index: int, carried: bool
) -> tuple[list[QuoteSpan], bool]:
    """Quotations of text[lo:hi], and whether the paragraph ends inside one."""
    if '"' not in text[lo:hi]:
        return [], False
    marks = [i for i in range(lo, hi) if text[i] == '"']
    shapes = [_shape(text, i, lo, hi) for i in marks]
    para = _Paragraph(text, lo, p_index, carried)
    start: int | None = None  # start of the words of the open quotation
    repaired = False
    last_close = -1
    for k, (i, shape) in enumerate(zip(marks, shapes, strict=True)):
        nxt = shapes[k + 1] if k + 1 < len(marks) else None
        attribution = _misplaced_tag(text, i, lo, hi)
        if start is None:
            remaining = len(marks) - k - 1
            if attribution and shape != "C" and remaining % 2 == 1:
                # '..., "he said. More words. "': the mark belongs before the speech tag; the
                # words between the previous closer (or the sentence start) and it are quoted,
                # and so are the words after the tag up to the next mark.
                begin = last_close + 1 if last_close >= 0 else _sentence_start(text, lo, i)
                para.emit(begin, i, fixed=True)
                start, repaired = attribution.end(), True
            elif attribution and shape != "C" and remaining % 2 == 0 and last_close < 0:
                # 'We will win, "he said.': the opening mark was lost; this one closes.
                para.emit(_sentence_start(text, lo, i), i, fixed=True)
                last_close = i
            elif shape == "C" and nxt != "C":
                # A closer with no opener: the quotation began at the sentence start.
                para.emit(_sentence_start(text, max(lo, last_close + 1), i), i, fixed=True)
                last_close = i
            else:
                start, repaired = i + 1, False
        elif (
            shape == "O"
            and nxt == "C"
            and not attribution
            and text[start:i].rstrip()[-1:] in (".", "!", "?")
        ):
            # The quotation lost its closing mark at a sentence end; this mark opens anew.
            para.emit(start, i, fixed=True)
            start, repaired = i + 1, False
        else:
            para.emit(start, i, fixed=repaired)
            start, last_close = None, i
    if start is not None:
        para.emit(start, hi, closed=False, fixed=repaired)
        return para.spans, True
    return para.spans, False
