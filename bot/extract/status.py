"""Whether a meeting happened, is planned or is cited as background, with the reason that decided it.

Pure: reads the trigger's clause (tense, aspect, modals, plan words, the reporting frame, time
adverbials) and the dates it states against the publication date. Each reason is one small
function or branch named by the rule that switches it (bot/extract/meeting_rules.py);
`event_status` returns the first that applies, explicit markers before tense.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.extract.dates import MONTHS, WEEKDAYS, resolve_date
from bot.extract.lexicon import words
from bot.extract.meeting_rules import rule_on
from bot.extract.syntax import governing_chain, has_the, tokens_with
from bot.extract.triggers import trigger_types

HAPPENED, PLANNED, PAST = "happened", "planned", "reported-past"

NOUN_TYPES = trigger_types("noun")
_VERB_TYPES = trigger_types("verb")
PLAN_WORDS = words("status", "plan_words")
MODALS_PLANNED = words("status", "planned_modals")
PLANNED_NOUN_MODS = words("status", "planned_noun_mods")


def _phrases(name: str) -> re.Pattern[str]:
    """A search for any phrase of the [status] list `name`, on word boundaries and in any case."""
    alternatives = sorted(words("status", name), key=lambda p: (-len(p), p))  # the longest first
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in alternatives) + r")\b", re.I)


PAST_MARKERS = _phrases("past_marker_phrases")
_FUTURE_TIME = _phrases("future_time_phrases")
_LONG_AGO = _phrases("long_ago_phrases")
_MOTION_HEADS = words("events", "motion_heads")
_REPORTING_VERBS = words("events", "reporting_verbs")
_VENUE_VERBS = words("events", "venue_verbs")
_BACKGROUND_MARKS = words("status", "background_marks")
_PURPOSE_PREPS = words("status", "purpose_preps")
_COUNTED = words("status", "counted")
_EARLIER_MODS = words("status", "earlier_noun_mods")
_ONGOING_MODS = words("status", "ongoing_noun_mods")
_PLAN_NOUNS = words("status", "plan_nouns")
_EVE_NOUNS = words("status", "eve_nouns")
_CONDITIONAL_MARKS = words("status", "conditional_marks")
_COMMITMENT_VERBS = words("status", "commitment_verbs")
_OCCASION_PREPS = words("status", "occasion_preps")
_RECENT_AFTER_EARLIER = words("status", "recent_after_earlier")
_LEG_ARRIVALS = words("status", "leg_arrival_verbs")
_HOST_TIME_MARKS = words("status", "host_time_marks")
_HOST_TIME_PREPS = words("status", "host_time_preps")
_FUTURE_TIME_MARKS = words("status", "future_time_marks")
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
# "later Tuesday", "later in the day": still ahead on a day of the news itself
_LATER_SAME_DAY = re.compile(rf"\blater (?:on )?(?:{_WEEKDAY}|in the day|tonight)\b", re.I)
# Clauses of their own: a date inside one that does not hold the trigger dates another event.
# A coordinated verb is left in: it often restates the same event ("cancelled his trip but went
# ahead with it in May").
_OTHER_CLAUSE_DEPS = ("relcl", "ccomp", "advcl", "acl", "parataxis")
# Subordinators of a clause that dates the trigger it hangs on ("met while studying in 1963").
_SAME_TIME_MARKS = ("as", "when", "while")
# An event dated more than a week before publication is background, whatever its tense: agency
# news tells what happened in the last days; older meetings are cited for context.
_BACKGROUND_DAYS = 7
# A meeting dated this many days or more before the news's day (the day the lead gives, else the
# publication's) is no news of that day, nor of the day before, which agency copy tells: it is
# cited to explain the news.
_MEETING_BACKGROUND_DAYS = 2
# A line of fewer words, or with no verb, is a headline, a dateline or a date line, not the lead.
_LEAD_MIN_WORDS = 6
_IN_YEAR = re.compile(r"\bin ((?:19|20)\d\d)\b")
_VISIT_ORDER_MODS = words("restated_visit", "order_mods")
_MONTH_NAMES = "|".join(sorted((m for m in MONTHS if len(m) > 2), key=len, reverse=True))
# A year in a time adverbial: "in 1987", "in March, 1987", "on May 2, 1997" ("since 2019" reaches up to now).
_YEAR = re.compile(
    rf"\b(?:(?:in|during)\s+(?:(?:early|late|mid-?)\s*)?|(?:{_MONTH_NAMES})\.?\s*,?\s+(?:\d{{1,2}}\s*,?\s+)?)"
    r"((?:19|20)\d\d)\b", re.I)
_SINCE = re.compile(r"\bsince\s+(?:[\w.,]+\s+){0,3}?(?:19|20)\d\d\b", re.I)
# Yearless dates resolved back and forward lie about a year apart; weekdays only a week.
_YEARLESS_GAP_DAYS = 300


@dataclass(frozen=True, slots=True)
class Status:
    """A status, how firmly the text states it (2 a marker, 1 tense, 0 nothing), and why."""

    value: str  # happened / planned / reported-past
    strength: int
    reason: str


def _verb_time_words(verb: Any) -> list[str]:
    words = []
    for c in verb.children:
        if c.dep_ in ("npadvmod", "advmod", "tmod"):
            words.append(" ".join(t.text for t in c.subtree))
        elif c.dep_ == "prep" and c.lower_ == "in" and any(o.ent_type_ == "DATE" for o in c.children):
            words.append(" ".join(t.text for t in c.subtree))
    return words


def _coordinated_head(verb: Any) -> Any:
    """The first verb of a coordination that `verb` shares its subject, auxiliary and time with
    ("had toured X and met Y", "a month ago came to X and met Y"), or None (rule
    past_conjunct_shares_time). English states the auxiliary and a fronted adverbial once for all
    the verbs joined under one subject; a conjunct with a subject or an auxiliary of its own is a
    clause of its own.
    """
    if verb.pos_ != "VERB" or verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX") \
            or not rule_on("past_conjunct_shares_time"):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        return None
    return verb.head


def _dates_itself(verb: Any) -> bool:
    """The verb has a time word or a dated phrase of its own ("on Tuesday met", "met X in May")."""
    return bool(_verb_time_words(verb)) or any(
        c.dep_ == "prep" and any(o.ent_type_ in ("DATE", "TIME") for o in c.children) for c in verb.children)


def _clause_time_words(verb: Any) -> list[str]:
    """The verb's time adverbials; a coordinated verb with none of its own takes its first conjunct's."""
    head = _coordinated_head(verb)
    if head is None or _dates_itself(verb):
        return _verb_time_words(verb)
    return _verb_time_words(head)


def _own_time_words(tok: Any) -> str:
    """The time adverbials of the trigger itself, not those of clauses it governs.

    An event noun that is the object of its verb ("made a trip last week", "held talks in 2009")
    or the subject of a verb of taking place ("the summit was held in 2009") takes the verb's
    adverbials: the light verb only carries the event's tense and time.
    """
    if tok.pos_ in ("NOUN", "PROPN"):
        inner = {x.i for t in tok.subtree if t.i != tok.i and t.dep_ in ("relcl", "acl") for x in t.subtree}
        parts = [t.text for t in tok.subtree if t.i not in inner]
        if tok.dep_ == "dobj" and tok.head.pos_ == "VERB" and rule_on("past_light_verb_time"):
            parts.extend(_clause_time_words(tok.head))
        elif tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in _VENUE_VERBS \
                and rule_on("past_light_verb_time"):
            parts.extend(_verb_time_words(tok.head))  # "the summit was held in 1987"
        return " ".join(parts)
    return " ".join(_clause_time_words(tok))


def _is_plan_word(w: Any) -> bool:
    """A word of intention or schedule, by lemma or as written (the lemmatizer reads "slated" as "slat")."""
    return w.lemma_.lower() in PLAN_WORDS or w.lower_ in PLAN_WORDS


def _years_before(text: str, day: date | None) -> bool:
    """A year in a time adverbial of `text` lies before the publication year (any year when unknown)."""
    years = [int(y) for y in _YEAR.findall(_SINCE.sub(" ", text))]
    if day is None:
        return bool(_IN_YEAR.search(text))
    return bool(years) and max(years) < day.year


def _dated_long_ago(tok: Any, day: date | None) -> bool:
    """Reason "reported-past": the trigger's own adverbial places it weeks or more back."""
    if not rule_on("past_long_ago_adverbial"):
        return False
    said = _own_time_words(tok)
    return bool(_LONG_AGO.search(said)) or _years_before(said, day)


def _noun_dates_itself(noun: Any) -> bool:
    """The event noun has a date of its own: "Monday's talks", "talks on Monday", "the 2001 visit"
    (a date deeper in its phrase, "a visit after the 1989 vote", dates something else).
    """
    for c in noun.children:
        if c.ent_type_ in ("DATE", "TIME"):
            return True
        if c.dep_ == "prep" and any(o.ent_type_ in ("DATE", "TIME") for o in c.children):
            return True
    return False


def _time_host(tok: Any) -> Any:
    """The verb whose time the trigger shares when it states none of its own, or None: the verb
    of a time clause's host ("changed course in 1998 after X met Y") or the verb a phrase of the
    event noun hangs on ("greeted him in 2001 for his first visit").
    """
    verb = tok
    if tok.pos_ in ("NOUN", "PROPN"):
        if _noun_dates_itself(tok):
            return None
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in _HOST_TIME_PREPS \
                and tok.head.head.pos_ in ("VERB", "AUX"):
            return tok.head.head
        if tok.dep_ != "dobj" or tok.head.pos_ != "VERB":
            return None
        verb = tok.head  # "after X held talks": the light verb's clause
    elif _dates_itself(tok):
        return None
    if verb.pos_ != "VERB" or verb.dep_ != "advcl" or _dates_itself(verb):
        return None
    if not any(c.dep_ in ("mark", "advmod") and c.lower_ in _HOST_TIME_MARKS for c in verb.children):
        return None
    return verb.head if verb.head.pos_ in ("VERB", "AUX") else None


def _dated_long_ago_by_host(tok: Any, day: date | None) -> bool:
    """Reason "reported-past": the trigger states no time, and the clause or verb it belongs to
    is dated weeks or years back (rule past_host_long_ago): what happened after, when or during
    a dated event is as old as that event.
    """
    if not rule_on("past_host_long_ago"):
        return False
    host = _time_host(tok)
    if host is None:
        return False
    said = " ".join(_verb_time_words(host))
    return bool(_LONG_AGO.search(said)) or _years_before(said, day)


def _present_in_time_clause(tok: Any) -> bool:
    """Reason "planned": a simple present in a time clause ("days before the board meets", "after
    the premier ends his visit", "once the envoys arrive"): English tells a coming event in the present
    inside before-, after-, until- and when-clauses (rule planned_present_in_time_clause). An event
    noun takes the place of the verb it is the subject or object of ("before the talks open").
    """
    if not rule_on("planned_present_in_time_clause"):
        return False
    verb = tok
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ not in ("dobj", "nsubj") or tok.head.pos_ not in ("VERB", "AUX"):
            return False
        verb = tok.head
    if verb.dep_ != "advcl" or verb.tag_ not in ("VBZ", "VBP"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False  # "after he has met", "when they are meeting": not the bare present of a coming event
    return any(c.dep_ == "mark" and c.lower_ in _FUTURE_TIME_MARKS for c in verb.children)


def _dated_ahead(tok: Any) -> bool:
    """Reason "planned": the trigger's own adverbial places it ahead ("talks next week", "meets
    tomorrow"), whatever the tense of the verb that announces it.
    """
    if not rule_on("planned_future_time_words"):
        return False
    if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in tok.children if a.dep_ in ("aux", "auxpass")):
        return False  # "discussed a visit next month": the parser hung the visit's time on the past verb
    return bool(_FUTURE_TIME.search(_own_time_words(tok)))


def _earlier_within_the_news(adv: Any) -> bool:
    """"arrived earlier in the day", "met earlier on Monday", "earlier today": earlier than the
    report, within the days the news tells, so no background (rule earlier_same_day_is_news).
    """
    if adv.lower_ != "earlier" or not rule_on("earlier_same_day_is_news"):
        return False
    after = " ".join(t.lower_ for t in adv.doc[adv.i + 1 : adv.i + 4])
    if re.match(rf"(?:on )?{_WEEKDAY}\b", after):
        return True
    return any(after == w or after.startswith(w + " ") for w in _RECENT_AFTER_EARLIER)


def _later_on_the_day(tok: Any) -> bool:
    """Reason "planned": "are holding a session later Thursday", "meets later in the day": a
    later time of the news's own day, told in the present, a progressive or a future. The simple
    past ("met later Tuesday") narrates what followed, so it is not a plan.
    """
    if not rule_on("planned_later_same_day"):
        return False
    verb = tok
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ != "dobj" or tok.head.pos_ not in ("VERB", "AUX"):
            return bool(_LATER_SAME_DAY.search(_own_time_words(tok))) and tok.dep_ in ("nsubj", "nsubjpass") \
                and tok.head.tag_ in ("VBZ", "VBP")
        verb = tok.head
    if verb.tag_ in ("VBD", "VBN") or any(a.lemma_ == "have" for a in verb.children if a.dep_ == "aux"):
        return False
    return bool(_LATER_SAME_DAY.search(_own_time_words(tok)))


def _own_clause_text(tok: Any, span: Any = None) -> str:
    """`span` (the trigger's sentence when none) without the clauses of its own that do not hold
    the trigger: "met X, whose ties soured in 1998" dates the souring, not the meeting (rule
    date_of_another_clause).
    """
    span = tok.sent if span is None else span
    if not rule_on("date_of_another_clause"):
        return str(span.text)
    ancestors = {a.i for a in tok.ancestors} | {tok.i}
    out: set[int] = set()
    for t in span:
        if t.dep_ in ("relcl", "acl") and t.head.i == tok.i:
            continue  # "the summit which was held in 2009": the event noun's own clause dates it
        if t.dep_ == "advcl" and t.head.i == tok.i and any(
                c.dep_ in ("mark", "advmod") and c.lower_ in _SAME_TIME_MARKS for c in t.children):
            continue  # "met while working there in 1963": the when-clause dates the meeting
        if t.dep_ in _OTHER_CLAUSE_DEPS and t.pos_ in ("VERB", "AUX") and t.i not in ancestors:
            out.update(x.i for x in t.subtree)
    return "".join(t.text_with_ws for t in span if t.i not in out).strip()


def _earlier_modifier(tok: Any) -> bool:
    """Reason "reported-past": "an earlier visit", "the previous summit": the noun names a past one."""
    return tok.pos_ in ("NOUN", "PROPN") and rule_on("past_earlier_modifier") and any(
        c.dep_ == "amod" and c.lower_ in _EARLIER_MODS for c in tok.children)


def _ongoing_modifier(tok: Any) -> bool:
    """Reason "happened": "his current visit", "the ongoing summit" name an event under way at the time of
    the news; a plan word or modal around it ("hoped his current visit would ...") is about its outcome.
    """
    return tok.pos_ in ("NOUN", "PROPN") and rule_on("happened_ongoing_modifier") and any(
        c.dep_ in ("amod", "compound") and c.lower_ in _ONGOING_MODS for c in tok.children)


def _planned_by_own_modifier(tok: Any) -> bool:
    """Reason "planned": an event noun modified by an infinitive or a plan participle ("a summit to be
    held in May", "talks slated for Friday", "the meeting scheduled for next week").
    """
    if tok.pos_ not in ("NOUN", "PROPN") or not rule_on("planned_noun_clause"):
        return False
    for c in tok.children:
        if c.dep_ not in ("acl", "relcl", "amod") or c.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        if c.dep_ in ("acl", "relcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) and (
                c.lemma_.lower() in _VENUE_VERBS or any(a.dep_ == "auxpass" for a in c.children)):
            # an infinitive of taking place looks ahead ("to be held", "to take place"); one of
            # purpose does not ("the summit held in X to mark the anniversary")
            return True
        if c.dep_ != "relcl" and _is_plan_word(c) and c.tag_ in ("VBN", "JJ"):
            return True  # "slated for", "scheduled for", "due in"
    return False


def _under_plan_noun(chain: list[Any]) -> bool:
    """Reason "planned": the event is what a plan noun is about ("the possibility of a meeting",
    "an invitation to visit", "a proposal for talks").
    """
    if not rule_on("planned_plan_noun"):
        return False
    for below, w in zip(chain, chain[1:], strict=False):
        if w.pos_ in ("VERB", "AUX"):
            return False  # a verb closes the phrase: its own tense and modals decide
        if w.pos_ == "NOUN" and w.lemma_.lower() in _PLAN_NOUNS and (
                below.dep_ == "acl" or below.dep_ == "prep" and below.lower_ in ("of", "for")):
            return True
    return False


def _on_the_eve_of(tok: Any, day: date | None) -> bool:
    """Reason "planned": "said on the eve of the summit": the event is the day after the clause,
    so still ahead when the clause is news; a clause dated weeks or years back leaves it to the
    other reasons (rule planned_on_the_eve_of, lexicon).
    """
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "pobj" or tok.head.lower_ != "of" \
            or not rule_on("planned_on_the_eve_of"):
        return False
    eve = tok.head.head
    if eve.lemma_.lower() not in _EVE_NOUNS or eve.dep_ != "pobj" or eve.head.lower_ != "on":
        return False  # "on the eve of"; "until the eve of the summit" does not date the clause the day before
    verb = eve.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return True
    said = " ".join(_verb_time_words(verb))
    return not (_LONG_AGO.search(said) or _years_before(said, day))


def _conditional_clause(verb: Any) -> bool:
    """The verb heads an if- or unless-clause (lexicon)."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in verb.children)


def _conditional(tok: Any) -> bool:
    """Reason "planned": an event told as a condition ("would back the plan if she paid a visit to Oslo", "unless they meet")
    or in the bare present of a clause a condition governs ("visits Lima if the truce holds"): a
    possibility still ahead, not a fact (rule planned_conditional). An event noun takes the place
    of the verb it is the object or subject of.
    """
    if not rule_on("planned_conditional"):
        return False
    verb = tok
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ not in ("dobj", "nsubj", "nsubjpass") or tok.head.pos_ not in ("VERB", "AUX"):
            return False
        verb = tok.head
    if _conditional_clause(verb):
        return not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)  # "if he had met": unreal past
    if verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return any(_conditional_clause(c) for c in verb.children)


def _occasion_of_commitment(tok: Any, plan: Any) -> bool:
    """"agreed to pool their data at a meeting of A and B": the event noun is the occasion a
    commitment was made on, hung by the parser on the infinitive of what was committed to; a
    commitment told in the simple past was made, so its occasion took place (rule
    occasion_of_a_commitment, lexicon). Expectations and schedules ("is expected to sign during
    his visit") still plan it.
    """
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "pobj" or tok.head.lower_ not in _OCCASION_PREPS:
        return False
    infinitive = tok.head.head
    return infinitive.dep_ == "xcomp" and infinitive.head.i == plan.i and plan.tag_ == "VBD" \
        and plan.lemma_.lower() in _COMMITMENT_VERBS and rule_on("occasion_of_a_commitment")


def _infinitive_clause_of_plan_word(tok: Any) -> bool:
    """Reason "planned": "wants X to meet Y", "urged X to visit Y" parsed with the infinitive as a
    clause of its own (ccomp, advcl): a to-infinitive has no tense, its plan word decides. An event
    noun takes its verb's place ("wants X to hold talks").
    """
    if not rule_on("planned_plan_word_infinitive_clause"):
        return False
    verb = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj" else tok
    if verb.pos_ != "VERB" or verb.tag_ != "VB" or verb.dep_ not in ("ccomp", "advcl"):
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return verb.head.pos_ == "VERB" and _is_plan_word(verb.head)


def _purpose_infinitive(tok: Any) -> bool:
    """Reason "planned": the event is the purpose of a journey or a stay: "came to Rome to meet X",
    "is in Lima to attend the summit". An event noun takes its verb's place ("to attend the summit").
    """
    verb = tok
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj":
        verb = tok.head
    if verb.pos_ != "VERB" or verb.dep_ not in ("advcl", "xcomp") or not rule_on("planned_purpose_of_journey"):
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    host = verb.head
    if host.lemma_.lower() in _MOTION_HEADS:
        return True
    # "is here to attend", "was in Lima to meet": a stay with a purpose
    return host.lemma_ == "be" and any(
        c.dep_ == "advmod" and c.lower_ in ("here", "there") or c.dep_ == "prep" and c.lower_ in ("in", "at")
        for c in host.children)


def _host_clause(tok: Any) -> Any:
    """The verb of the clause a subordinate clause sits in (the root when none is nearer)."""
    cur = tok.head
    while cur.pos_ not in ("VERB", "AUX") and cur.head != cur:
        cur = cur.head
    return cur


def _earlier_than_main_clause(tok: Any) -> bool:
    """Reason "reported-past": a past verb in a relative, "where" or "since" clause under a present
    or future clause ("X, who visited Y, will meet Z"; "X, who arrives from Y where she met Z";
    "ties have been cool since X visited Y").
    """
    if tok.pos_ != "VERB" or tok.tag_ != "VBD" or not rule_on("past_clause_under_present"):
        return False
    if tok.dep_ == "advcl":
        if not any(c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS
                   or c.dep_ == "advmod" and c.lower_ == "where" for c in tok.children):
            return False
    elif tok.dep_ != "relcl":
        return False
    host = _host_clause(tok)
    if host.i == tok.i:
        return False
    auxes = [c for c in host.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in MODALS_PLANNED for a in auxes):
        return True
    if host.tag_ in ("VBZ", "VBP") and not any(a.tag_ == "VBD" for a in auxes):
        return True
    return any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in auxes)


def _leg_before_arrival(tok: Any) -> bool:
    """Reason "reported-past": "arrived in Harare after visiting Lusaka", "landed in Lima after
    talks in Quito": what a traveller did before reaching the place the news is about is an
    earlier stop of the tour. A planned arrival ("will arrive ... after visiting") keeps its legs
    ahead too, and a return home ends the tour the news is about, so both are left alone.
    """
    if not rule_on("past_leg_before_arrival"):
        return False
    link = tok.head if tok.dep_ in ("pobj", "pcomp") else tok if tok.dep_ == "advcl" else None
    if link is None:
        return False
    if link.dep_ == "prep" and link.lower_ == "after":
        verb = link.head
    elif link is tok and any(c.dep_ == "mark" and c.lower_ == "after" for c in tok.children):
        verb = tok.head
    else:
        return False
    if verb.lemma_.lower() not in _LEG_ARRIVALS or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS_PLANNED for c in verb.children)


def _nearest_day(text: str, day: date) -> date | None:
    """The day `text` states; a date given without its year is the occurrence nearest to `day`.

    News names the month and day of events weeks either side of publication: "March 20" in
    a paper of March 10 is ten days ahead, not a year back, whatever the verb's tense.
    """
    back = resolve_date(text, day)
    ahead = resolve_date(text, day, future=True)
    if back and ahead and (ahead - back).days > _YEARLESS_GAP_DAYS:
        return min((back, ahead), key=lambda d: abs((d - day).days))
    return back


def _dated_after(tok: Any, day: date) -> bool:
    """Reason "planned": the trigger's own "on <date>", "for <date>" lies after the publication date."""
    if not rule_on("planned_dated_after_publication"):
        return False
    if tok.pos_ in ("NOUN", "PROPN"):
        # the noun's own phrase dates it: "the summit slated for May 4-5", "talks on May 9"
        nested = _nested_event_tokens(tok)
        phrases = [" ".join(t.text for t in tok.subtree if t.i != tok.i and t.i not in nested)]
    else:
        phrases = [" ".join(t.text for t in c.subtree) for c in tok.children
                   if c.dep_ == "prep" and c.lower_ in ("on", "from", "for")
                   and any(o.ent_type_ == "DATE" for o in c.children)]
    for phrase in phrases:
        when = _nearest_day(phrase, day)
        if when and when > day:
            return True
    return False


def _nested_event_tokens(noun: Any) -> set[int]:
    """The phrases of other event nouns inside an event noun's phrase ("a call about the agenda of
    the summit set for May 9"): their dates are theirs, not the noun's (rule date_of_nested_event).
    """
    if not rule_on("date_of_nested_event"):
        return set()
    return {x.i for t in noun.subtree if t.i != noun.i and t.pos_ == "NOUN" and t.lemma_.lower() in NOUN_TYPES
            for x in t.subtree}


def _experiential_perfect(tok: Any) -> bool:
    """Reason "reported-past": "has met X twice", "have met before": a count of earlier meetings."""
    if tok.pos_ != "VERB" or tok.tag_ != "VBN" or not rule_on("past_experiential_perfect") or not any(
            a.dep_ == "aux" and a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in tok.children):
        return False  # present perfect only: "had met before" is told relative to another past
    return any(c.dep_ in ("advmod", "npadvmod") and c.lower_ in _COUNTED for c in tok.children)


def _subject_of_be_to(tok: Any) -> bool:
    """Reason "planned": an event noun that is the subject of "is to <verb>" ("the talks are to open")."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.lemma_ != "be" \
            or not rule_on("planned_subject_of_be_to"):
        return False
    return any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for c in tok.head.children)


def _purpose_of_journey(tok: Any) -> bool:
    """Reason "planned": an event noun that is the purpose of a journey ("arrived for talks")."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "pobj" or tok.head.lower_ not in _PURPOSE_PREPS \
            or not rule_on("planned_purpose_of_journey"):
        return False
    if NOUN_TYPES.get(tok.lemma_.lower()) == "visit":
        return False  # "arrived for a three-day visit": the visit began with the arrival
    return tok.head.head.lemma_.lower() in _MOTION_HEADS


def _be_to(verb: Any) -> bool:
    """"is to meet", "are to hold": a verb in the infinitive after "be", news's way to tell a plan
    ("it is great to meet", with a predicate of its own, is no plan).
    """
    return verb.pos_ == "VERB" and verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and rule_on("planned_be_to") \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
        and not any(c.dep_ in ("acomp", "attr", "expl") for c in verb.head.children)


def _before_gerund_of_past(tok: Any, chain: list[Any], i: int) -> bool:
    """Reason "happened": the event is what the gerund of a before-phrase on a simple past does
    ("thanked the crew before starting talks", "before ending the session, the ministers signed a
    charter"), with no date of its own and no plan word or modal above (rule
    happened_before_gerund_of_past).
    """
    # A gerund has no tense: it takes its time from the clause it hangs on, so after a simple past
    # it tells the next step of the narrated past. "ahead of talks" and "before talks" name an
    # event without telling it and stay planned; a plan word above still plans it ("proposed to
    # hold more rounds before opening the talks").
    before = chain[i]
    if before.lower_ != "before" or before.dep_ != "prep" or i < 2 or not rule_on("happened_before_gerund_of_past"):
        return False
    gerund, host = chain[i - 1], before.head
    if gerund.dep_ != "pcomp" or gerund.tag_ != "VBG" or _dates_itself(gerund) or host.tag_ != "VBD":
        return False
    if tok.pos_ in ("NOUN", "PROPN") and _noun_dates_itself(tok):
        return False  # "before starting talks on Saturday": the event's own date decides
    return not any(_is_plan_word(w) or any(a.dep_ in ("aux", "auxpass") and a.lower_ in MODALS_PLANNED for a in w.children)
                   for w in chain[i + 1:])


def clause_status(tok: Any, doc: Any, published: date | None = None) -> Status:
    """The status the trigger's clause states: the first reason that applies, explicit markers first."""
    if _dated_long_ago(tok, published):
        return Status(PAST, 2, "past_long_ago_adverbial")
    if _dated_long_ago_by_host(tok, published):
        return Status(PAST, 2, "past_host_long_ago")
    if _dated_ahead(tok):
        return Status(PLANNED, 2, "planned_future_time_words")
    if _present_in_time_clause(tok):
        return Status(PLANNED, 2, "planned_present_in_time_clause")
    if _later_on_the_day(tok):
        return Status(PLANNED, 2, "planned_later_same_day")
    if _earlier_modifier(tok):
        return Status(PAST, 2, "past_earlier_modifier")
    if _ongoing_modifier(tok):
        return Status(HAPPENED, 2, "happened_ongoing_modifier")
    if _earlier_than_main_clause(tok):
        return Status(PAST, 2, "past_clause_under_present")
    if _experiential_perfect(tok):
        return Status(PAST, 2, "past_experiential_perfect")
    if _leg_before_arrival(tok):
        return Status(PAST, 2, "past_leg_before_arrival")
    if _purpose_of_journey(tok):
        return Status(PLANNED, 2, "planned_purpose_of_journey")
    if _infinitive_clause_of_plan_word(tok):
        return Status(PLANNED, 2, "planned_plan_word_infinitive_clause")
    if _purpose_infinitive(tok):
        return Status(PLANNED, 1, "planned_purpose_of_journey")
    if _planned_by_own_modifier(tok):
        return Status(PLANNED, 2, "planned_noun_clause")
    if _subject_of_be_to(tok):
        return Status(PLANNED, 2, "planned_subject_of_be_to")
    if _on_the_eve_of(tok, published):
        return Status(PLANNED, 2, "planned_on_the_eve_of")
    if _conditional(tok):
        return Status(PLANNED, 2, "planned_conditional")
    chain = governing_chain(tok)
    if _under_plan_noun(chain):
        return Status(PLANNED, 2, "planned_plan_noun")
    # headline style: "Dahl to meet Ruiz in Lisbon", "Dahl to hold talks with Ruiz"
    head_verb = tok if tok.pos_ == "VERB" else next((w for w in chain[1:3] if w.pos_ == "VERB"), None)
    if head_verb is not None and head_verb.dep_ == "ROOT" and rule_on("planned_headline_infinitive") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in head_verb.children):
        return Status(PLANNED, 2, "planned_headline_infinitive")
    if _be_to(tok):
        return Status(PLANNED, 2, "planned_be_to")  # "the prime minister is to meet": British news for a plan
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj" and _be_to(tok.head) and rule_on("planned_be_to_object"):
        return Status(PLANNED, 2, "planned_be_to_object")  # "the envoys are to hold talks on Friday"
    if (tok.pos_ == "VERB" and tok.dep_ in ("relcl", "acl") and tok.head.dep_ == "ROOT" and rule_on("planned_headline_infinitive")
            and tok.head.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
        # a headline whose verb hangs off its subject: "Spanish envoy to visit Lima"
        return Status(PLANNED, 2, "planned_headline_infinitive")
    if tok.pos_ == "NOUN":
        mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nummod", "det")}
        if mods & PLANNED_NOUN_MODS and rule_on("planned_noun_modifier"):
            return Status(PLANNED, 2, "planned_noun_modifier")
    crossed = False  # passed a complement clause: "expected [to meet]", "plans [to skip a meeting]"
    for i, w in enumerate(chain):
        lemma = w.lemma_.lower()
        if i > 0 and chain[i - 1].dep_ in ("xcomp", "ccomp", "acomp"):
            crossed = True
        direct = i == 1 and tok.dep_ in ("dobj", "nsubjpass", "attr")  # "proposed talks"
        if w != tok and _is_plan_word(w) and (crossed or direct or w.pos_ == "ADJ") and rule_on("planned_plan_word") \
                and not _occasion_of_commitment(tok, w):
            return Status(PLANNED, 2, "planned_plan_word")
        if w != tok and lemma == "expect" and rule_on("planned_plan_word") and any(c.dep_ == "auxpass" for c in w.children):
            return Status(PLANNED, 2, "planned_plan_word")  # "is expected in Ankara for talks"
        if w.pos_ in ("VERB", "AUX") or w == tok:
            auxes = [c for c in w.children if c.dep_ in ("aux", "auxpass")]
            lowers = {a.lower_ for a in auxes}
            if lowers & MODALS_PLANNED and rule_on("planned_modal"):
                return Status(PLANNED, 2, "planned_modal")
            if "going" in lowers and rule_on("planned_modal") and any(c.lower_ == "to" for c in w.children):
                return Status(PLANNED, 2, "planned_modal")
            if w.lower_ in ("due", "set") and w != tok and rule_on("planned_plan_word"):
                return Status(PLANNED, 2, "planned_plan_word")
            if w != tok and rule_on("planned_plan_word") and any(
                    c.dep_ == "acomp" and c.lower_ == "due" for c in w.children):
                return Status(PLANNED, 2, "planned_plan_word")  # "is due in Lima for a visit"
            if w == tok and tok.pos_ == "VERB" and rule_on("past_last_met") and any(
                    c.dep_ == "advmod" and c.lower_ in ("last", "previously", "earlier", "once")
                    and not _earlier_within_the_news(c) for c in tok.children):
                # "the two leaders last met in Paris": background
                return Status(PAST, 2, "past_last_met")
            shared = _coordinated_head(w) if not auxes else None
            if shared is not None and shared.tag_ == "VBN":
                # "had toured X and met Y": the second verb is a past perfect too, whatever its tag
                auxes = [c for c in shared.children if c.dep_ in ("aux", "auxpass")]
            if any(a.lemma_ == "have" and a.tag_ == "VBD" for a in auxes) and (w.tag_ == "VBN" or shared is not None) and (
                w == tok or w == tok.head and tok.dep_ in ("dobj", "nsubj", "nsubjpass")
            ) and not ((shared or w).dep_ == "ccomp" and (shared or w).head.lemma_.lower() in _REPORTING_VERBS) \
                    and rule_on("past_perfect"):
                # "said the two had talked" is reported speech shifted back, not background
                return Status(PAST, 2, "past_perfect")
        if w != tok and _before_gerund_of_past(tok, chain, i):
            # "thanked the crew before starting talks": the next step of a past narrative
            return Status(HAPPENED, 1, "happened_before_gerund_of_past")
        if w != tok and w.lower_ in ("ahead", "before") and w.dep_ in ("prep", "advmod"):
            if tok.pos_ == "NOUN" and rule_on("planned_ahead_of"):
                return Status(PLANNED, 1, "planned_ahead_of")
    if tok.pos_ == "NOUN":
        # background: an earlier event cited in a prepositional phrase ("after a summit last month")
        window = doc[tok.left_edge.i : min(len(doc), tok.right_edge.i + 4)].text
        if tok.dep_ == "pobj" and rule_on("past_cited_in_phrase") and PAST_MARKERS.search(window):
            return Status(PAST, 2, "past_cited_in_phrase")
    for w in chain:
        if w.pos_ in ("VERB", "AUX") and w.tag_ in ("VBD", "VBN", "VBZ", "VBP", "VBG"):
            past = w.tag_ == "VBD" or any(a.tag_ == "VBD" for a in w.children if a.dep_ in ("aux", "auxpass"))
            if not past and rule_on("planned_future_time_words") and _FUTURE_TIME.search(tok.sent.text):
                # "X is meeting Y next week", "X meets Y tomorrow"
                return Status(PLANNED, 1, "planned_future_time_words")
            return Status(HAPPENED, 1, "tense")
    return Status(HAPPENED, 0, "default")


def event_status(tok: Any, doc: Any, published: datetime | None) -> tuple[Status, date | None]:
    """The status of the event at trigger `tok` and the day it is dated, read against `published`.

    The clause decides first; a date the text gives then overrides what only tense said: over a
    week before publication is background ("first met in 2015"), after it is a plan ("meet on May 9").
    A present that only describes the event ("the summit brings together ...") leaves the status to
    the plan the text stated where it first told the event.
    """
    day = (published.date() if isinstance(published, datetime) else published) if published else None
    status = clause_status(tok, doc, day)
    told = _planned_where_first_told(tok, doc, published) \
        if status.reason == "tense" and _describing_present(tok) else None
    if told is not None:
        # "The summit brings together ...": a present that describes the event dates nothing; the
        # plan the text stated where it told the event first stands
        return Status(PLANNED, told.strength, "descriptive_present_restates"), None
    restated = _possessed_visit_restates(tok, doc, published, status)
    if restated is not None:
        # "he will use a borrowed car during his visit": the visit is the one told before
        return restated, None
    if not published or day is None:
        return status, None
    own = _own_clause_text(tok)
    subtree = _own_clause_text(tok, doc[tok.left_edge.i : tok.right_edge.i + 1])
    clause = subtree if tok.pos_ == "NOUN" else own
    future = status.value == PLANNED
    when = resolve_date(clause, published, future=future) or resolve_date(own, published, future=future)
    if status.value != HAPPENED or status.strength >= 2:
        return status, when
    nearest = _nearest_day(clause, day) or _nearest_day(own, day)
    if nearest and nearest != when:
        when = nearest
    if rule_on("past_dated_long_before") and (
            when and (day - when).days > _BACKGROUND_DAYS
            or _years_before(subtree, day)):
        return Status(PAST, 2, "past_dated_long_before"), when
    if _dated_after(tok, day):
        return Status(PLANNED, 2, "planned_dated_after_publication"), when
    scheduled = _scheduled_day(tok, published)
    if scheduled and scheduled > day:
        return Status(PLANNED, 2, "planned_present_schedule"), scheduled
    if _meeting_days_before(tok, day, when):
        return Status(PAST, 2, "past_meeting_days_before"), when
    return status, when


# Reasons read off the clause a restated visit noun sits in, not off the noun's own words.
_CLAUSE_REASONS = ("tense", "default", "planned_modal", "planned_plan_word", "past_perfect")


def _possessed_visit_restates(tok: Any, doc: Any, published: datetime | None, status: Status) -> Status | None:
    """The status of the visit the text first told, for a possessed visit noun after a preposition,
    with no date, time word or ordering modifier of its own ("during his visit", "a briefing on
    Dahl's visit"), whose clause's tense or modal is all that gave it a status (rule
    possessed_visit_restates); None when the rule does not apply or the status agrees.
    """
    # WHY: "his visit" refers back to the visit the story is about; the verb its phrase hangs on
    # ("will use ... during", "spoke at a briefing on") tells that clause's time, not the visit's.
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.dep_ != "pobj" or _noun_kind(tok) != "visit" \
            or status.reason not in _CLAUSE_REASONS \
            or not rule_on("possessed_visit_restates"):
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is None or _noun_dates_itself(tok) or any(t.ent_type_ in ("DATE", "TIME") for t in tok.subtree):
        return None
    if any(c.dep_ in ("amod", "advmod") and c.lower_ in _VISIT_ORDER_MODS | _EARLIER_MODS | PLANNED_NOUN_MODS
           for c in tok.children):
        return None  # "her first trip abroad", "his next visit": one of several, told by its own word
    first = _first_told_visit(tok, owner, doc, published)
    if first is None or first.value == status.value:
        return None
    return Status(first.value, 2, "possessed_visit_restates")


def _first_told_visit(tok: Any, owner: Any, doc: Any, published: datetime | None) -> Status | None:
    """The status of the first visit noun before `tok` that can be the same visit: no other place
    of its own, no other named owner, not told as an earlier one.
    """
    for t in _earlier_mentions(tok, doc):
        their = next((c for c in t.children if c.dep_ == "poss"), None)
        if owner.pos_ == "PROPN" and (their is None or not _owner_words(owner) & _owner_words(their)):
            continue  # "Dahl's visit" restates "Ivar Dahl's visit", not "Berg's visit" nor "a visit"
        return event_status(t, doc, published)[0]
    return None


def _owner_words(owner: Any) -> set[str]:
    """The name words of a possessor ("President Ivar Dahl's" → ivar, dahl), its own word if none is
    tagged a person's.
    """
    named = {t.lower_ for t in owner.subtree if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"}
    return named or {owner.lower_}


def _describing_present(tok: Any) -> bool:
    """"The summit brings together A, B and C", "her visit focuses on fisheries": a definite or possessed
    event noun, the subject of a simple present with no date in its clause (rule
    descriptive_present_restates). Such a present describes the event; it says nothing of when.
    """
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "nsubj" or not rule_on("descriptive_present_restates"):
        return False
    verb = tok.head
    if verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree):
        return False
    return has_the(tok) or any(c.dep_ == "poss" for c in tok.children)


def _own_places(noun: Any) -> set[str]:
    """The places an event noun's own phrase names ("the Lima summit", "her visit to Oslo")."""
    named = {c.lower_ for c in noun.children if c.dep_ == "compound" and c.ent_type_ in ("GPE", "LOC", "FAC")}
    return named | {o.lower_ for c in noun.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "at")
                    for o in c.children if o.dep_ == "pobj" and (o.pos_ == "PROPN" or o.ent_type_ in ("GPE", "LOC", "FAC"))}


def _planned_where_first_told(tok: Any, doc: Any, published: datetime | None) -> Status | None:
    """The plan the text stated where it first told an event of the trigger's kind ("the upcoming
    talks", "a summit to be held on May 9", "the visit will ..."), at no other place, or None when
    that first mention plans nothing by its own words. News introduces an event with its status; a
    later definite mention refers back to it.
    """
    t = next(_earlier_mentions(tok, doc), None)
    if t is None:
        return None
    first = event_status(t, doc, published)[0]
    own = first.reason in _OWN_PLAN_REASONS or first.strength >= 2 and _core_argument(t)
    return first if first.value == PLANNED and own else None


def _earlier_mentions(tok: Any, doc: Any) -> Iterator[Any]:
    """The event nouns before `tok`, in text order, that may tell the same event: of its kind, not
    told as an earlier one, with no other place of their own ("her trip to Vestby" is not "her
    visit to Nordby").
    """
    kind, places = _noun_kind(tok), _own_places(tok)
    for t in tokens_with(doc, "POS", ("NOUN", "PROPN")):
        if t.i >= tok.i:
            return
        if _noun_kind(t) != kind or _earlier_modifier(t):
            continue
        other = _own_places(t)
        if not (places and other and not places & other):
            yield t


# Reasons that plan an event by the words of its own noun phrase or clause.
_OWN_PLAN_REASONS = ("planned_noun_modifier", "planned_noun_clause", "planned_subject_of_be_to",
                     "planned_dated_after_publication", "planned_future_time_words")


def _noun_kind(tok: Any) -> str | None:
    """The meeting type an event noun names ("trip" and "visit" are both visits)."""
    return NOUN_TYPES.get(tok.lemma_.lower()) or NOUN_TYPES.get(tok.lower_)


def _core_argument(noun: Any) -> bool:
    """The noun is the subject, object or passive agent of its verb, so the verb's modal is its own."""
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return True
    return bool(noun.dep_ == "pobj" and noun.head.dep_ == "agent")


def _meeting_days_before(tok: Any, day: date, when: date | None) -> bool:
    """Reason "reported-past": a meeting, talks or a call dated two days or more before the news
    ("met the envoys on Saturday" in a story of Wednesday's news): agency copy tells the news of the
    day or of the day before, and an earlier session is cited to explain it (rule
    past_meeting_days_before). The news's day is the one its lead states ("began a visit on
    Monday"), else the publication's; what happened on or after it is the news. A visit dated so
    is left alone: the stay that began then is what the news happens on.
    """
    if when is None or not rule_on("past_meeting_days_before"):
        return False
    kind = (NOUN_TYPES if tok.pos_ in ("NOUN", "PROPN") else _VERB_TYPES).get(tok.lemma_.lower())
    return kind is not None and kind != "visit" and (_news_day(tok.doc, day) - when).days >= _MEETING_BACKGROUND_DAYS


def _news_day(doc: Any, day: date) -> date:
    """The day the story's lead dates its news ("said on Monday", "began a visit on Monday"), or
    the publication's when the lead states none (or one after it).
    """
    lead = _lead_text(doc)
    told = resolve_date(lead, day) if lead else None
    return told if told is not None and told <= day else day


_LEAD_KEY = "extract.status_lead"


def _lead_text(doc: Any) -> str:
    """The story's lead, found once per document (every dated meeting asks for it)."""
    lead = doc.user_data.get(_LEAD_KEY)
    if lead is None:
        lead = doc.user_data[_LEAD_KEY] = _find_lead(doc)
    return str(lead)


def _find_lead(doc: Any) -> str:
    """The story's lead: its first line of prose after a headline ("Title" and a blank line) and a
    dateline or date line (a line of few words, or with no verb).
    """
    text = str(doc.text)
    start = 0
    title_end = text.find("\n\n")
    if 0 <= title_end and "\n" not in text[:title_end]:
        start = title_end + 2  # a headline set off by a blank line
    pos = start
    for line in text[start:].split("\n"):
        end = pos + len(line)
        words = [t for t in doc.char_span(pos, end, alignment_mode="expand") or [] if t.is_alpha]
        if len(words) >= _LEAD_MIN_WORDS and any(t.pos_ in ("VERB", "AUX") for t in words):
            return line
        pos = end + 1
    return ""


def dated_by_weekday(tok: Any) -> bool:
    """The trigger's own clause dates it by a weekday ("met the envoys on Saturday"), so within a
    week of the news.
    """
    return bool(re.search(rf"\b{_WEEKDAY}\b", _own_clause_text(tok), re.I))


def _scheduled_day(tok: Any, published: datetime) -> date | None:
    """The day a simple or progressive present states for its event ("X arrives on Friday",
    "X is meeting Y on Friday", "the talks are being held on Friday"): news tells a timetable
    or an arrangement in the present, so a bare weekday is the coming one.
    """
    if not rule_on("planned_present_schedule"):
        return None
    verb = next((w for w in governing_chain(tok) if w.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    simple = verb.tag_ in ("VBZ", "VBP") and not auxes
    progressive = any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes) and (
        verb.tag_ == "VBG" or any(a.lower_ == "being" for a in auxes)) and not any(
        a.lower_ in MODALS_PLANNED or a.lemma_ == "have" for a in auxes)
    if not (simple or progressive):
        return None
    parts = _verb_time_words(verb) + [" ".join(t.text for t in c.subtree) for c in verb.children
                                      if c.dep_ == "prep" and c.lower_ in ("on", "from")]
    if tok.pos_ in ("NOUN", "PROPN"):  # "Friday's talks"
        parts += [" ".join(t.text for t in c.subtree) for c in tok.children if c.dep_ in ("poss", "compound")]
    said = " ".join(parts)
    return resolve_date(said, published, future=True) if said else None
