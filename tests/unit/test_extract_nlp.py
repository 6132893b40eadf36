"""Model loading: once per name, lazily, with a clear error when the model is missing."""

from __future__ import annotations

import pytest

from bot.extract.nlp import ModelNotInstalledError, get_nlp


def test_a_missing_model_names_itself_and_how_to_install_it():
    """A model that is not installed raises an error naming it and the pip command to install it."""
    with pytest.raises(ModelNotInstalledError) as info:
        get_nlp("no_such_model_for_attache")
    message = str(info.value)
    assert "no_such_model_for_attache" in message
    assert "pip install" in message


@pytest.mark.slow
def test_the_model_loads_once_and_is_shared():
    """get_nlp returns the same loaded pipeline on every call."""
    assert get_nlp() is get_nlp()


@pytest.mark.slow
def test_a_line_break_always_ends_a_sentence():
    """A headline line without a full stop ends its sentence at the line break."""
    doc = get_nlp()("Minister arrives in Oslo to meet Dahl\n\nThe talks began on Monday.")
    starts = [s.text.strip() for s in doc.sents]
    assert starts[0] == "Minister arrives in Oslo to meet Dahl"


@pytest.mark.slow
def test_military_abbreviations_do_not_end_a_sentence():
    """"Cmdr." before a name does not end the sentence."""
    doc = get_nlp()("Photos show the president with army Cmdr. Joao Silva at the base.")
    assert len(list(doc.sents)) == 1


@pytest.mark.slow
def test_pipes_no_layer_reads_are_excluded_and_the_ones_rules_read_are_kept():
    """Memory: unused pipes are never loaded; POS, lemmas, the parse and entities still come."""
    from bot.extract.nlp import UNUSED_PIPES

    nlp = get_nlp()
    assert not set(UNUSED_PIPES) & set(nlp.component_names)
    for needed in ("tagger", "parser", "attribute_ruler", "lemmatizer", "ner"):
        assert needed in nlp.pipe_names
    doc = nlp("Foreign Minister Anna Lind met her counterpart in Oslo on Monday.")
    assert "meet" in [t.lemma_ for t in doc]
    assert doc.has_annotation("DEP")
    assert {e.text for e in doc.ents} >= {"Anna Lind", "Oslo"}
