"""Attribution: who said what, through which cue and medium."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from dateline.extract.quotes import extract_quotes, quote_regions, quote_source_for
from dateline.model import ActorMention, Article, Quote
from dateline.nlp import build_nlp, make_doc
from dateline.settings import Settings

# The seed story's attributions (expected.md): speaker, a phrase of the content.
SEED_ATTRIBUTIONS = [
    ("a senior administration official", "combat mission in Iraq will be over"),
    ("the official", "detailed in a communique"),
    ("Al-Kadhimi", "no need for the combat troops"),
    ("He", "undertaking the responsibility"),
    ("He", "conflict arena"),
    ("the official", "trained 250,000 Iraqis"),
    ("the official", "reinforces the need"),
]


@pytest.fixture(scope="module")
def light(settings: Settings) -> Language:
    """spaCy plus the quotes component only: fast unit tests."""
    return build_nlp(settings, components=("dateline_quotes",))


def parse(nlp: Language, text: str) -> Doc:
    return nlp(make_doc(nlp, Article.create(text)))


def quotes_of(nlp: Language, text: str) -> list[Quote]:
    return list(parse(nlp, text)._.dateline_quotes)


def find(quotes: list[Quote], speaker: str, phrase: str) -> Quote | None:
    return next(
        (q for q in quotes if q.speaker and q.speaker.text == speaker and phrase in q.content),
        None,
    )


@pytest.fixture(scope="module")
def seed_quotes(nlp: Language, seed_article: Article) -> list[Quote]:
    return list(nlp(make_doc(nlp, seed_article))._.dateline_quotes)


def test_seed_story_has_all_seven_attributions(seed_quotes: list[Quote]) -> None:
    found = [find(seed_quotes, speaker, phrase) for speaker, phrase in SEED_ATTRIBUTIONS]
    assert all(q is not None for q in found), seed_quotes


def test_seed_story_anonymity_medium_and_direct_quote(seed_quotes: list[Quote]) -> None:
    first = find(seed_quotes, "a senior administration official", "combat mission")
    second = find(seed_quotes, "the official", "communique")
    kadhimi = find(seed_quotes, "Al-Kadhimi", "no need for the combat troops")
    capable = find(seed_quotes, "the official", "trained 250,000 Iraqis")
    assert first and second and kadhimi and capable
    assert first.anonymous and second.anonymous and capable.anonymous
    assert not kadhimi.anonymous and kadhimi.medium == "Al-Arabiya" and kadhimi.direct
    assert not capable.direct  # “capable” is a partial quote inside an indirect frame


def test_seed_story_pronouns_resolve_to_al_kadhimi(
    seed_quotes: list[Quote], seed_article: Article
) -> None:
    for phrase in ("undertaking the responsibility", "conflict arena"):
        quote = find(seed_quotes, "He", phrase)
        assert quote is not None and quote.speaker is not None
        ref = quote.speaker.refers_to
        antecedent = seed_article.text[ref[0] : ref[1]] if ref else ""
        assert quote.speaker.code == "IRQ" or "Kadhimi" in antecedent


def test_spans_point_into_the_text(seed_quotes: list[Quote], seed_article: Article) -> None:
    text = seed_article.text
    for quote in seed_quotes:
        assert text[quote.span[0] : quote.span[1]] == quote.content
        assert quote.cue_span is None or text[quote.cue_span[0] : quote.cue_span[1]] == quote.cue
        if quote.speaker is not None:
            assert text[quote.speaker.span[0] : quote.speaker.span[1]] == quote.speaker.text


def test_direct_quote_after_its_content(light: Language) -> None:
    quotes = quotes_of(light, "“We will not leave,” the minister said on Tuesday.")
    quote = find(quotes, "the minister", "We will not leave")
    assert quote and quote.direct and quote.cue == "said"
    assert quote.content == "“We will not leave,”"


def test_straight_quotes_spanning_sentences_and_continuations(light: Language) -> None:
    text = (
        '"The talks failed. We go home now," Smith said. "Nobody wanted a deal at all."\n\n'
        "The market fell."
    )
    quotes = quotes_of(light, text)
    first = find(quotes, "Smith", "The talks failed. We go home now")
    second = find(quotes, "Smith", "Nobody wanted a deal")
    assert first and first.direct and second and second.direct
    assert not any("market" in q.content for q in quotes)


def test_indirect_speech_and_according_to(light: Language) -> None:
    quotes = quotes_of(
        light,
        "The general warned that the ceasefire would collapse. "
        "The army lost 40 tanks, according to Ukrainian officials.",
    )
    warned = find(quotes, "The general", "ceasefire would collapse")
    according = find(quotes, "Ukrainian officials", "The army lost 40 tanks")
    assert warned and not warned.direct and warned.cue == "warned"
    assert according and according.cue == "according to" and according.anonymous


def test_media_are_recorded(light: Language) -> None:
    told = quotes_of(light, "The president told Reuters that talks would resume.")
    television = quotes_of(light, "The minister said on state television that prices would fall.")
    assert told[0].medium == "Reuters" and told[0].content == "that talks would resume"
    assert television[0].medium == "state television"


def test_anonymous_sources_and_their_later_mentions(light: Language) -> None:
    quotes = quotes_of(
        light,
        "The deal is close, people familiar with the matter said. "
        "A spokesman said the talks went well. "
        "Spokesman John Kirby said the ships had left. "
        "The spokesman said they would return.",
    )
    assert find(quotes, "people familiar with the matter", "deal is close")
    assert [q.anonymous for q in quotes] == [True, True, False, True]


def test_speaker_takes_the_actor_code_when_actors_ran(light: Language) -> None:
    doc = light.make_doc("Al-Kadhimi said the troops must stay. He added that talks continue.")
    for _, component in light.pipeline:
        if component.__class__.__name__ != "QuotesComponent":
            doc = component(doc)
    iraq = ActorMention("Al-Kadhimi", (0, 10), code="IRQ", sector="GOV", kind="person")
    he = ActorMention("He", (38, 40), code="IRQ", sector="GOV", refers_to=(0, 10), kind="pronoun")
    doc._.dateline_actors = [iraq, he]
    quotes = extract_quotes(doc)
    assert [(q.speaker.code, q.speaker.sector) for q in quotes if q.speaker] == [
        ("IRQ", "GOV"),
        ("IRQ", "GOV"),
    ]
    assert quotes[1].speaker and quotes[1].speaker.refers_to == (0, 10)


def test_without_actors_code_is_none_and_pronouns_point_back(light: Language) -> None:
    quotes = quotes_of(light, "Mary Smith said the plan works. She added that costs fell.")
    assert quotes[0].speaker and quotes[0].speaker.code is None
    assert quotes[1].speaker and quotes[1].speaker.refers_to == quotes[0].speaker.span


def test_quote_source_for_finds_the_innermost_attribution(light: Language) -> None:
    doc = parse(light, "The official said Iran-backed militias attacked the base.")
    trigger = next(t for t in doc if t.text == "attacked")
    quote = quote_source_for(doc, trigger, doc._.dateline_quotes)
    assert quote is not None and quote.speaker and quote.speaker.text == "The official"
    outside = next(t for t in doc if t.text == "said")
    assert quote_source_for(doc, outside, doc._.dateline_quotes) is None


def test_colon_labels_and_transcripts(light: Language) -> None:
    quotes = quotes_of(
        light,
        "Jones: Budget Talks Will Resume Next Week.\n\n"
        "Partial transcript follows:\n\n"
        '"BAKER: Will you vote for the bill?\n\n'
        '"JONES: We have the votes, and we will pass it.',
    )
    headline = find(quotes, "Jones", "Budget Talks Will Resume")
    answer = find(quotes, "JONES", "We have the votes")
    assert headline and headline.cue == ":" and answer and answer.cue == ":"
    assert find(quotes, "BAKER", "Will you vote for the bill")
    assert not any(q.speaker and q.speaker.text.startswith("Partial") for q in quotes)


def test_quotation_signed_with_a_dash(light: Language) -> None:
    text = "“The new park changed how our street feels every evening.” ― Maria Lopez\nMore soon."
    quote = find(quotes_of(light, text), "Maria Lopez", "The new park changed")
    assert quote and quote.direct and quote.cue == "―"


def test_source_phrase_stops_at_a_dash(light: Language) -> None:
    quotes = quotes_of(light, "UPDATE 3:10 p.m. — Governor Ann Reyes said the roads reopened.")
    assert find(quotes, "Governor Ann Reyes", "roads reopened")


def test_attitude_verbs_noun_cues_and_written_media(light: Language) -> None:
    quotes = quotes_of(
        light,
        "The senator believes the tax cut will pass. "
        "Critics rejected the mayor's claim that the bridge was safe. "
        "The ministry said in a statement that the talks had failed. "
        "The plan appears to be working.",
    )
    assert find(quotes, "The senator", "tax cut will pass")
    claim = find(quotes, "the mayor's", "the bridge was safe")
    assert claim and claim.cue == "claim"
    statement = find(quotes, "The ministry", "talks had failed")
    assert statement and statement.medium == "statement"
    appears = next(q for q in quotes if "to be working" in q.content)
    assert appears.speaker is None  # "appear" reports no one's words


@given(st.text(alphabet=st.sampled_from(list('ab “”"\n.')), max_size=60))
def test_quote_regions_start_with_a_mark_and_stay_in_the_text(text: str) -> None:
    for start, end in quote_regions(text):
        assert 0 <= start < end <= len(text)
        assert text[start] in '“"'
