"""The PLOVER codebook and the event-pattern dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import KnowledgeError
from dateline.knowledge.plover import load_codebook, load_patterns


def test_codebook_has_sixteen_types_with_quads_and_scores() -> None:
    book = load_codebook()
    assert len(book.types) == 16
    assert book.types["SANCTION"].quad == 4
    assert book.score("RETREAT", "withdraw") == 8.0
    assert book.score("RETREAT", None) == 6.5
    assert book.score("ACCUSE", None) == -2.0


def test_cameo_roots_and_goldstein_for_export() -> None:
    book = load_codebook()
    assert book.cameo_root("ASSAULT", "aerial") == "19"
    assert book.cameo_root("ACCUSE", "investigate") == "09"
    assert book.goldstein["19"] == -10.0


@pytest.mark.parametrize(
    ("code", "plover"),
    [("0814", "RETREAT"), ("083", "CONCEDE"), ("163", "COERCE"), ("1712", "ASSAULT"),
     ("042", "CONSULT"), ("42", "CONSULT"), ("010", None), ("190", "ASSAULT")],
)
def test_cameo_to_plover_longest_prefix(code: str, plover: str | None) -> None:
    assert load_codebook().cameo_to_plover(code) == plover


def test_acled_table() -> None:
    assert load_codebook().acled_to_plover("Battles") == "ASSAULT"
    assert load_codebook().acled_to_plover("Peaceful protest") == "PROTEST"


def test_patterns_are_indexed_by_lemma_most_specific_first() -> None:
    index = load_patterns()
    withdraw = index.get("verb", "withdraw")
    assert withdraw and withdraw[0].specificity >= withdraw[-1].specificity
    assert all(p.lemma == "withdraw" for p in withdraw)
    assert index.get("verb", "no-such-lemma") == ()


def test_user_patterns_extend_and_win_ties(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "patterns:\n- {id: user:parley, pos: verb, event: CONSULT, lemmas: [palaver]}\n"
    )
    index = load_patterns([user])
    assert index.get("verb", "palaver")[0].id == "user:parley"


def test_bad_pattern_names_file_and_line(tmp_path: Path) -> None:
    user = tmp_path / "bad.yaml"
    user.write_text("patterns:\n- {id: ok, pos: verb, event: AID, lemmas: [x]}\n"
                    "- {id: bad, pos: verb, event: NOPE, lemmas: [y]}\n")
    with pytest.raises(KnowledgeError, match=r"bad\.yaml:3: unknown event"):
        load_patterns([user])


def test_bad_mode_is_rejected(tmp_path: Path) -> None:
    user = tmp_path / "mode.yaml"
    user.write_text("patterns:\n- {id: m, pos: noun, event: ASSAULT, mode: tickle, lemmas: [z]}\n")
    with pytest.raises(KnowledgeError, match="mode 'tickle'"):
        load_patterns([user])


def test_merged_labels_and_groups_come_from_the_codebook() -> None:
    book = load_codebook()
    assert book.merged == {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
    assert book.merged_label("RETREAT") == "YIELD" and book.merged_label("AID") == "AID"
    assert (book.quad_of("YIELD"), book.quad_of("CONCEDE"), book.quad_of("ASSAULT")) == (2, 1, 4)
    assert book.quad_of(None) is None and book.quad_of("NOPE") is None
    assert {t for t in [*book.types, "YIELD"] if book.cooperative(t)} == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "YIELD"}
    assert book.groups["commanded"] == {"COERCE", "SANCTION", "RETREAT", "ASSAULT", "MOBILIZE"}
    assert book.groups["promised_as_agree"] == {"CONSULT", "SUPPORT", "COOPERATE", "AID"}


def test_a_bad_group_or_merge_in_a_user_codebook_is_named(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text("contexts: {}\ntype_groups:\n  commanded: [ASSAULT, NOPE]\n")
    with pytest.raises(KnowledgeError, match="type_groups commanded: unknown NOPE"):
        load_codebook([user])
    user.write_text("contexts: {}\nmerged_types:\n  BOTH: {types: [AID], quad: 9}\n")
    with pytest.raises(KnowledgeError, match=r"mine.yaml:3: BOTH: quad must be 1-4"):
        load_codebook([user])
