"""Word senses that are no events: checks on a verb trigger's objects and complements.

A pattern matches a lemma; whether the lemma is used in its eventive sense often shows
in what it governs. ``released a statement`` frees nobody, ``fired critics`` shoots
nobody, ``share the same values`` is no cooperation, ``the projects were executed`` kills
nobody, ``recalling that …`` withdraws no ambassador. Each check names the sense it
rejects; :func:`plausible` is the one entry point the coder calls.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from dateline.extract.eventcoding.triggers import (
    is_infinitive,
    is_passive,
    lemma_of,
    objects,
    prep_objects,
)
from dateline.knowledge.plover import Pattern

DOCUMENTS = frozenset({"statement", "communique", "list", "report", "video", "document",
                       "data", "figure", "photo", "image", "footage", "recording",
                       "transcript", "letter", "result", "detail", "album", "book"})
NOT_GIFTS = frozenset({"command", "order", "warning", "speech", "interview", "statement",
                       "indication", "answer", "time", "chance", "opportunity", "week", "day",
                       "hour", "month", "deadline", "ultimatum", "reason", "example", "signal",
                       "impression", "idea", "job", "name", "account", "talk", "lecture",
                       "address", "update", "briefing", "testimony", "evidence", "detail",
                       "message", "tweet", "email", "text", "greeting", "regard", "wish"})
SHARED_VIEWS = frozenset({"value", "view", "concern", "goal", "interest", "belief", "vision",
                          "border", "history", "culture", "opinion", "sentiment", "feeling",
                          "principle", "ideal", "aspiration", "objective", "position"})
NOT_VICTIMS = frozenset({"project", "plan", "order", "programme", "program", "strategy",
                         "contract", "task", "deal", "policy", "decision", "work", "scheme",
                         "transaction", "trade", "will", "warrant", "move", "maneuver",
                         "manoeuvre", "agreement"})
MEASURES = frozenset({"level", "record", "high", "low", "peak", "mark", "milestone", "snag",
                      "headline", "note", "chord", "button", "ceiling"})
AMMUNITION = frozenset({"shot", "round", "bullet", "rocket", "missile", "shell", "salvo",
                        "volley", "mortar", "grenade", "gas", "canister", "projectile",
                        "weapon", "gun", "cannon", "artillery", "torpedo", "flare", "barrage",
                        "munition", "bomb", "drone", "fire"})
MAKING = frozenset({"form", "create", "set", "establish", "launch", "appoint", "convene"})
OWN_BODIES = frozenset({"commission", "panel", "committee", "taskforce", "force", "inquiry"})
AIMED = ("at", "on", "upon", "into", "toward", "towards")
ELECTIONS = frozenset({"election", "seat", "poll", "vote", "race", "primary", "constituency",
                       "ballot", "presidency", "post", "office", "by-election"})
LEARNING = frozenset({"university", "school", "college", "class", "church", "mosque",
                      "temple", "synagogue", "lecture", "course", "seminary", "concert",
                      "match", "game", "mass", "service", "wedding", "party", "screening"})
PASSING = frozenset({"tour", "visit", "trip", "journey", "term", "season", "holiday",
                     "vacation", "career", "life", "week", "day", "year", "month", "meeting",
                     "summit", "speech", "game", "match"})
FORCES = frozenset({"troop", "soldier", "force", "army", "unit", "battalion", "brigade",
                    "division", "regiment", "tank", "warship", "ship", "jet", "aircraft",
                    "fighter", "marine", "militia", "police", "officer",
                    "reinforcement", "personnel", "peacekeeper", "contingent", "navy",
                    "military", "vessel", "submarine", "missile", "weapon", "artillery", "man",
                    "member", "guard", "recruit", "reservist", "volunteer"})
SUSPICIONS = frozenset({"case", "allegation", "claim", "complaint", "incident", "charge",
                        "accusation", "conduct", "death", "killing", "attack", "crash",
                        "shooting", "evidence", "fraud", "corruption", "abuse", "leak",
                        "breach", "violation", "report"})
AUDIENCES = frozenset({"reporter", "journalist", "press", "media", "medium", "television",
                       "tv", "radio", "newspaper", "agency", "channel", "audience", "crowd",
                       "supporter", "rally", "gathering", "conference", "outlet",
                       "broadcaster", "programme", "program", "show", "podcast", "newsroom",
                       "interviewer", "correspondent", "daily", "paper", "network", "station",
                       "parliament", "house", "assembly", "nation", "people", "public",
                       "student", "graduate", "fan", "worshipper", "congregation"})
QUESTION_TAGS = frozenset({"WRB", "WP", "WDT", "WP$"})
SETTLEMENTS = frozenset({"agreement", "deal", "accord", "consensus", "understanding",
                         "compromise", "settlement", "truce", "ceasefire", "cease-fire", "pact",
                         "arrangement", "conclusion", "decision", "verdict", "resolution"})
STANDING_BY = ("with", "by", "behind", "alongside", "beside")
ENEMIES = FORCES | frozenset({"enemy", "militant", "rebel", "insurgent", "fighter",
                              "terrorist", "gunman", "jihadist", "extremist", "position",
                              "convoy", "target", "attacker", "invader", "raider"})
HALTING = frozenset({"stop", "halt", "end", "suspend", "cancel", "postpone"})
HOSTILITIES = frozenset({"fight", "shoot", "fire", "attack", "bomb", "shell", "protest",
                         "strike", "march", "boycott", "raid", "kill", "demonstrate",
                         "build", "enrich", "test", "deport", "arrest", "expel", "demolish"})
PAPERS = DOCUMENTS | frozenset({"documentation", "application", "form", "paperwork", "bid",
                                "proposal", "plan", "nomination", "candidacy", "return",
                                "budget", "request", "draft", "amendment", "question"})
UNREALISED_NOUNS = frozenset({"request", "call", "plea", "appeal", "demand", "order", "plan",
                              "proposal", "offer", "invitation", "bid", "opportunity",
                              "occasion", "chance", "need", "willingness", "readiness",
                              "intention", "desire", "wish", "right", "way", "time", "urge"})


def plausible(verb: Token, pattern: Pattern) -> bool:
    """Whether a verb trigger is used in the sense its pattern codes (every check below)."""
    check = SENSE_CHECKS.get(pattern.id)
    return realised(verb) and (check is None or check(verb))


def realised(verb: Token) -> bool:
    """Whether the verb tells an act, not one only named or asked about: ``the request
    to meet``, ``anyone to talk to`` (an infinitive after a noun of asking, wanting or
    chance; not ``the responsibility to fight``, ``a contract to sell arms``), ``it's
    immature for these people to destroy …`` (a judged infinitive), ``how is he going to
    pay for …?`` (a question)."""
    if verb.dep_ in ("acl", "relcl") and is_infinitive(verb):
        head = verb.head
        return not (head.pos_ == "PRON" or head.lemma_.lower() in UNREALISED_NOUNS)
    if is_infinitive(verb) and any(c.dep_ == "mark" and c.lower_ == "for"
                                   for c in verb.children) and is_judged(verb.head):
        return False
    return not is_question(verb)


def is_judged(head: Token) -> bool:
    """The head of a ``for X to …`` clause that judges it (``it's immature for …``,
    ``it is time for …``), not a verb that asks for it (``called for Israel to …``)."""
    return head.pos_ in ("ADJ", "NOUN", "AUX") or head.lemma_.lower() in ("be", "’", "'s")


def is_question(verb: Token) -> bool:
    """A direct question (``How is AMLO going to improve wages?``) or an indirect one
    (``how he is going to pay for …``)."""
    if any(c.lower_ in ("how", "whether") for c in verb.children if c.dep_ in (
            "advmod", "mark")):
        return True
    sent = verb.sent
    words = [t for t in sent if not t.is_punct and not t.is_quote]
    return bool(words) and sent[-1].text == "?" and (
        words[0].tag_ in QUESTION_TAGS or words[0].dep_ == "aux")


def things_of(verb: Token) -> set[str]:
    return {lemma_of(o) for o in objects(verb)}


def frees_people(verb: Token) -> bool:
    """``released a statement`` is no release."""
    return not things_of(verb) & DOCUMENTS


def gives_help(verb: Token) -> bool:
    """Giving or sending is aid when what is given is (not ``sent a message``, ``gave
    verbal commands``); helping is aid to someone, not ``helped unite the opposition``."""
    lemma = lemma_of(verb)
    if lemma in ("give", "send"):
        return not things_of(verb) & NOT_GIFTS
    if lemma == "help":
        return bool(objects(verb)) or not any(is_bare_task(c) for c in verb.children)
    return True


def is_bare_task(clause: Token) -> bool:
    """``helped unite the opposition``: a bare infinitive with no one of its own (not
    ``help African troops pursue …``, ``helping to integrate refugees``)."""
    return (clause.dep_ in ("xcomp", "ccomp") and clause.pos_ == "VERB"
            and not is_infinitive(clause)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children))


def uses_force_on_a_crowd(verb: Token) -> bool:
    """``police dispersed the crowd``, not ``the crowd began to disperse``."""
    return bool(objects(verb)) or is_passive(verb)


def cooperates(verb: Token) -> bool:
    """``share intelligence``, not ``share the same values``."""
    return not (lemma_of(verb) == "share" and things_of(verb) & SHARED_VIEWS)


def harms_someone(verb: Token) -> bool:
    """``executed the prisoners``, not ``the projects have been executed``; ``hit the
    convoy``, not ``unemployment hit its highest level``."""
    patients = {lemma_of(p) for p in
                [c for c in verb.children if c.dep_ == "nsubjpass"] + objects(verb)}
    if lemma_of(verb) == "execute":
        return not patients & NOT_VICTIMS
    if lemma_of(verb) in ("hit", "reach", "strike"):
        return not patients & MEASURES
    return True


def shoots(verb: Token) -> bool:
    """``fired rockets``, ``fired on the crowd``, ``troops fired``; not ``fired critics``
    (dismissed them)."""
    if lemma_of(verb) != "fire" or is_passive(verb):
        return True
    things = things_of(verb)
    aimed = any(c.dep_ == "prep" and c.lower_ in AIMED for c in verb.children)
    return not things or bool(things & AMMUNITION) or aimed


def withdraws_someone(verb: Token) -> bool:
    """``recalled its ambassador``, not ``recalling that Morocco was the first …``."""
    return lemma_of(verb) != "recall" or bool(objects(verb))


def disputes(verb: Token) -> bool:
    """``contested the result``, not ``we are going to contest`` (stand in an election)."""
    if lemma_of(verb) != "contest":
        return True
    things = things_of(verb)
    return bool(things) and not things & ELECTIONS


def meets_others(verb: Token) -> bool:
    """``attended the summit``, not ``to attend university``."""
    return lemma_of(verb) != "attend" or not things_of(verb) & LEARNING


def talks_with_someone(verb: Token) -> bool:
    """``talking about the success …`` with nobody to talk to is a topic, not a meeting."""
    if lemma_of(verb) != "talk":
        return True
    preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
    return not ("about" in preps and not preps & {"with", "to"} and not objects(verb))


def ends_an_operation(verb: Token) -> bool:
    """``the combat mission will be over``, not ``is coming to the end of a three-week
    tour`` (a visit that ends is no withdrawal)."""
    if lemma_of(verb) == "come":
        ends = [o for _, o in prep_objects(verb, ("to",)) if lemma_of(o) == "end"]
        ended = [o for end in ends for _, o in prep_objects(end, ("of",))]
    else:
        ended = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not {lemma_of(t) for t in ended} & PASSING


def moves_forces(verb: Token) -> bool:
    """``Russia amassed troops``, ``the army deployed``; not ``the students have amassed``
    (followers): a mobilisation moves forces, named or implied by a state or force."""
    things = things_of(verb)
    if things:
        return bool(things & FORCES)
    doers = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not doers or any(d.ent_type_ in ("GPE", "NORP", "ORG") or lemma_of(d) in FORCES
                            for d in doers)


def probes_wrongdoing(verb: Token) -> bool:
    """``investigated the killing``; reviewing or studying is an investigation only of a
    case or a suspicion (not ``reviewing the Russian request``, ``reviewed ballots``)."""
    if lemma_of(verb) not in ("review", "study", "examine"):
        return True
    return bool(things_of(verb) & SUSPICIONS)


def speaks_with_someone(verb: Token) -> bool:
    """``speaking to the tribal elders``, ``spoke with Lavrov``; not ``spoke to
    reporters`` (a statement, not a meeting)."""
    partners = {lemma_of(o) for _, o in prep_objects(verb, ("with", "to"))}
    return bool(partners) and not partners & AUDIENCES


def meets(verb: Token) -> bool:
    """A meeting or talks, not ``meet each other half way`` nor talk *about* something
    with nobody to talk to (:func:`talks_with_someone`)."""
    if any(c.lower_ in ("halfway", "half-way") or (c.lower_ == "way" and any(
            g.lower_ == "half" for g in c.children)) for c in verb.children):
        return False
    return talks_with_someone(verb)


def endorses(verb: Token) -> bool:
    """``reached an agreement``, ``reached out to Seoul``, ``stood with Britain``; not
    ``inflation reached 6.69%`` nor ``he stands accused``."""
    lemma = lemma_of(verb)
    if lemma == "reach":
        return bool(things_of(verb) & SETTLEMENTS) or any(
            c.lower_ == "out" and c.dep_ in ("prt", "advmod", "prep") for c in verb.children)
    if lemma == "stand":
        return any(c.dep_ == "prep" and c.lower_ in STANDING_BY for c in verb.children)
    return True


def yields(verb: Token) -> bool:
    """``halted the demolitions``, ``submitted to the court``; not ``stop us from
    contesting`` (preventing), ``stopped looking for jobs`` (a private habit) nor
    ``failed to submit documentation`` (handing in papers)."""
    lemma = lemma_of(verb)
    if lemma == "submit":
        return not things_of(verb) & PAPERS
    if lemma not in HALTING:
        return True
    if any(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children):
        return False
    return not any(c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG"
                   and lemma_of(c) not in HOSTILITIES for c in verb.children)


def engages_an_enemy(verb: Token) -> bool:
    """``troops engaged the militants``, ``jets engaged Hezbollah``; not ``continuing to
    engage BA`` (talks): armed doers or an armed target."""
    if lemma_of(verb) != "engage":
        return True
    things = things_of(verb)
    doers = {lemma_of(c) for c in verb.children if c.dep_ == "nsubj"}
    return not things or bool(things & ENEMIES) or bool(doers & FORCES)


def disbands_its_own(verb: Token) -> bool:
    """``formed a commission …, but disbanded it``; ``disbanded the commission``; not
    ``banned the party and disbanded it`` (a party is no body of one's own making)."""
    if "it" not in {lemma_of(o) for o in objects(verb)}:
        return True
    made = [v for v in verb.sent if lemma_of(v) in MAKING and v.i < verb.i]
    return any(lemma_of(o) in OWN_BODIES for v in made for o in objects(v))


def harms(verb: Token) -> bool:
    return harms_someone(verb) and engages_an_enemy(verb)


SENSE_CHECKS: dict[str, Callable[[Token], bool]] = {
    "verb:release": frees_people,
    "verb:aid": gives_help,
    "verb:crowd": uses_force_on_a_crowd,
    "verb:cooperate": cooperates,
    "verb:attack": harms,
    "verb:support": endorses,
    "verb:concede": yields,
    "verb:shoot": shoots,
    "verb:sanction": withdraws_someone,
    "verb:reject": disputes,
    "verb:attend": meets_others,
    "verb:meet": meets,
    "verb:speak-with": speaks_with_someone,
    "verb:mobilize": moves_forces,
    "verb:investigate": probes_wrongdoing,
    "verb:be-over": ends_an_operation,
    "verb:disband-own": disbands_its_own,
}
