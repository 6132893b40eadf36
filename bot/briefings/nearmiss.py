"""A near miss: an item a storyline did not match though it names its terms, shown to those who
may teach the storyline ("more like this"), with why it was not matched (Telegram HTML).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.models import Article

MAX_REASON = 300  # a matcher's reason can name many terms; the reader needs its gist


def near_miss_html(
    storyline_title: str, article: Article, reason: str, matched_instead: Sequence[str]
) -> str:
    """The item's headline (linked), source and date, why the storyline missed it, and which
    storylines it matched instead.
    """
    esc = html.escape
    headline = esc(article.title or "(untitled)")
    if article.url:
        headline = f'<a href="{esc(article.url, quote=True)}">{headline}</a>'
    source = f"{esc(article.source_name)}, " if article.source_name else ""
    why = reason if len(reason) <= MAX_REASON else reason[: MAX_REASON - 1] + "…"
    lines = [
        f"🔍 <b>Not matched to {esc(storyline_title)}</b>",
        f"{headline}\n{source}{article.published:%d %b %Y}",
        f"Why not: {esc(why)}",
    ]
    if matched_instead:
        lines.append("Matched instead: " + esc(", ".join(matched_instead)))
    lines.append("If items like this belong to the storyline, tap below.")
    return "\n".join(lines)
