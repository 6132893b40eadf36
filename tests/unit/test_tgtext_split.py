"""Message splitting: every piece fits Telegram's limit, no piece breaks a tag, pieces join back."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.tgtext.html import HtmlParseError, parse_html
from bot.tgtext.split import is_blank, split_for_sending, split_message
from bot.tgtext.units import MAX_MESSAGE_UTF16, utf16_len

_words = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="<>&"), min_size=1, max_size=40)
_para = st.lists(
    st.one_of(_words, _words.map(lambda w: f"<b>{w}</b>"), _words.map(lambda w: f'<a href="https://x.org/?a=1&amp;b=2">{w}</a>'), st.just("&amp;"), st.just("😀")),
    min_size=1,
    max_size=30,
).map(" ".join)
_doc = st.lists(_para, min_size=1, max_size=200).map("\n\n".join)


def _balanced(piece: str) -> bool:
    stack = []
    for closing, name in re.findall(r"<(/?)([a-z-]+)[^>]*>", piece):
        if closing:
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    return not stack


@settings(max_examples=60, deadline=None)
@given(_doc, st.sampled_from([200, 1000, MAX_MESSAGE_UTF16]))
def test_pieces_fit_parse_and_join_back(doc: str, limit: int) -> None:
    """Each piece is within the limit in UTF-16 units, has balanced tags, and the join is the input."""
    pieces = split_message(doc, limit)
    assert all(utf16_len(p) <= limit for p in pieces)
    assert all(_balanced(p) for p in pieces)
    assert "".join(pieces) == doc


def test_short_message_is_one_piece() -> None:
    """A message under the limit is returned unchanged."""
    assert split_message("<b>hi</b>") == ["<b>hi</b>"]
    assert split_message("") == []


def test_cuts_prefer_item_boundaries() -> None:
    """With blank lines between items, every piece ends on an item boundary."""
    items = [f"<b>Item {i}</b>\n" + "word " * 60 for i in range(100)]
    doc = "\n\n".join(items)
    pieces = split_message(doc)
    assert len(pieces) > 1
    assert all(p.endswith("\n\n") for p in pieces[:-1])


def test_block_longer_than_a_message_is_closed_and_reopened() -> None:
    """A <pre> longer than a message is cut, closed at the end and reopened in the next piece."""
    doc = "<pre>" + "x" * 10_000 + "</pre>"
    pieces = split_message(doc)
    assert len(pieces) == 3
    assert all(p.startswith("<pre>") and p.endswith("</pre>") for p in pieces)
    assert all(len(p) <= MAX_MESSAGE_UTF16 for p in pieces)
    assert "".join(p.removeprefix("<pre>").removesuffix("</pre>") for p in pieces) == "x" * 10_000


def test_entities_are_never_cut() -> None:
    """An HTML entity such as &amp; stays whole in one piece."""
    doc = "&amp;" * 3000
    pieces = split_message(doc, 1000)
    assert all(re.fullmatch(r"(&amp;)+", p) for p in pieces)


def test_astral_characters_count_two_units() -> None:
    """Emoji outside the BMP count as two UTF-16 units, as Telegram counts them."""
    doc = "😀" * 3000
    pieces = split_message(doc)
    assert [utf16_len(p) for p in pieces] == [4096, 1904]


def test_a_bullet_before_a_huge_link_is_not_a_message_of_its_own() -> None:
    """A digest line "• <a>very long title</a>": the only clean cut is right after the bullet;
    the splitter cuts inside the link instead (closing and reopening it), so no piece is
    only "• ", and the pieces still join back."""

    head = "<b>Digest</b>\n" + "\n".join(f"• item {n}" for n in range(5)) + "\n"
    doc = head + '• <a href="https://x.org/a">' + "word " * 400 + "</a> · Wire"
    pieces = split_message(doc, 1000)
    assert len(pieces) > 1
    assert not [p for p in pieces if is_blank(p)]
    assert all(utf16_len(p) <= 1000 and _balanced(p) for p in pieces)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["• ", "\n• ", "  ", "\n\n"]), _words),
        min_size=1,
        max_size=120,
    ).map(lambda parts: "".join(bullet + word for bullet, word in parts)),
    st.sampled_from([200, 1000]),
)
def test_pieces_for_sending_never_hold_only_bullets_or_spaces(doc: str, limit: int) -> None:
    """Whatever the text, split_for_sending yields no piece that shows only bullets and white
    space, and every piece with content is kept (dropping blanks loses no visible character)."""

    pieces = split_for_sending(doc, limit)
    assert not [p for p in pieces if is_blank(p)]
    not_content = r"[\s•·▪◦‣\-–—]"  # white space and every mark the splitter reads as a bullet
    visible = re.sub(not_content, "", doc)
    assert re.sub(not_content, "", "".join(pieces)) == visible


def test_is_blank_sees_through_tags_and_counts_entities() -> None:
    """Tags show nothing, bullets and white space are not content, an entity is."""

    assert is_blank("• ")
    assert is_blank("<b> • </b>\n")
    assert is_blank("")
    assert not is_blank("• x")
    assert not is_blank("<i>&amp;</i>")


_tag = st.sampled_from(
    ["b", "i", "u", "s", "code", "tg-spoiler", 'a href="https://x.org/?a=1&amp;b=2"', "pre", "blockquote"]
)
_inline = st.one_of(
    _words.map(lambda w: html.escape(w, quote=False)),
    st.just("&amp;"),
    st.just("&#128512;"),
    st.just("😀"),
)


def _wrapped(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A tag around some children, closed as it was opened."""
    return st.tuples(_tag, st.lists(children, min_size=1, max_size=8).map(" ".join)).map(
        lambda pair: f"<{pair[0]}>{pair[1]}</{pair[0].split()[0]}>"
    )


# Up to three tags deep: reopening them at the start of a piece must leave room for text.
_one_deep = _wrapped(_inline)
_two_deep = _wrapped(st.one_of(_inline, _one_deep))
_three_deep = _wrapped(st.one_of(_inline, _one_deep, _two_deep))
_telegram_html = st.lists(
    st.one_of(_inline, _one_deep, _two_deep, _three_deep), min_size=1, max_size=60
).map(lambda blocks: "\n\n".join(blocks) if len(blocks) % 2 else "\n".join(blocks))


@settings(max_examples=80, deadline=None)
@given(_telegram_html, st.sampled_from([200, 1000, MAX_MESSAGE_UTF16]))
def test_every_piece_is_valid_telegram_html_within_the_limit_and_the_text_joins_back(
    doc: str, limit: int
) -> None:
    """For any valid Telegram HTML (nested tags, entities, astral characters), each piece
    parses as Telegram parses it, is within the limit, and the pieces' texts join to the
    document's text (closing and reopening tags adds markup, never text)."""
    pieces = split_message(doc, limit)
    assert all(utf16_len(p) <= limit for p in pieces)
    parsed = [parse_html(p) for p in pieces]  # raises HtmlParseError on a piece Telegram refuses
    assert "".join(p.text for p in parsed) == parse_html(doc).text


def test_markup_telegram_refuses_is_refused_before_splitting() -> None:
    """A long text with a tag Telegram does not know raises HtmlParseError, not a broken piece."""
    with pytest.raises(HtmlParseError, match='Unsupported start tag "div"'):
        split_message("<div>" + "word " * 1000 + "</div>", 1000)


def test_a_text_of_bullet_marks_alone_is_not_sent() -> None:
    """Any mark read as a bullet (here a middle dot after a bullet) carries no content: nothing
    to send."""
    assert split_for_sending("• ·", 200) == []
