"""Dependency-tree helpers shared by the extractor's layers: prepositional objects, governing chains, noun phrases."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# Views of a parsed document that several layers read. spaCy rebuilds each on every access
# (`doc.text` joins every token, `doc.ents` makes a Span per entity, iterating a Doc makes a
# Token per word), so they are built once per document. Only the latest document is held: an
# article's views never outlive the next article, and a document read from two threads at once
# is at worst built twice.
_latest: tuple[Any, dict[str, Any]] = (None, {})


def _views(doc: Any) -> dict[str, Any]:
    """The views built so far for `doc` (empty when another document was read last)."""
    global _latest
    held = _latest
    if held[0] is not doc:
        held = (doc, {})
        _latest = held
    return held[1]


def doc_text(doc: Any) -> str:
    """`doc.text`, joined once per document."""
    views = _views(doc)
    text: str | None = views.get("text")
    if text is None:
        text = views["text"] = doc.text
    return text


def parsed_from(doc: Any, text: str) -> None:
    """Record the string `doc` was parsed from: spaCy keeps every character, so it is `doc.text`."""
    _views(doc)["text"] = text


def tokens(doc: Any) -> list[Any]:
    """The document's tokens as a list, made once per document (`tokens(doc)[i]` is `doc[i]`)."""
    views = _views(doc)
    toks: list[Any] | None = views.get("tokens")
    if toks is None:
        toks = views["tokens"] = list(doc)
    return toks


# The token attributes the layers pick candidate tokens by, read from spaCy's arrays: comparing
# integer ids in a list costs far less than making a Token and reading its attribute per word.
_COLUMNS = ("LOWER", "LEMMA", "POS", "DEP", "IDX")


def columns(doc: Any) -> dict[str, list[int]]:
    """Per attribute of `_COLUMNS`, its value for every token as a list of ids (`columns(doc)["POS"][i]`
    is the id of `doc[i].pos_`), read with one `to_array` per document. The lists are shared: do
    not change them.
    """
    views = _views(doc)
    cols: dict[str, list[int]] | None = views.get("columns")
    if cols is None:
        if len(doc):
            array = doc.to_array(list(_COLUMNS))
            cols = {name: array[:, k].tolist() for k, name in enumerate(_COLUMNS)}
        else:
            cols = {name: [] for name in _COLUMNS}
        views["columns"] = cols
    return cols


def span_text(doc: Any, start: int, end: int) -> str:
    """`doc[start:end].text`, cut from the document's text: making the Span, and a Token per word
    to join their texts, costs more, and the people and quote layers ask for many name spans.
    """
    toks = tokens(doc)
    if 0 <= start < end <= len(toks):
        last = toks[end - 1]
        return doc_text(doc)[toks[start].idx : last.idx + len(last.text)]
    return str(doc[start:end].text)  # an empty or out-of-range span: as spaCy cuts it


def tokens_with(doc: Any, attr: str, values: Iterable[str]) -> list[Any]:
    """The tokens whose `attr` (one of `_COLUMNS`) is one of `values`, in text order: the few that
    a rule can apply to, picked from the arrays before their attributes are read one by one.
    """
    strings = doc.vocab.strings
    wanted = {strings[v] for v in values}  # a str gives its hash without adding it
    toks = tokens(doc)
    return [toks[i] for i, v in enumerate(columns(doc)[attr]) if v in wanted]


def entities(doc: Any) -> tuple[Any, ...]:
    """`doc.ents`, made once per document."""
    views = _views(doc)
    ents: tuple[Any, ...] | None = views.get("ents")
    if ents is None:
        ents = views["ents"] = tuple(doc.ents)
    return ents


def entity_bounds(tok: Any) -> tuple[int, int]:
    """The start and end (exclusive) of the named-entity span `tok` sits in."""
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def pobjs(tok: Any, preps: set[str] | frozenset[str]) -> list[Any]:
    """The objects of `tok`'s prepositions named in `preps` ("met in Oslo" → Oslo for {"in"})."""
    out: list[Any] = []
    for p in tok.children:
        if p.dep_ in ("prep", "agent") and p.lower_ in preps:
            for o in p.children:
                if o.dep_ in ("pobj", "pcomp"):
                    out.append(o)
    return out


def governing_chain(tok: Any) -> list[Any]:
    """The trigger and the words that govern it within its clause, nearest first."""
    chain = [tok]
    cur = tok
    for _ in range(8):
        if cur.dep_ in ("ROOT",) or cur.head == cur:
            break
        if cur.dep_ in ("ccomp", "parataxis", "relcl") and cur.pos_ in ("VERB", "AUX"):
            break  # a clause of its own: "..., where he met X" does not take the outer place
        cur = cur.head
        chain.append(cur)
        if cur.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children) and cur.tag_ in ("VBD", "VBZ", "VBP"):
            # a finite verb with its own subject closes the clause: its tense decides
            break
    return chain


def own_subtree(tok: Any) -> list[Any]:
    """The phrase under `tok` without its coordinated siblings ("Seoul" in "Seoul and Beijing")."""
    out = [tok]
    stack = [c for c in tok.children if c.dep_ not in ("conj", "cc")]
    while stack:
        cur = stack.pop()
        out.append(cur)
        stack.extend(cur.children)
    return out


def children(tok: Any, *deps: str) -> list[Any]:
    """The children of `tok` attached by one of `deps`."""
    return [c for c in tok.children if c.dep_ in deps]


def has_the(tok: Any) -> bool:
    """Whether "the" is the word's own determiner ("the meeting", "the two sides")."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def _cut_before_split_name(doc: Any, head: int, right: int) -> int:
    """The end of a group's phrase cut at `right`: before the of-phrase the cut runs through when
    it ends inside a name ("leaders of the Asia|-Pacific Economic Cooperation"), so no name is left
    in halves; a singular head ("head of state Sultan ...") may be a title, and keeps the cut.
    """
    if doc[head].tag_ not in ("NNS", "NNPS") or right + 1 >= len(doc):
        return right
    inside_name = doc[right + 1].ent_iob_ == "I" or doc[right].dep_ == "compound" and doc[right].head.i > right
    if not inside_name:
        return right
    for i in range(right, head, -1):
        if doc[i].lower_ == "of" and doc[i].pos_ == "ADP":
            return i - 1
    return right


def np_text(tok: Any, doc: Any, max_tokens: int = 9) -> str:
    """The noun phrase headed by `tok`, cut before commas, clauses and coordination."""
    left = tok.left_edge.i
    right = tok.i
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "in", "from"):
            right = max(right, c.right_edge.i)
        else:
            break
    # never run past punctuation or a conjunction inside the phrase
    for i in range(tok.i + 1, right + 1):
        # coordination of the phrase itself ends it; "of Chile and Argentina" stays inside
        if doc[i].is_punct and doc[i].text != "-" or (
                doc[i].dep_ in ("cc", "conj", "relcl", "appos") and doc[i].head.i == tok.i):
            right = i - 1
            break
    for i in range(tok.i - 1, left - 1, -1):
        if doc[i].is_punct and doc[i].text not in ("-", "'", "."):
            left = i + 1
            break
    for i in range(tok.i + 1, right + 1):
        # a phrase's own "of" chain stays; a nested "on"/"in" phrase is the clause's, not the name's
        if doc[i].pos_ == "ADP" and doc[i].lower_ not in ("of", "than") and doc[i].head.i != tok.i:
            right = i - 1
            break
    if right - left + 1 > max_tokens:
        left = max(left, tok.i - 4)
        right = _cut_before_split_name(doc, tok.i, min(right, left + max_tokens - 1))
    while right > tok.i and doc[right].pos_ in ("ADP", "DET", "CCONJ", "PART", "PUNCT"):
        right -= 1  # never end on "in", "the", "and" after a cut
    return span_text(doc, left, right + 1).strip()
