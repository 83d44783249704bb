"""Attributed speech: who said what, through which cue, in which medium.

Five sources of attributions, merged in text order:

1. speech and attitude verbs (``say``, ``warn``, ``believe``, ``support`` ...;
   ``knowledge/data/quotes_lexicon.yaml``) with their complement as content, or, for
   ``X, the official said``, the clause they interrupt; the subject is the source
   (none for ``seem``/``appear``; ``voters who said`` keeps its ``who``);
2. ``according to X``: X is the source, the clause around it the content;
3. speech nouns with a ``that`` clause (``Trump's claim that ...``): the possessor,
   or the subject of the verb that made the claim, is the source;
4. labels at a line start (``PENCE: ...``, headline ``Name: words``);
5. quotation marks (straight and curly, across sentences and paragraphs) that no
   verb claimed: a dash signature after them (``” ― Name``), the nearest speech verb
   of their sentence, a colon before them, or the attribution just before them in the
   same paragraph (continuations).

A source phrase stops at a line break, dash or colon (``12:15 p.m. — Trump says``).

A content span that overlaps quotation marks is widened to take them in; a quote is
*direct* when most of its content lies inside marks (``there is “no need for the
combat troops,”`` is direct; ``they've proven “capable” of ...`` is not).

The medium is the outlet or interview partner (``told Reuters``, ``on state
television``), else the written form (``in a statement`` -> ``statement``).

The speaker is the source phrase as an :class:`~dateline.model.ActorMention`: its
code, sector and antecedent come from an overlapping ``doc._.dateline_actors``
mention when the actors extractor found one; otherwise code is None and a pronoun
points (``refers_to``) at the previous speaker. Sources such as ``a senior
administration official`` or ``people familiar with the matter`` are anonymous, and
so is a later ``the official`` when the first such official was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.errors import KnowledgeError
from dateline.extract.extensions import records
from dateline.extract.syntax import MEDIUM_PREPS
from dateline.knowledge.files import data_path, read_mapping
from dateline.model import ActorMention, Quote

LEXICON_FILE = "quotes_lexicon.yaml"
CharSpan = tuple[int, int]
VERBS = frozenset({"VERB", "AUX"})
SUBJECTS = frozenset({"nsubj"})
RELATIVE_TAGS = frozenset({"WP", "WDT", "WP$"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
TRIM = frozenset({"PUNCT", "SPACE", "CCONJ"})
CURLY = re.compile(r"“[^”“]*(?:”|$)", re.MULTILINE)
ACCORDING = re.compile(r"\baccording(?= to\b)", re.IGNORECASE)
NAME = r"[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|of|de|van|von|al|bin)){0,4}"
SIGNED = re.compile(rf"[ \t\xa0]*([―—–]|--)[ \t\xa0]*({NAME})(?=[ \t\xa0]*(?:,|\n|\Z))")
LABELLED = re.compile(rf"^[\"“]?({NAME})(:)[ \t\xa0]+(\S.*?)[ \t\xa0]*$", re.MULTILINE)
STRAIGHT = re.compile(r"\"[^\"\n]*(?:\"|$)", re.MULTILINE)
MIN_ORPHAN_WORDS = 3
LONG_QUOTE = 30  # characters: a quotation longer than a scare quote
DIRECT_SHARE = 0.5
PHRASE_BREAKS = frozenset({"—", "―", "–", "--", ":", ";"})


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    """The word lists of ``quotes_lexicon.yaml``, ready for set lookups."""

    cue_verbs: frozenset[str]  # every lemma below
    clause_verbs: frozenset[str]
    infinitive_verbs: frozenset[str]
    object_verbs: frozenset[str]
    prep_verbs: Mapping[str, frozenset[str]]
    according_to: frozenset[str]
    anonymous_nouns: frozenset[str]
    anonymity_cues: tuple[str, ...]
    media_generic: frozenset[str]
    interview_nouns: frozenset[str]
    channels: frozenset[str]
    colon_labels: frozenset[str]
    sourceless_verbs: frozenset[str]
    cue_nouns: frozenset[str]
    written_media: frozenset[str]


@lru_cache(maxsize=4)
def load_quote_lexicon(path: Path | None = None) -> QuoteLexicon:
    """Load (once) the quotes lexicon, packaged or from ``path``."""
    data = read_mapping(path or data_path(LEXICON_FILE))
    try:
        return _lexicon_from(data)
    except (KeyError, TypeError, AttributeError) as exc:
        raise KnowledgeError(str(path or LEXICON_FILE), None, f"bad entry: {exc!r}") from exc


def _lexicon_from(data: dict[str, Any]) -> QuoteLexicon:
    lower = lambda items: frozenset(str(item).lower() for item in items)  # noqa: E731
    return QuoteLexicon(
        cue_verbs=lower(data["clause_verbs"])
        | lower(data["infinitive_verbs"])
        | lower(data["object_verbs"])
        | lower(data["prep_verbs"]),
        clause_verbs=lower(data["clause_verbs"]),
        infinitive_verbs=lower(data["infinitive_verbs"]),
        object_verbs=lower(data["object_verbs"]),
        prep_verbs={str(k).lower(): lower(v) for k, v in data["prep_verbs"].items()},
        according_to=lower(data["according_to"]),
        anonymous_nouns=lower(data["anonymity"]["nouns"]),
        anonymity_cues=tuple(str(cue).lower() for cue in data["anonymity"]["cues"]),
        media_generic=lower(data["media"]["generic_nouns"]),
        interview_nouns=lower(data["media"]["interview_nouns"]),
        channels=lower(data["media"]["channels"]),
        colon_labels=lower(data.get("colon_labels", ())),
        sourceless_verbs=lower(data.get("sourceless_verbs", ())),
        cue_nouns=lower(data.get("cue_nouns", ())),
        written_media=lower(data["media"].get("written", ())),
    )


@dataclass(frozen=True, slots=True)
class Frame:
    """One attribution before it becomes a :class:`Quote`: token and char positions."""

    cue: Token | None
    cue_span: CharSpan | None
    source: Span | None
    content: CharSpan


# ---------------------------------------------------------------- quotation marks


def quote_regions(text: str) -> list[CharSpan]:
    """Spans of quoted passages, marks included; an unclosed mark runs to the line end."""
    found = [(m.start(), m.end()) for m in CURLY.finditer(text)]
    found += [(m.start(), m.end()) for m in STRAIGHT.finditer(text)]
    regions = [_strip_end(text, span) for span in found if span[1] - span[0] > 2]
    return sorted(set(regions))


def _strip_end(text: str, span: CharSpan) -> CharSpan:
    start, end = span
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _quoted_share(span: CharSpan, regions: Sequence[CharSpan]) -> float:
    inside = sum(max(0, min(span[1], r[1]) - max(span[0], r[0])) for r in regions)
    return inside / max(1, span[1] - span[0])


# ---------------------------------------------------------------- verb frames


def _verb_frames(doc: Doc, lex: QuoteLexicon) -> Iterator[Frame]:
    for tok in doc:
        if tok.pos_ not in VERBS or tok.lemma_.lower() not in lex.cue_verbs:
            continue
        content = _verb_content(tok, lex)
        if content is not None:
            source = None if tok.lemma_.lower() in lex.sourceless_verbs else source_of(tok)
            yield Frame(tok, _cue_span(tok, lex), source, content)


def _cue_span(verb: Token, lex: QuoteLexicon) -> CharSpan:
    """The verb, with its particle (``point out``) or content preposition (``call for``)."""
    end = verb.idx + len(verb.text)
    preps = lex.prep_verbs.get(verb.lemma_.lower(), frozenset())
    for child in verb.children:
        if child.i == verb.i + 1 and (child.dep_ == "prt" or child.lower_ in preps):
            end = child.idx + len(child.text)
    return verb.idx, end


def _verb_content(verb: Token, lex: QuoteLexicon) -> CharSpan | None:
    """The content a cue verb introduces, as a character span, or None."""
    comps = _complements(verb, lex)
    if comps:
        start = min(c.left_edge.i for c in comps)
        return _tokens_span(verb.doc, start, max(c.right_edge.i for c in comps) + 1)
    if verb.dep_ == "parataxis" and verb.lemma_.lower() in lex.clause_verbs:
        return _interrupted_clause(verb)
    return None


def _complements(verb: Token, lex: QuoteLexicon) -> list[Token]:
    """Content heads by the lemma's table: clause, infinitive, object, then preposition."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    for table, deps in (
        (lex.clause_verbs, ("ccomp",)),
        (lex.infinitive_verbs, ("xcomp",)),
        (lex.object_verbs, ("dobj", "oprd")),
    ):
        found = [c for c in children if c.dep_ in deps] if lemma in table else []
        if found:
            return found
    preps = lex.prep_verbs.get(lemma, frozenset())
    return [
        g
        for c in children
        if c.dep_ == "prep" and c.lower_ in preps
        for g in c.children
        if g.dep_ in ("pobj", "pcomp")
    ]


def _interrupted_clause(verb: Token) -> CharSpan | None:
    """``X, the official said``: the clause the verb interrupts, minus the verb's own words."""
    head = verb.head
    if verb.i > head.i:
        return _tokens_span(verb.doc, head.left_edge.i, verb.left_edge.i)
    return _tokens_span(verb.doc, verb.right_edge.i + 1, head.right_edge.i + 1)


def _tokens_span(doc: Doc, start: int, end: int) -> CharSpan | None:
    """Character span of ``doc[start:end]`` with punctuation trimmed off both edges."""
    while start < end and doc[start].pos_ in TRIM and not _is_mark(doc[start]):
        start += 1
    while end > start and doc[end - 1].pos_ in TRIM and not _is_mark(doc[end - 1]):
        end -= 1
    if end <= start:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _is_mark(tok: Token) -> bool:
    return tok.text in ("“", "”", '"', "‘", "’")


def source_of(verb: Token) -> Span | None:
    """The source phrase of a speech verb: its subject, inherited along conj/advcl."""
    current = verb
    for _ in range(3):
        subject = next((c for c in current.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            return _subject_phrase(current, subject)
        agent = _agent(current)
        if agent is not None:
            return noun_phrase(agent)
        if any(c.dep_ == "nsubjpass" for c in current.children):
            return None  # "the U.S. is expected to": nobody named expects it
        if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
            return _subject_phrase(current, current.head)  # "a statement saying ..."
        if current.dep_ not in ("conj", "advcl", "xcomp") or current.head.i == current.i:
            return None
        current = current.head
    return None


def _subject_phrase(verb: Token, subject: Token) -> Span:
    if subject.i == verb.head.i and verb.dep_ == "acl":
        return subject.doc[subject.left_edge.i : subject.i + 1]
    if subject.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
        # "voters who said ...": the noun with its relative pronoun, which PolNeAR marks
        noun = verb.head
        return noun.doc[noun.left_edge.i : max(noun.i, subject.i) + 1]
    return noun_phrase(subject)


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def noun_phrase(head: Token) -> Span:
    """The subtree of ``head``, punctuation trimmed, as a ``Span``."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for i in range(start, head.i):
        if _breaks_phrase(doc[i]):
            start = i + 1  # "12:15 p.m. — Trump says": the phrase starts after the dash
    for i in range(head.i + 1, end):
        if _breaks_phrase(doc[i]):
            end = i
            break
    while start < head.i and doc[start].pos_ in TRIM:
        start += 1
    while end - 1 > head.i and doc[end - 1].pos_ in TRIM:
        end -= 1
    return doc[start:end]


def _breaks_phrase(tok: Token) -> bool:
    """A line break, dash or colon: a parse that runs across one has gone wrong."""
    if tok.text == "-":  # "LONDON (Reuters) - Trump said": a spaced hyphen, not "well-known"
        return bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)
    return tok.text in PHRASE_BREAKS or "\n" in tok.text


# ---------------------------------------------------------------- noun cues


def _noun_frames(doc: Doc, lex: QuoteLexicon) -> Iterator[Frame]:
    """``Trump's claim that ...``, ``the warning that ...``: a speech noun and its clause."""
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex.cue_nouns:
            continue
        clause = [c for c in tok.children if c.dep_ in ("acl", "ccomp", "appos") and _finite(c)]
        if not clause:
            continue
        content = _tokens_span(doc, clause[0].left_edge.i, clause[-1].right_edge.i + 1)
        if content is not None:
            yield Frame(tok, (tok.idx, tok.idx + len(tok.text)), _noun_source(tok), content)


def _finite(head: Token) -> bool:
    """A ``that``-clause (``the claim that he won``), not a relative one (``the claim he made``)."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in head.children)


def _noun_source(noun: Token) -> Span | None:
    """The possessor (``Trump's claim``), else the subject of the verb that made it."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return noun_phrase(poss)
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in VERBS:
        return source_of(noun.head)
    return None


# ---------------------------------------------------------------- according to


def _according_frames(doc: Doc, text: str, lex: QuoteLexicon) -> Iterator[Frame]:
    for match in ACCORDING.finditer(text):
        first = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if first is None or first[0].lower_ not in lex.according_to or first.end >= len(doc):
            continue
        tok = first[0]
        pobj = _according_object(tok)
        content = _according_content(tok, pobj) if pobj is not None else None
        if pobj is None or content is None:
            continue
        to = doc[tok.i + 1]
        yield Frame(tok, (tok.idx, to.idx + len(to.text)), noun_phrase(pobj), content)


def _according_object(tok: Token) -> Token | None:
    for head in (tok, tok.doc[tok.i + 1]):
        pobj = next((c for c in head.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return pobj
    return None


def _according_content(tok: Token, pobj: Token) -> CharSpan | None:
    sent = tok.sent
    phrase_end = max(pobj.right_edge.i, tok.i + 1) + 1
    if tok.i - sent.start <= 1:
        return _tokens_span(tok.doc, phrase_end, sent.end)
    if phrase_end >= sent.end - 1:
        return _tokens_span(tok.doc, sent.start, tok.i)
    return _tokens_span(tok.doc, sent.start, sent.end)


# ---------------------------------------------------------------- labels: "PENCE: ...", "― Name"


def _labelled_frames(doc: Doc, text: str, lex: QuoteLexicon) -> Iterator[Frame]:
    """``Name: words`` at the start of a line (headlines, transcripts): Name said them."""
    for match in LABELLED.finditer(text):
        name = match.group(1)
        if name.lower() in lex.colon_labels or name.split()[0].lower() in lex.colon_labels:
            continue
        source = doc.char_span(*match.span(1), alignment_mode="expand")
        colon = doc.char_span(*match.span(2), alignment_mode="expand")
        if source is None or colon is None or not any(t.pos_ == "PROPN" for t in source):
            continue
        yield Frame(colon[0], match.span(2), source, match.span(3))


def _signed_frame(doc: Doc, text: str, region: CharSpan) -> Frame | None:
    """``“...” ― Sonya Herridge``: a quotation signed with a dash and a name."""
    match = SIGNED.match(text, region[1])
    if match is None:
        return None
    source = doc.char_span(*match.span(2), alignment_mode="expand")
    dash = doc.char_span(*match.span(1), alignment_mode="expand")
    if source is None or dash is None or not len(dash):
        return None
    return Frame(dash[0], match.span(1), source, region)


# ---------------------------------------------------------------- quotation marks no verb claimed


def _snap(frame: Frame, regions: Sequence[CharSpan]) -> Frame:
    """Widen the content to the quotation marks it overlaps; drop a trailing medium phrase."""
    start, end = frame.content
    cue_start = frame.cue_span[0] if frame.cue_span else -1
    for r_start, r_end in regions:
        if r_start < end and start < r_end and not r_start <= cue_start < r_end:
            start, end = min(start, r_start), max(end, r_end)
    end = _cut_after_quote(frame, start, end, regions)
    return replace(frame, content=(start, end))


def _cut_after_quote(frame: Frame, start: int, end: int, regions: Sequence[CharSpan]) -> int:
    """``there is “no need ...,” in an interview with X``: end the content at the mark."""
    inside = [r for r in regions if start <= r[0] and r[1] < end]
    if not inside or frame.cue is None:
        return end
    doc = frame.cue.doc
    last = inside[-1][1]
    tail = doc.char_span(last, end, alignment_mode="contract")
    if tail is not None and len(tail) and tail[0].lower_ in MEDIUM_PREPS:
        return last
    return end


def _orphan_frames(
    doc: Doc, text: str, regions: Sequence[CharSpan], frames: list[Frame], lex: QuoteLexicon
) -> list[Frame]:
    """Frames for quoted passages that no verb claimed, in text order."""
    found: list[Frame] = []
    for region in regions:
        if any(_claims(f, region) for f in (*frames, *found)):
            continue
        frame = _frame_for_region(doc, text, region, regions, [*frames, *found], lex)
        if frame is not None:
            found.append(frame)
    return found


def _claims(frame: Frame, region: CharSpan) -> bool:
    """A frame claims a quotation its content overlaps, unless its cue is inside it
    (``"Nobody wanted a deal"``: ``wanted`` is the quotation's words, not its frame)."""
    if not _overlap(region, frame.content):
        return False
    return frame.cue_span is None or not region[0] < frame.cue_span[0] < region[1]


def _frame_for_region(
    doc: Doc,
    text: str,
    region: CharSpan,
    regions: Sequence[CharSpan],
    frames: list[Frame],
    lex: QuoteLexicon,
) -> Frame | None:
    words = len(text[region[0] : region[1]].split())
    signed = _signed_frame(doc, text, region)
    if signed is not None:
        return signed
    verb = _nearest_speech_verb(doc, region, regions, lex) or _colon_verb(doc, text, region, lex)
    if verb is not None:
        claimed = any(f.cue is not None and f.cue.i == verb.i for f in frames)
        if claimed and words < MIN_ORPHAN_WORDS:
            return None
        return Frame(verb, _cue_span(verb, lex), source_of(verb), region)
    previous = _previous_frame(text, region, frames)
    if previous is None or words < MIN_ORPHAN_WORDS:
        return None
    return replace(previous, content=region)


def _region_sentences(doc: Doc, region: CharSpan) -> list[Span]:
    span = doc.char_span(region[0], region[1], alignment_mode="expand")
    if span is None:
        return []
    first, last = span[0].sent, span[-1].sent
    return [s for s in doc.sents if first.start <= s.start <= last.start]


def _nearest_speech_verb(
    doc: Doc, region: CharSpan, regions: Sequence[CharSpan], lex: QuoteLexicon
) -> Token | None:
    best: tuple[int, Token] | None = None
    for sent in _region_sentences(doc, region):
        for tok in sent:
            if not _speech_verb(tok, lex):
                continue
            if any(start <= tok.idx < end for start, end in regions):
                continue
            distance = min(abs(tok.idx - region[0]), abs(tok.idx - region[1]))
            if best is None or distance < best[0]:
                best = (distance, tok)
    return best[1] if best else None


def _colon_verb(doc: Doc, text: str, region: CharSpan, lex: QuoteLexicon) -> Token | None:
    before = text[: region[0]].rstrip()
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None:
        return None
    verbs = [t for t in colon[0].sent if _speech_verb(t, lex)]
    return verbs[-1] if verbs else None


def _speech_verb(tok: Token, lex: QuoteLexicon) -> bool:
    """A verb that can frame a quotation: a clause verb that names who spoke."""
    lemma = tok.lemma_.lower()
    return tok.pos_ in VERBS and lemma in lex.clause_verbs and lemma not in lex.sourceless_verbs


def _previous_frame(text: str, region: CharSpan, frames: list[Frame]) -> Frame | None:
    """The attribution just before ``region``, if at most one paragraph break lies between."""
    before = [f for f in frames if f.content[1] <= region[0]]
    if not before:
        return None
    previous = max(before, key=lambda f: f.content[1])
    gap = text[previous.content[1] : region[0]]
    if gap.count("\n\n") + gap.count("\r\n\r\n") > 1 or len(gap) > 400:
        return None
    return previous


def _drop_weak_nested(frames: list[Frame]) -> list[Frame]:
    """Drop ``she said she plans to join``'s inner ``plans``: a cue inside another
    attribution's content only stands when it reports a clause (``said X told him that``)."""
    return [f for f in frames if _reports_clause(f) or not _nested(f, frames)]


def _reports_clause(frame: Frame) -> bool:
    return frame.cue is not None and any(c.dep_ == "ccomp" for c in frame.cue.children)


def _nested(frame: Frame, frames: Sequence[Frame]) -> bool:
    at = frame.cue_span[0] if frame.cue_span else frame.content[0]
    return any(o is not frame and o.content[0] <= at < o.content[1] for o in frames)


def _outside(frame: Frame, regions: Sequence[CharSpan]) -> bool:
    """False for a cue inside a quotation (``“... I think ...,” she said``)."""
    if frame.cue_span is None:
        return True
    at = frame.cue_span[0]
    return not any(start < at < end and end - start > LONG_QUOTE for start, end in regions)


def _overlap(a: CharSpan, b: CharSpan) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# ---------------------------------------------------------------- speakers, anonymity, media


def _speaker(
    source: Span | None, actors: Sequence[ActorMention], history: Sequence[ActorMention]
) -> ActorMention | None:
    if source is None:
        return None
    span = (source.start_char, source.end_char)
    match = _matching_actor(actors, span, source.root)
    if match is not None:
        return replace(match, text=source.text, span=span)
    if source.root.pos_ == "PRON":
        return _pronoun_speaker(source, history)
    return ActorMention(text=source.text, span=span, kind=_kind(source))


def _matching_actor(
    actors: Sequence[ActorMention], span: CharSpan, root: Token
) -> ActorMention | None:
    overlapping = [a for a in actors if _overlap(a.span, span)]
    if not overlapping:
        return None
    root_start = root.idx

    def rank(actor: ActorMention) -> tuple[bool, bool, int]:
        holds_root = actor.span[0] <= root_start < actor.span[1]
        return holds_root, actor.code is not None, actor.span[1] - actor.span[0]

    return max(overlapping, key=rank)


def _pronoun_speaker(source: Span, history: Sequence[ActorMention]) -> ActorMention:
    """A pronoun with no actor record: it points at the previous named speaker."""
    span = (source.start_char, source.end_char)
    named = [s for s in history if s.kind != "pronoun" and s.span[0] < span[0]]
    if not named:
        return ActorMention(text=source.text, span=span, kind="pronoun")
    antecedent = named[-1]
    return ActorMention(
        text=source.text,
        span=span,
        code=antecedent.code,
        sector=antecedent.sector,
        refers_to=antecedent.span,
        kind="pronoun",
    )


def _kind(source: Span) -> str:
    labels = {t.ent_type_ for t in source}
    if "PERSON" in labels:
        return "person"
    if labels & {"ORG", "NORP"}:
        return "organisation"
    if "GPE" in labels:
        return "country"
    return "description"


def is_anonymous(source: Span | None, lex: QuoteLexicon, earlier: set[str]) -> bool:
    """Unnamed officials and sources; ``the official`` after an anonymous one."""
    if source is None:
        return False
    head = source.root
    lemma = head.lemma_.lower()
    if any(t.ent_type_ == "PERSON" for t in source):
        return False
    sentence = head.sent.text.lower()
    if lemma in lex.anonymous_nouns and any(cue in sentence for cue in lex.anonymity_cues):
        return True
    if lemma not in lex.anonymous_nouns:
        return False
    determiner = next((c.lower_ for c in head.children if c.dep_ in ("det", "poss")), None)
    if determiner in DEFINITE:
        return lemma in earlier
    return determiner is None or head.tag_ in ("NNS",) or determiner in ("a", "an", "some")


def medium_of(frame: Frame, lex: QuoteLexicon) -> str | None:
    """The channel an attribution went through: interview partner, outlet told, ``on TV``."""
    if frame.cue is None:
        return None
    for tok in frame.cue.sent:
        name = _interview_medium(tok, lex) or _channel_medium(tok, frame.cue, lex)
        if name:
            return name
    return _written_medium(frame.cue, lex)


def _written_medium(cue: Token, lex: QuoteLexicon) -> str | None:
    """``said in a statement`` -> ``statement``; ``wrote in a tweet`` -> ``tweet``."""
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "on", "via", "through"):
            continue
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and pobj.lemma_.lower() in lex.written_media:
                words = [t for t in pobj.subtree if t.i <= pobj.i and t.dep_ not in ("det", "poss")]
                return " ".join(t.text for t in words) if words else pobj.text
    return None


def _interview_medium(tok: Token, lex: QuoteLexicon) -> str | None:
    if tok.lower_ not in lex.interview_nouns or tok.pos_ != "NOUN":
        return None
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "on", "to"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return _medium_name(pobj, lex)
        if child.dep_ in ("compound", "poss") and child.pos_ == "PROPN":
            return _medium_name(child, lex)
    return None


def _channel_medium(tok: Token, cue: Token, lex: QuoteLexicon) -> str | None:
    told = tok.head.i == cue.i and tok.dep_ in ("dative", "dobj") and cue.lemma_ == "tell"
    on = tok.dep_ == "pobj" and tok.head.lower_ in ("on", "to")
    if not (told or on):
        return None
    name = _medium_name(tok, lex)
    if name.lower() in lex.channels or (told and tok.ent_type_ == "ORG"):
        return name
    return None


def _medium_name(head: Token, lex: QuoteLexicon) -> str:
    """``the Al-Arabiya channel`` -> ``Al-Arabiya``; ``state television`` stays whole."""
    words = [t for t in head.doc[head.left_edge.i : head.i + 1] if t.dep_ not in ("det", "case")]
    proper = [t for t in words if t.pos_ == "PROPN"]
    if proper and words[-1].lower_ in lex.media_generic:
        words = words[:-1]
    if not words:
        return head.text
    return head.doc[words[0].i : words[-1].i + 1].text


# ---------------------------------------------------------------- assembly


def extract_quotes(doc: Doc, lexicon: QuoteLexicon | None = None) -> list[Quote]:
    """Find attributions in ``doc``, in the order of their cues."""
    lex = lexicon or load_quote_lexicon()
    text = doc.text
    regions = quote_regions(text)
    frames = _unique([_snap(f, regions) for f in _verb_frames(doc, lex) if _outside(f, regions)])
    frames = _drop_weak_nested(frames)
    frames += _unique([_snap(f, regions) for f in _according_frames(doc, text, lex)], frames)
    frames += _unique([_snap(f, regions) for f in _noun_frames(doc, lex)], frames)
    frames += _unique(list(_labelled_frames(doc, text, lex)), frames)
    frames += _orphan_frames(doc, text, regions, frames, lex)
    frames.sort(key=lambda f: (f.cue_span or f.content)[0])
    return _quotes(doc, text, frames, regions, lex)


def _unique(frames: list[Frame], seen: Sequence[Frame] = ()) -> list[Frame]:
    kept: list[Frame] = []
    taken = {f.content for f in seen}
    for frame in frames:
        if frame.content not in taken:
            taken.add(frame.content)
            kept.append(frame)
    return kept


def _quotes(
    doc: Doc, text: str, frames: list[Frame], regions: Sequence[CharSpan], lex: QuoteLexicon
) -> list[Quote]:
    actors = _actors(doc)
    speakers: list[ActorMention] = []
    anonymous_heads: set[str] = set()
    quotes: list[Quote] = []
    for frame in frames:
        speaker = _speaker(frame.source, actors, speakers)
        anonymous = is_anonymous(frame.source, lex, anonymous_heads)
        if speaker is not None:
            speakers.append(speaker)
        if anonymous and frame.source is not None:
            anonymous_heads.add(frame.source.root.lemma_.lower())
        quotes.append(_quote(text, frame, speaker, anonymous, regions, lex))
    return quotes


def _actors(doc: Doc) -> list[ActorMention]:
    """The actors extractor's mentions, when it ran before us."""
    if not Doc.has_extension("dateline_actors"):
        return []
    return [a for a in records(doc, "dateline_actors") if isinstance(a, ActorMention)]


def _quote(
    text: str,
    frame: Frame,
    speaker: ActorMention | None,
    anonymous: bool,
    regions: Sequence[CharSpan],
    lex: QuoteLexicon,
) -> Quote:
    cue = text[frame.cue_span[0] : frame.cue_span[1]] if frame.cue_span else None
    return Quote(
        speaker=speaker,
        cue=cue,
        cue_span=frame.cue_span,
        content=text[frame.content[0] : frame.content[1]],
        span=frame.content,
        direct=_quoted_share(frame.content, regions) >= DIRECT_SHARE,
        anonymous=anonymous,
        medium=medium_of(frame, lex),
    )


def quote_source_for(doc: Doc, trigger: Token, quotes: Sequence[Quote]) -> Quote | None:
    """The attribution whose content contains ``trigger`` (the innermost one), or None."""
    at = trigger.idx
    holding = [q for q in quotes if q.span[0] <= at < q.span[1]]
    if not holding:
        return None
    return min(holding, key=lambda q: q.span[1] - q.span[0])


class QuotesComponent:
    """Writes ``doc._.dateline_quotes``; reads ``doc._.dateline_actors`` when present."""

    def __init__(self, lexicon: QuoteLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_quotes = extract_quotes(doc, self.lexicon)
        return doc


@Language.factory(
    "dateline_quotes",
    # doc._.dateline_actors is read when present (codes, antecedents), not required:
    # quotes alone still find speakers, cues and contents
    requires=["token.dep"],
    assigns=["doc._.dateline_quotes"],
)
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent(load_quote_lexicon())
