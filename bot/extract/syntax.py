"""Dependency-tree helpers shared by the extractor's layers: prepositional objects, governing chains."""

from __future__ import annotations

from typing import Any


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
