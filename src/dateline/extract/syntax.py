"""The dependency labels and prepositions the extractors read the parse with, in one
place (spaCy's English labels: ``nsubj``, ``dobj``, ``prep`` ...). Each set is named
for what it picks out; the comment says which extractor reads it. Sets still kept
in the event coder's story, sides, coder, arguments and attach modules and in dating
are to move here too."""

from __future__ import annotations

# ---------------------------------------------------------------- dependency labels

#: Objects of a verb (eventcoding.triggers, modality).
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
#: A noun complement of a wrapper verb: an object, or a passive subject (modality).
NOUN_COMPLEMENT_DEPS = OBJECT_DEPS | {"nsubjpass"}
#: A clause complement of a wrapper verb (``wants to meet``; modality).
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})
#: A purpose clause (``sent troops to fight``; eventcoding.combine).
PURPOSE_DEPS = frozenset({"advcl", "xcomp"})
#: The children that carry a trigger's particles and prepositions (eventcoding.triggers).
PREP_DEPS = frozenset({"prep", "prt", "agent", "dative", "advmod"})
#: Marks of the passive voice (eventcoding.triggers).
PASSIVE_DEPS = frozenset({"nsubjpass", "auxpass"})
#: Modifiers of a noun trigger (eventcoding.triggers).
ADJECTIVAL_DEPS = frozenset({"amod", "compound", "nmod"})
#: Auxiliaries (eventcoding.triggers).
AUX_DEPS = frozenset({"aux", "auxpass"})
#: The children of a trigger whose words the event classifier sees (classifier).
CONTEXT_DEPS = frozenset({"dobj", "obj", "prep", "prt", "xcomp", "ccomp", "attr", "neg", "aux",
                          "dative", "oprd", "acomp", "advmod", "pobj", "compound", "amod"})
#: Modifiers that make a name part of an actor's description (actors).
ACTOR_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod"})
#: Modifiers of a counted noun that belong to the quantity (quantities).
NUMBER_MODIFIER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "conj"})
#: Clauses whose verb a participle or infinitive hangs from (timex.tense).
PARTICIPLE_DEPS = frozenset({"advcl", "acl", "xcomp", "pcomp", "conj", "relcl"})

# ---------------------------------------------------------------- prepositions

#: Prepositions after which a name is a place, not a person, even when spaCy calls it a
#: person; one leading a name is cut off it (actors).
PLACE_PREPS = frozenset(
    {"in", "inside", "into", "near", "outside", "across", "along", "around", "beyond",
     "through", "throughout", "toward", "towards", "within"}
)  # fmt: skip
#: Prepositions whose object is a name used as a place (actors.is_located).
LOCATED_PREPS = frozenset(
    {"in", "at", "near", "into", "inside", "outside", "across", "throughout", "within", "from",
     "to", "toward", "towards", "around", "over", "of", "on"}
)  # fmt: skip
#: Prepositions before a place used as a location (places).
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "around", "throughout", "within",
     "into", "from", "to", "on", "over"}
)  # fmt: skip
#: Prepositions that attach an event to its place, in order of preference (places).
EVENT_PREPS = ("in", "at", "near", "across", "inside", "outside", "around", "throughout",
               "within", "on", "outside of")  # fmt: skip
#: Prepositions before the medium of a quote (``told reporters in an interview``; quotes).
MEDIUM_PREPS = frozenset({"in", "on", "during", "at", "to", "with"})
#: Prepositions that attach a complement to a wrapper (``called for talks``; modality).
COMPLEMENT_PREPS = frozenset({"for", "to", "on"})
#: Prepositions whose object stays in the wrapper's clause (modality).
SAME_CLAUSE_PREPS = frozenset({"in", "at", "with", "by", "through", "via", "under"})
