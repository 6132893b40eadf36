"""Lists of parties the parser breaks: a member after an apposed title hung on the verb, and a
second with-phrase coordinated past the apposition."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

OFF = frozenset({"list_member_after_apposition"})


@pytest.mark.parametrize("text", [
    "VALMORA, March 9 (Xinhua)\n"
    "Premier Lin Dao held talks with Ivo Kral, chairman of the Norland Farmers League, and Foreign "
    "Minister Ana Ruiz on Tuesday.",
    "VALMORA, March 9 (Xinhua)\n"
    "Premier Lin Dao said he met Ivo Kral, head of the Vestby Council of Elders, and Governor Ana Ruiz "
    "in the morning.",
])
def test_a_name_after_an_apposed_title_is_the_next_list_member(meetings_in, text) -> None:
    """"talks with A, chairman of X, and Minister B": B is a party too; with the rule off the
    parser's reading (B a conjunct of the verb) drops B.
    """
    assert [m.participants for m in meetings_in(text)] == [("Lin Dao", "Ivo Kral", "Ana Ruiz")]
    assert [m.participants for m in meetings_in(text, off=OFF)] == [("Lin Dao", "Ivo Kral")]


def test_a_second_with_phrase_past_an_apposed_title_is_a_party(meetings_in) -> None:
    """"met with A, deputy secretary for X, and with the Y chamber": the chamber is a side too."""
    text = ("VALMORA, March 9 (Xinhua)\n"
            "Premier Lin Dao also met with Ivo Kral, deputy secretary for ports and shipping, and with "
            "the Norland Chamber of Commerce.")
    assert [m.participants for m in meetings_in(text)] == [("Lin Dao", "Ivo Kral", "Norland Chamber of Commerce")]
    assert [m.participants for m in meetings_in(text, off=OFF)] == [("Lin Dao", "Ivo Kral")]


def test_a_new_clause_after_the_list_adds_no_member(meetings_in) -> None:
    """"met A, head of X, and Governor B said ...": B is the subject of a clause of its own."""
    text = ("VALMORA, March 9 (Xinhua)\n"
            "Premier Lin Dao met Ivo Kral, head of the Vestby Council of Elders, and Governor Ana Ruiz "
            "said the port would reopen.")
    assert [m.participants for m in meetings_in(text)] == [("Lin Dao", "Ivo Kral")]
