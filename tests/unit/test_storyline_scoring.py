"""The scoring parameters file: the shipped one loads, and a typo, a missing value or a value
out of range is refused with the file and the key named (never a silent default)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.storylines.matcher import FIELD_WEIGHT, KIND_WEIGHT, Matcher
from bot.storylines.scoring import SCORING, SCORING_FILE, load_scoring


def test_the_shipped_parameters_are_the_ones_the_matcher_uses() -> None:
    """The matcher's weights and defaults are those of data/scoring.toml."""
    assert load_scoring() == SCORING
    assert KIND_WEIGHT["actor"] == SCORING.kind_weight["actor"]
    assert FIELD_WEIGHT["title"] == SCORING.field_weight["title"]
    matcher = Matcher([])
    assert matcher.min_score == SCORING.min_score
    assert matcher.lead_share == SCORING.lead_share


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("lead_share = 0.4", "lead_shar = 0.4"), r"unknown parameters \['lead_shar'\]"),
        (("famous_from = 3\n", ""), r"missing parameters \['famous_from'\]"),
        (("floor = 0.25", "floor = -0.25"), "floor must be a positive number"),
        (("prior_docs = 200", "prior_docs = 200.5"), "prior_docs must be a whole number"),
        (("topic = 0.4 }", "topic = true }"), "term.kind.topic must be a positive number"),
        ((", body = 1.0 }", " }"), "term.field must give exactly title, lead, body"),
        (("[feedback]", "[feedbacks]"), "sections must be exactly"),
    ],
)
def test_a_bad_parameters_file_is_refused_naming_the_key(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    """Each broken copy of the shipped file raises ValueError naming what is wrong."""
    text = SCORING_FILE.read_text(encoding="utf-8")
    assert edit[0] in text
    broken = tmp_path / "scoring.toml"
    broken.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_scoring(broken)
