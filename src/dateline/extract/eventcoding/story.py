"""One row per happening: the story-level pass over a document's coded events.

The coder finds events clause by clause, so one real event mentioned five times (``gunmen
shot the governor``, ``the assassination``, ``the attack``) comes out five times, and a
clause without its arguments comes out half-coded. This pass works on the whole story:

1. **Leave out mentions that report nothing** (:func:`is_no_event`): bare wishes and
   warnings, a subject's own wish, private trips, acts that did not happen. They go
   before merging, so they never lend their sides or dates to a real mention.
2. **Merge** the mentions of one happening into one event (:func:`group_mentions`,
   :func:`continues`, :func:`same_happening`): the same type, coded actors, recipients
   and dates that do not conflict, and evidence that it is one happening (an anaphoric
   nominal, one clause read twice, a meeting with a participant in common, one speaker's
   same words, a shared side for acts). The merged event keeps the most informative
   mention's text and span (most coded sides, then a date), lists every mention in
   ``mentions``, fills a missing actor or recipient from the others, and prefers a date
   the text gives.
3. **Clean the sides**: one referent is never both actor and recipient, nor the
   actor's own country named again; a reaction to an act (``condemned the attack``,
   ``blasted it``) is directed at its doer.
4. **Keep rows with their sides** (:func:`has_its_sides`): an event needs an acting
   actor, and an act done to someone needs its recipient; a conviction told with its
   sentence is the sentence (:func:`sentenced_with`).
5. **Aim at the story's other side** (:func:`aimed`): a kept directed act whose target
   the story never codes is aimed at the party the story is about besides the actor's
   own, else at home (an ``implied`` recipient, ``+recipient:story``).
6. **Date from the story** (:func:`dateline.extract.dating.carry_dates`): an undated
   recent act takes the day of the dated act (or run of acts) just before one of its
   mentions, and default-dated statements take the day the lead reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from dateline.extract.dating import carry_dates
from dateline.isodates import date_bounds
from dateline.model import ActorMention, Event, Mention, content_hash

ANAPHORIC = frozenset({"the", "this", "that", "these", "those", "such"})
VERBAL_QUADS = frozenset({1, 3})
DEEDS = frozenset({"verb:point-weapon"})  # a threat made with a weapon, not with words
NAMED_KINDS = frozenset({"person", "organisation", "group", "country", "metonym"})
COUNTRY_KINDS = frozenset({"country", "metonym"})
ACT_NOUNS = frozenset({"attack", "attacks", "assassination", "killing", "killings", "murder",
                       "bombing", "shooting", "raid", "arrest", "detention", "abduction",
                       "kidnapping", "coup", "invasion", "offensive", "assault", "massacre",
                       "incident", "strike", "strikes", "ambush", "execution", "crackdown",
                       "ban", "embargo", "sanctions", "tariffs", "restrictions", "blockade",
                       "curfew", "expulsion", "expulsions"})
ACT_REACH = 3  # sentences back to the act a reaction names
REFERRING = frozenset({"it", "this", "that"})  # a reaction to what was just told
MEETING_PATTERNS = frozenset({"verb:meet", "verb:visit", "verb:attend", "verb:phone",
                              "verb:mediate", "noun:meeting", "noun:visit", "noun:phone",
                              "noun:mediation"})
WISHES = frozenset({"wrap:need", "wrap:request", "wrap:threaten"})  # the wrapper alone
OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD"})  # police arriving is no visit
BODIES_OF_STATES = frozenset({"IGO", "UNO", "EUR"})
BODY_KINDS = frozenset({"country", "metonym", "organisation", "implied"})  # speak as one
DIRECTED = frozenset({"ACCUSE", "CONCEDE", "REJECT", "COERCE", "ASSAULT", "SANCTION",
                      "THREATEN", "REQUEST", "SUPPORT", "AID", "COOPERATE", "RETREAT"})
MOVEMENTS = frozenset({"verb:mobilize", "verb:deploy-troops", "verb:alert", "verb:return-to",
                       "verb:mobilize-weapons", "noun:mobilize", "noun:mobilize-weapons"})
OWNERS = frozenset({"my", "our", "your", "his", "her", "their", "its"})
KIN = frozenset({"mother", "father", "son", "daughter", "wife", "husband", "brother",
                 "sister", "child", "children", "parents", "uncle", "aunt", "cousin"})
TIES_WORDS = frozenset({"relations", "ties", "relationship", "cooperation", "partnership",
                        "friendship"})  # "the strengthening of these relations"
TARGETED = frozenset({"AID", "SUPPORT", "CONCEDE", "COOPERATE", "REQUEST", "RETREAT"})
JUDGING = frozenset({"verb:describe-as"})  # "described the kingdom as …": a party, judged
# "Ingraham apologized", "disbanded it": rows as they stand, with no one they are done to
SELF_CONTAINED = frozenset({"verb:apologize", "verb:disband-own"})


def codes(side: Iterable[ActorMention]) -> set[str]:
    return {m.code for m in side if m.code}


def coded_sides(event: Event) -> int:
    return int(bool(codes(event.actor))) + int(bool(codes(event.recipient)))


def dates_agree(a: str | None, b: str | None) -> bool:
    """Undated agrees with anything; two dates agree when one is a prefix of the other."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def firm_codes(side: Iterable[ActorMention]) -> set[str]:
    """Codes the text names (an implied state, ``X was arrested``, is a guess)."""
    return {m.code for m in side if m.code and m.kind != "implied"}


def sides_agree(a: Iterable[ActorMention], b: Iterable[ActorMention]) -> bool:
    ours, theirs = firm_codes(a), firm_codes(b)
    return not ours or not theirs or bool(ours & theirs)


def is_anaphoric(event: Event) -> bool:
    """A bare definite nominal that names the event again (``the attack``), or a bare
    demonstrative with its verb (``those expelled``)."""
    words = event.event_text.split()
    if len(words) <= 2 and words[0].lower() in ("those", "these"):
        return True  # "those expelled"
    return (pattern_of(event).startswith("noun:") and len(words) <= 4
            and words[0].lower() in ANAPHORIC)


def shares_a_side(a: Event, b: Event) -> bool:
    """The same country on one side. Within one country's story that is weak evidence,
    but one happening is told with ever-changing words (``a journalist``, ``him``,
    ``Orujov``) that coreference does not yet tie together."""
    return bool(codes(a.actor) & codes(b.actor)) or bool(codes(a.recipient) & codes(b.recipient))


def agree(a: Event, b: Event) -> bool:
    """Nothing tells ``a`` and ``b`` apart: one type, sides and dates that do not conflict.
    A meeting's sides are its participants, whichever side names them (``his talks with
    Lavrov``, ``Wang is visiting Russia``)."""
    if a.event != b.event:
        return False
    if is_meeting(a) and is_meeting(b):
        return meet_together(a, b) and (dates_agree(a.date, b.date) or same_days(a.date, b.date))
    return (dates_agree(a.date, b.date) and sides_agree(a.actor, b.actor)
            and sides_agree(a.recipient, b.recipient))


def same_happening(a: Event, b: Event) -> bool:
    """Whether ``b`` (later in the text) reports the happening ``a`` reports."""
    if not agree(a, b) or two_acts(a, b) or other_people(a.recipient, b.recipient) or (
            elsewhere(a, b)):
        return False
    if is_anaphoric(b) or is_anaphoric(a) or same_clause(a, b):
        return True
    if is_meeting(a) and is_meeting(b):
        return meet_together(a, b) and same_days(a.date, b.date)
    if a.quad_code in VERBAL_QUADS and not {pattern_of(a), pattern_of(b)} & DEEDS:
        return same_statement(a, b)
    return shares_a_side(a, b)


def is_meeting(event: Event) -> bool:
    """A meeting, held or announced (``they will meet Friday``, ``lawmakers will convene
    sessions``: a future meeting is coded AGREE)."""
    return event.event == "CONSULT" or (
        event.event == "AGREE" and pattern_of(event) in MEETING_PATTERNS
        and "future:AGREE" in event.rule.split("+"))


def meet_together(a: Event, b: Event) -> bool:
    """A meeting is told from either side (``Wang met Lavrov``, ``Lavrov's talks``, ``Wang
    is visiting Russia``): one participant in common on any side."""
    return bool((codes(a.actor) | codes(a.recipient)) & (codes(b.actor) | codes(b.recipient)))


def same_days(a: str | None, b: str | None) -> bool:
    """Both undated, or dated alike or at most a day apart (a visit on Thursday is still
    going on in Friday's story)."""
    if a is None or b is None:
        return a is None and b is None
    if dates_agree(a, b):
        return True
    first, second = date_bounds(a)[0], date_bounds(b)[0]
    return first is not None and second is not None and abs((first - second).days) <= 1


def elsewhere(a: Event, b: Event) -> bool:
    """``teachers striking in West Virginia`` and a protest in Oklahoma: events placed in
    two different states or provinces are two happenings. Countries are not compared (a
    diplomatic act has no one place: the expelling state, the expelled's capital), nor
    towns (too often misread)."""
    here, there = a.event_loc, b.event_loc
    if here is None or there is None or here.feature != there.feature:
        return False  # a town and its state may be one place
    return here.feature == "admin1" and (here.country, here.admin1) != (there.country,
                                                                        there.admin1)


def other_people(a: Sequence[ActorMention], b: Sequence[ActorMention]) -> bool:
    """``his mother was arrested`` and ``Zachary Brooks … has been arrested``: acts done to
    two different people (named people, or kin: a mother, a son) are two happenings.
    ``Orujov`` and ``Aziz Orujov`` are one person."""
    ours, theirs = people_of(a), people_of(b)
    return bool(ours) and bool(theirs) and not ours & theirs


def people_of(side: Sequence[ActorMention]) -> set[str]:
    """The last words of the people on a side (``orujov``, ``mother``)."""
    return {m.text.split()[-1].lower() for m in side if m.text.split() and (
        m.kind == "person" or (m.kind == "description"
                               and m.text.split()[-1].lower() in KIN))}


def two_acts(a: Event, b: Event) -> bool:
    """``fired critics … and muzzled the media``: one sentence, other words, done to other
    people (no recipient mention in common) are two acts. ``welcome and support the
    improvement`` is one."""
    if a.sentence != b.sentence or pattern_of(a) == pattern_of(b):
        return False
    if not a.recipient or not b.recipient:
        return False
    return not any(overlap(m.span, n.span) or is_one_of(m, (n,))
                   for m in a.recipient for n in b.recipient)


def same_clause(a: Event, b: Event) -> bool:
    """Two readings of one clause (``welcome`` and ``welcome and support the
    improvement``): the same sentence, overlapping spans."""
    return a.sentence == b.sentence and overlap(a.span, b.span)


def pattern_of(event: Event) -> str:
    """The pattern that coded the event, without wrappers, relabels or later steps
    (``wrap:request>verb:attack+negated:REJECT`` -> ``verb:attack``)."""
    parts = re.split(r"[>+]", event.rule)
    return next((p for p in reversed(parts) if p.startswith(("verb:", "noun:"))), event.rule)


def same_statement(a: Event, b: Event) -> bool:
    """Statements by one speaker are many events; one statement repeated is one: the
    same words (pattern) from the same coded speaker to an agreeing recipient."""
    same_to = sides_agree(a.recipient, b.recipient)
    return pattern_of(a) == pattern_of(b) and same_speaker(a.actor, b.actor) and same_to


def same_speaker(a: Iterable[ActorMention], b: Iterable[ActorMention]) -> bool:
    """One speaker: the same person or phrase (``He`` and the general it refers to), or
    the same state or body, or the state and one of its officials. Two people of one
    country (``he acknowledged``, ``the elders thanked``; two ministers) are two
    speakers."""
    ours, theirs = list(a), list(b)
    if {identity(m) for m in ours} & {identity(m) for m in theirs}:
        return True
    return any(m.code == n.code and m.code and speaks_for_a_state(m) and speaks_for_a_state(n)
               and (m.kind in BODY_KINDS or n.kind in BODY_KINDS) for m in ours for n in theirs)


def speaks_for_a_state(mention: ActorMention) -> bool:
    """A state or body, or an official who speaks for one (``Britain blames Russia``,
    ``Prime Minister Theresa May has blamed the Russian government``)."""
    return mention.kind in BODY_KINDS or mention.sector in OFFICIAL_SECTORS


def identity(mention: ActorMention) -> tuple[int, int] | str:
    """Who a mention is: what it refers to, the person the knowledge knows
    (``President Donald Trump`` and ``U.S. President Donald Trump``), or its words."""
    return mention.refers_to or mention.wikidata or mention.text.lower()


def mention_of(event: Event) -> Mention:
    return Mention(event.event_text, event.span, event.sentence, event.rule)


def informativeness(event: Event) -> tuple[int, int, float]:
    return coded_sides(event), int(event.date is not None), event.confidence


def merge(group: Sequence[Event]) -> Event:
    """One event from the mentions of one happening (see the module docstring)."""
    main = max(group, key=informativeness)
    others = [e for e in group if e is not main]
    actor = main.actor if firm_codes(main.actor) else next(
        (e.actor for e in others if firm_codes(e.actor)), main.actor)
    recipient = main.recipient if codes(main.recipient) else next(
        (e.recipient for e in others if codes(e.recipient)), main.recipient)
    dated = next((e for e in (main, *others) if e.date and e.date_text), None) or (
        main if main.date is not None else next((e for e in others if e.date), main))
    mentions = tuple(mention_of(e) for e in (main, *others))
    return replace(main, actor=actor, recipient=recipient, date=dated.date,
                   date_precision=dated.date_precision, enddate=dated.enddate,
                   date_text=dated.date_text, mentions=mentions,
                   confidence=max(e.confidence for e in group))


def group_mentions(events: Sequence[Event]) -> list[list[Event]]:
    """Events in text order, each joined to the first earlier group of its type that it
    :func:`continues`, or to the latest when it names no recipient (``was arrested
    Saturday`` after two arrests: the later one). Checks against two mentions per group,
    so a long story with many mentions of one happening stays linear in its groups."""
    groups: list[list[Event]] = []
    by_type: dict[str, list[list[Event]]] = {}
    for event in events:
        homes = [g for g in by_type.get(event.event, ()) if continues(g, event)]
        # "was arrested Saturday", done to nobody named: the latest arrest told
        home = (homes[-1] if not event.recipient else homes[0]) if homes else None
        if home is None:
            home = [event]
            groups.append(home)
            by_type.setdefault(event.event, []).append(home)
        else:
            home.append(event)
    return groups


def continues(group: Sequence[Event], event: Event) -> bool:
    """``event`` agrees with the group's first and latest mentions and is the same
    happening as one of them (``the indictment`` between two charges does not break the
    chain)."""
    first, latest = group[0], group[-1]
    if ("+each-other" in event.rule or "+each-other" in first.rule) and not (
            firm_codes(first.actor) and firm_codes(first.actor) == firm_codes(event.actor)):
        return False  # "each has expelled the other's diplomats": only with a named doer
    return (agree(first, event) and agree(latest, event)
            and (same_happening(latest, event) or same_happening(first, event)))


def distinct_sides(event: Event) -> Event:
    """Never the same mention as actor and recipient, and never the actor's own country
    named again as recipient (``France …, accusing Paris``): a state acting on itself is
    only coded where the text names two bodies of it (a government against its court)."""
    taken = {m.span for m in event.actor} | {m.refers_to for m in event.actor if m.refers_to}
    own = {(m.code, m.sector) for m in event.actor if m.code}
    own_codes = {code for code, _ in own}
    recipient = tuple(m for m in event.recipient if m.span not in taken and (
        m.refers_to is None or m.refers_to not in taken) and not (
        m.kind in COUNTRY_KINDS and m.code in own_codes
        and (m.sector is None or (m.code, m.sector) in own)))
    return event if len(recipient) == len(event.recipient) else replace(event,
                                                                        recipient=recipient)


def doers_as_recipients(events: Sequence[Event]) -> list[Event]:
    """``President Tinubu condemned the assassination``: a reaction to an event whose
    recipient is that event's phrase is directed at its doer."""
    out = []
    for event in events:
        if event.recipient and not any(is_actor(m) for m in event.recipient):
            doer = reacted_to(event, events)
            if doer:
                event = replace(event, recipient=doer, rule=f"{event.rule}+recipient:doer")
        out.append(event)
    return out


def reacted_to(event: Event, events: Sequence[Event]) -> tuple[ActorMention, ...]:
    """The doer of the event the recipient phrase names: a mention of it inside the
    phrase; for ``the attack``/``the killing``, the last such act before it; for ``it``
    or ``this``, an act told earlier in the same sentence (``Ingraham apologized, but
    Hogg blasted it``). Never the reacting actor itself."""
    own = {m.text.lower() for m in event.actor} | {m.refers_to for m in event.actor
                                                    if m.refers_to}
    done = [o for o in events if o is not event and any(is_actor(m) for m in o.actor)
            and not any(m.text.lower() in own or m.refers_to in own for m in o.actor)]
    for other in done:
        spans = [m.span for m in other.mentions] or [other.span]
        if any(overlap(r.span, s) for r in event.recipient for s in spans):
            return tuple(m for m in other.actor if is_actor(m))
    if any(r.text.lower() in REFERRING and not r.code for r in event.recipient):
        said = [o for o in done if o.span[1] <= event.span[0] and o.sentence == event.sentence]
        return tuple(m for m in said[-1].actor if is_actor(m)) if said else ()
    if not any(names_an_act(r.text) for r in event.recipient):
        return ()
    before = [o for o in done if o.span[0] < event.span[0] and o.quad_code == 4
              and event.sentence - o.sentence <= ACT_REACH]
    return tuple(m for m in before[-1].actor if is_actor(m)) if before else ()


def names_an_act(text: str) -> bool:
    words = text.lower().strip('"“”').split()
    return len(words) <= 4 and words[0] in ANAPHORIC and words[-1].strip('"“”') in ACT_NOUNS


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def is_actor(mention: ActorMention) -> bool:
    """Coded with a country or a sector, or named (``rebels`` or ``the Ministry of
    Transport`` in a story that never says where are actors; ``the gains`` or an
    unresolved ``you`` is none)."""
    return bool(mention.code or mention.sector or mention.kind in NAMED_KINDS)


def countable(event: Event) -> bool:
    """A row an analyst can count (:func:`is_no_event`, :func:`has_its_sides`)."""
    return not is_no_event(event) and has_its_sides(event)


def is_no_event(event: Event) -> bool:
    """A mention that reports no happening, whatever its neighbours say: a bare wish
    (``she wanted``), a private trip, an act the story says did not happen. Left out
    before merging, so it never lends its sides or date to a real mention."""
    return is_bare_wish(event) or is_private_trip(event) or did_not_happen(event)


def has_its_sides(event: Event) -> bool:
    """An actor who acts, and for acts done *to* someone (aid, support, concessions,
    requests, cooperation, release) an actor who receives, unless several actors act
    together or the act is whole without one (an apology). ``helped unite the
    opposition``, ``restoring peace`` are no rows."""
    if not any(is_actor(m) for m in event.actor):
        return False
    if pattern_of(event) in JUDGING:
        return any(is_actor(m) for m in event.recipient)  # a party judged, not a tax cut
    if event.event not in TARGETED or len(event.actor) > 1:
        return True
    if pattern_of(event) in SELF_CONTAINED:
        return True
    return any(is_actor(m) for m in event.recipient)


def sentenced_with(event: Event, events: Sequence[Event]) -> bool:
    """``a court convicted Orujov and sentenced him to six years``: a conviction told with
    its sentence is one judicial act, the sentence (SANCTION)."""
    if pattern_of(event) != "verb:find-guilty":
        return False
    return any(pattern_of(o) == "verb:convict" and o.sentence == event.sentence
               and sides_agree(o.recipient, event.recipient) for o in events)


def did_not_happen(event: Event) -> bool:
    """``Lawmakers don't meet on Fridays``, ``failed to negotiate``: an act the story says
    did not happen is no row. A refusal is one (REJECT, or a type a negation recoded)."""
    tags = event.rule.split("+")[1:]
    return ("negated" in event.aux and event.event != "REJECT" and not event.rule.startswith(
        "wrap:") and not any(t.startswith("negated:") for t in tags))


def each_to_the_other(event: Event) -> list[Event]:
    """``Each country has expelled 23 of the other's diplomats``: two acts, one by each
    of the pair on the other (``+each-other``)."""
    text = event.event_text.lower()
    pair = list({m.code: m for m in event.actor if m.code}.values())
    if len(pair) != 2 or not (re.search(r"\beach\b", text) and "the other" in text):
        return [event]
    return [replace(event, id=content_hash(event.id, doer.code or "")[:len(event.id)],
                    actor=(doer,), recipient=(*(m for m in event.recipient if m.code),
                                              replace(other, kind="implied")),
                    rule=f"{event.rule}+each-other")
            for doer, other in (pair, pair[::-1])]


def is_bare_wish(event: Event) -> bool:
    """``she wanted``, ``the economy needs``, ``AMLO seeks``, ``he warned``: a want, need
    or warning with nobody it is addressed to is an intention or a remark, not a
    request or a threat; so is a want to act oneself
    (``she wanted to thank the staff``) or one's family to act (``they wanted their
    children to move away from farming``). A call for better ties is addressed to the
    other party (:func:`about_ties`)."""
    if any(tag.startswith("want:") for tag in event.rule.split("+")[1:]):
        return True  # "she wanted to thank the staff": the subject's own wish
    if event.rule.split("+")[0] not in WISHES:
        return False
    return not any(is_actor(m) and not own_kin(m) for m in event.recipient) and (
        not about_ties(event))


def own_kin(mention: ActorMention) -> bool:
    """``their children``, ``his son``: one's own family, no party to ask."""
    words = mention.text.lower().split()
    return len(words) >= 2 and words[0] in OWNERS and words[-1] in KIN


def is_private_trip(event: Event) -> bool:
    """``Russians travelling to the United Kingdom``, ``police arrived``: a visit is a
    consultation when an official (or a body of states) makes it."""
    return event.event == "CONSULT" and event.mode == "visit" and not any(
        m.sector in OFFICIAL_SECTORS or m.role or m.code in BODIES_OF_STATES
        for m in event.actor)


def one_per_happening(
    events: Sequence[Event], actors_given: bool = False, story_date: date | None = None,
    focus: str | None = None, actors: Sequence[ActorMention] = (),
) -> list[Event]:
    """The story's events, one per happening, in text order, each a countable row.

    With ``actors_given`` the caller names the actors itself (the sentence gold sets
    hand over source and target spans): every event is kept with the sides its clause
    gives, and only the merging of mentions applies."""
    ordered = sorted(events, key=lambda e: e.span)
    if actors_given:
        return merged(ordered)
    said = [distinct_sides(e) for told in ordered if not is_no_event(told)
            for e in each_to_the_other(told)]
    said = [e for e in said if not sentenced_with(e, said)]
    named = [m for m in actors if m.code]
    salient = salient_codes(named)
    kept = [aimed(e, focus, salient, named) for e in doers_as_recipients(merged(said))
            if has_its_sides(e) or about_ties(e)]
    return carry_dates([e for e in kept if has_its_sides(e)], story_date, told=ordered)


def about_ties(event: Event) -> bool:
    """``called for the strengthening of these relations``: an act on the ties between the
    actor and another party, who is its recipient (:func:`aimed` finds it in the story)."""
    return any(is_actor(m) for m in event.actor) and any(
        m.kind == "phrase" and TIES_WORDS & set(re.findall(r"[a-z]+", m.text.lower()))
        for m in event.recipient)


def aimed(
    event: Event, focus: str | None, salient: Sequence[str], named: Sequence[ActorMention]
) -> Event:
    """A directed act whose target the story never codes is aimed at the other side the
    story is about: the party named most often besides the actor's own (``US tariffs``
    in a story on China and the US, ``Moscow rejected the plan`` in one on the EU), else
    the country the story happens in (``Ingraham apologized``, ``the FBI indicted
    several programmes`` in an American story). The recipient is ``implied``; it points
    to the mention of that party nearest before the event (the event text when the story
    never names it), and ``+recipient:story`` marks the rule. An act aimed at home needs
    another party of that country the story names (a person, a body), never the actor
    or the country itself (``France …, accusing Paris``), nor a phrase of the event's own
    clause (``Mahathir, Malaysia's longest serving leader, called …``). Only for rows
    already kept: it never makes a row."""
    if event.event not in DIRECTED or codes(event.recipient) or (
            pattern_of(event) in MOVEMENTS):
        return event  # a threatened deployment ("would send more troops") aims at nobody
    own = codes(event.actor)
    target = next((c for c in salient if c not in own), focus)
    if target is None:
        return event
    home = target in own
    mentions = [m for m in named if m.code == target and not is_one_of(m, event.actor)
                and not (home and (m.kind in COUNTRY_KINDS or overlap(m.span, event.span)))]
    if home and not mentions:
        return event  # "France …, accusing Paris": no other party of its own is named
    before = [m for m in mentions if m.span[0] < event.span[0]]
    where = before[-1] if before else (mentions[0] if mentions else None)
    text, span = (where.text, where.span) if where else (event.event_text, event.span)
    implied = ActorMention(text, span, code=target, kind="implied")
    return replace(event, recipient=(*event.recipient, implied),
                   rule=f"{event.rule}+recipient:story")


def is_one_of(mention: ActorMention, side: Iterable[ActorMention]) -> bool:
    """The mention is one of the side's, or one refers to the other (``the group`` and
    ``the Taliban`` it stands for), or both to the same referent."""
    return any(mention.span == m.span or identity(mention) == identity(m)
               or m.refers_to == mention.span or mention.refers_to == m.span for m in side)


def salient_codes(named: Sequence[ActorMention], least: int = 2,
                  share: float = 0.2) -> list[str]:
    """The parties a story is about, most named first: named at least ``least`` times
    and at least ``share`` as often as the most named one (an Indian story that names
    the US twice is not about the US)."""
    counts: dict[str, int] = {}
    for mention in named:
        assert mention.code is not None
        counts[mention.code] = counts.get(mention.code, 0) + 1
    ranked = sorted(counts, key=lambda c: -counts[c])
    floor = max(least, share * counts[ranked[0]]) if ranked else least
    return [code for code in ranked if counts[code] >= floor]


def merged(events: Sequence[Event]) -> list[Event]:
    """One event per group of mentions (see :func:`group_mentions` and :func:`merge`)."""
    return [merge(group) for group in group_mentions(events)]
