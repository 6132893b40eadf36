"""`attache extract` on bad input: every article gets its line, nothing raises, the run goes on.

Runs the real command in a child process on a JSONL of hostile articles followed by one good
one; all texts are invented.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
_FILLER = (
    "Delegates from the fishing nations met in Lima on Monday to discuss quotas for the "
    "coming season, and officials said the talks would resume on Tuesday. "
)
GOOD = {
    "id": "good",
    "title": "Lind lands in Oslo",
    "text": "Foreign Secretary Anna Lind landed in Oslo on Monday and is expected to hold a "
    "meeting with Prime Minister Erik Dahl there.",
    "published": "2021-03-10T12:00:00Z",
}
BAD = [
    {"id": "empty", "title": "", "text": ""},
    {"id": "title-only", "title": "Foreign Minister Lena Ortiz to visit Cairo next week",
     "text": ""},
    {"id": "huge", "title": "Quota talks", "text": _FILLER * (200_000 // len(_FILLER) + 1)},
    {"id": "spanish", "title": "Reunión en Madrid",
     "text": "El ministro de Asuntos Exteriores se reunió el lunes con su homólogo en Madrid "
     "para hablar de la cooperación entre los dos países y de la situación en la región, "
     "según un comunicado publicado por el gobierno después de la reunión de los dos."},
    {"id": "slug", "title": "BC-EU-TURKEY-TALKS ///",
     "text": "URGENT URGENT URGENT\nBRUSSELS, March 3 (Wire)\nEU TALKS COLLAPSE AS MINISTERS "
     "WALK OUT OF MEETING WITH TURKISH DELEGATION"},
    {"id": "unclosed", "title": None,
     "text": 'Prime Minister Erik Dahl met President Ana Ruiz in Oslo on Monday. "We agreed on '
     'most points, Dahl told reporters.\nRuiz said "the hard part is still ahead and'},
    {"id": "dateline-only", "title": None, "text": "OSLO, March 3 (Wire) -"},
]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("bad_input")
    src, out = folder / "in.jsonl", folder / "out.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in [*BAD, GOOD]), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "extract", str(src), "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [r["id"] for r in [*BAD, GOOD]]
    return {r["id"]: r for r in records}


def test_every_bad_article_gets_a_line_with_lists_and_no_failure_note(extracted):
    """No exception inside the extractor either: no "failed" note on any article."""
    for record in extracted.values():
        assert isinstance(record["meetings"], list)
        assert isinstance(record["quotes"], list)
        assert not any("failed" in note for note in record.get("notes", []))


def test_the_good_article_after_the_bad_ones_is_extracted_in_full(extracted):
    """The run goes on: the last, good article still gives its meeting."""
    meetings = extracted["good"]["meetings"]
    assert any(set(m["participants"]) == {"Anna Lind", "Erik Dahl"} for m in meetings)


def test_empty_and_foreign_texts_are_empty_with_their_reason(extracted):
    """Empty text and a text in another language give nothing, and say why."""
    assert extracted["empty"]["meetings"] == []
    assert extracted["empty"]["notes"] == ["empty text"]
    assert extracted["spanish"]["meetings"] == []
    assert extracted["spanish"]["quotes"] == []
    assert any("English" in n for n in extracted["spanish"]["notes"])


def test_a_huge_text_is_cut_and_still_read(extracted):
    """200,000 characters and more: truncated with a note, the meetings of the kept part read."""
    huge = extracted["huge"]
    assert any("truncated" in n for n in huge["notes"])
    assert all(m["evidence"] for m in huge["meetings"])


def test_a_title_only_item_is_read_from_its_title(extracted):
    """No body text: the headline alone is read (a partial extraction, not an error)."""
    record = extracted["title-only"]
    assert "empty text" not in record.get("notes", [])
    assert record["meetings"], "the headline states a visit"
    assert all("Lena Ortiz" in m["participants"] for m in record["meetings"])


def test_unclosed_quotation_marks_keep_the_meeting_and_lose_no_text(extracted):
    """A quotation that never closes ends at its paragraph: the meeting before it survives."""
    meetings = extracted["unclosed"]["meetings"]
    assert any(set(m["participants"]) == {"Erik Dahl", "Ana Ruiz"} for m in meetings)
    for quote in extracted["unclosed"]["quotes"]:
        assert "\n" not in quote["text"]


def test_a_slug_headline_and_a_bare_dateline_give_no_invented_people(extracted):
    """All-caps wire slugs and a dateline with nothing after it: no person made of slug words."""
    assert extracted["dateline-only"]["meetings"] == []
    assert extracted["dateline-only"]["quotes"] == []
    for meeting in extracted["slug"]["meetings"]:
        assert not any(p.isupper() and "-" in p for p in meeting["participants"])
