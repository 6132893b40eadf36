"""Who met whom around one person: the people they met and the ties between them, counted in
meetings, with the caption that goes with the graph's picture (pure; no drawing).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from bot.briefings.views import PersonView
from bot.events import fullness, same_person
from bot.tgtext.units import MAX_CAPTION_UTF16, utf16_len

MAX_PEOPLE = 12  # the person and the 11 they met most: more names than that do not read on a phone
PLANNED = "planned"


@dataclass(frozen=True, slots=True)
class Tie:
    """Two people and the meetings between them; `happened` counts those that took place."""

    a: str
    b: str
    meetings: int
    happened: int

    @property
    def only_planned(self) -> bool:
        """No meeting between the two has taken place yet: drawn dashed, marked 🗓."""
        return self.happened == 0


@dataclass(frozen=True, slots=True)
class NetworkView:
    """The person at the centre, the people they met (most meetings first) and every tie."""

    person: str
    people: tuple[str, ...]  # counterparts shown: most met first, then most met in fact
    ties: tuple[Tie, ...]  # the person's ties first, then ties among counterparts met together
    left_out: int = 0  # counterparts not shown (beyond MAX_PEOPLE)

    def meetings_with(self, name: str) -> Tie | None:
        """The tie between the person and `name`, if any."""
        return next((t for t in self.ties if self.person in (t.a, t.b) and name in (t.a, t.b)), None)


def _canonical(names: Iterable[str]) -> dict[str, str]:
    """Each name → the fullest form of the same person among `names` ("Kim" → "Kim Jong Un")."""
    unique = sorted(set(names))  # sorted: ties in fullness resolve the same way every run
    return {name: max((f for f in unique if same_person(name, f)), key=fullness, default=name)
            for name in unique}


def meeting_network(view: PersonView, max_people: int = MAX_PEOPLE) -> NetworkView:
    """The person's meetings as a graph: one tie per pair of people who met, each N-party
    meeting tying every pair in it. Visits (one traveller) and background events tie no one.
    """
    meetings = [e.meeting for _, e in view.events if not e.background and len(e.meeting.participants) > 1]
    forms = _canonical([view.name] + [p for m in meetings for p in m.participants])
    counts: dict[tuple[str, str], list[int]] = {}
    for meeting in meetings:
        people = sorted({forms[p] for p in meeting.participants})
        if not any(same_person(view.name, p) for p in people):
            continue
        for pair in combinations(people, 2):
            tally = counts.setdefault(pair, [0, 0])
            tally[0] += 1
            tally[1] += meeting.status != PLANNED
    person = forms.get(view.name, view.name)
    ties = [Tie(a, b, n, done) for (a, b), (n, done) in counts.items()]
    direct = {(t.b if t.a == person else t.a): t for t in ties if person in (t.a, t.b)}
    ranked = sorted(direct, key=lambda name: (-direct[name].meetings, -direct[name].happened, name))
    shown = ranked[: max_people - 1]
    kept = {person, *shown}
    own = [direct[name] for name in shown]
    among = sorted((t for t in ties if person not in (t.a, t.b) and {t.a, t.b} <= kept),
                   key=lambda t: (-t.meetings, t.a, t.b))
    return NetworkView(person, tuple(shown), tuple(own + among), len(ranked) - len(shown))


def network_refusal(view: NetworkView) -> str:
    """Why no graph is drawn ("" when one is): a graph needs someone the person met."""
    if not view.people:
        return f"No meeting of {view.person} with anyone else has been reported yet."
    return ""


def network_caption(view: NetworkView, limit: int = MAX_CAPTION_UTF16) -> str:
    """Telegram HTML: the person in bold, then each counterpart with the number of meetings, as
    many as fit in a photo caption; the rest are counted.
    """
    head = f"<b>Who {html.escape(view.person)} met</b>"
    lines: list[str] = []
    for name in view.people:
        tie = view.meetings_with(name)
        if tie is None:
            continue
        count = f"{tie.meetings} meeting{'s' if tie.meetings != 1 else ''}"
        mark = " 🗓 planned" if tie.only_planned else ""
        lines.append(f"{html.escape(name)} · {count}{mark}")
    return _fit(head, lines, view.left_out, limit)


def _fit(head: str, lines: Sequence[str], left_out: int, limit: int) -> str:
    """Head and as many lines as fit in `limit` UTF-16 units, with "+N more" for the rest."""
    for keep in range(len(lines), -1, -1):
        more = len(lines) - keep + left_out
        tail = [f"+{more} more"] if more else []
        text = "\n".join([head, *lines[:keep], *tail])
        if utf16_len(text) <= limit:
            return text
    return head
