"""The per-document views the extractor's layers share: token columns, tokens picked by an
attribute, and span texts cut from the document's text. Each must say what spaCy's own objects say.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.extract.nlp import get_nlp
from bot.extract.syntax import columns, np_text, span_text, tokens, tokens_with

TEXT = ("Envoy Mara Quill's  convoy reached Port Tellin on Friday.\n"
        "She said the \"harbour talks\" in Tellin were over, and left.")


@pytest.fixture(scope="module")
def doc() -> Any:
    return get_nlp()(TEXT)


def test_columns_hold_each_tokens_ids(doc: Any) -> None:
    """Checked: column i of each attribute is the id of token i's attribute."""
    cols = columns(doc)
    strings = doc.vocab.strings
    for tok in doc:
        assert cols["LOWER"][tok.i] == strings[tok.lower_]
        assert cols["LEMMA"][tok.i] == strings[tok.lemma_]
        assert cols["POS"][tok.i] == tok.pos
        assert cols["DEP"][tok.i] == tok.dep
        assert cols["IDX"][tok.i] == tok.idx


def test_tokens_with_picks_in_text_order(doc: Any) -> None:
    """Checked: the tokens picked by an attribute are those a token-by-token test keeps, in order."""
    assert [t.i for t in tokens_with(doc, "POS", ("PROPN", "VERB"))] == [
        t.i for t in doc if t.pos_ in ("PROPN", "VERB")]
    assert [t.i for t in tokens_with(doc, "LOWER", ("tellin", "said"))] == [
        t.i for t in doc if t.lower_ in ("tellin", "said")]
    assert tokens_with(doc, "LOWER", ("nowhere-word",)) == []


def test_span_text_is_spacys_span_text(doc: Any) -> None:
    """Checked: every span's text, with spaces, line breaks and quotation marks inside or at its
    ends, and empty or out-of-range spans, is the text spaCy gives for the same slice.
    """
    n = len(tokens(doc))
    for start in range(-2, n + 2):
        for end in range(-2, n + 3):
            assert span_text(doc, start, end) == doc[start:end].text, (start, end)


@pytest.mark.parametrize("text", [
    "Ministers of the twelve member states of the Baltic-Nordic Fisheries Cooperation Council began "
    "their meeting in Tromso on Monday.",
    "Envoys of the 30 member states of the South-East Fisheries Cooperation Forum (SEFCF) ended their "
    "two-day meeting in Lima on Friday.",
])
def test_a_long_group_phrase_is_cut_before_a_name_not_inside_it(text: str) -> None:
    """Checked: a group's phrase too long to keep whole ends before the of-phrase holding a name,
    never on half of the name ("... of the Baltic")."""
    doc = get_nlp()(text)
    phrase = np_text(doc[0], doc)
    assert phrase.split()[-2:] == ["member", "states"]
