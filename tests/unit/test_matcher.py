"""Storyline matcher on short texts written for these tests: where terms are found, windows,
co-occurrence rules, close relatives, word boundaries and explanations."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.models import Actor, Article, Storyline
from bot.storylines.matcher import Matcher

TALKS = Storyline(
    slug="lakeside-talks-2021",
    title="Lakeside water talks, 2021",
    window_start=date(2021, 3, 1),
    window_end=date(2021, 4, 30),
    actors=(
        Actor("Anna Berg", ("Berg", "Minister Berg")),
        Actor("Tomas Vale", ("Vale",)),
    ),
    places=("Lakeside", "Northland", "Southmark"),
    keywords=("water treaty", "negotiations", "quota"),
    require=("actor", "place|keyword"),
)

# A close relative: same minister and country, different story (a flood at the dam).
FLOOD = Storyline(
    slug="lakeside-flood-2021",
    title="Flooding below the Lakeside dam, 2021",
    window_start=date(2021, 3, 15),
    window_end=date(2021, 5, 31),
    actors=(Actor("Anna Berg", ("Berg",)), Actor("Petra Lund", ("Lund",))),
    places=("Northland", "Riverton"),
    keywords=("flood", "evacuation", "spillway"),
    require=("actor|place", "actor|keyword"),
)

KOREA = Storyline(
    slug="korea-envoy",
    title="Envoy talks with North Korea",
    actors=(Actor("Kim Jong Un", ("Kim Jong-un", "Kim")), Actor("Shinzo Abe", ("Abe",))),
    places=("Pyongyang", "Iran"),
    keywords=("summit", "tariff"),
    require=("actor", "place|keyword"),
)

IN_WINDOW = datetime(2021, 3, 20, 9, 0, tzinfo=UTC)

FILLER = (
    "The city council met on Tuesday to discuss the new bus timetable. Residents asked for "
    "later evening services and more shelters at the stops near the market. The council said "
    "it would publish a revised plan after the summer break, once the costs were known.\n"
    "Local shops reported a busy weekend as the spring fair returned to the old square. "
    "Organisers counted more than two thousand visitors, many of them families from nearby "
    "villages who came for the music and the food stalls.\n"
)


def slugs(matches: list) -> list[str]:
    return [m.slug for m in matches]


def test_story_in_title_matches_with_title_evidence() -> None:
    """An item whose title names the storyline's actor and place matches, with title evidence."""
    m = Matcher([TALKS])
    [match] = m.match(
        "a1",
        "Berg and Vale resume water treaty negotiations in Lakeside",
        "Northland's foreign minister met her Southmark counterpart for a second round.",
        IN_WINDOW,
    )
    assert match.slug == "lakeside-talks-2021"
    assert match.score >= 1.0
    fields = {(e.kind, e.term): e.field for e in match.evidence if e.kind != "window"}
    assert fields[("actor", "Anna Berg")] == "title"
    assert fields[("place", "Lakeside")] == "title"
    assert fields[("place", "Northland")] == "lead"


def test_passing_mention_deep_in_body_is_not_a_match() -> None:
    """A story named only once, after several paragraphs about something else, is not a match."""
    m = Matcher([TALKS])
    text = (
        FILLER * 2 + "Separately, Minister Berg said the Lakeside water treaty talks would resume."
    )
    assert m.match("a2", "Spring fair draws crowds back to the square", text, IN_WINDOW) == []
    # The same sentence as the lead makes the story the subject.
    lead_first = "Minister Berg said the Lakeside water treaty talks would resume.\n" + FILLER
    assert slugs(m.match("a3", "Talks to resume", lead_first, IN_WINDOW)) == [TALKS.slug]


def test_window_with_slack_and_undated_items() -> None:
    """Dated items must fall inside the window (a few days of slack); undated ones are judged by
    content alone."""
    m = Matcher([TALKS], window_slack_days=3)
    title, text = "Berg meets Vale in Lakeside", "The water treaty was on the table."
    assert slugs(m.match("in", title, text, IN_WINDOW)) == [TALKS.slug]
    late = datetime(2021, 4, 30, 23, 0, tzinfo=UTC) + timedelta(days=2)
    assert slugs(m.match("slack", title, text, late)) == [TALKS.slug]
    far = datetime(2021, 9, 1, tzinfo=UTC)
    assert m.match("out", title, text, far) == []
    before = datetime(2020, 12, 1, tzinfo=UTC)
    assert m.match("before", title, text, before) == []
    assert slugs(m.match("undated", title, text, None)) == [TALKS.slug]


def test_require_rule_needs_the_listed_kinds_as_different_terms() -> None:
    """With require = actor + place|keyword, places and keywords alone do not match, and a single
    term cannot satisfy two entries."""
    m = Matcher([TALKS])
    no_actor = m.match(
        "n", "Lakeside water treaty negotiations stall", "Northland blamed Southmark.", IN_WINDOW
    )
    assert no_actor == []
    only_actor = Matcher([TALKS], min_score=0.1).match(
        "o", "Anna Berg profile", "Berg, 52.", IN_WINDOW
    )
    assert only_actor == []
    with_actor = m.match(
        "w", "Berg says water treaty negotiations stall", "Lakeside talks.", IN_WINDOW
    )
    assert slugs(with_actor) == [TALKS.slug]


def test_close_relatives_are_told_apart_by_distinctive_terms() -> None:
    """Two storylines sharing a minister and a country: each item goes to the one whose own
    terms it carries."""
    m = Matcher([TALKS, FLOOD])
    talks = m.match(
        "t",
        "Berg and Vale agree water quota in Lakeside negotiations",
        "Northland and Southmark closed the third round of the water treaty talks.",
        IN_WINDOW,
    )
    flood = m.match(
        "f",
        "Berg orders evacuation of Riverton as flood waters rise",
        "Northland's minister said the spillway was opened overnight; Lund visited shelters.",
        IN_WINDOW,
    )
    assert slugs(talks) == [TALKS.slug]
    assert slugs(flood) == [FLOOD.slug]


def test_shared_terms_weigh_less_than_distinctive_ones() -> None:
    """A name several storylines list counts for less than a name only one lists (IDF over the
    storyline set), so the same item scores lower once a relative shares its terms."""
    title, text = "Berg visits Northland border post", "The water treaty was discussed."
    alone = Matcher([TALKS], min_score=0.0).match("x", title, text, IN_WINDOW)
    shared = Matcher([TALKS, FLOOD], min_score=0.0).match("x", title, text, IN_WINDOW)
    score_alone = {m.slug: m.score for m in alone}[TALKS.slug]
    score_shared = {m.slug: m.score for m in shared}[TALKS.slug]
    assert score_shared < score_alone


def test_item_can_carry_two_storylines_when_both_have_their_substance() -> None:
    """An item that is clearly about both stories gets both slugs, best first."""
    m = Matcher([TALKS, FLOOD])
    both = m.match(
        "b",
        "Flood halts Lakeside water treaty negotiations as Riverton is evacuated",
        "Berg and Vale suspended the quota talks; Lund ordered an evacuation below the spillway.",
        IN_WINDOW,
    )
    assert sorted(slugs(both)) == sorted([TALKS.slug, FLOOD.slug])
    assert both[0].score >= both[1].score


def test_name_does_not_match_inside_a_longer_word() -> None:
    """ "Kim" must not hit "Kimberly" and "Abe" must not hit "Abernathy"; hyphens and possessives
    still split words ("Kim's", "Abe-Kim")."""
    m = Matcher([KOREA], min_score=0.0)
    assert (
        m.match("k1", "Kimberly Abernathy opens summit of bakers in Pyongyang Street", "", None)
        == []
    )
    [hit] = m.match("k2", "Abe-Kim summit in Pyongyang", "Kim's envoy arrived.", None)
    found = {e.found for e in hit.evidence}
    assert {"Abe", "Kim", "Kim's"} & found >= {"Abe", "Kim"}


def test_name_variants_fold_case_hyphens_and_spacing() -> None:
    """ "KIM JONG-UN", "Kim  Jong Un" (two spaces) and "Kim Jong-un" all match the same actor."""
    m = Matcher([KOREA], min_score=0.0)
    for title in (
        "KIM JONG-UN hosts summit",
        "Kim  Jong Un hosts summit",
        "Kim Jong-un hosts summit",
    ):
        [hit] = m.match("v", title, "In Pyongyang.", None)
        assert any(e.term == "Kim Jong Un" for e in hit.evidence)


def test_demonyms_and_plurals_are_weaker_variants() -> None:
    """Decision: a place also matches its demonym ("Iran" → "Iranians") at half weight; a keyword
    matches its plural ("tariff" → "tariffs") but not other derived words ("tariffed")."""
    m = Matcher([KOREA], min_score=0.0)
    [demonym] = m.match("d", "Kim meets Iranians", "", None)
    [name] = m.match("n", "Kim meets Iran", "", None)
    assert any(e.kind == "place" and e.found == "Iranians" for e in demonym.evidence)
    assert demonym.score < name.score
    [plural] = m.match("p", "Kim weighs tariffs", "", None)
    assert any(e.kind == "keyword" and e.found == "tariffs" for e in plural.evidence)
    assert m.match("x", "Kim tariffed", "", None) == []


def test_explanation_names_terms_fields_and_window() -> None:
    """Match.explain() says which actor, place and keyword matched and where; evidence offsets
    point at the found text in its field."""
    m = Matcher([TALKS])
    title = "Berg and Vale sign water treaty in Lakeside"
    [match] = m.match("e", title, "Northland welcomed it.", IN_WINDOW)
    line = match.explain()
    title_part = line.split(" · ")[0]
    assert title_part.startswith("title: ")
    for term in ("Anna Berg", "Tomas Vale", "Lakeside", "water treaty"):
        assert term in title_part
    assert "lead: Northland" in line
    assert "window 2021-03-01..2021-04-30" in line
    kinds = {(e.kind, e.term) for e in match.evidence}
    assert {("actor", "Anna Berg"), ("place", "Lakeside"), ("keyword", "water treaty")} <= kinds
    for ev in match.evidence:
        if ev.field == "title":
            assert title[ev.offset : ev.offset + len(ev.found)] == ev.found


def test_match_article_uses_published_unless_it_was_guessed() -> None:
    """match_article checks the window with the feed's date, but judges an article whose date was
    only the fetch time by content alone."""
    m = Matcher([TALKS])
    base = dict(
        feed_url="file:feed.xml",
        guid=None,
        url=None,
        title="Berg meets Vale in Lakeside",
        text="The water treaty was discussed.",
        content_hash="h",
        fetched_at=datetime(2022, 1, 1, tzinfo=UTC),
    )
    late = datetime(2022, 1, 1, tzinfo=UTC)
    dated = Article(id="d", published=late, published_missing=False, **base)
    guessed = Article(id="g", published=late, published_missing=True, **base)
    assert m.match_article(dated) == []
    assert slugs(m.match_article(guessed)) == [TALKS.slug]


def test_bad_input_is_handled() -> None:
    """Null title and text give no match; a naive datetime and duplicate slugs are clear errors;
    no storylines at all means no matches."""
    m = Matcher([TALKS])
    assert m.match("n", None, None, None) == []
    assert m.match("e", "", "", IN_WINDOW) == []
    with pytest.raises(ValueError, match="timezone-aware"):
        m.match("z", "Berg in Lakeside", "", datetime(2021, 3, 20))  # noqa: DTZ001
    with pytest.raises(ValueError, match="duplicate storyline slugs: lakeside-talks-2021"):
        Matcher([TALKS, TALKS])
    assert Matcher([]).match("none", "Berg in Lakeside", "water treaty", IN_WINDOW) == []
    assert Matcher([]).diagnose("none", "Berg in Lakeside", "water treaty", IN_WINDOW) == []


def test_min_score_threshold_filters_weak_matches() -> None:
    """Raising min_score drops a match that passes at the default threshold."""
    title, text = "Berg in Lakeside", "A short visit."
    assert slugs(Matcher([TALKS]).match("s", title, text, IN_WINDOW)) == [TALKS.slug]
    assert Matcher([TALKS], min_score=50.0).match("s", title, text, IN_WINDOW) == []


def test_one_word_alias_followed_by_another_name_is_someone_else() -> None:
    """ "Kim" in "Kim Kardashian" or "Kim Yo Jong" is not Kim Jong Un; but "Trump Kim summit",
    "Kim Tuesday said" and Title Case headlines ("Talks Will Resume, Kim Says") still count."""
    trump_kim = Storyline(
        slug="tk",
        title="Trump-Kim",
        actors=(Actor("Kim Jong Un", ("Kim",)), Actor("Donald Trump", ("Trump",))),
        places=("Pyongyang",),
        keywords=("summit",),
    )
    m = Matcher([trump_kim], min_score=0.0)

    def actors(title: str, text: str = "") -> set[str]:
        return {
            e.term for x in m.match("a", title, text, None) for e in x.evidence if e.kind == "actor"
        }

    assert "Kim Jong Un" not in actors("Kim Kardashian meets Trump at summit")
    assert "Kim Jong Un" not in actors("Summit in Pyongyang", "Kim Yo Jong met Trump there.")
    assert actors("Trump Kim summit set for spring") == {"Kim Jong Un", "Donald Trump"}
    assert "Kim Jong Un" in actors("Summit in Pyongyang", "Kim Tuesday said Trump was welcome.")
    assert "Kim Jong Un" in actors("Summit Talks Will Resume in Pyongyang, Kim Says")


def test_windows_at_the_ends_of_the_calendar_do_not_overflow() -> None:
    """A window starting on 0001-01-01 or ending on 9999-12-31, or none at all, still works."""
    edge = Storyline(
        slug="edge",
        title="Edge",
        window_start=date.min,
        window_end=date.max,
        actors=(Actor("Anna Berg"),),
        places=("Lakeside",),
    )
    open_ended = Storyline(
        slug="open", title="Open", actors=(Actor("Tomas Vale"),), places=("Riverton",)
    )
    m = Matcher([edge, open_ended])
    when = datetime(2021, 3, 20, tzinfo=UTC)
    assert sorted(
        slugs(m.match("e", "Anna Berg in Lakeside, Tomas Vale in Riverton", "", when))
    ) == [
        "edge",
        "open",
    ]


def test_diagnose_says_why_each_named_storyline_did_not_match() -> None:
    """diagnose() agrees with match() on what matched, and gives a reason for every storyline
    whose terms the item names: window, passing mention, require rule, close relative."""
    m = Matcher([TALKS, FLOOD])
    title = "Berg and Lund discuss Lakeside water treaty in Northland"
    text = "The negotiations resume in Southmark."
    verdicts = m.diagnose("d", title, text, IN_WINDOW)
    assert [v.slug for v in verdicts if v.matched] == slugs(m.match("d", title, text, IN_WINDOW))
    by_slug = {v.slug: v for v in verdicts}
    assert by_slug[FLOOD.slug].matched is False
    assert "close relative of lakeside-talks-2021" in by_slug[FLOOD.slug].reason

    late = datetime(2021, 12, 1, tzinfo=UTC)
    [outside, *_] = [v for v in m.diagnose("l", title, text, late) if v.slug == TALKS.slug]
    assert "outside the window 2021-03-01..2021-04-30" in outside.reason

    passing = FILLER * 2 + "Separately, Minister Berg said the Lakeside water treaty talks resumed."
    [mention] = Matcher([TALKS]).diagnose("p", "Spring fair returns", passing, IN_WINDOW)
    assert "passing mention" in mention.reason
    assert mention.evidence

    [no_actor] = Matcher([TALKS]).diagnose("r", "Lakeside water treaty negotiations", "", IN_WINDOW)
    assert "needs actor + place|keyword" in no_actor.reason

    [roundup] = m.diagnose("x", "Floods, Berg, Chess: Your Monday Briefing", "", IN_WINDOW)
    assert roundup.slug == ""
    assert "round-up" in roundup.reason
    assert "not matched" in roundup.line()


def test_undated_item_must_name_one_of_the_people() -> None:
    """Without a date, places and keywords alone do not place an item in this story (they fit
    other years too); with a date inside the window they may."""
    story = Storyline(
        slug="harbour",
        title="Harbour strike",
        window_start=date(2021, 3, 1),
        window_end=date(2021, 4, 30),
        actors=(Actor("Ola Strand", ("Strand",)),),
        places=("Port Grey",),
        keywords=("dock strike", "pickets"),
        require=("place", "keyword"),
    )
    m = Matcher([story])
    title, text = "Dock strike closes Port Grey", "Pickets blocked the gates at dawn."
    assert slugs(m.match("dated", title, text, IN_WINDOW)) == ["harbour"]
    assert m.match("undated", title, text, None) == []
    named = m.match("named", title, text + " Strand called for talks.", None)
    assert slugs(named) == ["harbour"]


def test_episode_and_the_longer_story_around_it_both_match() -> None:
    """A dated item about one step of a long negotiation belongs to the short episode first
    (its window is more specific) and to the negotiation too when one of its keywords is there;
    an item outside the episode's window is the negotiation's alone."""
    episode = Storyline(
        slug="berg-visit-2021",
        title="Berg's visit to Southmark, March 2021",
        window_start=date(2021, 3, 15),
        window_end=date(2021, 3, 25),
        actors=(Actor("Anna Berg", ("Berg",)), Actor("Ivo Rask", ("Rask",))),
        places=("Southmark", "Port Grey"),
        keywords=("state visit",),
    )
    negotiation = Storyline(
        slug="lake-negotiation-2020-2022",
        title="Lake negotiation, 2020-2022",
        window_start=date(2020, 1, 1),
        window_end=date(2022, 12, 31),
        actors=(Actor("Anna Berg", ("Berg",)), Actor("Ivo Rask", ("Rask",))),
        places=("Southmark", "Northland"),
        keywords=("water treaty", "negotiations"),
    )
    m = Matcher([episode, negotiation])
    title = "Berg meets Rask in Southmark"
    text = "Their talks in Port Grey prepared the next round of negotiations, officials said."
    both = m.match("a", title, text, IN_WINDOW)
    assert slugs(both) == ["berg-visit-2021", "lake-negotiation-2020-2022"]
    later = m.match("b", title, text, datetime(2021, 9, 1, tzinfo=UTC))
    assert slugs(later) == ["lake-negotiation-2020-2022"]
