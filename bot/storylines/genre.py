"""Item genres that are never "about" one story: newsletter round-ups and market reports.

A round-up lists several unrelated stories ("Iraq, Elections, Snow: Your Monday Briefing"); a
market report names a story only as the reason prices moved ("Stocks slip as trade talks
stall"). Both are recognised from general patterns of English headlines, not from any outlet.
"""

from __future__ import annotations

import re

_ROUNDUP_WORDS = (
    r"briefing|newsletter|digest|round-?up|the latest|news in brief|what you need to know|"
    r"morning report|evening report|today's headlines|top stories|week in review"
)
# "A, B, C: Your Tuesday Briefing" — a list of topics, then a newsletter label.
_ROUNDUP_TITLE = re.compile(
    rf"^[^:]*,[^:]*:\s*(?:your|the|our|today'?s?)?\b.*\b(?:{_ROUNDUP_WORDS})\b", re.IGNORECASE
)
_ROUNDUP_LABEL = re.compile(
    r"\byour\s+(?:\w+\s+){0,2}(?:briefing|newsletter|digest|news)\b", re.IGNORECASE
)
_ROUNDUP_TEXT = re.compile(
    r"^\W*(?:here(?:'|\u2019)?s|here is) what you need to know\b", re.IGNORECASE
)

_MARKET = (
    r"stocks?|shares|equities|markets?|bourses?|oil(?: prices)?|crude|brent|gold|silver|copper|"
    r"dollar|yen|euro|yuan|sterling|pound|bonds?|treasuries|yields?|futures|dow|s&p(?: 500)?|"
    r"nasdaq|ftse|nikkei|kospi|hang seng|dax|index|indices|wall street"
)
_MOVE = (
    r"rise|rises|rose|fall|falls|fell|climb|climbs|climbed|slip|slips|slipped|slump|slumps|"
    r"rally|rallies|rallied|gain|gains|gained|drop|drops|dropped|tumble|tumbles|tumbled|edge|"
    r"edges|edged|jump|jumps|jumped|sink|sinks|sank|surge|surges|surged|dip|dips|dipped|slide|"
    r"slides|slid|steady|steadies|firm|firms|ease|eases|eased|extend|extends|rebound|rebounds|"
    r"plunge|plunges|plunged|soar|soars|soared|retreat|retreats|hit|hits"
)
# The market noun opens the headline (after at most two words such as "Asian" or "Seoul") and
# a price move follows within two words: "Oil climbs ...", "Asian shares edge higher ...".
# Between the noun and the move only a few filler words ("Shares in Samsung jump", "Stocks
# sharply lower"), so that "Oil tanker seized ..." stays a news headline.
_BETWEEN = r"(?:prices?|futures|index|in [\w'.-]+|sharply|slightly|further|again|more|also)"
# A reporting verb before the noun makes it someone's claim, not a market report.
_PREFIX_WORD = (
    r"(?!(?:says?|said|warns?|tells?|told|expects?|predicts?|claims?|vows?|will)\b)[\w'.-]+"
)
_MARKET_TITLE = re.compile(
    rf"^(?:[\w ]+:\s*)?(?:{_PREFIX_WORD}\s+){{0,2}}?(?:{_MARKET})\s+(?:{_BETWEEN}\s+){{0,2}}?"
    rf"(?:{_MOVE})\b",
    re.IGNORECASE,
)


# An agency's list of the stories it will cover or has covered ("Middle East news advisory",
# "news summary", "news highlights").
_ADVISORY = re.compile(r"\bnews\s+(?:advisory|summary|highlights|agenda|budget)\b", re.IGNORECASE)


def is_roundup(title: str, text: str) -> bool:
    """A newsletter digest or round-up of several unrelated stories."""
    title = title.strip()
    return bool(
        _ROUNDUP_TITLE.search(title)
        or _ROUNDUP_LABEL.search(title)
        or _ADVISORY.search(title)
        or _ROUNDUP_TEXT.search(text.strip()[:80])
    )


def is_market_report(title: str) -> bool:
    """A headline about prices moving (the story, if any, is only their cause)."""
    return bool(_MARKET_TITLE.search(title.strip()))


def genre_reason(title: str, text: str) -> str | None:
    """Why an item cannot be about a single story, or None."""
    if is_roundup(title, text):
        return "round-up of several stories"
    if is_market_report(title):
        return "market report"
    return None
