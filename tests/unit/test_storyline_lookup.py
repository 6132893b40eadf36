"""Finding a storyline by what a user types, and button labels that tell titles apart."""

from __future__ import annotations

from bot.services.storylines import SlugLookup, find_slug
from bot.telegram import keyboards as kb

SLUGS = ["gulf-tour-2025", "arctic-council", "pompeo-asia-2018", "pompeo-europe-2019"]


def test_exact_names_match_in_any_case():
    """The slug itself, in any capitalisation, is the storyline."""
    assert find_slug("GULF-TOUR-2025", SLUGS) == SlugLookup("gulf-tour-2025")


def test_a_unique_prefix_of_three_or_more_characters_names_the_storyline():
    """`arc` and `pompeo-a` are unique beginnings; `pompeo` is two and `g` is too short."""
    assert find_slug("arc", SLUGS).slug == "arctic-council"
    assert find_slug("pompeo-a", SLUGS).slug == "pompeo-asia-2018"
    assert find_slug("pompeo", SLUGS) == SlugLookup(None, ("pompeo-asia-2018", "pompeo-europe-2019"))
    assert find_slug("g", SLUGS) == SlugLookup(None, ("gulf-tour-2025",))


def test_a_misspelling_is_not_taken_but_suggested():
    """Close spellings, whole or of the beginning, become suggestions, never a match."""
    assert find_slug("gulf-tuor", SLUGS) == SlugLookup(None, ("gulf-tour-2025",))
    assert find_slug("arctc-council", SLUGS) == SlugLookup(None, ("arctic-council",))


def test_nothing_like_a_slug_finds_nothing():
    """Emoji, empty text and unrelated words: no slug and no suggestion."""
    assert find_slug("🙂", SLUGS) == SlugLookup(None)
    assert find_slug("   ", SLUGS) == SlugLookup(None)
    assert find_slug("weather", SLUGS) == SlugLookup(None)


def test_labels_of_titles_with_one_beginning_keep_their_ends():
    """Cut to the same beginning, two titles keep their ends; identical ones show their slugs;
    every label stays within the limit."""
    head = "The foreign minister of a small country visits the Gulf states in"
    pairs = [("a", f"{head} May"), ("b", f"{head} June"), ("c", "Same"), ("d", "Same"), ("e", "Short")]
    labels = kb.distinct_labels(pairs, 40)
    assert len(set(labels)) == len(labels)
    assert labels[0].endswith("May")
    assert labels[1].endswith("June")
    assert labels[2:] == ["Same (c)", "Same (d)", "Short"]
    assert all(len(label) <= 40 for label in labels)


def test_pick_and_info_buttons_round_trip_through_the_codec():
    """pk names a command word and a storyline token; inf a token; both decode as sent."""
    markup = kb.pick_keyboard("unsubscribe", [("gulf-tour-2025", "Gulf tour")])
    data = markup.inline_keyboard[0][0].callback_data
    assert kb.decode(data) == kb.Callback("pk", ("unsubscribe", "gulf-tour-2025"))
    assert kb.decode("inf:gulf-tour-2025") == kb.Callback("inf", ("gulf-tour-2025",))
    many = kb.pick_keyboard("latest", [(f"s{i}", f"Story {i}") for i in range(30)])
    assert len(many.inline_keyboard) == kb.MAX_PICKS
