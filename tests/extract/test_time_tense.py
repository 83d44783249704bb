"""The tense of a clause (dateline.extract.timex.tense), on hand-built parses."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from dateline.extract.timex.tense import verb_tense


def test_an_infinitive_root_with_auxiliaries_has_a_tense_not_a_recursion() -> None:
    """Regression: ``The deal, to have been signed Sunday.`` parses with the infinitive
    as the root (its own head). spaCy gives a new Token object on each ``.head``, so the
    identity test ``head is not verb`` never saw the root as its own head and the tense
    look-up recursed until RecursionError (the story's time records were then lost)."""
    words = ["The", "deal", ",", "to", "have", "been", "signed", "Sunday", "."]
    doc = Doc(
        spacy.blank("en").vocab,  # English lexical attributes (lower_)
        words=words,
        heads=[1, 6, 6, 6, 6, 6, 6, 6, 6],
        deps=["det", "nsubjpass", "punct", "aux", "aux", "auxpass", "ROOT", "npadvmod", "punct"],
        tags=["DT", "NN", ",", "TO", "VB", "VBN", "VBN", "NNP", "."],
        pos=["DET", "NOUN", "PUNCT", "PART", "AUX", "AUX", "VERB", "PROPN", "PUNCT"],
        lemmas=["the", "deal", ",", "to", "have", "be", "sign", "Sunday", "."],
    )
    assert doc[6].head.i == 6 and doc[6].head is not doc[6]  # what the old test missed
    assert verb_tense(doc[6]) == "none"
    assert verb_tense(doc[4]) == "none"  # "have": an infinitive, the tense of its head
