"""Matching on storylines it was never tuned on, with invented items: headlines that are no
headline, the storyline's description as evidence, bare names of other people, distinctiveness
learned from the archive's document frequency, and agency news advisories."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.models import Actor, Storyline
from bot.storylines.description import described_actors, named_phrases, topic_terms
from bot.storylines.distinct import FLOOR, TermStats, distinctiveness, rolling
from bot.storylines.genre import genre_reason
from bot.storylines.matcher import Matcher
from bot.storylines.text import dateline_end, first_sentence_end
from bot.storylines.titles import headline

WHEN = datetime(2022, 5, 10, 8, 0, tzinfo=UTC)
WINDOW = {"window_start": date(2022, 5, 1), "window_end": date(2022, 5, 31)}

HARBOUR = Storyline(
    slug="harbour-crisis",
    title="The Port Aldra standoff",
    description=(
        "The standoff over Port Aldra after the shooting of Marta Quell: the blockade by the "
        "Dockers Union, Harbour Council mediation and Governor Tomas Brey's emergency decree."
    ),
    actors=(
        Actor("Tomas Brey", ("Brey",)),
        Actor("Ilse Marr", ("Marr",)),
        Actor("Marta Quell", ("Quell",)),
    ),
    places=("Port Aldra", "Velmar"),
    keywords=("blockade", "emergency decree"),
    **WINDOW,
)
MINES = Storyline(
    slug="mine-talks",
    title="Velmar mine talks",
    actors=(Actor("Oren Salk", ("Salk",)), Actor("Dana Voss", ("Voss",))),
    places=("Velmar", "Kettering Pass"),
    keywords=("mine safety", "wage talks"),
    **WINDOW,
)


def slugs(matches: list) -> list[str]:
    return [m.slug for m in matches]


# ------------------------------------------------------------------ title quality


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("spokesman", ""),  # a single word
        ("ATTENTION - ADDS Brey quote ///", ""),  # an editing note
        ("harbour-talks-update", ""),  # a slug
        ("by Jan Olavsen", ""),  # a byline only
        ("URGENT: Dockers end blockade", "Dockers end blockade"),  # a service tag before it
        ("Governor meets dockers by Jan Olavsen", "Governor meets dockers"),  # trailing byline
        ("Brey Says Talks Will Resume", "Brey Says Talks Will Resume"),
    ],
)
def test_headline_keeps_only_what_reads_as_a_headline(title: str, expected: str) -> None:
    """Slugs, editing notes, bylines and one-word titles are no headline; tags and bylines are
    cut from real ones."""
    assert headline(title) == expected


def test_dateline_and_first_sentence() -> None:
    """The dateline line is found and the first sentence after it ends at its full stop."""
    text = "VELMAR, May 9 , 2022 (Wire)\nThe blockade ended today. Ships moved."
    start = dateline_end(text)
    assert text[:start] == "VELMAR, May 9 , 2022 (Wire)\n"
    assert text[start : first_sentence_end(text, start)] == "The blockade ended today."
    assert dateline_end("The blockade ended today.") == 0


def test_junk_title_lets_the_first_sentence_carry_the_anchor() -> None:
    """An item titled "official" whose first sentence is about the story matches; the same text
    under a real but unrelated headline does not, since the story sits in the body only."""
    first = "Governor Tomas Brey lifted the emergency decree on the blockade of Port Aldra."
    filler = " ".join(["Dock workers said the weather was calm and ships waited."] * 6)
    text = f"VELMAR, May 9 , 2022 (Wire)\n{first}\n{filler}"
    m = Matcher([HARBOUR, MINES])
    assert slugs(m.match("a", "official", text, WHEN)) == ["harbour-crisis"]
    why = m.diagnose("a", "official", text, WHEN)
    assert why[0].matched
    assert any(e.field == "title" for e in why[0].evidence)
    other = f"VELMAR, May 9 , 2022 (Wire)\n{filler}\n{first}"
    assert m.match("b", "Weather report for the coast", other, WHEN) == []


# ------------------------------------------------------------------ the description


def test_description_phrases_and_actors() -> None:
    """Capitalised phrases of the description become terms unless already listed or a listed
    person; the actors it names become principal actors."""
    phrases = named_phrases(HARBOUR.description)
    assert "Dockers Union" in phrases
    assert "Harbour Council" in phrases
    assert topic_terms(HARBOUR) == ["Dockers Union", "Harbour Council"]
    assert described_actors(HARBOUR) == {"Tomas Brey", "Marta Quell"}
    # A lone capitalised word opening a sentence ("Talks") is capitalised by position only.
    assert named_phrases("Talks in Seoul and Beijing; EU3/US drafts.") == [
        "Seoul",
        "Beijing",
        "EU3",
        "US",
    ]


def test_actor_named_in_description_anchors_like_a_principal() -> None:
    """Marta Quell is listed third, so not a principal by order, but the description is about
    her shooting: a headline naming only her anchors the story (Velmar, shared with another
    storyline, is no anchor); without the description she does not."""
    m = Matcher([HARBOUR, MINES])
    text = "Leaders condemned the shooting of Marta Quell in Velmar on Monday."
    assert slugs(m.match("a", "Neighbours condemn attack on Quell", text, WHEN)) == [
        "harbour-crisis"
    ]
    without = Storyline(**{**_fields(HARBOUR), "description": ""})
    assert (
        Matcher([without, MINES]).match("a", "Neighbours condemn attack on Quell", text, WHEN) == []
    )


def test_description_topic_adds_lower_weight_evidence() -> None:
    """A description phrase found in the item shows up as "topic" evidence, weighing less than
    a curated keyword."""
    m = Matcher([HARBOUR, MINES])
    text = "Governor Tomas Brey met the Dockers Union in Port Aldra to end the blockade."
    (match,) = m.match("a", "Brey meets Dockers Union", text, WHEN)
    topics = [e for e in match.evidence if e.kind == "topic"]
    assert topics
    assert topics[0].term == "Dockers Union"


def _fields(s: Storyline) -> dict:
    return {k: getattr(s, k) for k in s.__dataclass_fields__}


# ------------------------------------------------------------------ bare names


def test_bare_name_of_another_person_is_not_the_actor() -> None:
    """ "Marr" matches Ilse Marr, but not in an item about "Jonas Marr", where a bare "Marr"
    is that other person; with Ilse Marr's full name in the item it counts again."""
    m = Matcher([HARBOUR, MINES])
    other = "Jonas Marr, a ferry captain, said Port Aldra was calm. Marr spoke at the blockade."
    verdicts = m.diagnose("a", "Ferry captain speaks", other, WHEN)
    found = {e.term for v in verdicts for e in v.evidence}
    assert "Ilse Marr" not in found
    both = other + " Ilse Marr, the port's mayor, agreed."
    found = {
        e.term for v in m.diagnose("b", "Ferry captain speaks", both, WHEN) for e in v.evidence
    }
    assert "Ilse Marr" in found


# ------------------------------------------------------------------ distinctiveness


def test_distinctiveness_falls_with_document_frequency() -> None:
    """A term in few articles keeps weight 1, a term in most falls to the floor, and the prior
    keeps a small archive from calling its own story common."""
    assert distinctiveness(0.001) == 1.0
    assert FLOOR < distinctiveness(0.05) < 1.0
    assert distinctiveness(0.9) == FLOOR
    small = TermStats()
    for _ in range(5):
        small.add({"velmar"})
    assert small.factor("velmar") == pytest.approx(distinctiveness(5 / 205))
    small.remove({"velmar"})
    assert small.df["velmar"] == 4
    assert small.docs == 4


def test_common_terms_in_the_archive_weigh_less() -> None:
    """An item naming Brey, Port Aldra and the blockade matches against an archive where they
    are rare; against one where half the articles name them it does not, and the explanation
    says which terms weighed less."""
    item = ("Brey: Port Aldra blockade goes on", "Ships waited off Port Aldra during the blockade.")
    common, rare = TermStats(prior_docs=10), TermStats(prior_docs=10)
    m = Matcher([HARBOUR, MINES])
    for i in range(300):
        text = "Governor Brey spoke on the Port Aldra blockade." if i % 2 else "Markets were calm."
        common.add(m.terms_in("Port news", text))
        rare.add(m.terms_in("Other news", "Nothing here."))
    assert slugs(Matcher([HARBOUR, MINES], stats=rare).match("a", *item, WHEN)) == [
        "harbour-crisis"
    ]
    assert Matcher([HARBOUR, MINES], stats=common).match("a", *item, WHEN) == []
    why = Matcher([HARBOUR, MINES], stats=common).diagnose("a", *item, WHEN)
    assert "common in recent articles: Port Aldra \u00d70.25, Tomas Brey" in why[0].line()


def test_terms_in_counts_each_term_once() -> None:
    """The document-frequency counter sees each storyline term once per item, plurals too."""
    m = Matcher([HARBOUR, MINES])
    found = m.terms_in("Velmar blockades", "Velmar again. Port Aldra. Kettering Pass.")
    assert found == {"velmar", "blockade", "port aldra", "kettering pass"}


def test_rolling_statistics_cover_items_within_two_weeks() -> None:
    """Each dated item sees the items within 14 days either side; undated items see all."""
    days = [100, 101, 130, None]
    terms = [{"a"}, {"a"}, {"b"}, {"a"}]
    seen = {i: (s.docs, s.df.get("a", 0)) for i, s in rolling(days, terms)}
    assert seen[0] == (2, 2)
    assert seen[1] == (2, 2)
    assert seen[2] == (1, 0)
    assert seen[3] == (4, 3)


# ------------------------------------------------------------------ genre


def test_agency_news_advisory_is_a_roundup() -> None:
    """A list of stories an agency will cover has no single subject."""
    assert (
        genre_reason("Wire Europe news advisory -- May 9", "The following stories...") is not None
    )
    assert genre_reason("Dockers advise calm at Velmar", "Text.") is None


# ------------------------------------------------------------------ who, where and what


def test_who_and_where_without_what_needs_the_person_in_the_headline() -> None:
    """Governor Brey and Bergen in the text, with nothing of the story's keywords, description
    phrases or sites, is not the story; with Brey as the headline's subject, or with a keyword
    of the story, it is."""
    ferry = Storyline(
        slug="ferry-strike",
        title="Ferry strike",
        actors=(Actor("Tomas Brey", ("Brey",)), Actor("Ilse Marr", ("Marr",))),
        places=("Norway", "Bergen"),
        keywords=("blockade", "ferry strike"),
        **WINDOW,
    )
    m = Matcher([ferry, MINES])
    lead = "Governor Tomas Brey opened a flower show in Bergen on Sunday, officials said."
    assert m.match("a", "Flower show opens in Bergen", lead, WHEN) == []
    why = m.diagnose("a", "Flower show opens in Bergen", lead, WHEN)
    assert "who and where but no what" in why[0].reason
    assert slugs(m.match("b", "Brey opens flower show in Bergen", lead, WHEN)) == ["ferry-strike"]
    with_keyword = lead + " He said the blockade would end soon."
    assert slugs(m.match("c", "Flower show opens in Bergen", with_keyword, WHEN)) == [
        "ferry-strike"
    ]


def test_short_lower_case_title_is_a_keyword_line() -> None:
    """ "port dispute" is a desk's keyword line, not a headline; "Port dispute" is a headline."""
    assert headline("port dispute") == ""
    assert headline("Port dispute") == "Port dispute"
    assert headline("dockers end the long blockade at last") != ""
