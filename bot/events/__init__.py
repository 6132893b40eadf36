"""Events across articles: the same meeting from many outlets is one Event, a plan and the later
report that it happened are one Event, and background is told apart from the news (pure).
"""

from bot.events.merge import merge_events
from bot.events.names import fullness, name_tokens, same_person, same_place
from bot.events.order import cut, event_day, newest_first
from bot.events.quotes import best_quote, quote_score
from bot.events.reports import stop_as_visit, told_in, worth_showing
from bot.events.same import same_event

__all__ = [
    "best_quote",
    "cut",
    "event_day",
    "fullness",
    "merge_events",
    "name_tokens",
    "newest_first",
    "quote_score",
    "same_event",
    "same_person",
    "same_place",
    "stop_as_visit",
    "told_in",
    "worth_showing",
]
