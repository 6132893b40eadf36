"""Text cleaning before parsing: scraper boilerplate out, quotation marks straightened, same length.

`clean_text` never changes the length of the text, so every offset into the cleaned text is an
offset into the original as well: evidence and quote strings can be cut from either.
"""

from __future__ import annotations

import re

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
# "Source link" glued to the end of the last paragraph ("...[ad_2]Source link").
_TRAILING_SOURCE_LINK = re.compile(r"(?i)source link\s*\Z")


def _blank(match: re.Match[str]) -> str:
    """Spaces of the same length, keeping newlines so paragraph boundaries survive."""
    return re.sub(r"[^\n]", " ", match.group(0))


def clean_text(text: str) -> str:
    """Strip boilerplate and normalise quotation marks and spaces; the result has len(text).

    Curly quotes become straight ones, exotic spaces become plain spaces, CR and CRLF line ends
    become newlines (CRLF as " \\n"), and scraper markers such as "[ad_1]" or a trailing
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
    out = _TRAILING_SOURCE_LINK.sub(_blank, out)
    return out


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph: text separated by one or more newlines."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group(0).strip():
            spans.append((m.start(), m.end()))
    return spans
